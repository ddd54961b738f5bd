"""PORTAL_WORKERS and the worker settings applied for Granian (SPEC G6)."""

from __future__ import annotations

import os
import time

import pytest

from portal import serving
from portal.settings import load_settings

REDIS = {"REFLEX_REDIS_URL": "redis://127.0.0.1:6379/0"}


@pytest.fixture(autouse=True)
def _restore_worker_environment(monkeypatch):
    """``serving.apply`` writes os.environ: undo it, or later tests start portals with it.

    A leaked GRANIAN_WORKERS=3 once made the browser journeys' portal run three
    workers without Redis. ``delenv`` of an unset variable records nothing to undo,
    so each variable is set first.
    """
    for name in ("GRANIAN_WORKERS", "REFLEX_OPLOCK_ENABLED"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)


def test_workers_default_to_reflexs_choice():
    assert load_settings({}).workers is None
    assert load_settings({"PORTAL_WORKERS": "3", **REDIS}).workers == 3
    assert load_settings({"PORTAL_WORKERS": "1"}).workers == 1


def test_several_workers_need_redis_and_at_least_one_worker():
    with pytest.raises(ValueError, match="PORTAL_WORKERS above 1 needs REFLEX_REDIS_URL"):
        load_settings({"PORTAL_WORKERS": "3"})
    with pytest.raises(ValueError, match="at least 1"):
        load_settings({"PORTAL_WORKERS": "0", **REDIS})


def test_granians_own_worker_count_is_held_to_the_same_rule():
    with pytest.raises(ValueError, match="GRANIAN_WORKERS above 1 needs REFLEX_REDIS_URL"):
        load_settings({"GRANIAN_WORKERS": "3"})
    assert load_settings({"GRANIAN_WORKERS": "3", **REDIS}).workers is None  # Granian's choice
    assert load_settings({"GRANIAN_WORKERS": "1"}).workers is None
    # PORTAL_WORKERS wins: apply() overwrites GRANIAN_WORKERS with it.
    assert load_settings({"PORTAL_WORKERS": "1", "GRANIAN_WORKERS": "3"}).workers == 1


def test_apply_sets_the_granian_worker_count_and_respawning():
    import granian.server

    serving.apply(load_settings({"PORTAL_WORKERS": "3", **REDIS}))
    assert os.environ["GRANIAN_WORKERS"] == "3"
    server = granian.server.Server("portal.portal:app", workers=1)
    assert server.respawn_failed_workers is True


def test_with_redis_workers_hold_their_tabs_states_unless_the_operator_says_no(monkeypatch):
    serving.apply(load_settings({}))
    assert "REFLEX_OPLOCK_ENABLED" not in os.environ
    serving.apply(load_settings({"PORTAL_WORKERS": "3", **REDIS}))
    assert os.environ["REFLEX_OPLOCK_ENABLED"] == "true"
    monkeypatch.setenv("REFLEX_OPLOCK_ENABLED", "false")
    serving.apply(load_settings(REDIS))
    assert os.environ["REFLEX_OPLOCK_ENABLED"] == "false"


def test_the_on_disk_states_are_scanned_for_expired_ones_once_a_minute(tmp_path, monkeypatch):
    from reflex.istate.manager.disk import StateManagerDisk

    monkeypatch.setattr("reflex.utils.prerequisites.get_states_dir", lambda: tmp_path)
    serving.apply(load_settings({}))
    manager = StateManagerDisk()
    old = tmp_path / "old-token.pkl"
    old.write_bytes(b"")
    os.utime(old, (0, 0))  # expired an age ago

    manager._purge_expired_states()  # within a minute of the scan at start-up
    assert old.exists()

    clock = time.monotonic() + serving.PURGE_INTERVAL
    monkeypatch.setattr(serving.time, "monotonic", lambda: clock)
    manager._purge_expired_states()
    assert not old.exists()
