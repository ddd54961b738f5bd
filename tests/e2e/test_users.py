"""Journeys of user administration (SPEC A7, A8): an administrator approves a pending
registrant who then logs in; an administrator invites a device manager with two machines,
who follows the e-mailed link, sets a password and sees exactly those two machines."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, col, select

from portal.db import make_engine
from portal.models import Account, Organisation, Product
from portal.seed import DEMO_ORG_NAME
from tests.e2e.conftest import DEMO_PASSWORD, login, screenshot

pytestmark = pytest.mark.e2e

LUCIA = "lucia.fernandez@demo.example"
INVITEE = "nuevo.gestor@demo.example"
INVITEE_PASSWORD = "Toner-Magenta-2026"


def _two_demo_serials(db_url: str) -> list[str]:
    engine = make_engine(db_url)
    with Session(engine) as session:
        serials = session.exec(
            select(Product.serial)
            .join(Account, col(Account.id) == col(Product.account_id))
            .join(Organisation, col(Organisation.id) == col(Account.organisation_id))
            .where(col(Organisation.name) == DEMO_ORG_NAME)
            .order_by(col(Product.serial_key).desc())
            .limit(2)
        ).all()
    engine.dispose()
    return list(serials)


def _logout(page) -> None:
    page.locator("#user-menu").click()
    page.locator("#logout").click()
    page.wait_for_url(re.compile(r".*/login"))


def test_administrator_approves_a_pending_registrant_who_then_logs_in(page, portal_app, mailbox):
    login(page, "admin@demo.example")
    page.goto("/admin/users")
    expect(page.locator("#section-users")).to_have_attribute("aria-current", "page")
    expect(page.locator("#users-table")).to_be_visible()
    pending_before = int(page.locator("#users-tab-pending .users-count").first.inner_text())

    page.locator("#users-tab-pending").click()
    approve = page.locator(f'.user-approve[data-email="{LUCIA}"]')
    expect(approve).to_be_visible()
    screenshot(page, "users-desktop")
    page.set_viewport_size({"width": 768, "height": 1024})
    screenshot(page, "users-tablet")
    page.set_viewport_size({"width": 1280, "height": 800})
    approve.click()

    expect(page.locator("#users-notice")).to_contain_text("aprobado")
    expect(approve).to_have_count(0)
    expect(page.locator("#users-tab-pending .users-count").first).to_have_text(
        str(pending_before - 1)
    )
    message = mailbox.wait_for(LUCIA, "aprobada")
    assert mailbox.link(message, portal_app.url)

    _logout(page)
    login(page, LUCIA, DEMO_PASSWORD)
    expect(page.locator("#user-menu")).to_be_visible()


def test_invited_device_manager_sets_a_password_and_sees_exactly_two_products(
    page, portal_app, mailbox
):
    serials = _two_demo_serials(portal_app.db_url)
    assert len(serials) == 2

    login(page, "admin@demo.example")
    page.goto("/admin/users")
    expect(page.locator("#invite-card")).to_be_visible()

    # Nothing chosen yet: every missing field says so and nobody is invited.
    page.locator("#invite-submit").click()
    expect(page.locator("#invite-card .field-error").first).to_be_visible()

    page.locator("#invite-email").fill(INVITEE)
    page.locator("#invite-first-name").fill("Nuevo")
    page.locator("#invite-last-name").fill("Gestor")
    page.locator("#invite-language").select_option("es")
    page.locator("#invite-role-device_manager").click()
    expect(page.locator("#invite-role-device_manager")).to_be_checked()
    for serial in serials:
        page.locator("#invite-product-search").fill(serial)
        add = page.locator(f'.invite-product-add[data-serial="{serial}"]')
        expect(add).to_be_visible()
        add.click()
        expect(page.locator(f'.invite-product-remove[data-serial="{serial}"]')).to_be_visible()
    page.locator("#invite-submit").click()

    expect(page.locator("#users-notice")).to_be_visible()
    expect(page.locator("#users-tab-pending")).to_have_attribute("data-state", "active")
    invited_row = page.locator(f'.user-row[data-email="{INVITEE}"]')
    expect(invited_row.locator(".user-invited")).to_be_visible()
    expect(invited_row.locator(".invite-resend")).to_be_visible()

    message = mailbox.wait_for(INVITEE)
    link = mailbox.link(message, "/invite/")
    _logout(page)

    page.goto(link)
    expect(page.locator("#password")).to_be_visible()
    screenshot(page, "invite-desktop")
    page.set_viewport_size({"width": 768, "height": 1024})
    screenshot(page, "invite-tablet")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.locator("#password").fill(INVITEE_PASSWORD)
    page.locator("#confirm").fill(INVITEE_PASSWORD)
    page.locator("#invite-accept").click()

    page.wait_for_url(re.compile(r".*/$"))
    expect(page.locator("#home-product-count")).to_be_visible()
    page.goto("/products")
    expect(page.locator("#products-total")).to_have_text(re.compile(r"^2\b"))
    for serial in serials:
        expect(page.get_by_text(serial, exact=True).first).to_be_visible()

    # The link worked once.
    page.goto(link)
    expect(page.locator("#invite-invalid")).to_be_visible()
