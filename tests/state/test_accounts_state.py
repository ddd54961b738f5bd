"""Accounts, account and audit log states called as a browser would call them (SPEC A6, B1, G3).

Every handler is called as the wrong user, with ids of other organisations'
accounts in the URL, or with forged filter values.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import reflex as rx
from reflex.istate.data import ReflexURL, RouterData

from portal.models import AuditLog, Role, Ticket
from portal.state.accounts import AccountsState, AccountState
from portal.state.audit import AuditState
from tests.factories import (
    assign_product,
    make_account,
    make_contract_line,
    make_model,
    make_org,
    make_product,
    make_user,
)

STATES = (AccountsState, AccountState, AuditState)


def _state(state_cls):
    """A state instance inside its tree, as the state manager would build it."""
    root = rx.State(_reflex_internal_init=True)
    return root.get_substate(state_cls.get_full_name().split("."))


def _at_path(state, path: str):
    """Pretend the browser is on ``path`` (what ``self.router.url.path`` reads)."""
    state.router = RouterData(url=ReflexURL(f"http://localhost:3000{path}"))
    return state


@pytest.fixture
def orgs(session):
    """Two organisations; the first with 30 products on one account and an audit log."""
    org = make_org(session, "Demo")
    account = make_account(session, org, number="10045871")
    make_contract_line(session, account)
    model = make_model(session)
    products = [
        make_product(session, account=account, model=model, serial=f"S{n:03d}") for n in range(30)
    ]
    manager = make_user(session, org, role=Role.DEVICE_MANAGER)
    assign_product(session, manager, products[4])
    admin = make_user(session, org, role=Role.ADMINISTRATOR)
    session.add(Ticket(number="T1", product_id=products[4].id))
    session.add(Ticket(number="T2", product_id=products[9].id))

    other = make_org(session, "Other")
    foreign_account = make_account(session, other, number="20017733")
    make_contract_line(session, foreign_account)
    make_product(session, account=foreign_account, serial="FOREIGN-1")
    outsider = make_user(session, other, role=Role.ADMINISTRATOR)

    when = datetime(2026, 3, 1, 10, tzinfo=UTC)
    for n, (who, org_id, kind) in enumerate(
        [(admin, org.id, "group"), (manager, org.id, "product"), (outsider, other.id, "user")]
    ):
        session.add(
            AuditLog(
                organisation_id=org_id,
                actor_id=who.id,
                action=f"{kind}.updated",
                object_type=kind,
                object_id=n,
                old_values={"password": "hunter2", "name": "a"},
                new_values={"name": "b"},
                created_at=when,
            )
        )
    session.commit()
    return {
        "admin": admin,
        "manager": manager,
        "outsider": outsider,
        "account": account,
        "foreign_account": foreign_account,
        "products": products,
    }


def _loaded_account(orgs, path):
    state = _at_path(_state(AccountState), path)
    state.load()
    return state


def test_account_of_another_organisation_shows_not_found_and_no_data(db, act_as, orgs):
    act_as(orgs["admin"])

    state = _loaded_account(orgs, f"/accounts/{orgs['foreign_account'].id}")

    assert state.not_found is True
    assert (state.number, state.name, state.organisation) == ("", "", "")
    assert state.contract_lines == []
    assert state.products == []
    assert state.tickets == []
    # Paging cannot reach the account either.
    state.next_products()
    state.next_tickets()
    assert state.products == [] and state.tickets == []


def test_garbage_or_missing_ids_show_not_found(db, act_as, orgs):
    act_as(orgs["admin"])
    for path in ("/accounts/abc", "/accounts/", "/accounts/99999999", "/accounts/-1"):
        state = _loaded_account(orgs, path)
        assert state.not_found is True, path
        assert state.products == []


def test_administrator_opens_an_account_and_pages_through_it(db, act_as, orgs):
    act_as(orgs["admin"])

    state = _loaded_account(orgs, f"/accounts/{orgs['account'].id}")

    assert state.not_found is False
    assert state.number == "10045871"
    assert state.organisation == "Demo"
    assert [line["service_level"] for line in state.contract_lines] == ["Gold"]
    assert (state.product_total, state.product_pages, len(state.products)) == (30, 2, 25)
    state.next_products()
    assert (state.product_page, [p["serial"] for p in state.products][:1]) == (2, ["S025"])
    state.prev_products()
    assert state.product_page == 1
    assert sorted(t["number"] for t in state.tickets) == ["T1", "T2"]


def test_device_manager_sees_only_their_machine_of_the_account(db, act_as, orgs):
    act_as(orgs["manager"])

    state = _loaded_account(orgs, f"/accounts/{orgs['account'].id}")

    assert [p["serial"] for p in state.products] == ["S004"]
    assert [t["number"] for t in state.tickets] == ["T1"]
    accounts_list = _state(AccountsState)
    accounts_list.load()
    assert [(r["number"], r["product_count"], r["open_tickets"]) for r in accounts_list.rows] == [
        ("10045871", 1, 1)
    ]


def test_signing_out_between_events_stops_paging(db, act_as, orgs):
    act_as(orgs["admin"])
    state = _loaded_account(orgs, f"/accounts/{orgs['account'].id}")
    assert state.products

    act_as(None)
    state.next_products()

    assert state.products == []
    assert state.number == ""


def test_anonymous_gets_nothing(db, orgs):
    """No session cookie: the real ``_actor`` finds nobody."""
    listing = _state(AccountsState)
    listing.load()
    assert listing.rows == []
    account = _loaded_account(orgs, f"/accounts/{orgs['account'].id}")
    assert account.products == [] and account.number == ""
    audit = _state(AuditState)
    audit.load()
    audit.apply({"object": "group"})
    assert audit.rows == []


def test_audit_load_as_device_manager_is_denied_without_rows(db, act_as, orgs):
    act_as(orgs["manager"])
    state = _state(AuditState)

    state.load()
    assert state.denied is True
    assert state.rows == [] and state.total == 0
    assert state.user_options == [] and state.object_options == []

    state.apply({"user": str(orgs["admin"].id), "object": "group"})
    state.next_page()
    state.clear_filters()
    assert state.denied is True
    assert state.rows == []


def test_audit_administrator_sees_own_organisation_and_filters(db, act_as, orgs):
    act_as(orgs["admin"])
    state = _state(AuditState)

    state.load()
    assert state.denied is False
    assert sorted(r["object_type"] for r in state.rows) == ["group", "product"]
    assert all("hunter2" not in " ".join(r["changes"]) for r in state.rows)
    assert sorted(o["value"] for o in state.object_options) == ["group", "product"]

    state.apply({"object": "product", "user": "", "date_from": "", "date_to": ""})
    assert [r["object_type"] for r in state.rows] == ["product"]
    assert state.filtered is True

    state.apply({"user": str(orgs["outsider"].id)})
    assert state.rows == [] and state.total == 0

    state.apply({"object": "user"})
    assert state.rows == []

    state.clear_filters()
    assert state.total == 2


def test_audit_date_error_is_shown_next_to_the_field(db, act_as, orgs):
    act_as(orgs["admin"])
    state = _state(AuditState)
    state.load()

    state.apply({"date_from": "2026-03-05", "date_to": "2026-03-01"})

    assert state.date_to_error == "error.audit_date_order"
    assert state.date_from_error == ""

    state.apply({"date_from": "2026-03-01", "date_to": "2026-03-01"})
    assert state.date_to_error == ""
    assert state.total == 2
