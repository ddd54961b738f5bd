"""State of the product list under Knowledge and products (SPEC B2).

Every handler is an endpoint any browser can call with any arguments: it
resolves the signed-in user first, then asks ``portal.services.product_search``,
which applies the scope and cleans every filter, sort column and page size.
The vars hold plain dicts and strings only; the filters are kept as the
strings the form shows and cleaned again on every search.
"""

from __future__ import annotations

from dataclasses import replace

import reflex as rx
from sqlmodel import Session

from portal import clock, routes
from portal.db import session_scope
from portal.errors import PermissionDenied
from portal.models import User
from portal.services import product_search
from portal.services.listing import DEFAULT_PAGE_SIZE, Page, clean_page_size
from portal.services.product_search import SORT_COLUMNS, ProductFilters
from portal.state.auth import AuthState, page_load
from portal.state.listing import PagedList, form_text, form_values

# Filter fields as the form and the query string name them → ProductFilters field.
FILTER_FIELDS = {
    "model": "model_id",
    "account": "account_id",
    "group": "group_id",
    "status": "status",
    "alternative_name": "alternative_name",
    "city": "city",
}
# Sorting by these starts with the largest values first.
_DESCENDING_FIRST = ("open_tickets",)


class ProductListState(PagedList, AuthState):
    """Knowledge and products: the product list with search, filters, sorting and export."""

    page_size: int = DEFAULT_PAGE_SIZE
    sort: str = product_search.DEFAULT_SORT
    direction: str = "asc"

    serial_query: str = ""
    filter_model: str = ""
    filter_account: str = ""
    filter_group: str = ""
    filter_status: str = ""
    filter_alternative_name: str = ""
    filter_city: str = ""

    model_options: list[dict[str, str]] = []
    account_options: list[dict[str, str]] = []
    group_options: list[dict[str, str]] = []
    status_options: list[dict[str, str]] = []

    show_advanced: bool = False
    # Bumped whenever the filters change on the server, so the (uncontrolled) forms
    # are rebuilt with the current values.
    form_version: int = 0
    has_products: bool = False

    @rx.var
    def advanced_count(self) -> int:
        """How many advanced filters are set (shown on the toggle)."""
        return sum(
            1
            for value in (
                self.filter_model,
                self.filter_account,
                self.filter_group,
                self.filter_status,
                self.filter_alternative_name,
                self.filter_city,
            )
            if value
        )

    @rx.var
    def page_size_text(self) -> str:
        """The page size as the records-per-page select shows it."""
        return str(self.page_size)

    def _filters(self) -> ProductFilters:
        return ProductFilters(
            serial=self.serial_query,
            model_id=self.filter_model,
            account_id=self.filter_account,
            group_id=self.filter_group,
            status=self.filter_status,
            alternative_name=self.filter_alternative_name,
            city=self.filter_city,
        )

    def _store_filters(self, filters: ProductFilters) -> None:
        """Keep the cleaned filters as the form shows them."""
        self.serial_query = filters.serial
        self.filter_model = "" if filters.model_id is None else str(filters.model_id)
        self.filter_account = "" if filters.account_id is None else str(filters.account_id)
        self.filter_group = "" if filters.group_id is None else str(filters.group_id)
        self.filter_status = filters.status
        self.filter_alternative_name = filters.alternative_name
        self.filter_city = filters.city
        self.form_version += 1

    def _clear(self, *, denied: bool = False) -> None:
        self._clear_page(denied=denied)
        self.has_products = False
        self.model_options = []
        self.account_options = []
        self.group_options = []
        self.status_options = []

    def _search(self, session: Session, actor: User, page: int, *, with_options: bool) -> Page:
        if with_options:
            options = product_search.filter_options(session=session, actor=actor)
        result = product_search.search_products(
            session=session,
            actor=actor,
            filters=self._filters(),
            sort=self.sort,
            direction=self.direction,
            page=page,
            page_size=self.page_size,
        )
        if with_options:
            self.model_options = options["models"]
            self.account_options = options["accounts"]
            self.group_options = options["groups"]
            self.status_options = options["statuses"]
            self.has_products = bool(options["models"])
        rows = [{**row, "href": routes.product_link(row["id"])} for row in result.rows]
        return replace(result, rows=rows)

    @page_load
    def load(self):
        """on_load: read filters from the query string (``?serial=…&model=…``), then search.

        Without any filter parameter the filters of the visit before are kept.
        """
        params = self.router.url.query_parameters
        if any(name in params for name in ("serial", *FILTER_FIELDS)):
            values = {FILTER_FIELDS.get(name, name): params.get(name, "") for name in params}
            filters = ProductFilters.from_mapping(values)
            self._store_filters(filters)
            if filters.advanced:
                self.show_advanced = True
            page = 1
        else:
            self._store_filters(self._filters())
            page = self.page_number
        self._fetch(page, with_options=True)

    def search(self, form_data: dict):
        """Search by (part of) a serial number within the current filters; back to page 1."""
        serial = form_data.get("serial", "") if isinstance(form_data, dict) else ""
        self.serial_query = ProductFilters(serial=form_text(serial)).serial
        self._fetch(1)

    def clear_search(self):
        """Forget the serial number search (the advanced filters stay)."""
        self.serial_query = ""
        self.form_version += 1
        self._fetch(1)

    def apply_filters(self, form_data: dict):
        """Apply the advanced search form (model, account, group, status, name, city)."""
        filters = ProductFilters(serial=self.serial_query, **form_values(form_data, FILTER_FIELDS))
        self._store_filters(filters)
        self._fetch(1)

    def clear_filters(self):
        """Show the full list: no serial search, no advanced filters."""
        self._store_filters(ProductFilters())
        self._fetch(1)

    def toggle_advanced(self):
        """Open or close the advanced search panel."""
        self.show_advanced = not self.show_advanced

    def sort_by(self, column: str):
        """Sort by a whitelisted column; the same column again reverses the order."""
        if column not in SORT_COLUMNS:
            return
        if column == self.sort:
            self.direction = "desc" if self.direction == "asc" else "asc"
        else:
            self.sort = column
            self.direction = "desc" if column in _DESCENDING_FIRST else "asc"
        self._fetch(1)

    def set_page_size(self, size: str):
        """Show 10, 25, 50 or 100 products per page (anything else: 25); back to page 1."""
        self.page_size = clean_page_size(size)
        self._fetch(1)

    def export_csv(self):
        """Download the whole current filter as CSV (products-YYYY-MM-DD.csv)."""
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                return None
            try:
                data = product_search.export_products_csv(
                    session=session,
                    actor=actor,
                    filters=self._filters(),
                    sort=self.sort,
                    direction=self.direction,
                )
            except PermissionDenied:
                self._clear(denied=True)
                return None
        filename = f"products-{clock.now().date().isoformat()}.csv"
        return rx.download(data=data, filename=filename, mime_type="text/csv;charset=utf-8")
