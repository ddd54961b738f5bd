"""The REST API in process (FastAPI's test client): keys, scopes, feeds, writes, idempotency,
limits, problem documents and health. The same API over HTTP against the built portal is in
tests/e2e/test_api.py."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import col, select

from portal.api import create_api
from portal.models import (
    ApiKey,
    AuditLog,
    CounterType,
    MeterReading,
    Role,
    Ticket,
    TicketActivity,
    User,
)
from portal.services import api_keys, health, ticket_clock
from tests.factories import make_account, make_model, make_org, make_product, make_user

_numbers = itertools.count(1)
PROBLEM = "application/problem+json"


def _ticket(session, product, created_at: datetime) -> Ticket:
    ticket = Ticket(
        number=f"9-{next(_numbers):08d}",
        product_id=product.id,
        description="Paper jam in tray 2",
        created_at=created_at,
    )
    session.add(ticket)
    session.flush()
    ticket_clock.record_status(
        session=session,
        ticket=ticket,
        status="new",
        actor=None,
        activity_type="Call received",
        now=created_at,
    )
    return ticket


@pytest.fixture
def world(session):
    org = make_org(session, "Cliente Uno")
    account = make_account(session, org, "AC-1")
    model = make_model(session, "Colour 5000")
    for n, code in enumerate(("total", "black", "colour")):
        session.add(CounterType(model_id=model.id, code=code, digits=8, position=n))
    product = make_product(session, account=account, model=model, serial="SN-API-1")
    captured = make_product(session, account=account, model=model, serial="SN-API-2")
    captured.auto_capture = True
    base = datetime.now(UTC) - timedelta(days=3)
    tickets = [_ticket(session, product, base + timedelta(minutes=n)) for n in range(5)]
    admin = make_user(session, role=Role.PROVIDER_ADMIN, email="padmin@provider.example")
    customer_admin = make_user(session, org, role=Role.ADMINISTRATOR)
    _, writer = api_keys.create_key(
        session=session, actor=admin, name="ERP sync", scopes=["read", "write"]
    )
    _, reader = api_keys.create_key(session=session, actor=admin, name="BI", scopes=["read"])
    session.commit()
    return {
        "org": org,
        "product": product,
        "captured": captured,
        "tickets": tickets,
        "admin": admin,
        "customer_admin": customer_admin,
        "writer": writer,
        "reader": reader,
    }


@pytest.fixture
def client(engine):
    with TestClient(create_api(lambda: engine)) as test_client:
        yield test_client


def _auth(secret: str, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}", **extra}


def test_calls_without_a_valid_key_are_refused_with_problem_documents(client, world, session):
    missing = client.get("/api/v1/tickets")
    wrong = client.get("/api/v1/tickets", headers=_auth("dsp_nothing_here"))
    assert missing.status_code == wrong.status_code == 401
    assert missing.headers["content-type"].startswith(PROBLEM)
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert wrong.json()["title"] == "Invalid API key"
    key = session.exec(select(ApiKey).where(col(ApiKey.name) == "BI")).one()
    api_keys.revoke_key(session=session, actor=world["admin"], key_id=key.id)
    session.commit()
    revoked = client.get("/api/v1/tickets", headers=_auth(world["reader"]))
    assert revoked.status_code == 401


def test_a_read_key_may_read_but_not_write(client, world, session):
    number = world["tickets"][0].number
    assert client.get("/api/v1/tickets", headers=_auth(world["reader"])).status_code == 200
    refused = client.post(
        f"/api/v1/tickets/{number}/activities",
        json={"activity_type": "Note", "text": "called the customer"},
        headers=_auth(world["reader"]),
    )
    assert refused.status_code == 403
    assert refused.json()["type"].endswith("scope-missing")
    notes = session.exec(select(TicketActivity).where(col(TicketActivity.activity_type) == "Note"))
    assert notes.all() == []


def test_every_call_is_audited_and_marks_the_key_used(client, world, session):
    client.get("/api/v1/tickets", headers=_auth(world["reader"]))
    client.get("/api/v1/tickets/nope", headers=_auth(world["reader"]))
    session.expire_all()
    key = session.exec(select(ApiKey).where(col(ApiKey.name) == "BI")).one()
    calls = session.exec(
        select(AuditLog).where(
            col(AuditLog.action) == "api.call", col(AuditLog.object_id) == key.id
        )
    ).all()
    assert sorted(c.new_values["status"] for c in calls) == [200, 404]
    assert {c.new_values["path"] for c in calls} == {"/api/v1/tickets", "/api/v1/tickets/nope"}
    assert key.last_used_at is not None
    assert calls[0].actor_id == key.user_id


def test_the_ticket_feed_pages_with_a_cursor_and_brings_changed_tickets_again(
    client, world, session
):
    headers = _auth(world["writer"])
    first = client.get("/api/v1/tickets", params={"limit": 3}, headers=headers).json()
    assert first["has_more"] is True
    second = client.get(
        "/api/v1/tickets", params={"limit": 3, "cursor": first["next_cursor"]}, headers=headers
    ).json()
    assert second["has_more"] is False
    numbers = [t["number"] for t in first["items"] + second["items"]]
    assert numbers == [t.number for t in world["tickets"]]
    assert first["items"][0]["serial"] == "SN-API-1"
    assert first["items"][0]["account_number"] == "AC-1"

    caught_up = client.get(
        "/api/v1/tickets", params={"cursor": second["next_cursor"]}, headers=headers
    ).json()
    assert caught_up["items"] == []
    changed = world["tickets"][1].number
    client.post(
        f"/api/v1/tickets/{changed}/activities",
        json={"activity_type": "Call update", "text": "parts ordered"},
        headers=headers,
    )
    again = client.get(
        "/api/v1/tickets", params={"cursor": caught_up["next_cursor"]}, headers=headers
    ).json()
    assert [t["number"] for t in again["items"]] == [changed]


def test_bad_cursors_and_limits_are_problems_not_errors(client, world):
    headers = _auth(world["reader"])
    bad_cursor = client.get("/api/v1/tickets", params={"cursor": "!!!"}, headers=headers)
    assert bad_cursor.status_code == 422
    assert bad_cursor.json()["errors"][0]["field"] == "cursor"
    readings_cursor = client.get("/api/v1/readings", headers=headers).json()["next_cursor"]
    crossed = client.get("/api/v1/tickets", params={"cursor": readings_cursor}, headers=headers)
    assert crossed.status_code == 422
    assert client.get("/api/v1/tickets", params={"limit": 0}, headers=headers).status_code == 422


def test_an_activity_sets_the_status_and_shows_in_the_timeline(client, world, session):
    number = world["tickets"][0].number
    answer = client.post(
        f"/api/v1/tickets/{number}/activities",
        json={"activity_type": "Planned – Engineer visit", "text": "Visit on Thursday"},
        headers=_auth(world["writer"]),
    )
    assert answer.status_code == 201
    assert answer.json()["author"].startswith("api-key-")
    detail = client.get(f"/api/v1/tickets/{number}", headers=_auth(world["writer"])).json()
    assert detail["status"] == "planned"
    assert [a["text"] for a in detail["activities"]][-1] == "Visit on Thursday"


def test_a_resolution_solves_the_ticket_with_the_engineers_report(client, world, session):
    number = world["tickets"][0].number
    start = datetime.now(UTC) - timedelta(hours=2)
    answer = client.post(
        f"/api/v1/tickets/{number}/resolution",
        json={
            "kind": "onsite",
            "diagnosis": "Worn pick-up roller",
            "action": "Replaced the roller, test prints fine",
            "parts": ["Pick-up roller"],
            "visit_start": start.isoformat(),
            "visit_end": (start + timedelta(minutes=45)).isoformat(),
            "counters": {"total": 12345},
        },
        headers=_auth(world["writer"]),
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["is_resolution"] is True
    assert body["parts"] == ["Pick-up roller"]
    session.expire_all()
    assert session.get(Ticket, world["tickets"][0].id).status == "solved"


def test_an_onsite_resolution_without_visit_times_is_refused_and_changes_nothing(
    client, world, session
):
    number = world["tickets"][0].number
    answer = client.post(
        f"/api/v1/tickets/{number}/resolution",
        json={"kind": "onsite", "diagnosis": "x", "action": "y"},
        headers=_auth(world["writer"]),
    )
    assert answer.status_code == 422
    assert {e["field"] for e in answer.json()["errors"]} == {"visit_start", "visit_end"}
    session.expire_all()
    assert session.get(Ticket, world["tickets"][0].id).status == "new"


def test_status_changes_follow_the_desks_transitions(client, world, session):
    number = world["tickets"][0].number
    headers = _auth(world["writer"])
    closed = client.post(
        f"/api/v1/tickets/{number}/status", json={"status": "closed"}, headers=headers
    )
    assert closed.status_code == 422
    assert closed.json()["errors"][0]["field"] == "status"
    moved = client.post(
        f"/api/v1/tickets/{number}/status", json={"status": "assigned"}, headers=headers
    )
    assert moved.status_code == 200
    assert moved.json()["status"] == "assigned"
    unknown = client.post(
        "/api/v1/tickets/0-0/status", json={"status": "assigned"}, headers=headers
    )
    assert unknown.status_code == 404
    assert unknown.headers["content-type"].startswith(PROBLEM)


def test_the_same_post_with_the_same_idempotency_key_changes_things_once(client, world, session):
    number = world["tickets"][0].number
    headers = _auth(world["writer"], **{"Idempotency-Key": "note-1"})
    body = {"activity_type": "Note", "text": "customer called back"}
    first = client.post(f"/api/v1/tickets/{number}/activities", json=body, headers=headers)
    again = client.post(f"/api/v1/tickets/{number}/activities", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    notes = session.exec(
        select(TicketActivity).where(col(TicketActivity.text) == "customer called back")
    ).all()
    assert len(notes) == 1
    other = client.post(
        f"/api/v1/tickets/{number}/activities",
        json={"activity_type": "Note", "text": "something else"},
        headers=headers,
    )
    assert other.status_code == 422
    assert other.json()["type"].endswith("idempotency-key-reused")


def test_captured_readings_are_stored_as_automatic_after_the_portals_checks(client, world, session):
    headers = _auth(world["writer"])
    today = date.today()
    accepted = client.post(
        "/api/v1/readings",
        json={
            "serial": "sn-api-2",
            "read_on": today.isoformat(),
            "values": {"total": 1500, "black": 1000, "colour": 500},
        },
        headers=headers,
    )
    assert accepted.status_code == 201, accepted.text
    reading = session.get(MeterReading, accepted.json()["reading_id"])
    assert reading.source == "automatic"
    assert reading.product_id == world["captured"].id

    wrong_sum = client.post(
        "/api/v1/readings",
        json={
            "serial": "SN-API-1",
            "read_on": today.isoformat(),
            "values": {"total": 10, "black": 1000, "colour": 500},
        },
        headers=headers,
    )
    assert wrong_sum.status_code == 422
    assert wrong_sum.json()["type"].endswith("reading-rejected")
    future = client.post(
        "/api/v1/readings",
        json={
            "serial": "SN-API-1",
            "read_on": (today + timedelta(days=2)).isoformat(),
            "values": {"total": 1500, "black": 1000, "colour": 500},
        },
        headers=headers,
    )
    assert future.status_code == 422
    stored = session.exec(
        select(MeterReading).where(col(MeterReading.product_id) == world["product"].id)
    ).all()
    assert stored == []

    feed = client.get("/api/v1/readings", headers=_auth(world["reader"])).json()
    assert [(r["serial"], r["source"]) for r in feed["items"]] == [("SN-API-2", "automatic")]
    caught_up = client.get(
        "/api/v1/readings", params={"cursor": feed["next_cursor"]}, headers=_auth(world["reader"])
    ).json()
    assert caught_up["items"] == []


def test_a_key_past_its_rate_limit_gets_429_with_retry_after(engine, world):
    with TestClient(create_api(lambda: engine, rate_limit=3)) as limited:
        answers = [limited.get("/api/v1/tickets", headers=_auth(world["reader"])) for _ in range(4)]
        other_key = limited.get("/api/v1/tickets", headers=_auth(world["writer"]))
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert int(answers[-1].headers["retry-after"]) >= 1
    assert answers[0].headers["x-ratelimit-limit"] == "3"
    assert other_key.status_code == 200


def test_a_body_over_the_size_limit_is_refused_before_anything_runs(engine, world, session):
    number = world["tickets"][0].number
    with TestClient(create_api(lambda: engine, max_body=2000)) as small:
        answer = small.post(
            f"/api/v1/tickets/{number}/activities",
            json={"activity_type": "Note", "text": "x" * 3000},
            headers=_auth(world["writer"]),
        )
    assert answer.status_code == 413
    assert answer.headers["content-type"].startswith(PROBLEM)
    assert (
        session.exec(
            select(TicketActivity).where(col(TicketActivity.activity_type) == "Note")
        ).all()
        == []
    )


def test_unknown_fields_and_wrong_types_are_problems(client, world):
    number = world["tickets"][0].number
    answer = client.post(
        f"/api/v1/tickets/{number}/activities",
        json={"activity_type": "Note", "text": "x", "ticket_id": 1},
        headers=_auth(world["writer"]),
    )
    assert answer.status_code == 422
    assert answer.json()["type"].endswith("request-invalid")
    assert answer.json()["errors"][0]["field"] == "ticket_id"


def test_text_with_a_nul_character_is_a_problem_on_every_database(client, world, session):
    answer = client.post(
        "/api/v1/fleet",
        json={"organisations": [{"ref": "\x00", "name": "Nul"}]},
        headers=_auth(world["writer"]),
    )
    assert answer.status_code == 422, answer.text
    assert "NUL" in answer.text
    number = world["tickets"][0].number
    answer = client.post(
        f"/api/v1/tickets/{number}/activities",
        json={"activity_type": "Note", "text": "a\x00b"},
        headers=_auth(world["writer"]),
    )
    assert answer.status_code == 422
    assert client.get("/api/v1/tickets/A%00", headers=_auth(world["writer"])).status_code == 422


def test_an_unexpected_error_answers_500_without_a_traceback_and_changes_nothing(
    engine, world, session, monkeypatch
):
    from portal.services import desk

    def broken(**_kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(desk, "add_activity", broken)
    with TestClient(create_api(lambda: engine), raise_server_exceptions=False) as client:
        answer = client.post(
            f"/api/v1/tickets/{world['tickets'][0].number}/activities",
            json={"activity_type": "Note", "text": "x"},
            headers=_auth(world["writer"]),
        )
    assert answer.status_code == 500
    assert "secret internals" not in answer.text
    assert "Traceback" not in answer.text


def test_the_integration_user_is_not_listed_among_the_providers_users(session, world):
    from portal.services import users

    listed, counts = users.list_users(session=session, actor=world["admin"], status="active")
    assert [u["email"] for u in listed.rows] == ["padmin@provider.example"]
    assert counts["active"] == 1
    integration = session.exec(select(User).where(col(User.roles) == "integration")).all()
    assert len(integration) == 2


def test_health_reports_database_index_outbox_and_dispatcher(client, engine, tmp_path, monkeypatch):
    from portal.services import index_writer

    monkeypatch.setattr(index_writer, "index_dir", lambda: tmp_path / "index")
    index_writer.rebuild(engine=engine)
    report = client.get("/health")
    assert report.status_code == 200
    body = report.json()
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["index"]["ok"] is True
    assert body["checks"]["dispatcher"]["ok"] is False
    assert body["status"] == "degraded"
    health.beat(engine=engine, name=health.DISPATCHER)
    assert client.get("/health").json()["status"] == "ok"
    index_writer.close_indexes()


def test_the_openapi_document_lists_every_endpoint(client):
    document = client.get("/api/openapi.json").json()
    assert set(document["paths"]) >= {
        "/api/v1/fleet",
        "/api/v1/tickets",
        "/api/v1/tickets/{number}",
        "/api/v1/tickets/{number}/activities",
        "/api/v1/tickets/{number}/resolution",
        "/api/v1/tickets/{number}/status",
        "/api/v1/readings",
        "/health",
    }
    assert "HTTPBearer" in document["components"]["securitySchemes"]
    assert client.get("/api/docs").status_code == 200


def test_the_collector_reports_a_contact_with_toner_and_status(client, world, session):
    headers = _auth(world["writer"])
    seen = datetime.now(UTC).replace(microsecond=0)
    answer = client.post(
        "/api/v1/devices/SN-API-2/contact",
        json={
            "seen_at": seen.isoformat(),
            "status": "warning",
            "toner": {"black": 12},
            "alerts": [{"code": "10003", "severity": "warning", "description": "Toner low"}],
        },
        headers=headers,
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["toner_levels"]["black"] == 12
    session.expire_all()
    product = session.get(type(world["captured"]), world["captured"].id)
    assert product.device_status == "warning"
    assert product.last_contact_at == seen
    refused = client.post(
        "/api/v1/devices/SN-API-2/contact",
        json={"status": "running", "toner": {"black": 101}},
        headers=headers,
    )
    assert refused.status_code == 422
    unknown = client.post(
        "/api/v1/devices/NOPE/contact", json={"status": "running"}, headers=headers
    )
    assert unknown.status_code == 404
