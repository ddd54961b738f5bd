"""Tab states called as a browser would call them, as the wrong user or nobody (SPEC A6)."""

from __future__ import annotations

import pytest
import reflex as rx

from portal import security
from portal.models import Role, UserSession, UserStatus
from portal.state.tabs import UsersState
from tests.factories import (
    assign_product,
    make_account,
    make_model,
    make_org,
    make_product,
    make_user,
)


def _state(state_cls):
    """A state instance inside its tree, as the state manager would build it."""
    root = rx.State(_reflex_internal_init=True)
    return root.get_substate(state_cls.get_full_name().split("."))


@pytest.fixture
def org_with_manager(session):
    """An organisation with 30 products, a device manager assigned to two of them."""
    org = make_org(session)
    account = make_account(session, org)
    model = make_model(session)
    products = [
        make_product(session, account=account, model=model, serial=f"S{n:03d}") for n in range(30)
    ]
    manager = make_user(session, org, role=Role.DEVICE_MANAGER)
    assign_product(session, manager, products[3])
    assign_product(session, manager, products[17])
    admin = make_user(session, org, role=Role.ADMINISTRATOR)
    reader = make_user(session, org, role=Role.KNOWLEDGE_USER)
    session.commit()
    return {"org": org, "manager": manager, "admin": admin, "reader": reader}


def test_device_manager_is_denied_the_user_list(db, act_as, org_with_manager):
    act_as(org_with_manager["manager"])
    state = _state(UsersState)

    state.load()
    state.set_status("pending")
    state.search({"last_name": "User"})
    state.next_page()

    assert state.rows == []
    assert state.total == 0
    assert state.denied is True
    assert all(count == 0 for count in state.counts.values())


def test_administrator_gets_the_user_list(db, act_as, org_with_manager):
    act_as(org_with_manager["admin"])
    state = _state(UsersState)

    state.load()

    assert state.denied is False
    assert state.total == 3
    assert state.counts["active"] == 3
    assert all(isinstance(row, dict) for row in state.rows)
    state.set_status("not-a-status")
    assert state.status == "active"


def test_anonymous_loads_get_nothing(db, org_with_manager):
    """No session cookie: the real ``_actor`` finds nobody and nothing is listed."""
    for state in [_state(UsersState)]:
        state.load()
        state.next_page()
        assert state.rows == []
        assert state.total == 0
    users = _state(UsersState)
    users.set_status("pending")
    assert users.rows == []


def test_real_session_cookie_of_a_device_manager_is_denied_users(db, session, org_with_manager):
    """Without patching ``_actor``: the session cookie decides who acts."""
    raw, digest = security.new_token()
    session.add(UserSession(user_id=org_with_manager["manager"].id, token_hash=digest))
    session.commit()
    state = _state(UsersState)
    state.session_token = raw

    state.load()

    assert state.signed_in is True
    assert (state.rows, state.denied) == ([], True)


def test_suspended_user_session_lists_nothing(db, session, org_with_manager):
    admin = org_with_manager["admin"]
    raw, digest = security.new_token()
    session.add(UserSession(user_id=admin.id, token_hash=digest))
    admin.status = UserStatus.INACTIVE.value
    session.add(admin)
    session.commit()
    state = _state(UsersState)
    state.session_token = raw

    state.load()

    assert state.signed_in is False
    assert state.rows == []
