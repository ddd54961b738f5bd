"""What the paged list states share: the page of rows, paging, and reading filter forms.

Every handler is an endpoint any browser can call with any arguments: the
list is always searched again as the signed-in user, and the services clean
every filter, page number and page size once more.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from portal.db import session_scope
from portal.errors import PermissionDenied
from portal.services.listing import Page, clean_page


def form_text(value: Any) -> str:
    """A primitive from the browser as text (anything else is empty)."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    return str(value)


def form_values(form_data: Any, fields: dict[str, str]) -> dict[str, str]:
    """The text of each form field, keyed by the filter field it fills.

    Args:
        form_data: The submitted form (anything that is not a dict counts as empty).
        fields: Form field name → filter field name.
    """
    if not isinstance(form_data, dict):
        form_data = {}
    return {field: form_text(form_data.get(name, "")) for name, field in fields.items()}


class PagedList(rx.State, mixin=True):
    """A list shown one page at a time, with the handlers ``portal.components.pager`` calls.

    ``next_page`` and ``prev_page`` call ``_go_to(page)``. By default that is
    ``_fetch``, which searches as the signed-in user: the state using it (an
    ``AuthState``) then provides ``_search(session, actor, page, with_options=...)``,
    which returns the ``Page`` to show (or None to keep the rows shown, when a
    filter was refused) and may set the state's own vars (the filter options),
    and ``_clear(denied=...)``, which calls ``_clear_page`` and empties those vars.
    A state that loads its rows another way overrides ``_go_to`` and shows them
    with ``_show_rows`` or ``_clear_page``.
    """

    rows: list[dict[str, Any]] = []
    total: int = 0
    page_number: int = 1
    page_count: int = 1
    denied: bool = False
    loaded: bool = False

    def _show_rows(self, page: Page, rows: list[dict[str, Any]] | None = None) -> None:
        """Show ``page``: its rows, or ``rows`` made from them."""
        self.rows = page.rows if rows is None else rows
        self.total = page.total
        self.page_number = page.page
        self.page_count = page.pages

    def _clear_page(self, *, denied: bool) -> None:
        """No rows: nobody signed in, or (``denied``) the user may not see this list."""
        self.rows = []
        self.total = 0
        self.page_number = 1
        self.page_count = 1
        self.denied = denied
        self.loaded = True

    def _fetch(self, page: Any, *, with_options: bool = False) -> None:
        """Search as the signed-in user and show ``page`` (clamped by the service)."""
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                self._clear(denied=False)
                return
            try:
                found: Page | None = self._search(session, actor, page, with_options=with_options)
            except PermissionDenied:
                self._clear(denied=True)
                return
        if found is not None:
            self._show_rows(found)
        self.denied = False
        self.loaded = True

    def _go_to(self, page: Any) -> None:
        """Show ``page`` of the list."""
        self._fetch(page)

    def next_page(self):
        """Show the next page."""
        self._go_to(clean_page(self.page_number) + 1)

    def prev_page(self):
        """Show the previous page."""
        self._go_to(clean_page(self.page_number) - 1)
