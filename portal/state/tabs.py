"""States of the main tabs: user administration.

Each handler is an endpoint any browser can call with any arguments: it
resolves the signed-in user first, then asks ``portal.services.listing``, which
applies the scope and cleans the arguments. The vars hold plain dicts only.
"""

from __future__ import annotations

from typing import Any

from portal.db import session_scope
from portal.errors import PermissionDenied
from portal.models import UserStatus
from portal.services import listing
from portal.state.auth import AuthState

USER_STATUSES = listing.USER_STATUSES


def _form_text(form_data: Any, name: str) -> str:
    """One text field of a submitted form (anything else counts as empty)."""
    if not isinstance(form_data, dict):
        return ""
    return listing.clean_query(form_data.get(name, ""))


class _Paged:
    """Paging vars and handlers shared by the paginated tab states (a plain mixin)."""

    def _apply(self, page: listing.Page) -> None:
        self.rows = page.rows
        self.total = page.total
        self.page_number = page.page
        self.page_count = page.pages
        self.denied = False
        self.loaded = True

    def _clear(self, *, denied: bool = False) -> None:
        self.rows = []
        self.total = 0
        self.page_number = 1
        self.page_count = 1
        self.denied = denied
        self.loaded = True


class UsersState(_Paged, AuthState):
    """Administration: the users of the organisation (SPEC A8), read-only for now."""

    rows: list[dict[str, Any]] = []
    total: int = 0
    page_number: int = 1
    page_count: int = 1
    status: str = UserStatus.ACTIVE.value
    last_name: str = ""
    counts: dict[str, int] = dict.fromkeys(USER_STATUSES, 0)
    denied: bool = False
    loaded: bool = False

    def _fetch(self, page: int) -> None:
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                self._clear()
                self.counts = dict.fromkeys(USER_STATUSES, 0)
                return
            try:
                result, counts = listing.list_users(
                    session=session,
                    actor=actor,
                    status=self.status,
                    last_name=self.last_name,
                    page=page,
                )
            except PermissionDenied:
                self._clear(denied=True)
                self.counts = dict.fromkeys(USER_STATUSES, 0)
                return
        self._apply(result)
        self.counts = counts

    def load(self):
        """Load the current page of the user list."""
        self._fetch(self.page_number)

    def search(self, form_data: dict):
        """Search by last name; starts again at page 1."""
        self.last_name = _form_text(form_data, "last_name")
        self._fetch(1)

    def clear_search(self):
        """Show all users of the chosen status again."""
        self.last_name = ""
        self._fetch(1)

    def set_status(self, status: str):
        """Show the users of one status (Active, Pending, Inactive, Rejected)."""
        if status not in USER_STATUSES:
            return
        self.status = status
        self._fetch(1)

    def next_page(self):
        """Show the next page."""
        self._fetch(self.page_number + 1)

    def prev_page(self):
        """Show the previous page."""
        self._fetch(self.page_number - 1)
