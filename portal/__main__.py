"""Command line of the portal: ``python -m portal COMMAND`` (see the list below).

- ``prepare`` brings the schema up to date and, on an empty database with
  PORTAL_DEMO=1, seeds the demo data; it builds the knowledge index when it is
  missing and prints the demo log-ins.
- ``seed`` adds the large benchmark organisation (SPEC G4, scale tests).
- ``migrate`` only applies the Alembic migrations.
- ``reindex`` rebuilds the knowledge index from the database (progress bar).
- ``import FILE`` upserts fleet data from CSV or JSON (SPEC F1; ``--dry-run``).
- ``backup OUT`` writes a portable archive of the database; ``restore IN`` loads one (SPEC G7).
"""

from __future__ import annotations

import argparse
import os
import secrets
import string
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from sqlmodel import select

from portal.db import migrate, session_scope
from portal.models import User
from portal.progress import ProgressBar
from portal.seed import DEMO_LOGINS, is_empty, seed_demo, seed_large
from portal.settings import settings

PASSWORD_FILE = "demo-password.txt"
UNKNOWN_PASSWORD = "(set at first start)"
# No 0/O, 1/l/I: the password is read off a terminal and typed by hand.
_READABLE = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")


def _password_path() -> Path:
    return settings.data_dir / PASSWORD_FILE


def random_password(length: int = 16) -> str:
    """A random password that is easy to read and type, with lower, upper case and digits."""
    while True:
        password = "".join(secrets.choice(_READABLE) for _ in range(length))
        if (
            any(c.islower() for c in password)
            and any(c.isupper() for c in password)
            and any(c.isdigit() for c in password)
        ):
            return password


def _write_password_file(password: str) -> None:
    path = _password_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(password + "\n")
    os.chmod(path, 0o600)  # an existing file keeps its old mode through os.open


def _stored_password() -> str | None:
    try:
        return _password_path().read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _password_for_seeding(*, fresh_database: bool) -> str:
    """The password new demo users get.

    Seeding a fresh database takes PORTAL_DEMO_PASSWORD when set (and drops a
    stale stored password, which would be printed instead), else the stored
    one, else a new random one that is stored. Adding users to a seeded
    database prefers the stored password, so that all demo log-ins share it.
    """
    stored = _stored_password()
    if settings.demo_password and (fresh_database or not stored):
        if stored:
            _password_path().unlink(missing_ok=True)
        return settings.demo_password
    if stored:
        return stored
    password = random_password()
    _write_password_file(password)
    return password


def _password_to_show() -> str:
    return _stored_password() or settings.demo_password or UNKNOWN_PASSWORD


def _hash(password: str) -> str:
    from portal.security import hash_password

    return hash_password(password)


def _demo_present() -> bool:
    with session_scope() as session:
        email = DEMO_LOGINS[0][0]
        return session.exec(select(User.id).where(User.email == email)).first() is not None


def print_demo_logins(password: str, out: TextIO | None = None) -> None:
    """Print the demo log-ins and their password as one clear block."""
    out = out or sys.stdout
    width = max(len(email) for email, _ in DEMO_LOGINS)
    bar = "=" * 72
    lines = [bar, "Demo log-ins (all share one password)", ""]
    lines += [f"  {email.ljust(width)}  {role}" for email, role in DEMO_LOGINS]
    lines += ["", f"  Password: {password}"]
    if password != UNKNOWN_PASSWORD and _stored_password() == password:
        lines.append(f"  (stored in {_password_path()})")
    lines.append(bar)
    print("\n".join(lines), file=out, flush=True)


def prepare() -> None:
    """Migrate, seed the demo data into an empty database when enabled, print the log-ins.

    Run once before the app starts (several workers must not run it at once).
    """
    migrate()
    with session_scope() as session:
        empty = is_empty(session)
    if empty and settings.demo:
        password = _password_for_seeding(fresh_database=True)
        password_hash = _hash(password)
        started = time.monotonic()
        with session_scope() as session:
            summary = seed_demo(session=session, password_hash=password_hash)
        elapsed = time.monotonic() - started
        counts = ", ".join(f"{value} {key}" for key, value in summary.items())
        print(f"Demo data seeded in {elapsed:.1f} s: {counts}", flush=True)
    _build_index_if_missing()
    if _demo_present():
        print_demo_logins(_password_to_show())
    print(f"The portal will answer on {settings.base_url} once it has started.", flush=True)


def _index_progress(bar: ProgressBar):
    def report(done: int, total: int | None) -> None:
        bar(done, total if total is not None else done, "articles")

    return report


def _build_index_if_missing() -> None:
    """Build the knowledge index from the database when it is missing (SPEC D2)."""
    from knowledge_index import IndexBusy
    from portal.db import get_engine
    from portal.services import index_writer

    if not index_writer.needs_build():
        return
    bar = ProgressBar()
    started = time.monotonic()
    try:
        count = index_writer.ensure_index(engine=get_engine(), progress=_index_progress(bar))
    except IndexBusy:
        bar.finish()
        print("Knowledge index: another process is building it.", flush=True)
        return
    bar.finish()
    elapsed = time.monotonic() - started
    print(
        f"Knowledge index built in {elapsed:.1f} s: {count or 0} article translations", flush=True
    )


def reindex() -> int:
    """Rebuild the knowledge index from the database, with a progress bar on stderr.

    Returns:
        The number of article translations indexed.
    """
    from portal.db import get_engine
    from portal.services import index_writer

    bar = ProgressBar()
    started = time.monotonic()
    try:
        count = index_writer.rebuild(engine=get_engine(), progress=_index_progress(bar))
    finally:
        bar.finish()
    elapsed = time.monotonic() - started
    print(f"Knowledge index rebuilt in {elapsed:.1f} s: {count} article translations", flush=True)
    return count


def seed(products: int, tickets: int, months: int) -> dict:
    """Migrate, then add the large benchmark organisation, showing progress on stderr."""
    migrate()
    password = _password_for_seeding(fresh_database=False)
    password_hash = _hash(password)
    bar = ProgressBar()
    started = time.monotonic()
    try:
        with session_scope() as session:
            summary = seed_large(
                session=session,
                products=products,
                tickets=tickets,
                months=months,
                password_hash=password_hash,
                progress=bar,
            )
    finally:
        bar.finish()
    elapsed = time.monotonic() - started
    counts = ", ".join(f"{value} {key}" for key, value in summary.items())
    print(f"Seeded in {elapsed:.1f} s: {counts}")
    print("Log-ins: large-admin@demo.example, large-manager@demo.example")
    print(f"Password: {password}")
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the command; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m portal", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("prepare", help="migrate and seed the demo data into an empty database")
    seed_parser = commands.add_parser("seed", help="add the large benchmark organisation")
    seed_parser.add_argument("--products", type=int, default=20000)
    seed_parser.add_argument("--tickets", type=int, default=200000)
    seed_parser.add_argument("--months", type=int, default=24)
    commands.add_parser("migrate", help="apply the database migrations")
    commands.add_parser("reindex", help="rebuild the knowledge index from the database")
    import_parser = commands.add_parser("import", help="upsert fleet data from a CSV or JSON file")
    import_parser.add_argument("file", type=Path)
    import_parser.add_argument(
        "--dry-run", action="store_true", help="check and report, change nothing"
    )
    backup_parser = commands.add_parser("backup", help="write a portable archive of the database")
    backup_parser.add_argument("out", type=Path)
    restore_parser = commands.add_parser("restore", help="load an archive written by backup")
    restore_parser.add_argument("archive", type=Path)
    restore_parser.add_argument(
        "--force", action="store_true", help="replace the data of a database that is not empty"
    )
    args = parser.parse_args(argv)

    if args.command == "prepare":
        prepare()
    elif args.command == "migrate":
        migrate()
    elif args.command == "reindex":
        from knowledge_index import IndexBusy

        try:
            reindex()
        except IndexBusy as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    elif args.command == "import":
        from portal import fleet_import

        migrate()
        return fleet_import.run(args.file, dry_run=args.dry_run)
    elif args.command == "backup":
        from portal import backup

        return backup.run_backup(args.out)
    elif args.command == "restore":
        from portal import backup

        return backup.run_restore(args.archive, force=args.force)
    elif args.command == "seed":
        if min(args.products, args.tickets, args.months) < 0:
            parser.error("--products, --tickets and --months must not be negative")
        try:
            seed(args.products, args.tickets, args.months)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
