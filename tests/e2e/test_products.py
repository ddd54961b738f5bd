"""Journeys of the product list (SPEC B2): serial search, advanced search, sorting,
the device manager's scope, CSV export, and how it looks on desktop and tablet."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from portal.db import make_engine
from portal.models import User
from portal.services.product_search import ProductFilters, search_products
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e


def _rows_as(db_url: str, email: str, **filters) -> list[dict]:
    """What the list should show ``email`` (every page), straight from the service."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        user = session.exec(select(User).where(User.email == email)).one()
        page = search_products(
            session=session, actor=user, filters=ProductFilters(**filters), page_size=100
        )
    engine.dispose()
    return page.rows


def _table_serials(page) -> list[str]:
    return page.locator("#products-table .product-link").all_inner_texts()


def test_administrator_finds_a_serial_typed_loosely_and_opens_it(page, portal_app):
    rows = _rows_as(portal_app.db_url, "admin@demo.example")
    target = next(r for r in rows if re.search(r"[A-Z]", r["serial"]) and len(r["serial"]) >= 8)
    serial = target["serial"]
    typed = f"  {serial[:4].lower()} {serial[4:].lower()} "

    login(page, "admin@demo.example")
    page.goto("/products")
    expect(page.locator("#products-total")).to_have_text(str(len(rows)))
    expect(page.locator("#products-table .product-link")).to_have_count(25)
    screenshot(page, "products-desktop")

    page.locator("#product-serial-search").fill(typed)
    page.locator("#product-serial-search-submit").click()
    expect(page.locator("#products-total")).to_have_text("1")
    assert _table_serials(page) == [serial]

    page.locator("#products-table .product-link", has_text=serial).click()
    page.wait_for_url(re.compile(rf".*/products/{target['id']}$"))


def test_advanced_search_by_city_sorting_paging_and_export(page, portal_app):
    sevilla = _rows_as(portal_app.db_url, "admin@demo.example", city="sevilla")
    assert sevilla

    login(page, "admin@demo.example")
    page.goto("/products")
    expect(page.locator("#products-page")).to_contain_text("1")
    page.locator("#products-next").click()
    expect(page.locator("#products-page")).to_contain_text("2")
    page.locator("#products-page-size").select_option("50")
    expect(page.locator("#products-next")).to_be_disabled()

    page.locator("#product-advanced-toggle").click()
    page.locator("#filter-city").fill("sevilla")
    page.locator("#filter-apply").click()
    expect(page.locator("#products-total")).to_have_text(str(len(sevilla)))
    assert sorted(_table_serials(page)) == sorted(r["serial"] for r in sevilla)
    expect(page.locator("#products-table tbody tr")).to_have_count(len(sevilla))
    for city in page.locator("#products-table tbody tr td:nth-child(5)").all_inner_texts():
        assert city == "Sevilla"

    page.locator("#sort-open_tickets").click()
    expect(page.locator("#sort-open_tickets")).to_contain_text("▼")
    most = max(r["open_tickets"] for r in sevilla)
    first_count = page.locator("#products-table tbody tr").first.locator("td").last
    expect(first_count).to_have_text(str(most))

    with page.expect_download() as info:
        page.locator("#products-export").click()
    download = info.value
    assert re.fullmatch(r"products-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    text = open(download.path(), encoding="utf-8-sig").read()
    lines = [line for line in text.splitlines() if line]
    assert len(lines) == len(sevilla) + 1
    assert all(r["serial"] in text for r in sevilla)

    page.locator("#filter-clear").click()
    expect(page.locator("#products-total")).to_have_text(
        str(len(_rows_as(portal_app.db_url, "admin@demo.example")))
    )


def test_device_manager_sees_exactly_their_products_on_a_tablet(page, portal_app):
    mine = _rows_as(portal_app.db_url, "manager@demo.example")
    assert len(mine) == 12

    page.set_viewport_size({"width": 768, "height": 1024})
    login(page, "manager@demo.example")
    page.goto("/products")
    expect(page.locator("#products-total")).to_have_text("12")
    expect(page.locator("#products-table .product-link")).to_have_count(12)
    assert _table_serials(page) == [r["serial"] for r in mine]
    page.locator("#product-advanced-toggle").click()
    expect(page.locator("#filter-model")).to_be_visible()
    screenshot(page, "products-tablet")

    # A serial of another organisation's machine finds nothing.
    other = _rows_as(portal_app.db_url, "other-admin@demo.example")[0]["serial"]
    page.locator("#product-serial-search").fill(other)
    page.locator("#product-serial-search-submit").click()
    expect(page.locator("#products-no-match")).to_be_visible()
    expect(page.locator("#products-table")).to_have_count(0)
