"""One collection cycle, and the loop that runs cycles until it is told to stop.

A cycle first sends what waits in the spool, then polls every device (at
most ``concurrency`` at a time), spools a contact per device that answered
and the day's reading of each device that has none yet, and sends again.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from portal.collector.config import CollectorConfig
from portal.collector.sinks import DELIVERED, REFUSED, DirectSink, HttpSink, Sink
from portal.collector.snmp import DeviceReport, Poller, poll_all
from portal.collector.spool import CONTACT, READING, Message, Spool, new_message
from portal.collector.state import ACCEPTED, CollectorState
from portal.collector.state import REFUSED as REFUSED_STATE

logger = logging.getLogger("portal.collector")

# Requests per poll: one GET and three walks of usually one or two pages each.
REQUESTS_PER_POLL = 6


@dataclass
class CycleSummary:
    """What one cycle did, for the summary line."""

    number: int = 0
    polled: int = 0
    probed: int = 0
    answered: int = 0
    silent: list[str] = field(default_factory=list)
    readings_sent: int = 0
    readings_refused: int = 0
    contacts_sent: int = 0
    contacts_refused: int = 0
    spooled: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        """The one-line summary printed after each cycle."""
        silent = f" ({', '.join(self.silent[:10])}{'…' if len(self.silent) > 10 else ''})"
        return (
            f"cycle {self.number}: {self.polled} devices polled"
            + (f" (+{self.probed} subnet addresses probed)" if self.probed else "")
            + f", {self.answered} answered, {len(self.silent)} silent"
            + (silent if self.silent else "")
            + f"; readings {self.readings_sent} sent, {self.readings_refused} refused"
            + f"; contacts {self.contacts_sent} sent"
            + (f", {self.contacts_refused} refused" if self.contacts_refused else "")
            + f"; {self.spooled} spooled; {self.seconds:.1f} s"
        )


def make_sink(config: CollectorConfig, client=None, engine=None) -> Sink:
    """The sink the configuration names."""
    if config.sink == "direct":
        return DirectSink(api_key=config.api_key or "", engine=engine)
    return HttpSink(
        url=config.url, api_key=config.api_key or "", timeout=max(config.timeout, 10), client=client
    )


class Collector:
    """Polls the configured devices and delivers what it saw.

    Args:
        config: The checked configuration.
        sink: Where messages go (default: the one the configuration names).
        today: The local date (patchable: one reading per device and day).
    """

    def __init__(
        self,
        config: CollectorConfig,
        sink: Sink | None = None,
        *,
        today: Callable[[], date] = date.today,
    ):
        self.config = config
        self.sink = sink or make_sink(config)
        self.today = today
        self.spool = Spool(config.spool_dir)
        self.state = CollectorState.load(config.state_file)
        self.cycles = 0

    def close(self) -> None:
        """Release the sink."""
        self.sink.close()

    def flush(self, summary: CycleSummary) -> None:
        """Send the spool, oldest first, until it is empty or the portal cannot take more."""
        for message in self.spool.pending():
            result = self.sink.deliver(message)
            if result.outcome == DELIVERED:
                self.spool.delivered(message)
                self._count(summary, message, sent=True)
                if message.kind == READING:
                    self.state.reading_done(message.serial, message.body["read_on"], ACCEPTED)
            elif result.outcome == REFUSED:
                logger.warning(
                    "%s for %s refused by the portal (%s %s); moved to refused/",
                    message.kind,
                    message.serial,
                    result.status_code,
                    result.detail,
                )
                self.spool.refused(message, f"{result.status_code} {result.detail}")
                self._count(summary, message, sent=False)
                if message.kind == READING:
                    self.state.reading_done(message.serial, message.body["read_on"], REFUSED_STATE)
            else:
                self.spool.kept(message)
                logger.info(
                    "%s for %s kept in the spool (%s %s)",
                    message.kind,
                    message.serial,
                    result.status_code or "",
                    result.detail,
                )
                if result.stop:
                    break

    @staticmethod
    def _count(summary: CycleSummary, message: Message, *, sent: bool) -> None:
        if message.kind == READING:
            if sent:
                summary.readings_sent += 1
            else:
                summary.readings_refused += 1
        elif sent:
            summary.contacts_sent += 1
        else:
            summary.contacts_refused += 1

    def _record(self, report: DeviceReport, today: date) -> None:
        serial = report.serial or ""
        contact = {
            "seen_at": report.seen_at.isoformat(),
            "status": report.status,
            "toner": report.toner,
            "alerts": report.alerts,
        }
        adjusted = {
            code: self.state.adjust(serial, code, raw).value
            for code, raw in report.counters.items()
        }
        self.spool.add(new_message(CONTACT, serial, contact))
        if report.missing_counters:
            logger.warning(
                "%s (%s): no value for %s; no reading sent",
                serial,
                report.target.address,
                ", ".join(report.missing_counters),
            )
            return
        if not adjusted or not self.state.reading_due(serial, today):
            return
        read_on = today.isoformat()
        reading = {"serial": serial, "read_on": read_on, "values": adjusted, "confirmed": False}
        self.spool.add(new_message(READING, serial, reading))
        self.state.reading_queued(serial, read_on)

    async def poll(self, summary: CycleSummary) -> list[DeviceReport]:
        """Poll every target; fills the polled, answered and silent figures."""
        targets = self.config.targets()
        poller = Poller(
            timeout=self.config.timeout,
            retries=self.config.retries,
            profiles=self.config.profiles,
        )
        deadline = self.config.timeout * (self.config.retries + 1) * REQUESTS_PER_POLL + 1
        try:
            results = await poll_all(poller, targets, self.config.concurrency, deadline)
        finally:
            poller.close()
        reports = []
        for target, report, error in results:
            if target.discovered:
                summary.probed += 1
                if report is None or not poller.answered_as_device(report):
                    continue
            else:
                summary.polled += 1
            if report is None:
                summary.silent.append(target.label)
                logger.warning("%s silent: %s", target.label, error)
                continue
            if target.discovered:
                summary.polled += 1
            summary.answered += 1
            if not report.serial:
                logger.warning("%s answered without a serial number; skipped", target.address)
                continue
            reports.append(report)
        return reports

    async def run_cycle(self) -> CycleSummary:
        """One cycle: send the spool, poll, spool what was seen, send again."""
        self.cycles += 1
        started = time.monotonic()
        summary = CycleSummary(number=self.cycles)
        self.flush(summary)
        today = self.today()
        for report in await self.poll(summary):
            self._record(report, today)
        self.state.save()
        self.flush(summary)
        self.state.save()
        summary.spooled = self.spool.count()
        summary.seconds = time.monotonic() - started
        return summary

    def run_once(self) -> CycleSummary:
        """One cycle in a fresh event loop (tests, ``--once``)."""
        return asyncio.run(self.run_cycle())

    async def run_forever(
        self, report: Callable[[CycleSummary], None], stop: asyncio.Event | None = None
    ) -> None:
        """Run a cycle every ``interval`` seconds until SIGINT/SIGTERM or ``stop``."""
        stop = stop or asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, stop.set)
            except (NotImplementedError, RuntimeError):  # pragma: no cover - not POSIX
                pass
        while not stop.is_set():
            started = time.monotonic()
            try:
                report(await self.run_cycle())
            except Exception:
                logger.exception("cycle failed")
            wait = max(0.0, self.config.interval - (time.monotonic() - started))
            try:
                await asyncio.wait_for(stop.wait(), wait)
            except TimeoutError:
                pass
        logger.info("stopped")
