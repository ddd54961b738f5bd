"""The daily digest: one e-mail per user with the alerts held for it (SPEC E2).

``notify`` stores a ``DigestItem`` for every alert a user wants in their
digest. Once a day, after ``hour_utc``, one worker sends each such user one
``digest`` e-mail listing all their unsent items and marks the items sent.
"Once a day" holds with several workers: the run for a date is guarded by the
job lease ``digest:<YYYY-MM-DD>``, which is taken once and never released, so
any other worker (or a second try the same day) finds it taken.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from portal import clock
from portal.models import DigestItem, JobLock, User, UserStatus
from portal.services import jobs, mail
from portal.settings import Settings

logger = logging.getLogger("portal.digest")

LEASE_SECONDS = 26 * 3600
"""Longer than a day, so a date's lease outlives every check made on that date."""
KEEP_LEASES = timedelta(days=7)
"""Finished digest leases older than this are deleted."""


def _default_settings() -> Settings:
    from portal import settings as settings_module

    return settings_module.settings


def send_digests(
    *, engine: sa.Engine, now: datetime | None = None, config: Settings | None = None
) -> int:
    """Send every user their unsent digest items in one e-mail, and mark the items sent.

    Each user is handled in a transaction of their own: the items are claimed
    with a conditional UPDATE (so a concurrent run cannot send them again), the
    e-mail is put in the outbox, and both commit together. Items of users who
    are no longer active or have no address are marked sent without mail. A
    failure for one user is logged and their items wait for the next run.

    Args:
        engine: The database engine.
        now: The current time (default ``clock.now()``); items created after it wait.
        config: Settings for the portal's address and rendering (default: the
            process settings).

    Returns:
        The number of digest e-mails queued.
    """
    now = now or clock.now()
    config = config or _default_settings()
    with Session(engine) as session:
        user_ids = session.exec(
            select(DigestItem.user_id)
            .where(col(DigestItem.sent_at).is_(None), col(DigestItem.created_at) <= now)
            .distinct()
        ).all()

    sent = 0
    for user_id in sorted(user_ids):
        try:
            sent += _send_one(engine, user_id, now, config)
        except Exception:
            logger.exception("digest for user %s failed; its items wait for the next run", user_id)
    return sent


def _send_one(engine: sa.Engine, user_id: int, now: datetime, config: Settings) -> int:
    with Session(engine) as session:
        items = session.exec(
            select(DigestItem)
            .where(
                col(DigestItem.user_id) == user_id,
                col(DigestItem.sent_at).is_(None),
                col(DigestItem.created_at) <= now,
            )
            .order_by(col(DigestItem.created_at), col(DigestItem.id))
        ).all()
        ids = [item.id for item in items]
        if not ids:
            return 0
        claimed = session.execute(
            sa.update(DigestItem)
            .where(col(DigestItem.id).in_(ids), col(DigestItem.sent_at).is_(None))
            .values(sent_at=now)
        )
        if claimed.rowcount != len(ids):
            session.rollback()
            return 0
        user = session.get(User, user_id)
        if user is None or user.status != UserStatus.ACTIVE or not (user.email or "").strip():
            session.commit()
            logger.info("digest items of user %s dropped: no active user to mail", user_id)
            return 0
        mail.enqueue(
            session=session,
            to=user.email,
            template="digest",
            language=user.language,
            context={
                "name": user.first_name,
                "items": [{"summary": item.summary, "link": item.link} for item in items],
                "link": config.base_url + "/",
            },
            now=now,
            config=config,
        )
        session.commit()
        return 1


def lease_name(now: datetime) -> str:
    """The job lease guarding the digest of ``now``'s date (UTC)."""
    return f"digest:{now.date().isoformat()}"


def run_digest_once(
    *,
    engine: sa.Engine,
    holder: str,
    now: datetime | None = None,
    hour_utc: int = 6,
    config: Settings | None = None,
) -> bool:
    """Send today's digests unless it is too early or some worker already did.

    Args:
        engine: The database engine.
        holder: Who runs it (host name and process id).
        now: The current time, UTC (default ``clock.now()``).
        hour_utc: Digests go out from this hour on.
        config: Settings (default: the process settings).

    Returns:
        True when this call ran today's digest.
    """
    now = now or clock.now()
    if now.hour < hour_utc:
        return False
    name = lease_name(now)
    with Session(engine) as session:
        # The holder may renew its own lease: an existing lease means today's run happened.
        if session.get(JobLock, name) is not None:
            return False
    if not jobs.acquire_lease(
        engine=engine, name=name, holder=holder, seconds=LEASE_SECONDS, now=now
    ):
        return False
    count = send_digests(engine=engine, now=now, config=config)
    logger.info("daily digest %s: %d e-mails queued by %s", name, count, holder)
    with engine.begin() as conn:
        conn.execute(
            sa.delete(JobLock).where(
                col(JobLock.name).like("digest:%"), col(JobLock.expires_at) < now - KEEP_LEASES
            )
        )
    return True


def worker_name() -> str:
    """This process as a lease holder: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"[:80]


async def run_daily_digest(hour_utc: int = 6, interval: float = 300.0) -> None:
    """Check every ``interval`` seconds whether today's digest is due; a lifespan task.

    Each check runs in a worker thread; an error is logged and the loop carries on.
    """
    from portal.db import get_engine

    holder = worker_name()
    while True:
        try:
            await asyncio.to_thread(
                run_digest_once, engine=get_engine(), holder=holder, hour_utc=hour_utc
            )
        except Exception:
            logger.exception("daily digest check failed")
        await asyncio.sleep(interval)
