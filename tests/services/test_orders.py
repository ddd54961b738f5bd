"""Consumables orders (SPEC C7): limits, scope, automatic replenishment, states,
cancellation, stock arithmetic and notifications."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from sqlmodel import col, select

from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.models import (
    AlertEvent,
    AlertPreference,
    AuditLog,
    ConsumableOrder,
    OrderLine,
    OutboxMessage,
    Role,
    StockLevel,
    StockLocation,
    StockManagerLocation,
)
from portal.services import orders
from portal.services.orders import OrderCreate
from tests.factories import (
    assign_product,
    make_account,
    make_model,
    make_org,
    make_product,
    make_user,
)
from tests.services.test_stock import _consumables


@pytest.fixture
def w(session, clock):
    org = make_org(session, "Demo")
    account = make_account(session, org)
    model = make_model(session, "Colour 1")
    black, cyan, drum, staples = _consumables(session, model)
    other_model = make_model(session, "Mono 2")
    foreign_toner = _consumables(session, other_model, colour_model=False)[0]
    product = make_product(session, account=account, model=model, serial="P-1")
    automatic = make_product(session, account=account, model=model, serial="AUTO-1")
    automatic.auto_replenish = True
    unassigned = make_product(session, account=account, model=model, serial="P-2")
    keeper = make_user(session, org, role=Role.STOCK_MANAGER, email="keeper@x.example")
    assign_product(session, keeper, product)
    assign_product(session, keeper, automatic)
    both = make_user(session, org, role=f"{Role.STOCK_MANAGER},{Role.DEVICE_MANAGER}")
    assign_product(session, both, product)
    manager = make_user(session, org, role=Role.DEVICE_MANAGER)
    assign_product(session, manager, product)
    admin = make_user(session, org, role=Role.ADMINISTRATOR, email="admin@x.example")
    agent = make_user(session, role=Role.AGENT)
    store = StockLocation(organisation_id=org.id, name="Store", address="Store street 1")
    other_store = StockLocation(organisation_id=org.id, name="Other store")
    other = make_org(session, "Other")
    foreign_product = make_product(session, other, model=model, serial="F-1")
    foreign_store = StockLocation(organisation_id=other.id, name="Foreign store")
    session.add_all([automatic, store, other_store, foreign_store])
    session.flush()
    session.add(StockManagerLocation(user_id=keeper.id, stock_location_id=store.id))
    session.add(StockLevel(stock_location_id=store.id, consumable_id=black.id, quantity=2))
    session.commit()
    return SimpleNamespace(**locals())


def _order(session, w, actor=None, **changes):
    values = {"product_id": w.product.id, "quantities": {str(w.black.id): "2"}}
    values.update(changes)
    order = orders.create_order(
        session=session, actor=actor or w.keeper, data=OrderCreate(**values)
    )
    session.commit()
    return order


def _errors(session, w, actor=None, **changes) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as exc:
        _order(session, w, actor, **changes)
    session.rollback()
    return exc.value.errors


def test_a_stock_manager_orders_toner_for_a_product_within_the_limits(session, w):
    order = _order(
        session,
        w,
        quantities={str(w.black.id): "2", str(w.drum.id): "1", str(w.cyan.id): ""},
        delivery_extra="  Planta 3,  sala 2 ",
    )

    assert re.fullmatch(r"CO-\d{7}", order.number)
    assert order.status == "submitted"
    assert order.delivery_address == "Calle Mayor 1, 28001 Madrid"
    assert order.delivery_extra == "Planta 3, sala 2"
    lines = session.exec(select(OrderLine).where(col(OrderLine.order_id) == order.id)).all()
    assert sorted((line.consumable_id, line.quantity) for line in lines) == sorted(
        [(w.black.id, 2), (w.drum.id, 1)]
    )
    entry = session.exec(select(AuditLog).where(col(AuditLog.object_type) == "order")).one()
    assert entry.new_values["items"] == {w.black.code: 2, w.drum.code: 1}
    mail = session.exec(select(OutboxMessage)).one()
    assert mail.to_address == "keeper@x.example"
    assert order.number in mail.subject and "Solicitado" in mail.subject


def test_quantities_outside_the_limits_are_refused(session, w):
    assert _errors(session, w, quantities={str(w.black.id): "0"}) == {
        f"qty_{w.black.id}": "error.order_quantity_range"
    }
    assert _errors(session, w, quantities={str(w.drum.id): "2"}) == {
        f"qty_{w.drum.id}": "error.order_quantity_range"
    }
    assert _errors(session, w, quantities={str(w.black.id): "-1"}) == {
        f"qty_{w.black.id}": "error.order_quantity_range"
    }
    assert _errors(session, w, quantities={str(w.black.id): "x"}) == {
        f"qty_{w.black.id}": "error.order_quantity_range"
    }
    assert _errors(session, w, quantities={str(w.black.id): ""}) == {
        "items": "error.order_no_items"
    }
    assert _errors(session, w, quantities={str(w.foreign_toner.id): "1"}) == {
        "items": "error.order_consumable_invalid"
    }
    assert _errors(session, w, delivery_extra="x" * 301) == {"delivery_extra": "error.too_long"}
    assert session.exec(select(ConsumableOrder)).all() == []


def test_products_on_automatic_replenishment_take_no_manual_orders(session, w):
    assert _errors(session, w, product_id=w.automatic.id) == {
        "product_id": "error.order_auto_replenish"
    }
    assert _errors(session, w, product_id=None) == {"product_id": "error.required"}


def test_products_and_locations_out_of_scope_are_not_found(session, w):
    for changes in (
        {"product_id": w.foreign_product.id},
        {"product_id": w.unassigned.id},
        {"product_id": None, "stock_location_id": w.foreign_store.id},
        {"product_id": None, "stock_location_id": w.other_store.id},
        {"delivery": "location", "deliver_to_stock_location_id": w.foreign_store.id},
        {"delivery": "location", "deliver_to_stock_location_id": w.other_store.id},
    ):
        with pytest.raises(NotFound):
            _order(session, w, **changes)
        session.rollback()
    assert session.exec(select(ConsumableOrder)).all() == []


def test_device_managers_need_the_stock_role_to_order(session, w):
    with pytest.raises(PermissionDenied):
        _order(session, w, actor=w.manager)
    session.rollback()
    assert _order(session, w, actor=w.both).status == "submitted"
    assert _order(session, w, actor=w.admin, product_id=w.unassigned.id).status == "submitted"


def test_a_stock_location_order_takes_any_models_consumables_and_goes_to_the_location(session, w):
    order = _order(
        session,
        w,
        product_id=None,
        stock_location_id=w.store.id,
        quantities={str(w.foreign_toner.id): "1", str(w.black.id): "2"},
        delivery_extra="ignored",
    )
    assert order.deliver_to_stock_location_id == w.store.id
    assert order.delivery_address == "Store, Store street 1"
    assert order.delivery_extra == ""


def _move(session, order, actor, status, **kw):
    result = orders.transition_order(
        session=session, actor=actor, order_id=order.id, to_status=status, **kw
    )
    session.commit()
    return result


def test_agents_move_orders_through_their_states_and_dispatch_needs_tracking(session, w, clock):
    order = _order(session, w)
    _move(session, order, w.agent, "confirmed")
    with pytest.raises(ValidationFailed) as exc:
        _move(session, order, w.agent, "dispatched", tracking_number="  ")
    assert exc.value.errors == {"tracking_number": "error.required"}
    session.rollback()
    clock.advance(hours=2)
    _move(session, order, w.agent, "dispatched", tracking_number="1Z 999")
    assert (order.status, order.tracking_number) == ("dispatched", "1Z 999")
    with pytest.raises(ValidationFailed):
        _move(session, order, w.agent, "confirmed")
    session.rollback()
    _move(session, order, w.agent, "delivered")

    detail = orders.order_detail(session=session, actor=w.keeper, order_id=order.id)
    assert [h["to_status"] for h in detail["history"]] == [
        "submitted",
        "confirmed",
        "dispatched",
        "delivered",
    ]
    assert detail["history"][2]["tracking_number"] == "1Z 999"
    assert (detail["transitions"], detail["can_cancel"]) == ([], False)
    subjects = [m.subject for m in session.exec(select(OutboxMessage).order_by(OutboxMessage.id))]
    assert len(subjects) == 4 and "Enviado" in subjects[2]


def test_customers_cancel_until_confirmed_but_never_confirm_or_dispatch(session, w):
    first = _order(session, w)
    for status in ("confirmed", "dispatched", "delivered"):
        with pytest.raises(PermissionDenied):
            _move(session, first, w.keeper, status, tracking_number="T")
        session.rollback()
    assert (
        orders.cancel_order(session=session, actor=w.keeper, order_id=first.id).status
        == "cancelled"
    )
    session.commit()

    second = _order(session, w)
    _move(session, second, w.agent, "confirmed")
    with pytest.raises(ValidationFailed) as exc:
        orders.cancel_order(session=session, actor=w.admin, order_id=second.id)
    assert exc.value.errors == {"status": "error.order_transition_invalid"}
    session.rollback()
    assert session.get(ConsumableOrder, second.id).status == "confirmed"


def test_other_organisations_cannot_see_or_cancel_an_order(session, w):
    order = _order(session, w)
    other_admin = make_user(session, w.other, role=Role.ADMINISTRATOR)
    session.commit()
    with pytest.raises(NotFound):
        orders.order_detail(session=session, actor=other_admin, order_id=order.id)
    with pytest.raises(NotFound):
        orders.cancel_order(session=session, actor=other_admin, order_id=order.id)
    with pytest.raises(PermissionDenied):
        orders.order_detail(session=session, actor=w.manager, order_id=order.id)


def test_delivery_to_a_stock_location_adds_to_the_stock_on_hand(session, w):
    order = _order(
        session,
        w,
        quantities={str(w.black.id): "2", str(w.drum.id): "1"},
        delivery="location",
        deliver_to_stock_location_id=w.store.id,
    )
    for status in ("confirmed", "dispatched"):
        _move(session, order, w.agent, status, tracking_number="T-1")
    assert session.get(StockLevel, (w.store.id, w.black.id)).quantity == 2
    _move(session, order, w.agent, "delivered")

    assert session.get(StockLevel, (w.store.id, w.black.id)).quantity == 4
    assert session.get(StockLevel, (w.store.id, w.drum.id)).quantity == 1


def test_delivery_to_the_product_leaves_the_stock_alone(session, w):
    order = _order(session, w)
    for status in ("confirmed", "dispatched", "delivered"):
        _move(session, order, w.agent, status, tracking_number="T-1")
    levels = session.exec(select(StockLevel)).all()
    assert [(lv.consumable_id, lv.quantity) for lv in levels] == [(w.black.id, 2)]


def test_notifications_follow_the_creators_preferences(session, w):
    session.add(
        AlertPreference(user_id=w.keeper.id, event=AlertEvent.ORDER_STATUS.value, enabled=False)
    )
    session.add(
        AlertPreference(
            user_id=w.admin.id, event=AlertEvent.ORDER_STATUS.value, not_for_own_actions=True
        )
    )
    session.commit()
    by_keeper = _order(session, w)
    _move(session, by_keeper, w.agent, "confirmed")
    by_admin = _order(session, w, actor=w.admin)
    assert session.exec(select(OutboxMessage)).all() == []

    _move(session, by_admin, w.agent, "confirmed")
    assert [m.to_address for m in session.exec(select(OutboxMessage))] == ["admin@x.example"]


def test_lists_are_scoped_and_filtered(session, w, clock):
    mine = _order(session, w)
    clock.advance(days=3)
    by_admin = _order(session, w, actor=w.admin, product_id=w.unassigned.id)
    _move(session, mine, w.agent, "confirmed")
    _order(session, w, actor=w.admin, product_id=None, stock_location_id=w.other_store.id)

    numbers = lambda page: [r["number"] for r in page.rows]  # noqa: E731
    keeper = orders.list_orders(session=session, actor=w.keeper)
    assert numbers(keeper) == [mine.number]
    assert orders.list_orders(session=session, actor=w.admin).total == 3
    assert orders.list_orders(session=session, actor=w.agent).total == 3
    assert numbers(orders.list_orders(session=session, actor=w.admin, serial="p- 2")) == [
        by_admin.number
    ]
    assert numbers(orders.list_orders(session=session, actor=w.admin, status="confirmed")) == [
        mine.number
    ]
    assert numbers(orders.list_orders(session=session, actor=w.admin, date_to="2026-03-03")) == [
        mine.number
    ]
    assert orders.list_orders(session=session, actor=w.admin, date_from="2026-03-05").total == 2
    with pytest.raises(ValidationFailed):
        orders.list_orders(session=session, actor=w.admin, date_from="yesterday")
    with pytest.raises(PermissionDenied):
        orders.list_orders(session=session, actor=w.manager)
    _move(session, mine, w.agent, "dispatched", tracking_number="T")
    _move(session, mine, w.agent, "delivered")
    assert orders.list_orders(session=session, actor=w.keeper, view="open").total == 0
