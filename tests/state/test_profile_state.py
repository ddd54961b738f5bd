"""The profile and alert handlers, called as any browser could call them (SPEC E1, E2).

They act on the signed-in user only: no handler takes a user id, whatever a
forged form adds, and nobody signed in changes nothing.
"""

from __future__ import annotations

import inspect

import pytest
from sqlmodel import col, select

from portal import security
from portal.models import AlertPreference, AuditLog, Role, User, UserSession
from portal.services import identity
from portal.state.profile import AlertsState, ProfileState
from tests import factories

PASSWORD = "correct horse battery"
NEW_PASSWORD = "violet tractor anthem"


@pytest.fixture(autouse=True)
def fast_hashing():
    security.configure_for_tests()


@pytest.fixture
def db(engine, monkeypatch):
    """Point the states' session_scope at the test database."""
    monkeypatch.setattr("portal.db.get_engine", lambda: engine)
    return engine


@pytest.fixture
def users(session, db):
    org = factories.make_org(session)
    ana = factories.make_user(
        session,
        org,
        role=Role.DEVICE_MANAGER,
        email="ana@example.com",
        password_hash=security.hash_password(PASSWORD),
    )
    ben = factories.make_user(
        session,
        org,
        role=Role.ADMINISTRATOR,
        email="ben@example.com",
        password_hash=security.hash_password(PASSWORD),
    )
    session.commit()
    return ana, ben


def _token(session, email: str) -> str:
    _, raw = identity.login(session=session, email=email, password=PASSWORD)
    session.commit()
    return raw


def _as(cls, token: str = ""):
    state = cls(_reflex_internal_init=True)
    state.session_token = token
    return state


def _fresh(session, user: User) -> User:
    session.expire_all()
    return session.get(User, user.id)


def _open_sessions(session, user: User) -> int:
    session.expire_all()
    return len(
        session.exec(
            select(UserSession).where(
                col(UserSession.user_id) == user.id, col(UserSession.ended_at).is_(None)
            )
        ).all()
    )


FORGED = {
    "first_name": "Mallory",
    "last_name": "Evil",
    "phone": "+34 600 000 000",
    "job_title": "Intruder",
    "language": "de",
}


def test_no_handler_takes_a_user_id():
    for cls in (ProfileState, AlertsState):
        for name in ("load", "save_details", "change_password", "logout_others", "save"):
            handler = getattr(cls, name, None)
            if handler is None:
                continue
            parameters = inspect.signature(handler.fn).parameters
            assert not any("id" in p or "user" in p for p in parameters), (cls, name)


def test_nobody_signed_in_sees_and_changes_nothing(session, users):
    ana, _ = users
    before = (ana.first_name, ana.last_name, ana.language, ana.password_hash)
    state = _as(ProfileState, "forged-token")

    ProfileState.load.fn(state)
    assert not state.loaded and state.email == "" and state.sessions == []
    ProfileState.save_details.fn(state, {**FORGED, "email": ana.email})
    ProfileState.change_password.fn(
        state,
        {
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
    )
    ProfileState.logout_others.fn(state)
    alerts = _as(AlertsState)
    AlertsState.load.fn(alerts)
    AlertsState.set_enabled.fn(alerts, "ticket_opened", False)
    AlertsState.save.fn(alerts)

    assert not state.details_saved and not state.password_saved and not alerts.saved
    stored = _fresh(session, ana)
    assert (stored.first_name, stored.last_name, stored.language, stored.password_hash) == before
    assert session.exec(select(AlertPreference)).all() == []
    assert session.exec(select(AuditLog)).all() == []


def test_load_shows_the_users_own_details_and_sessions_without_tokens(session, users):
    ana, _ = users
    token = _token(session, ana.email)
    _token(session, ana.email)
    _token(session, "ben@example.com")
    state = _as(ProfileState, token)

    ProfileState.load.fn(state)

    assert state.loaded and state.email == "ana@example.com"
    assert state.last_name == ana.last_name
    assert len(state.sessions) == 2
    assert [row["current"] for row in state.sessions].count(True) == 1
    assert token not in str(state.sessions)
    assert security.hash_token(token) not in str(state.sessions)


def test_save_details_changes_the_signed_in_user_only_and_switches_the_language(session, users):
    ana, ben = users
    state = _as(ProfileState, _token(session, ana.email))
    ProfileState.load.fn(state)

    ProfileState.save_details.fn(
        state, {**FORGED, "language": "en", "id": ben.id, "user_id": ben.id, "email": ben.email}
    )

    assert state.details_saved
    assert state.lang == "en"
    stored = _fresh(session, ana)
    assert (stored.first_name, stored.job_title, stored.language) == ("Mallory", "Intruder", "en")
    assert stored.email == "ana@example.com"
    other = _fresh(session, ben)
    assert (other.first_name, other.job_title, other.language) == ("Test", "", "es")


def test_save_details_reports_errors_per_field_and_keeps_the_language(session, users):
    ana, _ = users
    state = _as(ProfileState, _token(session, ana.email))
    ProfileState.load.fn(state)

    ProfileState.save_details.fn(
        state, {"first_name": " ", "phone": "not a phone", "language": "de"}
    )

    assert not state.details_saved
    assert state.details_errors["first_name"] == "error.required"
    assert state.details_errors["phone"] == "error.phone_invalid"
    assert state.details_errors["last_name"] == ""
    assert state.lang == "es"
    assert _fresh(session, ana).language == "es"


def test_save_details_ignores_values_that_are_not_text(session, users):
    ana, _ = users
    state = _as(ProfileState, _token(session, ana.email))
    ProfileState.save_details.fn(state, {"first_name": ["x"], "language": {"de": 1}})
    assert state.details_errors["first_name"] == "error.required"
    ProfileState.save_details.fn(state, "not a form")
    assert state.details_errors["first_name"] == "error.required"


def test_change_password_keeps_this_session_and_ends_the_others(session, users):
    ana, ben = users
    here = _token(session, ana.email)
    _token(session, ana.email)
    _token(session, ben.email)
    state = _as(ProfileState, here)

    ProfileState.change_password.fn(
        state,
        {
            "current_password": "wrong password!",
            "new_password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
    )
    assert state.password_errors["current_password"] == "error.password_wrong"
    assert not state.password_saved and _open_sessions(session, ana) == 2

    ProfileState.change_password.fn(
        state,
        {
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
    )

    assert state.password_saved
    assert state.password_errors == {
        "current_password": "",
        "new_password": "",
        "confirm_password": "",
    }
    assert _open_sessions(session, ana) == 1
    assert _open_sessions(session, ben) == 1
    assert state._check_login() is None
    assert [row["current"] for row in state.sessions] == [True]
    assert identity.login(session=session, email=ana.email, password=NEW_PASSWORD) is not None
    assert security.verify_password(PASSWORD, _fresh(session, ben).password_hash)[0]


def test_logout_others_ends_only_the_users_other_sessions(session, users):
    ana, ben = users
    here = _token(session, ana.email)
    _token(session, ana.email)
    _token(session, ana.email)
    _token(session, ben.email)
    state = _as(ProfileState, here)

    ProfileState.logout_others.fn(state)

    assert state.sessions_notice == "profile.logged_out_others"
    assert _open_sessions(session, ana) == 1
    assert _open_sessions(session, ben) == 1
    assert state._check_login() is None


def test_alerts_are_saved_for_the_signed_in_user_only(session, users):
    ana, ben = users
    state = _as(AlertsState, _token(session, ana.email))
    AlertsState.load.fn(state)
    assert state.loaded and state.enabled["ticket_opened"] is True

    AlertsState.set_enabled.fn(state, "ticket_opened", False)
    AlertsState.set_own.fn(state, "ticket_updated", True)
    AlertsState.set_delivery.fn(state, "reading_due", "digest")
    AlertsState.set_enabled.fn(state, "no_such_event", False)
    AlertsState.set_delivery.fn(state, "move_status", "weekly")
    AlertsState.save.fn(state)

    assert state.saved
    rows = {
        row.event: (row.enabled, row.not_for_own_actions, row.digest)
        for row in session.exec(
            select(AlertPreference).where(col(AlertPreference.user_id) == ana.id)
        ).all()
    }
    assert rows["ticket_opened"] == (False, False, False)
    assert rows["ticket_updated"] == (True, True, False)
    assert rows["reading_due"] == (True, False, True)
    assert rows["move_status"] == (True, False, False)
    assert "no_such_event" not in rows
    assert (
        session.exec(select(AlertPreference).where(col(AlertPreference.user_id) == ben.id)).all()
        == []
    )
    assert state.enabled["ticket_opened"] is False
    assert state.delivery["reading_due"] == "digest"


def test_alerts_before_loading_store_nothing(session, users):
    ana, _ = users
    state = _as(AlertsState, _token(session, ana.email))
    AlertsState.set_enabled.fn(state, "ticket_opened", False)
    AlertsState.save.fn(state)
    assert session.exec(select(AlertPreference)).all() == []


def test_a_session_ended_elsewhere_sees_nothing_more(session, users):
    ana, _ = users
    mine = _token(session, ana.email)
    stolen = _token(session, ana.email)
    state = _as(ProfileState, mine)
    ProfileState.load.fn(state)
    ProfileState.logout_others.fn(state)

    thief = _as(AlertsState, stolen)
    AlertsState.load.fn(thief)
    AlertsState.save.fn(thief)
    assert not thief.loaded and thief.enabled == {}
    assert session.exec(select(AlertPreference)).all() == []
