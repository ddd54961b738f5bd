"""One product: its detail page (SPEC B3), the "change product" picker and the edit of
its alternative name and location (SPEC B4).

Every function loads the product through ``scope.get_visible_product``, so an id
outside the actor's scope behaves exactly like an id that does not exist. The
detail is returned as plain dicts of primitives (dates as ISO strings, statuses
also as message keys) that a state can hand to the browser as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from datetime import date, datetime
from itertools import pairwise
from typing import Any

import sqlalchemy as sa
from pydantic import field_validator
from sqlmodel import Session, SQLModel, col, select

from portal import clock
from portal.errors import PermissionDenied, ValidationFailed
from portal.models import (
    OPEN_TICKET_STATUSES,
    Account,
    ContractLine,
    CounterType,
    Group,
    GroupProduct,
    GroupUser,
    Location,
    MeterReading,
    MeterReset,
    Product,
    ProductModel,
    ReadingSource,
    Role,
    ServiceLevel,
    Ticket,
    TicketStatus,
    TicketType,
    User,
    UserProduct,
    UserStatus,
    serial_key,
)
from portal.services import audit, capture, scope
from portal.services.common import day_text, hours_text, stamp
from portal.services.listing import SYNC_STATUSES, clean_query
from portal.settings import settings

MAX_TICKETS = 50
MAX_READINGS = 36
CHART_MONTHS = 24
PICKER_LIMIT = 20
_MAX_PICKER_LIMIT = 50

LOCATION_FIELDS = (
    "site",
    "address",
    "postal_code",
    "city",
    "floor",
    "room",
    "contact_name",
    "contact_phone",
)
EDITABLE_FIELDS = ("alternative_name", *LOCATION_FIELDS)
REQUIRED_FIELDS = ("address", "postal_code", "city")

ERROR_REQUIRED = "error.required"
ERROR_TOO_LONG = "error.too_long"
ERROR_CONTROL = "product.error.control_characters"
ERROR_POSTAL_CODE = "product.error.postal_code"
ERROR_PHONE = "product.error.phone"

POSTAL_CODE_MAX = 10
_POSTAL_CODE_RE = re.compile(r"(?=.*[A-Za-z0-9])[A-Za-z0-9 -]{3,10}")
_PHONE_RE = re.compile(r"[0-9 +()\-]+")
_MIN_PHONE_DIGITS = 3
# Control characters, surrogates and line/paragraph separators have no place in one-line fields.
_FORBIDDEN_CATEGORIES = {"Cc", "Cs", "Zl", "Zp"}

_EDIT_ROLES = (Role.ADMINISTRATOR, Role.DEVICE_MANAGER)
_CLOSED_STATUSES = (TicketStatus.SOLVED, TicketStatus.CLOSED)
_TICKET_TYPES = {t.value for t in TicketType}
_READING_SOURCES = {s.value for s in ReadingSource}
_PRODUCT_STATUSES = ("active", "inactive", "removed")
_MAINTENANCE_STATUSES = ("covered", "not_covered", "suspended")
_CONTRACT_STATUSES = ("active", "expired", "cancelled")
_COUNTERS = ("total", "black", "colour", "black_a3", "black_a4", "colour_a3", "colour_a4", "scan")
_TONERS = ("black", "cyan", "magenta", "yellow")


def _max_length(model: type[SQLModel], name: str) -> int:
    """The ``max_length`` a table column declares (the database limit)."""
    for item in model.model_fields[name].metadata:
        limit = getattr(item, "max_length", None)
        if limit is not None:
            return int(limit)
    msg = f"{model.__name__}.{name} declares no max_length"
    raise LookupError(msg)


MAX_LENGTHS: dict[str, int] = {
    "alternative_name": _max_length(Product, "alternative_name"),
    **{name: _max_length(Location, name) for name in LOCATION_FIELDS},
}


def _has_forbidden_characters(text: str) -> bool:
    return any(unicodedata.category(ch) in _FORBIDDEN_CATEGORIES for ch in text)


class ProductLocationUpdate(SQLModel):
    """What a client may send to change a product's alternative name and location (SPEC B4).

    Values arrive as they were typed; anything that is not text counts as empty.
    ``cleaned`` applies the rules and returns the stripped values.
    """

    alternative_name: str = ""
    site: str = ""
    address: str = ""
    postal_code: str = ""
    city: str = ""
    floor: str = ""
    room: str = ""
    contact_name: str = ""
    contact_phone: str = ""

    @field_validator("*", mode="before")
    @classmethod
    def _as_text(cls, value: Any) -> str:
        if isinstance(value, str):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return ""

    @classmethod
    def from_form(cls, form: Any) -> ProductLocationUpdate:
        """Build from a submitted form dict, ignoring unknown keys (anything else is empty)."""
        if not isinstance(form, dict):
            form = {}
        return cls(**{name: form.get(name, "") for name in EDITABLE_FIELDS})

    def cleaned(self) -> dict[str, str]:
        """The values stripped of surrounding whitespace, checked field by field.

        Raises:
            ValidationFailed: One message key per field that breaks a rule:
                control characters, required (address, postal code, city),
                longer than the column, postal code not 3–10 letters, digits,
                spaces or dashes, phone not digits, spaces and ``+()-``.
        """
        values = {name: getattr(self, name).strip() for name in EDITABLE_FIELDS}
        errors: dict[str, str] = {}
        for name, value in values.items():
            if _has_forbidden_characters(value):
                errors[name] = ERROR_CONTROL
            elif not value:
                if name in REQUIRED_FIELDS:
                    errors[name] = ERROR_REQUIRED
            elif len(value) > MAX_LENGTHS[name]:
                errors[name] = ERROR_TOO_LONG
            elif name == "postal_code" and not _POSTAL_CODE_RE.fullmatch(value):
                errors[name] = ERROR_POSTAL_CODE
            elif name == "contact_phone" and (
                not _PHONE_RE.fullmatch(value)
                or sum(ch.isdigit() for ch in value) < _MIN_PHONE_DIGITS
            ):
                errors[name] = ERROR_PHONE
        if errors:
            raise ValidationFailed(errors)
        return values


# --- Small formatting helpers ----------------------------------------------------


def _key(prefix: str, value: str, known: Any) -> str:
    """``prefix.value`` when ``value`` has a translation, else '' (the page shows it raw)."""
    return f"{prefix}.{value}" if value in known else ""


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month_label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


# --- Monthly volume ----------------------------------------------------------------


def _period_volume(
    code: str,
    before: int,
    after: int,
    start: date,
    end: date,
    digits: dict[str, int],
    resets: list[tuple[str, date]],
) -> int | None:
    """Pages printed on one counter between two readings; None when it cannot be told."""
    if after >= before:
        return after - before
    if any(c == code and start < day <= end for c, day in resets):
        return after
    width = digits.get(code)
    if width:
        maximum = 10**width
        # A rollover only when the old value was near the counter's maximum.
        if before >= maximum * 0.9:
            return maximum - before + after
    return None


def monthly_volume(
    readings: list[tuple[date, dict[str, Any]]],
    counters: list[str],
    *,
    today: date,
    months: int = CHART_MONTHS,
    digits: dict[str, int] | None = None,
    resets: list[tuple[str, date]] | None = None,
) -> list[dict[str, Any]]:
    """Pages per month and counter, from the differences between consecutive readings.

    The volume of a period belongs to the month of the reading that closes it.
    When a period spans several months (a month without a reading), its volume
    is spread evenly over the months after the opening reading's month up to
    the closing one, so a missed reading does not make a month look empty. A
    lower value counts only after a recorded meter reset (the new value) or a
    rollover at the counter's maximum; otherwise that period is left out, and a
    month with nothing known for a counter has no value for it (a gap, not a 0).

    Args:
        readings: (date, values) pairs in any order.
        counters: The counter codes to compute, in display order.
        today: The current date; the result covers at most the last ``months``
            months up to this one.
        months: How many months to cover.
        digits: Digits per counter code (for rollovers).
        resets: (counter code, date) of recorded meter resets.

    Returns:
        One dict per month, oldest first, from the first to the last month with
        data inside the window: ``month`` ("YYYY-MM") and an int per counter known.
    """
    digits = digits or {}
    resets = resets or []
    totals: dict[int, dict[str, int]] = defaultdict(dict)
    ordered = sorted(readings, key=lambda item: item[0])
    for (start, before), (end, after) in pairwise(ordered):
        first, last = _month_index(start), _month_index(end)
        span = list(range(first + 1, last + 1)) or [last]
        for code in counters:
            old, new = _as_int(before.get(code)), _as_int(after.get(code))
            if old is None or new is None:
                continue
            volume = _period_volume(code, old, new, start, end, digits, resets)
            if volume is None:
                continue
            share, rest = divmod(volume, len(span))
            for position, month in enumerate(span):
                # The pages that do not divide evenly go one each to the latest months.
                extra = 1 if position >= len(span) - rest else 0
                totals[month][code] = totals[month].get(code, 0) + share + extra
    if not totals:
        return []
    window_end = _month_index(today)
    window_start = window_end - months + 1
    in_window = [m for m in totals if window_start <= m <= window_end]
    if not in_window:
        return []
    return [
        {"month": _month_label(m), **{c: totals[m][c] for c in counters if c in totals[m]}}
        for m in range(min(in_window), max(in_window) + 1)
    ]


# --- Detail (SPEC B3) --------------------------------------------------------------


def _product_name(model: ProductModel) -> str:
    """Manufacturer and model, without repeating a manufacturer the model name starts with."""
    if not model.manufacturer or model.name.lower().startswith(model.manufacturer.lower()):
        return model.name
    return f"{model.manufacturer} {model.name}"


def _general(product: Product, model: ProductModel, account: Account, location: Location) -> dict:
    return {
        "serial": product.serial,
        "model": model.name,
        "manufacturer": model.manufacturer,
        "product_name": _product_name(model),
        "alternative_name": product.alternative_name,
        "site": location.site,
        "address": location.address,
        "postal_code": location.postal_code,
        "city": location.city,
        "floor": location.floor,
        "room": location.room,
        "contact_name": location.contact_name,
        "contact_phone": location.contact_phone,
        "account_number": account.number,
        "account_name": account.name,
        "system_account_number": product.system_account_number,
        "status": product.status,
        "status_key": _key("product.status", product.status, _PRODUCT_STATUSES),
        "maintenance_status": product.maintenance_status,
        "maintenance_key": _key(
            "product.maintenance", product.maintenance_status, _MAINTENANCE_STATUSES
        ),
        "sync_status": product.sync_status,
        "sync_key": _key("sync_status", product.sync_status, SYNC_STATUSES),
        "installed_on": day_text(product.installed_on),
    }


def _managers(session: Session, product: Product, organisation_id: int) -> list[dict[str, Any]]:
    """Active users of the product's organisation assigned to it directly or through groups."""
    direct = select(UserProduct.user_id).where(col(UserProduct.product_id) == product.id)
    groups = session.exec(
        select(col(GroupUser.user_id), col(Group.name))
        .join(Group, col(Group.id) == col(GroupUser.group_id))
        .join(GroupProduct, col(GroupProduct.group_id) == col(Group.id))
        .where(
            col(GroupProduct.product_id) == product.id,
            col(Group.organisation_id) == organisation_id,
        )
        .order_by(col(Group.name))
    ).all()
    via_group: dict[int, list[str]] = defaultdict(list)
    for user_id, name in groups:
        if name not in via_group[user_id]:
            via_group[user_id].append(name)
    direct_ids = set(session.exec(direct).all())
    assigned = direct_ids | set(via_group)
    if not assigned:
        return []
    users = session.exec(
        select(User)
        .where(
            col(User.organisation_id) == organisation_id,
            col(User.status) == UserStatus.ACTIVE.value,
            col(User.id).in_(sorted(assigned)),
        )
        .order_by(
            sa.func.lower(col(User.last_name)), sa.func.lower(col(User.first_name)), col(User.id)
        )
    ).all()
    return [
        {
            "name": user.full_name or user.email,
            "email": user.email,
            "direct": user.id in direct_ids,
            "groups": ", ".join(via_group.get(user.id, [])),
        }
        for user in users
    ]


def _coverage(session: Session, product: Product, today: date) -> dict[str, Any]:
    line = session.get(ContractLine, product.contract_line_id) if product.contract_line_id else None
    if line is None:
        return {
            "has_line": False,
            "covered": False,
            "contract_number": "",
            "service_level": "",
            "response_hours": "",
            "resolution_hours": "",
            "start_date": "",
            "end_date": "",
            "status": "",
            "status_key": "",
        }
    level = session.get(ServiceLevel, line.service_level_id)
    covered = line.status == "active" and line.start_date <= today <= line.end_date
    return {
        "has_line": True,
        "covered": covered,
        "contract_number": line.contract_number,
        "service_level": level.name if level else "",
        "response_hours": hours_text(level.response_hours if level else None),
        "resolution_hours": hours_text(level.resolution_hours if level else None),
        "start_date": day_text(line.start_date),
        "end_date": day_text(line.end_date),
        "status": line.status,
        "status_key": _key("product.contract", line.status, _CONTRACT_STATUSES),
    }


def _toners(product: Product, threshold: int) -> list[dict[str, Any]]:
    levels = product.toner_levels or {}
    order = {colour: n for n, colour in enumerate(_TONERS)}
    rows = []
    for colour in sorted(levels, key=lambda c: (order.get(c, len(order)), c)):
        level = _as_int(levels[colour])
        if level is None:
            continue
        level = max(0, min(level, 100))
        rows.append(
            {
                "colour": colour,
                "colour_key": _key("product.toner", colour, _TONERS),
                "level": level,
                "low": level < threshold,  # below, as toner_alerts.low_colours
            }
        )
    return rows


def _capture(product: Product, now: datetime | None) -> dict[str, Any]:
    """What the meter collector last reported (SPEC X2): contact, device status, alerts."""
    status = product.device_status or ""
    return {
        "last_contact": stamp(product.last_contact_at),
        "not_reporting": capture.is_not_reporting(product, now),
        "device_status": status,
        "device_status_key": _key("product.device_status", status, capture.DEVICE_STATUSES),
        "alerts": [
            {
                "code": str(alert.get("code", "")),
                "severity": str(alert.get("severity", "")),
                "description": str(alert.get("description", "")),
            }
            for alert in product.device_alerts or []
        ],
    }


def _ticket_row(ticket: Ticket) -> dict[str, Any]:
    ticket_type = ticket.ticket_type if ticket.ticket_type in _TICKET_TYPES else "other"
    return {
        "id": ticket.id,
        "number": ticket.number,
        "ticket_type": ticket.ticket_type,
        "type_key": f"ticket_type.{ticket_type}",
        "status": ticket.status,
        "status_key": f"ticket_status.{ticket.status}",
        "created_on": day_text(ticket.created_at),
        "closed_on": day_text(ticket.closed_at or ticket.solved_at),
    }


def _tickets(session: Session, product: Product) -> dict[str, Any]:
    of_product = col(Ticket.product_id) == product.id
    open_filter = col(Ticket.status).in_([s.value for s in OPEN_TICKET_STATUSES])
    closed_filter = col(Ticket.status).in_([s.value for s in _CLOSED_STATUSES])
    closed_at = sa.func.coalesce(col(Ticket.closed_at), col(Ticket.solved_at))
    open_rows = session.exec(
        select(Ticket)
        .where(of_product, open_filter)
        .order_by(col(Ticket.created_at).desc(), col(Ticket.id).desc())
        .limit(MAX_TICKETS)
    ).all()
    closed_rows = session.exec(
        select(Ticket)
        .where(of_product, closed_filter)
        .order_by(closed_at.desc().nulls_last(), col(Ticket.id).desc())
        .limit(MAX_TICKETS)
    ).all()

    def count(condition: sa.ColumnElement[bool]) -> int:
        return session.exec(
            select(sa.func.count(col(Ticket.id))).where(of_product, condition)
        ).one()

    return {
        "open": [_ticket_row(t) for t in open_rows],
        "closed": [_ticket_row(t) for t in closed_rows],
        "open_count": count(open_filter),
        "closed_count": count(closed_filter),
    }


def _counters(session: Session, product: Product) -> tuple[list[str], dict[str, int]]:
    rows = session.exec(
        select(CounterType)
        .where(col(CounterType.model_id) == product.model_id)
        .order_by(col(CounterType.position), col(CounterType.id))
    ).all()
    return [r.code for r in rows], {r.code: r.digits for r in rows}


def _counter_order(codes: set[str]) -> list[str]:
    known = {code: n for n, code in enumerate(_COUNTERS)}
    return sorted(codes, key=lambda c: (known.get(c, len(known)), c))


def _readings(
    session: Session, product: Product, counters: list[str], digits: dict[str, int], today: date
) -> tuple[list[str], list[dict[str, Any]], list[dict[str, Any]]]:
    """The counters shown, the newest readings (table) and the monthly volume (chart)."""
    of_product = col(MeterReading.product_id) == product.id
    newest = session.exec(
        select(MeterReading)
        .where(of_product)
        .order_by(col(MeterReading.read_on).desc(), col(MeterReading.id).desc())
        .limit(MAX_READINGS)
    ).all()
    window_start = _month_start(_month_index(today) - CHART_MONTHS + 1)
    in_window = session.exec(
        select(MeterReading)
        .where(of_product, col(MeterReading.read_on) >= window_start)
        .order_by(col(MeterReading.read_on), col(MeterReading.id))
    ).all()
    before_window = session.exec(
        select(MeterReading)
        .where(of_product, col(MeterReading.read_on) < window_start)
        .order_by(col(MeterReading.read_on).desc(), col(MeterReading.id).desc())
        .limit(1)
    ).first()
    series = ([before_window] if before_window else []) + list(in_window)
    if not counters:
        # A model without declared counters: show what its readings report.
        counters = _counter_order({code for r in [*newest, *series] for code in r.values})
    resets = session.exec(
        select(col(MeterReset.counter_code), col(MeterReset.reset_on)).where(
            col(MeterReset.product_id) == product.id
        )
    ).all()
    table = [
        {
            "id": r.id,
            "read_on": day_text(r.read_on),
            "source": r.source,
            "source_key": _key("product.source", r.source, _READING_SOURCES),
            "values": [
                "" if (v := _as_int(r.values.get(code))) is None else str(v) for code in counters
            ],
        }
        for r in newest
    ]
    chart = monthly_volume(
        [(r.read_on, r.values) for r in series],
        counters,
        today=today,
        digits=digits,
        resets=[(code, day) for code, day in resets],
    )
    return counters, table, chart


def _permissions(actor: User, product: Product) -> dict[str, bool]:
    can_edit = scope.can_edit_product(actor, product)
    may_request = (
        scope.is_active(actor) and actor.has_role(*_EDIT_ROLES) and product.status == "active"
    )
    return {
        "can_edit": can_edit,
        "can_create_ticket": may_request,
        "can_submit_reading": may_request,
        "can_request_move": may_request,
    }


def product_detail(
    *, session: Session, actor: User | None, product_id: Any, now: datetime | None = None
) -> dict[str, Any]:
    """Everything the product page shows about one product the actor may see (SPEC B3).

    Args:
        session: The database session.
        actor: The signed-in user.
        product_id: The product's id as the browser sent it.
        now: The current time (defaults to the portal clock).

    Returns:
        A dict with ``id``; ``general`` (identification, location, account,
        statuses with message keys, installation date); ``technical`` (IP, MAC,
        firmware); ``managers`` (name, email, direct, groups); ``coverage``
        (contract line and service level, ``covered`` False means non-SLA);
        ``options``; ``auto_capture``; ``auto_replenish``; ``toners`` (colour,
        level, low); ``capture`` (last contact, not reporting, device status,
        alerts); ``tickets`` (open and closed rows, newest first, at most
        50 each, with their counts); ``counters`` (codes with label keys);
        ``readings`` (newest first, at most 36, one value per counter);
        ``monthly_volume`` (chart rows); ``links`` (download centre);
        ``permissions`` (can_edit, can_create_ticket, can_submit_reading,
        can_request_move).

    Raises:
        NotFound: The product does not exist or is outside the actor's scope.
    """
    product = scope.get_visible_product(session=session, actor=actor, product_id=product_id)
    today = (now or clock.now()).date()
    model = session.get(ProductModel, product.model_id)
    account = session.get(Account, product.account_id)
    location = session.get(Location, product.location_id)
    counters, digits = _counters(session, product)
    counters, readings, chart = _readings(session, product, counters, digits, today)
    return {
        "id": product.id,
        "general": _general(product, model, account, location),
        "technical": {
            "ip_address": product.ip_address,
            "mac_address": product.mac_address,
            "firmware": product.firmware,
        },
        "managers": _managers(session, product, account.organisation_id),
        "coverage": _coverage(session, product, today),
        "options": list(product.options or []),
        "auto_capture": product.auto_capture,
        "auto_replenish": product.auto_replenish,
        "toners": _toners(product, account.low_toner_threshold),
        "capture": _capture(product, now),
        "tickets": _tickets(session, product),
        "counters": [
            {"code": code, "label_key": _key("product.counter", code, _COUNTERS)}
            for code in counters
        ],
        "readings": readings,
        "monthly_volume": chart,
        "links": {
            "download": settings.download_centre_url,
        },
        "permissions": _permissions(actor, product),
    }


# --- Picker ------------------------------------------------------------------------


def product_picker(
    *, session: Session, actor: User | None, query: Any = "", limit: Any = PICKER_LIMIT
) -> list[dict[str, Any]]:
    """Visible products whose serial number or alternative name contains ``query``.

    Args:
        session: The database session.
        actor: The signed-in user.
        query: Part of a serial number (case and spaces do not matter) or of
            an alternative name (case does not matter); empty lists the first ones.
        limit: How many at most (1–50).

    Returns:
        Rows with id, serial, model and alternative_name, by serial number.
    """
    try:
        size = min(max(int(limit), 1), _MAX_PICKER_LIMIT)
    except (TypeError, ValueError, OverflowError):
        size = PICKER_LIMIT
    text = clean_query(query)
    visible = scope.visible_products_query(actor)
    if text:
        conditions = [col(Product.alternative_name).icontains(text, autoescape=True)]
        key = serial_key(text)
        if key:
            conditions.append(col(Product.serial_key).contains(key, autoescape=True))
        visible = visible.where(sa.or_(*conditions))
    products = visible.subquery("visible_product")
    rows = session.exec(
        select(
            products.c.id, products.c.serial, col(ProductModel.name), products.c.alternative_name
        )
        .select_from(products)
        .join(ProductModel, col(ProductModel.id) == products.c.model_id)
        .order_by(products.c.serial_key, products.c.id)
        .limit(size)
    ).all()
    return [
        {"id": pid, "serial": serial, "model": model, "alternative_name": alternative_name}
        for pid, serial, model, alternative_name in rows
    ]


# --- Edit (SPEC B4) ----------------------------------------------------------------


def update_product_location(
    *,
    session: Session,
    actor: User | None,
    product_id: Any,
    data: ProductLocationUpdate,
    now: datetime | None = None,
) -> Product:
    """Change a product's alternative name and location details (SPEC B4).

    Only the fields whose value changes are written, with one audit entry
    holding their old and new values. When the product shares its location
    row with other products, it gets its own copy so the others stay where
    they are.

    Args:
        session: The database session (the caller commits).
        actor: The signed-in user.
        product_id: The product's id as the browser sent it.
        data: The submitted values.
        now: The time of the change (defaults to the portal clock).

    Returns:
        The product, updated.

    Raises:
        NotFound: The product does not exist or is outside the actor's scope.
        PermissionDenied: The actor sees the product but may not edit it.
        ValidationFailed: A value breaks a rule; nothing is written.
    """
    product = scope.get_visible_product(session=session, actor=actor, product_id=product_id)
    if not scope.can_edit_product(actor, product):
        raise PermissionDenied(scope.PERMISSION_DENIED)
    values = data.cleaned()
    location = session.get(Location, product.location_id)
    current = {"alternative_name": product.alternative_name}
    current.update({name: getattr(location, name) for name in LOCATION_FIELDS})
    changed = [name for name in EDITABLE_FIELDS if values[name] != current[name]]
    if not changed:
        return product

    old = {name: current[name] for name in changed}
    new = {name: values[name] for name in changed}
    if "alternative_name" in new:
        product.alternative_name = new["alternative_name"]
    location_changes = {name: new[name] for name in changed if name in LOCATION_FIELDS}
    if location_changes:
        sharers = session.exec(
            select(sa.func.count(col(Product.id))).where(col(Product.location_id) == location.id)
        ).one()
        if sharers > 1:
            copy = Location(
                organisation_id=location.organisation_id,
                **{name: getattr(location, name) for name in LOCATION_FIELDS},
            )
            session.add(copy)
            session.flush()
            old["location_id"], new["location_id"] = location.id, copy.id
            product.location_id = copy.id
            location = copy
        for name, value in location_changes.items():
            setattr(location, name, value)
        session.add(location)
    session.add(product)
    session.flush()
    account = session.get(Account, product.account_id)
    audit.record(
        session=session,
        actor=actor,
        action="product.location_updated",
        object_type="product",
        object_id=product.id,
        old=old,
        new=new,
        organisation_id=account.organisation_id,
        now=now,
    )
    return product
