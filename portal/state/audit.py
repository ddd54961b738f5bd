"""State of the audit log page (SPEC G3), for customer administrators only.

The filters arrive from the browser as plain strings; ``portal.services.audit_log``
checks the role, keeps the acting user within the organisation, whitelists the
object type and validates the dates on every event.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from sqlmodel import Session

from portal.errors import ValidationFailed
from portal.models import User
from portal.services import audit_log
from portal.services.listing import Page, clean_query
from portal.state.auth import AuthState, page_load
from portal.state.listing import PagedList


def _field(form_data: Any, name: str, limit: int = 40) -> str:
    if not isinstance(form_data, dict):
        return ""
    return clean_query(form_data.get(name, ""), limit)


class AuditState(PagedList, AuthState):
    """Administration → Audit log: filters, one page of entries, paging."""

    user_filter: str = ""
    object_filter: str = ""
    date_from: str = ""
    date_to: str = ""
    date_from_error: str = ""
    date_to_error: str = ""
    user_options: list[dict[str, str]] = []
    object_options: list[dict[str, str]] = []

    @rx.var
    def filtered(self) -> bool:
        """Whether any filter is set (an empty list then means "no match", not "empty log")."""
        return any((self.user_filter, self.object_filter, self.date_from, self.date_to))

    def _clear(self, *, denied: bool) -> None:
        self._clear_page(denied=denied)
        self.user_options = []
        self.object_options = []

    def _search(
        self, session: Session, actor: User, page: Any, *, with_options: bool
    ) -> Page | None:
        options = (
            audit_log.audit_filter_options(session=session, actor=actor) if with_options else None
        )
        try:
            result = audit_log.list_audit(
                session=session,
                actor=actor,
                user_id=self.user_filter or None,
                object_type=self.object_filter,
                date_from=self.date_from or None,
                date_to=self.date_to or None,
                page=page,
            )
        except ValidationFailed as failed:
            # Keep the rows shown before; the message next to the date explains why.
            self.date_from_error = failed.errors.get("date_from", "")
            self.date_to_error = failed.errors.get("date_to", "")
            result = None
        else:
            self.date_from_error = ""
            self.date_to_error = ""
        if options is not None:
            self.user_options = options["users"]
            self.object_options = options["object_types"]
        return result

    @page_load
    def load(self):
        """Load the filter choices and the first page of the log."""
        self._fetch(self.page_number, with_options=True)

    def set_user_filter(self, value: str):
        """Remember the user chosen in the filter (applied with the form)."""
        self.user_filter = clean_query(value, 12)

    def set_object_filter(self, value: str):
        """Remember the object type chosen in the filter (applied with the form)."""
        self.object_filter = clean_query(value, 40)

    def apply(self, form_data: dict):
        """Filter by user, object type and date range; starts again at page 1."""
        self.user_filter = _field(form_data, "user", 12)
        self.object_filter = _field(form_data, "object")
        self.date_from = _field(form_data, "date_from", 10)
        self.date_to = _field(form_data, "date_to", 10)
        self._fetch(1)

    def clear_filters(self):
        """Show the whole log again."""
        self.user_filter = ""
        self.object_filter = ""
        self.date_from = ""
        self.date_to = ""
        self._fetch(1, with_options=True)
