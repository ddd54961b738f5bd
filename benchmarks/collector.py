"""Time collection cycles of 500 simulated printers (SPEC X2) at a few concurrency values.

Usage: ``python benchmarks/collector.py [--devices N] [--concurrency 8,32,128]``.

One snmpsim responder serves N recordings (copies of the shipped ones under
community names dev0000…) on one 127.0.0.1 port; the collector polls them all
each cycle into an in-memory sink. Printed: seconds per cycle and devices per
second per concurrency value, and the peak memory (tracemalloc of the
collector's Python objects, and the process's maximum resident set).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from portal.collector.collector import Collector  # noqa: E402
from portal.collector.config import parse_config  # noqa: E402
from portal.collector.sinks import MemorySink  # noqa: E402
from tests.collector.conftest import (  # noqa: E402
    COLOUR_PROFILE,
    DATA,
    start_simulator,
    stop_simulator,
)

MODELS = ("mono-a4", "colour-mfp", "alerting", "wrap-before")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=500)
    parser.add_argument("--concurrency", default="8,32,128")
    parser.add_argument("--cycles", type=int, default=2, help="cycles per concurrency value")
    parser.add_argument("--timeout", type=float, default=10.0, help="SNMP timeout (s)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="collector-bench-"))
    data = work / "data"
    data.mkdir()
    devices = []
    for n in range(args.devices):
        model = MODELS[n % len(MODELS)]
        name = f"dev{n:04d}"
        # each copy gets its own serial so the state file holds N devices
        text = (DATA / f"{model}.snmprec").read_text()
        serial = text.split("1.3.6.1.2.1.43.5.1.1.17.1|4|", 1)[1].split("\n", 1)[0]
        (data / f"{name}.snmprec").write_text(text.replace(serial, f"BENCH-{n:04d}"))
        device = {"host": "127.0.0.1", "community": name}
        if model == "colour-mfp":
            device["profile"] = "colour"
        devices.append(device)
    started = time.monotonic()
    process, port = start_simulator(data, work / "cache", "dev0000")
    print(
        f"{args.devices} recordings indexed and simulator up in {time.monotonic() - started:.1f} s"
    )
    try:
        tracemalloc.start()
        for concurrency in (int(c) for c in args.concurrency.split(",")):
            config = parse_config(
                {
                    "api_key": "unused",
                    "url": "http://unused",
                    "spool_dir": str(work / f"spool-{concurrency}"),
                    "state_file": str(work / f"state-{concurrency}.json"),
                    "concurrency": concurrency,
                    "timeout": args.timeout,
                    "retries": 1,
                    "snmp": {"port": port},
                    "profiles": {"colour": {"counters": COLOUR_PROFILE}},
                    "devices": devices,
                },
                work,
            )
            sink = MemorySink()
            collector = Collector(config, sink)
            times = []
            for _ in range(args.cycles):
                summary = collector.run_once()
                times.append(summary.seconds)
                if summary.answered != args.devices:
                    print(f"  not all answered: {summary.line()[:200]}")
            best = min(times)
            print(
                f"concurrency {concurrency:4d}: "
                + ", ".join(f"{t:.2f} s" for t in times)
                + f" per cycle ({args.devices / best:.0f} devices/s); "
                f"{len(sink.messages)} messages; last: {summary.line()}"
            )
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak traced memory {peak / 2**20:.1f} MiB; max RSS {rss:.0f} MiB")
    finally:
        stop_simulator(process)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
