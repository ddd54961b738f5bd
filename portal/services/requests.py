"""Move requests (SPEC C5) and the other requests (SPEC C6): forms, lifecycles, histories.

A move request relocates one product: Requested → Scheduled → Completed, or
Cancelled while still requested or scheduled. Customers (administrators and
device managers with the product in scope) ask for moves and may cancel them;
provider agents move them through every state. Completing a move writes the new
address into the product's location.

The other requests are rows of ``Inquiry`` of four kinds: account inquiry,
suggestion or comment, online (remote) service and quick e-snapshot inquiry.
Their status goes Open → Answered → Closed: agents answer, the customer or an
agent closes.

Every change is an audit entry (object types ``move_request`` and ``inquiry``)
and the histories shown to people are read back from those entries, so the
audit log and the history never disagree. Values that have no column of their
own ride along in the entries: the date an agent scheduled a move for, the
note of a change, an agent's answer, the preferred time of an online-service
request.

Each change notifies the request's creator through ``portal.services.notify``
(event ``move_status`` for moves, ``request_status`` for the other requests),
which applies the creator's alert preferences.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from pydantic import field_validator
from sqlmodel import Session, SQLModel, col, select

from portal import clock, routes
from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.models import (
    Account,
    AlertEvent,
    Inquiry,
    Location,
    MoveRequest,
    Organisation,
    Product,
    ProductModel,
    Role,
    User,
)
from portal.services import audit, notify, scope
from portal.services.common import (
    REQUIRED,
    TOO_LONG,
    check_text,
    clean_block,
    clean_line,
    day_text,
    display_name,
    organisation_of_product,
    pick_products,
    picked_product,
    stamp,
    status_step,
)
from portal.services.listing import Page, clean_page_size, fetch_page
from portal.settings import settings

# --- Vocabulary ------------------------------------------------------------------

REQUESTED = "requested"
SCHEDULED = "scheduled"
COMPLETED = "completed"
CANCELLED = "cancelled"
MOVE_STATUSES = (REQUESTED, SCHEDULED, COMPLETED, CANCELLED)
OPEN_MOVE_STATUSES = (REQUESTED, SCHEDULED)
#: Which status a move may go to from which (agents); customers may only cancel.
MOVE_TRANSITIONS: dict[str, tuple[str, ...]] = {
    REQUESTED: (SCHEDULED, CANCELLED),
    SCHEDULED: (COMPLETED, CANCELLED),
    COMPLETED: (),
    CANCELLED: (),
}

OPEN = "open"
ANSWERED = "answered"
CLOSED = "closed"
INQUIRY_STATUSES = (OPEN, ANSWERED, CLOSED)
ACCOUNT_INQUIRY = "account_inquiry"
SUGGESTION = "suggestion"
ONLINE_SERVICE = "online_service"
E_SNAPSHOT = "e_snapshot"
INQUIRY_KINDS = (ACCOUNT_INQUIRY, SUGGESTION, ONLINE_SERVICE, E_SNAPSHOT)
#: Kinds that are about one product.
PRODUCT_KINDS = (ONLINE_SERVICE, E_SNAPSHOT)

MOVE_OBJECT = "move_request"
INQUIRY_OBJECT = "inquiry"

CUSTOMER_ROLES = (Role.ADMINISTRATOR, Role.DEVICE_MANAGER)
LIST_ROLES = (Role.ADMINISTRATOR, Role.DEVICE_MANAGER, Role.AGENT)

PAGE_SIZES = (10, 25, 50)
DEFAULT_PAGE_SIZE = 10
PICKER_LIMIT = 10
ACCOUNT_LIMIT = 200
MAX_DAYS_AHEAD = 365

PHONE_INVALID = "error.phone_invalid"
POSTAL_CODE_INVALID = "error.move_postal_code_invalid"
DATE_INVALID = "error.move_date_invalid"
DATE_PAST = "error.move_date_past"
DATE_TOO_FAR = "error.move_date_too_far"
PRODUCT_INACTIVE = "error.move_product_inactive"
MOVE_ALREADY_OPEN = "error.move_already_open"
TRANSITION_INVALID = "error.request_transition_invalid"

_POSTAL_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]{1,8}[A-Za-z0-9]$")
_PHONE_RE = re.compile(r"^\+?[0-9 ()./-]+$")
_MIN_PHONE_DIGITS = 6


# --- What clients may send -------------------------------------------------------------


def _as_text(value: Any) -> str:
    """A typed value as text: dates in ISO form, numbers as digits, anything else empty."""
    if isinstance(value, str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return ""


class MoveCreate(SQLModel):
    """What a client may send to request a move (SPEC C5); values as they were typed."""

    product_id: Any = None
    new_address: str = ""
    new_postal_code: str = ""
    new_city: str = ""
    new_floor: str = ""
    new_room: str = ""
    desired_date: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    notes: str = ""

    @field_validator(
        "new_address",
        "new_postal_code",
        "new_city",
        "new_floor",
        "new_room",
        "desired_date",
        "contact_name",
        "contact_phone",
        "notes",
        mode="before",
    )
    @classmethod
    def _text(cls, value: Any) -> str:
        return _as_text(value)


class InquiryCreate(SQLModel):
    """What a client may send for one of the other requests (SPEC C6)."""

    account_id: Any = None
    product_id: Any = None
    subject: str = ""
    text: str = ""
    preferred_time: str = ""

    @field_validator("subject", "text", "preferred_time", mode="before")
    @classmethod
    def _text(cls, value: Any) -> str:
        return _as_text(value)


def _today(now: datetime | None) -> date:
    return (now or clock.now()).date()


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def _first_line(text: str, limit: int = 200) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line[:limit]


def _notify_creator(
    session: Session,
    actor: User,
    request: MoveRequest | Inquiry,
    *,
    organisation_id: int | None,
    serial: str,
    summary: str,
    now: datetime | None,
) -> int:
    """Tell a request's creator (an active customer user of its organisation) its new status."""
    is_move = isinstance(request, MoveRequest)
    link = routes.move_link(request.id) if is_move else routes.request_link(request.id)
    return notify.notify_creator(
        session=session,
        event=AlertEvent.MOVE_STATUS if is_move else AlertEvent.REQUEST_STATUS,
        created_by_id=request.created_by_id,
        organisation_id=organisation_id,
        actor=actor,
        template="move_status" if is_move else "request_status",
        context={
            "number": str(request.id),
            "serial": serial,
            "status": request.status,
            "summary": summary,
            "link": f"{settings.base_url}{link}",
        },
        now=now,
    )


def _history(session: Session, object_type: str, object_id: int) -> list[dict[str, str]]:
    """The status changes of one request, oldest first, read from the audit log."""
    status_prefix = "move.status." if object_type == MOVE_OBJECT else "request.status."
    history = []
    for entry, user in audit.entries_for(
        session=session, object_type=object_type, object_id=object_id
    ):
        new = entry.new_values or {}
        old = entry.old_values or {}
        history.append(
            {
                "id": str(entry.id),
                **status_step(
                    entry.created_at,
                    user,
                    status_prefix,
                    str(old.get("status", "")),
                    str(new.get("status", "")),
                ),
                "note": str(new.get("note", "") or ""),
                "scheduled_for": str(new.get("scheduled_for", "") or ""),
                "preferred_time": str(new.get("preferred_time", "") or ""),
            }
        )
    return history


def _newest_page(
    session: Session,
    model: type[MoveRequest] | type[Inquiry],
    visible: Any,
    query: Any,
    page: Any,
    page_size: Any,
) -> tuple[list[tuple[Any, ...]], int, int, int]:
    """One page of visible requests, newest first, each row with its creator last.

    Args:
        session: The database session.
        model: ``MoveRequest`` or ``Inquiry``.
        visible: The subquery of the requests to list.
        query: A select from ``visible`` whose first column is ``visible.c.id``
            and whose last entity is ``User`` (joined here, as the creator).
        page: The page wanted (clamped to the range).
        page_size: Rows per page (one of ``PAGE_SIZES``).

    Returns:
        ``(rows, total, number, pages)``; each row is the request itself
        followed by the other selected entities.
    """
    query = query.join(User, col(User.id) == visible.c.created_by_id, isouter=True).order_by(
        visible.c.created_at.desc(), visible.c.id.desc()
    )
    size = clean_page_size(page_size, sizes=PAGE_SIZES, default=DEFAULT_PAGE_SIZE)
    result, total, number, pages = fetch_page(
        session, query, page, size, count_query=select(visible.c.id)
    )
    ids = [row[0] for row in result]
    by_id = {r.id: r for r in session.exec(select(model).where(col(model.id).in_(ids)))}
    return [(by_id[row[0]], *row[1:]) for row in result], total, number, pages


# --- Product and account pickers ---------------------------------------------------


def product_choices(
    *, session: Session, actor: User | None, query: Any, limit: int = PICKER_LIMIT
) -> list[dict[str, str]]:
    """Active products in the actor's scope whose serial contains ``query``, for the forms.

    Args:
        session: The database session.
        actor: The signed-in user (administrator or device manager).
        query: Part of a serial number as typed (spaces and case do not matter).
        limit: How many products at most.

    Returns:
        Rows with id, serial, model, alternative_name, city, address and
        open_move ("1" when a move request is open for it), by serial.

    Raises:
        PermissionDenied: The actor may not create requests.
    """
    scope.require_role(actor, *CUSTOMER_ROLES)
    found = pick_products(session, actor, query, limit)
    moving = set(
        session.exec(
            select(MoveRequest.product_id).where(
                col(MoveRequest.product_id).in_([p.id for p, _, _ in found]),
                col(MoveRequest.status).in_(OPEN_MOVE_STATUSES),
            )
        ).all()
    )
    rows = []
    for product, model, location in found:
        row = _product_row(product, model, location)
        row["open_move"] = "1" if product.id in moving else ""
        rows.append(row)
    return rows


def _product_row(product: Product, model: ProductModel, location: Location) -> dict[str, str]:
    return {
        "id": str(product.id),
        "serial": product.serial,
        "model": model.name,
        "alternative_name": product.alternative_name,
        "city": location.city,
        "address": location.address,
    }


def product_choice(*, session: Session, actor: User | None, product_id: Any) -> dict[str, str]:
    """One product of the picker, for a form opened with ``?product=<id>``.

    Raises:
        PermissionDenied: The actor may not create requests.
        NotFound: The product is outside the actor's scope.
    """
    scope.require_role(actor, *CUSTOMER_ROLES)
    return _product_row(*picked_product(session, actor, product_id))


def account_choices(*, session: Session, actor: User | None) -> list[dict[str, str]]:
    """The accounts the actor may ask about, by number (id, number, name).

    Raises:
        PermissionDenied: The actor may not create requests.
    """
    scope.require_role(actor, *CUSTOMER_ROLES)
    accounts = session.exec(
        scope.visible_accounts_query(actor).order_by(col(Account.number)).limit(ACCOUNT_LIMIT)
    ).all()
    return [{"id": str(a.id), "number": a.number, "name": a.name} for a in accounts]


# --- Move requests (SPEC C5) -------------------------------------------------------------


def _validate_move(data: MoveCreate, today: date) -> tuple[dict[str, Any], dict[str, str]]:
    values = {
        "new_address": clean_line(data.new_address),
        "new_postal_code": clean_line(data.new_postal_code),
        "new_city": clean_line(data.new_city),
        "new_floor": clean_line(data.new_floor),
        "new_room": clean_line(data.new_room),
        "contact_name": clean_line(data.contact_name),
        "contact_phone": clean_line(data.contact_phone),
        "notes": clean_block(data.notes),
    }
    errors: dict[str, str] = {}
    check_text(errors, "new_address", values["new_address"], 200, required=True)
    check_text(errors, "new_city", values["new_city"], 120, required=True)
    check_text(errors, "new_floor", values["new_floor"], 40, required=False)
    check_text(errors, "new_room", values["new_room"], 60, required=False)
    check_text(errors, "contact_name", values["contact_name"], 120, required=True)
    check_text(errors, "notes", values["notes"], 2000, required=False)

    postal_code = values["new_postal_code"]
    if not postal_code:
        errors["new_postal_code"] = REQUIRED
    elif not _POSTAL_CODE_RE.match(postal_code):
        errors["new_postal_code"] = POSTAL_CODE_INVALID

    phone = values["contact_phone"]
    if not phone:
        errors["contact_phone"] = REQUIRED
    elif len(phone) > 40:
        errors["contact_phone"] = TOO_LONG
    elif not _PHONE_RE.match(phone) or sum(c.isdigit() for c in phone) < _MIN_PHONE_DIGITS:
        errors["contact_phone"] = PHONE_INVALID

    desired = None
    if not data.desired_date.strip():
        errors["desired_date"] = REQUIRED
    else:
        desired = _parse_date(data.desired_date)
        if desired is None:
            errors["desired_date"] = DATE_INVALID
        elif desired < today:
            errors["desired_date"] = DATE_PAST
        elif desired > today + timedelta(days=MAX_DAYS_AHEAD):
            errors["desired_date"] = DATE_TOO_FAR
    values["desired_date"] = desired
    return values, errors


def _has_open_move(session: Session, product_id: int) -> bool:
    found = session.exec(
        select(MoveRequest.id).where(
            col(MoveRequest.product_id) == product_id,
            col(MoveRequest.status).in_(OPEN_MOVE_STATUSES),
        )
    ).first()
    return found is not None


def create_move(
    *, session: Session, actor: User | None, data: MoveCreate, now: datetime | None = None
) -> MoveRequest:
    """Ask for one product to be moved (SPEC C5); the request starts as Requested.

    Args:
        session: The database session (the caller commits).
        actor: An administrator or device manager who sees the product.
        data: The form as typed.
        now: The time of the request (defaults to the portal clock).

    Returns:
        The new move request.

    Raises:
        PermissionDenied: The actor is not an active administrator or device manager.
        NotFound: The product does not exist or is outside the actor's scope.
        ValidationFailed: Per field: a required value is missing, a value is too
            long or malformed, the date is in the past or more than a year ahead,
            the product is not active or already has an open move request.
    """
    scope.require_role(actor, *CUSTOMER_ROLES)
    values, errors = _validate_move(data, _today(now))
    product = None
    if data.product_id in (None, "", 0):
        errors["product_id"] = REQUIRED
    else:
        product = scope.get_visible_product(
            session=session, actor=actor, product_id=data.product_id
        )
        if product.status != "active":
            errors["product_id"] = PRODUCT_INACTIVE
        elif _has_open_move(session, product.id):
            errors["product_id"] = MOVE_ALREADY_OPEN
    if errors:
        raise ValidationFailed(errors)

    created_at = now or clock.now()
    move = MoveRequest(
        product_id=product.id,
        status=REQUESTED,
        created_by_id=actor.id,
        created_at=created_at,
        **values,
    )
    session.add(move)
    session.flush()
    organisation_id = organisation_of_product(session, product.id)
    audit.record(
        session=session,
        actor=actor,
        action="move_request.created",
        object_type=MOVE_OBJECT,
        object_id=move.id,
        new={"status": REQUESTED, "product_id": product.id, **values, "note": values["notes"]},
        organisation_id=organisation_id,
        now=created_at,
    )
    _notify_creator(
        session,
        actor,
        move,
        organisation_id=organisation_id,
        serial=product.serial,
        summary=_move_summary(move),
        now=now,
    )
    return move


def _move_summary(move: MoveRequest) -> str:
    parts = [move.new_address, f"{move.new_postal_code} {move.new_city}".strip()]
    return ", ".join(p for p in parts if p)


def _visible_moves(actor: User | None) -> Any:
    return select(MoveRequest).where(
        col(MoveRequest.product_id).in_(scope.visible_product_ids_subquery(actor))
    )


def _get_visible_move(session: Session, actor: User | None, move_id: Any) -> MoveRequest:
    """A move request the actor may see, after checking the actor may see requests at all.

    Raises:
        PermissionDenied: The actor may not see requests.
        NotFound: The move request is outside the actor's scope.
    """
    scope.require_role(actor, *LIST_ROLES)
    return scope.load_visible(session, _visible_moves(actor), col(MoveRequest.id), move_id)


def _status_filter(status: Any, allowed: tuple[str, ...], groups: dict[str, tuple[str, ...]]):
    """A whitelisted status filter as a tuple of statuses, or None for all."""
    if not isinstance(status, str) or not status:
        return None
    if status in groups:
        return groups[status]
    if status in allowed:
        return (status,)
    return None


def list_moves(
    *,
    session: Session,
    actor: User | None,
    status: Any = None,
    page: Any = 1,
    page_size: Any = DEFAULT_PAGE_SIZE,
) -> Page:
    """The move requests of the products the actor sees (agents: all), newest first.

    Args:
        session: The database session.
        actor: An administrator, device manager or provider agent.
        status: One of ``MOVE_STATUSES``, or ``"open"`` (requested or scheduled);
            anything else lists every status.
        page: The page wanted (clamped to the range).
        page_size: Rows per page (one of ``PAGE_SIZES``).

    Returns:
        A page of rows with id, created, serial, product_id, model,
        organisation, new_address, new_city, desired_date, status, status_key
        and created_by.

    Raises:
        PermissionDenied: The actor may not see requests.
    """
    scope.require_role(actor, *LIST_ROLES)
    moves = _visible_moves(actor)
    statuses = _status_filter(status, MOVE_STATUSES, {"open": OPEN_MOVE_STATUSES})
    if statuses:
        moves = moves.where(col(MoveRequest.status).in_(statuses))
    sub = moves.subquery("visible_move")
    query = (
        select(sub.c.id, Product, ProductModel, Organisation, User)
        .select_from(sub)
        .join(Product, col(Product.id) == sub.c.product_id)
        .join(ProductModel, col(ProductModel.id) == col(Product.model_id))
        .join(Account, col(Account.id) == col(Product.account_id))
        .join(Organisation, col(Organisation.id) == col(Account.organisation_id))
    )
    result, total, number, pages = _newest_page(session, MoveRequest, sub, query, page, page_size)
    rows = []
    for move, product, model, org, creator in result:
        rows.append(
            {
                "id": str(move.id),
                "created": day_text(move.created_at),
                "serial": product.serial,
                "product_id": str(product.id),
                "model": model.name,
                "organisation": org.name,
                "new_address": move.new_address,
                "new_city": move.new_city,
                "desired_date": day_text(move.desired_date),
                "status": move.status,
                "status_key": f"move.status.{move.status}",
                "created_by": display_name(creator),
            }
        )
    return Page(rows=rows, total=total, page=number, pages=pages)


def move_transitions(actor: User | None, move: MoveRequest) -> list[str]:
    """The statuses ``actor`` may set on ``move`` now (empty for none)."""
    if not scope.is_active(actor):
        return []
    if actor.has_role(Role.AGENT):
        return list(MOVE_TRANSITIONS.get(move.status, ()))
    if actor.has_role(*CUSTOMER_ROLES) and move.status in OPEN_MOVE_STATUSES:
        return [CANCELLED]
    return []


def move_history(*, session: Session, actor: User | None, move_id: Any) -> list[dict[str, str]]:
    """The status changes of a move request, oldest first.

    Returns:
        Rows with date, who, from_status/from_key, to_status/to_key, note and
        scheduled_for (the creation has no from status).

    Raises:
        PermissionDenied: The actor may not see requests.
        NotFound: The move request is outside the actor's scope.
    """
    move = _get_visible_move(session, actor, move_id)
    return _history(session, MOVE_OBJECT, move.id)


def move_detail(*, session: Session, actor: User | None, move_id: Any) -> dict[str, Any]:
    """One move request with its product, history and what the actor may do with it.

    Returns:
        A dict of the move's fields as text (id, status, status_key, serial,
        product_id, model, organisation, current_address, new_address,
        new_postal_code, new_city, new_floor, new_room, desired_date,
        contact_name, contact_phone, notes, created, created_by, scheduled_for),
        plus ``history`` (see ``move_history``) and ``transitions`` (statuses
        the actor may set).

    Raises:
        PermissionDenied: The actor may not see requests.
        NotFound: The move request is outside the actor's scope.
    """
    move = _get_visible_move(session, actor, move_id)
    product = session.get(Product, move.product_id)
    model = session.get(ProductModel, product.model_id)
    location = session.get(Location, product.location_id)
    account = session.get(Account, product.account_id)
    organisation = session.get(Organisation, account.organisation_id)
    creator = session.get(User, move.created_by_id) if move.created_by_id else None
    history = _history(session, MOVE_OBJECT, move.id)
    scheduled_for = ""
    for entry in history:
        if entry["to_status"] == SCHEDULED and entry["scheduled_for"]:
            scheduled_for = entry["scheduled_for"]
    current = ", ".join(
        p for p in (location.address, f"{location.postal_code} {location.city}".strip()) if p
    )
    return {
        "id": str(move.id),
        "status": move.status,
        "status_key": f"move.status.{move.status}",
        "serial": product.serial,
        "product_id": str(product.id),
        "model": model.name,
        "organisation": organisation.name,
        "current_address": current,
        "new_address": move.new_address,
        "new_postal_code": move.new_postal_code,
        "new_city": move.new_city,
        "new_floor": move.new_floor,
        "new_room": move.new_room,
        "desired_date": day_text(move.desired_date),
        "contact_name": move.contact_name,
        "contact_phone": move.contact_phone,
        "notes": move.notes,
        "created": stamp(move.created_at),
        "created_by": display_name(creator),
        "scheduled_for": scheduled_for,
        "history": history,
        "transitions": move_transitions(actor, move),
    }


def _relocate(
    session: Session, actor: User, move: MoveRequest, product: Product, now: datetime
) -> None:
    """Write the move's new address into the product's location (its own copy if shared)."""
    location = session.get(Location, product.location_id)
    fields = {
        "address": move.new_address,
        "postal_code": move.new_postal_code,
        "city": move.new_city,
        "floor": move.new_floor,
        "room": move.new_room,
    }
    old = {name: getattr(location, name) for name in fields}
    new = dict(fields)
    sharers = session.exec(
        select(sa.func.count(col(Product.id))).where(col(Product.location_id) == location.id)
    ).one()
    if sharers > 1:
        copy = Location(
            organisation_id=location.organisation_id,
            site=location.site,
            address=location.address,
            postal_code=location.postal_code,
            city=location.city,
            floor=location.floor,
            room=location.room,
            contact_name=location.contact_name,
            contact_phone=location.contact_phone,
        )
        session.add(copy)
        session.flush()
        old["location_id"], new["location_id"] = location.id, copy.id
        product.location_id = copy.id
        session.add(product)
        location = copy
    for name, value in fields.items():
        setattr(location, name, value)
    session.add(location)
    session.flush()
    new["move_request_id"] = move.id
    audit.record(
        session=session,
        actor=actor,
        action="product.location_updated",
        object_type="product",
        object_id=product.id,
        old=old,
        new=new,
        organisation_id=location.organisation_id,
        now=now,
    )


def transition_move(
    *,
    session: Session,
    actor: User | None,
    move_id: Any,
    to_status: Any,
    note: Any = "",
    scheduled_for: date | str | None = None,
    now: datetime | None = None,
) -> MoveRequest:
    """Move a request to its next status; agents may do every step, customers only cancel.

    Scheduling keeps the date the move is planned for (``scheduled_for``,
    default the desired date) in the history. Completing it writes the new
    address into the product's location, with its own audit entry.

    Args:
        session: The database session (the caller commits).
        actor: A provider agent, or a customer who sees the product (cancel only).
        move_id: The move request's id as the browser sent it.
        to_status: The wanted status.
        note: An optional note for the history (up to 2000 characters).
        scheduled_for: The planned date when scheduling (not in the past).
        now: The time of the change (defaults to the portal clock).

    Returns:
        The move request, changed.

    Raises:
        PermissionDenied: The actor may not see requests, or a customer asked
            for anything but cancelling.
        NotFound: The move request is outside the actor's scope.
        ValidationFailed: ``status`` when the step is not allowed from the
            current status; ``scheduled_for`` for a bad date; ``note`` when too long.
    """
    move = _get_visible_move(session, actor, move_id)
    target = to_status if isinstance(to_status, str) else ""
    if not actor.has_role(Role.AGENT) and target != CANCELLED:
        raise PermissionDenied(scope.PERMISSION_DENIED)
    if target not in move_transitions(actor, move):
        raise ValidationFailed({"status": TRANSITION_INVALID})

    errors: dict[str, str] = {}
    text = clean_block(_as_text(note))
    check_text(errors, "note", text, 2000, required=False)
    planned: date | None = None
    if target == SCHEDULED:
        today = _today(now)
        if isinstance(scheduled_for, date):
            planned = scheduled_for
        elif isinstance(scheduled_for, str) and scheduled_for.strip():
            planned = _parse_date(scheduled_for)
            if planned is None:
                errors["scheduled_for"] = DATE_INVALID
        else:
            # No date given: the customer's wish, or today if that day has passed.
            planned = max(move.desired_date, today)
        if planned is not None and planned < today:
            errors["scheduled_for"] = DATE_PAST
        elif planned is not None and planned > today + timedelta(days=MAX_DAYS_AHEAD):
            errors["scheduled_for"] = DATE_TOO_FAR
    if errors:
        raise ValidationFailed(errors)

    changed_at = now or clock.now()
    product = session.get(Product, move.product_id)
    old_status = move.status
    move.status = target
    session.add(move)
    session.flush()
    new: dict[str, Any] = {"status": target, "note": text}
    if planned is not None:
        new["scheduled_for"] = planned
    organisation_id = organisation_of_product(session, product.id)
    audit.record(
        session=session,
        actor=actor,
        action="move_request.status_changed",
        object_type=MOVE_OBJECT,
        object_id=move.id,
        old={"status": old_status},
        new=new,
        organisation_id=organisation_id,
        now=changed_at,
    )
    if target == COMPLETED:
        _relocate(session, actor, move, product, changed_at)
    summary = text or (planned.isoformat() if planned else _move_summary(move))
    _notify_creator(
        session,
        actor,
        move,
        organisation_id=organisation_id,
        serial=product.serial,
        summary=summary,
        now=now,
    )
    return move


# --- Other requests (SPEC C6) ----------------------------------------------------------


def clean_kind(kind: Any) -> str:
    """A request kind from the browser, or ''."""
    return kind if isinstance(kind, str) and kind in INQUIRY_KINDS else ""


def create_inquiry(
    *,
    session: Session,
    actor: User | None,
    kind: Any,
    data: InquiryCreate,
    now: datetime | None = None,
) -> Inquiry:
    """Send an account inquiry, suggestion, online-service request or e-snapshot inquiry.

    Per kind: an account inquiry needs a visible account, a subject and a text;
    a suggestion a subject and a text; an online-service request and an
    e-snapshot inquiry a visible product and a text (the subject is optional;
    an online-service request may say when suits for the remote session).

    Args:
        session: The database session (the caller commits).
        actor: An administrator or device manager.
        kind: One of ``INQUIRY_KINDS``.
        data: The form as typed.
        now: The time of the request (defaults to the portal clock).

    Returns:
        The new request, status Open.

    Raises:
        PermissionDenied: The actor is not an active administrator or device manager.
        NotFound: Unknown kind, or the account or product is outside the actor's scope.
        ValidationFailed: Per field (account_id, product_id, subject, text,
            preferred_time): missing or too long.
    """
    scope.require_role(actor, *CUSTOMER_ROLES)
    kind = clean_kind(kind)
    if not kind:
        raise NotFound(scope.NOT_FOUND)
    subject = clean_line(data.subject)
    text = clean_block(data.text)
    preferred_time = clean_line(data.preferred_time) if kind == ONLINE_SERVICE else ""
    errors: dict[str, str] = {}
    check_text(errors, "subject", subject, 200, required=kind in (ACCOUNT_INQUIRY, SUGGESTION))
    check_text(errors, "text", text, 4000, required=True)
    check_text(errors, "preferred_time", preferred_time, 200, required=False)

    account = product = None
    if kind == ACCOUNT_INQUIRY:
        if data.account_id in (None, "", 0):
            errors["account_id"] = REQUIRED
        else:
            account = scope.get_visible_account(
                session=session, actor=actor, account_id=data.account_id
            )
    if kind in PRODUCT_KINDS:
        if data.product_id in (None, "", 0):
            errors["product_id"] = REQUIRED
        else:
            product = scope.get_visible_product(
                session=session, actor=actor, product_id=data.product_id
            )
    if errors:
        raise ValidationFailed(errors)

    created_at = now or clock.now()
    inquiry = Inquiry(
        organisation_id=actor.organisation_id,
        kind=kind,
        account_id=account.id if account else None,
        product_id=product.id if product else None,
        subject=subject,
        text=text,
        status=OPEN,
        created_by_id=actor.id,
        created_at=created_at,
    )
    session.add(inquiry)
    session.flush()
    new = {
        "status": OPEN,
        "kind": kind,
        "account_id": inquiry.account_id,
        "product_id": inquiry.product_id,
        "subject": subject,
    }
    if preferred_time:
        new["preferred_time"] = preferred_time
    audit.record(
        session=session,
        actor=actor,
        action="inquiry.created",
        object_type=INQUIRY_OBJECT,
        object_id=inquiry.id,
        new=new,
        organisation_id=inquiry.organisation_id,
        now=created_at,
    )
    _notify_creator(
        session,
        actor,
        inquiry,
        organisation_id=inquiry.organisation_id,
        serial=product.serial if product else "",
        summary=subject or _first_line(text),
        now=now,
    )
    return inquiry


def _inquiry_filter(actor: User) -> sa.ColumnElement[bool]:
    if actor.has_role(Role.AGENT):
        return sa.true()
    if actor.organisation_id is None:
        return sa.false()
    same_organisation = col(Inquiry.organisation_id) == actor.organisation_id
    if actor.has_role(Role.ADMINISTRATOR):
        return same_organisation
    return sa.and_(
        same_organisation,
        sa.or_(
            col(Inquiry.created_by_id) == actor.id,
            col(Inquiry.product_id).in_(scope.visible_product_ids_subquery(actor)),
        ),
    )


def _get_visible_inquiry(
    session: Session, actor: User | None, inquiry_id: Any, roles: tuple[str, ...] = LIST_ROLES
) -> Inquiry:
    """A request the actor may see, after checking the actor holds one of ``roles``.

    Raises:
        PermissionDenied: The actor does not hold one of ``roles``.
        NotFound: The request is outside the actor's scope.
    """
    scope.require_role(actor, *roles)
    visible = select(Inquiry).where(_inquiry_filter(actor))
    return scope.load_visible(session, visible, col(Inquiry.id), inquiry_id)


def list_inquiries(
    *,
    session: Session,
    actor: User | None,
    kind: Any = None,
    status: Any = None,
    page: Any = 1,
    page_size: Any = DEFAULT_PAGE_SIZE,
) -> Page:
    """The other requests the actor may see, newest first.

    Administrators see their organisation's; device managers their own and
    those about products in their scope; provider agents every one.

    Args:
        session: The database session.
        actor: An administrator, device manager or provider agent.
        kind: One of ``INQUIRY_KINDS``, or anything else for all kinds.
        status: One of ``INQUIRY_STATUSES``, ``"active"`` (open or answered),
            or anything else for all.
        page: The page wanted (clamped to the range).
        page_size: Rows per page (one of ``PAGE_SIZES``).

    Returns:
        A page of rows with id, kind, kind_key, created, subject, serial,
        account, organisation, status, status_key and created_by.

    Raises:
        PermissionDenied: The actor may not see requests.
    """
    scope.require_role(actor, *LIST_ROLES)
    query = select(Inquiry).where(_inquiry_filter(actor))
    kind = clean_kind(kind)
    if kind:
        query = query.where(col(Inquiry.kind) == kind)
    statuses = _status_filter(status, INQUIRY_STATUSES, {"active": (OPEN, ANSWERED)})
    if statuses:
        query = query.where(col(Inquiry.status).in_(statuses))
    sub = query.subquery("visible_inquiry")
    listing = (
        select(sub.c.id, Organisation, Product, Account, User)
        .select_from(sub)
        .join(Organisation, col(Organisation.id) == sub.c.organisation_id)
        .join(Product, col(Product.id) == sub.c.product_id, isouter=True)
        .join(Account, col(Account.id) == sub.c.account_id, isouter=True)
    )
    result, total, number, pages = _newest_page(session, Inquiry, sub, listing, page, page_size)
    rows = []
    for inquiry, org, product, account, creator in result:
        rows.append(
            {
                "id": str(inquiry.id),
                "kind": inquiry.kind,
                "kind_key": f"request.kind.{clean_kind(inquiry.kind) or SUGGESTION}",
                "created": day_text(inquiry.created_at),
                "subject": inquiry.subject or _first_line(inquiry.text, 80),
                "serial": product.serial if product else "",
                "account": account.number if account else "",
                "organisation": org.name,
                "status": inquiry.status,
                "status_key": f"request.status.{inquiry.status}",
                "created_by": display_name(creator),
            }
        )
    return Page(rows=rows, total=total, page=number, pages=pages)


def inquiry_actions(actor: User | None, inquiry: Inquiry) -> dict[str, bool]:
    """Whether ``actor`` may answer and close ``inquiry`` now."""
    if not scope.is_active(actor) or inquiry.status == CLOSED:
        return {"can_answer": False, "can_close": False}
    agent = actor.has_role(Role.AGENT)
    return {
        "can_answer": agent,
        "can_close": agent or actor.has_role(*CUSTOMER_ROLES),
    }


def inquiry_detail(*, session: Session, actor: User | None, inquiry_id: Any) -> dict[str, Any]:
    """One request with its history and what the actor may do with it.

    Returns:
        A dict with id, kind, kind_key, status, status_key, subject, text,
        serial, product_id, account, organisation, created, created_by,
        preferred_time, ``history`` (date, who, from/to status, note — an
        agent's answer is the note of its entry), can_answer and can_close.

    Raises:
        PermissionDenied: The actor may not see requests.
        NotFound: The request is outside the actor's scope.
    """
    inquiry = _get_visible_inquiry(session, actor, inquiry_id)
    product = session.get(Product, inquiry.product_id) if inquiry.product_id else None
    account = session.get(Account, inquiry.account_id) if inquiry.account_id else None
    organisation = session.get(Organisation, inquiry.organisation_id)
    creator = session.get(User, inquiry.created_by_id) if inquiry.created_by_id else None
    history = _history(session, INQUIRY_OBJECT, inquiry.id)
    preferred_time = next((h["preferred_time"] for h in history if h["preferred_time"]), "")
    return {
        "id": str(inquiry.id),
        "kind": inquiry.kind,
        "kind_key": f"request.kind.{clean_kind(inquiry.kind) or SUGGESTION}",
        "status": inquiry.status,
        "status_key": f"request.status.{inquiry.status}",
        "subject": inquiry.subject,
        "text": inquiry.text,
        "serial": product.serial if product else "",
        "product_id": str(product.id) if product else "",
        "account": f"{account.number} – {account.name}" if account else "",
        "organisation": organisation.name if organisation else "",
        "created": stamp(inquiry.created_at),
        "created_by": display_name(creator),
        "preferred_time": preferred_time,
        "history": history,
        **inquiry_actions(actor, inquiry),
    }


def _change_inquiry(
    session: Session,
    actor: User,
    inquiry: Inquiry,
    action: str,
    to_status: str,
    note: str,
    now: datetime | None,
) -> Inquiry:
    """Set an inquiry's status with a note (an agent's answer or a closing note), audit and tell."""
    changed_at = now or clock.now()
    old_status = inquiry.status
    inquiry.status = to_status
    session.add(inquiry)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action=action,
        object_type=INQUIRY_OBJECT,
        object_id=inquiry.id,
        old={"status": old_status},
        new={"status": to_status, "note": note},
        organisation_id=inquiry.organisation_id,
        now=changed_at,
    )
    product = session.get(Product, inquiry.product_id) if inquiry.product_id else None
    _notify_creator(
        session,
        actor,
        inquiry,
        organisation_id=inquiry.organisation_id,
        serial=product.serial if product else "",
        summary=_first_line(note) or inquiry.subject or _first_line(inquiry.text),
        now=now,
    )
    return inquiry


def answer_inquiry(
    *,
    session: Session,
    actor: User | None,
    inquiry_id: Any,
    text: Any,
    now: datetime | None = None,
) -> Inquiry:
    """An agent answers an open (or already answered) request; the answer is e-mailed.

    Raises:
        PermissionDenied: The actor is not a provider agent.
        NotFound: The request does not exist.
        ValidationFailed: ``text`` missing or too long; ``status`` when the
            request is closed.
    """
    inquiry = _get_visible_inquiry(session, actor, inquiry_id, (Role.AGENT,))
    answer = clean_block(_as_text(text))
    errors: dict[str, str] = {}
    check_text(errors, "text", answer, 4000, required=True)
    if inquiry.status not in (OPEN, ANSWERED):
        errors = {"status": TRANSITION_INVALID}
    if errors:
        raise ValidationFailed(errors)
    return _change_inquiry(session, actor, inquiry, "inquiry.answered", ANSWERED, answer, now)


def close_inquiry(
    *,
    session: Session,
    actor: User | None,
    inquiry_id: Any,
    note: Any = "",
    now: datetime | None = None,
) -> Inquiry:
    """Close an open or answered request (its customer or a provider agent).

    Raises:
        PermissionDenied: The actor may not see requests.
        NotFound: The request is outside the actor's scope.
        ValidationFailed: ``status`` when already closed; ``note`` when too long.
    """
    inquiry = _get_visible_inquiry(session, actor, inquiry_id)
    text = clean_block(_as_text(note))
    if not inquiry_actions(actor, inquiry)["can_close"]:
        raise ValidationFailed({"status": TRANSITION_INVALID})
    if len(text) > 2000:
        raise ValidationFailed({"note": TOO_LONG})
    return _change_inquiry(session, actor, inquiry, "inquiry.status_changed", CLOSED, text, now)


def transition_inquiry(
    *,
    session: Session,
    actor: User | None,
    inquiry_id: Any,
    to_status: Any,
    note: Any = "",
    now: datetime | None = None,
) -> Inquiry:
    """Set a request's status: ``answered`` (agents, ``note`` is the answer) or ``closed``.

    Raises:
        PermissionDenied: See ``answer_inquiry`` and ``close_inquiry``.
        NotFound: The request is outside the actor's scope.
        ValidationFailed: ``status`` for any other target or a step not allowed now.
    """
    if to_status == ANSWERED:
        return answer_inquiry(
            session=session, actor=actor, inquiry_id=inquiry_id, text=note, now=now
        )
    if to_status == CLOSED:
        return close_inquiry(
            session=session, actor=actor, inquiry_id=inquiry_id, note=note, now=now
        )
    _get_visible_inquiry(session, actor, inquiry_id)
    raise ValidationFailed({"status": TRANSITION_INVALID})
