"""Page: dashboards (SPEC X3) for administrators, device managers and provider staff.

Five charts over the filters (period, account, group, one device): monthly print
volume (fleet or per account), tickets per month by type, time to resolve, SLA
compliance per month and the devices with most tickets. Each chart turns into a
table and downloads as CSV.
"""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.common import (
    CONTROL_STYLE,
    MUTED,
    SELECT_STYLE,
    add_pages,
    denied_notice,
    labelled,
    loading,
    page_title,
    scroll_table,
)
from portal.components.i18n import t
from portal.components.layout import BRAND_BLUE, field_error, shell
from portal.services.dashboards import TICKET_TYPES
from portal.state.dashboards import (
    ACCOUNT_VOLUME_COLUMNS,
    RESOLVE_COLUMNS,
    SLA_COLUMNS,
    TICKET_COLUMNS,
    VOLUME_COLUMNS,
    DashboardsState,
)

State = DashboardsState
MONO = "#475569"
COLOUR = "#0e7490"
TYPE_COLOURS = (
    "#1e5aa8",
    "#0e7490",
    "#b45309",
    "#7c3aed",
    "#15803d",
    "#be123c",
    "#a16207",
    "#64748b",
)
CHART_HEIGHT = 260
AXIS_TICK = {"fontSize": 11}
# Read by screen readers, not shown.
HIDDEN = {
    "position": "absolute",
    "width": "1px",
    "height": "1px",
    "overflow": "hidden",
    "clip": "rect(0 0 0 0)",
    "white_space": "nowrap",
}


# --- Filters -----------------------------------------------------------------------


def _month_field(label_key: str, id_: str, name: str, value: rx.Var, error: rx.Var):
    return labelled(
        label_key,
        id_,
        rx.el.input(
            id=id_,
            name=name,
            type="month",
            placeholder="YYYY-MM",
            default_value=value,
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby=f"{id_}-error",
            style={
                **CONTROL_STYLE,
                "border": rx.cond(error != "", "1px solid #b91c1c", "1px solid #cbd5e1"),
            },
        ),
        rx.cond(error != "", rx.box(field_error(t(error.to(str))), id=f"{id_}-error")),
        style={"min_width": "0"},
    )


def _option(option: rx.Var) -> rx.Component:
    return rx.el.option(option["label"], value=option["value"])


def _select(label_key: str, id_: str, name: str, all_key: str, options: rx.Var, value: rx.Var):
    return labelled(
        label_key,
        id_,
        rx.el.select(
            rx.el.option(t(all_key), value=""),
            rx.foreach(options, _option),
            id=id_,
            name=name,
            default_value=value,
            style=CONTROL_STYLE,
        ),
        style={"min_width": "0"},
    )


def _serial_field() -> rx.Component:
    error = State.serial_error
    return labelled(
        "dashboards.filter.serial",
        "dashboards-serial",
        rx.el.input(
            id="dashboards-serial",
            name="serial",
            default_value=State.serial_query,
            placeholder=t("dashboards.filter.serial_hint"),
            max_length=60,
            aria_invalid=rx.cond(error != "", "true", "false"),
            style={
                **CONTROL_STYLE,
                "border": rx.cond(error != "", "1px solid #b91c1c", "1px solid #cbd5e1"),
            },
        ),
        rx.cond(error != "", field_error(t(error.to(str)))),
        style={"min_width": "0"},
    )


def _filters() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.grid(
                _month_field(
                    "dashboards.filter.from",
                    "dashboards-from",
                    "from",
                    State.from_month,
                    State.from_error,
                ),
                _month_field(
                    "dashboards.filter.to", "dashboards-to", "to", State.to_month, State.to_error
                ),
                _select(
                    "dashboards.filter.account",
                    "dashboards-account",
                    "account",
                    "dashboards.filter.all_accounts",
                    State.account_options,
                    State.account_filter,
                ),
                _select(
                    "dashboards.filter.group",
                    "dashboards-group",
                    "group",
                    "dashboards.filter.all_groups",
                    State.group_options,
                    State.group_filter,
                ),
                _serial_field(),
                columns=rx.breakpoints(initial="1", xs="2", md="5"),
                spacing="3",
                width="100%",
                align="start",
            ),
            rx.hstack(
                rx.button(
                    rx.icon("list-filter", size=16),
                    t("dashboards.apply"),
                    type="submit",
                    size="3",
                    id="dashboards-apply",
                ),
                rx.button(
                    t("dashboards.clear"),
                    type="button",
                    size="3",
                    variant="outline",
                    on_click=State.clear_filters,
                    id="dashboards-clear",
                ),
                spacing="2",
                wrap="wrap",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=State.apply,
        reset_on_submit=False,
        role="search",
        aria_label=t("dashboards.filters"),
        key=State.form_version,
        width="100%",
    )


def _device_chip() -> rx.Component:
    return rx.cond(
        State.device_id != "",
        rx.hstack(
            rx.badge(
                rx.icon("printer", size=14),
                t("dashboards.device"),
                " ",
                State.device_label,
                size="2",
                variant="soft",
                id="dashboards-device",
            ),
            rx.button(
                rx.icon("x", size=14),
                t("dashboards.whole_fleet"),
                size="1",
                variant="ghost",
                on_click=State.clear_device,
                id="dashboards-device-clear",
            ),
            align="center",
            spacing="2",
        ),
    )


# --- Chart cards ---------------------------------------------------------------------


def _card(chart: str, title_key: str, body: rx.Component, table: rx.Component, *extra):
    """A chart with its title, a chart/table switch and a CSV download."""
    as_table = State.tables.contains(chart)
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.heading(t(title_key), size="4", as_="h2", id=f"dash-{chart}-title"),
                rx.spacer(),
                *extra,
                rx.button(
                    rx.icon(rx.cond(as_table, "chart-column", "table"), size=14),
                    rx.cond(as_table, t("dashboards.show_chart"), t("dashboards.show_table")),
                    size="1",
                    variant="soft",
                    on_click=State.toggle_table(chart),
                    aria_pressed=rx.cond(as_table, "true", "false"),
                    id=f"dash-{chart}-toggle",
                ),
                rx.button(
                    rx.icon("download", size=14),
                    "CSV",
                    size="1",
                    variant="outline",
                    on_click=State.export_csv(chart),
                    aria_label=t("dashboards.download_csv"),
                    id=f"dash-{chart}-csv",
                ),
                align="center",
                spacing="2",
                wrap="wrap",
                width="100%",
            ),
            rx.cond(as_table, table, body),
            spacing="3",
            width="100%",
        ),
        id=f"dash-{chart}",
        width="100%",
        # A table needs the room of both columns.
        style={"min_width": "0", "grid_column": rx.cond(as_table, "1 / -1", "auto")},
    )


def _figure(chart: str, title_key: str, chart_component: rx.Component) -> rx.Component:
    return rx.box(
        chart_component,
        id=f"dash-{chart}-chart",
        width="100%",
        role="img",
        aria_label=t(title_key),
    )


def _empty(chart: str, key: str = "dashboards.no_data") -> rx.Component:
    return rx.text(t(key), size="2", color=MUTED, id=f"dash-{chart}-empty")


def _cell(row: rx.Var, key: str) -> rx.Component:
    value = row[key]
    return rx.table.cell(
        rx.cond(value.is_none(), "—", value.to(str)), style={"white_space": "nowrap"}
    )


def _table(chart: str, rows: rx.Var, columns: tuple, min_width: str = "420px") -> rx.Component:
    return scroll_table(
        f"dash-{chart}-table",
        [label for _, label in columns],
        rx.foreach(rows, lambda row: rx.table.row(*[_cell(row, key) for key, _ in columns])),
        min_width=min_width,
        size="1",
    )


def _axes(data_key: str = "month", y_width: int = 56) -> list[rx.Component]:
    return [
        rx.recharts.cartesian_grid(stroke_dasharray="3 3", vertical=False),
        rx.recharts.x_axis(data_key=data_key, tick=AXIS_TICK),
        rx.recharts.y_axis(tick=AXIS_TICK, width=y_width),
        rx.recharts.tooltip(),
        rx.recharts.legend(wrapper_style={"fontSize": 12}),
    ]


def _stacked_bar(key: str, label: rx.Var, fill: str, **props) -> rx.Component:
    return rx.recharts.bar(
        data_key=key, name=label, stack_id="s", fill=fill, is_animation_active=False, **props
    )


def _volume_view_switch() -> rx.Component:
    return rx.el.select(
        rx.el.option(t("dashboards.volume.fleet"), value="fleet"),
        rx.el.option(t("dashboards.volume.by_account"), value="account"),
        value=State.volume_view,
        on_change=State.set_volume_view,
        aria_label=t("dashboards.volume.view"),
        id="dash-volume-view",
        style=SELECT_STYLE,
    )


def _volume_card() -> rx.Component:
    fleet_chart = rx.cond(
        State.volume.length() > 0,
        _figure(
            "volume",
            "dashboards.volume",
            rx.recharts.bar_chart(
                *_axes(y_width=64),
                _stacked_bar("mono", t("dashboards.col.mono"), MONO),
                _stacked_bar("colour", t("dashboards.col.colour"), COLOUR),
                data=State.volume,
                width="100%",
                height=CHART_HEIGHT,
            ),
        ),
        _empty("volume", "dashboards.no_volume"),
    )
    account_chart = rx.cond(
        State.account_chart.length() > 0,
        rx.vstack(
            _figure(
                "volume",
                "dashboards.volume",
                rx.recharts.bar_chart(
                    *_axes("account", 64),
                    _stacked_bar("mono", t("dashboards.col.mono"), MONO),
                    _stacked_bar("colour", t("dashboards.col.colour"), COLOUR),
                    data=State.account_chart,
                    width="100%",
                    height=CHART_HEIGHT,
                ),
            ),
            rx.text(t("dashboards.volume.account_hint"), size="1", color=MUTED),
            spacing="1",
            width="100%",
        ),
        _empty("volume", "dashboards.no_volume"),
    )
    table = rx.cond(
        State.volume_view == "account",
        _table("volume", State.volume_by_account, ACCOUNT_VOLUME_COLUMNS, "560px"),
        _table("volume", State.volume, VOLUME_COLUMNS),
    )
    return _card(
        "volume",
        "dashboards.volume",
        rx.cond(State.volume_view == "account", account_chart, fleet_chart),
        table,
        _volume_view_switch(),
    )


def _tickets_card() -> rx.Component:
    bars = [
        _stacked_bar(kind, t(f"ticket_type.{kind}"), TYPE_COLOURS[i % len(TYPE_COLOURS)])
        for i, kind in enumerate(TICKET_TYPES)
    ]
    chart = _figure(
        "tickets",
        "dashboards.tickets",
        rx.recharts.bar_chart(
            *_axes(), *bars, data=State.tickets, width="100%", height=CHART_HEIGHT + 40
        ),
    )
    return _card(
        "tickets",
        "dashboards.tickets",
        chart,
        _table("tickets", State.tickets, TICKET_COLUMNS, "900px"),
    )


def _line(key: str, label: rx.Var, stroke: str, **props) -> rx.Component:
    return rx.recharts.line(
        data_key=key,
        name=label,
        stroke=stroke,
        stroke_width=2,
        connect_nulls=True,
        is_animation_active=False,
        **props,
    )


def _resolve_card() -> rx.Component:
    chart = _figure(
        "resolve",
        "dashboards.resolve",
        rx.recharts.line_chart(
            *_axes(),
            _line("avg_hours", t("dashboards.col.avg_hours"), BRAND_BLUE),
            _line("median_hours", t("dashboards.col.median_hours"), "#15803d"),
            _line("p90_hours", t("dashboards.col.p90_hours"), "#b45309", stroke_dasharray="5 4"),
            data=State.resolve,
            width="100%",
            height=CHART_HEIGHT,
        ),
    )
    return _card(
        "resolve",
        "dashboards.resolve",
        chart,
        _table("resolve", State.resolve, RESOLVE_COLUMNS, "520px"),
    )


def _sla_card() -> rx.Component:
    chart = _figure(
        "sla",
        "dashboards.sla",
        rx.recharts.composed_chart(
            rx.recharts.cartesian_grid(stroke_dasharray="3 3", vertical=False),
            rx.recharts.x_axis(data_key="month", tick=AXIS_TICK),
            rx.recharts.y_axis(y_axis_id="count", allow_decimals=False, tick=AXIS_TICK, width=48),
            rx.recharts.y_axis(
                y_axis_id="percent",
                orientation="right",
                domain=[0, 100],
                unit="%",
                tick=AXIS_TICK,
                width=48,
            ),
            rx.recharts.tooltip(),
            rx.recharts.legend(wrapper_style={"fontSize": 12}),
            _stacked_bar("met", t("dashboards.col.met"), "#15803d", y_axis_id="count"),
            _stacked_bar("late", t("dashboards.col.late"), "#b45309", y_axis_id="count"),
            _stacked_bar(
                "open_overdue", t("dashboards.col.open_overdue"), "#be123c", y_axis_id="count"
            ),
            _line("met_percent", t("dashboards.col.met_percent"), BRAND_BLUE, y_axis_id="percent"),
            data=State.sla,
            width="100%",
            height=CHART_HEIGHT,
        ),
    )
    return _card("sla", "dashboards.sla", chart, _table("sla", State.sla, SLA_COLUMNS, "560px"))


def _top_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.link(row["serial"], href=routes.product_link(row["product_id"].to(str))),
        ),
        rx.table.cell(row["model"]),
        rx.table.cell(row["alternative_name"]),
        rx.table.cell(row["account_number"]),
        rx.table.cell(row["ticket_count"]),
        rx.table.cell(
            rx.button(
                t("dashboards.top.focus"),
                size="1",
                variant="soft",
                on_click=State.show_device(row["product_id"].to(str)),
                aria_label=t("dashboards.top.focus") + " " + row["serial"].to(str),
                class_name="dash-top-focus",
            )
        ),
    )


def _top_card() -> rx.Component:
    chart = rx.cond(
        State.top.length() > 0,
        _figure(
            "top",
            "dashboards.top",
            rx.recharts.bar_chart(
                rx.recharts.cartesian_grid(stroke_dasharray="3 3", horizontal=False),
                rx.recharts.x_axis(type_="number", allow_decimals=False, tick=AXIS_TICK),
                rx.recharts.y_axis(data_key="serial", type_="category", width=110, tick=AXIS_TICK),
                rx.recharts.tooltip(),
                rx.recharts.bar(
                    data_key="ticket_count",
                    name=t("dashboards.col.tickets"),
                    fill=BRAND_BLUE,
                    is_animation_active=False,
                ),
                data=State.top,
                layout="vertical",
                width="100%",
                height=CHART_HEIGHT + 40,
            ),
        ),
        _empty("top", "dashboards.no_tickets"),
    )
    table = scroll_table(
        "dash-top-table",
        [
            "dashboards.col.serial",
            "dashboards.col.model",
            "dashboards.col.alternative_name",
            "dashboards.col.account_number",
            "dashboards.col.tickets",
            rx.table.column_header_cell(rx.el.span(t("dashboards.col.action"), style=HIDDEN)),
        ],
        rx.foreach(State.top, _top_row),
        min_width="620px",
        size="1",
    )
    return _card("top", "dashboards.top", chart, table)


def _charts() -> rx.Component:
    return rx.grid(
        _volume_card(),
        _tickets_card(),
        _resolve_card(),
        _sla_card(),
        _top_card(),
        columns=rx.breakpoints(initial="1", md="2"),
        spacing="4",
        width="100%",
    )


def dashboards_page() -> rx.Component:
    """Dashboards: the fleet's volume, tickets and service levels at a glance (SPEC X3)."""
    return shell(
        rx.vstack(
            page_title("dashboards.title", "dashboards.intro"),
            rx.cond(
                State.denied,
                denied_notice("dashboards-denied", "dashboards.denied"),
                rx.cond(
                    State.loaded,
                    rx.vstack(
                        rx.card(_filters(), width="100%"),
                        rx.hstack(
                            rx.text(
                                t("dashboards.period"),
                                " ",
                                State.from_month,
                                " – ",
                                State.to_month,
                                size="2",
                                color=MUTED,
                                id="dashboards-period",
                            ),
                            _device_chip(),
                            spacing="4",
                            align="center",
                            wrap="wrap",
                        ),
                        _charts(),
                        spacing="4",
                        width="100%",
                    ),
                    loading(),
                ),
            ),
            spacing="4",
            width="100%",
        ),
        active="dashboards",
    )


def register(app: rx.App) -> None:
    """Add the dashboards page to the app."""
    add_pages(app, ((dashboards_page, routes.DASHBOARDS, State.load),))
