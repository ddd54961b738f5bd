"""How the production backend runs its workers (SPEC G6), applied from rxconfig.py.

Reflex 0.10.1 serves the production backend with Granian and takes the worker
count from ``GRANIAN_WORKERS`` (else 1 without Redis, 2 × CPUs + 1 with it);
``PORTAL_WORKERS`` sets that variable. Reflex also builds Granian without
``respawn_failed_workers``, so one crashed or killed worker makes Granian stop
all the others: the portal turns respawning on, so that the browsers of a lost
worker reconnect to the remaining ones while a fresh worker starts.

With Redis, each worker keeps the state of the tabs it serves between their events
(Reflex's opportunistic lock, ``REFLEX_OPLOCK_ENABLED``, on unless the operator turns
it off): a tab's events all come over one websocket to one worker, so reading and
writing every state in Redis on every event was most of the cost of an event. The
state goes to Redis when the hold ends (``REFLEX_OPLOCK_HOLD_TIME``, by default half
the lock expiry) or at once when another worker asks for that tab, as after a
reconnect. A worker killed while holding a tab loses that tab's unsaved screen state
(never data: every change is committed to the database by its event), and the tab's
next worker waits for the lock to expire.

Without Redis, Reflex keeps the tabs' states on disk and, after every batch of
writes (as often as several times a second under load), lists the whole state
directory and stats every file in it to find expired ones: with a hundred users
that scan took a sixth of the worker's time. States expire after an hour, so the
portal lets that scan run at most once a minute (``PURGE_INTERVAL``).

Workers are forked from a supervisor that has already checked the schema through
Reflex's engine: each forked worker drops the pooled connections it inherited
(SQLAlchemy's ``dispose(close=False)``), so that no two processes ever talk over one
database connection.
"""

from __future__ import annotations

import functools
import os
import time

from portal.settings import Settings


def apply(settings: Settings) -> None:
    """Set the worker count, worker respawning and, with Redis, the held tab states."""
    if settings.workers is not None:
        os.environ["GRANIAN_WORKERS"] = str(settings.workers)
    if settings.redis_url:
        os.environ.setdefault("REFLEX_OPLOCK_ENABLED", "true")
    respawn_failed_workers()
    throttle_disk_state_purge()
    global _fork_hook_registered
    if not _fork_hook_registered:
        os.register_at_fork(after_in_child=drop_inherited_connections)
        _fork_hook_registered = True


_fork_hook_registered = False

# Seconds between two scans of the on-disk state directory for expired states.
PURGE_INTERVAL = 60.0


def drop_inherited_connections() -> None:
    """In a forked child: forget the parent's pooled connections without closing them."""
    import sys

    engines = []
    if (reflex_model := sys.modules.get("reflex.model")) is not None:
        engines += list(getattr(reflex_model, "_ENGINE", {}).values())
    if (db := sys.modules.get("portal.db")) is not None and db.get_engine.cache_info().currsize:
        engines.append(db.get_engine())
    for engine in engines:
        engine.dispose(close=False)


def respawn_failed_workers() -> None:
    """Make Granian's servers respawn a worker that exited unexpectedly."""
    try:
        import granian.server as granian_server
    except ImportError:  # a backend without Granian has nothing to configure
        return
    server = granian_server.Server
    if getattr(server, "_portal_respawns", False):
        return

    @functools.wraps(server.__init__)
    def init(self, *args, **kwargs):
        kwargs.setdefault("respawn_failed_workers", True)
        original(self, *args, **kwargs)

    original = server.__init__
    server.__init__ = init
    server._portal_respawns = True


def throttle_disk_state_purge() -> None:
    """Let Reflex's on-disk state manager scan for expired states once a ``PURGE_INTERVAL``."""
    from reflex.istate.manager.disk import StateManagerDisk

    if getattr(StateManagerDisk, "_portal_purge_throttled", False):
        return
    original = StateManagerDisk._purge_expired_states

    @functools.wraps(original)
    def purge(self) -> None:
        now = time.monotonic()
        last = getattr(self, "_portal_last_purge", None)
        if last is not None and now - last < PURGE_INTERVAL:
            return
        self._portal_last_purge = now
        original(self)

    StateManagerDisk._purge_expired_states = purge
    StateManagerDisk._portal_purge_throttled = True
