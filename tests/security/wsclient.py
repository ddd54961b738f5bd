"""A raw Socket.IO client of the portal's event websocket (no browser, no socket.io library).

It speaks just enough Engine.IO 4 / Socket.IO 5 over one websocket to do what the
compiled frontend does: connect to ``/_event`` with a client token, send
``hydrate_and_load`` and any other event by its full handler name, and collect
every update the server sends back.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import simple_websocket

NAMESPACE = "/_event"
ROOT_STATE = "reflex___state____state"
HYDRATE = f"{ROOT_STATE}.hydrate_and_load"
UPDATE_VARS = f"{ROOT_STATE}.reflex___state____update_vars_internal_state.update_vars_internal"
AUTH_STATE = f"{ROOT_STATE}.portal___state___auth____auth_state"
SESSION_VAR = f"{AUTH_STATE}.session_token_rx_state_"
SENTINEL = f"{ROOT_STATE}.reflex___state____on_load_internal_state.set_is_hydrated"
LOGIN_SUBMIT = f"{AUTH_STATE}.portal___state___public____login_state.submit"


class PortalSocket:
    """One browser tab's websocket: its own Reflex client token, its own state."""

    def __init__(self, base_url: str, *, token: str | None = None, timeout: float = 10):
        self.token = token or str(uuid.uuid4())
        self.timeout = timeout
        ws_url = base_url.replace("http://", "ws://").replace("https://", "wss://")
        self.origin = base_url
        self.messages: list[Any] = []
        """Every Socket.IO event the server sent, decoded (``["event", {...}]``)."""
        self.raw: list[str] = []
        """Every text frame the server sent, as received."""
        for _attempt in range(5):
            self.ws = simple_websocket.Client.connect(
                f"{ws_url}/_event/?EIO=4&transport=websocket&token={self.token}",
                headers={"Origin": base_url, "User-Agent": "portal-security-suite"},
            )
            # simple_websocket now and then loses a frame that arrives together with
            # the handshake response; the server's opening then never shows: reconnect.
            try:
                opening = self._recv(timeout=2)
                break
            except TimeoutError:
                self.ws.close()
        else:
            raise ConnectionError("no Engine.IO opening from the server")
        if not opening.startswith("0"):
            raise ConnectionError(f"unexpected Engine.IO opening: {opening[:200]}")
        self.ws.send(f"40{NAMESPACE},")
        while True:
            frame = self._recv()
            if frame.startswith(f"40{NAMESPACE}"):
                break
            if frame.startswith(f"44{NAMESPACE}"):
                raise ConnectionError(f"namespace refused: {frame[:300]}")

    def _recv(self, timeout: float | None = None) -> str:
        frame = self.ws.receive(timeout=self.timeout if timeout is None else timeout)
        if frame is None:
            raise TimeoutError("no frame from the server")
        if isinstance(frame, bytes):
            frame = frame.decode("utf-8", "replace")
        self.raw.append(frame)
        if frame == "2":  # Engine.IO ping: answer, or the server drops us
            self.ws.send("3")
        return frame

    def emit(self, name: str, payload: dict | None = None, *, path: str = "/", query=None):
        """Send one event as the frontend does (``router_data`` gives the page it came from)."""
        router_data: dict[str, Any] = {"pathname": path, "asPath": path}
        if query:
            router_data["query"] = query
        event = {"name": name, "payload": payload or {}, "router_data": router_data}
        self.ws.send(f"42{NAMESPACE}," + json.dumps(["event", event]))

    def call(
        self,
        name: str,
        payload: dict | None = None,
        *,
        path: str = "/",
        query=None,
        quiet: float = 0.1,
    ) -> list[dict]:
        """Send an event and return the updates that arrived until it was done.

        The server does not say when an event is finished, but it works through
        one tab's events in order: two ``set_is_hydrated`` events sent right
        after it (False, then True) answer with ``is_hydrated: true`` once it
        is. Events the handler chained come after that; they are read until the
        socket has been quiet for ``quiet`` seconds.
        """
        start = len(self.messages)
        self.emit(name, payload, path=path, query=query)
        self.emit(SENTINEL, {"value": False}, path=path, query=query)
        self.emit(SENTINEL, {"value": True}, path=path, query=query)
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            try:
                message = self._recv_event(timeout=max(0.01, deadline - time.monotonic()))
            except TimeoutError:
                break
            if message is not None and _hydrated(message) is True and self._sentinel_seen(start):
                break
        else:
            raise TimeoutError(f"the server never finished {name}")
        self.drain(quiet=quiet)
        return [m[1] for m in self.messages[start:] if m and m[0] == "event"]

    def _sentinel_seen(self, start: int) -> bool:
        # The True answer that ends a call is the last is_hydrated of the two sentinels;
        # an is_hydrated True from an earlier chain arrives before any False of ours.
        return any(_hydrated(m) is not None for m in self.messages[start:])

    def _recv_event(self, timeout: float) -> list | None:
        frame = self._recv(timeout=timeout)
        if frame.startswith(f"42{NAMESPACE},"):
            message = json.loads(frame[len(f"42{NAMESPACE},") :])
            self.messages.append(message)
            return message
        return None

    def drain(self, *, quiet: float = 0.1) -> None:
        """Read frames until the server has been quiet for ``quiet`` seconds."""
        while True:
            try:
                self._recv_event(timeout=quiet)
            except TimeoutError:
                return

    def hydrate(self, path: str = "/", session_token: str | None = None) -> list[dict]:
        """What a page load does: hydrate (with the session cookie) and run the page's on_load."""
        payload: dict[str, Any] = {}
        if session_token is not None:
            payload["vars"] = {SESSION_VAR: session_token}
        return self.call(HYDRATE, payload, path=path)

    def login(self, email: str, password: str) -> str:
        """Log in through the real log-in handler; returns the session token it set."""
        self.hydrate("/login")
        updates = self.call(
            LOGIN_SUBMIT, {"form": {"email": email, "password": password}}, path="/login"
        )
        for update in updates:
            value = update.get("delta", {}).get(AUTH_STATE, {}).get("session_token_rx_state_")
            if value:
                return value
        raise AssertionError(f"log-in as {email} failed: {updates}")

    def close(self) -> None:
        self.ws.close()


def _hydrated(message: list) -> bool | None:
    """The ``is_hydrated`` value an update sets, or None."""
    if len(message) < 2 or message[0] != "event" or not isinstance(message[1], dict):
        return None
    return message[1].get("delta", {}).get(ROOT_STATE, {}).get("is_hydrated_rx_state_")
