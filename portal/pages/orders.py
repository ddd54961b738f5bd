"""Pages of consumables orders (SPEC C7): the order form with open orders and history, one
order, and the agents' list of orders across customers.

Customers reach them from the Stock management tab; provider agents from
``/desk/orders``, whose detail page shows them the status controls.
"""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.dialogs import confirm_dialog
from portal.components.i18n import t
from portal.components.layout import BRAND_BLUE, field_error, section_nav, shell
from portal.components.pager import pager
from portal.pages.stock import (
    LABEL_STYLE,
    MUTED,
    STOCK_ORDERS,
    callouts,
    denied,
    stock_shell,
    table,
    title,
    translated,
)
from portal.services.orders import PICKER_LIMIT, STATUSES
from portal.state.auth import AuthState
from portal.state.orders import DeskOrdersState, OrderDetailState, OrdersState

ORDER = "/stock/orders/[order_id]"
DESK_ORDERS = "/desk/orders"
DESK_ORDER = "/desk/orders/[order_id]"

_STATUS_PREFIX = "order.status."
_SELECT_STYLE = {
    "padding": "6px 8px",
    "border": "1px solid #cbd5e1",
    "border_radius": "6px",
    "background": "white",
    "width": "100%",
    "font_size": "14px",
}
_COLOURS = (
    ("submitted", "blue"),
    ("confirmed", "indigo"),
    ("dispatched", "amber"),
    ("delivered", "green"),
    ("cancelled", "gray"),
)


def order_badge(status: rx.Var, key: rx.Var, **props) -> rx.Component:
    """The badge of an order's status, coloured by the status."""
    label = t(key.to(str))
    return rx.match(
        status,
        *[
            (value, rx.badge(label, color_scheme=colour, variant="soft", **props))
            for value, colour in _COLOURS
        ],
        rx.badge(label, color_scheme="gray", variant="soft", **props),
    )


def desk_nav() -> rx.Component:
    """Second-level navigation of the agents' desk, with the orders."""
    return section_nav(
        "desk-orders",
        [
            ("queue", routes.DESK, "desk.section.queue", True),
            ("desk-requests", routes.DESK_REQUESTS, "request.nav_desk_requests", True),
            ("desk-orders", DESK_ORDERS, "order.nav_desk_orders", True),
        ],
    )


# --- The order form -------------------------------------------------------------------------


def _product_choice(row: rx.Var) -> rx.Component:
    return rx.button(
        rx.vstack(
            rx.flex(
                rx.text(row["serial"], weight="bold", size="2"),
                rx.cond(
                    row["auto_replenish"] != "",
                    rx.badge(t("stock.auto_replenish"), color_scheme="green", size="1"),
                ),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.text(row["model"], size="1"),
            rx.text(row["address"], size="1", color=MUTED),
            spacing="0",
            align="start",
        ),
        type="button",
        variant="outline",
        class_name="product-choice",
        custom_attrs={"data-serial": row["serial"]},
        on_click=OrdersState.choose_product(row["id"]),
        style={"height": "auto", "padding": "8px 12px", "justify_content": "flex-start"},
    )


def _picker() -> rx.Component:
    state = OrdersState
    chosen = rx.card(
        rx.flex(
            rx.icon("printer", size=20, color=BRAND_BLUE),
            rx.vstack(
                rx.text(state.chosen_product["serial"], weight="bold"),
                rx.text(state.chosen_product["model"], size="2"),
                rx.text(state.chosen_product["address"], size="1", color=MUTED),
                spacing="0",
            ),
            rx.spacer(),
            rx.button(
                t("order.change_product"),
                type="button",
                variant="soft",
                size="1",
                on_click=state.change_product,
                id="order-product-change",
            ),
            spacing="3",
            align="center",
            wrap="wrap",
        ),
        id="order-product-chosen",
        width="100%",
    )
    search = rx.vstack(
        rx.form(
            rx.vstack(
                rx.el.label(
                    t("order.product_search"), html_for="order-product-search", style=LABEL_STYLE
                ),
                rx.flex(
                    rx.input(
                        id="order-product-search",
                        name="query",
                        type="search",
                        max_length=60,
                        auto_complete="off",
                        placeholder=t("order.product_search_placeholder"),
                        style={"flex": "1 1 200px", "min_width": "0"},
                    ),
                    rx.button(
                        rx.icon("search", size=14),
                        t("list.search"),
                        type="submit",
                        id="order-product-search-submit",
                    ),
                    spacing="2",
                    wrap="wrap",
                    width="100%",
                ),
                spacing="1",
                width="100%",
            ),
            on_submit=state.search_products,
            reset_on_submit=False,
            role="search",
            width="100%",
        ),
        rx.cond(
            state.product_searched,
            rx.cond(
                state.product_results.length() > 0,
                rx.grid(
                    rx.foreach(state.product_results, _product_choice),
                    columns=rx.breakpoints(initial="1", sm="2", md="3"),
                    spacing="2",
                    width="100%",
                    id="order-product-results",
                ),
                rx.text(t("order.no_products"), size="2", color=MUTED),
            ),
        ),
        rx.cond(
            state.product_results.length() >= PICKER_LIMIT,
            rx.text(t("order.more_products"), size="1", color=MUTED),
        ),
        spacing="2",
        width="100%",
    )
    location = rx.vstack(
        rx.el.label(t("order.for_location"), html_for="order-location", style=LABEL_STYLE),
        rx.el.select(
            rx.el.option(t("order.no_location"), value=""),
            rx.foreach(state.locations, lambda loc: rx.el.option(loc["name"], value=loc["id"])),
            id="order-location",
            value=state.order_location_id,
            on_change=state.choose_location,
            style={**_SELECT_STYLE, "max_width": "420px"},
        ),
        spacing="1",
        width="100%",
    )
    return rx.vstack(
        rx.cond(
            state.chosen_product_id != "", chosen, rx.cond(state.order_location_id == "", search)
        ),
        field_error(translated(state.errors["product_id"])),
        rx.cond(state.locations.length() > 0, location),
        spacing="3",
        width="100%",
    )


def _item_row(item: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.vstack(
                rx.el.label(
                    item["name"],
                    html_for="qty-" + item["code"].to(str),
                    style={"font_weight": "500", "font_size": "14px"},
                ),
                rx.text(item["code"], size="1", color=MUTED),
                spacing="0",
            )
        ),
        rx.table.cell(t(item["kind_key"].to(str)), style={"white_space": "nowrap"}),
        rx.table.cell(
            rx.cond(
                item["included"] != "",
                rx.badge(t("order.included"), color_scheme="green", variant="soft"),
                rx.badge(t("order.not_included"), color_scheme="amber", variant="soft"),
            )
        ),
        rx.table.cell(item["max_per_order"], style={"white_space": "nowrap"}),
        rx.table.cell(
            rx.vstack(
                rx.input(
                    type="number",
                    input_mode="numeric",
                    name="qty_" + item["consumable_id"].to(str),
                    id="qty-" + item["code"].to(str),
                    class_name="order-qty",
                    width="88px",
                    aria_invalid=rx.cond(item["error"] != "", "true", "false"),
                ),
                field_error(translated(item["error"])),
                spacing="1",
            )
        ),
        class_name="order-item",
    )


def _radio(id_: str, value: str, label_key: str) -> rx.Component:
    return rx.el.label(
        rx.el.input(
            type="radio",
            name="delivery",
            value=value,
            id=id_,
            checked=OrdersState.delivery == value,
            on_change=OrdersState.set_delivery(value),
        ),
        rx.text.span(t(label_key), margin_left="6px"),
        html_for=id_,
        style={"display": "flex", "align_items": "center", "font_size": "14px"},
    )


def _delivery() -> rx.Component:
    state = OrdersState
    location_select = rx.vstack(
        rx.el.label(t("order.deliver_to"), html_for="delivery-location-select", style=LABEL_STYLE),
        rx.el.select(
            rx.foreach(state.locations, lambda loc: rx.el.option(loc["name"], value=loc["id"])),
            id="delivery-location-select",
            name="deliver_to",
            default_value=state.order_location_id,
            style={**_SELECT_STYLE, "max_width": "420px"},
        ),
        spacing="1",
        width="100%",
    )
    extra = rx.vstack(
        rx.text(state.chosen_product["address"], size="2", id="delivery-address"),
        rx.el.label(t("order.delivery_extra"), html_for="delivery-extra", style=LABEL_STYLE),
        rx.input(
            id="delivery-extra",
            name="delivery_extra",
            default_value=state.chosen_product["extra"],
            max_length=300,
            width="100%",
            aria_invalid=rx.cond(state.errors["delivery_extra"] != "", "true", "false"),
        ),
        rx.text(t("order.delivery_extra_hint"), size="1", color=MUTED),
        field_error(translated(state.errors["delivery_extra"])),
        spacing="1",
        width="100%",
    )
    return rx.vstack(
        rx.text(t("order.step_delivery"), weight="medium"),
        rx.flex(
            rx.cond(
                state.chosen_product_id != "",
                _radio("delivery-product", "product", "order.delivery_product"),
            ),
            rx.cond(
                state.locations.length() > 0,
                _radio("delivery-location", "location", "order.delivery_location"),
            ),
            spacing="4",
            wrap="wrap",
        ),
        rx.cond(
            (state.delivery == "location") | (state.chosen_product_id == ""),
            location_select,
            extra,
        ),
        field_error(translated(state.errors["delivery"])),
        spacing="2",
        width="100%",
    )


def _order_form() -> rx.Component:
    state = OrdersState
    auto = rx.callout(
        t("order.auto_replenish_notice"),
        icon="refresh-cw",
        color_scheme="blue",
        role="status",
        width="100%",
        id="order-auto-replenish",
    )
    items = rx.form(
        rx.vstack(
            rx.text(t("order.step_items"), weight="medium"),
            table(
                "order-items",
                [
                    "stock.col_consumable",
                    "stock.col_kind",
                    "order.col_contract",
                    "order.col_max",
                    "order.col_quantity",
                ],
                rx.foreach(state.items, _item_row),
                min_width="620px",
            ),
            field_error(translated(state.errors["items"])),
            _delivery(),
            rx.button(
                rx.icon("shopping-cart", size=16),
                t("order.submit"),
                type="submit",
                size="3",
                id="order-submit",
            ),
            spacing="3",
            width="100%",
        ),
        key=state.form_key,
        on_submit=state.submit_order,
        reset_on_submit=False,
        width="100%",
        id="order-form",
    )
    return rx.card(
        rx.vstack(
            rx.heading(t("order.form_heading"), size="4", as_="h2"),
            rx.text(t("order.step_product"), weight="medium"),
            _picker(),
            rx.cond(
                (state.chosen_product_id != "") & (state.chosen_product["auto_replenish"] == "1"),
                auto,
                rx.cond(state.items.length() > 0, items),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


# --- Lists ------------------------------------------------------------------------------------


def _order_row(row: rx.Var, link, *, with_organisation: bool = False) -> rx.Component:
    organisation = [rx.table.cell(row["organisation"])] if with_organisation else []
    return rx.table.row(
        *organisation,
        rx.table.row_header_cell(
            rx.link(row["number"], href=link(row["id"]), class_name="order-link"),
            style={"white_space": "nowrap"},
        ),
        rx.table.cell(row["created"], style={"white_space": "nowrap"}),
        rx.table.cell(
            rx.cond(row["serial"] != "", row["serial"], row["location"]),
            style={"white_space": "nowrap"},
        ),
        rx.table.cell(row["items"], style={"min_width": "150px"}),
        rx.table.cell(
            rx.cond(row["destination"] != "", row["destination"], row["delivery_address"]),
            style={"min_width": "200px"},
        ),
        rx.table.cell(order_badge(row["status"], row["status_key"], class_name="order-status")),
        rx.table.cell(row["tracking_number"], style={"white_space": "nowrap"}),
        class_name="order-row",
        custom_attrs={"data-number": row["number"], "data-serial": row["serial"]},
    )


_LIST_COLUMNS = [
    "order.col_number",
    "col.created",
    "order.col_for",
    "order.col_items",
    "order.col_delivery",
    "col.status",
    "order.col_tracking",
]


def _customer_link(order_id: rx.Var) -> rx.Var:
    return STOCK_ORDERS + "/" + order_id.to(str)


def _desk_link(order_id: rx.Var) -> rx.Var:
    return DESK_ORDERS + "/" + order_id.to(str)


def _filters() -> rx.Component:
    state = OrdersState

    def labelled(label_key: str, id_: str, control: rx.Component) -> rx.Component:
        return rx.vstack(
            rx.el.label(t(label_key), html_for=id_, style=LABEL_STYLE),
            control,
            spacing="1",
            style={"flex": "1 1 150px", "min_width": "0"},
        )

    return rx.form(
        rx.flex(
            labelled(
                "col.status",
                "order-filter-status",
                rx.el.select(
                    rx.el.option(t("order.filter_all"), value=""),
                    *[rx.el.option(t(f"order.status.{s}"), value=s) for s in STATUSES],
                    id="order-filter-status",
                    name="status",
                    default_value=state.filter_status,
                    style=_SELECT_STYLE,
                ),
            ),
            labelled(
                "col.serial",
                "order-filter-serial",
                rx.input(
                    id="order-filter-serial",
                    name="serial",
                    type="search",
                    max_length=60,
                    default_value=state.filter_serial,
                    width="100%",
                ),
            ),
            labelled(
                "order.filter_from",
                "order-filter-from",
                rx.input(
                    id="order-filter-from",
                    name="date_from",
                    type="date",
                    default_value=state.filter_from,
                    width="100%",
                ),
            ),
            labelled(
                "order.filter_to",
                "order-filter-to",
                rx.input(
                    id="order-filter-to",
                    name="date_to",
                    type="date",
                    default_value=state.filter_to,
                    width="100%",
                ),
            ),
            rx.hstack(
                rx.button(
                    rx.icon("filter", size=14),
                    t("order.filter_apply"),
                    type="submit",
                    id="order-filter-apply",
                ),
                rx.button(
                    t("list.show_all"),
                    type="button",
                    variant="outline",
                    on_click=state.clear_filters,
                    id="order-filter-clear",
                ),
                spacing="2",
                align="end",
            ),
            spacing="3",
            wrap="wrap",
            align="end",
            width="100%",
        ),
        field_error(translated(state.filter_error)),
        on_submit=state.apply_filters,
        reset_on_submit=False,
        role="search",
        width="100%",
    )


def orders_page() -> rx.Component:
    """Stock management: order consumables, open orders and the order history (SPEC C7)."""
    state = OrdersState
    open_card = rx.card(
        rx.vstack(
            rx.heading(t("order.open_heading"), size="4", as_="h2"),
            rx.cond(
                state.open_rows.length() > 0,
                table(
                    "orders-open-table",
                    _LIST_COLUMNS,
                    rx.foreach(state.open_rows, lambda r: _order_row(r, _customer_link)),
                    "900px",
                ),
                rx.text(t("order.none_open"), size="2", color=MUTED, id="orders-open-empty"),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )
    history_card = rx.card(
        rx.vstack(
            rx.heading(t("order.history_heading"), size="4", as_="h2"),
            _filters(),
            rx.cond(
                state.rows.length() > 0,
                table(
                    "orders-table",
                    _LIST_COLUMNS,
                    rx.foreach(state.rows, lambda r: _order_row(r, _customer_link)),
                    "900px",
                ),
                rx.text(t("order.none"), size="2", color=MUTED, id="orders-empty"),
            ),
            pager("orders", state),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )
    created = rx.cond(
        state.created_number != "",
        rx.text(
            t("order.heading"),
            " ",
            rx.link(
                state.created_number,
                href=STOCK_ORDERS + "/" + state.created_id,
                id="order-created-link",
                weight="bold",
            ),
            size="2",
        ),
    )
    return stock_shell(
        "orders",
        title("order.title", "order.intro"),
        callouts(state.notice, state.error, "order"),
        created,
        rx.cond(
            state.denied,
            denied("orders-denied"),
            rx.vstack(
                rx.cond(state.can_order, _order_form()),
                open_card,
                history_card,
                spacing="4",
                width="100%",
            ),
        ),
    )


# --- One order ----------------------------------------------------------------------------------


def _definition(label_key: str, value: rx.Var | rx.Component, id_: str = "") -> rx.Component:
    return rx.vstack(
        rx.text(t(label_key), size="1", color=MUTED, weight="medium"),
        value
        if isinstance(value, rx.Component)
        else rx.text(value, size="2", id=id_ or None, style={"overflow_wrap": "anywhere"}),
        spacing="0",
        width="100%",
    )


def _line_row(line: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(line["name"]),
        rx.table.cell(line["code"], style={"white_space": "nowrap"}),
        rx.table.cell(t(line["kind_key"].to(str))),
        rx.table.cell(line["quantity"]),
        class_name="order-line",
    )


def _history_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["date"], style={"white_space": "nowrap"}),
        rx.table.cell(row["who"]),
        rx.table.cell(
            rx.flex(
                rx.cond(
                    row["from_status"] != "",
                    rx.fragment(
                        order_badge(row["from_status"], row["from_key"]),
                        rx.icon("arrow-right", size=14, color=MUTED),
                    ),
                ),
                order_badge(row["to_status"], row["to_key"]),
                spacing="1",
                align="center",
                wrap="wrap",
            )
        ),
        rx.table.cell(row["tracking_number"], style={"white_space": "nowrap"}),
        class_name="history-row",
    )


def _transition_form() -> rx.Component:
    state = OrderDetailState
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(t("order.transition_heading"), size="4", as_="h2"),
                rx.grid(
                    rx.vstack(
                        rx.el.label(
                            t("order.transition_status"),
                            html_for="order-transition-status",
                            style=LABEL_STYLE,
                        ),
                        rx.el.select(
                            rx.foreach(
                                state.transitions,
                                lambda s: rx.el.option(t(_STATUS_PREFIX + s), value=s),
                            ),
                            id="order-transition-status",
                            name="status",
                            style=_SELECT_STYLE,
                        ),
                        field_error(translated(state.errors["status"])),
                        spacing="1",
                        width="100%",
                    ),
                    rx.vstack(
                        rx.el.label(
                            t("order.tracking_number"), html_for="order-tracking", style=LABEL_STYLE
                        ),
                        rx.input(
                            id="order-tracking",
                            name="tracking_number",
                            max_length=60,
                            width="100%",
                            aria_invalid=rx.cond(
                                state.errors["tracking_number"] != "", "true", "false"
                            ),
                        ),
                        rx.text(t("order.tracking_hint"), size="1", color=MUTED),
                        field_error(translated(state.errors["tracking_number"])),
                        spacing="1",
                        width="100%",
                    ),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    spacing="3",
                    width="100%",
                ),
                rx.button(
                    t("order.transition_submit"), type="submit", id="order-transition-submit"
                ),
                spacing="3",
                width="100%",
            ),
            key=state.form_key,
            on_submit=state.transition,
            reset_on_submit=False,
            width="100%",
        ),
        width="100%",
    )


def _cancel_dialog() -> rx.Component:
    state = OrderDetailState
    return confirm_dialog(
        title="order.cancel_title",
        description="order.cancel_text",
        keep=("order.cancel_keep", state.dismiss_confirmation, "order-cancel-keep"),
        confirm=("order.cancel_confirm", state.confirm_cancel, "order-cancel-confirm"),
        open=state.confirm_open,
        on_open_change=state.confirmation_changed,
    )


def _order_body(back_href: str, back_key: str) -> rx.Component:
    state = OrderDetailState
    order = state.order
    summary = rx.card(
        rx.grid(
            _definition(
                "col.serial",
                rx.cond(
                    order["product_id"] != "",
                    rx.link(
                        order["serial"],
                        href=routes.product_link("") + order["product_id"],
                        size="2",
                        id="order-product-link",
                    ),
                    rx.text("—", size="2"),
                ),
            ),
            _definition("col.product_name", order["model"]),
            _definition("order.col_location", order["location"]),
            _definition("order.delivery_address", order["delivery_address"], "order-address"),
            _definition("order.delivery_extra", order["delivery_extra"]),
            _definition("order.tracking_number", order["tracking_number"], "order-tracking-number"),
            _definition(
                "order.ordered_by",
                rx.text(order["created_by"], " · ", order["created"], size="2"),
            ),
            rx.cond(AuthState.is_agent, _definition("order.organisation", order["organisation"])),
            columns=rx.breakpoints(initial="1", sm="2", md="3"),
            spacing="4",
            width="100%",
        ),
        width="100%",
    )
    lines = rx.card(
        rx.vstack(
            rx.heading(t("order.lines_heading"), size="4", as_="h2"),
            table(
                "order-lines",
                ["stock.col_consumable", "order.col_code", "stock.col_kind", "order.col_quantity"],
                rx.foreach(state.lines, _line_row),
                "480px",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )
    history = rx.card(
        rx.vstack(
            rx.heading(t("order.history_title"), size="4", as_="h2"),
            table(
                "order-history",
                ["order.col_date", "order.col_who", "col.status", "order.col_tracking"],
                rx.foreach(state.history, _history_row),
                "560px",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )
    heading = rx.flex(
        rx.heading(t("order.heading"), " ", order["number"], size="6", as_="h1", id="order-number"),
        order_badge(order["status"], order["status_key"], id="order-status", size="2"),
        rx.spacer(),
        rx.cond(
            state.can_cancel,
            rx.button(
                rx.icon("x", size=14),
                t("order.cancel"),
                color_scheme="red",
                variant="soft",
                on_click=state.ask_confirmation,
                id="order-cancel",
            ),
        ),
        spacing="3",
        align="center",
        wrap="wrap",
        width="100%",
    )
    back = rx.link(
        rx.icon("arrow-left", size=14), t(back_key), href=back_href, id="order-back", size="2"
    )
    return rx.cond(
        state.not_found,
        rx.vstack(
            rx.callout(
                t("order.not_found"),
                icon="search-x",
                color_scheme="gray",
                role="alert",
                width="100%",
                id="order-not-found",
            ),
            back,
            spacing="3",
            width="100%",
        ),
        rx.cond(
            state.loaded,
            rx.vstack(
                back,
                heading,
                callouts(state.notice, state.error, "order-detail"),
                summary,
                rx.cond(state.can_transition, _transition_form()),
                lines,
                history,
                _cancel_dialog(),
                spacing="4",
                width="100%",
            ),
            rx.center(rx.spinner(size="3"), padding="32px", width="100%"),
        ),
    )


def order_page() -> rx.Component:
    """Stock management: one order with its lines and status history (SPEC C7)."""
    return stock_shell("orders", _order_body(STOCK_ORDERS, "order.back"))


def desk_order_page() -> rx.Component:
    """The agents' desk: one order, with the controls to move it on."""
    return shell(
        rx.vstack(
            desk_nav(), _order_body(DESK_ORDERS, "order.back_desk"), spacing="4", width="100%"
        ),
        active="service",
    )


_DESK_FILTERS = ("open", "all", *STATUSES)


def desk_orders_page() -> rx.Component:
    """Provider agents: consumables orders across customers (SPEC C7)."""
    state = DeskOrdersState
    return shell(
        rx.vstack(
            desk_nav(),
            title("order.desk_title", "order.desk_intro"),
            rx.cond(
                state.denied,
                denied("desk-orders-denied"),
                rx.vstack(
                    rx.hstack(
                        rx.el.label(
                            t("col.status"), html_for="desk-order-status", style=LABEL_STYLE
                        ),
                        rx.el.select(
                            *[
                                rx.el.option(
                                    t(f"order.status.{s}")
                                    if s in STATUSES
                                    else t(f"order.filter_{s}"),
                                    value=s,
                                )
                                for s in _DESK_FILTERS
                            ],
                            id="desk-order-status",
                            value=state.status,
                            on_change=state.set_status,
                            style={**_SELECT_STYLE, "width": "auto"},
                        ),
                        align="center",
                        spacing="2",
                    ),
                    rx.cond(
                        state.rows.length() > 0,
                        table(
                            "desk-orders-table",
                            ["order.organisation", *_LIST_COLUMNS],
                            rx.foreach(
                                state.rows,
                                lambda r: _order_row(r, _desk_link, with_organisation=True),
                            ),
                            "860px",
                        ),
                        rx.text(t("order.none"), size="2", color=MUTED, id="desk-orders-empty"),
                    ),
                    pager("desk-orders", state),
                    spacing="3",
                    width="100%",
                ),
            ),
            spacing="4",
            width="100%",
        ),
        active="service",
    )


def register(app: rx.App) -> None:
    """Add the orders pages (customers and agents) to the app."""
    for component, route, load in (
        (orders_page, STOCK_ORDERS, OrdersState.load),
        (order_page, ORDER, OrderDetailState.load),
        (desk_orders_page, DESK_ORDERS, DeskOrdersState.load),
        (desk_order_page, DESK_ORDER, OrderDetailState.load),
    ):
        app.add_page(component, route=route, title="Portal", on_load=[AuthState.check_login, load])
