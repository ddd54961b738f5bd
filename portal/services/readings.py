"""Meter readings (SPEC C4): billing windows, the rules a reading must pass, history.

Billing windows
    Every account has an invoice day (``Account.invoice_day``, clamped to the
    length of the month, so 31 means the last day). The reading window of an
    invoice opens 15 days and closes 10 days before the invoice date, both days
    included. The *current* window of a day is the next window whose closing
    day is on or after that day; between two windows it is the coming one. A
    window's *period* runs from its opening day up to the day before the next
    window opens, so a late reading still counts for the window that opened last.

Statuses on the readings page (for the current window)
    ``automatic`` the product's readings are captured automatically: nothing is asked;
    ``done``      a real (not estimated) reading lies inside the current window;
    ``overdue``   no real reading since the previous window opened;
    ``due``       otherwise.

Rules of a reading (``check_reading``; pure, changes nothing)
    Per counter: required, a whole number (digits only), at most the counter's
    digits; not below the last accepted (real) value unless a staff-recorded
    meter reset of that counter lies between the two readings, or the counter
    rolled over (previous value within 10 % of the maximum ``10**digits - 1``,
    new value within the first 10 %). ``total = black + colour`` when the model
    has all three, ``black = black_a3 + black_a4`` and ``colour = colour_a3 +
    colour_a4`` when the splits exist. The date must be after the previous
    reading's and not in the future. A daily volume more than three times the
    device's 12-month average (and above ``MIN_IMPLAUSIBLE_DAILY``) or above
    twice the model's rated duty is a warning: the reading needs confirmation.

Estimated readings (``estimate_missing``) carry source ``estimated``; they are
not a baseline for validation and a real reading in the same window period
replaces them.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from portal import clock
from portal.errors import PermissionDenied, ValidationFailed
from portal.models import (
    Account,
    CounterType,
    MeterReading,
    MeterReset,
    Product,
    ProductModel,
    ReadingSource,
    Role,
    User,
)
from portal.services import audit, scope
from portal.services.common import organisation_of_product
from portal.services.listing import Page, clean_page_size, page_bounds
from portal.services.products import CHART_MONTHS, monthly_volume

OPENS_BEFORE_DAYS = 15
CLOSES_BEFORE_DAYS = 10

ACCEPTED = "accepted"
NEEDS_CONFIRMATION = "needs_confirmation"
REJECTED = "rejected"

STATUS_DUE = "due"
STATUS_OVERDUE = "overdue"
STATUS_DONE = "done"
STATUS_AUTOMATIC = "automatic"
STATUSES = (STATUS_OVERDUE, STATUS_DUE, STATUS_DONE, STATUS_AUTOMATIC)

READ_ON = "read_on"
PRODUCT = "product"
COUNTER = "counter"

ERROR_REQUIRED = "reading.error.required"
ERROR_NOT_NUMBER = "reading.error.not_whole_number"
ERROR_TOO_MANY_DIGITS = "reading.error.too_many_digits"
ERROR_BELOW_PREVIOUS = "reading.error.below_previous"
ERROR_TOTAL_MISMATCH = "reading.error.total_mismatch"
ERROR_SPLIT_MISMATCH = "reading.error.split_mismatch"
ERROR_DATE_FUTURE = "reading.error.date_future"
ERROR_DATE_NOT_AFTER = "reading.error.date_not_after_previous"
ERROR_DATE_INVALID = "reading.error.date_invalid"
ERROR_UNKNOWN_COUNTER = "reading.error.unknown_counter"
ERROR_NO_COUNTERS = "reading.error.no_counters"
ERROR_AUTO_CAPTURE = "reading.error.auto_capture"
WARNING_HISTORY = "reading.warning.above_history"
WARNING_DUTY = "reading.warning.above_duty"

HISTORY_FACTOR = 3
"""A daily volume this many times the 12-month average is implausible …"""
MIN_IMPLAUSIBLE_DAILY = 100
"""… provided it is also above this many pages a day (small fleets vary a lot)."""
DUTY_FACTOR = 2
"""A daily volume above twice the model's rated daily duty is implausible."""
HISTORY_DAYS = 365
ROLLOVER_SHARE = 0.1
MAX_HISTORY_ROWS = 60

COUNTER_ORDER = (
    "total",
    "black",
    "colour",
    "black_a3",
    "black_a4",
    "colour_a3",
    "colour_a4",
    "scan",
)
"""How counters of several models are ordered together (the account chart)."""

_DIGITS_RE = re.compile(r"[0-9]+")
_SUMS = (("total", ("black", "colour")),)
_SPLITS = (("black", ("black_a3", "black_a4")), ("colour", ("colour_a3", "colour_a4")))
_READ_ROLES = (Role.ADMINISTRATOR, Role.DEVICE_MANAGER, Role.AGENT)
_SUBMIT_ROLES = (*_READ_ROLES, Role.INTEGRATION)
_CUSTOMER_SOURCES = (ReadingSource.PORTAL.value, ReadingSource.BULK_UPLOAD.value)


@dataclass(frozen=True)
class CounterSpec:
    """One counter of a model: its code, how many digits it has, its display position."""

    code: str
    digits: int
    position: int


@dataclass(frozen=True)
class Window:
    """A billing window: readings are due from ``opens_on`` to ``closes_on`` (both included)."""

    opens_on: date
    closes_on: date
    invoice_on: date


@dataclass
class ReadingCheck:
    """The outcome of checking a reading.

    Attributes:
        status: ``"accepted"``, ``"needs_confirmation"`` or ``"rejected"``.
        errors: Message key per counter code or field (``read_on``, ``product``).
        warnings: Plausibility message key per counter code.
        reading_id: The stored reading's id (only after ``submit_reading`` accepted it).
    """

    status: str = ACCEPTED
    errors: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)
    reading_id: int | None = None


# --- Counters and windows --------------------------------------------------------


def counters_for(*, session: Session, product: Product) -> list[CounterSpec]:
    """The counters of the product's model, in display order."""
    rows = session.exec(
        select(CounterType)
        .where(col(CounterType.model_id) == product.model_id)
        .order_by(col(CounterType.position), col(CounterType.id))
    ).all()
    return [CounterSpec(code=r.code, digits=r.digits, position=r.position) for r in rows]


def _invoice_date(invoice_day: int, year: int, month: int) -> date:
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(max(int(invoice_day or 1), 1), last))


def _window_for(invoice_day: int, year: int, month: int) -> Window:
    invoice = _invoice_date(invoice_day, year, month)
    return Window(
        opens_on=invoice - timedelta(days=OPENS_BEFORE_DAYS),
        closes_on=invoice - timedelta(days=CLOSES_BEFORE_DAYS),
        invoice_on=invoice,
    )


def _shift(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def window_for_day(invoice_day: int, today: date) -> Window:
    """The current window for an invoice day: the next one that closes on or after ``today``."""
    for offset in (0, 1, 2):
        window = _window_for(invoice_day, *_shift(today.year, today.month, offset))
        if window.closes_on >= today:
            return window
    msg = "no billing window found"  # pragma: no cover - a month always has one
    raise AssertionError(msg)


def previous_window(invoice_day: int, window: Window) -> Window:
    """The window before ``window``."""
    year, month = _shift(window.invoice_on.year, window.invoice_on.month, -1)
    return _window_for(invoice_day, year, month)


def billing_window(*, account: Account, today: date) -> Window:
    """The account's current billing window on ``today`` (see the module docstring)."""
    return window_for_day(account.invoice_day, today)


# --- Due products (the readings page) --------------------------------------------


def _real() -> sa.ColumnElement[bool]:
    return col(MeterReading.source) != ReadingSource.ESTIMATED.value


def _status_expression(invoice_days: list[int], today: date) -> sa.ColumnElement[str]:
    """A SQL CASE giving each product's status; windows depend only on the invoice day."""
    current = {d: window_for_day(d, today) for d in invoice_days}
    previous = {d: previous_window(d, w) for d, w in current.items()}
    day = col(Account.invoice_day)
    opens = sa.case({d: w.opens_on for d, w in current.items()}, value=day, else_=date.max)
    closes = sa.case({d: w.closes_on for d, w in current.items()}, value=day, else_=date.min)
    prev_opens = sa.case({d: w.opens_on for d, w in previous.items()}, value=day, else_=date.max)
    of_product = col(MeterReading.product_id) == col(Product.id)
    done = sa.exists(
        select(MeterReading.id).where(
            of_product,
            _real(),
            col(MeterReading.read_on) >= opens,
            col(MeterReading.read_on) <= closes,
        )
    )
    since_previous = sa.exists(
        select(MeterReading.id).where(of_product, _real(), col(MeterReading.read_on) >= prev_opens)
    )
    return sa.case(
        (col(Product.auto_capture).is_(True), STATUS_AUTOMATIC),
        (done, STATUS_DONE),
        (since_previous, STATUS_DUE),
        else_=STATUS_OVERDUE,
    )


def _newest_of_each(query: Any, product_ids: list[int], *conditions: Any) -> Any:
    """``query`` (a select from ``MeterReading``) limited to each product's newest reading.

    Args:
        query: What to select of the readings.
        product_ids: The products whose readings count.
        conditions: Further conditions on the readings that count.
    """
    ranked = (
        select(
            col(MeterReading.id).label("rid"),
            sa.func.row_number()
            .over(
                partition_by=col(MeterReading.product_id),
                order_by=(col(MeterReading.read_on).desc(), col(MeterReading.id).desc()),
            )
            .label("rn"),
        )
        .where(col(MeterReading.product_id).in_(product_ids), *conditions)
        .subquery()
    )
    return query.join(ranked, ranked.c.rid == col(MeterReading.id)).where(ranked.c.rn == 1)


def _latest_readings(session: Session, product_ids: list[int]) -> dict[int, Any]:
    """The newest reading (any source) of each product: its product_id, read_on, source, values."""
    if not product_ids:
        return {}
    columns = select(
        col(MeterReading.product_id),
        col(MeterReading.read_on),
        col(MeterReading.source),
        col(MeterReading.values),
    ).select_from(MeterReading)
    rows = session.exec(_newest_of_each(columns, product_ids)).all()
    return {r.product_id: r for r in rows}


def _counters_by_model(session: Session, model_ids: set[int]) -> dict[int, list[CounterSpec]]:
    if not model_ids:
        return {}
    rows = session.exec(
        select(CounterType)
        .where(col(CounterType.model_id).in_(sorted(model_ids)))
        .order_by(col(CounterType.position), col(CounterType.id))
    ).all()
    result: dict[int, list[CounterSpec]] = defaultdict(list)
    for r in rows:
        result[r.model_id].append(CounterSpec(code=r.code, digits=r.digits, position=r.position))
    return result


def due_products(
    *,
    session: Session,
    actor: User | None,
    today: date | None = None,
    page: Any = 1,
    page_size: Any = 25,
    status_filter: Any = None,
) -> Page:
    """The products in the actor's scope with their reading status for the current window.

    Args:
        session: The database session.
        actor: The user looking.
        today: The current day (default: the portal clock's).
        page: Page number from the browser (cleaned).
        page_size: Page size from the browser (whitelisted).
        status_filter: One of ``STATUSES`` or anything else for all.

    Returns:
        A ``Page`` ordered overdue, due, done, automatic, then by serial. Each row:
        ``product_id``, ``serial``, ``model``, ``alternative_name``, ``account_number``,
        ``account_id``, ``status``, ``status_key``, ``auto_capture``, ``opens_on``,
        ``closes_on``, ``last_read_on``, ``last_source``, ``last_source_key``,
        ``last_values`` ("code value" pairs as one string), ``counters`` (codes).
    """
    today = today or clock.now().date()
    visible = scope.visible_products_query(actor).subquery()
    invoice_days = sorted(
        set(
            session.exec(
                select(col(Account.invoice_day))
                .where(col(Account.id).in_(select(visible.c.account_id)))
                .distinct()
            ).all()
        )
    )
    if not invoice_days:
        return Page()
    status = _status_expression(invoice_days, today).label("status")
    order = sa.case({s: n for n, s in enumerate(STATUSES)}, value=status)
    # Columns, not entities: the page shows a few fields of many rows.
    query = (
        select(
            col(Product.id),
            col(Product.serial),
            col(Product.alternative_name),
            col(Product.auto_capture),
            col(Product.model_id),
            col(Account.id).label("account_id"),
            col(Account.number).label("account_number"),
            col(Account.invoice_day),
            col(ProductModel.name).label("model"),
            status,
        )
        .select_from(Product)
        .join(Account, col(Account.id) == col(Product.account_id))
        .join(ProductModel, col(ProductModel.id) == col(Product.model_id))
        .where(col(Product.id).in_(select(visible.c.id)))
    )
    if status_filter in STATUSES:
        query = query.where(status == status_filter)
    total = session.exec(select(sa.func.count()).select_from(query.subquery())).one()
    size = clean_page_size(page_size)
    number, pages = page_bounds(total, page, size)
    rows = session.exec(
        query.order_by(order, col(Product.serial), col(Product.id))
        .offset((number - 1) * size)
        .limit(size)
    ).all()
    latest = _latest_readings(session, [row.id for row in rows])
    counters = _counters_by_model(session, {row.model_id for row in rows})
    result = []
    for row in rows:
        window = window_for_day(row.invoice_day, today)
        last = latest.get(row.id)
        codes = [c.code for c in counters.get(row.model_id, [])]
        values = (last.values or {}) if last else {}
        result.append(
            {
                "product_id": row.id,
                "serial": row.serial,
                "model": row.model,
                "alternative_name": row.alternative_name,
                "account_id": row.account_id,
                "account_number": row.account_number,
                "status": row.status,
                "status_key": f"reading.status.{row.status}",
                "auto_capture": row.auto_capture,
                "opens_on": window.opens_on.isoformat(),
                "closes_on": window.closes_on.isoformat(),
                "last_read_on": last.read_on.isoformat() if last else "",
                "last_source": last.source if last else "",
                "last_source_key": f"product.source.{last.source}" if last else "",
                "last_values": " · ".join(
                    f"{code} {values[code]}" for code in codes if code in values
                ),
                "counters": codes,
            }
        )
    return Page(rows=result, total=total, page=number, pages=pages)


def may_submit(actor: User | None) -> bool:
    """Whether ``actor`` may enter readings at all (administrator, device manager, agent)."""
    return scope.is_active(actor) and actor.has_role(*_READ_ROLES)


def reading_form(
    *, session: Session, actor: User | None, product_id: Any, now: datetime | None = None
) -> dict[str, Any]:
    """What the entry form of one product shows: its counters with the last real values.

    Raises:
        PermissionDenied: The actor may not submit readings.
        NotFound: The product does not exist or is outside the actor's scope.

    Returns:
        ``product_id``, ``serial``, ``model``, ``auto_capture``, ``today`` (ISO),
        ``last_read_on`` (ISO or "") and ``counters``: code, digits, last value ("" if none).
    """
    today = (now or clock.now()).date()
    scope.require_role(actor, *_READ_ROLES)
    product = scope.get_visible_product(session=session, actor=actor, product_id=product_id)
    model = session.get(ProductModel, product.model_id)
    last = _last_real(session, product.id)
    values = last.values if last else {}
    return {
        "product_id": product.id,
        "serial": product.serial,
        "model": model.name if model else "",
        "auto_capture": product.auto_capture,
        "today": today.isoformat(),
        "last_read_on": last.read_on.isoformat() if last else "",
        "counters": [
            {
                "code": c.code,
                "digits": c.digits,
                "last": "" if (v := _as_int(values.get(c.code))) is None else str(v),
            }
            for c in counters_for(session=session, product=product)
        ],
    }


# --- Checking a reading ------------------------------------------------------------


def _real_readings(session: Session, product_id: int, since: date | None = None) -> list:
    query = select(MeterReading).where(col(MeterReading.product_id) == product_id, _real())
    if since is not None:
        query = query.where(col(MeterReading.read_on) >= since)
    return list(session.exec(query.order_by(col(MeterReading.read_on), col(MeterReading.id))).all())


def _last_real(session: Session, product_id: int) -> MeterReading | None:
    return session.exec(
        select(MeterReading)
        .where(col(MeterReading.product_id) == product_id, _real())
        .order_by(col(MeterReading.read_on).desc(), col(MeterReading.id).desc())
        .limit(1)
    ).first()


def _resets(session: Session, product_id: int) -> list[tuple[str, date]]:
    rows = session.exec(
        select(col(MeterReset.counter_code), col(MeterReset.reset_on)).where(
            col(MeterReset.product_id) == product_id
        )
    ).all()
    return [(code, day) for code, day in rows]


def _reset_between(resets: list[tuple[str, date]], code: str, start: date, end: date) -> bool:
    # A reset on the day of the previous reading counts: it happened after that reading.
    return any(c == code and start <= day <= end for c, day in resets)


def _is_rollover(before: int, after: int, digits: int) -> bool:
    maximum = 10**digits - 1
    return before >= maximum * (1 - ROLLOVER_SHARE) and after <= maximum * ROLLOVER_SHARE


def _volume(
    code: str,
    before: int,
    after: int,
    start: date,
    end: date,
    digits: int,
    resets: list[tuple[str, date]],
) -> int | None:
    """Pages on one counter between two readings; None when the drop is unexplained."""
    if after >= before:
        return after - before
    if _reset_between(resets, code, start, end):
        return after
    if _is_rollover(before, after, digits):
        return 10**digits - before + after
    return None


def _as_int(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def _average_daily(
    history: list[MeterReading], code: str, digits: int, resets: list[tuple[str, date]]
) -> float | None:
    """Average pages a day on ``code`` over the given readings; None without two readings."""
    pages = days = 0
    for before, after in zip(history, history[1:], strict=False):
        old, new = _as_int(before.values.get(code)), _as_int(after.values.get(code))
        span = (after.read_on - before.read_on).days
        if old is None or new is None or span <= 0:
            continue
        volume = _volume(code, old, new, before.read_on, after.read_on, digits, resets)
        if volume is None:
            continue
        pages += volume
        days += span
    return pages / days if days else None


def _parse_value(raw: Any, digits: int) -> tuple[int | None, str | None]:
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str) or not raw.strip():
        return None, ERROR_REQUIRED
    text = raw.strip()
    if not _DIGITS_RE.fullmatch(text):
        return None, ERROR_NOT_NUMBER
    value = int(text)
    if value > 10**digits - 1:
        return None, ERROR_TOO_MANY_DIGITS
    return value, None


def _check_sums(parsed: dict[str, int], errors: dict[str, str]) -> None:
    for whole, parts in _SPLITS:
        if whole in parsed and all(p in parsed for p in parts):
            if parsed[whole] != sum(parsed[p] for p in parts):
                errors.setdefault(whole, ERROR_SPLIT_MISMATCH)
    for whole, parts in _SUMS:
        if whole in parsed and all(p in parsed for p in parts):
            if parsed[whole] != sum(parsed[p] for p in parts):
                errors.setdefault(whole, ERROR_TOTAL_MISMATCH)


def check_reading(
    *,
    session: Session,
    product: Product,
    read_on: date | None,
    values: dict[str, Any],
    today: date,
    confirmed: bool = False,
) -> ReadingCheck:
    """Check a reading against the rules and the product's history; changes nothing.

    Args:
        session: The database session (only read).
        product: The product, already loaded through the actor's scope.
        read_on: The reading's date (None counts as invalid).
        values: The typed value per counter code, as text (ints are accepted too).
        today: The current day.
        confirmed: Whether the user re-entered an implausible reading to confirm it.

    Returns:
        ``ReadingCheck`` with status ``rejected`` (any error), ``needs_confirmation``
        (only warnings and not ``confirmed``) or ``accepted``.
    """
    counters = counters_for(session=session, product=product)
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}
    if not counters:
        return ReadingCheck(status=REJECTED, errors={PRODUCT: ERROR_NO_COUNTERS})
    known = {c.code for c in counters}
    values = values if isinstance(values, dict) else {}
    for code, raw in values.items():
        if code not in known and str(raw or "").strip():
            errors[str(code)] = ERROR_UNKNOWN_COUNTER

    parsed: dict[str, int] = {}
    for counter in counters:
        value, error = _parse_value(values.get(counter.code), counter.digits)
        if error:
            errors[counter.code] = error
        else:
            parsed[counter.code] = value

    last = _last_real(session, product.id)
    if not isinstance(read_on, date) or isinstance(read_on, datetime):
        errors[READ_ON] = ERROR_DATE_INVALID
        read_on = None
    elif read_on > today:
        errors[READ_ON] = ERROR_DATE_FUTURE
    elif last is not None and read_on <= last.read_on:
        errors[READ_ON] = ERROR_DATE_NOT_AFTER

    _check_sums(parsed, errors)

    if last is not None and read_on is not None:
        resets = _resets(session, product.id)
        history = _real_readings(
            session, product.id, since=last.read_on - timedelta(days=HISTORY_DAYS)
        )
        model = session.get(ProductModel, product.model_id)
        duty_daily = (model.rated_monthly_duty / 30 * DUTY_FACTOR) if model else None
        days = max((read_on - last.read_on).days, 1)
        for counter in counters:
            code = counter.code
            new, old = parsed.get(code), _as_int(last.values.get(code))
            if new is None or old is None:
                continue
            volume = _volume(code, old, new, last.read_on, read_on, counter.digits, resets)
            if volume is None:
                errors.setdefault(code, ERROR_BELOW_PREVIOUS)
                continue
            daily = volume / days
            average = _average_daily(history, code, counter.digits, resets)
            if duty_daily and daily > duty_daily:
                warnings[code] = WARNING_DUTY
            elif (
                average is not None
                and daily > HISTORY_FACTOR * average
                and daily > MIN_IMPLAUSIBLE_DAILY
            ):
                warnings[code] = WARNING_HISTORY

    if errors:
        return ReadingCheck(status=REJECTED, errors=errors, warnings=warnings)
    if warnings and not confirmed:
        return ReadingCheck(status=NEEDS_CONFIRMATION, warnings=warnings)
    return ReadingCheck(status=ACCEPTED, warnings=warnings)


# --- Storing readings --------------------------------------------------------------


def _period_of(session: Session, product: Product, read_on: date) -> tuple[date, date]:
    """The window period ``read_on`` belongs to: [window opens, next window opens)."""
    account = session.get(Account, product.account_id)
    invoice_day = account.invoice_day if account else 28
    window = window_for_day(invoice_day, read_on)
    if read_on < window.opens_on:
        window = previous_window(invoice_day, window)
    year, month = _shift(window.invoice_on.year, window.invoice_on.month, 1)
    following = _window_for(invoice_day, year, month)
    return window.opens_on, following.opens_on


def submit_reading(
    *,
    session: Session,
    actor: User | None,
    product_id: Any,
    read_on: date | None,
    values: dict[str, Any],
    confirmed: bool = False,
    source: ReadingSource | str = ReadingSource.PORTAL,
    now: datetime | None = None,
) -> ReadingCheck:
    """Check a reading and store it when it is accepted.

    Administrators and device managers submit for products in their scope
    (source portal or bulk upload); provider agents may submit for any
    product, recorded with source staff; an API key's integration user
    submits captured readings (source automatic), the only ones a product
    with automatic capture takes. A real reading replaces an estimated
    one of the same window period. Only an accepted reading changes anything.

    Args:
        session: The caller's session (one transaction per user action).
        actor: Who submits.
        product_id: The product's id, untrusted.
        read_on: The reading's date.
        values: Typed value per counter code.
        confirmed: The user re-entered the same implausible values.
        source: Where the reading comes from (portal or bulk upload for customers).
        now: The current time (default ``clock.now()``).

    Returns:
        The ``ReadingCheck``; ``reading_id`` is set when it was stored.

    Raises:
        PermissionDenied: The actor may not submit readings.
        NotFound: The product does not exist or is outside the actor's scope.
        ValidationFailed: The product's readings are captured automatically.
    """
    now = now or clock.now()
    scope.require_role(actor, *_SUBMIT_ROLES)
    if actor.has_role(Role.INTEGRATION):
        source_value = ReadingSource.AUTOMATIC.value
    elif actor.has_role(Role.AGENT):
        source_value = ReadingSource.STAFF.value
    else:
        source_value = str(source)
        if source_value not in _CUSTOMER_SOURCES:
            raise PermissionDenied(scope.PERMISSION_DENIED)
    product = scope.get_visible_product(session=session, actor=actor, product_id=product_id)
    # Serialise submissions for one product (PostgreSQL row lock; SQLite serialises writers).
    session.exec(select(Product.id).where(col(Product.id) == product.id).with_for_update()).first()
    if product.auto_capture and source_value != ReadingSource.AUTOMATIC.value:
        raise ValidationFailed({PRODUCT: ERROR_AUTO_CAPTURE})
    check = check_reading(
        session=session,
        product=product,
        read_on=read_on,
        values=values,
        today=now.date(),
        confirmed=bool(confirmed is True),
    )
    if check.status != ACCEPTED:
        return check
    counters = counters_for(session=session, product=product)
    stored = {c.code: int(str(values[c.code]).strip()) for c in counters}
    start, end = _period_of(session, product, read_on)
    estimates = session.exec(
        select(MeterReading).where(
            col(MeterReading.product_id) == product.id,
            col(MeterReading.source) == ReadingSource.ESTIMATED.value,
            col(MeterReading.read_on) >= start,
            col(MeterReading.read_on) < end,
        )
    ).all()
    for estimate in estimates:
        session.delete(estimate)
    reading = MeterReading(
        product_id=product.id,
        read_on=read_on,
        source=source_value,
        entered_by_id=actor.id,
        confirmed_implausible=bool(check.warnings),
        values=stored,
        created_at=now,
    )
    session.add(reading)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="reading.submitted",
        object_type="meter_reading",
        object_id=reading.id,
        new={
            "product_id": product.id,
            "serial": product.serial,
            "read_on": read_on.isoformat(),
            "values": stored,
            "source": source_value,
            "confirmed_implausible": reading.confirmed_implausible,
            "replaced_estimates": len(estimates),
        },
        organisation_id=organisation_of_product(session, product.id),
        now=now,
    )
    check.reading_id = reading.id
    return check


def record_meter_reset(
    *,
    session: Session,
    actor: User | None,
    product_id: Any,
    counter_code: str,
    reset_on: date | None,
    now: datetime | None = None,
) -> MeterReset:
    """Record that a counter was reset (provider agents only); a lower value may follow.

    Raises:
        PermissionDenied: The actor is not a provider agent.
        NotFound: No such product.
        ValidationFailed: Unknown counter (``counter``) or a date in the future (``read_on``).
    """
    now = now or clock.now()
    scope.require_role(actor, Role.AGENT)
    product = scope.get_visible_product(session=session, actor=actor, product_id=product_id)
    codes = {c.code for c in counters_for(session=session, product=product)}
    errors: dict[str, str] = {}
    if counter_code not in codes:
        errors[COUNTER] = ERROR_UNKNOWN_COUNTER
    if not isinstance(reset_on, date) or isinstance(reset_on, datetime):
        errors[READ_ON] = ERROR_DATE_INVALID
    elif reset_on > now.date():
        errors[READ_ON] = ERROR_DATE_FUTURE
    if errors:
        raise ValidationFailed(errors)
    reset = MeterReset(
        product_id=product.id,
        counter_code=counter_code,
        reset_on=reset_on,
        recorded_by_id=actor.id,
        created_at=now,
    )
    session.add(reset)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="reading.meter_reset",
        object_type="meter_reset",
        object_id=reset.id,
        new={"product_id": product.id, "counter": counter_code, "reset_on": reset_on.isoformat()},
        organisation_id=organisation_of_product(session, product.id),
        now=now,
    )
    return reset


# --- Estimates ---------------------------------------------------------------------


def _estimate(
    history: list[MeterReading],
    counters: list[CounterSpec],
    resets: list[tuple[str, date]],
    on: date,
) -> dict[str, int] | None:
    last = history[-1]
    days = (on - last.read_on).days
    if days < 0:
        return None
    values: dict[str, int] = {}
    for counter in counters:
        old = _as_int(last.values.get(counter.code))
        if old is None:
            return None
        average = _average_daily(history, counter.code, counter.digits, resets) or 0.0
        values[counter.code] = old + round(average * days)
    # Keep the sums consistent, as a real reading must be: splits first, then the total.
    for whole, parts in (*_SPLITS, *_SUMS):
        if whole in values and all(p in values for p in parts):
            values[whole] = sum(values[p] for p in parts)
    for counter in counters:
        values[counter.code] %= 10**counter.digits
    return values


def estimate_missing(
    *, session: Session, window_closed_on: date, now: datetime | None = None
) -> int:
    """Store an estimated reading for each manual product whose window closed without one.

    Only accounts whose window closes exactly on ``window_closed_on`` are
    considered. A product gets an estimate (dated the closing day, source
    estimated) when it has no real reading since the window opened, no
    estimate for it yet, and at least one real reading to start from: the
    last value plus the average daily volume of the last 12 months times the
    days since. Running it again changes nothing.

    Returns:
        How many estimates were stored.
    """
    now = now or clock.now()
    accounts = [
        a
        for a in session.exec(select(Account)).all()
        if window_for_day(a.invoice_day, window_closed_on).closes_on == window_closed_on
    ]
    count = 0
    for account in accounts:
        window = window_for_day(account.invoice_day, window_closed_on)
        has_reading = (
            select(MeterReading.product_id)
            .where(
                col(MeterReading.product_id) == col(Product.id),
                sa.or_(
                    sa.and_(_real(), col(MeterReading.read_on) >= window.opens_on),
                    sa.and_(
                        col(MeterReading.source) == ReadingSource.ESTIMATED.value,
                        col(MeterReading.read_on) == window.closes_on,
                    ),
                ),
            )
            .exists()
        )
        products = session.exec(
            select(Product).where(
                col(Product.account_id) == account.id,
                col(Product.auto_capture).is_(False),
                col(Product.status) == "active",
                ~has_reading,
            )
        ).all()
        counters_by_model = _counters_by_model(session, {p.model_id for p in products})
        for product in products:
            counters = counters_by_model.get(product.model_id, [])
            history = _real_readings(
                session, product.id, since=window.closes_on - timedelta(days=HISTORY_DAYS)
            )
            history = [r for r in history if r.read_on <= window.closes_on]
            if not history or not counters:
                continue
            values = _estimate(history, counters, _resets(session, product.id), window.closes_on)
            if values is None:
                continue
            session.add(
                MeterReading(
                    product_id=product.id,
                    read_on=window.closes_on,
                    source=ReadingSource.ESTIMATED.value,
                    values=values,
                    created_at=now,
                )
            )
            count += 1
    session.flush()
    return count


# --- History -----------------------------------------------------------------------


def _month_start(today: date, months: int) -> date:
    index = today.year * 12 + today.month - 1 - months + 1
    return date(index // 12, index % 12 + 1, 1)


def _chart_series(session: Session, product_ids: list[int], today: date) -> dict[int, list]:
    """Per product: the last reading before the chart window and every reading inside it."""
    start = _month_start(today, CHART_MONTHS)
    if not product_ids:
        return {}
    # Plain columns, not ORM objects: an account chart reads ~25 rows per product, and
    # building MeterReading instances for them cost more than the query (benchmarks/readings.py).
    columns = (col(MeterReading.product_id), col(MeterReading.read_on), col(MeterReading.values))
    inside = session.exec(
        select(*columns)
        .where(col(MeterReading.product_id).in_(product_ids), col(MeterReading.read_on) >= start)
        .order_by(col(MeterReading.product_id), col(MeterReading.read_on), col(MeterReading.id))
    ).all()
    opening = session.exec(
        _newest_of_each(select(*columns), product_ids, col(MeterReading.read_on) < start)
    ).all()
    series: dict[int, list] = defaultdict(list)
    for product_id, read_on, values in [*opening, *inside]:
        series[product_id].append((read_on, values))
    return series


def _user_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    users = session.exec(select(User).where(col(User.id).in_(sorted(ids)))).all()
    return {u.id: u.full_name or u.email for u in users}


def reading_history(
    *, session: Session, actor: User | None, product_id: Any, now: datetime | None = None
) -> dict[str, Any]:
    """One product's readings and monthly volume per counter.

    Raises:
        NotFound: The product does not exist or is outside the actor's scope.

    Returns:
        ``product`` (id, serial, model, alternative_name, auto_capture, account_id,
        account_number), ``counters`` (codes), ``digits`` (per code), ``rows`` (newest
        first: id, read_on, source, source_key, estimated, confirmed_implausible,
        entered_by, values aligned with ``counters``), ``chart`` (``monthly_volume``
        rows), ``resets`` (counter, reset_on) and ``can_reset``.
    """
    today = (now or clock.now()).date()
    product = scope.get_visible_product(session=session, actor=actor, product_id=product_id)
    model = session.get(ProductModel, product.model_id)
    account = session.get(Account, product.account_id)
    counters = counters_for(session=session, product=product)
    codes = [c.code for c in counters]
    digits = {c.code: c.digits for c in counters}
    newest = session.exec(
        select(MeterReading)
        .where(col(MeterReading.product_id) == product.id)
        .order_by(col(MeterReading.read_on).desc(), col(MeterReading.id).desc())
        .limit(MAX_HISTORY_ROWS)
    ).all()
    names = _user_names(session, {r.entered_by_id for r in newest if r.entered_by_id})
    resets = _resets(session, product.id)
    series = _chart_series(session, [product.id], today).get(product.id, [])
    return {
        "product": {
            "id": product.id,
            "serial": product.serial,
            "model": model.name if model else "",
            "alternative_name": product.alternative_name,
            "auto_capture": product.auto_capture,
            "account_id": product.account_id,
            "account_number": account.number if account else "",
        },
        "counters": codes,
        "digits": digits,
        "rows": [
            {
                "id": r.id,
                "read_on": r.read_on.isoformat(),
                "source": r.source,
                "source_key": f"product.source.{r.source}",
                "estimated": r.source == ReadingSource.ESTIMATED.value,
                "confirmed_implausible": r.confirmed_implausible,
                "entered_by": names.get(r.entered_by_id, "") if r.entered_by_id else "",
                "values": [
                    "" if (v := _as_int(r.values.get(code))) is None else str(v) for code in codes
                ],
            }
            for r in newest
        ],
        "chart": monthly_volume(series, codes, today=today, digits=digits, resets=resets),
        "resets": [
            {"counter": code, "reset_on": day.isoformat()}
            for code, day in sorted(resets, key=lambda item: item[1], reverse=True)
        ],
        "can_reset": scope.is_active(actor) and actor.has_role(Role.AGENT),
    }


def account_volume(
    *, session: Session, actor: User | None, account_id: Any, now: datetime | None = None
) -> list[dict[str, Any]]:
    """Monthly volume per counter summed over the account's products the actor sees.

    Raises:
        NotFound: The account does not exist or is outside the actor's scope.

    Returns:
        One dict per month, oldest first: ``month`` ("YYYY-MM") and an int per counter.
    """
    today = (now or clock.now()).date()
    account = scope.get_visible_account(session=session, actor=actor, account_id=account_id)
    products = session.exec(
        scope.visible_products_query(actor).where(col(Product.account_id) == account.id)
    ).all()
    counters = _counters_by_model(session, {p.model_id for p in products})
    series = _chart_series(session, [p.id for p in products], today)
    resets_rows = session.exec(
        select(MeterReset).where(col(MeterReset.product_id).in_([p.id for p in products]))
    ).all()
    resets: dict[int, list[tuple[str, date]]] = defaultdict(list)
    for reset in resets_rows:
        resets[reset.product_id].append((reset.counter_code, reset.reset_on))
    totals: dict[str, dict[str, int]] = defaultdict(dict)
    order: list[str] = []
    for product in products:
        specs = counters.get(product.model_id, [])
        codes = [c.code for c in specs]
        for code in codes:
            if code not in order:
                order.append(code)
        months = monthly_volume(
            series.get(product.id, []),
            codes,
            today=today,
            digits={c.code: c.digits for c in specs},
            resets=resets.get(product.id, []),
        )
        for row in months:
            bucket = totals[row["month"]]
            for code in codes:
                if code in row:
                    bucket[code] = bucket.get(code, 0) + row[code]
    return [{"month": month, **totals[month]} for month in sorted(totals)]


def account_summary(*, session: Session, actor: User | None, account_id: Any) -> dict[str, Any]:
    """The account's number and name, and its counters in display order (for the chart)."""
    account = scope.get_visible_account(session=session, actor=actor, account_id=account_id)
    model_ids = session.exec(
        scope.visible_products_query(actor)
        .where(col(Product.account_id) == account.id)
        .with_only_columns(col(Product.model_id))
        .distinct()
    ).all()
    codes = {
        spec.code
        for specs in _counters_by_model(session, set(model_ids)).values()
        for spec in specs
    }
    known = {code: n for n, code in enumerate(COUNTER_ORDER)}
    ordered = sorted(codes, key=lambda c: (known.get(c, len(known)), c))
    return {"id": account.id, "number": account.number, "name": account.name, "counters": ordered}
