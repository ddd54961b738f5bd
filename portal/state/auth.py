"""Identity of the browser tab: session cookie, language, who is signed in."""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextvars import ContextVar

import reflex as rx

from portal import routes
from portal.db import session_scope
from portal.i18n import LANGUAGES, catalogue, translate
from portal.models import Role, User
from portal.services import identity, profile

SESSION_COOKIE = "portal_session"

# While a page's load runs: whether each session lookup found a signed-in user.
_page_lookups: ContextVar[list[bool] | None] = ContextVar("portal_page_lookups", default=None)


def safe_next(target: str) -> str:
    """Only same-site paths may be redirect targets after log-in."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return routes.HOME


def page_load(fn: Callable) -> Callable:
    """Make ``fn`` the on_load of a signed-in page: anonymous visitors go to the log-in page.

    The check reads the session lookups the load itself makes (``_actor``), so
    opening a page is one event with one lookup; a load that made none is
    checked after it. The load runs for an anonymous visitor too, and shows
    nothing, as its services give such a visitor nothing.
    """

    @functools.wraps(fn)
    def load(self):
        lookups: list[bool] = []
        reset = _page_lookups.set(lookups)
        try:
            result = fn(self)
        finally:
            _page_lookups.reset(reset)
        if not lookups:
            return self._check_login() or result
        if not lookups[-1]:
            return self._login_redirect()
        return result

    load.signed_in_page = True
    return load


class AuthState(rx.State):
    """The base of every page state; resolves the actor on each event."""

    session_token: str = rx.Cookie("", name=SESSION_COOKIE, same_site="strict")
    lang: str = rx.LocalStorage("es", name="portal_lang", sync=True)
    signed_in: bool = False
    user_name: str = ""
    user_email: str = ""
    roles: list[str] = []

    @rx.var
    def tr(self) -> dict[str, str]:
        """The message catalogue of the current language."""
        return catalogue(self.lang)

    @rx.var
    def show_service(self) -> bool:
        """Whether the Service tab is shown."""
        return bool({Role.ADMINISTRATOR, Role.DEVICE_MANAGER, Role.AGENT} & set(self.roles))

    @rx.var
    def show_products(self) -> bool:
        """Whether the Knowledge and products tab is shown."""
        return bool(self.roles)

    @rx.var
    def show_stock(self) -> bool:
        """Whether the Stock management tab is shown."""
        return bool({Role.ADMINISTRATOR, Role.STOCK_MANAGER} & set(self.roles))

    @rx.var
    def show_dashboards(self) -> bool:
        """Whether the Dashboards tab is shown (the service checks the same roles)."""
        return bool(
            {Role.ADMINISTRATOR, Role.DEVICE_MANAGER, Role.AGENT, Role.PROVIDER_ADMIN}
            & set(self.roles)
        )

    @rx.var
    def is_admin(self) -> bool:
        """Whether the user is a customer administrator."""
        return Role.ADMINISTRATOR in self.roles

    @rx.var
    def is_agent(self) -> bool:
        """Whether the user is a provider agent (their Service tab is the desk)."""
        return Role.AGENT in self.roles

    @rx.var
    def writes_articles(self) -> bool:
        """Whether the user writes knowledge articles (provider agents and administrators)."""
        return bool({Role.AGENT, Role.PROVIDER_ADMIN} & set(self.roles))

    @rx.var
    def has_fleet(self) -> bool:
        """Whether the user's roles include seeing machines (not only the knowledge centre)."""
        return bool(set(self.roles) - {Role.KNOWLEDGE_USER})

    @rx.var
    def show_admin(self) -> bool:
        """Whether the Administration tab is shown."""
        return bool({Role.ADMINISTRATOR, Role.PROVIDER_ADMIN} & set(self.roles))

    def _t(self, key: str) -> str:
        return translate(self.lang, key)

    def _show_identity(self, **values) -> None:
        """Set the public identity vars; unchanged ones stay clean (no delta, no state write)."""
        for name, value in values.items():
            if getattr(self, name) != value:
                setattr(self, name, value)

    def _clear_identity(self) -> None:
        self._show_identity(signed_in=False, user_name="", user_email="", roles=[])

    def _actor(self, session) -> User | None:
        """The signed-in user for this event, or None; refreshes the public identity vars."""
        user = None
        if self.session_token:
            user = identity.resolve_session(session=session, raw_token=self.session_token)
        if (lookups := _page_lookups.get()) is not None:
            lookups.append(user is not None)
        if user is None:
            self._clear_identity()
            return None
        self._show_identity(
            signed_in=True,
            user_name=user.full_name or user.email,
            user_email=user.email,
            roles=sorted(user.role_set),
        )
        return user

    def _login_redirect(self):
        """Forget the session and send the tab to the log-in page, and back here after it."""
        self.session_token = ""
        path = self.router.url.path or routes.HOME
        return rx.redirect(f"{routes.LOGIN}?next={path}")

    def _check_login(self):
        """None when a user is signed in, else the redirect to the log-in page."""
        with session_scope() as session:
            user = self._actor(session)
        return None if user is not None else self._login_redirect()

    def refresh(self):
        """on_load of pages open to everyone: show the identity if signed in."""
        with session_scope() as session:
            self._actor(session)

    def check_anonymous(self):
        """on_load of log-in and registration: signed-in users go home."""
        with session_scope() as session:
            user = self._actor(session)
        if user is not None:
            return rx.redirect(routes.HOME)
        return None

    def set_language(self, lang: str):
        """Switch the UI language; a signed-in user's choice is stored (and e-mails follow it)."""
        if lang not in LANGUAGES:
            return
        self.lang = lang
        with session_scope() as session:
            user = self._actor(session)
            if user is not None:
                profile.set_language(session=session, actor=user, language=lang)

    def logout(self):
        """End the server-side session and forget the cookie."""
        if self.session_token:
            with session_scope() as session:
                identity.logout(session=session, raw_token=self.session_token)
        self.session_token = ""
        self._clear_identity()
        # A new Reflex token for this tab: nothing the last user searched or saw survives.
        return rx.call_script(
            f"window.sessionStorage.clear(); window.location.replace('{routes.LOGIN}')"
        )
