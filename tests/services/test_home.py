"""The home hub (SPEC B2 start page, X3): quick actions by role and the short lists of what
needs doing now, each within what the user may see."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from portal.errors import PermissionDenied
from portal.models import Role, Ticket, TicketActivity, UserStatus
from portal.services import home
from tests.factories import assign_product, make_account, make_org, make_product, make_user

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def _ticket(session, product, number, due, status="assigned"):
    ticket = Ticket(
        number=number,
        product_id=product.id,
        ticket_type="paper_jam",
        status=status,
        created_at=NOW - timedelta(days=2),
        resolution_due_at=due,
    )
    session.add(ticket)
    session.flush()
    return ticket


@pytest.fixture
def world(session):
    org, other_org = make_org(session, "Cliente"), make_org(session, "Otro")
    account = make_account(session, org, "AC-1")
    mine = make_product(session, account=account, serial="MINE-1")
    silent = make_product(session, account=account, serial="SILENT-1")
    silent.auto_capture = True
    silent.created_at = NOW - timedelta(days=60)
    silent.last_contact_at = NOW - timedelta(days=9)
    silent.toner_levels = {"black": 7, "cyan": 60}
    elsewhere = make_product(session, account=make_account(session, other_org), serial="OTHER-1")
    overdue = _ticket(session, mine, "T-OVERDUE", NOW - timedelta(hours=3))
    soon = _ticket(session, silent, "T-SOON", NOW + timedelta(hours=5))
    _ticket(session, mine, "T-LATER", NOW + timedelta(days=3))
    _ticket(session, mine, "T-SOLVED", NOW - timedelta(hours=1), status="solved")
    _ticket(session, elsewhere, "T-OTHER", NOW + timedelta(hours=1))
    session.add(
        TicketActivity(
            ticket_id=soon.id, activity_type="Planned visit", status="assigned", created_at=NOW
        )
    )
    session.add(
        TicketActivity(
            ticket_id=overdue.id,
            activity_type="Call update",
            created_at=NOW - timedelta(hours=1),
        )
    )
    admin = make_user(session, org, role=Role.ADMINISTRATOR)
    manager = make_user(session, org, role=Role.DEVICE_MANAGER)
    assign_product(session, manager, mine)
    session.commit()
    return {"admin": admin, "manager": manager, "org": org, "silent": silent}


def _hub(session, actor):
    return home.home_hub(session=session, actor=actor, now=NOW)


def test_quick_actions_follow_the_role(session, world):
    org = world["org"]
    stock_manager = make_user(session, org, role=Role.STOCK_MANAGER)
    knowledge = make_user(session, org, role=Role.KNOWLEDGE_USER)
    agent = make_user(session, role=Role.AGENT)

    assert home.actions_for(world["admin"]) == ["ticket", "readings", "move", "order", "knowledge"]
    assert home.actions_for(world["manager"]) == ["ticket", "readings", "move", "knowledge"]
    assert home.actions_for(stock_manager) == ["order", "knowledge"]
    assert home.actions_for(knowledge) == ["knowledge"]
    assert home.actions_for(agent) == ["readings", "desk", "knowledge"]


def test_the_administrator_sees_what_needs_doing_in_the_organisation(session, world):
    hub = _hub(session, world["admin"])

    deadline = hub["near_deadline"]
    assert [r["number"] for r in deadline["rows"]] == ["T-OVERDUE", "T-SOON"]
    assert deadline["count"] == 2
    assert [r["overdue"] for r in deadline["rows"]] == [True, False]
    assert deadline["rows"][0]["href"].startswith("/service/tickets/")
    assert [r["serial"] for r in hub["not_reporting"]["rows"]] == ["SILENT-1"]
    assert hub["low_toner"]["rows"][0]["serial"] == "SILENT-1"
    assert hub["low_toner"]["rows"][0]["lowest"] == 7
    assert [r["serial"] for r in hub["readings_due"]["rows"]] == ["MINE-1"]
    assert hub["readings_due"]["rows"][0]["status"] == "overdue"
    assert [r["number"] for r in hub["recent"]] == ["T-SOON", "T-OVERDUE"]
    assert hub["summary"]["product_count"] == 2


def test_a_device_manager_sees_only_their_machines(session, world):
    hub = _hub(session, world["manager"])

    assert [r["number"] for r in hub["near_deadline"]["rows"]] == ["T-OVERDUE"]
    assert hub["not_reporting"] == {"count": 0, "rows": []}
    assert hub["low_toner"] == {"count": 0, "rows": []}, "not a stock role"
    assert [r["number"] for r in hub["recent"]] == ["T-OVERDUE"]


def test_the_lists_are_short_but_the_counts_are_whole(session, world):
    account = make_account(session, world["org"], "AC-2")
    for n in range(7):
        product = make_product(session, account=account, serial=f"QUIET-{n}")
        product.auto_capture = True
        product.created_at = NOW - timedelta(days=30)
    session.commit()

    silent = _hub(session, world["admin"])["not_reporting"]

    assert silent["count"] == 8
    assert len(silent["rows"]) == home.LIST_LIMIT


def test_an_inactive_user_gets_nothing(session, world):
    world["manager"].status = UserStatus.INACTIVE.value
    session.commit()
    with pytest.raises(PermissionDenied):
        _hub(session, world["manager"])
