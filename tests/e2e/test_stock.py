"""Journey of consumables (SPEC C7): a stock manager orders toner for one of their machines,
an agent confirms and dispatches it with a tracking number, and the stock manager sees it
dispatched and receives the e-mail."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, col, select

from portal.db import make_engine
from portal.models import Consumable, Product, User
from portal.services import scope
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e

STOCK = "stock@demo.example"
AGENT = "agent@demo.example"


def _manual_product(db_url: str) -> tuple[str, str]:
    """A machine of the stock manager's that is not on automatic replenishment, and the code
    of its black toner."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        keeper = session.exec(select(User).where(col(User.email) == STOCK)).one()
        product = session.exec(
            scope.visible_products_query(keeper)
            .where(col(Product.status) == "active", col(Product.auto_replenish).is_(False))
            .order_by(col(Product.serial))
        ).first()
        assert product is not None
        toner = session.exec(
            select(Consumable).where(
                col(Consumable.model_id) == product.model_id,
                col(Consumable.kind) == "toner",
                col(Consumable.colour) == "black",
            )
        ).one()
        result = (product.serial, toner.code)
    engine.dispose()
    return result


def _logout(page) -> None:
    page.locator("#user-menu").click()
    page.locator("#logout").click()
    page.wait_for_url(re.compile(r".*/login"))


def _tablet_screenshot(page, name: str) -> None:
    page.set_viewport_size({"width": 768, "height": 1024})
    page.wait_for_timeout(500)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, name)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_toner_is_ordered_dispatched_and_followed(page, portal_app, mailbox):
    serial, toner = _manual_product(portal_app.db_url)

    # The stock manager looks at the stock locations, then orders toner.
    login(page, STOCK)
    page.locator("#tab-stock").click()
    page.wait_for_url(re.compile(r".*/stock$"))
    expect(page.locator("#section-locations")).to_have_attribute("aria-current", "page")
    expect(page.locator("#stock-locations-table .stock-location-row")).to_have_count(2)
    expect(page.locator("#stock-table .stock-qty").first).to_be_visible()
    screenshot(page, "stock-desktop")
    _tablet_screenshot(page, "stock-tablet")

    page.locator("#section-orders").click()
    page.wait_for_url(re.compile(r".*/stock/orders$"))
    page.locator("#order-product-search").fill(serial[-5:])
    page.locator("#order-product-search-submit").click()
    page.locator(f'.product-choice[data-serial="{serial}"]').click()
    expect(page.locator("#order-product-chosen")).to_contain_text(serial)

    # Above the per-order limit is refused next to the field.
    page.locator(f"#qty-{toner}").fill("9")
    page.locator("#order-submit").click()
    expect(page.locator("#order-form .field-error")).to_have_count(1)

    page.locator(f"#qty-{toner}").fill("1")
    expect(page.locator("#delivery-product")).to_be_checked()
    page.locator("#delivery-extra").fill("Planta 2, reprografía")
    page.locator("#order-submit").click()
    expect(page.locator("#order-notice")).to_be_visible()
    number = page.locator("#order-created-link").inner_text().strip()
    assert re.fullmatch(r"CO-\d{7}", number)
    row = page.locator(f'#orders-open-table .order-row[data-number="{number}"]')
    expect(row).to_contain_text("Solicitado")
    expect(row).to_contain_text(f"1 × {toner}")
    screenshot(page, "orders-desktop")
    _tablet_screenshot(page, "orders-tablet")
    _logout(page)

    # An agent confirms it and dispatches it with a tracking number.
    login(page, AGENT)
    page.goto("/desk/orders")
    agent_row = page.locator(f'#desk-orders-table .order-row[data-number="{number}"]')
    expect(agent_row).to_contain_text("Solicitado")
    agent_row.locator(".order-link").click()
    page.wait_for_url(re.compile(r".*/desk/orders/\d+$"))
    expect(page.locator("#order-cancel")).to_have_count(0)
    page.locator("#order-transition-status").select_option("confirmed")
    page.locator("#order-transition-submit").click()
    expect(page.locator("#order-status")).to_have_text("Confirmado")
    page.locator("#order-transition-status").select_option("dispatched")
    page.locator("#order-transition-submit").click()
    expect(page.locator(".field-error")).to_have_count(1)
    page.locator("#order-tracking").fill("1Z999AA10123456784")
    page.locator("#order-transition-submit").click()
    expect(page.locator("#order-status")).to_have_text("Enviado")
    expect(page.locator("#order-history .history-row")).to_have_count(3)
    _logout(page)

    # The stock manager is told and sees it dispatched with the tracking number.
    mail = mailbox.wait_for(STOCK, f"{number} (equipo {serial}): Enviado")
    assert "1Z999AA10123456784" in mail.get_body(preferencelist=("plain",)).get_content()
    login(page, STOCK)
    page.goto("/stock/orders")
    expect(page.locator(f'#orders-open-table .order-row[data-number="{number}"]')).to_contain_text(
        "Enviado"
    )
    page.locator(f'#orders-open-table .order-row[data-number="{number}"] .order-link').click()
    page.wait_for_url(re.compile(r".*/stock/orders/\d+$"))
    expect(page.locator("#order-status")).to_have_text("Enviado")
    expect(page.locator("#order-tracking-number")).to_have_text("1Z999AA10123456784")
    expect(page.locator("#order-cancel")).to_have_count(0)
    expect(page.locator("#order-history")).to_contain_text("1Z999AA10123456784")

    page.locator("#section-low-toner").click()
    page.wait_for_url(re.compile(r".*/stock/low-toner$"))
    expect(page.locator("#low-toner-table, #low-toner-empty")).to_be_visible()
