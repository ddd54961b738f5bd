"""Meter-reading handlers called as a browser would (SPEC C4): confirmation needs the same
values again, the wrong user changes nothing, ids outside the scope open nothing."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
import reflex as rx
from reflex.istate.data import ReflexURL, RouterData
from sqlmodel import Session, select

from portal.models import CounterType, MeterReading, MeterReset, Role
from portal.state.readings import AccountVolumeState, ReadingHistoryState, ReadingsState
from tests.factories import (
    assign_product,
    make_account,
    make_model,
    make_org,
    make_product,
    make_user,
)

# The clock fixture says 2026-03-02.
TODAY = "2026-03-02"


def _state(cls, path: str = "/readings"):
    root = rx.State(_reflex_internal_init=True)
    state = root.get_substate(cls.get_full_name().split("."))
    state.router = RouterData(url=ReflexURL(f"http://localhost:3000{path}"))
    return state


@pytest.fixture
def w(session, clock, db):
    org = make_org(session, "Demo")
    account = make_account(session, org)
    model = make_model(session, "Mono 1")
    session.add(CounterType(model_id=model.id, code="total", digits=7, position=0))
    session.add(CounterType(model_id=model.id, code="scan", digits=7, position=1))
    product = make_product(session, account=account, model=model, serial="MINE-1")
    for month, total in ((11, 10_000), (12, 13_000), (1, 16_000), (2, 19_000)):
        year = 2025 if month > 2 else 2026
        session.add(
            MeterReading(
                product_id=product.id,
                read_on=date(year, month, 15),
                values={"total": total, "scan": 100},
            )
        )
    auto = make_product(session, account=account, model=model, serial="AUTO-1")
    auto.auto_capture = True
    manager = make_user(session, org, role=Role.DEVICE_MANAGER)
    assign_product(session, manager, product)
    assign_product(session, manager, auto)
    knowledge = make_user(session, org, role=Role.KNOWLEDGE_USER)
    agent = make_user(session, role=Role.AGENT)
    other = make_org(session, "Other")
    foreign = make_product(session, other, model=model, serial="FOREIGN-1")
    other_admin = make_user(session, other, role=Role.ADMINISTRATOR)
    session.commit()
    return SimpleNamespace(**locals())


def _readings(engine) -> list[tuple]:
    with Session(engine) as s:
        return sorted(
            (r.product_id, r.read_on, tuple(sorted(r.values.items())), r.confirmed_implausible)
            for r in s.exec(select(MeterReading))
        )


def _opened(w, act_as):
    act_as(w.manager)
    state = _state(ReadingsState)
    state.load()
    state.open_entry(w.product.id)
    return state


def test_the_list_shows_the_products_in_scope(w, act_as):
    act_as(w.manager)
    state = _state(ReadingsState)
    state.load()
    assert [row["serial"] for row in state.rows] == ["MINE-1", "AUTO-1"]
    assert state.rows[1]["auto_capture"] == "1"
    state.set_status_filter("automatic")
    assert [row["serial"] for row in state.rows] == ["AUTO-1"]
    state.set_status_filter("'; DROP TABLE product; --")
    assert state.status_filter == "" and state.total == 2


def test_a_knowledge_user_is_denied(w, act_as):
    act_as(w.knowledge)
    state = _state(ReadingsState)
    state.load()
    assert state.denied and state.rows == []
    state.open_entry(w.product.id)
    assert not state.entry_open


def test_the_form_has_one_input_per_counter_and_today(w, act_as):
    state = _opened(w, act_as)
    assert state.entry_open
    assert [c["code"] for c in state.entry_counters] == ["total", "scan"]
    assert state.entry_counters[0]["last"] == "19000"
    assert state.entry_date == TODAY


def test_a_product_outside_the_scope_opens_nothing(w, act_as):
    act_as(w.manager)
    state = _state(ReadingsState)
    state.load()
    for bad in (w.foreign.id, "1 OR 1=1", None, -1, 10**20):
        state.open_entry(bad)
        assert not state.entry_open


def test_a_good_reading_is_stored(w, act_as, engine):
    state = _opened(w, act_as)
    state.submit({"read_on": TODAY, "total": "19500", "scan": "120"})
    assert state.accepted and not state.entry_open
    assert (w.product.id, date(2026, 3, 2), (("scan", 120), ("total", 19500)), False) in _readings(
        engine
    )
    assert state.rows[0]["last_read_on"] == TODAY


def test_errors_per_counter_and_nothing_stored(w, act_as, engine):
    before = _readings(engine)
    state = _opened(w, act_as)
    state.submit({"read_on": "2026-03-05", "total": "18000", "scan": "x"})
    assert _readings(engine) == before
    assert state.entry_open and not state.accepted
    errors = {c["code"]: c["error"] for c in state.entry_counters}
    assert errors["total"] and errors["scan"]
    assert state.date_error
    # The typed values stay in the form.
    assert [c["value"] for c in state.entry_counters] == ["18000", "x"]


def test_confirmation_requires_the_same_values_again(w, act_as, engine):
    before = _readings(engine)
    state = _opened(w, act_as)
    huge = {"read_on": TODAY, "total": "90000", "scan": "100"}
    state.submit(huge)
    assert state.needs_confirmation and _readings(engine) == before
    warned = {c["code"]: c for c in state.entry_counters}
    assert warned["total"]["warning"] and warned["total"]["value"] == ""
    assert warned["scan"]["value"] == "100"
    # Different values are checked afresh: warned again, still nothing stored.
    state.submit({**huge, "total": "90001"})
    assert state.needs_confirmation and _readings(engine) == before
    # The same values as the last warning confirm them.
    state.submit({**huge, "total": "90001"})
    assert state.accepted
    assert _readings(engine)[-1] == (
        w.product.id,
        date(2026, 3, 2),
        (("scan", 100), ("total", 90001)),
        True,
    )


def test_a_browser_cannot_confirm_without_the_warning(w, act_as, engine):
    state = _opened(w, act_as)
    # No earlier warning: "confirmed" cannot be smuggled in through the form.
    state.submit({"read_on": TODAY, "total": "90000", "scan": "100", "confirmed": "true"})
    assert state.needs_confirmation
    assert all(r[0] != w.product.id or r[1] != date(2026, 3, 2) for r in _readings(engine))


def test_the_wrong_user_changes_nothing(w, act_as, engine):
    before = _readings(engine)
    state = _opened(w, act_as)
    act_as(w.other_admin)
    state.submit({"read_on": TODAY, "total": "19500", "scan": "120"})
    assert _readings(engine) == before
    assert not state.entry_open and not state.accepted
    act_as(None)
    state.submit({"read_on": TODAY, "total": "19500", "scan": "120"})
    assert _readings(engine) == before


def test_history_of_a_product_and_of_another_organisations(w, act_as):
    act_as(w.manager)
    state = _state(ReadingHistoryState, f"/readings/{w.product.id}")
    state.load()
    assert not state.not_found
    assert [r["read_on"] for r in state.rows][:2] == ["2026-02-15", "2026-01-15"]
    assert state.chart[-1] == {"month": "2026-02", "total": 3000, "scan": 0}
    assert state.can_reset is False
    state = _state(ReadingHistoryState, f"/readings/{w.foreign.id}")
    state.load()
    assert state.not_found and state.rows == []


def test_only_agents_record_resets(w, act_as, engine):
    act_as(w.manager)
    state = _state(ReadingHistoryState, f"/readings/{w.product.id}")
    state.load()
    state.record_reset({"counter": "scan", "reset_on": TODAY})
    with Session(engine) as s:
        assert s.exec(select(MeterReset)).all() == []
    act_as(w.agent)
    state = _state(ReadingHistoryState, f"/readings/{w.product.id}")
    state.load()
    assert state.can_reset
    state.record_reset({"counter": "scan", "reset_on": TODAY})
    assert state.reset_saved
    assert state.resets[0]["counter"] == "scan"


def test_account_volume_is_scoped(w, act_as):
    act_as(w.manager)
    state = _state(AccountVolumeState, f"/readings/account/{w.account.id}")
    state.load()
    assert not state.not_found
    assert state.chart[-1]["total"] == 3000
    act_as(w.other_admin)
    state = _state(AccountVolumeState, f"/readings/account/{w.account.id}")
    state.load()
    assert state.not_found and state.chart == []
