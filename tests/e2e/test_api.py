"""The REST API and /health over HTTP against the built portal (SPEC F2, G5): a key made for
the provider's back office reads the ticket feed, posts an activity the customer then reads in
the browser, submits a captured reading, upserts fleet data, and is refused once revoked."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from datetime import date

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, col, select

from portal.db import make_engine
from portal.models import MeterReading, Product, Role, Ticket, User
from portal.services import api_keys
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e


def _call(url: str, method: str = "GET", body=None, secret: str | None = None, **headers):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if secret:
        request.add_header("Authorization", f"Bearer {secret}")
    for name, value in headers.items():
        request.add_header(name.replace("_", "-"), value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read() or b"null")


@pytest.fixture(scope="module")
def api(portal_app):
    """A read-write key made the way the API keys page makes it, and the portal's database."""
    engine = make_engine(portal_app.db_url)
    with Session(engine, expire_on_commit=False) as session:
        admin = session.exec(select(User).where(col(User.email) == "provider@demo.example")).one()
        key, secret = api_keys.create_key(
            session=session, actor=admin, name="E2E back office", scopes=["read", "write"]
        )
        session.commit()
    yield {"url": portal_app.url, "secret": secret, "key_id": key.id, "engine": engine}
    engine.dispose()


def test_health_reports_every_check_of_the_running_portal(portal_url):
    deadline = time.monotonic() + 60
    while True:
        status, headers, body = _call(f"{portal_url}/health")
        if body["status"] == "ok" or time.monotonic() > deadline:
            break
        time.sleep(2)  # the dispatcher beats after its first round
    assert status == 200
    assert body["status"] == "ok", body
    assert set(body["checks"]) == {"database", "index", "outbox", "dispatcher"}
    assert body["checks"]["index"]["documents"] > 0


def test_the_openapi_document_and_docs_are_served_by_the_portal(portal_url):
    status, _, document = _call(f"{portal_url}/api/openapi.json")
    assert status == 200
    assert "/api/v1/tickets" in document["paths"]
    with urllib.request.urlopen(f"{portal_url}/api/docs", timeout=30) as response:
        assert "swagger" in response.read().decode().lower()


def test_without_a_key_the_api_answers_401_problem(portal_url):
    status, headers, body = _call(f"{portal_url}/api/v1/tickets")
    assert status == 401
    assert headers["content-type"].startswith("application/problem+json")
    assert body["status"] == 401


def test_the_back_office_posts_an_activity_the_customer_reads_in_the_browser(api, page):
    pages, cursor = [], None
    while True:
        query = f"?limit=100&cursor={cursor}" if cursor else "?limit=100"
        status, _, feed = _call(f"{api['url']}/api/v1/tickets{query}", secret=api["secret"])
        assert status == 200
        pages.append(feed)
        cursor = feed["next_cursor"]
        if not feed["has_more"]:
            break
    tickets = [t for p in pages for t in p["items"]]
    assert len(tickets) >= 100 and len(pages) >= 2
    stamps = [t["updated_at"] for t in tickets]
    assert stamps == sorted(stamps)
    with Session(api["engine"]) as session:
        open_ticket = session.exec(
            select(Ticket)
            .where(col(Ticket.status) == "assigned")
            .where(col(Ticket.number).in_([t["number"] for t in tickets]))
            .order_by(col(Ticket.id))
        ).first()
    note = f"Parts ordered by the back office at {time.time():.0f}"
    url = f"{api['url']}/api/v1/tickets/{open_ticket.number}/activities"
    body = {"activity_type": "Call update", "text": note}
    key = f"e2e-note-{time.time_ns()}"
    first = _call(url, "POST", body, api["secret"], Idempotency_Key=key)
    again = _call(url, "POST", body, api["secret"], Idempotency_Key=key)
    assert first[0] == again[0] == 201
    assert again[1].get("idempotent-replayed") == "true"
    _, _, changed = _call(f"{api['url']}/api/v1/tickets?cursor={cursor}", secret=api["secret"])
    assert [t["number"] for t in changed["items"]] == [open_ticket.number]

    login(page, "admin@demo.example")
    page.goto(f"/service/tickets/{open_ticket.id}")
    timeline = page.locator("#ticket-activities")
    expect(timeline).to_contain_text(note)
    assert timeline.inner_text().count(note) == 1
    screenshot(page, "api-activity-seen-by-customer")


def test_a_captured_reading_is_stored_as_automatic(api):
    with Session(api["engine"]) as session:
        product = session.exec(
            select(Product).where(col(Product.auto_capture).is_(True)).order_by(col(Product.id))
        ).first()
        last = session.exec(
            select(MeterReading)
            .where(col(MeterReading.product_id) == product.id)
            .order_by(col(MeterReading.read_on).desc())
        ).first()
    values = {code: value + 100 for code, value in last.values.items()}
    if {"total", "black", "colour"} <= set(values):
        values["total"] = values["black"] + values["colour"]
    status, _, body = _call(
        f"{api['url']}/api/v1/readings",
        "POST",
        {"serial": product.serial, "read_on": date.today().isoformat(), "values": values},
        api["secret"],
    )
    assert status == 201, body
    with Session(api["engine"]) as session:
        stored = session.get(MeterReading, body["reading_id"])
    assert stored.source == "automatic"
    assert stored.values == values
    lower = {code: value - 1 for code, value in values.items()}
    status, _, refused = _call(
        f"{api['url']}/api/v1/readings",
        "POST",
        {"serial": product.serial, "read_on": date.today().isoformat(), "values": lower},
        api["secret"],
    )
    assert status == 422
    assert refused["type"].endswith("reading-rejected")


def test_fleet_upserts_are_idempotent_and_a_revoked_key_is_refused(api):
    with Session(api["engine"]) as session:
        model = session.exec(select(Product.model_id)).first()
        from portal.models import ProductModel, ServiceLevel

        model_name = session.get(ProductModel, model).name
        level = session.exec(select(ServiceLevel.name)).first()
    batch = {
        "organisations": [{"ref": "ERP-E2E-1", "name": "Imprenta E2E"}],
        "accounts": [
            {"number": "E2E-ACC-1", "name": "Imprenta E2E", "organisation_ref": "ERP-E2E-1"}
        ],
        "contract_lines": [
            {
                "account_number": "E2E-ACC-1",
                "contract_number": "E2E-C-1",
                "service_level": level,
                "start_date": "2026-01-01",
                "end_date": "2028-12-31",
            }
        ],
        "locations": [
            {
                "ref": "ERP-LOC-E2E-1",
                "organisation_ref": "ERP-E2E-1",
                "address": "Calle Falsa 1",
                "postal_code": "28080",
                "city": "Madrid",
            }
        ],
        "products": [
            {
                "serial": "E2E-SN-0001",
                "account_number": "E2E-ACC-1",
                "model": model_name,
                "location_ref": "ERP-LOC-E2E-1",
                "contract_number": "E2E-C-1",
            }
        ],
    }
    url = f"{api['url']}/api/v1/fleet"
    status, _, first = _call(url, "POST", batch, api["secret"])
    assert status == 200, first
    assert first["products"]["created"] == 1
    status, _, second = _call(url, "POST", batch, api["secret"])
    assert status == 200
    assert second["products"] == {"created": 0, "updated": 0, "unchanged": 1}
    broken = {**batch, "products": [{**batch["products"][0], "model": "No such model"}]}
    status, _, problem = _call(url, "POST", broken, api["secret"])
    assert status == 422
    assert problem["errors"][0]["field"].startswith("products[0]")

    with Session(api["engine"]) as session:
        admin = session.exec(select(User).where(col(User.email) == "provider@demo.example")).one()
        assert admin.has_role(Role.PROVIDER_ADMIN)
        api_keys.revoke_key(session=session, actor=admin, key_id=api["key_id"])
        session.commit()
    status, _, _ = _call(f"{api['url']}/api/v1/tickets", secret=api["secret"])
    assert status == 401
