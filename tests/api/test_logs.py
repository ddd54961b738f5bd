"""Structured logs (SPEC G5): with PORTAL_LOG_FORMAT=json every line is one JSON object."""

from __future__ import annotations

import io
import json
import logging
import traceback

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


def test_a_browser_sent_value_is_shortened_in_the_log_whoever_logs_it():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    reflex_logger = logging.getLogger("reflex_base.vars.base")  # logs values browsers send
    reflex_logger.addHandler(handler)
    previous = logging.getLogRecordFactory()
    logs.limit_message_length()
    try:
        reflex_logger.error(f"Expected type bool, but got {'A' * 100_000!r} of type str.")
        reflex_logger.error("sent %s", "B" * 5000)
        reflex_logger.error("short %d", 3)
    finally:
        logging.setLogRecordFactory(previous)
        reflex_logger.removeHandler(handler)
    first, second, third = stream.getvalue().splitlines()
    assert len(first) < logs.MAX_LINE + 50
    assert first.startswith("Expected type bool, but got 'AAA")
    assert first.endswith("AAA' of type str.")
    assert "characters cut" in first
    assert len(second) < logs.MAX_LINE + 50
    assert third == "short 3"


def test_a_traceback_keeps_its_frames_and_the_end_of_its_exception():
    value = "C" * 50_000
    try:
        raise ValueError(f"Error transforming event argument 'page' with value '{value}'")
    except ValueError as error:
        text = "".join(traceback.format_exception(error))
    short = logs.shorten_message(f"[Reflex Backend Exception]\n {text}\n")
    assert "Traceback (most recent call last)" in short
    assert "raise ValueError(" in short  # the frame's source line
    assert "Error transforming event argument 'page' with value 'CCC" in short
    assert short.rstrip().endswith("CCC'")
    assert len(short) < 3000
