"""Consumables orders (SPEC C7): ordering within the contract's limits, states, delivery.

An order is for one product (consumables of its model) or for one stock
location (consumables of any model), placed by an administrator or a stock
manager with the product or location in scope. Products on automatic
replenishment get their consumables without anyone ordering, so they refuse
manual orders. Delivery goes to the product's address (only its extra lines —
floor, room, contact — may be changed) or to a stock location in scope.

States: Submitted → Confirmed → Dispatched (with a tracking number) →
Delivered; an order may be cancelled while it is still submitted, by its
customer or by an agent. Provider agents move orders through their states.
An order delivered to a stock location adds its quantities to the stock on
hand, in the same transaction as the status change.

Every change is an audit entry (object type ``order``) and the history shown
on the order is read back from those entries. Each change tells the order's
creator through ``portal.services.notify`` (event ``order_status``), which
applies their alert preferences.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from pydantic import field_validator
from sqlmodel import Session, SQLModel, col, select

from portal import clock
from portal.errors import PermissionDenied, ValidationFailed
from portal.models import (
    AlertEvent,
    Consumable,
    ConsumableOrder,
    Location,
    OrderLine,
    Organisation,
    Product,
    ProductModel,
    Role,
    StockLocation,
    StockManagerLocation,
    User,
    serial_key,
)
from portal.services import audit, notify, scope, stock
from portal.services.common import (
    REQUIRED,
    TOO_LONG,
    clean_line,
    display_name,
    organisation_of_product,
    pick_products,
    picked_product,
    stamp,
    status_step,
)
from portal.services.listing import Page, clean_page_size, clean_query, fetch_page
from portal.settings import settings

SUBMITTED = "submitted"
CONFIRMED = "confirmed"
DISPATCHED = "dispatched"
DELIVERED = "delivered"
CANCELLED = "cancelled"
STATUSES = (SUBMITTED, CONFIRMED, DISPATCHED, DELIVERED, CANCELLED)
OPEN_STATUSES = (SUBMITTED, CONFIRMED, DISPATCHED)
#: Which status an order may go to from which (agents); customers may only cancel.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    SUBMITTED: (CONFIRMED, CANCELLED),
    CONFIRMED: (DISPATCHED,),
    DISPATCHED: (DELIVERED,),
    DELIVERED: (),
    CANCELLED: (),
}

_STATUS_KEY = "order.status."

DELIVER_TO_PRODUCT = "product"
DELIVER_TO_LOCATION = "location"

ORDER_OBJECT = "order"
CUSTOMER_ROLES = stock.STOCK_ROLES
LIST_ROLES = (Role.ADMINISTRATOR, Role.STOCK_MANAGER, Role.AGENT, Role.PROVIDER_ADMIN)

PAGE_SIZES = (10, 25, 50)
DEFAULT_PAGE_SIZE = 10
PICKER_LIMIT = 10

AUTO_REPLENISH = "error.order_auto_replenish"
PRODUCT_INACTIVE = "error.order_product_inactive"
NO_ITEMS = "error.order_no_items"
QUANTITY_RANGE = "error.order_quantity_range"
CONSUMABLE_INVALID = "error.order_consumable_invalid"
DELIVERY_INVALID = "error.order_delivery_invalid"
TRANSITION_INVALID = "error.order_transition_invalid"
DATE_INVALID = "error.order_date_invalid"

MAX_EXTRA = 300
MAX_TRACKING = 60


def order_link(order_id: Any) -> str:
    """Path of an order's page on the customer side."""
    return f"/stock/orders/{order_id}"


def desk_order_link(order_id: Any) -> str:
    """Path of an order's page on the agents' desk."""
    return f"/desk/orders/{order_id}"


class OrderCreate(SQLModel):
    """What a client may send to order consumables; values as typed.

    Attributes:
        product_id: The product ordered for (or None for a stock-location order).
        stock_location_id: The stock location ordered for (or None).
        quantities: Consumable id → quantity as typed; empty values mean "not ordered".
        delivery: ``"product"`` (the product's address) or ``"location"``.
        deliver_to_stock_location_id: The stock location to deliver to.
        delivery_extra: The extra lines of the product's address (floor, room, contact).
    """

    product_id: Any = None
    stock_location_id: Any = None
    quantities: dict[str, Any] = {}
    delivery: str = DELIVER_TO_PRODUCT
    deliver_to_stock_location_id: Any = None
    delivery_extra: str = ""

    @field_validator("delivery", "delivery_extra", mode="before")
    @classmethod
    def _text(cls, value: Any) -> str:
        return value if isinstance(value, str) else ""

    @field_validator("quantities", mode="before")
    @classmethod
    def _mapping(cls, value: Any) -> dict[str, Any]:
        return {str(k): v for k, v in value.items()} if isinstance(value, dict) else {}


def _given(value: Any) -> bool:
    return value not in (None, "", 0, "0")


def _product_address(location: Location | None) -> str:
    if location is None:
        return ""
    place = " ".join(p for p in (location.postal_code, location.city) if p)
    return ", ".join(p for p in (location.address, place) if p)


def _product_extra(location: Location | None) -> str:
    if location is None:
        return ""
    return ", ".join(p for p in (location.floor, location.room) if p)


def _location_address(location: StockLocation) -> str:
    return ", ".join(p for p in (location.name, location.address) if p)


def _new_number(session: Session) -> str:
    while True:
        number = f"CO-{secrets.randbelow(9_000_000) + 1_000_000}"
        exists = session.exec(
            select(ConsumableOrder.id).where(col(ConsumableOrder.number) == number)
        ).first()
        if exists is None:
            return number


def _quantity(value: Any) -> int | None:
    """A typed quantity as an int; '' means not ordered (None); anything else raises ValueError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return int(value.strip())
    raise ValueError(value)


# --- Choosing what to order for ------------------------------------------------------------


def product_choices(
    *, session: Session, actor: User | None, query: Any, limit: int = PICKER_LIMIT
) -> list[dict[str, str]]:
    """Active products in the actor's scope whose serial contains ``query``, for the order form.

    Returns:
        Rows with id, serial, model, address, city and auto_replenish ("1" when
        the product is on automatic replenishment), by serial.

    Raises:
        PermissionDenied: The actor may not order consumables.
    """
    stock.require_stock_role(actor)
    return [_product_row(p, m, loc) for p, m, loc in pick_products(session, actor, query, limit)]


def _product_row(product: Product, model: ProductModel, location: Location) -> dict[str, str]:
    return {
        "id": str(product.id),
        "serial": product.serial,
        "model": model.name,
        "address": _product_address(location),
        "city": location.city,
        "extra": _product_extra(location),
        "auto_replenish": "1" if product.auto_replenish else "",
    }


def product_choice(*, session: Session, actor: User | None, product_id: Any) -> dict[str, str]:
    """One product of the picker, checked against the actor's scope.

    Raises:
        PermissionDenied: The actor may not order consumables.
        NotFound: The product is outside the actor's scope.
    """
    stock.require_stock_role(actor)
    return _product_row(*picked_product(session, actor, product_id))


# --- Creating an order ----------------------------------------------------------------------


def create_order(
    *,
    session: Session,
    actor: User | None,
    data: OrderCreate,
    now: datetime | None = None,
) -> ConsumableOrder:
    """Order consumables for a product or a stock location (SPEC C7).

    Args:
        session: The database session (the caller commits).
        actor: An administrator or stock manager with the product or the
            stock location in scope.
        data: The form as typed.
        now: The time of the order (defaults to the portal clock).

    Returns:
        The new order, status Submitted, numbered ``CO-`` and seven digits.

    Raises:
        PermissionDenied: The actor is not an active administrator or stock manager.
        NotFound: The product, the stock location or the delivery location is
            outside the actor's scope.
        ValidationFailed: ``product_id`` missing, inactive or on automatic
            replenishment; ``items`` none ordered or a consumable that does
            not belong; ``qty_<consumable id>`` not a whole number from 1 to
            the consumable's per-order limit; ``delivery`` not possible;
            ``delivery_extra`` too long.
    """
    stock.require_stock_role(actor)
    created_at = now or clock.now()
    errors: dict[str, str] = {}

    product = ordering_location = None
    if _given(data.product_id):
        product = scope.get_visible_product(
            session=session, actor=actor, product_id=data.product_id
        )
        if product.auto_replenish:
            raise ValidationFailed({"product_id": AUTO_REPLENISH})
        if product.status != "active":
            raise ValidationFailed({"product_id": PRODUCT_INACTIVE})
        organisation_id = organisation_of_product(session, product.id)
        allowed = {
            c.id: c
            for c in session.exec(
                select(Consumable).where(col(Consumable.model_id) == product.model_id)
            ).all()
        }
    elif _given(data.stock_location_id):
        ordering_location = stock.get_visible_location(
            session=session, actor=actor, location_id=data.stock_location_id
        )
        organisation_id = ordering_location.organisation_id
        allowed = None
    else:
        raise ValidationFailed({"product_id": REQUIRED})

    lines: dict[int, int] = {}
    for raw_id, raw_quantity in data.quantities.items():
        try:
            consumable_id = int(raw_id)
        except ValueError:
            errors["items"] = CONSUMABLE_INVALID
            continue
        consumable = (
            allowed.get(consumable_id)
            if allowed is not None
            else session.get(Consumable, consumable_id)
        )
        if consumable is None:
            errors["items"] = CONSUMABLE_INVALID
            continue
        try:
            quantity = _quantity(raw_quantity)
        except ValueError:
            errors[f"qty_{consumable_id}"] = QUANTITY_RANGE
            continue
        if quantity is None:
            continue
        if not 1 <= quantity <= consumable.max_per_order:
            errors[f"qty_{consumable_id}"] = QUANTITY_RANGE
            continue
        lines[consumable_id] = quantity
    if not lines and not errors:
        errors["items"] = NO_ITEMS

    delivery_extra = clean_line(data.delivery_extra)
    destination = None
    if data.delivery == DELIVER_TO_LOCATION or ordering_location is not None:
        wanted = data.deliver_to_stock_location_id
        if not _given(wanted) and ordering_location is not None:
            destination = ordering_location
        elif not _given(wanted):
            errors["delivery"] = REQUIRED
        else:
            destination = stock.get_visible_location(
                session=session, actor=actor, location_id=wanted
            )
        delivery_extra = ""
    elif data.delivery != DELIVER_TO_PRODUCT:
        errors["delivery"] = DELIVERY_INVALID
    elif len(delivery_extra) > MAX_EXTRA:
        errors["delivery_extra"] = TOO_LONG
    if errors:
        raise ValidationFailed(errors)

    if destination is not None:
        address = _location_address(destination)
    else:
        address = _product_address(session.get(Location, product.location_id))
    order = ConsumableOrder(
        number=_new_number(session),
        organisation_id=organisation_id,
        product_id=product.id if product else None,
        stock_location_id=ordering_location.id if ordering_location else None,
        deliver_to_stock_location_id=destination.id if destination else None,
        delivery_address=address[:300],
        delivery_extra=delivery_extra,
        status=SUBMITTED,
        created_by_id=actor.id,
        created_at=created_at,
        updated_at=created_at,
    )
    session.add(order)
    session.flush()
    session.add_all(
        OrderLine(order_id=order.id, consumable_id=cid, quantity=qty) for cid, qty in lines.items()
    )
    session.flush()
    codes = _codes(session, list(lines))
    audit.record(
        session=session,
        actor=actor,
        action="order.created",
        object_type=ORDER_OBJECT,
        object_id=order.id,
        new={
            "status": SUBMITTED,
            "number": order.number,
            "product_id": order.product_id,
            "stock_location_id": order.stock_location_id,
            "deliver_to_stock_location_id": order.deliver_to_stock_location_id,
            "items": {codes[cid]: qty for cid, qty in lines.items()},
        },
        organisation_id=organisation_id,
        now=created_at,
    )
    _notify(session, actor, order, now=created_at)
    return order


def create_automatic_order(
    *, session: Session, product: Product, colour: str, now: datetime | None = None
) -> ConsumableOrder | None:
    """Order one toner of ``colour`` for a product on automatic replenishment (SPEC C7, X2).

    The system orders it, to the product's address, when the toner runs low;
    the provider's order desk takes it from there like any order.

    Returns:
        The order, or None when the product is not on automatic replenishment,
        not active, or its model has no toner of that colour.
    """
    if not product.auto_replenish or product.status != "active":
        return None
    consumable = session.exec(
        select(Consumable)
        .where(
            col(Consumable.model_id) == product.model_id,
            col(Consumable.kind) == "toner",
            col(Consumable.colour) == colour,
        )
        .order_by(col(Consumable.id))
    ).first()
    if consumable is None:
        return None
    created_at = now or clock.now()
    location = session.get(Location, product.location_id)
    organisation_id = organisation_of_product(session, product.id)
    order = ConsumableOrder(
        number=_new_number(session),
        organisation_id=organisation_id,
        product_id=product.id,
        delivery_address=_product_address(location)[:300],
        delivery_extra=_product_extra(location)[:MAX_EXTRA],
        status=SUBMITTED,
        created_by_id=None,
        created_at=created_at,
        updated_at=created_at,
    )
    session.add(order)
    session.flush()
    session.add(OrderLine(order_id=order.id, consumable_id=consumable.id, quantity=1))
    session.flush()
    audit.record(
        session=session,
        actor=None,
        action="order.created_automatically",
        object_type=ORDER_OBJECT,
        object_id=order.id,
        new={
            "status": SUBMITTED,
            "number": order.number,
            "product_id": product.id,
            "items": {consumable.code: 1},
            "reason": f"low toner: {colour}",
        },
        organisation_id=organisation_id,
        now=created_at,
    )
    return order


def _codes(session: Session, consumable_ids: list[int]) -> dict[int, str]:
    if not consumable_ids:
        return {}
    return {
        c.id: c.code
        for c in session.exec(select(Consumable).where(col(Consumable.id).in_(consumable_ids)))
    }


def _notify(session: Session, actor: User | None, order: ConsumableOrder, *, now: datetime) -> int:
    product = session.get(Product, order.product_id) if order.product_id else None
    return notify.notify_creator(
        session=session,
        event=AlertEvent.ORDER_STATUS,
        created_by_id=order.created_by_id,
        organisation_id=order.organisation_id,
        actor=actor,
        template="order_status",
        context={
            "number": order.number,
            "serial": product.serial if product else "",
            "status": order.status,
            "tracking": order.tracking_number,
            "link": f"{settings.base_url}{order_link(order.id)}",
        },
        now=now,
    )


# --- Who sees which orders --------------------------------------------------------------------


def _order_filter(actor: User) -> sa.ColumnElement[bool]:
    if actor.is_provider:
        return sa.true()
    if actor.organisation_id is None:
        return sa.false()
    same_organisation = col(ConsumableOrder.organisation_id) == actor.organisation_id
    if actor.has_role(Role.ADMINISTRATOR):
        return same_organisation
    if actor.has_role(Role.STOCK_MANAGER):
        locations = select(StockManagerLocation.stock_location_id).where(
            col(StockManagerLocation.user_id) == actor.id
        )
        return sa.and_(
            same_organisation,
            sa.or_(
                col(ConsumableOrder.created_by_id) == actor.id,
                col(ConsumableOrder.product_id).in_(scope.visible_product_ids_subquery(actor)),
                col(ConsumableOrder.stock_location_id).in_(locations),
                col(ConsumableOrder.deliver_to_stock_location_id).in_(locations),
            ),
        )
    return sa.false()


def _get_visible_order(session: Session, actor: User | None, order_id: Any) -> ConsumableOrder:
    """An order the actor may see, after checking the actor may see orders at all.

    Raises:
        PermissionDenied: The actor may not see orders.
        NotFound: The order is outside the actor's scope.
    """
    scope.require_role(actor, *LIST_ROLES)
    visible = select(ConsumableOrder).where(_order_filter(actor))
    return scope.load_visible(session, visible, col(ConsumableOrder.id), order_id)


def clean_status(status: Any) -> str:
    """An order status from the browser, or ''."""
    return status if isinstance(status, str) and status in STATUSES else ""


def _parse_day(value: Any) -> date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationFailed({"date": DATE_INVALID}) from None


def list_orders(
    *,
    session: Session,
    actor: User | None,
    view: Any = "history",
    status: Any = "",
    serial: Any = "",
    date_from: Any = "",
    date_to: Any = "",
    page: Any = 1,
    page_size: Any = DEFAULT_PAGE_SIZE,
) -> Page:
    """The orders the actor may see, newest first.

    Administrators see their organisation's orders; stock managers the orders
    for their products and stock locations (and their own); provider staff all.

    Args:
        session: The database session.
        actor: An administrator, stock manager or provider user.
        view: ``"open"`` for orders still on their way, anything else for all.
        status: One of ``STATUSES`` to filter by, anything else for every status.
        serial: Part of the product's serial (spaces and case do not matter).
        date_from: First day ordered (``YYYY-MM-DD``, UTC), or ''.
        date_to: Last day ordered, or ''.
        page: The page wanted (clamped to the range).
        page_size: Rows per page (one of ``PAGE_SIZES``).

    Returns:
        A page of rows with id, number, created, serial, product_id, location,
        delivery_address, items, status, status_key, tracking_number,
        organisation and created_by.

    Raises:
        PermissionDenied: The actor may not see orders.
        ValidationFailed: ``date`` when a date cannot be read.
    """
    scope.require_role(actor, *LIST_ROLES)
    conditions = [_order_filter(actor)]
    if view == "open":
        conditions.append(col(ConsumableOrder.status).in_(OPEN_STATUSES))
    wanted = clean_status(status)
    if wanted:
        conditions.append(col(ConsumableOrder.status) == wanted)
    key = serial_key(clean_query(serial))
    if key:
        matching = select(Product.id).where(col(Product.serial_key).contains(key, autoescape=True))
        conditions.append(col(ConsumableOrder.product_id).in_(matching))
    first, last = _parse_day(date_from), _parse_day(date_to)
    if first is not None:
        start = datetime.combine(first, datetime.min.time(), tzinfo=UTC)
        conditions.append(col(ConsumableOrder.created_at) >= start)
    if last is not None:
        end = datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
        conditions.append(col(ConsumableOrder.created_at) < end)

    size = clean_page_size(page_size, sizes=PAGE_SIZES, default=DEFAULT_PAGE_SIZE)
    orders, total, number, pages = fetch_page(
        session,
        select(ConsumableOrder)
        .where(*conditions)
        .order_by(col(ConsumableOrder.created_at).desc(), col(ConsumableOrder.id).desc()),
        page,
        size,
        count_query=select(ConsumableOrder.id).where(*conditions),
    )
    return Page(rows=_rows(session, orders), total=total, page=number, pages=pages)


def _rows(session: Session, orders: list[ConsumableOrder]) -> list[dict[str, Any]]:
    if not orders:
        return []
    product_ids = [o.product_id for o in orders if o.product_id]
    products = {
        p.id: p for p in session.exec(select(Product).where(col(Product.id).in_(product_ids)))
    }
    location_ids = {
        i for o in orders for i in (o.stock_location_id, o.deliver_to_stock_location_id) if i
    }
    locations = {
        s.id: s
        for s in session.exec(select(StockLocation).where(col(StockLocation.id).in_(location_ids)))
    }
    users = {
        u.id: u
        for u in session.exec(
            select(User).where(
                col(User.id).in_({o.created_by_id for o in orders if o.created_by_id})
            )
        )
    }
    organisations = {
        org.id: org
        for org in session.exec(
            select(Organisation).where(
                col(Organisation.id).in_({o.organisation_id for o in orders})
            )
        )
    }
    items: dict[int, list[str]] = {o.id: [] for o in orders}
    for line, consumable in session.exec(
        select(OrderLine, Consumable)
        .join(Consumable, col(Consumable.id) == col(OrderLine.consumable_id))
        .where(col(OrderLine.order_id).in_(list(items)))
        .order_by(col(OrderLine.id))
    ).all():
        items[line.order_id].append(f"{line.quantity} × {consumable.code}")
    rows = []
    for order in orders:
        product = products.get(order.product_id)
        ordering = locations.get(order.stock_location_id)
        destination = locations.get(order.deliver_to_stock_location_id)
        org = organisations.get(order.organisation_id)
        rows.append(
            {
                "id": order.id,
                "number": order.number,
                "created": order.created_at.date().isoformat(),
                "serial": product.serial if product else "",
                "product_id": product.id if product else "",
                "location": ordering.name if ordering else "",
                "destination": destination.name if destination else "",
                "delivery_address": order.delivery_address,
                "items": ", ".join(items[order.id]),
                "status": order.status,
                "status_key": f"order.status.{clean_status(order.status) or SUBMITTED}",
                "tracking_number": order.tracking_number,
                "organisation": org.name if org else "",
                "created_by": display_name(users.get(order.created_by_id)),
            }
        )
    return rows


# --- One order ----------------------------------------------------------------------------------


def order_actions(actor: User | None, order: ConsumableOrder) -> dict[str, Any]:
    """What ``actor`` may do with ``order`` now: transitions (agents) and can_cancel."""
    if not scope.is_active(actor):
        return {"transitions": [], "can_cancel": False}
    if actor.has_role(Role.AGENT):
        return {
            "transitions": list(TRANSITIONS.get(order.status, ())),
            "can_cancel": order.status == SUBMITTED,
        }
    customer = actor.has_role(*CUSTOMER_ROLES) and actor.organisation_id == order.organisation_id
    return {"transitions": [], "can_cancel": customer and order.status == SUBMITTED}


def _history(session: Session, order: ConsumableOrder) -> list[dict[str, str]]:
    history = []
    for entry, user in audit.entries_for(
        session=session, object_type=ORDER_OBJECT, object_id=order.id
    ):
        new, old = entry.new_values or {}, entry.old_values or {}
        step = status_step(
            entry.created_at,
            user,
            _STATUS_KEY,
            clean_status(old.get("status")),
            clean_status(new.get("status")),
        )
        history.append({**step, "tracking_number": str(new.get("tracking_number", "") or "")})
    if not history or history[0]["from_status"]:
        # Orders that predate the portal's audit log start with their creation.
        creator = session.get(User, order.created_by_id) if order.created_by_id else None
        step = status_step(order.created_at, creator, _STATUS_KEY, "", SUBMITTED)
        history.insert(0, {**step, "tracking_number": ""})
    return history


def order_detail(*, session: Session, actor: User | None, order_id: Any) -> dict[str, Any]:
    """One order with its lines, its status history and what the actor may do with it.

    Returns:
        A dict with id, number, status, status_key, created, created_by,
        organisation, serial, product_id, model, location (ordering stock
        location), destination (delivery stock location), delivery_address,
        delivery_extra, tracking_number, ``lines`` (code, name, kind_key,
        quantity), ``history`` (date, who, from/to status and keys,
        tracking_number), ``transitions`` and can_cancel.

    Raises:
        PermissionDenied: The actor may not see orders.
        NotFound: The order is outside the actor's scope.
    """
    order = _get_visible_order(session, actor, order_id)
    row = _rows(session, [order])[0]
    product = session.get(Product, order.product_id) if order.product_id else None
    model = session.get(ProductModel, product.model_id) if product else None
    lines = [
        {
            "code": consumable.code,
            "name": consumable.name,
            "kind_key": stock.kind_key(consumable.kind),
            "quantity": line.quantity,
        }
        for line, consumable in session.exec(
            select(OrderLine, Consumable)
            .join(Consumable, col(Consumable.id) == col(OrderLine.consumable_id))
            .where(col(OrderLine.order_id) == order.id)
            .order_by(col(OrderLine.id))
        ).all()
    ]
    return {
        **row,
        "created": stamp(order.created_at),
        "model": model.name if model else "",
        "delivery_extra": order.delivery_extra,
        "lines": lines,
        "history": _history(session, order),
        **order_actions(actor, order),
    }


def transition_order(
    *,
    session: Session,
    actor: User | None,
    order_id: Any,
    to_status: Any,
    tracking_number: Any = "",
    now: datetime | None = None,
) -> ConsumableOrder:
    """Move an order to its next status, or cancel it.

    Agents confirm, dispatch (a tracking number is required) and deliver; the
    customer (an administrator or stock manager of the order's organisation
    who sees it) and agents cancel while it is submitted. Delivery to a stock
    location adds the quantities to its stock on hand.

    Raises:
        PermissionDenied: The actor may not see orders, or a customer tries
            anything but cancelling.
        NotFound: The order is outside the actor's scope.
        ValidationFailed: ``status`` for a step not allowed from the current
            status; ``tracking_number`` missing when dispatching, or too long.
    """
    order = _get_visible_order(session, actor, order_id)
    target = clean_status(to_status)
    if target != CANCELLED and not actor.has_role(Role.AGENT):
        raise PermissionDenied(scope.PERMISSION_DENIED)
    allowed = order_actions(actor, order)
    if target == CANCELLED:
        if not (actor.has_role(Role.AGENT) or actor.has_role(*CUSTOMER_ROLES)):
            raise PermissionDenied(scope.PERMISSION_DENIED)
        if not allowed["can_cancel"]:
            raise ValidationFailed({"status": TRANSITION_INVALID})
    elif target not in allowed["transitions"]:
        raise ValidationFailed({"status": TRANSITION_INVALID})
    tracking = clean_line(tracking_number)
    if target == DISPATCHED:
        if not tracking:
            raise ValidationFailed({"tracking_number": REQUIRED})
        if len(tracking) > MAX_TRACKING:
            raise ValidationFailed({"tracking_number": TOO_LONG})

    changed_at = now or clock.now()
    old_status = order.status
    order.status = target
    if target == DISPATCHED:
        order.tracking_number = tracking
    order.updated_at = changed_at
    session.add(order)
    session.flush()
    new: dict[str, Any] = {"status": target}
    if target == DISPATCHED:
        new["tracking_number"] = tracking
    audit.record(
        session=session,
        actor=actor,
        action="order.status_changed",
        object_type=ORDER_OBJECT,
        object_id=order.id,
        old={"status": old_status},
        new=new,
        organisation_id=order.organisation_id,
        now=changed_at,
    )
    if target == DELIVERED and order.deliver_to_stock_location_id:
        _receive(session, actor, order, changed_at)
    _notify(session, actor, order, now=changed_at)
    return order


def _receive(session: Session, actor: User, order: ConsumableOrder, now: datetime) -> None:
    """Add a delivered order's quantities to its stock location's stock on hand."""
    location = session.get(StockLocation, order.deliver_to_stock_location_id)
    if location is None:
        return
    quantities: dict[int, int] = {}
    for line in session.exec(select(OrderLine).where(col(OrderLine.order_id) == order.id)).all():
        quantities[line.consumable_id] = quantities.get(line.consumable_id, 0) + line.quantity
    changes = stock.add_stock(session=session, location=location, quantities=quantities)
    codes = _codes(session, list(changes))
    audit.record(
        session=session,
        actor=actor,
        action="stock_location.order_received",
        object_type=stock.LOCATION_OBJECT,
        object_id=location.id,
        old={codes[cid]: before for cid, (before, _) in changes.items()},
        new={"order": order.number, **{codes[cid]: after for cid, (_, after) in changes.items()}},
        organisation_id=location.organisation_id,
        now=now,
    )


def cancel_order(
    *, session: Session, actor: User | None, order_id: Any, now: datetime | None = None
) -> ConsumableOrder:
    """Cancel an order while it is submitted (see ``transition_order``)."""
    return transition_order(
        session=session, actor=actor, order_id=order_id, to_status=CANCELLED, now=now
    )
