"""Stock and order handlers called as a browser would, by the right and the wrong user
(SPEC C7): refusals change nothing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import reflex as rx
from reflex.istate.data import ReflexURL, RouterData
from sqlmodel import Session, select

from portal.models import (
    AuditLog,
    ConsumableOrder,
    OutboxMessage,
    Role,
    StockLevel,
    StockLocation,
    StockManagerLocation,
)
from portal.services import orders
from portal.state.orders import DeskOrdersState, OrderDetailState, OrdersState
from portal.state.stock import LowTonerState, StockState
from tests.factories import (
    assign_product,
    make_account,
    make_model,
    make_org,
    make_product,
    make_user,
)
from tests.services.test_stock import _consumables


def _state(cls, path: str):
    root = rx.State(_reflex_internal_init=True)
    state = root.get_substate(cls.get_full_name().split("."))
    state.router = RouterData(url=ReflexURL(f"http://localhost:3000{path}"))
    return state


@pytest.fixture
def w(session, clock):
    org = make_org(session, "Demo")
    account = make_account(session, org)
    model = make_model(session, "Colour 1")
    black, cyan, drum, staples = _consumables(session, model)
    product = make_product(session, account=account, model=model, serial="MINE-1")
    product.toner_levels = {"black": 8}
    automatic = make_product(session, account=account, model=model, serial="AUTO-1")
    automatic.auto_replenish = True
    keeper = make_user(session, org, role=Role.STOCK_MANAGER)
    assign_product(session, keeper, product)
    assign_product(session, keeper, automatic)
    manager = make_user(session, org, role=Role.DEVICE_MANAGER)
    assign_product(session, manager, product)
    agent = make_user(session, role=Role.AGENT)
    store = StockLocation(organisation_id=org.id, name="Store")
    other = make_org(session, "Other")
    foreign_store = StockLocation(organisation_id=other.id, name="Foreign store")
    foreign_product = make_product(session, other, model=model, serial="FOREIGN-1")
    other_admin = make_user(session, other, role=Role.ADMINISTRATOR)
    session.add_all([product, automatic, store, foreign_store])
    session.flush()
    session.add(StockManagerLocation(user_id=keeper.id, stock_location_id=store.id))
    session.commit()
    order = orders.create_order(
        session=session,
        actor=keeper,
        data=orders.OrderCreate(product_id=product.id, quantities={str(black.id): "1"}),
    )
    session.commit()
    return SimpleNamespace(**locals())


def _snapshot(engine) -> dict:
    with Session(engine) as s:
        return {
            "orders": sorted((o.id, o.status) for o in s.exec(select(ConsumableOrder))),
            "locations": sorted((x.id, x.name) for x in s.exec(select(StockLocation))),
            "levels": sorted((x.stock_location_id, x.quantity) for x in s.exec(select(StockLevel))),
            "audit": len(s.exec(select(AuditLog)).all()),
            "outbox": len(s.exec(select(OutboxMessage)).all()),
        }


def test_a_stock_manager_keeps_stock_through_the_page(db, act_as, w):
    act_as(w.keeper)
    state = _state(StockState, "/stock")
    state.load()
    assert [row["name"] for row in state.locations] == ["Store"]
    assert state.selected_id == str(w.store.id)

    state.save_stock({f"qty_{w.drum.id}": "-2"})
    assert state.error == "stock.quantities_invalid"
    assert next(x for x in state.lines if x["code"] == w.drum.code)["error"] == (
        "error.stock_quantity_invalid"
    )
    state.save_stock({f"qty_{w.drum.id}": "5"})
    assert state.notice == "stock.stock_saved"
    assert next(x for x in state.lines if x["code"] == w.drum.code)["quantity"] == "5"

    state.new_location()
    state.save_location({"name": "", "address": "x"})
    assert state.errors["name"] == "error.required"
    state.save_location({"name": "Annex", "address": "x"})
    assert [row["name"] for row in state.locations] == ["Annex", "Store"]


def test_the_wrong_role_and_foreign_ids_change_no_stock(db, act_as, w):
    before = _snapshot(db)
    act_as(w.manager)
    state = _state(StockState, "/stock")
    state.load()
    assert (state.denied, state.locations) == (True, [])
    state.selected_id = str(w.store.id)  # a tampered browser
    state.save_stock({f"qty_{w.drum.id}": "9"})
    state.editing_id = str(w.store.id)
    state.save_location({"name": "Taken"})
    low = _state(LowTonerState, "/stock/low-toner")
    low.load()
    assert (low.denied, low.rows) == (True, [])

    act_as(w.keeper)
    state = _state(StockState, "/stock")
    state.load()
    state.select_location(str(w.foreign_store.id))
    assert state.error == "error.not_found"
    state.selected_id = str(w.foreign_store.id)
    state.save_stock({f"qty_{w.drum.id}": "9"})
    state.editing_id = str(w.foreign_store.id)
    state.save_location({"name": "Taken"})
    assert _snapshot(db) == before


def test_low_toner_rows_for_the_stock_manager(db, act_as, w):
    act_as(w.keeper)
    state = _state(LowTonerState, "/stock/low-toner")
    state.load()
    assert [(r["serial"], r["colour"], r["level"]) for r in state.rows] == [
        ("MINE-1", "black", "8")
    ]


def test_an_order_through_the_form_and_the_refusals(db, act_as, w):
    act_as(w.keeper)
    state = _state(OrdersState, "/stock/orders")
    state.load()
    assert state.can_order and [r["number"] for r in state.open_rows] == [w.order.number]
    state.choose_product(str(w.automatic.id))
    assert state.chosen_product["auto_replenish"] == "1" and state.items == []
    state.choose_product(str(w.foreign_product.id))
    assert state.errors["product_id"] == "error.not_found" and state.chosen_product_id == ""

    state.choose_product(str(w.product.id))
    assert [i["code"] for i in state.items][:2] == [w.black.code, w.cyan.code]
    state.submit_order({f"qty_{w.drum.id}": "3", "delivery": "product"})
    assert next(i for i in state.items if i["code"] == w.drum.code)["error"] == (
        "error.order_quantity_range"
    )
    state.submit_order({f"qty_{w.drum.id}": "1", "delivery": "product", "delivery_extra": "3F"})
    assert state.notice == "order.created"
    assert len(state.open_rows) == 2

    state.chosen_product_id = str(w.automatic.id)  # a tampered browser
    state.submit_order({f"qty_{w.black.id}": "1", "delivery": "product"})
    assert state.errors["product_id"] == "error.order_auto_replenish"


def test_the_wrong_users_cannot_order_or_move_orders(db, act_as, w):
    before = _snapshot(db)
    act_as(w.manager)
    state = _state(OrdersState, "/stock/orders")
    state.load()
    assert state.denied is True
    state.chosen_product_id = str(w.product.id)
    state.submit_order({f"qty_{w.black.id}": "1", "delivery": "product"})

    act_as(w.keeper)
    detail = _state(OrderDetailState, f"/stock/orders/{w.order.id}")
    detail.load()
    assert detail.can_cancel is True and detail.can_transition is False
    detail.transition({"status": "confirmed"})
    assert detail.error == "error.permission_denied"
    desk = _state(DeskOrdersState, "/desk/orders")
    desk.load()
    assert (desk.denied, desk.rows) == (True, [])

    act_as(w.other_admin)
    detail = _state(OrderDetailState, f"/stock/orders/{w.order.id}")
    detail.load()
    assert detail.not_found is True
    detail.confirm_cancel()
    after = _snapshot(db)
    assert after == before


def test_an_agent_dispatches_and_the_customer_cancels_only_while_submitted(db, act_as, w):
    act_as(w.agent)
    desk = _state(DeskOrdersState, "/desk/orders")
    desk.load()
    assert [r["number"] for r in desk.rows] == [w.order.number]
    detail = _state(OrderDetailState, f"/desk/orders/{w.order.id}")
    detail.load()
    assert detail.transitions == ["confirmed", "cancelled"]
    detail.transition({"status": "confirmed"})
    detail.transition({"status": "dispatched", "tracking_number": ""})
    assert detail.errors["tracking_number"] == "error.required"
    detail.transition({"status": "dispatched", "tracking_number": "1Z-9"})
    assert (detail.order["status"], detail.order["tracking_number"]) == ("dispatched", "1Z-9")

    act_as(w.keeper)
    mine = _state(OrderDetailState, f"/stock/orders/{w.order.id}")
    mine.load()
    assert mine.can_cancel is False
    mine.confirm_cancel()
    assert mine.order["status"] == "dispatched"
    assert [h["to_status"] for h in mine.history] == ["submitted", "confirmed", "dispatched"]
