"""The customer's tickets (SPEC C1–C3): create, search, detail, notes and ratings, by scope."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.models import (
    AlertPreference,
    AuditLog,
    OutboxMessage,
    Role,
    Ticket,
    TicketActivity,
    UserStatus,
)
from portal.services import ticket_clock, tickets
from portal.services.tickets import TicketCreate, TicketFilters
from tests.factories import (
    assign_product,
    make_account,
    make_contract_line,
    make_group,
    make_model,
    make_org,
    make_product,
    make_user,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # Monday, 10:00 in Madrid


@pytest.fixture
def fleet(session, clock):
    """Org A: a covered account (Gold 4 h / 8 h) with three products; org B: one product."""
    org = make_org(session, "Org A")
    account = make_account(session, org)
    line = make_contract_line(session, account)
    model = make_model(session, "Bizhub C300i")
    products = [
        make_product(session, account=account, model=model, serial=f"AB{n}00") for n in range(3)
    ]
    for product in products:
        product.contract_line_id = line.id
        session.add(product)
    admin = make_user(session, org, role=Role.ADMINISTRATOR, last_name="Admin")
    manager = make_user(session, org, role=Role.DEVICE_MANAGER, language="en", last_name="Manager")
    manager.email = "manager@a.example"
    assign_product(session, manager, products[0])
    make_group(session, org, products=[products[1]], users=[manager])
    reader = make_user(session, org, role=Role.KNOWLEDGE_USER)
    agent = make_user(session, role=Role.AGENT)
    org_b = make_org(session, "Org B")
    other = make_product(session, org_b, serial="ZZ900")
    other_admin = make_user(session, org_b, role=Role.ADMINISTRATOR)
    session.commit()
    return {
        "org": org,
        "line": line,
        "products": products,
        "admin": admin,
        "manager": manager,
        "reader": reader,
        "agent": agent,
        "other": other,
        "other_admin": other_admin,
    }


def _form(product, **overrides) -> TicketCreate:
    values = {
        "product_id": product.id,
        "ticket_type": "paper_jam",
        "error_code": " j-12 ",
        "description": "Paper jams in tray 2 on every job.",
        "your_reference": "PO-77",
        "contact_name": "Ana García",
        "contact_phone": "+34 600 123 456",
        "availability": "Mornings",
    }
    values.update(overrides)
    return TicketCreate(**values)


def _create(session, actor, product, **overrides) -> Ticket:
    ticket = tickets.create_ticket(session=session, actor=actor, data=_form(product, **overrides))
    session.commit()
    return ticket


def _count(session, model) -> int:
    return len(session.exec(select(model)).all())


# --- create -------------------------------------------------------------------------


def test_device_manager_raises_a_ticket_with_sla_deadlines(session, fleet):
    manager = fleet["manager"]
    ticket = _create(session, manager, fleet["products"][0])

    assert re.fullmatch(r"1-\d{9}", ticket.number)
    assert ticket.status == "new"
    assert ticket.error_code == "J-12"
    assert ticket.created_by_id == manager.id
    assert ticket.service_level_id is not None
    # Gold: 4 h response, 8 h resolution, from Monday 10:00 Madrid.
    assert ticket.response_due_at == NOW + timedelta(hours=4)
    assert ticket.resolution_due_at == NOW + timedelta(hours=8)
    activities = session.exec(select(TicketActivity)).all()
    assert [(a.activity_type, a.status, a.author_id) for a in activities] == [
        ("Call received", "new", manager.id)
    ]
    assert activities[0].text == "Paper jams in tray 2 on every job."
    audit = session.exec(select(AuditLog).where(AuditLog.action == "ticket.created")).one()
    assert (audit.object_id, audit.organisation_id) == (ticket.id, fleet["org"].id)


def test_confirmation_email_goes_to_the_creator_in_their_language(session, fleet):
    ticket = _create(session, fleet["manager"], fleet["products"][0])

    messages = session.exec(select(OutboxMessage)).all()
    assert [m.to_address for m in messages] == ["manager@a.example"]
    assert ticket.number in messages[0].subject
    assert "We have registered ticket" in messages[0].text_body
    assert f"/service/tickets/{ticket.id}" in messages[0].text_body


def test_no_confirmation_email_when_the_creator_turned_it_off(session, fleet):
    manager = fleet["manager"]
    session.add(AlertPreference(user_id=manager.id, event="ticket_opened", enabled=False))
    session.commit()

    _create(session, manager, fleet["products"][0])

    assert _count(session, OutboxMessage) == 0
    assert _count(session, Ticket) == 1


def test_expired_contract_line_gives_a_non_sla_ticket(session, fleet):
    fleet["line"].status = "expired"
    session.add(fleet["line"])
    session.commit()

    ticket = _create(session, fleet["admin"], fleet["products"][2])

    assert ticket.service_level_id is None
    assert (ticket.response_due_at, ticket.resolution_due_at) == (None, None)
    assert ticket_clock.light_for(session=session, ticket=ticket, now=NOW) == "non_sla"


def test_line_that_ended_before_today_gives_a_non_sla_ticket(session, fleet):
    fleet["line"].end_date = date(2026, 3, 1)
    session.add(fleet["line"])
    session.commit()

    ticket = _create(session, fleet["admin"], fleet["products"][2])

    assert ticket.service_level_id is None


@pytest.mark.parametrize(
    ("overrides", "field", "key"),
    [
        ({"product_id": None}, "product_id", "error.required"),
        ({"product_id": "abc"}, "product_id", "error.required"),
        ({"ticket_type": ""}, "ticket_type", "error.required"),
        ({"ticket_type": "teleportation"}, "ticket_type", "error.ticket_type_invalid"),
        ({"error_code": "E" * 41}, "error_code", "error.too_long"),
        ({"description": "   "}, "description", "error.required"),
        ({"description": "Broken"}, "description", "error.ticket_description_short"),
        ({"description": "x" * 4001}, "description", "error.too_long"),
        ({"your_reference": "R" * 61}, "your_reference", "error.too_long"),
        ({"contact_name": ""}, "contact_name", "error.required"),
        ({"contact_phone": ""}, "contact_phone", "error.required"),
        ({"contact_phone": "call me maybe"}, "contact_phone", "error.phone_invalid"),
        ({"availability": "a" * 201}, "availability", "error.too_long"),
    ],
)
def test_each_field_is_validated(session, fleet, overrides, field, key):
    with pytest.raises(ValidationFailed) as caught:
        tickets.create_ticket(
            session=session, actor=fleet["admin"], data=_form(fleet["products"][0], **overrides)
        )

    assert caught.value.errors[field] == key
    session.rollback()
    assert _count(session, Ticket) == 0


def test_form_errors_are_reported_together(session, fleet):
    with pytest.raises(ValidationFailed) as caught:
        tickets.create_ticket(
            session=session,
            actor=fleet["admin"],
            data=TicketCreate(product_id=fleet["products"][0].id),
        )

    assert set(caught.value.errors) == {
        "ticket_type",
        "description",
        "contact_name",
        "contact_phone",
    }


def test_product_outside_the_scope_is_not_found(session, fleet):
    manager = fleet["manager"]
    for product in (fleet["products"][2], fleet["other"]):
        with pytest.raises(NotFound):
            tickets.create_ticket(session=session, actor=manager, data=_form(product))
    with pytest.raises(NotFound):
        tickets.create_ticket(
            session=session, actor=manager, data=_form(fleet["products"][0], product_id=999999)
        )
    session.rollback()
    assert _count(session, Ticket) == 0


def test_inactive_product_is_refused(session, fleet):
    product = fleet["products"][0]
    product.status = "inactive"
    session.add(product)
    session.commit()

    with pytest.raises(ValidationFailed) as caught:
        tickets.create_ticket(session=session, actor=fleet["admin"], data=_form(product))

    assert caught.value.errors == {"product_id": "error.ticket_product_inactive"}


@pytest.mark.parametrize("who", ["reader", "agent"])
def test_only_customers_raise_tickets(session, fleet, who):
    with pytest.raises(PermissionDenied):
        tickets.create_ticket(session=session, actor=fleet[who], data=_form(fleet["products"][0]))
    assert _count(session, Ticket) == 0


def test_suspended_user_cannot_raise_tickets(session, fleet):
    admin = fleet["admin"]
    admin.status = UserStatus.INACTIVE.value
    session.add(admin)
    session.commit()

    with pytest.raises(PermissionDenied):
        tickets.create_ticket(session=session, actor=admin, data=_form(fleet["products"][0]))


def test_ticket_numbers_are_unique(session, fleet, monkeypatch):
    first = _create(session, fleet["admin"], fleet["products"][0])
    taken = int(first.number[2:])
    draws = iter([taken, taken, 123])
    monkeypatch.setattr(tickets.secrets, "randbelow", lambda _: next(draws))

    second = _create(session, fleet["admin"], fleet["products"][1])

    assert second.number == "1-000000123"


def test_knowledge_suggestions_are_empty_until_the_search_exists(session, fleet):
    found = tickets.suggest_articles(
        session=session,
        actor=fleet["admin"],
        product_id=fleet["products"][0].id,
        error_code="J-12",
        description="paper jam",
        language="es",
    )

    assert found == []


def test_product_picker_lists_active_products_in_scope(session, fleet):
    fleet["products"][1].status = "inactive"
    session.add(fleet["products"][1])
    session.commit()

    found = tickets.visible_products_for_ticket(session=session, actor=fleet["manager"], serial="")
    assert [p["serial"] for p in found] == ["AB000"]
    admin_found = tickets.visible_products_for_ticket(
        session=session, actor=fleet["admin"], serial="ab 2"
    )
    assert [p["serial"] for p in admin_found] == ["AB200"]
    with pytest.raises(NotFound):
        tickets.product_choice(
            session=session, actor=fleet["manager"], product_id=fleet["other"].id
        )


# --- search -------------------------------------------------------------------------


def _raise(session, fleet, who="admin", product=0, **overrides) -> Ticket:
    return _create(session, fleet[who], fleet["products"][product], **overrides)


def _solve(session, ticket, at, *, close=False, resolution=True):
    ticket_clock.record_status(
        session=session,
        ticket=ticket,
        status="solved",
        actor=None,
        activity_type="Resolution – Onsite",
        subtype="Engineer visit – SLA",
        text="Fixed",
        now=at,
        is_resolution=resolution,
        diagnosis="Worn pick-up roller",
        action="Replaced the roller",
        parts=["Pick-up roller"],
        visit_start=at - timedelta(hours=1),
        visit_end=at,
        counters={"total": 120345, "black": 100000},
    )
    if close:
        ticket_clock.record_status(
            session=session,
            ticket=ticket,
            status="closed",
            actor=None,
            activity_type="Closed – Confirmation",
            now=at + timedelta(days=1),
        )
    session.commit()


def _numbers(page) -> list[str]:
    return [row["number"] for row in page.rows]


def test_open_and_closed_lists_are_split_and_ordered(session, fleet, clock):
    first = _raise(session, fleet)
    clock.advance(hours=1)
    second = _raise(session, fleet, product=1, your_reference="PO-8")
    clock.advance(hours=1)
    solved = _raise(session, fleet, product=2)
    _solve(session, solved, clock.current)
    clock.advance(hours=1)
    closed = _raise(session, fleet, product=2)
    _solve(session, closed, clock.current - timedelta(minutes=30), close=True)
    admin = fleet["admin"]

    open_page = tickets.search_tickets(session=session, actor=admin, closed=False)
    closed_page = tickets.search_tickets(session=session, actor=admin, closed=True)

    assert _numbers(open_page) == [second.number, first.number]
    # Closed list: latest close/solve first (closed one closes a day after its solution).
    assert _numbers(closed_page) == [closed.number, solved.number]
    row = open_page.rows[0]
    assert row["your_reference"] == "PO-8"
    assert row["product_serial"] == "AB100"
    assert row["product_name"] == "Bizhub C300i"
    assert row["type_key"] == "ticket_type.paper_jam"
    assert row["status_key"] == "ticket_status.new"
    assert row["light"] == "on_time"
    assert row["light_key"] == "sla.light.on_time"
    assert row["sla_due"] == "2026-03-02 15:00"  # response due, Madrid time
    assert row["submitted_by"].endswith("Admin")
    assert row["href"] == f"/service/tickets/{second.id}"
    assert closed_page.rows[0]["closed_on"] == "2026-03-03"


def test_open_list_shows_breached_and_paused_lights(session, fleet, clock):
    late = _raise(session, fleet)
    waiting = _raise(session, fleet, product=1)
    ticket_clock.record_status(
        session=session,
        ticket=waiting,
        status="pending",
        actor=fleet["agent"],
        activity_type="Pending – Parts",
        now=clock.current,
    )
    session.commit()
    clock.advance(hours=6)

    page = tickets.search_tickets(session=session, actor=fleet["admin"])

    lights = {row["number"]: row["light"] for row in page.rows}
    assert lights == {late.number: "breached", waiting.number: "paused"}


def test_device_manager_sees_only_tickets_of_products_in_scope(session, fleet):
    mine = _raise(session, fleet, product=0)
    via_group = _raise(session, fleet, product=1)
    _raise(session, fleet, product=2)
    _create(session, fleet["other_admin"], fleet["other"])

    page = tickets.search_tickets(session=session, actor=fleet["manager"])

    assert set(_numbers(page)) == {mine.number, via_group.number}
    assert page.total == 2
    other_org = tickets.search_tickets(session=session, actor=fleet["other_admin"])
    assert other_org.total == 1


def test_filters_narrow_the_list(session, fleet, clock):
    a = _raise(session, fleet, product=0, ticket_type="hardware_fault", your_reference="OT-1")
    clock.advance(days=2)
    b = _raise(session, fleet, who="manager", product=1, your_reference="ot-22")
    ticket_clock.record_status(
        session=session,
        ticket=b,
        status="assigned",
        actor=fleet["agent"],
        activity_type="Assigned – Dispatch",
        now=clock.current,
    )
    session.commit()
    admin = fleet["admin"]

    def search(**kw):
        return set(
            _numbers(
                tickets.search_tickets(session=session, actor=admin, filters=TicketFilters(**kw))
            )
        )

    assert search(number=a.number) == {a.number}
    assert search(number=b.number[:5]) >= {b.number}
    assert search(status="assigned") == {b.number}
    assert search(status="closed") == set()
    assert search(ticket_type="hardware_fault") == {a.number}
    assert search(serial="ab 1") == {b.number}
    assert search(date_from="2026-03-03") == {b.number}
    assert search(date_to="2026-03-02") == {a.number}
    assert search(date_from="2026-03-02", date_to="2026-03-04") == {a.number, b.number}
    assert search(submitted_by=str(fleet["manager"].id)) == {b.number}
    assert search(reference="OT-2") == {b.number}
    assert search(reference="ot") == {a.number, b.number}
    # Nonsense is ignored rather than failing.
    assert search(status="lost", ticket_type="x", date_from="yesterday") == {a.number, b.number}


def test_submitted_by_of_another_organisation_matches_nothing(session, fleet):
    _raise(session, fleet)
    _create(session, fleet["other_admin"], fleet["other"])

    page = tickets.search_tickets(
        session=session,
        actor=fleet["admin"],
        filters=TicketFilters(submitted_by=fleet["other_admin"].id),
    )

    assert page.total == 0
    options = tickets.submitter_options(session=session, actor=fleet["admin"])
    assert [o["value"] for o in options] == [str(fleet["admin"].id)]


def test_paging_with_records_per_page(session, fleet, clock):
    made = []
    for _ in range(12):
        made.append(_raise(session, fleet))
        clock.advance(minutes=5)
    admin = fleet["admin"]

    first = tickets.search_tickets(session=session, actor=admin, page_size=5)
    third = tickets.search_tickets(session=session, actor=admin, page_size=5, page=3)
    beyond = tickets.search_tickets(session=session, actor=admin, page_size=5, page=99)
    odd = tickets.search_tickets(session=session, actor=admin, page_size=7)

    assert (first.total, first.pages, len(first.rows)) == (12, 3, 5)
    assert _numbers(first) == [t.number for t in reversed(made)][:5]
    assert len(third.rows) == 2
    assert beyond.page == 3
    assert len(odd.rows) == 10  # not an offered size: the default


@pytest.mark.parametrize("role", [Role.KNOWLEDGE_USER, Role.STOCK_MANAGER, Role.PROVIDER_ADMIN])
def test_roles_without_service_may_not_search_tickets(session, fleet, role):
    user = make_user(session, fleet["org"], role=role)
    session.commit()

    with pytest.raises(PermissionDenied):
        tickets.search_tickets(session=session, actor=user)


def test_agent_reads_tickets_of_every_customer(session, fleet):
    mine = _raise(session, fleet)
    theirs = _create(session, fleet["other_admin"], fleet["other"])

    page = tickets.search_tickets(session=session, actor=fleet["agent"])
    detail = tickets.ticket_detail(session=session, actor=fleet["agent"], ticket_id=theirs.id)

    assert set(_numbers(page)) == {mine.number, theirs.number}
    assert (detail["can_add_note"], detail["can_rate"]) == (False, False)


def test_find_ticket_by_number_within_scope(session, fleet):
    mine = _raise(session, fleet, product=0)
    theirs = _create(session, fleet["other_admin"], fleet["other"])
    manager = fleet["manager"]

    spaced = f" {mine.number[:5]} {mine.number[5:]} "
    assert tickets.find_ticket_by_number(session=session, actor=manager, number=spaced).id == (
        mine.id
    )
    for number in (theirs.number, mine.number[:6], "", None):
        with pytest.raises(NotFound):
            tickets.find_ticket_by_number(session=session, actor=manager, number=number)


# --- detail, notes, rating ----------------------------------------------------------


def test_detail_shows_summary_sla_and_updates(session, fleet):
    ticket = _raise(session, fleet, who="manager")

    detail = tickets.ticket_detail(session=session, actor=fleet["manager"], ticket_id=ticket.id)

    assert detail["ticket"]["number"] == ticket.number
    assert detail["ticket"]["error_code"] == "J-12"
    assert detail["ticket"]["created"] == "2026-03-02 10:00"
    assert detail["sla"]["service_level"] == "Gold"
    assert detail["sla"]["response_due"] == "2026-03-02 14:00"
    assert detail["sla"]["response_light"] == "on_time"
    assert detail["product"]["serial"] == "AB000"
    assert detail["product"]["href"] == f"/products/{ticket.product_id}"
    assert [a["activity_type"] for a in detail["activities"]] == ["Call received"]
    assert detail["reviews"] == []
    assert (detail["can_add_note"], detail["can_rate"]) == (True, False)


def test_detail_of_another_organisation_is_not_found(session, fleet):
    theirs = _create(session, fleet["other_admin"], fleet["other"])
    outside = _raise(session, fleet, product=2)

    for ticket in (theirs, outside):
        with pytest.raises(NotFound):
            tickets.ticket_detail(session=session, actor=fleet["manager"], ticket_id=ticket.id)
    with pytest.raises(NotFound):
        tickets.ticket_detail(session=session, actor=fleet["manager"], ticket_id="1 OR 1=1")


def test_customer_adds_a_note_to_an_open_ticket(session, fleet, clock):
    ticket = _raise(session, fleet, who="manager")
    clock.advance(minutes=30)

    activity = tickets.add_note(
        session=session, actor=fleet["manager"], ticket_id=ticket.id, text="  Still jamming  "
    )
    session.commit()

    assert (activity.activity_type, activity.status, activity.text) == (
        "Customer note",
        "new",
        "Still jamming",
    )
    detail = tickets.ticket_detail(session=session, actor=fleet["admin"], ticket_id=ticket.id)
    assert [a["text"] for a in detail["activities"]][-1] == "Still jamming"
    assert ticket.responded_at is None


def test_notes_only_on_open_tickets_and_by_customers(session, fleet, clock):
    ticket = _raise(session, fleet, who="manager")
    with pytest.raises(ValidationFailed) as empty:
        tickets.add_note(session=session, actor=fleet["manager"], ticket_id=ticket.id, text=" ")
    assert empty.value.errors == {"text": "error.required"}
    with pytest.raises(PermissionDenied):
        tickets.add_note(session=session, actor=fleet["agent"], ticket_id=ticket.id, text="Hi")
    with pytest.raises(NotFound):
        tickets.add_note(
            session=session, actor=fleet["other_admin"], ticket_id=ticket.id, text="Hi"
        )
    _solve(session, ticket, clock.current + timedelta(hours=1))

    with pytest.raises(ValidationFailed) as closed:
        tickets.add_note(session=session, actor=fleet["manager"], ticket_id=ticket.id, text="Hi")

    assert closed.value.errors == {"text": "error.ticket_not_open"}
    detail = tickets.ticket_detail(session=session, actor=fleet["manager"], ticket_id=ticket.id)
    assert detail["can_add_note"] is False


def test_review_and_rating_of_a_solved_ticket(session, fleet, clock):
    ticket = _raise(session, fleet, who="manager")
    with pytest.raises(ValidationFailed) as early:
        tickets.rate_resolution(
            session=session, actor=fleet["manager"], ticket_id=ticket.id, rating=5
        )
    assert early.value.errors == {"rating": "error.ticket_not_solved"}
    _solve(session, ticket, clock.current + timedelta(hours=2), close=True)

    detail = tickets.ticket_detail(session=session, actor=fleet["manager"], ticket_id=ticket.id)
    assert detail["can_rate"] is True
    [review] = detail["reviews"]
    assert review["diagnosis"] == "Worn pick-up roller"
    assert review["parts"] == ["Pick-up roller"]
    assert review["visit_start"] == "2026-03-02 11:00"
    assert review["visit_end"] == "2026-03-02 12:00"
    assert {c["code"]: c["value"] for c in review["counters"]} == {
        "black": "100000",
        "total": "120345",
    }
    assert detail["sla"]["resolution_light"] == "met"

    for bad in (0, 6, "five", None):
        with pytest.raises(ValidationFailed) as wrong:
            tickets.rate_resolution(
                session=session, actor=fleet["manager"], ticket_id=ticket.id, rating=bad
            )
        assert wrong.value.errors["rating"] == "error.ticket_rating_invalid"
    with pytest.raises(ValidationFailed) as long_comment:
        tickets.rate_resolution(
            session=session,
            actor=fleet["manager"],
            ticket_id=ticket.id,
            rating=4,
            comment="x" * 2001,
        )
    assert long_comment.value.errors == {"comment": "error.too_long"}

    tickets.rate_resolution(
        session=session, actor=fleet["manager"], ticket_id=ticket.id, rating="4", comment="Quick"
    )
    session.commit()
    detail = tickets.ticket_detail(session=session, actor=fleet["admin"], ticket_id=ticket.id)
    assert (detail["rating"], detail["rating_comment"], detail["can_rate"]) == (4, "Quick", False)

    with pytest.raises(ValidationFailed) as again:
        tickets.rate_resolution(
            session=session, actor=fleet["admin"], ticket_id=ticket.id, rating=1
        )
    assert again.value.errors == {"rating": "error.ticket_already_rated"}


def test_solved_without_a_resolution_report_cannot_be_rated(session, fleet, clock):
    ticket = _raise(session, fleet)
    _solve(session, ticket, clock.current + timedelta(hours=1), resolution=False)

    with pytest.raises(ValidationFailed):
        tickets.rate_resolution(
            session=session, actor=fleet["admin"], ticket_id=ticket.id, rating=5
        )


def test_rating_someone_elses_ticket_is_refused(session, fleet, clock):
    ticket = _raise(session, fleet, product=2)
    _solve(session, ticket, clock.current + timedelta(hours=1))

    with pytest.raises(NotFound):
        tickets.rate_resolution(
            session=session, actor=fleet["other_admin"], ticket_id=ticket.id, rating=1
        )
    with pytest.raises(NotFound):
        tickets.rate_resolution(
            session=session, actor=fleet["manager"], ticket_id=ticket.id, rating=1
        )
    with pytest.raises(PermissionDenied):
        tickets.rate_resolution(
            session=session, actor=fleet["agent"], ticket_id=ticket.id, rating=1
        )
    session.refresh(ticket)
    assert ticket.rating is None
