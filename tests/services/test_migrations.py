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


def test_migration_0006_starts_ticket_changes_at_their_newest_activity(tmp_path):
    from alembic import command
    from alembic.config import Config

    from portal.db import ROOT

    path = tmp_path / "old.db"
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(cfg, "0005")
    with sqlite3.connect(path) as conn:  # foreign keys are not enforced by plain sqlite3
        for ticket_id, number in ((1, "1-1"), (2, "1-2")):
            conn.execute(
                "INSERT INTO ticket (id, number, product_id, ticket_type, error_code, description,"
                " your_reference, contact_name, contact_phone, availability, status, priority,"
                " created_at, paused_seconds, rating_comment)"
                " VALUES (?, ?, 1, 'other', '', '', '', '', '', '', 'new', 'normal',"
                " '2026-01-01 09:00:00.000000', 0, '')",
                (ticket_id, number),
            )
        conn.execute(
            "INSERT INTO ticketactivity (ticket_id, created_at, activity_type, subtype, status,"
            " text, is_resolution, diagnosis, action, parts, counters)"
            " VALUES (1, '2026-01-03 10:00:00.000000', 'Note', '', '', 'x', 0, '', '', '[]', '{}')"
        )

    migrate(f"sqlite:///{path}")

    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT number, updated_at FROM ticket ORDER BY id").fetchall()
    assert [(n, u[:10]) for n, u in rows] == [("1-1", "2026-01-03"), ("1-2", "2026-01-01")]
