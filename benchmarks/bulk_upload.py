"""Time a 5,000-row bulk meter-reading upload (SPEC C4) on the demo data plus ``seed_large``.

Usage: ``python benchmarks/bulk_upload.py [--products N] [--rows N] [--months N]``.

The database (SQLite in a throw-away data dir, or PORTAL_BENCH_DATA_DIR to keep
and reuse it, or PORTAL_BENCH_DATABASE_URL) is seeded in a child process so the
memory figures are the upload's own. The large organisation's administrator
downloads the template, fills ``--rows`` rows (about 2 % implausible, 2 %
invalid) and uploads it. Printed: template, parse and process times, rows per
second, the three groups, peak memory, and the latency of another user's
product-list query while the upload runs.
"""

from __future__ import annotations

import argparse
import csv
import io
import multiprocessing
import os
import random
import resource
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

from sqlmodel import Session, SQLModel, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import portal.models  # noqa: E402, F401  (registers the tables)
from portal import clock  # noqa: E402
from portal.db import make_engine  # noqa: E402
from portal.models import Organisation, User  # noqa: E402
from portal.seed import LARGE_ORG_NAME, is_empty, seed_demo, seed_large  # noqa: E402
from portal.services.bulk_readings import (  # noqa: E402
    FIXED_COLUMNS,
    parse_upload,
    process_upload,
    template_csv,
)
from portal.services.product_search import search_products  # noqa: E402

LARGE_ADMIN = "large-admin@demo.example"
DEMO_ADMIN = "admin@demo.example"
# Pages per counter added since the last reading; black = its A3 + A4 parts, total = black + colour.
STEP = {
    "total": 2_000,
    "black": 1_500,
    "colour": 500,
    "black_a3": 300,
    "black_a4": 1_200,
    "colour_a3": 100,
    "colour_a4": 400,
    "scan": 800,
}


def prepare(url: str, *, products: int, months: int) -> None:
    """Create the schema and seed demo + large data unless they are there already."""
    engine = make_engine(url)
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        if is_empty(session):
            seed_demo(session=session, password_hash="benchmark-hash")
            session.commit()
        large = select(Organisation.id).where(Organisation.name == LARGE_ORG_NAME)
        if session.exec(large).first() is None:
            started = time.perf_counter()
            seed_large(
                session=session,
                products=products,
                tickets=min(products, 2_000),
                months=months,
                password_hash="benchmark-hash",
            )
            session.commit()
            print(f"seeded {products:,} large products in {time.perf_counter() - started:.1f} s")
    engine.dispose()


def fill(template: str, rows: int, seed: int = 7) -> bytes:
    """The template with ``rows`` rows filled in, as Excel in Spain saves it (';', BOM)."""
    rng = random.Random(seed)
    reader = csv.reader(io.StringIO(template.lstrip("\ufeff")))
    header = next(reader)
    next(reader)  # the explanation line
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    filled = 0
    codes = [name for name in header if name not in FIXED_COLUMNS and f"last_{name}" in header]
    for line in reader:
        cells = dict(zip(header, line, strict=True))
        if filled >= rows or not cells["last_read_on"]:
            continue
        luck = rng.random()
        factor = 400 if luck < 0.02 else 1  # implausible: months of duty in a few weeks
        for code in codes:
            last = cells[f"last_{code}"]
            if last:
                cells[code] = str(int(last) + STEP.get(code, 100) * factor)
        if 0.02 <= luck < 0.04 and "total" in codes and cells["total"]:
            cells["total"] = str(int(cells["total"]) + 1)  # total ≠ black + colour, or too high
        writer.writerow([cells[name] for name in header])
        filled += 1
    return out.getvalue().encode("utf-8")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=8000)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--months", type=int, default=12)
    args = parser.parse_args()

    data_dir = os.environ.get("PORTAL_BENCH_DATA_DIR")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(data_dir or tmp)
        directory.mkdir(parents=True, exist_ok=True)
        url = os.environ.get("PORTAL_BENCH_DATABASE_URL") or f"sqlite:///{directory / 'bench.db'}"
        child = multiprocessing.get_context("fork").Process(
            target=prepare, args=(url,), kwargs={"products": args.products, "months": args.months}
        )
        child.start()
        child.join()
        if child.exitcode:
            raise SystemExit(child.exitcode)

        engine = make_engine(url)
        with Session(engine) as session:
            admin = session.exec(select(User).where(User.email == LARGE_ADMIN)).one()
            demo_admin = session.exec(select(User).where(User.email == DEMO_ADMIN)).one()
            started = time.perf_counter()
            template = template_csv(session=session, actor=admin)
            template_s = time.perf_counter() - started
        data = fill(template, args.rows)
        print(
            f"template: {template.count(chr(10)) - 2:,} products, {len(template) / 1e6:.1f} MB "
            f"in {template_s:.2f} s; upload: {len(data) / 1e6:.2f} MB"
        )

        rss_before = _rss_mb()
        tracemalloc.start()
        started = time.perf_counter()
        rows = parse_upload(data)
        parse_s = time.perf_counter() - started
        _, parse_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        latencies: list[float] = []
        stop = threading.Event()

        def other_user() -> None:
            with Session(engine) as other:
                while not stop.is_set():
                    t0 = time.perf_counter()
                    search_products(session=other, actor=demo_admin)
                    latencies.append((time.perf_counter() - t0) * 1000)
                    other.rollback()
                    time.sleep(0.1)

        watcher = threading.Thread(target=other_user, daemon=True)
        watcher.start()
        done_at: list[tuple[int, float]] = []
        started = time.perf_counter()
        result = process_upload(
            engine=engine,
            actor_id=admin.id,
            rows=rows,
            today=clock.now().date(),
            progress=lambda done, total: done_at.append((done, time.perf_counter() - started)),
        )
        process_s = time.perf_counter() - started
        stop.set()
        watcher.join()
        engine.dispose()

        print(
            f"parse:   {len(rows):,} rows in {parse_s * 1000:,.0f} ms "
            f"({len(rows) / parse_s:,.0f} rows/s)"
        )
        print(
            f"process: {result.total:,} rows in {process_s:.1f} s "
            f"({result.total / process_s:,.0f} rows/s), {len(done_at)} progress updates"
        )
        print(
            f"groups:  {len(result.accepted):,} accepted, "
            f"{len(result.needs_confirmation):,} need confirmation, "
            f"{len(result.rejected):,} rejected"
        )
        reasons: dict[str, int] = {}
        for row in result.rejected:
            for key in row.errors.values():
                reasons[key] = reasons.get(key, 0) + 1
        for key, count in sorted(reasons.items(), key=lambda kv: -kv[1])[:5]:
            print(f"         {count:>5,}  {key}")
        print(
            f"memory:  parse peak {parse_peak / 1e6:.1f} MB (tracemalloc); process RSS "
            f"{rss_before:.0f} → {_rss_mb():.0f} MB peak"
        )
        if latencies:
            print(
                f"another user's product list during the upload: median "
                f"{statistics.median(latencies):.0f} ms, max {max(latencies):.0f} ms "
                f"({len(latencies)} queries)"
            )


if __name__ == "__main__":
    main()
