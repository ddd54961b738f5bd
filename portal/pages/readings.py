"""Meter readings (SPEC C4): the due list with its entry form, a product's history with
its chart (and the staff's meter-reset form), an account's monthly volume."""

from __future__ import annotations

import reflex as rx

from portal.components.common import (
    LABEL_STYLE,
    MUTED,
    SCROLL,
    SELECT_STYLE,
    add_pages,
    denied_notice,
    field_label,
    loading,
    page_title,
    section_card,
    tab_page,
)
from portal.components.i18n import t
from portal.components.layout import BRAND_BLUE, field_error
from portal.components.pager import pager
from portal.services.readings import STATUSES
from portal.state.readings import AccountVolumeState, ReadingHistoryState, ReadingsState

READINGS = "/readings"
READING_HISTORY = "/readings/[product_id]"
ACCOUNT_VOLUME = "/readings/account/[account_id]"
BULK_READINGS = "/readings/bulk"
"""The bulk upload page (``portal.pages.bulk_readings``)."""

_NUMBERS = {"font_variant_numeric": "tabular-nums"}
_STATUS_COLOURS = {"overdue": "red", "due": "amber", "done": "green", "automatic": "gray"}


def _status_badge(status: rx.Var, key: rx.Var) -> rx.Component:
    return rx.badge(
        t(key.to(str)),
        color_scheme=rx.match(status, *_STATUS_COLOURS.items(), "gray"),
        variant="soft",
        class_name="reading-status",
    )


def _back() -> rx.Component:
    return rx.link(
        rx.hstack(rx.icon("arrow-left", size=14), t("readings.back"), spacing="1", align="center"),
        href=READINGS,
        size="2",
    )


def _not_found(id_: str) -> rx.Component:
    return rx.callout(
        rx.vstack(
            rx.text(t("readings.not_found")),
            rx.link(t("readings.back"), href=READINGS),
            spacing="2",
        ),
        icon="search-x",
        color_scheme="amber",
        role="alert",
        width="100%",
        id=id_,
    )


def _counter_options(state: type[rx.State]) -> rx.Component:
    return rx.foreach(
        state.counters,
        lambda c: rx.el.option(t(c["label_key"].to(str)), value=c["code"].to(str)),
    )


def _record_page(state: type[rx.State], not_found_id: str, *children: rx.Component):
    """The readings page of one record (``state.loaded``, ``state.not_found``) of the path."""
    return tab_page(
        "service",
        _back(),
        rx.cond(
            ~state.loaded,
            loading(width="100%"),
            rx.cond(
                state.not_found,
                _not_found(not_found_id),
                rx.vstack(*children, spacing="4", width="100%"),
            ),
        ),
    )


def _counter_select(id_: str, state: type[rx.State]) -> rx.Component:
    return rx.hstack(
        rx.el.label(t("product.counter"), html_for=id_, style={"font_size": "14px"}),
        rx.el.select(
            _counter_options(state),
            id=id_,
            value=state.chart_counter,
            on_change=state.set_chart_counter,
            style=SELECT_STYLE,
        ),
        align="center",
        spacing="2",
    )


def _volume_chart(
    state: type[rx.State], data: rx.Var, chart_id: str, select_id: str
) -> rx.Component:
    return rx.vstack(
        rx.flex(
            rx.heading(t("readings.monthly_volume"), size="4", as_="h2"),
            rx.spacer(),
            _counter_select(select_id, state),
            align="center",
            spacing="2",
            wrap="wrap",
            width="100%",
        ),
        rx.cond(
            data.length() > 0,
            rx.box(
                rx.recharts.bar_chart(
                    rx.recharts.cartesian_grid(stroke_dasharray="3 3", vertical=False),
                    rx.recharts.bar(
                        data_key=state.chart_counter,
                        fill=BRAND_BLUE,
                        radius=[3, 3, 0, 0],
                        is_animation_active=False,
                    ),
                    rx.recharts.x_axis(data_key="month", tick={"fontSize": 11}),
                    rx.recharts.y_axis(tick={"fontSize": 11}, width=64),
                    rx.recharts.tooltip(),
                    data=data,
                    width="100%",
                    height=280,
                ),
                id=chart_id,
                width="100%",
                role="img",
                aria_label=t("readings.monthly_volume"),
            ),
            rx.text(t("readings.no_volume"), size="2", color=MUTED, id=f"{chart_id}-empty"),
        ),
        spacing="2",
        width="100%",
    )


def _filter() -> rx.Component:
    return rx.hstack(
        field_label("readings.filter_label", "readings-filter-status"),
        rx.el.select(
            rx.el.option(t("readings.filter_all"), value=""),
            *[rx.el.option(t(f"reading.status.{s}"), value=s) for s in STATUSES],
            id="readings-filter-status",
            value=ReadingsState.status_filter,
            on_change=ReadingsState.set_status_filter,
            style=SELECT_STYLE,
        ),
        align="center",
        spacing="2",
    )


def _product_cell(row: rx.Var) -> rx.Component:
    return rx.table.row_header_cell(
        rx.vstack(
            rx.text(row["serial"], weight="medium", style={"white_space": "nowrap"}),
            rx.text(row["model"], size="1", color=MUTED),
            rx.cond(
                row["alternative_name"] != "",
                rx.text(row["alternative_name"], size="1", color=MUTED),
            ),
            rx.text(t("account.col.number"), ": ", row["account_number"], size="1", color=MUTED),
            spacing="0",
        )
    )


def _status_cell(row: rx.Var) -> rx.Component:
    return rx.table.cell(
        rx.vstack(
            _status_badge(row["status"], row["status_key"]),
            rx.text(
                row["opens_on"],
                " – ",
                row["closes_on"],
                size="1",
                color=MUTED,
                style={"white_space": "nowrap"},
            ),
            spacing="1",
        )
    )


def _last_cell(row: rx.Var) -> rx.Component:
    return rx.table.cell(
        rx.cond(
            row["last_read_on"] != "",
            rx.vstack(
                rx.hstack(
                    rx.text(row["last_read_on"], size="2", style={"white_space": "nowrap"}),
                    rx.cond(
                        row["last_source"] == "estimated",
                        rx.badge(t("product.source.estimated"), color_scheme="violet", size="1"),
                    ),
                    spacing="2",
                    align="center",
                ),
                rx.text(
                    row["last_values"],
                    size="1",
                    color=MUTED,
                    style={**_NUMBERS, "min_width": "160px"},
                ),
                spacing="0",
            ),
            rx.text("—", color=MUTED),
        )
    )


def _actions_cell(row: rx.Var) -> rx.Component:
    return rx.table.cell(
        rx.flex(
            rx.cond(
                row["auto_capture"] == "1",
                rx.badge(
                    rx.icon("radio-tower", size=12),
                    t("readings.auto_badge"),
                    color_scheme="gray",
                    variant="surface",
                    class_name="auto-capture",
                    title=t("readings.auto_capture"),
                ),
                rx.button(
                    rx.icon("pencil-line", size=14),
                    t("readings.enter"),
                    size="2",
                    class_name="enter-reading",
                    id="enter-reading-" + row["product_id"].to(str),
                    on_click=ReadingsState.open_entry(row["product_id"]),
                ),
            ),
            rx.link(
                t("readings.history"),
                href=row["history_href"].to(str),
                size="2",
                class_name="reading-history-link",
            ),
            spacing="3",
            align="center",
            wrap="wrap",
        )
    )


def _row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        _product_cell(row),
        _status_cell(row),
        _last_cell(row),
        _actions_cell(row),
        class_name="reading-row",
    )


def _table() -> rx.Component:
    headers = [
        ("col.serial", "col.product_name"),
        ("col.status", "readings.col_window"),
        "readings.col_last",
        "readings.col_actions",
    ]

    def header(key):
        if isinstance(key, tuple):
            return rx.table.column_header_cell(
                rx.vstack(
                    rx.text(t(key[0])),
                    rx.text(t(key[1]), size="1", color=MUTED, weight="regular"),
                    spacing="0",
                )
            )
        return rx.table.column_header_cell(t(key))

    return rx.box(
        rx.table.root(
            rx.table.header(rx.table.row(*[header(k) for k in headers])),
            rx.table.body(rx.foreach(ReadingsState.rows, _row)),
            variant="surface",
            size="2",
            width="100%",
            style={"min_width": "640px"},
            id="readings-table",
        ),
        width="100%",
        style=SCROLL,
    )


def _counter_input(counter: rx.Var) -> rx.Component:
    input_id = "counter-" + counter["code"].to(str)
    return rx.vstack(
        rx.flex(
            rx.el.label(t(counter["label_key"].to(str)), html_for=input_id, style=LABEL_STYLE),
            rx.cond(
                counter["last"] != "",
                rx.text(
                    t("readings.last_value"),
                    " ",
                    counter["last"],
                    size="1",
                    color=MUTED,
                    style=_NUMBERS,
                ),
            ),
            justify="between",
            align="baseline",
            spacing="2",
            width="100%",
        ),
        rx.input(
            id=input_id,
            name=counter["code"].to(str),
            default_value=counter["value"].to(str),
            input_mode="numeric",
            auto_complete="off",
            max_length=counter["digits"].to(int),
            size="3",
            width="100%",
            style=_NUMBERS,
            aria_invalid=rx.cond(counter["error"] != "", "true", "false"),
        ),
        field_error(counter["error"].to(str)),
        rx.cond(
            counter["warning"] != "",
            rx.text(counter["warning"], color="#b45309", size="2", class_name="counter-warning"),
        ),
        spacing="1",
        width="100%",
    )


def _entry_form() -> rx.Component:
    state = ReadingsState
    return rx.form(
        rx.vstack(
            rx.cond(
                state.entry["last_read_on"] != "",
                rx.text(
                    t("readings.last_date"),
                    " ",
                    state.entry["last_read_on"],
                    size="2",
                    color=MUTED,
                ),
            ),
            rx.vstack(
                field_label("readings.date_label", "reading-date"),
                rx.input(
                    id="reading-date",
                    name="read_on",
                    type="date",
                    default_value=state.entry_date,
                    size="3",
                    width="100%",
                ),
                field_error(state.date_error),
                spacing="1",
                width="100%",
            ),
            rx.grid(
                rx.foreach(state.entry_counters, _counter_input),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            rx.cond(
                state.needs_confirmation,
                rx.callout(
                    t("readings.warning"),
                    icon="triangle-alert",
                    color_scheme="amber",
                    role="alert",
                    width="100%",
                    id="reading-warning",
                ),
            ),
            rx.cond(
                state.form_error != "",
                rx.callout(
                    state.form_error,
                    icon="circle-x",
                    color_scheme="red",
                    role="alert",
                    width="100%",
                ),
            ),
            rx.flex(
                rx.dialog.close(
                    rx.button(
                        t("readings.cancel"),
                        type="button",
                        variant="soft",
                        color_scheme="gray",
                        size="3",
                    )
                ),
                rx.button(
                    rx.icon("check", size=16),
                    t("readings.submit"),
                    type="submit",
                    size="3",
                    id="reading-submit",
                ),
                justify="end",
                spacing="3",
                width="100%",
            ),
            spacing="4",
            width="100%",
        ),
        on_submit=state.submit,
        reset_on_submit=False,
        key=state.form_key.to(str),
        id="reading-form",
    )


def _entry_dialog() -> rx.Component:
    state = ReadingsState
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(
                t("readings.form_title"),
                " ",
                state.entry["serial"],
            ),
            rx.dialog.description(
                state.entry["model"], size="2", color=MUTED, margin_bottom="12px"
            ),
            _entry_form(),
            max_width="640px",
            id="reading-dialog",
        ),
        open=state.entry_open,
        on_open_change=state.dialog_changed,
    )


def _accepted() -> rx.Component:
    return rx.cond(
        ReadingsState.accepted,
        rx.callout(
            rx.text(t("readings.accepted"), " ", rx.el.strong(ReadingsState.accepted_serial)),
            icon="circle-check",
            color_scheme="green",
            role="status",
            width="100%",
            id="reading-accepted",
        ),
    )


def readings_page() -> rx.Component:
    """The products in scope with their reading status; entry form per product."""
    state = ReadingsState
    return tab_page(
        "service",
        rx.flex(
            page_title("readings.title", "readings.lead"),
            rx.link(
                rx.button(
                    rx.icon("upload", size=16),
                    t("readings.bulk_link"),
                    variant="soft",
                    style={"white_space": "nowrap"},
                ),
                href=BULK_READINGS,
                id="readings-bulk-link",
            ),
            justify="between",
            align="start",
            spacing="3",
            wrap=rx.breakpoints(initial="wrap", md="nowrap"),
            width="100%",
        ),
        rx.cond(
            state.denied,
            denied_notice("readings-denied", "readings.denied"),
            rx.vstack(
                _accepted(),
                _filter(),
                rx.cond(
                    ~state.loaded,
                    loading(width="100%"),
                    rx.cond(
                        state.total == 0,
                        rx.callout(
                            t("readings.empty"),
                            icon="info",
                            color_scheme="gray",
                            width="100%",
                            id="readings-empty",
                        ),
                        rx.vstack(_table(), pager("readings", state), spacing="3", width="100%"),
                    ),
                ),
                _entry_dialog(),
                spacing="4",
                width="100%",
            ),
        ),
    )


def _history_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row["read_on"], style={"white_space": "nowrap"}),
        rx.table.cell(
            rx.flex(
                rx.badge(
                    t(row["source_key"].to(str)),
                    color_scheme=rx.cond(row["estimated"].to(bool), "violet", "gray"),
                    variant="soft",
                ),
                rx.cond(
                    row["confirmed_implausible"].to(bool),
                    rx.badge(t("readings.implausible"), color_scheme="amber", variant="soft"),
                ),
                spacing="1",
                wrap="wrap",
            )
        ),
        rx.foreach(
            row["values"].to(list[str]),
            lambda value: rx.table.cell(value, text_align="right", style=_NUMBERS),
        ),
        rx.table.cell(row["entered_by"]),
    )


def _history_table() -> rx.Component:
    state = ReadingHistoryState
    return rx.cond(
        state.rows.length() > 0,
        rx.box(
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell(t("readings.col_date")),
                        rx.table.column_header_cell(t("readings.col_source")),
                        rx.foreach(
                            state.counters,
                            lambda c: rx.table.column_header_cell(
                                t(c["label_key"].to(str)), text_align="right"
                            ),
                        ),
                        rx.table.column_header_cell(t("readings.col_entered_by")),
                    )
                ),
                rx.table.body(rx.foreach(state.rows, _history_row)),
                variant="surface",
                size="1",
                width="100%",
                id="readings-history",
            ),
            width="100%",
            style={**SCROLL, "max_height": "520px", "overflow_y": "auto"},
        ),
        rx.text(t("readings.no_rows"), color=MUTED, id="readings-history-empty"),
    )


def _reset_form() -> rx.Component:
    state = ReadingHistoryState
    return section_card(
        "readings.reset_title",
        rx.text(t("readings.reset_hint"), size="2", color=MUTED),
        rx.form(
            rx.flex(
                rx.vstack(
                    field_label("readings.reset_counter", "reset-counter"),
                    rx.el.select(
                        _counter_options(state),
                        id="reset-counter",
                        name="counter",
                        style=SELECT_STYLE,
                    ),
                    field_error(state.reset_errors.get("counter", "")),
                    spacing="1",
                ),
                rx.vstack(
                    field_label("readings.reset_date", "reset-date"),
                    rx.input(id="reset-date", name="reset_on", type="date"),
                    field_error(state.reset_errors.get("read_on", "")),
                    spacing="1",
                ),
                rx.button(t("readings.reset_submit"), type="submit", id="reset-submit"),
                spacing="3",
                align="end",
                wrap="wrap",
            ),
            on_submit=state.record_reset,
            reset_on_submit=False,
            key=state.reset_key.to(str),
        ),
        rx.cond(
            state.reset_saved,
            rx.text(t("readings.reset_saved"), color="green", size="2", id="reset-saved"),
        ),
        rx.cond(
            state.resets.length() > 0,
            rx.vstack(
                rx.text(t("readings.resets"), weight="medium", size="2"),
                rx.foreach(
                    state.resets,
                    lambda r: rx.text(
                        r["reset_on"],
                        " · ",
                        t(r["label_key"].to(str)),
                        size="2",
                        class_name="meter-reset",
                    ),
                ),
                spacing="1",
            ),
        ),
        id="meter-reset",
    )


def history_page() -> rx.Component:
    """One product's readings: chart of monthly volume, table, meter resets for staff."""
    state = ReadingHistoryState
    product = state.product
    return _record_page(
        state,
        "readings-not-found",
        page_title(
            "readings.history_title",
            rx.flex(
                rx.text(
                    rx.el.strong(product["serial"]),
                    " · ",
                    product["model"],
                    rx.cond(
                        product["alternative_name"] != "",
                        rx.text.span(" · ", product["alternative_name"]),
                    ),
                    color=MUTED,
                ),
                rx.cond(
                    product["auto_capture"] == "1",
                    rx.badge(
                        t("readings.auto_capture"),
                        color_scheme="gray",
                        class_name="auto-capture",
                    ),
                ),
                spacing="3",
                wrap="wrap",
                align="center",
            ),
        ),
        rx.flex(
            rx.link(t("readings.product_page"), href=product["product_href"], size="2"),
            rx.link(
                t("readings.account_chart"),
                href=product["account_href"],
                size="2",
                id="account-volume-link",
            ),
            spacing="4",
            wrap="wrap",
        ),
        rx.card(
            _volume_chart(state, state.chart, "readings-chart", "readings-chart-counter"),
            width="100%",
        ),
        section_card(
            "readings.history_title",
            rx.text(t("readings.estimated_hint"), size="1", color=MUTED),
            _history_table(),
        ),
        rx.cond(state.can_reset, _reset_form()),
    )


def account_volume_page() -> rx.Component:
    """The monthly volume of one account's products in scope."""
    state = AccountVolumeState
    return _record_page(
        state,
        "account-volume-not-found",
        page_title(
            "readings.account_title",
            rx.text(
                rx.el.strong(state.account["number"]),
                " · ",
                state.account["name"],
                " — ",
                t("readings.account_lead"),
                color=MUTED,
            ),
        ),
        rx.card(
            _volume_chart(state, state.chart, "account-volume-chart", "account-chart-counter"),
            width="100%",
        ),
    )


def register(app: rx.App) -> None:
    """Add the meter-reading pages to the app."""
    add_pages(
        app,
        (
            (readings_page, READINGS, ReadingsState.load),
            (history_page, READING_HISTORY, ReadingHistoryState.load),
            (account_volume_page, ACCOUNT_VOLUME, AccountVolumeState.load),
        ),
    )
