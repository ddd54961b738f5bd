"""The Service page (SPEC C1): entry points to every request, ticket search, open/closed lists."""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.i18n import t
from portal.components.layout import BRAND_BLUE, shell
from portal.components.pager import page_size_select, pager
from portal.pages.ticket import light_badge
from portal.services.tickets import (
    CLOSED_STATUS_VALUES,
    OPEN_STATUS_VALUES,
    TICKET_PAGE_SIZES,
    TICKET_TYPES,
)
from portal.state.auth import AuthState
from portal.state.service import ServiceState

MUTED = "#475569"
State = ServiceState
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

# (id, icon, title key, href) of each entry point, its hint being "<title key>_hint".
ENTRIES = (
    ("new-ticket", "wrench", "service.entry.new_ticket", routes.NEW_TICKET),
    ("new-move", "truck", "service.entry.move", routes.MOVE),
    (
        "new-account-inquiry",
        "receipt-text",
        "service.entry.account_inquiry",
        routes.requests_link("account_inquiry"),
    ),
    (
        "new-online-service",
        "monitor-smartphone",
        "service.entry.online_service",
        routes.requests_link("online_service"),
    ),
    (
        "new-e-snapshot",
        "camera",
        "service.entry.e_snapshot",
        routes.requests_link("e_snapshot"),
    ),
    (
        "new-suggestion",
        "message-circle-heart",
        "service.entry.suggestion",
        routes.requests_link("suggestion"),
    ),
    ("meter-readings", "gauge", "service.entry.readings", "/readings"),
)


def _entry(id_: str, icon: str, title_key: str, href: str) -> rx.Component:
    return rx.link(
        rx.card(
            rx.hstack(
                rx.center(
                    rx.icon(icon, size=22, color=BRAND_BLUE),
                    style={
                        "background": "#e8f0fb",
                        "border_radius": "10px",
                        "width": "44px",
                        "height": "44px",
                        "flex_shrink": "0",
                    },
                ),
                rx.vstack(
                    rx.text(t(title_key), weight="bold", color="#1f2933"),
                    rx.text(t(f"{title_key}_hint"), size="2", color=MUTED),
                    spacing="1",
                ),
                spacing="3",
                align="start",
            ),
            width="100%",
            height="100%",
            class_name="service-entry",
        ),
        href=href,
        id=id_,
        underline="none",
        style={"display": "block", "height": "100%"},
    )


def _entries() -> rx.Component:
    return rx.vstack(
        rx.heading(t("service.requests_heading"), size="4", as_="h2"),
        rx.grid(
            *[_entry(*entry) for entry in ENTRIES],
            columns=rx.breakpoints(initial="1", sm="2", lg="3"),
            spacing="3",
            width="100%",
        ),
        spacing="3",
        width="100%",
        id="service-entries",
    )


def _number_search() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.label(
                t("service.find_label"), html_for="ticket-number-search", style=_LABEL_STYLE
            ),
            rx.flex(
                rx.input(
                    id="ticket-number-search",
                    name="number",
                    type="search",
                    default_value=State.number_query,
                    placeholder=t("service.find_hint"),
                    max_length=20,
                    size="3",
                    auto_complete="off",
                    style={"flex": "1 1 180px", "min_width": "0"},
                ),
                rx.button(
                    rx.icon("search", size=16),
                    t("service.find_submit"),
                    type="submit",
                    size="3",
                    id="ticket-number-submit",
                ),
                spacing="2",
                width="100%",
            ),
            rx.cond(
                State.number_not_found,
                rx.text(
                    t("service.ticket_not_found"),
                    color="#b91c1c",
                    size="2",
                    role="alert",
                    id="ticket-number-not-found",
                ),
            ),
            spacing="1",
            width="100%",
        ),
        on_submit=State.find_number,
        reset_on_submit=False,
        role="search",
        style={"flex": "1 1 320px", "max_width": "480px"},
    )


def _advanced_toggle() -> rx.Component:
    return rx.button(
        rx.icon("sliders-horizontal", size=16),
        t("service.advanced"),
        rx.cond(
            State.filter_count > 0,
            rx.badge(State.filter_count, variant="solid", radius="full", size="1"),
        ),
        rx.cond(
            State.show_advanced, rx.icon("chevron-up", size=16), rx.icon("chevron-down", size=16)
        ),
        type="button",
        size="3",
        variant="soft",
        on_click=State.toggle_advanced,
        id="tickets-advanced-toggle",
        aria_expanded=rx.cond(State.show_advanced, "true", "false"),
        aria_controls="ticket-filters",
    )


def _labelled(id_: str, label_key: str, control: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.el.label(t(label_key), html_for=id_, style=_LABEL_STYLE),
        control,
        spacing="1",
        width="100%",
    )


def _status_select() -> rx.Component:
    def options(values: tuple[str, ...]) -> list[rx.Component]:
        return [rx.el.option(t(f"ticket_status.{v}"), value=v) for v in values]

    return _labelled(
        "filter-status",
        "service.filter.status",
        rx.el.select(
            rx.el.option(t("service.filter.any"), value=""),
            rx.cond(
                State.view == "closed",
                rx.fragment(*options(CLOSED_STATUS_VALUES)),
                rx.fragment(*options(OPEN_STATUS_VALUES)),
            ),
            id="filter-status",
            name="status",
            default_value=State.filter_status,
            style=_SELECT_STYLE,
        ),
    )


def _type_select() -> rx.Component:
    return _labelled(
        "filter-type",
        "service.filter.type",
        rx.el.select(
            rx.el.option(t("service.filter.any"), value=""),
            *[rx.el.option(t(f"ticket_type.{v}"), value=v) for v in TICKET_TYPES],
            id="filter-type",
            name="type",
            default_value=State.filter_type,
            style=_SELECT_STYLE,
        ),
    )


def _submitter_select() -> rx.Component:
    return _labelled(
        "filter-submitted-by",
        "service.filter.submitted_by",
        rx.el.select(
            rx.el.option(t("service.filter.any"), value=""),
            rx.foreach(
                State.submitter_options,
                lambda o: rx.el.option(o["label"], value=o["value"]),
            ),
            id="filter-submitted-by",
            name="submitted_by",
            default_value=State.filter_submitted_by,
            style=_SELECT_STYLE,
        ),
    )


def _text_filter(id_: str, name: str, label_key: str, current: rx.Var, **props) -> rx.Component:
    return _labelled(
        id_,
        label_key,
        rx.input(id=id_, name=name, default_value=current, width="100%", **props),
    )


def _filter_panel() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.grid(
                    _status_select(),
                    _type_select(),
                    _text_filter(
                        "filter-serial",
                        "serial",
                        "service.filter.serial",
                        State.filter_serial,
                        max_length=60,
                    ),
                    _text_filter(
                        "filter-from", "from", "service.filter.from", State.filter_from, type="date"
                    ),
                    _text_filter(
                        "filter-to", "to", "service.filter.to", State.filter_to, type="date"
                    ),
                    _submitter_select(),
                    _text_filter(
                        "filter-reference",
                        "reference",
                        "service.filter.reference",
                        State.filter_reference,
                        max_length=60,
                    ),
                    columns=rx.breakpoints(initial="1", sm="2", md="4"),
                    spacing="3",
                    width="100%",
                ),
                rx.flex(
                    rx.button(
                        rx.icon("filter", size=16),
                        t("service.filter.apply"),
                        type="submit",
                        id="filter-apply",
                    ),
                    rx.button(
                        t("service.filter.clear"),
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
            aria_label=t("service.advanced"),
        ),
        id="ticket-filters",
        width="100%",
    )


def _nowrap(*children, **props) -> rx.Component:
    return rx.table.cell(*children, style={"white_space": "nowrap"}, **props)


def _number_cell(row: rx.Var) -> rx.Component:
    return rx.table.row_header_cell(
        rx.link(row["number"], href=row["href"].to(str), class_name="ticket-link", weight="medium"),
        style={"white_space": "nowrap"},
    )


def _submitted(row: rx.Var) -> rx.Component:
    return rx.table.cell(
        rx.cond(
            row["submitted_by"].to(str) != "",
            row["submitted_by"],
            rx.text(t("ticket.by_service_desk"), as_="span", color=MUTED),
        )
    )


def _product_cell(row: rx.Var) -> rx.Component:
    """Serial and product name in one cell, so the list fits a tablet."""
    return rx.table.cell(
        rx.vstack(
            rx.text(row["product_serial"], style={"white_space": "nowrap"}),
            rx.text(row["product_name"], size="1", color=MUTED),
            spacing="0",
        )
    )


def _sla_cell(row: rx.Var) -> rx.Component:
    """SLA due and the traffic light, stacked."""
    return rx.table.cell(
        rx.vstack(
            light_badge(row["light"], row["light_key"]),
            rx.cond(
                row["sla_due"].to(str) != "",
                rx.text(row["sla_due"], size="1", color=MUTED, class_name="sla-due"),
            ),
            spacing="1",
            align="start",
        ),
        style={"white_space": "nowrap"},
    )


def _open_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        _number_cell(row),
        rx.table.cell(row["your_reference"]),
        rx.table.cell(t(row["type_key"].to(str))),
        _product_cell(row),
        rx.table.cell(rx.badge(t(row["status_key"].to(str)), variant="soft", color_scheme="blue")),
        _sla_cell(row),
        _submitted(row),
    )


def _closed_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        _number_cell(row),
        rx.table.cell(row["your_reference"]),
        rx.table.cell(t(row["type_key"].to(str))),
        _product_cell(row),
        _nowrap(row["closed_on"]),
        _submitted(row),
    )


def _header(key: str | tuple[str, str]) -> rx.Component:
    if isinstance(key, tuple):
        return rx.table.column_header_cell(
            rx.vstack(
                rx.text(t(key[0])),
                rx.text(t(key[1]), size="1", color=MUTED, weight="regular"),
                spacing="0",
            )
        )
    return rx.table.column_header_cell(t(key))


def _table(headers: list, row, min_width: str) -> rx.Component:
    return rx.box(
        rx.table.root(
            rx.table.header(rx.table.row(*[_header(key) for key in headers])),
            rx.table.body(rx.foreach(State.rows, row)),
            variant="surface",
            size=rx.breakpoints(initial="1", md="2"),
            width="100%",
            style={"min_width": min_width},
            id="tickets-table",
        ),
        width="100%",
        style={"overflow_x": "auto", "-webkit-overflow-scrolling": "touch"},
    )


def _tables() -> rx.Component:
    common = [
        "col.ticket_number",
        "col.your_reference",
        "col.type",
        ("col.serial", "col.product_name"),
    ]
    return rx.cond(
        State.view == "closed",
        _table([*common, "col.closed", "ticket.col.submitted_by"], _closed_row, "640px"),
        _table(
            [
                *common,
                "col.status",
                ("ticket.col.sla", "ticket.col.sla_due"),
                "ticket.col.submitted_by",
            ],
            _open_row,
            "720px",
        ),
    )


def _pager() -> rx.Component:
    return pager(
        "tickets",
        State,
        page_size_select(
            "tickets",
            "service.page_size",
            TICKET_PAGE_SIZES,
            State.page_size_text,
            State.set_page_size,
        ),
    )


def _empty() -> rx.Component:
    return rx.callout(
        rx.cond(
            State.filter_count > 0,
            t("service.no_match"),
            rx.cond(State.view == "closed", t("service.empty_closed"), t("service.empty_open")),
        ),
        icon="info",
        color_scheme="gray",
        role="status",
        width="100%",
        id="tickets-empty",
    )


def _tickets() -> rx.Component:
    return rx.vstack(
        rx.heading(t("service.tickets_heading"), size="4", as_="h2"),
        rx.flex(
            _number_search(),
            _advanced_toggle(),
            spacing="3",
            wrap="wrap",
            align="start",
            justify="between",
            width="100%",
        ),
        rx.cond(State.show_advanced | (State.filter_count > 0), _filter_panel()),
        rx.tabs.root(
            rx.tabs.list(
                rx.tabs.trigger(t("service.open"), value="open", id="tickets-open"),
                rx.tabs.trigger(t("service.closed"), value="closed", id="tickets-closed"),
                aria_label=t("service.view"),
            ),
            value=State.view,
            on_change=State.set_view,
            width="100%",
        ),
        rx.cond(
            ~State.loaded,
            rx.center(rx.spinner(size="3"), padding="48px"),
            rx.cond(
                State.total == 0,
                _empty(),
                rx.vstack(_tables(), _pager(), spacing="3", width="100%"),
            ),
        ),
        spacing="3",
        width="100%",
    )


def service_page() -> rx.Component:
    """Service: requests, ticket search and the open and closed tickets (SPEC C1)."""
    return shell(
        rx.vstack(
            rx.vstack(
                rx.heading(t("service.title"), size="6", as_="h1"),
                rx.text(t("service.lead"), color=MUTED),
                spacing="1",
                width="100%",
            ),
            rx.cond(
                State.denied,
                rx.callout(
                    t("list.denied"),
                    icon="shield-alert",
                    color_scheme="amber",
                    role="alert",
                    width="100%",
                    id="service-denied",
                ),
                rx.vstack(
                    rx.cond(State.can_create, _entries()),
                    _tickets(),
                    spacing="6",
                    width="100%",
                ),
            ),
            spacing="4",
            width="100%",
        ),
        active="service",
    )


def register(app: rx.App) -> None:
    """Add the Service page to the app."""
    app.add_page(
        service_page,
        route=routes.SERVICE,
        title="Portal",
        on_load=[AuthState.check_login, ServiceState.load],
    )
