"""Journeys of a product's page (SPEC B3, B4): the administrator reads the detail, changes
product with the picker and edits the location; a device manager gets the not-found view
for a machine that is not theirs."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, col, select

from portal.db import make_engine
from portal.models import AuditLog, MeterReading, Product, User
from portal.services import scope
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e


def _products(db_url: str) -> dict:
    """A demo product the administrator sees and the device manager does not, and another."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        admin = session.exec(select(User).where(User.email == "admin@demo.example")).one()
        manager = session.exec(select(User).where(User.email == "manager@demo.example")).one()
        with_readings = select(MeterReading.product_id)
        target = session.exec(
            scope.visible_products_query(admin)
            .where(
                col(Product.id).not_in(scope.visible_product_ids_subquery(manager)),
                col(Product.id).in_(with_readings),
            )
            .order_by(col(Product.serial_key))
        ).first()
        other = session.exec(
            scope.visible_products_query(admin)
            .where(col(Product.id) != target.id)
            .order_by(col(Product.serial_key).desc())
        ).first()
        result = {
            "id": target.id,
            "serial": target.serial,
            "other_id": other.id,
            "other_serial": other.serial,
        }
    engine.dispose()
    return result


def _audit_entries(db_url: str, product_id: int) -> list[AuditLog]:
    engine = make_engine(db_url)
    with Session(engine) as session:
        rows = session.exec(
            select(AuditLog).where(
                AuditLog.action == "product.location_updated", AuditLog.object_id == product_id
            )
        ).all()
    engine.dispose()
    return list(rows)


def test_administrator_reads_changes_product_and_edits_the_location(page, portal_app):
    product = _products(portal_app.db_url)
    login(page, "admin@demo.example")

    page.goto(f"/products/{product['id']}")
    expect(page.locator("#product-serial")).to_have_text(product["serial"])
    for section in (
        "#product-general",
        "#product-managers",
        "#product-coverage",
        "#product-configuration",
        "#product-tickets",
        "#product-readings",
        "#product-links",
    ):
        expect(page.locator(section)).to_be_visible()
    expect(page.locator("#readings-chart .recharts-bar-rectangle").first).to_be_visible()
    expect(page.locator("#readings-table tbody tr").first).to_be_visible()
    expect(page.locator("#product-request-move")).to_be_visible()
    page.locator("#product-new-ticket").click()
    expect(page.locator("#ticket-product-chosen")).to_contain_text(product["serial"])
    page.goto(f"/products/{product['id']}")
    expect(page.locator("#product-serial")).to_have_text(product["serial"])
    expect(page.locator("#product-download-link")).to_have_attribute(
        "href", re.compile("^https?://")
    )
    screenshot(page, "product-desktop")

    # Change product with the picker, then come back the same way.
    page.locator("#product-picker-input").fill(product["other_serial"].lower())
    page.locator("#product-picker-submit").click()
    page.locator(".picker-result").first.click()
    page.wait_for_url(re.compile(rf".*/products/{product['other_id']}$"))
    expect(page.locator("#product-serial")).to_have_text(product["other_serial"])
    page.locator("#product-picker-input").fill(product["serial"])
    page.locator("#product-picker-submit").click()
    page.locator(".picker-result").first.click()
    page.wait_for_url(re.compile(rf".*/products/{product['id']}$"))
    expect(page.locator("#product-serial")).to_have_text(product["serial"])

    # Edit: a wrong postal code is refused with a message next to the field.
    page.locator("#edit-location").click()
    page.locator("#city").fill("Alcalá de Henares")
    page.locator("#floor").fill("Planta 7")
    page.locator("#postal_code").fill("1")
    page.locator("#save-location").click()
    expect(page.locator(".field-error")).to_have_count(1)
    expect(page.locator("#location-saved")).to_have_count(0)
    assert _audit_entries(portal_app.db_url, product["id"]) == []

    page.locator("#postal_code").fill("28801")
    page.locator("#save-location").click()
    expect(page.locator("#location-saved")).to_be_visible()
    expect(page.locator("#product-city")).to_have_text("Alcalá de Henares")

    page.reload()
    expect(page.locator("#product-city")).to_have_text("Alcalá de Henares")
    expect(page.locator("#product-floor")).to_have_text("Planta 7")
    expect(page.locator("#product-postal")).to_have_text("28801")
    (entry,) = _audit_entries(portal_app.db_url, product["id"])
    assert entry.new_values["city"] == "Alcalá de Henares"
    assert entry.new_values["floor"] == "Planta 7"

    page.locator("#edit-location").click()
    page.locator("#cancel-location").click()
    expect(page.locator("#location-form")).to_have_count(0)

    page.set_viewport_size({"width": 768, "height": 1024})
    expect(page.locator("#readings-chart")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    screenshot(page, "product-tablet")


def test_device_manager_gets_the_not_found_view_for_a_product_not_theirs(page, portal_app):
    product = _products(portal_app.db_url)
    login(page, "manager@demo.example")

    page.goto(f"/products/{product['id']}")

    expect(page.locator("#product-not-found")).to_be_visible()
    expect(page.locator("#product-serial")).to_have_count(0)
    expect(page.get_by_text(product["serial"])).to_have_count(0)
    expect(page.locator("#edit-location")).to_have_count(0)
