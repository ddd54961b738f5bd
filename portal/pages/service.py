"""The Service page (SPEC C1): entry points to every request, ticket search, open/closed lists."""

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
from portal.components.layout import BRAND_BLUE, shell
from portal.components.listing import (
    advanced_toggle,
    column_header,
    filter_panel,
    list_results,
    text_filter,
)
from portal.pages.ticket import light_badge
from portal.services.tickets import (
    CLOSED_STATUS_VALUES,
    OPEN_STATUS_VALUES,
    TICKET_PAGE_SIZES,
    TICKET_TYPES,
)
from portal.state.service import ServiceState

State = ServiceState

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
            field_label("service.find_label", "ticket-number-search"),
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


def _status_options(values: tuple[str, ...]) -> list[rx.Component]:
    return [rx.el.option(t(f"ticket_status.{v}"), value=v) for v in values]


def _filter_panel() -> rx.Component:
    return filter_panel(
        "ticket-filters",
        State,
        filter_select(
            "filter-status",
            "status",
            "service.filter.status",
            "service.filter.any",
            [
                rx.cond(
                    State.view == "closed",
                    rx.fragment(*_status_options(CLOSED_STATUS_VALUES)),
                    rx.fragment(*_status_options(OPEN_STATUS_VALUES)),
                )
            ],
            State.filter_status,
        ),
        filter_select(
            "filter-type",
            "type",
            "service.filter.type",
            "service.filter.any",
            [rx.el.option(t(f"ticket_type.{v}"), value=v) for v in TICKET_TYPES],
            State.filter_type,
        ),
        text_filter(
            "filter-serial", "serial", "service.filter.serial", State.filter_serial, max_length=60
        ),
        text_filter("filter-from", "from", "service.filter.from", State.filter_from, type="date"),
        text_filter("filter-to", "to", "service.filter.to", State.filter_to, type="date"),
        filter_select(
            "filter-submitted-by",
            "submitted_by",
            "service.filter.submitted_by",
            "service.filter.any",
            [
                rx.foreach(
                    State.submitter_options,
                    lambda o: rx.el.option(o["label"], value=o["value"]),
                )
            ],
            State.filter_submitted_by,
        ),
        text_filter(
            "filter-reference",
            "reference",
            "service.filter.reference",
            State.filter_reference,
            max_length=60,
        ),
        columns="4",
        apply_key="service.filter.apply",
        clear_key="service.filter.clear",
        label_key="service.advanced",
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


def _ticket_row(row: rx.Var, *state_cells: rx.Component) -> rx.Component:
    """A ticket of the list; ``state_cells`` (status, SLA or closing date) before the submitter."""
    return rx.table.row(
        _number_cell(row),
        rx.table.cell(row["your_reference"]),
        rx.table.cell(t(row["type_key"].to(str))),
        _product_cell(row),
        *state_cells,
        _submitted(row),
    )


def _open_row(row: rx.Var) -> rx.Component:
    return _ticket_row(
        row,
        rx.table.cell(rx.badge(t(row["status_key"].to(str)), variant="soft", color_scheme="blue")),
        _sla_cell(row),
    )


def _closed_row(row: rx.Var) -> rx.Component:
    return _ticket_row(row, _nowrap(row["closed_on"]))


def _table(headers: list[rx.Component], row, min_width: str) -> rx.Component:
    return scroll_table("tickets-table", headers, rx.foreach(State.rows, row), min_width=min_width)


def _tables() -> rx.Component:
    common = [
        column_header("col.ticket_number"),
        column_header("col.your_reference"),
        column_header("col.type"),
        column_header("col.serial", "col.product_name"),
    ]
    return rx.cond(
        State.view == "closed",
        _table(
            [*common, column_header("col.closed"), column_header("ticket.col.submitted_by")],
            _closed_row,
            "640px",
        ),
        _table(
            [
                *common,
                column_header("col.status"),
                column_header("ticket.col.sla", "ticket.col.sla_due"),
                column_header("ticket.col.submitted_by"),
            ],
            _open_row,
            "720px",
        ),
    )


def _empty() -> rx.Component:
    return notice(
        rx.cond(
            State.filter_count > 0,
            t("service.no_match"),
            rx.cond(State.view == "closed", t("service.empty_closed"), t("service.empty_open")),
        ),
        "tickets-empty",
    )


def _tickets() -> rx.Component:
    return rx.vstack(
        rx.heading(t("service.tickets_heading"), size="4", as_="h2"),
        rx.flex(
            _number_search(),
            advanced_toggle(
                "tickets-advanced-toggle",
                "service.advanced",
                State.filter_count,
                State,
                "ticket-filters",
            ),
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
        list_results(State, _empty(), _tables(), "tickets", "service.page_size", TICKET_PAGE_SIZES),
        spacing="3",
        width="100%",
    )


def service_page() -> rx.Component:
    """Service: requests, ticket search and the open and closed tickets (SPEC C1)."""
    return shell(
        rx.vstack(
            page_title("service.title", "service.lead"),
            rx.cond(
                State.denied,
                denied_notice("service-denied"),
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
    add_pages(app, ((service_page, routes.SERVICE, ServiceState.load),))
