"""State of the dashboards page (SPEC X3): filters, the five charts and their CSV files.

Every event reloads the actor and hands the filters, plain strings from the
browser, to ``portal.services.dashboards``, which checks the role and keeps
every figure within the actor's scope (a device manager sees their devices).
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from sqlmodel import Session

from portal.db import session_scope
from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.models import Product, User
from portal.services import changes, dashboards, product_search, scope
from portal.services.dashboards import DashboardFilters
from portal.services.listing import clean_query
from portal.state.auth import AuthState, page_load

CHARTS = ("volume", "tickets", "resolve", "sla", "top")
VOLUME_VIEWS = ("fleet", "account")
# How many accounts the "by account" chart shows (the table and the CSV have them all).
ACCOUNT_CHART_LIMIT = 15
ERROR_SERIAL = "dashboards.error.serial"

# Columns of each chart's table and CSV file: (row key, message key of the header).
VOLUME_COLUMNS = (
    ("month", "dashboards.col.month"),
    ("mono", "dashboards.col.mono"),
    ("colour", "dashboards.col.colour"),
    ("total", "dashboards.col.total"),
)
ACCOUNT_VOLUME_COLUMNS = (
    ("month", "dashboards.col.month"),
    ("account_number", "dashboards.col.account_number"),
    ("account_name", "dashboards.col.account_name"),
    ("mono", "dashboards.col.mono"),
    ("colour", "dashboards.col.colour"),
    ("total", "dashboards.col.total"),
)
TICKET_COLUMNS = (
    ("month", "dashboards.col.month"),
    *((t, f"ticket_type.{t}") for t in dashboards.TICKET_TYPES),
    ("total", "dashboards.col.total"),
)
RESOLVE_COLUMNS = (
    ("month", "dashboards.col.month"),
    ("count", "dashboards.col.resolved"),
    ("avg_hours", "dashboards.col.avg_hours"),
    ("median_hours", "dashboards.col.median_hours"),
    ("p90_hours", "dashboards.col.p90_hours"),
)
SLA_COLUMNS = (
    ("month", "dashboards.col.month"),
    ("met", "dashboards.col.met"),
    ("late", "dashboards.col.late"),
    ("open_overdue", "dashboards.col.open_overdue"),
    ("open_in_time", "dashboards.col.open_in_time"),
    ("met_percent", "dashboards.col.met_percent"),
)
TOP_COLUMNS = (
    ("serial", "dashboards.col.serial"),
    ("model", "dashboards.col.model"),
    ("alternative_name", "dashboards.col.alternative_name"),
    ("account_number", "dashboards.col.account_number"),
    ("ticket_count", "dashboards.col.tickets"),
)


def _field(form_data: Any, name: str, limit: int) -> str:
    if not isinstance(form_data, dict):
        return ""
    return clean_query(form_data.get(name, ""), limit)


def _account_totals(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per-account sums of the period for the chart, largest first."""
    totals: dict[Any, dict[str, Any]] = {}
    for row in rows:
        entry = totals.setdefault(
            row["account_id"],
            {"account": row["account_number"], "name": row["account_name"], "mono": 0, "colour": 0},
        )
        entry["mono"] += row["mono"]
        entry["colour"] += row["colour"]
    ordered = sorted(totals.values(), key=lambda e: (-(e["mono"] + e["colour"]), e["account"]))
    return ordered[:ACCOUNT_CHART_LIMIT]


class DashboardsState(AuthState):
    """Dashboards: filters (period, account, group, device) and the figures they select."""

    denied: bool = False
    loaded: bool = False
    from_month: str = ""
    to_month: str = ""
    from_error: str = ""
    to_error: str = ""
    account_filter: str = ""
    group_filter: str = ""
    device_id: str = ""
    device_label: str = ""
    serial_query: str = ""
    serial_error: str = ""
    form_version: int = 0
    account_options: list[dict[str, str]] = []
    group_options: list[dict[str, str]] = []
    volume_view: str = "fleet"
    tables: list[str] = []
    volume: list[dict[str, Any]] = []
    volume_by_account: list[dict[str, Any]] = []
    account_chart: list[dict[str, Any]] = []
    tickets: list[dict[str, Any]] = []
    resolve: list[dict[str, Any]] = []
    sla: list[dict[str, Any]] = []
    top: list[dict[str, Any]] = []

    # --- helpers (server only) ---------------------------------------------------

    def _filters(self) -> DashboardFilters:
        return DashboardFilters(
            from_month=self.from_month,
            to_month=self.to_month,
            account_id=self.account_filter or None,
            group_id=self.group_filter or None,
            product_id=self.device_id or None,
        )

    def _deny(self) -> None:
        self.denied = True
        self.loaded = True
        self.account_options = []
        self.group_options = []
        self.volume = []
        self.volume_by_account = []
        self.account_chart = []
        self.tickets = []
        self.resolve = []
        self.sla = []
        self.top = []

    def _dashboard_actor(self, session: Session) -> User | None:
        """The signed-in user when dashboards are theirs; otherwise None (and the page denied)."""
        actor = self._actor(session)
        if actor is None:
            return None
        try:
            return scope.require_role(actor, *dashboards.DASHBOARD_ROLES)
        except PermissionDenied:
            self._deny()
            return None

    def _set_device(self, product: Product | None) -> None:
        """Narrow the charts to ``product`` (a row loaded through the scope), or widen them."""
        self.device_id = "" if product is None else str(product.id)
        self.device_label = "" if product is None else product.serial
        self.serial_query = self.device_label
        # The form is drawn again with the period in use, so no message of an earlier try stays.
        self.serial_error = ""
        self.from_error = ""
        self.to_error = ""

    def _compute(self, session: Session, actor: User) -> None:
        """Every chart for the current filters (raises PermissionDenied)."""
        filters = self._filters()
        self.from_month = filters.from_month
        self.to_month = filters.to_month
        common = {"session": session, "actor": actor, "filters": filters}
        self.volume = dashboards.print_volume(**common)
        self.volume_by_account = dashboards.print_volume(**common, by="account")
        self.account_chart = _account_totals(self.volume_by_account)
        self.tickets = dashboards.tickets_per_month(**common)
        self.resolve = dashboards.time_to_resolve(**common)
        self.sla = dashboards.sla_compliance(**common)
        self.top = dashboards.top_devices(**common)

    def _refresh(self, *, with_options: bool = False) -> None:
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                return
            try:
                # The charts check the role first: only then are the options listed.
                self._compute(session, actor)
                if with_options:
                    options = product_search.filter_options(session=session, actor=actor)
                    self.account_options = options["accounts"]
                    self.group_options = options["groups"]
            except PermissionDenied:
                self._deny()
                return
        self.denied = False
        self.loaded = True

    def _rows_for(self, session: Session, actor: User, chart: str) -> tuple[list, tuple]:
        common = {"session": session, "actor": actor, "filters": self._filters()}
        if chart == "volume" and self.volume_view == "account":
            return dashboards.print_volume(**common, by="account"), ACCOUNT_VOLUME_COLUMNS
        if chart == "volume":
            return dashboards.print_volume(**common), VOLUME_COLUMNS
        if chart == "tickets":
            return dashboards.tickets_per_month(**common), TICKET_COLUMNS
        if chart == "resolve":
            return dashboards.time_to_resolve(**common), RESOLVE_COLUMNS
        if chart == "sla":
            return dashboards.sla_compliance(**common), SLA_COLUMNS
        return dashboards.top_devices(**common), TOP_COLUMNS

    # --- events ----------------------------------------------------------------------

    @page_load
    def load(self):
        """on_load: the last 12 months of everything in the user's scope, and the filter choices."""
        self.from_error = ""
        self.to_error = ""
        self.serial_error = ""
        self._refresh(with_options=True)

    def apply(self, form_data: dict):
        """Apply the filter form (period, account, group, serial number of one device).

        A month that is not one, a reversed or too long period, or a serial number
        of no visible device leaves everything as it was, with a message by the field.
        """
        from_month = _field(form_data, "from", 10)
        to_month = _field(form_data, "to", 10)
        serial = _field(form_data, "serial", 60)
        with session_scope() as session:
            actor = self._dashboard_actor(session)
            if actor is None:
                return
            self.from_error = ""
            self.to_error = ""
            self.serial_error = ""
            try:
                filters = dashboards.check_period(from_month, to_month)
            except ValidationFailed as failed:
                self.from_error = failed.errors.get("from_month", "")
                self.to_error = failed.errors.get("to_month", "")
                return
            product = None
            if serial:
                try:
                    found = changes.product_id_by_serial(
                        session=session, actor=actor, serial=serial
                    )
                except NotFound:
                    self.serial_error = ERROR_SERIAL
                    return
                product = scope.get_visible_product(session=session, actor=actor, product_id=found)
            self.from_month = filters.from_month
            self.to_month = filters.to_month
            self.account_filter = _field(form_data, "account", 12)
            self.group_filter = _field(form_data, "group", 12)
            self._set_device(product)
            try:
                self._compute(session, actor)
            except PermissionDenied:
                self._deny()

    def clear_filters(self):
        """Back to the last 12 months of the whole scope."""
        self.from_month = ""
        self.to_month = ""
        self.account_filter = ""
        self.group_filter = ""
        self._set_device(None)
        self.form_version += 1
        self._refresh()

    def show_device(self, product_id: str):
        """Narrow every chart to one device (from the top devices), if the user may see it."""
        with session_scope() as session:
            actor = self._dashboard_actor(session)
            if actor is None:
                return
            try:
                product = scope.get_visible_product(
                    session=session, actor=actor, product_id=product_id
                )
            except NotFound:
                return
            self._set_device(product)
            self.form_version += 1
            try:
                self._compute(session, actor)
            except PermissionDenied:
                self._deny()

    def clear_device(self):
        """Show the whole fleet of the filters again."""
        self._set_device(None)
        self.form_version += 1
        self._refresh()

    def set_volume_view(self, view: str):
        """Print volume of the fleet (one series per month) or per account."""
        self.volume_view = view if view in VOLUME_VIEWS else "fleet"

    def toggle_table(self, chart: str):
        """Show one chart as a table, or back as a chart."""
        if chart not in CHARTS:
            return
        if chart in self.tables:
            self.tables = [c for c in self.tables if c != chart]
        else:
            self.tables = [*self.tables, chart]

    def export_csv(self, chart: str):
        """Download one chart's figures for the current filters as CSV."""
        if chart not in CHARTS:
            return None
        with session_scope() as session:
            actor = self._actor(session)
            if actor is None:
                return None
            try:
                rows, columns = self._rows_for(session, actor, chart)
            except PermissionDenied:
                self._deny()
                return None
        filters = self._filters()
        headers = [(key, self._t(label)) for key, label in columns]
        data = dashboards.csv_export(rows, headers)
        name = f"{chart}-{filters.from_month}-{filters.to_month}.csv"
        return rx.download(data=data, filename=name, mime_type="text/csv;charset=utf-8")
