"""``python -m portal.collector --config FILE [--once] [--verbose]``."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from portal.collector.collector import Collector
from portal.collector.config import ConfigError, load_config

EXIT_CONFIG = 2


def main(argv: list[str] | None = None) -> int:
    """Run the collector; returns the exit code (2 for a configuration problem)."""
    parser = argparse.ArgumentParser(
        prog="python -m portal.collector", description="SNMP meter collector for the portal"
    )
    parser.add_argument("--config", required=True, help="the collector's TOML file")
    parser.add_argument("--once", action="store_true", help="run one cycle and stop")
    parser.add_argument("--verbose", "-v", action="store_true", help="log every message")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print("configuration error:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_CONFIG
    collector = Collector(config)
    try:
        if args.once:
            summary = collector.run_once()
            print(summary.line(), flush=True)
            return 0
        asyncio.run(collector.run_forever(lambda s: print(s.line(), flush=True)))
        return 0
    finally:
        collector.close()


if __name__ == "__main__":
    sys.exit(main())
