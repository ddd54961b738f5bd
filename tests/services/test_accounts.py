"""Accounts and the account page (SPEC B1), scoped by role (SPEC A6)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from portal.errors import NotFound, PermissionDenied
from portal.models import ContractLine, Role, Ticket, UserStatus
from portal.services import accounts
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


@pytest.fixture
def fleet(session):
    """Two accounts of one organisation, a manager of three machines, another organisation."""
    org = make_org(session, "Demo")
    first = make_account(session, org, number="A-100")
    second = make_account(session, org, number="A-050")
    untouched = make_account(session, org, number="A-200")
    model = make_model(session)
    first_products = [
        make_product(session, account=first, model=model, serial=f"F{n:03d}") for n in range(4)
    ]
    second_products = [
        make_product(session, account=second, model=model, serial=f"S{n:03d}") for n in range(3)
    ]
    manager = make_user(session, org, role=Role.DEVICE_MANAGER)
    assign_product(session, manager, first_products[0])
    make_group(session, org, products=[second_products[1]], users=[manager])
    # Open tickets on a managed and an unmanaged machine of each account.
    for number, product, status in (
        ("T1", first_products[0], "new"),
        ("T2", first_products[0], "closed"),
        ("T3", first_products[2], "assigned"),
        ("T4", second_products[1], "pending"),
        ("T5", second_products[0], "planned"),
        ("T6", second_products[0], "new"),
    ):
        session.add(Ticket(number=number, product_id=product.id, status=status))
    other_org = make_org(session, "Other")
    foreign = make_account(session, other_org, number="A-001")
    make_product(session, account=foreign, serial="X001")
    session.flush()
    return {
        "org": org,
        "first": first,
        "second": second,
        "untouched": untouched,
        "foreign": foreign,
        "manager": manager,
        "admin": make_user(session, org, role=Role.ADMINISTRATOR),
        "reader": make_user(session, org, role=Role.KNOWLEDGE_USER),
        "agent": make_user(session, role=Role.AGENT),
        "first_products": first_products,
        "second_products": second_products,
    }


def _by_number(rows):
    return {row["number"]: (row["product_count"], row["open_tickets"]) for row in rows}


def test_administrator_sees_every_account_of_the_organisation_with_counts(session, fleet):
    rows = accounts.list_accounts(session=session, actor=fleet["admin"])

    assert [row["number"] for row in rows] == ["A-050", "A-100", "A-200"]
    assert _by_number(rows) == {"A-050": (3, 3), "A-100": (4, 2), "A-200": (0, 0)}


def test_device_manager_sees_only_accounts_and_counts_of_their_products(session, fleet):
    rows = accounts.list_accounts(session=session, actor=fleet["manager"])

    # One product directly on A-100, one through a group on A-050; nothing of A-200.
    assert _by_number(rows) == {"A-050": (1, 1), "A-100": (1, 1)}


def test_agent_sees_accounts_of_every_organisation(session, fleet):
    rows = accounts.list_accounts(session=session, actor=fleet["agent"])

    assert _by_number(rows) == {
        "A-001": (1, 0),
        "A-050": (3, 3),
        "A-100": (4, 2),
        "A-200": (0, 0),
    }


def test_knowledge_user_sees_no_account(session, fleet):
    assert accounts.list_accounts(session=session, actor=fleet["reader"]) == []


def test_inactive_user_is_refused(session, fleet):
    fleet["admin"].status = UserStatus.INACTIVE.value
    with pytest.raises(PermissionDenied):
        accounts.list_accounts(session=session, actor=fleet["admin"])


def test_account_of_another_organisation_is_not_found(session, fleet):
    for account_id in (fleet["foreign"].id, 999_999, "abc", None):
        with pytest.raises(NotFound):
            accounts.account_detail(session=session, actor=fleet["admin"], account_id=account_id)


def test_device_manager_cannot_open_an_account_without_their_products(session, fleet):
    with pytest.raises(NotFound):
        accounts.account_detail(
            session=session, actor=fleet["manager"], account_id=fleet["untouched"].id
        )
    with pytest.raises(NotFound):
        accounts.account_products(
            session=session, actor=fleet["manager"], account_id=fleet["untouched"].id
        )
    with pytest.raises(NotFound):
        accounts.account_tickets(
            session=session, actor=fleet["reader"], account_id=fleet["first"].id
        )


def test_account_detail_shows_contract_lines_with_coverage_of_today(session, fleet):
    account = fleet["first"]
    current = make_contract_line(session, account)
    old = ContractLine(
        account_id=account.id,
        contract_number="CT-OLD",
        service_level_id=current.service_level_id,
        start_date=date(2020, 1, 1),
        end_date=date(2024, 12, 31),
        status="expired",
    )
    session.add(old)
    session.flush()
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    detail = accounts.account_detail(
        session=session, actor=fleet["manager"], account_id=str(account.id), now=now
    )

    assert (detail["number"], detail["organisation"], detail["invoice_day"]) == (
        "A-100",
        "Demo",
        28,
    )
    lines = {line["contract_number"]: line for line in detail["contract_lines"]}
    assert lines[current.contract_number]["service_level"] == "Gold"
    assert lines[current.contract_number]["response_hours"] == "4"
    assert lines[current.contract_number]["resolution_hours"] == "8"
    assert lines[current.contract_number]["status_key"] == "account.contract_status.active"
    assert lines[current.contract_number]["covers_today"] is True
    assert lines["CT-OLD"]["status"] == "expired"
    assert lines["CT-OLD"]["end_date"] == "2024-12-31"
    assert lines["CT-OLD"]["covers_today"] is False
    # The lines ending last come first.
    assert detail["contract_lines"][0]["contract_number"] == current.contract_number


def test_account_detail_lists_only_products_and_tickets_in_scope(session, fleet):
    detail = accounts.account_detail(
        session=session, actor=fleet["manager"], account_id=fleet["second"].id
    )

    assert [row["serial"] for row in detail["products"].rows] == ["S001"]
    assert detail["products"].rows[0]["open_tickets"] == 1
    assert [row["number"] for row in detail["tickets"].rows] == ["T4"]

    admin_view = accounts.account_detail(
        session=session, actor=fleet["admin"], account_id=fleet["second"].id
    )
    assert [row["serial"] for row in admin_view["products"].rows] == ["S000", "S001", "S002"]
    assert sorted(row["number"] for row in admin_view["tickets"].rows) == ["T4", "T5", "T6"]


def test_account_tickets_open_first_then_newest(session, clock, fleet):
    product = fleet["first_products"][1]
    start = clock() + timedelta(days=1)
    for n, status in enumerate(["closed", "new", "solved", "assigned"]):
        session.add(
            Ticket(
                number=f"N{n}",
                product_id=product.id,
                status=status,
                ticket_type="paper_jam",
                created_at=start + timedelta(days=n),
            )
        )
    session.flush()

    page = accounts.account_tickets(
        session=session, actor=fleet["admin"], account_id=fleet["first"].id
    )

    numbers = [row["number"] for row in page.rows]
    # T1 and T3 were opened at the same time as T2, before the N tickets.
    assert numbers == ["N3", "N1", "T3", "T1", "N2", "N0", "T2"]
    assert [row["open"] for row in page.rows] == [True] * 4 + [False] * 3
    row = page.rows[0]
    assert (row["type_key"], row["status_key"], row["serial"], row["created_on"]) == (
        "ticket_type.paper_jam",
        "ticket_status.assigned",
        "F001",
        "2026-03-06",
    )


def test_account_products_and_tickets_are_paged_by_25(session, fleet):
    account = fleet["untouched"]
    model = make_model(session)
    products = [
        make_product(session, account=account, model=model, serial=f"P{n:03d}") for n in range(30)
    ]
    for n in range(27):
        session.add(Ticket(number=f"PT{n:03d}", product_id=products[n].id))
    session.flush()

    first = accounts.account_products(session=session, actor=fleet["admin"], account_id=account.id)
    second = accounts.account_products(
        session=session, actor=fleet["admin"], account_id=account.id, page=2
    )
    beyond = accounts.account_products(
        session=session, actor=fleet["admin"], account_id=account.id, page="99"
    )
    tickets = accounts.account_tickets(
        session=session, actor=fleet["admin"], account_id=account.id, page=2
    )

    assert (first.total, first.pages, len(first.rows)) == (30, 2, 25)
    assert [row["serial"] for row in second.rows] == [f"P{n:03d}" for n in range(25, 30)]
    assert beyond.page == 2
    assert (tickets.total, tickets.page, len(tickets.rows)) == (27, 2, 2)
