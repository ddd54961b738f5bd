"""Journey of bulk meter-reading entry (SPEC C4): a device manager downloads the template,
fills two rows (one normal, one implausible), uploads it, reads the groups and confirms."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, col, select

from portal.db import make_engine
from portal.models import MeterReading, Product, ReadingSource
from portal.services.bulk_readings import FIXED_COLUMNS
from tests.e2e.conftest import ROOT, login, screenshot

pytestmark = pytest.mark.e2e

# Pages added since the last reading: black = its A3 + A4 parts, total = black + colour.
STEP = {
    "total": 700,
    "black": 500,
    "colour": 200,
    "black_a3": 100,
    "black_a4": 400,
    "colour_a3": 50,
    "colour_a4": 150,
    "scan": 300,
}


def _fill(cells: dict[str, str], header: list[str], factor: int) -> dict[str, str]:
    filled = dict(cells)
    for code in header:
        if code in FIXED_COLUMNS:
            continue
        last = cells.get(f"last_{code}", "")
        if last:
            filled[code] = str(int(last) + STEP.get(code, 100) * factor)
    return filled


def test_manager_uploads_the_template_and_confirms_the_implausible_row(page, portal_app, tmp_path):
    login(page, "manager@demo.example")
    page.goto("/readings/bulk")
    expect(page.locator("#bulk-template")).to_be_visible()
    expect(page.locator("#bulk-upload")).to_be_visible()

    with page.expect_download() as download_info:
        page.locator("#bulk-template").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header, explanation, data = rows[0], rows[1], rows[2:]
    assert header[:5] == ["serial", "model", "account", "last_read_on", "read_on"]
    assert explanation[0].startswith("#")
    assert data, "the manager's template lists their manually read devices"

    engine = make_engine(portal_app.db_url)
    with Session(engine) as session:
        manual = {
            p.serial: p
            for p in session.exec(select(Product).where(col(Product.auto_capture).is_(False)))
        }
    today = date.today().isoformat()
    usable = [
        dict(zip(header, row, strict=True))
        for row in data
        if row[0] in manual and row[3] and row[3] < today
    ]
    normal, implausible = usable[0], usable[1]

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerow(explanation)
    for cells, factor in ((normal, 1), (implausible, 1000)):
        filled = _fill(cells, header, factor)
        writer.writerow([filled[name] for name in header])
    for row in data[:5]:
        if row[0] not in (normal["serial"], implausible["serial"]):
            writer.writerow(row)  # untouched rows are ignored
    upload = tmp_path / "lecturas.csv"
    upload.write_text(out.getvalue(), encoding="utf-8-sig")

    page.locator("input[type=file]").set_input_files(str(upload))
    expect(page.locator("#bulk-file-name")).to_have_text("lecturas.csv")
    page.locator("#bulk-submit").click()

    expect(page.locator("#bulk-accepted-count")).to_have_text("1", timeout=60000)
    expect(page.locator("#bulk-needs-confirmation-count")).to_have_text("1")
    expect(page.locator("#bulk-rejected-count")).to_have_text("0")
    expect(page.locator("#bulk-accepted")).to_contain_text(normal["serial"])
    expect(page.locator("#bulk-needs-confirmation")).to_contain_text(implausible["serial"])
    expect(page.locator("#bulk-accepted")).to_contain_text(today)  # an empty date is today
    expect(page.locator("#bulk-file-name")).to_have_count(0)  # the file is not offered again
    screenshot(page, "bulk-desktop")

    page.locator("#bulk-confirm").click()
    expect(page.locator("#bulk-accepted-count")).to_have_text("2", timeout=60000)
    expect(page.locator("#bulk-needs-confirmation-count")).to_have_text("0")
    expect(page.locator("#bulk-accepted")).to_contain_text(implausible["serial"])

    with Session(engine) as session:
        stored = {
            serial: session.exec(
                select(MeterReading)
                .where(MeterReading.product_id == manual[serial].id)
                .order_by(col(MeterReading.id).desc())
            ).first()
            for serial in (normal["serial"], implausible["serial"])
        }
    engine.dispose()
    assert stored[normal["serial"]].source == ReadingSource.BULK_UPLOAD.value
    assert not stored[normal["serial"]].confirmed_implausible
    assert stored[implausible["serial"]].confirmed_implausible
    assert stored[implausible["serial"]].source == ReadingSource.BULK_UPLOAD.value

    # Reflex serves its upload directory without authentication: nothing may land there.
    upload_dir = ROOT / "uploaded_files"
    assert not upload_dir.exists() or list(upload_dir.iterdir()) == []

    page.set_viewport_size({"width": 768, "height": 1024})
    page.wait_for_timeout(300)
    screenshot(page, "bulk-tablet")
