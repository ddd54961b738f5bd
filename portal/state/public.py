"""States of the public pages: log in, register, activate, forgot and reset password."""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.db import session_scope
from portal.errors import ValidationFailed
from portal.models import TokenPurpose
from portal.services import identity, rate_limit
from portal.state.auth import AuthState, safe_next

REGISTRATION_FIELDS = (
    "company_name",
    "full_name",
    "email",
    "phone",
    "serial",
    "postal_code",
    "language",
)


def _text(form: dict, name: str, limit: int = 300) -> str:
    value = form.get(name, "") if isinstance(form, dict) else ""
    return value.strip()[:limit] if isinstance(value, str) else ""


class LoginState(AuthState):
    """Log in with e-mail and password (SPEC A4)."""

    error: str = ""
    notice: str = ""

    def on_load(self):
        """Reset the form; show a notice passed by the page that sent us here."""
        self.error = ""
        notice = self.router.url.query_parameters.get("notice", "")
        self.notice = self._t(f"notice.{notice}") if notice in {"activated", "reset"} else ""
        return self.check_anonymous()

    def submit(self, form: dict):
        """Check the credentials; one generic error whatever was wrong."""
        email = _text(form, "email", 254)
        raw = form.get("password") if isinstance(form, dict) else None
        password = raw if isinstance(raw, str) else ""
        ip = self.router.session.client_ip
        if not rate_limit.login_allowed(ip=ip, email=email):
            # Checked before the database: the same answer, and time, for every address.
            self.error = self._t("error.too_many_attempts")
            return None
        with session_scope() as session:
            outcome = identity.login(
                session=session,
                email=email,
                password=password[:1024],
                user_agent=self.router.headers.user_agent,
            )
            if outcome is None:
                rate_limit.login_failed(ip=ip, email=email)
                self.error = self._t("login.failed")
                return None
            user, token = outcome
            self.lang = user.language
        self.error = ""
        self.session_token = token
        target = safe_next(self.router.url.query_parameters.get("next", routes.HOME))
        return rx.redirect(target)


class RegisterState(AuthState):
    """Registration matched on serial number and postal code (SPEC A1–A3)."""

    errors: dict[str, str] = {}
    done: bool = False

    def on_load(self):
        """Fresh form."""
        self.errors = {}
        self.done = False
        return self.check_anonymous()

    def submit(self, form: dict):
        """Validate in the service; per-field messages, nothing stored on error."""
        if not rate_limit.registration_allowed(ip=self.router.session.client_ip):
            self.errors = {"company_name": self._t("error.too_many_attempts")}
            return
        data = identity.RegistrationData(
            company_name=_text(form, "company_name"),
            full_name=_text(form, "full_name"),
            email=_text(form, "email", 254),
            phone=_text(form, "phone"),
            serial=_text(form, "serial"),
            postal_code=_text(form, "postal_code"),
            language=_text(form, "language") or self.lang,
        )
        try:
            with session_scope() as session:
                identity.register(session=session, data=data)
        except ValidationFailed as exc:
            self.errors = {field: self._t(key) for field, key in exc.errors.items()}
            return
        self.errors = {}
        self.done = True


class TokenPasswordState(AuthState):
    """Set a password from an e-mailed link: activation (A2) or reset (A5)."""

    token_valid: bool = False
    errors: dict[str, str] = {}

    def _purpose(self) -> TokenPurpose:
        path = self.router.url.path
        return TokenPurpose.PASSWORD_RESET if path.startswith("/reset") else TokenPurpose.ACTIVATION

    def on_load(self):
        """Check the link before showing the form."""
        self.errors = {}
        raw = routes.token_from_path(self.router.url.path)
        with session_scope() as session:
            user = identity.check_token(session=session, raw_token=raw, purpose=self._purpose())
        self.token_valid = user is not None

    def submit(self, form: dict):
        """Set the password; the link is used up."""
        form = form if isinstance(form, dict) else {}
        password = form.get("password", "")
        confirm = form.get("confirm", "")
        if not isinstance(password, str) or not isinstance(confirm, str):
            return
        if password != confirm:
            self.errors = {"confirm": self._t("error.password_mismatch")}
            return
        raw = routes.token_from_path(self.router.url.path)
        purpose = self._purpose()
        try:
            with session_scope() as session:
                if purpose == TokenPurpose.ACTIVATION:
                    identity.activate(session=session, raw_token=raw, password=password)
                else:
                    identity.reset_password(session=session, raw_token=raw, password=password)
        except ValidationFailed as exc:
            if "token" in exc.errors:
                self.token_valid = False
            self.errors = {field: self._t(key) for field, key in exc.errors.items()}
            return
        notice = "activated" if purpose == TokenPurpose.ACTIVATION else "reset"
        return rx.redirect(f"{routes.LOGIN}?notice={notice}")


class ForgotState(AuthState):
    """Ask for a password-reset link (SPEC A5)."""

    sent: bool = False
    error: str = ""

    def on_load(self):
        """Fresh form."""
        self.sent = False
        self.error = ""

    def submit(self, form: dict):
        """Queue a reset e-mail if the address belongs to a user; the answer is the same."""
        email = _text(form, "email", 254)
        if "@" not in email:
            self.error = self._t("error.email_invalid")
            return
        if rate_limit.reset_request_allowed(ip=self.router.session.client_ip, email=email):
            with session_scope() as session:
                identity.request_password_reset(session=session, email=email)
        self.error = ""
        self.sent = True
