"""Service and ticket states called as a browser would: wrong users, other organisations' ids,
anonymous visitors (SPEC A6, C1–C3)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import reflex as rx
from reflex.istate.data import ReflexURL, RouterData
from sqlmodel import select

from portal.models import Role, Ticket, TicketActivity
from portal.services import ticket_clock, tickets
from portal.state.service import ServiceState
from portal.state.ticket import TicketNewState, TicketState
from tests.factories import (
    assign_product,
    make_account,
    make_contract_line,
    make_model,
    make_org,
    make_product,
    make_user,
)

STATES = (ServiceState, TicketNewState, TicketState)
FORM = {
    "ticket_type": "hardware_fault",
    "error_code": "C-3000",
    "description": "The machine shows C-3000 and stops.",
    "your_reference": "",
    "contact_name": "Ana",
    "contact_phone": "600123456",
    "availability": "",
}


def _state(cls, path: str = "/service"):
    """A state inside its tree, as the state manager builds it, on ``path``."""
    root = rx.State(_reflex_internal_init=True)
    state = root.get_substate(cls.get_full_name().split("."))
    state.router = RouterData(url=ReflexURL(f"http://localhost:3000{path}"))
    return state


@pytest.fixture
def world(session, clock):
    """Org A with a device manager of one product (with a ticket); org B with a solved ticket."""
    org = make_org(session)
    account = make_account(session, org)
    line = make_contract_line(session, account)
    model = make_model(session)
    mine = make_product(session, account=account, model=model, serial="MINE-1")
    mine.contract_line_id = line.id
    session.add(mine)
    unassigned = make_product(session, account=account, model=model, serial="NOTMINE-1")
    manager = make_user(session, org, role=Role.DEVICE_MANAGER)
    assign_product(session, manager, mine)
    reader = make_user(session, org, role=Role.KNOWLEDGE_USER)
    org_b = make_org(session)
    theirs = make_product(session, org_b, serial="THEIRS-1")
    admin_b = make_user(session, org_b, role=Role.ADMINISTRATOR)
    session.commit()

    def raise_ticket(actor, product):
        ticket = tickets.create_ticket(
            session=session,
            actor=actor,
            data=tickets.TicketCreate(product_id=product.id, **FORM),
        )
        session.commit()
        return ticket

    my_ticket = raise_ticket(manager, mine)
    their_ticket = raise_ticket(admin_b, theirs)
    ticket_clock.record_status(
        session=session,
        ticket=their_ticket,
        status="solved",
        actor=None,
        activity_type="Resolution – Remote",
        now=clock.current + timedelta(hours=1),
        is_resolution=True,
        diagnosis="Driver",
        action="Reinstalled",
    )
    session.commit()
    return {
        "manager": manager,
        "reader": reader,
        "admin_b": admin_b,
        "mine": mine,
        "unassigned": unassigned,
        "theirs": theirs,
        "my_ticket": my_ticket,
        "their_ticket": their_ticket,
    }


def _tickets(session) -> list[Ticket]:
    session.expire_all()
    return session.exec(select(Ticket)).all()


def test_device_manager_cannot_raise_a_ticket_for_another_organisations_product(
    db, act_as, session, world
):
    act_as(world["manager"])
    state = _state(TicketNewState, "/service/new")
    state.load()

    state.choose_product(str(world["theirs"].id))
    assert state.chosen_product_id == ""
    assert state.errors["product_id"] == "error.not_found"

    # A tampered state holding a foreign product id still creates nothing.
    state.chosen_product_id = str(world["theirs"].id)
    result = state.submit(FORM)

    assert result is None
    assert len(_tickets(session)) == 2
    assert state.errors["product_id"] == "error.not_found"
    assert state.chosen_product_id == ""


def test_preselected_product_outside_the_scope_is_ignored(db, act_as, world):
    act_as(world["manager"])
    state = _state(TicketNewState, f"/service/new?product={world['unassigned'].id}")

    state.load()

    assert state.chosen_product_id == ""
    assert [p["serial"] for p in state.product_results] == ["MINE-1"]


def test_device_manager_raises_a_ticket_through_the_form(db, act_as, session, world):
    act_as(world["manager"])
    state = _state(TicketNewState, f"/service/new?product={world['mine'].id}")
    state.load()
    assert state.chosen_product_id == str(world["mine"].id)

    state.submit({**FORM, "description": "short"})
    assert state.errors["description"] == "error.ticket_description_short"
    assert len(_tickets(session)) == 2

    result = state.submit(FORM)

    new = [
        t
        for t in _tickets(session)
        if t.product_id == world["mine"].id and t.id != world["my_ticket"].id
    ]
    assert len(new) == 1
    assert f"/service/tickets/{new[0].id}?created=1" in str(result)


def test_knowledge_user_is_denied_the_form_and_the_list(db, act_as, session, world):
    act_as(world["reader"])
    form = _state(TicketNewState, "/service/new")
    form.load()
    form.chosen_product_id = str(world["mine"].id)
    form.submit(FORM)
    listing = _state(ServiceState)
    listing.load()

    assert form.denied is True
    assert len(_tickets(session)) == 2
    assert (listing.denied, listing.rows) == (True, [])


def test_service_list_shows_only_tickets_in_scope(db, act_as, world):
    act_as(world["manager"])
    state = _state(ServiceState)

    state.load()

    assert [row["number"] for row in state.rows] == [world["my_ticket"].number]
    assert state.rows[0]["light"] == "on_time"
    assert state.can_create is True
    state.set_view("everything")
    assert state.view == "open"
    state.set_page_size("1000")
    assert state.page_size == 10
    state.apply_filters({"serial": "THEIRS", "status": "nonsense"})
    assert (state.total, state.filter_status) == (0, "")
    state.set_view("closed")
    assert state.rows == []


def test_ticket_number_search_stays_in_scope(db, act_as, world):
    act_as(world["manager"])
    state = _state(ServiceState)

    assert state.find_number({"number": world["their_ticket"].number}) is None
    assert state.number_not_found is True
    found = state.find_number({"number": world["my_ticket"].number})
    assert f"/service/tickets/{world['my_ticket'].id}" in str(found)
    assert state.number_not_found is False


def test_other_organisations_ticket_is_not_found(db, act_as, world):
    act_as(world["manager"])
    state = _state(TicketState, f"/service/tickets/{world['their_ticket'].id}")

    state.load()

    assert (state.loaded, state.found, state.ticket, state.activities) == (True, False, {}, [])


def test_rating_someone_elses_ticket_is_refused(db, act_as, session, world):
    act_as(world["manager"])
    state = _state(TicketState, f"/service/tickets/{world['my_ticket'].id}")
    state.load()
    # The id comes from the URL at load time; a tampered server var is what it would take.
    state._ticket_id = world["their_ticket"].id

    state.rate({"rating": "1", "comment": "bad"})
    state.add_note({"note": "Let me in"})

    assert state.rating_error == "error.permission_denied"
    assert state.note_error == "error.permission_denied"
    session.expire_all()
    assert session.get(Ticket, world["their_ticket"].id).rating is None
    notes = session.exec(
        select(TicketActivity).where(TicketActivity.activity_type == "Customer note")
    ).all()
    assert notes == []


def test_owner_rates_and_notes_through_the_page(db, act_as, session, world):
    act_as(world["admin_b"])
    state = _state(TicketState, f"/service/tickets/{world['their_ticket'].id}?created=1")
    state.load()
    assert state.found is True
    assert state.just_created is True
    assert state.can_rate is True
    assert state.can_add_note is False

    state.rate({"rating": "9"})
    assert state.rating_error == "error.ticket_rating_invalid"
    state.rate({"rating": "5", "comment": "Great"})

    assert (state.rating, state.rating_comment, state.can_rate) == (5, "Great", False)
    assert state.rated_now is True
    state.add_note({"note": "Thanks"})
    assert state.note_error == "error.ticket_not_open"


def test_manager_adds_a_note_to_their_open_ticket(db, act_as, world):
    act_as(world["manager"])
    state = _state(TicketState, f"/service/tickets/{world['my_ticket'].id}")
    state.load()

    state.add_note({"note": ""})
    assert state.note_error == "error.required"
    state.add_note({"note": "Tray 2 again"})

    assert state.note_error == ""
    assert state.note_added is True
    assert state.activities[-1]["activity_type"] == "Customer note"
    assert state.activities[-1]["text"] == "Tray 2 again"


def test_anonymous_visitor_gets_nothing(db, world):
    """No session cookie: the real ``_actor`` finds nobody."""
    detail = _state(TicketState, f"/service/tickets/{world['my_ticket'].id}")
    detail.load()
    detail.rate({"rating": "5"})
    form = _state(TicketNewState, "/service/new")
    form.load()
    form.chosen_product_id = str(world["mine"].id)
    listing = _state(ServiceState)
    listing.load()

    assert form.submit(FORM) is None
    assert (detail.found, detail.ticket) == (False, {})
    assert form.product_results == []
    assert listing.rows == []
