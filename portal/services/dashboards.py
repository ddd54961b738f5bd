"""Dashboards (SPEC X3): monthly print volume, tickets per month, time to resolve,
SLA compliance and the devices with most tickets, ready for a chart and a table.

Every figure is an aggregate computed in the database (GROUP BY), one query
per function whatever the size of the fleet; time to resolve ranks a few
products' tickets itself and reads whole accounts' medians and p90 in index
order. Everything is restricted to what the actor may see through
``scope.visible_product_ids_subquery``; the filters can only narrow it, so an
account, group or product id outside the actor's scope matches nothing.

Months are "YYYY-MM" strings of the UTC calendar. Rows are plain dicts of
JSON-able values, sorted by month.

How print volume is counted: the pages of a period between two consecutive
readings of a product belong to the month of the reading that closes it (the
product page's ``products.monthly_volume`` agrees as long as a product is read
at least once a month; it spreads a longer gap over the months it spans). A
counter that went down (a reset or rollover) counts nothing for that period,
and a counter missing from either reading counts nothing. The pages are stored
with each reading and summed per account and month by ``portal.volume``; whole
accounts are read from those sums, a device manager's products, a group or a
product from the readings.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from portal import clock
from portal.errors import ValidationFailed
from portal.models import (
    OPEN_TICKET_STATUSES,
    Account,
    AccountVolume,
    GroupProduct,
    MeterReading,
    Product,
    ProductModel,
    Role,
    Ticket,
    TicketType,
    User,
)
from portal.services import scope

DASHBOARD_ROLES = (Role.PROVIDER_ADMIN, Role.AGENT, Role.ADMINISTRATOR, Role.DEVICE_MANAGER)
DEFAULT_MONTHS = 12
MAX_MONTHS = 36
DEFAULT_TOP_LIMIT = 10
MAX_TOP_LIMIT = 100
VOLUME_GROUPINGS = ("fleet", "account")
TICKET_TYPES = tuple(t.value for t in TicketType)

_MIN_YEAR, _MAX_YEAR = 1900, 2999
_MONTH_RE = re.compile(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?")
# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_OPEN = [s.value for s in OPEN_TICKET_STATUSES]


# --- Filters ------------------------------------------------------------------------


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _month_label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def _parse_month(value: Any) -> int | None:
    """A month from the browser ("YYYY-MM", also "YYYY-MM-DD") as an index, else None."""
    if isinstance(value, datetime | date):
        value = value.isoformat()[:7]
    if not isinstance(value, str):
        return None
    match = _MONTH_RE.fullmatch(value.strip()[:10])
    if match is None:
        return None
    year, month = int(match[1]), int(match[2])
    if not (_MIN_YEAR <= year <= _MAX_YEAR and 1 <= month <= 12):
        return None
    return _month_index(year, month)


def _clean_id(value: Any) -> int | None:
    """An id from the browser as a positive database integer, or None for anything else."""
    if isinstance(value, bool):
        return None
    try:
        number = int(value.strip()) if isinstance(value, str) else int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if 0 < number <= scope.MAX_ID else None


@dataclass
class DashboardFilters:
    """What the dashboards cover; values are cleaned when the object is built.

    The period defaults to the last ``DEFAULT_MONTHS`` months up to the current
    one. A reversed period is swapped; one longer than ``MAX_MONTHS`` keeps its
    last month and is cut to ``MAX_MONTHS``. Invalid months and ids are ignored.

    Attributes:
        from_month: First month, "YYYY-MM".
        to_month: Last month (included), "YYYY-MM".
        account_id: Only products of this account.
        group_id: Only products of this group.
        product_id: Only this product.
    """

    from_month: Any = ""
    to_month: Any = ""
    account_id: Any = None
    group_id: Any = None
    product_id: Any = None

    def __post_init__(self) -> None:
        today = clock.now().astimezone(UTC)
        last = _parse_month(self.to_month)
        first = _parse_month(self.from_month)
        if last is None:
            last = _month_index(today.year, today.month)
        if first is None:
            first = last - DEFAULT_MONTHS + 1
        if first > last:
            first, last = last, first
        first = max(first, last - MAX_MONTHS + 1)
        self.from_month = _month_label(first)
        self.to_month = _month_label(last)
        self.account_id = _clean_id(self.account_id)
        self.group_id = _clean_id(self.group_id)
        self.product_id = _clean_id(self.product_id)

    @classmethod
    def from_mapping(cls, data: Any) -> DashboardFilters:
        """Filters from a submitted form or query parameters (unknown names are ignored).

        Accepts the field names and the short names ``from``, ``to``,
        ``account``, ``group`` and ``product``.
        """
        if not isinstance(data, Mapping):
            return cls()
        aliases = {
            "from": "from_month",
            "to": "to_month",
            "account": "account_id",
            "group": "group_id",
            "product": "product_id",
        }
        values = {}
        for name, value in data.items():
            name = aliases.get(name, name)
            if name in _FIELD_NAMES:
                values[name] = value
        return cls(**values)

    @property
    def first_index(self) -> int:
        """The first month as year * 12 + month - 1."""
        return _parse_month(self.from_month)  # type: ignore[return-value]

    @property
    def last_index(self) -> int:
        """The last month as year * 12 + month - 1."""
        return _parse_month(self.to_month)  # type: ignore[return-value]

    @property
    def months(self) -> list[str]:
        """Every month of the period, oldest first ("YYYY-MM")."""
        return [_month_label(i) for i in range(self.first_index, self.last_index + 1)]

    @property
    def start(self) -> date:
        """The first day of the period."""
        return _month_start(self.first_index)

    @property
    def end(self) -> date:
        """The first day after the period."""
        return _month_start(self.last_index + 1)

    @property
    def narrowed(self) -> bool:
        """Whether an account, group or product narrows the fleet."""
        return any(v is not None for v in (self.account_id, self.group_id, self.product_id))


_FIELD_NAMES = {f.name for f in fields(DashboardFilters)}


# --- SQL helpers ----------------------------------------------------------------------


def _month_of_date(session: Session, column: Any) -> Any:
    """SQL for the "YYYY-MM" of a date column, on SQLite or PostgreSQL."""
    if session.get_bind().dialect.name == "sqlite":
        return sa.func.strftime("%Y-%m", column)
    return sa.func.to_char(column, "YYYY-MM")


def _number(value: Any) -> int:
    return int(value or 0)


def _hours(value: Any) -> float | None:
    if value is None:
        return None
    return round(float(value), 1)


def _authorize(actor: User | None) -> User:
    return scope.require_role(actor, *DASHBOARD_ROLES)


def _products(actor: User, filters: DashboardFilters) -> SelectOfScalar[int] | None:
    """``select(Product.id)`` of the products in scope and filters; None when that is every
    product (a provider user without filters), so the queries need no IN clause at all."""
    if actor.is_provider and not filters.narrowed:
        return None
    query = scope.visible_product_ids_subquery(actor)
    if filters.account_id is not None:
        query = query.where(col(Product.account_id) == filters.account_id)
    if filters.group_id is not None:
        members = select(GroupProduct.product_id).where(
            col(GroupProduct.group_id) == filters.group_id
        )
        query = query.where(col(Product.id).in_(members))
    if filters.product_id is not None:
        query = query.where(col(Product.id) == filters.product_id)
    return query


def _ticket_scope(actor: User, filters: DashboardFilters) -> list[Any]:
    """Conditions on ``Ticket`` for the scope and filters: whole accounts by the ticket's
    account (checked inside the indexes on the stored months), a few products by product."""
    accounts = _whole_accounts(actor, filters)
    if accounts is True:
        return []
    if accounts is False:
        return [col(Ticket.product_id).in_(_products(actor, filters))]
    return [col(Ticket.account_id).in_(accounts)]


def _months(column: Any, filters: DashboardFilters) -> list[Any]:
    """A stored "YYYY-MM" column within the period."""
    return [column >= filters.from_month, column <= filters.to_month]


# --- Print volume ---------------------------------------------------------------------


def _whole_accounts(actor: User, filters: DashboardFilters) -> SelectOfScalar[int] | bool:
    """Whether the scope and filters are whole accounts (print volume from their sums).

    Returns:
        True for every account, ``select(Account.id)`` of the accounts, or
        False when the scope or the filters select products rather than whole
        accounts (a device manager, a group or a product).
    """
    if filters.group_id is not None or filters.product_id is not None:
        return False
    if actor.is_provider:
        query = select(Account.id)
    elif actor.has_role(Role.ADMINISTRATOR) and actor.organisation_id is not None:
        query = select(Account.id).where(col(Account.organisation_id) == actor.organisation_id)
    else:
        return False
    if filters.account_id is not None:
        return query.where(col(Account.id) == filters.account_id)
    return True if actor.is_provider else query


def print_volume(
    *,
    session: Session,
    actor: User | None,
    filters: DashboardFilters,
    by: str = "fleet",
) -> list[dict[str, Any]]:
    """Pages printed per month, mono (counter "black") and colour (counter "colour").

    See the module docstring for how readings become monthly volume.

    Args:
        session: The database session.
        actor: The signed-in user.
        filters: Period and fleet (``product_id`` for one product).
        by: "fleet" (one row per month) or "account" (one row per month and
            account); anything else is "fleet".

    Returns:
        Rows ``{"month", "mono", "colour", "total"}`` (total = mono + colour),
        only for months in which some counter could be compared with an
        earlier reading; with ``by="account"`` also
        ``account_id``, ``account_number`` and ``account_name``, sorted by month
        then account number.

    Raises:
        PermissionDenied: The actor may not see dashboards.
    """
    actor = _authorize(actor)
    by = by if by in VOLUME_GROUPINGS else "fleet"
    accounts = _whole_accounts(actor, filters)
    if accounts is not False:
        # Whole accounts: their monthly sums, a few rows per account.
        month = col(AccountVolume.month).label("month")
        mono = sa.func.sum(col(AccountVolume.black_pages)).label("mono")
        colour = sa.func.sum(col(AccountVolume.colour_pages)).label("colour")
        conditions = [month >= filters.from_month, month <= filters.to_month]
        if accounts is not True:
            conditions.append(col(AccountVolume.account_id).in_(accounts))
        account_column = col(AccountVolume.account_id)
        base = select(month, mono, colour).where(*conditions)
    else:
        # Some products: their readings' pages in the period.
        month = _month_of_date(session, col(MeterReading.read_on)).label("month")
        mono = sa.func.sum(col(MeterReading.black_pages)).label("mono")
        colour = sa.func.sum(col(MeterReading.colour_pages)).label("colour")
        products = _products(actor, filters)
        conditions = [
            col(MeterReading.read_on) >= filters.start,
            col(MeterReading.read_on) < filters.end,
        ]
        if products is not None:
            conditions.append(col(MeterReading.product_id).in_(products))
        account_column = col(Product.account_id)
        base = (
            select(month, mono, colour)
            .join(Product, col(Product.id) == col(MeterReading.product_id))
            .where(*conditions)
        )
    # A month in which no counter could be compared (only an opening reading) is a gap.
    known = sa.or_(mono.is_not(None), colour.is_not(None))
    if by == "account":
        query = (
            base.add_columns(col(Account.id), col(Account.number), col(Account.name))
            .join(Account, col(Account.id) == account_column)
            .group_by(month, col(Account.id), col(Account.number), col(Account.name))
            .having(known)
        )
        rows = []
        for month_text, mono_pages, colour_pages, account_id, number, name in session.exec(query):
            mono_pages, colour_pages = _number(mono_pages), _number(colour_pages)
            rows.append(
                {
                    "month": month_text,
                    "account_id": account_id,
                    "account_number": number,
                    "account_name": name,
                    "mono": mono_pages,
                    "colour": colour_pages,
                    "total": mono_pages + colour_pages,
                }
            )
        return sorted(rows, key=lambda r: (r["month"], r["account_number"], r["account_id"]))
    rows = []
    for month_text, mono_pages, colour_pages in session.exec(base.group_by(month).having(known)):
        mono_pages, colour_pages = _number(mono_pages), _number(colour_pages)
        rows.append(
            {
                "month": month_text,
                "mono": mono_pages,
                "colour": colour_pages,
                "total": mono_pages + colour_pages,
            }
        )
    return sorted(rows, key=lambda r: r["month"])


# --- Tickets ------------------------------------------------------------------------


def tickets_per_month(
    *, session: Session, actor: User | None, filters: DashboardFilters
) -> list[dict[str, Any]]:
    """Tickets created per month, by ticket type.

    Returns:
        One row per month of the period (months without tickets included):
        ``month``, ``total`` and a count for every ``TICKET_TYPES`` value
        (a type the portal does not know counts as "other").

    Raises:
        PermissionDenied: The actor may not see dashboards.
    """
    actor = _authorize(actor)
    month = col(Ticket.created_month)
    query = (
        select(month, col(Ticket.ticket_type), sa.func.count())
        .where(*_months(month, filters), *_ticket_scope(actor, filters))
        .group_by(month, col(Ticket.ticket_type))
    )
    table = {m: {"month": m, "total": 0, **dict.fromkeys(TICKET_TYPES, 0)} for m in filters.months}
    for month_text, ticket_type, count in session.exec(query):
        row = table.get(month_text)
        if row is None:
            continue
        key = ticket_type if ticket_type in TICKET_TYPES else TicketType.OTHER.value
        row[key] += _number(count)
        row["total"] += _number(count)
    return list(table.values())


def _resolved_at() -> Any:
    # A ticket closed without ever being marked solved was resolved when it was closed.
    return sa.func.coalesce(col(Ticket.solved_at), col(Ticket.closed_at))


def time_to_resolve(
    *, session: Session, actor: User | None, filters: DashboardFilters
) -> list[dict[str, Any]]:
    """Hours from creation to resolution of the tickets resolved in each month.

    A ticket's hours are the time from ``created_at`` to ``solved_at`` (or
    ``closed_at`` when it was closed without being solved) minus the time it
    was paused (``paused_seconds``), never below 0. The month is the month of
    resolution. Both are stored with the ticket (``models.ticket_figures``).
    The median is the middle value (the mean of the two middle ones for an even
    count), p90 the nearest-rank 90th percentile.

    Returns:
        One row per month of the period: ``month``, ``count``, and
        ``avg_hours``, ``median_hours``, ``p90_hours`` rounded to 0.1 (None
        when nothing was resolved that month).

    Raises:
        PermissionDenied: The actor may not see dashboards.
    """
    actor = _authorize(actor)
    month = col(Ticket.resolved_month)
    seconds = col(Ticket.resolution_seconds)
    conditions = [*_months(month, filters), *_ticket_scope(actor, filters)]
    table = {
        m: {"month": m, "count": 0, "avg_hours": None, "median_hours": None, "p90_hours": None}
        for m in filters.months
    }

    def fill(month_text: str, count: int, average: float, middle: Sequence[float], p90: float):
        if month_text in table:
            table[month_text].update(
                count=count,
                avg_hours=_hours(average / 3600.0),
                median_hours=_hours(sum(middle) / len(middle) / 3600.0),
                p90_hours=_hours(p90 / 3600.0),
            )

    if _whole_accounts(actor, filters) is False:
        # Some products (a device manager, a group, one product): their few tickets, product
        # by product, ranked here.
        by_month: dict[str, list[float]] = {}
        for month_text, value in session.exec(select(month, seconds).where(*conditions)):
            by_month.setdefault(month_text, []).append(value)
        for month_text, values in by_month.items():
            values.sort()
            count = len(values)
            middle = values[(count - 1) // 2 : count // 2 + 1]
            fill(month_text, count, sum(values) / count, middle, values[(count * 9 + 9) // 10 - 1])
        return list(table.values())
    # Whole accounts: month by month in order of time (the covering ix_ticket_resolution).
    totals = select(month, sa.func.count(), sa.func.avg(seconds)).where(*conditions)
    for month_text, count, average in session.exec(totals.group_by(month)):
        count = _number(count)
        if not count:
            continue
        # The middle one or two and the nearest-rank 90th percentile, read in index order.
        ordered = select(seconds).where(*conditions, month == month_text).order_by(seconds)
        middle = session.exec(ordered.offset((count - 1) // 2).limit(2 - count % 2)).all()
        p90 = session.exec(ordered.offset((count * 9 + 9) // 10 - 1).limit(1)).one()
        fill(month_text, count, average, middle, p90)
    return list(table.values())


def sla_compliance(
    *,
    session: Session,
    actor: User | None,
    filters: DashboardFilters,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """Resolution SLA per month of the resolution due time (``resolution_due_at``).

    Of the tickets due in a month: ``met`` were resolved (solved, or closed
    without being solved) by the due time, ``late`` after it, ``open_overdue``
    are still unresolved and past due, ``open_in_time`` unresolved and not yet
    due (they do not count in the percentage). Tickets without a due time are
    left out.

    Args:
        session: The database session.
        actor: The signed-in user.
        filters: Period and fleet.
        now: The current time (default: the clock).

    Returns:
        One row per month of the period: ``month``, ``met``, ``late``,
        ``open_overdue``, ``open_in_time``, ``total`` (all four) and
        ``met_percent``: met / (met + late + open_overdue) × 100 rounded to
        0.1, None when that is 0.

    Raises:
        PermissionDenied: The actor may not see dashboards.
    """
    actor = _authorize(actor)
    now = now or clock.now()
    due = col(Ticket.resolution_due_at)
    resolved = _resolved_at()
    month = col(Ticket.due_month)

    def tally(condition: Any) -> Any:
        return sa.func.sum(sa.case((condition, 1), else_=0))

    query = (
        select(
            month,
            tally(resolved <= due),
            tally(resolved > due),
            tally(sa.and_(resolved.is_(None), due < now)),
            tally(sa.and_(resolved.is_(None), due >= now)),
        )
        .where(*_months(month, filters), *_ticket_scope(actor, filters))
        .group_by(month)
    )
    table = {
        m: {
            "month": m,
            "met": 0,
            "late": 0,
            "open_overdue": 0,
            "open_in_time": 0,
            "total": 0,
            "met_percent": None,
        }
        for m in filters.months
    }
    for month_text, met, late, overdue, in_time in session.exec(query):
        row = table.get(month_text)
        if row is None:
            continue
        met, late, overdue, in_time = (_number(v) for v in (met, late, overdue, in_time))
        counted = met + late + overdue
        row.update(
            met=met,
            late=late,
            open_overdue=overdue,
            open_in_time=in_time,
            total=counted + in_time,
            met_percent=round(100 * met / counted, 1) if counted else None,
        )
    return list(table.values())


def top_devices(
    *,
    session: Session,
    actor: User | None,
    filters: DashboardFilters,
    limit: Any = DEFAULT_TOP_LIMIT,
) -> list[dict[str, Any]]:
    """The products with most tickets created in the period.

    Args:
        session: The database session.
        actor: The signed-in user.
        filters: Period and fleet.
        limit: How many products (1 to ``MAX_TOP_LIMIT``; anything else is 10).

    Returns:
        Rows ``product_id``, ``serial``, ``model``, ``alternative_name``,
        ``account_number``, ``ticket_count``, most tickets first (then by
        serial number).

    Raises:
        PermissionDenied: The actor may not see dashboards.
    """
    actor = _authorize(actor)
    size = _clean_id(limit)
    size = size if size is not None and size <= MAX_TOP_LIMIT else DEFAULT_TOP_LIMIT
    count = sa.func.count().label("ticket_count")
    counts = (
        select(col(Ticket.product_id).label("product_id"), count)
        .where(*_months(col(Ticket.created_month), filters), *_ticket_scope(actor, filters))
        .group_by(col(Ticket.product_id))
        .subquery("ticket_count")
    )
    query = (
        select(
            col(Product.id),
            col(Product.serial),
            col(ProductModel.name),
            col(Product.alternative_name),
            col(Account.number),
            counts.c.ticket_count,
        )
        .select_from(counts)
        .join(Product, col(Product.id) == counts.c.product_id)
        .join(ProductModel, col(ProductModel.id) == col(Product.model_id))
        .join(Account, col(Account.id) == col(Product.account_id))
        .order_by(counts.c.ticket_count.desc(), col(Product.serial_key), col(Product.id))
        .limit(size)
    )
    return [
        {
            "product_id": pid,
            "serial": serial,
            "model": model,
            "alternative_name": alternative_name,
            "account_number": number,
            "ticket_count": _number(tickets),
        }
        for pid, serial, model, alternative_name, number, tickets in session.exec(query)
    ]


# --- CSV --------------------------------------------------------------------------------


def _safe_cell(value: Any) -> Any:
    """A cell as CSV text, a text a spreadsheet would run as a formula neutralised."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_export(rows: Sequence[Mapping[str, Any]], columns: Sequence[tuple[str, str]]) -> str:
    """Dashboard rows as CSV text for Excel.

    The text starts with a UTF-8 byte-order mark so Excel detects the encoding.
    Text cells that a spreadsheet would take for a formula (starting with
    ``= + - @``, a tab or a carriage return) get a leading ``'``; numbers are
    written as they are, a missing value as an empty cell.

    Args:
        rows: Rows as returned by the dashboard functions.
        columns: ``(row key, header text)`` pairs in column order; the caller
            translates the headers.

    Returns:
        The CSV text, lines ending in CRLF.
    """
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_safe_cell(header) for _, header in columns])
    for row in rows:
        writer.writerow([_safe_cell(row.get(key)) for key, _ in columns])
    return out.getvalue()


# --- Form check ----------------------------------------------------------------------

ERROR_MONTH = "dashboards.error.month"
ERROR_ORDER = "dashboards.error.order"
ERROR_TOO_LONG = "dashboards.error.too_long"


def check_period(from_month: Any, to_month: Any) -> DashboardFilters:
    """The period a user typed, refused with a message per field instead of being corrected.

    ``DashboardFilters`` quietly repairs what it is given (for the API and links);
    a form should rather say what is wrong. Empty values take the defaults.

    Returns:
        Filters with that period (no account, group or product).

    Raises:
        ValidationFailed: ``from_month`` / ``to_month`` is not a month (``ERROR_MONTH``),
            the period ends before it starts (``ERROR_ORDER``, on ``to_month``) or is
            longer than ``MAX_MONTHS`` (``ERROR_TOO_LONG``, on ``from_month``).
    """
    errors: dict[str, str] = {}
    texts = {"from_month": from_month, "to_month": to_month}
    for name, value in texts.items():
        blank = value is None or (isinstance(value, str) and not value.strip())
        if not blank and _parse_month(value) is None:
            errors[name] = ERROR_MONTH
    if errors:
        raise ValidationFailed(errors)
    first, last = _parse_month(from_month), _parse_month(to_month)
    if last is None:
        last = DashboardFilters().last_index
    if first is not None:
        if first > last:
            raise ValidationFailed({"to_month": ERROR_ORDER})
        if last - first + 1 > MAX_MONTHS:
            raise ValidationFailed({"from_month": ERROR_TOO_LONG})
    return DashboardFilters(from_month=from_month or "", to_month=to_month or "")
