"""Named leases so that a periodic job runs once even with several workers.

A worker calls ``acquire_lease`` before a run; only the worker that gets
``True`` does the work. The lease is a ``JobLock`` row: taking over an expired
lease is one conditional UPDATE, creating the first lease is an INSERT whose
primary key lets only one concurrent worker win. Both work the same on SQLite
and PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import col

from portal import clock
from portal.models import JobLock


def acquire_lease(
    *,
    engine: sa.Engine,
    name: str,
    holder: str,
    seconds: float,
    now: datetime | None = None,
) -> bool:
    """Take or renew the lease ``name`` for ``seconds``.

    Args:
        engine: The database engine; the lease is committed at once.
        name: The job's name.
        holder: Who asks (e.g. host name and process id); the current holder
            may renew its own lease before it expires.
        seconds: How long the lease lasts.
        now: The current time (default ``clock.now()``).

    Returns:
        True when ``holder`` now holds the lease, False when someone else does.
    """
    now = now or clock.now()
    expires_at = now + timedelta(seconds=seconds)
    with engine.begin() as conn:
        taken = conn.execute(
            sa.update(JobLock)
            .where(
                col(JobLock.name) == name,
                sa.or_(col(JobLock.expires_at) <= now, col(JobLock.holder) == holder),
            )
            .values(holder=holder, expires_at=expires_at)
        )
        if taken.rowcount == 1:
            return True
    try:
        with engine.begin() as conn:
            conn.execute(sa.insert(JobLock).values(name=name, holder=holder, expires_at=expires_at))
    except sa.exc.IntegrityError:
        return False
    return True


def release_lease(
    *, engine: sa.Engine, name: str, holder: str, now: datetime | None = None
) -> None:
    """Give the lease up early so another worker may take it at once (no-op if not held)."""
    now = now or clock.now()
    with engine.begin() as conn:
        conn.execute(
            sa.update(JobLock)
            .where(col(JobLock.name) == name, col(JobLock.holder) == holder)
            .values(expires_at=now)
        )
