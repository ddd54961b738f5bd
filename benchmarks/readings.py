"""Time meter readings (SPEC C4) on 20,000 products with 24 monthly readings each.

Usage: ``python benchmarks/readings.py [--products N] [--months N] [--tickets N] [--runs N]
[--seed N]``.

The database is the demo data plus ``seed_large``, which gives every large
product ``--months`` monthly readings (20,000 × 24 ≈ 480,000 rows by default).
With PORTAL_BENCH_DATA_DIR it lives in that directory and is reused by later
runs (``--tickets`` defaults to product_list.py's figure so both benchmarks can
share it); otherwise in a throw-away directory. PORTAL_BENCH_DATABASE_URL points
at another database instead (e.g. PostgreSQL).

For the large organisation's administrator and its device manager (500
products through a group) it times, each call in a fresh session as a request
would have, after one warm-up call:

- ``submit_reading`` of a plausible reading dated today for a different random
  manual product each run, alone and with the commit (every submit is stored,
  so a reused database keeps them: a later run picks products not read today);
- ``reading_history`` of a random product (table + monthly chart);
- ``account_volume`` of a random account (monthly chart over its products);
- ``due_products`` page 1 (the readings page).

Prints the sizes involved, then median, p95 and max milliseconds per call and actor.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import portal.models  # noqa: E402, F401  (registers the tables)
from portal import clock  # noqa: E402
from portal.db import make_engine  # noqa: E402
from portal.models import Account, MeterReading, Organisation, Product, User  # noqa: E402
from portal.seed import LARGE_ORG_NAME, is_empty, seed_demo, seed_large  # noqa: E402
from portal.services import scope  # noqa: E402
from portal.services.readings import (  # noqa: E402
    ACCEPTED,
    account_volume,
    counters_for,
    due_products,
    reading_history,
    submit_reading,
)

LARGE_ADMIN = "large-admin@demo.example"
LARGE_MANAGER = "large-manager@demo.example"
ACTORS = ((LARGE_ADMIN, "large admin"), (LARGE_MANAGER, "large manager"))
SEED = 4242

Timings = dict[str, list[float]]


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
                end = "\n" if label == "done" else ""
                print(f"\r  {label:<9} {done / max(total, 1):6.1%}", end=end, file=sys.stderr)

            counts = seed_large(
                session=session,
                products=products,
                tickets=tickets,
                months=months,
                password_hash="benchmark-hash",
                progress=progress,
            )
            session.commit()
            print(
                f"seeded large data ({counts['products']:,} products, "
                f"{counts['readings']:,} readings, {counts['tickets']:,} tickets) "
                f"in {time.perf_counter() - started:.1f} s",
                flush=True,
            )
    engine.dispose()


def next_values(history: list[MeterReading], digits: dict[str, int], on: date) -> dict[str, str]:
    """Plausible counters for a reading on ``on``: the product's average pace since ``history``.

    ``history`` is oldest first. Split and sum counters are made to add up
    (black = A3 + A4, colour = A3 + A4, total = black + colour); a counter
    that passes its maximum rolls over.
    """
    first, last = history[0], history[-1]
    span = max((last.read_on - first.read_on).days, 1)
    days = max((on - last.read_on).days, 1)
    values: dict[str, int] = {}
    for code in digits:
        old = int(last.values.get(code, 0))
        pace = max(0, old - int(first.values.get(code, 0))) / span
        values[code] = old + round(pace * days)
    if "black_a3" in values and "black_a4" in values:
        values["black"] = values["black_a3"] + values["black_a4"]
    if "colour_a3" in values and "colour_a4" in values:
        values["colour"] = values["colour_a3"] + values["colour_a4"]
    if "total" in values and "black" in values:
        values["total"] = values["black"] + values.get("colour", 0)
    return {code: str(value % 10 ** digits[code]) for code, value in values.items()}


def submit_candidates(session: Session, actor: User, today: date) -> list[int]:
    """The actor's manual products whose newest reading is before ``today``, by id."""
    visible = scope.visible_product_ids_subquery(actor).where(col(Product.auto_capture).is_(False))
    newest = sa.func.max(col(MeterReading.read_on))
    rows = session.exec(
        select(col(MeterReading.product_id))
        .where(col(MeterReading.product_id).in_(visible))
        .group_by(col(MeterReading.product_id))
        .having(newest < today)
        .order_by(col(MeterReading.product_id))
    ).all()
    return list(rows)


def prepared_submit(session: Session, product_id: int, today: date) -> dict[str, str]:
    """The values to submit for ``product_id`` (computed before the clock starts)."""
    product = session.get(Product, product_id)
    digits = {c.code: c.digits for c in counters_for(session=session, product=product)}
    history = session.exec(
        select(MeterReading)
        .where(col(MeterReading.product_id) == product_id)
        .order_by(col(MeterReading.read_on).desc(), col(MeterReading.id).desc())
        .limit(13)
    ).all()
    return next_values(list(reversed(history)), digits, today)


def stats(times: list[float]) -> tuple[float, float, float]:
    """Median, 95th percentile and maximum of ``times``."""
    if len(times) < 2:
        return times[0], times[0], times[0]
    p95 = statistics.quantiles(times, n=20, method="inclusive")[-1]
    return statistics.median(times), p95, max(times)


def timed(fn: Callable[..., Any], **kwargs: Any) -> tuple[float, Any]:
    """Call ``fn(**kwargs)`` once; its wall time in milliseconds and its result."""
    started = time.perf_counter()
    result = fn(**kwargs)
    return (time.perf_counter() - started) * 1000, result


def bench_actor(engine: sa.Engine, actor_id: int, runs: int, rng: random.Random) -> Timings:
    """Time the four calls ``runs`` times each (after one warm-up) for one actor."""
    today = clock.now().date()
    times: Timings = {
        "submit_reading": [],
        "submit_reading + commit": [],
        "reading_history": [],
        "account_volume": [],
        "due_products page 1": [],
    }
    with Session(engine) as session:
        actor = session.get(User, actor_id)
        candidates = submit_candidates(session, actor, today)
        products = list(session.exec(scope.visible_product_ids_subquery(actor)).all())
        visible_accounts = scope.visible_accounts_query(actor).with_only_columns(col(Account.id))
        accounts = list(session.exec(visible_accounts).all())
        if len(candidates) < runs + 1:
            msg = f"only {len(candidates)} products left to submit for; use a fresh database"
            raise SystemExit(msg)
        to_submit = rng.sample(candidates, runs + 1)
        payloads = {pid: prepared_submit(session, pid, today) for pid in to_submit}
        sizes = [
            len(session.exec(select(Product.id).where(col(Product.account_id) == a)).all())
            for a in accounts[:3]
        ]
    print(
        f"  {len(products):,} products visible, {len(candidates):,} manual ones not read today, "
        f"{len(accounts)} accounts (first ones hold {', '.join(map(str, sizes))} products)"
    )

    statuses: dict[str, int] = {}
    chart_months: list[int] = []
    volume_months: list[int] = []
    due_total = 0
    for run in range(runs + 1):
        keep = run > 0  # the first round is the warm-up
        product_id = to_submit[run]
        with Session(engine, expire_on_commit=False) as session:
            actor = session.get(User, actor_id)
            call_ms, check = timed(
                submit_reading,
                session=session,
                actor=actor,
                product_id=product_id,
                read_on=today,
                values=payloads[product_id],
            )
            commit_ms, _ = timed(session.commit)
            statuses[check.status] = statuses.get(check.status, 0) + 1
            if check.status != ACCEPTED and statuses[check.status] == 1:
                print(f"  submit {product_id}: {check.status} {check.errors} {check.warnings}")
            if keep:
                times["submit_reading"].append(call_ms)
                times["submit_reading + commit"].append(call_ms + commit_ms)

        history_of = rng.choice(products)
        with Session(engine, expire_on_commit=False) as session:
            actor = session.get(User, actor_id)
            ms, history = timed(
                reading_history, session=session, actor=actor, product_id=history_of
            )
            chart_months.append(len(history["chart"]))
            if keep:
                times["reading_history"].append(ms)

        account_id = rng.choice(accounts)
        with Session(engine, expire_on_commit=False) as session:
            actor = session.get(User, actor_id)
            ms, chart = timed(account_volume, session=session, actor=actor, account_id=account_id)
            volume_months.append(len(chart))
            if keep:
                times["account_volume"].append(ms)

        with Session(engine, expire_on_commit=False) as session:
            actor = session.get(User, actor_id)
            ms, page = timed(due_products, session=session, actor=actor, page=1)
            due_total = page.total
            if keep:
                times["due_products page 1"].append(ms)

    print(
        f"  submits: {', '.join(f'{n} {s}' for s, n in sorted(statuses.items()))}; "
        f"history chart {min(chart_months)}–{max(chart_months)} months; "
        f"account chart {min(volume_months)}–{max(volume_months)} months; "
        f"due_products total {due_total:,}"
    )
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=20000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--tickets", type=int, default=200000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=SEED, help="random seed for the picks")
    args = parser.parse_args()

    data_dir = os.environ.get("PORTAL_BENCH_DATA_DIR")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(data_dir or tmp)
        directory.mkdir(parents=True, exist_ok=True)
        url = os.environ.get("PORTAL_BENCH_DATABASE_URL") or f"sqlite:///{directory / 'bench.db'}"
        prepare(url, products=args.products, tickets=args.tickets, months=args.months)

        engine = make_engine(url)
        with Session(engine) as session:
            readings = session.exec(select(sa.func.count()).select_from(MeterReading)).one()
            total_products = session.exec(select(sa.func.count()).select_from(Product)).one()
            users = {
                u.email: u.id
                for u in session.exec(
                    select(User).where(col(User.email).in_([email for email, _ in ACTORS]))
                )
            }
        print(
            f"\ndatabase: {url.split('://')[0]}, {total_products:,} products, "
            f"{readings:,} meter readings; {args.runs} runs per call\n"
        )
        rng = random.Random(args.seed)
        results: dict[str, Timings] = {}
        for email, name in ACTORS:
            if email not in users:
                continue
            print(f"{name}:")
            results[name] = bench_actor(engine, users[email], args.runs, rng)
        engine.dispose()

    labels = list(next(iter(results.values())))
    width = max(len(label) for label in labels) + 2
    header = "".join(f"{name + ' median/p95/max ms':>36}" for name in results)
    print(f"\n{'call':<{width}}{header}")
    for label in labels:
        cells = ""
        for timings in results.values():
            median, p95, worst = stats(timings[label])
            cells += f"{f'{median:.1f} / {p95:.1f} / {worst:.1f}':>36}"
        print(f"{label:<{width}}{cells}")


if __name__ == "__main__":
    main()
