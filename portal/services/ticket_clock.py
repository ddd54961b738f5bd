"""The SLA clocks of stored tickets (SPEC C2): ``portal.sla`` applied to the database.

A ticket's clocks are never stored as state of their own: they are rebuilt
from the ticket's status history, i.e. its ``TicketActivity`` rows, each of
which carries the status the ticket had from that moment on (the creation is
the activity "Call received" with status ``new``). Every status change goes
through :func:`record_status`, which appends such an activity, keeps the
ticket's status timestamps right and stores the projected deadlines
(``response_due_at``, ``resolution_due_at``) and the business time spent
paused, so that lists can sort and filter on them without recomputing.

Targets come from the ticket's service level (``Ticket.service_level_id``,
chosen from the product's contract line when the ticket was raised) and its
priority (:data:`PRIORITY_FACTORS`). A ticket without a service level is
non-SLA: its clocks have no deadline, its light is ``non_sla``. Changing the
service level or priority and calling :func:`refresh_deadlines` recomputes the
deadlines with every pause carried over, because the pauses come from the
same history.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any

from sqlmodel import Session, col, select

from portal.models import (
    BusinessCalendar,
    ContractLine,
    Holiday,
    Product,
    ServiceLevel,
    Ticket,
    TicketActivity,
    TicketStatus,
    User,
)
from portal.sla import Calendar, SlaClock, stopped_business_seconds

DEFAULT_CALENDAR = Calendar(
    timezone="Europe/Madrid",
    work_start=time(8, 0),
    work_end=time(18, 0),
    workdays=frozenset(range(5)),
)
"""Used only when the database holds no business calendar at all."""

PRIORITY_FACTORS = {"urgent": 0.5, "high": 0.75, "low": 1.5}
"""Multiplier of a service level's targets per ticket priority (anything else: 1)."""

_STATUSES = {s.value for s in TicketStatus}
_SOLVED = {TicketStatus.SOLVED.value, TicketStatus.CLOSED.value}


def _load_calendar(session: Session, calendar_id: int | None) -> Calendar | None:
    if calendar_id is None:
        row = session.exec(select(BusinessCalendar).order_by(col(BusinessCalendar.id))).first()
    else:
        row = session.get(BusinessCalendar, calendar_id)
    if row is None:
        return None
    holidays = session.exec(select(Holiday).where(col(Holiday.calendar_id) == row.id)).all()
    return Calendar.from_rows(row, holidays)


def calendar_for(session: Session, ticket: Ticket) -> Calendar | None:
    """The business calendar a ticket's clocks run on.

    That is the calendar of its service level; a non-SLA ticket uses the
    provider's first calendar (its paused time is still measured). None when
    the database has no calendar at all.
    """
    level = session.get(ServiceLevel, ticket.service_level_id) if ticket.service_level_id else None
    return _load_calendar(session, level.calendar_id if level is not None else None)


def service_level_for(session: Session, product: Product, on: date) -> ServiceLevel | None:
    """The service level covering ``product`` on day ``on``, or None (non-SLA).

    The product's contract line must be active and its start/end dates must
    include ``on``.
    """
    if product.contract_line_id is None:
        return None
    line = session.get(ContractLine, product.contract_line_id)
    if line is None or line.status != "active" or not line.start_date <= on <= line.end_date:
        return None
    return session.get(ServiceLevel, line.service_level_id)


def targets(level: ServiceLevel | None, priority: str) -> tuple[float | None, float | None]:
    """Response and resolution targets in business hours; ``(None, None)`` without a level."""
    if level is None:
        return None, None
    factor = PRIORITY_FACTORS.get(priority, 1.0)
    return level.response_hours * factor, level.resolution_hours * factor


def status_history(session: Session, ticket: Ticket) -> list[tuple[datetime, str]]:
    """``(when, status)`` for each change of status, oldest first.

    Activities that repeat the current status (notes, updates) are not changes
    and are left out; activities without a status are ignored.
    """
    rows = session.exec(
        select(col(TicketActivity.created_at), col(TicketActivity.status))
        .where(col(TicketActivity.ticket_id) == ticket.id)
        .order_by(col(TicketActivity.created_at), col(TicketActivity.id))
    ).all()
    return _changes(rows)


def _changes(rows: Iterable[tuple[datetime, str]]) -> list[tuple[datetime, str]]:
    history: list[tuple[datetime, str]] = []
    for at, status in rows:
        if status not in _STATUSES:
            continue
        if history and history[-1][1] == status:
            continue
        history.append((at, status))
    return history


def _clock(
    ticket: Ticket,
    calendar: Calendar | None,
    level: ServiceLevel | None,
    history: list[tuple[datetime, str]],
) -> SlaClock:
    response_hours, resolution_hours = targets(level, ticket.priority)
    return SlaClock.from_history(
        calendar or DEFAULT_CALENDAR,
        created_at=ticket.created_at,
        response_hours=response_hours,
        resolution_hours=resolution_hours,
        history=history or [(ticket.created_at, TicketStatus.NEW.value)],
        responded_at=ticket.responded_at,
    )


def clock_for(*, session: Session, ticket: Ticket) -> SlaClock:
    """The ticket's two SLA clocks, rebuilt from its status history."""
    level = session.get(ServiceLevel, ticket.service_level_id) if ticket.service_level_id else None
    calendar = _load_calendar(session, level.calendar_id if level is not None else None)
    return _clock(ticket, calendar, level, status_history(session, ticket))


def refresh_deadlines(*, session: Session, ticket: Ticket, now: datetime) -> SlaClock:
    """Store the ticket's projected deadlines and paused business seconds.

    Call after anything that changes the clocks: a status change, another
    service level or priority. Flushes; does not commit.

    Returns:
        The clock the stored values were taken from.
    """
    sla_clock = clock_for(session=session, ticket=ticket)
    ticket.response_due_at = sla_clock.response(now).due
    ticket.resolution_due_at = sla_clock.resolution(now).due
    ticket.paused_seconds = int(
        stopped_business_seconds(sla_clock.calendar, sla_clock.pauses, now=now)
    )
    session.add(ticket)
    session.flush()
    return sla_clock


def record_status(
    *,
    session: Session,
    ticket: Ticket,
    status: str,
    actor: User | None,
    activity_type: str,
    subtype: str = "",
    text: str = "",
    now: datetime,
    **activity: Any,
) -> TicketActivity:
    """Append an activity that sets the ticket's status, and refresh the deadlines.

    This is the only way a ticket's status should change, so the SLA history
    stays complete. Authorisation is the caller's business.

    Sets ``pending_since`` while Pending; ``solved_at`` when the ticket becomes
    Solved (also when closed directly); ``closed_at`` when Closed; clears both
    when the ticket is reopened. The first activity by a provider user counts
    as the first response (``responded_at``).

    Args:
        session: The open session.
        ticket: The ticket, already loaded through a scoped query.
        status: The status from now on (a ``TicketStatus`` value); the current
            status for an activity that changes nothing (e.g. a note).
        actor: The author (None for the system).
        activity_type: e.g. ``"Resolution – Onsite"``.
        subtype: e.g. ``"Engineer visit – SLA"``.
        text: The activity's text.
        now: When it happens.
        **activity: Further ``TicketActivity`` fields (``is_resolution``,
            ``diagnosis``, ``action``, ``parts``, ``visit_start``,
            ``visit_end``, ``counters``).

    Returns:
        The new activity (flushed, with its id).

    Raises:
        ValueError: ``status`` is not a ticket status.
    """
    status = str(status)
    if status not in _STATUSES:
        msg = f"unknown ticket status {status!r}"
        raise ValueError(msg)
    previous = ticket.status
    if status != previous:
        if status == TicketStatus.PENDING.value:
            ticket.pending_since = now
        else:
            ticket.pending_since = None
        if status in _SOLVED and previous not in _SOLVED:
            ticket.solved_at = now
        if status == TicketStatus.CLOSED.value:
            ticket.closed_at = now
        if status not in _SOLVED:
            ticket.solved_at = None
            ticket.closed_at = None
        ticket.status = status
    if actor is not None and actor.is_provider and ticket.responded_at is None:
        ticket.responded_at = now
    entry = TicketActivity(
        ticket_id=ticket.id,
        created_at=now,
        activity_type=activity_type,
        subtype=subtype,
        status=status,
        text=text,
        author_id=actor.id if actor is not None else None,
        **activity,
    )
    session.add(entry)
    session.add(ticket)
    session.flush()
    refresh_deadlines(session=session, ticket=ticket, now=now)
    return entry


def light_for(*, session: Session, ticket: Ticket, now: datetime) -> str:
    """The ticket's traffic light (an ``SlaLight`` value) at ``now``."""
    return clock_for(session=session, ticket=ticket).light(now).value


def clocks_for(*, session: Session, tickets: Iterable[Ticket]) -> dict[int, SlaClock]:
    """The clocks of many tickets at once (a list page), with a fixed number of queries."""
    tickets = list(tickets)
    if not tickets:
        return {}
    ids = [t.id for t in tickets]
    rows = session.exec(
        select(
            col(TicketActivity.ticket_id),
            col(TicketActivity.created_at),
            col(TicketActivity.status),
        )
        .where(col(TicketActivity.ticket_id).in_(ids))
        .order_by(col(TicketActivity.created_at), col(TicketActivity.id))
    ).all()
    per_ticket: dict[int, list[tuple[datetime, str]]] = {tid: [] for tid in ids}
    for tid, at, status in rows:
        per_ticket[tid].append((at, status))
    level_ids = {t.service_level_id for t in tickets if t.service_level_id}
    levels = {
        level.id: level
        for level in session.exec(
            select(ServiceLevel).where(col(ServiceLevel.id).in_(level_ids))
        ).all()
    }
    calendars: dict[int | None, Calendar | None] = {}

    def calendar(calendar_id: int | None) -> Calendar | None:
        if calendar_id not in calendars:
            calendars[calendar_id] = _load_calendar(session, calendar_id)
        return calendars[calendar_id]

    result = {}
    for ticket in tickets:
        level = levels.get(ticket.service_level_id) if ticket.service_level_id else None
        cal = calendar(level.calendar_id if level is not None else None)
        result[ticket.id] = _clock(ticket, cal, level, _changes(per_ticket[ticket.id]))
    return result


def sla_view(sla_clock: SlaClock, now: datetime) -> dict[str, Any]:
    """The clocks at ``now`` as plain values for a page: due instants, lights, paused.

    Returns:
        ``response_due`` / ``resolution_due`` (datetimes or None),
        ``response_light`` / ``resolution_light`` / ``light`` (``SlaLight``
        values), ``paused`` (bool) and ``is_sla`` (bool).
    """
    response = sla_clock.response(now)
    resolution = sla_clock.resolution(now)
    return {
        "response_due": response.due,
        "resolution_due": resolution.due,
        "response_light": response.light.value,
        "resolution_light": resolution.light.value,
        "light": sla_clock.light(now).value,
        "paused": sla_clock.is_paused(now),
        "is_sla": sla_clock.is_sla,
    }
