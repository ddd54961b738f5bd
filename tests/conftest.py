"""Shared fixtures: a fresh database per test (SQLite, or PostgreSQL when
PORTAL_TEST_POSTGRES_URL is set), and a controllable clock."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlmodel import Session, SQLModel

import portal.models  # noqa: F401
from portal.db import make_engine

POSTGRES_URL = os.environ.get("PORTAL_TEST_POSTGRES_URL")


@pytest.fixture
def engine(tmp_path):
    """A fresh, empty schema for one test."""
    if POSTGRES_URL:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        admin = sa.create_engine(POSTGRES_URL)
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        eng = sa.create_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"})
        SQLModel.metadata.create_all(eng)
        yield eng
        eng.dispose()
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    else:
        eng = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
        SQLModel.metadata.create_all(eng)
        yield eng
        eng.dispose()


@pytest.fixture
def session(engine):
    """A session on the fresh database; tests commit as a state handler would."""
    with Session(engine, expire_on_commit=False) as s:
        yield s


class FakeClock:
    """A clock that tests move by hand."""

    def __init__(self, start: datetime):
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta) -> None:
        from datetime import timedelta

        self.current += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    """Patch portal.clock.now with a clock starting 2026-03-02 09:00 UTC."""
    fake = FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    monkeypatch.setattr("portal.clock.now", fake)
    return fake


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Log-in and reset rate limits are per process: every test starts with none used."""
    from portal.services import rate_limit

    rate_limit.limiter.reset()
    yield
    rate_limit.limiter.reset()
