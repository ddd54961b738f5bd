"""A product's page (SPEC B3, B4): detail in cards, "change product" picker, location edit."""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.common import MUTED, SCROLL, add_pages, loading, or_dash
from portal.components.i18n import t
from portal.components.layout import BRAND_BLUE, field_error, products_nav, shell
from portal.components.listing import data_item, data_list, titled_card
from portal.services.products import (
    EDITABLE_FIELDS,
    MAX_LENGTHS,
    POSTAL_CODE_MAX,
    REQUIRED_FIELDS,
)
from portal.state.product import ProductState

_LONG_LIST_HEIGHT = "420px"

_FIELD_LABELS = {
    "alternative_name": "col.alternative_name",
    "site": "product.field.site",
    "address": "col.address",
    "postal_code": "product.field.postal_code",
    "city": "col.city",
    "floor": "product.field.floor",
    "room": "product.field.room",
    "contact_name": "product.field.contact_name",
    "contact_phone": "product.field.contact_phone",
}
_INPUT_LIMITS = {**MAX_LENGTHS, "postal_code": POSTAL_CODE_MAX}
_LINK_BUTTON = {
    "display": "inline-flex",
    "align_items": "center",
    "gap": "8px",
    "padding": "8px 14px",
    "border_radius": "6px",
    "background": "#e8f0fb",
    "font_weight": "500",
}


def _label(key: rx.Var, raw: rx.Var) -> rx.Var | rx.Component:
    """A translated status when it has a message key, else the raw value."""
    return rx.cond(key != "", t(key.to(str)), raw)


def _item(label_key: str, value: rx.Component | rx.Var, id_: str | None = None) -> rx.Component:
    return data_item(label_key, value, id_, label_width="150px")


def _scroll_box(child: rx.Component, id_: str) -> rx.Component:
    """Long tables scroll inside their card, sideways and down."""
    return rx.box(
        child,
        id=id_,
        width="100%",
        style={**SCROLL, "overflow_y": "auto", "max_height": _LONG_LIST_HEIGHT},
    )


def _yes_no(flag: rx.Var, id_: str) -> rx.Component:
    return rx.badge(
        rx.cond(flag, t("product.yes"), t("product.no")),
        color_scheme=rx.cond(flag, "green", "gray"),
        variant="soft",
        id=id_,
    )


def _heading() -> rx.Component:
    general = ProductState.general
    return rx.vstack(
        rx.link(
            rx.hstack(rx.icon("arrow-left", size=14), t("product.back"), align="center"),
            href=routes.PRODUCTS,
            size="2",
            id="product-back",
        ),
        rx.hstack(
            rx.heading(general["serial"], size="7", as_="h1", id="product-serial"),
            rx.cond(
                ProductState.not_reporting,
                rx.badge(
                    rx.icon("wifi-off", size=14),
                    t("product.not_reporting"),
                    color_scheme="red",
                    variant="soft",
                    size="2",
                    id="product-not-reporting",
                ),
            ),
            align="center",
            spacing="3",
            wrap="wrap",
        ),
        rx.hstack(
            rx.text(general["product_name"], id="product-model"),
            rx.cond(
                general["alternative_name"] != "",
                rx.text("· ", general["alternative_name"], color=MUTED),
            ),
            spacing="2",
            wrap="wrap",
        ),
        _actions(),
        spacing="1",
        width="100%",
    )


def _action(icon: str, label_key: str, href: rx.Var, id_: str) -> rx.Component:
    return rx.link(
        rx.button(rx.icon(icon, size=16), t(label_key), variant="soft", size="2"),
        href=href,
        id=id_,
        underline="none",
    )


def _actions() -> rx.Component:
    """What this user may do with the machine: offered only when allowed."""
    product = ProductState.product_id.to_string()
    return rx.hstack(
        rx.cond(
            ProductState.can_create_ticket,
            _action(
                "wrench",
                "product.action.ticket",
                "/service/new?product=" + product,
                "product-new-ticket",
            ),
        ),
        rx.cond(
            ProductState.can_request_move,
            _action(
                "truck",
                "product.action.move",
                "/service/move?product=" + product,
                "product-request-move",
            ),
        ),
        spacing="2",
        wrap="wrap",
        margin_top="8px",
    )


def _picker_result(row: rx.Var) -> rx.Component:
    return rx.button(
        rx.text(row["serial"], weight="bold"),
        rx.text(row["model"], size="2"),
        rx.cond(
            row["alternative_name"] != "",
            rx.text("· ", row["alternative_name"], size="2", color=MUTED),
        ),
        type="button",
        variant="soft",
        color_scheme="gray",
        class_name="picker-result",
        on_click=ProductState.choose(row["id"]),
        style={"justify_content": "flex-start", "flex_wrap": "wrap", "height": "auto"},
        padding_y="6px",
        width="100%",
    )


def _picker() -> rx.Component:
    return rx.vstack(
        rx.form(
            rx.vstack(
                rx.el.label(
                    t("product.picker_label"),
                    html_for="product-picker-input",
                    style={"font_weight": "500", "font_size": "14px"},
                ),
                rx.flex(
                    rx.input(
                        id="product-picker-input",
                        name="query",
                        type="search",
                        placeholder=t("product.picker_hint"),
                        max_length=60,
                        style={"flex": "1 1 200px", "min_width": "0"},
                    ),
                    rx.button(
                        rx.icon("search", size=16),
                        t("list.search"),
                        type="submit",
                        id="product-picker-submit",
                    ),
                    spacing="2",
                    wrap="wrap",
                    width="100%",
                ),
                spacing="1",
                width="100%",
            ),
            on_submit=ProductState.search_picker,
            reset_on_submit=False,
            role="search",
            width="100%",
        ),
        rx.cond(
            ProductState.picker_searched,
            rx.cond(
                ProductState.picker_results.length() > 0,
                rx.vstack(
                    rx.foreach(ProductState.picker_results, _picker_result),
                    spacing="1",
                    width="100%",
                    id="product-picker-results",
                    style={"max_height": "260px", "overflow_y": "auto"},
                ),
                rx.text(t("product.picker_none"), size="2", color=MUTED, id="product-picker-none"),
            ),
        ),
        spacing="2",
        width="100%",
        max_width="520px",
    )


def _not_found() -> rx.Component:
    return rx.callout(
        rx.vstack(
            rx.text(t("product.not_found")),
            rx.link(t("product.back"), href=routes.PRODUCTS),
            spacing="2",
        ),
        icon="search-x",
        color_scheme="amber",
        role="alert",
        width="100%",
        id="product-not-found",
    )


def _location_input(name: str) -> rx.Component:
    error = ProductState.errors.get(name, "")
    required = name in REQUIRED_FIELDS
    return rx.vstack(
        rx.el.label(
            t(_FIELD_LABELS[name]),
            rx.cond(required, rx.text(" *", as_="span", color="#b91c1c", aria_hidden="true")),
            html_for=name,
            style={"font_weight": "500", "font_size": "14px"},
        ),
        rx.input(
            id=name,
            name=name,
            default_value=ProductState.form.get(name, ""),
            max_length=_INPUT_LIMITS[name],
            type="tel" if name == "contact_phone" else "text",
            auto_complete="off",
            width="100%",
            aria_required="true" if required else None,
            aria_invalid=rx.cond(error != "", "true", "false"),
        ),
        field_error(error),
        spacing="1",
        width="100%",
    )


def _location_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(t("product.edit_intro"), size="2", color=MUTED),
            rx.grid(
                *[_location_input(name) for name in EDITABLE_FIELDS],
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            rx.hstack(
                rx.button(t("product.save"), type="submit", id="save-location"),
                rx.button(
                    t("product.cancel"),
                    type="button",
                    variant="outline",
                    on_click=ProductState.cancel_edit,
                    id="cancel-location",
                ),
                spacing="2",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=ProductState.save_location,
        reset_on_submit=False,
        id="location-form",
        width="100%",
    )


def _location_list() -> rx.Component:
    general = ProductState.general
    return data_list(
        _item("col.alternative_name", or_dash(general["alternative_name"]), "product-alt-name"),
        _item("product.field.site", or_dash(general["site"]), "product-site"),
        _item("col.address", or_dash(general["address"]), "product-address"),
        _item("product.field.postal_code", or_dash(general["postal_code"]), "product-postal"),
        _item("col.city", or_dash(general["city"]), "product-city"),
        _item("product.field.floor", or_dash(general["floor"]), "product-floor"),
        _item("product.field.room", or_dash(general["room"]), "product-room"),
        _item(
            "product.field.contact",
            rx.vstack(
                or_dash(general["contact_name"]),
                rx.cond(general["contact_phone"] != "", rx.text(general["contact_phone"])),
                spacing="0",
            ),
            "product-contact",
        ),
    )


def _general_card() -> rx.Component:
    general = ProductState.general
    return titled_card(
        "product.general",
        "product-general",
        rx.cond(
            ProductState.saved,
            rx.callout(
                t("product.saved"),
                icon="circle-check",
                color_scheme="green",
                role="status",
                width="100%",
                id="location-saved",
            ),
        ),
        data_list(
            _item("col.serial", general["serial"]),
            _item("col.product_name", general["product_name"]),
            _item(
                "product.account",
                rx.text(general["account_number"], " · ", general["account_name"]),
                "product-account",
            ),
            _item("col.system_account", or_dash(general["system_account_number"])),
            _item(
                "col.status",
                _label(general["status_key"], general["status"]),
                "product-status",
            ),
            _item(
                "product.maintenance_status",
                _label(general["maintenance_key"], general["maintenance_status"]),
            ),
            _item("col.sync_status", _label(general["sync_key"], general["sync_status"])),
            _item("product.installed_on", or_dash(general["installed_on"])),
        ),
        rx.separator(size="4"),
        rx.hstack(
            rx.heading(t("product.location"), size="3", as_="h3"),
            rx.spacer(),
            rx.cond(
                ProductState.can_edit & ~ProductState.editing,
                rx.button(
                    rx.icon("pencil", size=14),
                    t("product.edit"),
                    variant="soft",
                    size="2",
                    on_click=ProductState.start_edit,
                    id="edit-location",
                ),
            ),
            align="center",
            width="100%",
        ),
        rx.cond(ProductState.editing, _location_form(), _location_list()),
    )


def _manager(row: rx.Var) -> rx.Component:
    return rx.box(
        rx.text(row["name"], weight="medium"),
        rx.text(row["email"], size="2", color=MUTED, style={"overflow_wrap": "anywhere"}),
        rx.hstack(
            rx.cond(
                row["direct"] != "",
                rx.badge(t("product.assigned_directly"), variant="soft", color_scheme="indigo"),
            ),
            rx.cond(
                row["groups"] != "",
                rx.badge(t("product.via_group"), " ", row["groups"], variant="soft"),
            ),
            spacing="1",
            wrap="wrap",
        ),
        class_name="product-manager",
        width="100%",
    )


def _managers_card() -> rx.Component:
    technical = ProductState.technical
    return titled_card(
        "product.managers_technical",
        "product-managers",
        rx.heading(t("product.managers"), size="3", as_="h3"),
        rx.cond(
            ProductState.managers.length() > 0,
            rx.vstack(rx.foreach(ProductState.managers, _manager), spacing="3", width="100%"),
            rx.text(t("product.no_managers"), size="2", color=MUTED),
        ),
        rx.separator(size="4"),
        rx.heading(t("product.technical"), size="3", as_="h3"),
        data_list(
            _item("product.ip_address", or_dash(technical["ip_address"]), "product-ip"),
            _item("product.mac_address", or_dash(technical["mac_address"]), "product-mac"),
            _item("product.firmware", or_dash(technical["firmware"]), "product-firmware"),
        ),
    )


def _coverage_card() -> rx.Component:
    coverage = ProductState.coverage
    return titled_card(
        "product.coverage",
        "product-coverage",
        rx.cond(
            ProductState.covered,
            rx.badge(
                t("product.covered"), color_scheme="green", size="2", id="product-coverage-badge"
            ),
            rx.badge(
                t("product.non_sla"), color_scheme="amber", size="2", id="product-coverage-badge"
            ),
        ),
        rx.cond(
            ProductState.has_contract_line,
            data_list(
                _item("product.contract_number", coverage["contract_number"], "product-contract"),
                _item("product.service_level", coverage["service_level"]),
                _item(
                    "product.response_time",
                    rx.text(coverage["response_hours"], " ", t("product.hours")),
                ),
                _item(
                    "product.resolution_time",
                    rx.text(coverage["resolution_hours"], " ", t("product.hours")),
                ),
                _item("product.start_date", coverage["start_date"]),
                _item("product.end_date", coverage["end_date"]),
                _item("col.status", _label(coverage["status_key"], coverage["status"])),
            ),
            rx.text(t("product.no_contract"), size="2", color=MUTED),
        ),
        rx.cond(
            ProductState.has_contract_line & ~ProductState.covered,
            rx.text(t("product.non_sla_hint"), size="2", color=MUTED),
        ),
    )


def _option(option: rx.Var) -> rx.Component:
    return rx.badge(option, variant="surface", color_scheme="gray", class_name="product-option")


def _toner(row: rx.Var) -> rx.Component:
    low = row["low"].to(bool)
    return rx.vstack(
        rx.hstack(
            rx.text(_label(row["colour_key"], row["colour"]), size="2"),
            rx.spacer(),
            rx.text(row["level"].to(int), " %", size="2", weight=rx.cond(low, "bold", "regular")),
            rx.cond(low, rx.badge(t("product.toner_low"), color_scheme="red", variant="soft")),
            align="center",
            spacing="2",
            width="100%",
        ),
        rx.progress(
            value=row["level"].to(int),
            max=100,
            color_scheme=rx.cond(low, "red", "blue"),
            aria_label=_label(row["colour_key"], row["colour"]),
        ),
        spacing="1",
        width="100%",
    )


def _alert(alert: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.badge(
            alert["code"],
            color_scheme=rx.match(alert["severity"].to(str), ("critical", "red"), "amber"),
            variant="soft",
        ),
        rx.text(alert["description"], size="2"),
        align="center",
        spacing="2",
        class_name="product-device-alert",
    )


def _collector_report() -> rx.Component:
    """What the meter collector last saw of the device, and whether it still reports."""
    return rx.vstack(
        data_list(
            _item(
                "product.last_contact",
                rx.cond(
                    ProductState.last_contact != "",
                    rx.text(ProductState.last_contact, " UTC"),
                    rx.text(t("product.never_reported"), color=MUTED),
                ),
                "product-last-contact",
            ),
            rx.cond(
                ProductState.device_status != "",
                _item(
                    "product.device_status",
                    rx.badge(
                        _label(ProductState.device_status_key, ProductState.device_status),
                        color_scheme=rx.match(
                            ProductState.device_status,
                            ("running", "green"),
                            ("down", "red"),
                            ("warning", "amber"),
                            "gray",
                        ),
                        variant="soft",
                    ),
                    "product-device-status",
                ),
            ),
        ),
        rx.cond(
            ProductState.not_reporting,
            rx.callout(
                t("product.not_reporting_hint"),
                icon="wifi-off",
                color_scheme="red",
                size="1",
                id="product-not-reporting-hint",
            ),
        ),
        rx.cond(
            ProductState.device_alerts.length() > 0,
            rx.vstack(rx.foreach(ProductState.device_alerts, _alert), spacing="1"),
        ),
        spacing="2",
        width="100%",
    )


def _configuration_card() -> rx.Component:
    return titled_card(
        "product.configuration",
        "product-configuration",
        rx.cond(
            ProductState.options.length() > 0,
            rx.flex(rx.foreach(ProductState.options, _option), spacing="2", wrap="wrap"),
            rx.text(t("product.no_options"), size="2", color=MUTED),
        ),
        data_list(
            _item(
                "product.auto_capture", _yes_no(ProductState.auto_capture, "product-auto-capture")
            ),
            _item(
                "product.auto_replenish",
                _yes_no(ProductState.auto_replenish, "product-auto-replenish"),
            ),
        ),
        rx.cond(ProductState.auto_capture, _collector_report()),
        rx.cond(
            ProductState.toners.length() > 0,
            rx.vstack(
                rx.heading(t("product.toner_levels"), size="3", as_="h3"),
                rx.foreach(ProductState.toners, _toner),
                spacing="2",
                width="100%",
            ),
        ),
    )


def _table(id_: str, header: list[rx.Component], body: rx.Component, min_width: str):
    return rx.table.root(
        rx.table.header(rx.table.row(*header)),
        rx.table.body(body),
        variant="surface",
        size="1",
        width="100%",
        style={"min_width": min_width},
        id=id_,
    )


def _ticket_row(row: rx.Var, closed: bool) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row["number"], style={"white_space": "nowrap"}),
        rx.table.cell(t(row["type_key"].to(str))),
        rx.table.cell(
            rx.badge(
                t(row["status_key"].to(str)),
                variant="soft",
                color_scheme="gray" if closed else "blue",
            )
        ),
        rx.table.cell(row["created_on"], style={"white_space": "nowrap"}),
        *([rx.table.cell(row["closed_on"], style={"white_space": "nowrap"})] if closed else []),
    )


def _ticket_table(closed: bool) -> rx.Component:
    rows = ProductState.closed_tickets if closed else ProductState.open_tickets
    headers = ["col.ticket_number", "col.type", "col.status", "col.created"]
    if closed:
        headers.append("col.closed")
    name = "closed" if closed else "open"
    return rx.cond(
        rows.length() > 0,
        _scroll_box(
            _table(
                f"product-{name}-tickets-table",
                [rx.table.column_header_cell(t(key)) for key in headers],
                rx.foreach(rows, lambda row: _ticket_row(row, closed)),
                min_width="420px",
            ),
            f"product-{name}-tickets",
        ),
        rx.text(
            t("product.no_closed_tickets" if closed else "product.no_open_tickets"),
            size="2",
            color=MUTED,
            id=f"product-{name}-tickets-empty",
        ),
    )


def _tickets_card() -> rx.Component:
    def trigger(value: str, label_key: str, count: rx.Var) -> rx.Component:
        return rx.tabs.trigger(
            rx.hstack(
                rx.text(t(label_key)),
                rx.badge(count, variant="soft", radius="full"),
                spacing="2",
                align="center",
            ),
            value=value,
            id=f"product-tickets-{value}",
        )

    return titled_card(
        "product.tickets",
        "product-tickets",
        rx.tabs.root(
            rx.tabs.list(
                trigger("open", "service.open", ProductState.open_ticket_count),
                trigger("closed", "service.closed", ProductState.closed_ticket_count),
            ),
            rx.tabs.content(_ticket_table(False), value="open", padding_top="12px"),
            rx.tabs.content(_ticket_table(True), value="closed", padding_top="12px"),
            default_value="open",
            width="100%",
        ),
        rx.text(t("product.tickets_limit"), size="1", color=MUTED),
    )


def _counter_label(counter: rx.Var) -> rx.Var | rx.Component:
    return _label(counter["label_key"], counter["code"])


def _reading_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row["read_on"], style={"white_space": "nowrap"}),
        rx.table.cell(_label(row["source_key"].to(str), row["source"].to(str))),
        rx.foreach(
            row["values"].to(list[str]),
            lambda value: rx.table.cell(
                value, text_align="right", style={"font_variant_numeric": "tabular-nums"}
            ),
        ),
    )


def _chart() -> rx.Component:
    return rx.vstack(
        rx.flex(
            rx.heading(t("product.monthly_volume"), size="3", as_="h3"),
            rx.spacer(),
            rx.el.label(
                t("product.counter"),
                html_for="readings-counter",
                style={"font_size": "14px", "color": MUTED},
            ),
            rx.select.root(
                rx.select.trigger(id="readings-counter", aria_label=t("product.counter")),
                rx.select.content(
                    rx.foreach(
                        ProductState.counters,
                        lambda c: rx.select.item(_counter_label(c), value=c["code"].to(str)),
                    )
                ),
                value=ProductState.chart_counter,
                on_change=ProductState.set_chart_counter,
                size="2",
            ),
            align="center",
            spacing="2",
            wrap="wrap",
            width="100%",
        ),
        rx.cond(
            ProductState.monthly_volume.length() > 0,
            rx.box(
                rx.recharts.bar_chart(
                    rx.recharts.cartesian_grid(stroke_dasharray="3 3", vertical=False),
                    rx.recharts.bar(
                        data_key=ProductState.chart_counter,
                        fill=BRAND_BLUE,
                        radius=[3, 3, 0, 0],
                        is_animation_active=False,
                    ),
                    rx.recharts.x_axis(data_key="month", tick={"fontSize": 11}),
                    rx.recharts.y_axis(tick={"fontSize": 11}, width=64),
                    rx.recharts.tooltip(),
                    data=ProductState.monthly_volume,
                    width="100%",
                    height=280,
                ),
                id="readings-chart",
                width="100%",
                role="img",
                aria_label=t("product.monthly_volume"),
            ),
            rx.text(t("product.no_volume"), size="2", color=MUTED, id="readings-chart-empty"),
        ),
        spacing="2",
        width="100%",
    )


def _readings_card() -> rx.Component:
    return titled_card(
        "product.readings",
        "product-readings",
        rx.cond(ProductState.auto_capture, rx.text(t("product.auto_capture_hint"), size="2")),
        _chart(),
        rx.heading(t("product.reading_history"), size="3", as_="h3"),
        rx.cond(
            ProductState.readings.length() > 0,
            _scroll_box(
                _table(
                    "readings-table",
                    [
                        rx.table.column_header_cell(t("product.reading_date")),
                        rx.table.column_header_cell(t("product.reading_source")),
                        rx.foreach(
                            ProductState.counters,
                            lambda c: rx.table.column_header_cell(
                                _counter_label(c), text_align="right"
                            ),
                        ),
                    ],
                    rx.foreach(ProductState.readings, _reading_row),
                    min_width="520px",
                ),
                "product-readings-scroll",
            ),
            rx.text(t("product.no_readings"), size="2", color=MUTED, id="readings-empty"),
        ),
        grid_column="1 / -1",
    )


def _links_card() -> rx.Component:
    return titled_card(
        "product.links",
        "product-links",
        rx.flex(
            rx.link(
                rx.icon("download", size=16),
                t("product.download_link"),
                rx.icon("external-link", size=14),
                href=ProductState.download_url,
                is_external=True,
                underline="none",
                id="product-download-link",
                style=_LINK_BUTTON,
            ),
            spacing="3",
            wrap="wrap",
        ),
        rx.text(t("product.links_hint"), size="2", color=MUTED),
    )


def _detail() -> rx.Component:
    return rx.vstack(
        _heading(),
        _picker(),
        rx.grid(
            _general_card(),
            rx.vstack(_managers_card(), _coverage_card(), _links_card(), spacing="4", width="100%"),
            _configuration_card(),
            _tickets_card(),
            _readings_card(),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
            align="start",
        ),
        spacing="4",
        width="100%",
    )


def product_page() -> rx.Component:
    """One product's detail, with the picker and the location edit (SPEC B3, B4)."""
    return shell(
        products_nav("products"),
        rx.cond(
            ProductState.not_found,
            _not_found(),
            rx.cond(
                ProductState.loaded & (ProductState.product_id > 0),
                _detail(),
                loading("64px"),
            ),
        ),
        active="products",
    )


def register(app: rx.App) -> None:
    """Add the product page to the app."""
    add_pages(app, ((product_page, routes.PRODUCT, ProductState.load),))
