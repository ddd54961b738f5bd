"""The product page's state called as a browser would: wrong users, other organisations'
ids, anonymous visitors (SPEC A6, B3, B4)."""

from __future__ import annotations

import pytest
import reflex as rx
from reflex.istate.data import ReflexURL, RouterData
from sqlmodel import select

from portal import security
from portal.i18n import translate
from portal.models import AuditLog, Location, MeterReading, Product, Role, UserSession
from portal.state import product as product_state
from portal.state.product import ProductState
from tests.factories import (
    assign_product,
    make_account,
    make_model,
    make_org,
    make_product,
    make_user,
)

FORM = {
    "alternative_name": "Recepción",
    "site": "HQ",
    "address": "Calle Mayor 1",
    "postal_code": "28001",
    "city": "Toledo",
    "floor": "2",
    "room": "",
    "contact_name": "",
    "contact_phone": "",
}


def _state(path: str = "/products") -> ProductState:
    """A ProductState inside its tree, as the state manager builds it, on ``path``."""
    root = rx.State(_reflex_internal_init=True)
    state = root.get_substate(ProductState.get_full_name().split("."))
    state.router = RouterData(url=ReflexURL(f"http://localhost:3000{path}"))
    return state


@pytest.fixture
def two_orgs(session):
    """Two organisations; a device manager with one of three products of the first."""
    org = make_org(session)
    account = make_account(session, org)
    model = make_model(session)
    mine = make_product(session, account=account, model=model, serial="MINE-1")
    colleague = make_product(session, account=account, model=model, serial="OTHER-2")
    also = make_product(session, account=account, model=model, serial="MINE-3")
    manager = make_user(session, org, role=Role.DEVICE_MANAGER)
    assign_product(session, manager, mine)
    assign_product(session, manager, also)
    admin = make_user(session, org, role=Role.ADMINISTRATOR)
    reader = make_user(session, org, role=Role.KNOWLEDGE_USER)
    other_org = make_org(session)
    foreign = make_product(session, other_org, serial="FOREIGN-9", city="Bilbao")
    session.add(MeterReading(product_id=mine.id, read_on=mine.created_at.date(), values={"a": 1}))
    session.commit()
    return {
        "mine": mine,
        "colleague": colleague,
        "also": also,
        "foreign": foreign,
        "manager": manager,
        "admin": admin,
        "reader": reader,
    }


def _nothing_shown(state: ProductState) -> None:
    assert state.product_id == 0
    assert state.general == {}
    assert state.technical == {}
    assert state.managers == []
    assert state.coverage == {}
    assert state.open_tickets == [] and state.closed_tickets == []
    assert state.readings == [] and state.monthly_volume == []
    assert state.download_url == ""
    assert state.can_edit is False
    assert state.editing is False


def _unchanged(session, product) -> None:
    session.expire_all()
    row = session.get(Product, product.id)
    location = session.get(Location, row.location_id)
    assert row.location_id == product.location_id
    assert location.city != "Toledo"
    assert session.exec(select(AuditLog)).all() == []


def test_device_manager_loads_their_product(db, act_as, two_orgs):
    act_as(two_orgs["manager"])
    state = _state(f"/products/{two_orgs['mine'].id}")

    state.load()

    assert state.not_found is False
    assert state.general["serial"] == "MINE-1"
    assert state.can_edit is True
    assert all(isinstance(v, str) for v in state.general.values())


@pytest.mark.parametrize("which", ["colleague", "foreign"])
def test_device_manager_gets_the_not_found_view_for_others(db, act_as, two_orgs, which):
    act_as(two_orgs["manager"])
    state = _state(f"/products/{two_orgs[which].id}")

    state.load()

    assert state.not_found is True
    _nothing_shown(state)


def test_save_location_with_another_organisations_product_changes_nothing(
    db, act_as, session, two_orgs
):
    act_as(two_orgs["manager"])
    foreign = two_orgs["foreign"]
    state = _state(f"/products/{foreign.id}")

    state.save_location(FORM)

    assert state.not_found is True
    assert state.saved is False
    _nothing_shown(state)
    _unchanged(session, foreign)


def test_save_location_after_loading_own_product_still_follows_the_path(
    db, act_as, session, two_orgs
):
    """Loading an allowed product first does not let a later event reach another one."""
    act_as(two_orgs["manager"])
    state = _state(f"/products/{two_orgs['mine'].id}")
    state.load()
    state.start_edit()
    assert state.editing is True

    state.router = RouterData(
        url=ReflexURL(f"http://localhost:3000/products/{two_orgs['colleague'].id}")
    )
    state.save_location(FORM)

    assert state.not_found is True
    _unchanged(session, two_orgs["colleague"])
    _unchanged(session, two_orgs["mine"])


def test_patched_path_id_is_checked_like_any_other(db, act_as, session, two_orgs, monkeypatch):
    act_as(two_orgs["manager"])
    monkeypatch.setattr(product_state.routes, "id_from_path", lambda path: two_orgs["foreign"].id)
    state = _state("/products/1")

    state.save_location(FORM)
    state.start_edit()

    assert state.editing is False
    _unchanged(session, two_orgs["foreign"])


def test_knowledge_user_can_neither_load_nor_save(db, act_as, session, two_orgs):
    act_as(two_orgs["reader"])
    state = _state(f"/products/{two_orgs['mine'].id}")

    state.load()
    state.start_edit()
    state.save_location(FORM)

    assert state.not_found is True
    _nothing_shown(state)
    _unchanged(session, two_orgs["mine"])


def test_anonymous_load_shows_nothing(db, two_orgs):
    """No session cookie: the real ``_actor`` finds nobody."""
    state = _state(f"/products/{two_orgs['mine'].id}")

    state.load()
    state.search_picker({"query": "MINE"})
    state.save_location(FORM)

    assert state.signed_in is False
    assert state.picker_results == []
    _nothing_shown(state)


def test_save_location_with_errors_shows_messages_and_keeps_the_form(db, act_as, session, two_orgs):
    act_as(two_orgs["manager"])
    state = _state(f"/products/{two_orgs['mine'].id}")
    state.load()
    state.start_edit()

    state.save_location({**FORM, "postal_code": "1", "city": ""})

    assert state.errors == {
        "postal_code": translate("es", "product.error.postal_code"),
        "city": translate("es", "error.required"),
    }
    assert state.editing is True
    assert state.saved is False
    assert state.form["postal_code"] == "1"
    _unchanged(session, two_orgs["mine"])


def test_save_location_of_own_product_saves_and_says_so(db, act_as, session, two_orgs):
    act_as(two_orgs["manager"])
    state = _state(f"/products/{two_orgs['mine'].id}")
    state.load()
    state.start_edit()

    state.save_location(FORM)

    assert state.saved is True
    assert state.editing is False
    assert state.errors == {}
    assert (state.general["city"], state.general["floor"]) == ("Toledo", "2")
    session.expire_all()
    mine = session.get(Product, two_orgs["mine"].id)
    assert session.get(Location, mine.location_id).city == "Toledo"
    assert len(session.exec(select(AuditLog)).all()) == 1


def test_picker_offers_only_visible_products_and_choose_only_those(db, act_as, two_orgs):
    act_as(two_orgs["manager"])
    state = _state(f"/products/{two_orgs['mine'].id}")
    state.load()

    state.search_picker({"query": ""})
    assert [r["serial"] for r in state.picker_results] == ["MINE-1", "MINE-3"]

    assert state.choose(two_orgs["foreign"].id) is None
    assert state.choose(two_orgs["colleague"].id) is None
    assert state.choose("not a number") is None
    redirect = state.choose(two_orgs["also"].id)
    assert redirect is not None
    assert f"/products/{two_orgs['also'].id}" in str(redirect)


def test_real_session_cookie_decides_who_acts(db, session, two_orgs):
    raw, digest = security.new_token()
    session.add(UserSession(user_id=two_orgs["manager"].id, token_hash=digest))
    session.commit()
    state = _state(f"/products/{two_orgs['foreign'].id}")
    state.session_token = raw

    state.load()
    state.save_location(FORM)

    assert state.signed_in is True
    assert state.not_found is True
    _unchanged(session, two_orgs["foreign"])


def test_chart_counter_is_whitelisted(db, act_as, two_orgs):
    act_as(two_orgs["manager"])
    state = _state(f"/products/{two_orgs['mine'].id}")
    state.load()

    state.set_chart_counter("<script>")
    state.set_chart_counter(["a"])

    assert state.chart_counter == "a"
    assert [c["code"] for c in state.counters] == ["a"]
