"""Meter-reading reminders and estimates, run by a daily lifespan task (SPEC C4).

``send_reading_reminders`` e-mails, per alert preference (event
``reading_due``), the people responsible for products whose reading is still
missing, ``REMINDER_DAYS`` (10 and 5) days before the account's current
billing window closes. Responsible are the organisation's active
administrators (for all the account's due products) and the active device
managers to whom a due product is assigned directly or through a group (for
those products). Each reminder goes out once: the job lease
``reading-reminder:<account>:<closes on>:<days>`` is taken first and lasts
longer than a window, so a second call, another worker or a restart finds it
held and sends nothing.

``run_daily_readings_jobs`` runs every ``CHECK_INTERVAL`` seconds: today's
reminders, and the estimates for the windows that closed yesterday (guarded
by the lease ``reading-estimates:<date>``; ``estimate_missing`` is idempotent
too).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import defaultdict
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from portal import clock
from portal.db import session_scope
from portal.models import (
    Account,
    AlertEvent,
    GroupProduct,
    GroupUser,
    MeterReading,
    Product,
    ReadingSource,
    Role,
    User,
    UserProduct,
    UserStatus,
)
from portal.services import jobs, notify, readings
from portal.settings import settings

logger = logging.getLogger("portal.readings")

REMINDER_DAYS = (10, 5)
LEASE_SECONDS = 40 * 24 * 3600
CHECK_INTERVAL = 10 * 60
READINGS_PATH = "/readings"
"""The readings page (``portal.pages.readings.READINGS``), linked from the e-mail."""


def reminder_lease(account_id: int, closes_on: date, days: int) -> str:
    """The lease that marks one reminder of one account's window as sent."""
    return f"reading-reminder:{account_id}:{closes_on.isoformat()}:{days}"


def _due_products(session: Session, account: Account, window: readings.Window) -> list[int]:
    """Manual, active products of the account without a real reading in the window."""
    done = (
        select(MeterReading.id)
        .where(
            col(MeterReading.product_id) == col(Product.id),
            col(MeterReading.source) != ReadingSource.ESTIMATED.value,
            col(MeterReading.read_on) >= window.opens_on,
            col(MeterReading.read_on) <= window.closes_on,
        )
        .exists()
    )
    return list(
        session.exec(
            select(Product.id).where(
                col(Product.account_id) == account.id,
                col(Product.auto_capture).is_(False),
                col(Product.status) == "active",
                ~done,
            )
        ).all()
    )


def _recipients(session: Session, account: Account, product_ids: list[int]) -> dict[int, int]:
    """User id → how many of ``product_ids`` they are responsible for."""
    users = {
        u.id: u
        for u in session.exec(
            select(User).where(
                col(User.organisation_id) == account.organisation_id,
                col(User.status) == UserStatus.ACTIVE.value,
            )
        ).all()
    }
    counts: dict[int, int] = {}
    for user in users.values():
        if user.has_role(Role.ADMINISTRATOR):
            counts[user.id] = len(product_ids)
    direct = session.exec(
        select(col(UserProduct.user_id), col(UserProduct.product_id)).where(
            col(UserProduct.product_id).in_(product_ids)
        )
    ).all()
    via_group = session.exec(
        select(col(GroupUser.user_id), col(GroupProduct.product_id))
        .join(GroupProduct, col(GroupProduct.group_id) == col(GroupUser.group_id))
        .where(col(GroupProduct.product_id).in_(product_ids))
    ).all()
    assigned: dict[int, set[int]] = defaultdict(set)
    for user_id, product_id in [*direct, *via_group]:
        assigned[user_id].add(product_id)
    for user_id, products in assigned.items():
        user = users.get(user_id)
        if user is None or user.id in counts or not user.has_role(Role.DEVICE_MANAGER):
            continue
        counts[user.id] = len(products)
    return counts


def send_reading_reminders(*, engine: sa.Engine, today: date, now: datetime | None = None) -> int:
    """Remind the people responsible for due products 10 and 5 days before a window closes.

    Args:
        engine: The database engine (the leases commit at once; the mails in one
            transaction per account).
        today: The day to remind for; an account is reminded when its current window
            closes exactly 10 or 5 days later.
        now: The current time (default ``clock.now()``).

    Returns:
        How many users were e-mailed or had an item added to their digest.
    """
    now = now or clock.now()
    holder = f"reminders:{uuid.uuid4().hex[:16]}"
    with session_scope(engine) as session:
        accounts = session.exec(select(Account).order_by(col(Account.id))).all()
    sent = 0
    for account in accounts:
        window = readings.billing_window(account=account, today=today)
        days = (window.closes_on - today).days
        if days not in REMINDER_DAYS:
            continue
        with session_scope(engine) as session:
            due = _due_products(session, account, window)
            counts = _recipients(session, account, due) if due else {}
        if not counts:
            continue
        name = reminder_lease(account.id, window.closes_on, days)
        if not jobs.acquire_lease(
            engine=engine, name=name, holder=holder, seconds=LEASE_SECONDS, now=now
        ):
            continue
        try:
            with session_scope(engine) as session:
                for user_id, number in sorted(counts.items()):
                    user = session.get(User, user_id)
                    if user is None or number == 0:
                        continue
                    sent += notify.notify(
                        session=session,
                        event=AlertEvent.READING_DUE,
                        recipients=[user],
                        actor=None,
                        template="reading_due",
                        context={
                            "number": str(number),
                            "summary": (
                                f"{account.name} ({account.number}), "
                                f"{window.opens_on.isoformat()} – {window.closes_on.isoformat()}"
                            ),
                            "link": f"{settings.base_url}{READINGS_PATH}",
                        },
                        now=now,
                    )
        except Exception:
            # Nothing was sent: give the lease back so the next run tries again.
            jobs.release_lease(engine=engine, name=name, holder=holder, now=now)
            raise
    logger.info("reading reminders for %s: %d", today.isoformat(), sent)
    return sent


def run_estimates(*, engine: sa.Engine, today: date, now: datetime | None = None) -> int:
    """Estimate the readings missing from the windows that closed yesterday (once per day)."""
    now = now or clock.now()
    closed_on = today - timedelta(days=1)
    holder = f"estimates:{uuid.uuid4().hex[:16]}"
    name = f"reading-estimates:{closed_on.isoformat()}"
    if not jobs.acquire_lease(
        engine=engine, name=name, holder=holder, seconds=LEASE_SECONDS, now=now
    ):
        return 0
    try:
        with session_scope(engine) as session:
            return readings.estimate_missing(session=session, window_closed_on=closed_on, now=now)
    except Exception:
        jobs.release_lease(engine=engine, name=name, holder=holder, now=now)
        raise


def run_readings_jobs_once(*, engine: sa.Engine, now: datetime | None = None) -> tuple[int, int]:
    """Today's reminders and yesterday's estimates; returns (reminded, estimated)."""
    now = now or clock.now()
    today = now.date()
    return (
        send_reading_reminders(engine=engine, today=today, now=now),
        run_estimates(engine=engine, today=today, now=now),
    )


async def run_daily_readings_jobs(interval: float = CHECK_INTERVAL) -> None:
    """Run the reminders and estimates every ``interval`` seconds; a lifespan task.

    The leases make every run after the first of the day a no-op; an error is
    logged and the loop carries on.
    """
    from portal.db import get_engine

    while True:
        try:
            await asyncio.to_thread(run_readings_jobs_once, engine=get_engine())
        except Exception:
            logger.exception("meter reading jobs failed")
        await asyncio.sleep(interval)
