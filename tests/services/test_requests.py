"""Move requests (SPEC C5) and the other requests (SPEC C6): validation, scope, lifecycles,
histories and the e-mails their creators get."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from sqlmodel import col, select

from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.models import (
    AlertPreference,
    AuditLog,
    Inquiry,
    Location,
    MoveRequest,
    OutboxMessage,
    Product,
    Role,
)
from portal.services import requests
from portal.services.requests import InquiryCreate, MoveCreate
from tests.factories import (
    assign_product,
    make_account,
    make_group,
    make_model,
    make_org,
    make_product,
    make_user,
)

TODAY = date(2026, 3, 2)  # the clock fixture's day


@pytest.fixture
def w(session, clock):
    """Two organisations; a device manager with one product directly and one via a group."""
    org = make_org(session, "Demo")
    account = make_account(session, org, number="ACC-1")
    model = make_model(session, "Acme C300")
    mine = make_product(session, account=account, model=model, serial="MINE-1")
    grouped = make_product(session, account=account, model=model, serial="GROUP-1")
    others = make_product(session, account=account, model=model, serial="ADMIN-ONLY")
    admin = make_user(session, org, role=Role.ADMINISTRATOR, email="admin@x.example")
    manager = make_user(
        session, org, role=Role.DEVICE_MANAGER, email="manager@x.example", language="en"
    )
    assign_product(session, manager, mine)
    make_group(session, org, products=[grouped], users=[manager])
    knowledge = make_user(session, org, role=Role.KNOWLEDGE_USER)
    stock = make_user(session, org, role=Role.STOCK_MANAGER)
    assign_product(session, stock, mine)
    stock_dm = make_user(session, org, role=f"{Role.STOCK_MANAGER},{Role.DEVICE_MANAGER}")
    assign_product(session, stock_dm, mine)
    agent = make_user(session, role=Role.AGENT, email="agent@provider.example")
    other_org = make_org(session, "Other")
    other_account = make_account(session, other_org, number="OTH-1")
    foreign = make_product(session, account=other_account, model=model, serial="FOREIGN-1")
    other_admin = make_user(session, other_org, role=Role.ADMINISTRATOR)
    session.commit()
    return SimpleNamespace(
        org=org,
        account=account,
        mine=mine,
        grouped=grouped,
        others=others,
        admin=admin,
        manager=manager,
        knowledge=knowledge,
        stock=stock,
        stock_dm=stock_dm,
        agent=agent,
        other_account=other_account,
        foreign=foreign,
        other_admin=other_admin,
    )


def _move_data(product_id, **changes) -> MoveCreate:
    values = {
        "product_id": product_id,
        "new_address": "Calle de Alcalá 120",
        "new_postal_code": "28009",
        "new_city": "Madrid",
        "new_floor": "Planta 3",
        "new_room": "Sala B",
        "desired_date": (TODAY + timedelta(days=10)).isoformat(),
        "contact_name": "Ana López",
        "contact_phone": "+34 91 555 12 34",
        "notes": "Montacargas de 8 a 10.",
    }
    values.update(changes)
    return MoveCreate(**values)


_MANAGER = object()


def _move(session, w, actor=_MANAGER, product=None, **changes) -> MoveRequest:
    return requests.create_move(
        session=session,
        actor=w.manager if actor is _MANAGER else actor,
        data=_move_data((product or w.mine).id, **changes),
    )


def _outbox(session, to: str) -> list[OutboxMessage]:
    return session.exec(
        select(OutboxMessage)
        .where(col(OutboxMessage.to_address) == to)
        .order_by(col(OutboxMessage.id))
    ).all()


# --- Creating a move --------------------------------------------------------------------


def test_a_device_manager_requests_a_move_for_their_product(session, w):
    move = _move(session, w)

    assert move.status == "requested"
    assert (move.new_address, move.new_postal_code, move.new_city) == (
        "Calle de Alcalá 120",
        "28009",
        "Madrid",
    )
    assert move.desired_date == TODAY + timedelta(days=10)
    assert move.created_by_id == w.manager.id
    entry = session.exec(select(AuditLog).where(col(AuditLog.object_type) == "move_request")).one()
    assert (entry.action, entry.object_id, entry.organisation_id) == (
        "move_request.created",
        move.id,
        w.org.id,
    )
    assert entry.new_values["status"] == "requested"
    # The creator is told, in their language (English here).
    (mail,) = _outbox(session, "manager@x.example")
    assert mail.subject.startswith(f"Move request {move.id}")
    assert "MINE-1" in mail.subject and "Requested" in mail.subject
    assert f"/service/move/{move.id}" in mail.text_body


def test_a_device_manager_can_request_a_move_for_a_product_of_their_group(session, w):
    move = _move(session, w, product=w.grouped)
    assert move.product_id == w.grouped.id


def test_every_required_move_field_is_reported_at_once(session, w):
    with pytest.raises(ValidationFailed) as exc:
        requests.create_move(session=session, actor=w.manager, data=MoveCreate())
    assert exc.value.errors == {
        "product_id": "error.required",
        "new_address": "error.required",
        "new_postal_code": "error.required",
        "new_city": "error.required",
        "desired_date": "error.required",
        "contact_name": "error.required",
        "contact_phone": "error.required",
    }
    assert session.exec(select(MoveRequest)).all() == []


@pytest.mark.parametrize(
    ("field", "value", "key"),
    [
        ("new_postal_code", "28", "error.move_postal_code_invalid"),
        ("new_postal_code", "28001-12345", "error.move_postal_code_invalid"),
        ("new_postal_code", "28$01", "error.move_postal_code_invalid"),
        ("contact_phone", "call me", "error.phone_invalid"),
        ("contact_phone", "12 34", "error.phone_invalid"),
        ("desired_date", "2026-02-30", "error.move_date_invalid"),
        ("desired_date", "next week", "error.move_date_invalid"),
        ("desired_date", "2026-03-01", "error.move_date_past"),
        ("desired_date", (TODAY + timedelta(days=366)).isoformat(), "error.move_date_too_far"),
        ("new_address", "x" * 201, "error.too_long"),
        ("new_city", "x" * 121, "error.too_long"),
        ("new_floor", "x" * 41, "error.too_long"),
        ("new_room", "x" * 61, "error.too_long"),
        ("contact_name", "x" * 121, "error.too_long"),
        ("notes", "x" * 2001, "error.too_long"),
        ("new_address", "   ", "error.required"),
    ],
)
def test_a_bad_move_field_is_reported_on_that_field(session, w, field, value, key):
    with pytest.raises(ValidationFailed) as exc:
        _move(session, w, **{field: value})
    assert exc.value.errors == {field: key}
    assert session.exec(select(MoveRequest)).all() == []


def test_valid_edge_values_are_accepted(session, w):
    move = _move(
        session,
        w,
        new_postal_code="D-10115",
        desired_date=TODAY.isoformat(),
        contact_phone="(030) 555-1234",
        new_floor="",
        new_room="",
        notes="",
    )
    assert move.new_postal_code == "D-10115"
    assert move.desired_date == TODAY


def test_moves_outside_the_scope_are_not_found(session, w):
    for actor, product in [
        (w.manager, w.others),  # same organisation, not assigned
        (w.manager, w.foreign),
        (w.admin, w.foreign),
    ]:
        with pytest.raises(NotFound):
            _move(session, w, actor=actor, product=product)
    with pytest.raises(NotFound):
        requests.create_move(session=session, actor=w.manager, data=_move_data("9999999"))
    with pytest.raises(NotFound):
        requests.create_move(session=session, actor=w.manager, data=_move_data("abc"))
    assert session.exec(select(MoveRequest)).all() == []


def test_only_administrators_and_device_managers_request_moves(session, w):
    for actor in (w.knowledge, w.stock, w.agent, None):
        with pytest.raises(PermissionDenied):
            _move(session, w, actor=actor)
    assert _move(session, w, actor=w.stock_dm).status == "requested"


def test_an_administrator_moves_any_product_of_the_organisation(session, w):
    assert _move(session, w, actor=w.admin, product=w.others).product_id == w.others.id


def test_a_product_with_an_open_move_cannot_get_a_second_one(session, w):
    first = _move(session, w)
    with pytest.raises(ValidationFailed) as exc:
        _move(session, w, actor=w.admin)
    assert exc.value.errors == {"product_id": "error.move_already_open"}

    requests.transition_move(
        session=session, actor=w.agent, move_id=first.id, to_status="scheduled"
    )
    with pytest.raises(ValidationFailed):
        _move(session, w)

    requests.transition_move(
        session=session, actor=w.manager, move_id=first.id, to_status="cancelled"
    )
    assert _move(session, w).status == "requested"


def test_an_inactive_product_cannot_be_moved(session, w):
    w.mine.status = "removed"
    session.add(w.mine)
    session.flush()
    with pytest.raises(ValidationFailed) as exc:
        _move(session, w)
    assert exc.value.errors == {"product_id": "error.move_product_inactive"}


# --- Lifecycle ------------------------------------------------------------------------------


def test_an_agent_schedules_and_completes_a_move_and_the_product_moves(session, w, clock):
    move = _move(session, w)
    old_location = session.get(Location, w.mine.location_id)
    old_address = old_location.address

    clock.advance(hours=2)
    requests.transition_move(
        session=session,
        actor=w.agent,
        move_id=move.id,
        to_status="scheduled",
        scheduled_for=(TODAY + timedelta(days=12)).isoformat(),
        note="Técnico asignado.",
    )
    assert move.status == "scheduled"
    assert session.get(Location, w.mine.location_id).address == old_address

    clock.advance(days=12)
    requests.transition_move(session=session, actor=w.agent, move_id=move.id, to_status="completed")
    assert move.status == "completed"

    product = session.get(Product, w.mine.id)
    location = session.get(Location, product.location_id)
    assert (location.address, location.postal_code, location.city) == (
        "Calle de Alcalá 120",
        "28009",
        "Madrid",
    )
    assert (location.floor, location.room) == ("Planta 3", "Sala B")
    relocation = session.exec(
        select(AuditLog).where(
            col(AuditLog.object_type) == "product", col(AuditLog.object_id) == w.mine.id
        )
    ).one()
    assert relocation.action == "product.location_updated"
    assert relocation.old_values["address"] == old_address
    assert relocation.new_values["address"] == "Calle de Alcalá 120"
    assert relocation.new_values["move_request_id"] == move.id
    assert relocation.organisation_id == w.org.id

    history = requests.move_history(session=session, actor=w.manager, move_id=move.id)
    assert [(h["from_status"], h["to_status"]) for h in history] == [
        ("", "requested"),
        ("requested", "scheduled"),
        ("scheduled", "completed"),
    ]
    assert history[1]["who"] == w.agent.full_name
    assert history[1]["note"] == "Técnico asignado."
    assert history[1]["scheduled_for"] == (TODAY + timedelta(days=12)).isoformat()
    assert history[1]["date"] == "2026-03-02 11:00"
    assert history[0]["who"] == w.manager.full_name
    detail = requests.move_detail(session=session, actor=w.manager, move_id=move.id)
    assert detail["scheduled_for"] == (TODAY + timedelta(days=12)).isoformat()
    assert detail["current_address"] == "Calle de Alcalá 120, 28009 Madrid"
    assert detail["transitions"] == []


def test_completing_a_move_of_a_product_sharing_its_location_copies_the_location(session, w):
    w.others.location_id = w.mine.location_id
    session.add(w.others)
    session.flush()
    shared = session.get(Location, w.mine.location_id)
    shared_address = shared.address
    move = _move(session, w)
    for status in ("scheduled", "completed"):
        requests.transition_move(session=session, actor=w.agent, move_id=move.id, to_status=status)

    moved = session.get(Product, w.mine.id)
    assert moved.location_id != shared.id
    assert session.get(Location, moved.location_id).address == "Calle de Alcalá 120"
    assert session.get(Location, moved.location_id).site == shared.site
    assert session.get(Location, shared.id).address == shared_address
    assert session.get(Product, w.others.id).location_id == shared.id


def test_scheduling_without_a_date_takes_the_desired_date(session, w):
    move = _move(session, w)
    requests.transition_move(session=session, actor=w.agent, move_id=move.id, to_status="scheduled")
    history = requests.move_history(session=session, actor=w.agent, move_id=move.id)
    assert history[-1]["scheduled_for"] == (TODAY + timedelta(days=10)).isoformat()


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("2026-03-01", "error.move_date_past"),
        ("soon", "error.move_date_invalid"),
        ("2027-06-01", "error.move_date_too_far"),
    ],
)
def test_a_bad_scheduled_date_is_refused(session, w, value, key):
    move = _move(session, w)
    with pytest.raises(ValidationFailed) as exc:
        requests.transition_move(
            session=session,
            actor=w.agent,
            move_id=move.id,
            to_status="scheduled",
            scheduled_for=value,
        )
    assert exc.value.errors == {"scheduled_for": key}
    assert move.status == "requested"


def test_steps_outside_the_lifecycle_are_refused(session, w):
    move = _move(session, w)
    for target in ("completed", "requested", "open", "", None):
        with pytest.raises(ValidationFailed) as exc:
            requests.transition_move(
                session=session, actor=w.agent, move_id=move.id, to_status=target
            )
        assert exc.value.errors == {"status": "error.request_transition_invalid"}
    requests.transition_move(session=session, actor=w.agent, move_id=move.id, to_status="cancelled")
    for target in ("scheduled", "completed", "cancelled", "requested"):
        with pytest.raises(ValidationFailed):
            requests.transition_move(
                session=session, actor=w.agent, move_id=move.id, to_status=target
            )
    assert move.status == "cancelled"
    changes = session.exec(
        select(AuditLog).where(col(AuditLog.action) == "move_request.status_changed")
    ).all()
    assert len(changes) == 1


def test_a_customer_may_only_cancel(session, w):
    move = _move(session, w)
    for target in ("scheduled", "completed"):
        with pytest.raises(PermissionDenied):
            requests.transition_move(
                session=session, actor=w.manager, move_id=move.id, to_status=target
            )
    assert move.status == "requested"
    detail = requests.move_detail(session=session, actor=w.manager, move_id=move.id)
    assert detail["transitions"] == ["cancelled"]

    requests.transition_move(session=session, actor=w.agent, move_id=move.id, to_status="scheduled")
    # An administrator of the organisation may cancel a move another user asked for.
    requests.transition_move(session=session, actor=w.admin, move_id=move.id, to_status="cancelled")
    assert move.status == "cancelled"
    with pytest.raises(ValidationFailed):
        requests.transition_move(
            session=session, actor=w.manager, move_id=move.id, to_status="cancelled"
        )


def test_moves_of_products_outside_the_scope_cannot_be_seen_or_changed(session, w):
    move = _move(session, w, actor=w.admin, product=w.others)
    for actor in (w.manager, w.other_admin):
        with pytest.raises(NotFound):
            requests.move_detail(session=session, actor=actor, move_id=move.id)
        with pytest.raises(NotFound):
            requests.move_history(session=session, actor=actor, move_id=move.id)
        with pytest.raises(NotFound):
            requests.transition_move(
                session=session, actor=actor, move_id=move.id, to_status="cancelled"
            )
    for actor in (w.knowledge, w.stock):
        with pytest.raises(PermissionDenied):
            requests.move_detail(session=session, actor=actor, move_id=move.id)
        with pytest.raises(PermissionDenied):
            requests.transition_move(
                session=session, actor=actor, move_id=move.id, to_status="cancelled"
            )
    assert move.status == "requested"


def test_move_lists_follow_the_scope(session, w, clock):
    mine = _move(session, w)
    clock.advance(hours=1)
    grouped = _move(session, w, actor=w.admin, product=w.grouped)
    clock.advance(hours=1)
    others = _move(session, w, actor=w.admin, product=w.others)
    clock.advance(hours=1)
    foreign = _move(session, w, actor=w.other_admin, product=w.foreign)

    def ids(actor, **kw):
        page = requests.list_moves(session=session, actor=actor, **kw)
        return [int(r["id"]) for r in page.rows]

    assert ids(w.manager) == [grouped.id, mine.id]
    assert ids(w.admin) == [others.id, grouped.id, mine.id]
    assert ids(w.other_admin) == [foreign.id]
    assert ids(w.agent) == [foreign.id, others.id, grouped.id, mine.id]
    with pytest.raises(PermissionDenied):
        requests.list_moves(session=session, actor=w.knowledge)
    with pytest.raises(PermissionDenied):
        requests.list_moves(session=session, actor=w.stock)

    requests.transition_move(session=session, actor=w.agent, move_id=mine.id, to_status="scheduled")
    assert ids(w.agent, status="scheduled") == [mine.id]
    assert ids(w.agent, status="open") == [foreign.id, others.id, grouped.id, mine.id]
    assert ids(w.agent, status="completed") == []
    assert len(ids(w.agent, status="'; drop table x")) == 4

    row = requests.list_moves(session=session, actor=w.agent, status="scheduled").rows[0]
    assert row["serial"] == "MINE-1"
    assert row["organisation"] == "Demo"
    assert row["status_key"] == "move.status.scheduled"
    assert row["created_by"] == w.manager.full_name


def test_move_lists_are_paged_in_the_database(session, w, clock):
    products = [w.mine, w.grouped, w.others]
    for n in range(12):
        extra = make_product(session, account=w.account, serial=f"EXTRA-{n:02d}")
        products.append(extra)
    for product in products:
        clock.advance(minutes=1)
        _move(session, w, actor=w.admin, product=product)
    first = requests.list_moves(session=session, actor=w.admin, page=1, page_size=10)
    last = requests.list_moves(session=session, actor=w.admin, page=99, page_size=10)
    assert (first.total, first.pages, len(first.rows)) == (15, 2, 10)
    assert (last.page, len(last.rows)) == (2, 5)
    assert first.rows[0]["serial"] == "EXTRA-11"


# --- Notifications ---------------------------------------------------------------------------


def test_the_creator_is_emailed_in_their_language_when_an_agent_schedules(session, w):
    move = _move(session, w)  # manager's language is English
    german = make_user(session, w.org, role=Role.ADMINISTRATOR, email="chef@x.example")
    german.language = "de"
    session.add(german)
    other = _move(session, w, actor=german, product=w.others)

    for m in (move, other):
        requests.transition_move(
            session=session,
            actor=w.agent,
            move_id=m.id,
            to_status="scheduled",
            scheduled_for="2026-03-20",
        )

    english = _outbox(session, "manager@x.example")[-1]
    assert english.subject == f"Move request {move.id} (machine MINE-1): Scheduled"
    assert "2026-03-20" in english.text_body
    deutsch = _outbox(session, "chef@x.example")[-1]
    assert deutsch.subject == f"Umzugsauftrag {other.id} (Gerät ADMIN-ONLY): Terminiert"
    assert _outbox(session, "agent@provider.example") == []


def test_a_disabled_move_status_preference_means_no_email(session, w):
    session.add(AlertPreference(user_id=w.manager.id, event="move_status", enabled=False))
    session.flush()
    move = _move(session, w)
    requests.transition_move(session=session, actor=w.agent, move_id=move.id, to_status="scheduled")
    assert _outbox(session, "manager@x.example") == []


def test_not_for_my_own_actions_skips_the_creators_own_changes(session, w):
    session.add(
        AlertPreference(user_id=w.manager.id, event="move_status", not_for_own_actions=True)
    )
    session.flush()
    move = _move(session, w)
    assert _outbox(session, "manager@x.example") == []
    requests.transition_move(session=session, actor=w.agent, move_id=move.id, to_status="scheduled")
    assert len(_outbox(session, "manager@x.example")) == 1
    requests.transition_move(
        session=session, actor=w.manager, move_id=move.id, to_status="cancelled"
    )
    assert len(_outbox(session, "manager@x.example")) == 1


# --- Other requests ---------------------------------------------------------------------------


def _inquiry(session, actor, kind, **values) -> Inquiry:
    return requests.create_inquiry(
        session=session, actor=actor, kind=kind, data=InquiryCreate(**values)
    )


def test_each_kind_of_request_is_created_with_its_own_fields(session, w):
    account = _inquiry(
        session,
        w.manager,
        "account_inquiry",
        account_id=str(w.account.id),
        subject="Factura de febrero",
        text="¿Por qué sube el cargo de color?",
    )
    suggestion = _inquiry(session, w.manager, "suggestion", subject="SMS", text="Avisos por SMS")
    online = _inquiry(
        session,
        w.manager,
        "online_service",
        product_id=w.mine.id,
        text="Configurar escaneo a carpeta",
        preferred_time="martes 9-11",
    )
    snapshot = _inquiry(session, w.manager, "e_snapshot", product_id=w.grouped.id, text="Estado")

    assert (account.kind, account.account_id, account.product_id) == (
        "account_inquiry",
        w.account.id,
        None,
    )
    assert (suggestion.account_id, suggestion.product_id) == (None, None)
    assert online.product_id == w.mine.id and online.subject == ""
    assert snapshot.product_id == w.grouped.id
    for inquiry in (account, suggestion, online, snapshot):
        assert inquiry.status == "open"
        assert inquiry.organisation_id == w.org.id
        assert inquiry.created_by_id == w.manager.id

    detail = requests.inquiry_detail(session=session, actor=w.manager, inquiry_id=online.id)
    assert detail["preferred_time"] == "martes 9-11"
    assert detail["serial"] == "MINE-1"
    assert detail["history"][0]["to_status"] == "open"
    assert detail["can_close"] is True and detail["can_answer"] is False
    assert requests.inquiry_detail(session=session, actor=w.manager, inquiry_id=account.id)[
        "account"
    ].startswith("ACC-1")
    subjects = [m.subject for m in _outbox(session, "manager@x.example")]
    assert subjects[0] == f"Your request {account.id}: Open"


@pytest.mark.parametrize(
    ("kind", "values", "errors"),
    [
        (
            "account_inquiry",
            {},
            {"account_id": "error.required", "subject": "error.required", "text": "error.required"},
        ),
        ("suggestion", {}, {"subject": "error.required", "text": "error.required"}),
        ("online_service", {}, {"product_id": "error.required", "text": "error.required"}),
        ("e_snapshot", {"text": " "}, {"product_id": "error.required", "text": "error.required"}),
        ("suggestion", {"subject": "x" * 201, "text": "ok"}, {"subject": "error.too_long"}),
        ("suggestion", {"subject": "ok", "text": "x" * 4001}, {"text": "error.too_long"}),
        (
            "online_service",
            {"product_id": "PRODUCT", "text": "ok", "preferred_time": "x" * 201},
            {"preferred_time": "error.too_long"},
        ),
    ],
)
def test_each_kind_checks_its_fields(session, w, kind, values, errors):
    values = {k: (str(w.mine.id) if v == "PRODUCT" else v) for k, v in values.items()}
    with pytest.raises(ValidationFailed) as exc:
        _inquiry(session, w.manager, kind, **values)
    assert exc.value.errors == errors
    assert session.exec(select(Inquiry)).all() == []


def test_requests_about_accounts_or_products_outside_the_scope_are_not_found(session, w):
    with pytest.raises(NotFound):
        _inquiry(
            session,
            w.admin,
            "account_inquiry",
            account_id=w.other_account.id,
            subject="s",
            text="t",
        )
    with pytest.raises(NotFound):
        _inquiry(session, w.manager, "online_service", product_id=w.others.id, text="t")
    with pytest.raises(NotFound):
        _inquiry(session, w.admin, "e_snapshot", product_id=w.foreign.id, text="t")
    with pytest.raises(NotFound):
        _inquiry(session, w.manager, "complaint", subject="s", text="t")
    assert session.exec(select(Inquiry)).all() == []


def test_knowledge_users_stock_managers_and_agents_cannot_create_requests(session, w):
    for actor in (w.knowledge, w.stock, w.agent, None):
        with pytest.raises(PermissionDenied):
            _inquiry(session, actor, "suggestion", subject="s", text="t")
    assert _inquiry(session, w.stock_dm, "suggestion", subject="s", text="t").status == "open"


def test_request_lists_follow_the_scope(session, w, clock):
    by_admin = _inquiry(
        session, w.admin, "account_inquiry", account_id=w.account.id, subject="s", text="t"
    )
    clock.advance(minutes=1)
    admin_about_mine = _inquiry(session, w.admin, "e_snapshot", product_id=w.mine.id, text="t")
    clock.advance(minutes=1)
    admin_about_others = _inquiry(session, w.admin, "e_snapshot", product_id=w.others.id, text="t")
    clock.advance(minutes=1)
    by_manager = _inquiry(session, w.manager, "suggestion", subject="s", text="t")
    clock.advance(minutes=1)
    foreign = _inquiry(session, w.other_admin, "suggestion", subject="s", text="t")

    def ids(actor, **kw):
        return [
            int(r["id"]) for r in requests.list_inquiries(session=session, actor=actor, **kw).rows
        ]

    assert ids(w.manager) == [by_manager.id, admin_about_mine.id]
    assert ids(w.admin) == [by_manager.id, admin_about_others.id, admin_about_mine.id, by_admin.id]
    assert ids(w.admin, kind="e_snapshot") == [admin_about_others.id, admin_about_mine.id]
    assert ids(w.other_admin) == [foreign.id]
    assert len(ids(w.agent)) == 5
    for hidden in (by_admin, admin_about_others, foreign):
        with pytest.raises(NotFound):
            requests.inquiry_detail(session=session, actor=w.manager, inquiry_id=hidden.id)
        with pytest.raises(NotFound):
            requests.close_inquiry(session=session, actor=w.manager, inquiry_id=hidden.id)
    with pytest.raises(PermissionDenied):
        requests.list_inquiries(session=session, actor=w.knowledge)

    requests.answer_inquiry(session=session, actor=w.agent, inquiry_id=foreign.id, text="Hecho")
    assert ids(w.agent, status="answered") == [foreign.id]
    assert ids(w.agent, status="active") == ids(w.agent)
    assert ids(w.agent, status="closed") == []


def test_an_agent_answers_and_the_answer_is_kept_and_emailed(session, w, clock):
    inquiry = _inquiry(
        session, w.manager, "online_service", product_id=w.mine.id, text="Sesión remota"
    )
    clock.advance(hours=3)
    requests.answer_inquiry(
        session=session,
        actor=w.agent,
        inquiry_id=inquiry.id,
        text="Le llamamos el martes a las 10:00.\nTenga el equipo encendido.",
    )
    assert inquiry.status == "answered"
    detail = requests.inquiry_detail(session=session, actor=w.manager, inquiry_id=inquiry.id)
    last = detail["history"][-1]
    assert (last["from_status"], last["to_status"], last["who"]) == (
        "open",
        "answered",
        w.agent.full_name,
    )
    assert last["note"].startswith("Le llamamos el martes")
    mail = _outbox(session, "manager@x.example")[-1]
    assert mail.subject == f"Your request {inquiry.id} (machine MINE-1): Answered"
    assert "Le llamamos el martes a las 10:00." in mail.text_body
    assert f"/service/request/{inquiry.id}" in mail.text_body


def test_only_agents_answer_and_closed_requests_take_no_more_changes(session, w):
    inquiry = _inquiry(session, w.manager, "suggestion", subject="s", text="t")
    for actor in (w.manager, w.admin, w.other_admin):
        with pytest.raises(PermissionDenied):
            requests.answer_inquiry(session=session, actor=actor, inquiry_id=inquiry.id, text="x")
    with pytest.raises(ValidationFailed) as exc:
        requests.answer_inquiry(session=session, actor=w.agent, inquiry_id=inquiry.id, text=" ")
    assert exc.value.errors == {"text": "error.required"}
    assert inquiry.status == "open"

    requests.close_inquiry(session=session, actor=w.manager, inquiry_id=inquiry.id)
    assert inquiry.status == "closed"
    with pytest.raises(ValidationFailed) as exc:
        requests.answer_inquiry(session=session, actor=w.agent, inquiry_id=inquiry.id, text="x")
    assert exc.value.errors == {"status": "error.request_transition_invalid"}
    with pytest.raises(ValidationFailed):
        requests.close_inquiry(session=session, actor=w.agent, inquiry_id=inquiry.id)
    detail = requests.inquiry_detail(session=session, actor=w.admin, inquiry_id=inquiry.id)
    assert (detail["can_answer"], detail["can_close"]) == (False, False)
    assert [h["to_status"] for h in detail["history"]] == ["open", "closed"]


def test_transition_inquiry_answers_closes_or_refuses(session, w):
    inquiry = _inquiry(session, w.admin, "suggestion", subject="s", text="t")
    with pytest.raises(ValidationFailed):
        requests.transition_inquiry(
            session=session, actor=w.agent, inquiry_id=inquiry.id, to_status="open"
        )
    requests.transition_inquiry(
        session=session, actor=w.agent, inquiry_id=inquiry.id, to_status="answered", note="Gracias"
    )
    assert inquiry.status == "answered"
    requests.transition_inquiry(
        session=session, actor=w.agent, inquiry_id=inquiry.id, to_status="closed"
    )
    assert inquiry.status == "closed"
    entries = session.exec(
        select(AuditLog).where(col(AuditLog.object_type) == "inquiry").order_by(col(AuditLog.id))
    ).all()
    assert [e.action for e in entries] == [
        "inquiry.created",
        "inquiry.answered",
        "inquiry.status_changed",
    ]
    assert {e.organisation_id for e in entries} == {w.org.id}


def test_the_pickers_offer_only_what_the_user_sees(session, w):
    serials = [
        r["serial"] for r in requests.product_choices(session=session, actor=w.manager, query="")
    ]
    assert serials == ["GROUP-1", "MINE-1"]
    found = requests.product_choices(session=session, actor=w.manager, query="mine 1")
    assert [r["serial"] for r in found] == []
    found = requests.product_choices(session=session, actor=w.manager, query="ine-")
    assert [(r["serial"], r["open_move"]) for r in found] == [("MINE-1", "")]
    _move(session, w)
    found = requests.product_choices(session=session, actor=w.manager, query="ine-")
    assert [(r["serial"], r["open_move"]) for r in found] == [("MINE-1", "1")]
    assert [
        r["serial"] for r in requests.product_choices(session=session, actor=w.admin, query="%")
    ] == []
    accounts = requests.account_choices(session=session, actor=w.admin)
    assert [a["number"] for a in accounts] == ["ACC-1"]
    with pytest.raises(NotFound):
        requests.product_choice(session=session, actor=w.manager, product_id=w.foreign.id)
    with pytest.raises(PermissionDenied):
        requests.product_choices(session=session, actor=w.knowledge, query="")
