"""The API keys page's handlers, called as a browser would call them: by a provider admin,
by a customer administrator or an agent (refused), and with made-up values (SPEC F2)."""

from __future__ import annotations

import pytest
import reflex as rx
from sqlmodel import Session, select

from portal.models import ApiKey, AuditLog, Role, User, UserStatus
from portal.services import api_keys
from portal.state.api_keys import ApiKeysState
from tests.factories import make_org, make_user


def _state():
    """A state instance inside its tree, as the state manager would build it."""
    root = rx.State(_reflex_internal_init=True)
    return root.get_substate(ApiKeysState.get_full_name().split("."))


@pytest.fixture
def people(session):
    """A provider admin, an agent and a customer administrator."""
    org = make_org(session)
    people = {
        "provider": make_user(session, role=Role.PROVIDER_ADMIN, last_name="Provider"),
        "agent": make_user(session, role=Role.AGENT, last_name="Agent"),
        "customer_admin": make_user(session, org, role=Role.ADMINISTRATOR, last_name="Admin"),
    }
    session.commit()
    return people


def _keys(engine) -> list[ApiKey]:
    with Session(engine) as s:
        return list(s.exec(select(ApiKey)).all())


def test_provider_admin_creates_a_key_and_sees_its_secret_once_in_the_list(db, act_as, people):
    act_as(people["provider"])
    state = _state()
    state.load()
    assert state.loaded and not state.denied and state.keys == []

    state.create({"name": "  ERP   sync ", "scope": "write"})

    (key,) = _keys(db)
    assert state.secret.startswith(f"dsp_{key.prefix}_")
    assert key.key_hash == api_keys.hash_secret(state.secret)
    assert state.secret_name == "ERP sync"
    (row,) = state.keys
    assert row["name"] == "ERP sync"
    assert row["prefix"] == f"dsp_{key.prefix}_…"
    assert row["scope_keys"] == ["api_keys.scope.read", "api_keys.scope.write"]
    assert row["created_by"] == "Test Provider"
    assert row["last_used"] == "" and row["active"] is True
    assert state.errors == {"name": "", "scopes": ""}
    # The list never carries the secret or its hash.
    assert state.secret not in repr(state.keys) and key.key_hash not in repr(state.keys)


def test_read_only_choice_makes_a_read_key(db, act_as, people):
    act_as(people["provider"])
    state = _state()
    state.load()
    state.create({"name": "Monitoring", "scope": "read"})
    (key,) = _keys(db)
    assert key.scope_set == {"read"}
    assert state.keys[0]["scope_keys"] == ["api_keys.scope.read"]


def test_missing_name_shows_the_error_next_to_the_field_and_creates_nothing(db, act_as, people):
    act_as(people["provider"])
    state = _state()
    state.load()

    state.create({"name": "   ", "scope": "read"})

    assert state.errors["name"] == "api_keys.error.name_required"
    assert state.errors["scopes"] == ""
    assert state.secret == ""
    assert _keys(db) == []
    # The page shows it in the user's language from the catalogue.
    assert state._t(state.errors["name"]) != state.errors["name"]


@pytest.mark.parametrize(
    "form",
    [
        {"name": "X", "scope": "admin"},
        {"name": "X", "scope": ["read", "delete"]},
        {"name": "X"},
        "not a form",
    ],
)
def test_made_up_scope_values_are_refused(db, act_as, people, form):
    act_as(people["provider"])
    state = _state()
    state.load()
    state.create(form)
    assert state.errors["scopes"] == "api_keys.error.scopes"
    assert state.secret == ""
    assert _keys(db) == []


@pytest.mark.parametrize("who", ["customer_admin", "agent", None])
def test_anyone_but_a_provider_admin_is_refused_and_nothing_changes(db, act_as, people, who):
    with Session(db) as s:
        key, _secret = api_keys.create_key(
            session=s, actor=s.get(User, people["provider"].id), name="ERP", scopes=["read"]
        )
        s.commit()
        key_id = key.id
    act_as(people[who] if who else None)
    state = _state()

    state.load()
    assert state.keys == []
    state.create({"name": "Sneaky", "scope": "write"})
    state.ask_revoke(key_id)
    state.revoke_id = key_id  # as if the browser had set it
    state.confirm_revoke()

    assert state.keys == [] and state.secret == "" and state.revoke_id == 0
    if who:
        assert state.denied is True
        assert state.error == "error.permission_denied"
    (only,) = _keys(db)
    assert only.id == key_id and only.revoked_at is None
    with Session(db) as s:
        actions = [a.action for a in s.exec(select(AuditLog)).all()]
    assert actions == ["api_key.created"]


def test_revoke_after_confirmation_marks_the_key_revoked(db, act_as, people):
    act_as(people["provider"])
    state = _state()
    state.load()
    state.create({"name": "ERP", "scope": "write"})
    key_id = state.keys[0]["id"]

    state.ask_revoke(key_id)
    assert state.revoke_id == key_id and state.revoke_name == "ERP"
    state.confirm_revoke()

    assert state.revoke_id == 0
    assert state.notice == "api_keys.revoked"
    assert state.keys[0]["active"] is False
    (key,) = _keys(db)
    assert key.revoked_at is not None
    with Session(db) as s:
        assert s.get(User, key.user_id).status == UserStatus.INACTIVE.value
    # A revoked key offers no revocation again.
    state.ask_revoke(key_id)
    assert state.revoke_id == 0


def test_cancelled_or_unknown_revocation_changes_nothing(db, act_as, people):
    act_as(people["provider"])
    state = _state()
    state.load()
    state.create({"name": "ERP", "scope": "read"})
    key_id = state.keys[0]["id"]

    state.ask_revoke(key_id)
    state.cancel_revoke()
    state.confirm_revoke()
    state.ask_revoke(key_id + 99)
    assert state.revoke_id == 0
    state.ask_revoke("1; drop table apikey")
    assert state.revoke_id == 0
    assert _keys(db)[0].revoked_at is None


def test_secret_is_gone_after_done_and_after_reloading_the_page(db, act_as, people):
    act_as(people["provider"])
    state = _state()
    state.load()
    state.create({"name": "ERP", "scope": "read"})
    assert state.secret
    state.mark_copied()
    assert state.copied

    state.load()
    assert state.secret == "" and state.secret_name == "" and not state.copied
    assert len(state.keys) == 1

    state.create({"name": "Second", "scope": "read"})
    assert state.secret
    state.dismiss_secret()
    assert state.secret == ""
    # Copying with no secret on the page says nothing was copied.
    state.mark_copied()
    assert not state.copied
