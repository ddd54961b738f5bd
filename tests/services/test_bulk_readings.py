"""Bulk meter-reading entry (SPEC C4): template, parsing, per-row processing and confirmation."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from sqlmodel import Session, col, select

from portal.errors import PermissionDenied, ValidationFailed
from portal.models import CounterType, MeterReading, ReadingSource, Role
from portal.services import bulk_readings
from portal.services.bulk_readings import Row, parse_upload, process_upload, template_csv
from tests.factories import (
    assign_product,
    make_account,
    make_model,
    make_org,
    make_product,
    make_user,
)

TODAY = date(2026, 3, 2)
LAST_DAY = TODAY - timedelta(days=30)


def _counters(session, model, codes=("total", "black", "colour")):
    for position, code in enumerate(codes):
        session.add(CounterType(model_id=model.id, code=code, digits=8, position=position))
    session.flush()


def _history(session, product, *, total=100_000, black=70_000, colour=30_000):
    """Six monthly readings of ~3,000 pages a month, the last on LAST_DAY."""
    for months_ago in range(5, -1, -1):
        day = LAST_DAY - timedelta(days=30 * months_ago)
        b = black - 2_000 * months_ago
        c = colour - 1_000 * months_ago
        session.add(
            MeterReading(
                product_id=product.id,
                read_on=day,
                source=ReadingSource.PORTAL.value,
                values={"total": b + c, "black": b, "colour": c},
            )
        )
    session.flush()


@pytest.fixture
def w(session, clock):
    org = make_org(session, "Demo")
    account = make_account(session, org, number="ACC-1")
    model = make_model(session, "Colour 3000")
    _counters(session, model)
    mono = make_model(session, "Mono 100")
    _counters(session, mono, ("total", "scan"))
    mine = make_product(session, account=account, serial="MINE-1", model=model)
    mine2 = make_product(session, account=account, serial="MINE-2", model=model)
    mono_p = make_product(session, account=account, serial="MONO-1", model=mono)
    colleague = make_product(session, account=account, serial="COLLEAGUE-1", model=model)
    auto = make_product(session, account=account, serial="AUTO-1", model=model)
    auto.auto_capture = True
    for product in (mine, mine2, colleague, auto):
        _history(session, product)
    session.add(
        MeterReading(
            product_id=mono_p.id,
            read_on=LAST_DAY,
            values={"total": 5_000, "scan": 700},
            source=ReadingSource.PORTAL.value,
        )
    )
    admin = make_user(session, org, role=Role.ADMINISTRATOR)
    manager = make_user(session, org, role=Role.DEVICE_MANAGER, email="m@x.example")
    for product in (mine, mine2, mono_p, auto):
        assign_product(session, manager, product)
    knowledge = make_user(session, org, role=Role.KNOWLEDGE_USER)
    other = make_org(session, "Other")
    foreign = make_product(session, other, serial="FOREIGN-1", model=model)
    _history(session, foreign)
    other_admin = make_user(session, other, role=Role.ADMINISTRATOR)
    session.commit()
    return SimpleNamespace(**locals())


def _readings(engine, product) -> list[MeterReading]:
    with Session(engine) as s:
        return list(
            s.exec(
                select(MeterReading)
                .where(MeterReading.product_id == product.id)
                .order_by(col(MeterReading.read_on))
            )
        )


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def _csv(lines: list[str], sep: str = ",") -> bytes:
    return "\r\n".join(line.replace(",", sep) for line in lines).encode()


# --- template ------------------------------------------------------------------------------


def test_template_lists_only_manual_products_in_scope_with_last_values(session, w):
    text = template_csv(session=session, actor=w.manager, today=TODAY)

    assert text.startswith("\ufeff")
    rows = _rows(text)
    header = rows[0]
    assert header[:5] == ["serial", "model", "account", "last_read_on", "read_on"]
    assert header[5:] == [
        "last_total",
        "total",
        "last_black",
        "black",
        "last_colour",
        "colour",
        "last_scan",
        "scan",
    ]
    assert rows[1][0].startswith("#")  # the explanation line
    data = {row[0]: dict(zip(header, row, strict=True)) for row in rows[2:]}
    # Assigned and read by hand only: not the colleague's, not the other org's, not auto-capture.
    assert set(data) == {"MINE-1", "MINE-2", "MONO-1"}
    mine = data["MINE-1"]
    assert mine["model"] == "Colour 3000"
    assert mine["account"] == "ACC-1"
    assert mine["last_read_on"] == LAST_DAY.isoformat()
    assert (mine["last_total"], mine["last_black"], mine["last_colour"]) == (
        "100000",
        "70000",
        "30000",
    )
    assert mine["read_on"] == mine["total"] == mine["black"] == mine["colour"] == ""
    # A counter the model does not have stays empty.
    assert mine["last_scan"] == ""
    assert data["MONO-1"]["last_scan"] == "700"
    assert data["MONO-1"]["last_black"] == ""


def test_template_of_an_administrator_covers_the_organisation(session, w):
    rows = _rows(template_csv(session=session, actor=w.admin, today=TODAY))
    assert {row[0] for row in rows[2:]} == {"MINE-1", "MINE-2", "MONO-1", "COLLEAGUE-1"}


def test_template_explains_the_columns_in_the_users_language(session, w):
    w.manager.language = "en"
    rows = _rows(template_csv(session=session, actor=w.manager, today=TODAY))
    explained = dict(zip(rows[0], rows[1], strict=True))
    assert "Serial number" in explained["serial"]
    assert "2026-03-02" in explained["read_on"]
    assert explained["total"] == "Total: new reading"
    assert explained["last_black"] == "Black: last reading"


def test_template_is_refused_to_users_who_do_not_enter_readings(session, w):
    with pytest.raises(PermissionDenied):
        template_csv(session=session, actor=w.knowledge, today=TODAY)


def test_template_neutralises_formulas_and_an_upload_reads_them_back(session, w):
    w.mine.serial = "=HYPERLINK(1)"
    w.mine.serial_key = "=HYPERLINK(1)"
    session.commit()

    text = template_csv(session=session, actor=w.manager, today=TODAY)

    rows = _rows(text)
    serials = [row[0] for row in rows[2:]]
    assert "'=HYPERLINK(1)" in serials
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    upload = "serial,read_on,total\r\n'=HYPERLINK(1),2026-03-01,1\r\n'plain,,2\r\n"
    parsed = parse_upload(upload.encode())
    assert [row.serial for row in parsed] == ["=HYPERLINK(1)", "'plain"]


# --- parsing -------------------------------------------------------------------------------


def test_parse_reads_comma_and_semicolon_files():
    lines = [
        "serial,model,read_on,last_total,total,black,colour",
        "MINE-1,Colour 3000,2026-03-01,100000,103000,72000,31000",
        "MINE-2,Colour 3000,,100000,,,",
    ]
    for sep in (",", ";"):
        rows = parse_upload(_csv(lines, sep))
        assert rows == [
            Row(
                line=2,
                serial="MINE-1",
                read_on="2026-03-01",
                values={"total": "103000", "black": "72000", "colour": "31000"},
            )
        ]


def test_parse_skips_the_explanation_line_and_reads_a_bom():
    data = "\ufeffserial;read_on;total\r\n# Serial;Date;Total\r\nA-1;2026-03-01;5\r\n"
    rows = parse_upload(data.encode("utf-8"))
    assert [(r.serial, r.line, r.values) for r in rows] == [("A-1", 3, {"total": "5"})]


def test_parse_falls_back_to_latin1():
    data = "serial;read_on;total\r\nSEÑAL-1;2026-03-01;5\r\n".encode("latin-1")
    assert parse_upload(data)[0].serial == "SEÑAL-1"


def test_parse_names_a_missing_required_column():
    with pytest.raises(ValidationFailed) as failed:
        parse_upload(b"serial,total\r\nA,1\r\n")
    assert failed.value.errors == {"read_on": "bulk.error.missing_column"}


def test_parse_needs_a_counter_column():
    with pytest.raises(ValidationFailed) as failed:
        parse_upload(b"serial,read_on,last_total\r\nA,,1\r\n")
    assert failed.value.errors == {"file": "bulk.error.no_counter_columns"}


def test_parse_refuses_a_file_over_the_size_limit():
    data = _csv(["serial,read_on,total", *[f"S{i},,1" for i in range(100)]])
    with pytest.raises(ValidationFailed) as failed:
        parse_upload(data, max_bytes=len(data) - 1)
    assert failed.value.errors == {"file": "bulk.error.too_big"}
    assert len(parse_upload(data, max_bytes=len(data))) == 100


def test_parse_refuses_too_many_rows_but_not_unfilled_template_rows():
    lines = ["serial,read_on,total", *[f"S{i},,1" for i in range(11)], *["X,,"] * 50]
    with pytest.raises(ValidationFailed) as failed:
        parse_upload(_csv(lines), max_rows=10)
    assert failed.value.errors == {"file": "bulk.error.too_many_rows"}
    assert len(parse_upload(_csv(lines), max_rows=11)) == 11


def test_parse_refuses_empty_and_binary_files():
    for data, key in (
        (b"", "bulk.error.empty"),
        (b"serial,read_on,total\r\n,,\r\n", "bulk.error.no_rows"),
        (b"PK\x03\x04\x00\x00binary", "bulk.error.not_csv"),
    ):
        with pytest.raises(ValidationFailed) as failed:
            parse_upload(data)
        assert failed.value.errors == {"file": key}


# --- processing ----------------------------------------------------------------------------


def _row(line, serial, **values):
    read_on = values.pop("read_on", "2026-03-01")
    return Row(
        line=line, serial=serial, read_on=read_on, values={k: str(v) for k, v in values.items()}
    )


def test_process_sorts_rows_into_three_groups_and_stores_only_accepted(engine, w):
    rows = [
        _row(2, "MINE-1", total=103_000, black=72_000, colour=31_000),
        # Lower than the last accepted value: rejected, and it does not stop the next rows.
        _row(3, "mine-2", total=99_000, black=69_000, colour=30_000),
        # Far above the history and the rated duty: needs confirmation.
        _row(4, "MONO-1", total=4_000_000, scan=800),
        # Out of scope (a colleague's and another organisation's) and unknown serials.
        _row(5, "COLLEAGUE-1", total=103_000, black=72_000, colour=31_000),
        _row(6, "FOREIGN-1", total=103_000, black=72_000, colour=31_000),
        _row(7, "NOPE-9", total=1),
        _row(8, "AUTO-1", total=103_000, black=72_000, colour=31_000),
        _row(9, "MINE-2", total=103_000, black=72_000, colour=31_000, read_on="31/02/2026"),
        _row(10, "MONO-1", total=6_000, scan=800, black=5),
    ]
    seen = []

    result = process_upload(
        engine=engine,
        actor_id=w.manager.id,
        rows=rows,
        today=TODAY,
        progress=lambda done, total: seen.append((done, total)),
        chunk=4,
    )

    assert [r.row.line for r in result.accepted] == [2]
    assert [r.row.line for r in result.needs_confirmation] == [4]
    assert result.needs_confirmation[0].warnings
    assert [r.row.line for r in result.rejected] == [3, 5, 6, 7, 8, 9, 10]
    reasons = {r.row.line: r.errors for r in result.rejected}
    assert reasons[3] == {
        "total": "reading.error.below_previous",
        "black": "reading.error.below_previous",
    }
    for line in (5, 6, 7):
        assert reasons[line] == {"row": "bulk.error.not_found"}
    assert reasons[8] == {"product": "reading.error.auto_capture"}
    assert reasons[9] == {"read_on": "bulk.error.date_invalid"}
    assert reasons[10] == {"black": "reading.error.unknown_counter"}
    assert seen == [(4, 9), (8, 9), (9, 9)]

    stored = _readings(engine, w.mine)[-1]
    assert stored.values == {"total": 103_000, "black": 72_000, "colour": 31_000}
    assert stored.source == ReadingSource.BULK_UPLOAD.value
    assert stored.entered_by_id == w.manager.id
    assert stored.read_on == date(2026, 3, 1)
    assert len(_readings(engine, w.mine2)) == 6
    assert len(_readings(engine, w.mono_p)) == 1
    assert len(_readings(engine, w.colleague)) == 6
    assert len(_readings(engine, w.foreign)) == 6


def test_an_empty_date_means_today(engine, w):
    result = process_upload(
        engine=engine,
        actor_id=w.manager.id,
        rows=[_row(2, "MINE-1", total=103_000, black=72_000, colour=31_000, read_on="")],
        today=TODAY,
    )
    assert len(result.accepted) == 1
    assert result.accepted[0].read_on == TODAY.isoformat()
    assert _readings(engine, w.mine)[-1].read_on == TODAY


def test_confirm_rows_stores_the_implausible_rows_with_the_flag(engine, w):
    rows = [_row(2, "MONO-1", total=4_000_000, scan=800)]
    first = process_upload(engine=engine, actor_id=w.manager.id, rows=rows, today=TODAY)
    assert len(first.needs_confirmation) == 1

    confirmed = bulk_readings.confirm_rows(
        engine=engine,
        actor_id=w.manager.id,
        rows=[r.row for r in first.needs_confirmation],
        today=TODAY,
    )

    assert [r.row.line for r in confirmed.accepted] == [2]
    stored = _readings(engine, w.mono_p)[-1]
    assert stored.values == {"total": 4_000_000, "scan": 800}
    assert stored.confirmed_implausible is True
    assert stored.source == ReadingSource.BULK_UPLOAD.value


def test_confirming_does_not_reach_outside_the_scope(engine, w):
    rows = [_row(2, "FOREIGN-1", total=9_000_000, black=6_000_000, colour=3_000_000)]
    result = bulk_readings.confirm_rows(
        engine=engine, actor_id=w.manager.id, rows=rows, today=TODAY
    )
    assert [r.errors for r in result.rejected] == [{"row": "bulk.error.not_found"}]
    assert len(_readings(engine, w.foreign)) == 6


def test_users_who_do_not_enter_readings_get_every_row_rejected(engine, w):
    rows = [_row(2, "MINE-1", total=103_000, black=72_000, colour=31_000)]
    result = process_upload(engine=engine, actor_id=w.knowledge.id, rows=rows, today=TODAY)
    assert [r.errors for r in result.rejected] == [{"row": "bulk.error.denied"}]
    assert len(_readings(engine, w.mine)) == 6


def test_the_other_organisations_administrator_cannot_touch_this_fleet(engine, w):
    rows = [_row(2, "MINE-1", total=103_000, black=72_000, colour=31_000)]
    result = process_upload(engine=engine, actor_id=w.other_admin.id, rows=rows, today=TODAY)
    assert [r.errors for r in result.rejected] == [{"row": "bulk.error.not_found"}]
    assert len(_readings(engine, w.mine)) == 6
