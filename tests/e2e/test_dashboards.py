"""Dashboards (SPEC X3) in the browser: an administrator filters and downloads, a device
manager sees only their devices, an agent sees every organisation; each figure shown is
the one the database gives."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, col, select

from portal.db import make_engine
from portal.models import Product, User
from portal.services import dashboards, scope
from portal.services.dashboards import DashboardFilters
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e


def _figures(db_url: str, email: str, **filters) -> dict:
    engine = make_engine(db_url)
    with Session(engine) as session:
        actor = session.exec(select(User).where(col(User.email) == email)).one()
        chosen = DashboardFilters(**filters)
        common = {"session": session, "actor": actor, "filters": chosen}
        figures = {
            "tickets": dashboards.tickets_per_month(**common),
            "volume": dashboards.print_volume(**common),
            "top": dashboards.top_devices(**common),
            "visible": set(session.exec(scope.visible_product_ids_subquery(actor)).all()),
        }
    engine.dispose()
    return figures


def _table_rows(page, table_id: str, count: int | None = None) -> list[list[str]]:
    """The cells of a table's rows, once it has ``count`` rows (when given)."""
    if count is not None:
        expect(page.locator(f"#{table_id} tbody tr")).to_have_count(count)
    return [
        [cell.strip() for cell in row.locator("td").all_inner_texts()]
        for row in page.locator(f"#{table_id} tbody tr").all()
    ]


def _open(page, email: str) -> None:
    login(page, email, language="en")
    page.locator("#tab-dashboards").click()
    expect(page.locator("#dash-tickets-chart .recharts-wrapper")).to_be_visible()


def test_the_administrator_reads_filters_and_downloads_the_dashboards(page, portal_app):
    figures = _figures(portal_app.db_url, "admin@demo.example")
    assert figures["top"] and any(row["total"] for row in figures["tickets"])
    _open(page, "admin@demo.example")
    expect(page.locator("#dash-volume-chart .recharts-bar-rectangle").first).to_be_visible()
    screenshot(page, "dashboards-admin")
    page.set_viewport_size({"width": 768, "height": 1024})
    page.wait_for_timeout(400)
    screenshot(page, "dashboards-admin-tablet")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 768, f"the page scrolls sideways on a tablet ({width}px)"
    page.set_viewport_size({"width": 1280, "height": 800})

    page.locator("#dash-tickets-toggle").click()
    shown = _table_rows(page, "dash-tickets-table", len(figures["tickets"]))
    assert [row[0] for row in shown] == [row["month"] for row in figures["tickets"]]
    assert [row[-1] for row in shown] == [str(row["total"]) for row in figures["tickets"]]

    with page.expect_download() as download:
        page.locator("#dash-tickets-csv").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0][0] == "Month" and "Paper jam" in lines[0]
    assert [line[-1] for line in lines[1:]] == [str(row["total"]) for row in figures["tickets"]]

    # A period the wrong way round is refused next to the field and changes nothing.
    page.locator("#dashboards-from").fill("2026-06")
    page.locator("#dashboards-to").fill("2026-01")
    page.locator("#dashboards-apply").click()
    expect(page.get_by_text("The last month cannot be before the first.")).to_be_visible()
    assert _table_rows(page, "dash-tickets-table") == shown

    # One device: every chart narrows to it.
    top = figures["top"][0]
    page.locator("#dash-top-toggle").click()
    page.locator(".dash-top-focus").first.click()
    expect(page.locator("#dashboards-device")).to_contain_text(top["serial"])
    device = _figures(portal_app.db_url, "admin@demo.example", product_id=top["product_id"])
    expect(page.locator("#dash-top-table tbody tr")).to_have_count(1)
    expect(page.locator("#dash-top-table tbody tr td").first).to_have_text(top["serial"])
    shown = _table_rows(page, "dash-tickets-table", len(device["tickets"]))
    assert [row[-1] for row in shown] == [str(row["total"]) for row in device["tickets"]]
    screenshot(page, "dashboards-admin-device-tables")
    page.locator("#dashboards-device-clear").click()
    expect(page.locator("#dashboards-device")).to_have_count(0)
    expect(page.locator("#dash-top-table tbody tr")).to_have_count(len(figures["top"]))


def test_the_device_manager_sees_only_their_devices(page, portal_app):
    figures = _figures(portal_app.db_url, "manager@demo.example")
    everything = _figures(portal_app.db_url, "admin@demo.example")
    assert figures["visible"] < everything["visible"]
    _open(page, "manager@demo.example")
    page.locator("#dash-top-toggle").click()
    serials = [row[0] for row in _table_rows(page, "dash-top-table", len(figures["top"]))]
    assert serials == [row["serial"] for row in figures["top"]]
    assert {row["product_id"] for row in figures["top"]} <= figures["visible"]
    page.locator("#dash-tickets-toggle").click()
    shown = _table_rows(page, "dash-tickets-table", len(figures["tickets"]))
    assert [row[-1] for row in shown] == [str(row["total"]) for row in figures["tickets"]]

    # A device of the organisation outside their scope is not found.
    outside = next(iter(everything["visible"] - figures["visible"]))
    engine = make_engine(portal_app.db_url)
    with Session(engine) as session:
        serial = session.get(Product, outside).serial
    engine.dispose()
    page.locator("#dashboards-serial").fill(serial)
    page.locator("#dashboards-apply").click()
    expect(page.get_by_text("None of your machines has this serial number.")).to_be_visible()
    screenshot(page, "dashboards-manager")


def test_the_agent_sees_every_organisation_and_a_customer_without_the_role_does_not(
    page, portal_app
):
    figures = _figures(portal_app.db_url, "agent@demo.example")
    _open(page, "agent@demo.example")
    page.locator("#dash-volume-toggle").click()
    shown = _table_rows(page, "dash-volume-table", len(figures["volume"]))
    assert [row[0] for row in shown] == [row["month"] for row in figures["volume"]]
    assert [row[3] for row in shown] == [str(row["total"]) for row in figures["volume"]]
    page.locator("#dash-volume-view").select_option("account")
    expect(page.locator("#dash-volume-table th").nth(1)).to_have_text("Account")
    screenshot(page, "dashboards-agent")

    page.locator("#user-menu").click()
    page.locator("#logout").click()
    login(page, "knowledge@demo.example", language="en")
    expect(page.locator("#tab-dashboards")).to_have_count(0)
    page.goto(f"{portal_app.url}/dashboards")
    expect(page.locator("#dashboards-denied")).to_be_visible()
