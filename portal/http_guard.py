"""ASGI middleware in front of the whole portal: security headers and the upload endpoint.

Every HTTP response gets ``X-Content-Type-Options``, ``Referrer-Policy`` (reset
and activation links carry their token in the path, so no referrer leaves the
site), ``X-Frame-Options`` and a ``Permissions-Policy``. Pages get a
Content-Security-Policy that the compiled Reflex frontend works with: its own
inline bootstrap scripts are allowed by their SHA-256 hashes, computed from the
page being served, so an injected inline script or event-handler attribute does
not run. ``'unsafe-eval'`` stays because Reflex runs ``rx.call_script`` code
with ``eval``; styles need ``'unsafe-inline'`` (Radix and Emotion inject them).
The API's docs page (``/api/docs``) loads Swagger UI from a CDN and gets the
headers but not the page policy.

Reflex's upload endpoint ``/_upload`` accepts a POST for any event handler named
in a header and serves its upload directory to anyone. The portal keeps no files
there, so reading it answers 404; a POST needs a live portal session, must name
one of the portal's upload handlers and may not announce more than
``MAX_UPLOAD_BYTES``.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
from collections import OrderedDict
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlsplit

import anyio

from portal.settings import settings

UPLOAD_PATH = "/_upload"
UPLOAD_HANDLERS = ("portal___state___bulk_readings____bulk_readings_state.upload",)
MAX_UPLOAD_BYTES = 5 * 1024 * 1024 + 256 * 1024
"""The bulk-reading file limit plus room for the multipart envelope."""
SESSION_COOKIE = "portal_session"
NO_PAGE_POLICY = ("/api/",)
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\ssrc=)[^>]*>(.*?)</script>", re.DOTALL | re.I)
_HASH_CACHE_SIZE = 256

COMMON_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
]


def _origins(url: str) -> list[str]:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return []
    ws = "wss" if parts.scheme == "https" else "ws"
    hosts = [parts.netloc]
    if parts.hostname == "localhost":
        hosts.append(parts.netloc.replace("localhost", "127.0.0.1"))
    return [f"{scheme}://{host}" for host in hosts for scheme in (parts.scheme, ws)]


def content_security_policy(script_hashes: list[str]) -> str:
    """The page policy, allowing the page's own inline scripts by hash."""
    logo = [o for o in _origins(settings.logo_url) if o.startswith("http")]
    hashes = " ".join(f"'sha256-{h}'" for h in script_hashes)
    directives = [
        "default-src 'self'",
        f"script-src 'self' 'unsafe-eval' {hashes}".strip(),
        "style-src 'self' 'unsafe-inline'",
        " ".join(["img-src 'self' data: blob:", *logo]),
        "font-src 'self' data:",
        " ".join(["connect-src 'self'", *_origins(settings.base_url)]),
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


class PortalGuard:
    """Wraps the portal's ASGI app (``rx.App(api_transformer=[..., PortalGuard])``)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._hashes: OrderedDict[bytes, list[str]] = OrderedDict()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        if path == UPLOAD_PATH or path.startswith(UPLOAD_PATH + "/"):
            refusal = await self._upload_refusal(scope)
            if refusal is not None:
                await _plain(send, *refusal)
                return
            await self.app(scope, receive, _with_headers(send, COMMON_HEADERS))
            return
        if path.startswith(NO_PAGE_POLICY):
            await self.app(scope, receive, _with_headers(send, COMMON_HEADERS))
            return
        await self._page(scope, receive, send)

    async def _upload_refusal(self, scope: dict) -> tuple[int, str] | None:
        if scope.get("method") != "POST" or scope["path"] != UPLOAD_PATH:
            return 404, "Not Found"
        headers = {name.lower(): value for name, value in scope.get("headers", [])}
        handler = headers.get(b"reflex-event-handler", b"").decode("latin-1")
        if not handler.endswith(UPLOAD_HANDLERS):
            return 403, "Forbidden"
        length = headers.get(b"content-length", b"")
        if length and (not length.isdigit() or int(length) > MAX_UPLOAD_BYTES):
            return 413, "Payload Too Large"
        token = _session_cookie(headers.get(b"cookie", b""))
        if not token or not await anyio.to_thread.run_sync(_session_is_live, token):
            return 403, "Forbidden"
        return None

    async def _page(self, scope: dict, receive: Any, send: Any) -> None:
        """Pass the response on with headers; an HTML page is held to hash its scripts."""
        # Granian offers the path-send extension; files then come as one message naming
        # the file (pages are read here to hash their scripts, everything else passes).
        extensions = scope.get("extensions") or {}
        if "http.response.zerocopysend" in extensions:
            kept = {k: v for k, v in extensions.items() if k != "http.response.zerocopysend"}
            scope = {**scope, "extensions": kept}
        start: dict | None = None
        chunks: list[bytes] = []

        async def send_page(message: dict) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers", []))
                if not headers.get(b"content-type", b"").startswith(b"text/html"):
                    await send(_add(message, COMMON_HEADERS))
                    return
                start = message
                return
            if start is None:
                await send(message)
                return
            if message["type"] == "http.response.pathsend":
                chunks.append(await anyio.Path(message["path"]).read_bytes())
            else:
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
            body = b"".join(chunks)
            policy = content_security_policy(self._script_hashes(body, start))
            await send(
                _add(start, [*COMMON_HEADERS, (b"content-security-policy", policy.encode())])
            )
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, send_page)

    def _script_hashes(self, body: bytes, start: dict) -> list[str]:
        key = hashlib.sha256(body).digest()
        cached = self._hashes.get(key)
        if cached is not None:
            return cached
        html = body
        if dict(start.get("headers", [])).get(b"content-encoding", b"") == b"gzip":
            try:
                html = gzip.decompress(body)
            except (OSError, EOFError):
                html = b""
        hashes = sorted(
            {
                base64.b64encode(hashlib.sha256(script).digest()).decode()
                for script in _INLINE_SCRIPT.findall(html)
            }
        )
        self._hashes[key] = hashes
        while len(self._hashes) > _HASH_CACHE_SIZE:
            self._hashes.popitem(last=False)
        return hashes


def _session_cookie(raw: bytes) -> str:
    cookie = SimpleCookie()
    try:
        cookie.load(raw.decode("latin-1"))
    except Exception:  # noqa: BLE001 (a malformed Cookie header is no session)
        return ""
    morsel = cookie.get(SESSION_COOKIE)
    return morsel.value if morsel is not None else ""


def _session_is_live(token: str) -> bool:
    from portal.db import session_scope
    from portal.services import identity

    with session_scope() as session:
        return identity.resolve_session(session=session, raw_token=token) is not None


def _add(message: dict, extra: list[tuple[bytes, bytes]]) -> dict:
    names = {name for name, _ in extra}
    headers = [(n, v) for n, v in message.get("headers", []) if n.lower() not in names]
    return {**message, "headers": [*headers, *extra]}


def _with_headers(send: Any, extra: list[tuple[bytes, bytes]]) -> Any:
    async def wrapped(message: dict) -> None:
        if message["type"] == "http.response.start":
            message = _add(message, extra)
        await send(message)

    return wrapped


async def _plain(send: Any, status: int, text: str) -> None:
    await send(
        _add(
            {"type": "http.response.start", "status": status, "headers": []},
            [*COMMON_HEADERS, (b"content-type", b"text/plain; charset=utf-8")],
        )
    )
    await send({"type": "http.response.body", "body": text.encode()})
