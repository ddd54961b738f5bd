"""State of a product's page: detail (SPEC B3), "change product" picker and the edit of
its alternative name and location (SPEC B4).

The product is always the one in the page's path, read again on every event and
loaded through the scope rules by ``portal.services.products``; nothing the
browser sends is trusted as an id except through those rules. The vars hold
plain dicts and lists of primitives only.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from portal import routes
from portal.db import session_scope
from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.services import products
from portal.services.listing import clean_query
from portal.state.auth import AuthState, page_load

EDITABLE_FIELDS = products.EDITABLE_FIELDS
_CHART_DEFAULT = "total"


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _flat(values: dict[str, Any]) -> dict[str, str]:
    return {key: _text(value) for key, value in values.items()}


class ProductState(AuthState):
    """One product: what the page shows and the location edit."""

    loaded: bool = False
    not_found: bool = False
    product_id: int = 0
    general: dict[str, str] = {}
    technical: dict[str, str] = {}
    managers: list[dict[str, str]] = []
    coverage: dict[str, str] = {}
    covered: bool = False
    has_contract_line: bool = False
    options: list[str] = []
    auto_capture: bool = False
    auto_replenish: bool = False
    toners: list[dict[str, Any]] = []
    last_contact: str = ""
    not_reporting: bool = False
    device_status: str = ""
    device_status_key: str = ""
    device_alerts: list[dict[str, str]] = []
    open_tickets: list[dict[str, str]] = []
    closed_tickets: list[dict[str, str]] = []
    open_ticket_count: int = 0
    closed_ticket_count: int = 0
    counters: list[dict[str, str]] = []
    readings: list[dict[str, Any]] = []
    monthly_volume: list[dict[str, Any]] = []
    chart_counter: str = _CHART_DEFAULT
    download_url: str = ""
    can_edit: bool = False
    can_create_ticket: bool = False
    can_submit_reading: bool = False
    can_request_move: bool = False

    picker_query: str = ""
    picker_results: list[dict[str, str]] = []
    picker_searched: bool = False
    _picker_ids: list[int] = []

    editing: bool = False
    form: dict[str, str] = {}
    errors: dict[str, str] = {}
    saved: bool = False

    def _path_id(self) -> int | None:
        return routes.id_from_path(self.router.url.path)

    def _clear(self, *, not_found: bool) -> None:
        self.loaded = True
        self.not_found = not_found
        self.product_id = 0
        self.general = {}
        self.technical = {}
        self.managers = []
        self.coverage = {}
        self.covered = False
        self.has_contract_line = False
        self.options = []
        self.auto_capture = False
        self.auto_replenish = False
        self.toners = []
        self.last_contact = ""
        self.not_reporting = False
        self.device_status = ""
        self.device_status_key = ""
        self.device_alerts = []
        self.open_tickets = []
        self.closed_tickets = []
        self.open_ticket_count = 0
        self.closed_ticket_count = 0
        self.counters = []
        self.readings = []
        self.monthly_volume = []
        self.download_url = ""
        self.can_edit = False
        self.can_create_ticket = False
        self.can_submit_reading = False
        self.can_request_move = False
        self.editing = False
        self.form = {}
        self.errors = {}

    def _apply(self, detail: dict[str, Any]) -> None:
        self.loaded = True
        self.not_found = False
        self.product_id = detail["id"]
        self.general = _flat(detail["general"])
        self.technical = _flat(detail["technical"])
        self.managers = [
            {
                "name": m["name"],
                "email": m["email"],
                "direct": "1" if m["direct"] else "",
                "groups": m["groups"],
            }
            for m in detail["managers"]
        ]
        coverage = detail["coverage"]
        self.coverage = _flat(coverage)
        self.covered = bool(coverage["covered"])
        self.has_contract_line = bool(coverage["has_line"])
        self.options = [str(o) for o in detail["options"]]
        self.auto_capture = bool(detail["auto_capture"])
        self.auto_replenish = bool(detail["auto_replenish"])
        self.toners = [
            {
                "colour": t["colour"],
                "colour_key": t["colour_key"],
                "level": int(t["level"]),
                "low": bool(t["low"]),
            }
            for t in detail["toners"]
        ]
        captured = detail["capture"]
        self.last_contact = captured["last_contact"]
        self.not_reporting = bool(captured["not_reporting"])
        self.device_status = captured["device_status"]
        self.device_status_key = captured["device_status_key"]
        self.device_alerts = captured["alerts"]
        tickets = detail["tickets"]
        self.open_tickets = [_flat(row) for row in tickets["open"]]
        self.closed_tickets = [_flat(row) for row in tickets["closed"]]
        self.open_ticket_count = tickets["open_count"]
        self.closed_ticket_count = tickets["closed_count"]
        self.counters = [_flat(c) for c in detail["counters"]]
        self.readings = detail["readings"]
        self.monthly_volume = detail["monthly_volume"]
        codes = [c["code"] for c in self.counters]
        if self.chart_counter not in codes:
            self.chart_counter = (
                _CHART_DEFAULT if _CHART_DEFAULT in codes else (codes[0] if codes else "")
            )
        self.download_url = detail["links"]["download"]
        permissions = detail["permissions"]
        self.can_edit = bool(permissions["can_edit"])
        self.can_create_ticket = bool(permissions["can_create_ticket"])
        self.can_submit_reading = bool(permissions["can_submit_reading"])
        self.can_request_move = bool(permissions["can_request_move"])
        if not self.can_edit:
            self.editing = False

    def _refresh(self, session) -> bool:
        """Load the product of the page's path for the current actor; False when none."""
        actor = self._actor(session)
        product_id = self._path_id()
        if actor is None or product_id is None:
            self._clear(not_found=actor is not None)
            return False
        try:
            detail = products.product_detail(session=session, actor=actor, product_id=product_id)
        except (NotFound, PermissionDenied):
            self._clear(not_found=True)
            return False
        self._apply(detail)
        return True

    @page_load
    def load(self):
        """on_load: the product of the path, or the not-found view."""
        self.editing = False
        self.saved = False
        self.errors = {}
        self.form = {}
        self.picker_query = ""
        self.picker_results = []
        self.picker_searched = False
        self._picker_ids = []
        with session_scope() as session:
            self._refresh(session)

    def search_picker(self, form_data: dict):
        """The "change product" picker: visible products matching a serial or name."""
        query = clean_query(form_data.get("query", "") if isinstance(form_data, dict) else "")
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                self.picker_results = []
                self._picker_ids = []
                return
            rows = products.product_picker(session=session, actor=actor, query=query)
        self.picker_query = query
        self.picker_searched = True
        self._picker_ids = [row["id"] for row in rows]
        self.picker_results = [
            {
                "id": str(row["id"]),
                "serial": row["serial"],
                "model": row["model"],
                "alternative_name": row["alternative_name"],
            }
            for row in rows
        ]

    def choose(self, product_id: Any):
        """Open another product's page; only ids the picker has just offered are accepted."""
        try:
            chosen = int(product_id)
        except (TypeError, ValueError, OverflowError):
            return None
        if chosen not in self._picker_ids:
            return None
        return rx.redirect(routes.product_link(chosen))

    def set_chart_counter(self, code: Any):
        """Show another counter's monthly volume in the chart."""
        if isinstance(code, str) and code in {c["code"] for c in self.counters}:
            self.chart_counter = code

    def start_edit(self):
        """Open the location form with the current values (only for those who may edit)."""
        self.saved = False
        self.errors = {}
        with session_scope() as session:
            if not self._refresh(session):
                return
        if not self.can_edit:
            return
        self.form = {name: self.general.get(name, "") for name in EDITABLE_FIELDS}
        self.editing = True

    def cancel_edit(self):
        """Close the form without saving."""
        self.editing = False
        self.errors = {}
        self.form = {}

    def save_location(self, form_data: dict):
        """Save the alternative name and location; per-field messages, nothing stored on error."""
        self.saved = False
        data = products.ProductLocationUpdate.from_form(form_data)
        try:
            with session_scope() as session:
                actor = self._actor(session)
                product_id = self._path_id()
                if actor is None or product_id is None:
                    self._clear(not_found=actor is not None)
                    return
                products.update_product_location(
                    session=session, actor=actor, product_id=product_id, data=data
                )
        except ValidationFailed as exc:
            self.form = {name: getattr(data, name) for name in EDITABLE_FIELDS}
            self.errors = {field: self._t(key) for field, key in exc.errors.items()}
            return
        except NotFound:
            self._clear(not_found=True)
            return
        except PermissionDenied:
            # Sees the product but may not change it (any more): show it read-only.
            with session_scope() as session:
                self._refresh(session)
            self.editing = False
            self.errors = {}
            return
        with session_scope() as session:
            if not self._refresh(session):
                return
        self.editing = False
        self.errors = {}
        self.form = {}
        self.saved = True
