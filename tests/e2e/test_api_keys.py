"""Journeys of the API keys page (SPEC F2): a provider admin opens Administration → API keys,
creates a key, sees its secret once, revokes the key through the confirmation; and the
secret read from the page opens the REST API until the key is revoked."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e

PROVIDER = "provider@demo.example"
SECRET_SHAPE = re.compile(r"^dsp_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}$")


def _open_api_keys(page) -> None:
    login(page, PROVIDER)
    page.locator("#tab-admin").click()
    page.wait_for_url(re.compile(r".*/admin/users"))
    page.locator("#section-api_keys").click()
    page.wait_for_url(re.compile(r".*/admin/api-keys"))
    expect(page.locator("#section-api_keys")).to_have_attribute("aria-current", "page")
    expect(page.locator("#api-key-form")).to_be_visible()


def _create_key(page, name: str, scope: str = "read") -> str:
    """Create a key through the form; the secret as the page shows it."""
    page.locator("#api-key-name").fill(name)
    page.locator(f"#api-key-scope-{scope}").check()
    page.locator("#api-key-create").click()
    field = page.locator("#api-key-secret")
    expect(field).to_have_value(SECRET_SHAPE)
    return field.input_value()


def _revoke(page, name: str) -> None:
    row = page.locator(f'.api-key-row[data-name="{name}"]')
    row.locator(".api-key-revoke").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text(name)
    page.locator("#confirm-api-key-revoke").click()
    expect(dialog).to_have_count(0)
    expect(row.locator(".api-key-status-revoked")).to_be_visible()
    expect(row.locator(".api-key-revoke")).to_have_count(0)
    expect(page.locator("#api-keys-notice")).to_be_visible()


def _get_tickets(portal_url: str, secret: str | None) -> int:
    """The status of GET /api/v1/tickets, with the key as bearer token when given."""
    request = urllib.request.Request(f"{portal_url}/api/v1/tickets")
    if secret is not None:
        request.add_header("Authorization", f"Bearer {secret}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_provider_admin_creates_a_key_sees_its_secret_once_and_revokes_it(page):
    name = f"ERP sync {int(time.time())}"
    _open_api_keys(page)
    expect(page.locator("#api-docs-link")).to_have_attribute("href", "/api/docs")

    # No name: the message stands next to the field and no secret appears.
    page.locator("#api-key-create").click()
    expect(page.locator("#api-key-create-card .field-error")).to_have_text(
        "Indique para qué es la clave."
    )
    expect(page.locator("#api-key-secret")).to_have_count(0)

    secret = _create_key(page, name, "write")
    callout = page.locator("#api-key-secret-callout")
    expect(callout).to_contain_text("No se volverá a mostrar")
    expect(page.locator("#api-key-name")).to_have_value("")
    row = page.locator(f'.api-key-row[data-name="{name}"]')
    expect(row).to_contain_text(f"{secret[:12]}_…")
    expect(row).to_contain_text("nunca")
    expect(row.locator(".api-key-status-active")).to_be_visible()
    page.locator("#api-key-copy").click()
    expect(page.locator("#api-key-copy")).to_have_text("Copiada")
    screenshot(page, "api-keys-desktop")
    page.set_viewport_size({"width": 768, "height": 1024})
    screenshot(page, "api-keys-tablet")
    page.set_viewport_size({"width": 1280, "height": 800})

    # Done: the secret is gone, and it does not come back with the page.
    page.locator("#api-key-done").click()
    expect(callout).to_have_count(0)
    page.reload()
    expect(row).to_be_visible()
    expect(page.locator("#api-key-secret")).to_have_count(0)
    assert secret not in page.content()

    _revoke(page, name)
    screenshot(page, "api-keys-revoked-desktop")
    page.set_viewport_size({"width": 768, "height": 1024})
    screenshot(page, "api-keys-revoked-tablet")


def test_the_secret_read_from_the_page_opens_the_api_until_it_is_revoked(page, portal_url):
    assert _get_tickets(portal_url, None) == 401
    name = f"API check {int(time.time())}"
    _open_api_keys(page)
    secret = _create_key(page, name, "read")

    assert _get_tickets(portal_url, secret) == 200
    page.locator("#api-key-done").click()
    _revoke(page, name)
    assert _get_tickets(portal_url, secret) == 401
