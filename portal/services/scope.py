"""Who may see what (SPEC A6): the one place where visibility is decided.

Every service that reads or changes products, accounts or tickets for a user
goes through these queries, so the rule lives here only:

- provider users (agent, provider admin) see everything;
- a customer administrator sees every product of their organisation's accounts;
- a device or stock manager sees the products assigned to them directly or
  through one of their groups, within their own organisation;
- a knowledge user sees no products; nor does a user who is not active.

The queries are built with IN subqueries so that filtering, paging and
counting happen in the database.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import object_session
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select, SelectOfScalar

from portal.errors import NotFound, PermissionDenied
from portal.models import (
    OPEN_TICKET_STATUSES,
    Account,
    GroupProduct,
    GroupUser,
    Product,
    Role,
    Ticket,
    User,
    UserProduct,
    UserStatus,
)

NOT_FOUND = "error.not_found"
PERMISSION_DENIED = "error.permission_denied"
ACCOUNT_NOT_ACTIVE = "error.account_not_active"

_MANAGER_ROLES = (Role.DEVICE_MANAGER, Role.STOCK_MANAGER)


def is_active(actor: User | None) -> bool:
    """Whether ``actor`` is a user who may act at all."""
    return actor is not None and actor.status == UserStatus.ACTIVE


def _sees_all(actor: User | None) -> bool:
    return is_active(actor) and actor.is_provider


def _organisation_accounts(organisation_id: int) -> SelectOfScalar[int]:
    return select(Account.id).where(col(Account.organisation_id) == organisation_id)


def _product_filter(actor: User | None) -> sa.ColumnElement[bool]:
    """The WHERE clause on ``Product`` for what ``actor`` may see."""
    if not is_active(actor):
        return sa.false()
    if actor.is_provider:
        return sa.true()
    if actor.organisation_id is None:
        return sa.false()
    in_organisation = col(Product.account_id).in_(_organisation_accounts(actor.organisation_id))
    if actor.has_role(Role.ADMINISTRATOR):
        return in_organisation
    if actor.has_role(*_MANAGER_ROLES):
        direct = select(UserProduct.product_id).where(col(UserProduct.user_id) == actor.id)
        via_group = (
            select(GroupProduct.product_id)
            .join(GroupUser, col(GroupUser.group_id) == col(GroupProduct.group_id))
            .where(col(GroupUser.user_id) == actor.id)
        )
        # One IN over a UNION rather than two ORed: PostgreSQL then expects a few hundred
        # products instead of most of the table and reads their rows by index.
        return sa.and_(in_organisation, col(Product.id).in_(sa.union(direct, via_group)))
    return sa.false()


def visible_products_query(actor: User | None) -> SelectOfScalar[Product]:
    """``select(Product)`` restricted to what ``actor`` may see (not executed).

    Callers add their own filters, ordering and paging.
    """
    return select(Product).where(_product_filter(actor))


def visible_product_ids_subquery(actor: User | None) -> SelectOfScalar[int]:
    """``select(Product.id)`` of the visible products, for use in ``.in_(...)``."""
    return select(Product.id).where(_product_filter(actor))


def _account_filter(actor: User | None) -> sa.ColumnElement[bool]:
    if not is_active(actor):
        return sa.false()
    if actor.is_provider:
        return sa.true()
    if actor.organisation_id is None:
        return sa.false()
    if actor.has_role(Role.ADMINISTRATOR):
        return col(Account.organisation_id) == actor.organisation_id
    if actor.has_role(*_MANAGER_ROLES):
        return col(Account.id).in_(select(Product.account_id).where(_product_filter(actor)))
    return sa.false()


def visible_accounts_query(actor: User | None) -> SelectOfScalar[Account]:
    """``select(Account)`` restricted to what ``actor`` may see (not executed).

    Administrators see their organisation's accounts; device and stock managers
    the accounts of their visible products; provider users all accounts.
    """
    return select(Account).where(_account_filter(actor))


def _ticket_filter(actor: User | None) -> sa.ColumnElement[bool]:
    if _sees_all(actor):
        return sa.true()
    return col(Ticket.product_id).in_(visible_product_ids_subquery(actor))


def visible_tickets_query(actor: User | None) -> SelectOfScalar[Ticket]:
    """``select(Ticket)`` of the tickets whose product ``actor`` may see (not executed)."""
    return select(Ticket).where(_ticket_filter(actor))


MAX_ID = 2**31 - 1


def as_id(value: Any) -> int:
    """An id from the browser as a database integer; anything else is not found."""
    if isinstance(value, bool):
        raise NotFound(NOT_FOUND)
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        raise NotFound(NOT_FOUND) from None
    if not 0 < number <= MAX_ID:
        raise NotFound(NOT_FOUND)
    return number


def as_ids(values: Any) -> list[int]:
    """A list of ids from the browser, without duplicates, in the order given.

    Raises:
        NotFound: ``values`` is not a list, tuple or set, or holds a malformed id.
    """
    if isinstance(values, str | bytes) or not isinstance(values, list | tuple | set | frozenset):
        raise NotFound(NOT_FOUND)
    return list(dict.fromkeys(as_id(v) for v in values))


def load_visible(session: Session, query: SelectOfScalar[Any], id_column: Any, raw_id: Any) -> Any:
    """The one row of a visibility-restricted ``query`` whose ``id_column`` is ``raw_id``.

    Raises:
        NotFound: The id is malformed, does not exist or is outside the query.
    """
    row = session.exec(query.where(id_column == as_id(raw_id))).first()
    if row is None:
        raise NotFound(NOT_FOUND)
    return row


def get_visible_product(*, session: Session, actor: User | None, product_id: Any) -> Product:
    """Load a product the actor may see.

    Raises:
        NotFound: The id does not exist or is outside the actor's scope (the
            two cases are indistinguishable on purpose).
    """
    return load_visible(session, visible_products_query(actor), col(Product.id), product_id)


def get_visible_ticket(*, session: Session, actor: User | None, ticket_id: Any) -> Ticket:
    """Load a ticket whose product the actor may see.

    Raises:
        NotFound: The id does not exist or is outside the actor's scope.
    """
    return load_visible(session, visible_tickets_query(actor), col(Ticket.id), ticket_id)


def get_visible_account(*, session: Session, actor: User | None, account_id: Any) -> Account:
    """Load an account the actor may see.

    Raises:
        NotFound: The id does not exist or is outside the actor's scope.
    """
    return load_visible(session, visible_accounts_query(actor), col(Account.id), account_id)


def count_rows(session: Session, query: Select[Any] | SelectOfScalar[Any]) -> int:
    """How many rows ``query`` selects, counted in the database."""
    return session.exec(select(sa.func.count()).select_from(query.subquery())).one()


def count_visible_products(*, session: Session, actor: User | None) -> int:
    """How many products the actor sees."""
    return count_rows(session, visible_product_ids_subquery(actor))


def count_open_tickets(*, session: Session, actor: User | None) -> int:
    """How many open tickets (New … Pending) the actor sees."""
    query = select(Ticket.id).where(
        _ticket_filter(actor),
        col(Ticket.status).in_([str(s) for s in OPEN_TICKET_STATUSES]),
    )
    return count_rows(session, query)


def count_visible_accounts(*, session: Session, actor: User | None) -> int:
    """How many accounts the actor sees."""
    return count_rows(session, select(Account.id).where(_account_filter(actor)))


def home_summary(*, session: Session, actor: User | None) -> dict[str, int]:
    """Figures for the home page: products, open tickets and accounts in scope."""
    return {
        "product_count": count_visible_products(session=session, actor=actor),
        "open_ticket_count": count_open_tickets(session=session, actor=actor),
        "account_count": count_visible_accounts(session=session, actor=actor),
    }


def require_active(actor: User | None) -> User:
    """Return ``actor`` if it is an active user.

    Raises:
        PermissionDenied: No user, or a pending, inactive or rejected one.
    """
    if not is_active(actor):
        raise PermissionDenied(ACCOUNT_NOT_ACTIVE)
    return actor


def require_role(actor: User | None, *roles: str) -> User:
    """Return ``actor`` if it is active and holds one of ``roles``.

    Raises:
        PermissionDenied: Not active, or none of the roles.
    """
    require_active(actor)
    if not actor.has_role(*roles):
        raise PermissionDenied(PERMISSION_DENIED)
    return actor


def require_organisation_role(actor: User | None, *roles: str) -> User:
    """Return ``actor`` if it is active, holds one of ``roles`` and belongs to an organisation.

    Raises:
        PermissionDenied: Not active, none of the roles, or no organisation.
    """
    require_role(actor, *roles)
    if actor.organisation_id is None:
        raise PermissionDenied(PERMISSION_DENIED)
    return actor


def can_edit_product(actor: User | None, product_in_scope: Product) -> bool:
    """Whether ``actor`` may change a product's alternative name and location (SPEC B4).

    Allowed: an administrator of the product's organisation, a device manager
    who sees it, or a provider agent. ``product_in_scope`` must have been
    loaded with ``get_visible_product`` for this actor; while it is still
    attached to a session its visibility is checked again, so a product loaded
    some other way cannot slip through.
    """
    if not is_active(actor):
        return False
    if actor.has_role(Role.AGENT):
        return True
    if not actor.has_role(Role.ADMINISTRATOR, Role.DEVICE_MANAGER):
        return False
    session = object_session(product_in_scope)
    if session is not None and product_in_scope.id is not None:
        visible = session.scalar(
            sa.select(Product.id).where(
                col(Product.id) == product_in_scope.id, _product_filter(actor)
            )
        )
        return visible is not None
    return True
