"""What the states of the record and administration pages share.

Each handler is an endpoint any browser can call: it resolves the signed-in
user, then calls the services, which decide whether this user may do it. A
page forgets what it showed when the user may not use it (``ScopedPage``:
requests, orders, stock, groups, users). A detail page
shows one record of the path (or a not-found view), reloads it after every
change, and asks for confirmation before one final action (cancel a move or an
order, close a request): the confirmation dialog only opens when the reloaded
record allows the action, and the services check it again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import reflex as rx
from sqlmodel import Session

from portal.db import session_scope
from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.models import Role, User
from portal.state.auth import page_load


def text(value: Any) -> str:
    """A value as the text a var holds (None is '', True is '1', False is '')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else ""
    return str(value)


def flat(row: dict[str, Any]) -> dict[str, str]:
    """A row with every value as text."""
    return {key: text(value) for key, value in row.items()}


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


class ScopedPage(rx.State, mixin=True):
    """A page whose every change runs as the signed-in user.

    The class using it (an ``AuthState``) provides ``_forget(denied=...)``, which
    empties the page: nobody is signed in, or (``denied``) the user may not use it.
    Other errors of ``change`` (``NotFound``, ``ValidationFailed``) roll the
    transaction back and reach the caller.
    """

    loaded: bool = False
    denied: bool = False

    def _run(self, change: Callable[[Session, User], None], *, report: bool = True) -> bool:
        """Resolve the actor and run ``change`` in one transaction; False on a refusal.

        Args:
            change: What to do as the signed-in user.
            report: Whether a ``PermissionDenied``'s message key goes to ``_denied_with``
                (a reload after a change forgets the page without a message).
        """
        try:
            with session_scope() as session:
                actor = self._actor(session)
                if actor is None:
                    self._forget(denied=False)
                    return False
                change(session, actor)
        except PermissionDenied as exc:
            self._forget(denied=True)
            if report:
                self._denied_with(str(exc))
            return False
        return True

    def _denied_with(self, message: str) -> None:
        """Show the refusal's message key besides the denied view (here: no)."""


class RecordPage(rx.State, mixin=True):
    """A record reloaded after each change, with one confirmed final action.

    The class using it (an ``AuthState``) provides ``_empty`` (show no record),
    ``_show``, ``_confirmable`` (whether the final action is allowed now),
    ``_clear_errors`` and ``_refused`` (show a ``ValidationFailed``'s messages).
    """

    loaded: bool = False
    not_found: bool = False
    notice: str = ""
    error: str = ""
    confirm_open: bool = False
    form_key: int = 0

    def _clear(self, *, not_found: bool) -> None:
        """No record: nobody is signed in, or (``not_found``) the path's is not theirs."""
        self.loaded = True
        self.not_found = not_found
        self._empty()
        self.confirm_open = False

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
                self.loaded = True
                self.not_found = False
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

    @page_load
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


class StatusRecordPage(RecordPage, mixin=True):
    """A record whose customer may cancel it and whose agents move it to a next status.

    The class using it names the fields of its status form in ``transition_fields``
    and sets ``errors`` to ``blank(transition_fields)``.
    """

    transition_fields: ClassVar[tuple[str, ...]] = ("status",)
    transitions: list[str] = []
    can_cancel: bool = False
    can_transition: bool = False
    errors: dict[str, str] = {}

    def _allow(self, actor: User, transitions: list[str], *, cancellable: bool) -> None:
        """What the user may do now: an agent moves the record on, a customer cancels it."""
        agent = actor.has_role(Role.AGENT)
        self.transitions = transitions if agent else []
        self.can_transition = agent and bool(transitions)
        self.can_cancel = cancellable and not agent

    def _allow_nothing(self) -> None:
        """No status form and no cancelling: there is no record."""
        self.transitions = []
        self.can_cancel = False
        self.can_transition = False

    def _confirmable(self) -> bool:
        return self.can_cancel

    def _clear_errors(self) -> None:
        self.errors = blank(self.transition_fields)

    def _refused(self, errors: dict[str, str]) -> None:
        self.errors = field_errors(self.transition_fields, errors)
        if "status" in errors:
            self.error = errors["status"]
