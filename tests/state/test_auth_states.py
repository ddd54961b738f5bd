"""Handlers of the identity states, called directly as a browser could call them."""

from __future__ import annotations

import pytest
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
    assert state._check_login() is None
    assert state.signed_in and state.user_email == user.email


def test_forged_session_token_is_sent_to_login(db, session):
    state = _state(AuthState)
    state.session_token = "forged-token"
    assert state._check_login() is not None
    assert not state.signed_in


def test_suspended_user_loses_open_session_at_once(db, session):
    user = _user(session)
    state = _login(user.email)
    row = session.get(User, user.id)
    row.status = UserStatus.INACTIVE
    session.add(row)
    session.commit()
    assert state._check_login() is not None
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
    assert again._check_login() is not None


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


def _page_state(cls, token: str = ""):
    """A page state inside its tree, on its page's path, with the tab's session cookie."""
    import reflex as rx
    from reflex.istate.data import ReflexURL, RouterData

    root = rx.State(_reflex_internal_init=True)
    state = root.get_substate(cls.get_full_name().split("."))
    state.router = RouterData.from_router_data({"pathname": "/products/", "asPath": "/products/"})
    assert isinstance(state.router.url, ReflexURL)
    state.session_token = token
    return state


def test_signed_in_page_sends_anonymous_visitor_to_login_and_back(db, session):
    from portal.state.products import ProductListState

    factories.make_product(session, factories.make_account(session, factories.make_org(session)))
    session.commit()
    state = _page_state(ProductListState, "expired-or-forged")

    event = ProductListState.load.fn(state)

    assert event is not None and "/login?next=/products/" in str(event)
    assert state.session_token == "" and not state.signed_in
    assert state.rows == []


def test_opening_a_page_looks_the_session_up_once(db, session, monkeypatch):
    from portal.services import identity
    from portal.state.products import ProductListState

    org = factories.make_org(session)
    user = _user(session, org=org)
    factories.make_product(session, factories.make_account(session, org))
    session.commit()
    state = _page_state(ProductListState, _login(user.email).session_token)
    lookups = []
    resolve = identity.resolve_session
    monkeypatch.setattr(
        identity, "resolve_session", lambda **kw: lookups.append(1) or resolve(**kw)
    )

    assert ProductListState.load.fn(state) is None

    assert len(lookups) == 1
    assert state.signed_in and len(state.rows) == 1


def test_a_page_load_that_looked_nobody_up_is_checked_after_it(db, session):
    from portal.state.auth import page_load

    ran = []

    class Probe:
        session_token = ""

        def _check_login(self):
            return "to-login"

    @page_load
    def load(self):
        ran.append(True)

    assert load(Probe()) == "to-login" and ran == [True]


def test_pages_without_the_login_check_are_refused():
    import reflex as rx

    from portal.components.common import add_pages

    with pytest.raises(TypeError, match="page_load"):
        add_pages(rx.App(), ((rx.fragment, "/x", AuthState.refresh),))
