"""States of the profile and e-mail alert pages (SPEC E1, E2).

Every handler works on the signed-in user only: none takes a user id, and
each resolves the actor from the session cookie first. The vars hold plain
values and message keys (translated by the page, so they follow a language
switch); no token, hash or row id reaches the browser.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlmodel import Session

from portal.db import session_scope
from portal.errors import PermissionDenied, ValidationFailed
from portal.i18n import LANGUAGES
from portal.models import User
from portal.services import preferences, profile
from portal.state.auth import AuthState, page_load

DETAIL_FIELDS = ("first_name", "last_name", "phone", "job_title", "language")
PASSWORD_FIELDS = ("current_password", "new_password", "confirm_password")
DELIVERY_IMMEDIATE = "immediate"
DELIVERY_DIGEST = "digest"


def _field(form: Any, name: str, limit: int = 300) -> str:
    """One text field of a submitted form ('' when missing or not text)."""
    value = form.get(name) if isinstance(form, dict) else None
    return value[:limit] if isinstance(value, str) else ""


def _no_errors(fields: tuple[str, ...]) -> dict[str, str]:
    return dict.fromkeys(fields, "")


class ProfileState(AuthState):
    """The profile page: personal details, language, password, sessions."""

    email: str = ""
    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    job_title: str = ""
    language: str = "es"
    password_changed: str = ""
    sessions: list[dict[str, Any]] = []
    details_errors: dict[str, str] = _no_errors(DETAIL_FIELDS)
    password_errors: dict[str, str] = _no_errors(PASSWORD_FIELDS)
    details_saved: bool = False
    password_saved: bool = False
    sessions_notice: str = ""
    form_version: int = 0
    password_version: int = 0
    loaded: bool = False

    def _forget(self) -> None:
        """Nobody is signed in: show nothing of the last user."""
        self.email = ""
        self.first_name = ""
        self.last_name = ""
        self.phone = ""
        self.job_title = ""
        self.language = "es"
        self.password_changed = ""
        self.sessions = []
        self.details_errors = _no_errors(DETAIL_FIELDS)
        self.password_errors = _no_errors(PASSWORD_FIELDS)
        self.details_saved = False
        self.password_saved = False
        self.sessions_notice = ""
        self.loaded = False

    def _fill(self, session, actor) -> None:
        """Show the actor's stored details and open sessions."""
        shown = profile.details(session=session, actor=actor)
        self.email = shown["email"]
        self.first_name = shown["first_name"]
        self.last_name = shown["last_name"]
        self.phone = shown["phone"]
        self.job_title = shown["job_title"]
        self.language = shown["language"]
        self.password_changed = shown["password_changed"]
        self.sessions = profile.active_sessions(
            session=session, actor=actor, current_session_token=self.session_token
        )
        self.loaded = True

    def _change(self, change: Callable[[Session, User], Any]) -> bool:
        """Run ``change`` as the signed-in user in one transaction, then show the result.

        Nobody signed in, or a user the service refuses, forgets what was shown.
        A ``ValidationFailed`` goes to the caller (the transaction rolls back).

        Returns:
            Whether the change went through.
        """
        try:
            with session_scope() as session:
                actor = self._actor(session)
                if actor is None:
                    self._forget()
                    return False
                change(session, actor)
                self._fill(session, actor)
        except PermissionDenied:
            self._forget()
            return False
        return True

    @page_load
    def load(self):
        """on_load: the signed-in user's details; fresh forms."""
        self.details_errors = _no_errors(DETAIL_FIELDS)
        self.password_errors = _no_errors(PASSWORD_FIELDS)
        self.details_saved = False
        self.password_saved = False
        self.sessions_notice = ""
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                self._forget()
                return
            self._fill(session, actor)
        self.form_version += 1
        self.password_version += 1

    def save_details(self, form: dict):
        """Store name, phone, job title and language; the UI switches language at once."""
        self.details_saved = False
        data = profile.PersonalDetails(
            first_name=_field(form, "first_name"),
            last_name=_field(form, "last_name"),
            phone=_field(form, "phone"),
            job_title=_field(form, "job_title"),
        )
        language = _field(form, "language", 5) or None
        try:
            changed = self._change(
                lambda session, actor: profile.update_details(
                    session=session, actor=actor, data=data, language=language
                )
            )
        except ValidationFailed as exc:
            self.details_errors = {**_no_errors(DETAIL_FIELDS), **exc.errors}
            return
        if not changed:
            return
        self.details_errors = _no_errors(DETAIL_FIELDS)
        self.details_saved = True
        if self.language in LANGUAGES:
            self.lang = self.language
        self.form_version += 1

    def change_password(self, form: dict):
        """Change the password (current one required); the user's other sessions end."""
        self.password_saved = False
        self.sessions_notice = ""
        try:
            changed = self._change(
                lambda session, actor: profile.change_password(
                    session=session,
                    actor=actor,
                    current_password=_field(form, "current_password", 1024),
                    new_password=_field(form, "new_password", 1024),
                    confirm_password=_field(form, "confirm_password", 1024),
                    current_session_token=self.session_token,
                )
            )
        except ValidationFailed as exc:
            self.password_errors = {**_no_errors(PASSWORD_FIELDS), **exc.errors}
            return
        if not changed:
            return
        self.password_errors = _no_errors(PASSWORD_FIELDS)
        self.password_saved = True
        self.password_version += 1

    def logout_others(self):
        """End every other session of the signed-in user; this one stays."""
        self.sessions_notice = ""
        if self._change(
            lambda session, actor: profile.log_out_other_sessions(
                session=session, actor=actor, current_session_token=self.session_token
            )
        ):
            self.sessions_notice = "profile.logged_out_others"


class AlertsState(AuthState):
    """The e-mail alerts page: one row of preferences per event."""

    enabled: dict[str, bool] = {}
    own: dict[str, bool] = {}
    delivery: dict[str, str] = {}
    saved: bool = False
    loaded: bool = False

    def _forget(self) -> None:
        self.enabled = {}
        self.own = {}
        self.delivery = {}
        self.saved = False
        self.loaded = False

    def _show(self, rows: list[dict[str, Any]]) -> None:
        self.enabled = {row["event"]: row["enabled"] for row in rows}
        self.own = {row["event"]: row["not_for_own_actions"] for row in rows}
        self.delivery = {
            row["event"]: DELIVERY_DIGEST if row["digest"] else DELIVERY_IMMEDIATE for row in rows
        }
        self.loaded = True

    @page_load
    def load(self):
        """on_load: the signed-in user's preferences, defaults filled in."""
        self.saved = False
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                self._forget()
                return
            self._show(preferences.get_preferences(session=session, actor=actor))

    def set_enabled(self, event: str, value: Any):
        """Tick or untick "send" for one event (saved with the save button)."""
        if self.loaded and event in preferences.EVENTS:
            self.enabled = {**self.enabled, event: preferences.as_flag(value)}
            self.saved = False

    def set_own(self, event: str, value: Any):
        """Tick or untick "not for my own actions" for one event."""
        if self.loaded and event in preferences.EVENTS:
            self.own = {**self.own, event: preferences.as_flag(value)}
            self.saved = False

    def set_delivery(self, event: str, value: Any):
        """Choose immediate e-mails or the daily digest for one event."""
        if self.loaded and event in preferences.EVENTS:
            digest = value == DELIVERY_DIGEST
            self.delivery = {
                **self.delivery,
                event: DELIVERY_DIGEST if digest else DELIVERY_IMMEDIATE,
            }
            self.saved = False

    def save(self):
        """Store the rows shown as the signed-in user's own preferences."""
        self.saved = False
        values = {
            event: {
                "enabled": bool(self.enabled.get(event, True)),
                "not_for_own_actions": bool(self.own.get(event, False)),
                "digest": self.delivery.get(event) == DELIVERY_DIGEST,
            }
            for event in preferences.EVENTS
            if event in self.enabled
        }
        try:
            with session_scope() as session:
                actor = self._actor(session)
                if actor is None:
                    self._forget()
                    return
                preferences.save_preferences(session=session, actor=actor, values=values)
                self._show(preferences.get_preferences(session=session, actor=actor))
        except PermissionDenied:
            self._forget()
            return
        self.saved = True
