"""The Alembic migrations build exactly the schema the models describe."""

import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import portal.models  # noqa: F401
from portal.db import make_engine, migrate


def test_migrations_match_the_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrated.db'}"
    migrate(url)
    engine = make_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    engine.dispose()
    assert diff == []


def test_migration_0004_keeps_the_newest_of_duplicate_alert_preferences(tmp_path):
    from alembic import command
    from alembic.config import Config

    from portal.db import ROOT

    path = tmp_path / "old.db"
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(cfg, "0003")
    with sqlite3.connect(path) as conn:  # foreign keys are not enforced by plain sqlite3
        conn.executemany(
            "INSERT INTO alertpreference (user_id, event, enabled, not_for_own_actions, digest)"
            " VALUES (?, ?, ?, 0, 0)",
            [(1, "ticket_opened", 1), (1, "ticket_opened", 0), (1, "ticket_closed", 1)],
        )

    migrate(f"sqlite:///{path}")

    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT event, enabled FROM alertpreference ORDER BY event").fetchall()
    assert rows == [("ticket_closed", 1), ("ticket_opened", 0)]
