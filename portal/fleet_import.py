"""``python -m portal import FILE [--dry-run]``: upsert fleet data from JSON or CSV (SPEC F1).

JSON is a ``FleetBatch`` object (``organisations``, ``accounts``,
``contract_lines``, ``locations``, ``products``). CSV holds one product per
line, with its organisation, account, contract line and location on the same
line (``CSV_COLUMNS``); lines naming the same organisation, account, contract
line or location must agree. The whole file is one transaction: any bad row
and nothing changes.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import pydantic

from portal import db
from portal.models import serial_key
from portal.progress import ProgressBar
from portal.services import fleet
from portal.services.fleet import (
    AccountIn,
    ContractLineIn,
    FleetBatch,
    FleetRejected,
    FleetResult,
    LocationIn,
    OrganisationIn,
    ProductIn,
    RowError,
)

CSV_COLUMNS = (
    "organisation_ref",
    "organisation_name",
    "account_number",
    "account_name",
    "contract_number",
    "service_level",
    "contract_start",
    "contract_end",
    "location_ref",
    "site",
    "address",
    "postal_code",
    "city",
    "floor",
    "room",
    "contact_name",
    "contact_phone",
    "serial",
    "model",
    "alternative_name",
    "system_account_number",
    "status",
    "ip_address",
    "mac_address",
    "firmware",
    "options",
    "auto_capture",
    "auto_replenish",
    "installed_on",
)
REQUIRED_COLUMNS = ("serial", "account_number", "model", "location_ref")
OPTION_SEPARATOR = ";"
_LOCATION_COLUMNS = (
    "site",
    "address",
    "postal_code",
    "city",
    "floor",
    "room",
    "contact_name",
    "contact_phone",
)
_PRODUCT_TEXT_COLUMNS = (
    "alternative_name",
    "system_account_number",
    "ip_address",
    "mac_address",
    "firmware",
)
# Empty cells of these columns keep the stored value (an empty one is not valid).
_KEEP_WHEN_EMPTY = ("status", "auto_capture", "auto_replenish")
_LABELS = {
    "organisations": "organisations",
    "accounts": "accounts",
    "contract_lines": "contract lines",
    "locations": "locations",
    "products": "products",
}


class UnreadableFile(Exception):
    """The file cannot be read as a fleet file at all."""


@dataclass
class Loaded:
    """A file read into a batch, with the CSV line of every row (none for JSON).

    With ``problems``, ``batch`` holds the rows that were fine (to be checked
    further, never written), or is None when the file could not be made a batch.
    """

    batch: FleetBatch | None
    lines: dict[str, list[int]] = field(default_factory=dict)
    problems: list[tuple[int | None, RowError]] = field(default_factory=list)


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(exc.strerror or str(exc)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        msg = "the file is not UTF-8 text"
        raise UnreadableFile(msg) from None


def _is_json(path: Path, text: str) -> bool:
    suffix = path.suffix.lower()
    if suffix in (".json", ".csv"):
        return suffix == ".json"
    return text.lstrip().startswith(("{", "["))


def load(path: Path) -> Loaded:
    """Read a JSON or CSV fleet file (by its suffix, else by its first character).

    Raises:
        UnreadableFile: The file is missing, not text, not JSON/CSV, or lacks required columns.
    """
    text = _read_text(path)
    if _is_json(path, text):
        return _load_json(text)
    return _load_csv(text)


def _load_json(text: str) -> Loaded:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        msg = f"not valid JSON ({exc})"
        raise UnreadableFile(msg) from None
    if not isinstance(data, dict):
        msg = "the JSON file must hold one object with the lists organisations, accounts, …"
        raise UnreadableFile(msg)
    try:
        return Loaded(fleet.parse_batch(data))
    except FleetRejected as exc:
        return Loaded(None, problems=[(None, error) for error in exc.row_errors])


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=header.count)


@dataclass
class _Kind:
    """The rows of one kind collected from the CSV lines, each kept once."""

    name: str
    schema: type[pydantic.BaseModel]
    key: Callable[[Any], Any]
    rows: dict[Any, tuple[int, pydantic.BaseModel]] = field(default_factory=dict)
    # Fields compared through the key only (a serial's spelling does not matter).
    same_by_key: tuple[str, ...] = ()

    def add(self, line: int, data: dict[str, Any], problems: list) -> None:
        try:
            row = self.schema.model_validate(data)
        except pydantic.ValidationError as exc:
            problems.extend((line, e) for e in fleet.row_errors_from(exc, kind=self.name, raw=data))
            return
        key = self.key(row)
        if key not in self.rows:
            self.rows[key] = (line, row)
            return
        first_line, first = self.rows[key]
        before, after = first.model_dump(), row.model_dump()
        for name in type(row).model_fields:
            if before[name] != after[name] and name not in self.same_by_key:
                message = (
                    f"'{_shown(after[name])}' differs from line {first_line} "
                    f"('{_shown(before[name])}')"
                )
                ref = fleet.row_ref(self.name, row)
                error = RowError(kind=self.name, index=0, ref=ref, field=name, message=message)
                problems.append((line, error))


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return OPTION_SEPARATOR.join(str(v) for v in value)
    return "" if value is None else str(value)


def _load_csv(text: str) -> Loaded:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        header = [name.strip().lower() for name in next(reader, [])]
    except csv.Error as exc:
        msg = f"not valid CSV ({exc})"
        raise UnreadableFile(msg) from None
    if not any(header):
        msg = "the file is empty"
        raise UnreadableFile(msg)
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if unknown:
        msg = f"unknown column(s): {', '.join(unknown)}; the columns are {', '.join(CSV_COLUMNS)}"
        raise UnreadableFile(msg)
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        msg = f"required column(s) missing: {', '.join(missing)}"
        raise UnreadableFile(msg)
    kinds = {
        "organisations": _Kind("organisations", OrganisationIn, lambda r: r.ref),
        "accounts": _Kind("accounts", AccountIn, lambda r: r.number),
        "contract_lines": _Kind(
            "contract_lines", ContractLineIn, lambda r: (r.account_number, r.contract_number)
        ),
        "locations": _Kind("locations", LocationIn, lambda r: r.ref),
        "products": _Kind(
            "products", ProductIn, lambda r: serial_key(r.serial), same_by_key=("serial",)
        ),
    }
    problems: list[tuple[int | None, RowError]] = []
    try:
        while True:
            line = reader.line_num + 1
            try:
                record = next(reader)
            except StopIteration:
                break
            if not any(cell.strip() for cell in record):
                continue
            cells = dict.fromkeys(header, "")
            cells |= {name: value.strip() for name, value in zip(header, record, strict=False)}
            if len(record) > len(header):
                error = RowError(
                    kind="products",
                    index=0,
                    ref=cells.get("serial", ""),
                    message=f"the line has {len(record)} cells, the header {len(header)}",
                )
                problems.append((line, error))
                continue
            _add_line(kinds, line, cells, header, problems)
    except csv.Error as exc:
        msg = f"not valid CSV at line {reader.line_num} ({exc})"
        raise UnreadableFile(msg) from None
    batch = FleetBatch(**{name: [row for _, row in k.rows.values()] for name, k in kinds.items()})
    lines = {name: [line for line, _ in k.rows.values()] for name, k in kinds.items()}
    return Loaded(batch, lines, problems)


def _add_line(
    kinds: dict[str, _Kind], line: int, cells: dict[str, str], header: list[str], problems: list
) -> None:
    """Collect the organisation, account, contract line, location and product of one CSV line."""
    get = cells.get
    if get("organisation_name"):
        kinds["organisations"].add(
            line, {"ref": get("organisation_ref", ""), "name": get("organisation_name")}, problems
        )
    if get("account_name"):
        account = {
            "number": get("account_number", ""),
            "name": get("account_name"),
            "organisation_ref": get("organisation_ref", ""),
        }
        kinds["accounts"].add(line, account, problems)
    contract_number = get("contract_number", "")
    if contract_number and any(get(c) for c in ("service_level", "contract_start", "contract_end")):
        contract = {
            "account_number": get("account_number", ""),
            "contract_number": contract_number,
            "service_level": get("service_level", ""),
            "start_date": get("contract_start") or None,
            "end_date": get("contract_end") or None,
        }
        kinds["contract_lines"].add(line, contract, problems)
    if get("location_ref") and get("organisation_ref"):
        location = {"ref": get("location_ref"), "organisation_ref": get("organisation_ref")}
        location |= {name: cells[name] for name in _LOCATION_COLUMNS if name in header}
        kinds["locations"].add(line, location, problems)
    product: dict[str, Any] = {
        name: get(name, "") for name in ("serial", "account_number", "model", "location_ref")
    }
    if "contract_number" in header:
        product["contract_number"] = contract_number or None
    product |= {name: cells[name] for name in _PRODUCT_TEXT_COLUMNS if name in header}
    product |= {name: cells[name] for name in _KEEP_WHEN_EMPTY if cells.get(name)}
    if "options" in header:
        product["options"] = [o.strip() for o in cells["options"].split(OPTION_SEPARATOR)]
    if "installed_on" in header:
        product["installed_on"] = cells["installed_on"] or None
    kinds["products"].add(line, product, problems)


def _line_of(error: RowError, lines: dict[str, list[int]]) -> int | None:
    """The CSV line of the batch row an error is about (None for JSON)."""
    if error.index is None or error.kind not in lines:
        return None
    return lines[error.kind][error.index]


def _where(line: int | None, error: RowError) -> str:
    if error.kind not in _LABELS:
        return error.kind
    ref = f" {error.ref}" if error.ref else ""
    if line is not None:
        return f"line {line} ({error.kind}{ref})"
    index = f"[{error.index}]" if error.index is not None else ""
    return f"{error.kind}{index}" + (f" ({error.ref})" if error.ref else "")


def _report(problems: list[tuple[int | None, RowError]], path: Path, err: TextIO) -> None:
    """One line per problem, by CSV line where there are lines, then a summary."""
    if all(line is not None for line, _ in problems):
        problems = sorted(problems, key=lambda problem: problem[0])
    for line, error in problems:
        field_name = f" {error.field}" if error.field else ""
        print(f"{_where(line, error)}{field_name}: {error.message}", file=err)
    count = len(problems)
    noun = "error" if count == 1 else "errors"
    print(f"{count} {noun} in {path}; nothing was changed.", file=err, flush=True)


def format_counts(result: FleetResult) -> list[str]:
    """One line per kind: ``products: 3 created, 1 updated, 40 unchanged``."""
    lines = []
    for kind, label in _LABELS.items():
        counts = getattr(result, kind)
        lines.append(
            f"{label}: {counts.created} created, {counts.updated} updated, "
            f"{counts.unchanged} unchanged"
        )
    return lines


def run(
    path: Path, *, dry_run: bool = False, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Import one fleet file in one transaction, with a progress bar on ``err``.

    Returns:
        0 on success, 1 when rows were rejected (nothing changed), 2 when the
        file cannot be read.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    path = Path(path)
    try:
        loaded = load(path)
    except UnreadableFile as exc:
        print(f"error: cannot import {path}: {exc}", file=err, flush=True)
        return 2
    problems = list(loaded.problems)
    if loaded.batch is None:
        _report(problems, path, err)
        return 1
    bar = ProgressBar(err)
    try:
        with db.session_scope() as session:
            # Rows already refused are left out, and the rest are still checked against
            # the database so that one run reports every problem; then nothing is written.
            result = fleet.upsert_fleet(
                session=session,
                actor=None,
                batch=loaded.batch,
                dry_run=dry_run or bool(problems),
                system=True,
                progress=bar,
            )
    except FleetRejected as exc:
        problems += [(_line_of(e, loaded.lines), e) for e in exc.row_errors]
    finally:
        bar.finish()
    if problems:
        _report(problems, path, err)
        return 1
    if dry_run:
        print("dry run: nothing was changed", file=out)
    print("\n".join(format_counts(result)), file=out, flush=True)
    return 0
