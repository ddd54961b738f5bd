"""Time the dashboards (SPEC X3) on 20,000 products, 200,000 tickets and 1,000,000 readings.

Usage: ``python benchmarks/dashboards.py [--products N] [--tickets N] [--months N] [--runs N]``.

The database is the demo data plus ``seed_large`` with ``--months`` monthly
readings per product (20,000 × 50 = 1,000,000 by default). The SQLite database
lives in PORTAL_BENCH_DATA_DIR (default /tmp/portal-bench-dashboards) and is
reused by later runs; with PORTAL_BENCH_POSTGRES_URL the same data is built
(once) in that PostgreSQL database too and timed as well.

Every dashboard function runs ``--runs`` times, each call in a fresh session as
a request would have, after one warm-up call, for the large organisation's
administrator, the demo provider admin and the large device manager (500
products through a group). Prints p50 and p95 milliseconds per query and
database.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import portal.models  # noqa: E402, F401  (registers the tables)
from portal.db import make_engine  # noqa: E402
from portal.models import MeterReading, Organisation, Ticket, User  # noqa: E402
from portal.seed import LARGE_ORG_NAME, is_empty, seed_demo, seed_large  # noqa: E402
from portal.services import dashboards  # noqa: E402
from portal.services.dashboards import DashboardFilters  # noqa: E402

ACTORS = (
    ("large-admin@demo.example", "large admin"),
    ("provider@demo.example", "provider admin"),
    ("large-manager@demo.example", "device manager"),
)
TARGET_MS = 200.0


def prepare(url: str, *, products: int, tickets: int, months: int) -> None:
    """Create the schema and seed demo + large data unless they are there already."""
    engine = make_engine(url)
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        started = time.perf_counter()
        if is_empty(session):
            seed_demo(session=session, password_hash="benchmark-hash")
            session.commit()
        large = select(Organisation.id).where(Organisation.name == LARGE_ORG_NAME)
        if session.exec(large).first() is None:

            def progress(done: int, total: int, label: str) -> None:
                print(f"\r  {label:<9} {done / max(total, 1):6.1%}", end="", file=sys.stderr)

            seed_large(
                session=session,
                products=products,
                tickets=tickets,
                months=months,
                password_hash="benchmark-hash",
                progress=progress,
            )
            session.commit()
            print(file=sys.stderr)
            if engine.dialect.name == "postgresql":
                # What autovacuum does soon after a bulk load: statistics, and the visibility
                # map that lets index-only scans skip the table.
                with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                    conn.execute(sa.text("VACUUM ANALYZE"))
            print(f"built the database in {time.perf_counter() - started:.1f} s", flush=True)
        else:
            print("reusing the existing database", flush=True)
        # A database built before an index was added gets it now (create_all skips tables).
        for table in (Ticket.__table__, MeterReading.__table__):  # type: ignore[attr-defined]
            for index in table.indexes:
                index.create(session.connection(), checkfirst=True)
        session.commit()
        readings = session.exec(select(sa.func.count()).select_from(MeterReading)).one()
        ticket_count = session.exec(select(sa.func.count()).select_from(Ticket)).one()
        print(f"{ticket_count:,} tickets, {readings:,} readings", flush=True)
    engine.dispose()


def timings(engine: sa.Engine, call: Callable[[Session], object], runs: int) -> list[float]:
    """Milliseconds of ``runs`` calls, each in a fresh session, after one warm-up call."""
    with Session(engine) as session:
        call(session)
    times = []
    for _ in range(runs):
        with Session(engine) as session:
            started = time.perf_counter()
            call(session)
            times.append((time.perf_counter() - started) * 1000)
    return times


def p95(times: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(times)
    return ordered[max(0, -(-len(ordered) * 95 // 100) - 1)]


def cases() -> list[tuple[str, Callable[[Session, User], object]]]:
    """The timed calls: every dashboard over the default 12 months, volume also over 36."""
    year = DashboardFilters()
    longest = DashboardFilters(from_month="2000-01")

    def run(fn: Callable[..., object], filters: DashboardFilters = year, **kw):
        return lambda session, actor: fn(session=session, actor=actor, filters=filters, **kw)

    return [
        ("print_volume (fleet)", run(dashboards.print_volume)),
        ("print_volume (by account)", run(dashboards.print_volume, by="account")),
        ("print_volume (36 months)", run(dashboards.print_volume, longest)),
        ("tickets_per_month", run(dashboards.tickets_per_month)),
        ("time_to_resolve", run(dashboards.time_to_resolve)),
        ("sla_compliance", run(dashboards.sla_compliance)),
        ("top_devices", run(dashboards.top_devices)),
    ]


def bench(url: str, runs: int) -> list[str]:
    """Time every case for every actor on one database; return the queries over target."""
    engine = make_engine(url)
    with Session(engine) as session:
        users = {
            u.email: u
            for u in session.exec(select(User).where(User.email.in_([e for e, _ in ACTORS])))
        }
        for user in users.values():
            session.expunge(user)
    name = engine.dialect.name
    print(f"\n{name}: p50 / p95 ms over {runs} runs (target p95 < {TARGET_MS:.0f} ms)")
    width = max(len(label) for label, _ in cases()) + 2
    header = "".join(f"{label:>22}" for _, label in ACTORS)
    print(f"{'query':<{width}}{header}")
    slow = []
    for label, call in cases():
        cells = []
        for email, who in ACTORS:
            actor = users[email]
            times = timings(engine, lambda s, call=call, actor=actor: call(s, actor), runs)
            high = p95(times)
            if high >= TARGET_MS:
                slow.append(f"{name} {label} ({who}): p95 {high:.0f} ms")
            cells.append(f"{statistics.median(times):>12.1f} / {high:>7.1f}")
        print(f"{label:<{width}}{''.join(cells)}", flush=True)
    engine.dispose()
    return slow


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=20000)
    parser.add_argument("--tickets", type=int, default=200000)
    parser.add_argument("--months", type=int, default=50)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    directory = Path(os.environ.get("PORTAL_BENCH_DATA_DIR") or "/tmp/portal-bench-dashboards")
    urls = [f"sqlite:///{directory / 'bench.db'}"]
    if os.environ.get("PORTAL_BENCH_POSTGRES_URL"):
        urls.append(os.environ["PORTAL_BENCH_POSTGRES_URL"])
    slow = []
    for url in urls:
        print(f"\n{url.split('://')[0]}:", flush=True)
        prepare(url, products=args.products, tickets=args.tickets, months=args.months)
        slow += bench(url, args.runs)
    print("\nover target:" if slow else "\nevery p95 under target")
    for line in slow:
        print(f"  {line}")


if __name__ == "__main__":
    main()
