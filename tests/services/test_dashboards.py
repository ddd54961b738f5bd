"""Dashboards (SPEC X3): print volume, tickets per month, time to resolve, SLA, top devices, CSV."""

from __future__ import annotations

import csv
import io
import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from portal.errors import PermissionDenied
from portal.models import MeterReading, Role, Ticket, UserStatus
from portal.services import dashboards
from portal.services.dashboards import (
    DashboardFilters,
    csv_export,
    print_volume,
    sla_compliance,
    tickets_per_month,
    time_to_resolve,
    top_devices,
)
from portal.services.products import monthly_volume
from tests.factories import (
    assign_product,
    make_account,
    make_group,
    make_model,
    make_org,
    make_product,
    make_user,
)

_numbers = itertools.count(1)
PERIOD = DashboardFilters(from_month="2026-01", to_month="2026-03")


def _at(day: int, month: int = 1, hour: int = 9, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=UTC)


def _reading(session, product, day: date, **values) -> None:
    session.add(MeterReading(product_id=product.id, read_on=day, values=values))
    session.flush()


def _ticket(session, product, created: datetime, **fields) -> Ticket:
    ticket = Ticket(
        number=f"T{next(_numbers):07d}", product_id=product.id, created_at=created, **fields
    )
    session.add(ticket)
    session.flush()
    return ticket


def _by_month(rows, key="month"):
    return {row[key]: row for row in rows}


@pytest.fixture
def world(session, clock):
    """Org A: accounts A-1 (two products) and A-2 (one, in a group); org B: one product.

    Users: an administrator and a device manager (of p1 only) of org A, an administrator
    of org B, a provider admin and an agent, a stock manager and a knowledge user.
    """
    org_a = make_org(session, "Org A")
    acc_1 = make_account(session, org_a, number="A-1")
    acc_2 = make_account(session, org_a, number="A-2")
    colour = make_model(session, "Colour 500")
    mono = make_model(session, "Mono 300")
    p1 = make_product(session, account=acc_1, serial="P1", model=colour)
    p2 = make_product(session, account=acc_1, serial="P2", model=mono)
    p3 = make_product(session, account=acc_2, serial="P3", model=colour)
    group = make_group(session, org_a, products=[p3], name="North")
    org_b = make_org(session, "Org B")
    acc_b = make_account(session, org_b, number="B-1")
    pb = make_product(session, account=acc_b, serial="PB", model=colour)
    admin = make_user(session, org_a, role=Role.ADMINISTRATOR)
    manager = make_user(session, org_a, role=Role.DEVICE_MANAGER)
    assign_product(session, manager, p1)
    other_admin = make_user(session, org_b, role=Role.ADMINISTRATOR)
    provider = make_user(session, role=Role.PROVIDER_ADMIN)
    agent = make_user(session, role=Role.AGENT)
    stock = make_user(session, org_a, role=Role.STOCK_MANAGER)
    knowledge = make_user(session, org_a, role=Role.KNOWLEDGE_USER)
    session.commit()
    return {
        "org_a": org_a,
        "acc_1": acc_1,
        "acc_2": acc_2,
        "acc_b": acc_b,
        "p1": p1,
        "p2": p2,
        "p3": p3,
        "pb": pb,
        "group": group,
        "admin": admin,
        "manager": manager,
        "other_admin": other_admin,
        "provider": provider,
        "agent": agent,
        "stock": stock,
        "knowledge": knowledge,
    }


@pytest.fixture
def readings(session, world):
    """Monthly readings of every product from December 2025 to March 2026."""
    p1, p2, p3, pb = world["p1"], world["p2"], world["p3"], world["pb"]
    # p1: 500 mono + 200 colour in January, 300 + 100 in February, 100 + 0 in March.
    for day, black, colour in [
        (date(2025, 12, 15), 1000, 400),
        (date(2026, 1, 15), 1500, 600),
        (date(2026, 2, 15), 1800, 700),
        (date(2026, 3, 15), 1900, 700),
    ]:
        _reading(session, p1, day, total=black + colour, black=black, colour=colour)
    # p2 (mono only): 1000 in January, a counter reset in February (ignored), 50 in March.
    for day, black in [
        (date(2025, 12, 20), 5000),
        (date(2026, 1, 20), 6000),
        (date(2026, 2, 20), 100),
        (date(2026, 3, 20), 150),
    ]:
        _reading(session, p2, day, total=black, black=black)
    # p3: 20 mono + 10 colour in February only.
    _reading(session, p3, date(2026, 1, 31), total=300, black=200, colour=100)
    _reading(session, p3, date(2026, 2, 1), total=330, black=220, colour=110)
    # Org B: 10,000 mono in January, never counted for org A.
    _reading(session, pb, date(2025, 12, 10), black=10_000, colour=0)
    _reading(session, pb, date(2026, 1, 10), black=20_000, colour=0)
    session.commit()


# --- Filters ----------------------------------------------------------------------------


def test_default_period_is_the_last_twelve_months(clock):
    filters = DashboardFilters()
    assert (filters.from_month, filters.to_month) == ("2025-04", "2026-03")
    assert len(filters.months) == 12
    assert filters.start == date(2025, 4, 1)
    assert filters.end == date(2026, 4, 1)


def test_filters_clean_untrusted_input(clock):
    filters = DashboardFilters.from_mapping(
        {
            "from": "2026-02",
            "to": " 2025-11 ",
            "account": " 7 ",
            "group": "x; DROP TABLE",
            "product": True,
            "is_admin": "yes",
        }
    )
    assert (filters.from_month, filters.to_month) == ("2025-11", "2026-02")
    assert filters.account_id == 7
    assert filters.group_id is None
    assert filters.product_id is None
    assert DashboardFilters.from_mapping("nonsense") == DashboardFilters()
    junk = DashboardFilters(from_month="2026-13", to_month=["2026-01"], account_id=-3)
    assert (junk.from_month, junk.to_month, junk.account_id) == ("2025-04", "2026-03", None)
    assert DashboardFilters(account_id=2**40).account_id is None


def test_period_is_bounded_to_36_months(clock):
    filters = DashboardFilters(from_month="2010-01", to_month="2026-03")
    assert (filters.from_month, filters.to_month) == ("2023-04", "2026-03")
    assert len(filters.months) == dashboards.MAX_MONTHS
    assert DashboardFilters(from_month="2024-01-15").to_month == "2026-03"


# --- Who may see dashboards ---------------------------------------------------------


@pytest.mark.parametrize(
    "function",
    [print_volume, tickets_per_month, time_to_resolve, sla_compliance, top_devices],
)
@pytest.mark.parametrize("who", ["stock", "knowledge", "nobody", "inactive"])
def test_other_roles_are_refused(session, world, function, who):
    if who == "nobody":
        actor = None
    elif who == "inactive":
        actor = make_user(session, world["org_a"], status=UserStatus.INACTIVE)
    else:
        actor = world[who]
    with pytest.raises(PermissionDenied):
        function(session=session, actor=actor, filters=PERIOD)


# --- Print volume ---------------------------------------------------------------------


def test_volume_of_a_month_is_the_difference_to_the_previous_reading(session, world, readings):
    rows = print_volume(
        session=session,
        actor=world["admin"],
        filters=DashboardFilters(
            from_month="2026-01", to_month="2026-03", product_id=world["p1"].id
        ),
    )
    assert rows == [
        {"month": "2026-01", "mono": 500, "colour": 200, "total": 700},
        {"month": "2026-02", "mono": 300, "colour": 100, "total": 400},
        {"month": "2026-03", "mono": 100, "colour": 0, "total": 100},
    ]


def test_volume_agrees_with_the_product_page(session, world, readings):
    p1 = world["p1"]
    series = [
        (r.read_on, r.values)
        for r in session.exec(select(MeterReading).where(MeterReading.product_id == p1.id))
    ]
    page = monthly_volume(series, ["black", "colour"], today=date(2026, 3, 31), months=3)
    rows = print_volume(
        session=session, actor=world["admin"], filters=DashboardFilters(product_id=p1.id)
    )
    assert [(r["month"], r["mono"], r["colour"]) for r in rows] == [
        (m["month"], m["black"], m["colour"]) for m in page
    ]


def test_fleet_volume_ignores_counter_resets_and_other_organisations(session, world, readings):
    rows = _by_month(print_volume(session=session, actor=world["admin"], filters=PERIOD))
    # January: p1 500 + p2 1000 mono, p1 200 colour. February: p1 300 + p3 20 mono
    # (p2's reset counts nothing), p1 100 + p3 10 colour. March: p1 100 + p2 50.
    assert rows["2026-01"] == {"month": "2026-01", "mono": 1500, "colour": 200, "total": 1700}
    assert rows["2026-02"] == {"month": "2026-02", "mono": 320, "colour": 110, "total": 430}
    assert rows["2026-03"] == {"month": "2026-03", "mono": 150, "colour": 0, "total": 150}
    other = _by_month(print_volume(session=session, actor=world["other_admin"], filters=PERIOD))
    assert list(other) == ["2026-01"]
    assert other["2026-01"]["mono"] == 10_000


def test_the_previous_reading_may_lie_before_the_period(session, world, readings):
    rows = print_volume(
        session=session,
        actor=world["admin"],
        filters=DashboardFilters(from_month="2026-02", to_month="2026-02"),
    )
    assert rows == [{"month": "2026-02", "mono": 320, "colour": 110, "total": 430}]


def test_device_manager_sees_only_their_devices_volume(session, world, readings):
    rows = print_volume(session=session, actor=world["manager"], filters=PERIOD)
    assert [(r["month"], r["mono"]) for r in rows] == [
        ("2026-01", 500),
        ("2026-02", 300),
        ("2026-03", 100),
    ]
    # Asking for another product or account only narrows: nothing.
    for narrowed in (
        DashboardFilters(from_month="2026-01", to_month="2026-03", product_id=world["p2"].id),
        DashboardFilters(from_month="2026-01", to_month="2026-03", account_id=world["acc_2"].id),
    ):
        assert print_volume(session=session, actor=world["manager"], filters=narrowed) == []


def test_volume_per_account(session, world, readings):
    rows = print_volume(session=session, actor=world["admin"], filters=PERIOD, by="account")
    assert [(r["month"], r["account_number"], r["mono"], r["colour"]) for r in rows] == [
        ("2026-01", "A-1", 1500, 200),
        ("2026-02", "A-1", 300, 100),
        ("2026-02", "A-2", 20, 10),
        ("2026-03", "A-1", 150, 0),
    ]
    assert rows[0]["account_id"] == world["acc_1"].id
    assert rows[0]["account_name"] == "Account"


def test_provider_sees_every_organisation_and_filters_narrow(session, world, readings):
    january = _by_month(print_volume(session=session, actor=world["provider"], filters=PERIOD))
    assert january["2026-01"]["mono"] == 1500 + 10_000
    by_group = print_volume(
        session=session,
        actor=world["agent"],
        filters=DashboardFilters(
            from_month="2026-01", to_month="2026-03", group_id=world["group"].id
        ),
    )
    assert by_group == [{"month": "2026-02", "mono": 20, "colour": 10, "total": 30}]
    foreign = DashboardFilters(
        from_month="2026-01", to_month="2026-03", account_id=world["acc_b"].id
    )
    assert print_volume(session=session, actor=world["admin"], filters=foreign) == []
    assert print_volume(session=session, actor=world["provider"], filters=foreign)[0]["mono"] == (
        10_000
    )


# --- Tickets per month --------------------------------------------------------------


def test_tickets_per_month_by_type(session, world):
    p1, p2, pb = world["p1"], world["p2"], world["pb"]
    _ticket(session, p1, _at(5), ticket_type="paper_jam")
    _ticket(session, p1, _at(31, hour=23), ticket_type="paper_jam")
    _ticket(session, p2, _at(6), ticket_type="hardware_fault")
    _ticket(session, p2, _at(2, month=3), ticket_type="made_up_type")
    _ticket(session, p1, _at(31, month=12, year=2025), ticket_type="paper_jam")  # before
    _ticket(session, pb, _at(5), ticket_type="paper_jam")  # org B
    session.commit()
    rows = tickets_per_month(session=session, actor=world["admin"], filters=PERIOD)
    assert [r["month"] for r in rows] == ["2026-01", "2026-02", "2026-03"]
    january, february, march = rows
    assert (january["total"], january["paper_jam"], january["hardware_fault"]) == (3, 2, 1)
    assert february["total"] == 0
    assert set(february) == {"month", "total", *dashboards.TICKET_TYPES}
    assert (march["total"], march["other"]) == (1, 1)
    manager = tickets_per_month(session=session, actor=world["manager"], filters=PERIOD)
    assert [r["total"] for r in manager] == [2, 0, 0]
    provider = tickets_per_month(session=session, actor=world["provider"], filters=PERIOD)
    assert provider[0]["total"] == 4


# --- Time to resolve ------------------------------------------------------------------


def test_time_to_resolve_average_median_and_p90(session, world):
    p1, pb = world["p1"], world["pb"]
    created = _at(10)
    for hours in (2, 4, 6, 20):
        _ticket(session, p1, created, status="solved", solved_at=created + timedelta(hours=hours))
    # 10 hours open, 4 of them paused (waiting for the customer): 6 hours.
    _ticket(
        session,
        p1,
        _at(3, month=2),
        status="closed",
        solved_at=_at(3, month=2) + timedelta(hours=10),
        closed_at=_at(5, month=2),
        paused_seconds=4 * 3600,
    )
    # Closed without being solved: resolved when closed.
    _ticket(session, p1, _at(10, month=2), status="closed", closed_at=_at(10, month=2, hour=12))
    _ticket(session, p1, _at(20), status="new")  # open: not counted
    _ticket(session, pb, created, status="solved", solved_at=created + timedelta(hours=500))
    session.commit()
    rows = _by_month(time_to_resolve(session=session, actor=world["admin"], filters=PERIOD))
    assert rows["2026-01"] == {
        "month": "2026-01",
        "count": 4,
        "avg_hours": 8.0,
        "median_hours": 5.0,
        "p90_hours": 20.0,
    }
    assert rows["2026-02"] == {
        "month": "2026-02",
        "count": 2,
        "avg_hours": 4.5,
        "median_hours": 4.5,
        "p90_hours": 6.0,
    }
    assert rows["2026-03"] == {
        "month": "2026-03",
        "count": 0,
        "avg_hours": None,
        "median_hours": None,
        "p90_hours": None,
    }
    other = _by_month(time_to_resolve(session=session, actor=world["other_admin"], filters=PERIOD))
    assert other["2026-01"]["count"] == 1
    assert other["2026-01"]["median_hours"] == 500.0


def test_time_to_resolve_is_counted_in_the_month_of_resolution(session, world):
    _ticket(session, world["p1"], _at(31, hour=20), status="solved", solved_at=_at(1, month=2))
    session.commit()
    rows = _by_month(time_to_resolve(session=session, actor=world["manager"], filters=PERIOD))
    assert rows["2026-01"]["count"] == 0
    assert (rows["2026-02"]["count"], rows["2026-02"]["avg_hours"]) == (1, 13.0)


def test_time_to_resolve_follows_a_reopened_and_solved_again_ticket(session, world):
    ticket = _ticket(session, world["p1"], _at(5), status="solved", solved_at=_at(5, hour=12))
    session.commit()
    ticket.status, ticket.solved_at = "in_progress", None  # reopened: not resolved any more
    session.add(ticket)
    session.commit()
    rows = _by_month(time_to_resolve(session=session, actor=world["admin"], filters=PERIOD))
    assert rows["2026-01"]["count"] == 0

    ticket.status, ticket.solved_at = "solved", _at(2, month=2, hour=9)
    session.add(ticket)
    session.commit()
    rows = _by_month(time_to_resolve(session=session, actor=world["admin"], filters=PERIOD))
    assert (rows["2026-02"]["count"], rows["2026-02"]["median_hours"]) == (1, 672.0)


def test_time_to_resolve_follows_a_product_moved_to_another_account(session, world):
    p1, acc_1, acc_2 = world["p1"], world["acc_1"], world["acc_2"]
    _ticket(session, p1, _at(5), status="solved", solved_at=_at(5, hour=12))
    session.commit()

    def count(account):
        filters = DashboardFilters(from_month="2026-01", to_month="2026-01", account_id=account.id)
        return time_to_resolve(session=session, actor=world["admin"], filters=filters)[0]["count"]

    assert (count(acc_1), count(acc_2)) == (1, 0)
    p1.account_id = acc_2.id
    session.add(p1)
    session.commit()
    assert (count(acc_1), count(acc_2)) == (0, 1)


# --- SLA compliance -------------------------------------------------------------------


def test_sla_met_late_and_open_overdue(session, world, clock):
    p1, p2, pb = world["p1"], world["p2"], world["pb"]
    due = _at(20)
    _ticket(session, p1, _at(19), resolution_due_at=due, solved_at=due - timedelta(hours=1))
    _ticket(session, p1, _at(19), resolution_due_at=due, solved_at=due)  # just in time
    _ticket(session, p2, _at(19), resolution_due_at=due, closed_at=due - timedelta(hours=2))
    _ticket(session, p2, _at(19), resolution_due_at=due, solved_at=due + timedelta(minutes=5))
    _ticket(session, p2, _at(19), resolution_due_at=due)  # still open, overdue
    _ticket(session, p2, _at(19))  # no due time: left out
    # Due next week (the clock says 2 March): open but still in time.
    _ticket(session, p1, _at(1, month=3), resolution_due_at=_at(9, month=3))
    _ticket(session, pb, _at(19), resolution_due_at=due)  # org B
    session.commit()
    rows = sla_compliance(session=session, actor=world["admin"], filters=PERIOD)
    january, february, march = rows
    assert january == {
        "month": "2026-01",
        "met": 3,
        "late": 1,
        "open_overdue": 1,
        "open_in_time": 0,
        "total": 5,
        "met_percent": 60.0,
    }
    assert (february["total"], february["met_percent"]) == (0, None)
    assert (march["open_in_time"], march["total"], march["met_percent"]) == (1, 1, None)
    manager = sla_compliance(session=session, actor=world["manager"], filters=PERIOD)[0]
    assert (manager["met"], manager["late"], manager["met_percent"]) == (2, 0, 100.0)
    later = sla_compliance(
        session=session, actor=world["admin"], filters=PERIOD, now=_at(10, month=3)
    )
    assert (later[2]["open_overdue"], later[2]["open_in_time"]) == (1, 0)


# --- Top devices --------------------------------------------------------------------------


def test_top_devices(session, world):
    p1, p2, p3, pb = world["p1"], world["p2"], world["p3"], world["pb"]
    for product, count in ((p1, 2), (p2, 3), (p3, 2), (pb, 9)):
        for n in range(count):
            _ticket(session, product, _at(5 + n))
    _ticket(session, p1, _at(5, year=2025))  # outside the period
    session.commit()
    rows = top_devices(session=session, actor=world["admin"], filters=PERIOD)
    assert [(r["serial"], r["ticket_count"]) for r in rows] == [("P2", 3), ("P1", 2), ("P3", 2)]
    assert rows[0] == {
        "product_id": p2.id,
        "serial": "P2",
        "model": "Mono 300",
        "alternative_name": "",
        "account_number": "A-1",
        "ticket_count": 3,
    }
    assert len(top_devices(session=session, actor=world["admin"], filters=PERIOD, limit=1)) == 1
    assert len(top_devices(session=session, actor=world["admin"], filters=PERIOD, limit="x")) == 3
    provider = top_devices(session=session, actor=world["provider"], filters=PERIOD)
    assert provider[0]["serial"] == "PB"
    manager = top_devices(session=session, actor=world["manager"], filters=PERIOD)
    assert [r["serial"] for r in manager] == ["P1"]


# --- CSV ----------------------------------------------------------------------------------


def test_csv_export_of_rows(session, world, readings):
    rows = print_volume(session=session, actor=world["admin"], filters=PERIOD)
    text = csv_export(rows, [("month", "Month"), ("mono", "Mono"), ("colour", "Colour")])
    assert text.startswith("\ufeff")
    assert text.splitlines()[:2] == ["\ufeffMonth,Mono,Colour", "2026-01,1500,200"]
    assert text.endswith("\r\n")


def test_csv_export_neutralises_formulas():
    rows = [
        {"serial": '=HYPERLINK("http://evil")', "name": "+1", "note": "@SUM(A1)", "n": -3},
        {"serial": "-2+3", "name": "\tx", "note": None, "n": 4.5},
    ]
    text = csv_export(rows, [("serial", "Serial"), ("name", "=Name"), ("note", "Note"), ("n", "N")])
    parsed = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert parsed == [
        ["Serial", "'=Name", "Note", "N"],
        ['\'=HYPERLINK("http://evil")', "'+1", "'@SUM(A1)", "-3"],
        ["'-2+3", "'\tx", "", "4.5"],
    ]
