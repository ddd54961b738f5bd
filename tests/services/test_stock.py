"""Stock locations, stock on hand and the catalogue (SPEC C7): scope, validation, audit."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.models import (
    AuditLog,
    Consumable,
    Role,
    StockLevel,
    StockLocation,
    StockManagerLocation,
)
from portal.services import stock
from portal.services.stock import StockLocationData
from tests.factories import (
    assign_product,
    make_account,
    make_model,
    make_org,
    make_product,
    make_user,
)


def _consumables(session, model, colour_model: bool = True) -> list[Consumable]:
    colours = ("black", "cyan") if colour_model else ("black",)
    rows = [
        Consumable(
            model_id=model.id,
            code=f"TN-{model.id}{c[0].upper()}",
            name=f"Toner {c}",
            kind="toner",
            colour=c,
            max_per_order=2,
        )
        for c in colours
    ]
    rows.append(
        Consumable(
            model_id=model.id, code=f"DR-{model.id}", name="Drum", kind="drum", max_per_order=1
        )
    )
    rows.append(
        Consumable(
            model_id=model.id,
            code=f"SK-{model.id}",
            name="Staples",
            kind="staples",
            included_in_contract=False,
            max_per_order=3,
        )
    )
    session.add_all(rows)
    session.flush()
    return rows


@pytest.fixture
def w(session):
    org = make_org(session, "Demo")
    account = make_account(session, org)
    model = make_model(session, "Colour 1")
    catalogue = _consumables(session, model)
    product = make_product(session, account=account, model=model, serial="P-1")
    admin = make_user(session, org, role=Role.ADMINISTRATOR)
    keeper = make_user(session, org, role=Role.STOCK_MANAGER)
    assign_product(session, keeper, product)
    manager = make_user(session, org, role=Role.DEVICE_MANAGER)
    north = StockLocation(organisation_id=org.id, name="North", address="North street")
    south = StockLocation(organisation_id=org.id, name="South", address="South street")
    other = make_org(session, "Other")
    foreign = StockLocation(organisation_id=other.id, name="Foreign")
    session.add_all([north, south, foreign])
    session.flush()
    session.add(StockManagerLocation(user_id=keeper.id, stock_location_id=north.id))
    session.add(StockLevel(stock_location_id=north.id, consumable_id=catalogue[0].id, quantity=3))
    other_admin = make_user(session, other, role=Role.ADMINISTRATOR)
    session.commit()
    return dict(
        org=org,
        model=model,
        catalogue=catalogue,
        product=product,
        admin=admin,
        keeper=keeper,
        manager=manager,
        north=north,
        south=south,
        foreign=foreign,
        other_admin=other_admin,
    )


def test_stock_manager_sees_their_locations_and_administrators_all(session, w):
    mine = stock.list_locations(session=session, actor=w["keeper"])
    everything = stock.list_locations(session=session, actor=w["admin"])

    assert [row["name"] for row in mine] == ["North"]
    assert mine[0]["units"] == 3
    assert [row["name"] for row in everything] == ["North", "South"]
    assert stock.list_locations(session=session, actor=w["other_admin"])[0]["name"] == "Foreign"


def test_other_roles_may_not_see_stock(session, w):
    with pytest.raises(PermissionDenied):
        stock.list_locations(session=session, actor=w["manager"])
    with pytest.raises(PermissionDenied):
        stock.save_location(session=session, actor=w["manager"], data=StockLocationData(name="X"))


def test_locations_out_of_scope_are_not_found(session, w):
    for actor, location in ((w["keeper"], w["south"]), (w["admin"], w["foreign"])):
        with pytest.raises(NotFound):
            stock.stock_lines(session=session, actor=actor, location_id=location.id)
        with pytest.raises(NotFound):
            stock.save_location(
                session=session,
                actor=actor,
                location_id=location.id,
                data=StockLocationData(name="Mine now"),
            )
    assert session.get(StockLocation, w["foreign"].id).name == "Foreign"


def test_a_stock_manager_creates_a_location_and_has_it_in_scope(session, w):
    with pytest.raises(ValidationFailed) as exc:
        stock.save_location(session=session, actor=w["keeper"], data=StockLocationData(name="  "))
    assert exc.value.errors == {"name": "error.required"}

    created = stock.save_location(
        session=session,
        actor=w["keeper"],
        data=StockLocationData(
            name=" East  store ", address="East 1", shipping_instructions="Dock 3\r\nMornings"
        ),
    )
    session.commit()

    assert created.name == "East store"
    assert created.shipping_instructions == "Dock 3\nMornings"
    names = [row["name"] for row in stock.list_locations(session=session, actor=w["keeper"])]
    assert names == ["East store", "North"]
    entry = session.exec(
        select(AuditLog).where(col(AuditLog.action) == "stock_location.created")
    ).one()
    assert entry.new_values["name"] == "East store"


def test_editing_a_location_is_audited(session, w):
    stock.save_location(
        session=session,
        actor=w["keeper"],
        location_id=w["north"].id,
        data=StockLocationData(name="North store", address="North street"),
    )
    session.commit()
    entry = session.exec(
        select(AuditLog).where(col(AuditLog.action) == "stock_location.updated")
    ).one()
    assert (entry.old_values, entry.new_values) == ({"name": "North"}, {"name": "North store"})


def test_stock_on_hand_lists_the_fleet_catalogue_and_is_set_in_whole_numbers(session, w):
    lines = stock.stock_lines(session=session, actor=w["keeper"], location_id=w["north"].id)
    by_code = {line["code"]: line for line in lines}
    black, cyan, drum, staples = w["catalogue"]
    assert [line["code"] for line in lines] == [black.code, cyan.code, drum.code, staples.code]
    assert by_code[black.code]["quantity"] == 3 and by_code[drum.code]["quantity"] == 0

    for bad in ("-1", "1.5", "two", True):
        with pytest.raises(ValidationFailed) as exc:
            stock.set_stock(
                session=session,
                actor=w["keeper"],
                location_id=w["north"].id,
                quantities={str(drum.id): bad},
            )
        assert exc.value.errors == {str(drum.id): "error.stock_quantity_invalid"}

    changed = stock.set_stock(
        session=session,
        actor=w["keeper"],
        location_id=w["north"].id,
        quantities={str(black.id): "3", str(drum.id): " 4 ", str(staples.id): 0},
    )
    session.commit()

    assert changed == 1
    assert session.get(StockLevel, (w["north"].id, drum.id)).quantity == 4
    entry = session.exec(
        select(AuditLog).where(col(AuditLog.action) == "stock_location.stock_set")
    ).one()
    assert (entry.old_values, entry.new_values) == ({drum.code: 0}, {drum.code: 4})


def test_stock_of_a_consumable_that_does_not_belong_is_refused(session, w):
    stray_model = make_model(session, "Not in fleet")
    stray = _consumables(session, stray_model, colour_model=False)[0]
    session.commit()
    with pytest.raises(NotFound):
        stock.set_stock(
            session=session,
            actor=w["admin"],
            location_id=w["north"].id,
            quantities={str(stray.id): "1"},
        )


def test_catalogue_for_a_product_shows_inclusion_and_limits(session, w):
    rows = stock.catalogue_for(session=session, actor=w["keeper"], product_id=w["product"].id)

    assert [(r["kind"], r["colour"], r["included"], r["max_per_order"]) for r in rows] == [
        ("toner", "black", True, 2),
        ("toner", "cyan", True, 2),
        ("drum", "", True, 1),
        ("staples", "", False, 3),
    ]
    other_product = make_product(session, make_org(session))
    session.commit()
    with pytest.raises(NotFound):
        stock.catalogue_for(session=session, actor=w["admin"], product_id=other_product.id)
    with pytest.raises(PermissionDenied):
        stock.catalogue_for(session=session, actor=w["manager"], product_id=w["product"].id)


def test_an_assignment_to_another_organisations_location_gives_nothing(session, w):
    session.add(StockManagerLocation(user_id=w["keeper"].id, stock_location_id=w["foreign"].id))
    session.commit()

    assert [row["name"] for row in stock.list_locations(session=session, actor=w["keeper"])] == [
        "North"
    ]
    with pytest.raises(NotFound):
        stock.stock_lines(session=session, actor=w["keeper"], location_id=w["foreign"].id)
