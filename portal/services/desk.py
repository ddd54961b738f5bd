"""The provider agents' desk (SPEC F3): the ticket queue across customers, assigning,
activities and resolution reports, status changes, closing and reopening.

Only provider agents act here; a provider admin may read the queue and the
tickets. Every change goes through ``ticket_clock.record_status`` (so the SLA
history stays complete), is written to the audit log of the ticket's customer
organisation and notifies the customer according to their alert preferences:
``ticket_closed`` when the ticket is closed, ``ticket_updated`` for everything
else.

Status rules
    :data:`TRANSITIONS` is the table of the statuses an agent may set by hand.
    A closed ticket refuses everything (``ValidationFailed({"status":
    "desk.error.ticket_closed"})``) until it is reopened; a solved ticket takes
    notes and call updates, and otherwise only closing or reopening. Reopening
    goes back to Assigned and the resolution clock continues where it stopped
    (``portal.sla``).

Priority
    The priority scales the service level's response and resolution targets by
    ``ticket_clock.PRIORITY_FACTORS`` (the one place that rule lives); the
    deadlines are recomputed from the status history, so every pause carries
    over.

SLA risk in the queue (computed in SQL on the stored deadlines)
    The stored ``response_due_at`` / ``resolution_due_at`` are the projections
    ``ticket_clock.refresh_deadlines`` keeps after every change; while a ticket
    is Pending they are the deadlines as of the start of the pause (or a later
    refresh), which is enough to tell whether it was breached before pausing.
    A clock is *done* at the first response (``responded_at``, else the
    solution) or, for resolution, while Solved/Closed (``solved_at``).

    * ``breached`` — a done clock finished after its deadline, or a running
      clock's deadline is before now (before ``pending_since`` while Pending);
    * ``at_risk`` — not breached, open, not Pending, and a running clock has
      less than 25 % of its allowed business time left: its deadline is before
      ``add_business_time(calendar, now, 0.25 × target)``, an instant computed
      in Python for each service level and priority, so the condition is exact
      in business time and stays a plain comparison in SQL;
    * ``on_time`` — SLA, open, not Pending, neither breached nor at risk;
    * ``paused`` — SLA, Pending and not breached;
    * ``non_sla`` — no service level.

    These are the same lights ``portal.sla`` gives, evaluated on the stored
    projections, so filtering and paging stay in the database. The light shown
    in each row is computed from the full history (``ticket_clock``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from portal import clock, routes
from portal.errors import ValidationFailed
from portal.models import (
    OPEN_TICKET_STATUSES,
    Account,
    AlertEvent,
    ContractLine,
    CounterType,
    Location,
    Organisation,
    Product,
    ProductModel,
    Role,
    ServiceLevel,
    Ticket,
    TicketActivity,
    TicketStatus,
    TicketType,
    User,
    UserStatus,
)
from portal.services import audit, listing, notify, scope, ticket_clock, tickets
from portal.services.common import hours_text, local_stamp, organisation_of_product
from portal.settings import settings
from portal.sla import AT_RISK_FRACTION, Calendar, add_business_time

READ_ROLES = (Role.AGENT, Role.PROVIDER_ADMIN)
# Agents change tickets on the desk, the provider's back office through the REST API.
CHANGE_ROLES = (Role.AGENT, Role.INTEGRATION)

NEW = TicketStatus.NEW.value
ASSIGNED = TicketStatus.ASSIGNED.value
PLANNED = TicketStatus.PLANNED.value
PENDING = TicketStatus.PENDING.value
SOLVED = TicketStatus.SOLVED.value
CLOSED = TicketStatus.CLOSED.value
OPEN = tuple(s.value for s in OPEN_TICKET_STATUSES)
STATUSES = tuple(s.value for s in TicketStatus)

TRANSITIONS: dict[str, frozenset[str]] = {
    NEW: frozenset({ASSIGNED, PLANNED, PENDING, SOLVED}),
    ASSIGNED: frozenset({PLANNED, PENDING, SOLVED}),
    PLANNED: frozenset({ASSIGNED, PENDING, SOLVED}),
    PENDING: frozenset({ASSIGNED, PLANNED, SOLVED}),
    SOLVED: frozenset({CLOSED, ASSIGNED}),
    CLOSED: frozenset(),
}
"""Status → the statuses an agent may change it to (a closed ticket only reopens)."""

PRIORITIES = ("low", "normal", "high", "urgent")

CALL_UPDATE = "Call update"
PLANNED_VISIT = "Planned – Engineer visit"
PENDING_PARTS = "Pending – Parts"
PENDING_CUSTOMER = "Pending – Customer"
RESOLUTION_ONSITE = "Resolution – Onsite"
RESOLUTION_REMOTE = "Resolution – Remote"
NOTE = "Note"
ASSIGNED_DISPATCH = "Assigned – Dispatch"
STATUS_CHANGE = "Status change"
CLOSED_CONFIRMATION = "Closed – Confirmation"
REOPENED = "Reopened"

ACTIVITY_TYPES = (
    CALL_UPDATE,
    PLANNED_VISIT,
    PENDING_PARTS,
    PENDING_CUSTOMER,
    RESOLUTION_ONSITE,
    RESOLUTION_REMOTE,
    NOTE,
)
"""What an agent may add; each with the status it leads to (None = unchanged)."""

ACTIVITY_STATUS: dict[str, str | None] = {
    CALL_UPDATE: None,
    PLANNED_VISIT: PLANNED,
    PENDING_PARTS: PENDING,
    PENDING_CUSTOMER: PENDING,
    RESOLUTION_ONSITE: SOLVED,
    RESOLUTION_REMOTE: SOLVED,
    NOTE: None,
}
RESOLUTION_TYPES = frozenset({RESOLUTION_ONSITE, RESOLUTION_REMOTE})

ACTIVITY_TYPE_KEYS = {
    CALL_UPDATE: "desk.activity.call_update",
    PLANNED_VISIT: "desk.activity.planned_visit",
    PENDING_PARTS: "desk.activity.pending_parts",
    PENDING_CUSTOMER: "desk.activity.pending_customer",
    RESOLUTION_ONSITE: "desk.activity.resolution_onsite",
    RESOLUTION_REMOTE: "desk.activity.resolution_remote",
    NOTE: "desk.activity.note",
}

RISKS = ("on_time", "at_risk", "breached", "paused", "non_sla")
MINE_FILTERS = ("mine", "unassigned")
STATUS_FILTERS = ("open", "all", *STATUSES)

MAX_TEXT = 4000
MAX_REPORT = 2000
MAX_SUBTYPE = 60
MAX_PARTS = 20
MAX_PART = 120

_TICKET_TYPES = {t.value for t in TicketType}


@dataclass(frozen=True)
class QueueFilters:
    """What the agent narrows the queue to; every value is whitelisted by the service.

    Attributes:
        status: ``"open"`` (New … Pending, the default), ``"all"`` or one status.
        risk: ``""`` or one of :data:`RISKS`.
        customer: ``""`` or an organisation id.
        ticket_type: ``""`` or a ``TicketType`` value.
        mine: ``""``, ``"mine"`` (assigned to the agent) or ``"unassigned"``.
    """

    status: str = "open"
    risk: str = ""
    customer: Any = ""
    ticket_type: str = ""
    mine: str = ""


@dataclass(frozen=True)
class ActivityCreate:
    """An activity as the agent typed it (plain values; the service validates).

    Attributes:
        activity_type: One of :data:`ACTIVITY_TYPES`.
        subtype: e.g. ``"Engineer visit – SLA"`` (optional; resolutions get one).
        text: What happened (required, except for resolutions).
        diagnosis: Resolutions: what was wrong (required).
        action: Resolutions: what the engineer did (required).
        parts: Resolutions: parts used, a list or a comma-separated string.
        visit_start: Onsite resolutions: start of the visit (required), an aware
            datetime, or a ``datetime-local`` string in the ticket's calendar zone.
        visit_end: Likewise the end: after the start and not in the future.
        counters: Counter code → reading at the visit (codes of the product's
            model; empty values are ignored).
    """

    activity_type: str = ""
    subtype: str = ""
    text: str = ""
    diagnosis: str = ""
    action: str = ""
    parts: Any = ""
    visit_start: Any = None
    visit_end: Any = None
    counters: dict[str, Any] = field(default_factory=dict)


# --- helpers ------------------------------------------------------------------


def _now(now: datetime | None) -> datetime:
    return now or clock.now()


def _calendar(session: Session, ticket: Ticket) -> Calendar:
    return ticket_clock.calendar_for(session, ticket) or ticket_clock.DEFAULT_CALENDAR


def _agent_ticket(
    session: Session, actor: User | None, ticket_id: Any, *, closed_ok: bool = False
) -> tuple[User, Ticket]:
    """The acting agent and the ticket they change; a closed ticket only if ``closed_ok``.

    Raises:
        PermissionDenied: The actor is neither a provider agent nor an API key's user.
        NotFound: No such ticket.
        ValidationFailed: ``status: desk.error.ticket_closed`` for a closed ticket.
    """
    actor = scope.require_role(actor, *CHANGE_ROLES)
    ticket = scope.get_visible_ticket(session=session, actor=actor, ticket_id=ticket_id)
    if ticket.status == CLOSED and not closed_ok:
        raise ValidationFailed({"status": "desk.error.ticket_closed"})
    return actor, ticket


def _summary(text: str, ticket: Ticket) -> str:
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    if not line:
        description = ticket.description.strip()
        line = description.splitlines()[0] if description else ""
    return line[:200]


def _notify(
    session: Session,
    *,
    ticket: Ticket,
    actor: User,
    summary: str,
    now: datetime,
) -> int:
    """Tell the ticket's customer users about a change (closed → ticket_closed)."""
    closed = ticket.status == CLOSED
    serial = session.exec(select(Product.serial).where(col(Product.id) == ticket.product_id)).one()
    return notify.notify(
        session=session,
        event=AlertEvent.TICKET_CLOSED if closed else AlertEvent.TICKET_UPDATED,
        recipients=notify.ticket_recipients(session=session, ticket=ticket),
        actor=actor,
        template="ticket_closed" if closed else "ticket_updated",
        context={
            "number": ticket.number,
            "serial": serial,
            "status": ticket.status,
            "summary": _summary(summary, ticket),
            "link": f"{settings.base_url}{routes.ticket_link(ticket.id)}",
        },
        now=now,
    )


def _audit(
    session: Session,
    *,
    actor: User,
    action: str,
    ticket: Ticket,
    old: dict[str, Any],
    new: dict[str, Any],
    now: datetime,
) -> None:
    audit.record(
        session=session,
        actor=actor,
        action=action,
        object_type="ticket",
        object_id=ticket.id,
        old=old,
        new=new,
        organisation_id=organisation_of_product(session, ticket.product_id),
        now=now,
    )


# --- the queue ------------------------------------------------------------------


def clean_filters(filters: QueueFilters | None) -> QueueFilters:
    """The filters with every value whitelisted (unknown values mean "no filter")."""
    filters = filters or QueueFilters()
    status = filters.status if filters.status in STATUS_FILTERS else "open"
    risk = filters.risk if filters.risk in RISKS else ""
    ticket_type = filters.ticket_type if filters.ticket_type in _TICKET_TYPES else ""
    mine = filters.mine if filters.mine in MINE_FILTERS else ""
    customer: int | str = ""
    raw = filters.customer
    if raw not in ("", None) and not isinstance(raw, bool):
        try:
            number = int(raw)
        except (TypeError, ValueError, OverflowError):
            number = 0
        if 0 < number <= scope.MAX_ID:
            customer = number
    return QueueFilters(
        status=status, risk=risk, customer=customer, ticket_type=ticket_type, mine=mine
    )


def _level_thresholds(
    session: Session, now: datetime
) -> list[tuple[int, tuple[str, ...] | None, datetime, datetime]]:
    """Per service level and priority: the instants before which each deadline is at risk.

    Returns:
        ``(level_id, priorities or None for "any other", response_cut, resolution_cut)``.
    """
    result = []
    for level in session.exec(select(ServiceLevel)).all():
        # calendar_for reads only the ticket's service level: any ticket of this level.
        calendar = (
            ticket_clock.calendar_for(session, SimpleNamespace(service_level_id=level.id))
            or ticket_clock.DEFAULT_CALENDAR
        )
        groups: list[tuple[tuple[str, ...] | None, str]] = [((p,), p) for p in PRIORITIES]
        groups.append((None, "normal"))
        for priorities, priority in groups:
            response_hours, resolution_hours = ticket_clock.targets(level, priority)
            result.append(
                (
                    level.id,
                    priorities,
                    add_business_time(calendar, now, AT_RISK_FRACTION * response_hours * 3600),
                    add_business_time(calendar, now, AT_RISK_FRACTION * resolution_hours * 3600),
                )
            )
    return result


def _breached(now: datetime) -> sa.ColumnElement[bool]:
    status = col(Ticket.status)
    pending = status == PENDING
    running = status.in_([NEW, ASSIGNED, PLANNED])
    since = col(Ticket.pending_since)
    response_due = col(Ticket.response_due_at)
    resolution_due = col(Ticket.resolution_due_at)
    response_done = sa.func.coalesce(col(Ticket.responded_at), col(Ticket.solved_at))

    def late(due: Any) -> sa.ColumnElement[bool]:
        return sa.or_(
            sa.and_(running, due < now),
            sa.and_(pending, since.is_not(None), due < since),
        )

    response = sa.and_(
        response_due.is_not(None),
        sa.or_(
            sa.and_(response_done.is_not(None), response_done > response_due),
            sa.and_(response_done.is_(None), late(response_due)),
        ),
    )
    resolution = sa.and_(
        resolution_due.is_not(None),
        sa.or_(
            sa.and_(
                status.in_([SOLVED, CLOSED]),
                col(Ticket.solved_at).is_not(None),
                col(Ticket.solved_at) > resolution_due,
            ),
            late(resolution_due),
        ),
    )
    return sa.and_(col(Ticket.service_level_id).is_not(None), sa.or_(response, resolution))


def _at_risk(session: Session, now: datetime) -> sa.ColumnElement[bool]:
    running = col(Ticket.status).in_([NEW, ASSIGNED, PLANNED])
    not_responded = sa.and_(col(Ticket.responded_at).is_(None), col(Ticket.solved_at).is_(None))
    near = []
    for level_id, priorities, response_cut, resolution_cut in _level_thresholds(session, now):
        priority = (
            col(Ticket.priority).in_(priorities)
            if priorities is not None
            else col(Ticket.priority).not_in(PRIORITIES)
        )
        near.append(
            sa.and_(
                col(Ticket.service_level_id) == level_id,
                priority,
                sa.or_(
                    col(Ticket.resolution_due_at) < resolution_cut,
                    sa.and_(not_responded, col(Ticket.response_due_at) < response_cut),
                ),
            )
        )
    if not near:
        return sa.false()
    return sa.and_(running, sa.not_(_breached(now)), sa.or_(*near))


def _risk_condition(session: Session, risk: str, now: datetime) -> sa.ColumnElement[bool]:
    sla = col(Ticket.service_level_id).is_not(None)
    running = col(Ticket.status).in_([NEW, ASSIGNED, PLANNED])
    if risk == "non_sla":
        return col(Ticket.service_level_id).is_(None)
    if risk == "breached":
        return _breached(now)
    if risk == "at_risk":
        return _at_risk(session, now)
    if risk == "paused":
        return sa.and_(sla, col(Ticket.status) == PENDING, sa.not_(_breached(now)))
    # on_time
    return sa.and_(sla, running, sa.not_(_breached(now)), sa.not_(_at_risk(session, now)))


def _queue_conditions(
    session: Session, actor: User, filters: QueueFilters, now: datetime
) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = []
    if filters.status == "open":
        conditions.append(col(Ticket.status).in_(OPEN))
    elif filters.status != "all":
        conditions.append(col(Ticket.status) == filters.status)
    if filters.risk:
        conditions.append(_risk_condition(session, filters.risk, now))
    if filters.customer:
        conditions.append(
            col(Ticket.product_id).in_(
                select(Product.id)
                .join(Account, col(Account.id) == col(Product.account_id))
                .where(col(Account.organisation_id) == filters.customer)
            )
        )
    if filters.ticket_type:
        conditions.append(col(Ticket.ticket_type) == filters.ticket_type)
    if filters.mine == "mine":
        conditions.append(col(Ticket.assigned_agent_id) == actor.id)
    elif filters.mine == "unassigned":
        conditions.append(col(Ticket.assigned_agent_id).is_(None))
    return conditions


def queue(
    *,
    session: Session,
    actor: User | None,
    filters: QueueFilters | None = None,
    page: Any = 1,
    page_size: Any = listing.DEFAULT_PAGE_SIZE,
    now: datetime | None = None,
) -> listing.Page:
    """Tickets across customers, oldest resolution deadline first, one page at a time.

    Tickets without a deadline (non-SLA) come last; ties by creation. Filters,
    ordering, counting and paging happen in the database; the SLA light of each
    row comes from its full history.

    Args:
        session: The database session.
        actor: A provider agent or provider admin.
        filters: Status, SLA risk (see the module docstring), customer, type, mine.
        page: The page wanted (clamped to the existing pages).
        page_size: Rows per page (one of ``listing.PAGE_SIZES``).
        now: The current time (default: the portal clock).

    Returns:
        A page of rows: id, number, customer, serial, model, ticket_type,
        type_key, status, status_key, priority, priority_key, resolution_due
        (local time of the calendar, '' without SLA), light, light_key, agent
        ('' unassigned), assigned_to_me, created (local time).

    Raises:
        PermissionDenied: The actor is not a provider agent or provider admin.
    """
    scope.require_role(actor, *READ_ROLES)
    now = _now(now)
    filters = clean_filters(filters)
    matching = (
        scope.visible_tickets_query(actor)
        .where(*_queue_conditions(session, actor, filters, now))
        .subquery("desk_ticket")
    )
    ordered = select(matching.c.id).order_by(
        matching.c.resolution_due_at.asc().nulls_last(),
        matching.c.created_at.asc(),
        matching.c.id.asc(),
    )
    size = listing.clean_page_size(page_size)
    ids, total, number, pages = listing.fetch_page(
        session, ordered, page, size, count_query=select(matching.c.id)
    )
    rows = _queue_rows(session, actor, ids, now) if ids else []
    return listing.Page(rows=rows, total=total, page=number, pages=pages)


def _queue_rows(
    session: Session, actor: User, ids: list[int], now: datetime
) -> list[dict[str, Any]]:
    agent = aliased(User)
    result = session.exec(
        select(
            Ticket,
            col(Product.serial),
            col(ProductModel.name),
            col(Organisation.name),
            col(agent.first_name),
            col(agent.last_name),
        )
        .join(Product, col(Product.id) == col(Ticket.product_id))
        .join(ProductModel, col(ProductModel.id) == col(Product.model_id))
        .join(Account, col(Account.id) == col(Product.account_id))
        .join(Organisation, col(Organisation.id) == col(Account.organisation_id))
        .outerjoin(agent, col(agent.id) == col(Ticket.assigned_agent_id))
        .where(col(Ticket.id).in_(ids))
    ).all()
    by_id = {row[0].id: row for row in result}
    clocks = ticket_clock.clocks_for(session=session, tickets=[row[0] for row in result])
    rows = []
    for tid in ids:
        ticket, serial, model, customer, first, last = by_id[tid]
        sla_clock = clocks[tid]
        view = ticket_clock.sla_view(sla_clock, now)
        zone = sla_clock.calendar.zone
        rows.append(
            {
                "id": ticket.id,
                "number": ticket.number,
                "link": f"/desk/tickets/{ticket.id}",
                "customer": customer,
                "serial": serial,
                "model": model,
                "ticket_type": ticket.ticket_type,
                "type_key": tickets.type_key(ticket.ticket_type),
                "status": ticket.status,
                "status_key": f"ticket_status.{ticket.status}",
                "priority": ticket.priority,
                "priority_key": f"desk.priority.{_priority(ticket.priority)}",
                "resolution_due": local_stamp(view["resolution_due"], zone),
                "light": view["light"],
                "light_key": f"desk.light.{view['light']}",
                "agent": f"{first or ''} {last or ''}".strip(),
                "assigned_to_me": ticket.assigned_agent_id == actor.id,
                "created": local_stamp(ticket.created_at, zone),
            }
        )
    return rows


def _priority(value: str) -> str:
    return value if value in PRIORITIES else "normal"


def customer_options(*, session: Session, actor: User | None) -> list[dict[str, str]]:
    """The customer organisations for the queue's customer filter, by name.

    Raises:
        PermissionDenied: The actor is not a provider agent or provider admin.
    """
    scope.require_role(actor, *READ_ROLES)
    rows = session.exec(
        select(col(Organisation.id), col(Organisation.name)).order_by(
            col(Organisation.name), col(Organisation.id)
        )
    ).all()
    return [{"id": str(oid), "name": name} for oid, name in rows]


# --- one ticket -------------------------------------------------------------------


def allowed_statuses(ticket: Ticket) -> list[str]:
    """The statuses the status select offers for ``ticket`` (table order)."""
    allowed = TRANSITIONS.get(ticket.status, frozenset())
    return [s for s in STATUSES if s in allowed]


def _activity_rows(session: Session, ticket: Ticket, zone: ZoneInfo) -> list[dict[str, Any]]:
    author = aliased(User)
    rows = session.exec(
        select(TicketActivity, col(author.first_name), col(author.last_name), col(author.roles))
        .outerjoin(author, col(author.id) == col(TicketActivity.author_id))
        .where(col(TicketActivity.ticket_id) == ticket.id)
        .order_by(col(TicketActivity.created_at).desc(), col(TicketActivity.id).desc())
    ).all()
    result = []
    for activity, first, last, _roles in rows:
        result.append(
            {
                "id": activity.id,
                "created": local_stamp(activity.created_at, zone),
                "activity_type": activity.activity_type,
                "subtype": activity.subtype,
                "status": activity.status,
                "status_key": f"ticket_status.{activity.status}" if activity.status else "",
                "text": activity.text,
                "author": f"{first or ''} {last or ''}".strip(),
                "is_resolution": activity.is_resolution,
                "diagnosis": activity.diagnosis,
                "action": activity.action,
                "parts": ", ".join(activity.parts or []),
                "visit_start": local_stamp(activity.visit_start, zone),
                "visit_end": local_stamp(activity.visit_end, zone),
                "counters": ", ".join(
                    f"{code}: {value}" for code, value in (activity.counters or {}).items()
                ),
            }
        )
    return result


def _model_counters(session: Session, model_id: int) -> list[CounterType]:
    return list(
        session.exec(
            select(CounterType)
            .where(col(CounterType.model_id) == model_id)
            .order_by(col(CounterType.position), col(CounterType.id))
        ).all()
    )


def desk_ticket(
    *, session: Session, actor: User | None, ticket_id: Any, now: datetime | None = None
) -> dict[str, Any]:
    """Everything the agent's ticket page shows and offers.

    Returns:
        A dict with ``ticket`` (number, status, priority, type, error code,
        description, your reference, contact, availability, created, assigned
        agent), ``customer`` (organisation, account), ``product`` (id, serial,
        model, alternative name, address), ``contract`` (contract number,
        service level and its hours, or empty without coverage), ``sla`` (due
        times in the calendar's zone, lights, paused, timezone), ``activities``
        (newest first), ``allowed_statuses``, ``counters`` (the model's counter
        codes and digits for the resolution form) and the flags ``can_act``,
        ``can_close``, ``can_reopen``, ``assigned_to_me``.

    Raises:
        PermissionDenied: The actor is not a provider agent or provider admin.
        NotFound: No such ticket.
    """
    scope.require_role(actor, *READ_ROLES)
    now = _now(now)
    ticket = scope.get_visible_ticket(session=session, actor=actor, ticket_id=ticket_id)
    product = session.get(Product, ticket.product_id)
    model = session.get(ProductModel, product.model_id)
    account = session.get(Account, product.account_id)
    organisation = session.get(Organisation, account.organisation_id)
    location = session.get(Location, product.location_id)
    agent = session.get(User, ticket.assigned_agent_id) if ticket.assigned_agent_id else None
    creator = session.get(User, ticket.created_by_id) if ticket.created_by_id else None
    level = session.get(ServiceLevel, ticket.service_level_id) if ticket.service_level_id else None
    line = session.get(ContractLine, product.contract_line_id) if product.contract_line_id else None
    sla_clock = ticket_clock.clock_for(session=session, ticket=ticket)
    zone = sla_clock.calendar.zone
    view = ticket_clock.sla_view(sla_clock, now)
    is_agent = actor.has_role(Role.AGENT)
    response_hours, resolution_hours = ticket_clock.targets(level, ticket.priority)
    return {
        "ticket": {
            **tickets.ticket_fields(ticket),
            "priority": _priority(ticket.priority),
            "priority_key": f"desk.priority.{_priority(ticket.priority)}",
            "created": local_stamp(ticket.created_at, zone),
            "created_by": creator.full_name if creator else "",
            "agent": agent.full_name if agent else "",
        },
        "customer": {
            "organisation": organisation.name,
            "organisation_id": organisation.id,
            "account_number": account.number,
            "account_name": account.name,
        },
        "product": {
            "id": product.id,
            "serial": product.serial,
            "model": model.name,
            "alternative_name": product.alternative_name,
            "address": ", ".join(
                part
                for part in (
                    location.address if location else "",
                    location.postal_code if location else "",
                    location.city if location else "",
                )
                if part
            ),
            "floor_room": " · ".join(
                part for part in ((location.floor, location.room) if location else ()) if part
            ),
        },
        "contract": {
            "contract_number": line.contract_number if line else "",
            "line_status": line.status if line else "",
            "service_level": level.name if level else "",
            "response_hours": hours_text(response_hours),
            "resolution_hours": hours_text(resolution_hours),
        },
        "sla": {
            "is_sla": view["is_sla"],
            "light": view["light"],
            "response_due": local_stamp(view["response_due"], zone),
            "response_light": view["response_light"],
            "resolution_due": local_stamp(view["resolution_due"], zone),
            "resolution_light": view["resolution_light"],
            "paused": view["paused"],
            "timezone": sla_clock.calendar.timezone,
        },
        "activities": _activity_rows(session, ticket, zone),
        "allowed_statuses": allowed_statuses(ticket) if is_agent else [],
        "counters": [
            {"code": c.code, "digits": c.digits} for c in _model_counters(session, model.id)
        ],
        "can_act": is_agent and ticket.status != CLOSED,
        "can_close": is_agent and ticket.status == SOLVED,
        "can_reopen": is_agent and ticket.status in (SOLVED, CLOSED),
        "assigned_to_me": ticket.assigned_agent_id == actor.id,
        "now_local": now.astimezone(zone).strftime("%Y-%m-%dT%H:%M"),
    }


# --- changes ----------------------------------------------------------------------


def assign(
    *,
    session: Session,
    actor: User | None,
    ticket_id: Any,
    agent_id: Any = None,
    now: datetime | None = None,
) -> Ticket:
    """Assign an open ticket to an agent (default: the actor); New becomes Assigned.

    Reassigning keeps the status. Adds the activity "Assigned – Dispatch".

    Raises:
        PermissionDenied: The actor is not a provider agent.
        NotFound: No such ticket.
        ValidationFailed: ``agent_id`` is not an active agent
            (``desk.error.agent_invalid``); the ticket is closed or solved
            (``desk.error.ticket_closed`` / ``desk.error.reopen_first``).
    """
    actor, ticket = _agent_ticket(session, actor, ticket_id)
    now = _now(now)
    if ticket.status not in OPEN:
        raise ValidationFailed({"status": "desk.error.reopen_first"})
    agent = actor if agent_id in (None, "") else _agent(session, agent_id)
    old = {"assigned_agent_id": ticket.assigned_agent_id, "status": ticket.status}
    ticket.assigned_agent_id = agent.id
    status = ASSIGNED if ticket.status == NEW else ticket.status
    text = agent.full_name or agent.email
    ticket_clock.record_status(
        session=session,
        ticket=ticket,
        status=status,
        actor=actor,
        activity_type=ASSIGNED_DISPATCH,
        subtype="Service desk",
        text=text,
        now=now,
    )
    _audit(
        session,
        actor=actor,
        action="ticket.assigned",
        ticket=ticket,
        old=old,
        new={"assigned_agent_id": agent.id, "status": ticket.status},
        now=now,
    )
    _notify(session, ticket=ticket, actor=actor, summary=text, now=now)
    return ticket


def _agent(session: Session, agent_id: Any) -> User:
    try:
        number = int(agent_id)
    except (TypeError, ValueError, OverflowError):
        number = 0
    agent = session.get(User, number) if 0 < number <= scope.MAX_ID else None
    if agent is None or agent.status != UserStatus.ACTIVE or not agent.has_role(Role.AGENT):
        raise ValidationFailed({"agent_id": "desk.error.agent_invalid"})
    return agent


def _parse_moment(value: Any, zone: ZoneInfo) -> datetime | None:
    """An aware datetime, or a ``datetime-local`` string read in ``zone``.

    Raises:
        ValueError: Not a date and time.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        moment = datetime.fromisoformat(value.strip())
    else:
        msg = "not a datetime"
        raise ValueError(msg)
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(ZoneInfo("UTC"))


def _parts(value: Any) -> list[str]:
    if isinstance(value, str):
        items: Iterable[Any] = value.split(",")
    elif isinstance(value, list | tuple):
        items = value
    else:
        items = []
    return [str(item).strip() for item in items if str(item).strip()]


def _clean_counters(
    raw: Any, counters: list[CounterType], errors: dict[str, str]
) -> dict[str, int]:
    known = {c.code: c for c in counters}
    values: dict[str, int] = {}
    if not isinstance(raw, dict):
        return values
    for code, value in raw.items():
        code = str(code)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if code not in known:
            errors["counters"] = "desk.error.counter_unknown"
            continue
        key = f"counter_{code}"
        if isinstance(value, bool):
            errors[key] = "desk.error.counter_invalid"
            continue
        if isinstance(value, int):
            number = value
        else:
            text = str(value).strip()
            if not text.lstrip("-").isdigit():
                errors[key] = "desk.error.counter_invalid"
                continue
            number = int(text)
        if number < 0:
            errors[key] = "desk.error.counter_negative"
        elif number >= 10 ** known[code].digits:
            errors[key] = "desk.error.counter_too_long"
        else:
            values[code] = number
    return values


def _validated(
    session: Session, ticket: Ticket, data: ActivityCreate, now: datetime
) -> dict[str, Any]:
    """The activity's fields, checked; raises ValidationFailed with every problem at once."""
    errors: dict[str, str] = {}
    activity_type = data.activity_type if isinstance(data.activity_type, str) else ""
    if activity_type not in ACTIVITY_TYPES:
        raise ValidationFailed({"activity_type": "desk.error.activity_type"})
    is_resolution = activity_type in RESOLUTION_TYPES
    text = data.text.strip() if isinstance(data.text, str) else ""
    subtype = data.subtype.strip() if isinstance(data.subtype, str) else ""
    if len(text) > MAX_TEXT:
        errors["text"] = "desk.error.too_long"
    elif not text and not is_resolution:
        errors["text"] = "desk.error.text_required"
    if len(subtype) > MAX_SUBTYPE:
        errors["subtype"] = "desk.error.too_long"
    fields: dict[str, Any] = {"text": text, "subtype": subtype}
    if not is_resolution:
        if errors:
            raise ValidationFailed(errors)
        return fields

    for name in ("diagnosis", "action"):
        value = getattr(data, name)
        value = value.strip() if isinstance(value, str) else ""
        if not value:
            errors[name] = "desk.error.required"
        elif len(value) > MAX_REPORT:
            errors[name] = "desk.error.too_long"
        fields[name] = value
    parts = _parts(data.parts)
    if len(parts) > MAX_PARTS or any(len(p) > MAX_PART for p in parts):
        errors["parts"] = "desk.error.parts_invalid"
    fields["parts"] = parts

    zone = _calendar(session, ticket).zone
    moments: dict[str, datetime | None] = {}
    for name in ("visit_start", "visit_end"):
        try:
            moments[name] = _parse_moment(getattr(data, name), zone)
        except (TypeError, ValueError):
            moments[name] = None
            errors[name] = "desk.error.datetime_invalid"
    start, end = moments["visit_start"], moments["visit_end"]
    onsite = activity_type == RESOLUTION_ONSITE
    for name, moment in (("visit_start", start), ("visit_end", end)):
        if name in errors:
            continue
        if moment is None and (onsite or (start or end) is not None):
            errors[name] = "desk.error.required"
        elif moment is not None and moment > now:
            errors[name] = "desk.error.visit_future"
    if start is not None and end is not None and "visit_end" not in errors and end <= start:
        errors["visit_end"] = "desk.error.visit_end_before_start"
    if start is not None and "visit_start" not in errors and start < ticket.created_at - _SKEW:
        errors["visit_start"] = "desk.error.visit_before_ticket"
    fields["visit_start"], fields["visit_end"] = start, end

    product = session.get(Product, ticket.product_id)
    fields["counters"] = _clean_counters(
        data.counters, _model_counters(session, product.model_id), errors
    )
    if errors:
        raise ValidationFailed(errors)
    if not subtype:
        sla = "SLA" if ticket.service_level_id else "Non-SLA"
        kind = "Engineer visit" if onsite else "Remote assistance"
        fields["subtype"] = f"{kind} – {sla}"
    return fields


_SKEW = timedelta(minutes=1)


def add_activity(
    *,
    session: Session,
    actor: User | None,
    ticket_id: Any,
    data: ActivityCreate,
    now: datetime | None = None,
) -> TicketActivity:
    """Add an activity to a ticket; planned, pending and resolution activities set the status.

    A resolution makes the ticket Solved and carries the engineer's report; a
    Pending activity pauses the SLA clocks; the first agent activity counts as
    the first response. On a solved ticket only notes and call updates are
    taken (reopen or close it first).

    Raises:
        PermissionDenied: The actor is not a provider agent.
        NotFound: No such ticket.
        ValidationFailed: Per field (``activity_type``, ``text``, ``subtype``,
            ``diagnosis``, ``action``, ``parts``, ``visit_start``,
            ``visit_end``, ``counters``, ``counter_<code>``), or ``status``:
            ``desk.error.ticket_closed`` / ``desk.error.reopen_first``.
    """
    actor, ticket = _agent_ticket(session, actor, ticket_id)
    now = _now(now)
    fields = _validated(session, ticket, data, now)
    target = ACTIVITY_STATUS[data.activity_type] or ticket.status
    if ticket.status == SOLVED and target != SOLVED:
        raise ValidationFailed({"status": "desk.error.reopen_first"})
    if ticket.status == SOLVED and data.activity_type in RESOLUTION_TYPES:
        raise ValidationFailed({"status": "desk.error.reopen_first"})
    old_status = ticket.status
    is_resolution = data.activity_type in RESOLUTION_TYPES
    activity = ticket_clock.record_status(
        session=session,
        ticket=ticket,
        status=target,
        actor=actor,
        activity_type=data.activity_type,
        is_resolution=is_resolution,
        now=now,
        **fields,
    )
    _audit(
        session,
        actor=actor,
        action="ticket.activity_added",
        ticket=ticket,
        old={"status": old_status},
        new={
            "status": ticket.status,
            "activity_id": activity.id,
            "activity_type": activity.activity_type,
        },
        now=now,
    )
    summary = fields.get("action") or fields["text"] if is_resolution else fields["text"]
    _notify(session, ticket=ticket, actor=actor, summary=summary, now=now)
    return activity


def _clean_status_text(text: Any) -> str:
    value = text.strip() if isinstance(text, str) else ""
    if len(value) > MAX_TEXT:
        raise ValidationFailed({"text": "desk.error.too_long"})
    return value


def change_status(
    *,
    session: Session,
    actor: User | None,
    ticket_id: Any,
    status: Any,
    text: Any = "",
    now: datetime | None = None,
) -> Ticket:
    """Move a ticket to another status following :data:`TRANSITIONS`.

    Solved → Closed is :func:`close`, Solved → Assigned is :func:`reopen`.

    Raises:
        PermissionDenied: The actor is not a provider agent.
        NotFound: No such ticket.
        ValidationFailed: ``status``: ``desk.error.ticket_closed`` (closed: reopen
            first), ``desk.error.status_invalid`` (no such status) or
            ``desk.error.transition`` (not allowed from the current status);
            ``text``: too long.
    """
    actor, ticket = _agent_ticket(session, actor, ticket_id)
    now = _now(now)
    if status not in STATUSES:
        raise ValidationFailed({"status": "desk.error.status_invalid"})
    if status not in TRANSITIONS.get(ticket.status, frozenset()):
        raise ValidationFailed({"status": "desk.error.transition"})
    if ticket.status == SOLVED and status == CLOSED:
        return close(session=session, actor=actor, ticket_id=ticket.id, text=text, now=now)
    if ticket.status == SOLVED and status == ASSIGNED:
        return reopen(session=session, actor=actor, ticket_id=ticket.id, text=text, now=now)
    value = _clean_status_text(text)
    _move(
        session,
        actor,
        ticket,
        status=status,
        activity_type=STATUS_CHANGE,
        subtype=f"{ticket.status} → {status}",
        text=value,
        action="ticket.status_changed",
        now=now,
    )
    return ticket


def _move(
    session: Session,
    actor: User,
    ticket: Ticket,
    *,
    status: str,
    activity_type: str,
    subtype: str,
    text: str,
    action: str,
    now: datetime,
    summary: str | None = None,
) -> None:
    """Record a status change on the ticket's timeline (SLA clock included), audit it and tell.

    The customer's alert sums the change up with ``summary`` (default ``text``).
    """
    old_status = ticket.status
    ticket_clock.record_status(
        session=session,
        ticket=ticket,
        status=status,
        actor=actor,
        activity_type=activity_type,
        subtype=subtype,
        text=text,
        now=now,
    )
    _audit(
        session,
        actor=actor,
        action=action,
        ticket=ticket,
        old={"status": old_status},
        new={"status": status},
        now=now,
    )
    _notify(
        session, ticket=ticket, actor=actor, summary=text if summary is None else summary, now=now
    )


def close(
    *,
    session: Session,
    actor: User | None,
    ticket_id: Any,
    text: Any = "",
    now: datetime | None = None,
) -> Ticket:
    """Close a solved ticket (activity "Closed – Confirmation"); the customer is told.

    Raises:
        PermissionDenied: The actor is not a provider agent.
        NotFound: No such ticket.
        ValidationFailed: ``status``: ``desk.error.ticket_closed`` (already
            closed) or ``desk.error.close_not_solved`` (not solved yet).
    """
    actor, ticket = _agent_ticket(session, actor, ticket_id)
    now = _now(now)
    if ticket.status != SOLVED:
        raise ValidationFailed({"status": "desk.error.close_not_solved"})
    value = _clean_status_text(text)
    _move(
        session,
        actor,
        ticket,
        status=CLOSED,
        activity_type=CLOSED_CONFIRMATION,
        subtype="Service desk",
        text=value,
        action="ticket.closed",
        now=now,
        summary=value or _resolution_summary(session, ticket),
    )
    return ticket


def _resolution_summary(session: Session, ticket: Ticket) -> str:
    """What the latest resolution report says was done (for the "closed" e-mail)."""
    report = session.exec(
        select(TicketActivity)
        .where(col(TicketActivity.ticket_id) == ticket.id, col(TicketActivity.is_resolution))
        .order_by(col(TicketActivity.created_at).desc(), col(TicketActivity.id).desc())
    ).first()
    if report is None:
        return ""
    return report.action or report.text or report.diagnosis


def reopen(
    *,
    session: Session,
    actor: User | None,
    ticket_id: Any,
    text: Any = "",
    now: datetime | None = None,
) -> Ticket:
    """Reopen a solved or closed ticket: back to Assigned, the resolution clock continues.

    Raises:
        PermissionDenied: The actor is not a provider agent.
        NotFound: No such ticket.
        ValidationFailed: ``status``: ``desk.error.not_solved`` (the ticket is open).
    """
    actor, ticket = _agent_ticket(session, actor, ticket_id, closed_ok=True)
    now = _now(now)
    if ticket.status not in (SOLVED, CLOSED):
        raise ValidationFailed({"status": "desk.error.not_solved"})
    value = _clean_status_text(text)
    if ticket.assigned_agent_id is None:
        ticket.assigned_agent_id = actor.id
    _move(
        session,
        actor,
        ticket,
        status=ASSIGNED,
        activity_type=REOPENED,
        subtype="Service desk",
        text=value,
        action="ticket.reopened",
        now=now,
    )
    return ticket


def set_priority(
    *,
    session: Session,
    actor: User | None,
    ticket_id: Any,
    priority: Any,
    now: datetime | None = None,
) -> Ticket:
    """Change a ticket's priority and recompute its deadlines, pauses carried over.

    The targets are the service level's hours times
    ``ticket_clock.PRIORITY_FACTORS[priority]`` (1 when not listed).

    Raises:
        PermissionDenied: The actor is not a provider agent.
        NotFound: No such ticket.
        ValidationFailed: ``priority``: ``desk.error.priority_invalid``;
            ``status``: ``desk.error.ticket_closed``.
    """
    actor, ticket = _agent_ticket(session, actor, ticket_id)
    now = _now(now)
    if priority not in PRIORITIES:
        raise ValidationFailed({"priority": "desk.error.priority_invalid"})
    if priority == ticket.priority:
        return ticket
    old = {
        "priority": ticket.priority,
        "response_due_at": ticket.response_due_at,
        "resolution_due_at": ticket.resolution_due_at,
    }
    ticket.priority = priority
    session.add(ticket)
    ticket_clock.refresh_deadlines(session=session, ticket=ticket, now=now)
    _audit(
        session,
        actor=actor,
        action="ticket.priority_changed",
        ticket=ticket,
        old=old,
        new={
            "priority": priority,
            "response_due_at": ticket.response_due_at,
            "resolution_due_at": ticket.resolution_due_at,
        },
        now=now,
    )
    _notify(session, ticket=ticket, actor=actor, summary="", now=now)
    return ticket
