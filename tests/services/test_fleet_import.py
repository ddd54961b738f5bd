"""``python -m portal import FILE`` (SPEC F1): CSV and JSON files, exit codes, reports, dry run."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlmodel import Session, select

from portal import fleet_import
from portal.models import (
    Account,
    AuditLog,
    BusinessCalendar,
    ContractLine,
    Location,
    Organisation,
    Product,
    ServiceLevel,
)
from tests.factories import make_model

HEADER = list(fleet_import.CSV_COLUMNS)


@pytest.fixture
def database(engine, monkeypatch):
    """The command's database is the test's, with the models and service level it names."""
    monkeypatch.setattr("portal.db.get_engine", lambda: engine)
    with Session(engine) as session:
        calendar = BusinessCalendar(name="Default")
        session.add(calendar)
        session.flush()
        session.add(
            ServiceLevel(name="Gold", response_hours=4, resolution_hours=8, calendar_id=calendar.id)
        )
        make_model(session, "MX-3051")
        make_model(session, "C-250i")
        session.commit()
    return engine


def _line(**values) -> dict[str, str]:
    row = {
        "organisation_ref": "ORG-1",
        "organisation_name": "Acme Ibérica",
        "account_number": "A-1",
        "account_name": "Acme Madrid",
        "contract_number": "C-1",
        "service_level": "Gold",
        "contract_start": "2025-01-01",
        "contract_end": "2027-12-31",
        "location_ref": "LOC-1",
        "site": "HQ",
        "address": "Calle Mayor 1",
        "postal_code": "28001",
        "city": "Madrid",
        "floor": "2",
        "room": "201",
        "contact_name": "Ana",
        "contact_phone": "+34 600 000 000",
        "serial": "SN100",
        "model": "MX-3051",
        "alternative_name": "Reception",
        "system_account_number": "SYS-1",
        "status": "active",
        "ip_address": "10.0.0.5",
        "mac_address": "00:11:22:33:44:55",
        "firmware": "1.0",
        "options": "finisher; fax",
        "auto_capture": "yes",
        "auto_replenish": "no",
        "installed_on": "2025-02-01",
    }
    row.update(values)
    return row


def _write_csv(path, rows, header=HEADER, delimiter=","):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _three_lines(tmp_path):
    return _write_csv(
        tmp_path / "fleet.csv",
        [
            _line(),
            _line(serial="SN101", model="C-250i", options="", auto_capture=""),
            # Same organisation and account; another location and no contract line.
            _line(
                serial="SN102",
                location_ref="LOC-2",
                city="Sevilla",
                contract_number="",
                service_level="",
                contract_start="",
                contract_end="",
            ),
        ],
    )


def _run(path, **kwargs) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = fleet_import.run(path, out=out, err=err, **kwargs)
    return code, out.getvalue(), err.getvalue()


def _all(engine, model) -> list:
    with Session(engine) as session:
        return list(session.exec(select(model).order_by(model.id)))


def test_a_csv_file_creates_the_fleet_once(database, tmp_path):
    path = _three_lines(tmp_path)

    code, out, err = _run(path)

    assert code == 0, err
    assert out.splitlines() == [
        "organisations: 1 created, 0 updated, 0 unchanged",
        "accounts: 1 created, 0 updated, 0 unchanged",
        "contract lines: 1 created, 0 updated, 0 unchanged",
        "locations: 2 created, 0 updated, 0 unchanged",
        "products: 3 created, 0 updated, 0 unchanged",
    ]
    assert "%" in err, "a progress bar on stderr"
    products = {p.serial: p for p in _all(database, Product)}
    line = _all(database, ContractLine)[0]
    assert products["SN100"].options == ["finisher", "fax"]
    assert products["SN100"].auto_capture is True and products["SN100"].auto_replenish is False
    assert products["SN100"].contract_line_id == line.id
    assert products["SN101"].options == [] and products["SN101"].auto_capture is False
    assert products["SN102"].contract_line_id is None
    assert {loc.city for loc in _all(database, Location)} == {"Madrid", "Sevilla"}
    audit_count = len(_all(database, AuditLog))
    assert audit_count == 1 + 1 + 1 + 2 + 3

    code, out, err = _run(path)

    assert code == 0, err
    assert out.splitlines()[-1] == "products: 0 created, 0 updated, 3 unchanged"
    assert len(_all(database, AuditLog)) == audit_count


def test_a_csv_file_updates_what_changed(database, tmp_path):
    _run(_three_lines(tmp_path))
    path = _write_csv(
        tmp_path / "changed.csv",
        [_line(account_name="Acme Madrid Centro", firmware="2.0", floor="3")],
    )

    code, out, _ = _run(path)

    assert code == 0
    assert "accounts: 0 created, 1 updated, 0 unchanged" in out
    assert "locations: 0 created, 1 updated, 0 unchanged" in out
    assert "products: 0 created, 1 updated, 0 unchanged" in out
    product = next(p for p in _all(database, Product) if p.serial == "SN100")
    assert product.firmware == "2.0"


def test_semicolon_csv_with_only_some_columns_keeps_the_rest(database, tmp_path):
    _run(_three_lines(tmp_path))
    header = ["serial", "account_number", "model", "location_ref", "alternative_name"]
    path = _write_csv(
        tmp_path / "names.csv",
        [_line(serial="sn 101", model="C-250i", alternative_name="Printer room")],
        header=header,
        delimiter=";",
    )

    code, out, err = _run(path)

    assert code == 0, err
    assert "products: 0 created, 1 updated, 0 unchanged" in out
    product = next(p for p in _all(database, Product) if p.serial == "SN101")
    assert product.alternative_name == "Printer room"
    assert product.firmware == "1.0" and product.location_id is not None


def test_bad_csv_rows_are_reported_by_line_and_nothing_changes(database, tmp_path):
    path = _write_csv(
        tmp_path / "bad.csv",
        [
            _line(),
            _line(serial="SN101"),
            _line(serial="SN123", model="XY-1"),
            _line(serial="SN124", account_name="Acme Bilbao"),
            _line(serial="SN125", installed_on="yesterday"),
        ],
    )

    code, out, err = _run(path)

    assert code == 1
    assert out == ""
    report = err.splitlines()
    assert "line 4 (products SN123) model: unknown model 'XY-1'" in report
    assert "line 5 (accounts A-1) name: 'Acme Bilbao' differs from line 2 ('Acme Madrid')" in report
    assert any(r.startswith("line 6 (products SN125) installed_on: ") for r in report)
    assert report[-1] == f"3 errors in {path}; nothing was changed."
    for model in (Organisation, Account, Product, AuditLog):
        assert _all(database, model) == []


def test_reference_errors_found_by_the_service_carry_the_csv_line(database, tmp_path):
    path = _write_csv(
        tmp_path / "bad.csv",
        [
            _line(),
            _line(serial="SN101", model="XY-1"),
            _line(serial="SN102", account_number="A-9", account_name=""),
            _line(serial="sn 101", model="XY-1"),
        ],
    )

    code, _, err = _run(path)

    assert code == 1
    report = err.splitlines()
    assert "line 3 (products SN101) model: unknown model 'XY-1'" in report
    assert "line 4 (products SN102) account_number: account 'A-9' does not exist" in report
    assert "line 4 (contract_lines A-9/C-1) account_number: account 'A-9' does not exist" in report
    # Line 5 repeats line 3 with the serial spelt otherwise: the same product, told once.
    assert report[-1] == f"3 errors in {path}; nothing was changed."
    assert _all(database, Product) == []


def test_a_dry_run_reports_the_counts_and_changes_nothing(database, tmp_path):
    code, out, _ = _run(_three_lines(tmp_path), dry_run=True)

    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "dry run: nothing was changed"
    assert lines[-1] == "products: 3 created, 0 updated, 0 unchanged"
    for model in (Organisation, Account, Location, Product, AuditLog):
        assert _all(database, model) == []


def test_a_json_file_is_a_fleet_batch(database, tmp_path):
    batch = {
        "organisations": [{"ref": "ORG-1", "name": "Acme"}],
        "accounts": [{"number": "A-1", "name": "Acme Madrid", "organisation_ref": "ORG-1"}],
        "locations": [{"ref": "LOC-1", "organisation_ref": "ORG-1", "city": "Madrid"}],
        "products": [
            {"serial": "SN1", "account_number": "A-1", "model": "MX-3051", "location_ref": "LOC-1"}
        ],
    }
    path = tmp_path / "fleet.json"
    path.write_text(json.dumps(batch), encoding="utf-8")

    code, out, err = _run(path)
    assert code == 0, err
    assert "products: 1 created, 0 updated, 0 unchanged" in out

    code, out, _ = _run(path)
    assert code == 0
    assert "products: 0 created, 0 updated, 1 unchanged" in out

    batch["products"].append(
        {"serial": "SN2", "account_number": "A-1", "model": "XY-1", "location_ref": "LOC-1"}
    )
    batch["products"].append({"serial": "SN3", "colour": "red"})
    path.write_text(json.dumps(batch), encoding="utf-8")
    code, _, err = _run(path)
    assert code == 1
    report = err.splitlines()
    assert "products[2] (SN3) colour: is not a known field" in report
    assert "products[2] (SN3) model: is required" in report

    del batch["products"][2]
    no_suffix = tmp_path / "fleet-data"
    no_suffix.write_text(json.dumps(batch), encoding="utf-8")
    code, _, err = _run(no_suffix)
    assert code == 1
    assert "products[1] (SN2) model: unknown model 'XY-1'" in err.splitlines()
    assert len(_all(database, Product)) == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("broken.json", "{not json"),
        ("list.json", "[]"),
        ("columns.csv", "serial,model\nSN1,MX-3051\n"),
        ("typo.csv", "serial,account_number,model,location_ref,colour\n"),
        ("empty.csv", ""),
    ],
)
def test_unreadable_files_exit_with_2(database, tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, out, err = _run(path)
    assert code == 2 and out == ""
    assert err.startswith(f"error: cannot import {path}: ")


def test_a_missing_file_exits_with_2(database, tmp_path):
    code, _, err = _run(tmp_path / "nowhere.csv")
    assert code == 2 and "cannot import" in err


def test_the_command_line_runs_the_import(database, tmp_path, monkeypatch, capsys):
    import portal.__main__ as cli

    monkeypatch.setattr(cli, "migrate", lambda: None)
    path = _three_lines(tmp_path)

    assert cli.main(["import", str(path), "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("dry run: nothing was changed")
    assert _all(database, Product) == []
    assert cli.main(["import", str(path)]) == 0
    assert len(_all(database, Product)) == 3
