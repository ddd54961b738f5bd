"""Pages of consumables orders (SPEC C7): the order form with open orders and history, one
order, and the agents' list of orders across customers.

Customers reach them from the Stock management tab; provider agents from
``/desk/orders``, whose detail page shows them the status controls.
"""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.common import (
    LABEL_STYLE,
    MUTED,
    add_pages,
    callouts,
    denied_notice,
    field_label,
    labelled_field,
    page_title,
    scroll_table,
    section_card,
    tab_page,
    translated,
)
from portal.components.i18n import t
from portal.components.layout import field_error, section_nav
from portal.components.pager import pager
from portal.components.records import (
    ConfirmTexts,
    PickerTexts,
    action_button,
    chosen_product,
    confirm_action,
    definition,
    definition_grid,
    detail_heading,
    history_row,
    not_found,
    product_choice,
    product_search,
    record_view,
    rows_or_text,
    status_badge,
    status_select,
    submit_form,
    transition_form,
)
from portal.pages.stock import STOCK_ORDERS, stock_shell
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
    return status_badge(status, key, _COLOURS, **props)


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


def _product_choice(row: rx.Var) -> rx.Component:
    return product_choice(
        row,
        badge=rx.cond(
            row["auto_replenish"] != "",
            rx.badge(t("stock.auto_replenish"), color_scheme="green", size="1"),
        ),
        place=rx.text(row["address"], size="1", color=MUTED),
        on_click=OrdersState.choose_product(row["id"]),
    )


def _picker() -> rx.Component:
    state = OrdersState
    chosen = chosen_product(
        state.chosen_product,
        rx.text(state.chosen_product["address"], size="1", color=MUTED),
        ("order.change_product", state.change_product),
        "order",
    )
    search = product_search(
        state,
        prefix="order",
        texts=PickerTexts(
            label="order.product_search",
            placeholder="order.product_search_placeholder",
            none_found="order.no_products",
            more="order.more_products",
        ),
        choice=_product_choice,
        limit=PICKER_LIMIT,
    )
    location = rx.vstack(
        field_label("order.for_location", "order-location"),
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
                    style=LABEL_STYLE,
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
        field_label("order.deliver_to", "delivery-location-select"),
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
        field_label("order.delivery_extra", "delivery-extra"),
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
    items = submit_form(
        "order-form",
        rx.text(t("order.step_items"), weight="medium"),
        scroll_table(
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
        submit=("shopping-cart", "order.submit", "order-submit"),
        key=state.form_key,
        on_submit=state.submit_order,
    )
    return section_card(
        "order.form_heading",
        rx.text(t("order.step_product"), weight="medium"),
        _picker(),
        rx.cond(
            (state.chosen_product_id != "") & (state.chosen_product["auto_replenish"] == "1"),
            auto,
            rx.cond(state.items.length() > 0, items),
        ),
    )


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
            field_label(label_key, id_),
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
    open_card = section_card(
        "order.open_heading",
        rows_or_text(
            state.open_rows,
            scroll_table(
                "orders-open-table",
                _LIST_COLUMNS,
                rx.foreach(state.open_rows, lambda r: _order_row(r, _customer_link)),
                min_width="900px",
            ),
            "order.none_open",
            "orders-open-empty",
        ),
    )
    history_card = section_card(
        "order.history_heading",
        _filters(),
        rows_or_text(
            state.rows,
            scroll_table(
                "orders-table",
                _LIST_COLUMNS,
                rx.foreach(state.rows, lambda r: _order_row(r, _customer_link)),
                min_width="900px",
            ),
            "order.none",
            "orders-empty",
        ),
        pager("orders", state),
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
        page_title("order.title", "order.intro"),
        callouts("order", state.notice, state.error),
        created,
        rx.cond(
            state.denied,
            denied_notice("orders-denied"),
            rx.vstack(
                rx.cond(state.can_order, _order_form()),
                open_card,
                history_card,
                spacing="4",
                width="100%",
            ),
        ),
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
    return history_row(
        row,
        order_badge,
        rx.table.cell(row["tracking_number"], style={"white_space": "nowrap"}),
    )


def _transition_form() -> rx.Component:
    state = OrderDetailState
    return transition_form(
        heading_key="order.transition_heading",
        fields=(
            status_select(
                "order-transition-status",
                "order.transition_status",
                state.transitions,
                _STATUS_PREFIX,
                state.errors["status"],
                _SELECT_STYLE,
            ),
            labelled_field(
                field_label("order.tracking_number", "order-tracking"),
                rx.input(
                    id="order-tracking",
                    name="tracking_number",
                    max_length=60,
                    width="100%",
                    aria_invalid=rx.cond(state.errors["tracking_number"] != "", "true", "false"),
                ),
                state.errors["tracking_number"],
                hint_key="order.tracking_hint",
            ),
        ),
        submit=("order.transition_submit", "order-transition-submit"),
        form_key=state.form_key,
        on_submit=state.transition,
    )


def _summary() -> rx.Component:
    order = OrderDetailState.order
    return rx.card(
        definition_grid(
            definition(
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
            definition("col.product_name", order["model"]),
            definition("order.col_location", order["location"]),
            definition("order.delivery_address", order["delivery_address"], id="order-address"),
            definition("order.delivery_extra", order["delivery_extra"]),
            definition(
                "order.tracking_number", order["tracking_number"], id="order-tracking-number"
            ),
            definition(
                "order.ordered_by",
                rx.text(order["created_by"], " · ", order["created"], size="2"),
            ),
            rx.cond(AuthState.is_agent, definition("order.organisation", order["organisation"])),
        ),
        width="100%",
    )


def _order_body(back_href: str, back_key: str) -> rx.Component:
    state = OrderDetailState
    order = state.order
    back = rx.link(
        rx.icon("arrow-left", size=14), t(back_key), href=back_href, id="order-back", size="2"
    )
    return record_view(
        state.not_found,
        state.loaded,
        not_found("order.not_found", "order-not-found", back),
        back,
        detail_heading(
            rx.heading(
                t("order.heading"), " ", order["number"], size="6", as_="h1", id="order-number"
            ),
            order_badge(order["status"], order["status_key"], id="order-status", size="2"),
            action_button(
                state.can_cancel,
                "x",
                "order.cancel",
                state.ask_confirmation,
                "order-cancel",
                color_scheme="red",
            ),
        ),
        callouts("order-detail", state.notice, state.error),
        _summary(),
        rx.cond(state.can_transition, _transition_form()),
        section_card(
            "order.lines_heading",
            scroll_table(
                "order-lines",
                ["stock.col_consumable", "order.col_code", "stock.col_kind", "order.col_quantity"],
                rx.foreach(state.lines, _line_row),
                min_width="480px",
            ),
        ),
        section_card(
            "order.history_title",
            scroll_table(
                "order-history",
                ["order.col_date", "order.col_who", "col.status", "order.col_tracking"],
                rx.foreach(state.history, _history_row),
                min_width="560px",
            ),
        ),
        confirm_action(
            state,
            ConfirmTexts(
                title="order.cancel_title",
                text="order.cancel_text",
                keep="order.cancel_keep",
                confirm="order.cancel_confirm",
            ),
            state.confirm_cancel,
            "order-cancel",
        ),
    )


def order_page() -> rx.Component:
    """Stock management: one order with its lines and status history (SPEC C7)."""
    return stock_shell("orders", _order_body(STOCK_ORDERS, "order.back"))


def desk_order_page() -> rx.Component:
    """The agents' desk: one order, with the controls to move it on."""
    return tab_page("service", desk_nav(), _order_body(DESK_ORDERS, "order.back_desk"))


_DESK_FILTERS = ("open", "all", *STATUSES)


def desk_orders_page() -> rx.Component:
    """Provider agents: consumables orders across customers (SPEC C7)."""
    state = DeskOrdersState
    return tab_page(
        "service",
        desk_nav(),
        page_title("order.desk_title", "order.desk_intro"),
        rx.cond(
            state.denied,
            denied_notice("desk-orders-denied"),
            rx.vstack(
                rx.hstack(
                    field_label("col.status", "desk-order-status"),
                    rx.el.select(
                        *[
                            rx.el.option(
                                t(f"order.status.{s}") if s in STATUSES else t(f"order.filter_{s}"),
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
                rows_or_text(
                    state.rows,
                    scroll_table(
                        "desk-orders-table",
                        ["order.organisation", *_LIST_COLUMNS],
                        rx.foreach(
                            state.rows,
                            lambda r: _order_row(r, _desk_link, with_organisation=True),
                        ),
                        min_width="860px",
                    ),
                    "order.none",
                    "desk-orders-empty",
                ),
                pager("desk-orders", state),
                spacing="3",
                width="100%",
            ),
        ),
    )


def register(app: rx.App) -> None:
    """Add the orders pages (customers and agents) to the app."""
    add_pages(
        app,
        (
            (orders_page, STOCK_ORDERS, OrdersState.load),
            (order_page, ORDER, OrderDetailState.load),
            (desk_orders_page, DESK_ORDERS, DeskOrdersState.load),
            (desk_order_page, DESK_ORDER, OrderDetailState.load),
        ),
    )
