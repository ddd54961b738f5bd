"""Structured logs (SPEC G5): with PORTAL_LOG_FORMAT=json every line is one JSON object."""

from __future__ import annotations

import io
import json
import logging

from fastapi.testclient import TestClient

from portal import logs
from portal.api import create_api
from portal.settings import load_settings


def test_json_lines_carry_the_message_and_the_extras():
    stream = io.StringIO()
    handler = logs.configure("json", stream)
    try:
        logging.getLogger("portal.mail").warning("sent %d", 3, extra={"request_id": "abc"})
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("portal.api").exception("failed")
    finally:
        logging.getLogger("portal").removeHandler(handler)
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["message"] == "sent 3"
    assert first["level"] == "warning"
    assert first["logger"] == "portal.mail"
    assert first["request_id"] == "abc"
    assert "ValueError: boom" in second["exception"]


def test_each_api_request_is_logged_with_its_id_status_and_duration(engine):
    stream = io.StringIO()
    handler = logs.configure("json", stream)
    try:
        with TestClient(create_api(lambda: engine)) as client:
            answer = client.get("/api/v1/tickets", headers={"X-Request-ID": "req-42"})
    finally:
        logging.getLogger("portal").removeHandler(handler)
    assert answer.headers["x-request-id"] == "req-42"
    entries = [json.loads(line) for line in stream.getvalue().splitlines()]
    access = [e for e in entries if e.get("path") == "/api/v1/tickets"]
    assert access[0]["status"] == 401
    assert access[0]["request_id"] == "req-42"
    assert access[0]["duration_ms"] >= 0


def test_the_log_format_is_a_setting():
    assert load_settings({"PORTAL_LOG_FORMAT": "json"}).log_format == "json"
    assert load_settings({}).log_format == "text"
    assert load_settings({"PORTAL_LOG_FORMAT": "yaml"}).log_format == "text"
