"""Read-only lists behind the main tabs (SPEC A8, B2, C1, C7), scoped by role.

Every list starts from the visibility queries of ``portal.services.scope`` and
filters, counts and pages in the database. Rows are plain dicts of primitives
(dates as ISO strings, enumerations also as message keys) so that states can
hand them to the browser as they are.

Anything that comes from the browser is treated as untrusted: page numbers
are converted and clamped, page sizes are whitelisted, search strings are
stripped and bounded, status filters are whitelisted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from portal.errors import PermissionDenied
from portal.models import (
    OPEN_TICKET_STATUSES,
    Consumable,
    Location,
    Product,
    ProductModel,
    Role,
    StockLevel,
    StockLocation,
    StockManagerLocation,
    Ticket,
    TicketStatus,
    TicketType,
    User,
    UserStatus,
    serial_key,
)
from portal.services import scope

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 25
MAX_QUERY_LENGTH = 60
_MAX_PAGE = 1_000_000

CLOSED_TICKET_STATUSES = (TicketStatus.SOLVED, TicketStatus.CLOSED)
USER_STATUSES = tuple(s.value for s in UserStatus)
SERVICE_ROLES = (Role.ADMINISTRATOR, Role.DEVICE_MANAGER, Role.AGENT)
STOCK_ROLES = (Role.ADMINISTRATOR, Role.STOCK_MANAGER)
USER_ADMIN_ROLES = (Role.ADMINISTRATOR, Role.PROVIDER_ADMIN)

_TICKET_TYPES = {t.value for t in TicketType}
_ROLES = [r.value for r in Role]
SYNC_STATUSES = ("synced", "pending", "error")


@dataclass
class Page:
    """One page of a list.

    Attributes:
        rows: The rows of this page, plain dicts of primitives.
        total: How many rows match in all pages.
        page: The page number actually shown (1-based, clamped to the range).
        pages: How many pages there are (at least 1, also for an empty list).
    """

    rows: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 1


def clean_page(page: Any) -> int:
    """A page number from the browser as a positive int (anything else is page 1)."""
    try:
        number = int(page)
    except (TypeError, ValueError, OverflowError):
        return 1
    return min(max(number, 1), _MAX_PAGE)


def clean_page_size(page_size: Any) -> int:
    """A page size from the browser, restricted to ``PAGE_SIZES``."""
    try:
        size = int(page_size)
    except (TypeError, ValueError, OverflowError):
        return DEFAULT_PAGE_SIZE
    return size if size in PAGE_SIZES else DEFAULT_PAGE_SIZE


def clean_query(text: Any, limit: int = MAX_QUERY_LENGTH) -> str:
    """A search string from the browser: stripped, inner whitespace collapsed, bounded."""
    if not isinstance(text, str):
        return ""
    return " ".join(text.split())[:limit]


def _iso(value: datetime | date | None) -> str:
    """The UTC calendar date of a timestamp as ``YYYY-MM-DD`` ('' for none)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value.isoformat()


def _count(session: Session, query: Any) -> int:
    return session.exec(select(sa.func.count()).select_from(query.subquery())).one()


def _paged(session: Session, query: Any, count_query: Any, page: Any, page_size: Any):
    """Count, clamp the page to the range, and fetch that page of ``query``."""
    size = clean_page_size(page_size)
    total = _count(session, count_query)
    pages = max(1, math.ceil(total / size))
    number = min(clean_page(page), pages)
    result = session.exec(query.limit(size).offset((number - 1) * size)).all()
    return result, total, number, pages


# --- Products (SPEC B2) ---------------------------------------------------------


def list_products(
    *,
    session: Session,
    actor: User | None,
    serial_query: str = "",
    page: Any = 1,
    page_size: Any = DEFAULT_PAGE_SIZE,
) -> Page:
    """The products ``actor`` may see, with their open-ticket counts, one page at a time.

    Args:
        session: The database session.
        actor: The signed-in user.
        serial_query: Part of a serial number; case and spaces do not matter.
        page: The page wanted (clamped to the existing pages).
        page_size: Rows per page (one of ``PAGE_SIZES``).

    Returns:
        A page of rows with id, serial, model, alternative_name,
        system_account_number, city, sync_status, sync_key (a message key, ''
        for a status without translation) and open_tickets. A knowledge
        user's list is empty: they see no products.

    Raises:
        PermissionDenied: The actor is not an active user.
    """
    scope.require_active(actor)
    visible = scope.visible_products_query(actor)
    key = serial_key(clean_query(serial_query))
    if key:
        visible = visible.where(col(Product.serial_key).contains(key, autoescape=True))
    products = visible.subquery("visible_product")

    open_tickets = (
        select(sa.func.count(col(Ticket.id)))
        .where(
            col(Ticket.product_id) == products.c.id,
            col(Ticket.status).in_([s.value for s in OPEN_TICKET_STATUSES]),
        )
        .correlate(products)
        .scalar_subquery()
    )
    query = (
        select(
            products.c.id,
            products.c.serial,
            col(ProductModel.name),
            products.c.alternative_name,
            products.c.system_account_number,
            col(Location.city),
            products.c.sync_status,
            open_tickets,
        )
        .select_from(products)
        .join(ProductModel, col(ProductModel.id) == products.c.model_id)
        .join(Location, col(Location.id) == products.c.location_id)
        .order_by(products.c.serial_key, products.c.id)
    )
    result, total, number, pages = _paged(session, query, select(products.c.id), page, page_size)
    rows = [
        {
            "id": pid,
            "serial": serial,
            "model": model,
            "alternative_name": alternative_name,
            "system_account_number": system_account_number,
            "city": city,
            "sync_status": sync_status,
            "sync_key": f"sync_status.{sync_status}" if sync_status in SYNC_STATUSES else "",
            "open_tickets": int(open_count or 0),
        }
        for (
            pid,
            serial,
            model,
            alternative_name,
            system_account_number,
            city,
            sync_status,
            open_count,
        ) in result
    ]
    return Page(rows=rows, total=total, page=number, pages=pages)


# --- Tickets (SPEC C1) ----------------------------------------------------------


def _ticket_type_key(value: str) -> str:
    return f"ticket_type.{value if value in _TICKET_TYPES else TicketType.OTHER.value}"


def list_tickets(
    *,
    session: Session,
    actor: User | None,
    closed: bool = False,
    page: Any = 1,
    page_size: Any = DEFAULT_PAGE_SIZE,
) -> Page:
    """The open or closed tickets ``actor`` may see, newest first, one page at a time.

    Open means New, Assigned, Planned or Pending; closed means Solved or Closed.
    Open tickets are ordered by creation, closed ones by their close date.

    Args:
        session: The database session.
        actor: The signed-in user.
        closed: Whether to list closed tickets instead of open ones.
        page: The page wanted (clamped to the existing pages).
        page_size: Rows per page (one of ``PAGE_SIZES``).

    Returns:
        A page of rows with id, number, your_reference, ticket_type, type_key,
        status, status_key, product_serial, product_name, created_on and
        closed_on (ISO dates).

    Raises:
        PermissionDenied: The actor is not an administrator, device manager or
            provider agent.
    """
    scope.require_role(actor, *SERVICE_ROLES)
    statuses = CLOSED_TICKET_STATUSES if closed else OPEN_TICKET_STATUSES
    visible = scope.visible_tickets_query(actor).where(
        col(Ticket.status).in_([s.value for s in statuses])
    )
    tickets = visible.subquery("visible_ticket")
    closed_at = sa.func.coalesce(tickets.c.closed_at, tickets.c.solved_at)
    newest = (
        (closed_at.desc().nulls_last(), tickets.c.id.desc())
        if closed
        else (
            tickets.c.created_at.desc(),
            tickets.c.id.desc(),
        )
    )
    query = (
        select(
            tickets.c.id,
            tickets.c.number,
            tickets.c.your_reference,
            tickets.c.ticket_type,
            tickets.c.status,
            tickets.c.created_at,
            tickets.c.closed_at,
            tickets.c.solved_at,
            col(Product.serial),
            col(ProductModel.name),
        )
        .select_from(tickets)
        .join(Product, col(Product.id) == tickets.c.product_id)
        .join(ProductModel, col(ProductModel.id) == col(Product.model_id))
        .order_by(*newest)
    )
    result, total, number, pages = _paged(session, query, select(tickets.c.id), page, page_size)
    rows = []
    for (
        tid,
        num,
        reference,
        ticket_type,
        status,
        created,
        closed_ts,
        solved_ts,
        serial,
        model,
    ) in result:
        rows.append(
            {
                "id": tid,
                "number": num,
                "your_reference": reference,
                "ticket_type": ticket_type,
                "type_key": _ticket_type_key(ticket_type),
                "status": status,
                "status_key": f"ticket_status.{status}",
                "product_serial": serial,
                "product_name": model,
                "created_on": _iso(created),
                "closed_on": _iso(closed_ts or solved_ts),
            }
        )
    return Page(rows=rows, total=total, page=number, pages=pages)


# --- Stock locations (SPEC C7) --------------------------------------------------


def list_stock_locations(*, session: Session, actor: User | None) -> list[dict[str, Any]]:
    """The stock locations ``actor`` manages, each with its stock on hand.

    An administrator sees every stock location of the organisation; a stock
    manager those assigned to them.

    Args:
        session: The database session.
        actor: The signed-in user.

    Returns:
        Rows with id, name, address, shipping_instructions and stock (a list
        of dicts with consumable, code and quantity, by consumable name).

    Raises:
        PermissionDenied: The actor is neither an administrator nor a stock
            manager of an organisation.
    """
    scope.require_role(actor, *STOCK_ROLES)
    if actor.organisation_id is None:
        raise PermissionDenied(scope.PERMISSION_DENIED)
    query = select(StockLocation).where(col(StockLocation.organisation_id) == actor.organisation_id)
    if not actor.has_role(Role.ADMINISTRATOR):
        assigned = select(StockManagerLocation.stock_location_id).where(
            col(StockManagerLocation.user_id) == actor.id
        )
        query = query.where(col(StockLocation.id).in_(assigned))
    locations = session.exec(query.order_by(col(StockLocation.name), col(StockLocation.id))).all()
    if not locations:
        return []

    stock: dict[int, list[dict[str, Any]]] = {loc.id: [] for loc in locations}
    levels = session.exec(
        select(
            col(StockLevel.stock_location_id),
            col(Consumable.name),
            col(Consumable.code),
            col(StockLevel.quantity),
        )
        .join(Consumable, col(Consumable.id) == col(StockLevel.consumable_id))
        .where(col(StockLevel.stock_location_id).in_(list(stock)))
        .order_by(col(Consumable.name), col(Consumable.code))
    ).all()
    for location_id, name, code, quantity in levels:
        stock[location_id].append({"consumable": name, "code": code, "quantity": quantity})
    return [
        {
            "id": loc.id,
            "name": loc.name,
            "address": loc.address,
            "shipping_instructions": loc.shipping_instructions,
            "stock": stock[loc.id],
        }
        for loc in locations
    ]


# --- Users (SPEC A8) ------------------------------------------------------------


def _users_filter(actor: User | None) -> sa.ColumnElement[bool]:
    """Which users ``actor`` administers: own organisation, or the provider's staff."""
    scope.require_role(actor, *USER_ADMIN_ROLES)
    if actor.has_role(Role.PROVIDER_ADMIN):
        return col(User.organisation_id).is_(None)
    if actor.organisation_id is None:
        raise PermissionDenied(scope.PERMISSION_DENIED)
    return col(User.organisation_id) == actor.organisation_id


def list_users(
    *,
    session: Session,
    actor: User | None,
    status: Any = UserStatus.ACTIVE.value,
    last_name: str = "",
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
        page_size: Rows per page (one of ``PAGE_SIZES``).

    Returns:
        The page (rows with id, first_name, last_name, email, role_keys,
        status, status_key and joined_on) and a dict status → count with every
        status present.

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

    query = (
        select(User)
        .where(*conditions, col(User.status) == status)
        .order_by(
            sa.func.lower(col(User.last_name)), sa.func.lower(col(User.first_name)), col(User.id)
        )
    )
    result, total, number, pages = _paged(
        session,
        query,
        select(User.id).where(*conditions, col(User.status) == status),
        page,
        page_size,
    )
    rows = [
        {
            "id": user.id,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "role_keys": [f"role.{r}" for r in _ROLES if r in user.role_set],
            "status": user.status,
            "status_key": f"user_status.{user.status}",
            "joined_on": _iso(user.created_at),
        }
        for user in result
    ]
    return Page(rows=rows, total=total, page=number, pages=pages), counts
