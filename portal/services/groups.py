"""Groups of products and users within an organisation (SPEC B5), for administrators only.

A group gives every user in it the products in it: a device or stock manager
sees the products of their groups (``portal.services.scope``), so each change
here widens or narrows what somebody sees from the next query on.

Every function requires an active customer administrator and loads the group
through a query limited to the administrator's organisation: the id of another
organisation's group is answered exactly like an id that does not exist.
Product ids are checked through ``scope.visible_products_query`` and user ids
against the organisation, all in the database. Every change is audited.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from portal.errors import NotFound, ValidationFailed
from portal.models import (
    PROVIDER_ROLES,
    Group,
    GroupProduct,
    GroupUser,
    Location,
    Product,
    ProductModel,
    Role,
    User,
    UserStatus,
    serial_key,
)
from portal.services import audit, scope, users
from portal.services.common import has_role_condition, require_all_found
from portal.services.listing import clean_query

NAME_MAX_LENGTH = 120
CANDIDATE_LIMIT = 50
ASSIGNABLE_STATUSES = (UserStatus.ACTIVE.value, UserStatus.PENDING.value)

NAME_REQUIRED = "error.required"
NAME_TOO_LONG = "error.too_long"
NAME_TAKEN = "error.group_name_taken"

_ROLES = [r.value for r in Role]


def _admin_group(session: Session, actor: User | None, group_id: Any) -> tuple[User, Group]:
    """The actor, if an administrator, and the group ``group_id`` of their organisation.

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
        NotFound: No such group in this organisation.
    """
    actor = users.require_admin(actor)
    group = session.exec(
        select(Group).where(
            col(Group.id) == scope.as_id(group_id),
            col(Group.organisation_id) == actor.organisation_id,
        )
    ).first()
    if group is None:
        raise NotFound(scope.NOT_FOUND)
    return actor, group


def _clean_name(session: Session, actor: User, name: Any, *, exclude_id: int | None) -> str:
    """The group name, trimmed, after checking it is given, short enough and not taken.

    Names are compared case-insensitively (``casefold``, so "Sede" and "SEDE" or
    "Delegación" and "DELEGACIÓN" clash) within the organisation.

    Raises:
        ValidationFailed: ``{"name": key}``.
    """
    text = " ".join(name.split()) if isinstance(name, str) else ""
    if not text:
        raise ValidationFailed({"name": NAME_REQUIRED})
    if len(text) > NAME_MAX_LENGTH:
        raise ValidationFailed({"name": NAME_TOO_LONG})
    wanted = text.casefold()
    others = session.exec(
        select(Group.id, Group.name).where(col(Group.organisation_id) == actor.organisation_id)
    ).all()
    if any(gid != exclude_id and other.casefold() == wanted for gid, other in others):
        raise ValidationFailed({"name": NAME_TAKEN})
    return text


def _count_of(member: type[GroupProduct] | type[GroupUser]) -> Any:
    """A correlated ``count(*)`` of a membership table's rows for ``Group.id``."""
    return (
        select(sa.func.count())
        .select_from(member)
        .where(col(member.group_id) == col(Group.id))
        .correlate(Group)
        .scalar_subquery()
    )


def _user_row(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "name": user.full_name or user.email,
        "email": user.email,
        "role_keys": [f"role.{r}" for r in _ROLES if r in user.role_set],
        "status": user.status,
        "status_key": f"user_status.{user.status}",
    }


def _product_rows(
    session: Session, actor: User, *conditions: Any, limit: int | None = None
) -> list[dict[str, Any]]:
    """Rows (id, serial, model, alternative_name, city) of visible products with ``conditions``."""
    query = (
        select(
            col(Product.id),
            col(Product.serial),
            col(ProductModel.name),
            col(Product.alternative_name),
            col(Location.city),
        )
        .join(ProductModel, col(ProductModel.id) == col(Product.model_id))
        .join(Location, col(Location.id) == col(Product.location_id))
        .where(col(Product.id).in_(scope.visible_product_ids_subquery(actor)), *conditions)
        .order_by(col(Product.serial_key), col(Product.id))
    )
    if limit is not None:
        query = query.limit(limit)
    return [
        {"id": pid, "serial": serial, "model": model, "alternative_name": alt, "city": city}
        for pid, serial, model, alt, city in session.exec(query).all()
    ]


def _assignable(actor: User) -> list[sa.ColumnElement[bool]]:
    """Conditions on ``User`` for the users an administrator may put in a group."""
    return [
        col(User.organisation_id) == actor.organisation_id,
        col(User.status).in_(ASSIGNABLE_STATUSES),
        *(sa.not_(has_role_condition(role)) for role in PROVIDER_ROLES),
    ]


def _assignable_ids(actor: User) -> Any:
    """``select(User.id)`` of the users an administrator may put in a group."""
    return select(User.id).where(*_assignable(actor))


@dataclass(frozen=True)
class _Membership:
    """What differs between putting products and putting users into a group.

    Attributes:
        link: The membership table.
        member_field: The member's column in ``link``.
        eligible: Given the administrator, a select of the ids they may add.
        eligible_id: The id column ``eligible`` selects.
        added_action: The audit action of adding members.
        removed_action: The audit action of taking one out.
    """

    link: type[GroupProduct] | type[GroupUser]
    member_field: str
    eligible: Callable[[User], Any]
    eligible_id: Any
    added_action: str
    removed_action: str


_PRODUCTS = _Membership(
    GroupProduct,
    "product_id",
    scope.visible_product_ids_subquery,
    col(Product.id),
    "group.products_added",
    "group.product_removed",
)
_USERS = _Membership(
    GroupUser,
    "user_id",
    _assignable_ids,
    col(User.id),
    "group.users_assigned",
    "group.user_removed",
)


def _clean_limit(limit: Any) -> int:
    try:
        number = int(limit)
    except (TypeError, ValueError, OverflowError):
        return CANDIDATE_LIMIT
    return min(max(number, 1), CANDIDATE_LIMIT)


# --- Reading --------------------------------------------------------------------


def list_groups(*, session: Session, actor: User | None) -> list[dict[str, Any]]:
    """The groups of the actor's organisation, by name.

    Returns:
        Rows with id, name, product_count and user_count.

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
    """
    actor = users.require_admin(actor)
    result = session.exec(
        select(
            col(Group.id),
            col(Group.name),
            _count_of(GroupProduct),
            _count_of(GroupUser),
        )
        .where(col(Group.organisation_id) == actor.organisation_id)
        .order_by(sa.func.lower(col(Group.name)), col(Group.id))
    ).all()
    return [
        {"id": gid, "name": name, "product_count": int(products), "user_count": int(users)}
        for gid, name, products, users in result
    ]


def group_detail(*, session: Session, actor: User | None, group_id: Any) -> dict[str, Any]:
    """One group with its products and users.

    Returns:
        A dict with id, name, products (rows id, serial, model,
        alternative_name, city, by serial) and users (rows id, name, email,
        role_keys, status, status_key, by last and first name).

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
        NotFound: No such group in the actor's organisation.
    """
    actor, group = _admin_group(session, actor, group_id)
    in_group = select(GroupProduct.product_id).where(col(GroupProduct.group_id) == group.id)
    products = _product_rows(session, actor, col(Product.id).in_(in_group))
    members = select(GroupUser.user_id).where(col(GroupUser.group_id) == group.id)
    users = session.exec(
        select(User)
        .where(
            col(User.id).in_(members),
            col(User.organisation_id) == actor.organisation_id,
        )
        .order_by(
            sa.func.lower(col(User.last_name)), sa.func.lower(col(User.first_name)), col(User.id)
        )
    ).all()
    return {
        "id": group.id,
        "name": group.name,
        "products": products,
        "users": [_user_row(u) for u in users],
    }


def candidate_products(
    *,
    session: Session,
    actor: User | None,
    group_id: Any,
    query: Any = "",
    limit: Any = CANDIDATE_LIMIT,
) -> list[dict[str, Any]]:
    """Products of the organisation not yet in the group, for the product picker.

    Args:
        session: The database session.
        actor: The signed-in administrator.
        group_id: The group being filled.
        query: Part of a serial number (case and spaces do not matter), of an
            alternative name or of a city; empty lists the first products.
        limit: At most this many rows (capped at ``CANDIDATE_LIMIT``).

    Returns:
        Rows with id, serial, model, alternative_name and city, by serial.

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
        NotFound: No such group in the actor's organisation.
    """
    actor, group = _admin_group(session, actor, group_id)
    in_group = select(GroupProduct.product_id).where(col(GroupProduct.group_id) == group.id)
    conditions = [col(Product.id).not_in(in_group)]
    text = clean_query(query)
    if text:
        matches = [
            col(Product.alternative_name).icontains(text, autoescape=True),
            col(Location.city).icontains(text, autoescape=True),
        ]
        key = serial_key(text)
        if key:
            matches.append(col(Product.serial_key).contains(key, autoescape=True))
        conditions.append(sa.or_(*matches))
    return _product_rows(session, actor, *conditions, limit=_clean_limit(limit))


def candidate_users(
    *,
    session: Session,
    actor: User | None,
    group_id: Any,
    query: Any = "",
    limit: Any = CANDIDATE_LIMIT,
) -> list[dict[str, Any]]:
    """Active or pending users of the organisation not yet in the group, for the user picker.

    Args:
        session: The database session.
        actor: The signed-in administrator.
        group_id: The group being filled.
        query: Part of a first name, last name or e-mail address; empty lists
            the first users.
        limit: At most this many rows (capped at ``CANDIDATE_LIMIT``).

    Returns:
        Rows with id, name, email, role_keys, status and status_key, by last name.

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
        NotFound: No such group in the actor's organisation.
    """
    actor, group = _admin_group(session, actor, group_id)
    members = select(GroupUser.user_id).where(col(GroupUser.group_id) == group.id)
    candidates = select(User).where(*_assignable(actor), col(User.id).not_in(members))
    text = clean_query(query)
    if text:
        conditions = [
            col(User.first_name).icontains(text, autoescape=True),
            col(User.last_name).icontains(text, autoescape=True),
            col(User.email).icontains(text, autoescape=True),
        ]
        first, _, last = text.partition(" ")
        if last:
            conditions.append(
                sa.and_(
                    col(User.first_name).icontains(first, autoescape=True),
                    col(User.last_name).icontains(last, autoescape=True),
                )
            )
        candidates = candidates.where(sa.or_(*conditions))
    users = session.exec(
        candidates.order_by(
            sa.func.lower(col(User.last_name)), sa.func.lower(col(User.first_name)), col(User.id)
        ).limit(_clean_limit(limit))
    ).all()
    return [_user_row(u) for u in users]


# --- Changing -------------------------------------------------------------------


def create_group(
    *, session: Session, actor: User | None, name: Any, now: datetime | None = None
) -> Group:
    """Create an empty group in the actor's organisation.

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
        ValidationFailed: ``{"name": key}`` — missing, longer than 120
            characters, or already used by another group of the organisation.
    """
    actor = users.require_admin(actor)
    text = _clean_name(session, actor, name, exclude_id=None)
    group = Group(organisation_id=actor.organisation_id, name=text)
    session.add(group)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="group.created",
        object_type="group",
        object_id=group.id,
        new={"name": text},
        now=now,
    )
    return group


def rename_group(
    *, session: Session, actor: User | None, group_id: Any, name: Any, now: datetime | None = None
) -> Group:
    """Give a group another name (same rules as ``create_group``).

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
        NotFound: No such group in the actor's organisation.
        ValidationFailed: ``{"name": key}``.
    """
    actor, group = _admin_group(session, actor, group_id)
    text = _clean_name(session, actor, name, exclude_id=group.id)
    if text == group.name:
        return group
    old = group.name
    group.name = text
    session.add(group)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="group.renamed",
        object_type="group",
        object_id=group.id,
        old={"name": old},
        new={"name": text},
        now=now,
    )
    return group


def delete_group(
    *, session: Session, actor: User | None, group_id: Any, now: datetime | None = None
) -> None:
    """Delete a group: its memberships first, then the group.

    The products and users stay; the users lose the products they saw only
    through this group.

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
        NotFound: No such group in the actor's organisation.
    """
    actor, group = _admin_group(session, actor, group_id)
    product_ids = session.exec(
        select(GroupProduct.product_id)
        .where(col(GroupProduct.group_id) == group.id)
        .order_by(col(GroupProduct.product_id))
    ).all()
    user_ids = session.exec(
        select(GroupUser.user_id)
        .where(col(GroupUser.group_id) == group.id)
        .order_by(col(GroupUser.user_id))
    ).all()
    gid, name = group.id, group.name
    session.exec(sa.delete(GroupProduct).where(col(GroupProduct.group_id) == gid))
    session.exec(sa.delete(GroupUser).where(col(GroupUser.group_id) == gid))
    session.delete(group)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="group.deleted",
        object_type="group",
        object_id=gid,
        old={"name": name, "product_ids": list(product_ids), "user_ids": list(user_ids)},
        now=now,
    )


def add_products(
    *,
    session: Session,
    actor: User | None,
    group_id: Any,
    product_ids: Any,
    now: datetime | None = None,
) -> list[int]:
    """Put products of the organisation into a group; all of them or none.

    Products already in the group and repeated ids are ignored.

    Returns:
        The ids actually added, in the order given.

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
        NotFound: No such group in the actor's organisation, or any of the ids
            is not a product of the organisation (then nothing is added).
    """
    return _add_members(session, actor, group_id, product_ids, _PRODUCTS, now)


def remove_product(
    *,
    session: Session,
    actor: User | None,
    group_id: Any,
    product_id: Any,
    now: datetime | None = None,
) -> None:
    """Take a product out of a group.

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
        NotFound: No such group in the actor's organisation, or the product is
            not in it.
    """
    _remove_member(session, actor, group_id, product_id, _PRODUCTS, now)


def assign_users(
    *,
    session: Session,
    actor: User | None,
    group_id: Any,
    user_ids: Any,
    now: datetime | None = None,
) -> list[int]:
    """Put users of the organisation into a group; all of them or none.

    Only active or pending users of the actor's organisation qualify, never
    provider staff. Users already in the group and repeated ids are ignored.

    Returns:
        The ids actually assigned, in the order given.

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
        NotFound: No such group in the actor's organisation, or any of the ids
            is not an assignable user (then nobody is assigned).
    """
    return _add_members(session, actor, group_id, user_ids, _USERS, now)


def remove_user(
    *,
    session: Session,
    actor: User | None,
    group_id: Any,
    user_id: Any,
    now: datetime | None = None,
) -> None:
    """Take a user out of a group; they stop seeing its products at once.

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
        NotFound: No such group in the actor's organisation, or the user is
            not in it.
    """
    _remove_member(session, actor, group_id, user_id, _USERS, now)


def _add_members(
    session: Session,
    actor: User | None,
    group_id: Any,
    member_ids: Any,
    kind: _Membership,
    now: datetime | None,
) -> list[int]:
    """Add eligible members of ``kind`` to an administrator's group: all or none; repeats ignored.

    Returns:
        The ids actually added, in the order given.

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
        NotFound: No such group in the actor's organisation, or an id is not eligible.
    """
    actor, group = _admin_group(session, actor, group_id)
    wanted = scope.as_ids(member_ids)
    if not wanted:
        return []
    require_all_found(session, kind.eligible(actor), kind.eligible_id, wanted)
    member = getattr(kind.link, kind.member_field)
    present = set(
        session.exec(
            select(member).where(col(kind.link.group_id) == group.id, col(member).in_(wanted))
        ).all()
    )
    added = [member_id for member_id in wanted if member_id not in present]
    if not added:
        return []
    session.add_all(
        kind.link(group_id=group.id, **{kind.member_field: member_id}) for member_id in added
    )
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action=kind.added_action,
        object_type="group",
        object_id=group.id,
        new={f"{kind.member_field}s": added},
        now=now,
    )
    return added


def _remove_member(
    session: Session,
    actor: User | None,
    group_id: Any,
    raw_member_id: Any,
    kind: _Membership,
    now: datetime | None,
) -> None:
    """Take one member of ``kind`` out of an administrator's group.

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
        NotFound: No such group in the actor's organisation, or the member is not in it.
    """
    actor, group = _admin_group(session, actor, group_id)
    member_id = scope.as_id(raw_member_id)
    row = session.get(kind.link, (group.id, member_id))
    if row is None:
        raise NotFound(scope.NOT_FOUND)
    session.delete(row)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action=kind.removed_action,
        object_type="group",
        object_id=group.id,
        old={kind.member_field: member_id},
        now=now,
    )
