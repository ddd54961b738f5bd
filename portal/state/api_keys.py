"""State of the API keys page (SPEC F2): provider admins create and revoke keys of the REST API.

Every handler is an endpoint any browser can call with any arguments: it
resolves the signed-in user first, then calls ``portal.services.api_keys``,
which refuses anyone but a provider admin. A refusal changes nothing and
leaves a message key. The vars hold plain dicts, ids and message keys; a new
key's secret is held in ``secret`` only until the admin presses Done, creates
another key or opens the page again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from portal.errors import NotFound, ValidationFailed
from portal.models import User
from portal.services import api_keys
from portal.services.common import day_text, stamp
from portal.state.auth import AuthState, page_load
from portal.state.detail import ScopedPage, blank, field_errors, form_field

NAME_INPUT = "api-key-name"
FIELDS = ("name", "scopes")
# The form's scope choice: "read" is read only, "write" is read and write.
SCOPE_CHOICES = {"read": ["read"], "write": ["read", "write"]}


def key_row(key: dict[str, Any]) -> dict[str, Any]:
    """A key of ``api_keys.list_keys`` as the plain values the table shows."""
    return {
        "id": key["id"],
        "name": key["name"],
        "prefix": f"{api_keys.SECRET_START}{key['prefix']}_…",
        "scope_keys": [f"api_keys.scope.{s}" for s in key["scopes"]],
        "created": day_text(key["created_at"]),
        "created_by": key["created_by"],
        "last_used": stamp(key["last_used_at"]),
        "active": bool(key["active"]),
    }


class ApiKeysState(ScopedPage, AuthState):
    """Administration: the REST API's keys, a form for a new one and its secret, once."""

    keys: list[dict[str, Any]] = []
    errors: dict[str, str] = blank(FIELDS)
    notice: str = ""
    error: str = ""
    secret: str = ""
    secret_name: str = ""
    copied: bool = False
    revoke_id: int = 0
    revoke_name: str = ""

    def _forget_secret(self) -> None:
        self.secret = ""
        self.secret_name = ""
        self.copied = False

    def _close_revoke(self) -> None:
        self.revoke_id = 0
        self.revoke_name = ""

    def _forget(self, *, denied: bool) -> None:
        """Drop everything shown: nobody is signed in, or this user may not manage keys."""
        self.keys = []
        self.errors = blank(FIELDS)
        self.notice = ""
        self._forget_secret()
        self._close_revoke()
        self.denied = denied
        self.loaded = True

    def _denied_with(self, message: str) -> None:
        self.error = message

    def _refresh(self, session: Session, actor: User) -> None:
        self.keys = [key_row(k) for k in api_keys.list_keys(session=session, actor=actor)]
        self.denied = False
        self.loaded = True

    def _act(self, change: Callable[[Session, User], None], *, done: str = "") -> bool:
        """Resolve the actor, run ``change`` and reload the list in one transaction.

        A ``NotFound`` leaves its message key in ``error``, a ``ValidationFailed``
        its per-field message keys in ``errors``; both change nothing.

        Returns:
            Whether the change went through.
        """
        self.notice = ""
        self.error = ""
        self.errors = blank(FIELDS)

        def change_and_refresh(session: Session, actor: User) -> None:
            change(session, actor)
            self._refresh(session, actor)

        try:
            if not self._run(change_and_refresh):
                return False
        except NotFound as exc:
            self.error = str(exc)
            self._reload()
            return False
        except ValidationFailed as exc:
            self.errors = field_errors(FIELDS, exc.errors)
            self._reload()
            return False
        self.notice = done
        return True

    def _reload(self) -> None:
        """Show the keys as they are after a refusal."""
        self._run(self._refresh, report=False)

    @page_load
    def load(self):
        """on_load: the list of keys; a secret shown before is gone for good."""
        self._forget_secret()
        self._close_revoke()
        self._act(lambda session, actor: None)

    def create(self, form_data: dict):
        """Create a key with the name and scope choice of the form; show its secret once."""
        self._forget_secret()
        made: dict[str, str] = {}
        choice = form_field(form_data, "scope")
        # An unknown choice goes to the service as it is, which refuses it.
        scopes = SCOPE_CHOICES.get(choice, choice) if isinstance(choice, str) else choice

        def make(session: Session, actor: User) -> None:
            key, secret = api_keys.create_key(
                session=session, actor=actor, name=form_field(form_data, "name"), scopes=scopes
            )
            made.update(name=key.name, secret=secret)

        # The secret is shown only once the transaction that stores its hash has committed.
        if self._act(make):
            self.secret = made["secret"]
            self.secret_name = made["name"]
            return rx.set_value(NAME_INPUT, "")
        return None

    def mark_copied(self):
        """The copy button was pressed: its label says so (the copying happens in the browser)."""
        self.copied = self.secret != ""

    def dismiss_secret(self):
        """Done: the secret leaves the page (and the server) for good."""
        self._forget_secret()
        self.notice = ""

    def ask_revoke(self, key_id: int):
        """Open the confirmation before revoking one active key of the (reloaded) list."""
        self._close_revoke()
        if not self._act(lambda session, actor: None):
            return
        row = next((k for k in self.keys if k["id"] == key_id and k["active"]), None)
        if row is not None:
            self.revoke_id = row["id"]
            self.revoke_name = row["name"]

    def cancel_revoke(self):
        """Close the confirmation without revoking."""
        self._close_revoke()

    def revoke_dialog_changed(self, is_open: bool):
        """The confirmation was dismissed (Escape); it only ever opens through ask_revoke."""
        if not is_open:
            self._close_revoke()

    def confirm_revoke(self):
        """Revoke the key whose revocation was confirmed."""
        key_id = self.revoke_id
        self._close_revoke()
        if key_id:
            self._act(
                lambda session, actor: api_keys.revoke_key(
                    session=session, actor=actor, key_id=key_id
                ),
                done="api_keys.revoked",
            )
