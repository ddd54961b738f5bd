"""State of the home page: the user's hub (SPEC B2 start page, X3)."""

from __future__ import annotations

from typing import Any

from portal.db import session_scope
from portal.errors import PermissionDenied
from portal.services import home
from portal.state.auth import AuthState, page_load


class HomeState(AuthState):
    """Counts, quick actions and the short lists of what needs doing now."""

    product_count: int = 0
    open_ticket_count: int = 0
    account_count: int = 0
    actions: list[str] = []
    readings_due: list[dict[str, Any]] = []
    readings_due_count: int = 0
    near_deadline: list[dict[str, Any]] = []
    near_deadline_count: int = 0
    not_reporting: list[dict[str, Any]] = []
    not_reporting_count: int = 0
    low_toner: list[dict[str, Any]] = []
    low_toner_count: int = 0
    recent: list[dict[str, Any]] = []
    hub_loaded: bool = False

    @page_load
    def load(self):
        """Load the hub of what this user may see."""
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                return
            try:
                hub = home.home_hub(session=session, actor=actor)
            except PermissionDenied:
                return
        summary = hub["summary"]
        self.product_count = summary["product_count"]
        self.open_ticket_count = summary["open_ticket_count"]
        self.account_count = summary["account_count"]
        self.actions = hub["actions"]
        self.readings_due = hub["readings_due"]["rows"]
        self.readings_due_count = hub["readings_due"]["count"]
        self.near_deadline = hub["near_deadline"]["rows"]
        self.near_deadline_count = hub["near_deadline"]["count"]
        self.not_reporting = hub["not_reporting"]["rows"]
        self.not_reporting_count = hub["not_reporting"]["count"]
        self.low_toner = hub["low_toner"]["rows"]
        self.low_toner_count = hub["low_toner"]["count"]
        self.recent = hub["recent"]
        self.hub_loaded = True
