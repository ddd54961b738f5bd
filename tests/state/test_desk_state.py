"""The desk's states called as a browser would: customers, provider admins, anonymous
visitors and agents sending odd values (SPEC A6, F3)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import reflex as rx
from reflex.istate.data import ReflexURL, RouterData
from sqlmodel import Session, select

from portal.models import AuditLog, CounterType, OutboxMessage, Role, Ticket, TicketActivity
from portal.services import ticket_clock
from portal.state.desk import DeskState, DeskTicketState
from tests.factories import (
    assign_product,
    make_account,
    make_contract_line,
    make_model,
    make_org,
    make_product,
    make_user,
)

CREATED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _state(cls, path: str):
    """A state inside its tree, as the state manager builds it, on ``path``."""
    root = rx.State(_reflex_internal_init=True)
    state = root.get_substate(cls.get_full_name().split("."))
    state.router = RouterData(url=ReflexURL(f"http://localhost:3000{path}"))
    return state


@pytest.fixture
def world(session, clock):
    org = make_org(session, "Acme Ibérica")
    account = make_account(session, org)
    line = make_contract_line(session, account)
    model = make_model(session)
    session.add(CounterType(model_id=model.id, code="total", digits=8, position=0))
    product = make_product(session, account=account, model=model, serial="SN-STATE-1")
    product.contract_line_id = line.id
    session.add(product)
    manager = make_user(session, org, role=Role.DEVICE_MANAGER, email="manager@acme.example")
    assign_product(session, manager, product)
    admin = make_user(session, org, role=Role.ADMINISTRATOR)
    agent = make_user(session, role=Role.AGENT)
    provider_admin = make_user(session, role=Role.PROVIDER_ADMIN)
    ticket = Ticket(
        number="1-889000001",
        product_id=product.id,
        description="Paper jam",
        service_level_id=ticket_clock.service_level_for(session, product, CREATED.date()).id,
        created_by_id=manager.id,
        created_at=CREATED,
    )
    session.add(ticket)
    session.flush()
    ticket_clock.record_status(
        session=session,
        ticket=ticket,
        status="new",
        actor=manager,
        activity_type="Call received",
        now=CREATED,
    )
    session.commit()
    clock.advance(hours=2)
    return {
        "ticket": ticket,
        "manager": manager,
        "admin": admin,
        "agent": agent,
        "provider_admin": provider_admin,
    }


RESOLUTION = {
    "activity_type": "Resolution – Onsite",
    "subtype": "",
    "text": "Fixed",
    "diagnosis": "Roller worn",
    "action": "Roller replaced",
    "parts": "Roller",
    "visit_start": "2026-03-02T10:30",
    "visit_end": "2026-03-02T11:00",
    "counter-total": "1234",
}


def _every_handler(state: DeskTicketState) -> None:
    state.load()
    state.assign_to_me()
    state.change_status({"status": "assigned", "status_text": "x"})
    state.set_priority("urgent")
    state.add_activity(RESOLUTION)
    state.close()
    state.reopen()


def _unchanged(engine, ticket) -> None:
    with Session(engine) as session:
        row = session.get(Ticket, ticket.id)
        assert (row.status, row.priority, row.assigned_agent_id) == ("new", "normal", None)
        assert len(session.exec(select(TicketActivity)).all()) == 1
        assert session.exec(select(AuditLog)).all() == []
        assert session.exec(select(OutboxMessage)).all() == []


@pytest.mark.parametrize("who", ["manager", "admin", None])
def test_customers_calling_the_desk_handlers_change_nothing(db, act_as, world, who):
    act_as(world[who] if who else None)
    ticket = world["ticket"]
    state = _state(DeskTicketState, f"/desk/tickets/{ticket.id}")

    _every_handler(state)

    assert state.ticket == {} and state.activities == [] and state.ticket_id == 0
    assert state.denied is (who is not None)
    _unchanged(db, ticket)


@pytest.mark.parametrize("who", ["manager", "admin"])
def test_customers_get_the_no_permission_view_of_the_queue(db, act_as, world, who):
    act_as(world[who])
    state = _state(DeskState, "/desk")

    state.load()
    state.apply_filters({"status": "all"})
    state.next_page()

    assert state.denied is True
    assert state.rows == [] and state.customers == [] and state.total == 0


def test_a_provider_admin_reads_but_every_action_is_refused(db, act_as, world):
    act_as(world["provider_admin"])
    ticket = world["ticket"]
    state = _state(DeskTicketState, f"/desk/tickets/{ticket.id}")

    state.load()
    assert state.ticket["number"] == "1-889000001"
    assert state.can_act is False and state.is_agent_view is False

    state.assign_to_me()
    assert state.denied is True
    _unchanged(db, ticket)


def test_the_agent_sees_the_queue_with_filters_whitelisted(db, act_as, world):
    act_as(world["agent"])
    state = _state(DeskState, "/desk")

    state.load()
    assert [row["number"] for row in state.rows] == ["1-889000001"]
    assert state.rows[0]["link"] == f"/desk/tickets/{world['ticket'].id}"
    assert state.customers == [{"id": str(world["admin"].organisation_id), "name": "Acme Ibérica"}]

    state.apply_filters({"status": "closed", "risk": "nonsense", "customer": "1 OR 1=1"})
    assert (state.status, state.risk, state.customer) == ("closed", "", "")
    assert state.rows == [] and state.total == 0

    state.reset_filters()
    assert state.status == "open" and state.total == 1


def test_the_agent_works_a_ticket_through_the_state(db, act_as, world):
    act_as(world["agent"])
    ticket = world["ticket"]
    state = _state(DeskTicketState, f"/desk/tickets/{ticket.id}")
    state.lang = "en"

    state.load()
    assert state.ticket["status"] == "new"
    assert [o["value"] for o in state.status_options] == [
        "assigned",
        "planned",
        "pending",
        "solved",
    ]
    assert state.counters[0]["code"] == "total"

    state.assign_to_me()
    assert state.ticket["status"] == "assigned" and state.assigned_to_me is True
    assert state.message == "Ticket assigned."

    state.set_activity_type("Resolution – Onsite")
    assert state.is_resolution is True
    version = state.form_version
    state.add_activity({**RESOLUTION, "diagnosis": "", "counter-total": "-1"})
    assert state.errors["diagnosis"] == "This field is required."
    assert state.counters[0]["error"] == "A counter cannot be negative."
    assert state.form_version == version
    assert state.ticket["status"] == "assigned"

    state.add_activity(RESOLUTION)
    assert state.errors == {}
    assert state.ticket["status"] == "solved"
    assert state.form_version == version + 1
    assert state.activities[0]["diagnosis"] == "Roller worn"
    assert state.can_close is True

    state.close()
    assert state.ticket["status"] == "closed"
    state.add_activity({"activity_type": "Note", "text": "late"})
    assert state.errors["status"] == "This ticket is closed; reopen it first."

    state.reopen()
    assert state.ticket["status"] == "assigned" and state.errors == {}


def test_a_ticket_path_that_is_not_a_ticket_shows_not_found(db, act_as, world):
    act_as(world["agent"])
    for path in ("/desk/tickets/999999", "/desk/tickets/abc", "/desk/tickets/99999999999999"):
        state = _state(DeskTicketState, path)
        state.load()
        assert state.not_found is True and state.ticket == {}
        state.assign_to_me()
        assert state.not_found is True
