"""Stock locations, stock on hand and the consumables catalogue (SPEC C7).

A stock location is an organisation's store of consumables. Administrators see
and edit every stock location of their organisation; a stock manager those
assigned to them (``StockManagerLocation``), and a stock manager who creates
one is assigned to it at once. Stock on hand is one ``StockLevel`` row per
location and consumable; people set it by hand here, and a consumables order
delivered to the location adds to it (``portal.services.orders``).

The catalogue of a model lists its toners per colour, drum, waste-toner box and
staples, whether the contract includes them and how many one order may hold.
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from pydantic import field_validator
from sqlmodel import Session, SQLModel, col, select

from portal.errors import NotFound, ValidationFailed
from portal.models import (
    Account,
    Consumable,
    Product,
    ProductModel,
    Role,
    StockLevel,
    StockLocation,
    StockManagerLocation,
    User,
)
from portal.services import audit, scope
from portal.services.common import REQUIRED, TOO_LONG, clean_block, clean_line

STOCK_ROLES = (Role.ADMINISTRATOR, Role.STOCK_MANAGER)
KINDS = ("toner", "drum", "waste_box", "staples")
COLOURS = ("black", "cyan", "magenta", "yellow")
MAX_QUANTITY = 100_000

LOCATION_OBJECT = "stock_location"

QUANTITY_INVALID = "error.stock_quantity_invalid"


class StockLocationData(SQLModel):
    """What a client may send to create or edit a stock location; values as typed."""

    name: str = ""
    address: str = ""
    shipping_instructions: str = ""

    @field_validator("name", "address", "shipping_instructions", mode="before")
    @classmethod
    def _text(cls, value: Any) -> str:
        return value if isinstance(value, str) else ""


def require_stock_role(actor: User | None) -> User:
    """Return ``actor`` if it is an active administrator or stock manager of an organisation.

    Raises:
        PermissionDenied: Anyone else.
    """
    return scope.require_organisation_role(actor, *STOCK_ROLES)


def _location_filter(actor: User) -> sa.ColumnElement[bool]:
    """The WHERE clause on ``StockLocation`` for what ``actor`` may see and edit."""
    if not scope.is_active(actor) or actor.organisation_id is None:
        return sa.false()
    same_organisation = col(StockLocation.organisation_id) == actor.organisation_id
    if actor.has_role(Role.ADMINISTRATOR):
        return same_organisation
    if actor.has_role(Role.STOCK_MANAGER):
        assigned = select(StockManagerLocation.stock_location_id).where(
            col(StockManagerLocation.user_id) == actor.id
        )
        return sa.and_(same_organisation, col(StockLocation.id).in_(assigned))
    return sa.false()


def visible_location_ids_subquery(actor: User | None) -> Any:
    """``select(StockLocation.id)`` of the locations in ``actor``'s scope, for ``.in_(...)``."""
    if actor is None:
        return select(StockLocation.id).where(sa.false())
    return select(StockLocation.id).where(_location_filter(actor))


def get_visible_location(
    *, session: Session, actor: User | None, location_id: Any
) -> StockLocation:
    """Load a stock location in the actor's scope.

    Raises:
        PermissionDenied: The actor is not an administrator or stock manager.
        NotFound: The id does not exist or is outside the actor's scope.
    """
    require_stock_role(actor)
    visible = select(StockLocation).where(_location_filter(actor))
    return scope.load_visible(session, visible, col(StockLocation.id), location_id)


def list_locations(*, session: Session, actor: User | None) -> list[dict[str, Any]]:
    """The stock locations ``actor`` manages, by name.

    Returns:
        Rows with id, name, address, shipping_instructions, items (how many
        consumables are on hand) and units (how many units in all).

    Raises:
        PermissionDenied: The actor is not an administrator or stock manager.
    """
    require_stock_role(actor)
    locations = session.exec(
        select(StockLocation)
        .where(_location_filter(actor))
        .order_by(col(StockLocation.name), col(StockLocation.id))
    ).all()
    totals = {
        location_id: (items, units)
        for location_id, items, units in session.exec(
            select(
                col(StockLevel.stock_location_id),
                sa.func.count(col(StockLevel.consumable_id)),
                sa.func.sum(col(StockLevel.quantity)),
            )
            .where(
                col(StockLevel.stock_location_id).in_([loc.id for loc in locations]),
                col(StockLevel.quantity) > 0,
            )
            .group_by(col(StockLevel.stock_location_id))
        ).all()
    }
    return [
        {
            "id": loc.id,
            "name": loc.name,
            "address": loc.address,
            "shipping_instructions": loc.shipping_instructions,
            "items": totals.get(loc.id, (0, 0))[0],
            "units": int(totals.get(loc.id, (0, 0))[1] or 0),
        }
        for loc in locations
    ]


def _fleet_model_ids(session: Session, organisation_id: int) -> Any:
    return (
        select(Product.model_id)
        .join(Account, col(Account.id) == col(Product.account_id))
        .where(col(Account.organisation_id) == organisation_id)
        .distinct()
    )


def kind_key(kind: str) -> str:
    """The message key of a consumable kind (unknown kinds read as toner)."""
    return f"stock.kind.{kind if kind in KINDS else 'toner'}"


def _consumable_row(consumable: Consumable, model: ProductModel | None) -> dict[str, Any]:
    kind = consumable.kind if consumable.kind in KINDS else "toner"
    colour = consumable.colour if consumable.colour in COLOURS else ""
    return {
        "consumable_id": consumable.id,
        "code": consumable.code,
        "name": consumable.name,
        "kind": kind,
        "kind_key": kind_key(kind),
        "colour": colour,
        "colour_key": f"product.toner.{colour}" if colour else "",
        "model": model.name if model else "",
        "included": consumable.included_in_contract,
        "max_per_order": consumable.max_per_order,
    }


def _kind_order(consumable: Consumable) -> tuple[int, int, str]:
    kind = KINDS.index(consumable.kind) if consumable.kind in KINDS else len(KINDS)
    colour = COLOURS.index(consumable.colour) if consumable.colour in COLOURS else len(COLOURS)
    return kind, colour, consumable.code


def stock_lines(*, session: Session, actor: User | None, location_id: Any) -> list[dict[str, Any]]:
    """The stock on hand of one location, one line per consumable that may be stocked there.

    The consumables are those of the models in the organisation's fleet, plus
    any other consumable already on hand at the location; the quantity is 0
    where nothing is recorded.

    Returns:
        Rows of ``_consumable_row`` (consumable_id, code, name, kind, kind_key,
        colour, colour_key, model, included, max_per_order) plus quantity, by
        model then kind.

    Raises:
        PermissionDenied: The actor is not an administrator or stock manager.
        NotFound: The location is outside the actor's scope.
    """
    location = get_visible_location(session=session, actor=actor, location_id=location_id)
    levels = {
        level.consumable_id: level.quantity
        for level in session.exec(
            select(StockLevel).where(col(StockLevel.stock_location_id) == location.id)
        ).all()
    }
    consumables = session.exec(
        select(Consumable, ProductModel)
        .join(ProductModel, col(ProductModel.id) == col(Consumable.model_id))
        .where(
            sa.or_(
                col(Consumable.model_id).in_(_fleet_model_ids(session, location.organisation_id)),
                col(Consumable.id).in_(list(levels) or [-1]),
            )
        )
    ).all()
    ordered = sorted(consumables, key=lambda pair: (pair[1].name, *_kind_order(pair[0])))
    return [
        {**_consumable_row(consumable, model), "quantity": levels.get(consumable.id, 0)}
        for consumable, model in ordered
    ]


def _validate_location(data: StockLocationData) -> dict[str, str]:
    values = {
        "name": clean_line(data.name),
        "address": clean_line(data.address),
        "shipping_instructions": clean_block(data.shipping_instructions),
    }
    errors: dict[str, str] = {}
    if not values["name"]:
        errors["name"] = REQUIRED
    elif len(values["name"]) > 120:
        errors["name"] = TOO_LONG
    if len(values["address"]) > 300:
        errors["address"] = TOO_LONG
    if len(values["shipping_instructions"]) > 1000:
        errors["shipping_instructions"] = TOO_LONG
    if errors:
        raise ValidationFailed(errors)
    return values


def save_location(
    *,
    session: Session,
    actor: User | None,
    data: StockLocationData,
    location_id: Any = None,
) -> StockLocation:
    """Create a stock location (``location_id`` None) or edit one in the actor's scope.

    A stock manager who creates a location is assigned to it, so it is in
    their scope from then on.

    Raises:
        PermissionDenied: The actor is not an administrator or stock manager.
        NotFound: The location to edit is outside the actor's scope.
        ValidationFailed: ``name`` missing or too long; ``address`` or
            ``shipping_instructions`` too long.
    """
    require_stock_role(actor)
    if location_id in (None, ""):
        values = _validate_location(data)
        location = StockLocation(organisation_id=actor.organisation_id, **values)
        session.add(location)
        session.flush()
        if actor.has_role(Role.STOCK_MANAGER):
            session.add(StockManagerLocation(user_id=actor.id, stock_location_id=location.id))
            session.flush()
        audit.record(
            session=session,
            actor=actor,
            action="stock_location.created",
            object_type=LOCATION_OBJECT,
            object_id=location.id,
            new=values,
        )
        return location
    location = get_visible_location(session=session, actor=actor, location_id=location_id)
    values = _validate_location(data)
    old = {key: getattr(location, key) for key in values}
    changed = {key: value for key, value in values.items() if old[key] != value}
    if not changed:
        return location
    for key, value in changed.items():
        setattr(location, key, value)
    session.add(location)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="stock_location.updated",
        object_type=LOCATION_OBJECT,
        object_id=location.id,
        old={key: old[key] for key in changed},
        new=changed,
    )
    return location


def _quantity(value: Any) -> int | None:
    """A whole number ≥ 0 as typed, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and re.fullmatch(r"\s*\d{1,9}\s*", value):
        number = int(value)
    else:
        return None
    return number if 0 <= number <= MAX_QUANTITY else None


def set_stock(
    *,
    session: Session,
    actor: User | None,
    location_id: Any,
    quantities: dict[Any, Any],
) -> int:
    """Set the stock on hand of consumables at one location (one audit entry for the change).

    Args:
        session: The database session (the caller commits).
        actor: An administrator or a stock manager with the location in scope.
        location_id: The stock location.
        quantities: Consumable id → quantity as typed (a whole number ≥ 0).
            Only consumables listed by ``stock_lines`` for the location count.

    Returns:
        How many consumables' quantities changed.

    Raises:
        PermissionDenied: The actor is not an administrator or stock manager.
        NotFound: The location is outside the actor's scope, or a consumable
            is not one that may be stocked there.
        ValidationFailed: Keyed by consumable id: not a whole number from 0 to
            ``MAX_QUANTITY``.
    """
    location = get_visible_location(session=session, actor=actor, location_id=location_id)
    lines = {
        str(line["consumable_id"]): line
        for line in stock_lines(session=session, actor=actor, location_id=location.id)
    }
    wanted: dict[str, int] = {}
    errors: dict[str, str] = {}
    for raw_id, raw_quantity in (quantities or {}).items():
        key = str(raw_id)
        if key not in lines:
            raise NotFound(scope.NOT_FOUND)
        number = _quantity(raw_quantity)
        if number is None:
            errors[key] = QUANTITY_INVALID
        else:
            wanted[key] = number
    if errors:
        raise ValidationFailed(errors)
    changed = {key: n for key, n in wanted.items() if lines[key]["quantity"] != n}
    if not changed:
        return 0
    for key, number in changed.items():
        level = session.get(StockLevel, (location.id, int(key)))
        if level is None:
            level = StockLevel(stock_location_id=location.id, consumable_id=int(key), quantity=0)
        level.quantity = number
        session.add(level)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="stock_location.stock_set",
        object_type=LOCATION_OBJECT,
        object_id=location.id,
        old={lines[key]["code"]: lines[key]["quantity"] for key in changed},
        new={lines[key]["code"]: number for key, number in changed.items()},
    )
    return len(changed)


def add_stock(
    *, session: Session, location: StockLocation, quantities: dict[int, int]
) -> dict[int, tuple[int, int]]:
    """Add delivered quantities to a location's stock on hand (no scope check: callers do).

    Returns:
        Consumable id → (quantity before, quantity after).
    """
    changes: dict[int, tuple[int, int]] = {}
    for consumable_id, quantity in quantities.items():
        level = session.get(StockLevel, (location.id, consumable_id))
        if level is None:
            level = StockLevel(stock_location_id=location.id, consumable_id=consumable_id)
            level.quantity = 0
        before = level.quantity
        level.quantity = before + quantity
        session.add(level)
        changes[consumable_id] = (before, level.quantity)
    session.flush()
    return changes


def catalogue_for(*, session: Session, actor: User | None, product_id: Any) -> list[dict[str, Any]]:
    """The consumables of a product's model: what the contract includes and per-order limits.

    Args:
        session: The database session.
        actor: An administrator or stock manager who sees the product (or an agent).
        product_id: The product.

    Returns:
        Rows of consumable_id, code, name, kind, kind_key, colour, colour_key,
        model, included and max_per_order, toners first (black, cyan, magenta,
        yellow), then drum, waste-toner box, staples.

    Raises:
        PermissionDenied: The actor may not order consumables.
        NotFound: The product is outside the actor's scope.
    """
    if not (scope.is_active(actor) and actor.has_role(Role.AGENT)):
        require_stock_role(actor)
    product = scope.get_visible_product(session=session, actor=actor, product_id=product_id)
    return model_catalogue(session=session, model_id=product.model_id)


def model_catalogue(*, session: Session, model_id: int) -> list[dict[str, Any]]:
    """The consumables of one model in catalogue order (no scope: the catalogue is public)."""
    model = session.get(ProductModel, model_id)
    consumables = session.exec(select(Consumable).where(col(Consumable.model_id) == model_id)).all()
    return [_consumable_row(c, model) for c in sorted(consumables, key=_kind_order)]


def location_catalogue(
    *, session: Session, actor: User | None, location_id: Any
) -> list[dict[str, Any]]:
    """What may be ordered for a stock location: the consumables of the organisation's models.

    One row per consumable code (the same staples fit several models).

    Raises:
        PermissionDenied: The actor is not an administrator or stock manager.
        NotFound: The location is outside the actor's scope.
    """
    location = get_visible_location(session=session, actor=actor, location_id=location_id)
    rows = session.exec(
        select(Consumable, ProductModel)
        .join(ProductModel, col(ProductModel.id) == col(Consumable.model_id))
        .where(col(Consumable.model_id).in_(_fleet_model_ids(session, location.organisation_id)))
    ).all()
    seen: set[str] = set()
    result = []
    for consumable, model in sorted(rows, key=lambda p: (p[1].name, *_kind_order(p[0]))):
        if consumable.code in seen:
            continue
        seen.add(consumable.code)
        result.append(_consumable_row(consumable, model))
    return result
