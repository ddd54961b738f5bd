"""The e-mail outbox and its dispatcher (SPEC E3).

Services call ``enqueue`` inside their own transaction, so a message exists
exactly when the action that caused it was committed. ``dispatch_due`` sends
due messages outside any user transaction, claiming each one with a
conditional UPDATE so that several workers never send the same message twice,
and retries failures with exponential back-off. Without ``PORTAL_SMTP_URL``
messages are written as .eml files into the data directory and logged.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import secrets
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import sqlalchemy as sa
from sqlmodel import Session, col, select

from portal import clock
from portal.models import OutboxMessage
from portal.services.mail_templates import render
from portal.settings import Settings

logger = logging.getLogger("portal.mail")

LEASE = timedelta(minutes=5)
"""How long a claimed message is hidden from other workers while it is being sent."""
MAX_ATTEMPTS = 10
MAX_BACKOFF = timedelta(hours=1)
SMTP_TIMEOUT = 20.0

Sender = Callable[[EmailMessage], None]
"""Delivers one message or raises; the default is chosen from the settings."""


def _default_settings() -> Settings:
    from portal import settings as settings_module

    return settings_module.settings


def enqueue(
    *,
    session: Session,
    to: str,
    template: str,
    language: str,
    context: dict[str, Any],
    now: datetime | None = None,
    config: Settings | None = None,
) -> OutboxMessage:
    """Render a message in the recipient's language and add it to the outbox.

    The row is flushed, not committed: it is sent only if the caller's
    transaction commits.

    Raises:
        ValueError: The address contains line breaks, or the template cannot be
            rendered (see ``mail_templates.render``).
    """
    now = now or clock.now()
    to = to.strip()
    if not to or "\r" in to or "\n" in to:
        msg = "invalid recipient address"
        raise ValueError(msg)
    subject, text, html_body = render(template, language, context, config=config)
    message = OutboxMessage(
        to_address=to,
        subject=subject[:300],
        text_body=text,
        html_body=html_body,
        created_at=now,
        next_attempt_at=now,
    )
    session.add(message)
    session.flush()
    return message


def backoff(attempts: int) -> timedelta:
    """Delay before the next try after ``attempts`` failures: 1, 2, 4 … minutes, at most 1 h."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


@dataclass(frozen=True)
class _Due:
    id: int
    to_address: str
    subject: str
    text_body: str
    html_body: str
    attempts: int
    next_attempt_at: datetime


def dispatch_due(
    *,
    engine: sa.Engine,
    now: datetime | None = None,
    sender: Sender | None = None,
    batch: int = 50,
    config: Settings | None = None,
) -> int:
    """Send the outbox messages that are due; safe to run in several workers at once.

    Args:
        engine: The database engine; each claim and each result is its own
            short transaction, and no transaction is open while mail is sent.
        now: The current time (default ``clock.now()``).
        sender: Delivers one ``EmailMessage`` (default: SMTP when configured,
            else .eml files).
        batch: At most this many messages per call.
        config: Settings (default: the process settings, read at call time).

    Returns:
        The number of messages sent.
    """
    config = config or _default_settings()
    now = now or clock.now()
    sender = sender or default_sender(config)

    with Session(engine) as session:
        rows = session.exec(
            select(OutboxMessage)
            .where(
                col(OutboxMessage.next_attempt_at) <= now,
                col(OutboxMessage.sent_at).is_(None),
                col(OutboxMessage.failed_at).is_(None),
            )
            .order_by(col(OutboxMessage.next_attempt_at), col(OutboxMessage.id))
            .limit(batch)
        ).all()
        due = [
            _Due(
                id=r.id,
                to_address=r.to_address,
                subject=r.subject,
                text_body=r.text_body,
                html_body=r.html_body,
                attempts=r.attempts,
                next_attempt_at=r.next_attempt_at,
            )
            for r in rows
        ]

    sent = 0
    for item in due:
        if not _claim(engine, item, now):
            continue
        try:
            sender(build_message(item, config=config))
        except Exception as exc:  # any failure is retried later
            _record_failure(engine, item, now, exc)
        else:
            _record_success(engine, item, now)
            sent += 1
    return sent


def _claim(engine: sa.Engine, item: _Due, now: datetime) -> bool:
    """Take a message for ``LEASE``; only one concurrent worker's UPDATE matches."""
    with engine.begin() as conn:
        result = conn.execute(
            sa.update(OutboxMessage)
            .where(
                col(OutboxMessage.id) == item.id,
                col(OutboxMessage.sent_at).is_(None),
                col(OutboxMessage.failed_at).is_(None),
                col(OutboxMessage.next_attempt_at) == item.next_attempt_at,
            )
            .values(next_attempt_at=now + LEASE)
        )
        return result.rowcount == 1


def _record_success(engine: sa.Engine, item: _Due, now: datetime) -> None:
    with engine.begin() as conn:
        conn.execute(
            sa.update(OutboxMessage)
            .where(col(OutboxMessage.id) == item.id)
            .values(sent_at=now, attempts=item.attempts + 1)
        )


def _record_failure(engine: sa.Engine, item: _Due, now: datetime, exc: Exception) -> None:
    attempts = item.attempts + 1
    error = f"{type(exc).__name__}: {exc}"[:1000]
    values: dict[str, Any] = {"attempts": attempts, "last_error": error}
    if attempts >= MAX_ATTEMPTS:
        values["failed_at"] = now
        logger.error(
            "mail %s to %s failed permanently after %d attempts: %s",
            item.id,
            item.to_address,
            attempts,
            error,
        )
    else:
        values["next_attempt_at"] = now + backoff(attempts)
        logger.warning(
            "mail %s to %s failed (attempt %d), retrying at %s: %s",
            item.id,
            item.to_address,
            attempts,
            values["next_attempt_at"].isoformat(),
            error,
        )
    with engine.begin() as conn:
        conn.execute(
            sa.update(OutboxMessage).where(col(OutboxMessage.id) == item.id).values(**values)
        )


def build_message(item: _Due | OutboxMessage, *, config: Settings) -> EmailMessage:
    """A multipart/alternative message (text + HTML) for one outbox row."""
    message = EmailMessage()
    message["From"] = config.mail_from
    message["To"] = item.to_address
    message["Subject"] = item.subject
    message["Date"] = format_datetime(clock.now())
    domain = config.mail_from.rpartition("@")[2].strip("> ") or "localhost"
    message["Message-ID"] = make_msgid(idstring=f"outbox{item.id}", domain=domain)
    message.set_content(item.text_body)
    if item.html_body:
        message.add_alternative(item.html_body, subtype="html")
    return message


@dataclass(frozen=True)
class SmtpTarget:
    """Where and how to deliver mail, parsed from ``PORTAL_SMTP_URL``."""

    security: str  # "plain", "ssl" (implicit TLS) or "starttls"
    host: str
    port: int
    username: str | None
    password: str | None


_SCHEMES = {
    "smtp": ("plain", 25),
    "smtps": ("ssl", 465),
    "smtp+ssl": ("ssl", 465),
    "smtp+starttls": ("starttls", 587),
}


def parse_smtp_url(url: str) -> SmtpTarget:
    """Parse ``smtp://``, ``smtps://`` or ``smtp+starttls://[user[:pass]@]host[:port]``.

    Raises:
        ValueError: Unknown scheme or no host.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES or not parts.hostname:
        msg = "PORTAL_SMTP_URL must look like smtp[s|+starttls]://[user:pass@]host[:port]"
        raise ValueError(msg)
    security, default_port = _SCHEMES[scheme]
    return SmtpTarget(
        security=security,
        host=parts.hostname,
        port=parts.port or default_port,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
    )


def smtp_sender(url: str) -> Sender:
    """A sender delivering through the SMTP server at ``url`` (20 s timeout)."""
    target = parse_smtp_url(url)

    def send(message: EmailMessage) -> None:
        context = ssl.create_default_context()
        if target.security == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                target.host, target.port, timeout=SMTP_TIMEOUT, context=context
            )
        else:
            smtp = smtplib.SMTP(target.host, target.port, timeout=SMTP_TIMEOUT)
        with smtp:
            smtp.ehlo()
            if target.security == "starttls":
                smtp.starttls(context=context)
                smtp.ehlo()
            if target.username:
                smtp.login(target.username, target.password or "")
            smtp.send_message(message)

    return send


def eml_sender(directory: Path) -> Sender:
    """A sender writing each message as an .eml file into ``directory`` and logging it.

    Text parts are stored unencoded (8bit) so links can be read and copied
    straight from the file.
    """

    def send(message: EmailMessage) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        readable = copy.deepcopy(message)
        for part in readable.walk():
            if part.get_content_maintype() == "text":
                part.set_content(part.get_content(), subtype=part.get_content_subtype(), cte="8bit")
        stamp = clock.now().strftime("%Y%m%dT%H%M%S")
        path = directory / f"{stamp}-{secrets.token_hex(4)}.eml"
        tmp = path.with_suffix(".eml.tmp")
        tmp.write_bytes(readable.as_bytes())
        tmp.replace(path)
        logger.info(
            "mail to %s, subject %r, written to %s", message["To"], message["Subject"], path
        )

    return send


def default_sender(config: Settings) -> Sender:
    """SMTP when ``smtp_url`` is configured, else .eml files in ``outbox_dir``."""
    if config.smtp_url:
        return smtp_sender(config.smtp_url)
    return eml_sender(config.outbox_dir)


async def run_dispatcher(interval: float = 5.0) -> None:
    """Dispatch due mail forever; meant to run as a Reflex lifespan task.

    Each round runs in a worker thread so the event loop never blocks on SMTP
    or the database; an error is logged and the loop carries on.
    """
    from portal.db import get_engine
    from portal.services import health

    while True:
        try:
            await asyncio.to_thread(dispatch_due, engine=get_engine())
            # The beat says the loop is alive; /health calls it stale after a minute.
            await asyncio.to_thread(health.beat, engine=get_engine(), name=health.DISPATCHER)
        except Exception:
            logger.exception("mail dispatch round failed")
        await asyncio.sleep(interval)
