"""State of the Service page (SPEC C1): ticket search by number, filters, open/closed lists.

Every handler is an endpoint any browser can call with any arguments: it
resolves the signed-in user, then asks ``portal.services.tickets``, which
applies the scope and cleans every filter and page size again. The vars hold
plain strings and dicts only; the filters are kept as the strings the form
shows.
"""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from portal import routes
from portal.db import session_scope
from portal.errors import NotFound, PermissionDenied
from portal.models import User
from portal.services import tickets
from portal.services.listing import Page
from portal.services.tickets import TicketFilters
from portal.state.auth import AuthState, page_load
from portal.state.listing import PagedList, form_text, form_values

TICKET_VIEWS = ("open", "closed")
# Form field name → TicketFilters field.
FILTER_FIELDS = {
    "status": "status",
    "type": "ticket_type",
    "serial": "serial",
    "from": "date_from",
    "to": "date_to",
    "submitted_by": "submitted_by",
    "reference": "reference",
}


class ServiceState(PagedList, AuthState):
    """Service: entry points, ticket search and the open and closed ticket lists."""

    page_size: int = tickets.DEFAULT_TICKET_PAGE_SIZE
    view: str = "open"

    filter_status: str = ""
    filter_type: str = ""
    filter_serial: str = ""
    filter_from: str = ""
    filter_to: str = ""
    filter_submitted_by: str = ""
    filter_reference: str = ""
    submitter_options: list[dict[str, str]] = []

    number_query: str = ""
    number_not_found: bool = False
    show_advanced: bool = False
    # Bumped when the filters change on the server, so the uncontrolled forms are rebuilt.
    form_version: int = 0
    can_create: bool = False

    @rx.var
    def page_size_text(self) -> str:
        """The page size as the records-per-page select shows it."""
        return str(self.page_size)

    @rx.var
    def filter_count(self) -> int:
        """How many advanced filters are set (shown on the toggle)."""
        return sum(
            1
            for value in (
                self.filter_status,
                self.filter_type,
                self.filter_serial,
                self.filter_from,
                self.filter_to,
                self.filter_submitted_by,
                self.filter_reference,
            )
            if value
        )

    def _filters(self) -> TicketFilters:
        return TicketFilters(
            status=self.filter_status,
            ticket_type=self.filter_type,
            serial=self.filter_serial,
            date_from=self.filter_from,
            date_to=self.filter_to,
            submitted_by=self.filter_submitted_by,
            reference=self.filter_reference,
        )

    def _store_filters(self, filters: TicketFilters) -> None:
        self.filter_status = filters.status
        self.filter_type = filters.ticket_type
        self.filter_serial = filters.serial
        self.filter_from = filters.date_from.isoformat() if filters.date_from else ""
        self.filter_to = filters.date_to.isoformat() if filters.date_to else ""
        self.filter_submitted_by = str(filters.submitted_by) if filters.submitted_by else ""
        self.filter_reference = filters.reference
        self.form_version += 1

    def _clear(self, *, denied: bool = False) -> None:
        self._clear_page(denied=denied)
        self.submitter_options = []
        self.can_create = False

    def _search(self, session: Session, actor: User, page: int, *, with_options: bool) -> Page:
        if with_options:
            options = tickets.submitter_options(session=session, actor=actor)
        result = tickets.search_tickets(
            session=session,
            actor=actor,
            closed=self.view == "closed",
            filters=self._filters(),
            page=page,
            page_size=self.page_size,
        )
        if with_options:
            self.submitter_options = options
        self.can_create = actor.has_role(*tickets.CUSTOMER_ROLES) and not actor.is_provider
        return result

    @page_load
    def load(self):
        """on_load: show the current list (filters and page of the visit before are kept)."""
        self.number_not_found = False
        self._store_filters(self._filters())
        self._fetch(self.page_number, with_options=True)

    def set_view(self, view: str):
        """Switch between the open and the closed tickets; back to page 1."""
        if view not in TICKET_VIEWS:
            return
        self.view = view
        if self.filter_status and (
            (view == "open") != (self.filter_status in tickets.OPEN_STATUS_VALUES)
        ):
            # A status of the other list would match nothing here.
            self.filter_status = ""
            self.form_version += 1
        self._fetch(1)

    def apply_filters(self, form_data: dict):
        """Apply the advanced search (status, type, serial, dates, submitted by, reference)."""
        self._store_filters(TicketFilters(**form_values(form_data, FILTER_FIELDS)))
        self._fetch(1)

    def clear_filters(self):
        """Forget every filter and show the whole list."""
        self._store_filters(TicketFilters())
        self._fetch(1)

    def toggle_advanced(self):
        """Open or close the advanced search panel."""
        self.show_advanced = not self.show_advanced

    def set_page_size(self, size: str):
        """Show 5, 10, 25 or 50 tickets per page (anything else: 10); back to page 1."""
        self.page_size = tickets.clean_ticket_page_size(size)
        self._fetch(1)

    def find_number(self, form_data: dict):
        """Open the ticket with exactly this number, or say that none of the user's has it."""
        number = form_text(form_data.get("number", "")) if isinstance(form_data, dict) else ""
        self.number_query = number.strip()[:20]
        self.number_not_found = False
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                return None
            try:
                ticket = tickets.find_ticket_by_number(
                    session=session, actor=actor, number=self.number_query
                )
            except (NotFound, PermissionDenied):
                self.number_not_found = True
                return None
            target = routes.ticket_link(ticket.id)
        return rx.redirect(target)
