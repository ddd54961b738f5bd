"""The home page as the user's hub (SPEC B2 start page, X3): what needs doing now.

For the signed-in user, within what they may see: the quick actions their role
allows, the machines whose meter reading is due or overdue, open tickets close
to (or past) their resolution deadline, machines on automatic capture that stopped
reporting, machines low on toner, and the latest ticket activity. Every list is
short (``LIST_LIMIT``) with a count of all, so the page links on to the full list.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from portal import clock, routes
from portal.models import (
    OPEN_TICKET_STATUSES,
    Product,
    Role,
    Ticket,
    TicketActivity,
    User,
)
from portal.services import capture, readings, scope, stock, toner_alerts
from portal.services.common import local_stamp
from portal.services.tickets import DISPLAY_ZONE, type_key

LIST_LIMIT = 5
RECENT_LIMIT = 8
NEAR_DEADLINE = timedelta(hours=24)
# Quick actions in the order the page shows them; which ones a user gets depends on the role.
ACTIONS = ("ticket", "readings", "move", "order", "desk", "knowledge")
_REQUEST_ROLES = (Role.ADMINISTRATOR, Role.DEVICE_MANAGER)
_OPEN = [s.value for s in OPEN_TICKET_STATUSES]


def actions_for(actor: User) -> list[str]:
    """The quick actions ``actor`` may start, in ``ACTIONS`` order."""
    allowed = {"knowledge"}
    if actor.has_role(*_REQUEST_ROLES) and actor.organisation_id is not None:
        allowed |= {"ticket", "move"}
    if readings.may_submit(actor):
        allowed.add("readings")
    if actor.has_role(*stock.STOCK_ROLES) and actor.organisation_id is not None:
        allowed.add("order")
    if actor.has_role(Role.AGENT):
        allowed.add("desk")
    return [action for action in ACTIONS if action in allowed]


def _readings_due(session: Session, actor: User, now: datetime) -> dict[str, Any]:
    if not readings.may_submit(actor):
        return {"count": 0, "rows": []}
    rows: list[dict[str, Any]] = []
    count = 0
    for status in ("overdue", "due"):
        page = readings.due_products(
            session=session,
            actor=actor,
            today=now.date(),
            status_filter=status,
            page_size=LIST_LIMIT,
        )
        count += page.total
        rows += [
            {
                "product_id": row["product_id"],
                "serial": row["serial"],
                "model": row["model"],
                "status": row["status"],
                "status_key": row["status_key"],
                "closes_on": row["closes_on"],
                "href": routes.product_link(row["product_id"]),
            }
            for row in page.rows
        ]
    return {"count": count, "rows": rows[:LIST_LIMIT]}


def _near_deadline(session: Session, actor: User, now: datetime) -> dict[str, Any]:
    due = col(Ticket.resolution_due_at)
    query = scope.visible_tickets_query(actor).where(
        col(Ticket.status).in_(_OPEN),
        col(Ticket.pending_since).is_(None),
        due.is_not(None),
        due < now + NEAR_DEADLINE,
    )
    count = scope.count_rows(session, query)
    found = session.exec(
        select(Ticket, col(Product.serial))
        .join(Product, col(Product.id) == col(Ticket.product_id))
        .where(query.whereclause)
        .order_by(due, col(Ticket.id))
        .limit(LIST_LIMIT)
    ).all()
    link = routes.desk_ticket_link if actor.has_role(Role.AGENT) else routes.ticket_link
    return {
        "count": count,
        "rows": [
            {
                "id": ticket.id,
                "number": ticket.number,
                "serial": serial,
                "type_key": type_key(ticket.ticket_type),
                "due": local_stamp(ticket.resolution_due_at, DISPLAY_ZONE),
                "overdue": ticket.resolution_due_at < now,
                "href": link(ticket.id),
            }
            for ticket, serial in found
        ],
    }


def _not_reporting(session: Session, actor: User, now: datetime) -> dict[str, Any]:
    query = scope.visible_products_query(actor).where(capture.not_reporting_condition(now))
    count = scope.count_rows(session, query)
    found = session.exec(
        query.order_by(capture.silent_since(), col(Product.id)).limit(LIST_LIMIT)
    ).all()
    return {
        "count": count,
        "rows": [
            {
                "product_id": product.id,
                "serial": product.serial,
                "last_contact": local_stamp(product.last_contact_at, DISPLAY_ZONE),
                "href": routes.product_link(product.id),
            }
            for product in found
        ],
    }


def _low_toner(session: Session, actor: User) -> dict[str, Any]:
    if not (actor.has_role(*stock.STOCK_ROLES) and actor.organisation_id is not None):
        return {"count": 0, "rows": []}
    found = toner_alerts.low_toner_products(session=session, actor=actor)
    return {
        "count": len(found),
        "rows": [
            {
                "product_id": row["product_id"],
                "serial": row["serial"],
                "model": row["model"],
                "lowest": min(t["level"] for t in row["toners"]),
                "auto_replenish": row["auto_replenish"],
                "href": routes.product_link(row["product_id"]),
            }
            for row in found[:LIST_LIMIT]
        ],
    }


def _recent(session: Session, actor: User) -> list[dict[str, Any]]:
    visible = scope.visible_tickets_query(actor).with_only_columns(col(Ticket.id))
    found = session.exec(
        select(TicketActivity, Ticket.number, Product.serial)
        .join(Ticket, col(Ticket.id) == col(TicketActivity.ticket_id))
        .join(Product, col(Product.id) == col(Ticket.product_id))
        .where(col(TicketActivity.ticket_id).in_(visible))
        .order_by(col(TicketActivity.created_at).desc(), col(TicketActivity.id).desc())
        .limit(RECENT_LIMIT)
    ).all()
    link = routes.desk_ticket_link if actor.has_role(Role.AGENT) else routes.ticket_link
    return [
        {
            "id": activity.id,
            "date": local_stamp(activity.created_at, DISPLAY_ZONE),
            "number": number,
            "serial": serial,
            "activity_type": activity.activity_type,
            "status_key": f"ticket_status.{activity.status}" if activity.status else "",
            "href": link(activity.ticket_id),
        }
        for activity, number, serial in found
    ]


def home_hub(*, session: Session, actor: User | None, now: datetime | None = None) -> dict:
    """Everything the home page shows for ``actor``.

    Returns:
        ``summary`` (product, open-ticket and account counts), ``actions`` (keys of
        ``ACTIONS``), and ``readings_due``, ``near_deadline``, ``not_reporting``,
        ``low_toner`` (each ``count`` and at most ``LIST_LIMIT`` ``rows`` with an
        ``href``), and ``recent`` (the latest ticket activities).

    Raises:
        PermissionDenied: The user is not active.
    """
    actor = scope.require_active(actor)
    now = now or clock.now()
    return {
        "summary": scope.home_summary(session=session, actor=actor),
        "actions": actions_for(actor),
        "readings_due": _readings_due(session, actor, now),
        "near_deadline": _near_deadline(session, actor, now),
        "not_reporting": _not_reporting(session, actor, now),
        "low_toner": _low_toner(session, actor),
        "recent": _recent(session, actor),
    }
