"""Fleet upserts (SPEC F1, F2): create, update, idempotence, references, rejection, dry run."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pydantic
import pytest
import sqlalchemy as sa
from sqlmodel import select

from portal.errors import PermissionDenied, ValidationFailed
from portal.models import (
    Account,
    AuditLog,
    ContractLine,
    Location,
    Organisation,
    Product,
    Role,
)
from portal.services.fleet import (
    MAX_ROWS,
    AccountIn,
    ContractLineIn,
    FleetBatch,
    FleetRejected,
    FleetResult,
    LocationIn,
    OrganisationIn,
    ProductIn,
    parse_batch,
    upsert_fleet,
)
from tests.factories import make_account, make_model, make_org, make_product, make_user

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def catalogue(session):
    """The models and the service level an import refers to by name."""
    from portal.models import BusinessCalendar, ServiceLevel

    calendar = BusinessCalendar(name="Default")
    session.add(calendar)
    session.flush()
    gold = ServiceLevel(name="Gold", response_hours=4, resolution_hours=8, calendar_id=calendar.id)
    session.add(gold)
    models = {name: make_model(session, name) for name in ("MX-3051", "C-250i")}
    session.commit()
    return {"gold": gold, **models}


def _batch(**overrides) -> FleetBatch:
    data = {
        "organisations": [{"ref": "ORG-1", "name": "Acme Ibérica"}],
        "accounts": [{"number": "A-1", "name": "Acme Madrid", "organisation_ref": "ORG-1"}],
        "contract_lines": [
            {
                "account_number": "A-1",
                "contract_number": "C-1",
                "service_level": "Gold",
                "start_date": "2025-01-01",
                "end_date": "2027-12-31",
            }
        ],
        "locations": [
            {
                "ref": "LOC-1",
                "organisation_ref": "ORG-1",
                "site": "HQ",
                "address": "Calle Mayor 1",
                "postal_code": "28001",
                "city": "Madrid",
                "floor": "2",
            }
        ],
        "products": [
            {
                "serial": "SN100",
                "account_number": "A-1",
                "model": "MX-3051",
                "location_ref": "LOC-1",
                "contract_number": "C-1",
                "alternative_name": "Reception",
                "ip_address": "10.0.0.5",
                "options": ["finisher", "fax"],
                "installed_on": "2025-02-01",
            },
            {
                "serial": "SN101",
                "account_number": "A-1",
                "model": "C-250i",
                "location_ref": "LOC-1",
            },
        ],
    }
    data.update(overrides)
    return parse_batch(data)


def _run(session, batch, **kwargs) -> FleetResult:
    kwargs.setdefault("system", True)
    result = upsert_fleet(session=session, actor=None, batch=batch, now=NOW, **kwargs)
    session.commit()
    return result


def _counts(result: FleetResult) -> dict[str, tuple[int, int, int]]:
    return {
        kind: (counts["created"], counts["updated"], counts["unchanged"])
        for kind, counts in result.model_dump(exclude={"dry_run"}).items()
    }


def _rows(session, model) -> list:
    return list(session.exec(select(model).order_by(model.id)))


def _audit(session) -> list[AuditLog]:
    return _rows(session, AuditLog)


def test_a_batch_creates_everything_it_holds(session, catalogue):
    result = _run(session, _batch())

    assert _counts(result) == {
        "organisations": (1, 0, 0),
        "accounts": (1, 0, 0),
        "contract_lines": (1, 0, 0),
        "locations": (1, 0, 0),
        "products": (2, 0, 0),
    }
    assert result.dry_run is False
    org = session.exec(select(Organisation).where(Organisation.external_ref == "ORG-1")).one()
    account = session.exec(select(Account).where(Account.number == "A-1")).one()
    assert (account.organisation_id, account.invoice_day, account.low_toner_threshold) == (
        org.id,
        28,
        20,
    )
    line = session.exec(select(ContractLine)).one()
    assert (line.account_id, line.service_level_id, line.status) == (
        account.id,
        catalogue["gold"].id,
        "active",
    )
    location = session.exec(select(Location)).one()
    assert (location.organisation_id, location.external_ref, location.floor) == (
        org.id,
        "LOC-1",
        "2",
    )
    first, second = _rows(session, Product)
    assert first.serial == "SN100" and first.serial_key == "SN100"
    assert first.account_id == account.id and first.location_id == location.id
    assert first.model_id == catalogue["MX-3051"].id and first.contract_line_id == line.id
    assert first.options == ["finisher", "fax"] and first.installed_on == date(2025, 2, 1)
    assert first.sync_status == "synced" and first.status == "active"
    assert second.contract_line_id is None and second.model_id == catalogue["C-250i"].id

    entries = _audit(session)
    assert [e.action for e in entries] == [
        "fleet.organisation_created",
        "fleet.account_created",
        "fleet.contract_line_created",
        "fleet.location_created",
        "fleet.product_created",
        "fleet.product_created",
    ]
    assert all(e.actor_id is None and e.organisation_id == org.id for e in entries)
    product_entry = entries[4]
    assert (product_entry.object_type, product_entry.object_id) == ("product", first.id)
    assert product_entry.new_values["serial"] == "SN100"
    assert product_entry.new_values["account_id"] == account.id


def test_the_same_batch_twice_changes_nothing_the_second_time(session, engine, catalogue):
    _run(session, _batch())
    audit_count = len(_audit(session))
    statements: list[str] = []

    def remember(conn, cursor, statement, *args):
        statements.append(statement.split()[0].upper())

    sa.event.listen(engine, "before_cursor_execute", remember)
    try:
        result = _run(session, _batch())
    finally:
        sa.event.remove(engine, "before_cursor_execute", remember)

    assert _counts(result) == {
        "organisations": (0, 0, 1),
        "accounts": (0, 0, 1),
        "contract_lines": (0, 0, 1),
        "locations": (0, 0, 1),
        "products": (0, 0, 2),
    }
    assert len(_audit(session)) == audit_count
    assert "UPDATE" not in statements and "INSERT" not in statements


def test_whitespace_and_serial_spelling_do_not_count_as_changes(session, catalogue):
    _run(session, _batch())
    batch = _batch()
    batch.products[0] = ProductIn.model_validate(
        {**batch.products[0].model_dump(), "serial": " sn 100 ", "alternative_name": " Reception "}
    )
    result = _run(session, batch)
    assert result.products.unchanged == 2 and result.products.created == 0
    assert len(_rows(session, Product)) == 2


def test_an_update_changes_only_what_differs_and_audits_old_and_new(session, catalogue):
    _run(session, _batch())
    before = len(_audit(session))
    batch = parse_batch(
        {
            "accounts": [
                {"number": "A-1", "name": "Acme Madrid Centro", "organisation_ref": "ORG-1"}
            ],
            "products": [
                {
                    "serial": "SN100",
                    "account_number": "A-1",
                    "model": "MX-3051",
                    "location_ref": "LOC-1",
                    "firmware": "2.1",
                }
            ],
        }
    )
    result = _run(session, batch)

    assert result.accounts.updated == 1 and result.products.updated == 1
    account = session.exec(select(Account).where(Account.number == "A-1")).one()
    assert account.name == "Acme Madrid Centro" and account.invoice_day == 28
    product = session.exec(select(Product).where(Product.serial == "SN100")).one()
    # Omitted optional fields keep their stored values.
    assert product.firmware == "2.1"
    assert product.alternative_name == "Reception" and product.options == ["finisher", "fax"]
    assert product.contract_line_id is not None and product.ip_address == "10.0.0.5"
    entries = _audit(session)[before:]
    assert [(e.action, e.old_values, e.new_values) for e in entries] == [
        (
            "fleet.account_updated",
            {"name": "Acme Madrid"},
            {"name": "Acme Madrid Centro"},
        ),
        ("fleet.product_updated", {"firmware": ""}, {"firmware": "2.1"}),
    ]
    assert entries[1].object_id == product.id


def test_optional_fields_sent_explicitly_are_applied_even_empty(session, catalogue):
    _run(session, _batch())
    product_row = {
        "serial": "SN100",
        "account_number": "A-1",
        "model": "MX-3051",
        "location_ref": "LOC-1",
        "contract_number": None,
        "alternative_name": "",
        "options": [],
    }
    location_row = {"ref": "LOC-1", "organisation_ref": "ORG-1", "floor": ""}
    _run(session, parse_batch({"locations": [location_row], "products": [product_row]}))

    product = session.exec(select(Product).where(Product.serial == "SN100")).one()
    assert product.contract_line_id is None
    assert product.alternative_name == "" and product.options == []
    assert product.ip_address == "10.0.0.5"
    location = session.exec(select(Location)).one()
    assert location.floor == "" and location.city == "Madrid"


def test_an_import_marks_its_products_synced(session, catalogue):
    _run(session, _batch())
    product = session.exec(select(Product).where(Product.serial == "SN101")).one()
    product.sync_status = "error"
    session.add(product)
    session.commit()

    result = _run(session, _batch())

    assert result.products.updated == 1 and result.products.unchanged == 1
    session.refresh(product)
    assert product.sync_status == "synced"
    assert _audit(session)[-1].new_values == {"sync_status": "synced"}


def test_references_resolve_against_the_database_and_the_batch(session, catalogue):
    org = make_org(session, "Existing")
    org.external_ref = "ORG-OLD"
    account = make_account(session, org, number="A-OLD")
    session.commit()
    batch = parse_batch(
        {
            # A new location of an existing organisation, a new contract line of an
            # existing account, and products naming both.
            "contract_lines": [
                {
                    "account_number": "A-OLD",
                    "contract_number": "C-9",
                    "service_level": "Gold",
                    "start_date": "2025-01-01",
                    "end_date": "2026-12-31",
                }
            ],
            "locations": [{"ref": "LOC-9", "organisation_ref": "ORG-OLD", "city": "Bilbao"}],
            "products": [
                {
                    "serial": "SN900",
                    "account_number": "A-OLD",
                    "model": "C-250i",
                    "location_ref": "LOC-9",
                    "contract_number": "C-9",
                }
            ],
        }
    )
    result = _run(session, batch)

    assert (result.contract_lines.created, result.locations.created) == (1, 1)
    product = session.exec(select(Product).where(Product.serial == "SN900")).one()
    line = session.get(ContractLine, product.contract_line_id)
    assert product.account_id == account.id and line.account_id == account.id
    assert session.get(Location, product.location_id).organisation_id == org.id


def test_unknown_references_are_row_errors_and_nothing_is_written(session, catalogue):
    batch = _batch(
        contract_lines=[
            {
                "account_number": "A-1",
                "contract_number": "C-1",
                "service_level": "Platinum",
                "start_date": "2025-01-01",
                "end_date": "2027-12-31",
            }
        ],
        products=[
            {"serial": "SN1", "account_number": "A-1", "model": "XY-1", "location_ref": "LOC-1"},
            {"serial": "SN2", "account_number": "A-9", "model": "C-250i", "location_ref": "LOC-1"},
            {"serial": "SN3", "account_number": "A-1", "model": "C-250i", "location_ref": "LOC-1"},
            {"serial": "sn 3", "account_number": "A-1", "model": "C-250i", "location_ref": "L-0"},
        ],
    )
    with pytest.raises(FleetRejected) as caught:
        upsert_fleet(session=session, actor=None, system=True, batch=batch, now=NOW)
    session.rollback()

    errors = [(e.kind, e.index, e.ref, e.field, e.message) for e in caught.value.row_errors]
    assert errors == [
        (
            "contract_lines",
            0,
            "A-1/C-1",
            "service_level",
            "unknown service level 'Platinum'",
        ),
        ("products", 0, "SN1", "model", "unknown model 'XY-1'"),
        ("products", 1, "SN2", "account_number", "account 'A-9' does not exist"),
        ("products", 3, "sn 3", "serial", "serial 'sn 3' appears more than once in the batch"),
    ]
    assert isinstance(caught.value, ValidationFailed)
    assert caught.value.errors["products[0].model"] == "unknown model 'XY-1'"
    for model in (Organisation, Account, ContractLine, Location, Product, AuditLog):
        assert _rows(session, model) == [], model


def test_a_location_unknown_anywhere_is_a_row_error(session, catalogue):
    batch = _batch(locations=[])
    with pytest.raises(FleetRejected) as caught:
        upsert_fleet(session=session, actor=None, system=True, batch=batch, now=NOW)
    assert {(e.index, e.field, e.message) for e in caught.value.row_errors} == {
        (0, "location_ref", "location 'LOC-1' does not exist"),
        (1, "location_ref", "location 'LOC-1' does not exist"),
    }


def test_a_product_cannot_move_to_another_organisation(session, catalogue):
    _run(session, _batch())
    other = make_org(session, "Other")
    other.external_ref = "ORG-2"
    make_account(session, other, number="B-1")
    session.commit()
    batch = parse_batch(
        {
            "locations": [{"ref": "LOC-2", "organisation_ref": "ORG-2"}],
            "products": [
                {
                    "serial": "SN100",
                    "account_number": "B-1",
                    "model": "MX-3051",
                    "location_ref": "LOC-2",
                },
                {
                    "serial": "SN102",
                    "account_number": "B-1",
                    "model": "MX-3051",
                    "location_ref": "LOC-1",
                },
            ],
        }
    )
    with pytest.raises(FleetRejected) as caught:
        upsert_fleet(session=session, actor=None, system=True, batch=batch, now=NOW)
    assert [(e.index, e.field, e.message) for e in caught.value.row_errors] == [
        (0, "account_number", "product 'SN100' belongs to another organisation"),
        (1, "location_ref", "location 'LOC-1' belongs to another organisation than account 'B-1'"),
    ]


def test_a_product_moves_between_accounts_of_its_organisation(session, catalogue):
    _run(session, _batch())
    batch = parse_batch(
        {
            "accounts": [{"number": "A-2", "name": "Acme Sevilla", "organisation_ref": "ORG-1"}],
            "products": [
                {
                    "serial": "SN100",
                    "account_number": "A-2",
                    "model": "MX-3051",
                    "location_ref": "LOC-1",
                }
            ],
        }
    )
    result = _run(session, batch)
    assert result.accounts.created == 1 and result.products.updated == 1
    product = session.exec(select(Product).where(Product.serial == "SN100")).one()
    new_account = session.exec(select(Account).where(Account.number == "A-2")).one()
    # The contract line belonged to the old account, so the product leaves it.
    assert product.account_id == new_account.id and product.contract_line_id is None


def test_an_account_cannot_change_organisation(session, catalogue):
    _run(session, _batch())
    batch = parse_batch(
        {
            "organisations": [{"ref": "ORG-2", "name": "Other"}],
            "accounts": [{"number": "A-1", "name": "Acme Madrid", "organisation_ref": "ORG-2"}],
        }
    )
    with pytest.raises(FleetRejected) as caught:
        upsert_fleet(session=session, actor=None, system=True, batch=batch, now=NOW)
    assert [e.message for e in caught.value.row_errors] == [
        "account 'A-1' belongs to another organisation"
    ]


def test_a_contract_line_ending_before_it_starts_is_refused(session, catalogue):
    line = {
        "account_number": "A-1",
        "contract_number": "C-1",
        "service_level": "Gold",
        "start_date": "2025-01-01",
        "end_date": "2024-12-31",
    }
    with pytest.raises(FleetRejected) as caught:
        upsert_fleet(
            session=session, actor=None, system=True, batch=_batch(contract_lines=[line]), now=NOW
        )
    assert [(e.kind, e.field) for e in caught.value.row_errors] == [("contract_lines", "end_date")]


def test_a_dry_run_counts_but_writes_nothing(session, catalogue):
    result = upsert_fleet(session=session, actor=None, system=True, batch=_batch(), dry_run=True)
    assert result.dry_run is True
    assert result.products.created == 2 and result.organisations.created == 1
    assert not session.new and not session.dirty
    session.commit()
    for model in (Organisation, Account, ContractLine, Location, Product, AuditLog):
        assert _rows(session, model) == [], model

    _run(session, _batch())
    session.exec(select(Product).where(Product.serial == "SN100")).one()
    changed = _batch()
    changed.accounts[0] = AccountIn(number="A-1", name="Renamed", organisation_ref="ORG-1")
    result = upsert_fleet(session=session, actor=None, system=True, batch=changed, dry_run=True)
    assert result.accounts.updated == 1 and result.products.unchanged == 2
    assert not session.dirty
    session.commit()
    assert session.exec(select(Account.name)).one() == "Acme Madrid"


def test_only_provider_admins_and_integration_users_may_import(session, catalogue):
    customer_admin = make_user(session, role=Role.ADMINISTRATOR)
    agent = make_user(session, role=Role.AGENT)
    for actor in (customer_admin, agent, None):
        with pytest.raises(PermissionDenied):
            upsert_fleet(session=session, actor=actor, batch=_batch())
    suspended = make_user(session, role=Role.PROVIDER_ADMIN, status="inactive")
    with pytest.raises(PermissionDenied):
        upsert_fleet(session=session, actor=suspended, batch=_batch())

    integration = make_user(session, role=Role.INTEGRATION)
    result = upsert_fleet(session=session, actor=integration, batch=_batch(), now=NOW)
    assert result.products.created == 2
    assert {e.actor_id for e in _audit(session)} == {integration.id}

    provider_admin = make_user(session, role=Role.PROVIDER_ADMIN)
    result = upsert_fleet(session=session, actor=provider_admin, batch=_batch(), now=NOW)
    assert result.products.unchanged == 2


def test_schemas_refuse_unknown_fields_and_overlong_text(session):
    with pytest.raises(pydantic.ValidationError):
        OrganisationIn(ref="O", name="N", colour="blue")
    with pytest.raises(pydantic.ValidationError):
        LocationIn(ref="L", organisation_ref="O", postal_code="1" * 21)
    with pytest.raises(pydantic.ValidationError):
        ContractLineIn(
            account_number="A",
            contract_number="",
            service_level="Gold",
            start_date=date(2025, 1, 1),
            end_date=date(2025, 2, 1),
        )
    with pytest.raises(FleetRejected) as caught:
        parse_batch({"products": [{"serial": "SN1", "colour": "red"}], "extra": []})
    found = {(e.kind, e.index, e.ref, e.field) for e in caught.value.row_errors}
    assert ("products", 0, "SN1", "colour") in found
    assert ("products", 0, "SN1", "model") in found
    assert ("batch", None, "", "extra") in found


def test_batches_over_the_limit_are_refused(session):
    rows = [{"ref": f"O{i}", "name": "N"} for i in range(MAX_ROWS // 2 + 1)]
    with pytest.raises(FleetRejected) as caught:
        parse_batch({"organisations": rows, "locations": rows})
    assert caught.value.row_errors[0].kind == "batch"
    assert "at most 50000" in caught.value.row_errors[0].message

    organisations = [OrganisationIn(ref=f"O{i}", name="N") for i in range(MAX_ROWS + 1)]
    batch = FleetBatch.model_construct(organisations=organisations)
    with pytest.raises(FleetRejected):
        upsert_fleet(session=session, actor=None, system=True, batch=batch)


def test_existing_products_are_matched_by_serial_key(session, catalogue):
    org = make_org(session, "Existing")
    org.external_ref = "ORG-1"
    account = make_account(session, org, number="A-1")
    existing = make_product(session, account=account, serial="SN 100", model=catalogue["MX-3051"])
    session.commit()

    result = _run(session, _batch())

    assert result.products.updated == 1 and result.products.created == 1
    session.refresh(existing)
    assert existing.serial == "SN 100", "the stored spelling stays"
    assert existing.alternative_name == "Reception"
    assert (
        existing.location_id
        == session.exec(select(Location.id).where(Location.external_ref == "LOC-1")).one()
    )
    assert len(_rows(session, Product)) == 2
