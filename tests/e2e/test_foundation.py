"""Journeys of the foundation: register, activate, log in, tabs per role, language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import Session

from portal.db import make_engine
from tests import factories
from tests.e2e.conftest import DEMO_PASSWORD, login, screenshot

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "a-long-new-passphrase"


def _org_without_users(db_url: str, serial: str, postal_code: str) -> None:
    """A customer whose fleet the provider imported but who has no portal user yet."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        org = factories.make_org(session, name="Imprenta Nueva S.L.")
        factories.make_product(session, org, serial=serial, postal_code=postal_code)
        session.commit()
    engine.dispose()


def _register(page, *, email: str, serial: str, postal_code: str, company: str) -> None:
    page.goto("/register")
    page.locator("#company_name").fill(company)
    page.locator("#full_name").fill("Lucía Fernández")
    page.locator("#email").fill(email)
    page.locator("#phone").fill("+34 600 111 222")
    page.locator("#serial").fill(serial)
    page.locator("#postal_code").fill(postal_code)
    page.locator("#register-submit").click()


def test_first_registrant_activates_by_email_and_reaches_the_shell(page, portal_app, mailbox):
    _org_without_users(portal_app.db_url, "ZX9900112233", "41001")
    _register(
        page,
        email="lucia@imprenta.example",
        serial="zx99 0011 2233",
        postal_code="41001",
        company="Imprenta Nueva",
    )
    expect(page.locator("#register-done")).to_be_visible()

    msg = mailbox.wait_for("lucia@imprenta.example")
    link = mailbox.link(msg, "/activate/")
    assert link.startswith(portal_app.url)
    assert msg.get_body(preferencelist=("html",)) is not None

    page.goto(link)
    page.locator("#password").fill(NEW_PASSWORD)
    page.locator("#confirm").fill(NEW_PASSWORD)
    page.locator("#password-submit").click()
    page.wait_for_url(re.compile(r".*/login\?notice=activated"))

    login(page, "lucia@imprenta.example", NEW_PASSWORD)
    expect(page.locator("#home-product-count")).to_have_text("1")
    expect(page.locator("#tab-admin")).to_be_visible()

    page.goto(link)
    expect(page.locator("#token-invalid")).to_be_visible()


def test_registration_with_wrong_postal_code_gets_one_message(page):
    _register(
        page, email="nobody@example.com", serial="ZX9900112233", postal_code="99999", company="X"
    )
    expect(page.locator(".field-error")).to_have_count(1)
    expect(page.locator("#register-done")).to_have_count(0)


def test_wrong_password_gets_generic_error(page):
    page.goto("/login")
    page.locator("#email").fill("admin@demo.example")
    page.locator("#password").fill("not the password")
    page.locator("#login-submit").click()
    expect(page.locator("#login-error")).to_be_visible()
    page.locator("#email").fill("nobody-here@demo.example")
    page.locator("#login-submit").click()
    expect(page.locator("#login-error")).to_be_visible()


@pytest.mark.parametrize(
    ("email", "visible", "hidden"),
    [
        ("admin@demo.example", ["service", "products", "stock", "admin"], []),
        ("manager@demo.example", ["service", "products"], ["stock", "admin"]),
        ("stock@demo.example", ["products", "stock"], ["admin"]),
        ("knowledge@demo.example", ["products"], ["service", "stock", "admin"]),
        ("agent@demo.example", ["service", "products"], ["stock", "admin"]),
    ],
)
def test_each_role_sees_its_tabs(page, email, visible, hidden):
    login(page, email)
    for tab in visible:
        expect(page.locator(f"#tab-{tab}")).to_be_visible()
    for tab in hidden:
        expect(page.locator(f"#tab-{tab}")).to_have_count(0)


def test_signed_out_visitor_is_sent_to_login(page):
    page.goto("/")
    page.wait_for_url(re.compile(r".*/login\?next=/"))


def test_logout_ends_the_session(page):
    login(page, "manager@demo.example")
    page.locator("#user-menu").click()
    page.locator("#logout").click()
    page.wait_for_url(re.compile(r".*/login"))
    page.goto("/")
    page.wait_for_url(re.compile(r".*/login"))


def test_language_switch_changes_the_ui_and_is_remembered(page):
    page.goto("/login")
    expect(page.locator("h1")).to_have_text("Iniciar sesión")
    page.locator("#language-switch").select_option("en")
    expect(page.locator("h1")).to_have_text("Log in")
    login(page, "admin@demo.example")
    page.locator("#language-switch").select_option("de")
    expect(page.locator("#tab-products")).to_have_text("Wissen und Produkte")
    page.reload()
    expect(page.locator("#tab-products")).to_have_text("Wissen und Produkte")


def test_unknown_address_shows_not_found(page):
    page.goto("/no-such-page")
    expect(page.locator("#not-found")).to_be_visible()


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize(("size", "viewport"), [("desktop", (1280, 800)), ("tablet", (768, 1024))])
def test_screenshots_of_login_register_home(browser, portal_url, lang, size, viewport):
    context = browser.new_context(
        base_url=portal_url, viewport={"width": viewport[0], "height": viewport[1]}
    )
    page = context.new_page()
    page.goto("/login")
    page.locator("#language-switch").select_option(lang)
    expect(page.locator("#login-submit")).to_be_visible()
    screenshot(page, f"login-{lang}-{size}")
    page.goto("/register")
    expect(page.locator("#register-submit")).to_be_visible()
    screenshot(page, f"register-{lang}-{size}")
    login(page, "admin@demo.example", DEMO_PASSWORD)
    page.locator("#language-switch").select_option(lang)
    expect(page.locator("#tab-service")).to_have_text("Servicio" if lang == "es" else "Service")
    screenshot(page, f"home-{lang}-{size}")
    context.close()
