"""Automatic capture in the browser (SPEC X2): a machine the meter collector has not reached
for a week is flagged "not reporting" on the product list and its page, its managers get one
mail, and the flag goes once the collector reports the machine again through the API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, col, select

from portal.db import make_engine
from portal.models import Product, User
from portal.services import api_keys, capture
from tests.e2e.conftest import login, screenshot
from tests.e2e.test_api import _call

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def silent(portal_app):
    """The demo machine that stopped reporting, its managers' addresses and a write key."""
    engine = make_engine(portal_app.db_url)
    with Session(engine, expire_on_commit=False) as session:
        week_ago = datetime.now(UTC) - timedelta(days=7)
        product = session.exec(
            select(Product).where(
                col(Product.auto_capture).is_(True), col(Product.last_contact_at) < week_ago
            )
        ).one()
        managers = [u.email for u in capture.managers_of(session=session, product=product)]
        provider = session.exec(select(User).where(col(User.email) == "provider@demo.example"))
        _, secret = api_keys.create_key(
            session=session, actor=provider.one(), name="Meter collector", scopes=["read", "write"]
        )
        session.commit()
    engine.dispose()
    return {"serial": product.serial, "id": product.id, "managers": managers, "secret": secret}


def test_a_silent_machine_is_flagged_until_the_collector_reaches_it(
    page, portal_app, mailbox, silent
):
    serial = silent["serial"]
    assert silent["managers"]
    told = mailbox.wait_for(silent["managers"][0], serial)
    assert "/products/" in told.get_body(("plain",)).get_content()

    login(page, "admin@demo.example", language="en")
    page.goto(f"/products?serial={serial}")
    row = page.locator("#products-table tbody tr").filter(has_text=serial)
    expect(row.locator(".product-not-reporting")).to_have_text("Not reporting")
    expect(page.locator(".product-not-reporting")).to_have_count(1)
    screenshot(page, "capture-products-not-reporting")

    row.get_by_role("link", name=serial).click()
    expect(page.locator("#product-not-reporting")).to_have_text("Not reporting")
    expect(page.locator("#product-not-reporting-hint")).to_contain_text("more than 7 days")
    expect(page.locator("#product-device-status")).to_contain_text("Down")
    screenshot(page, "capture-product-not-reporting")
    page.set_viewport_size({"width": 768, "height": 1024})
    page.wait_for_timeout(500)  # let the cards lay themselves out again before the picture
    screenshot(page, "capture-product-not-reporting-tablet")
    page.set_viewport_size({"width": 1280, "height": 800})

    status, _, body = _call(
        f"{portal_app.url}/api/v1/devices/{serial}/contact",
        "POST",
        {"status": "running", "toner": {"black": 64}, "alerts": []},
        secret=silent["secret"],
        Idempotency_Key=f"e2e-contact-{serial}",
    )
    assert status == 200, body
    assert body["applied"] is True

    page.reload()
    expect(page.locator("#product-device-status")).to_contain_text("Running")
    expect(page.locator("#product-not-reporting")).to_have_count(0)
    expect(page.locator("#product-last-contact")).to_contain_text(body["last_contact_at"][:10])
    page.goto(f"/products?serial={serial}")
    expect(page.locator("#products-table tbody tr").filter(has_text=serial)).to_be_visible()
    expect(page.locator(".product-not-reporting")).to_have_count(0)


def test_a_revoked_collector_key_changes_nothing(portal_app, silent):
    engine = make_engine(portal_app.db_url)
    with Session(engine, expire_on_commit=False) as session:
        provider = session.exec(
            select(User).where(col(User.email) == "provider@demo.example")
        ).one()
        key, secret = api_keys.create_key(
            session=session, actor=provider, name="Old collector", scopes=["read", "write"]
        )
        api_keys.revoke_key(session=session, actor=provider, key_id=key.id)
        session.commit()
        before = session.get(Product, silent["id"])
        seen = (before.last_contact_at, before.device_status)

    status, _, body = _call(
        f"{portal_app.url}/api/v1/devices/{silent['serial']}/contact",
        "POST",
        {"status": "testing"},
        secret=secret,
    )

    with Session(engine) as session:
        after = session.get(Product, silent["id"])
        assert (after.last_contact_at, after.device_status) == seen
    engine.dispose()
    assert status == 401, body
