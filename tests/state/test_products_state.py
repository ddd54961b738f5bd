"""The product list state called as a browser would call it: as nobody, as the wrong
user, and with other organisations' ids (SPEC A6, B2)."""

from __future__ import annotations

import base64
import csv
import io

import pytest
import reflex as rx
from reflex.istate.data import ReflexURL, RouterData

from portal import security
from portal.models import Role, Ticket, UserSession
from portal.state.products import ProductListState
from tests.factories import (
    assign_product,
    make_account,
    make_group,
    make_model,
    make_org,
    make_product,
    make_user,
)


def _state() -> ProductListState:
    """A state instance inside its tree, as the state manager would build it."""
    root = rx.State(_reflex_internal_init=True)
    return root.get_substate(ProductListState.get_full_name().split("."))


@pytest.fixture
def orgs(session):
    """Org A: 30 products (S000…S029) of two models on two accounts, a device manager
    with S003 directly and S010, S011 through a group; org B: one product."""
    org = make_org(session)
    acc_1, acc_2 = make_account(session, org), make_account(session, org)
    colour, mono = make_model(session), make_model(session)
    products = [
        make_product(
            session,
            account=acc_1 if n < 15 else acc_2,
            model=colour if n % 2 else mono,
            serial=f"S{n:03d}",
            city="Bilbao" if n in (3, 20) else "Madrid",
        )
        for n in range(30)
    ]
    manager = make_user(session, org, role=Role.DEVICE_MANAGER)
    assign_product(session, manager, products[3])
    make_group(session, org, products=products[10:12], users=[manager], name="Team")
    admin = make_user(session, org, role=Role.ADMINISTRATOR, language="en")
    reader = make_user(session, org, role=Role.KNOWLEDGE_USER)
    session.add(Ticket(number="T1", product_id=products[5].id))
    session.add(Ticket(number="T2", product_id=products[5].id))

    other_org = make_org(session)
    other_account = make_account(session, other_org)
    other_model = make_model(session)
    other_product = make_product(
        session, account=other_account, model=other_model, serial="OTHER1", city="Bilbao"
    )
    other_group = make_group(session, other_org, products=[other_product], name="Theirs")
    session.commit()
    return {
        "manager": manager,
        "admin": admin,
        "reader": reader,
        "acc_1": acc_1,
        "colour": colour,
        "other_account": other_account,
        "other_model": other_model,
        "other_group": other_group,
    }


def _serials(state) -> list[str]:
    return [row["serial"] for row in state.rows]


def _download(spec) -> tuple[str, str]:
    """(filename, text) of an ``rx.download`` event with inline data."""
    args = {str(name): value._var_value for name, value in spec.args}
    header, _, payload = args["url"].partition(",")
    assert header.startswith("data:text/csv") and header.endswith(";base64")
    return args["filename"], base64.b64decode(payload).decode("utf-8")


def _every_handler(state) -> list:
    """Call every public handler once, as a curious browser might; return what they gave."""
    return [
        state.load(),
        state.search({"serial": "S0"}),
        state.apply_filters({"model": "1", "account": "1", "city": "Bilbao"}),
        state.sort_by("open_tickets"),
        state.set_page_size("10"),
        state.next_page(),
        state.prev_page(),
        state.clear_search(),
        state.clear_filters(),
        state.export_csv(),
    ]


def test_anonymous_gets_no_rows_and_no_download(db, orgs):
    """No session cookie: the real ``_actor`` finds nobody."""
    state = _state()

    results = _every_handler(state)

    assert _serials(state) == []
    assert state.total == 0
    assert state.model_options == state.account_options == state.group_options == []
    assert results[-1] is None


def test_knowledge_user_gets_no_rows_options_or_export_data(db, act_as, orgs):
    act_as(orgs["reader"])
    state = _state()

    results = _every_handler(state)

    assert (state.rows, state.total, state.has_products) == ([], 0, False)
    assert state.model_options == state.account_options == state.group_options == []
    _, text = _download(results[-1])
    assert list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))[1:] == []


def test_device_manager_sees_exactly_their_products(db, act_as, orgs):
    act_as(orgs["manager"])
    state = _state()

    state.load()

    assert _serials(state) == ["S003", "S010", "S011"]
    assert (state.total, state.has_products) == (3, True)
    assert [o["label"] for o in state.group_options] == ["Team"]
    assert all(row["href"] == f"/products/{row['id']}" for row in state.rows)


def test_device_manager_with_other_organisations_ids_gets_nothing(db, act_as, orgs):
    act_as(orgs["manager"])
    state = _state()
    state.load()

    for form in (
        {"account": str(orgs["other_account"].id)},
        {"model": str(orgs["other_model"].id)},
        {"group": str(orgs["other_group"].id)},
        {"account": str(orgs["other_account"].id), "city": "Bilbao"},
    ):
        state.apply_filters(form)
        assert (state.rows, state.total) == ([], 0), form

    state.clear_filters()
    state.search({"serial": "other1"})
    assert (state.rows, state.total) == ([], 0)
    state.clear_search()
    assert state.total == 3


def test_device_manager_with_other_organisations_ids_in_the_link_gets_nothing(
    db, act_as, orgs, monkeypatch
):
    act_as(orgs["manager"])
    state = _state()
    url = f"http://portal/products?account={orgs['other_account'].id}&serial=other"
    monkeypatch.setattr(state, "router", RouterData(url=ReflexURL(url)))

    state.load()

    assert (state.rows, state.total) == ([], 0)
    assert state.filter_account == str(orgs["other_account"].id)
    assert state.show_advanced is True


def test_link_preselects_filters(db, act_as, orgs, monkeypatch):
    act_as(orgs["admin"])
    state = _state()
    url = f"http://portal/products?model={orgs['colour'].id}&city=bilbao&sort=evil"
    monkeypatch.setattr(state, "router", RouterData(url=ReflexURL(url)))

    state.load()

    assert _serials(state) == ["S003"]
    assert (state.filter_model, state.filter_city) == (str(orgs["colour"].id), "bilbao")


def test_export_as_device_manager_holds_only_their_products(db, act_as, orgs, clock):
    act_as(orgs["manager"])
    state = _state()
    state.load()

    filename, text = _download(state.export_csv())

    assert filename == "products-2026-03-02.csv"
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert [row[0] for row in rows[1:]] == ["S003", "S010", "S011"]


def test_export_follows_the_current_filter_and_sort(db, act_as, orgs):
    act_as(orgs["admin"])
    state = _state()
    state.load()
    state.apply_filters({"city": "bilbao"})
    state.sort_by("serial")

    _, text = _download(state.export_csv())

    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][0] == "Serial number"
    assert [row[0] for row in rows[1:]] == ["S020", "S003"]


def test_bad_ids_and_values_from_the_form_are_ignored(db, act_as, orgs):
    act_as(orgs["admin"])
    state = _state()
    state.load()

    state.apply_filters(
        {"model": "DROP TABLE", "account": "-1", "group": "1e9", "status": "x", "city": ["x"]}
    )
    assert (state.total, state.filter_model, state.filter_account) == (30, "", "")
    state.apply_filters("not a form")
    assert state.total == 30
    state.search(None)
    assert state.total == 30
    state.apply_filters({"account": f" {orgs['acc_1'].id} "})
    assert state.total == 15
    assert state.advanced_count == 1


def test_sorting_paging_and_page_sizes(db, act_as, orgs):
    act_as(orgs["admin"])
    state = _state()
    state.load()
    assert (state.total, state.page_count, len(state.rows)) == (30, 2, 25)

    state.sort_by("password_hash")
    assert (state.sort, state.direction) == ("serial", "asc")
    state.sort_by("serial")
    assert (state.direction, _serials(state)[0]) == ("desc", "S029")
    state.sort_by("open_tickets")
    assert (state.sort, state.direction) == ("open_tickets", "desc")
    assert state.rows[0]["serial"] == "S005"
    assert state.rows[0]["open_tickets"] == 2

    state.set_page_size("1000")
    assert state.page_size == 25
    state.set_page_size("10")
    assert (state.page_size, state.page_count, len(state.rows)) == (10, 3, 10)
    state.next_page()
    state.next_page()
    state.next_page()
    assert (state.page_number, len(state.rows)) == (3, 10)
    state.prev_page()
    assert state.page_number == 2
    state.apply_filters({"city": "Bilbao"})
    assert (state.page_number, state.total) == (1, 2)


def test_real_session_cookie_decides_who_acts(db, session, orgs):
    """Without patching ``_actor``: the manager's cookie shows the manager's products."""
    raw, digest = security.new_token()
    session.add(UserSession(user_id=orgs["manager"].id, token_hash=digest))
    session.commit()
    state = _state()
    state.session_token = raw

    state.load()

    assert state.signed_in is True
    assert _serials(state) == ["S003", "S010", "S011"]
