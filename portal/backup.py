"""Backup and restore (SPEC G7): a portable archive of the whole database.

The archive is a gzip-compressed tar file with

- ``manifest.json``: the format, when and from which database dialect it was
  written, the Alembic revision of the schema, the non-secret settings it was
  written under, and per table the row count and the SHA-256 of its data file;
- ``tables/<table>.jsonl``: one JSON object per row, tables in foreign-key
  order, rows in primary-key order; dates and times as ISO 8601 text.

The format does not depend on the database, so an archive written from SQLite
loads into PostgreSQL and back. ``restore`` checks every file against the
manifest, refuses an archive whose schema revision this portal does not know
(written by a newer portal), loads all rows in one transaction (nothing
changes when any row fails), brings an archive from an older revision up to
date on the way, and rebuilds the knowledge index.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import sys
import tarfile
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel

import portal.models  # noqa: F401  (registers the tables)
from portal import clock
from portal.settings import settings

FORMAT = 1
MANIFEST = "manifest.json"
TABLE_DIR = "tables"
BATCH = 1000
# Settings that describe the installation an archive came from; secrets never go in.
CHECKED_SETTINGS = ("provider_name", "base_url", "support_email", "mail_from")

Progress = Callable[[int, int, str], None]


class BackupError(Exception):
    """The archive cannot be written or loaded; the message says why and what to do."""


@dataclass(frozen=True)
class RestoreResult:
    """What a restore loaded."""

    revision: str
    rows: int
    tables: int
    articles_indexed: int
    setting_differences: list[str]


def _tables() -> list[sa.Table]:
    return list(SQLModel.metadata.sorted_tables)


def _alembic_config(url: str) -> Any:
    from alembic.config import Config

    from portal.db import ROOT

    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _script_directory(url: str = "sqlite://") -> Any:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config(url))


def head_revision() -> str:
    """The newest schema revision this portal knows."""
    return _script_directory().get_current_head()


def current_revision(engine: sa.Engine) -> str | None:
    """The schema revision of the database, or None when it was never migrated."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def _decoder(column: sa.Column) -> Callable[[Any], Any]:
    kind_of = column.type
    if isinstance(kind_of, sa.types.TypeDecorator):
        kind_of = kind_of.impl_instance
    if isinstance(kind_of, sa.JSON):
        return lambda value: value
    try:
        kind = kind_of.python_type
    except NotImplementedError:
        return lambda value: value
    if kind is datetime:
        return datetime.fromisoformat
    if kind is date:
        return date.fromisoformat
    if kind is time:
        return time.fromisoformat
    if kind is bytes:
        return lambda value: base64.b64decode(value)
    return lambda value: value


def _rows(conn: sa.Connection, table: sa.Table) -> Iterator[dict[str, Any]]:
    query = table.select().order_by(*table.primary_key.columns)
    for row in conn.execution_options(yield_per=BATCH).execute(query).mappings():
        yield {key: _encode(value) for key, value in row.items()}


def _add_file(tar: tarfile.TarFile, name: str, data: bytes, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(mtime)
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def create_backup(engine: sa.Engine, out: Path, *, progress: Progress | None = None) -> dict:
    """Write the whole database to an archive at ``out``.

    The rows are read in one transaction, so the archive is a consistent
    picture even while the portal runs. The file appears only when complete.

    Returns:
        The manifest written into the archive.

    Raises:
        BackupError: The database was never migrated.
    """
    revision = current_revision(engine)
    if revision is None:
        raise BackupError("the database has no schema yet: run `python -m portal migrate` first")
    now = clock.now()
    if revision == head_revision():
        tables = _tables()
    else:  # an older schema: write the tables as they are in the database
        reflected = sa.MetaData()
        reflected.reflect(engine)
        tables = [t for t in reflected.sorted_tables if t.name != "alembic_version"]
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created_at": now.isoformat(),
        "alembic_revision": revision,
        "dialect": engine.dialect.name,
        "settings": {name: getattr(settings, name) for name in CHECKED_SETTINGS},
        "tables": {},
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    try:
        with tarfile.open(partial, "w:gz") as tar, engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
            for done, table in enumerate(tables):
                if progress:
                    progress(done, len(tables), table.name)
                digest = hashlib.sha256()
                buffer = io.BytesIO()
                count = 0
                for row in _rows(conn, table):
                    line = (json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n").encode()
                    digest.update(line)
                    buffer.write(line)
                    count += 1
                _add_file(
                    tar, f"{TABLE_DIR}/{table.name}.jsonl", buffer.getvalue(), now.timestamp()
                )
                manifest["tables"][table.name] = {"rows": count, "sha256": digest.hexdigest()}
            body = json.dumps(manifest, indent=2, sort_keys=True).encode()
            _add_file(tar, MANIFEST, body, now.timestamp())
        if progress:
            progress(len(tables), len(tables), "done")
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


class Archive:
    """An archive opened for reading, its manifest and table files checked."""

    def __init__(self, path: Path) -> None:
        try:
            self._tar = tarfile.open(path, "r:gz")
        except (OSError, tarfile.TarError) as exc:
            raise BackupError(f"{path} is not a portal backup archive ({exc})") from exc
        try:
            self.manifest = json.loads(self._read(MANIFEST))
        except (KeyError, ValueError) as exc:
            raise BackupError(f"{path} has no readable manifest.json: not a portal backup") from exc
        if self.manifest.get("format") != FORMAT:
            raise BackupError(
                f"archive format {self.manifest.get('format')!r} is not supported "
                f"(this portal reads format {FORMAT})"
            )
        self.revision = str(self.manifest.get("alembic_revision") or "")
        self._verify()

    def _read(self, name: str) -> bytes:
        member = self._tar.extractfile(name)
        if member is None:
            raise KeyError(name)
        return member.read()

    def _verify(self) -> None:
        for name, meta in self.manifest.get("tables", {}).items():
            try:
                data = self._read(f"{TABLE_DIR}/{name}.jsonl")
            except KeyError as exc:
                raise BackupError(f"the archive lacks the data of table {name}") from exc
            if hashlib.sha256(data).hexdigest() != meta.get("sha256"):
                raise BackupError(
                    f"the data of table {name} does not match its checksum: "
                    "the archive is damaged or was changed"
                )
            if data.count(b"\n") != meta.get("rows"):
                raise BackupError(f"table {name} holds a different number of rows than recorded")

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """The rows of ``table`` as written (values still encoded)."""
        if table not in self.manifest.get("tables", {}):
            return
        for line in self._read(f"{TABLE_DIR}/{table}.jsonl").splitlines():
            yield json.loads(line)

    def close(self) -> None:
        """Close the file."""
        self._tar.close()


def _has_rows(conn: sa.Connection, tables: Iterable[sa.Table]) -> bool:
    inspector = sa.inspect(conn)
    for table in tables:
        if (
            inspector.has_table(table.name)
            and conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first()
        ):
            return True
    return False


def _load_rows(
    conn: sa.Connection,
    tables: list[sa.Table],
    source: Callable[[sa.Table], Iterator[dict[str, Any]]],
    progress: Progress | None,
) -> int:
    total = 0
    for done, table in enumerate(tables):
        if progress:
            progress(done, len(tables), table.name)
        decoders = {column.name: _decoder(column) for column in table.columns}
        batch: list[dict[str, Any]] = []
        for row in source(table):
            batch.append(
                {
                    key: None if value is None else decoders[key](value)
                    for key, value in row.items()
                    if key in decoders
                }
            )
            if len(batch) >= BATCH:
                conn.execute(table.insert(), batch)
                total += len(batch)
                batch = []
        if batch:
            conn.execute(table.insert(), batch)
            total += len(batch)
    return total


def _reset_sequences(conn: sa.Connection, tables: list[sa.Table]) -> None:
    """After explicit ids, PostgreSQL's sequences must continue above the highest."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        columns = list(table.primary_key.columns)
        if len(columns) != 1 or not isinstance(columns[0].type, sa.Integer):
            continue
        column = columns[0].name
        quote = conn.dialect.identifier_preparer.quote
        sequence = conn.execute(
            sa.text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": quote(table.name), "column": column},
        ).scalar()
        if sequence:
            highest = f"SELECT MAX({quote(column)}) FROM {quote(table.name)}"
            conn.execute(
                sa.text(f"SELECT setval(:seq, COALESCE(({highest}), 0) + 1, false)"),
                {"seq": sequence},
            )


def _stage_older(archive: Archive, workdir: Path) -> sa.Engine:
    """Load an archive from an older schema into a scratch database and migrate it to head."""
    from alembic import command

    from portal.db import make_engine

    url = f"sqlite:///{workdir / 'staging.db'}"
    command.upgrade(_alembic_config(url), archive.revision)
    staging = make_engine(url)
    staged_tables = sa.MetaData()
    staged_tables.reflect(staging)
    with staging.begin() as conn:
        tables = [t for t in staged_tables.sorted_tables if t.name != "alembic_version"]
        _load_rows(conn, tables, lambda table: archive.rows(table.name), None)
    staging.dispose()
    command.upgrade(_alembic_config(url), "head")
    return make_engine(url)


def restore_backup(
    engine: sa.Engine,
    archive_path: Path,
    *,
    force: bool = False,
    index_dir: Path | None = None,
    progress: Progress | None = None,
) -> RestoreResult:
    """Load an archive into the database behind ``engine`` and rebuild the knowledge index.

    Args:
        engine: The target database; migrated to the newest schema first.
        archive_path: An archive written by ``create_backup``.
        force: Replace the data of a database that already holds some.
        index_dir: The knowledge index directory (default: the portal's).

    Raises:
        BackupError: The archive is damaged, comes from a newer portal, or the
            target holds data and ``force`` is not set. Nothing was changed.
    """
    from alembic.util import CommandError

    from portal.db import migrate
    from portal.services import index_writer

    archive = Archive(archive_path)
    try:
        script = _script_directory()
        try:
            known = script.get_revision(archive.revision) is not None
        except CommandError:
            known = False
        if not known:
            raise BackupError(
                f"the archive was made by a newer portal (schema revision {archive.revision!r} "
                f"is unknown here; this portal is at {script.get_current_head()!r}): "
                "upgrade the portal first, then restore"
            )
        tables = _tables()
        with engine.connect() as conn:
            occupied = _has_rows(conn, tables)
        if occupied and not force:
            raise BackupError(
                "the target database already holds data: restore into an empty database, "
                "or pass --force to replace everything in it"
            )
        migrate(engine.url.render_as_string(hide_password=False))
        with tempfile.TemporaryDirectory() as workdir:
            if archive.revision == script.get_current_head():
                staging = None

                def source(table: sa.Table) -> Iterator[dict[str, Any]]:
                    return archive.rows(table.name)
            else:
                staging = _stage_older(archive, Path(workdir))
                staging_conn = staging.connect()

                def source(table: sa.Table) -> Iterator[dict[str, Any]]:
                    return _rows(staging_conn, table)

            try:
                with engine.begin() as conn:
                    for table in reversed(tables):
                        conn.execute(table.delete())
                    rows = _load_rows(conn, tables, source, progress)
                    _reset_sequences(conn, tables)
            finally:
                if staging is not None:
                    staging_conn.close()
                    staging.dispose()
        if progress:
            progress(len(tables), len(tables), "index")
        indexed = index_writer.rebuild(engine=engine, path=index_dir)
        written = archive.manifest.get("settings", {})
        differences = [
            f"{name}: archive {written[name]!r}, here {getattr(settings, name)!r}"
            for name in CHECKED_SETTINGS
            if name in written and written[name] != getattr(settings, name)
        ]
        return RestoreResult(
            revision=script.get_current_head(),
            rows=rows,
            tables=len(tables),
            articles_indexed=indexed,
            setting_differences=differences,
        )
    finally:
        archive.close()


def run_backup(out: Path) -> int:
    """``python -m portal backup OUT``: write the archive, print what it holds."""
    from portal.db import get_engine
    from portal.progress import ProgressBar

    bar = ProgressBar()
    try:
        manifest = create_backup(get_engine(), out, progress=bar)
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        bar.finish()
    rows = sum(meta["rows"] for meta in manifest["tables"].values())
    print(
        f"wrote {out}: {rows} rows in {len(manifest['tables'])} tables, "
        f"schema revision {manifest['alembic_revision']}"
    )
    return 0


def run_restore(archive: Path, *, force: bool = False) -> int:
    """``python -m portal restore IN [--force]``: load the archive, rebuild the index."""
    from sqlalchemy.exc import SQLAlchemyError

    from portal.db import get_engine
    from portal.progress import ProgressBar

    bar = ProgressBar()
    try:
        result = restore_backup(get_engine(), archive, force=force, progress=bar)
    except BackupError as exc:
        print(f"\nerror: {exc}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        print(f"\nerror: the restore failed and changed nothing: {exc}", file=sys.stderr)
        return 1
    finally:
        bar.finish()
    print(
        f"restored {result.rows} rows in {result.tables} tables (schema {result.revision}); "
        f"knowledge index rebuilt with {result.articles_indexed} article translations"
    )
    for difference in result.setting_differences:
        print(f"note: setting differs from the archive's installation: {difference}")
    return 0
