"""Bulk meter-reading entry (SPEC C4): a CSV template of the fleet, its upload, per-row results.

The flow is template → upload → three groups of rows:

- ``template_csv`` lists the actor's manually read products with their last
  values, one column pair ``last_<code>`` / ``<code>`` per counter;
- ``parse_upload`` turns the uploaded bytes into ``Row`` objects (any encoding
  Excel writes, comma or semicolon), refusing files that are too big or too long;
- ``process_upload`` submits every row through ``readings.submit_reading`` with
  source "bulk upload", each row in its own transaction, and sorts the rows into
  accepted, needs confirmation (implausible, not stored) and rejected (with a
  message key per counter or field);
- ``confirm_rows`` re-submits the rows that needed confirmation, confirmed.

The reading rules live in ``portal.services.readings`` only. A row is matched
to a product by serial number among the products the actor sees, so a serial
outside the actor's scope is as unknown as one that does not exist.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from portal import clock
from portal.db import session_scope
from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.i18n import translate
from portal.models import (
    Account,
    CounterType,
    MeterReading,
    Product,
    ProductModel,
    ReadingSource,
    Role,
    User,
    serial_key,
)
from portal.services import readings, scope

MAX_BYTES = 5_000_000
MAX_ROWS = 10_000
CHUNK = 200

ACCEPTED = readings.ACCEPTED
NEEDS_CONFIRMATION = readings.NEEDS_CONFIRMATION
REJECTED = readings.REJECTED

# Columns of the template before the counters; "serial" and "read_on" are required in an upload.
SERIAL = "serial"
READ_ON = "read_on"
FIXED_COLUMNS = ("serial", "model", "account", "last_read_on", "read_on")
REQUIRED_COLUMNS = (SERIAL, READ_ON)
LAST_PREFIX = "last_"
# A line whose first cell starts with this explains the columns and is not data.
COMMENT = "#"

# Where a row's problem is reported when it is not about one counter.
ROW_FIELD = "row"
PRODUCT_FIELD = readings.PRODUCT
NOT_FOUND_KEY = "bulk.error.not_found"
DATE_KEY = "bulk.error.date_invalid"
DENIED_KEY = "bulk.error.denied"

FILE_FIELD = "file"
TOO_BIG_KEY = "bulk.error.too_big"
TOO_MANY_ROWS_KEY = "bulk.error.too_many_rows"
EMPTY_KEY = "bulk.error.empty"
NO_ROWS_KEY = "bulk.error.no_rows"
MISSING_COLUMN_KEY = "bulk.error.missing_column"
NO_COUNTERS_KEY = "bulk.error.no_counter_columns"
NOT_CSV_KEY = "bulk.error.not_csv"

# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_COLUMN_NAME = re.compile(r"^[a-z0-9_]{1,40}$")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y/%m/%d")

ProgressFn = Callable[[int, int], None]

# Who enters readings for the customer's fleet (SPEC C4: administrators and device managers).
ENTRY_ROLES = (Role.ADMINISTRATOR, Role.DEVICE_MANAGER)


def may_enter(actor: User | None) -> bool:
    """Whether ``actor`` may download the template and upload readings."""
    return scope.is_active(actor) and actor.has_role(*ENTRY_ROLES)


@dataclass(frozen=True)
class Row:
    """One data line of an uploaded file, as text.

    Attributes:
        line: The line's number in the file (the header is line 1).
        serial: The serial number as written.
        read_on: The reading date as written ("" means today).
        values: Counter code → value as written, for every counter column.
    """

    line: int
    serial: str
    read_on: str
    values: dict[str, str]

    def as_dict(self) -> dict:
        """The row as plain data (to keep between the upload and a confirmation)."""
        return {
            "line": self.line,
            "serial": self.serial,
            "read_on": self.read_on,
            "values": dict(self.values),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Row:
        """The row back from ``as_dict``."""
        return cls(
            line=int(data["line"]),
            serial=str(data["serial"]),
            read_on=str(data["read_on"]),
            values={str(k): str(v) for k, v in dict(data["values"]).items()},
        )


@dataclass
class RowResult:
    """What became of one row.

    Attributes:
        row: The row as uploaded.
        status: ``accepted``, ``needs_confirmation`` or ``rejected``.
        errors: Counter code or field (``row``, ``read_on``) → message key.
        warnings: Counter code → message key (why a value looks implausible).
        product_id: The matched product (None when the serial was not found).
        model: The matched product's model name.
        read_on: The reading date as understood (ISO; "" when it could not be read).
    """

    row: Row
    status: str
    errors: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)
    product_id: int | None = None
    model: str = ""
    read_on: str = ""


@dataclass
class BulkResult:
    """The rows of an upload in three groups."""

    accepted: list[RowResult] = field(default_factory=list)
    needs_confirmation: list[RowResult] = field(default_factory=list)
    rejected: list[RowResult] = field(default_factory=list)

    @property
    def total(self) -> int:
        """How many rows were processed."""
        return len(self.accepted) + len(self.needs_confirmation) + len(self.rejected)

    def add(self, result: RowResult) -> None:
        """File one row's result under its group."""
        {
            ACCEPTED: self.accepted,
            NEEDS_CONFIRMATION: self.needs_confirmation,
            REJECTED: self.rejected,
        }[result.status].append(result)

    def extend(self, other: BulkResult) -> None:
        """Add the rows of another (partial) result."""
        self.accepted.extend(other.accepted)
        self.needs_confirmation.extend(other.needs_confirmation)
        self.rejected.extend(other.rejected)


def _safe_cell(value: str) -> str:
    """Neutralise a text cell that a spreadsheet would run as a formula."""
    if value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _unsafe_cell(value: str) -> str:
    """Undo ``_safe_cell`` on a cell that comes back in an upload."""
    if value.startswith("'") and value[1:].startswith(_FORMULA_STARTS):
        return value[1:]
    return value


def _manual_products_query(actor: User | None):
    """The actor's visible products that are read by hand, with model and account."""
    return (
        select(Product.id, Product.serial, Product.model_id, ProductModel.name, Account.number)
        .join(ProductModel, col(ProductModel.id) == col(Product.model_id))
        .join(Account, col(Account.id) == col(Product.account_id))
        .where(col(Product.id).in_(scope.visible_product_ids_subquery(actor)))
        .where(col(Product.auto_capture).is_(False))
        .order_by(col(Account.number), col(Product.serial_key))
    )


def _last_readings(session: Session, actor: User | None) -> dict[int, tuple[date, dict]]:
    """Product id → (date, values) of its newest reading that was not estimated."""
    newest = (
        select(
            MeterReading.product_id,
            MeterReading.read_on,
            MeterReading.values,
            sa.func.row_number()
            .over(
                partition_by=MeterReading.product_id,
                order_by=(col(MeterReading.read_on).desc(), col(MeterReading.id).desc()),
            )
            .label("rank"),
        )
        .where(col(MeterReading.product_id).in_(scope.visible_product_ids_subquery(actor)))
        .where(col(MeterReading.source) != ReadingSource.ESTIMATED.value)
        .subquery()
    )
    # ``values`` is also a method of the column collection: look the column up by name.
    rows = session.execute(
        sa.select(newest.c.product_id, newest.c.read_on, newest.c["values"]).where(
            newest.c.rank == 1
        )
    )
    return {pid: (read_on, values or {}) for pid, read_on, values in rows}


def _counters_by_model(session: Session, model_ids: Iterable[int]) -> dict[int, list[str]]:
    """Model id → its counter codes in display order."""
    ids = sorted(set(model_ids))
    found: dict[int, list[str]] = {mid: [] for mid in ids}
    if not ids:
        return found
    query = (
        select(CounterType.model_id, CounterType.code)
        .where(col(CounterType.model_id).in_(ids))
        .order_by(col(CounterType.model_id), col(CounterType.position), col(CounterType.id))
    )
    for model_id, code in session.exec(query):
        found[model_id].append(code)
    return found


def _column_order(counters: dict[int, list[str]]) -> list[str]:
    """Every counter code used by the models, in the readings' usual order (others last)."""
    codes = {code for model_codes in counters.values() for code in model_codes}
    known = {code: n for n, code in enumerate(readings.COUNTER_ORDER)}
    return sorted(codes, key=lambda code: (known.get(code, len(known)), code))


def template_csv(*, session: Session, actor: User | None, today: date | None = None) -> str:
    """The bulk-entry template: one row per manually read product the actor sees.

    Columns: serial, model, account, last_read_on, read_on (empty, to fill in),
    then for every counter code used by those models ``last_<code>`` (the last
    real reading, for reference) and ``<code>`` (empty, to fill in). The second
    line starts with ``#`` and explains the columns in the actor's language; an
    upload skips it. The text starts with a UTF-8 byte-order mark so Excel
    detects the encoding; cells a spreadsheet would take for a formula get a
    leading ``'``.

    Args:
        session: The database session.
        actor: The signed-in user.
        today: The day the template is made (shown in the explanation).

    Returns:
        The CSV text.

    Raises:
        PermissionDenied: The actor is not an active administrator or device manager.
    """
    scope.require_role(actor, *ENTRY_ROLES)
    today = today or clock.now().date()
    lang = actor.language
    products = session.exec(_manual_products_query(actor)).all()
    counters = _counters_by_model(session, (model_id for _, _, model_id, _, _ in products))
    codes = _column_order(counters)
    last = _last_readings(session, actor) if products else {}

    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    header = list(FIXED_COLUMNS)
    for code in codes:
        header += [f"{LAST_PREFIX}{code}", code]
    writer.writerow(header)
    help_row = [
        COMMENT + " " + translate(lang, "bulk.template.help.serial"),
        translate(lang, "bulk.template.help.model"),
        translate(lang, "bulk.template.help.account"),
        translate(lang, "bulk.template.help.last_read_on"),
        translate(lang, "bulk.template.help.read_on").replace("{today}", today.isoformat()),
    ]
    for code in codes:
        name = translate(lang, f"product.counter.{code}")
        name = code if name == f"product.counter.{code}" else name
        help_row += [
            translate(lang, "bulk.template.help.last_value").replace("{counter}", name),
            translate(lang, "bulk.template.help.value").replace("{counter}", name),
        ]
    writer.writerow([_safe_cell(cell) for cell in help_row])
    for product_id, serial, model_id, model_name, account_number in products:
        read_on, values = last.get(product_id, (None, {}))
        own = set(counters.get(model_id, ()))
        line = [
            _safe_cell(serial),
            _safe_cell(model_name),
            _safe_cell(account_number),
            read_on.isoformat() if read_on else "",
            "",
        ]
        for code in codes:
            value = values.get(code) if code in own else None
            line += ["" if value is None else str(int(value)), ""]
        writer.writerow(line)
    return out.getvalue()


def _decode(data: bytes) -> str:
    """The file's text: UTF-8 (with or without BOM), else Windows-1252, else Latin-1."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _delimiter(text: str) -> str:
    """Comma or semicolon, whichever the header line uses more (Excel in es/de writes ';')."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if first.count(";") > first.count(",") else ","


def _column(name: str) -> str:
    return name.strip().strip("\ufeff").strip().lower().replace(" ", "_")


def parse_upload(data: bytes, *, max_bytes: int = MAX_BYTES, max_rows: int = MAX_ROWS) -> list[Row]:
    """Read an uploaded bulk-entry file.

    Lines whose first cell starts with ``#`` and lines without any counter value
    (products the user did not read) are left out; ``last_*``, model and account
    columns are ignored.

    Args:
        data: The file's bytes.
        max_bytes: The largest file accepted.
        max_rows: The most rows with values accepted.

    Returns:
        The rows with at least one counter value, in file order.

    Raises:
        ValidationFailed: ``{"file": key}`` when the file is too big, empty, not
            a CSV, has no counter columns or too many rows; ``{column: key}``
            when a required column is missing.
    """
    if len(data) > max_bytes:
        raise ValidationFailed({FILE_FIELD: TOO_BIG_KEY})
    if b"\x00" in data:
        raise ValidationFailed({FILE_FIELD: NOT_CSV_KEY})
    text = _decode(data)
    if not text.strip():
        raise ValidationFailed({FILE_FIELD: EMPTY_KEY})
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        header = next(reader)
        while not any(cell.strip() for cell in header):
            header = next(reader)
    except StopIteration:
        raise ValidationFailed({FILE_FIELD: EMPTY_KEY}) from None
    except csv.Error:
        raise ValidationFailed({FILE_FIELD: NOT_CSV_KEY}) from None
    columns = [_column(name) for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ValidationFailed(dict.fromkeys(missing, MISSING_COLUMN_KEY))
    counter_columns = {
        index: name
        for index, name in enumerate(columns)
        if name not in FIXED_COLUMNS
        and not name.startswith(LAST_PREFIX)
        and _COLUMN_NAME.match(name)
        and name not in columns[:index]
    }
    if not counter_columns:
        raise ValidationFailed({FILE_FIELD: NO_COUNTERS_KEY})
    serial_at = columns.index(SERIAL)
    read_on_at = columns.index(READ_ON)

    rows: list[Row] = []
    try:
        for cells in reader:
            if not cells or cells[0].lstrip().startswith(COMMENT):
                continue

            def cell(index: int, cells: list[str] = cells) -> str:
                return cells[index].strip() if index < len(cells) else ""

            values = {name: cell(index) for index, name in counter_columns.items()}
            if not any(values.values()):
                continue
            if len(rows) >= max_rows:
                raise ValidationFailed({FILE_FIELD: TOO_MANY_ROWS_KEY})
            rows.append(
                Row(
                    line=reader.line_num,
                    serial=_unsafe_cell(cell(serial_at)),
                    read_on=cell(read_on_at),
                    values=values,
                )
            )
    except csv.Error:
        raise ValidationFailed({FILE_FIELD: NOT_CSV_KEY}) from None
    if not rows:
        raise ValidationFailed({FILE_FIELD: NO_ROWS_KEY})
    return rows


def parse_date(text: str, today: date) -> date | None:
    """A reading date as written in a spreadsheet (ISO or day first); "" is today."""
    text = text.strip()
    if not text:
        return today
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _visible_by_serial(session: Session, actor: User | None, rows: Sequence[Row]) -> dict:
    """Serial key → (product id, model name) of the rows' products that the actor sees."""
    keys = {serial_key(_unsafe_cell(row.serial)) for row in rows if row.serial.strip()}
    if not keys:
        return {}
    query = (
        select(Product.serial_key, Product.id, ProductModel.name)
        .join(ProductModel, col(ProductModel.id) == col(Product.model_id))
        .where(col(Product.serial_key).in_(sorted(keys)))
        .where(col(Product.id).in_(scope.visible_product_ids_subquery(actor)))
    )
    return {key: (pid, name) for key, pid, name in session.exec(query)}


def _submit_row(
    *,
    engine: sa.Engine,
    actor_id: int,
    row: Row,
    found: tuple[int, str] | None,
    today: date,
    confirmed: bool,
    now: datetime | None,
) -> RowResult:
    """Check and store one row in its own transaction (the rules are ``readings``')."""
    if found is None:
        return RowResult(row=row, status=REJECTED, errors={ROW_FIELD: NOT_FOUND_KEY})
    product_id, model_name = found
    result = RowResult(row=row, status=REJECTED, product_id=product_id, model=model_name)
    read_on = parse_date(row.read_on, today)
    if read_on is None:
        result.errors = {READ_ON: DATE_KEY}
        return result
    result.read_on = read_on.isoformat()
    try:
        with session_scope(engine) as session:
            actor = session.get(User, actor_id)
            check = readings.submit_reading(
                session=session,
                actor=actor,
                product_id=product_id,
                read_on=read_on,
                # Every counter column of the file: the rules also refuse a value
                # written under a counter the model does not have.
                values=dict(row.values),
                confirmed=confirmed,
                source=ReadingSource.BULK_UPLOAD,
                now=now,
            )
    except NotFound:
        result.errors = {ROW_FIELD: NOT_FOUND_KEY}
        return result
    except PermissionDenied:
        result.errors = {ROW_FIELD: DENIED_KEY}
        return result
    except ValidationFailed as failed:
        result.errors = dict(failed.errors)
        return result
    result.status = check.status
    result.errors = dict(check.errors)
    result.warnings = dict(check.warnings)
    return result


def _run(
    *,
    engine: sa.Engine,
    actor_id: int,
    rows: Sequence[Row],
    today: date,
    confirmed: bool,
    progress: ProgressFn | None,
    chunk: int,
    now: datetime | None,
) -> BulkResult:
    result = BulkResult()
    total = len(rows)
    chunk = max(1, chunk)
    for start in range(0, total, chunk):
        part = rows[start : start + chunk]
        # One short read per chunk finds the products; every row then has its own transaction.
        with session_scope(engine) as session:
            actor = session.get(User, actor_id)
            if not may_enter(actor):
                for row in part:
                    result.add(RowResult(row=row, status=REJECTED, errors={ROW_FIELD: DENIED_KEY}))
                if progress is not None:
                    progress(min(start + chunk, total), total)
                continue
            found = _visible_by_serial(session, actor, part)
        for row in part:
            result.add(
                _submit_row(
                    engine=engine,
                    actor_id=actor_id,
                    row=row,
                    found=found.get(serial_key(_unsafe_cell(row.serial))) if row.serial else None,
                    today=today,
                    confirmed=confirmed,
                    now=now,
                )
            )
        if progress is not None:
            progress(min(start + chunk, total), total)
    return result


def process_upload(
    *,
    engine: sa.Engine,
    actor_id: int,
    rows: Sequence[Row],
    today: date,
    progress: ProgressFn | None = None,
    chunk: int = CHUNK,
    now: datetime | None = None,
) -> BulkResult:
    """Submit every row as a bulk-upload reading and sort the rows into three groups.

    Each row is matched by serial number among the actor's visible products
    (unknown or outside the scope: rejected, never applied) and submitted in
    its own transaction, so a rejected row changes nothing and the others go
    on. Implausible rows are not stored; they wait for ``confirm_rows``.

    Args:
        engine: The database to work on (each row commits on its own).
        actor_id: The id of the user who uploaded the file.
        rows: The rows from ``parse_upload``.
        today: The date an empty reading date stands for.
        progress: Called as ``progress(done, total)`` after each chunk.
        chunk: How many rows share one product look-up.
        now: The moment of the submission (default: the clock).

    Returns:
        The accepted, needs-confirmation and rejected rows.
    """
    return _run(
        engine=engine,
        actor_id=actor_id,
        rows=rows,
        today=today,
        confirmed=False,
        progress=progress,
        chunk=chunk,
        now=now,
    )


def confirm_rows(
    *,
    engine: sa.Engine,
    actor_id: int,
    rows: Sequence[Row],
    today: date | None = None,
    progress: ProgressFn | None = None,
    chunk: int = CHUNK,
    now: datetime | None = None,
) -> BulkResult:
    """Re-submit rows that needed confirmation, confirmed (stored with the implausible flag).

    Every row goes through the same scope check and rules again; only the
    plausibility warning is waived.

    Args:
        engine: The database to work on.
        actor_id: The id of the user who confirms.
        rows: The rows from the needs-confirmation group.
        today: The date an empty reading date stands for (default: the clock's).
        progress: Called as ``progress(done, total)`` after each chunk.
        chunk: How many rows share one product look-up.
        now: The moment of the submission (default: the clock).

    Returns:
        The rows in their groups after confirmation.
    """
    return _run(
        engine=engine,
        actor_id=actor_id,
        rows=rows,
        today=today or (now or clock.now()).date(),
        confirmed=True,
        progress=progress,
        chunk=chunk,
        now=now,
    )
