"""Knowledge and products: the product list (SPEC B2) — serial search, advanced search,
sortable columns, pagination with records per page, CSV export."""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.i18n import t
from portal.components.layout import BRAND_BLUE, products_nav, shell
from portal.components.pager import page_size_select, pager
from portal.services.listing import PAGE_SIZES
from portal.state.auth import AuthState
from portal.state.products import ProductListState

MUTED = "#475569"
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
_LABEL_STYLE = {"font_weight": "500", "font_size": "14px"}
_SELECT_STYLE = {
    "width": "100%",
    "height": "32px",
    "padding": "0 8px",
    "border": "1px solid #cbd5e1",
    "border_radius": "6px",
    "background": "white",
    "color": "#1f2933",
    "font_size": "14px",
}


def _title() -> rx.Component:
    return rx.vstack(
        rx.heading(t("products.title"), size="6", as_="h1"),
        rx.text(t("products.intro"), color=MUTED),
        spacing="1",
        width="100%",
    )


def _serial_search() -> rx.Component:
    """The serial number box; "show all" appears while a serial is searched."""
    return rx.form(
        rx.vstack(
            rx.el.label(
                t("products.search_label"), html_for="product-serial-search", style=_LABEL_STYLE
            ),
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


def _advanced_toggle() -> rx.Component:
    return rx.button(
        rx.icon("sliders-horizontal", size=16),
        t("products.advanced"),
        rx.cond(
            State.advanced_count > 0,
            rx.badge(State.advanced_count, variant="solid", radius="full", size="1"),
        ),
        rx.cond(
            State.show_advanced,
            rx.icon("chevron-up", size=16),
            rx.icon("chevron-down", size=16),
        ),
        type="button",
        size="3",
        variant="soft",
        on_click=State.toggle_advanced,
        id="product-advanced-toggle",
        aria_expanded=rx.cond(State.show_advanced, "true", "false"),
        aria_controls="product-filters",
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
            _advanced_toggle(),
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


def _labelled(id_: str, label_key: str, control: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.el.label(t(label_key), html_for=id_, style=_LABEL_STYLE),
        control,
        spacing="1",
        width="100%",
    )


def _option(option: rx.Var) -> rx.Component:
    return rx.el.option(option["label"], value=option["value"])


def _status_option(option: rx.Var) -> rx.Component:
    return rx.el.option(t(option["label"].to(str)), value=option["value"])


def _select(
    id_: str, name: str, label_key: str, options: rx.Var, current: rx.Var, *, keys: bool = False
) -> rx.Component:
    """A native select (keyboard friendly, part of the form) with "All" first."""
    return _labelled(
        id_,
        label_key,
        rx.el.select(
            rx.el.option(t("products.filter.any"), value=""),
            rx.foreach(options, _status_option if keys else _option),
            id=id_,
            name=name,
            default_value=current,
            style=_SELECT_STYLE,
        ),
    )


def _text_filter(id_: str, name: str, label_key: str, current: rx.Var) -> rx.Component:
    return _labelled(
        id_,
        label_key,
        rx.input(id=id_, name=name, default_value=current, max_length=60, width="100%"),
    )


def _filter_panel() -> rx.Component:
    """The advanced search: selects and text boxes in a grid that stacks on narrow screens."""
    return rx.card(
        rx.form(
            rx.vstack(
                rx.grid(
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
                    _text_filter(
                        "filter-alternative-name",
                        "alternative_name",
                        "products.filter.alternative_name",
                        State.filter_alternative_name,
                    ),
                    _text_filter("filter-city", "city", "products.filter.city", State.filter_city),
                    columns=rx.breakpoints(initial="1", sm="2", md="3"),
                    spacing="3",
                    width="100%",
                ),
                rx.flex(
                    rx.button(
                        rx.icon("filter", size=16),
                        t("products.filter.apply"),
                        type="submit",
                        id="filter-apply",
                    ),
                    rx.button(
                        t("products.filter.clear"),
                        type="button",
                        variant="outline",
                        on_click=State.clear_filters,
                        id="filter-clear",
                    ),
                    spacing="2",
                    wrap="wrap",
                ),
                spacing="3",
                width="100%",
            ),
            on_submit=State.apply_filters,
            reset_on_submit=False,
            key=State.form_version,
            aria_label=t("products.advanced"),
        ),
        id="product-filters",
        width="100%",
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
    return rx.box(
        rx.table.root(
            rx.table.header(rx.table.row(*[_sort_header(c, key) for c, key in COLUMNS])),
            rx.table.body(rx.foreach(State.rows, _product_row)),
            variant="surface",
            size=rx.breakpoints(initial="1", md="2"),
            width="100%",
            style={"min_width": "700px"},
            id="products-table",
        ),
        width="100%",
        style={"overflow_x": "auto", "-webkit-overflow-scrolling": "touch"},
    )


def _pager() -> rx.Component:
    return pager(
        "products",
        State,
        page_size_select(
            "products", "products.page_size", PAGE_SIZES, State.page_size_text, State.set_page_size
        ),
    )


def _notice(message: rx.Var, id_: str, *extra: rx.Component) -> rx.Component:
    return rx.callout.root(
        rx.callout.icon(rx.icon("info")),
        rx.callout.text(message),
        *extra,
        color_scheme="gray",
        role="status",
        width="100%",
        id=id_,
    )


def _results() -> rx.Component:
    return rx.cond(
        ~State.loaded,
        rx.center(rx.spinner(size="3"), padding="48px"),
        rx.cond(
            State.total == 0,
            _notice(
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
            ),
            rx.vstack(_table(), _pager(), spacing="3", width="100%"),
        ),
    )


def products_page() -> rx.Component:
    """Knowledge and products: the products this user may see (SPEC B2)."""
    return shell(
        products_nav("products"),
        rx.vstack(
            _title(),
            rx.cond(
                State.denied,
                rx.callout(
                    t("list.denied"),
                    icon="shield-alert",
                    color_scheme="amber",
                    role="alert",
                    width="100%",
                    id="products-denied",
                ),
                rx.cond(
                    State.loaded & ~State.has_products,
                    # Nothing in scope: nothing to search either.
                    _notice(t("products.empty"), "products-empty"),
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
    app.add_page(
        products_page,
        route=routes.PRODUCTS,
        title="Portal",
        on_load=[AuthState.check_login, ProductListState.load],
    )
