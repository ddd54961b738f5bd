"""States of the Stock management tab: stock locations with their stock on hand, low toner.

Every handler is an endpoint any browser can call with any arguments: it
resolves the signed-in user first, then calls ``portal.services.stock`` or
``portal.services.toner_alerts``, which decide whether this user may do it and
whether the ids are in their scope. A refusal changes nothing and leaves a
message key. Vars hold plain strings only.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session

from portal.db import session_scope
from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.models import User
from portal.services import scope, stock, toner_alerts
from portal.state.auth import AuthState, page_load
from portal.state.detail import ScopedPage, blank, flat, form_field, text

LOCATION_FIELDS = ("name", "address", "shipping_instructions")
QTY_PREFIX = "qty_"


class StockState(ScopedPage, AuthState):
    """Stock locations in scope, one of them selected with its stock on hand (SPEC C7)."""

    locations: list[dict[str, str]] = []
    selected_id: str = ""
    selected: dict[str, str] = {}
    lines: list[dict[str, str]] = []
    editing: bool = False
    editing_id: str = ""
    form: dict[str, str] = blank(LOCATION_FIELDS)
    errors: dict[str, str] = blank(LOCATION_FIELDS)
    notice: str = ""
    error: str = ""
    form_key: int = 0
    stock_key: int = 0

    def _forget(self, *, denied: bool) -> None:
        self.locations = []
        self.selected_id = ""
        self.selected = {}
        self.lines = []
        self.editing = False
        self.editing_id = ""
        self.denied = denied
        self.loaded = True

    def _show(self, session: Session, actor: User, wanted: str = "") -> None:
        self.locations = [flat(row) for row in stock.list_locations(session=session, actor=actor)]
        ids = [row["id"] for row in self.locations]
        chosen = wanted if wanted in ids else (self.selected_id if self.selected_id in ids else "")
        if not chosen and ids:
            chosen = ids[0]
        self.selected_id = chosen
        self.selected = next((row for row in self.locations if row["id"] == chosen), {})
        self.lines = (
            [
                {**flat(line), "error": ""}
                for line in stock.stock_lines(session=session, actor=actor, location_id=chosen)
            ]
            if chosen
            else []
        )
        self.stock_key += 1
        self.denied = False
        self.loaded = True

    def _run(self, change: Callable[[Session, User], None]) -> bool:
        """Like ``ScopedPage._run``; a location not found shows the list again with a message."""
        try:
            return super()._run(change)
        except NotFound:
            self.error = scope.NOT_FOUND
            self._run(self._show)
            return False

    @page_load
    def load(self):
        """on_load: the locations in scope, the first (or still selected) one opened."""
        self.notice = ""
        self.error = ""
        self.editing = False
        self.errors = blank(LOCATION_FIELDS)
        self._run(self._show)

    def select_location(self, location_id: str):
        """Open one location's stock on hand."""
        self.notice = ""
        self.error = ""
        wanted = text(location_id)

        def show(session: Session, actor: User) -> None:
            stock.get_visible_location(session=session, actor=actor, location_id=wanted)
            self._show(session, actor, wanted)

        self._run(show)

    def new_location(self):
        """Open the empty form for a new stock location."""
        self.editing = True
        self.editing_id = ""
        self.form = blank(LOCATION_FIELDS)
        self.errors = blank(LOCATION_FIELDS)
        self.notice = ""
        self.form_key += 1

    def edit_location(self):
        """Open the form with the selected location's values."""
        if not self.selected_id:
            return
        self.editing = True
        self.editing_id = self.selected_id
        self.form = {name: self.selected.get(name, "") for name in LOCATION_FIELDS}
        self.errors = blank(LOCATION_FIELDS)
        self.notice = ""
        self.form_key += 1

    def cancel_edit(self):
        """Close the form without saving."""
        self.editing = False
        self.errors = blank(LOCATION_FIELDS)

    def save_location(self, form_data: dict):
        """Create the location or save the edited one (checked against the scope again)."""
        self.notice = ""
        self.error = ""
        data = stock.StockLocationData(
            **{name: form_field(form_data, name) or "" for name in LOCATION_FIELDS}
        )
        editing_id = self.editing_id
        saved: list[str] = []

        def save(session: Session, actor: User) -> None:
            location = stock.save_location(
                session=session, actor=actor, data=data, location_id=editing_id or None
            )
            session.flush()
            saved.append(str(location.id))

        try:
            done = self._run(save)
        except ValidationFailed as exc:
            self.errors = {**blank(LOCATION_FIELDS), **exc.errors}
            self.form = {name: text(form_field(form_data, name)) for name in LOCATION_FIELDS}
            return
        if not done:
            return
        self.editing = False
        self.errors = blank(LOCATION_FIELDS)
        self.notice = "stock.location_saved"
        self._run(lambda session, actor: self._show(session, actor, saved[0]))

    def save_stock(self, form_data: dict):
        """Save the stock on hand typed for the selected location."""
        self.notice = ""
        self.error = ""
        if not isinstance(form_data, dict) or not self.selected_id:
            return
        quantities = {
            key[len(QTY_PREFIX) :]: value
            for key, value in form_data.items()
            if isinstance(key, str) and key.startswith(QTY_PREFIX)
        }
        location_id = self.selected_id
        try:
            done = self._run(
                lambda session, actor: stock.set_stock(
                    session=session, actor=actor, location_id=location_id, quantities=quantities
                )
            )
        except ValidationFailed as exc:
            self.lines = [
                {
                    **line,
                    "quantity": text(quantities.get(line["consumable_id"], line["quantity"])),
                    "error": exc.errors.get(line["consumable_id"], ""),
                }
                for line in self.lines
            ]
            self.error = "stock.quantities_invalid"
            return
        if not done:
            return
        self.notice = "stock.stock_saved"
        self._run(lambda session, actor: self._show(session, actor, location_id))


class LowTonerState(AuthState):
    """Products in scope whose toner is below the threshold (SPEC C7)."""

    loaded: bool = False
    denied: bool = False
    rows: list[dict[str, str]] = []

    @page_load
    def load(self):
        """on_load: one row per product and low colour."""
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                self.rows = []
                self.loaded = True
                return
            try:
                products = toner_alerts.low_toner_products(session=session, actor=actor)
            except PermissionDenied:
                self.rows = []
                self.denied = True
                self.loaded = True
                return
        rows = []
        for product in products:
            for toner in product["toners"]:
                rows.append(
                    flat(
                        {
                            "product_id": product["product_id"],
                            "serial": product["serial"],
                            "model": product["model"],
                            "city": product["city"],
                            "address": product["address"],
                            "threshold": product["threshold"],
                            "auto_replenish": product["auto_replenish"],
                            "colour": toner["colour"],
                            "colour_key": toner["colour_key"],
                            "level": toner["level"],
                        }
                    )
                )
        self.rows = rows
        self.denied = False
        self.loaded = True
