"""User administration (SPEC A8): the list by status, and what an administrator may do to a user.

A customer administrator manages the users of their own organisation: approve
or reject people who registered, suspend and reactivate, delete, change roles
and assign products and groups. A provider admin sees the provider's staff
(users without an organisation) and changes nothing here.

The rules that keep an organisation administrable:

- Every action loads the user through the actor's organisation, so an id of
  another organisation's user is not found, exactly like a missing one.
- The last active administrator of an organisation can never be suspended,
  rejected, deleted or lose the administrator role (``error.last_administrator``),
  not even by themselves. The count locks the other administrators' rows, so
  two administrators suspending each other at once cannot both succeed on
  PostgreSQL.
- Suspending ends the user's open sessions at once.
- Every action is written to the audit log and e-mailed to the user in their
  language.

Deleting a user removes their direct product assignments, group memberships,
stock locations, e-mail tokens, sessions, alert preferences and held digest
items. The audit log and tickets, readings, requests and orders they created
keep pointing at the user, so when any such row exists the user row stays,
anonymised: e-mail ``deleted-<id>@invalid``, names, phone and job title
blanked, no roles, no password, status inactive. Such a user can never log
in, is not listed and cannot be acted on again. A user nothing points at (say,
an invitation never accepted) is removed outright.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col, select

import portal.settings as portal_settings
from portal import clock
from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.i18n import translate
from portal.models import (
    CUSTOMER_ROLES,
    Account,
    AlertPreference,
    DigestItem,
    Group,
    GroupUser,
    Product,
    ProductModel,
    Role,
    StockManagerLocation,
    TokenPurpose,
    User,
    UserProduct,
    UserSession,
    UserStatus,
    UserToken,
    serial_key,
)
from portal.services import audit, identity, mail, scope
from portal.services.common import has_role_condition, require_all_found
from portal.services.listing import (
    DEFAULT_PAGE_SIZE,
    Page,
    clean_page_size,
    clean_query,
    page_bounds,
)

USER_STATUSES = tuple(s.value for s in UserStatus)
USER_ADMIN_ROLES = (Role.ADMINISTRATOR, Role.PROVIDER_ADMIN)
ASSIGNABLE_ROLES = tuple(r.value for r in CUSTOMER_ROLES)
COMBINABLE_ROLES = frozenset({Role.DEVICE_MANAGER.value, Role.STOCK_MANAGER.value})
"""The only roles a user may hold together; every other role stands alone."""

PRODUCT_SEARCH_LIMIT = 20
DELETED_DOMAIN = "invalid"

LAST_ADMINISTRATOR = "error.last_administrator"
STATUS_INVALID = "error.user_status_invalid"
ROLES_REQUIRED = "error.roles_required"
ROLES_COMBINATION = "error.roles_combination"

_ROLE_ORDER = [r.value for r in Role]
_REMOVED_WITH_USER = (
    UserProduct,
    GroupUser,
    StockManagerLocation,
    UserToken,
    UserSession,
    AlertPreference,
    DigestItem,
)
"""Rows that belong to a user alone and go when the user is deleted."""


# --- Guards and loading -----------------------------------------------------------


def require_admin(actor: User | None) -> User:
    """The actor, if an active customer administrator of an organisation.

    Raises:
        PermissionDenied: Anyone else (device managers, provider staff, nobody).
    """
    return scope.require_organisation_role(actor, Role.ADMINISTRATOR)


def _as_ids(values: Any) -> list[int]:
    """Ids from the browser (see ``scope.as_ids``); None means none."""
    return [] if values is None else scope.as_ids(values)


def _not_deleted() -> sa.ColumnElement[bool]:
    return sa.not_(col(User.email).like(f"deleted-%@{DELETED_DOMAIN}"))


def load_user(session: Session, actor: User, user_id: Any) -> User:
    """The (not deleted) user ``user_id`` of the actor's organisation.

    Raises:
        NotFound: No such user in this organisation.
    """
    uid = scope.as_id(user_id)
    user = session.exec(
        select(User).where(
            col(User.id) == uid,
            col(User.organisation_id) == actor.organisation_id,
            _not_deleted(),
        )
    ).first()
    if user is None:
        raise NotFound(scope.NOT_FOUND)
    return user


def _is_active_admin(user: User) -> bool:
    return user.status == UserStatus.ACTIVE.value and user.has_role(Role.ADMINISTRATOR)


def _guard_last_admin(session: Session, user: User) -> None:
    """Refuse to take away the organisation's last active administrator.

    Raises:
        ValidationFailed: ``{"user": "error.last_administrator"}``.
    """
    if not _is_active_admin(user):
        return
    others = session.exec(
        select(User.id)
        .where(
            col(User.organisation_id) == user.organisation_id,
            col(User.id) != user.id,
            col(User.status) == UserStatus.ACTIVE.value,
            has_role_condition(Role.ADMINISTRATOR.value),
        )
        .with_for_update()
    ).all()
    if not others:
        raise ValidationFailed({"user": LAST_ADMINISTRATOR})


def _expect_status(user: User, *statuses: UserStatus) -> None:
    if user.status not in {s.value for s in statuses}:
        raise ValidationFailed({"user": STATUS_INVALID})


def clean_roles(roles: Any) -> list[str]:
    """The roles chosen in a form, validated: customer roles only, combined only as allowed.

    Args:
        roles: A list of role values from the browser.

    Returns:
        The roles in the canonical order.

    Raises:
        ValidationFailed: ``{"roles": key}`` when none, an unknown one or a
            forbidden combination is given.
    """
    if isinstance(roles, str | bytes) or not isinstance(roles, list | tuple | set | frozenset):
        raise ValidationFailed({"roles": ROLES_REQUIRED})
    if any(not isinstance(r, str) or r not in ASSIGNABLE_ROLES for r in roles):
        raise ValidationFailed({"roles": ROLES_COMBINATION})
    chosen = set(roles)
    if not chosen:
        raise ValidationFailed({"roles": ROLES_REQUIRED})
    if len(chosen) > 1 and not chosen <= COMBINABLE_ROLES:
        raise ValidationFailed({"roles": ROLES_COMBINATION})
    return [r for r in _ROLE_ORDER if r in chosen]


def organisation_products(session: Session, actor: User, product_ids: Any) -> list[int]:
    """``product_ids`` after checking each is a product of the actor's organisation.

    Raises:
        NotFound: An id is malformed or not a product of the organisation.
    """
    ids = _as_ids(product_ids)
    if ids:
        in_organisation = (
            select(Product.id)
            .join(Account, col(Account.id) == col(Product.account_id))
            .where(col(Account.organisation_id) == actor.organisation_id)
        )
        require_all_found(session, in_organisation, col(Product.id), ids)
    return ids


def organisation_group_ids(session: Session, actor: User, group_ids: Any) -> list[int]:
    """``group_ids`` after checking each is a group of the actor's organisation.

    Raises:
        NotFound: An id is malformed or not a group of the organisation.
    """
    ids = _as_ids(group_ids)
    if ids:
        in_organisation = select(Group.id).where(
            col(Group.organisation_id) == actor.organisation_id
        )
        require_all_found(session, in_organisation, col(Group.id), ids)
    return ids


def role_labels(roles: str | list[str], language: str) -> str:
    """The roles as the user reads them, e.g. "Gestor de equipos, Gestor de stock"."""
    values = roles.split(",") if isinstance(roles, str) else roles
    return ", ".join(translate(language, f"role.{r}") for r in _ROLE_ORDER if r in values)


def tell_user(
    session: Session,
    user: User,
    template: str,
    now: datetime,
    context: dict[str, Any] | None = None,
) -> None:
    """Queue ``template`` to ``user`` in their own language."""
    mail.enqueue(
        session=session,
        to=user.email,
        template=template,
        language=user.language,
        context={"name": user.full_name, **(context or {})},
        now=now,
    )


def _login_link() -> str:
    return f"{portal_settings.settings.base_url}/login"


# --- Reading ----------------------------------------------------------------------


def _users_filter(actor: User | None) -> sa.ColumnElement[bool]:
    """Which users ``actor`` administers: own organisation, or the provider's staff."""
    scope.require_role(actor, *USER_ADMIN_ROLES)
    if actor.has_role(Role.PROVIDER_ADMIN):
        # An API key's integration user is managed on the API keys page.
        return sa.and_(
            col(User.organisation_id).is_(None),
            sa.not_(has_role_condition(Role.INTEGRATION.value)),
        )
    if actor.organisation_id is None:
        raise PermissionDenied(scope.PERMISSION_DENIED)
    return sa.and_(col(User.organisation_id) == actor.organisation_id, _not_deleted())


def _count_of(table: type[SQLModel], column: Any) -> Any:
    return (
        select(sa.func.count())
        .select_from(table)
        .where(column == col(User.id))
        .correlate(User)
        .scalar_subquery()
    )


def _open_invitation() -> Any:
    """Whether ``User`` has an unused invitation token (the "invited" marker)."""
    return (
        select(UserToken.id)
        .where(
            col(UserToken.user_id) == col(User.id),
            col(UserToken.purpose) == TokenPurpose.INVITATION.value,
            col(UserToken.used_at).is_(None),
        )
        .correlate(User)
        .exists()
    )


def list_users(
    *,
    session: Session,
    actor: User | None,
    status: Any = UserStatus.ACTIVE.value,
    last_name: Any = "",
    page: Any = 1,
    page_size: Any = DEFAULT_PAGE_SIZE,
) -> tuple[Page, dict[str, int]]:
    """The users ``actor`` administers with one status, and the counts per status.

    A customer administrator sees the users of their organisation; a provider
    admin the provider's staff (users without organisation).

    Args:
        session: The database session.
        actor: The signed-in user.
        status: One of the ``UserStatus`` values (anything else means active).
        last_name: Part of the last name, case-insensitive; applies to the
            counts as well, so each status tab shows what it would list.
        page: The page wanted (clamped to the existing pages).
        page_size: Rows per page (one of ``listing.PAGE_SIZES``).

    Returns:
        The page (rows with id, first_name, last_name, email, roles, role_keys,
        product_count, group_count, status, status_key, joined_on, invited,
        is_self) and a dict status → count with every status present.

    Raises:
        PermissionDenied: The actor is neither a customer administrator nor a
            provider admin.
    """
    in_scope = _users_filter(actor)
    status = status if status in USER_STATUSES else UserStatus.ACTIVE.value
    conditions = [in_scope]
    name = clean_query(last_name)
    if name:
        conditions.append(col(User.last_name).icontains(name, autoescape=True))

    counts = dict.fromkeys(USER_STATUSES, 0)
    for value, number in session.exec(
        select(col(User.status), sa.func.count(col(User.id)))
        .where(*conditions)
        .group_by(col(User.status))
    ).all():
        if value in counts:
            counts[value] = number

    size = clean_page_size(page_size)
    total = counts[status]
    number, pages = page_bounds(total, page, size)
    result = session.exec(
        select(
            User,
            _count_of(UserProduct, col(UserProduct.user_id)),
            _count_of(GroupUser, col(GroupUser.user_id)),
            _open_invitation(),
        )
        .where(*conditions, col(User.status) == status)
        .order_by(
            sa.func.lower(col(User.last_name)), sa.func.lower(col(User.first_name)), col(User.id)
        )
        .limit(size)
        .offset((number - 1) * size)
    ).all()
    rows = [
        {
            "id": user.id,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "roles": [r for r in _ROLE_ORDER if r in user.role_set],
            "role_keys": [f"role.{r}" for r in _ROLE_ORDER if r in user.role_set],
            "product_count": int(products),
            "group_count": int(groups),
            "status": user.status,
            "status_key": f"user_status.{user.status}",
            "joined_on": user.created_at.date().isoformat() if user.created_at else "",
            "invited": bool(invited) and user.status == UserStatus.PENDING.value,
            "is_self": user.id == actor.id,
        }
        for user, products, groups, invited in result
    ]
    return Page(rows=rows, total=total, page=number, pages=pages), counts


def user_detail(*, session: Session, actor: User | None, user_id: Any) -> dict[str, Any]:
    """What the edit panel shows of one user: roles, direct products, groups.

    Returns:
        A dict with id, name, email, roles, products (rows id, serial, model,
        by serial) and group_ids.

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
        NotFound: No such user in the actor's organisation.
    """
    actor = require_admin(actor)
    user = load_user(session, actor, user_id)
    products = session.exec(
        select(col(Product.id), col(Product.serial), col(ProductModel.name))
        .join(ProductModel, col(ProductModel.id) == col(Product.model_id))
        .join(UserProduct, col(UserProduct.product_id) == col(Product.id))
        .where(col(UserProduct.user_id) == user.id)
        .order_by(col(Product.serial_key), col(Product.id))
    ).all()
    group_ids = session.exec(
        select(GroupUser.group_id)
        .join(Group, col(Group.id) == col(GroupUser.group_id))
        .where(
            col(GroupUser.user_id) == user.id,
            col(Group.organisation_id) == actor.organisation_id,
        )
    ).all()
    return {
        "id": user.id,
        "name": user.full_name or user.email,
        "email": user.email,
        "roles": [r for r in _ROLE_ORDER if r in user.role_set],
        "products": [{"id": pid, "serial": s, "model": m} for pid, s, m in products],
        "group_ids": sorted(group_ids),
    }


def organisation_groups(*, session: Session, actor: User | None) -> list[dict[str, Any]]:
    """The groups of the administrator's organisation (id, name), by name, for the pickers.

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
    """
    actor = require_admin(actor)
    rows = session.exec(
        select(col(Group.id), col(Group.name))
        .where(col(Group.organisation_id) == actor.organisation_id)
        .order_by(sa.func.lower(col(Group.name)), col(Group.id))
    ).all()
    return [{"id": gid, "name": name} for gid, name in rows]


def find_products(
    *, session: Session, actor: User | None, serial: Any, limit: Any = PRODUCT_SEARCH_LIMIT
) -> list[dict[str, Any]]:
    """Products of the organisation whose serial contains ``serial`` (case and spaces ignored).

    Returns:
        Rows with id, serial and model, by serial; none for an empty search.

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
    """
    actor = require_admin(actor)
    key = serial_key(clean_query(serial))
    if not key:
        return []
    try:
        size = min(max(int(limit), 1), PRODUCT_SEARCH_LIMIT)
    except (TypeError, ValueError, OverflowError):
        size = PRODUCT_SEARCH_LIMIT
    rows = session.exec(
        select(col(Product.id), col(Product.serial), col(ProductModel.name))
        .join(ProductModel, col(ProductModel.id) == col(Product.model_id))
        .join(Account, col(Account.id) == col(Product.account_id))
        .where(
            col(Account.organisation_id) == actor.organisation_id,
            col(Product.serial_key).contains(key, autoescape=True),
        )
        .order_by(col(Product.serial_key), col(Product.id))
        .limit(size)
    ).all()
    return [{"id": pid, "serial": s, "model": m} for pid, s, m in rows]


# --- Status changes ---------------------------------------------------------------


def _change_status(
    session: Session,
    actor: User | None,
    user_id: Any,
    expected: UserStatus,
    new_status: UserStatus,
    event: str,
    now: datetime | None,
    context: dict[str, Any] | None = None,
) -> User:
    """Move a user of the administrator's organisation from ``expected`` to ``new_status``.

    Taking access away (any status but active) refuses the organisation's last
    active administrator and ends the user's sessions. The change is audited
    as ``user.<event>`` and the user is told with the e-mail ``account_<event>``.

    Raises:
        PermissionDenied: The actor is not an active administrator of an organisation.
        NotFound: No such user in the actor's organisation.
        ValidationFailed: ``user: error.user_status_invalid`` if not ``expected``;
            ``user: error.last_administrator``.
    """
    now = now or clock.now()
    actor = require_admin(actor)
    user = load_user(session, actor, user_id)
    _expect_status(user, expected)
    takes_access = new_status != UserStatus.ACTIVE
    if takes_access:
        _guard_last_admin(session, user)
    old = user.status
    user.status = new_status.value
    if new_status == UserStatus.ACTIVE and user.activated_at is None and user.password_hash:
        user.activated_at = now
    session.add(user)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action=f"user.{event}",
        object_type="user",
        object_id=user.id,
        old={"status": old},
        new={"status": user.status},
        now=now,
    )
    if takes_access:
        identity.end_sessions(session=session, user_id=user.id, now=now)
    tell_user(session, user, f"account_{event}", now, context)
    return user


def approve(
    *, session: Session, actor: User | None, user_id: Any, now: datetime | None = None
) -> User:
    """Approve a pending user (Pending → Active) and tell them by e-mail.

    Raises:
        PermissionDenied: The actor is not an active administrator of an organisation.
        NotFound: No such user in the actor's organisation.
        ValidationFailed: ``user: error.user_status_invalid`` if not pending.
    """
    return _change_status(
        session, actor, user_id, UserStatus.PENDING, UserStatus.ACTIVE, "approved", now
    )


def reject(
    *, session: Session, actor: User | None, user_id: Any, now: datetime | None = None
) -> User:
    """Reject a pending user (Pending → Rejected); their e-mail links stop working.

    Raises:
        PermissionDenied, NotFound: as for :func:`approve`.
        ValidationFailed: ``user: error.user_status_invalid`` if not pending;
            ``user: error.last_administrator``.
    """
    return _change_status(
        session, actor, user_id, UserStatus.PENDING, UserStatus.REJECTED, "rejected", now
    )


def suspend(
    *, session: Session, actor: User | None, user_id: Any, now: datetime | None = None
) -> User:
    """Suspend an active user (Active → Inactive); their open sessions end at once.

    Raises:
        PermissionDenied, NotFound: as for :func:`approve`.
        ValidationFailed: ``user: error.user_status_invalid`` if not active;
            ``user: error.last_administrator`` for the last active administrator.
    """
    return _change_status(
        session, actor, user_id, UserStatus.ACTIVE, UserStatus.INACTIVE, "suspended", now
    )


def reactivate(
    *, session: Session, actor: User | None, user_id: Any, now: datetime | None = None
) -> User:
    """Reactivate a suspended user (Inactive → Active).

    Raises:
        PermissionDenied, NotFound: as for :func:`approve`.
        ValidationFailed: ``user: error.user_status_invalid`` if not inactive.
    """
    return _change_status(
        session,
        actor,
        user_id,
        UserStatus.INACTIVE,
        UserStatus.ACTIVE,
        "reactivated",
        now,
        {"link": _login_link()},
    )


def _referenced(session: Session, user_id: int) -> bool:
    """Whether any row other than the user's own belongings points at the user."""
    own = {model.__table__.name for model in _REMOVED_WITH_USER}
    user_table = User.__table__
    for table in SQLModel.metadata.sorted_tables:
        if table.name in own:
            continue
        for fk in table.foreign_keys:
            if fk.column.table is not user_table:
                continue
            hit = session.exec(select(sa.literal(1)).where(fk.parent == user_id).limit(1)).first()
            if hit is not None:
                return True
    return False


def remove_user(session: Session, user: User, now: datetime) -> str:
    """Delete ``user`` and their belongings, or anonymise the row if history points at it.

    Returns:
        ``"deleted"`` or ``"anonymised"``.
    """
    identity.end_sessions(session=session, user_id=user.id, now=now)
    for model in _REMOVED_WITH_USER:
        session.exec(sa.delete(model).where(model.user_id == user.id))
    session.flush()
    if not _referenced(session, user.id):
        session.delete(user)
        session.flush()
        return "deleted"
    user.email = f"deleted-{user.id}@{DELETED_DOMAIN}"
    user.first_name = ""
    user.last_name = ""
    user.phone = ""
    user.job_title = ""
    user.roles = ""
    user.status = UserStatus.INACTIVE.value
    user.password_hash = None
    user.failed_logins = 0
    user.locked_until = None
    session.add(user)
    session.flush()
    return "anonymised"


def delete(
    *, session: Session, actor: User | None, user_id: Any, now: datetime | None = None
) -> str:
    """Delete a user of the organisation (see the module docstring for what stays).

    The user is told by e-mail first, at the address they had.

    Returns:
        ``"deleted"`` or ``"anonymised"``.

    Raises:
        PermissionDenied, NotFound: as for :func:`approve`.
        ValidationFailed: ``user: error.last_administrator``.
    """
    now = now or clock.now()
    actor = require_admin(actor)
    user = load_user(session, actor, user_id)
    _guard_last_admin(session, user)
    old = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "roles": user.roles,
        "status": user.status,
    }
    if user.status != UserStatus.REJECTED.value:
        tell_user(session, user, "account_deleted", now)
    uid = user.id
    outcome = remove_user(session, user, now)
    audit.record(
        session=session,
        actor=actor,
        action="user.deleted",
        object_type="user",
        object_id=uid,
        old=old,
        new={"outcome": outcome},
        now=now,
    )
    return outcome


# --- Roles and scope --------------------------------------------------------------


def change_roles(
    *,
    session: Session,
    actor: User | None,
    user_id: Any,
    roles: Any,
    now: datetime | None = None,
) -> User:
    """Give a user other roles (administrator, device manager, stock manager, knowledge user).

    Device manager and stock manager may be held together; every other role
    stands alone. Unchanged roles do nothing (no audit entry, no e-mail).

    Raises:
        PermissionDenied, NotFound: as for :func:`approve`.
        ValidationFailed: ``roles: <key>`` for an invalid choice;
            ``user: error.last_administrator`` when demoting the last one.
    """
    now = now or clock.now()
    actor = require_admin(actor)
    user = load_user(session, actor, user_id)
    wanted = clean_roles(roles)
    if set(wanted) == user.role_set:
        return user
    if Role.ADMINISTRATOR.value not in wanted:
        _guard_last_admin(session, user)
    old = user.roles
    user.roles = ",".join(wanted)
    session.add(user)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="user.roles_changed",
        object_type="user",
        object_id=user.id,
        old={"roles": old},
        new={"roles": user.roles},
        now=now,
    )
    tell_user(
        session,
        user,
        "account_role_changed",
        now,
        {"roles": role_labels(wanted, user.language), "link": _login_link()},
    )
    return user


def set_scope(session: Session, user: User, product_ids: list[int], group_ids: list[int]) -> None:
    """Make ``user``'s direct products and groups exactly these (ids already checked)."""
    session.exec(sa.delete(UserProduct).where(col(UserProduct.user_id) == user.id))
    session.exec(sa.delete(GroupUser).where(col(GroupUser.user_id) == user.id))
    session.flush()
    session.add_all(UserProduct(user_id=user.id, product_id=pid) for pid in product_ids)
    session.add_all(GroupUser(group_id=gid, user_id=user.id) for gid in group_ids)
    session.flush()


def assign(
    *,
    session: Session,
    actor: User | None,
    user_id: Any,
    product_ids: Any,
    group_ids: Any,
    now: datetime | None = None,
) -> User:
    """Make a user's directly assigned products and their groups exactly the given ones.

    Only products and groups of the actor's organisation may be given.

    Raises:
        PermissionDenied, NotFound: as for :func:`approve`; NotFound also for
            a product or group of another organisation.
    """
    now = now or clock.now()
    actor = require_admin(actor)
    user = load_user(session, actor, user_id)
    products = organisation_products(session, actor, product_ids)
    groups = organisation_group_ids(session, actor, group_ids)
    old_products = sorted(
        session.exec(select(UserProduct.product_id).where(col(UserProduct.user_id) == user.id))
    )
    old_groups = sorted(
        session.exec(select(GroupUser.group_id).where(col(GroupUser.user_id) == user.id))
    )
    if old_products == sorted(products) and old_groups == sorted(groups):
        return user
    set_scope(session, user, products, groups)
    audit.record(
        session=session,
        actor=actor,
        action="user.scope_changed",
        object_type="user",
        object_id=user.id,
        old={"product_ids": old_products, "group_ids": old_groups},
        new={"product_ids": sorted(products), "group_ids": sorted(groups)},
        now=now,
    )
    return user
