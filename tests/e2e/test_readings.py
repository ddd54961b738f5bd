"""Journey of the meter-reading page (SPEC C4): a device manager enters a reading for a due
machine, is warned that it is implausible, re-enters it to confirm it, and sees it in the
machine's history and chart."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, col, select

from portal import clock
from portal.db import make_engine
from portal.models import MeterReading, Product, User
from portal.services import readings
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e

_MONO = ["total", "black", "scan"]


def _due_mono_product(db_url: str) -> dict:
    """A due machine of the device manager with the counters total, black and scan."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        manager = session.exec(select(User).where(User.email == "manager@demo.example")).one()
        page = readings.due_products(session=session, actor=manager, page_size=100)
        today = clock.now().date()
        for row in page.rows:
            if row["status"] not in ("due", "overdue") or row["counters"] != _MONO:
                continue
            last = session.exec(
                select(MeterReading)
                .where(col(MeterReading.product_id) == row["product_id"])
                .order_by(col(MeterReading.read_on).desc())
            ).first()
            # Another journey (the bulk upload) may have read this machine today already.
            if last.read_on < today:
                break
        else:
            pytest.fail("the demo fleet has no due machine left to read")
        result = {"id": row["product_id"], "serial": row["serial"], "last": dict(last.values)}
    engine.dispose()
    return result


def _newest(db_url: str, product_id: int) -> MeterReading:
    engine = make_engine(db_url)
    with Session(engine) as session:
        reading = session.exec(
            select(MeterReading)
            .where(col(MeterReading.product_id) == product_id)
            .order_by(col(MeterReading.read_on).desc(), col(MeterReading.id).desc())
        ).first()
        product = session.get(Product, product_id)
        assert product is not None
    engine.dispose()
    return reading


def test_manager_enters_confirms_and_sees_a_reading(page, portal_app):
    product = _due_mono_product(portal_app.db_url)
    huge = {
        "total": product["last"]["total"] + 400_000,
        "black": product["last"]["black"] + 400_000,
        "scan": product["last"]["scan"] + 10,
    }
    login(page, "manager@demo.example", language="en")

    page.goto("/service")
    page.locator("#meter-readings").click()
    page.wait_for_url("**/readings")
    expect(page.locator("#readings-table")).to_be_visible()
    expect(page.locator(".auto-capture").first).to_be_visible()
    row = page.locator(".reading-row", has_text=product["serial"])
    expect(row.locator(".reading-status")).to_have_text(re.compile("^(Due|Overdue)$"))
    screenshot(page, "readings-desktop")

    row.locator(".enter-reading").click()
    expect(page.locator("#reading-date")).to_be_visible()
    for code, value in huge.items():
        page.locator(f"#counter-{code}").fill(str(value))
    page.locator("#reading-submit").click()
    expect(page.locator("#reading-warning")).to_contain_text("please re-enter to confirm")
    # The implausible counters were emptied; nothing was stored yet.
    expect(page.locator("#counter-total")).to_have_value("")
    expect(page.locator("#counter-scan")).to_have_value(str(huge["scan"]))
    assert _newest(portal_app.db_url, product["id"]).values != huge
    page.set_viewport_size({"width": 768, "height": 1024})
    screenshot(page, "readings-warning-tablet")
    page.set_viewport_size({"width": 1280, "height": 800})

    page.locator("#counter-total").fill(str(huge["total"]))
    page.locator("#counter-black").fill(str(huge["black"]))
    page.locator("#reading-submit").click()
    expect(page.locator("#reading-accepted")).to_contain_text(product["serial"])
    expect(row).to_contain_text(f"total {huge['total']}")
    stored = _newest(portal_app.db_url, product["id"])
    assert stored.values == huge
    assert stored.confirmed_implausible is True
    assert stored.source == "portal"

    page.set_viewport_size({"width": 768, "height": 1024})
    screenshot(page, "readings-tablet")
    page.set_viewport_size({"width": 1280, "height": 800})

    row.locator(".reading-history-link").click()
    page.wait_for_url(f"**/readings/{product['id']}")
    history = page.locator("#readings-history")
    first = history.locator("tbody tr").first
    expect(first).to_contain_text(str(huge["total"]))
    expect(first).to_contain_text("Confirmed as unusual")
    expect(page.locator("#readings-chart .recharts-bar-rectangle").first).to_be_visible()
    screenshot(page, "readings-history-desktop")

    page.locator("#account-volume-link").click()
    expect(page.locator("#account-volume-chart .recharts-bar-rectangle").first).to_be_visible()
