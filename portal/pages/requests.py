"""Pages: move requests (SPEC C5), the other requests (SPEC C6) and the agents' list of them.

Customers find the forms and their histories under the Service tab; provider
agents reach every request from ``/desk/requests`` and move them on from the
same detail pages, which show each user the controls their role allows.
"""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.dialogs import confirm_dialog
from portal.components.i18n import t
from portal.components.layout import BRAND_BLUE, field_error, shell
from portal.services.requests import PICKER_LIMIT
from portal.state.auth import AuthState
from portal.state.requests import (
    DESK_INQUIRY_FILTERS,
    DESK_MOVE_FILTERS,
    DeskRequestsState,
    MoveDetailState,
    MoveState,
    RequestDetailState,
    RequestsState,
)

MUTED = "#475569"
_LABEL_STYLE = {"font_weight": "500", "font_size": "14px"}


# --- Shared pieces ---------------------------------------------------------------------------


def _nav_link(key: str, href: str, label: rx.Var, is_active: rx.Var | bool) -> rx.Component:
    return rx.link(
        label,
        href=href,
        id=f"section-{key}",
        underline="none",
        size="2",
        weight="medium",
        style={
            "padding": "6px 12px",
            "border_radius": "999px",
            "background": rx.cond(is_active, "#e8f0fb", "transparent"),
            "color": rx.cond(is_active, BRAND_BLUE, "#475569"),
            "white_space": "nowrap",
        },
        aria_current=rx.cond(is_active, "page", "false"),
    )


def service_nav(active: str | rx.Var) -> rx.Component:
    """Second-level navigation of the Service tab: the customer's or the agent's."""

    def is_(key: str) -> rx.Var | bool:
        return active == key if isinstance(active, rx.Var) else key == active

    customer = rx.hstack(
        _nav_link("tickets", routes.SERVICE, t("request.nav_tickets"), False),
        _nav_link("move", routes.MOVE, t("request.nav_move"), is_("move")),
        *[
            _nav_link(kind, routes.requests_link(kind), t(f"request.kind.{kind}"), is_(kind))
            for kind in routes.REQUEST_KINDS
        ],
        spacing="1",
        wrap="wrap",
        margin_bottom="16px",
    )
    agent = rx.hstack(
        _nav_link("desk", routes.DESK, t("request.nav_desk"), False),
        _nav_link(
            "desk-requests", routes.DESK_REQUESTS, t("request.nav_desk_requests"), is_("desk")
        ),
        spacing="1",
        wrap="wrap",
        margin_bottom="16px",
    )
    return rx.cond(AuthState.is_agent, agent, customer)


def _translated(key: rx.Var) -> rx.Var:
    """The message of a key held in a var ('' stays '')."""
    return rx.cond(key != "", t(key.to(str)), "")


def _callouts(notice: rx.Var, error: rx.Var, prefix: str) -> rx.Component:
    return rx.fragment(
        rx.cond(
            notice != "",
            rx.callout(
                _translated(notice),
                icon="circle-check",
                color_scheme="green",
                role="status",
                width="100%",
                id=f"{prefix}-notice",
            ),
        ),
        rx.cond(
            error != "",
            rx.callout(
                _translated(error),
                icon="triangle-alert",
                color_scheme="red",
                role="alert",
                width="100%",
                id=f"{prefix}-error",
            ),
        ),
    )


_MOVE_COLOURS = (
    ("requested", "blue"),
    ("scheduled", "amber"),
    ("completed", "green"),
    ("cancelled", "gray"),
)
_REQUEST_COLOURS = (("open", "blue"), ("answered", "amber"), ("closed", "gray"))


def _badge(status: rx.Var, key: rx.Var, colours, **props) -> rx.Component:
    """A status badge coloured by the status value."""
    label = t(key.to(str))
    return rx.match(
        status,
        *[
            (value, rx.badge(label, color_scheme=colour, variant="soft", **props))
            for value, colour in colours
        ],
        rx.badge(label, color_scheme="gray", variant="soft", **props),
    )


def move_badge(status: rx.Var, key: rx.Var, **props) -> rx.Component:
    """The badge of a move request's status."""
    return _badge(status, key, _MOVE_COLOURS, **props)


def request_badge(status: rx.Var, key: rx.Var, **props) -> rx.Component:
    """The badge of a request's status."""
    return _badge(status, key, _REQUEST_COLOURS, **props)


def _table(id_: str, header_keys: list[str], body: rx.Component, min_width: str) -> rx.Component:
    """A table that scrolls sideways inside its own box when the column is narrow."""
    return rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(*[rx.table.column_header_cell(t(key)) for key in header_keys])
            ),
            rx.table.body(body),
            variant="surface",
            size="1",
            width="100%",
            style={"min_width": min_width},
            id=id_,
        ),
        width="100%",
        style={"overflow_x": "auto", "-webkit-overflow-scrolling": "touch"},
    )


def _pager(prefix: str, page: rx.Var, pages: rx.Var, total: rx.Var, go) -> rx.Component:
    """Previous / next buttons with "page x of y" (shown when there is more than one page)."""
    return rx.hstack(
        rx.text(total, " ", t("list.results"), size="2", color=MUTED, id=f"{prefix}-total"),
        rx.spacer(),
        rx.cond(
            pages > 1,
            rx.hstack(
                rx.button(
                    rx.icon("chevron-left", size=14),
                    t("list.previous"),
                    size="1",
                    variant="soft",
                    disabled=page <= 1,
                    on_click=go(page - 1),
                    id=f"{prefix}-prev",
                ),
                rx.text(t("list.page"), " ", page, " ", t("list.of"), " ", pages, size="2"),
                rx.button(
                    t("list.next"),
                    rx.icon("chevron-right", size=14),
                    size="1",
                    variant="soft",
                    disabled=page >= pages,
                    on_click=go(page + 1),
                    id=f"{prefix}-next",
                ),
                spacing="2",
                align="center",
            ),
        ),
        width="100%",
        align="center",
        aria_label=t("list.pagination"),
    )


def _label(key: str, html_for: str, *, optional: bool | rx.Var = False) -> rx.Component:
    hint = rx.text.span(" (", t("request.optional"), ")", color=MUTED, weight="regular")
    if isinstance(optional, rx.Var):
        hint = rx.cond(optional, hint)
    elif not optional:
        hint = rx.fragment()
    return rx.el.label(t(key), hint, html_for=html_for, style=_LABEL_STYLE)


def _field(
    name: str,
    label_key: str,
    error: rx.Var,
    *,
    optional: bool = False,
    type_: str = "text",
    max_length: int = 200,
    **attrs,
) -> rx.Component:
    """A labelled input with its message below (checked on the server, not by the browser)."""
    return rx.vstack(
        _label(label_key, name, optional=optional),
        rx.input(
            id=name,
            name=name,
            type=type_,
            max_length=max_length,
            size="2",
            width="100%",
            aria_required="false" if optional else "true",
            aria_invalid=rx.cond(error != "", "true", "false"),
            custom_attrs=attrs,
        ),
        field_error(_translated(error)),
        spacing="1",
        width="100%",
    )


def _textarea(
    name: str, label_key: str, error: rx.Var, *, optional: bool, max_length: int, id_: str = ""
) -> rx.Component:
    element_id = id_ or name
    return rx.vstack(
        _label(label_key, element_id, optional=optional),
        rx.text_area(
            id=element_id,
            name=name,
            max_length=max_length,
            rows="4",
            width="100%",
            aria_required="false" if optional else "true",
            aria_invalid=rx.cond(error != "", "true", "false"),
        ),
        field_error(_translated(error)),
        spacing="1",
        width="100%",
    )


def _denied(id_: str) -> rx.Component:
    return rx.callout(
        t("list.denied"), icon="lock", color_scheme="red", role="alert", width="100%", id=id_
    )


def _not_found(id_: str, back_href: str | rx.Var) -> rx.Component:
    return rx.vstack(
        rx.callout(
            t("request.not_found"),
            icon="search-x",
            color_scheme="gray",
            role="alert",
            width="100%",
            id=id_,
        ),
        rx.link(t("request.back"), href=back_href),
        spacing="3",
        width="100%",
    )


def _definition(label_key: str, value: rx.Var | rx.Component, **props) -> rx.Component:
    return rx.vstack(
        rx.text(t(label_key), size="1", color=MUTED, weight="medium"),
        value
        if isinstance(value, rx.Component)
        else rx.text(
            value,
            size="2",
            style={"overflow_wrap": "anywhere", **props.pop("style", {})},
            **props,
        ),
        spacing="0",
        width="100%",
    )


# --- The product picker ------------------------------------------------------------------


def _product_choice(row: rx.Var, state) -> rx.Component:
    return rx.button(
        rx.vstack(
            rx.flex(
                rx.text(row["serial"], weight="bold", size="2"),
                rx.cond(
                    row["open_move"] != "",
                    rx.badge(t("request.open_move"), color_scheme="amber", size="1"),
                ),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.text(row["model"], size="1"),
            rx.text(row["address"], " · ", row["city"], size="1", color=MUTED),
            spacing="0",
            align="start",
        ),
        type="button",
        variant="outline",
        class_name="product-choice",
        custom_attrs={"data-serial": row["serial"]},
        on_click=state.choose_product(row["id"]),
        style={"height": "auto", "padding": "8px 12px", "justify_content": "flex-start"},
    )


def product_picker(state, prefix: str, error: rx.Var) -> rx.Component:
    """Choose one visible product by serial; ids ``<prefix>-product-search`` / ``-chosen``."""
    search_id = f"{prefix}-product-search"
    chosen = rx.card(
        rx.flex(
            rx.icon("printer", size=20, color=BRAND_BLUE),
            rx.vstack(
                rx.text(state.chosen_product["serial"], weight="bold"),
                rx.text(state.chosen_product["model"], size="2"),
                rx.text(
                    state.chosen_product["address"],
                    " · ",
                    state.chosen_product["city"],
                    size="1",
                    color=MUTED,
                ),
                spacing="0",
            ),
            rx.spacer(),
            rx.button(
                t("request.change_product"),
                type="button",
                variant="soft",
                size="1",
                on_click=state.change_product,
                id=f"{prefix}-product-change",
            ),
            spacing="3",
            align="center",
            wrap="wrap",
        ),
        id=f"{prefix}-product-chosen",
        width="100%",
    )
    search = rx.vstack(
        rx.form(
            rx.vstack(
                rx.el.label(t("request.product_search"), html_for=search_id, style=_LABEL_STYLE),
                rx.flex(
                    rx.input(
                        id=search_id,
                        name="query",
                        type="search",
                        max_length=60,
                        size="2",
                        auto_complete="off",
                        placeholder=t("request.product_search_placeholder"),
                        style={"flex": "1 1 200px", "min_width": "0"},
                    ),
                    rx.button(
                        rx.icon("search", size=14),
                        t("list.search"),
                        type="submit",
                        id=f"{search_id}-submit",
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
                    rx.foreach(state.product_results, lambda row: _product_choice(row, state)),
                    columns=rx.breakpoints(initial="1", sm="2", md="3"),
                    spacing="2",
                    width="100%",
                    id=f"{prefix}-product-results",
                ),
                rx.text(t("request.no_products"), size="2", color=MUTED),
            ),
        ),
        rx.cond(
            state.product_results.length() >= PICKER_LIMIT,
            rx.text(t("request.more_products"), size="1", color=MUTED),
        ),
        spacing="2",
        width="100%",
    )
    return rx.vstack(
        rx.cond(state.chosen_product_id != "", chosen, search),
        field_error(_translated(error)),
        field_error(_translated(state.picker_error)),
        spacing="1",
        width="100%",
    )


# --- Move request: form and history ----------------------------------------------------------


def _move_form() -> rx.Component:
    state = MoveState
    errors = state.errors
    return rx.card(
        rx.vstack(
            rx.heading(t("move.form_heading"), size="4", as_="h2"),
            rx.text(t("move.step_product"), weight="medium"),
            product_picker(state, "move", errors["product_id"]),
            rx.form(
                rx.vstack(
                    rx.text(t("move.step_location"), weight="medium"),
                    _field("new_address", "move.new_address", errors["new_address"]),
                    rx.grid(
                        _field(
                            "new_postal_code",
                            "move.new_postal_code",
                            errors["new_postal_code"],
                            max_length=10,
                        ),
                        _field("new_city", "move.new_city", errors["new_city"], max_length=120),
                        _field(
                            "new_floor",
                            "move.new_floor",
                            errors["new_floor"],
                            optional=True,
                            max_length=40,
                        ),
                        _field(
                            "new_room",
                            "move.new_room",
                            errors["new_room"],
                            optional=True,
                            max_length=60,
                        ),
                        columns=rx.breakpoints(initial="1", sm="2"),
                        spacing="3",
                        width="100%",
                    ),
                    rx.text(t("move.step_date_contact"), weight="medium"),
                    rx.grid(
                        _field(
                            "desired_date",
                            "move.desired_date",
                            errors["desired_date"],
                            type_="date",
                            max_length=10,
                            min=state.today,
                            max=state.max_date,
                        ),
                        _field(
                            "contact_name",
                            "move.contact_name",
                            errors["contact_name"],
                            max_length=120,
                        ),
                        _field(
                            "contact_phone",
                            "move.contact_phone",
                            errors["contact_phone"],
                            type_="tel",
                            max_length=40,
                        ),
                        columns=rx.breakpoints(initial="1", sm="3"),
                        spacing="3",
                        width="100%",
                    ),
                    _textarea(
                        "notes", "move.notes", errors["notes"], optional=True, max_length=2000
                    ),
                    rx.button(
                        rx.icon("truck", size=16),
                        t("move.submit"),
                        type="submit",
                        size="3",
                        id="move-submit",
                    ),
                    spacing="3",
                    width="100%",
                ),
                key=state.form_key,
                on_submit=state.submit,
                reset_on_submit=False,
                width="100%",
                id="move-form",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


_MOVE_COLUMNS = [
    "request.col_number",
    "col.created",
    "col.serial",
    "move.col_new_address",
    "move.desired_date",
    "request.col_created_by",
    "col.status",
]


def _move_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.link("#", row["id"], href=routes.move_link(row["id"]), class_name="move-link"),
            style={"white_space": "nowrap"},
        ),
        rx.table.cell(row["created"], style={"white_space": "nowrap"}),
        rx.table.cell(row["serial"], style={"white_space": "nowrap"}),
        rx.table.cell(row["new_address"], ", ", row["new_city"]),
        rx.table.cell(row["desired_date"], style={"white_space": "nowrap"}),
        rx.table.cell(row["created_by"]),
        rx.table.cell(move_badge(row["status"], row["status_key"], class_name="move-status")),
        class_name="move-row",
        custom_attrs={"data-serial": row["serial"]},
    )


def _move_history_card() -> rx.Component:
    state = MoveState
    return rx.card(
        rx.vstack(
            rx.heading(t("move.history_heading"), size="4", as_="h2"),
            rx.cond(
                state.rows.length() > 0,
                _table("moves-table", _MOVE_COLUMNS, rx.foreach(state.rows, _move_row), "680px"),
                rx.text(t("move.none"), size="2", color=MUTED, id="moves-empty"),
            ),
            _pager("moves", state.page, state.pages, state.total, state.go_page),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def move_page() -> rx.Component:
    """Service: request a move and follow the move requests (SPEC C5)."""
    state = MoveState
    return shell(
        rx.vstack(
            service_nav("move"),
            rx.vstack(
                rx.heading(t("move.title"), size="6", as_="h1"),
                rx.text(t("move.intro"), color=MUTED),
                spacing="1",
                width="100%",
            ),
            _callouts(state.notice, state.error, "move"),
            rx.cond(
                state.denied,
                _denied("move-denied"),
                rx.vstack(
                    rx.cond(state.can_create, _move_form()),
                    _move_history_card(),
                    spacing="4",
                    width="100%",
                ),
            ),
            spacing="4",
            width="100%",
        ),
        active="service",
    )


# --- Move request: detail -----------------------------------------------------------------------


def _history_change(row: rx.Var, badge) -> rx.Component:
    return rx.flex(
        rx.cond(
            row["from_status"] != "",
            rx.fragment(
                badge(row["from_status"], row["from_key"]),
                rx.icon("arrow-right", size=14, color=MUTED),
            ),
        ),
        badge(row["to_status"], row["to_key"], class_name="history-to"),
        spacing="1",
        align="center",
        wrap="wrap",
    )


def _move_history_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["date"], style={"white_space": "nowrap"}),
        rx.table.cell(row["who"]),
        rx.table.cell(_history_change(row, move_badge)),
        rx.table.cell(row["scheduled_for"], style={"white_space": "nowrap"}),
        rx.table.cell(row["note"], style={"white_space": "pre-wrap", "min_width": "200px"}),
        class_name="history-row",
    )


def _move_summary_card() -> rx.Component:
    move = MoveDetailState.move
    return rx.card(
        rx.grid(
            _definition(
                "col.serial",
                rx.link(
                    move["serial"],
                    href=routes.product_link("") + move["product_id"],
                    id="move-product-link",
                    size="2",
                ),
            ),
            _definition("col.product_name", move["model"]),
            _definition("move.current_address", move["current_address"]),
            _definition(
                "move.new_location",
                rx.vstack(
                    rx.text(move["new_address"], size="2"),
                    rx.text(move["new_postal_code"], " ", move["new_city"], size="2"),
                    rx.text(move["new_floor"], " ", move["new_room"], size="2", color=MUTED),
                    spacing="0",
                ),
            ),
            _definition("move.desired_date", move["desired_date"]),
            _definition("move.scheduled_for", move["scheduled_for"], id="move-scheduled-date"),
            _definition(
                "move.contact",
                rx.text(move["contact_name"], " · ", move["contact_phone"], size="2"),
            ),
            _definition(
                "request.requested_by",
                rx.text(move["created_by"], " · ", move["created"], size="2"),
            ),
            rx.cond(AuthState.is_agent, _definition("request.organisation", move["organisation"])),
            columns=rx.breakpoints(initial="1", sm="2", md="3"),
            spacing="4",
            width="100%",
        ),
        rx.cond(
            move["notes"] != "",
            rx.box(
                _definition("move.notes", move["notes"], style={"white_space": "pre-wrap"}),
                margin_top="16px",
            ),
        ),
        width="100%",
    )


def _status_option(status: rx.Var) -> rx.Component:
    key = "move.status." + status
    return rx.el.option(t(key), value=status)


def _move_transition_form() -> rx.Component:
    state = MoveDetailState
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(t("move.transition_heading"), size="4", as_="h2"),
                rx.grid(
                    rx.vstack(
                        rx.el.label(
                            t("move.transition_status"),
                            html_for="move-transition-status",
                            style=_LABEL_STYLE,
                        ),
                        rx.el.select(
                            rx.foreach(
                                state.transitions,
                                _status_option,
                            ),
                            id="move-transition-status",
                            name="status",
                            style={
                                "padding": "6px 8px",
                                "border": "1px solid #cbd5e1",
                                "border_radius": "6px",
                                "background": "white",
                                "width": "100%",
                            },
                        ),
                        field_error(_translated(state.errors["status"])),
                        spacing="1",
                        width="100%",
                    ),
                    rx.vstack(
                        _label("move.scheduled_for", "move-scheduled-for", optional=True),
                        rx.input(
                            id="move-scheduled-for",
                            name="scheduled_for",
                            type="date",
                            size="2",
                            width="100%",
                            aria_invalid=rx.cond(
                                state.errors["scheduled_for"] != "", "true", "false"
                            ),
                        ),
                        rx.text(t("move.scheduled_for_hint"), size="1", color=MUTED),
                        field_error(_translated(state.errors["scheduled_for"])),
                        spacing="1",
                        width="100%",
                    ),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    spacing="3",
                    width="100%",
                ),
                _textarea(
                    "note",
                    "move.transition_note",
                    state.errors["note"],
                    optional=True,
                    max_length=2000,
                    id_="move-transition-note",
                ),
                rx.button(
                    t("move.transition_submit"),
                    type="submit",
                    id="move-transition-submit",
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


def _move_cancel_dialog() -> rx.Component:
    state = MoveDetailState
    return confirm_dialog(
        title="move.cancel_title",
        description="move.cancel_text",
        keep=("move.cancel_keep", state.dismiss_confirmation, "move-cancel-keep"),
        confirm=("move.cancel_confirm", state.confirm_cancel, "move-cancel-confirm"),
        open=state.confirm_open,
        on_open_change=state.confirmation_changed,
    )


def _back_link() -> rx.Component:
    return rx.link(
        rx.icon("arrow-left", size=14),
        rx.cond(AuthState.is_agent, t("request.back_desk"), t("move.back")),
        href=rx.cond(AuthState.is_agent, routes.DESK_REQUESTS, routes.MOVE),
        size="2",
        id="move-back",
        style={"display": "inline-flex", "align_items": "center", "gap": "4px"},
    )


def move_detail_page() -> rx.Component:
    """Service: one move request, its status history and what the user may do with it."""
    state = MoveDetailState
    move = state.move
    return shell(
        rx.vstack(
            service_nav(rx.cond(AuthState.is_agent, "desk", "move")),
            _back_link(),
            rx.cond(
                state.not_found,
                _not_found(
                    "move-not-found", rx.cond(AuthState.is_agent, routes.DESK_REQUESTS, routes.MOVE)
                ),
                rx.cond(
                    state.loaded & (move["id"] != ""),
                    rx.vstack(
                        rx.flex(
                            rx.heading(
                                t("move.detail_title"), " #", move["id"], size="6", as_="h1"
                            ),
                            move_badge(
                                move["status"], move["status_key"], id="move-status", size="2"
                            ),
                            rx.spacer(),
                            rx.cond(
                                state.can_cancel,
                                rx.button(
                                    rx.icon("x", size=14),
                                    t("move.cancel"),
                                    color_scheme="red",
                                    variant="soft",
                                    type="button",
                                    on_click=state.ask_confirmation,
                                    id="move-cancel",
                                ),
                            ),
                            spacing="3",
                            align="center",
                            wrap="wrap",
                            width="100%",
                        ),
                        _callouts(state.notice, state.error, "move-detail"),
                        _move_summary_card(),
                        rx.cond(state.can_transition, _move_transition_form()),
                        rx.card(
                            rx.vstack(
                                rx.heading(t("request.history_heading"), size="4", as_="h2"),
                                _table(
                                    "move-history",
                                    [
                                        "request.col_date",
                                        "request.col_who",
                                        "request.col_change",
                                        "move.scheduled_for",
                                        "request.col_note",
                                    ],
                                    rx.foreach(state.history, _move_history_row),
                                    "680px",
                                ),
                                spacing="3",
                                width="100%",
                            ),
                            width="100%",
                        ),
                        _move_cancel_dialog(),
                        spacing="4",
                        width="100%",
                    ),
                    rx.center(rx.spinner(size="3"), padding="32px", width="100%"),
                ),
            ),
            spacing="4",
            width="100%",
        ),
        active="service",
    )


# --- Other requests: form and history ----------------------------------------------------------


def _request_form() -> rx.Component:
    state = RequestsState
    errors = state.errors
    is_account = state.kind == "account_inquiry"
    is_product = (state.kind == "online_service") | (state.kind == "e_snapshot")
    subject_optional = is_product
    return rx.card(
        rx.vstack(
            rx.heading(t("request.form_heading"), size="4", as_="h2"),
            rx.cond(
                is_product,
                rx.vstack(
                    rx.text(t("request.product"), weight="medium"),
                    product_picker(state, "request", errors["product_id"]),
                    spacing="2",
                    width="100%",
                ),
            ),
            rx.form(
                rx.vstack(
                    rx.cond(
                        is_account,
                        rx.vstack(
                            _label("request.account", "request-account"),
                            rx.el.select(
                                rx.el.option(t("request.account_choose"), value=""),
                                rx.foreach(
                                    state.accounts,
                                    lambda a: rx.el.option(
                                        a["number"], " – ", a["name"], value=a["id"]
                                    ),
                                ),
                                id="request-account",
                                name="account_id",
                                aria_invalid=rx.cond(errors["account_id"] != "", "true", "false"),
                                style={
                                    "padding": "6px 8px",
                                    "border": "1px solid #cbd5e1",
                                    "border_radius": "6px",
                                    "background": "white",
                                    "width": "100%",
                                    "max_width": "480px",
                                },
                            ),
                            field_error(_translated(errors["account_id"])),
                            spacing="1",
                            width="100%",
                        ),
                    ),
                    rx.vstack(
                        _label("request.subject", "subject", optional=subject_optional),
                        rx.input(
                            id="subject",
                            name="subject",
                            max_length=200,
                            size="2",
                            width="100%",
                            aria_invalid=rx.cond(errors["subject"] != "", "true", "false"),
                        ),
                        field_error(_translated(errors["subject"])),
                        spacing="1",
                        width="100%",
                    ),
                    _textarea(
                        "text", "request.text", errors["text"], optional=False, max_length=4000
                    ),
                    rx.cond(
                        state.kind == "online_service",
                        _field(
                            "preferred_time",
                            "request.preferred_time",
                            errors["preferred_time"],
                            optional=True,
                            placeholder=t("request.preferred_time_placeholder"),
                        ),
                    ),
                    rx.button(
                        rx.icon("send", size=16),
                        t("request.submit"),
                        type="submit",
                        size="3",
                        id="request-submit",
                    ),
                    spacing="3",
                    width="100%",
                ),
                key=state.kind + "-" + state.form_key.to(str),
                on_submit=state.submit,
                reset_on_submit=False,
                width="100%",
                id="request-form",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


_REQUEST_COLUMNS = [
    "request.col_number",
    "col.created",
    "request.subject",
    "request.col_about",
    "request.col_created_by",
    "col.status",
]


def _request_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.link("#", row["id"], href=routes.request_link(row["id"]), class_name="request-link"),
            style={"white_space": "nowrap"},
        ),
        rx.table.cell(row["created"], style={"white_space": "nowrap"}),
        rx.table.cell(row["subject"]),
        rx.table.cell(row["serial"], row["account"], style={"white_space": "nowrap"}),
        rx.table.cell(row["created_by"]),
        rx.table.cell(request_badge(row["status"], row["status_key"], class_name="request-status")),
        class_name="request-row",
    )


def requests_page() -> rx.Component:
    """Service: the form and history of one kind of request (SPEC C6)."""
    state = RequestsState
    return shell(
        rx.vstack(
            service_nav(state.kind),
            rx.cond(
                state.unknown_kind,
                _not_found("request-kind-not-found", routes.SERVICE),
                rx.vstack(
                    rx.vstack(
                        rx.heading(
                            _translated(
                                rx.cond(state.kind != "", "request.kind." + state.kind, "")
                            ),
                            size="6",
                            as_="h1",
                            id="request-title",
                        ),
                        rx.text(
                            _translated(
                                rx.cond(state.kind != "", "request.intro." + state.kind, "")
                            ),
                            color=MUTED,
                        ),
                        spacing="1",
                        width="100%",
                    ),
                    _callouts(state.notice, state.error, "request"),
                    rx.cond(
                        state.denied,
                        _denied("request-denied"),
                        rx.vstack(
                            rx.cond(state.can_create & (state.kind != ""), _request_form()),
                            rx.card(
                                rx.vstack(
                                    rx.heading(t("request.history_list"), size="4", as_="h2"),
                                    rx.cond(
                                        state.rows.length() > 0,
                                        _table(
                                            "requests-table",
                                            _REQUEST_COLUMNS,
                                            rx.foreach(state.rows, _request_row),
                                            "680px",
                                        ),
                                        rx.text(
                                            t("request.none"),
                                            size="2",
                                            color=MUTED,
                                            id="requests-empty",
                                        ),
                                    ),
                                    _pager(
                                        "requests",
                                        state.page,
                                        state.pages,
                                        state.total,
                                        state.go_page,
                                    ),
                                    spacing="3",
                                    width="100%",
                                ),
                                width="100%",
                            ),
                            spacing="4",
                            width="100%",
                        ),
                    ),
                    spacing="4",
                    width="100%",
                ),
            ),
            spacing="4",
            width="100%",
        ),
        active="service",
    )


# --- Other requests: detail ---------------------------------------------------------------------


def _request_history_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["date"], style={"white_space": "nowrap"}),
        rx.table.cell(row["who"]),
        rx.table.cell(_history_change(row, request_badge)),
        rx.table.cell(row["note"], style={"white_space": "pre-wrap", "min_width": "240px"}),
        class_name="history-row",
    )


def _request_answer_form() -> rx.Component:
    state = RequestDetailState
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(t("request.answer_heading"), size="4", as_="h2"),
                rx.text(t("request.answer_hint"), size="2", color=MUTED),
                _textarea(
                    "text",
                    "request.answer",
                    state.answer_error,
                    optional=False,
                    max_length=4000,
                    id_="answer-text",
                ),
                rx.button(
                    rx.icon("send", size=14),
                    t("request.answer_submit"),
                    type="submit",
                    id="answer-submit",
                ),
                spacing="3",
                width="100%",
            ),
            key=state.form_key,
            on_submit=state.answer,
            reset_on_submit=False,
            width="100%",
        ),
        width="100%",
    )


def _request_close_dialog() -> rx.Component:
    state = RequestDetailState
    return confirm_dialog(
        title="request.close_title",
        description="request.close_text",
        keep=("request.close_keep", state.dismiss_confirmation, "request-close-keep"),
        confirm=("request.close_confirm", state.confirm_close, "request-close-confirm"),
        open=state.confirm_open,
        on_open_change=state.confirmation_changed,
        danger=False,
    )


def request_detail_page() -> rx.Component:
    """Service: one request with its history; answer (agents) and close."""
    state = RequestDetailState
    req = state.request
    back = rx.cond(AuthState.is_agent, routes.DESK_REQUESTS, "/service/requests/" + req["kind"])
    return shell(
        rx.vstack(
            service_nav(rx.cond(AuthState.is_agent, "desk", req["kind"].to(str))),
            rx.cond(
                state.not_found,
                _not_found(
                    "request-not-found",
                    rx.cond(AuthState.is_agent, routes.DESK_REQUESTS, routes.SERVICE),
                ),
                rx.cond(
                    state.loaded & (req["id"] != ""),
                    rx.vstack(
                        rx.link(
                            rx.icon("arrow-left", size=14),
                            rx.cond(AuthState.is_agent, t("request.back_desk"), t("request.back")),
                            href=back,
                            size="2",
                            id="request-back",
                            style={"display": "inline-flex", "align_items": "center", "gap": "4px"},
                        ),
                        rx.flex(
                            rx.heading(
                                t(req["kind_key"].to(str)), " #", req["id"], size="6", as_="h1"
                            ),
                            request_badge(
                                req["status"], req["status_key"], id="request-status", size="2"
                            ),
                            rx.spacer(),
                            rx.cond(
                                state.can_close,
                                rx.button(
                                    rx.icon("circle-check", size=14),
                                    t("request.close"),
                                    variant="soft",
                                    type="button",
                                    on_click=state.ask_confirmation,
                                    id="request-close",
                                ),
                            ),
                            spacing="3",
                            align="center",
                            wrap="wrap",
                            width="100%",
                        ),
                        _callouts(state.notice, state.error, "request-detail"),
                        rx.card(
                            rx.vstack(
                                rx.heading(
                                    rx.cond(
                                        req["subject"] != "",
                                        req["subject"],
                                        t(req["kind_key"].to(str)),
                                    ),
                                    size="4",
                                    as_="h2",
                                    id="request-subject",
                                ),
                                rx.text(
                                    req["text"],
                                    size="2",
                                    style={"white_space": "pre-wrap", "overflow_wrap": "anywhere"},
                                    id="request-text",
                                ),
                                rx.grid(
                                    rx.cond(
                                        req["serial"] != "",
                                        _definition(
                                            "col.serial",
                                            rx.link(
                                                req["serial"],
                                                href=routes.product_link("") + req["product_id"],
                                                size="2",
                                            ),
                                        ),
                                    ),
                                    rx.cond(
                                        req["account"] != "",
                                        _definition("request.account", req["account"]),
                                    ),
                                    rx.cond(
                                        req["preferred_time"] != "",
                                        _definition(
                                            "request.preferred_time", req["preferred_time"]
                                        ),
                                    ),
                                    _definition(
                                        "request.requested_by",
                                        rx.text(req["created_by"], " · ", req["created"], size="2"),
                                    ),
                                    rx.cond(
                                        AuthState.is_agent,
                                        _definition("request.organisation", req["organisation"]),
                                    ),
                                    columns=rx.breakpoints(initial="1", sm="2", md="3"),
                                    spacing="4",
                                    width="100%",
                                ),
                                spacing="3",
                                width="100%",
                            ),
                            width="100%",
                        ),
                        rx.cond(state.can_answer, _request_answer_form()),
                        rx.card(
                            rx.vstack(
                                rx.heading(t("request.history_heading"), size="4", as_="h2"),
                                _table(
                                    "request-history",
                                    [
                                        "request.col_date",
                                        "request.col_who",
                                        "request.col_change",
                                        "request.col_note",
                                    ],
                                    rx.foreach(state.history, _request_history_row),
                                    "600px",
                                ),
                                spacing="3",
                                width="100%",
                            ),
                            width="100%",
                        ),
                        _request_close_dialog(),
                        spacing="4",
                        width="100%",
                    ),
                    rx.center(rx.spinner(size="3"), padding="32px", width="100%"),
                ),
            ),
            spacing="4",
            width="100%",
        ),
        active="service",
    )


# --- Agents' list -------------------------------------------------------------------------------


def _filter_select(id_: str, label_key: str, value: rx.Var, options, prefix: str, on_change):
    return rx.hstack(
        rx.el.label(t(label_key), html_for=id_, style=_LABEL_STYLE),
        rx.el.select(
            *[rx.el.option(t(f"{prefix}{o}"), value=o) for o in options],
            id=id_,
            value=value,
            on_change=on_change,
            style={
                "padding": "4px 8px",
                "border": "1px solid #cbd5e1",
                "border_radius": "6px",
                "background": "white",
            },
        ),
        spacing="2",
        align="center",
        wrap="wrap",
    )


def _desk_move_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.link("#", row["id"], href=routes.move_link(row["id"]), class_name="move-link"),
            style={"white_space": "nowrap"},
        ),
        rx.table.cell(row["organisation"]),
        rx.table.cell(row["serial"], style={"white_space": "nowrap"}),
        rx.table.cell(row["new_address"], ", ", row["new_city"]),
        rx.table.cell(row["desired_date"], style={"white_space": "nowrap"}),
        rx.table.cell(row["created"], style={"white_space": "nowrap"}),
        rx.table.cell(move_badge(row["status"], row["status_key"], class_name="move-status")),
        class_name="move-row",
        custom_attrs={"data-serial": row["serial"]},
    )


def _desk_inquiry_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.link("#", row["id"], href=routes.request_link(row["id"]), class_name="request-link"),
            style={"white_space": "nowrap"},
        ),
        rx.table.cell(row["organisation"]),
        rx.table.cell(t(row["kind_key"].to(str))),
        rx.table.cell(row["subject"]),
        rx.table.cell(row["created"], style={"white_space": "nowrap"}),
        rx.table.cell(request_badge(row["status"], row["status_key"], class_name="request-status")),
        class_name="request-row",
    )


def desk_requests_page() -> rx.Component:
    """Provider agents: move requests and other requests across customers."""
    state = DeskRequestsState
    moves = rx.card(
        rx.vstack(
            rx.flex(
                rx.heading(t("request.desk_moves"), size="4", as_="h2"),
                rx.spacer(),
                _filter_select(
                    "desk-move-status",
                    "col.status",
                    state.move_status,
                    DESK_MOVE_FILTERS,
                    "move.filter.",
                    state.set_move_status,
                ),
                align="center",
                wrap="wrap",
                spacing="3",
                width="100%",
            ),
            rx.cond(
                state.moves.length() > 0,
                _table(
                    "desk-moves-table",
                    [
                        "request.col_number",
                        "request.organisation",
                        "col.serial",
                        "move.col_new_address",
                        "move.desired_date",
                        "col.created",
                        "col.status",
                    ],
                    rx.foreach(state.moves, _desk_move_row),
                    "760px",
                ),
                rx.text(t("move.none"), size="2", color=MUTED, id="desk-moves-empty"),
            ),
            _pager(
                "desk-moves",
                state.move_page,
                state.move_pages,
                state.move_total,
                state.go_move_page,
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )
    inquiries = rx.card(
        rx.vstack(
            rx.flex(
                rx.heading(t("request.desk_inquiries"), size="4", as_="h2"),
                rx.spacer(),
                _filter_select(
                    "desk-inquiry-status",
                    "col.status",
                    state.inquiry_status,
                    DESK_INQUIRY_FILTERS,
                    "request.filter.",
                    state.set_inquiry_status,
                ),
                align="center",
                wrap="wrap",
                spacing="3",
                width="100%",
            ),
            rx.cond(
                state.inquiries.length() > 0,
                _table(
                    "desk-inquiries-table",
                    [
                        "request.col_number",
                        "request.organisation",
                        "request.col_kind",
                        "request.subject",
                        "col.created",
                        "col.status",
                    ],
                    rx.foreach(state.inquiries, _desk_inquiry_row),
                    "720px",
                ),
                rx.text(t("request.none"), size="2", color=MUTED, id="desk-inquiries-empty"),
            ),
            _pager(
                "desk-inquiries",
                state.inquiry_page,
                state.inquiry_pages,
                state.inquiry_total,
                state.go_inquiry_page,
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )
    return shell(
        rx.vstack(
            service_nav("desk"),
            rx.vstack(
                rx.heading(t("request.desk_title"), size="6", as_="h1"),
                rx.text(t("request.desk_intro"), color=MUTED),
                spacing="1",
                width="100%",
            ),
            rx.cond(
                state.denied,
                _denied("desk-requests-denied"),
                rx.cond(
                    state.loaded,
                    rx.vstack(moves, inquiries, spacing="4", width="100%"),
                    rx.center(rx.spinner(size="3"), padding="32px", width="100%"),
                ),
            ),
            spacing="4",
            width="100%",
        ),
        active="service",
    )


def register(app: rx.App) -> None:
    """Add the move, request and agents' request pages to the app."""
    pages = (
        (move_page, routes.MOVE, MoveState.load),
        (move_detail_page, routes.MOVE_DETAIL, MoveDetailState.load),
        (requests_page, routes.REQUESTS, RequestsState.load),
        (request_detail_page, routes.REQUEST_DETAIL, RequestDetailState.load),
        (desk_requests_page, routes.DESK_REQUESTS, DeskRequestsState.load),
    )
    for component, route, load in pages:
        app.add_page(component, route=route, title="Portal", on_load=[AuthState.check_login, load])
