"""Journey of the customer's service pages (SPEC C1–C3): a device manager raises a ticket for
one of their machines, gets the confirmation with its number (on screen and by e-mail), and
finds it in the open tickets with its SLA traffic light."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, col, select

from portal.db import make_engine
from portal.models import ContractLine, Product, User
from portal.services import scope
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e

MANAGER = "manager@demo.example"
LIGHT_WORDS = re.compile(r"En plazo|En riesgo|Incumplido|En pausa|Sin SLA")


def _covered_product(db_url: str) -> str:
    """The serial of an active product of the device manager under an active contract line."""
    engine = make_engine(db_url)
    today = date.today()
    with Session(engine) as session:
        manager = session.exec(select(User).where(User.email == MANAGER)).one()
        covered = select(ContractLine.id).where(
            ContractLine.status == "active",
            col(ContractLine.start_date) <= today,
            col(ContractLine.end_date) >= today,
        )
        product = session.exec(
            scope.visible_products_query(manager)
            .where(col(Product.status) == "active", col(Product.contract_line_id).in_(covered))
            .order_by(col(Product.serial))
        ).first()
        serial = product.serial
    engine.dispose()
    return serial


def test_device_manager_raises_a_ticket_and_finds_it_in_open_tickets(page, portal_app, mailbox):
    serial = _covered_product(portal_app.db_url)
    login(page, MANAGER)

    page.goto("/service")
    expect(page.locator("#tickets-table")).to_be_visible()
    expect(page.locator("#new-ticket")).to_be_visible()
    screenshot(page, "service-desktop")

    page.locator("#new-ticket").click()
    page.wait_for_url(re.compile(r".*/service/new$"))
    page.locator("#ticket-product-search").fill(serial[-5:])
    choice = page.locator(f".product-choice[data-serial='{serial}']")
    expect(choice).to_be_visible()
    choice.click()
    expect(page.locator("#ticket-product-chosen")).to_contain_text(serial)

    page.locator("#ticket_type").select_option("paper_jam")
    page.locator("#error_code").fill("j-1501")
    page.locator("#description").fill("Atasco")
    page.locator("#contact_name").fill("Miguel López")
    page.locator("#contact_phone").fill("+34 91 555 01 24")
    page.locator("#availability").fill("Mañanas de 9 a 14")
    page.locator("#your_reference").fill("OT-E2E-1")
    page.locator("#ticket-submit").click()
    # Too short: the message sits next to the description, nothing is created.
    expect(page.locator("#ticket-form-error")).to_be_visible()
    expect(page.locator(".field-error")).to_have_count(1)
    page.locator("#description").fill("La bandeja 2 atasca el papel en cada trabajo.")
    screenshot(page, "ticket-new-desktop")
    page.locator("#ticket-submit").click()

    page.wait_for_url(re.compile(r".*/service/tickets/\d+\?created=1$"))
    notice = page.locator("#ticket-created")
    expect(notice).to_be_visible()
    number = page.locator("#ticket-created-number").inner_text()
    assert re.fullmatch(r"1-\d{9}", number)
    expect(page.locator("#ticket-number")).to_have_text(number)
    expect(page.locator("#ticket-product-link")).to_contain_text(serial)
    expect(page.locator("#ticket-response-light")).to_have_text(LIGHT_WORDS)
    expect(page.locator("#ticket-activities")).to_contain_text("Call received")
    expect(page.locator("#note-text")).to_be_visible()
    screenshot(page, "ticket-desktop")

    mail = mailbox.wait_for(MANAGER, number)
    assert "/service/tickets/" in mail.get_body(preferencelist=("plain",)).get_content()

    page.goto("/service")
    row = page.locator("#tickets-table tbody tr").filter(
        has=page.locator("a.ticket-link", has_text=number)
    )
    expect(row).to_have_count(1)
    expect(row.locator(".sla-light")).to_have_text(LIGHT_WORDS)
    expect(row).to_contain_text("OT-E2E-1")
    expect(row).to_contain_text(serial)

    page.locator("#ticket-number-search").fill("1-000000000")
    page.locator("#ticket-number-submit").click()
    expect(page.locator("#ticket-number-not-found")).to_be_visible()
    page.locator("#ticket-number-search").fill(number)
    page.locator("#ticket-number-submit").click()
    page.wait_for_url(re.compile(r".*/service/tickets/\d+$"))
    expect(page.locator("#ticket-number")).to_have_text(number)

    page.set_viewport_size({"width": 768, "height": 1024})
    screenshot(page, "ticket-tablet")
    page.goto("/service")
    expect(page.locator("#tickets-table")).to_be_visible()
    screenshot(page, "service-tablet")
    page.goto("/service/new")
    expect(page.locator("#ticket-product-search")).to_be_visible()
    screenshot(page, "ticket-new-tablet")
