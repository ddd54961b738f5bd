"""The e-mail outbox, its dispatcher and job leases (SPEC E3)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import email
import logging
import socket
import threading
import time
from datetime import timedelta
from email import policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlmodel import Session, select

from portal.models import OutboxMessage
from portal.services import jobs, mail
from portal.services.mail_templates import TEMPLATES, render
from portal.settings import load_settings

LINK = "https://portal.example/activate/tok123?x=1&y=2"


def _config(tmp_path, **env):
    base = {
        "PORTAL_DATA_DIR": str(tmp_path / "data"),
        "PORTAL_BASE_URL": "https://portal.example",
        "PORTAL_PROVIDER_NAME": "Acme <Print> & Co",
        "PORTAL_MAIL_FROM": "portal@acme.example",
    }
    base.update(env)
    return load_settings(base)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Collector:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd hook
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server():
    """Start an SMTP server on 127.0.0.1; yields a function (port=None) -> (url, collector)."""
    controllers = []

    def start(port=None, **kwargs):
        collector = _Collector()
        port = port or _free_port()
        controller = Controller(collector, hostname="127.0.0.1", port=port, **kwargs)
        controller.start()
        controllers.append(controller)
        return f"smtp://127.0.0.1:{port}", collector

    yield start
    for controller in controllers:
        controller.stop()


def _enqueue(engine, tmp_path, to="ana@example.com", language="es", link=LINK, name="Ana"):
    with Session(engine, expire_on_commit=False) as session:
        msg = mail.enqueue(
            session=session,
            to=to,
            template="activation",
            language=language,
            context={"name": name, "link": link},
            config=_config(tmp_path),
        )
        session.commit()
        return msg


def _row(engine, message_id) -> OutboxMessage:
    with Session(engine) as session:
        return session.get(OutboxMessage, message_id)


def test_enqueue_renders_in_the_recipients_language_and_escapes_html(session, tmp_path, clock):
    config = _config(tmp_path)
    messages = {}
    for language in ("es", "en", "de"):
        messages[language] = mail.enqueue(
            session=session,
            to=f"{language}@example.com",
            template="activation",
            language=language,
            context={"name": "<script>alert(1)</script>", "link": LINK},
            config=config,
        )
    subjects = {m.subject for m in messages.values()}
    assert len(subjects) == 3
    assert "Active su cuenta" in messages["es"].subject
    assert "Activate your" in messages["en"].subject
    assert "Aktivieren Sie" in messages["de"].subject
    assert "48 horas" in messages["es"].text_body
    assert "48 hours" in messages["en"].text_body
    assert "48 Stunden" in messages["de"].text_body
    for m in messages.values():
        assert m.id is not None and m.next_attempt_at == clock.current and m.sent_at is None
        assert LINK in m.text_body
        assert "<script>" not in m.html_body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in m.html_body
        assert 'href="https://portal.example/activate/tok123?x=1&amp;y=2"' in m.html_body
        assert "Acme &lt;Print&gt; &amp; Co" in m.html_body
        assert 'src="https://portal.example/logo.svg"' in m.html_body
        assert "support@provider.example" in m.html_body
        assert "support@provider.example" in m.text_body


def test_every_template_renders_in_every_language(tmp_path):
    config = _config(tmp_path, PORTAL_LOGO_URL="https://cdn.example/logo.png")
    for template in TEMPLATES:
        rendered = {
            lang: render(template, lang, {"name": "Jo", "link": LINK}, config=config)
            for lang in ("es", "en", "de")
        }
        assert len({subject for subject, _, _ in rendered.values()}) == 3
        for subject, text, html_body in rendered.values():
            assert subject and text.strip() and html_body.startswith("<!DOCTYPE html>")
            assert 'src="https://cdn.example/logo.png"' in html_body
    _, text, _ = render("password_reset", "en", {"name": "Jo", "link": LINK}, config=config)
    assert "1 hour" in text and "ignore" in text
    assert render("account_rejected", "fr", {"name": "Jo"}, config=config) == render(
        "account_rejected", "es", {"name": "Jo"}, config=config
    )
    assert render("account_approved", "EN-gb", {"name": "Jo"}, config=config)[0].startswith("Your")
    with pytest.raises(ValueError):
        render("activation", "es", {"name": "Jo"}, config=config)
    with pytest.raises(ValueError):
        render("activation", "es", {"name": "Jo", "link": "javascript:alert(1)"}, config=config)
    with pytest.raises(ValueError):
        render("no_such_template", "es", {}, config=config)


def test_dispatch_without_smtp_writes_eml_files_with_the_link(engine, tmp_path, clock, caplog):
    config = _config(tmp_path)
    long_link = "https://portal.example/activate/" + "x" * 90 + "?token=a=b"
    first = _enqueue(engine, tmp_path, to="ana@example.com", link=long_link, name="José")
    _enqueue(engine, tmp_path, to="ben@example.com", language="de")

    with caplog.at_level(logging.INFO, logger="portal.mail"):
        assert mail.dispatch_due(engine=engine, config=config) == 2

    files = sorted(config.outbox_dir.glob("*.eml"))
    assert len(files) == 2
    raw = b"\n".join(f.read_bytes() for f in files).decode("utf-8")
    assert long_link in raw
    assert "José" in raw
    parsed = [email.message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]
    assert {p["To"] for p in parsed} == {"ana@example.com", "ben@example.com"}
    for p in parsed:
        assert p.get_content_type() == "multipart/alternative"
        assert p.get_body(("html",)) is not None
    logged = [r.getMessage() for r in caplog.records if r.name == "portal.mail"]
    assert any("ana@example.com" in line and str(config.outbox_dir) in line for line in logged)
    row = _row(engine, first.id)
    assert row.sent_at == clock.current and row.attempts == 1
    assert mail.dispatch_due(engine=engine, config=config) == 0


def test_dispatch_delivers_multipart_mail_over_smtp(engine, tmp_path, clock, smtp_server):
    url, collector = smtp_server()
    config = _config(tmp_path, PORTAL_SMTP_URL=url)
    msg = _enqueue(engine, tmp_path, language="en")

    assert mail.dispatch_due(engine=engine, config=config) == 1

    assert len(collector.envelopes) == 1
    envelope = collector.envelopes[0]
    assert envelope.mail_from == "portal@acme.example"
    assert envelope.rcpt_tos == ["ana@example.com"]
    received = email.message_from_bytes(envelope.content, policy=policy.default)
    assert received.get_content_type() == "multipart/alternative"
    assert received["Subject"] == msg.subject
    assert LINK in received.get_body(("plain",)).get_content()
    assert "&amp;y=2" in received.get_body(("html",)).get_content()
    assert not list(config.outbox_dir.glob("*.eml"))


def test_smtp_login_with_url_encoded_credentials(engine, tmp_path, clock, smtp_server):
    seen = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        assert isinstance(auth_data, LoginPassword)
        seen.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"p@ss:w/rd")

    url, collector = smtp_server(auth_require_tls=False, authenticator=authenticator)
    url = url.replace("smtp://", "smtp://us%40er:p%40ss%3Aw%2Frd@")
    _enqueue(engine, tmp_path)
    assert mail.dispatch_due(engine=engine, config=_config(tmp_path, PORTAL_SMTP_URL=url)) == 1
    assert seen[-1] == (b"us@er", b"p@ss:w/rd")
    assert len(collector.envelopes) == 1


def test_parse_smtp_url():
    target = mail.parse_smtp_url("smtp+starttls://us%40er:p%3Ass@mail.example:2525")
    assert (target.security, target.host, target.port) == ("starttls", "mail.example", 2525)
    assert (target.username, target.password) == ("us@er", "p:ss")
    assert mail.parse_smtp_url("smtps://mail.example").port == 465
    plain = mail.parse_smtp_url("smtp://mail.example")
    assert (plain.security, plain.port, plain.username) == ("plain", 25, None)
    with pytest.raises(ValueError):
        mail.parse_smtp_url("http://mail.example")


def test_smtp_down_keeps_the_message_and_retries_later(engine, tmp_path, clock, smtp_server):
    port = _free_port()
    config = _config(tmp_path, PORTAL_SMTP_URL=f"smtp://127.0.0.1:{port}")
    msg = _enqueue(engine, tmp_path)
    start = clock.current

    assert mail.dispatch_due(engine=engine, config=config) == 0
    row = _row(engine, msg.id)
    assert row.attempts == 1 and row.sent_at is None and row.failed_at is None
    assert row.next_attempt_at == start + timedelta(minutes=1)
    assert row.last_error

    clock.advance(seconds=30)
    assert mail.dispatch_due(engine=engine, config=config) == 0
    assert _row(engine, msg.id).attempts == 1

    _, collector = smtp_server(port=port)
    clock.advance(seconds=31)
    assert mail.dispatch_due(engine=engine, config=config) == 1
    row = _row(engine, msg.id)
    assert row.sent_at == clock.current and row.attempts == 2
    assert len(collector.envelopes) == 1
    assert mail.dispatch_due(engine=engine, config=config) == 0


def test_backoff_doubles_up_to_an_hour_then_gives_up(engine, tmp_path, clock, caplog):
    config = _config(tmp_path)
    msg = _enqueue(engine, tmp_path)

    def broken(message):
        raise ConnectionRefusedError("nobody home")

    delays = []
    for _ in range(mail.MAX_ATTEMPTS - 1):
        assert mail.dispatch_due(engine=engine, config=config, sender=broken) == 0
        row = _row(engine, msg.id)
        delays.append(row.next_attempt_at - clock.current)
        clock.current = row.next_attempt_at
    assert [d.total_seconds() / 60 for d in delays] == [1, 2, 4, 8, 16, 32, 60, 60, 60]

    with caplog.at_level(logging.ERROR, logger="portal.mail"):
        mail.dispatch_due(engine=engine, config=config, sender=broken)
    row = _row(engine, msg.id)
    assert row.attempts == 10 and row.failed_at == clock.current and row.sent_at is None
    assert "nobody home" in row.last_error
    assert any("failed permanently" in r.getMessage() for r in caplog.records)

    clock.advance(days=1)
    sent = []
    assert mail.dispatch_due(engine=engine, config=config, sender=sent.append) == 0
    assert sent == []


def test_concurrent_dispatchers_never_send_a_message_twice(engine, tmp_path, clock):
    config = _config(tmp_path)
    with Session(engine) as session:
        for i in range(40):
            mail.enqueue(
                session=session,
                to=f"user{i}@example.com",
                template="account_approved",
                language="en",
                context={"name": f"User {i}"},
                config=config,
            )
        session.commit()

    delivered = []
    lock = threading.Lock()
    barrier = threading.Barrier(2)
    counts = []
    errors = []

    def sender(message):
        time.sleep(0.002)
        with lock:
            delivered.append(message["To"])

    def worker():
        try:
            barrier.wait()
            counts.append(mail.dispatch_due(engine=engine, config=config, sender=sender, batch=100))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert sorted(delivered) == sorted(f"user{i}@example.com" for i in range(40))
    assert sum(counts) == 40
    with Session(engine) as session:
        rows = session.exec(select(OutboxMessage)).all()
    assert all(r.sent_at is not None and r.attempts == 1 for r in rows)


def test_acquire_lease_has_one_holder_until_expiry(engine, clock):
    assert jobs.acquire_lease(engine=engine, name="digest", holder="a", seconds=60)
    assert not jobs.acquire_lease(engine=engine, name="digest", holder="b", seconds=60)
    assert jobs.acquire_lease(engine=engine, name="other", holder="b", seconds=60)
    clock.advance(seconds=30)
    assert not jobs.acquire_lease(engine=engine, name="digest", holder="b", seconds=60)
    assert jobs.acquire_lease(engine=engine, name="digest", holder="a", seconds=60)  # renew
    clock.advance(seconds=59)
    assert not jobs.acquire_lease(engine=engine, name="digest", holder="b", seconds=60)
    clock.advance(seconds=1)
    assert jobs.acquire_lease(engine=engine, name="digest", holder="b", seconds=60)
    assert not jobs.acquire_lease(engine=engine, name="digest", holder="a", seconds=60)
    jobs.release_lease(engine=engine, name="digest", holder="b")
    assert jobs.acquire_lease(engine=engine, name="digest", holder="a", seconds=60)


def test_acquire_lease_concurrently_gives_one_winner(engine, clock):
    barrier = threading.Barrier(4)
    results = []

    def worker(holder):
        barrier.wait()
        results.append(
            jobs.acquire_lease(engine=engine, name="nightly", holder=holder, seconds=300)
        )

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False, False, False, True]


def test_run_dispatcher_survives_errors(engine, monkeypatch):

    calls = []

    def flaky_dispatch(*, engine):
        calls.append(engine)
        if len(calls) == 1:
            raise RuntimeError("database away")
        return 0

    monkeypatch.setattr("portal.db.get_engine", lambda: engine)
    monkeypatch.setattr(mail, "dispatch_due", flaky_dispatch)

    async def run_briefly():
        task = asyncio.create_task(mail.run_dispatcher(interval=0.01))
        while len(calls) < 3:
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    # A thread of its own: the browser tests' Playwright keeps a loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, asyncio.wait_for(run_briefly(), timeout=10)).result()
    assert calls[:3] == [engine, engine, engine]
