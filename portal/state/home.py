"""State of the home page."""

from __future__ import annotations

from portal.db import session_scope
from portal.services import scope
from portal.state.auth import AuthState


class HomeState(AuthState):
    """The user's product count and open tickets."""

    product_count: int = 0
    open_ticket_count: int = 0
    account_count: int = 0

    def load(self):
        """Load the summary of what this user may see."""
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                return
            summary = scope.home_summary(session=session, actor=actor)
        self.product_count = summary["product_count"]
        self.open_ticket_count = summary["open_ticket_count"]
        self.account_count = summary["account_count"]
