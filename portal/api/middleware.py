"""ASGI middleware of the REST API: request ids, body size limit, access log and call audit."""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any

import anyio
from sqlmodel import Session

from portal.api.problems import MEDIA_TYPE, TYPE_BASE
from portal.models import ApiKey, User
from portal.services import api_keys

logger = logging.getLogger("portal.api")
API_PATHS = ("/api/", "/health")
_REQUEST_ID_OK = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


def _request_id(headers: list[tuple[bytes, bytes]]) -> str:
    for name, value in headers:
        if name == b"x-request-id":
            text = value.decode("latin-1")
            if 0 < len(text) <= 64 and set(text) <= _REQUEST_ID_OK:
                return text
    return uuid.uuid4().hex


class ApiMiddleware:
    """Wraps the API: every request gets an id, a size check, one log line and an audit entry.

    Only paths under ``API_PATHS`` are touched; the portal's own requests pass.

    A body larger than ``max_body`` is refused with 413 before the endpoint
    runs, whether it announces its length or not.
    """

    def __init__(self, app: Any, *, max_body: int, engine: Any) -> None:
        self.app = app
        self.max_body = max_body
        self.engine = engine

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope.get("path", "").startswith(API_PATHS):
            await self.app(scope, receive, send)  # the portal itself: pages, events, uploads
            return
        started = time.perf_counter()
        state = scope.setdefault("state", {})
        request_id = _request_id(scope.get("headers", []))
        state["request_id"] = request_id
        status_holder = {"status": 500}

        async def send_with_id(message: dict) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                rate = state.get("rate")
                if rate is not None:
                    headers.append((b"x-ratelimit-limit", str(rate.limit).encode()))
                    headers.append((b"x-ratelimit-remaining", str(rate.remaining).encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            body = await self._read_body(scope, receive)
        except _TooLarge:
            await self._too_large(scope, send_with_id)
        else:
            await self.app(scope, _replay(body, receive), send_with_id)
        finally:
            await self._finish(scope, state, status_holder["status"], started)

    async def _read_body(self, scope: dict, receive: Any) -> bytes:
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    if int(value) > self.max_body:
                        raise _TooLarge
                except ValueError:
                    raise _TooLarge from None
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise _TooLarge
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    async def _too_large(self, scope: dict, send: Any) -> None:
        body = json.dumps(
            {
                "type": TYPE_BASE + "too-large",
                "title": "Request body too large",
                "status": 413,
                "detail": f"At most {self.max_body // 1024} KiB",
                "instance": scope.get("path", ""),
                "errors": [],
                "request_id": scope["state"]["request_id"],
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", MEDIA_TYPE.encode()), (b"connection", b"close")],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def _finish(self, scope: dict, state: dict, status: int, started: float) -> None:
        elapsed = round((time.perf_counter() - started) * 1000, 1)
        key_id = state.get("api_key_id")
        logger.info(
            "%s %s %s",
            scope.get("method"),
            scope.get("path"),
            status,
            extra={
                "request_id": state.get("request_id"),
                "method": scope.get("method"),
                "path": scope.get("path"),
                "status": status,
                "duration_ms": elapsed,
                "api_key": state.get("api_key_prefix"),
                "client": (scope.get("client") or ("", 0))[0],
            },
        )
        if key_id is not None:
            await anyio.to_thread.run_sync(
                self._audit, key_id, state.get("api_user_id"), scope, status
            )

    def _audit(self, key_id: int, user_id: int | None, scope: dict, status: int) -> None:
        try:
            with Session(self.engine()) as session:
                key = session.get(ApiKey, key_id)
                user = session.get(User, user_id) if user_id else None
                api_keys.record_call(
                    session=session,
                    key=key,
                    user=user,
                    method=scope.get("method", ""),
                    path=scope.get("path", ""),
                    status=status,
                )
                session.commit()
        except Exception:
            logger.exception("auditing an API call failed")


class _TooLarge(Exception):
    pass


def _replay(body: bytes, receive: Any) -> Any:
    sent = False

    async def replay() -> dict:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
