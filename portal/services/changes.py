"""Change feeds for the provider's back office (SPEC F2): tickets and meter readings.

Both feeds page with an opaque cursor. Tickets are ordered by
``(updated_at, id)`` — a ticket changed after it was read comes again later —
and readings by ``id``, since readings are only ever added. A client stores the
``next_cursor`` of its last page and asks from there next time; a page shorter
than the limit means it has caught up for now.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from portal.errors import NotFound, ValidationFailed
from portal.models import (
    Account,
    MeterReading,
    Organisation,
    Product,
    ProductModel,
    Role,
    Ticket,
    TicketActivity,
    User,
    serial_key,
)
from portal.services import scope

FEED_ROLES = (Role.INTEGRATION, Role.AGENT, Role.PROVIDER_ADMIN)
MAX_LIMIT = 500
DEFAULT_LIMIT = 100
CURSOR_INVALID = "api.error.cursor_invalid"
_EPOCH = "1970-01-01T00:00:00+00:00"
LIMIT_INVALID = "api.error.limit_invalid"


@dataclass(frozen=True)
class FeedPage:
    """One page of a feed: its items and where the next page starts."""

    items: list[dict[str, Any]]
    next_cursor: str
    has_more: bool


def _encode(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: Any, kind: str) -> dict[str, Any] | None:
    if cursor is None or cursor == "":
        return None
    if not isinstance(cursor, str) or len(cursor) > 200:
        raise ValidationFailed({"cursor": CURSOR_INVALID})
    try:
        payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise ValidationFailed({"cursor": CURSOR_INVALID}) from None
    if not isinstance(payload, dict) or payload.get("k") != kind:
        raise ValidationFailed({"cursor": CURSOR_INVALID})
    return payload


def _limit(value: Any) -> int:
    if value is None:
        return DEFAULT_LIMIT
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_LIMIT:
        raise ValidationFailed({"limit": LIMIT_INVALID})
    return value


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def _product_refs(session: Session, product_ids: set[int]) -> dict[int, dict[str, Any]]:
    """Serial, model, account number and organisation reference of each product."""
    if not product_ids:
        return {}
    rows = session.exec(
        select(
            Product.id,
            Product.serial,
            ProductModel.name,
            Account.number,
            Organisation.external_ref,
            Organisation.name,
        )
        .join(ProductModel, col(ProductModel.id) == col(Product.model_id))
        .join(Account, col(Account.id) == col(Product.account_id))
        .join(Organisation, col(Organisation.id) == col(Account.organisation_id))
        .where(col(Product.id).in_(product_ids))
    ).all()
    return {
        pid: {
            "serial": serial,
            "model": model,
            "account_number": number,
            "organisation_ref": ref,
            "organisation_name": org_name,
        }
        for pid, serial, model, number, ref, org_name in rows
    }


def ticket_item(ticket: Ticket, refs: dict[str, Any], emails: dict[int, str]) -> dict[str, Any]:
    """A ticket as the API shows it."""
    return {
        "number": ticket.number,
        "status": ticket.status,
        "ticket_type": ticket.ticket_type,
        "priority": ticket.priority,
        "error_code": ticket.error_code,
        "description": ticket.description,
        "your_reference": ticket.your_reference,
        "contact_name": ticket.contact_name,
        "contact_phone": ticket.contact_phone,
        "availability": ticket.availability,
        **refs,
        "created_by": emails.get(ticket.created_by_id or 0),
        "created_at": _iso(ticket.created_at),
        "updated_at": _iso(ticket.updated_at),
        "response_due_at": _iso(ticket.response_due_at),
        "resolution_due_at": _iso(ticket.resolution_due_at),
        "responded_at": _iso(ticket.responded_at),
        "solved_at": _iso(ticket.solved_at),
        "closed_at": _iso(ticket.closed_at),
        "rating": ticket.rating,
    }


def _emails(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.exec(select(User.id, User.email).where(col(User.id).in_(ids))).all()
    return dict(rows)


def tickets_since(
    *, session: Session, actor: User | None, cursor: Any = None, limit: Any = None
) -> FeedPage:
    """Tickets changed after ``cursor`` (all tickets without one), oldest change first.

    Raises:
        PermissionDenied: The actor may not read the feed.
        ValidationFailed: ``cursor`` or ``limit`` invalid.
    """
    actor = scope.require_role(actor, *FEED_ROLES)
    size = _limit(limit)
    position = _decode(cursor, "t")
    query = scope.visible_tickets_query(actor)
    if position is not None:
        try:
            moment = datetime.fromisoformat(position["u"])
            last_id = int(position["i"])
        except (KeyError, TypeError, ValueError):
            raise ValidationFailed({"cursor": CURSOR_INVALID}) from None
        if moment.tzinfo is None:
            raise ValidationFailed({"cursor": CURSOR_INVALID})
        query = query.where(
            sa.or_(
                col(Ticket.updated_at) > moment,
                sa.and_(col(Ticket.updated_at) == moment, col(Ticket.id) > last_id),
            )
        )
    rows = session.exec(
        query.order_by(col(Ticket.updated_at), col(Ticket.id)).limit(size + 1)
    ).all()
    has_more = len(rows) > size
    rows = rows[:size]
    refs = _product_refs(session, {t.product_id for t in rows})
    emails = _emails(session, {t.created_by_id for t in rows if t.created_by_id})
    items = [ticket_item(t, refs.get(t.product_id, {}), emails) for t in rows]
    if rows:
        last = rows[-1]
        next_cursor = _encode({"k": "t", "u": last.updated_at.isoformat(), "i": last.id})
    else:
        next_cursor = cursor or _encode({"k": "t", "u": _EPOCH, "i": 0})
    return FeedPage(items=items, next_cursor=next_cursor, has_more=has_more)


def ticket_with_activities(*, session: Session, actor: User | None, number: Any) -> dict[str, Any]:
    """One ticket by its number, with its whole activity timeline (resolution reports included).

    Raises:
        PermissionDenied: The actor may not read tickets.
        NotFound: No such ticket.
    """
    actor = scope.require_role(actor, *FEED_ROLES)
    ticket = None
    if isinstance(number, str) and 0 < len(number) <= 20:
        ticket = session.exec(
            scope.visible_tickets_query(actor).where(col(Ticket.number) == number.strip())
        ).first()
    if ticket is None:
        raise NotFound(scope.NOT_FOUND)
    activities = session.exec(
        select(TicketActivity)
        .where(col(TicketActivity.ticket_id) == ticket.id)
        .order_by(col(TicketActivity.created_at), col(TicketActivity.id))
    ).all()
    authors = _emails(session, {a.author_id for a in activities if a.author_id})
    refs = _product_refs(session, {ticket.product_id})
    emails = _emails(session, {ticket.created_by_id} if ticket.created_by_id else set())
    item = ticket_item(ticket, refs.get(ticket.product_id, {}), emails)
    item["activities"] = [activity_item(a, authors) for a in activities]
    return item


def activity_item(activity: TicketActivity, authors: dict[int, str]) -> dict[str, Any]:
    """An activity as the API shows it."""
    return {
        "id": activity.id,
        "created_at": _iso(activity.created_at),
        "activity_type": activity.activity_type,
        "subtype": activity.subtype,
        "status": activity.status,
        "text": activity.text,
        "author": authors.get(activity.author_id or 0),
        "is_resolution": activity.is_resolution,
        "diagnosis": activity.diagnosis,
        "action": activity.action,
        "parts": list(activity.parts or []),
        "visit_start": _iso(activity.visit_start),
        "visit_end": _iso(activity.visit_end),
        "counters": dict(activity.counters or {}),
    }


def ticket_id_by_number(*, session: Session, actor: User | None, number: Any) -> int:
    """The id of a visible ticket given its number (the API names tickets by number).

    Raises:
        NotFound: No such ticket in the actor's scope.
    """
    actor = scope.require_active(actor)
    if isinstance(number, str) and 0 < len(number) <= 20:
        found = session.exec(
            scope.visible_tickets_query(actor).where(col(Ticket.number) == number.strip())
        ).first()
        if found is not None:
            return found.id
    raise NotFound(scope.NOT_FOUND)


def readings_since(
    *, session: Session, actor: User | None, cursor: Any = None, limit: Any = None
) -> FeedPage:
    """Meter readings stored after ``cursor`` (all without one), in the order they were stored.

    Raises:
        PermissionDenied: The actor may not read the feed.
        ValidationFailed: ``cursor`` or ``limit`` invalid.
    """
    actor = scope.require_role(actor, *FEED_ROLES)
    size = _limit(limit)
    position = _decode(cursor, "r")
    last_id = 0
    if position is not None:
        try:
            last_id = int(position["i"])
        except (KeyError, TypeError, ValueError):
            raise ValidationFailed({"cursor": CURSOR_INVALID}) from None
    rows = session.exec(
        select(MeterReading)
        .where(col(MeterReading.id) > last_id)
        .where(col(MeterReading.product_id).in_(scope.visible_product_ids_subquery(actor)))
        .order_by(col(MeterReading.id))
        .limit(size + 1)
    ).all()
    has_more = len(rows) > size
    rows = rows[:size]
    refs = _product_refs(session, {r.product_id for r in rows})
    items = [
        {
            "id": r.id,
            "serial": refs.get(r.product_id, {}).get("serial"),
            "account_number": refs.get(r.product_id, {}).get("account_number"),
            "read_on": r.read_on.isoformat(),
            "source": r.source,
            "values": dict(r.values or {}),
            "confirmed_implausible": r.confirmed_implausible,
            "created_at": _iso(r.created_at),
        }
        for r in rows
    ]
    next_id = rows[-1].id if rows else last_id
    return FeedPage(items=items, next_cursor=_encode({"k": "r", "i": next_id}), has_more=has_more)


def product_id_by_serial(*, session: Session, actor: User | None, serial: Any) -> int:
    """The id of a visible product given its serial number (case and spaces ignored).

    Raises:
        NotFound: No such product in the actor's scope.
    """
    actor = scope.require_active(actor)
    if isinstance(serial, str) and 0 < len(serial) <= 60:
        found = session.exec(
            select(Product.id)
            .where(col(Product.serial_key) == serial_key(serial))
            .where(col(Product.id).in_(scope.visible_product_ids_subquery(actor)))
        ).first()
        if found is not None:
            return found
    raise NotFound(scope.NOT_FOUND)
