"""SLA clocks of stored tickets: targets from the contract line, history, pauses, reopen."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from portal.models import (
    BusinessCalendar,
    ContractLine,
    Holiday,
    ServiceLevel,
    Ticket,
    TicketStatus,
)
from portal.services import ticket_clock
from tests.factories import make_account, make_org, make_product, make_user

MONDAY_10_LOCAL = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # Madrid is UTC+1 in March


def _level(session, *, response=4, resolution=8, holidays=()):
    cal = BusinessCalendar(
        name="Provider", timezone="Europe/Madrid", work_start=time(8), work_end=time(18)
    )
    session.add(cal)
    session.flush()
    for day in holidays:
        session.add(Holiday(calendar_id=cal.id, day=day, name="Holiday"))
    level = ServiceLevel(
        name="Gold", response_hours=response, resolution_hours=resolution, calendar_id=cal.id
    )
    session.add(level)
    session.flush()
    return level


def _ticket(session, level, *, at=MONDAY_10_LOCAL, priority="normal"):
    product = make_product(session)
    ticket = Ticket(
        number=f"1-{product.id:09d}",
        product_id=product.id,
        service_level_id=level.id if level else None,
        priority=priority,
        created_at=at,
    )
    session.add(ticket)
    session.flush()
    ticket_clock.record_status(
        session=session,
        ticket=ticket,
        status=TicketStatus.NEW,
        actor=None,
        activity_type="Call received",
        now=at,
    )
    return ticket


def _line(session, level, **kw):
    account = make_account(session, make_org(session))
    values = {
        "account_id": account.id,
        "contract_number": "CT1",
        "service_level_id": level.id,
        "start_date": date(2026, 1, 1),
        "end_date": date(2026, 12, 31),
    }
    values.update(kw)
    line = ContractLine(**values)
    session.add(line)
    session.flush()
    product = make_product(session, account=account)
    product.contract_line_id = line.id
    session.add(product)
    session.flush()
    return product


def test_service_level_comes_from_an_active_line_covering_the_day(session):
    level = _level(session)
    product = _line(session, level)

    assert ticket_clock.service_level_for(session, product, date(2026, 3, 2)).id == level.id
    assert ticket_clock.service_level_for(session, product, date(2027, 1, 1)) is None
    assert ticket_clock.service_level_for(session, product, date(2025, 12, 31)) is None


def test_expired_line_or_no_line_means_non_sla(session):
    level = _level(session)
    expired = _line(session, level, status="expired")
    bare = make_product(session)

    assert ticket_clock.service_level_for(session, expired, date(2026, 3, 2)) is None
    assert ticket_clock.service_level_for(session, bare, date(2026, 3, 2)) is None


def test_new_ticket_gets_deadlines_in_business_hours(session):
    ticket = _ticket(session, _level(session))

    # 10:00 local + 4 business hours = 14:00 local; + 8 hours = 18:00 local (closing).
    assert ticket.response_due_at == datetime(2026, 3, 2, 13, 0, tzinfo=UTC)
    assert ticket.resolution_due_at == datetime(2026, 3, 2, 17, 0, tzinfo=UTC)
    assert ticket.status == "new"
    assert ticket_clock.light_for(session=session, ticket=ticket, now=MONDAY_10_LOCAL) == "on_time"


def test_deadline_skips_the_weekend_and_holidays(session):
    friday_16_local = datetime(2026, 3, 6, 15, 0, tzinfo=UTC)
    level = _level(session, holidays=[date(2026, 3, 9)])
    ticket = _ticket(session, level, at=friday_16_local)

    # Friday 16–18 local (2 h), Monday is a holiday, Tuesday 08–10 local (2 h).
    assert ticket.response_due_at == datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def test_non_sla_ticket_has_no_deadline_and_a_non_sla_light(session):
    _level(session)
    ticket = _ticket(session, None)

    assert ticket.response_due_at is None
    assert ticket.resolution_due_at is None
    assert ticket_clock.light_for(session=session, ticket=ticket, now=MONDAY_10_LOCAL) == "non_sla"


def test_pending_pauses_both_clocks_across_days(session):
    ticket = _ticket(session, _level(session))
    pause_at = MONDAY_10_LOCAL + timedelta(hours=2)  # 12:00 local, 2 h used
    ticket_clock.record_status(
        session=session,
        ticket=ticket,
        status="pending",
        actor=None,
        activity_type="Pending – Parts",
        now=pause_at,
    )
    assert ticket.pending_since == pause_at
    assert (
        ticket_clock.light_for(session=session, ticket=ticket, now=pause_at + timedelta(hours=1))
        == "paused"
    )

    resume_at = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)  # Tuesday 10:00 local
    ticket_clock.record_status(
        session=session,
        ticket=ticket,
        status="assigned",
        actor=None,
        activity_type="Assigned – Dispatch",
        now=resume_at,
    )

    assert ticket.pending_since is None
    # 2 h of response time left from Tuesday 10:00 local.
    assert ticket.response_due_at == datetime(2026, 3, 3, 11, 0, tzinfo=UTC)
    # Paused business time: Monday 12–18 (6 h) + Tuesday 08–10 (2 h).
    assert ticket.paused_seconds == 8 * 3600


def test_reopen_continues_the_resolution_clock(session):
    ticket = _ticket(session, _level(session))
    agent = make_user(session, role="agent")
    solved_at = MONDAY_10_LOCAL + timedelta(hours=3)  # 3 h of resolution used
    ticket_clock.record_status(
        session=session,
        ticket=ticket,
        status="solved",
        actor=agent,
        activity_type="Resolution – Remote",
        now=solved_at,
    )
    assert ticket.solved_at == solved_at
    assert ticket.responded_at == solved_at
    assert ticket_clock.light_for(session=session, ticket=ticket, now=solved_at) == "met"

    reopen_at = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)  # Wednesday 10:00 local
    ticket_clock.record_status(
        session=session,
        ticket=ticket,
        status="assigned",
        actor=agent,
        activity_type="Reopened",
        now=reopen_at,
    )

    assert ticket.solved_at is None
    # 5 h left from Wednesday 10:00 local → 15:00 local.
    assert ticket.resolution_due_at == datetime(2026, 3, 4, 14, 0, tzinfo=UTC)


def test_close_sets_closed_at_and_keeps_the_solution_time(session):
    ticket = _ticket(session, _level(session))
    solved_at = MONDAY_10_LOCAL + timedelta(hours=1)
    closed_at = solved_at + timedelta(days=1)
    for status, at in (("solved", solved_at), ("closed", closed_at)):
        ticket_clock.record_status(
            session=session,
            ticket=ticket,
            status=status,
            actor=None,
            activity_type=status,
            now=at,
        )

    assert (ticket.solved_at, ticket.closed_at) == (solved_at, closed_at)
    assert ticket.status == "closed"


def test_activity_repeating_the_status_is_not_a_change(session):
    ticket = _ticket(session, _level(session))
    customer = make_user(session)
    ticket_clock.record_status(
        session=session,
        ticket=ticket,
        status="new",
        actor=customer,
        activity_type="Customer note",
        text="Still broken",
        now=MONDAY_10_LOCAL + timedelta(hours=1),
    )

    assert ticket_clock.status_history(session, ticket) == [(MONDAY_10_LOCAL, "new")]
    assert ticket.responded_at is None  # a customer's note is no response


def test_priority_change_keeps_the_pause(session):
    ticket = _ticket(session, _level(session))
    pause_at = MONDAY_10_LOCAL + timedelta(hours=1)
    resume_at = pause_at + timedelta(hours=2)
    for status, at in (("pending", pause_at), ("assigned", resume_at)):
        ticket_clock.record_status(
            session=session, ticket=ticket, status=status, actor=None, activity_type=status, now=at
        )

    ticket.priority = "urgent"  # half the targets: 2 h response, 4 h resolution
    ticket_clock.refresh_deadlines(session=session, ticket=ticket, now=resume_at)

    # 1 h used before the pause, 1 h left after it; the paused 2 h carry over.
    assert ticket.response_due_at == resume_at + timedelta(hours=1)
    assert ticket.resolution_due_at == resume_at + timedelta(hours=3)


def test_lights_at_risk_and_breached(session):
    ticket = _ticket(session, _level(session))

    at_risk = MONDAY_10_LOCAL + timedelta(hours=3, minutes=30)
    breached = MONDAY_10_LOCAL + timedelta(hours=4, minutes=1)
    assert ticket_clock.light_for(session=session, ticket=ticket, now=at_risk) == "at_risk"
    assert ticket_clock.light_for(session=session, ticket=ticket, now=breached) == "breached"


def test_unknown_status_is_refused(session):
    ticket = _ticket(session, _level(session))
    try:
        ticket_clock.record_status(
            session=session,
            ticket=ticket,
            status="lost",
            actor=None,
            activity_type="x",
            now=MONDAY_10_LOCAL,
        )
    except ValueError:
        pass
    else:  # pragma: no cover
        raise AssertionError("an unknown status must be refused")
    assert ticket.status == "new"


def test_batch_clocks_match_single_clocks(session):
    level = _level(session)
    tickets = [_ticket(session, level), _ticket(session, None)]
    ticket_clock.record_status(
        session=session,
        ticket=tickets[0],
        status="pending",
        actor=None,
        activity_type="Pending",
        now=MONDAY_10_LOCAL + timedelta(hours=1),
    )
    now = MONDAY_10_LOCAL + timedelta(hours=5)

    batch = ticket_clock.clocks_for(session=session, tickets=tickets)

    for ticket in tickets:
        single = ticket_clock.clock_for(session=session, ticket=ticket)
        assert ticket_clock.sla_view(batch[ticket.id], now) == ticket_clock.sla_view(single, now)
    assert ticket_clock.sla_view(batch[tickets[0].id], now)["light"] == "paused"
    assert ticket_clock.sla_view(batch[tickets[1].id], now)["light"] == "non_sla"
