"""Pages of the Stock management tab (SPEC C7): stock locations with stock on hand, low toner.

The orders pages of the same tab live in ``portal.pages.orders``; the tab's
section nav (``stock_nav``) is shared by both.
"""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.common import (
    MUTED,
    add_pages,
    callouts,
    denied_notice,
    field_label,
    labelled_field,
    page_title,
    scroll_table,
    tab_page,
    translated,
)
from portal.components.i18n import t
from portal.components.layout import field_error, section_nav
from portal.state.stock import LowTonerState, StockState

STOCK = routes.STOCK
STOCK_ORDERS = "/stock/orders"
LOW_TONER = "/stock/low-toner"


def stock_nav(active: str) -> rx.Component:
    """Second-level navigation of the Stock management tab."""
    return section_nav(
        active,
        [
            ("locations", STOCK, "stock.section_locations", True),
            ("orders", STOCK_ORDERS, "stock.section_orders", True),
            ("low-toner", LOW_TONER, "stock.section_low_toner", True),
        ],
    )


def stock_shell(active: str, *children: rx.Component) -> rx.Component:
    """The Stock management tab's shell with its section nav."""
    return tab_page("stock", stock_nav(active), *children)


def _location_row(row: rx.Var) -> rx.Component:
    selected = StockState.selected_id == row["id"]
    return rx.table.row(
        rx.table.row_header_cell(
            rx.button(
                row["name"],
                variant=rx.cond(selected, "solid", "ghost"),
                size="2",
                on_click=StockState.select_location(row["id"]),
                class_name="stock-location-open",
                aria_pressed=rx.cond(selected, "true", "false"),
                style={"white_space": "normal", "text_align": "left", "height": "auto"},
            )
        ),
        rx.table.cell(row["address"]),
        rx.table.cell(row["shipping_instructions"], style={"white_space": "pre-line"}),
        rx.table.cell(row["units"], style={"white_space": "nowrap"}),
        class_name="stock-location-row",
        custom_attrs={"data-name": row["name"]},
    )


def _location_form() -> rx.Component:
    state = StockState
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(
                    rx.cond(
                        state.editing_id != "", t("stock.edit_location"), t("stock.new_location")
                    ),
                    size="4",
                    as_="h2",
                ),
                labelled_field(
                    field_label("stock.location_name", "stock-location-name"),
                    rx.input(
                        id="stock-location-name",
                        name="name",
                        default_value=state.form["name"],
                        max_length=120,
                        width="100%",
                        aria_invalid=rx.cond(state.errors["name"] != "", "true", "false"),
                    ),
                    state.errors["name"],
                ),
                labelled_field(
                    field_label("stock.location_address", "stock-location-address"),
                    rx.input(
                        id="stock-location-address",
                        name="address",
                        default_value=state.form["address"],
                        max_length=300,
                        width="100%",
                    ),
                    state.errors["address"],
                ),
                labelled_field(
                    field_label("stock.location_instructions", "stock-location-instructions"),
                    rx.text_area(
                        id="stock-location-instructions",
                        name="shipping_instructions",
                        default_value=state.form["shipping_instructions"],
                        max_length=1000,
                        rows="3",
                        width="100%",
                    ),
                    state.errors["shipping_instructions"],
                ),
                rx.hstack(
                    rx.button(t("stock.save_location"), type="submit", id="stock-location-save"),
                    rx.button(
                        t("stock.cancel_edit"),
                        type="button",
                        variant="soft",
                        color_scheme="gray",
                        on_click=state.cancel_edit,
                        id="stock-location-cancel",
                    ),
                    spacing="2",
                ),
                spacing="3",
                width="100%",
            ),
            key=state.form_key,
            on_submit=state.save_location,
            reset_on_submit=False,
            width="100%",
            id="stock-location-form",
        ),
        width="100%",
    )


def _stock_line(line: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.vstack(
                rx.text(line["name"], size="2", weight="medium"),
                rx.text(line["code"], " · ", line["model"], size="1", color=MUTED),
                spacing="0",
            )
        ),
        rx.table.cell(t(line["kind_key"].to(str)), style={"white_space": "nowrap"}),
        rx.table.cell(
            rx.vstack(
                rx.input(
                    type="number",
                    input_mode="numeric",
                    name="qty_" + line["consumable_id"].to(str),
                    id="stock-qty-" + line["code"].to(str),
                    default_value=line["quantity"],
                    class_name="stock-qty",
                    width="96px",
                    aria_label=line["name"],
                    aria_invalid=rx.cond(line["error"] != "", "true", "false"),
                    custom_attrs={"data-code": line["code"]},
                ),
                field_error(translated(line["error"])),
                spacing="1",
            )
        ),
        class_name="stock-line",
    )


def _stock_card() -> rx.Component:
    state = StockState
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.vstack(
                    rx.heading(state.selected["name"], size="4", as_="h2", id="stock-selected"),
                    rx.text(state.selected["address"], size="2", color=MUTED),
                    spacing="0",
                ),
                rx.spacer(),
                rx.button(
                    rx.icon("pencil", size=14),
                    t("stock.edit_location"),
                    variant="soft",
                    size="2",
                    on_click=state.edit_location,
                    id="stock-location-edit",
                ),
                align="center",
                spacing="3",
                wrap="wrap",
                width="100%",
            ),
            rx.cond(
                state.lines.length() > 0,
                rx.form(
                    rx.vstack(
                        scroll_table(
                            "stock-table",
                            ["stock.col_consumable", "stock.col_kind", "col.stock_on_hand"],
                            rx.foreach(state.lines, _stock_line),
                            min_width="480px",
                        ),
                        rx.button(
                            rx.icon("save", size=14),
                            t("stock.save_stock"),
                            type="submit",
                            id="stock-save",
                        ),
                        spacing="3",
                        width="100%",
                    ),
                    key=state.stock_key,
                    on_submit=state.save_stock,
                    reset_on_submit=False,
                    width="100%",
                ),
                rx.text(t("stock.no_consumables"), size="2", color=MUTED),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def stock_page() -> rx.Component:
    """Stock management: stock locations, their details and stock on hand (SPEC C7)."""
    state = StockState
    return stock_shell(
        "locations",
        rx.flex(
            page_title("stock.title", "stock.intro"),
            rx.spacer(),
            rx.cond(
                ~state.denied,
                rx.button(
                    rx.icon("plus", size=14),
                    t("stock.new_location"),
                    on_click=state.new_location,
                    id="stock-location-new",
                ),
            ),
            align="end",
            spacing="3",
            wrap="wrap",
            width="100%",
        ),
        callouts("stock", state.notice, state.error),
        rx.cond(
            state.denied,
            denied_notice("stock-denied"),
            rx.vstack(
                rx.cond(state.editing, _location_form()),
                rx.cond(
                    state.loaded & (state.locations.length() == 0),
                    rx.callout(
                        t("stock.empty"), icon="info", role="status", width="100%", id="stock-empty"
                    ),
                    scroll_table(
                        "stock-locations-table",
                        [
                            "col.location_name",
                            "col.address",
                            "col.shipping_instructions",
                            "stock.col_units",
                        ],
                        rx.foreach(state.locations, _location_row),
                        min_width="640px",
                    ),
                ),
                rx.cond(state.selected_id != "", _stock_card()),
                spacing="4",
                width="100%",
            ),
        ),
    )


def _low_toner_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.link(row["serial"], href=routes.product_link("") + row["product_id"]),
            style={"white_space": "nowrap"},
        ),
        rx.table.cell(row["model"]),
        rx.table.cell(row["address"], ", ", row["city"]),
        rx.table.cell(
            rx.cond(row["colour_key"] != "", t(row["colour_key"].to(str)), row["colour"])
        ),
        rx.table.cell(
            rx.badge(row["level"], " %", color_scheme="red", variant="soft"),
            " ",
            rx.text.span("< ", row["threshold"], " %", color=MUTED, size="1"),
            style={"white_space": "nowrap"},
        ),
        rx.table.cell(
            rx.cond(
                row["auto_replenish"] != "",
                rx.badge(t("stock.auto_replenish"), color_scheme="green", variant="soft"),
                rx.link(
                    t("stock.order_now"),
                    href=STOCK_ORDERS + "?product=" + row["product_id"],
                    class_name="low-toner-order",
                ),
            )
        ),
        class_name="low-toner-row",
        custom_attrs={"data-serial": row["serial"]},
    )


def low_toner_page() -> rx.Component:
    """Stock management: products in scope whose toner is below the threshold (SPEC C7)."""
    state = LowTonerState
    return stock_shell(
        "low-toner",
        page_title("stock.low_toner_title", "stock.low_toner_intro"),
        rx.cond(
            state.denied,
            denied_notice("low-toner-denied"),
            rx.cond(
                state.loaded & (state.rows.length() == 0),
                rx.callout(
                    t("stock.low_toner_none"),
                    icon="circle-check",
                    color_scheme="green",
                    role="status",
                    width="100%",
                    id="low-toner-empty",
                ),
                scroll_table(
                    "low-toner-table",
                    [
                        "col.serial",
                        "col.product_name",
                        "col.address",
                        "stock.col_colour",
                        "stock.col_level",
                        "stock.col_action",
                    ],
                    rx.foreach(state.rows, _low_toner_row),
                    min_width="720px",
                ),
            ),
        ),
    )


def register(app: rx.App) -> None:
    """Add the stock locations and low-toner pages to the app."""
    add_pages(
        app, ((stock_page, STOCK, StockState.load), (low_toner_page, LOW_TONER, LowTonerState.load))
    )
