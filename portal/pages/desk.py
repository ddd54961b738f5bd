"""The provider agents' desk (SPEC F3): the ticket queue and the agent's ticket page."""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.common import (
    LABEL_STYLE,
    MUTED,
    add_pages,
    denied_notice,
    field_label,
    labelled,
    loading,
    notice,
    or_dash,
    page_title,
    scroll_table,
    tab_page,
)
from portal.components.i18n import t
from portal.components.layout import field_error, section_nav
from portal.components.listing import column_header, data_item, data_list, titled_card
from portal.components.pager import pager
from portal.models import TicketType
from portal.services import desk
from portal.state.desk import DeskState, DeskTicketState

_SELECT = {
    "width": "100%",
    "padding": "8px 10px",
    "border": "1px solid #cbd5e1",
    "border_radius": "6px",
    "background": "white",
    "font_size": "14px",
    "min_height": "40px",
}
_LIGHT_COLOURS = {
    "on_time": "green",
    "at_risk": "amber",
    "breached": "red",
    "paused": "blue",
    "met": "teal",
    "non_sla": "gray",
}
_LIGHTS = ("on_time", "at_risk", "breached", "paused", "met", "non_sla")


def _section_nav() -> rx.Component:
    return section_nav(
        "queue",
        [
            ("queue", routes.DESK, "desk.section.queue", True),
            ("desk-requests", "/desk/requests", "request.nav_desk_requests", True),
        ],
    )


def _denied() -> rx.Component:
    return denied_notice("desk-denied", "desk.denied")


def _light(light: rx.Var, id_: str | None = None) -> rx.Component:
    """A traffic-light badge: coloured dot and the light's name."""
    colour = rx.match(light, *[(name, c) for name, c in _LIGHT_COLOURS.items()], "gray")
    return rx.badge(
        rx.box(
            width="8px",
            height="8px",
            border_radius="999px",
            background=rx.match(
                light,
                ("on_time", "#16a34a"),
                ("at_risk", "#d97706"),
                ("breached", "#dc2626"),
                ("paused", "#2563eb"),
                ("met", "#0d9488"),
                "#94a3b8",
            ),
        ),
        rx.match(light, *[(name, t(f"desk.light.{name}")) for name in _LIGHTS], light),
        color_scheme=colour,
        variant="soft",
        id=id_,
        class_name="desk-light",
        style={"white_space": "nowrap", "gap": "6px"},
    )


def _select(
    id_: str, name: str, label_key: str, options: list[rx.Component], value: rx.Var
) -> rx.Component:
    return rx.vstack(
        rx.el.label(t(label_key), html_for=id_, style=LABEL_STYLE),
        rx.el.select(*options, id=id_, name=name, default_value=value, style=_SELECT),
        spacing="1",
        style={"flex": "1 1 170px", "min_width": "150px"},
    )


def _option(value: str, label: rx.Var | str) -> rx.Component:
    return rx.el.option(label, value=value)


def _filters() -> rx.Component:
    state = DeskState
    statuses = [
        _option("open", t("desk.filter.open")),
        _option("all", t("desk.filter.all_statuses")),
        *[_option(s, t(f"ticket_status.{s}")) for s in desk.STATUSES],
    ]
    risks = [
        _option("", t("desk.filter.any")),
        *[_option(r, t(f"desk.light.{r}")) for r in desk.RISKS],
    ]
    customers = [
        _option("", t("desk.filter.any")),
        rx.foreach(state.customers, lambda c: rx.el.option(c["name"], value=c["id"])),
    ]
    types = [
        _option("", t("desk.filter.any")),
        *[_option(tt.value, t(f"ticket_type.{tt.value}")) for tt in TicketType],
    ]
    mine = [
        _option("", t("desk.filter.everyone")),
        _option("mine", t("desk.filter.assigned_to_me")),
        _option("unassigned", t("desk.filter.unassigned")),
    ]
    return rx.form(
        rx.flex(
            _select("desk-filter-status", "status", "desk.filter.status", statuses, state.status),
            _select("desk-filter-risk", "risk", "desk.filter.risk", risks, state.risk),
            _select(
                "desk-filter-customer",
                "customer",
                "desk.filter.customer",
                customers,
                state.customer,
            ),
            _select(
                "desk-filter-type", "ticket_type", "desk.filter.type", types, state.ticket_type
            ),
            _select("desk-filter-mine", "mine", "desk.filter.mine", mine, state.mine),
            rx.hstack(
                rx.button(
                    rx.icon("filter", size=16),
                    t("desk.filter.apply"),
                    type="submit",
                    size="3",
                    id="desk-filter-apply",
                ),
                rx.button(
                    t("desk.filter.reset"),
                    type="reset",
                    size="3",
                    variant="outline",
                    on_click=state.reset_filters,
                    id="desk-filter-reset",
                ),
                spacing="2",
                align="end",
                style={"align_self": "flex-end"},
            ),
            spacing="3",
            wrap="wrap",
            width="100%",
            align="end",
        ),
        on_submit=state.apply_filters,
        reset_on_submit=False,
        role="search",
        aria_label=t("desk.filters"),
        width="100%",
        # A new set of filters from the server re-renders the selects with it.
        key=state.status + state.risk + state.customer + state.ticket_type + state.mine,
    )


def _queue_row(row: rx.Var) -> rx.Component:
    small = {"white_space": "nowrap"}
    return rx.table.row(
        rx.table.row_header_cell(
            rx.vstack(
                rx.link(
                    row["number"],
                    href=row["link"].to(str),
                    class_name="desk-ticket-link",
                    weight="medium",
                    style=small,
                ),
                rx.text(row["created"], size="1", color=MUTED, style=small),
                spacing="1",
            ),
        ),
        rx.table.cell(row["customer"]),
        rx.table.cell(
            rx.vstack(
                rx.text(row["serial"], weight="medium", style=small),
                rx.text(row["model"], size="1", color=MUTED),
                spacing="1",
            )
        ),
        rx.table.cell(t(row["type_key"].to(str))),
        rx.table.cell(
            rx.vstack(
                rx.badge(t(row["status_key"].to(str)), variant="soft"),
                rx.badge(
                    t(row["priority_key"].to(str)),
                    variant="outline",
                    color_scheme=rx.match(
                        row["priority"].to(str), ("urgent", "red"), ("high", "orange"), "gray"
                    ),
                ),
                spacing="1",
            )
        ),
        rx.table.cell(
            rx.vstack(
                _light(row["light"].to(str)),
                rx.text(row["resolution_due"], size="1", style=small),
                spacing="1",
            )
        ),
        rx.table.cell(
            rx.cond(
                row["agent"].to(str) != "",
                row["agent"],
                rx.text(t("desk.unassigned"), color=MUTED, size="2"),
            )
        ),
    )


def _queue_table() -> rx.Component:
    return scroll_table(
        "desk-queue",
        [
            column_header("col.ticket_number", "col.created"),
            column_header("desk.col.customer"),
            column_header("desk.col.product"),
            column_header("col.type"),
            column_header("col.status", "desk.col.priority"),
            column_header("desk.col.resolution_due"),
            column_header("desk.col.agent"),
        ],
        rx.foreach(DeskState.rows, _queue_row),
        min_width="720px",
        size="1",
    )


def _pager() -> rx.Component:
    return pager("desk", DeskState)


def desk_page() -> rx.Component:
    """The queue: tickets across customers, filters, paging (SPEC F3)."""
    state = DeskState
    return tab_page(
        "service",
        _section_nav(),
        page_title("desk.title", "desk.intro"),
        rx.cond(
            state.denied,
            _denied(),
            rx.vstack(
                rx.card(_filters(), width="100%"),
                rx.cond(
                    state.loaded & (state.total == 0),
                    notice(t("desk.empty"), "desk-empty"),
                    rx.vstack(_queue_table(), _pager(), spacing="3", width="100%"),
                ),
                spacing="4",
                width="100%",
            ),
        ),
    )


def _heading() -> rx.Component:
    ticket = DeskTicketState.ticket
    return rx.vstack(
        rx.link(
            rx.hstack(rx.icon("arrow-left", size=14), t("desk.back"), align="center"),
            href=routes.DESK,
            size="2",
            id="desk-back",
        ),
        rx.flex(
            rx.heading(
                t("desk.ticket"), " ", ticket["number"], size="7", as_="h1", id="desk-ticket-number"
            ),
            rx.badge(
                t(ticket["status_key"].to(str)),
                size="3",
                variant="solid",
                color_scheme=rx.match(
                    ticket["status"].to(str),
                    ("solved", "green"),
                    ("closed", "gray"),
                    ("pending", "amber"),
                    "blue",
                ),
                id="desk-ticket-status",
            ),
            _light(DeskTicketState.sla["light"].to(str), "desk-ticket-light"),
            spacing="3",
            align="center",
            wrap="wrap",
        ),
        rx.text(
            DeskTicketState.customer["organisation"],
            " · ",
            DeskTicketState.product["serial"],
            " · ",
            DeskTicketState.product["model"],
            color=MUTED,
        ),
        spacing="2",
        width="100%",
    )


def _summary_card() -> rx.Component:
    ticket = DeskTicketState.ticket
    return titled_card(
        "desk.summary",
        "desk-summary",
        data_list(
            data_item("desk.label.type", t(ticket["type_key"].to(str))),
            data_item("desk.label.error_code", or_dash(ticket["error_code"])),
            data_item(
                "desk.label.description",
                rx.text(ticket["description"], style={"white_space": "pre-wrap"}),
                "desk-description",
            ),
            data_item("desk.label.your_reference", or_dash(ticket["your_reference"])),
            data_item(
                "desk.label.contact",
                rx.text(ticket["contact_name"], " ", ticket["contact_phone"]),
            ),
            data_item("desk.label.availability", or_dash(ticket["availability"])),
            data_item("desk.label.created", ticket["created"]),
            data_item(
                "desk.label.created_by",
                rx.cond(
                    ticket["created_by"] != "", ticket["created_by"], t("desk.label.service_desk")
                ),
            ),
            data_item(
                "desk.label.agent",
                rx.cond(ticket["agent"] != "", ticket["agent"], t("desk.unassigned")),
                "desk-agent",
            ),
        ),
    )


def _customer_card() -> rx.Component:
    customer = DeskTicketState.customer
    product = DeskTicketState.product
    return titled_card(
        "desk.customer_product",
        "desk-customer",
        data_list(
            data_item("desk.label.customer", customer["organisation"]),
            data_item(
                "desk.label.account",
                rx.text(customer["account_number"], " · ", customer["account_name"]),
            ),
            data_item(
                "desk.label.serial",
                rx.link(
                    product["serial"],
                    href=f"{routes.PRODUCTS}/{product['id']}",
                    id="desk-product-link",
                ),
            ),
            data_item("desk.label.model", product["model"]),
            data_item("desk.label.alternative_name", or_dash(product["alternative_name"])),
            data_item("desk.label.address", or_dash(product["address"])),
            data_item("desk.label.floor_room", or_dash(product["floor_room"])),
        ),
    )


def _due(label_key: str, clock: str) -> rx.Component:
    """When the ``clock`` (response or resolution) is due, with its traffic light."""
    sla = DeskTicketState.sla
    return data_item(
        label_key,
        rx.hstack(
            rx.text(sla[f"{clock}_due"]),
            _light(sla[f"{clock}_light"].to(str), f"desk-{clock}-light"),
            spacing="2",
            wrap="wrap",
            align="center",
        ),
    )


def _sla_card() -> rx.Component:
    sla = DeskTicketState.sla
    contract = DeskTicketState.contract
    return titled_card(
        "desk.sla",
        "desk-sla",
        rx.cond(
            sla["is_sla"] == "1",
            rx.vstack(
                data_list(
                    data_item("desk.label.contract", or_dash(contract["contract_number"])),
                    data_item("desk.label.service_level", contract["service_level"]),
                    data_item(
                        "desk.label.targets",
                        rx.text(
                            contract["response_hours"], " h / ", contract["resolution_hours"], " h"
                        ),
                    ),
                    _due("desk.label.response_due", "response"),
                    _due("desk.label.resolution_due", "resolution"),
                    data_item("desk.label.timezone", sla["timezone"]),
                ),
                rx.cond(
                    sla["paused"] == "1",
                    rx.callout(t("desk.paused_note"), icon="pause", color_scheme="blue", size="1"),
                ),
                spacing="3",
                width="100%",
            ),
            rx.callout(t("desk.no_coverage"), icon="info", color_scheme="gray", id="desk-non-sla"),
        ),
    )


def _message() -> rx.Component:
    state = DeskTicketState
    return rx.fragment(
        rx.cond(
            state.message != "",
            rx.callout(
                state.message,
                icon="circle-check",
                color_scheme="green",
                role="status",
                width="100%",
                id="desk-message",
            ),
        ),
        rx.cond(
            state.errors.contains("status"),
            rx.callout(
                state.errors["status"],
                icon="triangle-alert",
                color_scheme="red",
                role="alert",
                width="100%",
                id="desk-error",
            ),
        ),
    )


def _actions_card() -> rx.Component:
    state = DeskTicketState
    ticket = state.ticket
    assign = rx.cond(
        state.can_act & (ticket["status"] != "solved"),
        rx.cond(
            state.assigned_to_me,
            rx.badge(
                rx.icon("user-check", size=14),
                t("desk.assigned_to_you"),
                color_scheme="green",
                size="2",
                id="desk-assigned-to-me",
            ),
            rx.button(
                rx.icon("user-plus", size=16),
                t("desk.assign_to_me"),
                on_click=state.assign_to_me,
                id="desk-assign",
            ),
        ),
    )
    status_form = rx.cond(
        state.status_options.length() > 0,
        rx.form(
            rx.vstack(
                field_label("desk.status_change", "desk-status"),
                rx.flex(
                    rx.el.select(
                        rx.el.option(t("desk.status_choose"), value=""),
                        rx.foreach(
                            state.status_options,
                            lambda o: rx.el.option(t(o["key"].to(str)), value=o["value"]),
                        ),
                        id="desk-status",
                        name="status",
                        required=True,
                        style={**_SELECT, "flex": "1 1 180px", "width": "auto"},
                    ),
                    rx.button(t("desk.status_submit"), type="submit", id="desk-status-submit"),
                    spacing="2",
                    wrap="wrap",
                    width="100%",
                ),
                field_label("desk.status_text", "desk-status-text"),
                rx.input(id="desk-status-text", name="status_text", max_length=4000, width="100%"),
                spacing="2",
                width="100%",
            ),
            on_submit=state.change_status,
            reset_on_submit=True,
            width="100%",
        ),
    )
    priority = rx.cond(
        state.can_act,
        labelled(
            "desk.label.priority",
            "desk-priority",
            rx.el.select(
                *[_option(p, t(f"desk.priority.{p}")) for p in desk.PRIORITIES],
                id="desk-priority",
                value=ticket["priority"],
                on_change=state.set_priority,
                style=_SELECT,
            ),
            field_error(_error("priority")),
        ),
    )
    close_reopen = rx.hstack(
        rx.cond(
            state.can_close,
            rx.button(
                rx.icon("circle-check-big", size=16),
                t("desk.close"),
                on_click=state.close,
                color_scheme="green",
                id="desk-close",
            ),
        ),
        rx.cond(
            state.can_reopen,
            rx.button(
                rx.icon("rotate-ccw", size=16),
                t("desk.reopen"),
                on_click=state.reopen,
                variant="outline",
                id="desk-reopen",
            ),
        ),
        spacing="2",
        wrap="wrap",
    )
    return titled_card(
        "desk.actions",
        "desk-actions",
        rx.cond(
            state.is_agent_view,
            rx.vstack(
                assign,
                priority,
                status_form,
                close_reopen,
                rx.cond(
                    ticket["status"] == "closed",
                    rx.text(t("desk.closed_note"), size="2", color=MUTED, id="desk-closed-note"),
                ),
                spacing="4",
                width="100%",
            ),
            rx.text(t("desk.read_only"), color=MUTED, id="desk-read-only"),
        ),
    )


def _field(label_key: str, control: rx.Component, name: str) -> rx.Component:
    return labelled(label_key, name, control, field_error(_error(name)))


def _error(name: str) -> rx.Var:
    """The message of one field ('' when it has none)."""
    errors = DeskTicketState.errors
    return rx.cond(errors.contains(name), errors[name], "")


def _invalid(name: str) -> rx.Var:
    return rx.cond(DeskTicketState.errors.contains(name), "true", "false")


def _counter_input(counter: rx.Var) -> rx.Component:
    code = counter["code"].to(str)
    return rx.vstack(
        rx.el.label(counter["label"], html_for="counter-" + code, style=LABEL_STYLE),
        rx.input(
            id="counter-" + code,
            name="counter-" + code,
            type="number",
            min="0",
            step="1",
            input_mode="numeric",
            width="100%",
            aria_invalid=rx.cond(counter["error"] != "", "true", "false"),
        ),
        field_error(counter["error"].to(str)),
        spacing="1",
        style={"flex": "1 1 140px", "min_width": "120px"},
    )


def _report_text(name: str, label_key: str) -> rx.Component:
    """A required text of the resolution report (diagnosis, action)."""
    return _field(
        label_key,
        rx.text_area(
            id=name,
            name=name,
            max_length=2000,
            rows="3",
            width="100%",
            required=True,
            aria_invalid=_invalid(name),
        ),
        name,
    )


def _visit_time(name: str, label_key: str) -> rx.Component:
    """A start or end of the visit, local time; required for an onsite resolution."""
    state = DeskTicketState
    return rx.box(
        _field(
            label_key,
            rx.input(
                id=name,
                name=name,
                type="datetime-local",
                max=state.now_local,
                required=state.is_onsite,
                width="100%",
                aria_invalid=_invalid(name),
            ),
            name,
        ),
        style={"flex": "1 1 220px"},
    )


def _resolution_fields() -> rx.Component:
    state = DeskTicketState
    return rx.vstack(
        _report_text("diagnosis", "desk.field.diagnosis"),
        _report_text("action", "desk.field.action"),
        _field(
            "desk.field.parts",
            rx.input(id="parts", name="parts", width="100%", aria_invalid=_invalid("parts")),
            "parts",
        ),
        rx.flex(
            _visit_time("visit_start", "desk.field.visit_start"),
            _visit_time("visit_end", "desk.field.visit_end"),
            spacing="3",
            wrap="wrap",
            width="100%",
        ),
        rx.text(
            t("desk.field.local_time"), " (", state.sla["timezone"], ")", size="1", color=MUTED
        ),
        rx.cond(
            state.counters.length() > 0,
            rx.el.fieldset(
                rx.el.legend(t("desk.field.counters"), style=LABEL_STYLE),
                rx.flex(
                    rx.foreach(state.counters, _counter_input),
                    spacing="3",
                    wrap="wrap",
                    width="100%",
                ),
                field_error(_error("counters")),
                style={
                    "border": "1px solid #e2e8f0",
                    "border_radius": "8px",
                    "padding": "12px",
                    "width": "100%",
                },
            ),
        ),
        spacing="3",
        width="100%",
        id="desk-resolution-fields",
    )


def _activity_card() -> rx.Component:
    state = DeskTicketState
    form = rx.form(
        rx.vstack(
            _field(
                "desk.field.activity_type",
                rx.el.select(
                    *[
                        _option(kind, t(desk.ACTIVITY_TYPE_KEYS[kind]))
                        for kind in desk.ACTIVITY_TYPES
                    ],
                    id="activity_type",
                    name="activity_type",
                    value=state.activity_type,
                    on_change=state.set_activity_type,
                    style=_SELECT,
                ),
                "activity_type",
            ),
            _field(
                "desk.field.subtype",
                rx.input(
                    id="subtype",
                    name="subtype",
                    max_length=60,
                    placeholder=t("desk.field.subtype_hint"),
                    width="100%",
                    aria_invalid=_invalid("subtype"),
                ),
                "subtype",
            ),
            labelled(
                "desk.field.text",
                "activity_text",
                rx.text_area(
                    id="activity_text",
                    name="text",
                    max_length=4000,
                    rows="3",
                    width="100%",
                    aria_invalid=_invalid("text"),
                ),
                field_error(_error("text")),
            ),
            rx.cond(state.is_resolution, _resolution_fields()),
            rx.cond(
                (state.errors.length() > 0) & ~state.errors.contains("status"),
                rx.text(t("desk.form_invalid"), color="#b91c1c", size="2", role="alert"),
            ),
            rx.button(
                rx.icon("plus", size=16),
                t("desk.activity.submit"),
                type="submit",
                size="3",
                id="activity-submit",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=state.add_activity,
        reset_on_submit=False,
        width="100%",
        key=state.form_version.to(str),
        id="desk-activity-form",
    )
    return rx.cond(
        state.can_act,
        titled_card("desk.activity.title", "desk-activity", form),
    )


def _timeline_entry(entry: rx.Var) -> rx.Component:
    return rx.box(
        rx.flex(
            rx.text("#", entry["id"], size="1", color=MUTED),
            rx.text(entry["created"], size="2", weight="medium", style={"white_space": "nowrap"}),
            rx.text(entry["activity_type"], size="2", weight="bold"),
            rx.cond(entry["subtype"] != "", rx.text(entry["subtype"], size="2", color=MUTED)),
            rx.cond(
                entry["status_key"] != "",
                rx.badge(t(entry["status_key"].to(str)), variant="soft", size="1"),
            ),
            rx.spacer(),
            rx.cond(entry["author"] != "", rx.text(entry["author"], size="1", color=MUTED)),
            spacing="2",
            align="center",
            wrap="wrap",
            width="100%",
        ),
        rx.cond(
            entry["text"] != "",
            rx.text(entry["text"], size="2", style={"white_space": "pre-wrap"}, margin_top="4px"),
        ),
        rx.cond(
            entry["is_resolution"] == "1",
            rx.box(
                data_list(
                    data_item("desk.field.diagnosis", entry["diagnosis"]),
                    data_item("desk.field.action", entry["action"]),
                    data_item("desk.label.parts", or_dash(entry["parts"])),
                    data_item(
                        "desk.field.visit_start",
                        or_dash(entry["visit_start"]),
                    ),
                    data_item("desk.field.visit_end", or_dash(entry["visit_end"])),
                    data_item("desk.field.counters", or_dash(entry["counters"])),
                ),
                margin_top="8px",
                padding="8px 12px",
                style={"background": "#f1f5f9", "border_radius": "6px"},
                class_name="desk-resolution",
            ),
        ),
        padding_y="10px",
        style={"border_bottom": "1px solid #e2e8f0"},
        width="100%",
        class_name="desk-activity",
    )


def _timeline_card() -> rx.Component:
    state = DeskTicketState
    return titled_card(
        "desk.timeline",
        "desk-timeline",
        rx.cond(
            state.activities.length() > 0,
            rx.box(rx.foreach(state.activities, _timeline_entry), width="100%"),
            rx.text(t("desk.timeline_empty"), color=MUTED),
        ),
    )


def _ticket_body() -> rx.Component:
    state = DeskTicketState
    return rx.vstack(
        _heading(),
        _message(),
        rx.grid(
            rx.vstack(
                _summary_card(),
                _customer_card(),
                spacing="4",
                width="100%",
                style={"min_width": "0"},
            ),
            rx.vstack(
                _sla_card(),
                _actions_card(),
                spacing="4",
                width="100%",
                style={"min_width": "0"},
            ),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
        ),
        _activity_card(),
        _timeline_card(),
        spacing="4",
        width="100%",
        id="desk-ticket",
        key=state.ticket_id.to(str),
    )


def desk_ticket_page() -> rx.Component:
    """One ticket on the desk: summary, SLA lights, timeline and the agent's actions."""
    state = DeskTicketState
    return tab_page(
        "service",
        _section_nav(),
        rx.cond(
            state.denied,
            _denied(),
            rx.cond(
                state.not_found,
                notice(t("desk.not_found"), "desk-not-found", icon="search-x", role="alert"),
                rx.cond(
                    state.loaded & (state.ticket_id > 0),
                    _ticket_body(),
                    loading(width="100%"),
                ),
            ),
        ),
    )


def register(app: rx.App) -> None:
    """Add the desk's pages to the app."""
    add_pages(
        app,
        (
            (desk_page, routes.DESK, DeskState.load),
            (desk_ticket_page, routes.DESK_TICKET, DeskTicketState.load),
        ),
    )
