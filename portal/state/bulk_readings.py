"""State of the bulk meter-reading page (SPEC C4): template download, upload, three result groups.

The upload handler is a background event fed by ``rx.upload_files_chunk``: it
receives the file's bytes in memory and stops at ``MAX_BYTES`` + 1, so an
oversized file is refused before the rest of it is even read, and nothing is
ever written to Reflex's upload directory (which is served without
authentication). The rows are then checked and stored chunk by chunk in a
worker thread; the state lock is taken only for short updates (progress,
results), so other users and this user's other tabs are not blocked.

Only the needs-confirmation rows are kept on the server (``_pending``) for
"confirm these"; the browser gets at most ``DISPLAY_LIMIT`` rows per group as
plain strings.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import reflex as rx

from portal import clock, db
from portal.db import session_scope
from portal.errors import PermissionDenied, ValidationFailed
from portal.models import User
from portal.services import bulk_readings
from portal.services.bulk_readings import (
    FILE_FIELD,
    MAX_BYTES,
    PRODUCT_FIELD,
    READ_ON,
    ROW_FIELD,
    BulkResult,
    Row,
    RowResult,
)
from portal.state.auth import AuthState, page_load

DISPLAY_LIMIT = 200
# A run whose worker died (restart) must not lock the page for ever.
STALE_AFTER_SECONDS = 15 * 60
UPLOAD_ID = "bulk-upload"
NO_FILE_KEY = "bulk.error.no_file"
BUSY_KEY = "bulk.error.busy"


async def receive_file(chunks: AsyncIterator[Any], max_bytes: int) -> bytes | None:
    """The first uploaded file's bytes, in memory; None as soon as it exceeds ``max_bytes``.

    Returning early leaves the rest of the request unread: Reflex then answers
    the upload request with an error and stops receiving it.
    """
    data = bytearray()
    name = None
    async for chunk in chunks:
        if name is None:
            name = chunk.filename
        if chunk.filename != name:
            continue
        data += chunk.data
        if len(data) > max_bytes:
            return None
    if name is None:
        return b""
    return bytes(data)


def _template_for(actor_id: int) -> str:
    with session_scope() as session:
        actor = session.get(User, actor_id)
        return bulk_readings.template_csv(session=session, actor=actor)


class BulkReadingsState(AuthState):
    """Bulk entry of meter readings for the products in the user's scope."""

    allowed: bool = False
    loaded: bool = False
    busy: bool = False
    phase: str = ""
    progress_done: int = 0
    progress_total: int = 0
    error: str = ""
    has_result: bool = False
    accepted_rows: list[dict[str, str]] = []
    pending_rows: list[dict[str, str]] = []
    rejected_rows: list[dict[str, str]] = []
    accepted_count: int = 0
    pending_count: int = 0
    rejected_count: int = 0

    _pending: list[dict] = []
    _busy_since: float = 0.0

    @rx.var
    def progress_percent(self) -> int:
        """How far the current run is, 0–100."""
        if self.progress_total <= 0:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)

    @rx.var
    def accepted_more(self) -> int:
        """Accepted rows not listed (beyond the display limit)."""
        return max(0, self.accepted_count - len(self.accepted_rows))

    @rx.var
    def pending_more(self) -> int:
        """Needs-confirmation rows not listed."""
        return max(0, self.pending_count - len(self.pending_rows))

    @rx.var
    def rejected_more(self) -> int:
        """Rejected rows not listed."""
        return max(0, self.rejected_count - len(self.rejected_rows))

    def _allowed_actor_id(self) -> int | None:
        """The signed-in user's id if they may enter readings in bulk (refreshes ``allowed``)."""
        with session_scope() as session:
            actor = self._actor(session)
            allowed = actor is not None and bulk_readings.may_enter(actor)
            actor_id = actor.id if allowed else None
        self.allowed = allowed
        return actor_id

    def _clear_result(self) -> None:
        self.has_result = False
        self.accepted_rows = []
        self.pending_rows = []
        self.rejected_rows = []
        self.accepted_count = 0
        self.pending_count = 0
        self.rejected_count = 0
        self._pending = []

    def _is_busy(self) -> bool:
        return self.busy and time.monotonic() - self._busy_since < STALE_AFTER_SECONDS

    def _start(self, phase: str, total: int = 0) -> None:
        self.busy = True
        self._busy_since = time.monotonic()
        self.phase = phase
        self.progress_done = 0
        self.progress_total = total
        self.error = ""

    def _stop(self) -> None:
        self.busy = False
        self.phase = ""

    def _label(self, name: str) -> str:
        if name in (ROW_FIELD, PRODUCT_FIELD):
            return ""
        if name == READ_ON:
            return self._t("bulk.col.read_on")
        key = f"product.counter.{name}"
        text = self._t(key)
        return name if text == key else text

    def _messages(self, problems: dict[str, str]) -> str:
        parts = []
        for name, key in problems.items():
            label = self._label(name)
            text = self._t(key)
            parts.append(f"{label}: {text}" if label else text)
        return " · ".join(parts)

    def _view(self, result: RowResult) -> dict[str, str]:
        row = result.row
        values = " · ".join(
            f"{self._label(code)} {value}" for code, value in row.values.items() if value
        )
        reason = self._messages(result.errors or result.warnings)
        return {
            "line": str(row.line),
            "serial": row.serial,
            "model": result.model,
            "read_on": result.read_on or row.read_on,
            "values": values,
            "reason": reason,
        }

    def _show(self, result: BulkResult) -> None:
        self.has_result = True
        self.accepted_count = len(result.accepted)
        self.pending_count = len(result.needs_confirmation)
        self.rejected_count = len(result.rejected)
        self.accepted_rows = [self._view(r) for r in result.accepted[:DISPLAY_LIMIT]]
        self.pending_rows = [self._view(r) for r in result.needs_confirmation[:DISPLAY_LIMIT]]
        self.rejected_rows = [self._view(r) for r in result.rejected[:DISPLAY_LIMIT]]
        self._pending = [r.row.as_dict() for r in result.needs_confirmation]

    @page_load
    def load(self):
        """on_load: whether the user may use the page; a finished result stays on show."""
        self._allowed_actor_id()
        if self.busy and not self._is_busy():
            self._stop()
        self.loaded = True

    @rx.event(background=True)
    async def download_template(self):
        """Download the CSV template of the user's manually read products with last values."""
        async with self:
            actor_id = self._allowed_actor_id()
        if actor_id is None:
            return None
        try:
            text = await asyncio.to_thread(_template_for, actor_id)
        except PermissionDenied:
            return None
        filename = f"meter-readings-{clock.now().date().isoformat()}.csv"
        return rx.download(data=text, filename=filename, mime_type="text/csv;charset=utf-8")

    async def _run(self, actor_id: int, rows: list[Row], *, confirmed: bool) -> BulkResult:
        """Submit ``rows`` chunk by chunk in a worker thread, publishing the progress."""
        engine = db.get_engine()
        today = clock.now().date()
        service = bulk_readings.confirm_rows if confirmed else bulk_readings.process_upload
        result = BulkResult()
        step = bulk_readings.CHUNK
        for start in range(0, len(rows), step):
            part = await asyncio.to_thread(
                service,
                engine=engine,
                actor_id=actor_id,
                rows=rows[start : start + step],
                today=today,
            )
            result.extend(part)
            async with self:
                self.progress_done = min(start + step, len(rows))
                self._busy_since = time.monotonic()
        return result

    @rx.event(background=True)
    async def upload(self, chunks: rx.UploadChunkIterator):
        """Receive a filled-in template (in memory, size-limited) and process its rows."""
        async with self:
            actor_id = self._allowed_actor_id()
            if actor_id is None:
                return
            if self._is_busy():
                self.error = self._t(BUSY_KEY)
                return
            self._start("receiving")
            self._clear_result()
        try:
            data = await receive_file(chunks, MAX_BYTES)
            if not data:
                async with self:
                    key = bulk_readings.TOO_BIG_KEY if data is None else NO_FILE_KEY
                    self.error = self._t(key)
                return
            try:
                rows = await asyncio.to_thread(bulk_readings.parse_upload, data)
            except ValidationFailed as failed:
                async with self:
                    self.error = self._file_error(failed.errors)
                return
            async with self:
                self._start("processing", len(rows))
            result = await self._run(actor_id, rows, confirmed=False)
            async with self:
                self._show(result)
            # The file is done with: a second click must not upload it again.
            yield rx.clear_selected_files(UPLOAD_ID)
        finally:
            async with self:
                self._stop()

    def _file_error(self, errors: dict[str, str]) -> str:
        parts = []
        for name, key in errors.items():
            text = self._t(key)
            parts.append(text if name == FILE_FIELD else f"{text} {name}")
        return " · ".join(parts)

    @rx.event(background=True)
    async def confirm(self):
        """Store the needs-confirmation rows as confirmed-implausible readings."""
        async with self:
            actor_id = self._allowed_actor_id()
            if actor_id is None or not self._pending:
                return
            if self._is_busy():
                self.error = self._t(BUSY_KEY)
                return
            rows = [Row.from_dict(data) for data in self._pending]
            self._start("confirming", len(rows))
        try:
            result = await self._run(actor_id, rows, confirmed=True)
            async with self:
                self._merge_confirmed(result)
        finally:
            async with self:
                self._stop()

    def _merge_confirmed(self, result: BulkResult) -> None:
        self.accepted_count += len(result.accepted)
        self.rejected_count += len(result.rejected)
        self.pending_count = len(result.needs_confirmation)
        room = max(0, DISPLAY_LIMIT - len(self.accepted_rows))
        self.accepted_rows = self.accepted_rows + [self._view(r) for r in result.accepted[:room]]
        room = max(0, DISPLAY_LIMIT - len(self.rejected_rows))
        self.rejected_rows = self.rejected_rows + [self._view(r) for r in result.rejected[:room]]
        self.pending_rows = [self._view(r) for r in result.needs_confirmation[:DISPLAY_LIMIT]]
        self._pending = [r.row.as_dict() for r in result.needs_confirmation]

    def file_rejected(self, _files: list[dict]):
        """The browser refused the chosen file (too big or not a CSV)."""
        self.error = self._t("bulk.error.file_refused")

    def clear(self):
        """Forget the last result (to start another upload)."""
        if self._is_busy():
            return
        self._clear_result()
        self.error = ""
