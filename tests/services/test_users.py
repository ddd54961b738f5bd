"""User administration (SPEC A8): list, status actions, roles, scope and their guards."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from portal import security
from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.models import (
    AlertPreference,
    AuditLog,
    GroupUser,
    OutboxMessage,
    Role,
    Ticket,
    User,
    UserProduct,
    UserSession,
    UserStatus,
)
from portal.services import identity, scope, users
from tests.factories import (
    assign_product,
    make_account,
    make_group,
    make_org,
    make_product,
    make_user,
)


@pytest.fixture
def org(session):
    """Org A with an administrator, two device managers, a pending registrant, four products;
    org B with its own administrator, user, product and group."""
    org_a = make_org(session, "Org A")
    account = make_account(session, org_a)
    products = [make_product(session, account=account, serial=f"AB{n}00") for n in range(1, 5)]
    admin = make_user(session, org_a, last_name="Alba", email="alba@a.example")
    manager = make_user(
        session, org_a, role=Role.DEVICE_MANAGER, last_name="Bravo", email="bravo@a.example"
    )
    german = make_user(
        session,
        org_a,
        role=Role.DEVICE_MANAGER,
        last_name="Weber",
        email="weber@a.example",
        language="de",
    )
    pending = make_user(
        session,
        org_a,
        role=Role.DEVICE_MANAGER,
        status=UserStatus.PENDING,
        last_name="Castro",
        email="castro@a.example",
        language="en",
    )
    group = make_group(session, org_a, products=products[2:], name="Sede")
    org_b = make_org(session, "Org B")
    other_admin = make_user(session, org_b, last_name="Other", email="other@b.example")
    other_user = make_user(session, org_b, role=Role.DEVICE_MANAGER, last_name="Outsider")
    other_product = make_product(session, org_b)
    other_group = make_group(session, org_b, name="B group")
    session.commit()
    return {
        "org": org_a,
        "products": products,
        "admin": admin,
        "manager": manager,
        "german": german,
        "pending": pending,
        "group": group,
        "other_admin": other_admin,
        "other_user": other_user,
        "other_product": other_product,
        "other_group": other_group,
    }


def _mails(session, to: str) -> list[OutboxMessage]:
    return list(
        session.exec(
            select(OutboxMessage)
            .where(col(OutboxMessage.to_address) == to)
            .order_by(col(OutboxMessage.id))
        ).all()
    )


def _audit(session, action: str) -> list[AuditLog]:
    return list(session.exec(select(AuditLog).where(col(AuditLog.action) == action)).all())


def _login_token(session, user: User) -> str:
    raw, digest = security.new_token()
    session.add(UserSession(user_id=user.id, token_hash=digest))
    session.commit()
    return raw


# --- The list -----------------------------------------------------------------------


def test_list_own_organisation_with_counts_and_responsibilities(session, org):
    assign_product(session, org["manager"], org["products"][0])
    assign_product(session, org["manager"], org["products"][1])
    session.add(GroupUser(group_id=org["group"].id, user_id=org["manager"].id))
    make_user(session, org["org"], status=UserStatus.REJECTED, last_name="Díaz")
    session.commit()

    page, counts = users.list_users(session=session, actor=org["admin"])
    pending, _ = users.list_users(session=session, actor=org["admin"], status="pending")

    assert [r["last_name"] for r in page.rows] == ["Alba", "Bravo", "Weber"]
    assert counts == {"active": 3, "pending": 1, "inactive": 0, "rejected": 1}
    assert [r["last_name"] for r in pending.rows] == ["Castro"]
    bravo = page.rows[1]
    assert bravo["role_keys"] == ["role.device_manager"]
    assert (bravo["product_count"], bravo["group_count"]) == (2, 1)
    assert len(bravo["joined_on"]) == 10
    assert page.rows[0]["is_self"] is True
    assert "password_hash" not in bravo


def test_list_search_by_last_name_applies_to_counts_and_whitelists_status(session, org):
    make_user(session, org["org"], last_name="Lancaster")
    make_user(session, org["org"], status=UserStatus.PENDING, last_name="Castillo")
    session.commit()

    page, counts = users.list_users(session=session, actor=org["admin"], last_name="  cAsT ")
    tricked, _ = users.list_users(session=session, actor=org["admin"], status="'; drop")
    wildcard, _ = users.list_users(session=session, actor=org["admin"], last_name="%")

    assert [r["last_name"] for r in page.rows] == ["Lancaster"]
    assert counts == {"active": 1, "pending": 2, "inactive": 0, "rejected": 0}
    assert {r["status"] for r in tricked.rows} == {"active"}
    assert wildcard.rows == []


def test_provider_admin_lists_provider_staff_but_manages_nobody(session, org):
    boss = make_user(session, role=Role.PROVIDER_ADMIN, last_name="Boss")
    make_user(session, role=Role.AGENT, last_name="Agent")
    session.commit()

    page, counts = users.list_users(session=session, actor=boss)

    assert [r["last_name"] for r in page.rows] == ["Agent", "Boss"]
    assert counts["active"] == 2
    with pytest.raises(PermissionDenied):
        users.approve(session=session, actor=boss, user_id=org["pending"].id)


@pytest.mark.parametrize(
    "role", [Role.DEVICE_MANAGER, Role.STOCK_MANAGER, Role.KNOWLEDGE_USER, Role.AGENT]
)
def test_non_administrators_may_not_list_users(session, org, role):
    user = make_user(session, org["org"], role=role)
    session.commit()

    with pytest.raises(PermissionDenied):
        users.list_users(session=session, actor=user)


def test_device_manager_may_call_no_administrator_function(session, org):
    manager = org["manager"]
    target = org["pending"].id
    calls = [
        lambda: users.approve(session=session, actor=manager, user_id=target),
        lambda: users.reject(session=session, actor=manager, user_id=target),
        lambda: users.suspend(session=session, actor=manager, user_id=org["german"].id),
        lambda: users.reactivate(session=session, actor=manager, user_id=target),
        lambda: users.delete(session=session, actor=manager, user_id=target),
        lambda: users.change_roles(
            session=session, actor=manager, user_id=manager.id, roles=["administrator"]
        ),
        lambda: users.assign(
            session=session,
            actor=manager,
            user_id=manager.id,
            product_ids=[p.id for p in org["products"]],
            group_ids=[],
        ),
        lambda: users.user_detail(session=session, actor=manager, user_id=target),
        lambda: users.find_products(session=session, actor=manager, serial="AB"),
        lambda: users.organisation_groups(session=session, actor=manager),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    session.rollback()
    assert session.get(User, target).status == UserStatus.PENDING.value
    assert manager.roles == Role.DEVICE_MANAGER.value
    assert session.exec(select(UserProduct)).all() == []


# --- Status actions ---------------------------------------------------------------


def test_approve_makes_a_pending_user_active_and_tells_them_in_their_language(session, org):
    password_hash = security.hash_password("Tinta-azul-2026")
    pending = org["pending"]
    pending.password_hash = password_hash
    session.add(pending)
    session.commit()

    users.approve(session=session, actor=org["admin"], user_id=pending.id)
    session.commit()

    assert session.get(User, pending.id).status == UserStatus.ACTIVE.value
    [mail] = _mails(session, pending.email)
    assert "approved" in mail.subject
    [entry] = _audit(session, "user.approved")
    assert (entry.actor_id, entry.object_id) == (org["admin"].id, pending.id)
    assert entry.new_values == {"status": "active"}
    assert identity.login(session=session, email=pending.email, password="Tinta-azul-2026")


def test_only_pending_users_can_be_approved_or_rejected(session, org):
    for action in (users.approve, users.reject):
        with pytest.raises(ValidationFailed) as exc:
            action(session=session, actor=org["admin"], user_id=org["manager"].id)
        assert exc.value.errors == {"user": "error.user_status_invalid"}


def test_administrator_of_another_organisation_cannot_touch_our_users(session, org):
    outsider = org["other_admin"]
    for action in (
        users.approve,
        users.reject,
        users.suspend,
        users.reactivate,
        users.delete,
        users.user_detail,
    ):
        with pytest.raises(NotFound):
            action(session=session, actor=outsider, user_id=org["pending"].id)
    with pytest.raises(NotFound):
        users.change_roles(
            session=session, actor=outsider, user_id=org["manager"].id, roles=["knowledge_user"]
        )
    session.rollback()
    assert session.get(User, org["pending"].id).status == UserStatus.PENDING.value
    assert _mails(session, org["pending"].email) == []


def test_reject_sends_the_rejection_in_english(session, org):
    users.reject(session=session, actor=org["admin"], user_id=org["pending"].id)
    session.commit()

    assert session.get(User, org["pending"].id).status == UserStatus.REJECTED.value
    [mail] = _mails(session, org["pending"].email)
    assert mail.subject.startswith("Your access request")


def test_suspend_ends_the_users_sessions_at_once_and_reactivate_brings_them_back(session, org):
    german = org["german"]
    raw = _login_token(session, german)
    assert identity.resolve_session(session=session, raw_token=raw) is not None

    users.suspend(session=session, actor=org["admin"], user_id=german.id)
    session.commit()

    assert session.get(User, german.id).status == UserStatus.INACTIVE.value
    open_sessions = session.exec(
        select(UserSession).where(
            col(UserSession.user_id) == german.id, col(UserSession.ended_at).is_(None)
        )
    ).all()
    assert open_sessions == []
    assert identity.resolve_session(session=session, raw_token=raw) is None
    [suspended] = _mails(session, german.email)
    assert "wurde gesperrt" in suspended.subject

    users.reactivate(session=session, actor=org["admin"], user_id=german.id)
    session.commit()
    assert session.get(User, german.id).status == UserStatus.ACTIVE.value
    assert "wieder aktiv" in _mails(session, german.email)[-1].subject
    assert [e.action for e in session.exec(select(AuditLog).order_by(col(AuditLog.id)))] == [
        "user.suspended",
        "user.reactivated",
    ]


def test_the_last_active_administrator_can_never_be_removed(session, org):
    admin = org["admin"]
    guard = {"user": "error.last_administrator"}
    for action in (users.suspend, users.delete):
        with pytest.raises(ValidationFailed) as exc:
            action(session=session, actor=admin, user_id=admin.id)
        assert exc.value.errors == guard
    with pytest.raises(ValidationFailed) as exc:
        users.change_roles(session=session, actor=admin, user_id=admin.id, roles=["device_manager"])
    assert exc.value.errors == guard
    session.rollback()
    assert session.get(User, admin.id).status == UserStatus.ACTIVE.value
    assert session.get(User, admin.id).roles == Role.ADMINISTRATOR.value


def test_a_pending_administrator_registrant_does_not_count_and_can_be_rejected(session, org):
    """The last *active* administrator stays; rejecting a pending one is fine."""
    second = make_user(session, org["org"], status=UserStatus.PENDING, last_name="Zeta")
    session.commit()

    users.reject(session=session, actor=org["admin"], user_id=second.id)

    with pytest.raises(ValidationFailed):
        users.suspend(session=session, actor=org["admin"], user_id=org["admin"].id)


def test_with_a_second_administrator_one_may_step_down(session, org):
    second = make_user(session, org["org"], last_name="Zeta")
    session.commit()

    users.change_roles(
        session=session, actor=second, user_id=org["admin"].id, roles=["knowledge_user"]
    )
    session.commit()

    assert session.get(User, org["admin"].id).roles == "knowledge_user"
    with pytest.raises(ValidationFailed):
        users.suspend(session=session, actor=second, user_id=second.id)


def test_suspended_administrator_does_not_count_as_active(session, org):
    second = make_user(session, org["org"], status=UserStatus.INACTIVE, last_name="Zeta")
    session.commit()

    with pytest.raises(ValidationFailed):
        users.delete(session=session, actor=org["admin"], user_id=org["admin"].id)
    assert second.status == UserStatus.INACTIVE.value


# --- Delete -----------------------------------------------------------------------


def test_delete_removes_belongings_and_anonymises_a_user_with_history(session, org):
    manager = org["manager"]
    assign_product(session, manager, org["products"][0])
    session.add(GroupUser(group_id=org["group"].id, user_id=manager.id))
    session.add(AlertPreference(user_id=manager.id, event="ticket_opened"))
    ticket = Ticket(
        number="T-1",
        product_id=org["products"][0].id,
        ticket_type="other",
        description="Paper jam on tray 2",
        created_by_id=manager.id,
    )
    session.add(ticket)
    raw = _login_token(session, manager)

    outcome = users.delete(session=session, actor=org["admin"], user_id=manager.id)
    session.commit()

    assert outcome == "anonymised"
    row = session.get(User, manager.id)
    assert row.email == f"deleted-{manager.id}@invalid"
    assert (row.first_name, row.last_name, row.roles, row.password_hash) == ("", "", "", None)
    assert row.status == UserStatus.INACTIVE.value
    assert session.get(Ticket, ticket.id).created_by_id == manager.id
    assert session.exec(select(UserProduct).where(UserProduct.user_id == manager.id)).all() == []
    assert session.exec(select(GroupUser).where(GroupUser.user_id == manager.id)).all() == []
    assert session.exec(select(AlertPreference)).all() == []
    assert identity.resolve_session(session=session, raw_token=raw) is None
    [mail] = _mails(session, "bravo@a.example")
    assert "eliminada" in mail.subject
    [entry] = _audit(session, "user.deleted")
    assert entry.old_values["email"] == "bravo@a.example"
    # Gone from the list and from every action; never counted again.
    page, counts = users.list_users(session=session, actor=org["admin"], status="inactive")
    assert page.rows == [] and counts["inactive"] == 0
    with pytest.raises(NotFound):
        users.reactivate(session=session, actor=org["admin"], user_id=manager.id)


def test_delete_removes_a_user_nothing_points_at(session, org):
    outcome = users.delete(session=session, actor=org["admin"], user_id=org["pending"].id)
    session.commit()

    assert outcome == "deleted"
    assert session.get(User, org["pending"].id) is None


# --- Roles and scope --------------------------------------------------------------


def test_change_roles_validates_combinations_and_mails_the_new_roles(session, org):
    german = org["german"]
    for roles, key in (
        ([], "error.roles_required"),
        (["administrator", "device_manager"], "error.roles_combination"),
        (["agent"], "error.roles_combination"),
        ("device_manager", "error.roles_required"),
    ):
        with pytest.raises(ValidationFailed) as exc:
            users.change_roles(session=session, actor=org["admin"], user_id=german.id, roles=roles)
        assert exc.value.errors == {"roles": key}

    users.change_roles(
        session=session,
        actor=org["admin"],
        user_id=german.id,
        roles=["stock_manager", "device_manager"],
    )
    session.commit()

    assert session.get(User, german.id).roles == "device_manager,stock_manager"
    [mail] = _mails(session, german.email)
    assert "Geräteverwalter, Lagerverwalter" in mail.text_body
    [entry] = _audit(session, "user.roles_changed")
    assert entry.old_values == {"roles": "device_manager"}


def test_assign_sets_exactly_the_products_and_groups_and_the_scope_follows(session, org):
    manager = org["manager"]
    products = org["products"]
    assign_product(session, manager, products[3])
    session.commit()

    users.assign(
        session=session,
        actor=org["admin"],
        user_id=manager.id,
        product_ids=[products[0].id, products[1].id],
        group_ids=[org["group"].id],
    )
    session.commit()

    def visible() -> set[int]:
        return set(session.exec(scope.visible_product_ids_subquery(manager)).all())

    assert visible() == {p.id for p in products}
    detail = users.user_detail(session=session, actor=org["admin"], user_id=manager.id)
    assert [p["id"] for p in detail["products"]] == [products[0].id, products[1].id]
    assert detail["group_ids"] == [org["group"].id]
    [entry] = _audit(session, "user.scope_changed")
    assert entry.old_values == {"product_ids": [products[3].id], "group_ids": []}

    users.assign(
        session=session,
        actor=org["admin"],
        user_id=manager.id,
        product_ids=[products[1].id],
        group_ids=[],
    )
    session.commit()
    assert visible() == {products[1].id}


def test_assign_refuses_products_and_groups_of_another_organisation(session, org):
    manager = org["manager"]
    for products, groups in (
        ([org["other_product"].id], []),
        ([], [org["other_group"].id]),
        (["1; drop"], []),
    ):
        with pytest.raises(NotFound):
            users.assign(
                session=session,
                actor=org["admin"],
                user_id=manager.id,
                product_ids=products,
                group_ids=groups,
            )
    session.rollback()
    assert session.exec(select(UserProduct)).all() == []


def test_find_products_searches_only_the_organisations_serials(session, org):
    rows = users.find_products(session=session, actor=org["admin"], serial=" ab 2")
    everything = users.find_products(session=session, actor=org["admin"], serial="")

    assert [r["serial"] for r in rows] == ["AB200"]
    assert everything == []
    assert (
        users.find_products(session=session, actor=org["admin"], serial=org["other_product"].serial)
        == []
    )


def test_every_key_the_users_page_builds_is_translated():
    from portal.i18n import all_messages

    messages = all_messages()
    keys = [f"users.tab.{s}" for s in users.USER_STATUSES]
    keys += [f"user_status.{s}" for s in users.USER_STATUSES]
    keys += [f"role.{r}" for r in users.ASSIGNABLE_ROLES]
    keys += [f"users.done.{d}" for d in ("approved", "rejected", "suspended", "reactivated")]
    keys += [f"users.done.{d}" for d in ("deleted", "saved", "invited", "resent", "revoked")]
    for key in keys:
        assert set(messages[key]) == {"es", "en", "de"}, key
