"""Journeys of the accounts pages (SPEC B1) and the audit log (SPEC G3) with the demo data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from portal.db import make_engine
from portal.models import Account, AuditLog, Organisation, User
from portal.seed import DEMO_ORG_NAME, OTHER_ORG_NAME
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e

TABLET = {"width": 768, "height": 1024}
DESKTOP = {"width": 1280, "height": 800}


def _both_sizes(page, name: str) -> None:
    screenshot(page, f"{name}-desktop")
    page.set_viewport_size(TABLET)
    page.wait_for_timeout(300)
    screenshot(page, f"{name}-tablet")
    page.set_viewport_size(DESKTOP)


def _seed_audit_entries(db_url: str) -> int:
    """Audit entries of the demo organisation (the demo data has none); returns another
    organisation's account id."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        org = session.exec(select(Organisation).where(Organisation.name == DEMO_ORG_NAME)).one()
        other = session.exec(select(Organisation).where(Organisation.name == OTHER_ORG_NAME)).one()
        admin = session.exec(select(User).where(User.email == "admin@demo.example")).one()
        manager = session.exec(select(User).where(User.email == "manager@demo.example")).one()
        outsider = session.exec(select(User).where(User.email == "other-admin@demo.example")).one()
        now = datetime.now(UTC)
        entries = [
            (
                org.id,
                manager,
                "product",
                "product.updated",
                {"alternative_name": "Recepción"},
                {"alternative_name": "Recepción planta 2"},
            ),
            (org.id, admin, "group", "group.created", {}, {"name": "Sede Madrid"}),
            (org.id, admin, "group", "group.renamed", {"name": "Madrid"}, {"name": "Sede Madrid"}),
            (
                org.id,
                admin,
                "user",
                "user.password_changed",
                {"password_hash": "$argon2id$old"},
                {"password_hash": "$argon2id$new"},
            ),
            (other.id, outsider, "group", "group.created", {}, {"name": "Zaragoza secret group"}),
        ]
        for n, (org_id, actor, kind, action, old, new) in enumerate(entries):
            session.add(
                AuditLog(
                    organisation_id=org_id,
                    actor_id=actor.id,
                    action=action,
                    object_type=kind,
                    object_id=100 + n,
                    old_values=old,
                    new_values=new,
                    created_at=now - timedelta(minutes=10 * n),
                )
            )
        other_account = session.exec(
            select(Account.id).where(Account.organisation_id == other.id)
        ).first()
        session.commit()
    engine.dispose()
    return other_account


def test_administrator_browses_accounts_and_filters_the_audit_log(page, browser, portal_app):
    other_account = _seed_audit_entries(portal_app.db_url)
    login(page, "admin@demo.example")

    page.goto("/accounts")
    expect(page.locator("#section-accounts")).to_have_attribute("aria-current", "page")
    table = page.locator("#accounts-table")
    expect(table).to_be_visible()
    expect(table.locator(".account-link")).to_have_count(3)
    expect(table).not_to_contain_text("20017733")
    _both_sizes(page, "accounts")

    table.locator(".account-link", has_text="10061244").click()
    expect(page.locator("#account-number")).to_contain_text("10061244")
    lines = page.locator("#contract-lines")
    expect(lines.locator("tbody tr")).to_have_count(2)
    expect(lines).to_contain_text("Vencido")
    expect(lines).to_contain_text("Activo")
    products = page.locator("#account-products .product-link")
    expect(products.first).to_be_visible()
    expect(page.locator("#account-tickets")).to_be_visible()
    _both_sizes(page, "account")
    # The account's tickets span two pages; the products fit on one (no buttons).
    expect(page.locator("#account-products-next")).to_have_count(0)
    first_ticket = page.locator("#account-tickets tbody tr").first.inner_text()
    expect(page.locator("#account-tickets-prev")).to_be_disabled()
    page.locator("#account-tickets-next").click()
    expect(page.locator("#account-tickets-page")).to_contain_text("2")
    expect(page.locator("#account-tickets tbody tr").first).not_to_have_text(first_ticket)
    expect(page.locator("#account-tickets-next")).to_be_disabled()

    page.goto(f"/accounts/{other_account}")
    expect(page.locator("#account-not-found")).to_be_visible()
    expect(page.locator("#account-products")).to_have_count(0)

    page.goto("/admin/audit")
    expect(page.locator("#section-audit")).to_have_attribute("aria-current", "page")
    audit = page.locator("#audit-table")
    expect(audit).to_be_visible()
    expect(audit).not_to_contain_text("Zaragoza")
    expect(audit).not_to_contain_text("argon2")
    expect(audit).to_contain_text("password_hash: ***")

    page.locator("#audit-object").select_option("group")
    page.locator("#audit-apply").click()
    # Other journeys may have written group entries too: check kinds, not a count.
    expect(audit.locator("tbody tr", has_text="group.renamed")).to_have_count(1)
    expect(audit).not_to_contain_text("product.updated")
    expect(audit).not_to_contain_text("user.password_changed")
    expect(audit).to_contain_text("name: Madrid → Sede Madrid")
    _both_sizes(page, "audit")

    page.locator("#audit-from").fill("2030-01-02")
    page.locator("#audit-to").fill("2030-01-01")
    page.locator("#audit-apply").click()
    expect(page.locator(".field-error")).to_be_visible()

    page.locator("#audit-clear").click()
    expect(page.locator(".field-error")).to_have_count(0)
    expect(audit).to_contain_text("product.updated")


def test_device_manager_is_denied_the_audit_log(browser, portal_app):
    context = browser.new_context(base_url=portal_app.url, viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(20000)
    try:
        login(page, "manager@demo.example")
        page.goto("/admin/audit")
        expect(page.locator("#audit-denied")).to_be_visible()
        expect(page.locator("#audit-table")).to_have_count(0)

        page.goto("/accounts")
        expect(page.locator("#accounts-table")).to_be_visible()
    finally:
        context.close()
