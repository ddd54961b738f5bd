"""The dashboards state called as a browser would call it: by role, with other
organisations' ids, with bad periods and serial numbers, and its CSV files (SPEC X3)."""

from __future__ import annotations

import base64
import csv
import io
from datetime import UTC, datetime

import pytest
import reflex as rx

from portal.models import Role, Ticket
from portal.state.dashboards import DashboardsState
from tests.factories import (
    assign_product,
    make_account,
    make_group,
    make_model,
    make_org,
    make_product,
    make_user,
)


def _state() -> DashboardsState:
    root = rx.State(_reflex_internal_init=True)
    return root.get_substate(DashboardsState.get_full_name().split("."))


def _download(spec) -> tuple[str, str]:
    args = {str(name): value._var_value for name, value in spec.args}
    header, _, payload = args["url"].partition(",")
    assert header.startswith("data:text/csv") and header.endswith(";base64")
    return args["filename"], base64.b64decode(payload).decode("utf-8-sig")


def _ticket(session, product, number, created, ticket_type="paper_jam"):
    session.add(
        Ticket(number=number, product_id=product.id, created_at=created, ticket_type=ticket_type)
    )


@pytest.fixture
def world(session, clock):
    """Org A: P1 (account A-1, 3 tickets), P2 (A-2, in group North, 1 ticket); a device
    manager of P1 only; org B: PB with 5 tickets. All tickets in February 2026."""
    org = make_org(session, "Org A")
    acc_1 = make_account(session, org, number="A-1")
    acc_2 = make_account(session, org, number="A-2")
    model = make_model(session, "Colour 500")
    p1 = make_product(session, account=acc_1, serial="P1", model=model)
    p2 = make_product(session, account=acc_2, serial="P2", model=model)
    group = make_group(session, org, products=[p2], name="North")
    other = make_org(session, "Org B")
    pb = make_product(session, account=make_account(session, other, number="B-1"), serial="PB")
    other_group = make_group(session, other, products=[pb], name="Theirs")
    admin = make_user(session, org, role=Role.ADMINISTRATOR, language="en")
    manager = make_user(session, org, role=Role.DEVICE_MANAGER)
    assign_product(session, manager, p1)
    agent = make_user(session, role=Role.AGENT)
    stock = make_user(session, org, role=Role.STOCK_MANAGER)
    february = datetime(2026, 2, 10, 9, 0, tzinfo=UTC)
    for n in range(3):
        _ticket(session, p1, f"T1{n}", february, "hardware_fault" if n == 0 else "paper_jam")
    _ticket(session, p2, "T20", february)
    for n in range(5):
        _ticket(session, pb, f"TB{n}", february)
    session.commit()
    return {
        "admin": admin,
        "manager": manager,
        "agent": agent,
        "stock": stock,
        "acc_2": acc_2,
        "group": group,
        "p1": p1,
        "pb": pb,
        "other_group": other_group,
    }


def _total(state, month="2026-02") -> int:
    return next(row["total"] for row in state.tickets if row["month"] == month)


def _top(state) -> list[tuple[str, int]]:
    return [(row["serial"], row["ticket_count"]) for row in state.top]


def test_an_administrator_sees_the_organisation_and_its_filter_choices(db, act_as, world):
    act_as(world["admin"])
    state = _state()
    state.load()
    assert not state.denied and state.loaded
    assert (state.from_month, state.to_month) == ("2025-04", "2026-03")
    assert _total(state) == 4
    assert _top(state) == [("P1", 3), ("P2", 1)]
    assert [o["label"].split(" ")[0] for o in state.account_options] == ["A-1", "A-2"]
    assert [o["label"] for o in state.group_options] == ["North"]


def test_a_device_manager_sees_only_their_devices(db, act_as, world):
    act_as(world["manager"])
    state = _state()
    state.load()
    assert _total(state) == 3
    assert _top(state) == [("P1", 3)]
    february = next(row for row in state.tickets if row["month"] == "2026-02")
    assert (february["hardware_fault"], february["paper_jam"]) == (1, 2)


def test_an_agent_sees_every_organisation(db, act_as, world):
    act_as(world["agent"])
    state = _state()
    state.load()
    assert _total(state) == 9
    assert _top(state)[0] == ("PB", 5)


@pytest.mark.parametrize("role", ["stock", None])
def test_other_roles_and_visitors_get_nothing(db, act_as, world, role):
    act_as(world[role] if role else None)
    state = _state()
    state.load()
    state.apply({"from": "2026-01", "to": "2026-03"})
    state.show_device(str(world["p1"].id))
    assert state.export_csv("tickets") is None
    assert state.tickets == [] and state.top == [] and state.account_options == []
    if role:
        assert state.denied


def test_filters_narrow_to_an_account_a_group_or_a_serial(db, act_as, world):
    act_as(world["admin"])
    state = _state()
    state.load()
    state.apply({"account": str(world["acc_2"].id)})
    assert _top(state) == [("P2", 1)]
    state.apply({"group": str(world["group"].id)})
    assert _top(state) == [("P2", 1)]
    state.apply({"serial": " p1 "})
    assert state.device_label == "P1" and _top(state) == [("P1", 3)]
    state.clear_device()
    assert state.device_id == "" and _total(state) == 4


def test_another_organisations_ids_match_nothing(db, act_as, world):
    act_as(world["admin"])
    state = _state()
    state.load()
    state.apply({"group": str(world["other_group"].id)})
    assert _total(state) == 0 and state.top == []
    state.show_device(str(world["pb"].id))
    assert state.device_id == ""
    state.apply({"serial": "PB"})
    assert state.serial_error == "dashboards.error.serial"
    for forged in ("1 OR 1=1", "-5", "9" * 40, "' DROP"):
        state.show_device(forged)
        state.apply({"account": forged, "group": forged})
    assert state.device_id == "" and "PB" not in {serial for serial, _ in _top(state)}


@pytest.mark.parametrize(
    ("form", "field", "key"),
    [
        ({"from": "March", "to": "2026-03"}, "from_error", "dashboards.error.month"),
        ({"from": "2026-01", "to": "2026-13"}, "to_error", "dashboards.error.month"),
        ({"from": "2026-03", "to": "2026-01"}, "to_error", "dashboards.error.order"),
        ({"from": "2020-01", "to": "2026-03"}, "from_error", "dashboards.error.too_long"),
        ({"from": "2020-01"}, "from_error", "dashboards.error.too_long"),
    ],
)
def test_a_bad_period_is_refused_next_to_its_field_and_changes_nothing(
    db, act_as, world, form, field, key
):
    act_as(world["admin"])
    state = _state()
    state.load()
    state.apply({"from": "2026-02", "to": "2026-02", "account": str(world["acc_2"].id)})
    before = (state.from_month, state.to_month, state.account_filter, list(state.tickets))
    state.apply({**form, "account": ""})
    assert getattr(state, field) == key
    assert (state.from_month, state.to_month, state.account_filter, state.tickets) == before
    state.apply({"from": "2026-01", "to": "2026-03"})
    assert state.from_error == state.to_error == ""
    assert (state.from_month, state.to_month) == ("2026-01", "2026-03")


def test_choosing_a_device_after_a_refused_period_clears_the_message(db, act_as, world):
    act_as(world["admin"])
    state = _state()
    state.load()
    state.apply({"from": "2026-03", "to": "2026-01"})
    assert state.to_error == "dashboards.error.order"
    state.show_device(str(world["p1"].id))
    assert state.device_label == "P1" and state.to_error == "" and state.from_error == ""


def test_table_view_and_volume_view_take_only_known_names(db, act_as, world):
    act_as(world["admin"])
    state = _state()
    state.toggle_table("sla")
    state.toggle_table("nonsense")
    assert state.tables == ["sla"]
    state.toggle_table("sla")
    assert state.tables == []
    state.set_volume_view("account")
    assert state.volume_view == "account"
    state.set_volume_view("<script>")
    assert state.volume_view == "fleet"


def test_each_chart_downloads_as_translated_csv_of_the_current_filters(db, act_as, world):
    act_as(world["admin"])
    state = _state()
    state.lang = "en"
    state.load()
    state.apply({"from": "2026-01", "to": "2026-03"})
    name, text = _download(state.export_csv("top"))
    assert name == "top-2026-01-2026-03.csv"
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Serial number", "Model", "Alternative name", "Account", "Tickets"]
    assert [r[0] for r in rows[1:]] == ["P1", "P2"]
    _, text = _download(state.export_csv("tickets"))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Month" and "Paper jam" in rows[0]
    assert [r[0] for r in rows[1:]] == ["2026-01", "2026-02", "2026-03"]
    assert rows[2][-1] == "4"
    for chart in ("volume", "resolve", "sla"):
        assert _download(state.export_csv(chart))[1].startswith("Month")
    assert state.export_csv("users") is None
