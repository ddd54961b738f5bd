"""The provider agents' desk (SPEC F3): roles, status transitions, resolution reports,
SLA pauses and priorities, notifications, and the queue's filters and paging."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import col, select

from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.models import (
    AlertPreference,
    AuditLog,
    CounterType,
    OutboxMessage,
    Role,
    ServiceLevel,
    Ticket,
    TicketActivity,
    TicketType,
)
from portal.services import desk, ticket_clock
from portal.sla import add_business_time
from tests.factories import (
    assign_product,
    make_account,
    make_contract_line,
    make_model,
    make_org,
    make_product,
    make_user,
)

# Monday 2 March 2026, 10:00 in Madrid (CET): business hours are 07:00–17:00 UTC.
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
_numbers = iter(range(1, 10_000))


def _at(day_offset: int, hour: int, minute: int = 0) -> datetime:
    return (MONDAY + timedelta(days=day_offset)).replace(hour=hour, minute=minute)


def make_ticket(
    session,
    product,
    *,
    creator=None,
    created_at: datetime = MONDAY,
    ticket_type: str = TicketType.HARDWARE_FAULT.value,
    priority: str = "normal",
) -> Ticket:
    """A ticket as the customer raises it: status New with its "Call received" activity."""
    level = ticket_clock.service_level_for(session, product, created_at.date())
    ticket = Ticket(
        number=f"1-{next(_numbers):09d}",
        product_id=product.id,
        ticket_type=ticket_type,
        description="Atasco continuo en la bandeja 2\nmás detalles",
        priority=priority,
        service_level_id=level.id if level else None,
        created_by_id=creator.id if creator else None,
        created_at=created_at,
    )
    session.add(ticket)
    session.flush()
    ticket_clock.record_status(
        session=session,
        ticket=ticket,
        status="new",
        actor=creator,
        activity_type="Call received",
        now=created_at,
    )
    return ticket


@pytest.fixture
def world(session):
    """A customer with a covered product (4 h response / 8 h resolution), users, an agent."""
    org = make_org(session, "Acme Ibérica")
    account = make_account(session, org)
    line = make_contract_line(session, account)
    model = make_model(session, "Colour MFP 4000")
    for position, code in enumerate(("total", "black", "colour", "scan")):
        session.add(CounterType(model_id=model.id, code=code, digits=8, position=position))
    product = make_product(session, account=account, model=model, serial="SN-DESK-1")
    product.contract_line_id = line.id
    session.add(product)
    manager = make_user(
        session, org, role=Role.DEVICE_MANAGER, email="manager@acme.example", language="en"
    )
    assign_product(session, manager, product)
    admin = make_user(session, org, role=Role.ADMINISTRATOR, email="admin@acme.example")
    agent = make_user(session, role=Role.AGENT, email="agent@provider.example")
    colleague = make_user(session, role=Role.AGENT, email="colleague@provider.example")
    provider_admin = make_user(session, role=Role.PROVIDER_ADMIN)
    session.commit()
    return {
        "org": org,
        "account": account,
        "product": product,
        "model": model,
        "manager": manager,
        "admin": admin,
        "agent": agent,
        "colleague": colleague,
        "provider_admin": provider_admin,
    }


def _onsite(**overrides) -> desk.ActivityCreate:
    values = {
        "activity_type": desk.RESOLUTION_ONSITE,
        "text": "Engineer on site.",
        "diagnosis": "Worn pickup roller in tray 2.",
        "action": "Replaced the pickup roller and cleaned the paper path.",
        "parts": "Pickup roller, Separation pad",
        "visit_start": _at(0, 10),
        "visit_end": _at(0, 11),
        "counters": {"total": "120345", "black": "100000", "colour": "20345", "scan": ""},
    }
    values.update(overrides)
    return desk.ActivityCreate(**values)


def _outbox(session, to: str) -> list[OutboxMessage]:
    return list(
        session.exec(
            select(OutboxMessage)
            .where(col(OutboxMessage.to_address) == to)
            .order_by(col(OutboxMessage.id))
        ).all()
    )


# --- roles ----------------------------------------------------------------------------


def _every_call(ticket_id: int):
    return [
        lambda s, a: desk.queue(session=s, actor=a, now=MONDAY),
        lambda s, a: desk.customer_options(session=s, actor=a),
        lambda s, a: desk.desk_ticket(session=s, actor=a, ticket_id=ticket_id, now=MONDAY),
        lambda s, a: desk.assign(session=s, actor=a, ticket_id=ticket_id, now=MONDAY),
        lambda s, a: desk.add_activity(
            session=s,
            actor=a,
            ticket_id=ticket_id,
            data=desk.ActivityCreate(activity_type=desk.NOTE, text="x"),
            now=MONDAY,
        ),
        lambda s, a: desk.change_status(
            session=s, actor=a, ticket_id=ticket_id, status="assigned", now=MONDAY
        ),
        lambda s, a: desk.close(session=s, actor=a, ticket_id=ticket_id, now=MONDAY),
        lambda s, a: desk.reopen(session=s, actor=a, ticket_id=ticket_id, now=MONDAY),
        lambda s, a: desk.set_priority(
            session=s, actor=a, ticket_id=ticket_id, priority="high", now=MONDAY
        ),
    ]


@pytest.mark.parametrize("who", ["admin", "manager", "knowledge", "stock", "anonymous"])
def test_customers_and_anonymous_cannot_use_the_desk(session, world, who):
    ticket = make_ticket(session, world["product"], creator=world["manager"])
    session.commit()
    actors = {
        "admin": world["admin"],
        "manager": world["manager"],
        "knowledge": make_user(session, world["org"], role=Role.KNOWLEDGE_USER),
        "stock": make_user(session, world["org"], role=Role.STOCK_MANAGER),
        "anonymous": None,
    }
    for call in _every_call(ticket.id):
        with pytest.raises(PermissionDenied):
            call(session, actors[who])
    session.expire_all()
    assert session.get(Ticket, ticket.id).status == "new"
    assert len(session.exec(select(TicketActivity)).all()) == 1
    assert session.exec(select(AuditLog)).all() == []


def test_a_provider_admin_reads_but_does_not_act(session, world):
    ticket = make_ticket(session, world["product"], creator=world["manager"])
    session.commit()
    actor = world["provider_admin"]

    page = desk.queue(session=session, actor=actor, now=MONDAY)
    detail = desk.desk_ticket(session=session, actor=actor, ticket_id=ticket.id, now=MONDAY)

    assert [row["number"] for row in page.rows] == [ticket.number]
    assert detail["can_act"] is False and detail["allowed_statuses"] == []
    for call in _every_call(ticket.id)[3:]:
        with pytest.raises(PermissionDenied):
            call(session, actor)


def test_a_suspended_agent_is_refused(session, world):
    ticket = make_ticket(session, world["product"])
    agent = make_user(session, role=Role.AGENT, status="inactive")
    with pytest.raises(PermissionDenied):
        desk.assign(session=session, actor=agent, ticket_id=ticket.id, now=MONDAY)


def test_unknown_ticket_ids_are_not_found(session, world):
    for bad in (999_999, "abc", -1, None, 2**40):
        with pytest.raises(NotFound):
            desk.desk_ticket(session=session, actor=world["agent"], ticket_id=bad)


# --- assigning --------------------------------------------------------------------------


def test_assign_to_me_makes_a_new_ticket_assigned_and_counts_as_first_response(session, world):
    ticket = make_ticket(session, world["product"], creator=world["manager"])

    desk.assign(session=session, actor=world["agent"], ticket_id=ticket.id, now=_at(0, 9, 30))

    assert ticket.status == "assigned"
    assert ticket.assigned_agent_id == world["agent"].id
    assert ticket.responded_at == _at(0, 9, 30)
    last = session.exec(select(TicketActivity).order_by(col(TicketActivity.id).desc())).first()
    assert (last.activity_type, last.status) == ("Assigned – Dispatch", "assigned")
    entry = session.exec(select(AuditLog)).one()
    assert entry.action == "ticket.assigned"
    assert entry.organisation_id == world["org"].id


def test_reassign_keeps_the_status_and_refuses_non_agents(session, world):
    ticket = make_ticket(session, world["product"])
    desk.add_activity(
        session=session,
        actor=world["agent"],
        ticket_id=ticket.id,
        data=desk.ActivityCreate(activity_type=desk.PENDING_PARTS, text="Waiting for a roller"),
        now=_at(0, 10),
    )

    desk.assign(
        session=session,
        actor=world["agent"],
        ticket_id=ticket.id,
        agent_id=world["colleague"].id,
        now=_at(0, 11),
    )
    assert (ticket.status, ticket.assigned_agent_id) == ("pending", world["colleague"].id)

    for bad in (world["manager"].id, world["provider_admin"].id, 999_999, "x"):
        with pytest.raises(ValidationFailed) as failed:
            desk.assign(session=session, actor=world["agent"], ticket_id=ticket.id, agent_id=bad)
        assert failed.value.errors == {"agent_id": "desk.error.agent_invalid"}


# --- the transition table ---------------------------------------------------------------


def _ticket_in(session, world, status: str) -> Ticket:
    ticket = make_ticket(session, world["product"])
    path = {
        "new": [],
        "assigned": ["assigned"],
        "planned": ["planned"],
        "pending": ["pending"],
        "solved": ["solved"],
        "closed": ["solved", "closed"],
    }[status]
    for step, value in enumerate(path, start=1):
        ticket_clock.record_status(
            session=session,
            ticket=ticket,
            status=value,
            actor=world["agent"],
            activity_type="Setup",
            now=MONDAY + timedelta(minutes=step),
        )
    return ticket


def test_change_status_follows_the_transition_table(session, world):
    statuses = [s for s in desk.STATUSES]
    now = MONDAY + timedelta(hours=1)
    for current in statuses:
        for target in statuses:
            ticket = _ticket_in(session, world, current)
            allowed = target in desk.TRANSITIONS[current]
            if allowed:
                desk.change_status(
                    session=session,
                    actor=world["agent"],
                    ticket_id=ticket.id,
                    status=target,
                    now=now,
                )
                assert ticket.status == target, (current, target)
            else:
                with pytest.raises(ValidationFailed) as failed:
                    desk.change_status(
                        session=session,
                        actor=world["agent"],
                        ticket_id=ticket.id,
                        status=target,
                        now=now,
                    )
                expected = (
                    "desk.error.ticket_closed" if current == "closed" else "desk.error.transition"
                )
                assert failed.value.errors == {"status": expected}, (current, target)
                assert ticket.status == current


def test_the_table_is_the_one_the_issue_describes():
    assert desk.TRANSITIONS == {
        "new": {"assigned", "planned", "pending", "solved"},
        "assigned": {"planned", "pending", "solved"},
        "planned": {"assigned", "pending", "solved"},
        "pending": {"assigned", "planned", "solved"},
        "solved": {"closed", "assigned"},
        "closed": set(),
    }


def test_unknown_status_is_refused(session, world):
    ticket = make_ticket(session, world["product"])
    for bad in ("done", "", None, ["new"], "CLOSED"):
        with pytest.raises(ValidationFailed) as failed:
            desk.change_status(
                session=session, actor=world["agent"], ticket_id=ticket.id, status=bad
            )
        assert failed.value.errors == {"status": "desk.error.status_invalid"}


# --- closed tickets ------------------------------------------------------------------------


def test_a_closed_ticket_refuses_everything_until_it_is_reopened(session, world):
    ticket = make_ticket(session, world["product"], creator=world["manager"])
    agent = world["agent"]
    desk.add_activity(
        session=session, actor=agent, ticket_id=ticket.id, data=_onsite(), now=_at(0, 11)
    )
    with pytest.raises(ValidationFailed) as failed:
        desk.add_activity(
            session=session,
            actor=agent,
            ticket_id=ticket.id,
            data=desk.ActivityCreate(activity_type=desk.PLANNED_VISIT, text="Another visit"),
            now=_at(0, 11, 30),
        )
    assert failed.value.errors == {"status": "desk.error.reopen_first"}
    desk.close(session=session, actor=agent, ticket_id=ticket.id, now=_at(0, 12))
    assert ticket.status == "closed" and ticket.closed_at == _at(0, 12)
    activities_before = len(session.exec(select(TicketActivity)).all())

    refusals = [
        lambda: desk.add_activity(
            session=session,
            actor=agent,
            ticket_id=ticket.id,
            data=desk.ActivityCreate(activity_type=desk.NOTE, text="Late note"),
        ),
        lambda: desk.change_status(
            session=session, actor=agent, ticket_id=ticket.id, status="assigned"
        ),
        lambda: desk.assign(session=session, actor=agent, ticket_id=ticket.id),
        lambda: desk.set_priority(
            session=session, actor=agent, ticket_id=ticket.id, priority="urgent"
        ),
        lambda: desk.close(session=session, actor=agent, ticket_id=ticket.id),
    ]
    for refuse in refusals:
        with pytest.raises(ValidationFailed) as failed:
            refuse()
        assert failed.value.errors == {"status": "desk.error.ticket_closed"}
    assert len(session.exec(select(TicketActivity)).all()) == activities_before

    desk.reopen(session=session, actor=agent, ticket_id=ticket.id, now=_at(1, 9))
    assert (ticket.status, ticket.closed_at, ticket.solved_at) == ("assigned", None, None)
    desk.add_activity(
        session=session,
        actor=agent,
        ticket_id=ticket.id,
        data=desk.ActivityCreate(activity_type=desk.NOTE, text="Customer called again"),
        now=_at(1, 9, 5),
    )
    assert ticket.status == "assigned"


def test_reopen_continues_the_resolution_clock(session, world):
    # Created Mon 09:00 UTC, solved 11:00 (2 of 8 business hours used), closed 12:00,
    # reopened Tue 09:00: the 6 hours left run from then on, to Tue 15:00 UTC.
    ticket = make_ticket(session, world["product"], creator=world["manager"])
    agent = world["agent"]
    desk.add_activity(
        session=session, actor=agent, ticket_id=ticket.id, data=_onsite(), now=_at(0, 11)
    )
    desk.close(session=session, actor=agent, ticket_id=ticket.id, now=_at(0, 12))

    desk.reopen(session=session, actor=agent, ticket_id=ticket.id, now=_at(1, 9))

    assert ticket.resolution_due_at == _at(1, 15)


def test_close_needs_a_solved_ticket_and_reopen_a_finished_one(session, world):
    ticket = make_ticket(session, world["product"])
    with pytest.raises(ValidationFailed) as failed:
        desk.close(session=session, actor=world["agent"], ticket_id=ticket.id)
    assert failed.value.errors == {"status": "desk.error.close_not_solved"}
    with pytest.raises(ValidationFailed) as failed:
        desk.reopen(session=session, actor=world["agent"], ticket_id=ticket.id)
    assert failed.value.errors == {"status": "desk.error.not_solved"}


# --- activities and the resolution report ---------------------------------------------


def test_an_onsite_resolution_solves_the_ticket_with_the_engineers_report(session, world):
    ticket = make_ticket(session, world["product"], creator=world["manager"])

    activity = desk.add_activity(
        session=session,
        actor=world["agent"],
        ticket_id=ticket.id,
        data=_onsite(subtype=""),
        now=_at(0, 11, 30),
    )

    assert ticket.status == "solved" and ticket.solved_at == _at(0, 11, 30)
    assert ticket.responded_at == _at(0, 11, 30)
    assert activity.is_resolution and activity.status == "solved"
    assert activity.subtype == "Engineer visit – SLA"
    assert activity.parts == ["Pickup roller", "Separation pad"]
    assert activity.counters == {"total": 120345, "black": 100000, "colour": 20345}
    assert (activity.visit_start, activity.visit_end) == (_at(0, 10), _at(0, 11))
    detail = desk.desk_ticket(
        session=session, actor=world["agent"], ticket_id=ticket.id, now=_at(0, 12)
    )
    assert detail["sla"]["resolution_light"] == "met"
    assert detail["allowed_statuses"] == ["assigned", "closed"]
    assert detail["can_close"] and detail["can_reopen"]
    assert [c["code"] for c in detail["counters"]] == ["total", "black", "colour", "scan"]


def test_visit_times_from_the_form_are_local_times_of_the_calendar(session, world):
    ticket = make_ticket(session, world["product"])
    # Madrid is UTC+1 in March: 11:00–12:15 local is 10:00–11:15 UTC.
    activity = desk.add_activity(
        session=session,
        actor=world["agent"],
        ticket_id=ticket.id,
        data=_onsite(visit_start="2026-03-02T11:00", visit_end="2026-03-02T12:15"),
        now=_at(0, 12),
    )
    assert activity.visit_start == _at(0, 10)
    assert activity.visit_end == _at(0, 11, 15)


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"diagnosis": "  "}, {"diagnosis": "desk.error.required"}),
        ({"action": ""}, {"action": "desk.error.required"}),
        (
            {"visit_start": _at(0, 11), "visit_end": _at(0, 10)},
            {"visit_end": "desk.error.visit_end_before_start"},
        ),
        ({"visit_end": _at(0, 10)}, {"visit_end": "desk.error.visit_end_before_start"}),
        ({"visit_end": _at(0, 13)}, {"visit_end": "desk.error.visit_future"}),
        (
            {"visit_start": None, "visit_end": None},
            {
                "visit_start": "desk.error.required",
                "visit_end": "desk.error.required",
            },
        ),
        ({"visit_start": "yesterday"}, {"visit_start": "desk.error.datetime_invalid"}),
        ({"visit_start": _at(-1, 10)}, {"visit_start": "desk.error.visit_before_ticket"}),
        ({"counters": {"total": "-5"}}, {"counter_total": "desk.error.counter_negative"}),
        ({"counters": {"total": -5}}, {"counter_total": "desk.error.counter_negative"}),
        ({"counters": {"total": "12.5"}}, {"counter_total": "desk.error.counter_invalid"}),
        ({"counters": {"total": "123456789"}}, {"counter_total": "desk.error.counter_too_long"}),
        ({"counters": {"black_a3": "10"}}, {"counters": "desk.error.counter_unknown"}),
        ({"parts": ["x" * 121]}, {"parts": "desk.error.parts_invalid"}),
    ],
)
def test_a_resolution_report_is_validated_per_field(session, world, overrides, errors):
    ticket = make_ticket(session, world["product"], creator=world["manager"])
    session.commit()

    with pytest.raises(ValidationFailed) as failed:
        desk.add_activity(
            session=session,
            actor=world["agent"],
            ticket_id=ticket.id,
            data=_onsite(**overrides),
            now=_at(0, 12),
        )

    assert failed.value.errors == errors
    session.rollback()
    assert session.get(Ticket, ticket.id).status == "new"
    assert _outbox(session, "manager@acme.example") == []


def test_a_remote_resolution_needs_no_visit(session, world):
    ticket = make_ticket(session, world["product"])
    activity = desk.add_activity(
        session=session,
        actor=world["agent"],
        ticket_id=ticket.id,
        data=_onsite(
            activity_type=desk.RESOLUTION_REMOTE, visit_start="", visit_end="", counters={}
        ),
        now=_at(0, 12),
    )
    assert activity.subtype == "Remote assistance – SLA"
    assert (activity.visit_start, activity.visit_end) == (None, None)
    assert ticket.status == "solved"


def test_plain_activities_need_a_known_type_and_a_text(session, world):
    ticket = make_ticket(session, world["product"])
    for data, errors in [
        (
            desk.ActivityCreate(activity_type="Hack", text="x"),
            {"activity_type": "desk.error.activity_type"},
        ),
        (
            desk.ActivityCreate(activity_type=desk.NOTE, text="  "),
            {"text": "desk.error.text_required"},
        ),
        (
            desk.ActivityCreate(activity_type=desk.NOTE, text="x" * 4001),
            {"text": "desk.error.too_long"},
        ),
    ]:
        with pytest.raises(ValidationFailed) as failed:
            desk.add_activity(session=session, actor=world["agent"], ticket_id=ticket.id, data=data)
        assert failed.value.errors == errors


def test_planned_and_call_updates_set_or_keep_the_status(session, world):
    ticket = make_ticket(session, world["product"])
    agent = world["agent"]
    desk.add_activity(
        session=session,
        actor=agent,
        ticket_id=ticket.id,
        data=desk.ActivityCreate(activity_type=desk.CALL_UPDATE, text="Called the customer"),
        now=_at(0, 9, 10),
    )
    assert ticket.status == "new" and ticket.responded_at == _at(0, 9, 10)
    desk.add_activity(
        session=session,
        actor=agent,
        ticket_id=ticket.id,
        data=desk.ActivityCreate(activity_type=desk.PLANNED_VISIT, text="Visit Tuesday 10:00"),
        now=_at(0, 9, 20),
    )
    assert ticket.status == "planned"
    assert ticket.responded_at == _at(0, 9, 10)


# --- the SLA clock: pauses and priorities ----------------------------------------------


def test_pending_pauses_the_clock_and_resuming_moves_the_due_date(session, world):
    ticket = make_ticket(session, world["product"], creator=world["manager"])
    agent = world["agent"]
    assert ticket.resolution_due_at == _at(0, 17)

    desk.add_activity(
        session=session,
        actor=agent,
        ticket_id=ticket.id,
        data=desk.ActivityCreate(activity_type=desk.PENDING_CUSTOMER, text="Waiting for access"),
        now=_at(0, 10),
    )
    assert ticket.status == "pending" and ticket.pending_since == _at(0, 10)
    detail = desk.desk_ticket(session=session, actor=agent, ticket_id=ticket.id, now=_at(0, 15))
    assert detail["sla"]["paused"] is True and detail["sla"]["light"] == "paused"

    # Resumed Tuesday 09:00 UTC: 9 business hours paused (Mon 10–17, Tue 07–09),
    # so the 7 hours left run from Tue 09:00 to Tue 16:00 UTC.
    desk.change_status(
        session=session, actor=agent, ticket_id=ticket.id, status="assigned", now=_at(1, 9)
    )
    assert ticket.resolution_due_at == _at(1, 16)
    assert ticket.paused_seconds == 9 * 3600


def test_a_priority_change_recomputes_the_deadlines_and_keeps_the_pause(session, world):
    ticket = make_ticket(session, world["product"], creator=world["manager"])
    agent = world["agent"]
    desk.add_activity(
        session=session,
        actor=agent,
        ticket_id=ticket.id,
        data=desk.ActivityCreate(activity_type=desk.PENDING_PARTS, text="Roller ordered"),
        now=_at(0, 10),
    )
    desk.change_status(
        session=session, actor=agent, ticket_id=ticket.id, status="assigned", now=_at(1, 9)
    )

    desk.set_priority(
        session=session, actor=agent, ticket_id=ticket.id, priority="high", now=_at(1, 9, 30)
    )

    level = session.get(ServiceLevel, ticket.service_level_id)
    _, hours = ticket_clock.targets(level, "high")
    calendar = ticket_clock.calendar_for(session, ticket)
    # One business hour ran before the pause; the rest runs from the resume.
    expected = add_business_time(calendar, _at(1, 9), (hours - 1) * 3600)
    assert ticket.priority == "high"
    assert ticket.resolution_due_at == expected
    assert ticket.paused_seconds == 9 * 3600
    entry = session.exec(
        select(AuditLog).where(col(AuditLog.action) == "ticket.priority_changed")
    ).one()
    assert entry.old_values["priority"] == "normal"
    with pytest.raises(ValidationFailed) as failed:
        desk.set_priority(session=session, actor=agent, ticket_id=ticket.id, priority="asap")
    assert failed.value.errors == {"priority": "desk.error.priority_invalid"}


# --- notifications ------------------------------------------------------------------------


def test_the_customer_is_told_in_their_language_and_closed_is_its_own_event(session, world):
    ticket = make_ticket(session, world["product"], creator=world["manager"])
    agent = world["agent"]

    desk.assign(session=session, actor=agent, ticket_id=ticket.id, now=_at(0, 9, 30))
    desk.add_activity(
        session=session, actor=agent, ticket_id=ticket.id, data=_onsite(), now=_at(0, 11, 30)
    )
    desk.close(session=session, actor=agent, ticket_id=ticket.id, now=_at(0, 12))

    messages = _outbox(session, "manager@acme.example")
    assert len(messages) == 3
    assert all(ticket.number in m.subject for m in messages)
    assert messages[0].subject.startswith("Update on ticket")
    assert messages[1].subject.startswith("Update on ticket")
    assert "Replaced the pickup roller" in messages[1].text_body
    assert messages[2].subject.startswith(f"Ticket {ticket.number} closed")
    assert "Replaced the pickup roller" in messages[2].text_body
    assert f"/service/tickets/{ticket.id}" in messages[2].text_body
    assert _outbox(session, "admin@acme.example") == []
    assert _outbox(session, "agent@provider.example") == []


def test_a_disabled_preference_gets_nothing(session, world):
    manager = world["manager"]
    session.add(AlertPreference(user_id=manager.id, event="ticket_updated", enabled=False))
    ticket = make_ticket(session, world["product"], creator=manager)
    agent = world["agent"]

    desk.assign(session=session, actor=agent, ticket_id=ticket.id, now=_at(0, 9, 30))
    desk.add_activity(
        session=session, actor=agent, ticket_id=ticket.id, data=_onsite(), now=_at(0, 11, 30)
    )
    assert _outbox(session, manager.email) == []

    desk.close(session=session, actor=agent, ticket_id=ticket.id, now=_at(0, 12))
    [closed] = _outbox(session, manager.email)
    assert "closed" in closed.subject


# --- the queue --------------------------------------------------------------------------


@pytest.fixture
def queue_world(session, world):
    """One ticket per SLA light at Monday 15:30 UTC, plus other customers and types."""
    agent = world["agent"]
    product = world["product"]
    manager = world["manager"]

    on_time = make_ticket(session, product, creator=manager, created_at=_at(0, 15))
    at_risk = make_ticket(session, product, creator=manager, created_at=_at(0, 9))
    desk.add_activity(
        session=session,
        actor=agent,
        ticket_id=at_risk.id,
        data=desk.ActivityCreate(activity_type=desk.CALL_UPDATE, text="On our way"),
        now=_at(0, 9, 30),
    )
    breached = make_ticket(
        session, product, creator=manager, created_at=_at(-3, 9), ticket_type="paper_jam"
    )
    paused = make_ticket(session, product, creator=manager, created_at=_at(0, 9))
    desk.add_activity(
        session=session,
        actor=agent,
        ticket_id=paused.id,
        data=desk.ActivityCreate(activity_type=desk.PENDING_CUSTOMER, text="Waiting"),
        now=_at(0, 10),
    )
    other_org = make_org(session, "Beta Logística")
    uncovered = make_product(session, other_org, serial="SN-NOSLA")
    non_sla = make_ticket(session, uncovered, created_at=_at(0, 10))
    desk.assign(session=session, actor=agent, ticket_id=non_sla.id, now=_at(0, 10, 5))
    done = make_ticket(session, product, creator=manager, created_at=_at(-7, 9))
    desk.add_activity(
        session=session,
        actor=agent,
        ticket_id=done.id,
        data=_onsite(visit_start=_at(-7, 10), visit_end=_at(-7, 11)),
        now=_at(-7, 11),
    )
    desk.close(session=session, actor=agent, ticket_id=done.id, now=_at(-7, 12))
    session.commit()
    return {
        "on_time": on_time,
        "at_risk": at_risk,
        "breached": breached,
        "paused": paused,
        "non_sla": non_sla,
        "closed": done,
        "other_org": other_org,
    }


NOW = _at(0, 15, 30)


def _numbers_of(page) -> list[str]:
    return [row["number"] for row in page.rows]


def test_the_queue_lists_open_tickets_oldest_due_first(session, world, queue_world):
    page = desk.queue(session=session, actor=world["agent"], now=NOW)

    q = queue_world
    # The pending ticket sorts by its deadline as of its pause (Mon 17:00 like at_risk,
    # raised at the same time, but later).
    assert _numbers_of(page) == [
        q["breached"].number,
        q["at_risk"].number,
        q["paused"].number,
        q["on_time"].number,
        q["non_sla"].number,
    ]
    first = page.rows[0]
    assert first["customer"] == "Acme Ibérica"
    assert (first["serial"], first["model"]) == ("SN-DESK-1", "Colour MFP 4000")
    assert first["type_key"] == "ticket_type.paper_jam"
    assert first["light"] == "breached" and first["resolution_due"]
    assert page.rows[-1]["agent"] == world["agent"].full_name
    assert page.rows[-1]["resolution_due"] == "" and page.rows[-1]["light"] == "non_sla"


@pytest.mark.parametrize("risk", desk.RISKS)
def test_each_risk_filter_finds_the_tickets_showing_that_light(session, world, queue_world, risk):
    page = desk.queue(
        session=session, actor=world["agent"], filters=desk.QueueFilters(risk=risk), now=NOW
    )
    assert _numbers_of(page) == [queue_world[risk].number]
    assert page.rows[0]["light"] == risk


def test_breached_counts_closed_tickets_that_missed_their_deadline(session, world, queue_world):
    page = desk.queue(
        session=session,
        actor=world["agent"],
        filters=desk.QueueFilters(status="all", risk="breached"),
        now=NOW,
    )
    assert _numbers_of(page) == [queue_world["breached"].number]
    late = make_ticket(session, world["product"], created_at=_at(-7, 9))
    desk.add_activity(
        session=session,
        actor=world["agent"],
        ticket_id=late.id,
        data=_onsite(visit_start=_at(-3, 10), visit_end=_at(-3, 11)),
        now=_at(-3, 11),
    )
    page = desk.queue(
        session=session,
        actor=world["agent"],
        filters=desk.QueueFilters(status="solved", risk="breached"),
        now=NOW,
    )
    assert _numbers_of(page) == [late.number]


def test_status_customer_type_and_assignment_filters(session, world, queue_world):
    agent = world["agent"]
    q = queue_world

    def numbers(**filters):
        return set(
            _numbers_of(
                desk.queue(
                    session=session, actor=agent, filters=desk.QueueFilters(**filters), now=NOW
                )
            )
        )

    assert numbers(status="closed") == {q["closed"].number}
    assert numbers(status="pending") == {q["paused"].number}
    assert len(numbers(status="all")) == 6
    assert numbers(customer=q["other_org"].id) == {q["non_sla"].number}
    assert numbers(customer=str(world["org"].id), ticket_type="paper_jam") == {q["breached"].number}
    assert numbers(mine="mine") == {q["non_sla"].number}
    assert q["non_sla"].number not in numbers(mine="unassigned")
    # Nonsense from the browser means "no filter".
    assert numbers(status="hacked", risk="';--", customer="x", ticket_type="?", mine="all") == (
        numbers()
    )


def test_the_queue_pages_in_the_database(session, world):
    for hour in range(12):
        make_ticket(session, world["product"], created_at=_at(0, 7) + timedelta(minutes=5 * hour))
    session.commit()

    first = desk.queue(session=session, actor=world["agent"], page=1, page_size=10, now=NOW)
    second = desk.queue(session=session, actor=world["agent"], page=2, page_size=10, now=NOW)
    beyond = desk.queue(session=session, actor=world["agent"], page=99, page_size=10, now=NOW)

    assert (first.total, first.pages, len(first.rows)) == (12, 2, 10)
    assert len(second.rows) == 2 and second.page == 2
    assert beyond.page == 2 and _numbers_of(beyond) == _numbers_of(second)
    dues = [row["resolution_due"] for row in first.rows + second.rows]
    assert dues == sorted(dues)
    assert not set(_numbers_of(first)) & set(_numbers_of(second))


def test_customer_options_list_every_organisation(session, world, queue_world):
    options = desk.customer_options(session=session, actor=world["agent"])
    assert [o["name"] for o in options] == ["Acme Ibérica", "Beta Logística"]
