"""The groups page's handlers called as a browser would, by the right and the wrong user (B5)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import reflex as rx
from reflex.istate.data import RouterData
from sqlmodel import Session, col, select

from portal.models import AuditLog, Group, GroupProduct, GroupUser, Product, Role
from portal.services import scope
from portal.state.groups import GroupsState
from tests.factories import make_account, make_group, make_model, make_org, make_product, make_user


def _state() -> GroupsState:
    root = rx.State(_reflex_internal_init=True)
    return root.get_substate(GroupsState.get_full_name().split("."))


@pytest.fixture
def world(session):
    org = make_org(session)
    account = make_account(session, org)
    model = make_model(session, "Acme M4125i")
    products = [
        make_product(session, account=account, model=model, serial=f"PL{n:03d}", city=city)
        for n, city in enumerate(["Madrid", "Barcelona", "Barcelona", "Sevilla"])
    ]
    admin = make_user(session, org, role=Role.ADMINISTRATOR)
    manager = make_user(session, org, role=Role.DEVICE_MANAGER, last_name="Ruiz")
    stock = make_user(session, org, role=Role.STOCK_MANAGER)
    group = make_group(session, org, name="Sede Madrid", products=[products[0]], users=[stock])
    other = make_org(session)
    other_product = make_product(session, other, serial="XX999")
    other_user = make_user(session, other, role=Role.DEVICE_MANAGER)
    other_group = make_group(session, other, name="Ajeno", products=[other_product])
    session.commit()
    return SimpleNamespace(
        products=products,
        admin=admin,
        manager=manager,
        stock=stock,
        group=group,
        other_product=other_product,
        other_user=other_user,
        other_group=other_group,
    )


def _snapshot(engine) -> dict:
    with Session(engine) as s:
        return {
            "groups": sorted((g.id, g.name) for g in s.exec(select(Group)).all()),
            "products": sorted((m.group_id, m.product_id) for m in s.exec(select(GroupProduct))),
            "users": sorted((m.group_id, m.user_id) for m in s.exec(select(GroupUser))),
            "audit": len(s.exec(select(AuditLog)).all()),
        }


def _every_handler(state: GroupsState, w) -> None:
    gid = w.group.id
    state.load()
    state.select_group(gid)
    state.selected_id = gid  # as if a tampered browser had selected it anyway
    state.create({"name": "Intruso"})
    state.rename({"name": "Renombrado"})
    state.request_delete()
    state.confirm_delete()
    state.search_products({"query": "PL"})
    state.add_product(w.products[1].id)
    state.remove_product(w.products[0].id)
    state.search_users({"query": "Ruiz"})
    state.assign_user(w.manager.id)
    state.remove_user(w.stock.id)


def test_a_device_manager_changes_nothing_with_any_handler(db, act_as, world):
    before = _snapshot(db)
    act_as(world.manager)
    state = _state()

    state.load()
    assert state.denied is True
    assert state.groups == []
    assert state.error == "error.permission_denied"

    state.select_group(world.group.id)
    assert (state.selected_id, state.group_name, state.products) == (0, "", [])
    assert state.error == "error.permission_denied"

    for call, args in [
        ("create", ({"name": "Intruso"},)),
        ("rename", ({"name": "Renombrado"},)),
        ("request_delete", ()),
        ("confirm_delete", ()),
        ("search_products", ({"query": "PL"},)),
        ("add_product", (world.products[1].id,)),
        ("remove_product", (world.products[0].id,)),
        ("search_users", ({"query": "Ruiz"},)),
        ("assign_user", (world.manager.id,)),
        ("remove_user", (world.stock.id,)),
    ]:
        state.selected_id = world.group.id  # a tampered browser
        getattr(state, call)(*args)
        assert state.error == "error.permission_denied", call
        assert state.notice == "", call
        assert state.denied is True, call
        assert state.product_results == [] and state.user_results == [], call
        assert state.confirm_delete_open is False, call

    assert _snapshot(db) == before
    with Session(db) as s:
        manager = s.get(type(world.manager), world.manager.id)
        visible = s.exec(scope.visible_products_query(manager)).all()
    assert visible == []


def test_nobody_signed_in_changes_nothing(db, act_as, world):
    before = _snapshot(db)
    act_as(None)
    state = _state()

    _every_handler(state, world)

    assert _snapshot(db) == before
    assert state.groups == []
    assert state.selected_id == 0


def test_an_administrator_cannot_reach_another_organisations_group(db, act_as, world):
    before = _snapshot(db)
    act_as(world.admin)
    state = _state()
    state.load()
    assert [g["name"] for g in state.groups] == ["Sede Madrid"]

    state.select_group(world.other_group.id)
    assert state.error == "error.not_found"
    assert state.selected_id == 0

    state.selected_id = world.other_group.id  # a tampered browser
    state.rename({"name": "Mío"})
    state.confirm_delete()
    state.remove_product(world.other_product.id)
    state.add_product(world.products[1].id)
    state.search_products({"query": ""})
    assert state.error == "error.not_found"
    assert state.product_results == []
    assert state.denied is False

    assert _snapshot(db) == before


def test_foreign_products_and_users_are_refused(db, act_as, world):
    before = _snapshot(db)
    act_as(world.admin)
    state = _state()
    state.load()
    state.select_group(world.group.id)

    state.add_product(world.other_product.id)
    assert state.error == "error.not_found"
    state.add_product("not a number")
    assert state.error == "error.not_found"
    state.assign_user(world.other_user.id)
    assert state.error == "error.not_found"

    assert _snapshot(db) == before
    assert [p["serial"] for p in state.products] == ["PL000"]
    assert state.selected_id == world.group.id


def test_the_two_step_creation_and_the_pickers(db, act_as, world):
    act_as(world.admin)
    state = _state()
    state.load()

    state.create({"name": ""})
    assert state.new_name_error == "error.required"
    state.create({"name": "sede madrid"})
    assert state.new_name_error == "error.group_name_taken"
    assert state.selected_id == 0

    state.create({"name": "Planta 3 Barcelona"})
    assert state.new_name_error == ""
    assert state.notice == "group.created"
    assert state.just_created is True
    assert state.group_name == "Planta 3 Barcelona"
    assert (state.products, state.users) == ([], [])
    assert [g["name"] for g in state.groups] == ["Planta 3 Barcelona", "Sede Madrid"]

    state.search_products({"query": "barcelona"})
    assert [p["serial"] for p in state.product_results] == ["PL001", "PL002"]
    state.add_product(state.product_results[0]["id"])
    assert state.notice == "group.product_added"
    assert [p["serial"] for p in state.products] == ["PL001"]
    assert [p["serial"] for p in state.product_results] == ["PL002"]

    state.search_users({"query": "ruiz"})
    assert [u["id"] for u in state.user_results] == [world.manager.id]
    state.assign_user(world.manager.id)
    assert [u["id"] for u in state.users] == [world.manager.id]
    assert state.user_results == []
    new = next(g for g in state.groups if g["name"] == "Planta 3 Barcelona")
    assert (new["product_count"], new["user_count"]) == (1, 1)

    with Session(db) as s:
        manager = s.get(type(world.manager), world.manager.id)
        serials = [p.serial for p in s.exec(scope.visible_products_query(manager)).all()]
    assert serials == ["PL001"]

    state.rename({"name": "Sede Madrid"})
    assert state.rename_error == "error.group_name_taken"
    state.rename({"name": "Planta 3 BCN"})
    assert (state.rename_error, state.group_name, state.notice) == (
        "",
        "Planta 3 BCN",
        "group.renamed",
    )

    state.remove_user(world.manager.id)
    assert state.users == []
    state.remove_product(world.products[1].id)
    assert state.products == []
    assert state.notice == "group.product_removed"


def test_delete_needs_the_confirmation(db, act_as, world):
    act_as(world.admin)
    state = _state()
    state.load()
    state.select_group(world.group.id)

    state.request_delete()
    assert state.confirm_delete_open is True
    state.cancel_delete()
    assert state.confirm_delete_open is False
    assert _snapshot(db)["groups"] == [
        (world.group.id, "Sede Madrid"),
        (world.other_group.id, "Ajeno"),
    ]

    state.request_delete()
    state.confirm_delete()
    assert state.notice == "group.deleted"
    assert state.selected_id == 0
    assert state.groups == []
    snap = _snapshot(db)
    assert snap["groups"] == [(world.other_group.id, "Ajeno")]
    assert all(gid != world.group.id for gid, _ in snap["products"] + snap["users"])
    with Session(db) as s:
        stock = s.get(type(world.stock), world.stock.id)
        assert s.exec(scope.visible_products_query(stock).where(col(Product.id) > 0)).all() == []


def test_load_selects_the_group_in_the_address(db, act_as, world):
    act_as(world.admin)
    state = _state()
    state.router = RouterData.from_router_data(
        {
            "pathname": "/admin/groups",
            "asPath": f"/admin/groups?group={world.group.id}",
            "headers": {"origin": "http://portal.test"},
        }
    )

    state.load()

    assert state.selected_id == world.group.id
    assert [p["serial"] for p in state.products] == ["PL000"]
