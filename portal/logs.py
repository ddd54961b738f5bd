"""Structured logs (SPEC G5): one JSON object per line when ``PORTAL_LOG_FORMAT=json``.

Fields passed with ``extra={...}`` (request id, method, path, status, duration,
API key) become keys of the object, so a log collector can filter on them.

Every message, the portal's and Reflex's, is kept short: Reflex writes the value a
browser sent into some log lines (a wrongly typed var, an argument that does not
convert, with its whole value), so without a limit any visitor could write 100 KB of
log per event. A line longer than ``MAX_LINE`` keeps its start and end, and so does a
message longer than ``MAX_MESSAGE``.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

MAX_LINE = 1000
"""Characters kept of one line of a log message; the middle is replaced by its length."""
MAX_MESSAGE = 20_000
"""Characters kept of a whole log message (a traceback is a few thousand)."""

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
_HANDLER_NAME = "portal"


class JsonFormatter(logging.Formatter):
    """Formats a record as one line of JSON: time, level, logger, message and extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def configure(log_format: str, stream: Any = None) -> logging.Handler:
    """Send the portal's log records (logger ``portal`` and below) to ``stream``.

    Calling it again replaces the handler it added before, so it is safe on reloads.
    """
    logger = logging.getLogger("portal")
    for handler in list(logger.handlers):
        if handler.get_name() == _HANDLER_NAME:
            logger.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.set_name(_HANDLER_NAME)
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return handler


def _shorten(text: str, limit: int) -> str:
    """``text`` in at most about ``limit`` characters: its start and its end."""
    if len(text) <= limit:
        return text
    head = limit * 2 // 3
    tail = limit - head
    return f"{text[:head]}… [{len(text) - head - tail} characters cut] …{text[-tail:]}"


def shorten_message(message: str) -> str:
    """Each line of ``message`` shortened to ``MAX_LINE``, the whole to ``MAX_MESSAGE``.

    A traceback keeps every frame (its lines are short) and the start and end of its
    exception's text, which is where a browser-sent value shows up.
    """
    if len(message) <= MAX_LINE:
        return message
    lines = [_shorten(line, MAX_LINE) for line in message.split("\n")]
    return _shorten("\n".join(lines), MAX_MESSAGE)


def limit_message_length() -> None:
    """Shorten every log record's message (``shorten_message``), once per process.

    Done where records are made (the record factory), so it holds for every handler,
    including the ones Reflex attaches to its loggers after this runs.
    """
    previous = logging.getLogRecordFactory()
    if getattr(previous, "_portal_shortens", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format is the handler's to report, as ever
            return record
        if len(message) > MAX_LINE:
            record.msg = shorten_message(message)
            record.args = ()
        return record

    factory._portal_shortens = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)
