"""The users page's and the invitation page's handlers, called as a browser would call them:
as the wrong user, with other organisations' ids, or by nobody (SPEC A6, A7, A8)."""

from __future__ import annotations

import re

import pytest
import reflex as rx
from sqlmodel import Session, col, select

from portal import security
from portal.models import (
    Organisation,
    OutboxMessage,
    Role,
    User,
    UserProduct,
    UserSession,
    UserStatus,
)
from portal.services import identity
from portal.state.invite import InviteState
from portal.state.users import UsersState
from tests.factories import (
    assign_product,
    make_account,
    make_group,
    make_org,
    make_product,
    make_user,
)

PASSWORD = "Tinta-azul-2026"


def _state(state_cls):
    """A state instance inside its tree, as the state manager would build it."""
    root = rx.State(_reflex_internal_init=True)
    return root.get_substate(state_cls.get_full_name().split("."))


@pytest.fixture
def org(session):
    """An organisation with an administrator, a device manager, a pending registrant and
    three products; a second organisation with its administrator."""
    org = make_org(session)
    account = make_account(session, org)
    products = [make_product(session, account=account, serial=f"ST{n}") for n in range(3)]
    admin = make_user(session, org, last_name="Admin")
    manager = make_user(session, org, role=Role.DEVICE_MANAGER, last_name="Manager")
    assign_product(session, manager, products[0])
    pending = make_user(
        session, org, role=Role.DEVICE_MANAGER, status=UserStatus.PENDING, last_name="Pending"
    )
    group = make_group(session, org, name="Sede")
    other = make_org(session)
    other_admin = make_user(session, other, last_name="Other")
    session.commit()
    return {
        "admin": admin,
        "manager": manager,
        "pending": pending,
        "products": products,
        "group": group,
        "other_admin": other_admin,
    }


def _fresh(engine, model, id_):
    with Session(engine) as s:
        return s.get(model, id_)


def test_device_manager_calling_administrator_handlers_changes_nothing(db, act_as, org):
    act_as(org["manager"])
    state = _state(UsersState)
    pending_id, admin_id, manager_id = org["pending"].id, org["admin"].id, org["manager"].id

    state.load()
    state.set_status("pending")
    state.search({"last_name": "Pending"})
    state.approve(pending_id)
    state.reject(pending_id)
    state.suspend(admin_id)
    state.reactivate(admin_id)
    state.delete_id = admin_id
    state.confirm_delete()
    state.resend_invitation(pending_id)
    state.revoke_invitation(pending_id)
    state.edit_id = manager_id
    state.edit_roles = ["administrator"]
    state.edit_products = [{"id": p.id} for p in org["products"]]
    state.save_edit()
    state.search_invite_products("ST")
    state.invite_roles = ["administrator"]
    state.invite({"email": "new@x.example", "first_name": "A", "last_name": "B"})

    assert state.denied is True
    assert state.rows == [] and state.total == 0
    assert all(count == 0 for count in state.counts.values())
    assert state.invite_results == []
    assert _fresh(db, User, pending_id).status == UserStatus.PENDING.value
    assert _fresh(db, User, admin_id).status == UserStatus.ACTIVE.value
    assert _fresh(db, User, manager_id).roles == Role.DEVICE_MANAGER.value
    with Session(db) as s:
        assert len(s.exec(select(UserProduct)).all()) == 1
        assert s.exec(select(User).where(col(User.email) == "new@x.example")).first() is None
        assert s.exec(select(OutboxMessage)).all() == []


def test_administrator_of_another_organisation_gets_not_found_and_changes_nothing(db, act_as, org):
    act_as(org["other_admin"])
    state = _state(UsersState)
    state.load()

    state.approve(org["pending"].id)
    assert state.error == "error.not_found"
    state.open_edit(org["manager"].id)
    assert state.edit_id == 0
    state.suspend(org["manager"].id)

    assert _fresh(db, User, org["pending"].id).status == UserStatus.PENDING.value
    assert _fresh(db, User, org["manager"].id).status == UserStatus.ACTIVE.value
    assert [r["last_name"] for r in state.rows] == ["Other"]


def test_administrator_approves_and_the_tabs_follow(db, act_as, org):
    act_as(org["admin"])
    state = _state(UsersState)
    state.load()
    assert state.can_manage is True
    assert state.counts == {"active": 2, "pending": 1, "inactive": 0, "rejected": 0}

    state.set_status("pending")
    [row] = state.rows
    state.approve(row["id"])

    assert state.notice == "users.done.approved"
    assert state.counts["active"] == 3 and state.counts["pending"] == 0
    assert state.rows == []
    state.set_status("not-a-status")
    assert state.status == "pending"


def test_last_administrator_cannot_suspend_themselves_through_the_page(db, act_as, org):
    act_as(org["admin"])
    state = _state(UsersState)
    state.load()

    state.suspend(org["admin"].id)
    state.ask_delete(org["admin"].id)
    assert state.delete_id == org["admin"].id
    state.confirm_delete()

    assert state.error == "error.last_administrator"
    assert _fresh(db, User, org["admin"].id).status == UserStatus.ACTIVE.value


def test_edit_panel_saves_roles_products_and_groups_in_one_go(db, act_as, org):
    act_as(org["admin"])
    state = _state(UsersState)
    state.load()
    manager_id = org["manager"].id

    state.open_edit(manager_id)
    assert state.edit_roles == ["device_manager"]
    assert [p["serial"] for p in state.edit_products] == ["ST0"]
    state.toggle_edit_role("stock_manager")
    state.toggle_edit_role("agent")
    state.toggle_edit_group(org["group"].id)
    state.toggle_edit_group(999_999)
    state.search_edit_products("st2")
    assert [r["serial"] for r in state.edit_results] == ["ST2"]
    state.add_edit_product(state.edit_results[0]["id"])
    state.add_edit_product(org["products"][1].id)  # not among the results: ignored
    state.remove_edit_product(org["products"][0].id)
    state.save_edit()

    assert state.notice == "users.done.saved"
    assert state.edit_id == 0
    manager = _fresh(db, User, manager_id)
    assert manager.roles == "device_manager,stock_manager"
    with Session(db) as s:
        assigned = s.exec(select(UserProduct.product_id).where(UserProduct.user_id == manager_id))
        assert list(assigned) == [org["products"][2].id]


def test_edit_panel_refuses_a_forbidden_role_combination_and_stays_open(db, act_as, org):
    act_as(org["admin"])
    state = _state(UsersState)
    state.load()
    state.open_edit(org["manager"].id)
    state.toggle_edit_role("administrator")

    state.save_edit()

    assert state.edit_id == org["manager"].id
    assert state.edit_error == "error.roles_combination"
    assert _fresh(db, User, org["manager"].id).roles == "device_manager"


def test_invite_through_the_page_then_accept_and_land_signed_in(db, act_as, org, monkeypatch):
    act_as(org["admin"])
    users_state = _state(UsersState)
    users_state.load()
    users_state.toggle_invite_role("device_manager")
    users_state.search_invite_products("ST1")
    users_state.add_invite_product(org["products"][1].id)

    users_state.invite({"email": "bad", "first_name": "", "last_name": "Nuevo"})
    assert set(users_state.invite_errors) == {"email", "first_name"}

    users_state.invite(
        {"email": "nuevo@x.example", "first_name": "Nuevo", "last_name": "Gestor", "language": "en"}
    )
    assert users_state.notice == "users.done.invited"
    assert users_state.invite_errors == {}
    assert users_state.invite_products == []
    assert users_state.status == "pending"
    [row] = [r for r in users_state.rows if r["email"] == "nuevo@x.example"]
    assert row["invited"] is True

    with Session(db) as s:
        text = s.exec(select(OutboxMessage.text_body)).one()
    raw = re.search(r"/invite/(\S+)", text).group(1)
    invite = _state(InviteState)
    monkeypatch.setattr(InviteState, "_raw_token", lambda self: raw)
    invite.on_load()
    assert invite.token_valid is True and invite.invitee_email == "nuevo@x.example"

    invite.submit({"password": PASSWORD, "confirm": "different-2026"})
    assert "confirm" in invite.errors
    invite.submit({"password": PASSWORD, "confirm": PASSWORD})

    assert invite.session_token
    with Session(db) as s:
        user = identity.resolve_session(session=s, raw_token=invite.session_token)
        assert user is not None and user.email == "nuevo@x.example"
        assert user.status == UserStatus.ACTIVE.value
    invite.on_load()
    assert invite.token_valid is False


def test_anonymous_loads_get_nothing(db, org):
    """No session cookie: the real ``_actor`` finds nobody and nothing is listed or changed."""
    state = _state(UsersState)
    state.load()
    state.approve(org["pending"].id)
    state.next_page()

    assert state.rows == [] and state.total == 0
    assert _fresh(db, User, org["pending"].id).status == UserStatus.PENDING.value


def test_real_session_cookie_of_a_device_manager_is_denied(db, session, org):
    """Without patching ``_actor``: the session cookie decides who acts."""
    raw, digest = security.new_token()
    session.add(UserSession(user_id=org["manager"].id, token_hash=digest))
    session.commit()
    state = _state(UsersState)
    state.session_token = raw

    state.load()

    assert state.signed_in is True
    assert (state.rows, state.denied) == ([], True)


def test_suspended_users_session_lists_nothing(db, session, org):
    admin = org["admin"]
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


def test_invalid_invitation_link_shows_the_message_and_accepts_nothing(db, monkeypatch):
    invite = _state(InviteState)
    monkeypatch.setattr(InviteState, "_raw_token", lambda self: "no-such-token")

    invite.on_load()
    invite.submit({"password": PASSWORD, "confirm": PASSWORD})

    assert (invite.checked, invite.token_valid) == (True, False)
    assert invite.session_token == ""


def test_administrator_who_suspends_themselves_stays_suspended(db, session, org):
    """With a second administrator one may suspend oneself; the change is not rolled back."""
    admin = org["admin"]
    make_user(session, session.get(Organisation, admin.organisation_id), last_name="Second")
    raw, digest = security.new_token()
    session.add(UserSession(user_id=admin.id, token_hash=digest))
    session.commit()
    state = _state(UsersState)
    state.session_token = raw
    state.load()
    assert state.can_manage is True

    state.suspend(admin.id)

    assert _fresh(db, User, admin.id).status == UserStatus.INACTIVE.value
    assert state.signed_in is False
    assert state.rows == []
