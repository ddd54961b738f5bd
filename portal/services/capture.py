"""Automatic capture (SPEC X2): what the meter collector reports besides readings.

Each poll the collector reports a device's status, toner levels and alerts
(:func:`record_contact`). The toner levels feed the low-toner alerts and the
automatic orders (``toner_alerts``); the contact time tells whether a device
on automatic capture still reports. One that has been silent for
:data:`SILENT_AFTER` — counted from its last contact, or from when it was
added if it never reported — is *not reporting*, and its managers are told
once per silent episode (:func:`check_not_reporting`).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from portal import clock, routes
from portal.errors import NotFound, ValidationFailed
from portal.models import (
    AlertEvent,
    JobLock,
    Product,
    Role,
    User,
    serial_key,
)
from portal.services import jobs, notify, scope
from portal.services.common import responsible_for
from portal.settings import settings

logger = logging.getLogger("portal.capture")

SILENT_AFTER = timedelta(days=7)
CHECK_INTERVAL = 3600
LEASE_PREFIX = "not-reporting:"
LEASE_SECONDS = 90 * 24 * 3600
DEVICE_STATUSES = ("running", "warning", "testing", "down", "unknown")
SEVERITIES = ("critical", "warning", "other")
TONER_COLOURS = ("black", "cyan", "magenta", "yellow")
MAX_ALERTS = 20
MAX_CLOCK_SKEW = timedelta(minutes=10)
CONTACT_ROLES = (Role.INTEGRATION,)


def silent_since() -> sa.ColumnElement[Any]:
    """Since when a product has been silent, in SQL: its last contact, else its creation."""
    return sa.func.coalesce(col(Product.last_contact_at), col(Product.created_at))


def not_reporting_condition(now: datetime) -> sa.ColumnElement[bool]:
    """The WHERE clause for active products on automatic capture silent for seven days."""
    return sa.and_(
        col(Product.auto_capture).is_(True),
        col(Product.status) == "active",
        silent_since() < now - SILENT_AFTER,
    )


def silent_too_long(
    *,
    auto_capture: bool,
    status: str,
    last_contact_at: datetime | None,
    created_at: datetime | None,
    now: datetime | None = None,
) -> bool:
    """Whether a product with these columns is not reporting (as ``not_reporting_condition``)."""
    since = last_contact_at or created_at
    return bool(
        auto_capture
        and status == "active"
        and since is not None
        and since < (now or clock.now()) - SILENT_AFTER
    )


def is_not_reporting(product: Product, now: datetime | None = None) -> bool:
    """Whether ``product`` is on automatic capture and silent for seven days or more."""
    return silent_too_long(
        auto_capture=product.auto_capture,
        status=product.status,
        last_contact_at=product.last_contact_at,
        created_at=product.created_at,
        now=now,
    )


def _clean_toner(raw: Any, errors: dict[str, str]) -> dict[str, int]:
    if not isinstance(raw, dict):
        errors["toner"] = "capture.error.toner"
        return {}
    levels: dict[str, int] = {}
    for colour, value in raw.items():
        if (
            colour not in TONER_COLOURS
            or isinstance(value, bool)
            or not isinstance(value, int)
            or not 0 <= value <= 100
        ):
            errors["toner"] = "capture.error.toner"
            continue
        levels[colour] = value
    return levels


def _clean_alerts(raw: Any, errors: dict[str, str]) -> list[dict[str, str]]:
    if not isinstance(raw, list) or len(raw) > MAX_ALERTS:
        errors["alerts"] = "capture.error.alerts"
        return []
    alerts = []
    for item in raw:
        if not isinstance(item, dict):
            errors["alerts"] = "capture.error.alerts"
            continue
        code, severity, text = item.get("code"), item.get("severity"), item.get("description")
        if (
            not isinstance(code, str)
            or not isinstance(text, str)
            or severity not in SEVERITIES
            or len(code) > 40
            or len(text) > 200
        ):
            errors["alerts"] = "capture.error.alerts"
            continue
        alerts.append({"code": code.strip(), "severity": severity, "description": text.strip()})
    return alerts


def record_contact(
    *,
    session: Session,
    actor: User | None,
    serial: Any,
    seen_at: datetime | None,
    status: Any,
    toner: Any,
    alerts: Any,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Store what the collector saw of one device.

    An older report delivered late (from the collector's spool) moves nothing
    back: it only counts as contact when it is newer than the last one.

    Args:
        session: The caller's session.
        actor: An API key's integration user.
        serial: The device's serial number (case and spaces ignored).
        seen_at: When the collector saw it (default now; not in the future).
        status: One of :data:`DEVICE_STATUSES`.
        toner: Colour → percent (0–100) for the colours the device has.
        alerts: Up to 20 ``{"code", "severity", "description"}``.
        now: The current time (default ``clock.now()``).

    Returns:
        serial, last_contact_at, device_status, toner_levels and whether the
        report was newer than what the portal had (``applied``).

    Raises:
        PermissionDenied: The actor is not an integration user.
        NotFound: No such product.
        ValidationFailed: ``seen_at``, ``status``, ``toner`` or ``alerts``.
    """
    actor = scope.require_role(actor, *CONTACT_ROLES)
    now = now or clock.now()
    errors: dict[str, str] = {}
    seen_at = seen_at or now
    if seen_at.tzinfo is None or seen_at > now + MAX_CLOCK_SKEW:
        errors["seen_at"] = "capture.error.seen_at"
    if status not in DEVICE_STATUSES:
        errors["status"] = "capture.error.status"
    levels = _clean_toner(toner, errors)
    clean_alerts = _clean_alerts(alerts, errors)
    product = None
    if isinstance(serial, str) and 0 < len(serial) <= 60:
        product = session.exec(
            scope.visible_products_query(actor).where(col(Product.serial_key) == serial_key(serial))
        ).first()
    if product is None:
        raise NotFound(scope.NOT_FOUND)
    if errors:
        raise ValidationFailed(errors)
    applied = product.last_contact_at is None or seen_at > product.last_contact_at
    if applied:
        product.last_contact_at = seen_at
        product.device_status = status
        product.device_alerts = clean_alerts
        if levels:
            product.toner_levels = {**(product.toner_levels or {}), **levels}
        session.add(product)
        session.flush()
    return {
        "serial": product.serial,
        "last_contact_at": product.last_contact_at.isoformat(),
        "device_status": product.device_status,
        "toner_levels": dict(product.toner_levels or {}),
        "applied": applied,
    }


def lease_name(product_id: int) -> str:
    """The job lease that marks a product's current silence as already told."""
    return f"{LEASE_PREFIX}{product_id}"


def managers_of(*, session: Session, product: Product) -> list[User]:
    """Who is told that a device stopped reporting: its active device managers (directly or
    through a group), else its organisation's active administrators."""
    return responsible_for(session=session, product=product, role=Role.DEVICE_MANAGER)


def check_not_reporting(*, session: Session, now: datetime | None = None) -> int:
    """Tell the managers of devices that went silent, once per silent episode.

    The episode is a job lease per product, taken when the managers are told
    and released at the device's next contact, so one that goes silent again
    is reported again; several workers tell once.

    Returns:
        How many devices were reported.
    """
    now = now or clock.now()
    engine = session.get_bind()
    silent = session.exec(
        select(Product).where(not_reporting_condition(now)).order_by(col(Product.id))
    ).all()
    held = {
        row.name: row.holder
        for row in session.exec(
            select(JobLock).where(
                col(JobLock.name).like(f"{LEASE_PREFIX}%"), col(JobLock.expires_at) > now
            )
        ).all()
    }
    silent_names = {lease_name(p.id) for p in silent}
    for name, holder in held.items():
        if name not in silent_names:
            jobs.release_lease(engine=engine, name=name, holder=holder, now=now)
    holder = f"capture:{uuid.uuid4().hex[:16]}"
    # Every lease is taken before anything is written through ``session``: the leases
    # commit on their own connection, which would wait for the session's write lock.
    to_tell = [
        product
        for product in silent
        if lease_name(product.id) not in held
        and jobs.acquire_lease(
            engine=engine,
            name=lease_name(product.id),
            holder=holder,
            seconds=LEASE_SECONDS,
            now=now,
        )
    ]
    told = 0
    for product in to_tell:
        since = product.last_contact_at or product.created_at
        notify.notify(
            session=session,
            event=AlertEvent.READING_DUE,
            recipients=managers_of(session=session, product=product),
            actor=None,
            template="not_reporting",
            context={
                "serial": product.serial,
                "since": since.date().isoformat(),
                "link": f"{settings.base_url}{routes.product_link(product.id)}",
            },
            now=now,
        )
        told += 1
    if told:
        logger.info("not-reporting check: %d devices reported", told)
    return told


def _run_once() -> int:
    from portal.db import session_scope

    with session_scope() as session:
        return check_not_reporting(session=session)


async def run_not_reporting_checks(interval: float = CHECK_INTERVAL) -> None:
    """Look for silent devices every ``interval`` seconds; a lifespan task."""
    while True:
        try:
            await asyncio.to_thread(_run_once)
        except Exception:
            logger.exception("not-reporting check failed")
        await asyncio.sleep(interval)
