"""Journey of the move requests and the other requests (SPEC C5, C6): a device manager asks
for a move, an agent schedules it, the manager sees it scheduled (and gets the e-mail),
then sends an account inquiry."""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, col, select

from portal.db import make_engine
from portal.models import MoveRequest, Product, User
from portal.services import scope
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e

MANAGER = "manager@demo.example"
AGENT = "agent@demo.example"


def _free_serial(db_url: str) -> str:
    """A machine of the manager's with no open move request."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        manager = session.exec(select(User).where(col(User.email) == MANAGER)).one()
        open_moves = select(MoveRequest.product_id).where(
            col(MoveRequest.status).in_(["requested", "scheduled"])
        )
        serial = session.exec(
            scope.visible_products_query(manager)
            .where(col(Product.status) == "active", col(Product.id).not_in(open_moves))
            .order_by(col(Product.serial))
        ).first()
    engine.dispose()
    assert serial is not None
    return serial.serial


def _logout(page) -> None:
    page.locator("#user-menu").click()
    page.locator("#logout").click()
    page.wait_for_url(re.compile(r".*/login"))


def _tablet_screenshot(page, name: str, anchor: str) -> None:
    page.set_viewport_size({"width": 768, "height": 1024})
    page.locator(anchor).scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, name)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_a_move_is_requested_scheduled_and_followed_then_an_account_inquiry(
    page, portal_app, mailbox
):
    serial = _free_serial(portal_app.db_url)
    desired = (date.today() + timedelta(days=14)).isoformat()
    planned = (date.today() + timedelta(days=16)).isoformat()

    # The device manager asks for a move.
    login(page, MANAGER)
    page.goto("/service/move")
    expect(page.locator("#section-move")).to_have_attribute("aria-current", "page")
    page.locator("#move-product-search").fill(serial[-5:])
    page.locator("#move-product-search-submit").click()
    page.locator(f'.product-choice[data-serial="{serial}"]').click()
    expect(page.locator("#move-product-chosen")).to_contain_text(serial)

    # Missing fields are reported next to them.
    page.locator("#new_address").fill("Paseo de la Castellana 200")
    page.locator("#move-submit").click()
    expect(page.locator("#move-form .field-error").first).to_be_visible()
    expect(page.locator("#move-form .field-error")).to_have_count(5)

    page.locator("#new_postal_code").fill("28046")
    page.locator("#new_city").fill("Madrid")
    page.locator("#new_floor").fill("Planta 12")
    page.locator("#new_room").fill("Sala de reprografía")
    page.locator("#desired_date").fill(desired)
    page.locator("#contact_name").fill("Miguel López")
    page.locator("#contact_phone").fill("+34 91 555 01 24")
    page.locator("#notes").fill("Acceso por el muelle de carga.")
    page.locator("#move-submit").click()
    expect(page.locator("#move-notice")).to_be_visible()
    row = page.locator(f'#moves-table .move-row[data-serial="{serial}"]')
    expect(row).to_contain_text("Solicitada")
    expect(row).to_contain_text("Paseo de la Castellana 200")
    expect(page.locator("#new_address")).to_have_value("")
    screenshot(page, "move-desktop")
    _tablet_screenshot(page, "move-tablet", "#moves-table")
    mailbox.wait_for(MANAGER, f"(equipo {serial}): Solicitada")
    _logout(page)

    # An agent schedules it from the list of customer requests.
    login(page, AGENT)
    page.goto("/desk/requests")
    agent_row = page.locator(f'#desk-moves-table .move-row[data-serial="{serial}"]')
    expect(agent_row).to_contain_text("Solicitada")
    screenshot(page, "desk-requests-desktop")
    agent_row.locator(".move-link").click()
    page.wait_for_url(re.compile(r".*/service/move/\d+$"))
    expect(page.locator("#move-status")).to_have_text("Solicitada")
    expect(page.locator("#move-cancel")).to_have_count(0)
    page.locator("#move-transition-status").select_option("scheduled")
    page.locator("#move-scheduled-for").fill(planned)
    page.locator("#move-transition-note").fill("Técnico asignado: equipo de traslados.")
    page.locator("#move-transition-submit").click()
    expect(page.locator("#move-status")).to_have_text("Programada")
    expect(page.locator("#move-history .history-row")).to_have_count(2)
    screenshot(page, "move-detail-desktop")
    _logout(page)

    # The manager is told and sees it scheduled, with the history.
    mail = mailbox.wait_for(MANAGER, f"(equipo {serial}): Programada")
    link = mailbox.link(mail, "/service/move/")
    login(page, MANAGER)
    page.goto("/service/move")
    expect(page.locator(f'#moves-table .move-row[data-serial="{serial}"]')).to_contain_text(
        "Programada"
    )
    page.goto(urlparse(link).path)
    expect(page.locator("#move-status")).to_have_text("Programada")
    expect(page.locator("#move-scheduled-date")).to_have_text(planned)
    history = page.locator("#move-history")
    expect(history).to_contain_text("Técnico asignado: equipo de traslados.")
    expect(page.locator("#move-cancel")).to_be_visible()

    # And sends an account inquiry.
    page.locator("#section-account_inquiry").click()
    page.wait_for_url(re.compile(r".*/service/requests/account_inquiry$"))
    expect(page.locator("#request-title")).to_have_text("Consulta sobre la cuenta")
    page.locator("#request-submit").click()
    expect(page.locator("#request-form .field-error")).to_have_count(3)
    page.locator("#request-account").select_option(index=1)
    page.locator("#subject").fill("Dirección de facturación tras el traslado")
    page.locator("#text").fill("¿Cambia la dirección de facturación cuando se traslade el equipo?")
    page.locator("#request-submit").click()
    expect(page.locator("#request-notice")).to_be_visible()
    request_row = page.locator("#requests-table .request-row").first
    expect(request_row).to_contain_text("Dirección de facturación tras el traslado")
    expect(request_row).to_contain_text("Abierta")
    screenshot(page, "request-desktop")
    _tablet_screenshot(page, "request-tablet", "#requests-table")

    request_row.locator(".request-link").click()
    page.wait_for_url(re.compile(r".*/service/request/\d+$"))
    expect(page.locator("#request-status")).to_have_text("Abierta")
    expect(page.locator("#request-history .history-row")).to_have_count(1)
    expect(page.locator("#request-close")).to_be_visible()
    expect(page.locator("#answer-text")).to_have_count(0)
    screenshot(page, "request-detail-desktop")

    # Closing asks first: keeping it changes nothing, confirming closes it.
    page.locator("#request-close").click()
    page.locator("#request-close-keep").click()
    expect(page.locator("#request-close-confirm")).to_have_count(0)
    expect(page.locator("#request-status")).to_have_text("Abierta")
    page.locator("#request-close").click()
    page.locator("#request-close-confirm").click()
    expect(page.locator("#request-status")).to_have_text("Cerrada")
    expect(page.locator("#request-close")).to_have_count(0)
