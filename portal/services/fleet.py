"""Fleet upserts from the provider's back office (SPEC F1, F2).

The import command and the REST API send the same ``FleetBatch``:
organisations, accounts, contract lines, locations and products, each keyed by
the provider's own reference (organisation and location ``ref``, account
``number``, contract line ``account_number`` + ``contract_number``, product
``serial``). ``upsert_fleet`` creates what is new, updates what differs and
leaves the rest alone, so sending the same batch twice changes nothing.

Update semantics: required fields are the full record and always overwrite;
optional fields that the sender *omits* keep their stored value (a field sent
explicitly, even empty or null, is applied). New rows take the defaults.

References resolve against the database and the same batch, in the order
organisations, accounts, contract lines, locations, products. Every row is
checked before anything is written; any bad row rejects the whole batch with
one ``RowError`` per problem.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated, Any, Literal

import pydantic
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from sqlmodel import Session, SQLModel, col, select

from portal.errors import ValidationFailed
from portal.models import (
    Account,
    ContractLine,
    Location,
    Organisation,
    Product,
    ProductModel,
    Role,
    ServiceLevel,
    User,
    serial_key,
)
from portal.services import audit, scope

MAX_ROWS = 50_000
KINDS = ("organisations", "accounts", "contract_lines", "locations", "products")
PRODUCT_STATUSES = ("active", "inactive", "removed")
SYNCED = "synced"
_CHUNK = 500

Progress = Callable[[int, int, str], None]


def _text(limit: int, *, required: bool = False) -> Any:
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1 if required else 0, max_length=limit),
    ]


Ref = _text(60, required=True)


def no_nul(value: Any) -> Any:
    """Refuse text with a NUL character (PostgreSQL cannot store one), in values and keys."""
    texts = [value] if isinstance(value, str) else []
    if isinstance(value, dict):
        texts = [k for k in value if isinstance(k, str)]
        texts += [v for v in value.values() if isinstance(v, str)]
    elif isinstance(value, list):
        texts = [v for v in value if isinstance(v, str)]
    if any("\x00" in text for text in texts):
        raise ValueError("text must not contain NUL characters")
    return value


class _Row(BaseModel):
    """A row the back office sends: text trimmed, unknown fields refused."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    _no_nul = field_validator("*", mode="before")(no_nul)


class OrganisationIn(_Row):
    """A customer organisation, keyed by the provider's reference."""

    ref: Ref = Field(description="The organisation's key in the provider's ERP/CRM")
    name: _text(200, required=True)


class AccountIn(_Row):
    """A customer account number of an organisation."""

    number: _text(40, required=True)
    name: _text(200, required=True)
    organisation_ref: Ref
    invoice_day: int = Field(default=28, ge=1, le=31, description="Day of month of the invoice")
    low_toner_threshold: int = Field(default=20, ge=0, le=100, description="Percent")


class ContractLineIn(_Row):
    """A contract line of an account, keyed by account number and contract number."""

    account_number: _text(40, required=True)
    contract_number: _text(40, required=True)
    service_level: _text(100, required=True) = Field(
        description="Name of an existing service level"
    )
    start_date: date
    end_date: date
    status: _text(20, required=True) = "active"


class LocationIn(_Row):
    """Where products stand, keyed by the provider's reference."""

    ref: Ref
    organisation_ref: Ref
    site: _text(120) = ""
    address: _text(200) = ""
    postal_code: _text(20) = ""
    city: _text(120) = ""
    floor: _text(40) = ""
    room: _text(60) = ""
    contact_name: _text(120) = ""
    contact_phone: _text(40) = ""


class ProductIn(_Row):
    """One machine under contract, keyed by its serial number (case and spaces do not matter)."""

    serial: _text(60, required=True)
    account_number: _text(40, required=True)
    model: _text(120, required=True) = Field(description="Name of an existing product model")
    location_ref: Ref
    contract_number: _text(40, required=True) | None = Field(
        default=None, description="A contract line of the same account; null for none"
    )
    alternative_name: _text(120) = ""
    system_account_number: _text(40) = ""
    status: Literal["active", "inactive", "removed"] = "active"
    maintenance_status: _text(20, required=True) = "covered"
    ip_address: _text(45) = ""
    mac_address: _text(17) = ""
    firmware: _text(60) = ""
    options: list[_text(120)] = Field(default_factory=list, max_length=200)
    auto_capture: bool = False
    auto_replenish: bool = False
    installed_on: date | None = None

    @field_validator("options")
    @classmethod
    def _no_empty_options(cls, value: list[str]) -> list[str]:
        return [option for option in value if option]


class FleetBatch(_Row):
    """Everything one import or API call upserts, at most ``MAX_ROWS`` rows in all."""

    organisations: list[OrganisationIn] = Field(default_factory=list, max_length=MAX_ROWS)
    accounts: list[AccountIn] = Field(default_factory=list, max_length=MAX_ROWS)
    contract_lines: list[ContractLineIn] = Field(default_factory=list, max_length=MAX_ROWS)
    locations: list[LocationIn] = Field(default_factory=list, max_length=MAX_ROWS)
    products: list[ProductIn] = Field(default_factory=list, max_length=MAX_ROWS)

    def row_count(self) -> int:
        """How many rows of every kind the batch holds."""
        return sum(len(getattr(self, kind)) for kind in KINDS)


class KindCounts(BaseModel):
    """What an upsert did to the rows of one kind."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


class FleetResult(BaseModel):
    """Counts per kind; with ``dry_run`` they say what would have happened."""

    dry_run: bool = False
    organisations: KindCounts = Field(default_factory=KindCounts)
    accounts: KindCounts = Field(default_factory=KindCounts)
    contract_lines: KindCounts = Field(default_factory=KindCounts)
    locations: KindCounts = Field(default_factory=KindCounts)
    products: KindCounts = Field(default_factory=KindCounts)


class RowError(BaseModel):
    """One problem with one row of a batch.

    ``index`` is the row's 0-based position in its list (None for a problem
    with the batch as a whole); ``ref`` its key as sent; ``field`` the field at
    fault ('' when it is the row as a whole).
    """

    kind: str
    index: int | None
    ref: str = ""
    field: str = ""
    message: str


class FleetRejected(ValidationFailed):
    """The batch was refused; nothing was written.

    Attributes:
        row_errors: Every problem found, in batch order.
        errors: The same as ``{"products[3].model": "unknown model 'XY-1'"}``.
    """

    def __init__(self, errors: list[RowError]):
        self.row_errors = list(errors)
        flat: dict[str, str] = {}
        for error in self.row_errors:
            where = error.kind if error.index is None else f"{error.kind}[{error.index}]"
            key = f"{where}.{error.field}" if error.field else where
            flat.setdefault(key, error.message)
        super().__init__(flat)


def _too_many(count: int) -> FleetRejected:
    return FleetRejected(
        [
            RowError(
                kind="batch",
                index=None,
                message=f"the batch holds {count} rows; at most {MAX_ROWS} are accepted per batch",
            )
        ]
    )


def row_ref(kind: str, row: Any) -> str:
    """The key of a row of ``kind`` (a model or plain data) for error reports, '' if unknown."""
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name, None)
    names = {
        "organisations": ("ref",),
        "accounts": ("number",),
        "contract_lines": ("account_number", "contract_number"),
        "locations": ("ref",),
        "products": ("serial",),
    }.get(kind, ())
    parts = [str(get(name)).strip() for name in names if get(name) not in (None, "")]
    return "/".join(parts)


def _pydantic_message(error: dict[str, Any]) -> str:
    if error["type"] == "missing":
        return "is required"
    if error["type"] == "extra_forbidden":
        return "is not a known field"
    if error["type"] == "string_too_short" and error.get("ctx", {}).get("min_length") == 1:
        return "must not be empty"
    return str(error["msg"])


def row_errors_from(exc: pydantic.ValidationError, *, kind: str | None = None, raw: Any = None):
    """The ``RowError`` list of a pydantic validation error.

    Args:
        exc: The error raised while validating a whole batch (``kind`` None) or
            one row of ``kind``.
        kind: The kind of the row validated alone, or None for a whole batch.
        raw: The data that was validated, to name each row's key.
    """
    errors: list[RowError] = []
    for error in exc.errors():
        loc = list(error["loc"])
        if kind is None:
            row_kind = str(loc.pop(0)) if loc else "batch"
            index = loc.pop(0) if loc and isinstance(loc[0], int) else None
            rows = raw.get(row_kind) if isinstance(raw, dict) else None
            row = rows[index] if isinstance(rows, list) and index is not None else None
        else:
            row_kind, index, row = kind, 0, raw
        if row_kind not in KINDS:
            row_kind, index, loc = "batch", None, [row_kind, *loc]
        errors.append(
            RowError(
                kind=row_kind,
                index=index,
                ref=row_ref(row_kind, row) if row is not None else "",
                field=".".join(str(part) for part in loc),
                message=_pydantic_message(error),
            )
        )
    return errors


def parse_batch(data: Any) -> FleetBatch:
    """Validate plain data (decoded JSON) into a ``FleetBatch``.

    Raises:
        FleetRejected: The data is not a batch, has too many rows, or a row is
            malformed; one ``RowError`` per problem.
    """
    if isinstance(data, dict):
        count = sum(len(v) for k, v in data.items() if k in KINDS and isinstance(v, list))
        if count > MAX_ROWS:
            raise _too_many(count)
    try:
        return FleetBatch.model_validate(data)
    except pydantic.ValidationError as exc:
        raise FleetRejected(row_errors_from(exc, raw=data)) from None


# --- Planning: every check, no writes ------------------------------------------


@dataclass
class _Step:
    """What to do with one row: create ``obj`` or apply ``changes`` to it (or nothing)."""

    kind: str
    obj: Any
    created: bool
    changes: dict[str, Any] = field(default_factory=dict)
    organisation: Organisation | None = None
    refs: dict[str, Any] = field(default_factory=dict)
    old: dict[str, Any] = field(default_factory=dict)

    @property
    def outcome(self) -> str:
        if self.created:
            return "created"
        return "updated" if self.changes else "unchanged"


@dataclass
class _Planner:
    session: Session
    batch: FleetBatch
    progress: Progress | None
    errors: list[RowError] = field(default_factory=list)
    steps: list[_Step] = field(default_factory=list)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    organisations_by_id: dict[int, Organisation] = field(default_factory=dict)
    accounts: dict[str, Account] = field(default_factory=dict)
    contract_lines: dict[tuple[int, str], ContractLine] = field(default_factory=dict)
    new_contract_lines: dict[tuple[str, str], ContractLine] = field(default_factory=dict)
    locations: dict[str, Location] = field(default_factory=dict)
    # The organisation of each new account and location (by id() of the row, not yet flushed).
    new_owners: dict[int, Organisation] = field(default_factory=dict)
    rejected: set[tuple[str, str]] = field(default_factory=set)
    done: int = 0

    def error(self, kind: str, index: int, ref: str, field_name: str, message: str) -> None:
        self.errors.append(
            RowError(kind=kind, index=index, ref=ref, field=field_name, message=message)
        )
        self.rejected.add((kind, ref))

    def missing(
        self,
        kind: str,
        index: int,
        ref: str,
        field_name: str,
        target: tuple[str, str],
        message: str,
    ) -> None:
        """Report a reference to something that does not exist, unless its own row was rejected.

        A rejected row of the batch is reported once, not again by every row naming it.
        """
        if target not in self.rejected:
            self.error(kind, index, ref, field_name, message)

    def tick(self, label: str) -> None:
        self.done += 1
        if self.progress is not None and (self.done % 200 == 0):
            self.progress(self.done, self.batch.row_count(), f"checking {label}")

    def load(self, model: Any, column: Any, values: Iterable[Any]) -> Iterator[Any]:
        """Rows of ``model`` whose ``column`` is one of ``values``, queried in chunks."""
        wanted = sorted({v for v in values if v is not None})
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            yield from self.session.exec(
                select(model).where(col(column).in_(chunk)).order_by(col(model.id))
            )

    def organisation(self, ref: str) -> Organisation | None:
        return self.organisations.get(ref)

    def plan(self) -> list[_Step]:
        batch = self.batch
        refs = [o.ref for o in batch.organisations]
        refs += [a.organisation_ref for a in batch.accounts]
        refs += [loc.organisation_ref for loc in batch.locations]
        for org in self.load(Organisation, Organisation.external_ref, refs):
            self.organisations[org.external_ref] = org
            self.organisations_by_id[org.id] = org
        self.plan_organisations()
        numbers = [a.number for a in batch.accounts]
        numbers += [c.account_number for c in batch.contract_lines]
        numbers += [p.account_number for p in batch.products]
        for account in self.load(Account, Account.number, numbers):
            self.accounts.setdefault(account.number, account)
        self.plan_accounts()
        self.plan_contract_lines()
        self.plan_locations()
        self.plan_products()
        return self.steps

    def known_organisation_of(self, organisation_id: int) -> Organisation | None:
        """The organisation with ``organisation_id`` (loaded on demand)."""
        if organisation_id not in self.organisations_by_id:
            org = self.session.get(Organisation, organisation_id)
            if org is not None:
                self.organisations_by_id[organisation_id] = org
        return self.organisations_by_id.get(organisation_id)

    def account_organisation(self, account: Account) -> Organisation | None:
        if account.id is None:
            return self.new_owners[id(account)]
        return self.known_organisation_of(account.organisation_id)

    def plan_organisations(self) -> None:
        seen: dict[str, int] = {}
        for index, row in enumerate(self.batch.organisations):
            self.tick("organisations")
            if row.ref in seen:
                self.error(
                    "organisations",
                    index,
                    row.ref,
                    "ref",
                    f"organisation '{row.ref}' appears more than once in the batch",
                )
                continue
            seen[row.ref] = index
            existing = self.organisations.get(row.ref)
            if existing is None:
                org = Organisation(external_ref=row.ref, name=row.name)
                self.organisations[row.ref] = org
                self.steps.append(_Step("organisations", org, True, organisation=org))
            else:
                changes = _diff(existing, {"name": row.name})
                self.steps.append(_Step("organisations", existing, False, changes, existing))

    def plan_accounts(self) -> None:
        seen: dict[str, int] = {}
        for index, row in enumerate(self.batch.accounts):
            self.tick("accounts")
            ref = row.number
            if ref in seen:
                self.error(
                    "accounts",
                    index,
                    ref,
                    "number",
                    f"account '{ref}' appears more than once in the batch",
                )
                continue
            seen[ref] = index
            org = self.organisation(row.organisation_ref)
            if org is None:
                self.error(
                    "accounts",
                    index,
                    ref,
                    "organisation_ref",
                    f"organisation '{row.organisation_ref}' does not exist",
                )
                continue
            existing = self.accounts.get(ref)
            optional = {"invoice_day", "low_toner_threshold"}
            if existing is None:
                account = Account(
                    number=row.number,
                    name=row.name,
                    invoice_day=row.invoice_day,
                    low_toner_threshold=row.low_toner_threshold,
                )
                self.accounts[ref] = account
                self.new_owners[id(account)] = org
                self.steps.append(
                    _Step(
                        "accounts", account, True, organisation=org, refs={"organisation_id": org}
                    )
                )
                continue
            if org.id is None or existing.organisation_id != org.id:
                self.error(
                    "accounts",
                    index,
                    ref,
                    "organisation_ref",
                    f"account '{ref}' belongs to another organisation",
                )
                continue
            values = {"name": row.name}
            values |= {name: getattr(row, name) for name in optional & row.model_fields_set}
            self.steps.append(_Step("accounts", existing, False, _diff(existing, values), org))

    def service_levels(self) -> dict[str, ServiceLevel]:
        names = {c.service_level for c in self.batch.contract_lines}
        levels: dict[str, ServiceLevel] = {}
        for level in self.load(ServiceLevel, ServiceLevel.name, names):
            levels.setdefault(level.name, level)
        return levels

    def plan_contract_lines(self) -> None:
        levels = self.service_levels()
        wanted = {
            self.accounts[c.account_number].id
            for c in self.batch.contract_lines
            if c.account_number in self.accounts
        }
        wanted |= {
            self.accounts[p.account_number].id
            for p in self.batch.products
            if p.account_number in self.accounts and p.contract_number
        }
        for line in self.load(ContractLine, ContractLine.account_id, wanted):
            self.contract_lines.setdefault((line.account_id, line.contract_number), line)
        seen: dict[tuple[str, str], int] = {}
        for index, row in enumerate(self.batch.contract_lines):
            self.tick("contract lines")
            key = (row.account_number, row.contract_number)
            ref = "/".join(key)
            kind = "contract_lines"
            if key in seen:
                self.error(
                    kind,
                    index,
                    ref,
                    "contract_number",
                    f"contract line '{ref}' appears more than once in the batch",
                )
                continue
            seen[key] = index
            account = self.accounts.get(row.account_number)
            level = levels.get(row.service_level)
            failed = False
            if account is None:
                self.missing(
                    kind,
                    index,
                    ref,
                    "account_number",
                    ("accounts", row.account_number),
                    f"account '{row.account_number}' does not exist",
                )
                failed = True
            if level is None:
                self.error(
                    kind,
                    index,
                    ref,
                    "service_level",
                    f"unknown service level '{row.service_level}'",
                )
                failed = True
            if row.end_date < row.start_date:
                self.error(kind, index, ref, "end_date", "the contract line ends before it starts")
                failed = True
            if failed:
                continue
            org = self.account_organisation(account)
            existing = (
                self.contract_lines.get((account.id, row.contract_number))
                if account.id is not None
                else None
            )
            values = {
                "service_level_id": level.id,
                "start_date": row.start_date,
                "end_date": row.end_date,
            }
            if existing is None:
                line = ContractLine(
                    contract_number=row.contract_number, status=row.status, **values
                )
                self.new_contract_lines[key] = line
                self.steps.append(
                    _Step(kind, line, True, organisation=org, refs={"account_id": account})
                )
                continue
            if "status" in row.model_fields_set:
                values["status"] = row.status
            self.steps.append(_Step(kind, existing, False, _diff(existing, values), org))

    def plan_locations(self) -> None:
        refs = {loc.ref for loc in self.batch.locations}
        refs |= {p.location_ref for p in self.batch.products}
        for location in self.load(Location, Location.external_ref, refs):
            self.locations[location.external_ref] = location
        seen: dict[str, int] = {}
        optional = set(LocationIn.model_fields) - {"ref", "organisation_ref"}
        for index, row in enumerate(self.batch.locations):
            self.tick("locations")
            ref = row.ref
            if ref in seen:
                self.error(
                    "locations",
                    index,
                    ref,
                    "ref",
                    f"location '{ref}' appears more than once in the batch",
                )
                continue
            seen[ref] = index
            org = self.organisation(row.organisation_ref)
            if org is None:
                self.error(
                    "locations",
                    index,
                    ref,
                    "organisation_ref",
                    f"organisation '{row.organisation_ref}' does not exist",
                )
                continue
            existing = self.locations.get(ref)
            if existing is None:
                location = Location(external_ref=ref, **{n: getattr(row, n) for n in optional})
                self.locations[ref] = location
                self.new_owners[id(location)] = org
                self.steps.append(
                    _Step(
                        "locations", location, True, organisation=org, refs={"organisation_id": org}
                    )
                )
                continue
            if org.id is None or existing.organisation_id != org.id:
                self.error(
                    "locations",
                    index,
                    ref,
                    "organisation_ref",
                    f"location '{ref}' belongs to another organisation",
                )
                continue
            values = {name: getattr(row, name) for name in optional & row.model_fields_set}
            self.steps.append(_Step("locations", existing, False, _diff(existing, values), org))

    def location_organisation(self, location: Location) -> Organisation | None:
        if location.id is None:
            return self.new_owners[id(location)]
        return self.known_organisation_of(location.organisation_id)

    def contract_line(self, account: Account, number: str) -> ContractLine | None:
        if account.id is not None and (account.id, number) in self.contract_lines:
            return self.contract_lines[(account.id, number)]
        return self.new_contract_lines.get((account.number, number))

    def plan_products(self) -> None:
        products = self.batch.products
        models: dict[str, ProductModel] = {}
        for model in self.load(ProductModel, ProductModel.name, {p.model for p in products}):
            models[model.name] = model
        existing_by_key: dict[str, Product] = {}
        for product in self.load(
            Product, Product.serial_key, {serial_key(p.serial) for p in products}
        ):
            existing_by_key.setdefault(product.serial_key, product)
        account_ids = {p.account_id for p in existing_by_key.values()}
        existing_accounts = {a.id: a for a in self.load(Account, Account.id, account_ids)}
        seen: dict[str, int] = {}
        optional = {
            "alternative_name",
            "system_account_number",
            "status",
            "maintenance_status",
            "ip_address",
            "mac_address",
            "firmware",
            "options",
            "auto_capture",
            "auto_replenish",
            "installed_on",
        }
        kind = "products"
        for index, row in enumerate(products):
            self.tick("products")
            key = serial_key(row.serial)
            ref = row.serial
            if key in seen:
                self.error(
                    kind,
                    index,
                    ref,
                    "serial",
                    f"serial '{ref}' appears more than once in the batch",
                )
                continue
            seen[key] = index
            account = self.accounts.get(row.account_number)
            model = models.get(row.model)
            location = self.locations.get(row.location_ref)
            failed = False
            if account is None:
                self.missing(
                    kind,
                    index,
                    ref,
                    "account_number",
                    ("accounts", row.account_number),
                    f"account '{row.account_number}' does not exist",
                )
                failed = True
            if model is None:
                self.error(kind, index, ref, "model", f"unknown model '{row.model}'")
                failed = True
            if location is None:
                self.missing(
                    kind,
                    index,
                    ref,
                    "location_ref",
                    ("locations", row.location_ref),
                    f"location '{row.location_ref}' does not exist",
                )
                failed = True
            if failed:
                continue
            org = self.account_organisation(account)
            if self.location_organisation(location) is not org:
                self.error(
                    kind,
                    index,
                    ref,
                    "location_ref",
                    f"location '{row.location_ref}' belongs to another organisation "
                    f"than account '{row.account_number}'",
                )
                continue
            line: ContractLine | None = None
            if row.contract_number is not None:
                line = self.contract_line(account, row.contract_number)
                if line is None:
                    self.missing(
                        kind,
                        index,
                        ref,
                        "contract_number",
                        ("contract_lines", f"{row.account_number}/{row.contract_number}"),
                        f"contract line '{row.contract_number}' does not exist "
                        f"on account '{row.account_number}'",
                    )
                    continue
            existing = existing_by_key.get(key)
            if existing is None:
                product = Product(
                    serial=row.serial,
                    serial_key=key,
                    sync_status=SYNCED,
                    **{name: getattr(row, name) for name in optional},
                )
                refs = {
                    "account_id": account,
                    "model_id": model,
                    "location_id": location,
                    "contract_line_id": line,
                }
                self.steps.append(_Step(kind, product, True, organisation=org, refs=refs))
                continue
            old_account = existing_accounts.get(existing.account_id)
            if (
                old_account is None
                or self.known_organisation_of(old_account.organisation_id) is not org
            ):
                self.error(
                    kind,
                    index,
                    ref,
                    "account_number",
                    f"product '{ref}' belongs to another organisation",
                )
                continue
            values: dict[str, Any] = {
                "account_id": account,
                "model_id": model,
                "location_id": location,
                "sync_status": SYNCED,
            }
            if "contract_number" in row.model_fields_set:
                values["contract_line_id"] = line
            elif account is not old_account:
                # A contract line belongs to one account: a moved product keeps none it had.
                values["contract_line_id"] = None
            values |= {name: getattr(row, name) for name in optional & row.model_fields_set}
            self.steps.append(_Step(kind, existing, False, _diff(existing, values), org))


def _plain(value: Any) -> Any:
    """A planned value as stored: a referenced row stands for its id."""
    if isinstance(value, SQLModel):
        return value.id
    return value


def _diff(obj: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The entries of ``values`` that differ from what ``obj`` holds (rows compared by id)."""
    changes = {}
    for name, value in values.items():
        current = getattr(obj, name)
        if isinstance(value, SQLModel):
            if value.id is None or value.id != current:
                changes[name] = value
        elif value != current:
            changes[name] = value
    return changes


# --- Applying the plan ----------------------------------------------------------

_OBJECT_TYPES = {
    "organisations": "organisation",
    "accounts": "account",
    "contract_lines": "contract_line",
    "locations": "location",
    "products": "product",
}


def _created_values(obj: Any) -> dict[str, Any]:
    return {
        name: getattr(obj, name)
        for name in type(obj).model_fields
        if name not in ("id", "created_at") and not name.startswith("_")
    }


def _apply(
    session: Session,
    actor: User | None,
    steps: list[_Step],
    now: datetime | None,
    progress: Progress | None,
) -> None:
    total = len(steps)
    done = 0
    for kind in KINDS:
        of_kind = [s for s in steps if s.kind == kind]
        for step in of_kind:
            if step.created:
                # The rows referred to are flushed by now, so they have their ids.
                for name, target in step.refs.items():
                    setattr(step.obj, name, _plain(target))
                session.add(step.obj)
            elif step.changes:
                for name, value in step.changes.items():
                    setattr(step.obj, name, _plain(value))
                session.add(step.obj)
        session.flush()
        noun = _OBJECT_TYPES[kind]
        for step in of_kind:
            done += 1
            if progress is not None and done % 200 == 0:
                progress(done, total, f"writing {kind.replace('_', ' ')}")
            if not (step.created or step.changes):
                continue
            if step.created:
                old, new, action = {}, _created_values(step.obj), f"fleet.{noun}_created"
            else:
                old = {name: step.old[name] for name in step.changes}
                new = {name: _plain(value) for name, value in step.changes.items()}
                action = f"fleet.{noun}_updated"
            audit.record(
                session=session,
                actor=actor,
                action=action,
                object_type=noun,
                object_id=step.obj.id,
                old=old,
                new=new,
                organisation_id=step.organisation.id if step.organisation else None,
                now=now,
            )


def upsert_fleet(
    *,
    session: Session,
    actor: User | None,
    batch: FleetBatch,
    dry_run: bool = False,
    system: bool = False,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> FleetResult:
    """Create or update the organisations, accounts, contract lines, locations and products sent.

    Args:
        session: The open session; the caller commits (one transaction for the batch).
        actor: The provider admin or integration user sending the batch (None with ``system``).
        batch: The rows to upsert.
        dry_run: Check everything and count, but write nothing.
        system: The command line runs the import; audited as the system.
        now: The time of the change (defaults to the portal clock).
        progress: Called as ``progress(done, total, label)`` while checking and writing.

    Returns:
        How many rows of each kind were (or, with ``dry_run``, would be)
        created, updated or left unchanged.

    Raises:
        PermissionDenied: The actor is not an active provider admin or integration user.
        FleetRejected: Some row is invalid or refers to something that does not
            exist; every problem is listed and nothing was written.
    """
    if system:
        actor = None
    else:
        scope.require_role(actor, Role.PROVIDER_ADMIN, Role.INTEGRATION)
    count = batch.row_count()
    if count > MAX_ROWS:
        raise _too_many(count)
    planner = _Planner(session=session, batch=batch, progress=progress)
    steps = planner.plan()
    if planner.errors:
        raise FleetRejected(planner.errors)
    result = FleetResult(dry_run=dry_run)
    for step in steps:
        counts = getattr(result, step.kind)
        setattr(counts, step.outcome, getattr(counts, step.outcome) + 1)
        if step.changes:
            step.old = {name: getattr(step.obj, name) for name in step.changes}
    if progress is not None:
        progress(count, count, "checked")
    if not dry_run:
        _apply(session, actor, steps, now, progress)
        if progress is not None:
            progress(len(steps), max(len(steps), 1), "written")
    return result
