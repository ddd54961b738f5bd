"""What the detail pages of move requests, other requests and orders share.

Each page shows one record of the path (or a not-found view), reloads it after
every change through the service layer, and asks for confirmation before one
final action (cancel a move or an order, close a request). Handlers are
endpoints any browser can call: the confirmation dialog only opens when the
reloaded record allows the action, and the services check it again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from portal.db import session_scope
from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.models import User


def form_field(form_data: Any, name: str) -> Any:
    """One field of a submitted form (None when the form is not a dict)."""
    return form_data.get(name) if isinstance(form_data, dict) else None


def blank(fields: tuple[str, ...]) -> dict[str, str]:
    """No message for any of ``fields``."""
    return dict.fromkeys(fields, "")


def field_errors(fields: tuple[str, ...], found: dict[str, str]) -> dict[str, str]:
    """Every field's message key ('' for none), so the page can show each one."""
    errors = blank(fields)
    errors.update({k: v for k, v in found.items() if k in errors})
    return errors


class RecordPage(rx.State, mixin=True):
    """A record reloaded after each change, with one confirmed final action.

    The class using it (an ``AuthState``) provides ``_clear``, ``_show``,
    ``_confirmable`` (whether the final action is allowed now),
    ``_clear_errors`` and ``_refused`` (show a ``ValidationFailed``'s messages).
    """

    loaded: bool = False
    not_found: bool = False
    notice: str = ""
    error: str = ""
    confirm_open: bool = False
    form_key: int = 0

    def _act(self, change: Callable[[Session, User], None] | None = None) -> bool:
        """Resolve the actor, run ``change``, reload the record; False on a refusal."""
        try:
            with session_scope() as session:
                actor = self._actor(session)
                if actor is None:
                    self._clear(not_found=False)
                    return False
                if change is not None:
                    change(session, actor)
                self._show(session, actor)
        except (NotFound, PermissionDenied) as exc:
            if change is None or isinstance(exc, NotFound):
                self._clear(not_found=True)
            else:
                self.error = str(exc)
                self._act()
            return False
        except ValidationFailed as exc:
            self._refused(exc.errors)
            self._act()
            return False
        return True

    def _change(self, change: Callable[[Session, User], None], notice: str) -> bool:
        """Run a change from a form or the confirmation; ``notice`` when it was made."""
        self.confirm_open = False
        self.notice = ""
        self.error = ""
        self._clear_errors()
        if self._act(change):
            self.notice = notice
            return True
        return False

    def load(self):
        """on_load: the record of the path, or the not-found view."""
        self.notice = ""
        self.error = ""
        self._clear_errors()
        self.confirm_open = False
        self._act()

    def ask_confirmation(self):
        """Open the confirmation of the final action, when the record allows it now."""
        self.error = ""
        if self._act() and self._confirmable():
            self.confirm_open = True

    def confirmation_changed(self, is_open: bool):
        """The confirmation was dismissed; it only ever opens through ask_confirmation."""
        if not is_open:
            self.confirm_open = False

    def dismiss_confirmation(self):
        """Close the confirmation without acting."""
        self.confirm_open = False
