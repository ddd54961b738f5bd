"""The customer's side of service tickets (SPEC C1–C3): raise, search, follow, note, rate.

Customers (administrators and device managers) raise tickets for the products
in their scope and follow them; provider agents may read them too (their own
desk is elsewhere). Every ticket and product is loaded through
``portal.services.scope``, so an id from the browser outside the actor's scope
is simply "not found". Status changes and notes go through
``portal.services.ticket_clock.record_status`` so the SLA history stays
complete.

Rows and details are plain dicts of primitives: timestamps are formatted in the
time zone of the ticket's business calendar as ``YYYY-MM-DD HH:MM``,
enumerations also come as message keys.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, field_validator
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from portal import clock, routes
from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.i18n import all_messages
from portal.models import (
    OPEN_TICKET_STATUSES,
    AlertEvent,
    Location,
    Product,
    ProductModel,
    Role,
    ServiceLevel,
    Ticket,
    TicketActivity,
    TicketStatus,
    TicketType,
    User,
    serial_key,
)
from portal.services import audit, knowledge, notify, scope, ticket_clock
from portal.services.common import display_name, local_stamp, organisation_of_product
from portal.services.listing import Page, clean_page_size, clean_query, page_bounds
from portal.settings import settings
from portal.sla import SlaClock

CUSTOMER_ROLES = (Role.ADMINISTRATOR, Role.DEVICE_MANAGER)
"""Who raises tickets, adds notes and rates resolutions."""
READER_ROLES = (Role.ADMINISTRATOR, Role.DEVICE_MANAGER, Role.AGENT)
"""Who may search and read tickets (within their scope)."""

TICKET_PAGE_SIZES = (5, 10, 25, 50)
DEFAULT_TICKET_PAGE_SIZE = 10
CLOSED_STATUSES = (TicketStatus.SOLVED, TicketStatus.CLOSED)
OPEN_STATUSES = OPEN_TICKET_STATUSES
TICKET_TYPES = tuple(t.value for t in TicketType)
TICKET_STATUSES = tuple(s.value for s in TicketStatus)

DESCRIPTION_MIN = 10
DESCRIPTION_MAX = 4000
NOTE_MAX = 4000
COMMENT_MAX = 2000
NUMBER_ATTEMPTS = 20
CALL_RECEIVED = "Call received"
CUSTOMER_PORTAL = "Customer portal"
CUSTOMER_NOTE = "Customer note"

_LIMITS = {
    "error_code": 40,
    "description": DESCRIPTION_MAX,
    "your_reference": 60,
    "contact_name": 120,
    "contact_phone": 40,
    "availability": 200,
}
_PHONE_RE = re.compile(r"^\+?[0-9 ()./-]+$")
DISPLAY_ZONE = ZoneInfo("Europe/Madrid")
OPEN_STATUS_VALUES = tuple(s.value for s in OPEN_STATUSES)
CLOSED_STATUS_VALUES = tuple(s.value for s in CLOSED_STATUSES)
_OPEN = list(OPEN_STATUS_VALUES)
_CLOSED = list(CLOSED_STATUS_VALUES)


def _text(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, str | int | float):
        return str(value)
    return ""


def _clean_id(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError, OverflowError):
        return None
    return number if 0 < number < 2**63 else None


# --- Create (SPEC C2) ------------------------------------------------------------


class TicketCreate(BaseModel):
    """What a customer may send to raise a ticket; text is trimmed on construction.

    ``problems()`` lists what is wrong per field as message keys; the product
    itself is checked by the service against the actor's scope.
    """

    model_config = ConfigDict(str_strip_whitespace=True)

    product_id: int | None = None
    ticket_type: str = ""
    error_code: str = ""
    description: str = ""
    your_reference: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    availability: str = ""

    @field_validator("product_id", mode="before")
    @classmethod
    def _product(cls, value: Any) -> int | None:
        return _clean_id(value)

    @field_validator(
        "ticket_type",
        "description",
        "your_reference",
        "contact_name",
        "contact_phone",
        "availability",
        mode="before",
    )
    @classmethod
    def _plain(cls, value: Any) -> str:
        return _text(value)

    @field_validator("error_code", mode="before")
    @classmethod
    def _code(cls, value: Any) -> str:
        return " ".join(_text(value).split()).upper()

    def problems(self) -> dict[str, str]:
        """Per-field message keys of what is wrong (empty when the form is fine)."""
        errors: dict[str, str] = {}
        if self.product_id is None:
            errors["product_id"] = "error.required"
        if not self.ticket_type:
            errors["ticket_type"] = "error.required"
        elif self.ticket_type not in TICKET_TYPES:
            errors["ticket_type"] = "error.ticket_type_invalid"
        for field, limit in _LIMITS.items():
            if len(getattr(self, field)) > limit:
                errors[field] = "error.too_long"
        if "description" not in errors:
            if not self.description:
                errors["description"] = "error.required"
            elif len(self.description) < DESCRIPTION_MIN:
                errors["description"] = "error.ticket_description_short"
        if not self.contact_name:
            errors["contact_name"] = "error.required"
        if "contact_phone" not in errors:
            phone = self.contact_phone
            if not phone:
                errors["contact_phone"] = "error.required"
            elif not _PHONE_RE.match(phone) or sum(c.isdigit() for c in phone) < 6:
                errors["contact_phone"] = "error.phone_invalid"
        return errors


def _new_number(session: Session) -> str:
    """A readable, unused ticket number like ``1-889022872``."""
    for _ in range(NUMBER_ATTEMPTS):
        number = f"1-{secrets.randbelow(10**9):09d}"
        taken = session.exec(select(Ticket.id).where(col(Ticket.number) == number)).first()
        if taken is None:
            return number
    msg = "no free ticket number found"
    raise RuntimeError(msg)


def _summary(text: str, limit: int = 140) -> str:
    first = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def _notify(
    *,
    session: Session,
    ticket: Ticket,
    product: Product,
    actor: User,
    event: AlertEvent,
    template: str,
    summary: str,
    now: datetime,
    include_actor: bool,
) -> int:
    recipients = list(notify.ticket_recipients(session=session, ticket=ticket))
    if include_actor and all(user.id != actor.id for user in recipients):
        recipients.append(actor)
    return notify.notify(
        session=session,
        event=event,
        recipients=recipients,
        actor=actor,
        template=template,
        context={
            "number": ticket.number,
            "serial": product.serial,
            "status": ticket.status,
            "summary": summary,
            "link": settings.base_url + routes.ticket_link(ticket.id),
        },
        now=now,
    )


def create_ticket(
    *, session: Session, actor: User | None, data: TicketCreate, now: datetime | None = None
) -> Ticket:
    """Raise a ticket for a product in the actor's scope (SPEC C2).

    The service level comes from the product's contract line (none = non-SLA);
    the first activity "Call received" starts the SLA clocks; the actor and the
    ticket's usual recipients are notified per their alert preferences.

    Args:
        session: The open session (flushed, not committed).
        actor: The signed-in user, an administrator or device manager.
        data: The form.
        now: The time of creation (defaults to the portal clock).

    Returns:
        The new ticket, with its number and deadlines.

    Raises:
        PermissionDenied: The actor may not raise tickets.
        NotFound: The product does not exist or is outside the actor's scope.
        ValidationFailed: Per-field message keys.
    """
    scope.require_role(actor, *CUSTOMER_ROLES)
    now = now or clock.now()
    errors = data.problems()
    product = None
    if data.product_id is not None:
        product = scope.get_visible_product(
            session=session, actor=actor, product_id=data.product_id
        )
        if product.status != "active":
            errors["product_id"] = "error.ticket_product_inactive"
    if errors:
        raise ValidationFailed(errors)
    assert product is not None  # noqa: S101 - guaranteed by problems()

    level = ticket_clock.service_level_for(session, product, now.astimezone(DISPLAY_ZONE).date())
    ticket = Ticket(
        number=_new_number(session),
        product_id=product.id,
        ticket_type=data.ticket_type,
        error_code=data.error_code,
        description=data.description,
        your_reference=data.your_reference,
        contact_name=data.contact_name,
        contact_phone=data.contact_phone,
        availability=data.availability,
        status=TicketStatus.NEW.value,
        service_level_id=level.id if level is not None else None,
        created_by_id=actor.id,
        created_at=now,
    )
    session.add(ticket)
    session.flush()
    ticket_clock.record_status(
        session=session,
        ticket=ticket,
        status=TicketStatus.NEW,
        actor=actor,
        activity_type=CALL_RECEIVED,
        subtype=CUSTOMER_PORTAL,
        text=data.description,
        now=now,
    )
    audit.record(
        session=session,
        actor=actor,
        action="ticket.created",
        object_type="ticket",
        object_id=ticket.id,
        new={
            "number": ticket.number,
            "product_id": product.id,
            "ticket_type": ticket.ticket_type,
            "service_level_id": ticket.service_level_id,
        },
        organisation_id=organisation_of_product(session, product.id),
        now=now,
    )
    _notify(
        session=session,
        ticket=ticket,
        product=product,
        actor=actor,
        event=AlertEvent.TICKET_OPENED,
        template="ticket_opened",
        summary=_summary(data.description),
        now=now,
        include_actor=True,
    )
    return ticket


def suggest_articles(
    *,
    session: Session,
    actor: User | None,
    product_id: Any,
    error_code: str,
    description: str,
    language: str,
) -> list[dict[str, Any]]:
    """Knowledge articles that might solve the problem before a ticket is raised (SPEC X1).

    Given the product (its model, when in the actor's scope), the error code and
    the description typed so far, returns the best published matches in
    ``language`` as dicts with ``id``, ``title``, ``summary`` and ``link``
    (at most five); the ticket form shows its suggestions area only when the
    list is not empty.
    """
    return knowledge.suggest_for_ticket(
        session=session,
        actor=actor,
        product_id=product_id,
        error_code=error_code,
        description=description,
        language=language,
    )


def visible_products_for_ticket(
    *, session: Session, actor: User | None, serial: str = "", limit: int = 10
) -> list[dict[str, Any]]:
    """Active products of the actor's scope matching part of a serial, for the product picker.

    Returns:
        Up to ``limit`` dicts with id, serial, model and alternative_name, by serial.

    Raises:
        PermissionDenied: The actor may not raise tickets.
    """
    scope.require_role(actor, *CUSTOMER_ROLES)
    # An alias, so the scope's subquery on product is not correlated to this query.
    product = aliased(Product)
    query = (
        select(product, col(ProductModel.name))
        .join(ProductModel, col(ProductModel.id) == product.model_id)
        .where(
            product.id.in_(scope.visible_product_ids_subquery(actor)),
            product.status == "active",
        )
    )
    key = serial_key(clean_query(serial))
    if key:
        query = query.where(product.serial_key.contains(key, autoescape=True))
    rows = session.exec(query.order_by(product.serial).limit(max(1, min(int(limit), 50)))).all()
    return [
        {
            "id": item.id,
            "serial": item.serial,
            "model": model,
            "alternative_name": item.alternative_name,
        }
        for item, model in rows
    ]


def product_choice(*, session: Session, actor: User | None, product_id: Any) -> dict[str, Any]:
    """One product of the picker (e.g. preselected by ``?product=``), as the picker shows it.

    Also gives the on-site contact of the product's location, to prefill the form.

    Raises:
        PermissionDenied: The actor may not raise tickets.
        NotFound: Not an active product of the actor's scope.
    """
    scope.require_role(actor, *CUSTOMER_ROLES)
    product = scope.get_visible_product(session=session, actor=actor, product_id=product_id)
    if product.status != "active":
        raise NotFound(scope.NOT_FOUND)
    model = session.get(ProductModel, product.model_id)
    location = session.get(Location, product.location_id)
    return {
        "id": product.id,
        "serial": product.serial,
        "model": model.name if model else "",
        "alternative_name": product.alternative_name,
        "contact_name": location.contact_name if location else "",
        "contact_phone": location.contact_phone if location else "",
    }


# --- Search (SPEC C1) ------------------------------------------------------------


def _clean_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


@dataclass
class TicketFilters:
    """Filters of the ticket lists; every field optional. Cleaned when built.

    Attributes:
        number: All or part of a ticket number.
        status: One ticket status (must belong to the list shown to match anything).
        ticket_type: One ticket type.
        serial: Part of the product's serial (case and spaces do not matter).
        date_from: Created on or after this day.
        date_to: Created on or before this day.
        submitted_by: Id of the user who raised it.
        reference: Part of "your reference", case-insensitive.
    """

    number: str = ""
    status: str = ""
    ticket_type: str = ""
    serial: str = ""
    date_from: date | None = None
    date_to: date | None = None
    submitted_by: int | None = None
    reference: str = ""

    def __post_init__(self) -> None:
        self.number = "".join(clean_query(self.number, 20).split())
        self.status = self.status if self.status in TICKET_STATUSES else ""
        self.ticket_type = self.ticket_type if self.ticket_type in TICKET_TYPES else ""
        self.serial = clean_query(self.serial)
        self.date_from = _clean_date(self.date_from)
        self.date_to = _clean_date(self.date_to)
        self.submitted_by = _clean_id(self.submitted_by)
        self.reference = clean_query(self.reference)

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        return any(
            (
                self.number,
                self.status,
                self.ticket_type,
                self.serial,
                self.date_from,
                self.date_to,
                self.submitted_by,
                self.reference,
            )
        )


def clean_ticket_page_size(value: Any) -> int:
    """A page size from the browser, restricted to ``TICKET_PAGE_SIZES``."""
    return clean_page_size(value, sizes=TICKET_PAGE_SIZES, default=DEFAULT_TICKET_PAGE_SIZE)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=DISPLAY_ZONE).astimezone(UTC)


def _conditions(actor: User, closed: bool, filters: TicketFilters) -> list[Any]:
    conditions: list[Any] = [col(Ticket.status).in_(_CLOSED if closed else _OPEN)]
    if filters.number:
        conditions.append(col(Ticket.number).contains(filters.number, autoescape=True))
    if filters.status:
        conditions.append(col(Ticket.status) == filters.status)
    if filters.ticket_type:
        conditions.append(col(Ticket.ticket_type) == filters.ticket_type)
    if filters.serial:
        key = serial_key(filters.serial)
        conditions.append(
            col(Ticket.product_id).in_(
                select(Product.id).where(col(Product.serial_key).contains(key, autoescape=True))
            )
        )
    if filters.date_from:
        conditions.append(col(Ticket.created_at) >= _day_start(filters.date_from))
    if filters.date_to:
        conditions.append(col(Ticket.created_at) < _day_start(filters.date_to + timedelta(days=1)))
    if filters.submitted_by:
        conditions.append(col(Ticket.created_by_id) == filters.submitted_by)
        if not actor.is_provider:
            # Only users of the actor's own organisation can be chosen.
            conditions.append(
                col(Ticket.created_by_id).in_(
                    select(User.id).where(col(User.organisation_id) == actor.organisation_id)
                )
            )
    if filters.reference:
        conditions.append(col(Ticket.your_reference).icontains(filters.reference, autoescape=True))
    return conditions


def _local_day(value: datetime | None, zone: ZoneInfo = DISPLAY_ZONE) -> str:
    if value is None:
        return ""
    return value.astimezone(zone).date().isoformat()


def _next_due(sla_clock: SlaClock, now: datetime) -> datetime | None:
    """The deadline the customer is waiting on: first response until it came, then resolution."""
    response = sla_clock.response(now)
    if response.due is not None and response.done_at is None:
        return response.due
    return sla_clock.resolution(now).due


def search_tickets(
    *,
    session: Session,
    actor: User | None,
    closed: bool = False,
    filters: TicketFilters | None = None,
    page: Any = 1,
    page_size: Any = DEFAULT_TICKET_PAGE_SIZE,
    now: datetime | None = None,
) -> Page:
    """One page of the open or closed tickets the actor may see (SPEC C1).

    Open lists show the newest first, closed lists the latest closed first;
    filtering, counting, sorting and paging happen in the database, and the
    traffic lights of the page's tickets are computed with a fixed number of
    queries.

    Returns:
        A page whose rows have id, href, number, your_reference, ticket_type,
        type_key, status, status_key, product_id, product_serial,
        product_name, created_on, closed_on, sla_due, light, light_key and
        submitted_by ('' when raised through the service desk).

    Raises:
        PermissionDenied: The actor is no administrator, device manager or agent.
    """
    scope.require_role(actor, *READER_ROLES)
    now = now or clock.now()
    filters = filters or TicketFilters()
    size = clean_ticket_page_size(page_size)
    conditions = _conditions(actor, closed, filters)
    visible = scope.visible_tickets_query(actor).where(*conditions)
    total = session.exec(
        select(sa.func.count()).select_from(visible.with_only_columns(col(Ticket.id)).subquery())
    ).one()
    number, pages = page_bounds(total, page, size)
    # Aliases, so the scope's subqueries on ticket, product and user stay uncorrelated.
    ticket_row = aliased(Ticket)
    product, model, creator = aliased(Product), aliased(ProductModel), aliased(User)
    if closed:
        order = (
            sa.func.coalesce(ticket_row.closed_at, ticket_row.solved_at).desc().nulls_last(),
            ticket_row.id.desc(),
        )
    else:
        order = (ticket_row.created_at.desc(), ticket_row.id.desc())
    result = session.exec(
        select(ticket_row, product.serial, model.name, creator.first_name, creator.last_name)
        .join(product, product.id == ticket_row.product_id)
        .join(model, model.id == product.model_id)
        .outerjoin(creator, creator.id == ticket_row.created_by_id)
        .where(ticket_row.id.in_(visible.with_only_columns(col(Ticket.id))))
        .order_by(*order)
        .limit(size)
        .offset((number - 1) * size)
    ).all()
    tickets = [row[0] for row in result]
    clocks = ticket_clock.clocks_for(session=session, tickets=tickets) if not closed else {}
    rows = []
    for ticket, serial, model, first_name, last_name in result:
        zone = clocks[ticket.id].calendar.zone if ticket.id in clocks else DISPLAY_ZONE
        light = ""
        due = None
        if ticket.id in clocks:
            light = clocks[ticket.id].light(now).value
            due = _next_due(clocks[ticket.id], now)
        rows.append(
            {
                "id": ticket.id,
                "href": routes.ticket_link(ticket.id),
                "number": ticket.number,
                "your_reference": ticket.your_reference,
                "ticket_type": ticket.ticket_type,
                "type_key": type_key(ticket.ticket_type),
                "status": ticket.status,
                "status_key": f"ticket_status.{ticket.status}",
                "product_id": ticket.product_id,
                "product_serial": serial,
                "product_name": model,
                "created_on": _local_day(ticket.created_at, zone),
                "closed_on": _local_day(ticket.closed_at or ticket.solved_at, zone),
                "sla_due": local_stamp(due, zone),
                "light": light,
                "light_key": f"sla.light.{light}" if light else "",
                "submitted_by": f"{first_name or ''} {last_name or ''}".strip(),
            }
        )
    return Page(rows=rows, total=total, page=number, pages=pages)


def type_key(value: str) -> str:
    """The message key of a ticket type (unknown types read as "other")."""
    return f"ticket_type.{value if value in TICKET_TYPES else TicketType.OTHER.value}"


def ticket_fields(ticket: Ticket) -> dict[str, Any]:
    """What the customer's and the agents' ticket pages both show of the ticket itself."""
    return {
        "id": ticket.id,
        "number": ticket.number,
        "status": ticket.status,
        "status_key": f"ticket_status.{ticket.status}",
        "ticket_type": ticket.ticket_type,
        "type_key": type_key(ticket.ticket_type),
        "error_code": ticket.error_code,
        "description": ticket.description,
        "your_reference": ticket.your_reference,
        "contact_name": ticket.contact_name,
        "contact_phone": ticket.contact_phone,
        "availability": ticket.availability,
    }


def submitter_options(*, session: Session, actor: User | None) -> list[dict[str, str]]:
    """Users who raised tickets the actor can see, for the "submitted by" filter.

    Customers get only users of their own organisation.

    Returns:
        Dicts with value (the user id as text) and label (the name), by last name.

    Raises:
        PermissionDenied: The actor is no administrator, device manager or agent.
    """
    scope.require_role(actor, *READER_ROLES)
    creators = scope.visible_tickets_query(actor).with_only_columns(col(Ticket.created_by_id))
    query = select(User).where(col(User.id).in_(creators))
    if not actor.is_provider:
        query = query.where(col(User.organisation_id) == actor.organisation_id)
    users = session.exec(
        query.order_by(
            sa.func.lower(col(User.last_name)), sa.func.lower(col(User.first_name)), col(User.id)
        )
    ).all()
    return [{"value": str(user.id), "label": user.full_name or user.email} for user in users]


def find_ticket_by_number(*, session: Session, actor: User | None, number: Any) -> Ticket:
    """The ticket with exactly this number among those the actor may see.

    Spaces are ignored, so " 1-889 022 872" finds 1-889022872.

    Raises:
        PermissionDenied: The actor is no administrator, device manager or agent.
        NotFound: No such ticket in the actor's scope.
    """
    scope.require_role(actor, *READER_ROLES)
    wanted = "".join(_text(number).split())[:20]
    if not wanted:
        raise NotFound(scope.NOT_FOUND)
    ticket = session.exec(
        scope.visible_tickets_query(actor).where(col(Ticket.number) == wanted)
    ).first()
    if ticket is None:
        raise NotFound(scope.NOT_FOUND)
    return ticket


# --- Detail, notes, rating (SPEC C3) ------------------------------------------------


def _is_customer(actor: User) -> bool:
    return not actor.is_provider and actor.has_role(*CUSTOMER_ROLES)


def _has_resolution(session: Session, ticket: Ticket) -> bool:
    found = session.exec(
        select(TicketActivity.id).where(
            col(TicketActivity.ticket_id) == ticket.id, col(TicketActivity.is_resolution)
        )
    ).first()
    return found is not None


def _counter_key(code: str) -> str:
    key = f"product.counter.{code}"
    return key if key in all_messages() else ""


def _load(session: Session, actor: User | None, ticket_id: Any) -> Ticket:
    scope.require_role(actor, *READER_ROLES)
    return scope.get_visible_ticket(session=session, actor=actor, ticket_id=ticket_id)


def ticket_detail(
    *, session: Session, actor: User | None, ticket_id: Any, now: datetime | None = None
) -> dict[str, Any]:
    """Everything the ticket page shows (SPEC C3), as plain values.

    Returns:
        A dict with ``ticket`` (summary fields), ``sla`` (service level name or
        '' for non-SLA, response/resolution due with their lights, paused),
        ``product`` (id, serial, model, href), ``activities`` (oldest first),
        ``reviews`` (one per resolution activity), ``rating``, ``rating_comment``,
        ``can_add_note`` and ``can_rate``.

    Raises:
        PermissionDenied: The actor is no administrator, device manager or agent.
        NotFound: The ticket does not exist or is outside the actor's scope.
    """
    ticket = _load(session, actor, ticket_id)
    now = now or clock.now()
    sla_clock = ticket_clock.clock_for(session=session, ticket=ticket)
    zone = sla_clock.calendar.zone
    view = ticket_clock.sla_view(sla_clock, now)
    level = session.get(ServiceLevel, ticket.service_level_id) if ticket.service_level_id else None
    product = session.get(Product, ticket.product_id)
    model = session.get(ProductModel, product.model_id) if product else None
    creator = session.get(User, ticket.created_by_id) if ticket.created_by_id else None
    activities = session.exec(
        select(TicketActivity)
        .where(col(TicketActivity.ticket_id) == ticket.id)
        .order_by(col(TicketActivity.created_at), col(TicketActivity.id))
    ).all()
    is_open = ticket.status in _OPEN
    has_resolution = any(a.is_resolution for a in activities)
    customer = _is_customer(actor)
    return {
        "ticket": {
            **ticket_fields(ticket),
            "is_open": is_open,
            "submitted_by": display_name(creator),
            "created": local_stamp(ticket.created_at, zone),
            "solved": local_stamp(ticket.solved_at, zone),
            "closed": local_stamp(ticket.closed_at, zone),
        },
        "sla": {
            "service_level": level.name if level is not None else "",
            "is_sla": level is not None,
            "response_due": local_stamp(view["response_due"], zone),
            "response_light": view["response_light"],
            "response_light_key": f"sla.light.{view['response_light']}",
            "resolution_due": local_stamp(view["resolution_due"], zone),
            "resolution_light": view["resolution_light"],
            "resolution_light_key": f"sla.light.{view['resolution_light']}",
            "light": view["light"],
            "paused": view["paused"],
            "paused_hours": round(ticket.paused_seconds / 3600, 1),
        },
        "product": {
            "id": product.id if product else None,
            "serial": product.serial if product else "",
            "model": model.name if model else "",
            "alternative_name": product.alternative_name if product else "",
            "href": routes.product_link(product.id) if product else "",
        },
        "activities": [
            {
                "id": activity.id,
                "date": local_stamp(activity.created_at, zone),
                "activity_type": activity.activity_type,
                "subtype": activity.subtype,
                "status": activity.status,
                "status_key": f"ticket_status.{activity.status}" if activity.status else "",
                "text": activity.text,
                "is_resolution": activity.is_resolution,
            }
            for activity in activities
        ],
        "reviews": [
            {
                "id": activity.id,
                "date": local_stamp(activity.created_at, zone),
                "activity_type": activity.activity_type,
                "subtype": activity.subtype,
                "diagnosis": activity.diagnosis,
                "action": activity.action,
                "parts": list(activity.parts or []),
                "visit_start": local_stamp(activity.visit_start, zone),
                "visit_end": local_stamp(activity.visit_end, zone),
                "counters": [
                    {"code": code, "label_key": _counter_key(code), "value": str(value)}
                    for code, value in sorted((activity.counters or {}).items())
                ],
            }
            for activity in activities
            if activity.is_resolution
        ],
        "rating": ticket.rating,
        "rating_comment": ticket.rating_comment,
        "can_add_note": customer and is_open,
        "can_rate": customer and not is_open and has_resolution and ticket.rating is None,
    }


def add_note(
    *,
    session: Session,
    actor: User | None,
    ticket_id: Any,
    text: Any,
    now: datetime | None = None,
) -> TicketActivity:
    """A customer's note on an open ticket: an activity "Customer note" with the current status.

    Raises:
        PermissionDenied: The actor is not a customer administrator or device manager.
        NotFound: The ticket does not exist or is outside the actor's scope.
        ValidationFailed: ``text`` empty or too long, or the ticket is no longer open.
    """
    scope.require_role(actor, *CUSTOMER_ROLES)
    if actor.is_provider:
        raise PermissionDenied(scope.PERMISSION_DENIED)
    ticket = scope.get_visible_ticket(session=session, actor=actor, ticket_id=ticket_id)
    now = now or clock.now()
    note = _text(text).strip()
    if ticket.status not in _OPEN:
        raise ValidationFailed({"text": "error.ticket_not_open"})
    if not note:
        raise ValidationFailed({"text": "error.required"})
    if len(note) > NOTE_MAX:
        raise ValidationFailed({"text": "error.too_long"})
    activity = ticket_clock.record_status(
        session=session,
        ticket=ticket,
        status=ticket.status,
        actor=actor,
        activity_type=CUSTOMER_NOTE,
        subtype=CUSTOMER_PORTAL,
        text=note,
        now=now,
    )
    audit.record(
        session=session,
        actor=actor,
        action="ticket.note_added",
        object_type="ticket",
        object_id=ticket.id,
        new={"activity_id": activity.id},
        now=now,
    )
    return activity


def rate_resolution(
    *,
    session: Session,
    actor: User | None,
    ticket_id: Any,
    rating: Any,
    comment: Any = "",
    now: datetime | None = None,
) -> Ticket:
    """The customer's rating (1–5) and comment of how a solved ticket was resolved; once.

    Raises:
        PermissionDenied: The actor is not a customer administrator or device manager.
        NotFound: The ticket does not exist or is outside the actor's scope.
        ValidationFailed: Rating not 1–5, comment too long, ticket not solved or
            closed, no resolution yet, or already rated.
    """
    scope.require_role(actor, *CUSTOMER_ROLES)
    if actor.is_provider:
        raise PermissionDenied(scope.PERMISSION_DENIED)
    ticket = scope.get_visible_ticket(session=session, actor=actor, ticket_id=ticket_id)
    now = now or clock.now()
    if ticket.rating is not None:
        raise ValidationFailed({"rating": "error.ticket_already_rated"})
    if ticket.status not in _CLOSED or not _has_resolution(session, ticket):
        raise ValidationFailed({"rating": "error.ticket_not_solved"})
    errors: dict[str, str] = {}
    value = _clean_id(rating)
    if value is None or not 1 <= value <= 5:
        errors["rating"] = "error.ticket_rating_invalid"
    note = _text(comment).strip()
    if len(note) > COMMENT_MAX:
        errors["comment"] = "error.too_long"
    if errors:
        raise ValidationFailed(errors)
    ticket.rating = value
    ticket.rating_comment = note
    session.add(ticket)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="ticket.rated",
        object_type="ticket",
        object_id=ticket.id,
        new={"rating": value, "comment": note},
        now=now,
    )
    return ticket
