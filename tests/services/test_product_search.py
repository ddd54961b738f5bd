"""The product list (SPEC B2): scope, filters, sorting, paging, open tickets, CSV export."""

from __future__ import annotations

import csv
import io
import itertools
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from portal.errors import PermissionDenied
from portal.i18n import all_messages
from portal.models import GroupUser, Location, Role, Ticket, TicketStatus, UserStatus
from portal.services import product_search
from portal.services.product_search import ProductFilters, search_products
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


def _product(session, account, serial, model, **fields):
    """A product with the given location (city, site) and product fields."""
    city = fields.pop("city", "Madrid")
    site = fields.pop("site", "HQ")
    product = make_product(session, account=account, serial=serial, model=model, city=city)
    location = session.get(Location, product.location_id)
    location.site = site
    for name, value in fields.items():
        setattr(product, name, value)
    session.add_all([product, location])
    session.flush()
    return product


def _ticket(session, product, status=TicketStatus.NEW) -> None:
    session.add(Ticket(number=f"T{next(_numbers):07d}", product_id=product.id, status=str(status)))
    session.flush()


def _serials(page) -> list[str]:
    return [row["serial"] for row in page.rows]


@pytest.fixture
def fleet(session):
    """Org A: two accounts, two models, a group, six products; org B: one of everything."""
    org_a = make_org(session, "Org A")
    acc_1 = make_account(session, org_a, number="A-1")
    acc_2 = make_account(session, org_a, number="A-2")
    colour = make_model(session, "Colour 500")
    mono = make_model(session, "Mono 300")
    p = {
        "ab100": _product(
            session,
            acc_1,
            "AB 100-x",
            colour,
            alternative_name="Recepción planta 1",
            system_account_number="700",
        ),
        "ab200": _product(
            session,
            acc_1,
            "AB200",
            mono,
            city="Sevilla",
            alternative_name="Almacén",
            system_account_number="300",
            sync_status="error",
        ),
        "cd300": _product(
            session,
            acc_2,
            "cd300",
            colour,
            city="Bilbao",
            site="Warehouse North",
            alternative_name="recepción",
            system_account_number="500",
            status="inactive",
        ),
        "cd400": _product(
            session,
            acc_2,
            "CD400",
            mono,
            city="Valencia",
            system_account_number="100",
            sync_status="pending",
        ),
        "ef500": _product(session, acc_2, "EF500", mono, city="Sevilla", status="removed"),
        "ef600": _product(session, acc_1, "EF600", colour, city="madrid"),
    }
    group_a = make_group(session, org_a, products=[p["cd300"], p["cd400"]], name="North")
    org_b = make_org(session, "Org B")
    acc_b = make_account(session, org_b, number="B-1")
    model_b = make_model(session, "Other model")
    other = _product(session, acc_b, "ZZ900", model_b, city="Sevilla", alternative_name="Almacén")
    group_b = make_group(session, org_b, products=[other], name="B group")
    session.commit()
    return {
        "org_a": org_a,
        "org_b": org_b,
        "acc_1": acc_1,
        "acc_2": acc_2,
        "acc_b": acc_b,
        "colour": colour,
        "mono": mono,
        "model_b": model_b,
        "group_a": group_a,
        "group_b": group_b,
        "p": p,
        "other": other,
    }


@pytest.fixture
def admin(session, fleet):
    user = make_user(session, fleet["org_a"], role=Role.ADMINISTRATOR, language="en")
    session.commit()
    return user


@pytest.fixture
def manager(session, fleet):
    """A device manager with AB200 directly and CD300, CD400 through group "North"."""
    user = make_user(session, fleet["org_a"], role=Role.DEVICE_MANAGER)
    assign_product(session, user, fleet["p"]["ab200"])
    make_group(session, fleet["org_a"], products=[], users=[user], name="Empty")
    session.add(GroupUser(group_id=fleet["group_a"].id, user_id=user.id))
    session.commit()
    return user


def _search(session, actor, **kwargs):
    filters = kwargs.pop("filters", None)
    return search_products(session=session, actor=actor, filters=filters, **kwargs)


def test_administrator_sees_the_organisation_and_nothing_else(session, fleet, admin):
    page = _search(session, admin)

    assert _serials(page) == ["AB 100-x", "AB200", "cd300", "CD400", "EF500", "EF600"]
    assert page.total == 6
    other_admin = make_user(session, fleet["org_b"])
    assert _serials(_search(session, other_admin)) == ["ZZ900"]


def test_rows_carry_every_column(session, fleet, admin):
    row = next(r for r in _search(session, admin).rows if r["serial"] == "cd300")

    assert row == {
        "id": fleet["p"]["cd300"].id,
        "serial": "cd300",
        "model": "Colour 500",
        "alternative_name": "recepción",
        "system_account_number": "500",
        "account_number": "A-2",
        "city": "Bilbao",
        "sync_status": "synced",
        "sync_key": "sync_status.synced",
        "status": "inactive",
        "status_key": "products.status.inactive",
        "open_tickets": 0,
        "auto_capture": False,
        "last_contact": "",
        "not_reporting": False,
    }


def test_a_product_on_automatic_capture_silent_for_a_week_is_flagged(session, fleet, admin):
    now = datetime.now(UTC)
    silent, reporting, manual = (fleet["p"][k] for k in ("ab200", "cd400", "ef600"))
    for product, contact in ((silent, now - timedelta(days=8)), (reporting, now)):
        product.auto_capture = True
        product.last_contact_at = contact
    manual.last_contact_at = now - timedelta(days=30)
    session.commit()

    rows = {r["serial"]: r for r in _search(session, admin).rows}

    assert rows["AB200"]["not_reporting"] is True
    assert rows["AB200"]["last_contact"] == (now - timedelta(days=8)).strftime("%Y-%m-%d %H:%M")
    assert rows["CD400"]["not_reporting"] is False
    assert rows["EF600"]["not_reporting"] is False, "only machines on automatic capture"


def test_device_manager_sees_direct_and_group_products_only(session, fleet, manager):
    page = _search(session, manager)

    assert _serials(page) == ["AB200", "cd300", "CD400"]
    assert page.total == 3


def test_device_manager_filters_never_widen_the_scope(session, fleet, manager):
    """Ids of the own organisation narrow the list; any other id gives nothing."""
    f = fleet
    by = {
        "own account": ProductFilters(account_id=f["acc_1"].id),
        "own model": ProductFilters(model_id=f["colour"].id),
        "own group": ProductFilters(group_id=f["group_a"].id),
        "other org's account": ProductFilters(account_id=f["acc_b"].id),
        "other org's model": ProductFilters(model_id=f["model_b"].id),
        "other org's group": ProductFilters(group_id=f["group_b"].id),
        "city of other products": ProductFilters(city="Sevilla"),
        "serial of other org": ProductFilters(serial="zz900"),
    }
    result = {name: _serials(_search(session, manager, filters=fl)) for name, fl in by.items()}

    assert result == {
        "own account": ["AB200"],
        "own model": ["cd300"],
        "own group": ["cd300", "CD400"],
        "other org's account": [],
        "other org's model": [],
        "other org's group": [],
        "city of other products": ["AB200"],
        "serial of other org": [],
    }


def test_group_of_the_organisation_the_manager_is_not_in_gives_nothing(session, fleet, manager):
    """Only the manager's own groups may be picked; another group is not a back door."""
    hidden = make_group(session, fleet["org_a"], products=[fleet["p"]["ab200"]], name="Hidden")
    session.commit()

    page = _search(session, manager, filters=ProductFilters(group_id=hidden.id))

    assert page.total == 0


def test_administrator_with_ids_of_another_organisation_gets_nothing(session, fleet, admin):
    for filters in (
        ProductFilters(account_id=fleet["acc_b"].id),
        ProductFilters(model_id=fleet["model_b"].id),
        ProductFilters(group_id=fleet["group_b"].id),
        ProductFilters(account_id=999_999),
    ):
        page = _search(session, admin, filters=filters)
        assert (page.rows, page.total, page.pages) == ([], 0, 1)


def test_knowledge_user_lists_nothing_and_inactive_user_is_refused(session, fleet):
    reader = make_user(session, fleet["org_a"], role=Role.KNOWLEDGE_USER)
    suspended = make_user(session, fleet["org_a"], status=UserStatus.INACTIVE)
    session.commit()

    assert _search(session, reader).total == 0
    with pytest.raises(PermissionDenied):
        _search(session, suspended)
    with pytest.raises(PermissionDenied):
        _search(session, None)
    with pytest.raises(PermissionDenied):
        product_search.export_products_csv(session=session, actor=suspended)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ab1", ["AB 100-x"]),
        ("  a b 1 0 0 ", ["AB 100-x"]),
        ("100-X", ["AB 100-x"]),
        ("ab 100-x", ["AB 100-x"]),
        ("CD", ["cd300", "CD400"]),
        ("zz900", []),
        ("%", []),
        ("_", []),
        ("", ["AB 100-x", "AB200", "cd300", "CD400", "EF500", "EF600"]),
    ],
)
def test_serial_search_is_exact_or_partial_and_ignores_case_and_spaces(
    session, fleet, admin, query, expected
):
    page = _search(session, admin, filters=ProductFilters(serial=query))

    assert _serials(page) == expected
    assert page.total == len(expected)


@pytest.mark.parametrize(
    ("make_filters", "expected"),
    [
        (lambda f: ProductFilters(model_id=f["mono"].id), ["AB200", "CD400", "EF500"]),
        (lambda f: ProductFilters(model_id=str(f["colour"].id)), ["AB 100-x", "cd300", "EF600"]),
        (lambda f: ProductFilters(account_id=f["acc_2"].id), ["cd300", "CD400", "EF500"]),
        (lambda f: ProductFilters(group_id=f["group_a"].id), ["cd300", "CD400"]),
        (lambda f: ProductFilters(alternative_name="RECEP"), ["AB 100-x", "cd300"]),
        (lambda f: ProductFilters(alternative_name="planta"), ["AB 100-x"]),
        (lambda f: ProductFilters(city="sevilla"), ["AB200", "EF500"]),
        (lambda f: ProductFilters(city="MADRID"), ["AB 100-x", "EF600"]),
        (lambda f: ProductFilters(city="warehouse"), ["cd300"]),
        (lambda f: ProductFilters(status="inactive"), ["cd300"]),
        (lambda f: ProductFilters(status="removed"), ["EF500"]),
        (
            lambda f: ProductFilters(model_id=f["mono"].id, city="sevilla", serial="ef"),
            ["EF500"],
        ),
    ],
)
def test_each_filter_narrows_the_list(session, fleet, admin, make_filters, expected):
    page = _search(session, admin, filters=make_filters(fleet))

    assert _serials(page) == expected
    assert page.total == len(expected)


def test_a_status_that_is_not_whitelisted_is_ignored(session, fleet, admin):
    page = _search(session, admin, filters=ProductFilters(status="bogus' OR 1=1"))

    assert page.total == 6


def test_filters_are_cleaned_whatever_the_browser_sends():
    filters = ProductFilters(
        serial="  ab   1 ",
        model_id=" 12 ",
        account_id="x",
        group_id=-3,
        alternative_name="y" * 500,
        city=["Madrid"],
        status="deleted",
    )

    assert filters.serial == "ab 1"
    assert (filters.model_id, filters.account_id, filters.group_id) == (12, None, None)
    assert len(filters.alternative_name) == product_search.MAX_FILTER_LENGTH
    assert (filters.city, filters.status) == ("", "")
    assert ProductFilters(model_id=True).model_id is None
    assert ProductFilters(model_id=10**40).model_id is None
    assert ProductFilters(status="inactive").status == "inactive"

    linked = ProductFilters.from_mapping(
        {"model": "4", "account": "7", "group": "2", "city": " Bilbao ", "evil": "x"}
    )
    assert (linked.model_id, linked.account_id, linked.group_id, linked.city) == (4, 7, 2, "Bilbao")
    assert linked.advanced and linked.active
    assert ProductFilters.from_mapping("not a form") == ProductFilters()
    assert not ProductFilters(serial="x").advanced


@pytest.mark.parametrize(
    ("sort", "direction", "expected"),
    [
        ("serial", "asc", ["AB 100-x", "AB200", "cd300", "CD400", "EF500", "EF600"]),
        ("serial", "desc", ["EF600", "EF500", "CD400", "cd300", "AB200", "AB 100-x"]),
        ("model", "asc", ["AB 100-x", "cd300", "EF600", "AB200", "CD400", "EF500"]),
        ("model", "desc", ["AB200", "CD400", "EF500", "AB 100-x", "cd300", "EF600"]),
        ("alternative_name", "asc", ["CD400", "EF500", "EF600", "AB200", "cd300", "AB 100-x"]),
        ("system_account_number", "asc", ["EF500", "EF600", "CD400", "AB200", "cd300", "AB 100-x"]),
        ("city", "asc", ["cd300", "AB 100-x", "EF600", "AB200", "EF500", "CD400"]),
        ("city", "desc", ["CD400", "AB200", "EF500", "AB 100-x", "EF600", "cd300"]),
        ("sync_status", "asc", ["AB200", "CD400", "AB 100-x", "cd300", "EF500", "EF600"]),
        ("open_tickets", "desc", ["CD400", "AB 100-x", "AB200", "cd300", "EF500", "EF600"]),
        ("open_tickets", "asc", ["AB200", "cd300", "EF500", "EF600", "AB 100-x", "CD400"]),
        # Not whitelisted: serial number, and an unknown direction is ascending.
        ("password_hash", "asc", ["AB 100-x", "AB200", "cd300", "CD400", "EF500", "EF600"]),
        ("serial; DROP TABLE product", "sideways", ["AB 100-x", "AB200", "cd300", "CD400"]),
    ],
)
def test_sorting_by_whitelisted_columns(session, fleet, admin, sort, direction, expected):
    p = fleet["p"]
    for _ in range(2):
        _ticket(session, p["cd400"])
    _ticket(session, p["ab100"], TicketStatus.PENDING)
    _ticket(session, p["ab200"], TicketStatus.CLOSED)
    session.commit()

    page = _search(session, admin, sort=sort, direction=direction)

    assert _serials(page)[: len(expected)] == expected


def test_pagination_counts_clamps_and_whitelists_page_sizes(session):
    org = make_org(session)
    account = make_account(session, org)
    model = make_model(session)
    for n in range(27):
        make_product(session, account=account, model=model, serial=f"P{n:03d}")
    admin = make_user(session, org)
    session.commit()

    first = _search(session, admin)
    second = _search(session, admin, page=2)
    beyond = _search(session, admin, page=99)
    garbage = _search(session, admin, page="x", page_size=7)
    small = _search(session, admin, page=3, page_size=10)
    hundred = _search(session, admin, page_size="100")

    assert (first.total, first.pages, first.page, len(first.rows)) == (27, 2, 1, 25)
    assert _serials(second) == ["P025", "P026"]
    assert (beyond.page, _serials(beyond)) == (2, ["P025", "P026"])
    assert (garbage.page, len(garbage.rows)) == (1, 25)
    assert (small.pages, small.page, _serials(small)) == (3, 3, [f"P0{n}" for n in range(20, 27)])
    assert (hundred.pages, len(hundred.rows)) == (1, 27)
    assert _search(session, admin, page=-4).page == 1


def test_pages_of_a_sort_with_ties_cover_every_product_once(session):
    """Equal cities fall back to the serial number, so no product repeats or goes missing."""
    org = make_org(session)
    account = make_account(session, org)
    model = make_model(session)
    for n in range(23):
        make_product(session, account=account, model=model, serial=f"Q{n:03d}", city="Madrid")
    admin = make_user(session, org)
    session.commit()

    seen = []
    for number in (1, 2, 3):
        seen += _serials(_search(session, admin, sort="city", page=number, page_size=10))

    assert seen == [f"Q{n:03d}" for n in range(23)]


def test_open_ticket_counts_per_product(session, fleet, admin):
    p = fleet["p"]
    for status in (TicketStatus.NEW, TicketStatus.ASSIGNED, TicketStatus.PLANNED):
        _ticket(session, p["ab100"], status)
    _ticket(session, p["ab100"], TicketStatus.SOLVED)
    _ticket(session, p["ab200"], TicketStatus.PENDING)
    _ticket(session, p["ab200"], TicketStatus.CLOSED)
    _ticket(session, fleet["other"], TicketStatus.NEW)
    session.commit()

    page = _search(session, admin)

    counts = {row["serial"]: row["open_tickets"] for row in page.rows}
    assert counts == {"AB 100-x": 3, "AB200": 1, "cd300": 0, "CD400": 0, "EF500": 0, "EF600": 0}


def test_a_page_costs_the_same_few_queries_however_many_rows(session, fleet, admin, engine):
    """Open tickets and the other columns come from joins, never from a query per row."""
    for product in fleet["p"].values():
        _ticket(session, product)
    session.commit()
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        _search(session, admin, page_size=10)
        many = len(statements)
        statements.clear()
        _search(session, admin, filters=ProductFilters(serial="AB200"))
        one = len(statements)
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)

    assert many == one <= 3


def _csv_rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_export_holds_exactly_the_filtered_rows_in_list_order(session, fleet, admin):
    _ticket(session, fleet["p"]["cd300"])
    session.commit()

    text = product_search.export_products_csv(
        session=session,
        actor=admin,
        filters=ProductFilters(account_id=fleet["acc_2"].id),
        sort="serial",
        direction="desc",
    )

    header, *rows = _csv_rows(text)
    assert header == [
        "Serial number",
        "Product name",
        "Alternative name",
        "System account number",
        "Account number",
        "City",
        "Sync status",
        "Status",
        "Open tickets",
    ]
    assert rows == [
        ["EF500", "Mono 300", "", "", "A-2", "Sevilla", "Synced", "Removed", "0"],
        ["CD400", "Mono 300", "", "100", "A-2", "Valencia", "Pending", "Active", "0"],
        ["cd300", "Colour 500", "recepción", "500", "A-2", "Bilbao", "Synced", "Inactive", "1"],
    ]


def test_csv_header_follows_the_actor_language(session, fleet):
    spanish = make_user(session, fleet["org_a"], language="es")
    german = make_user(session, fleet["org_a"], language="de")
    session.commit()

    es = _csv_rows(product_search.export_products_csv(session=session, actor=spanish))
    de = _csv_rows(product_search.export_products_csv(session=session, actor=german))

    assert es[0][0] == "Número de serie"
    assert de[0][0] == all_messages()["col.serial"]["de"]
    assert len(es) == len(de) == 7


def test_csv_neutralises_formula_injection(session, fleet, admin):
    p = fleet["p"]
    payloads = {
        "ab100": '=HYPERLINK("http://evil.example","x")',
        "ab200": "+SUM(1,2)",
        "cd300": "-2+3",
        "cd400": "@cmd",
        "ef500": "\tTAB",
    }
    for key, value in payloads.items():
        p[key].alternative_name = value
        session.add(p[key])
    p["ef600"].alternative_name = "Plain = fine"
    session.commit()

    _, *rows = _csv_rows(product_search.export_products_csv(session=session, actor=admin))

    names = [row[2] for row in rows]
    assert names == [
        '\'=HYPERLINK("http://evil.example","x")',
        "'+SUM(1,2)",
        "'-2+3",
        "'@cmd",
        "'\tTAB",
        "Plain = fine",
    ]


def test_csv_of_a_device_manager_holds_only_their_products(session, fleet, manager):
    _, *rows = _csv_rows(product_search.export_products_csv(session=session, actor=manager))

    assert [row[0] for row in rows] == ["AB200", "cd300", "CD400"]
    other_account = ProductFilters(account_id=fleet["acc_b"].id)
    _, *none = _csv_rows(
        product_search.export_products_csv(session=session, actor=manager, filters=other_account)
    )
    assert none == []


def test_csv_of_many_products_is_streamed_in_chunks(session, monkeypatch):
    org = make_org(session)
    account = make_account(session, org)
    model = make_model(session)
    for n in range(25):
        make_product(session, account=account, model=model, serial=f"R{n:03d}")
    admin = make_user(session, org)
    session.commit()
    monkeypatch.setattr(product_search, "EXPORT_CHUNK", 4)

    _, *rows = _csv_rows(product_search.export_products_csv(session=session, actor=admin))

    assert [row[0] for row in rows] == [f"R{n:03d}" for n in range(25)]


def test_filter_options_stay_within_scope(session, fleet, admin, manager):
    def values(options, kind):
        return [o["label"] for o in options[kind]]

    for_admin = product_search.filter_options(session=session, actor=admin)
    for_manager = product_search.filter_options(session=session, actor=manager)

    assert values(for_admin, "models") == ["Colour 500", "Mono 300"]
    assert [o["value"] for o in for_admin["accounts"]] == [
        str(fleet["acc_1"].id),
        str(fleet["acc_2"].id),
    ]
    assert values(for_admin, "groups") == ["Empty", "North"]
    assert [o["value"] for o in for_admin["statuses"]] == ["active", "inactive", "removed"]
    labels = all_messages()
    assert all(o["label"] in labels for o in for_admin["statuses"])

    assert values(for_manager, "models") == ["Colour 500", "Mono 300"]
    assert len(for_manager["accounts"]) == 2
    assert values(for_manager, "groups") == ["Empty", "North"]


def test_filter_options_of_a_narrow_scope(session, fleet):
    """A manager with one colour machine of account A-1 is offered only those."""
    narrow = make_user(session, fleet["org_a"], role=Role.DEVICE_MANAGER)
    assign_product(session, narrow, fleet["p"]["ab100"])
    reader = make_user(session, fleet["org_a"], role=Role.KNOWLEDGE_USER)
    session.commit()

    options = product_search.filter_options(session=session, actor=narrow)

    assert [o["label"] for o in options["models"]] == ["Colour 500"]
    assert [o["value"] for o in options["accounts"]] == [str(fleet["acc_1"].id)]
    assert options["groups"] == []
    assert product_search.filter_options(session=session, actor=reader) == {
        "models": [],
        "accounts": [],
        "groups": [],
        "statuses": [],
    }


@pytest.mark.parametrize("sort", product_search.SORT_COLUMNS)
def test_every_sort_combines_with_every_filter(session, fleet, admin, sort):
    """Each sort column's join sits beside every filter's subquery, in the list and export."""
    filters = ProductFilters(
        serial="cd",
        model_id=fleet["colour"].id,
        alternative_name="recep",
        account_id=fleet["acc_2"].id,
        city="warehouse",
        group_id=fleet["group_a"].id,
        status="inactive",
    )

    page = _search(session, admin, filters=filters, sort=sort, direction="desc")
    text = product_search.export_products_csv(
        session=session, actor=admin, filters=filters, sort=sort, direction="desc"
    )

    assert _serials(page) == ["cd300"]
    assert [row[0] for row in _csv_rows(text)[1:]] == ["cd300"]
