"""States of the meter-reading pages (SPEC C4): the due list with its entry form, one
product's history with the staff's meter-reset form, one account's volume chart.

Every handler is an endpoint any browser can call with any arguments: it resolves
the signed-in user, then calls ``portal.services.readings``, which decides scope
and rules. The entry form's product is kept server-side (``_entry_id``); the
counters submitted are those of that product only. An implausible reading is
stored only when the user re-enters exactly the values that were warned about:
those values stay server-side in ``_pending`` and ``confirmed=True`` is passed
only when the next submission is identical.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import reflex as rx

from portal import routes
from portal.db import session_scope
from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.services import readings
from portal.services.listing import clean_page
from portal.state.auth import AuthState, page_load
from portal.state.detail import form_field, text
from portal.state.listing import PagedList

READING_DATE = "read_on"
_CHART_DEFAULT = "total"
_FILTERS = ("", *readings.STATUSES)


def _flat(row: dict[str, Any]) -> dict[str, str]:
    return {key: text(value) for key, value in row.items() if not isinstance(value, list | dict)}


def _field(form_data: Any, name: str) -> str:
    value = form_field(form_data, name)
    return value if isinstance(value, str) else ""


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def history_link(product_id: Any) -> Any:
    """Path of a product's reading history."""
    return f"/readings/{product_id}"


def account_volume_link(account_id: Any) -> Any:
    """Path of an account's volume chart."""
    return f"/readings/account/{account_id}"


class ReadingsState(PagedList, AuthState):
    """The products in scope with their reading status, and the entry form of one of them."""

    status_filter: str = ""

    entry_open: bool = False
    entry: dict[str, str] = {}
    entry_counters: list[dict[str, str]] = []
    entry_date: str = ""
    date_error: str = ""
    form_error: str = ""
    needs_confirmation: bool = False
    accepted: bool = False
    accepted_serial: str = ""
    form_key: int = 0

    _entry_id: int = 0
    _entry_codes: list[str] = []
    _pending: dict[str, Any] = {}

    def _close_entry(self) -> None:
        self.entry_open = False
        self.entry = {}
        self.entry_counters = []
        self.entry_date = ""
        self.date_error = ""
        self.form_error = ""
        self.needs_confirmation = False
        self._entry_id = 0
        self._entry_codes = []
        self._pending = {}

    def _forget(self, *, denied: bool) -> None:
        self._close_entry()
        self._clear_page(denied=denied)

    def _list(self, session, actor) -> None:
        result = readings.due_products(
            session=session,
            actor=actor,
            page=self.page_number,
            page_size=25,
            status_filter=self.status_filter or None,
        )
        self._show_rows(
            result,
            [
                {**_flat(row), "history_href": history_link(row["product_id"])}
                for row in result.rows
            ],
        )
        self.denied = False
        self.loaded = True

    def _reload(self) -> None:
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None or not readings.may_submit(actor):
                self._forget(denied=actor is not None)
                return
            self._list(session, actor)

    @page_load
    def load(self):
        """on_load: the first page of products, no form open."""
        self._close_entry()
        self.accepted = False
        self.page_number = 1
        self._reload()

    def set_status_filter(self, value: Any):
        """Show only products of one status ('' for all)."""
        self.status_filter = value if value in _FILTERS else ""
        self.page_number = 1
        self._reload()

    def _go_to(self, page: Any) -> None:
        self.page_number = clean_page(page)
        self._reload()

    def open_entry(self, product_id: Any):
        """Open the entry form of a product in scope (nothing for one outside it)."""
        self.accepted = False
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                self._forget(denied=False)
                return
            try:
                form = readings.reading_form(session=session, actor=actor, product_id=product_id)
            except (NotFound, PermissionDenied):
                self._close_entry()
                return
        self._close_entry()
        self._entry_id = form["product_id"]
        self._entry_codes = [c["code"] for c in form["counters"]]
        self.entry = {
            "product_id": str(form["product_id"]),
            "serial": form["serial"],
            "model": form["model"],
            "auto_capture": "1" if form["auto_capture"] else "",
            "last_read_on": form["last_read_on"],
        }
        self.entry_date = form["today"]
        self.entry_counters = [
            {
                "code": c["code"],
                "label_key": f"product.counter.{c['code']}",
                "digits": str(c["digits"]),
                "last": c["last"],
                "value": "",
                "error": "",
                "warning": "",
            }
            for c in form["counters"]
        ]
        self.entry_open = True
        self.form_key += 1

    def dialog_changed(self, is_open: Any):
        """The entry dialog was dismissed (Escape, outside click, cancel): close the form."""
        if is_open is not True:
            self._close_entry()

    def submit(self, form_data: dict):
        """Check and store the reading of the open form.

        Accepted: stored, the form closes, the list reloads. Rejected: a message
        per counter, nothing stored. Implausible: the warned counters are emptied
        and must be typed again; the same values again confirm the reading.
        """
        self.accepted = False
        if not self._entry_id:
            return
        raw_date = _field(form_data, READING_DATE)
        read_on = _parse_date(raw_date)
        values = {code: _field(form_data, code).strip() for code in self._entry_codes}
        submission = {"product_id": self._entry_id, "read_on": raw_date.strip(), "values": values}
        confirmed = bool(self._pending) and self._pending == submission
        try:
            with session_scope() as session:
                actor = self._actor(session)
                if actor is None:
                    self._forget(denied=False)
                    return
                check = readings.submit_reading(
                    session=session,
                    actor=actor,
                    product_id=self._entry_id,
                    read_on=read_on,
                    values=values,
                    confirmed=confirmed,
                )
        except (NotFound, PermissionDenied):
            self._close_entry()
            self._reload()
            return
        except ValidationFailed as failed:
            self._show_result(raw_date, values, failed.errors, {})
            return
        if check.status == readings.ACCEPTED:
            self.accepted_serial = self.entry.get("serial", "")
            self._close_entry()
            self.accepted = True
            self._reload()
            return
        if check.status == readings.NEEDS_CONFIRMATION:
            self._pending = submission
            self._show_result(raw_date, values, {}, check.warnings)
            return
        self._pending = {}
        self._show_result(raw_date, values, check.errors, check.warnings)

    def _show_result(
        self, raw_date: str, values: dict[str, str], errors: dict, warnings: dict
    ) -> None:
        warned = bool(warnings) and not errors
        self.needs_confirmation = warned
        self.entry_date = raw_date
        self.date_error = self._t(errors[READING_DATE]) if READING_DATE in errors else ""
        others = [k for k in errors if k != READING_DATE and k not in self._entry_codes]
        self.form_error = self._t(errors[others[0]]) if others else ""
        self.entry_counters = [
            {
                **counter,
                # A warned value must be typed again to confirm it.
                "value": ""
                if warned and counter["code"] in warnings
                else values.get(counter["code"], ""),
                "error": self._t(errors[counter["code"]]) if counter["code"] in errors else "",
                "warning": (
                    self._t(warnings[counter["code"]])
                    if warned and counter["code"] in warnings
                    else ""
                ),
            }
            for counter in self.entry_counters
        ]
        self.form_key += 1


class VolumeChart(rx.State, mixin=True):
    """A chart of monthly volume, one counter at a time."""

    counters: list[dict[str, str]] = []
    chart: list[dict[str, Any]] = []
    chart_counter: str = _CHART_DEFAULT

    def _show_chart(self, codes: list[str], chart: list[dict[str, Any]]) -> None:
        """Chart these counters' volume; keep the counter shown when it is still one of them."""
        self.counters = [{"code": c, "label_key": f"product.counter.{c}"} for c in codes]
        self.chart = chart
        if self.chart_counter not in codes:
            self.chart_counter = (
                _CHART_DEFAULT if _CHART_DEFAULT in codes else (codes[0] if codes else "")
            )

    def set_chart_counter(self, code: Any):
        """Show another counter's monthly volume."""
        if isinstance(code, str) and code in {c["code"] for c in self.counters}:
            self.chart_counter = code


class ReadingHistoryState(VolumeChart, AuthState):
    """One product's readings, the monthly-volume chart and, for agents, meter resets."""

    loaded: bool = False
    not_found: bool = False
    product: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    resets: list[dict[str, str]] = []
    can_reset: bool = False
    reset_errors: dict[str, str] = {}
    reset_saved: bool = False
    reset_key: int = 0

    def _path_id(self) -> int | None:
        return routes.id_from_path(self.router.url.path)

    def _clear(self, *, not_found: bool) -> None:
        self.loaded = True
        self.not_found = not_found
        self.product = {}
        self.counters = []
        self.rows = []
        self.chart = []
        self.resets = []
        self.can_reset = False

    def _refresh(self, session, actor) -> bool:
        product_id = self._path_id()
        if actor is None or product_id is None:
            self._clear(not_found=actor is not None)
            return False
        try:
            history = readings.reading_history(session=session, actor=actor, product_id=product_id)
        except (NotFound, PermissionDenied):
            self._clear(not_found=True)
            return False
        self.loaded = True
        self.not_found = False
        self.product = {
            **_flat(history["product"]),
            "account_href": account_volume_link(history["product"]["account_id"]),
            "product_href": routes.product_link(history["product"]["id"]),
        }
        self._show_chart(history["counters"], history["chart"])
        self.rows = [
            {
                "id": str(r["id"]),
                "read_on": r["read_on"],
                "source": r["source"],
                "source_key": r["source_key"],
                "estimated": bool(r["estimated"]),
                "confirmed_implausible": bool(r["confirmed_implausible"]),
                "entered_by": r["entered_by"],
                "values": [str(v) for v in r["values"]],
            }
            for r in history["rows"]
        ]
        self.resets = [
            {**reset, "label_key": f"product.counter.{reset['counter']}"}
            for reset in history["resets"]
        ]
        self.can_reset = bool(history["can_reset"])
        return True

    @page_load
    def load(self):
        """on_load: the product of the path, or the not-found view."""
        self.reset_errors = {}
        self.reset_saved = False
        with session_scope() as session:
            self._refresh(session, self._actor(session))

    def record_reset(self, form_data: dict):
        """Record a meter reset (provider agents only); nothing changes on a refusal."""
        self.reset_saved = False
        counter = _field(form_data, "counter")
        reset_on = _parse_date(_field(form_data, "reset_on"))
        try:
            with session_scope() as session:
                actor = self._actor(session)
                product_id = self._path_id()
                if actor is None or product_id is None:
                    self._clear(not_found=actor is not None)
                    return
                readings.record_meter_reset(
                    session=session,
                    actor=actor,
                    product_id=product_id,
                    counter_code=counter,
                    reset_on=reset_on,
                )
        except ValidationFailed as failed:
            self.reset_errors = {k: self._t(v) for k, v in failed.errors.items()}
            return
        except (NotFound, PermissionDenied):
            self.reset_errors = {}
            with session_scope() as session:
                self._refresh(session, self._actor(session))
            return
        self.reset_errors = {}
        self.reset_saved = True
        self.reset_key += 1
        with session_scope() as session:
            self._refresh(session, self._actor(session))


class AccountVolumeState(VolumeChart, AuthState):
    """Monthly volume of one account's products in scope."""

    loaded: bool = False
    not_found: bool = False
    account: dict[str, str] = {}

    @page_load
    def load(self):
        """on_load: the account of the path, or the not-found view."""
        account_id = routes.id_from_path(self.router.url.path)
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None or account_id is None:
                self._clear(not_found=actor is not None)
                return
            try:
                summary = readings.account_summary(
                    session=session, actor=actor, account_id=account_id
                )
                chart = readings.account_volume(session=session, actor=actor, account_id=account_id)
            except (NotFound, PermissionDenied):
                self._clear(not_found=True)
                return
        self.loaded = True
        self.not_found = False
        self.account = {
            "id": str(summary["id"]),
            "number": summary["number"],
            "name": summary["name"],
        }
        self._show_chart(summary["counters"], chart)

    def _clear(self, *, not_found: bool) -> None:
        self.loaded = True
        self.not_found = not_found
        self.account = {}
        self.counters = []
        self.chart = []
