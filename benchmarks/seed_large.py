"""Time ``seed_large`` into a throw-away SQLite database (or PORTAL_BENCH_DATABASE_URL).

Usage: ``python benchmarks/seed_large.py [--products N] [--tickets N] [--months N]``.
Prints the time of each phase, the rows per second and the database size.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from sqlmodel import Session, SQLModel

import portal.models  # noqa: F401  (registers the tables)
from portal.db import make_engine
from portal.seed import seed_large


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=20000)
    parser.add_argument("--tickets", type=int, default=200000)
    parser.add_argument("--months", type=int, default=24)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        url = os.environ.get("PORTAL_BENCH_DATABASE_URL") or f"sqlite:///{path}"
        engine = make_engine(url)
        SQLModel.metadata.create_all(engine)
        phases: dict[str, float] = {}
        started = time.perf_counter()

        def progress(done: int, total: int, label: str) -> None:
            phases[label] = time.perf_counter() - started

        with Session(engine) as session:
            summary = seed_large(
                session=session,
                products=args.products,
                tickets=args.tickets,
                months=args.months,
                password_hash="benchmark-hash",
                progress=progress,
            )
            before_commit = time.perf_counter()
            session.commit()
        elapsed = time.perf_counter() - started
        engine.dispose()

        previous = 0.0
        for label, at in phases.items():
            if label != "done":
                print(f"{label:<10} {at - previous:7.1f} s")
                previous = at
        print(f"{'commit':<10} {elapsed - (before_commit - started):7.1f} s")
        rows = sum(
            v for k, v in summary.items() if k in {"products", "tickets", "activities", "readings"}
        )
        print(f"{'total':<10} {elapsed:7.1f} s  ({rows / elapsed:,.0f} rows/s)")
        for key, value in summary.items():
            print(f"  {key:<15} {value:>9,}")
        if path.exists():
            print(f"SQLite file: {path.stat().st_size / 1e6:,.0f} MB")


if __name__ == "__main__":
    main()
