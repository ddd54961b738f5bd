"""What the collector remembers between cycles: counter history and today's reading.

A small JSON file, rewritten whole (write then rename) so a crash never leaves
half a file. Per device (by serial, case and spaces ignored) it keeps each
counter's last raw value, the offset added for Counter32 wraps and the value
last sent, and the day and outcome of the last reading.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

logger = logging.getLogger("portal.collector.state")

COUNTER32 = 2**32
# A drop from at or above this raw value is a Counter32 wrap; from below it, a reset.
WRAP_ZONE = 3 * 2**30
VERSION = 1
QUEUED, ACCEPTED, REFUSED = "queued", "accepted", "refused"


def device_key(serial: str) -> str:
    """The state's key for a serial: upper case, no whitespace (as the portal matches)."""
    return "".join(serial.split()).upper()


@dataclass(frozen=True)
class Adjusted:
    """A counter value as sent, and what happened to it."""

    value: int
    wrapped: bool = False
    reset: bool = False


class CollectorState:
    """The state file's content, with the rules that read and change it."""

    def __init__(self, path: Path, data: dict[str, Any] | None = None):
        self.path = path
        self.data = data or {"version": VERSION, "devices": {}}

    @classmethod
    def load(cls, path: Path) -> CollectorState:
        """Read the file; a missing one starts empty, an unreadable one is set aside."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, ValueError) as exc:
            broken = path.with_suffix(path.suffix + ".broken")
            logger.error("state file %s unreadable (%s); kept as %s", path, exc, broken)
            try:
                path.replace(broken)
            except OSError:
                pass
            return cls(path)
        if not isinstance(data, dict) or not isinstance(data.get("devices"), dict):
            return cls(path)
        return cls(path, data)

    def save(self) -> None:
        """Write the file atomically."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(self.data, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)

    def _device(self, serial: str) -> dict[str, Any]:
        return self.data["devices"].setdefault(device_key(serial), {"counters": {}})

    def adjust(self, serial: str, code: str, raw: int) -> Adjusted:
        """The value to send for a counter's raw reading, keeping it rising across wraps.

        A raw value below the previous one is a Counter32 wrap when the previous
        one was in the top quarter of the 32-bit range: 2**32 is added to the
        device's offset. Otherwise it is a genuine reset, sent as it is (the
        portal refuses it until staff record the reset) and the offset is dropped.
        """
        counters = self._device(serial).setdefault("counters", {})
        entry = counters.get(code)
        offset = int(entry.get("offset", 0)) if entry else 0
        wrapped = reset = False
        if entry is not None and raw < int(entry["raw"]):
            previous = int(entry["raw"])
            if WRAP_ZONE <= previous < COUNTER32:
                offset += COUNTER32
                wrapped = True
                logger.info("%s %s: Counter32 wrapped (%d → %d)", serial, code, previous, raw)
            else:
                offset = 0
                reset = True
                logger.warning(
                    "%s %s: counter went down from %d to %d; sent as a reset",
                    serial,
                    code,
                    previous,
                    raw,
                )
        value = raw + offset
        counters[code] = {"raw": raw, "offset": offset, "value": value}
        return Adjusted(value=value, wrapped=wrapped, reset=reset)

    def reading_due(self, serial: str, today: date) -> bool:
        """Whether today's reading still has to be made (none queued, sent or refused)."""
        device = self._device(serial)
        return device.get("reading_on") != today.isoformat()

    def reading_queued(self, serial: str, read_on: str) -> None:
        """Today's reading is in the spool."""
        device = self._device(serial)
        device["reading_on"] = read_on
        device["reading_outcome"] = QUEUED

    def reading_done(self, serial: str, read_on: str, outcome: str) -> None:
        """The portal accepted or refused the reading of ``read_on``."""
        device = self._device(serial)
        if device.get("reading_on") in (None, read_on):
            device["reading_on"] = read_on
            device["reading_outcome"] = outcome

    def reading_outcome(self, serial: str) -> tuple[str | None, str | None]:
        """(day, outcome) of the device's last reading."""
        device = self._device(serial)
        return device.get("reading_on"), device.get("reading_outcome")
