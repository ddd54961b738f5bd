"""Invitations (SPEC A7): a personal, single-use, expiring link that lands the invitee with
exactly the scope the administrator chose."""

from __future__ import annotations

import re

import pytest
from sqlmodel import col, select

from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.models import (
    AuditLog,
    GroupUser,
    OutboxMessage,
    Role,
    TokenPurpose,
    User,
    UserProduct,
    UserStatus,
    UserToken,
)
from portal.services import identity, invitations, scope, users
from portal.settings import settings
from tests.factories import make_account, make_group, make_org, make_product, make_user

PASSWORD = "Tinta-azul-2026"


@pytest.fixture
def org(session):
    """Org A with an administrator, five products and a group of two; org B with its own."""
    org_a = make_org(session, "Org A")
    account = make_account(session, org_a)
    products = [make_product(session, account=account, serial=f"INV{n}") for n in range(5)]
    group = make_group(session, org_a, products=products[3:], name="Sede")
    admin = make_user(session, org_a, email="admin@a.example")
    admin.first_name, admin.last_name = "Ana", "García"
    manager = make_user(session, org_a, role=Role.DEVICE_MANAGER, email="manager@a.example")
    org_b = make_org(session, "Org B")
    other_admin = make_user(session, org_b, email="admin@b.example")
    other_product = make_product(session, org_b)
    other_group = make_group(session, org_b, name="B")
    session.commit()
    return {
        "org": org_a,
        "products": products,
        "group": group,
        "admin": admin,
        "manager": manager,
        "other_admin": other_admin,
        "other_product": other_product,
        "other_group": other_group,
    }


def _invite(session, org, **overrides):
    values = {
        "session": session,
        "actor": org["admin"],
        "email": "  Nuevo.Gestor@A.example ",
        "first_name": "Nuevo",
        "last_name": "Gestor",
        "roles": ["device_manager"],
        "product_ids": [org["products"][0].id, org["products"][1].id],
        "group_ids": [],
        "language": "en",
    }
    values.update(overrides)
    user = invitations.invite(**values)
    session.commit()
    return user


def _link_token(session, to: str) -> str:
    mail = session.exec(
        select(OutboxMessage)
        .where(col(OutboxMessage.to_address) == to)
        .order_by(col(OutboxMessage.id).desc())
    ).first()
    match = re.search(re.escape(settings.base_url) + r"/invite/(\S+)", mail.text_body)
    assert match, mail.text_body
    return match.group(1)


def test_invite_creates_a_pending_user_with_exactly_that_scope_and_mails_a_link(session, org):
    user = _invite(session, org)

    assert user.email == "nuevo.gestor@a.example"
    assert user.status == UserStatus.PENDING.value
    assert user.password_hash is None
    assert user.roles == "device_manager"
    assert user.organisation_id == org["org"].id
    products = session.exec(select(UserProduct.product_id).where(UserProduct.user_id == user.id))
    assert sorted(products) == sorted(p.id for p in org["products"][:2])
    [token] = session.exec(select(UserToken).where(UserToken.user_id == user.id)).all()
    assert token.purpose == TokenPurpose.INVITATION.value
    assert (token.expires_at - token.created_at).days == 7
    raw = _link_token(session, user.email)
    assert token.token_hash != raw and len(token.token_hash) == 64
    mail = session.exec(select(OutboxMessage)).one()
    assert mail.subject == f"Ana García invites you to the {settings.provider_name} customer portal"
    assert "as Device manager" in mail.text_body
    [entry] = session.exec(select(AuditLog).where(AuditLog.action == "user.invited")).all()
    assert entry.actor_id == org["admin"].id
    page, _ = users.list_users(session=session, actor=org["admin"], status="pending")
    assert [(r["email"], r["invited"]) for r in page.rows] == [(user.email, True)]


def test_accept_sets_the_password_activates_and_the_invitee_sees_exactly_their_products(
    session, org
):
    user = _invite(session, org, group_ids=[org["group"].id])
    raw = _link_token(session, user.email)

    accepted = invitations.accept(session=session, raw_token=raw, password=PASSWORD)
    session.commit()

    assert accepted.id == user.id
    assert accepted.status == UserStatus.ACTIVE.value
    assert accepted.activated_at is not None
    assert identity.login(session=session, email=user.email, password=PASSWORD) is not None
    visible = set(session.exec(scope.visible_product_ids_subquery(accepted)).all())
    wanted = [org["products"][i].id for i in (0, 1, 3, 4)]
    assert visible == set(wanted)
    page, _ = users.list_users(session=session, actor=org["admin"])
    assert any(r["email"] == user.email and not r["invited"] for r in page.rows)


def test_an_invitation_link_works_once(session, org):
    user = _invite(session, org)
    raw = _link_token(session, user.email)
    invitations.accept(session=session, raw_token=raw, password=PASSWORD)
    session.commit()

    with pytest.raises(ValidationFailed) as exc:
        invitations.accept(session=session, raw_token=raw, password="Otra-clave-2026")
    assert exc.value.errors == {"token": "error.token_invalid"}
    assert invitations.check(session=session, raw_token=raw) is None


def test_an_invitation_link_expires_after_seven_days(session, org, clock):
    user = _invite(session, org)
    raw = _link_token(session, user.email)

    clock.advance(days=6, hours=23)
    assert invitations.check(session=session, raw_token=raw) is not None
    clock.advance(hours=2)

    assert invitations.check(session=session, raw_token=raw) is None
    with pytest.raises(ValidationFailed):
        invitations.accept(session=session, raw_token=raw, password=PASSWORD)
    assert session.get(User, user.id).status == UserStatus.PENDING.value


def test_weak_password_keeps_the_link_usable(session, org):
    user = _invite(session, org)
    raw = _link_token(session, user.email)

    with pytest.raises(ValidationFailed) as exc:
        invitations.accept(session=session, raw_token=raw, password="short")
    session.rollback()

    assert exc.value.errors == {"password": "error.password_too_short"}
    assert invitations.check(session=session, raw_token=raw) is not None


def test_resend_invalidates_the_old_link(session, org):
    user = _invite(session, org)
    old = _link_token(session, user.email)

    invitations.resend(session=session, actor=org["admin"], user_id=user.id)
    session.commit()
    new = _link_token(session, user.email)

    assert new != old
    assert invitations.check(session=session, raw_token=old) is None
    with pytest.raises(ValidationFailed):
        invitations.accept(session=session, raw_token=old, password=PASSWORD)
    assert invitations.accept(session=session, raw_token=new, password=PASSWORD).status == "active"


def test_revoke_kills_the_link_and_removes_the_invitee(session, org):
    user = _invite(session, org, group_ids=[org["group"].id])
    raw = _link_token(session, user.email)

    invitations.revoke(session=session, actor=org["admin"], user_id=user.id)
    session.commit()

    assert invitations.check(session=session, raw_token=raw) is None
    assert session.get(User, user.id) is None
    assert session.exec(select(UserProduct)).all() == []
    assert session.exec(select(GroupUser)).all() == []
    page, counts = users.list_users(session=session, actor=org["admin"], status="pending")
    assert page.rows == [] and counts["pending"] == 0
    # The address is free again.
    _invite(session, org)


def test_an_e_mail_already_registered_is_refused(session, org):
    with pytest.raises(ValidationFailed) as exc:
        _invite(session, org, email="MANAGER@a.example")

    assert exc.value.errors == {"email": "error.email_taken"}


def test_invite_reports_every_bad_field(session, org):
    with pytest.raises(ValidationFailed) as exc:
        _invite(
            session,
            org,
            email="not an address",
            first_name=" ",
            last_name="x" * 81,
            roles=["administrator", "stock_manager"],
            language="fr",
        )

    assert exc.value.errors == {
        "email": "error.email_invalid",
        "first_name": "error.required",
        "last_name": "error.too_long",
        "roles": "error.roles_combination",
        "language": "error.language_invalid",
    }
    assert session.exec(select(User).where(User.first_name == "Nuevo")).all() == []


def test_products_and_groups_of_another_organisation_are_not_found(session, org):
    for products, groups in (([org["other_product"].id], []), ([], [org["other_group"].id])):
        with pytest.raises(NotFound):
            _invite(session, org, product_ids=products, group_ids=groups)
        session.rollback()
    assert session.exec(select(User).where(User.first_name == "Nuevo")).all() == []


def test_only_administrators_of_the_same_organisation_invite_resend_or_revoke(session, org):
    user = _invite(session, org)
    with pytest.raises(PermissionDenied):
        _invite(session, org, actor=org["manager"], email="x@a.example")
    for action in (invitations.resend, invitations.revoke):
        with pytest.raises(PermissionDenied):
            action(session=session, actor=org["manager"], user_id=user.id)
        with pytest.raises(NotFound):
            action(session=session, actor=org["other_admin"], user_id=user.id)
    session.rollback()
    assert session.get(User, user.id) is not None


def test_resend_and_revoke_only_apply_to_open_invitations(session, org):
    with pytest.raises(NotFound):
        invitations.resend(session=session, actor=org["admin"], user_id=org["manager"].id)
    with pytest.raises(NotFound):
        invitations.revoke(session=session, actor=org["admin"], user_id=org["manager"].id)
    assert session.get(User, org["manager"].id).status == UserStatus.ACTIVE.value


def test_invitation_is_in_the_invitees_language(session, org):
    _invite(session, org, email="de@a.example", language="de")

    mail = session.exec(select(OutboxMessage)).one()
    assert mail.subject.startswith("Ana García lädt Sie")
    assert "Einladung annehmen" in mail.html_body
