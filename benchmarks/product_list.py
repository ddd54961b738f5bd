"""Time the product list (SPEC B2) on 20,000 products against the 48-product demo fleet.

Usage: ``python benchmarks/product_list.py [--products N] [--tickets N] [--months N] [--runs N]``.

The database is the demo data plus ``seed_large``. With PORTAL_BENCH_DATA_DIR it
lives in that directory and is reused by later runs (seeding 20k products and
200k tickets takes minutes); otherwise in a throw-away directory.
PORTAL_BENCH_DATABASE_URL points at another database instead (e.g. PostgreSQL).

Prints the median milliseconds of ``search_products`` (and the CSV export) for
the large organisation's administrator and for the demo administrator.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlmodel import Session, SQLModel, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import portal.models  # noqa: E402, F401  (registers the tables)
from portal.db import make_engine  # noqa: E402
from portal.models import Organisation, Product, User  # noqa: E402
from portal.seed import LARGE_ORG_NAME, is_empty, seed_demo, seed_large  # noqa: E402
from portal.services.product_search import (  # noqa: E402
    ProductFilters,
    export_products_csv,
    search_products,
)

LARGE_ADMIN = "large-admin@demo.example"
LARGE_MANAGER = "large-manager@demo.example"
DEMO_ADMIN = "admin@demo.example"


def prepare(url: str, *, products: int, tickets: int, months: int) -> None:
    """Create the schema and seed demo + large data unless they are there already."""
    engine = make_engine(url)
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        if is_empty(session):
            started = time.perf_counter()
            seed_demo(session=session, password_hash="benchmark-hash")
            session.commit()
            print(f"seeded demo data in {time.perf_counter() - started:.1f} s", flush=True)
        large = select(Organisation.id).where(Organisation.name == LARGE_ORG_NAME)
        if session.exec(large).first() is None:
            started = time.perf_counter()

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
            print(f"\nseeded large data in {time.perf_counter() - started:.1f} s", flush=True)
    engine.dispose()


def median_ms(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of ``fn`` in milliseconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def cases(session: Session, actor: User) -> list[tuple[str, Callable[[], object]]]:
    """The timed calls for one user: pages, a serial search, sorts, a filter."""
    total = search_products(session=session, actor=actor).total
    last = max(1, -(-total // 25))
    middle = max(1, last // 2)
    # A serial from the middle of the user's list, typed in lower case with a space.
    probe = search_products(session=session, actor=actor, page=middle).rows[0]["serial"]
    typed = f"{probe[:3]} {probe[3:]}".lower()

    def run(**kw) -> Callable[[], object]:
        return lambda: search_products(session=session, actor=actor, **kw)

    return [
        (f"page 1 of {last}", run(page=1)),
        (f"page {middle} (middle)", run(page=middle)),
        (f"page {last} (last)", run(page=last)),
        ("page 1, 100 per page", run(page=1, page_size=100)),
        (f"serial search '{typed}'", run(filters=ProductFilters(serial=typed))),
        ("serial search, no match", run(filters=ProductFilters(serial="nomatch"))),
        ("sort open_tickets desc", run(sort="open_tickets", direction="desc")),
        ("sort open_tickets, last", run(sort="open_tickets", page=last)),
        ("sort model", run(sort="model")),
        ("sort city desc, middle", run(sort="city", direction="desc", page=middle)),
        ("filter city 'sevilla'", run(filters=ProductFilters(city="sevilla"))),
        ("filter alt. name", run(filters=ProductFilters(alternative_name="1"))),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=20000)
    parser.add_argument("--tickets", type=int, default=200000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-export", action="store_true", help="skip timing the CSV export")
    args = parser.parse_args()

    data_dir = os.environ.get("PORTAL_BENCH_DATA_DIR")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(data_dir or tmp)
        directory.mkdir(parents=True, exist_ok=True)
        url = os.environ.get("PORTAL_BENCH_DATABASE_URL") or f"sqlite:///{directory / 'bench.db'}"
        prepare(url, products=args.products, tickets=args.tickets, months=args.months)

        engine = make_engine(url)
        with Session(engine) as session:
            users = {
                u.email: u
                for u in session.exec(
                    select(User).where(User.email.in_([LARGE_ADMIN, LARGE_MANAGER, DEMO_ADMIN]))
                )
            }
            print(
                f"\ndatabase: {url.split('://')[0]}, products in total: "
                f"{len(session.exec(select(Product.id)).all()):,}"
            )
            columns = [(LARGE_ADMIN, "large admin"), (DEMO_ADMIN, "demo admin")]
            counts = {
                email: search_products(session=session, actor=users[email]).total
                for email, _ in columns
            }
            print(
                f"large admin sees {counts[LARGE_ADMIN]:,} products, "
                f"demo admin {counts[DEMO_ADMIN]:,}; median of {args.runs} runs, ms\n"
            )
            results: dict[str, list[tuple[str, float]]] = {}
            for email, _ in columns:
                results[email] = [
                    (label, median_ms(fn, args.runs)) for label, fn in cases(session, users[email])
                ]
            width = max(len(label) for rows in results.values() for label, _ in rows) + 2
            print(f"{'case':<{width}}{'large admin':>14}{'':4}{'case (demo)':<{width}}{'demo':>8}")
            for (label, ms), (demo_label, demo_ms) in zip(
                results[LARGE_ADMIN], results[DEMO_ADMIN], strict=True
            ):
                print(f"{label:<{width}}{ms:>14.1f}{'':4}{demo_label:<{width}}{demo_ms:>8.1f}")
            manager = users.get(LARGE_MANAGER)
            if manager is not None:
                ms = median_ms(lambda: search_products(session=session, actor=manager), args.runs)
                print(f"\nlarge device manager (500 products via a group), page 1: {ms:.1f} ms")
            if not args.no_export:
                for email, name in columns:
                    actor = users[email]
                    started = time.perf_counter()
                    text = export_products_csv(session=session, actor=actor)
                    elapsed = (time.perf_counter() - started) * 1000
                    print(
                        f"CSV export, {name}: {elapsed:,.0f} ms, "
                        f"{text.count(chr(10)) - 1:,} rows, {len(text.encode()) / 1e6:.1f} MB"
                    )
        engine.dispose()


if __name__ == "__main__":
    main()
