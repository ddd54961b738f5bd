"""Where messages go: the portal's REST API (HTTP), its services in process (direct), or
memory (benchmarks and tests).

Every sink answers a :class:`Delivery`: delivered, refused for good (the message
goes to ``refused/``), or retry later (kept in the spool). A sink that learns the
portal is unreachable says so (``stop``) so the rest of the spool waits for the
next cycle instead of timing out message by message.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

import httpx

from portal.collector.spool import READING, Message

logger = logging.getLogger("portal.collector.sinks")

DELIVERED, REFUSED, RETRY = "delivered", "refused", "retry"
MAX_RETRY_AFTER_WAIT = 60.0
USER_AGENT = "portal-collector/1"


@dataclass(frozen=True)
class Delivery:
    """The outcome of sending one message."""

    outcome: str
    status_code: int | None = None
    detail: str = ""
    stop: bool = False
    body: Any = None


class Sink(Protocol):
    """Something messages can be delivered to."""

    def deliver(self, message: Message) -> Delivery: ...

    def close(self) -> None: ...


def _problem_detail(response: httpx.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return response.text[:200]
    if not isinstance(data, dict):
        return str(data)[:200]
    parts = [str(data.get("type", "")).rsplit("/", 1)[-1], str(data.get("title", ""))]
    errors = data.get("errors")
    if isinstance(errors, list):
        parts += [f"{e.get('field')}: {e.get('message')}" for e in errors if isinstance(e, dict)]
    return "; ".join(p for p in parts if p)[:500]


class HttpSink:
    """POSTs to the portal's REST API with the key and the message's Idempotency-Key.

    Args:
        url: The portal's base URL (unused when ``client`` is given).
        api_key: The API key (write scope).
        timeout: Seconds per request.
        client: An ``httpx.Client`` to use instead of a new one (tests pass
            FastAPI's ``TestClient``); it is not closed by :meth:`close`.
        max_wait: The longest Retry-After the sink sleeps through before it retries.
        sleep: The sleep function (patchable in tests).
    """

    def __init__(
        self,
        *,
        url: str | None,
        api_key: str,
        timeout: float = 10.0,
        client: httpx.Client | None = None,
        max_wait: float = MAX_RETRY_AFTER_WAIT,
        sleep=time.sleep,
    ):
        self._own = client is None
        self.client = client or httpx.Client(base_url=url or "", timeout=timeout)
        self.api_key = api_key
        self.timeout = timeout
        self.max_wait = max_wait
        self.sleep = sleep
        self.blocked_until = 0.0

    def close(self) -> None:
        """Close the client if the sink made it."""
        if self._own:
            self.client.close()

    def _post(self, message: Message) -> httpx.Response:
        return self.client.post(
            message.path,
            json=message.body,
            headers={
                "Authorization": f"Bearer {self.api_key}",
                "Idempotency-Key": message.key,
                "User-Agent": USER_AGENT,
            },
        )

    def deliver(self, message: Message) -> Delivery:
        """Send one message; sleeps through a short Retry-After and tries again once."""
        if time.monotonic() < self.blocked_until:
            return Delivery(RETRY, 429, "rate limited", stop=True)
        for attempt in (1, 2):
            try:
                response = self._post(message)
            except httpx.TransportError as exc:
                return Delivery(RETRY, None, f"portal unreachable: {exc!r}", stop=True)
            code = response.status_code
            if 200 <= code < 300:
                return Delivery(DELIVERED, code, body=response.json())
            if code == 429:
                wait = _retry_after(response.headers.get("Retry-After"))
                if attempt == 1 and wait <= self.max_wait:
                    logger.info("rate limited; waiting %.0f s as the portal asks", wait)
                    self.sleep(wait)
                    continue
                self.blocked_until = time.monotonic() + wait
                return Delivery(RETRY, code, f"rate limited for {wait:.0f} s", stop=True)
            detail = _problem_detail(response)
            if code in (401, 403):
                # the key is wrong, revoked or lacks write scope: no message is at fault
                return Delivery(RETRY, code, f"API key refused: {detail}", stop=True)
            if code in (408, 409) or code >= 500:
                return Delivery(RETRY, code, detail, stop=code >= 500)
            return Delivery(REFUSED, code, detail)
        return Delivery(RETRY, 429, "rate limited", stop=True)  # pragma: no cover


def _retry_after(value: str | None) -> float:
    try:
        return max(0.0, float(value)) if value is not None else 1.0
    except ValueError:
        return MAX_RETRY_AFTER_WAIT


class DirectSink:
    """Calls the portal's services in process, one transaction per message.

    The actor is the integration user of the configured API key, and the
    Idempotency-Key is honoured through the same table as the API's, so a
    message is applied once whichever sink delivers it.

    Args:
        api_key: The API key whose integration user acts.
        engine: The database engine (default ``portal.db.get_engine()``).
    """

    def __init__(self, *, api_key: str, engine=None):
        if engine is None:
            from portal.db import get_engine

            engine = get_engine()
        self.engine = engine
        self.api_key = api_key

    def close(self) -> None:
        """Nothing to release: the engine belongs to the portal."""

    def deliver(self, message: Message) -> Delivery:
        """Apply one message in its own transaction."""
        import sqlalchemy as sa
        from sqlmodel import Session

        from portal.errors import NotFound, PermissionDenied, ValidationFailed
        from portal.services import api_keys, idempotency

        fingerprint = idempotency.request_hash("POST", message.path, message.body)
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                key, user = api_keys.authenticate(session=session, secret=self.api_key)
                stored = idempotency.find(
                    session=session, api_key_id=key.id, key=message.key, fingerprint=fingerprint
                )
                if stored is not None:
                    if not stored.same_request:
                        return Delivery(REFUSED, 422, "Idempotency-Key reused")
                    return _stored_delivery(stored.status_code, stored.body)
                status, body = self._apply(session, user, message)
                if status < 300:
                    idempotency.store(
                        session=session,
                        api_key_id=key.id,
                        key=message.key,
                        method="POST",
                        path=message.path,
                        fingerprint=fingerprint,
                        status_code=status,
                        body=body,
                    )
                    session.commit()
                else:
                    session.rollback()
                return _stored_delivery(status, body)
        except api_keys.ApiKeyInvalid as exc:
            return Delivery(RETRY, 401, f"API key refused: {exc}", stop=True)
        except PermissionDenied:
            return Delivery(RETRY, 403, "API key refused: this key may not do that", stop=True)
        except NotFound:
            return Delivery(REFUSED, 404, "not-found: no such device in the key's scope")
        except ValidationFailed as exc:
            return Delivery(REFUSED, 422, f"validation-failed: {_english(exc.errors)}")
        except (ValueError, TypeError) as exc:
            return Delivery(REFUSED, 422, f"validation-failed: {exc}")
        except sa.exc.IntegrityError as exc:
            return Delivery(RETRY, 409, f"conflict: {exc.orig!r}")
        except sa.exc.SQLAlchemyError as exc:
            return Delivery(RETRY, 503, f"database unavailable: {exc!r}", stop=True)

    def _apply(self, session, user, message: Message) -> tuple[int, Any]:
        from portal.models import ReadingSource
        from portal.services import capture, changes, readings

        body = message.body
        if message.kind == READING:
            product_id = changes.product_id_by_serial(
                session=session, actor=user, serial=body["serial"]
            )
            check = readings.submit_reading(
                session=session,
                actor=user,
                product_id=product_id,
                read_on=date.fromisoformat(body["read_on"]),
                values={code: str(value) for code, value in body["values"].items()},
                confirmed=bool(body.get("confirmed", False)),
                source=ReadingSource.AUTOMATIC,
            )
            if check.status == readings.ACCEPTED:
                return 201, {"status": "accepted", "reading_id": check.reading_id}
            kind = "reading-rejected" if check.errors else "reading-needs-confirmation"
            return 422, {"type": kind, "errors": _english(check.errors or check.warnings)}
        seen_at = body.get("seen_at")
        result = capture.record_contact(
            session=session,
            actor=user,
            serial=message.serial,
            seen_at=datetime.fromisoformat(seen_at) if seen_at else None,
            status=body.get("status"),
            toner=body.get("toner", {}),
            alerts=body.get("alerts", []),
        )
        return 200, result


def _english(errors: dict[str, str]) -> str:
    from portal.api.problems import english

    return "; ".join(f"{e['field']}: {e['message']}" for e in english(errors))


def _stored_delivery(status: int, body: Any) -> Delivery:
    if status < 300:
        return Delivery(DELIVERED, status, body=body)
    detail = body.get("type", "") if isinstance(body, dict) else ""
    if isinstance(body, dict) and body.get("errors"):
        detail = f"{detail}: {body['errors']}"
    return Delivery(REFUSED, status, detail, body=body)


class MemorySink:
    """Keeps every message in a list and accepts it (benchmarks, tests)."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    def close(self) -> None:
        """Nothing to release."""

    def deliver(self, message: Message) -> Delivery:
        """Accept the message."""
        self.messages.append(message)
        return Delivery(DELIVERED, 200)
