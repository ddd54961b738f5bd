"""States of the accounts list and of one account's page (SPEC B1).

Every handler resolves the signed-in user first and asks
``portal.services.accounts``, which applies the scope: the account id comes
from the URL (any browser can put any id there) and is checked again on every
event, paging included.
"""

from __future__ import annotations

from typing import Any

from portal import routes
from portal.db import session_scope
from portal.errors import NotFound, PermissionDenied
from portal.services import accounts
from portal.services.listing import Page
from portal.state.auth import AuthState, page_load


class AccountsState(AuthState):
    """Knowledge and products → Accounts: the accounts this user may see."""

    rows: list[dict[str, Any]] = []
    denied: bool = False
    loaded: bool = False

    @page_load
    def load(self):
        """Load the accounts with their product and open-ticket counts."""
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                self.rows = []
                return
            try:
                rows = accounts.list_accounts(session=session, actor=actor)
            except PermissionDenied:
                self.rows = []
                self.denied = True
                self.loaded = True
                return
        self.rows = rows
        self.denied = False
        self.loaded = True


class AccountState(AuthState):
    """One account: contract lines, products and tickets within the user's scope."""

    # The account shown; server-side only, set from the URL by ``load``.
    _shown_account: int | None = None

    number: str = ""
    name: str = ""
    organisation: str = ""
    invoice_day: int = 0
    contract_lines: list[dict[str, Any]] = []
    products: list[dict[str, Any]] = []
    product_total: int = 0
    product_page: int = 1
    product_pages: int = 1
    tickets: list[dict[str, Any]] = []
    ticket_total: int = 0
    ticket_page: int = 1
    ticket_pages: int = 1
    not_found: bool = False
    loaded: bool = False

    def _clear(self, *, not_found: bool) -> None:
        self.number = ""
        self.name = ""
        self.organisation = ""
        self.invoice_day = 0
        self.contract_lines = []
        self._set_products(Page())
        self._set_tickets(Page())
        self.not_found = not_found
        self.loaded = True

    def _set_products(self, page: Page) -> None:
        self.products = page.rows
        self.product_total = page.total
        self.product_page = page.page
        self.product_pages = page.pages

    def _set_tickets(self, page: Page) -> None:
        self.tickets = page.rows
        self.ticket_total = page.total
        self.ticket_page = page.page
        self.ticket_pages = page.pages

    @page_load
    def load(self):
        """Load the account named in the URL, or show that it is not available."""
        self._shown_account = routes.id_from_path(self.router.url.path)
        self.product_page = 1
        self.ticket_page = 1
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                self._clear(not_found=False)
                return
            if self._shown_account is None:
                self._clear(not_found=True)
                return
            try:
                detail = accounts.account_detail(
                    session=session, actor=actor, account_id=self._shown_account
                )
            except (NotFound, PermissionDenied):
                self._clear(not_found=True)
                return
        self.number = detail["number"]
        self.name = detail["name"]
        self.organisation = detail["organisation"]
        self.invoice_day = detail["invoice_day"]
        self.contract_lines = detail["contract_lines"]
        self._set_products(detail["products"])
        self._set_tickets(detail["tickets"])
        self.not_found = False
        self.loaded = True

    def _fetch(self, which: str, page: int) -> None:
        """Reload one list of the shown account, checking the scope again."""
        if self._shown_account is None:
            self._clear(not_found=True)
            return
        fetch = accounts.account_products if which == "products" else accounts.account_tickets
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                self._clear(not_found=False)
                return
            try:
                result = fetch(
                    session=session, actor=actor, account_id=self._shown_account, page=page
                )
            except (NotFound, PermissionDenied):
                self._clear(not_found=True)
                return
        if which == "products":
            self._set_products(result)
        else:
            self._set_tickets(result)

    def next_products(self):
        """Show the next page of the account's products."""
        self._fetch("products", self.product_page + 1)

    def prev_products(self):
        """Show the previous page of the account's products."""
        self._fetch("products", self.product_page - 1)

    def next_tickets(self):
        """Show the next page of the account's tickets."""
        self._fetch("tickets", self.ticket_page + 1)

    def prev_tickets(self):
        """Show the previous page of the account's tickets."""
        self._fetch("tickets", self.ticket_page - 1)
