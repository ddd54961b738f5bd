"""Lists behind the main tabs (SPEC A8, B2, C1, C7): scope, search, paging, counts."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from portal.errors import PermissionDenied
from portal.i18n.tab_messages import TAB_MESSAGES
from portal.models import (
    Consumable,
    Role,
    StockLevel,
    StockLocation,
    StockManagerLocation,
    Ticket,
    TicketStatus,
    TicketType,
    UserStatus,
)
from portal.services import listing
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
_T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _ticket(session, product, status=TicketStatus.NEW, *, days=0, **fields) -> Ticket:
    ticket = Ticket(
        number=f"T{next(_numbers):07d}",
        product_id=product.id,
        status=str(status),
        created_at=_T0 + timedelta(days=days),
        **fields,
    )
    session.add(ticket)
    session.flush()
    return ticket


def _serials(page: listing.Page) -> set[str]:
    return {row["serial"] for row in page.rows}


@pytest.fixture
def fleet(session):
    """Org A (two accounts, four products) and org B (one product)."""
    org_a = make_org(session, "Org A")
    acc_1 = make_account(session, org_a)
    acc_2 = make_account(session, org_a)
    products = [
        make_product(session, account=acc_1, serial="AB 100-x"),
        make_product(session, account=acc_1, serial="AB200"),
        make_product(session, account=acc_2, serial="CD300", city="Sevilla"),
        make_product(session, account=acc_2, serial="CD400"),
    ]
    org_b = make_org(session, "Org B")
    other = make_product(session, org_b, serial="ZZ900")
    session.commit()
    return {"org_a": org_a, "org_b": org_b, "products": products, "other": other}


def test_device_manager_sees_only_assigned_products(session, fleet):
    p = fleet["products"]
    manager = make_user(session, fleet["org_a"], role=Role.DEVICE_MANAGER)
    assign_product(session, manager, p[0])
    make_group(session, fleet["org_a"], products=[p[2]], users=[manager])
    session.commit()

    page = listing.list_products(session=session, actor=manager)

    assert _serials(page) == {"AB 100-x", "CD300"}
    assert page.total == 2
    row = next(r for r in page.rows if r["serial"] == "CD300")
    assert row["city"] == "Sevilla"
    assert row["model"].startswith("Model")
    assert set(row) == {
        "id",
        "serial",
        "model",
        "alternative_name",
        "system_account_number",
        "city",
        "sync_status",
        "sync_key",
        "open_tickets",
    }
    assert row["sync_key"] == "sync_status.synced"


def test_administrator_sees_whole_organisation_and_nothing_else(session, fleet):
    admin = make_user(session, fleet["org_a"], role=Role.ADMINISTRATOR)
    other_admin = make_user(session, fleet["org_b"], role=Role.ADMINISTRATOR)
    session.commit()

    assert _serials(listing.list_products(session=session, actor=admin)) == {
        "AB 100-x",
        "AB200",
        "CD300",
        "CD400",
    }
    assert _serials(listing.list_products(session=session, actor=other_admin)) == {"ZZ900"}


def test_knowledge_user_has_an_empty_product_list(session, fleet):
    reader = make_user(session, fleet["org_a"], role=Role.KNOWLEDGE_USER)
    session.commit()

    page = listing.list_products(session=session, actor=reader)

    assert (page.rows, page.total, page.page, page.pages) == ([], 0, 1, 1)


def test_inactive_user_may_not_list_products(session, fleet):
    suspended = make_user(session, fleet["org_a"], status=UserStatus.INACTIVE)
    session.commit()

    with pytest.raises(PermissionDenied):
        listing.list_products(session=session, actor=suspended)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ab1", {"AB 100-x"}),
        ("  a b 1 0 0 ", {"AB 100-x"}),
        ("100-X", {"AB 100-x"}),
        ("cd", {"CD300", "CD400"}),
        ("zz", set()),
        ("%", set()),
        ("", {"AB 100-x", "AB200", "CD300", "CD400"}),
    ],
)
def test_serial_search_ignores_case_and_spaces(session, fleet, query, expected):
    admin = make_user(session, fleet["org_a"])
    session.commit()

    page = listing.list_products(session=session, actor=admin, serial_query=query)

    assert _serials(page) == expected
    assert page.total == len(expected)


def test_product_pagination_counts_and_clamps(session):
    org = make_org(session)
    account = make_account(session, org)
    model = make_model(session)
    for n in range(27):
        make_product(session, account=account, model=model, serial=f"P{n:03d}")
    admin = make_user(session, org)
    session.commit()

    first = listing.list_products(session=session, actor=admin)
    second = listing.list_products(session=session, actor=admin, page=2)
    beyond = listing.list_products(session=session, actor=admin, page=99)
    garbage = listing.list_products(session=session, actor=admin, page="x", page_size=7)

    assert (first.total, first.pages, first.page, len(first.rows)) == (27, 2, 1, 25)
    assert [r["serial"] for r in second.rows] == ["P025", "P026"]
    assert beyond.page == 2 and _serials(beyond) == _serials(second)
    assert garbage.page == 1 and len(garbage.rows) == 25
    small = listing.list_products(session=session, actor=admin, page=3, page_size=10)
    assert (small.pages, small.page, len(small.rows)) == (3, 3, 7)
    zero = listing.list_products(session=session, actor=admin, page=-4)
    assert zero.page == 1


def test_open_ticket_counts_per_product(session, fleet):
    p = fleet["products"]
    for status in (TicketStatus.NEW, TicketStatus.ASSIGNED, TicketStatus.PLANNED):
        _ticket(session, p[0], status)
    _ticket(session, p[0], TicketStatus.SOLVED)
    _ticket(session, p[1], TicketStatus.PENDING)
    _ticket(session, p[1], TicketStatus.CLOSED)
    _ticket(session, fleet["other"], TicketStatus.NEW)
    admin = make_user(session, fleet["org_a"])
    session.commit()

    page = listing.list_products(session=session, actor=admin)

    counts = {row["serial"]: row["open_tickets"] for row in page.rows}
    assert counts == {"AB 100-x": 3, "AB200": 1, "CD300": 0, "CD400": 0}


def test_ticket_lists_split_open_and_closed_newest_first(session, fleet):
    p = fleet["products"]
    old = _ticket(session, p[0], TicketStatus.NEW, days=0, ticket_type="paper_jam")
    new = _ticket(session, p[1], TicketStatus.PENDING, days=3, your_reference="PO-7")
    solved = _ticket(session, p[0], TicketStatus.SOLVED, days=1, solved_at=_T0 + timedelta(days=9))
    closed = _ticket(
        session,
        p[2],
        TicketStatus.CLOSED,
        days=2,
        solved_at=_T0 + timedelta(days=4),
        closed_at=_T0 + timedelta(days=5),
        ticket_type="nonsense",
    )
    admin = make_user(session, fleet["org_a"])
    session.commit()

    open_page = listing.list_tickets(session=session, actor=admin)
    closed_page = listing.list_tickets(session=session, actor=admin, closed=True)

    assert [r["number"] for r in open_page.rows] == [new.number, old.number]
    assert [r["number"] for r in closed_page.rows] == [solved.number, closed.number]
    first = open_page.rows[0]
    assert first["your_reference"] == "PO-7"
    assert first["status_key"] == "ticket_status.pending"
    assert first["product_serial"] == "AB200"
    assert first["created_on"] == "2026-01-08"
    assert open_page.rows[1]["type_key"] == "ticket_type.paper_jam"
    assert closed_page.rows[0]["closed_on"] == "2026-01-14"
    assert closed_page.rows[1]["closed_on"] == "2026-01-10"
    assert closed_page.rows[1]["type_key"] == "ticket_type.other"


def test_tickets_of_products_out_of_scope_are_never_listed(session, fleet):
    p = fleet["products"]
    mine = _ticket(session, p[0])
    _ticket(session, p[1])
    _ticket(session, fleet["other"])
    manager = make_user(session, fleet["org_a"], role=Role.DEVICE_MANAGER)
    assign_product(session, manager, p[0])
    admin_b = make_user(session, fleet["org_b"])
    session.commit()

    page = listing.list_tickets(session=session, actor=manager)

    assert [r["number"] for r in page.rows] == [mine.number]
    assert page.total == 1
    assert fleet["other"].serial in {
        r["product_serial"] for r in listing.list_tickets(session=session, actor=admin_b).rows
    }
    assert p[1].serial not in {
        r["product_serial"] for r in listing.list_tickets(session=session, actor=admin_b).rows
    }


def test_agent_sees_tickets_of_every_customer(session, fleet):
    _ticket(session, fleet["products"][0])
    _ticket(session, fleet["other"])
    agent = make_user(session, role=Role.AGENT)
    session.commit()

    assert listing.list_tickets(session=session, actor=agent).total == 2


def test_ticket_pagination(session, fleet):
    for n in range(30):
        _ticket(session, fleet["products"][0], days=n)
    admin = make_user(session, fleet["org_a"])
    session.commit()

    second = listing.list_tickets(session=session, actor=admin, page=2)

    assert (second.total, second.pages, second.page, len(second.rows)) == (30, 2, 2, 5)
    assert second.rows[-1]["created_on"] == "2026-01-05"


@pytest.mark.parametrize("role", [Role.KNOWLEDGE_USER, Role.STOCK_MANAGER, Role.PROVIDER_ADMIN])
def test_roles_without_service_may_not_list_tickets(session, fleet, role):
    user = make_user(session, fleet["org_a"], role=role)
    session.commit()

    with pytest.raises(PermissionDenied):
        listing.list_tickets(session=session, actor=user)


def _stock_location(session, org, name, levels=()) -> StockLocation:
    location = StockLocation(
        organisation_id=org.id, name=name, address=f"{name} street", shipping_instructions="Dock 2"
    )
    session.add(location)
    session.flush()
    for consumable, quantity in levels:
        session.add(
            StockLevel(
                stock_location_id=location.id, consumable_id=consumable.id, quantity=quantity
            )
        )
    session.flush()
    return location


def test_stock_manager_sees_only_their_locations(session, fleet):
    model = make_model(session)
    black = Consumable(model_id=model.id, code="TK-1", name="Toner black", kind="toner")
    drum = Consumable(model_id=model.id, code="DR-1", name="Drum unit", kind="drum")
    session.add_all([black, drum])
    session.flush()
    north = _stock_location(session, fleet["org_a"], "North", [(black, 4), (drum, 1)])
    _stock_location(session, fleet["org_a"], "South", [(black, 9)])
    _stock_location(session, fleet["org_b"], "Elsewhere", [(black, 2)])
    keeper = make_user(session, fleet["org_a"], role=Role.STOCK_MANAGER)
    session.add(StockManagerLocation(user_id=keeper.id, stock_location_id=north.id))
    admin = make_user(session, fleet["org_a"])
    session.commit()

    mine = listing.list_stock_locations(session=session, actor=keeper)
    everything = listing.list_stock_locations(session=session, actor=admin)

    assert [loc["name"] for loc in mine] == ["North"]
    assert mine[0]["shipping_instructions"] == "Dock 2"
    assert mine[0]["stock"] == [
        {"consumable": "Drum unit", "code": "DR-1", "quantity": 1},
        {"consumable": "Toner black", "code": "TK-1", "quantity": 4},
    ]
    assert [loc["name"] for loc in everything] == ["North", "South"]


def test_stock_manager_assignment_in_another_organisation_is_ignored(session, fleet):
    foreign = _stock_location(session, fleet["org_b"], "Foreign")
    keeper = make_user(session, fleet["org_a"], role=Role.STOCK_MANAGER)
    session.add(StockManagerLocation(user_id=keeper.id, stock_location_id=foreign.id))
    session.commit()

    assert listing.list_stock_locations(session=session, actor=keeper) == []


@pytest.mark.parametrize("role", [Role.DEVICE_MANAGER, Role.KNOWLEDGE_USER, Role.AGENT])
def test_other_roles_may_not_list_stock(session, fleet, role):
    user = make_user(session, fleet["org_a"], role=role)
    session.commit()

    with pytest.raises(PermissionDenied):
        listing.list_stock_locations(session=session, actor=user)


def test_users_list_own_organisation_with_counts_per_status(session, fleet):
    admin = make_user(session, fleet["org_a"], last_name="Alba")
    make_user(session, fleet["org_a"], role=Role.DEVICE_MANAGER, last_name="Bravo")
    make_user(session, fleet["org_a"], status=UserStatus.PENDING, last_name="Castro")
    make_user(session, fleet["org_a"], status=UserStatus.PENDING, last_name="Cortés")
    make_user(session, fleet["org_a"], status=UserStatus.REJECTED, last_name="Díaz")
    make_user(session, fleet["org_b"], last_name="Outsider")
    make_user(session, role=Role.AGENT, last_name="Agent")
    session.commit()

    page, counts = listing.list_users(session=session, actor=admin)
    pending, _ = listing.list_users(session=session, actor=admin, status="pending")

    assert [r["last_name"] for r in page.rows] == ["Alba", "Bravo"]
    assert counts == {"active": 2, "pending": 2, "inactive": 0, "rejected": 1}
    assert [r["last_name"] for r in pending.rows] == ["Castro", "Cortés"]
    bravo = page.rows[1]
    assert bravo["role_keys"] == ["role.device_manager"]
    assert bravo["status_key"] == "user_status.active"
    assert len(bravo["joined_on"]) == 10
    assert "password_hash" not in bravo


def test_users_search_by_last_name_and_status_whitelist(session, fleet):
    admin = make_user(session, fleet["org_a"], last_name="Alba")
    make_user(session, fleet["org_a"], last_name="Castro")
    make_user(session, fleet["org_a"], status=UserStatus.PENDING, last_name="Castillo")
    make_user(session, fleet["org_a"], last_name="Lancaster")
    session.commit()

    page, counts = listing.list_users(session=session, actor=admin, last_name="  cAsT ")
    tricked, _ = listing.list_users(session=session, actor=admin, status="'; drop table user")
    wildcard, _ = listing.list_users(session=session, actor=admin, last_name="%")

    assert [r["last_name"] for r in page.rows] == ["Castro", "Lancaster"]
    assert counts == {"active": 2, "pending": 1, "inactive": 0, "rejected": 0}
    assert {r["status"] for r in tricked.rows} == {"active"}
    assert wildcard.rows == []


def test_provider_admin_sees_provider_staff(session, fleet):
    boss = make_user(session, role=Role.PROVIDER_ADMIN, last_name="Boss")
    make_user(session, role=Role.AGENT, last_name="Agent")
    make_user(session, fleet["org_a"], last_name="Customer")
    session.commit()

    page, counts = listing.list_users(session=session, actor=boss)

    assert [r["last_name"] for r in page.rows] == ["Agent", "Boss"]
    assert counts["active"] == 2


@pytest.mark.parametrize(
    "role", [Role.DEVICE_MANAGER, Role.STOCK_MANAGER, Role.KNOWLEDGE_USER, Role.AGENT]
)
def test_non_administrators_may_not_list_users(session, fleet, role):
    user = make_user(session, fleet["org_a"], role=role)
    session.commit()

    with pytest.raises(PermissionDenied):
        listing.list_users(session=session, actor=user)


def test_clean_helpers_bound_browser_input():
    assert listing.clean_page("7") == 7
    assert listing.clean_page(None) == 1
    assert listing.clean_page(10**30) == 1_000_000
    assert listing.clean_page_size(1000) == listing.DEFAULT_PAGE_SIZE
    assert listing.clean_page_size("50") == 50
    assert listing.clean_query(["x"]) == ""
    assert listing.clean_query("  a   b ") == "a b"
    assert len(listing.clean_query("x" * 500)) == listing.MAX_QUERY_LENGTH


def test_every_key_the_lists_produce_is_translated():
    keys = [f"ticket_type.{v}" for v in TicketType]
    keys += [f"ticket_status.{v}" for v in TicketStatus]
    keys += [f"role.{v}" for v in Role]
    keys += [f"user_status.{v}" for v in UserStatus]
    keys += [f"users.tab.{v}" for v in UserStatus]
    keys += [f"sync_status.{v}" for v in listing.SYNC_STATUSES]
    for key in keys:
        assert set(TAB_MESSAGES[key]) == {"es", "en", "de"}, key
    for key, texts in TAB_MESSAGES.items():
        assert all(texts[lang].strip() for lang in ("es", "en", "de")), key
