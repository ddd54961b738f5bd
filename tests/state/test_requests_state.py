"""The request pages' handlers called as a browser would, by the right and the wrong user
(SPEC C5, C6): refusals change nothing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import reflex as rx
from reflex.istate.data import ReflexURL, RouterData
from sqlmodel import Session, col, select

from portal.models import AuditLog, Inquiry, MoveRequest, OutboxMessage, Role
from portal.services import requests
from portal.services.requests import InquiryCreate, MoveCreate
from portal.state.requests import (
    DeskRequestsState,
    MoveDetailState,
    MoveState,
    RequestDetailState,
    RequestsState,
)
from tests.factories import assign_product, make_account, make_org, make_product, make_user

MOVE_FORM = {
    "new_address": "Calle de Alcalá 120",
    "new_postal_code": "28009",
    "new_city": "Madrid",
    "new_floor": "3",
    "new_room": "",
    "desired_date": "2026-03-20",
    "contact_name": "Ana López",
    "contact_phone": "+34 91 555 12 34",
    "notes": "",
}


def _state(cls, path: str):
    """A state inside its tree, as the state manager builds it, on ``path``."""
    root = rx.State(_reflex_internal_init=True)
    state = root.get_substate(cls.get_full_name().split("."))
    state.router = RouterData(url=ReflexURL(f"http://localhost:3000{path}"))
    return state


@pytest.fixture
def w(session, clock):
    org = make_org(session, "Demo")
    account = make_account(session, org)
    mine = make_product(session, account=account, serial="MINE-1")
    colleague = make_product(session, account=account, serial="COLLEAGUE-1")
    admin = make_user(session, org, role=Role.ADMINISTRATOR)
    manager = make_user(session, org, role=Role.DEVICE_MANAGER, email="m@x.example")
    assign_product(session, manager, mine)
    knowledge = make_user(session, org, role=Role.KNOWLEDGE_USER)
    agent = make_user(session, role=Role.AGENT)
    other = make_org(session, "Other")
    foreign = make_product(session, other, serial="FOREIGN-1")
    other_admin = make_user(session, other, role=Role.ADMINISTRATOR)
    session.commit()
    move = requests.create_move(
        session=session,
        actor=admin,
        data=MoveCreate(product_id=colleague.id, **MOVE_FORM),
    )
    inquiry = requests.create_inquiry(
        session=session,
        actor=admin,
        kind="suggestion",
        data=InquiryCreate(subject="Idea", text="Texto"),
    )
    session.commit()
    return SimpleNamespace(
        account=account,
        mine=mine,
        colleague=colleague,
        admin=admin,
        manager=manager,
        knowledge=knowledge,
        agent=agent,
        foreign=foreign,
        other_admin=other_admin,
        move=move,
        inquiry=inquiry,
    )


def _snapshot(engine) -> dict:
    with Session(engine) as s:
        return {
            "moves": sorted((m.id, m.status, m.product_id) for m in s.exec(select(MoveRequest))),
            "inquiries": sorted((i.id, i.status) for i in s.exec(select(Inquiry))),
            "audit": len(s.exec(select(AuditLog)).all()),
            "outbox": len(s.exec(select(OutboxMessage)).all()),
        }


def test_a_device_manager_requests_a_move_through_the_form(db, act_as, w):
    act_as(w.manager)
    state = _state(MoveState, "/service/move")
    state.load()
    assert state.can_create is True and state.denied is False
    assert [r["serial"] for r in state.product_results] == ["MINE-1"]
    assert state.rows == []  # the colleague's machine's move is not in this manager's scope

    state.choose_product(str(w.mine.id))
    assert state.chosen_product["serial"] == "MINE-1"
    state.submit({**MOVE_FORM, "new_city": ""})
    assert state.errors["new_city"] == "error.required"
    assert state.notice == ""

    state.submit(MOVE_FORM)
    assert state.notice == "move.created"
    assert all(v == "" for v in state.errors.values())
    assert [(r["serial"], r["status"]) for r in state.rows] == [("MINE-1", "requested")]
    assert state.chosen_product_id == ""


def test_a_form_opened_for_a_product_has_it_chosen_unless_out_of_scope(db, act_as, w):
    act_as(w.manager)
    state = _state(MoveState, f"/service/move?product={w.mine.id}")
    state.load()
    assert state.chosen_product_id == str(w.mine.id)

    state = _state(MoveState, f"/service/move?product={w.colleague.id}")
    state.load()
    assert state.chosen_product_id == ""
    assert state.picker_error == "error.not_found"


def test_a_tampered_product_id_creates_nothing(db, act_as, w):
    before = _snapshot(db)
    act_as(w.manager)
    state = _state(MoveState, "/service/move")
    state.load()
    for product in (w.colleague, w.foreign):
        state.choose_product(str(product.id))
        assert state.chosen_product_id == "" and state.picker_error == "error.not_found"
        state.chosen_product_id = str(product.id)  # a tampered browser
        state.submit(MOVE_FORM)
        assert state.errors["product_id"] == "error.not_found"
        assert state.notice == ""
    assert _snapshot(db) == before


def test_a_knowledge_user_and_nobody_change_nothing_with_the_move_handlers(db, act_as, w):
    before = _snapshot(db)
    for user in (w.knowledge, None):
        act_as(user)
        state = _state(MoveState, "/service/move")
        state.load()
        assert state.rows == [] and state.can_create is False
        assert state.denied is (user is not None)
        state.search_products({"query": ""})
        assert state.product_results == []
        state.chosen_product_id = str(w.mine.id)
        state.submit(MOVE_FORM)
        assert state.notice == ""

        detail = _state(MoveDetailState, f"/service/move/{w.move.id}")
        detail.load()
        assert detail.move == {} and detail.history == []
        detail.confirm_cancel()
        detail.transition({"status": "scheduled"})
        assert detail.notice == ""
    assert _snapshot(db) == before


def test_other_organisations_and_out_of_scope_moves_are_not_found(db, act_as, w):
    before = _snapshot(db)
    for user in (w.other_admin, w.manager):
        act_as(user)
        detail = _state(MoveDetailState, f"/service/move/{w.move.id}")
        detail.load()
        assert detail.not_found is True and detail.move == {}
        detail.ask_confirmation()
        assert detail.confirm_open is False
        detail.confirm_cancel()
        detail.transition({"status": "completed"})
        assert detail.notice == ""
    assert _snapshot(db) == before


def test_a_customer_cannot_move_a_request_on_but_can_cancel_it(db, act_as, w):
    act_as(w.admin)
    detail = _state(MoveDetailState, f"/service/move/{w.move.id}")
    detail.load()
    assert detail.can_cancel is True and detail.can_transition is False
    assert detail.transitions == []
    before = _snapshot(db)
    detail.transition({"status": "scheduled", "scheduled_for": "2026-03-10"})
    assert detail.error == "error.permission_denied"
    assert detail.move["status"] == "requested"
    assert _snapshot(db) == before

    detail.ask_confirmation()
    assert detail.confirm_open is True
    detail.confirm_cancel()
    assert detail.notice == "move.cancelled_notice"
    assert detail.move["status"] == "cancelled"
    assert [h["to_status"] for h in detail.history] == ["requested", "cancelled"]
    assert detail.can_cancel is False


def test_an_agent_schedules_from_the_detail_page(db, act_as, w):
    act_as(w.agent)
    detail = _state(MoveDetailState, f"/service/move/{w.move.id}")
    detail.load()
    assert detail.can_transition is True and detail.can_cancel is False
    assert detail.transitions == ["scheduled", "cancelled"]

    detail.transition({"status": "scheduled", "scheduled_for": "2026-02-01", "note": ""})
    assert detail.errors["scheduled_for"] == "error.move_date_past"
    assert detail.move["status"] == "requested"

    detail.transition({"status": "scheduled", "scheduled_for": "2026-03-10", "note": "Ok"})
    assert detail.notice == "move.status_changed"
    assert detail.move["status"] == "scheduled"
    assert detail.move["scheduled_for"] == "2026-03-10"
    assert detail.transitions == ["completed", "cancelled"]


def test_request_pages_check_the_kind_and_the_scope(db, act_as, w):
    act_as(w.manager)
    unknown = _state(RequestsState, "/service/requests/complaint")
    unknown.load()
    assert unknown.unknown_kind is True and unknown.rows == []
    unknown.submit({"subject": "x", "text": "y"})
    assert unknown.notice == ""

    page = _state(RequestsState, "/service/requests/account_inquiry")
    page.load()
    assert page.kind == "account_inquiry"
    assert [a["id"] for a in page.accounts] == [str(w.account.id)]
    assert page.rows == []  # the administrator's suggestion is not the manager's

    before = _snapshot(db)
    page.submit({"account_id": "999999", "subject": "s", "text": "t"})
    assert page.errors["account_id"] == "error.not_found"
    page.submit({"account_id": "", "subject": "", "text": ""})
    assert page.errors == {
        "account_id": "error.required",
        "product_id": "",
        "subject": "error.required",
        "text": "error.required",
        "preferred_time": "",
    }
    assert _snapshot(db) == before

    page.submit({"account_id": str(w.account.id), "subject": "Factura", "text": "¿Cargo?"})
    assert page.notice == "request.created"
    assert [r["subject"] for r in page.rows] == ["Factura"]

    detail = _state(RequestDetailState, f"/service/request/{w.inquiry.id}")
    detail.load()
    assert detail.not_found is True


def test_only_agents_answer_and_customers_close(db, act_as, w):
    before = _snapshot(db)
    for user in (w.admin, w.other_admin, w.knowledge, None):
        act_as(user)
        detail = _state(RequestDetailState, f"/service/request/{w.inquiry.id}")
        detail.load()
        assert detail.can_answer is False
        detail.answer({"text": "Respuesta"})
        assert detail.notice == ""
    act_as(w.other_admin)
    detail = _state(RequestDetailState, f"/service/request/{w.inquiry.id}")
    detail.confirm_close()
    assert detail.not_found is True
    assert _snapshot(db) == before

    act_as(w.agent)
    detail = _state(RequestDetailState, f"/service/request/{w.inquiry.id}")
    detail.load()
    detail.answer({"text": ""})
    assert detail.answer_error == "error.required"
    detail.answer({"text": "Gracias por la idea."})
    assert detail.notice == "request.answered_notice"
    assert detail.request["status"] == "answered"
    assert detail.history[-1]["note"] == "Gracias por la idea."

    act_as(w.admin)
    detail = _state(RequestDetailState, f"/service/request/{w.inquiry.id}")
    detail.load()
    assert detail.can_close is True
    detail.ask_confirmation()
    detail.confirm_close()
    assert detail.request["status"] == "closed"
    assert detail.can_close is False


def test_the_agents_list_is_for_agents_only(db, act_as, w):
    for user in (w.admin, w.manager, w.knowledge):
        act_as(user)
        desk = _state(DeskRequestsState, "/desk/requests")
        desk.load()
        assert desk.denied is True
        assert desk.moves == [] and desk.inquiries == []
        desk.set_move_status("all")
        assert desk.moves == []

    act_as(w.agent)
    desk = _state(DeskRequestsState, "/desk/requests")
    desk.load()
    assert desk.denied is False
    assert [m["id"] for m in desk.moves] == [str(w.move.id)]
    assert [i["id"] for i in desk.inquiries] == [str(w.inquiry.id)]
    desk.set_move_status("completed")
    assert desk.moves == []
    desk.set_move_status("<script>")
    assert desk.move_status == "open" and len(desk.moves) == 1
    desk.set_inquiry_status("closed")
    assert desk.inquiries == []


def test_requests_pages_are_empty_for_a_user_of_another_organisation(db, act_as, w, session):
    act_as(w.other_admin)
    page = _state(RequestsState, "/service/requests/suggestion")
    page.load()
    assert page.rows == []
    moves = _state(MoveState, "/service/move")
    moves.load()
    assert moves.rows == []
    serials = [r["serial"] for r in moves.product_results]
    assert serials == ["FOREIGN-1"]
    assert (
        session.exec(select(MoveRequest).where(col(MoveRequest.product_id) == w.foreign.id)).all()
        == []
    )
