"""The product list of "Knowledge and products" (SPEC B2): search, filters, sorting, CSV.

Everything is built on ``scope.visible_products_query(actor)``, so a filter can
only narrow what the actor may see: a model, account or group id of another
organisation simply matches nothing. Filtering, counting, sorting and paging
happen in the database; the open-ticket count of each product comes from one
aggregate subquery joined to the page, never from a query per row.

A page is fetched in two steps so that the last page of 20,000 products costs
about as much as the first: a narrow query sorts and pages product ids only
(with just the join its sort column needs), then the columns of those few ids
are loaded.

Anything that comes from the browser is treated as untrusted: ids are converted
with ``int()`` (anything else is ignored), strings are stripped and bounded,
statuses and sort columns are whitelisted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select, SelectOfScalar

from portal.i18n import translate
from portal.models import (
    OPEN_TICKET_STATUSES,
    Account,
    Group,
    GroupProduct,
    GroupUser,
    Location,
    Product,
    ProductModel,
    Role,
    Ticket,
    User,
    serial_key,
)
from portal.services import capture, scope
from portal.services.common import stamp
from portal.services.listing import (
    DEFAULT_PAGE_SIZE,
    SYNC_STATUSES,
    Page,
    clean_page_size,
    clean_query,
    page_bounds,
)

SORT_COLUMNS = (
    "serial",
    "model",
    "alternative_name",
    "system_account_number",
    "city",
    "sync_status",
    "open_tickets",
)
DEFAULT_SORT = "serial"
DIRECTIONS = ("asc", "desc")
PRODUCT_STATUSES = ("active", "inactive", "removed")
MAX_FILTER_LENGTH = 60
EXPORT_CHUNK = 1000

# The export's columns: (row key, header message key).
CSV_COLUMNS = (
    ("serial", "col.serial"),
    ("model", "col.product_name"),
    ("alternative_name", "col.alternative_name"),
    ("system_account_number", "col.system_account"),
    ("account_number", "products.col.account"),
    ("city", "col.city"),
    ("sync_status", "col.sync_status"),
    ("status", "col.status"),
    ("open_tickets", "col.open_tickets"),
)
# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_OPEN = [s.value for s in OPEN_TICKET_STATUSES]


def _clean_id(value: Any) -> int | None:
    """An id from the browser as a positive int, or None for anything else."""
    if isinstance(value, bool):
        return None
    try:
        number = int(str(value).strip()) if isinstance(value, str) else int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if 0 < number < 2**63 else None


@dataclass
class ProductFilters:
    """The filters of the product list; every field is optional (empty or None = any).

    Values are cleaned when the object is built, whatever they were: strings
    stripped, inner whitespace collapsed and bounded, ids converted to int or
    dropped, the status whitelisted.

    Attributes:
        serial: All or part of a serial number; case and spaces do not matter.
        model_id: Only products of this model.
        alternative_name: Part of the alternative name, case-insensitive.
        account_id: Only products of this account.
        city: Part of the location's city or site, case-insensitive.
        group_id: Only products of this group.
        status: One of ``PRODUCT_STATUSES``.
    """

    serial: str = ""
    model_id: int | None = None
    alternative_name: str = ""
    account_id: int | None = None
    city: str = ""
    group_id: int | None = None
    status: str = ""

    def __post_init__(self) -> None:
        self.serial = clean_query(self.serial, MAX_FILTER_LENGTH)
        self.alternative_name = clean_query(self.alternative_name, MAX_FILTER_LENGTH)
        self.city = clean_query(self.city, MAX_FILTER_LENGTH)
        self.model_id = _clean_id(self.model_id)
        self.account_id = _clean_id(self.account_id)
        self.group_id = _clean_id(self.group_id)
        self.status = self.status if self.status in PRODUCT_STATUSES else ""

    @classmethod
    def from_mapping(cls, data: Any) -> ProductFilters:
        """Filters from a submitted form or query parameters (unknown names are ignored).

        Accepts both the field names and the short names of links
        (``model``, ``account``, ``group``).
        """
        if not isinstance(data, Mapping):
            return cls()
        aliases = {"model": "model_id", "account": "account_id", "group": "group_id"}
        values: dict[str, Any] = {}
        for name, value in data.items():
            name = aliases.get(name, name)
            if name in _FIELD_NAMES:
                values[name] = value
        return cls(**values)

    @property
    def advanced(self) -> bool:
        """Whether any filter besides the serial number is set."""
        return any(
            getattr(self, f.name) not in ("", None) for f in fields(self) if f.name != "serial"
        )

    @property
    def active(self) -> bool:
        """Whether any filter at all is set."""
        return bool(self.serial) or self.advanced


_FIELD_NAMES = {f.name for f in fields(ProductFilters)}


def clean_sort(sort: Any, direction: Any) -> tuple[str, str]:
    """A whitelisted sort column and direction (anything else: serial, ascending)."""
    column = sort if sort in SORT_COLUMNS else DEFAULT_SORT
    return column, direction if direction in DIRECTIONS else "asc"


def _pickable_groups(actor: User) -> sa.ColumnElement[bool]:
    """The groups ``actor`` may filter by: all of their organisation's for an
    administrator, every group for provider staff, otherwise their own groups."""
    if actor.is_provider:
        return sa.true()
    if actor.organisation_id is None:
        return sa.false()
    in_organisation = col(Group.organisation_id) == actor.organisation_id
    if actor.has_role(Role.ADMINISTRATOR):
        return in_organisation
    own = select(GroupUser.group_id).where(col(GroupUser.user_id) == actor.id)
    return sa.and_(in_organisation, col(Group.id).in_(own))


def _filtered(actor: User, filters: ProductFilters) -> SelectOfScalar[Product]:
    """The visible products narrowed by ``filters`` (not executed)."""
    query = scope.visible_products_query(actor)
    key = serial_key(filters.serial)
    if key:
        query = query.where(col(Product.serial_key).contains(key, autoescape=True))
    if filters.model_id is not None:
        query = query.where(col(Product.model_id) == filters.model_id)
    if filters.account_id is not None:
        query = query.where(col(Product.account_id) == filters.account_id)
    if filters.alternative_name:
        query = query.where(
            col(Product.alternative_name).icontains(filters.alternative_name, autoescape=True)
        )
    if filters.city:
        places = select(Location.id).where(
            sa.or_(
                col(Location.city).icontains(filters.city, autoescape=True),
                col(Location.site).icontains(filters.city, autoescape=True),
            )
        )
        if actor.organisation_id is not None:
            # A customer's machines stand at the customer's locations: searching only
            # those keeps a small fleet's search as fast as its list.
            places = places.where(col(Location.organisation_id) == actor.organisation_id)
        query = query.where(col(Product.location_id).in_(places))
    if filters.group_id is not None:
        members = (
            select(GroupProduct.product_id)
            .join(Group, col(Group.id) == col(GroupProduct.group_id))
            .where(col(GroupProduct.group_id) == filters.group_id, _pickable_groups(actor))
        )
        query = query.where(col(Product.id).in_(members))
    if filters.status:
        query = query.where(col(Product.status) == filters.status)
    return query


def _open_counts(product_ids: list[int] | None = None) -> sa.Subquery:
    """Open tickets per product: one aggregate over the (few) open tickets, of
    ``product_ids`` only when given (the products of one page)."""
    query = select(
        col(Ticket.product_id).label("product_id"), sa.func.count().label("open_count")
    ).where(col(Ticket.status).in_(_OPEN))
    if product_ids is not None:
        query = query.where(col(Ticket.product_id).in_(product_ids))
    return query.group_by(col(Ticket.product_id)).subquery("open_ticket_count")


def _order(sort: str, direction: str, counts: sa.Subquery) -> list[Any]:
    """ORDER BY of the list: the sort column, then serial number and id so that equal
    keys keep one stable order across pages."""
    keys: dict[str, Any] = {
        "serial": col(Product.serial_key),
        "model": sa.func.lower(col(ProductModel.name)),
        "alternative_name": sa.func.lower(col(Product.alternative_name)),
        "system_account_number": col(Product.system_account_number),
        "city": sa.func.lower(col(Location.city)),
        "sync_status": col(Product.sync_status),
        "open_tickets": sa.func.coalesce(counts.c.open_count, 0),
    }
    key = keys[sort]
    order = [key.desc() if direction == "desc" else key.asc()]
    if sort != "serial":
        order.append(col(Product.serial_key))
    order.append(col(Product.id))
    return order


def _ordered_ids(
    actor: User, filters: ProductFilters, sort: str, direction: str
) -> SelectOfScalar[int]:
    """``select(Product.id)`` of the filtered products in list order, with only the
    join that the sort column needs (not executed)."""
    counts = _open_counts()
    query = _filtered(actor, filters).with_only_columns(col(Product.id))
    if sort == "model":
        query = query.join(ProductModel, col(ProductModel.id) == col(Product.model_id))
    elif sort == "city":
        query = query.join(Location, col(Location.id) == col(Product.location_id))
    elif sort == "open_tickets":
        query = query.outerjoin(counts, counts.c.product_id == col(Product.id))
    return query.order_by(*_order(sort, direction, counts))


def _columns(counts: sa.Subquery) -> Select[Any]:
    """The list's columns; the caller adds the WHERE clause that picks the products."""
    return (
        select(
            col(Product.id),
            col(Product.serial),
            col(ProductModel.name),
            col(Product.alternative_name),
            col(Product.system_account_number),
            col(Account.number),
            col(Location.city),
            col(Product.sync_status),
            col(Product.status),
            sa.func.coalesce(counts.c.open_count, 0),
            col(Product.auto_capture),
            col(Product.last_contact_at),
            col(Product.created_at),
        )
        .select_from(Product)
        .join(ProductModel, col(ProductModel.id) == col(Product.model_id))
        .join(Account, col(Account.id) == col(Product.account_id))
        .join(Location, col(Location.id) == col(Product.location_id))
        .outerjoin(counts, counts.c.product_id == col(Product.id))
    )


def _row(values: Any) -> dict[str, Any]:
    (
        pid,
        serial,
        model,
        alternative_name,
        system_account_number,
        account_number,
        city,
        sync_status,
        status,
        open_count,
        auto_capture,
        last_contact_at,
        created_at,
    ) = values
    return {
        "id": pid,
        "serial": serial,
        "model": model,
        "alternative_name": alternative_name,
        "system_account_number": system_account_number,
        "account_number": account_number,
        "city": city,
        "sync_status": sync_status,
        "sync_key": f"sync_status.{sync_status}" if sync_status in SYNC_STATUSES else "",
        "status": status,
        "status_key": f"products.status.{status}" if status in PRODUCT_STATUSES else "",
        "open_tickets": int(open_count or 0),
        "auto_capture": bool(auto_capture),
        "last_contact": stamp(last_contact_at),
        "not_reporting": capture.silent_too_long(
            auto_capture=auto_capture,
            status=status,
            last_contact_at=last_contact_at,
            created_at=created_at,
        ),
    }


def search_products(
    *,
    session: Session,
    actor: User | None,
    filters: ProductFilters | None = None,
    sort: str = DEFAULT_SORT,
    direction: str = "asc",
    page: Any = 1,
    page_size: Any = DEFAULT_PAGE_SIZE,
) -> Page:
    """One page of the products ``actor`` may see that match ``filters``.

    Args:
        session: The database session.
        actor: The signed-in user.
        filters: What to narrow the list to (None: the full list).
        sort: One of ``SORT_COLUMNS`` (anything else sorts by serial number).
        direction: "asc" or "desc" (anything else is ascending).
        page: The page wanted (clamped to the existing pages).
        page_size: Rows per page, one of ``PAGE_SIZES`` (anything else: 25).

    Returns:
        A page whose rows have id, serial, model (the product name),
        alternative_name, system_account_number, account_number, city,
        sync_status, sync_key and status, status_key (message keys, '' when
        unknown) and open_tickets. A knowledge user's list is empty.

    Raises:
        PermissionDenied: The actor is not an active user.
    """
    scope.require_active(actor)
    filters = filters or ProductFilters()
    sort, direction = clean_sort(sort, direction)
    size = clean_page_size(page_size)

    matching = _filtered(actor, filters).with_only_columns(col(Product.id)).subquery()
    total = session.exec(select(sa.func.count()).select_from(matching)).one()
    number, pages = page_bounds(total, page, size)
    if total == 0:
        return Page(rows=[], total=0, page=1, pages=1)

    ordered = _ordered_ids(actor, filters, sort, direction)
    ids = list(session.exec(ordered.limit(size).offset((number - 1) * size)).all())
    if not ids:
        return Page(rows=[], total=total, page=number, pages=pages)
    loaded = {
        values[0]: _row(values)
        for values in session.exec(_columns(_open_counts(ids)).where(col(Product.id).in_(ids)))
    }
    rows = [loaded[pid] for pid in ids if pid in loaded]
    return Page(rows=rows, total=total, page=number, pages=pages)


def _iter_rows(
    session: Session, actor: User, filters: ProductFilters, sort: str, direction: str
) -> Iterator[dict[str, Any]]:
    """Every matching row in list order, streamed from the database in chunks."""
    counts = _open_counts()
    matching = _filtered(actor, filters).with_only_columns(col(Product.id))
    query = (
        _columns(counts)
        .where(col(Product.id).in_(matching))
        .order_by(*_order(sort, direction, counts))
        .execution_options(yield_per=EXPORT_CHUNK)
    )
    for values in session.exec(query):
        yield _row(values)


def _safe_cell(value: Any) -> Any:
    """Neutralise a text cell that a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def export_products_csv(
    *,
    session: Session,
    actor: User | None,
    filters: ProductFilters | None = None,
    sort: str = DEFAULT_SORT,
    direction: str = "asc",
) -> str:
    """The whole filtered list as CSV, in list order, for Excel.

    The text starts with a UTF-8 byte-order mark so Excel detects the encoding;
    the header row and the status columns are in the actor's language. Text
    cells that a spreadsheet would take for a formula get a leading ``'``.

    Args:
        session: The database session.
        actor: The signed-in user.
        filters: What to narrow the list to (None: the full list).
        sort: One of ``SORT_COLUMNS`` (anything else sorts by serial number).
        direction: "asc" or "desc" (anything else is ascending).

    Returns:
        The CSV text.

    Raises:
        PermissionDenied: The actor is not an active user.
    """
    scope.require_active(actor)
    filters = filters or ProductFilters()
    sort, direction = clean_sort(sort, direction)
    lang = actor.language

    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([translate(lang, key) for _, key in CSV_COLUMNS])
    for row in _iter_rows(session, actor, filters, sort, direction):
        row = dict(row)
        if row["sync_key"]:
            row["sync_status"] = translate(lang, row["sync_key"])
        if row["status_key"]:
            row["status"] = translate(lang, row["status_key"])
        writer.writerow([_safe_cell(row[name]) for name, _ in CSV_COLUMNS])
    return out.getvalue()


def filter_options(*, session: Session, actor: User | None) -> dict[str, list[dict[str, str]]]:
    """What ``actor`` may pick in the advanced search, all within their scope.

    Args:
        session: The database session.
        actor: The signed-in user.

    Returns:
        ``models`` (models of the visible products), ``accounts`` (visible
        accounts), ``groups`` (the organisation's groups for an administrator,
        the user's own groups otherwise) and ``statuses``; each a list of
        ``{"value": id as text, "label": text}`` (statuses carry a message key
        as label). Everything is empty for a user who sees no products.

    Raises:
        PermissionDenied: The actor is not an active user.
    """
    scope.require_active(actor)
    visible = scope.visible_product_ids_subquery(actor)
    if session.exec(visible.limit(1)).first() is None:
        return {"models": [], "accounts": [], "groups": [], "statuses": []}
    models = session.exec(
        select(ProductModel.id, ProductModel.name)
        .where(
            col(ProductModel.id).in_(
                select(Product.model_id).where(col(Product.id).in_(visible)).distinct()
            )
        )
        .order_by(col(ProductModel.name))
    ).all()
    accounts = session.exec(
        scope.visible_accounts_query(actor).order_by(col(Account.number), col(Account.id))
    ).all()
    groups = session.exec(
        select(Group.id, Group.name)
        .where(_pickable_groups(actor))
        .order_by(sa.func.lower(col(Group.name)), col(Group.id))
    ).all()
    return {
        "models": [{"value": str(mid), "label": name} for mid, name in models],
        "accounts": [{"value": str(a.id), "label": f"{a.number} – {a.name}"} for a in accounts],
        "groups": [{"value": str(gid), "label": name} for gid, name in groups],
        "statuses": [{"value": s, "label": f"products.status.{s}"} for s in PRODUCT_STATUSES],
    }
