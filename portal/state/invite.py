"""State of the invitation page (SPEC A7): set a password from the e-mailed link and enter."""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.db import session_scope
from portal.errors import ValidationFailed
from portal.services import identity, invitations
from portal.state.auth import AuthState


class InviteState(AuthState):
    """Accept an invitation: the link is checked, a password set, the invitee logged in."""

    token_valid: bool = False
    checked: bool = False
    invitee_email: str = ""
    errors: dict[str, str] = {}

    def _raw_token(self) -> str:
        return routes.token_from_path(self.router.url.path)

    def on_load(self):
        """Check the link before showing the form."""
        self.errors = {}
        with session_scope() as session:
            user = invitations.check(session=session, raw_token=self._raw_token())
            self.token_valid = user is not None
            self.invitee_email = user.email if user is not None else ""
            if user is not None:
                self.lang = user.language
        self.checked = True

    def submit(self, form: dict):
        """Set the password; the link is used up and the invitee is signed in."""
        password = form.get("password", "") if isinstance(form, dict) else ""
        confirm = form.get("confirm", "") if isinstance(form, dict) else ""
        if not isinstance(password, str) or not isinstance(confirm, str):
            return None
        if password != confirm:
            self.errors = {"confirm": self._t("error.password_mismatch")}
            return None
        try:
            with session_scope() as session:
                user = invitations.accept(
                    session=session, raw_token=self._raw_token(), password=password
                )
                outcome = identity.login(
                    session=session,
                    email=user.email,
                    password=password,
                    user_agent=self.router.headers.user_agent,
                )
                language = user.language
        except ValidationFailed as exc:
            if "token" in exc.errors:
                self.token_valid = False
            self.errors = {field: self._t(key) for field, key in exc.errors.items()}
            return None
        self.errors = {}
        if outcome is None:
            return rx.redirect(routes.LOGIN)
        _, token = outcome
        self.session_token = token
        self.lang = language
        return rx.redirect(routes.HOME)
