"""Handlers of the identity states, called directly as a browser could call them."""

from __future__ import annotations

from sqlmodel import select

from portal.models import User, UserStatus
from portal.security import hash_password
from portal.state.auth import AuthState
from portal.state.public import LoginState, RegisterState
from tests import factories

PASSWORD = "correct horse battery"


def _state(cls):
    return cls(_reflex_internal_init=True)


def _user(session, **kwargs) -> User:
    user = factories.make_user(session, password_hash=hash_password(PASSWORD), **kwargs)
    session.commit()
    return user


def _login(email: str, password: str = PASSWORD) -> LoginState:
    state = _state(LoginState)
    LoginState.submit.fn(state, {"email": email, "password": password})
    return state


def test_login_with_wrong_password_sets_generic_error_and_no_session(db, session):
    user = _user(session)
    state = _login(user.email, "wrong password!")
    assert state.session_token == ""
    assert state.error
    unknown = _login("nobody@example.com", "wrong password!")
    assert unknown.error == state.error


def test_login_sets_session_that_resolves_to_the_user(db, session):
    user = _user(session, language="de")
    state = _login(user.email)
    assert state.session_token
    assert state.lang == "de"
    assert AuthState.check_login.fn(state) is None
    assert state.signed_in and state.user_email == user.email


def test_forged_session_token_is_sent_to_login(db, session):
    state = _state(AuthState)
    state.session_token = "forged-token"
    assert AuthState.check_login.fn(state) is not None
    assert not state.signed_in


def test_suspended_user_loses_open_session_at_once(db, session):
    user = _user(session)
    state = _login(user.email)
    row = session.get(User, user.id)
    row.status = UserStatus.INACTIVE
    session.add(row)
    session.commit()
    assert AuthState.check_login.fn(state) is not None
    assert not state.signed_in


def test_set_language_ignores_unknown_values_and_stores_known_ones(db, session):
    user = _user(session)
    state = _login(user.email)
    AuthState.set_language.fn(state, "xx")
    assert state.lang == "es"
    AuthState.set_language.fn(state, "en")
    session.expire_all()
    assert session.get(User, user.id).language == "en"


def test_logout_ends_the_server_side_session(db, session):
    user = _user(session)
    state = _login(user.email)
    token = state.session_token
    AuthState.logout.fn(state)
    again = _state(AuthState)
    again.session_token = token
    assert AuthState.check_login.fn(again) is not None


def test_registration_with_wrong_serial_stores_nothing(db, session):
    org = factories.make_org(session)
    factories.make_product(session, org, serial="ABC123", postal_code="28001")
    session.commit()
    state = _state(RegisterState)
    form = {
        "company_name": "X",
        "full_name": "Ana Ruiz",
        "email": "ana@example.com",
        "phone": "600000000",
        "serial": "ABC124",
        "postal_code": "28001",
        "language": "es",
    }
    RegisterState.submit.fn(state, form)
    assert state.errors and not state.done
    assert session.exec(select(User)).all() == []
    RegisterState.submit.fn(state, {**form, "serial": "abc 123"})
    assert state.done
