"""Low-toner alerts (SPEC C7): a warning on the product, and the stock managers told once.

Products report their toner levels (``Product.toner_levels``, colour → percent).
A level below the account's ``low_toner_threshold`` (20 % unless the account
says otherwise) is low. The products with a low toner are listed on the Stock
management tab for the people who see them.

Every ``CHECK_INTERVAL`` seconds a lifespan task looks at every product and
tells the people responsible — the active stock managers who have the product
in their scope (assigned directly or through a group), else the organisation's
active administrators — once per product and colour and low episode. "Once"
holds across workers and restarts through the job lease
``low-toner:<product id>:<colour>``: taken when the alert goes out, released
when the level is back at or above the threshold, so the next time it runs low
people are told again. A lease left behind expires after ``LEASE_SECONDS`` (a
reminder for a toner that stays low for two months).

The alert uses the alert preference of consumables orders (event
``order_status``), the consumables notice a user can already switch off.
A product on automatic replenishment also gets an automatic order of that
toner at the start of each episode (``orders.create_automatic_order``).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from portal import clock
from portal.models import (
    Account,
    AlertEvent,
    JobLock,
    Location,
    Product,
    ProductModel,
    Role,
    User,
)
from portal.services import jobs, notify, orders, scope, stock
from portal.services.common import responsible_for
from portal.settings import settings

logger = logging.getLogger("portal.toner")

DEFAULT_THRESHOLD = 20
LEASE_SECONDS = 60 * 24 * 3600
CHECK_INTERVAL = 15 * 60
LEASE_PREFIX = "low-toner:"
_COLOURS = ("black", "cyan", "magenta", "yellow")


def lease_name(product_id: int, colour: str) -> str:
    """The job lease that marks ``colour`` of a product as already reported low."""
    return f"{LEASE_PREFIX}{product_id}:{colour}"[:60]


def _level(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return max(0, min(int(value), 100))
    if isinstance(value, str) and value.strip().isdigit():
        return max(0, min(int(value.strip()), 100))
    return None


def _threshold(account: Account | None) -> int:
    value = account.low_toner_threshold if account is not None else None
    return value if isinstance(value, int) and 0 < value <= 100 else DEFAULT_THRESHOLD


def low_colours(product: Product, threshold: int) -> list[tuple[str, int]]:
    """The colours of ``product`` below ``threshold``, as (colour, level), in toner order."""
    order = {colour: n for n, colour in enumerate(_COLOURS)}
    result = []
    for colour, raw in (product.toner_levels or {}).items():
        level = _level(raw)
        if level is not None and level < threshold:
            result.append((str(colour), level))
    return sorted(result, key=lambda pair: (order.get(pair[0], len(order)), pair[0]))


def low_toner_products(*, session: Session, actor: User | None) -> list[dict[str, Any]]:
    """Products in the actor's scope with a toner below their account's threshold.

    Returns:
        Rows with product_id, serial, model, address, city, threshold,
        auto_replenish and ``toners`` (colour, colour_key, level), by serial.

    Raises:
        PermissionDenied: The actor is not an administrator or stock manager.
    """
    stock.require_stock_role(actor)
    found = session.exec(
        select(Product, Account, ProductModel, Location)
        .join(Account, col(Account.id) == col(Product.account_id))
        .join(ProductModel, col(ProductModel.id) == col(Product.model_id))
        .join(Location, col(Location.id) == col(Product.location_id))
        .where(col(Product.id).in_(scope.visible_product_ids_subquery(actor)))
        .order_by(col(Product.serial))
    ).all()
    rows = []
    for product, account, model, location in found:
        threshold = _threshold(account)
        low = low_colours(product, threshold)
        if not low:
            continue
        rows.append(
            {
                "product_id": product.id,
                "serial": product.serial,
                "model": model.name,
                "address": location.address,
                "city": location.city,
                "threshold": threshold,
                "auto_replenish": product.auto_replenish,
                "toners": [
                    {
                        "colour": colour,
                        "colour_key": f"product.toner.{colour}" if colour in _COLOURS else "",
                        "level": level,
                    }
                    for colour, level in low
                ],
            }
        )
    return rows


def responsible_users(*, session: Session, product: Product) -> list[User]:
    """Who is told about a product's low toner.

    The active stock managers of the product's organisation who have it in
    scope (assigned directly or through a group); when there are none, the
    organisation's active administrators.
    """
    return responsible_for(session=session, product=product, role=Role.STOCK_MANAGER)


def _held_leases(session: Session, now: datetime) -> dict[str, str]:
    """Names → holders of the low-toner leases still in force."""
    rows = session.exec(
        select(JobLock).where(
            col(JobLock.name).like(f"{LEASE_PREFIX}%"), col(JobLock.expires_at) > now
        )
    ).all()
    return {row.name: row.holder for row in rows}


def check_low_toner(*, session: Session, now: datetime | None = None) -> int:
    """Tell the people responsible about toners that have run low since they were last told.

    The leases are taken and released on their own connection (they commit at
    once); the alerts go into ``session``'s transaction. The database is read
    first and the leases changed before anything is written through
    ``session``, so the two never wait for each other. Should the caller's
    transaction fail after a lease was taken, that episode's alert is lost —
    the leases favour "never twice" over "always once".

    Args:
        session: The database session; the caller commits the alerts.
        now: The current time (default ``clock.now()``).

    Returns:
        How many alerts (product and colour) went out.
    """
    now = now or clock.now()
    engine = session.get_bind()
    found = session.exec(
        select(Product, Account)
        .join(Account, col(Account.id) == col(Product.account_id))
        .where(col(Product.status) == "active")
        .order_by(col(Product.id))
    ).all()
    held = _held_leases(session, now)
    holder = f"toner:{uuid.uuid4().hex[:16]}"

    to_tell: list[tuple[Product, str, int]] = []
    for product, account in found:
        threshold = _threshold(account)
        low = dict(low_colours(product, threshold))
        for colour in product.toner_levels or {}:
            name = lease_name(product.id, str(colour))
            if str(colour) in low:
                if name in held:
                    continue
                if jobs.acquire_lease(
                    engine=engine, name=name, holder=holder, seconds=LEASE_SECONDS, now=now
                ):
                    to_tell.append((product, str(colour), low[str(colour)]))
            elif name in held:
                jobs.release_lease(engine=engine, name=name, holder=held[name], now=now)
    # Leases of products whose levels vanished (or colours no longer reported) stay
    # until they expire; they cannot mislead because nothing is low to report.

    told = 0
    for product, colour, level in to_tell:
        # A machine on automatic replenishment gets its toner without anyone asking.
        orders.create_automatic_order(session=session, product=product, colour=colour, now=now)
        recipients = responsible_users(session=session, product=product)
        if not recipients:
            continue
        notify.notify(
            session=session,
            event=AlertEvent.ORDER_STATUS,
            recipients=recipients,
            actor=None,
            template="low_toner",
            context={
                "serial": product.serial,
                "status": colour,
                "level": str(level),
                "link": f"{settings.base_url}/stock/low-toner",
            },
            now=now,
        )
        told += 1
    logger.info("low-toner check: %d alerts", told)
    return told


def _run_once() -> int:
    from portal.db import session_scope

    with session_scope() as session:
        return check_low_toner(session=session)


async def run_low_toner_checks(interval: float = CHECK_INTERVAL) -> None:
    """Check the toner levels every ``interval`` seconds; a lifespan task.

    Each check runs in a worker thread; an error is logged and the loop carries on.
    """
    while True:
        try:
            await asyncio.to_thread(_run_once)
        except Exception:
            logger.exception("low-toner check failed")
        await asyncio.sleep(interval)
