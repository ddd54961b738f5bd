"""The security suite's portal: one production build on SQLite, attacked without a browser.

Run with ``PORTAL_E2E_WEB_DIR`` pointing at a build directory of its own when the
e2e suite runs at the same time (the build bakes its port in).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.e2e.conftest import DEMO_PASSWORD, running_portal

# Columns that a log-in or the portal's own background jobs write while the suite runs;
# anything else that changes is a change an attacker made.
VOLATILE = {
    "usersession": None,  # every log-in opens a session; the tests end them
    "heartbeat": None,
    "joblock": None,
    "outboxmessage": {"attempts", "sent_at", "failed_at", "next_attempt_at", "last_error"},
    "user": {"failed_logins", "locked_until", "password_hash"},
}


@pytest.fixture(scope="session")
def security_portal(tmp_path_factory):
    """The portal with demo data; its URL, database file and server log."""
    data_dir = tmp_path_factory.mktemp("security-portal")
    with running_portal(
        data_dir, extra_env={}, web_dir=os.environ.get("PORTAL_E2E_WEB_DIR")
    ) as url:
        yield SimpleNamespace(
            url=url,
            db_path=data_dir / "portal.db",
            log_path=data_dir / "server.log",
            password=DEMO_PASSWORD,
        )


def query(db_path: Path, sql: str, *args) -> list[tuple]:
    """Rows of one read-only query against the running portal's database."""
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30) as conn:
        return conn.execute(sql, args).fetchall()


def db_snapshot(db_path: Path) -> dict[str, tuple[int, str]]:
    """Per table: row count and a digest of every row (volatile columns left out)."""
    snapshot = {}
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30) as conn:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if not r[0].startswith("sqlite_")
        ]
        for table in tables:
            skip = VOLATILE.get(table, set())
            if table in VOLATILE and skip is None:
                continue
            columns = [
                c[1] for c in conn.execute(f'PRAGMA table_info("{table}")') if c[1] not in skip
            ]
            names = ", ".join(f'"{c}"' for c in columns)
            digest = hashlib.sha256()
            count = 0
            for row in conn.execute(f'SELECT {names} FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
                count += 1
            snapshot[table] = (count, digest.hexdigest())
    return snapshot


def snapshot_diff(before: dict, after: dict) -> list[str]:
    """The tables whose rows differ between two snapshots."""
    return sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))
