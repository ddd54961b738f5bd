"""Knowledge and products: the product list (SPEC B2) — serial search, advanced search,
sortable columns, pagination with records per page, CSV export."""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.common import (
    MUTED,
    add_pages,
    denied_notice,
    field_label,
    filter_select,
    notice,
    page_title,
    scroll_table,
)
from portal.components.i18n import t
from portal.components.layout import BRAND_BLUE, products_nav, shell
from portal.components.listing import advanced_toggle, filter_panel, list_results, text_filter
from portal.services.listing import PAGE_SIZES
from portal.state.products import ProductListState

State = ProductListState

# (sort column, header message key) in table order.
COLUMNS = (
    ("serial", "col.serial"),
    ("model", "col.product_name"),
    ("alternative_name", "col.alternative_name"),
    ("system_account_number", "col.system_account"),
    ("city", "col.city"),
    ("sync_status", "col.sync_status"),
    ("open_tickets", "col.open_tickets"),
)
_WRAP_ON_TABLET = rx.breakpoints(initial="normal", md="nowrap")


def _serial_search() -> rx.Component:
    """The serial number box; "show all" appears while a serial is searched."""
    return rx.form(
        rx.vstack(
            field_label("products.search_label", "product-serial-search"),
            rx.flex(
                rx.input(
                    id="product-serial-search",
                    name="serial",
                    type="search",
                    default_value=State.serial_query,
                    placeholder=t("products.search_hint"),
                    max_length=60,
                    size="3",
                    auto_complete="off",
                    style={"flex": "1 1 200px", "min_width": "0"},
                ),
                rx.button(
                    rx.icon("search", size=16),
                    t("list.search"),
                    type="submit",
                    size="3",
                    id="product-serial-search-submit",
                ),
                rx.cond(
                    State.serial_query != "",
                    rx.button(
                        t("list.show_all"),
                        type="button",
                        size="3",
                        variant="outline",
                        on_click=State.clear_search,
                        id="product-serial-search-clear",
                    ),
                ),
                spacing="2",
                width="100%",
            ),
            spacing="1",
            width="100%",
        ),
        on_submit=State.search,
        reset_on_submit=False,
        role="search",
        key=State.form_version,
        style={"flex": "1 1 340px", "max_width": "560px"},
    )


def _export_button() -> rx.Component:
    return rx.button(
        rx.icon("download", size=16),
        t("products.export"),
        type="button",
        size="3",
        variant="outline",
        on_click=State.export_csv,
        disabled=State.total == 0,
        id="products-export",
    )


def _toolbar() -> rx.Component:
    return rx.flex(
        _serial_search(),
        rx.flex(
            advanced_toggle(
                "product-advanced-toggle",
                "products.advanced",
                State.advanced_count,
                State,
                "product-filters",
            ),
            _export_button(),
            spacing="2",
            wrap="wrap",
            align="end",
        ),
        spacing="3",
        wrap="wrap",
        align="end",
        justify="between",
        width="100%",
    )


def _option(option: rx.Var) -> rx.Component:
    return rx.el.option(option["label"], value=option["value"])


def _status_option(option: rx.Var) -> rx.Component:
    return rx.el.option(t(option["label"].to(str)), value=option["value"])


def _select(
    id_: str, name: str, label_key: str, options: rx.Var, current: rx.Var, *, keys: bool = False
) -> rx.Component:
    """A select of the advanced search with "All" first; ``keys``: the labels are message keys."""
    return filter_select(
        id_,
        name,
        label_key,
        "products.filter.any",
        [rx.foreach(options, _status_option if keys else _option)],
        current,
    )


def _filter_panel() -> rx.Component:
    """The advanced search: selects and text boxes in a grid that stacks on narrow screens."""
    return filter_panel(
        "product-filters",
        State,
        _select(
            "filter-model",
            "model",
            "products.filter.model",
            State.model_options,
            State.filter_model,
        ),
        _select(
            "filter-account",
            "account",
            "products.filter.account",
            State.account_options,
            State.filter_account,
        ),
        _select(
            "filter-group",
            "group",
            "products.filter.group",
            State.group_options,
            State.filter_group,
        ),
        _select(
            "filter-status",
            "status",
            "products.filter.status",
            State.status_options,
            State.filter_status,
            keys=True,
        ),
        text_filter(
            "filter-alternative-name",
            "alternative_name",
            "products.filter.alternative_name",
            State.filter_alternative_name,
            max_length=60,
        ),
        text_filter(
            "filter-city", "city", "products.filter.city", State.filter_city, max_length=60
        ),
        columns="3",
        apply_key="products.filter.apply",
        clear_key="products.filter.clear",
        label_key="products.advanced",
    )


def _sort_header(column: str, label_key: str) -> rx.Component:
    """A column header that sorts by its column; ▲/▼ shows the current order."""
    active = State.sort == column
    ascending = State.direction == "asc"
    return rx.table.column_header_cell(
        rx.el.button(
            t(label_key),
            rx.el.span(
                rx.cond(active, rx.cond(ascending, "▲", "▼"), ""),
                aria_hidden="true",
                style={"font_size": "10px", "margin_left": "4px", "color": BRAND_BLUE},
            ),
            type="button",
            on_click=State.sort_by(column),
            id=f"sort-{column}",
            title=t("products.sort_by"),
            class_name="sort-button",
            style={
                "background": "none",
                "border": "none",
                "padding": "0",
                "font": "inherit",
                "font_weight": "600",
                "color": rx.cond(active, BRAND_BLUE, "inherit"),
                "cursor": "pointer",
                "text_align": "left",
                # Long headers may wrap on a tablet, so the table nearly fits its width.
                "white_space": _WRAP_ON_TABLET,
            },
        ),
        aria_sort=rx.cond(active, rx.cond(ascending, "ascending", "descending"), "none"),
        text_align="right" if column == "open_tickets" else None,
    )


def _product_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.vstack(
                rx.link(
                    row["serial"],
                    href=row["href"].to(str),
                    class_name="product-link",
                    weight="medium",
                ),
                rx.cond(
                    (row["status"] != "active") & (row["status_key"] != ""),
                    rx.badge(t(row["status_key"].to(str)), color_scheme="gray", size="1"),
                ),
                rx.cond(
                    row["not_reporting"].to(bool),
                    rx.tooltip(
                        rx.badge(
                            rx.icon("wifi-off", size=12),
                            t("product.not_reporting"),
                            color_scheme="red",
                            variant="soft",
                            size="1",
                            class_name="product-not-reporting",
                        ),
                        content=rx.cond(
                            row["last_contact"] != "",
                            t("product.last_contact") + ": " + row["last_contact"].to(str) + " UTC",
                            t("product.never_reported"),
                        ),
                    ),
                ),
                spacing="1",
            ),
            style={"white_space": "nowrap"},
        ),
        rx.table.cell(row["model"], style={"white_space": _WRAP_ON_TABLET}),
        rx.table.cell(row["alternative_name"]),
        rx.table.cell(row["system_account_number"], style={"white_space": "nowrap"}),
        rx.table.cell(row["city"]),
        rx.table.cell(
            rx.cond(
                row["sync_key"] != "",
                rx.badge(
                    t(row["sync_key"].to(str)),
                    variant="soft",
                    color_scheme=rx.match(
                        row["sync_status"].to(str), ("error", "red"), ("pending", "amber"), "green"
                    ),
                ),
                rx.text(row["sync_status"]),
            ),
        ),
        rx.table.cell(
            rx.cond(
                row["open_tickets"].to(int) > 0,
                rx.badge(row["open_tickets"], color_scheme="orange", variant="soft"),
                rx.text("0", color=MUTED),
            ),
            text_align="right",
        ),
    )


def _table() -> rx.Component:
    """The list; it scrolls sideways inside its own box when the screen is narrow."""
    return scroll_table(
        "products-table",
        [_sort_header(column, key) for column, key in COLUMNS],
        rx.foreach(State.rows, _product_row),
        min_width="700px",
    )


def _results() -> rx.Component:
    no_match = notice(
        t("products.no_match"),
        "products-no-match",
        rx.box(
            rx.button(
                t("products.filter.clear"),
                variant="outline",
                size="2",
                on_click=State.clear_filters,
                id="products-no-match-clear",
            )
        ),
    )
    return list_results(State, no_match, _table(), "products", "products.page_size", PAGE_SIZES)


def products_page() -> rx.Component:
    """Knowledge and products: the products this user may see (SPEC B2)."""
    return shell(
        products_nav("products"),
        rx.vstack(
            page_title("products.title", "products.intro"),
            rx.cond(
                State.denied,
                denied_notice("products-denied"),
                rx.cond(
                    State.loaded & ~State.has_products,
                    # Nothing in scope: nothing to search either.
                    notice(t("products.empty"), "products-empty"),
                    rx.vstack(
                        _toolbar(),
                        rx.cond(State.show_advanced, _filter_panel()),
                        _results(),
                        spacing="4",
                        width="100%",
                    ),
                ),
            ),
            spacing="4",
            width="100%",
        ),
        active="products",
    )


def register(app: rx.App) -> None:
    """Add the product list to the app."""
    add_pages(app, ((products_page, routes.PRODUCTS, ProductListState.load),))
