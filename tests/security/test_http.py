"""Security headers on every response, a page CSP, and the upload endpoint's guard."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from tests.security.wsclient import PortalSocket

UPLOAD_HANDLER = (
    "reflex___state____state.portal___state___auth____auth_state."
    "portal___state___bulk_readings____bulk_readings_state.upload"
)
BOUNDARY = "----portal-security"


def _request(url: str, *, method: str = "GET", headers=None, data: bytes | None = None):
    request = urllib.request.Request(url, method=method, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _multipart(content: bytes) -> bytes:
    return (
        (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; '
            f'filename="readings.csv"\r\nContent-Type: text/csv\r\n\r\n'
        ).encode()
        + content
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )


def _upload(base_url: str, *, cookie: str = "", handler: str = UPLOAD_HANDLER, **extra):
    headers = {
        "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
        "Reflex-Client-Token": "00000000-0000-0000-0000-000000000000",
        "Reflex-Event-Handler": handler,
        **extra,
    }
    if cookie:
        headers["Cookie"] = f"portal_session={cookie}"
    return _request(
        f"{base_url}/_upload", method="POST", headers=headers, data=_multipart(b"serial\n")
    )


@pytest.fixture(scope="module")
def manager_session(security_portal) -> str:
    socket = PortalSocket(security_portal.url)
    try:
        return socket.login("manager@demo.example", security_portal.password)
    finally:
        socket.close()


@pytest.mark.parametrize("path", ["/login", "/", "/products/1", "/no-such-page"])
def test_pages_carry_security_headers_and_a_strict_script_policy(security_portal, path):
    status, headers, _ = _request(security_portal.url + path)
    assert status in (200, 404)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    policy = dict(d.strip().split(" ", 1) for d in headers["Content-Security-Policy"].split(";"))
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "'sha256-" in policy["script-src"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "ws://" in policy["connect-src"]


def test_api_and_assets_carry_headers(security_portal):
    for path in ("/api/openapi.json", "/health", "/logo.svg"):
        status, headers, _ = _request(security_portal.url + path)
        assert status == 200, path
        assert headers["X-Content-Type-Options"] == "nosniff", path


def test_upload_directory_is_not_served(security_portal):
    for path in ("/_upload", "/_upload/readings.csv", "/_upload/../portal.db"):
        status, _, _ = _request(security_portal.url + path)
        assert status == 404, path


def test_anonymous_upload_is_refused(security_portal):
    status, _, _ = _upload(security_portal.url)
    assert status == 403
    status, _, _ = _upload(security_portal.url, cookie="forged-session-token")
    assert status == 403


def test_upload_to_another_handler_is_refused(security_portal, manager_session):
    other = UPLOAD_HANDLER.replace("bulk_readings_state.upload", "bulk_readings_state.confirm")
    status, _, _ = _upload(security_portal.url, cookie=manager_session, handler=other)
    assert status == 403


def test_oversized_upload_is_refused_before_reading(security_portal, manager_session):
    status, _, _ = _upload(
        security_portal.url, cookie=manager_session, **{"Content-Length": str(50 * 1024**2)}
    )
    assert status == 413


def test_signed_in_upload_reaches_the_portal(security_portal, manager_session):
    status, _, body = _upload(security_portal.url, cookie=manager_session)
    assert status not in (403, 404, 413), body[:300]
