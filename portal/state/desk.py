"""States of the provider agents' desk (SPEC F3): the queue and one ticket.

Every handler is an endpoint any browser may call with any arguments: it
resolves the signed-in user, then calls ``portal.services.desk``, which checks
the role (agents act; provider admins only read), loads the ticket through the
scope rules and validates every value. The ticket is always the one in the
page's path. The vars hold plain strings, lists and dicts only.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from sqlmodel import Session

from portal import routes
from portal.db import session_scope
from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.models import User
from portal.services import desk
from portal.services.listing import Page
from portal.state.auth import AuthState, page_load
from portal.state.detail import flat
from portal.state.listing import PagedList

ACTIVITY_TYPES = desk.ACTIVITY_TYPES
RESOLUTION_TYPES = tuple(sorted(desk.RESOLUTION_TYPES))


def _field(form_data: Any, name: str, limit: int = desk.MAX_TEXT + 1) -> str:
    """One field of a submitted form as a bounded string (anything else is empty)."""
    if not isinstance(form_data, dict):
        return ""
    value = form_data.get(name, "")
    return value[:limit] if isinstance(value, str) else ""


class DeskState(PagedList, AuthState):
    """The queue: tickets across customers with filters and paging."""

    status: str = "open"
    risk: str = ""
    customer: str = ""
    ticket_type: str = ""
    mine: str = ""
    customers: list[dict[str, str]] = []

    def _clear(self, *, denied: bool = False) -> None:
        self._clear_page(denied=denied)
        self.customers = []

    def _filters(self) -> desk.QueueFilters:
        return desk.QueueFilters(
            status=self.status,
            risk=self.risk,
            customer=self.customer,
            ticket_type=self.ticket_type,
            mine=self.mine,
        )

    def _search(self, session: Session, actor: User, page: Any, *, with_options: bool) -> Page:
        # The queue reads its customer options with every page, not only on load.
        result = desk.queue(session=session, actor=actor, filters=self._filters(), page=page)
        self.customers = desk.customer_options(session=session, actor=actor)
        return result

    @page_load
    def load(self):
        """on_load: the current page of the queue with the chosen filters."""
        self._fetch(self.page_number)

    def apply_filters(self, form_data: dict):
        """Filter the queue (values are whitelisted by the service); back to page 1."""
        cleaned = desk.clean_filters(
            desk.QueueFilters(
                status=_field(form_data, "status", 20),
                risk=_field(form_data, "risk", 20),
                customer=_field(form_data, "customer", 12),
                ticket_type=_field(form_data, "ticket_type", 30),
                mine=_field(form_data, "mine", 20),
            )
        )
        self.status = cleaned.status
        self.risk = cleaned.risk
        self.customer = str(cleaned.customer)
        self.ticket_type = cleaned.ticket_type
        self.mine = cleaned.mine
        self._fetch(1)

    def reset_filters(self):
        """Back to every open ticket."""
        self.status = "open"
        self.risk = ""
        self.customer = ""
        self.ticket_type = ""
        self.mine = ""
        self._fetch(1)


class DeskTicketState(AuthState):
    """One ticket on the desk: summary, SLA, timeline and the agent's actions."""

    loaded: bool = False
    not_found: bool = False
    denied: bool = False
    ticket_id: int = 0
    ticket: dict[str, str] = {}
    customer: dict[str, str] = {}
    product: dict[str, str] = {}
    contract: dict[str, str] = {}
    sla: dict[str, str] = {}
    activities: list[dict[str, str]] = []
    status_options: list[dict[str, str]] = []
    counters: list[dict[str, str]] = []
    can_act: bool = False
    can_close: bool = False
    can_reopen: bool = False
    is_agent_view: bool = False
    assigned_to_me: bool = False
    now_local: str = ""
    activity_type: str = desk.CALL_UPDATE
    errors: dict[str, str] = {}
    message: str = ""
    form_version: int = 0

    @rx.var
    def is_resolution(self) -> bool:
        """Whether the chosen activity type is a resolution (the report fields show)."""
        return self.activity_type in RESOLUTION_TYPES

    @rx.var
    def is_onsite(self) -> bool:
        """Whether the chosen activity type is an onsite resolution (visit times required)."""
        return self.activity_type == desk.RESOLUTION_ONSITE

    def _clear(self, *, not_found: bool = False, denied: bool = False) -> None:
        self.loaded = True
        self.not_found = not_found
        self.denied = denied
        self.ticket_id = 0
        self.ticket = {}
        self.customer = {}
        self.product = {}
        self.contract = {}
        self.sla = {}
        self.activities = []
        self.status_options = []
        self.counters = []
        self.can_act = False
        self.can_close = False
        self.can_reopen = False
        self.is_agent_view = False
        self.assigned_to_me = False
        self.now_local = ""

    def _counter_label(self, code: str) -> str:
        key = f"product.counter.{code}"
        label = self._t(key)
        return code if label == key else label

    def _apply(self, detail: dict[str, Any]) -> None:
        self.loaded = True
        self.not_found = False
        self.denied = False
        self.ticket_id = int(detail["ticket"]["id"])
        self.ticket = flat(detail["ticket"])
        self.customer = flat(detail["customer"])
        self.product = flat(detail["product"])
        self.contract = flat(detail["contract"])
        self.sla = flat(detail["sla"])
        self.activities = [flat(row) for row in detail["activities"]]
        self.status_options = [
            {"value": s, "key": f"ticket_status.{s}"} for s in detail["allowed_statuses"]
        ]
        self.counters = [
            {
                "code": c["code"],
                "label": self._counter_label(c["code"]),
                "digits": str(c["digits"]),
                "error": self.errors.get(f"counter_{c['code']}", ""),
            }
            for c in detail["counters"]
        ]
        self.can_act = bool(detail["can_act"])
        self.can_close = bool(detail["can_close"])
        self.can_reopen = bool(detail["can_reopen"])
        self.is_agent_view = bool(detail["can_act"] or detail["can_reopen"])
        self.assigned_to_me = bool(detail["assigned_to_me"])
        self.now_local = detail["now_local"]

    def _path_id(self) -> int | None:
        return routes.id_from_path(self.router.url.path)

    def _refresh(self, session, actor) -> bool:
        """Load the ticket of the path for ``actor``; False (and cleared) when it can't."""
        ticket_id = self._path_id()
        if actor is None:
            self._clear()
            return False
        if ticket_id is None:
            self._clear(not_found=True)
            return False
        try:
            detail = desk.desk_ticket(session=session, actor=actor, ticket_id=ticket_id)
        except PermissionDenied:
            self._clear(denied=True)
            return False
        except NotFound:
            self._clear(not_found=True)
            return False
        self._apply(detail)
        return True

    def _set_errors(self, errors: dict[str, str]) -> None:
        """Translated messages per field (the status/general message included)."""
        self.errors = {field: self._t(key) for field, key in errors.items()}
        self.message = ""

    @page_load
    def load(self):
        """on_load: the ticket of the path, or the not-found / no-permission view."""
        self.errors = {}
        self.message = ""
        self.activity_type = desk.CALL_UPDATE
        with session_scope() as session:
            self._refresh(session, self._actor(session))

    def _run(self, action, done_key: str, *, reset_form: bool = False) -> None:
        """Call ``action(session, actor, ticket_id)`` for the ticket of the path, then reload.

        ``PermissionDenied`` shows the no-permission view; ``ValidationFailed``
        keeps the page and shows the messages next to the fields.
        """
        ticket_id = self._path_id()
        errors: dict[str, str] | None = None
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                self._clear()
                return
            if ticket_id is None:
                self._clear(not_found=True)
                return
            try:
                action(session, actor, ticket_id)
            except PermissionDenied:
                self._clear(denied=True)
                return
            except NotFound:
                self._clear(not_found=True)
                return
            except ValidationFailed as failed:
                errors = failed.errors
        if errors is not None:
            # The failed action rolled back; read the ticket again in a fresh transaction.
            self._set_errors(errors)
            with session_scope() as session:
                self._refresh(session, self._actor(session))
            return
        self.errors = {}
        self.message = self._t(done_key)
        if reset_form:
            self.activity_type = desk.CALL_UPDATE
            self.form_version += 1
        with session_scope() as session:
            self._refresh(session, self._actor(session))

    def assign_to_me(self):
        """Assign the ticket to the signed-in agent."""

        def action(session, actor, ticket_id):
            desk.assign(session=session, actor=actor, ticket_id=ticket_id)

        self._run(action, "desk.done.assigned")

    def change_status(self, form_data: dict):
        """Move the ticket to the chosen status (the service checks the transition)."""
        status = _field(form_data, "status", 20)
        text = _field(form_data, "status_text")

        def action(session, actor, ticket_id):
            desk.change_status(
                session=session, actor=actor, ticket_id=ticket_id, status=status, text=text
            )

        self._run(action, "desk.done.status")

    def set_priority(self, priority: str):
        """Change the priority; the deadlines are recomputed."""
        value = priority if isinstance(priority, str) else ""

        def action(session, actor, ticket_id):
            desk.set_priority(session=session, actor=actor, ticket_id=ticket_id, priority=value)

        self._run(action, "desk.done.priority")

    def set_activity_type(self, value: str):
        """Choose the activity type (resolutions show the report fields)."""
        if isinstance(value, str) and value in ACTIVITY_TYPES:
            self.activity_type = value
        errors = dict(self.errors)
        errors.pop("activity_type", None)
        self.errors = errors

    def add_activity(self, form_data: dict):
        """Add the activity of the form (resolution report included)."""
        counters = {}
        if isinstance(form_data, dict):
            for name, value in form_data.items():
                if isinstance(name, str) and name.startswith("counter-"):
                    counters[name.removeprefix("counter-")[:40]] = (
                        value[:20] if isinstance(value, str) else ""
                    )
        data = desk.ActivityCreate(
            activity_type=_field(form_data, "activity_type", 60),
            subtype=_field(form_data, "subtype", desk.MAX_SUBTYPE + 1),
            text=_field(form_data, "text"),
            diagnosis=_field(form_data, "diagnosis", desk.MAX_REPORT + 1),
            action=_field(form_data, "action", desk.MAX_REPORT + 1),
            parts=_field(form_data, "parts", 3000),
            visit_start=_field(form_data, "visit_start", 40),
            visit_end=_field(form_data, "visit_end", 40),
            counters=counters,
        )

        def action(session, actor, ticket_id):
            desk.add_activity(session=session, actor=actor, ticket_id=ticket_id, data=data)

        self._run(action, "desk.done.activity", reset_form=True)

    def close(self):
        """Close the solved ticket."""

        def action(session, actor, ticket_id):
            desk.close(session=session, actor=actor, ticket_id=ticket_id)

        self._run(action, "desk.done.closed")

    def reopen(self):
        """Reopen the solved or closed ticket."""

        def action(session, actor, ticket_id):
            desk.reopen(session=session, actor=actor, ticket_id=ticket_id)

        self._run(action, "desk.done.reopened")
