"""Journeys of the profile and e-mail alerts (SPEC E1, E2): the language switches the UI at
once, an alert turned off is stored, and a password change ends the user's other sessions."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, col, select

from portal.db import make_engine
from portal.models import AlertPreference, Role, User, UserSession, UserStatus
from portal.security import hash_password
from tests.e2e.conftest import PRODUCTS_TAB, login, screenshot

pytestmark = pytest.mark.e2e

MANAGER = "manager@demo.example"
PROFILE_USER = "perfil.e2e@demo.example"
OLD_PASSWORD = "Ciruela-Tranvia-2026"
NEW_PASSWORD = "Manzana-Bicicleta-2026"
TABLET = {"width": 768, "height": 1024}
DESKTOP = {"width": 1280, "height": 800}


def _db(portal_app):
    return make_engine(portal_app.db_url)


def _language(portal_app, email: str) -> str:
    engine = _db(portal_app)
    with Session(engine) as session:
        language = session.exec(select(User.language).where(col(User.email) == email)).one()
    engine.dispose()
    return language


def _ticket_opened_enabled(portal_app, email: str) -> bool | None:
    """The stored "ticket opened" preference of a user (None: no row, the default)."""
    engine = _db(portal_app)
    with Session(engine) as session:
        row = session.exec(
            select(AlertPreference)
            .join(User, col(User.id) == col(AlertPreference.user_id))
            .where(col(User.email) == email, col(AlertPreference.event) == "ticket_opened")
        ).first()
    engine.dispose()
    return None if row is None else row.enabled


def _make_profile_user(portal_app) -> None:
    """A device manager of the demo customer with a known password, for the password change."""
    engine = _db(portal_app)
    with Session(engine) as session:
        manager = session.exec(select(User).where(col(User.email) == MANAGER)).one()
        if session.exec(select(User).where(col(User.email) == PROFILE_USER)).first() is None:
            session.add(
                User(
                    email=PROFILE_USER,
                    first_name="Paula",
                    last_name="Ortega",
                    organisation_id=manager.organisation_id,
                    roles=Role.DEVICE_MANAGER.value,
                    status=UserStatus.ACTIVE.value,
                    password_hash=hash_password(OLD_PASSWORD),
                    language="es",
                )
            )
            session.commit()
    engine.dispose()


def _open_sessions(portal_app, email: str) -> int:
    engine = _db(portal_app)
    with Session(engine) as session:
        count = len(
            session.exec(
                select(UserSession)
                .join(User, col(User.id) == col(UserSession.user_id))
                .where(col(User.email) == email, col(UserSession.ended_at).is_(None))
            ).all()
        )
    engine.dispose()
    return count


def _open_from_menu(page, item: str, path: str) -> None:
    page.locator("#user-menu").click()
    page.locator(f"#{item}").click()
    page.wait_for_url(re.compile(rf".*{re.escape(path)}$"))


def test_language_and_alerts_from_the_user_menu(page, portal_app):
    login(page, MANAGER)
    _open_from_menu(page, "menu-profile", "/profile")
    expect(page.locator("#first_name")).to_have_value("Miguel")
    expect(page.locator("#job_title")).to_have_value("Técnico de sistemas")
    expect(page.locator("#profile-sessions .current-session")).to_have_count(1)
    screenshot(page, "profile-desktop")
    page.set_viewport_size(TABLET)
    # Chromium paints a scroll box below the fold blank in a full-page shot unless it was shown.
    page.locator("#profile-sessions").scroll_into_view_if_needed()
    screenshot(page, "profile-tablet")
    page.set_viewport_size(DESKTOP)

    # English: the whole UI switches as soon as the details are saved.
    page.locator("#profile-language").select_option("en")
    page.locator("#profile-save").click()
    expect(page.locator("#profile-saved")).to_be_visible()
    expect(page.locator("#tab-products")).to_have_text(PRODUCTS_TAB["en"])
    expect(page.locator("#tab-service")).to_have_text("Service")
    expect(page.locator("#profile-save")).to_have_text("Save details")
    expect(page.locator("#language-switch")).to_have_value("en")
    assert _language(portal_app, MANAGER) == "en"

    # … and back to Spanish, so other journeys of this user read what they expect.
    page.locator("#profile-language").select_option("es")
    page.locator("#profile-save").click()
    expect(page.locator("#tab-products")).to_have_text(PRODUCTS_TAB["es"])
    expect(page.locator("#tab-service")).to_have_text("Servicio")
    assert _language(portal_app, MANAGER) == "es"

    # A required field left empty is refused next to the field.
    page.locator("#first_name").fill("")
    page.locator("#first_name").evaluate("el => el.removeAttribute('required')")
    page.locator("#profile-save").click()
    expect(page.locator("#profile-details .field-error")).to_have_text("Este campo es obligatorio.")

    # E-mail alerts: turn off "ticket opened".
    _open_from_menu(page, "menu-alerts", "/profile/alerts")
    enabled = page.locator("#alert-ticket_opened-enabled")
    expect(enabled).to_be_checked()
    enabled.click()
    expect(enabled).not_to_be_checked()
    expect(page.locator("#alert-ticket_opened-own")).to_be_disabled()
    expect(page.locator("#alert-ticket_opened-digest")).to_be_disabled()
    page.locator("#alert-reading_due-digest").select_option("digest")
    page.locator("#alerts-save").click()
    expect(page.locator("#alerts-saved")).to_be_visible()
    assert _ticket_opened_enabled(portal_app, MANAGER) is False

    page.reload()
    expect(page.locator("#alert-ticket_opened-enabled")).not_to_be_checked()
    expect(page.locator("#alert-reading_due-digest")).to_have_value("digest")
    expect(page.locator("#alert-ticket_updated-enabled")).to_be_checked()
    screenshot(page, "alerts-desktop")
    page.set_viewport_size(TABLET)
    expect(page.locator("#alert-order_status-digest")).to_be_visible()
    screenshot(page, "alerts-tablet")
    page.set_viewport_size(DESKTOP)

    # Put the defaults back: other journeys expect this user's ticket e-mails.
    page.locator("#alert-ticket_opened-enabled").click()
    page.locator("#alert-reading_due-digest").select_option("immediate")
    page.locator("#alerts-save").click()
    expect(page.locator("#alerts-saved")).to_be_visible()
    assert _ticket_opened_enabled(portal_app, MANAGER) is True


def test_a_password_change_ends_the_other_sessions(page, browser, portal_app):
    _make_profile_user(portal_app)
    other = browser.new_context(base_url=portal_app.url, viewport=DESKTOP)
    elsewhere = other.new_page()
    elsewhere.set_default_timeout(20000)
    try:
        login(elsewhere, PROFILE_USER, OLD_PASSWORD)
        login(page, PROFILE_USER, OLD_PASSWORD)
        page.goto("/profile")
        expect(page.locator("#profile-sessions tbody tr")).to_have_count(2)
        expect(page.locator("#profile-sessions .current-session")).to_have_count(1)
        expect(page.locator("#profile-password-changed")).to_have_text("Nunca")

        # The current password is required.
        page.locator("#current_password").fill("not my password")
        page.locator("#new_password").fill(NEW_PASSWORD)
        page.locator("#confirm_password").fill(NEW_PASSWORD)
        page.locator("#password-save").click()
        expect(page.locator("#profile-password .field-error")).to_have_text(
            "La contraseña actual no es correcta."
        )
        assert _open_sessions(portal_app, PROFILE_USER) == 2

        page.locator("#current_password").fill(OLD_PASSWORD)
        page.locator("#new_password").fill(NEW_PASSWORD)
        page.locator("#confirm_password").fill(NEW_PASSWORD)
        page.locator("#password-save").click()
        expect(page.locator("#password-saved")).to_be_visible()
        expect(page.locator("#profile-sessions tbody tr")).to_have_count(1)
        expect(page.locator("#profile-password-changed")).to_have_text(re.compile(r"^\d{4}-"))
        expect(page.locator("#current_password")).to_have_value("")
        assert _open_sessions(portal_app, PROFILE_USER) == 1

        # The other browser is logged out; the old password no longer works there.
        elsewhere.goto("/profile")
        elsewhere.wait_for_url(re.compile(r".*/login"))
        elsewhere.locator("#email").fill(PROFILE_USER)
        elsewhere.locator("#password").fill(OLD_PASSWORD)
        elsewhere.locator("#login-submit").click()
        expect(elsewhere.locator("#login-error")).to_be_visible()
        login(elsewhere, PROFILE_USER, NEW_PASSWORD)

        # This browser stays signed in and logs the other one out.
        page.reload()
        expect(page.locator("#profile-sessions tbody tr")).to_have_count(2)
        page.locator("#profile-logout-others").click()
        expect(page.locator("#profile-sessions-notice")).to_be_visible()
        expect(page.locator("#profile-sessions tbody tr")).to_have_count(1)
        expect(page.locator("#profile-logout-others")).to_be_disabled()
        elsewhere.goto("/profile")
        elsewhere.wait_for_url(re.compile(r".*/login"))
    finally:
        other.close()
