"""The outbox: every message is a file before it is sent, so nothing is lost offline.

A message is written (write then rename) with its Idempotency-Key, then sent;
it is removed once the portal took it, moved to ``refused/`` when the portal
refuses it for good, and kept otherwise, to be sent again first, oldest first.
File names start with the creation time in nanoseconds so the name order is
the send order.
"""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

logger = logging.getLogger("portal.collector.spool")

READING, CONTACT = "reading", "contact"
READINGS_PATH = "/api/v1/readings"
REFUSED_DIR = "refused"


def contact_path(serial: str) -> str:
    """The API path a device's contact goes to."""
    return f"/api/v1/devices/{quote(serial, safe='')}/contact"


@dataclass
class Message:
    """One POST waiting to reach the portal."""

    key: str
    kind: str
    serial: str
    path: str
    body: dict[str, Any]
    created_at: str
    attempts: int = 0
    file: Path | None = None

    def to_json(self) -> dict[str, Any]:
        """The file's content."""
        return {
            "idempotency_key": self.key,
            "kind": self.kind,
            "serial": self.serial,
            "path": self.path,
            "body": self.body,
            "created_at": self.created_at,
            "attempts": self.attempts,
        }


def new_message(kind: str, serial: str, body: dict[str, Any]) -> Message:
    """A message with a fresh Idempotency-Key."""
    path = READINGS_PATH if kind == READING else contact_path(serial)
    return Message(
        key=str(uuid.uuid4()),
        kind=kind,
        serial=serial,
        path=path,
        body=body,
        created_at=datetime.now(UTC).isoformat(),
    )


class Spool:
    """The spool folder."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.refused_dir = directory / REFUSED_DIR
        self.directory.mkdir(parents=True, exist_ok=True)
        self.refused_dir.mkdir(exist_ok=True)

    def _write(self, message: Message, target: Path) -> None:
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_text(json.dumps(message.to_json(), sort_keys=True), encoding="utf-8")
        os.replace(tmp, target)

    def add(self, message: Message) -> Message:
        """Put ``message`` in the spool; a contact replaces the device's waiting contacts.

        Only the newest contact of a device counts in the portal, so older waiting
        ones carry nothing it would keep; dropping them stops a long outage from
        piling up a file per device and cycle.
        """
        if message.kind == CONTACT:
            for waiting in self.pending():
                if waiting.kind == CONTACT and waiting.serial == message.serial:
                    self._unlink(waiting)
        name = f"{time.time_ns():020d}-{message.kind}-{message.key}.json"
        message.file = self.directory / name
        self._write(message, message.file)
        return message

    def pending(self) -> list[Message]:
        """Every waiting message, oldest first; unreadable files are moved to refused/."""
        messages = []
        for path in sorted(self.directory.glob("*.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                message = Message(
                    key=data["idempotency_key"],
                    kind=data["kind"],
                    serial=data["serial"],
                    path=data["path"],
                    body=data["body"],
                    created_at=data["created_at"],
                    attempts=int(data.get("attempts", 0)),
                    file=path,
                )
            except FileNotFoundError:
                continue
            except (OSError, ValueError, KeyError, TypeError) as exc:
                logger.error("spool file %s unreadable (%s); moved to refused/", path.name, exc)
                path.replace(self.refused_dir / path.name)
                continue
            messages.append(message)
        return messages

    def count(self) -> int:
        """How many messages wait."""
        return sum(1 for _ in self.directory.glob("*.json"))

    def _unlink(self, message: Message) -> None:
        if message.file is not None:
            message.file.unlink(missing_ok=True)

    def delivered(self, message: Message) -> None:
        """The portal took it."""
        self._unlink(message)

    def refused(self, message: Message, reason: str) -> None:
        """The portal refused it for good: keep it aside, with the reason, for a person."""
        data = message.to_json()
        data["refused"] = reason
        if message.file is not None:
            target = self.refused_dir / message.file.name
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_text(json.dumps(data, sort_keys=True, indent=1), encoding="utf-8")
            os.replace(tmp, target)
            self._unlink(message)

    def kept(self, message: Message) -> None:
        """Not delivered this time: count the attempt, keep it for the next cycle."""
        message.attempts += 1
        if message.file is not None and message.file.exists():
            self._write(message, message.file)
