"""Idempotency keys of the REST API (SPEC F2): a POST sent twice changes things once.

The answer to a POST carrying an ``Idempotency-Key`` header is stored in the
same transaction as the change it made, keyed by the API key and the client's
key. A repeat with the same request gets the stored answer; a repeat with a
different request is refused. Answers are kept for a day.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from portal import clock
from portal.models import IdempotencyRecord

KEEP_FOR = timedelta(hours=24)
MAX_KEY = 200


@dataclass(frozen=True)
class StoredAnswer:
    """A stored answer, and whether it was given to this same request."""

    status_code: int
    body: Any
    same_request: bool


def valid_key(value: str | None) -> bool:
    """Whether ``value`` is usable as an idempotency key: 1–200 visible ASCII characters."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= MAX_KEY
        and all(33 <= ord(c) <= 126 for c in value)
    )


def request_hash(method: str, path: str, payload: Any) -> str:
    """A fingerprint of a request: method, path and its body in canonical JSON."""
    body = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{method.upper()} {path}\n{body}".encode()).hexdigest()


def find(
    *, session: Session, api_key_id: int, key: str, fingerprint: str, now: datetime | None = None
) -> StoredAnswer | None:
    """The stored answer for ``key`` of this API key, if one younger than a day exists."""
    now = now or clock.now()
    record = session.exec(
        select(IdempotencyRecord).where(
            col(IdempotencyRecord.api_key_id) == api_key_id,
            col(IdempotencyRecord.key) == key,
            col(IdempotencyRecord.created_at) > now - KEEP_FOR,
        )
    ).first()
    if record is None:
        return None
    return StoredAnswer(
        status_code=record.status_code,
        body=json.loads(record.response_body),
        same_request=record.request_hash == fingerprint,
    )


def store(
    *,
    session: Session,
    api_key_id: int,
    key: str,
    method: str,
    path: str,
    fingerprint: str,
    status_code: int,
    body: Any,
    now: datetime | None = None,
) -> None:
    """Keep the answer in the caller's transaction; an expired record of the same key goes."""
    now = now or clock.now()
    session.exec(
        sa.delete(IdempotencyRecord).where(
            col(IdempotencyRecord.api_key_id) == api_key_id,
            col(IdempotencyRecord.key) == key,
            col(IdempotencyRecord.created_at) <= now - KEEP_FOR,
        )
    )
    session.add(
        IdempotencyRecord(
            api_key_id=api_key_id,
            key=key,
            method=method.upper(),
            path=path[:300],
            request_hash=fingerprint,
            status_code=status_code,
            response_body=json.dumps(body, default=str),
            created_at=now,
        )
    )
    session.flush()


def purge_expired(*, session: Session, now: datetime | None = None) -> int:
    """Delete every answer older than a day; returns how many went."""
    now = now or clock.now()
    result = session.exec(
        sa.delete(IdempotencyRecord).where(col(IdempotencyRecord.created_at) <= now - KEEP_FOR)
    )
    return result.rowcount or 0
