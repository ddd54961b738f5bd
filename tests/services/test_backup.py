"""Backup and restore (SPEC G7): portable archives, their checks, and a round trip
SQLite → PostgreSQL → SQLite when a PostgreSQL server is configured for the tests."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from portal import backup
from portal.db import make_engine, migrate
from portal.models import ArticleTranslation, Organisation, Product, Ticket
from portal.seed import seed_demo
from portal.services import index_writer

POSTGRES_URL = os.environ.get("PORTAL_TEST_POSTGRES_URL")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _sqlite(tmp_path: Path, name: str) -> sa.Engine:
    return make_engine(f"sqlite:///{tmp_path / name}")


@pytest.fixture
def source(tmp_path):
    """A migrated SQLite database holding the demo data."""
    engine = _sqlite(tmp_path, "source.db")
    migrate(str(engine.url))
    with Session(engine) as session:
        seed_demo(session=session, password_hash="$fake$hash", now=NOW)
        session.commit()
    yield engine
    engine.dispose()


@pytest.fixture
def archive(source, tmp_path) -> Path:
    out = tmp_path / "portal-backup.tar.gz"
    backup.create_backup(source, out)
    return out


def _contents(engine: sa.Engine) -> dict[str, list[tuple]]:
    """Every row of every table, compared as text so both dialects agree (without the
    leases: rebuilding the index after a restore takes one)."""
    data = {}
    with engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            if table.name == "joblock":
                continue
            rows = conn.execute(table.select().order_by(*table.primary_key.columns))
            data[table.name] = [
                tuple(json.dumps(backup._encode(v), sort_keys=True) for v in row) for row in rows
            ]
    return data


def _count(engine: sa.Engine, model) -> int:
    with Session(engine) as session:
        return len(session.exec(select(model)).all())


def _rewrite(archive: Path, out: Path, change) -> Path:
    """Copy an archive, letting ``change(files)`` edit its files, checksums left as they were."""
    files = {}
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar.getmembers():
            files[member.name] = tar.extractfile(member).read()
    change(files)
    with tarfile.open(out, "w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out


def _reseal(files: dict[str, bytes], table: str) -> None:
    """Make the manifest agree with an edited table file (a well-formed but bad archive)."""
    manifest = json.loads(files["manifest.json"])
    data = files[f"tables/{table}.jsonl"]
    manifest["tables"][table] = {
        "rows": data.count(b"\n"),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    files["manifest.json"] = json.dumps(manifest).encode()


def test_the_archive_records_revision_counts_and_settings_but_no_secrets(source, archive):
    with tarfile.open(archive, "r:gz") as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        names = tar.getnames()
    assert manifest["format"] == backup.FORMAT
    assert manifest["alembic_revision"] == backup.head_revision()
    assert manifest["dialect"] == "sqlite"
    assert manifest["tables"]["ticket"]["rows"] == _count(source, Ticket) > 0
    assert f"tables/{SQLModel.metadata.sorted_tables[0].name}.jsonl" in names
    assert set(manifest["settings"]) == set(backup.CHECKED_SETTINGS)
    assert "password" not in json.dumps(manifest["settings"]).lower()


def test_restore_into_an_empty_database_gives_back_every_row_and_the_index(
    source, archive, tmp_path
):
    target = _sqlite(tmp_path, "target.db")
    index_dir = tmp_path / "index"

    result = backup.restore_backup(target, archive, index_dir=index_dir)

    assert _contents(target) == _contents(source)
    assert backup.current_revision(target) == backup.head_revision()
    with Session(target) as session:
        published = session.exec(select(ArticleTranslation)).all()
    assert 0 < result.articles_indexed <= len(published)
    hits = index_writer.open_index(index_dir).search("toner", ["en"])
    assert hits, "the rebuilt index answers searches"
    with Session(target) as session:  # new rows get fresh ids after the restored ones
        session.add(Organisation(name="Added after restore"))
        session.commit()
    target.dispose()


def test_a_damaged_archive_is_refused_and_changes_nothing(archive, tmp_path):
    def flip(files):
        data = files["tables/ticket.jsonl"]
        files["tables/ticket.jsonl"] = data.replace(b'"status": "', b'"status": "x', 1)
        assert files["tables/ticket.jsonl"] != data

    tampered = _rewrite(archive, tmp_path / "tampered.tar.gz", flip)
    target = _sqlite(tmp_path, "target.db")

    with pytest.raises(backup.BackupError, match="checksum"):
        backup.restore_backup(target, tampered, index_dir=tmp_path / "index")
    assert backup.current_revision(target) is None

    not_an_archive = tmp_path / "notes.txt"
    not_an_archive.write_text("hello")
    with pytest.raises(backup.BackupError, match="not a portal backup"):
        backup.restore_backup(target, not_an_archive)


def test_an_archive_from_a_newer_portal_is_refused_with_advice(archive, tmp_path):
    def newer(files):
        manifest = json.loads(files["manifest.json"])
        manifest["alembic_revision"] = "0099_from_the_future"
        files["manifest.json"] = json.dumps(manifest).encode()

    future = _rewrite(archive, tmp_path / "future.tar.gz", newer)
    target = _sqlite(tmp_path, "target.db")

    with pytest.raises(backup.BackupError, match="newer portal.*upgrade the portal first"):
        backup.restore_backup(target, future)
    assert backup.current_revision(target) is None


def test_a_database_with_data_is_only_replaced_with_force(source, archive, tmp_path):
    target = _sqlite(tmp_path, "target.db")
    migrate(str(target.url))
    with Session(target) as session:
        session.add(Organisation(name="Already here"))
        session.commit()

    with pytest.raises(backup.BackupError, match="already holds data.*--force"):
        backup.restore_backup(target, archive, index_dir=tmp_path / "index")
    with Session(target) as session:
        assert [o.name for o in session.exec(select(Organisation))] == ["Already here"]

    backup.restore_backup(target, archive, force=True, index_dir=tmp_path / "index")
    assert _contents(target) == _contents(source)


def test_a_row_that_fails_to_load_rolls_the_whole_restore_back(archive, tmp_path):
    def duplicate_product(files):
        lines = files["tables/product.jsonl"].splitlines(keepends=True)
        files["tables/product.jsonl"] = b"".join(lines + lines[:1])
        _reseal(files, "product")

    broken = _rewrite(archive, tmp_path / "broken.tar.gz", duplicate_product)
    target = _sqlite(tmp_path, "target.db")
    migrate(str(target.url))
    with Session(target) as session:
        session.add(Organisation(name="Keep me"))
        session.commit()

    with pytest.raises(sa.exc.IntegrityError):
        backup.restore_backup(target, broken, force=True, index_dir=tmp_path / "index")

    with Session(target) as session:
        assert [o.name for o in session.exec(select(Organisation))] == ["Keep me"]
        assert session.exec(select(Product)).all() == []


def test_an_archive_from_an_older_schema_is_brought_up_to_date(tmp_path):
    from alembic import command

    old = _sqlite(tmp_path, "old.db")
    command.upgrade(backup._alembic_config(str(old.url)), "0006")
    with old.begin() as conn:
        conn.execute(
            sa.text("INSERT INTO organisation (name, created_at) VALUES ('Old', :t)"), {"t": NOW}
        )
    # the backup is written by this portal's code from a database one revision behind
    out = tmp_path / "old.tar.gz"
    backup.create_backup(old, out)
    target = _sqlite(tmp_path, "target.db")

    backup.restore_backup(target, out, index_dir=tmp_path / "index")

    assert backup.current_revision(target) == backup.head_revision()
    with Session(target) as session:
        assert [o.name for o in session.exec(select(Organisation))] == ["Old"]


def test_the_commands_write_and_load_an_archive(source, tmp_path, monkeypatch, capsys):
    from portal import db

    out = tmp_path / "cli.tar.gz"
    monkeypatch.setattr(db, "get_engine", lambda: source)
    assert backup.run_backup(out) == 0
    assert "rows in" in capsys.readouterr().out
    target = _sqlite(tmp_path, "target.db")
    monkeypatch.setattr(db, "get_engine", lambda: target)
    monkeypatch.setattr(index_writer, "index_dir", lambda: tmp_path / "index")
    assert backup.run_restore(out) == 0
    assert "knowledge index rebuilt" in capsys.readouterr().out
    assert backup.run_restore(out) == 1
    assert "--force" in capsys.readouterr().err


@pytest.mark.skipif(not POSTGRES_URL, reason="PORTAL_TEST_POSTGRES_URL is not set")
def test_round_trip_sqlite_to_postgresql_and_back(source, archive, tmp_path):
    schema = f"r_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = sa.make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    postgres = make_engine(url.render_as_string(hide_password=False))
    try:
        backup.restore_backup(postgres, archive, index_dir=tmp_path / "index-pg")
        assert _contents(postgres) == _contents(source)
        with Session(postgres) as session:  # the sequences continue after the restored ids
            session.add(Organisation(name="Added on PostgreSQL"))
            session.commit()

        second = tmp_path / "from-postgres.tar.gz"
        manifest = backup.create_backup(postgres, second)
        assert manifest["dialect"] == "postgresql"
        back = _sqlite(tmp_path, "back.db")
        backup.restore_backup(back, second, index_dir=tmp_path / "index-back")
        assert _contents(back) == _contents(postgres)
        back.dispose()
    finally:
        postgres.dispose()
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
