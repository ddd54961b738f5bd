"""What /health reports (SPEC G5): database, knowledge index, mail backlog, dispatcher.

Background loops call :func:`beat` after each round; the report calls a loop
stale when its last beat is older than a few of its intervals.
"""

from __future__ import annotations

import os
import socket
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from portal import clock
from portal.models import ArticleTranslation, Heartbeat, OutboxMessage

DISPATCHER = "mail_dispatcher"
DISPATCHER_STALE = timedelta(seconds=60)
BACKLOG_WARN = 500
OLDEST_WARN = timedelta(minutes=30)


def holder() -> str:
    """Who beats: host name and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"[:80]


def beat(*, engine: sa.Engine, name: str, now: datetime | None = None) -> None:
    """Record that the loop ``name`` finished a round (one UPDATE, or INSERT the first time)."""
    now = now or clock.now()
    table = Heartbeat.__table__
    with engine.begin() as conn:
        updated = conn.execute(
            sa.update(table).where(table.c.name == name).values(holder=holder(), beat_at=now)
        )
        if updated.rowcount:
            return
    try:
        with engine.begin() as conn:
            conn.execute(sa.insert(table).values(name=name, holder=holder(), beat_at=now))
    except sa.exc.IntegrityError:
        pass  # another worker inserted it first: its beat is as good as ours


def _database(engine: sa.Engine) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - the report says what went wrong
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "latency_ms": round((time.perf_counter() - started) * 1000, 1)}


def _outbox(session: Session, now: datetime) -> dict[str, Any]:
    waiting = (
        col(OutboxMessage.sent_at).is_(None),
        col(OutboxMessage.failed_at).is_(None),
    )
    backlog = session.exec(select(sa.func.count()).select_from(OutboxMessage).where(*waiting)).one()
    oldest = session.exec(select(sa.func.min(OutboxMessage.created_at)).where(*waiting)).one()
    failed = session.exec(
        select(sa.func.count())
        .select_from(OutboxMessage)
        .where(col(OutboxMessage.failed_at).is_not(None))
    ).one()
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=now.tzinfo)
    age = (now - oldest).total_seconds() if oldest is not None else 0.0
    return {
        "ok": backlog < BACKLOG_WARN and age < OLDEST_WARN.total_seconds(),
        "backlog": backlog,
        "oldest_seconds": round(max(0.0, age)),
        "failed": failed,
    }


def _dispatcher(session: Session, now: datetime) -> dict[str, Any]:
    row = session.get(Heartbeat, DISPATCHER)
    if row is None:
        return {"ok": False, "last_beat_seconds": None}
    beat_at = row.beat_at if row.beat_at.tzinfo else row.beat_at.replace(tzinfo=now.tzinfo)
    age = (now - beat_at).total_seconds()
    return {
        "ok": age <= DISPATCHER_STALE.total_seconds(),
        "last_beat_seconds": round(max(0.0, age)),
        "holder": row.holder,
    }


def _index(session: Session, index_path: Path | None) -> dict[str, Any]:
    from portal.services import index_writer

    try:
        if index_writer.needs_build(index_path):
            return {"ok": False, "error": "missing or never synced"}
        documents = index_writer.open_index(index_path).doc_count()
        synced = index_writer.read_marker(index_path)
    except Exception as exc:  # noqa: BLE001 - the report says what went wrong
        return {"ok": False, "error": type(exc).__name__}
    published = session.exec(
        select(sa.func.count())
        .select_from(ArticleTranslation)
        .where(col(ArticleTranslation.published).is_(True))
    ).one()
    return {
        "ok": True,
        "documents": documents,
        "published": published,
        "synced_at": synced.isoformat() if synced else None,
    }


def report(
    *, engine: sa.Engine, index_path: Path | None = None, now: datetime | None = None
) -> dict[str, Any]:
    """The health report: ``status`` is ``ok``, ``degraded`` (something needs a look) or
    ``failing`` (the database does not answer), with one entry per check."""
    now = now or clock.now()
    checks: dict[str, Any] = {"database": _database(engine)}
    if checks["database"]["ok"]:
        with Session(engine) as session:
            checks["index"] = _index(session, index_path)
            checks["outbox"] = _outbox(session, now)
            checks["dispatcher"] = _dispatcher(session, now)
        status = "ok" if all(c["ok"] for c in checks.values()) else "degraded"
    else:
        status = "failing"
    return {"status": status, "checked_at": now.isoformat(), "checks": checks}
