"""Pages: move requests (SPEC C5), the other requests (SPEC C6) and the agents' list of them.

Customers find the forms and their histories under the Service tab; provider
agents reach every request from ``/desk/requests`` and move them on from the
same detail pages, which show each user the controls their role allows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
    loading,
    page_title,
    scroll_table,
    section_card,
    tab_page,
    translated,
)
from portal.components.i18n import t
from portal.components.layout import BRAND_BLUE, field_error
from portal.components.pager import paging
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

_SELECT_STYLE = {
    "padding": "6px 8px",
    "border": "1px solid #cbd5e1",
    "border_radius": "6px",
    "background": "white",
    "width": "100%",
}


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


_MOVE_COLOURS = (
    ("requested", "blue"),
    ("scheduled", "amber"),
    ("completed", "green"),
    ("cancelled", "gray"),
)
_REQUEST_COLOURS = (("open", "blue"), ("answered", "amber"), ("closed", "gray"))


def move_badge(status: rx.Var, key: rx.Var, **props) -> rx.Component:
    """The badge of a move request's status."""
    return status_badge(status, key, _MOVE_COLOURS, **props)


def request_badge(status: rx.Var, key: rx.Var, **props) -> rx.Component:
    """The badge of a request's status."""
    return status_badge(status, key, _REQUEST_COLOURS, **props)


def _table(id_: str, header_keys: list[str], body: rx.Component, min_width: str) -> rx.Component:
    return scroll_table(id_, header_keys, body, min_width=min_width, size="1")


def _pager(prefix: str, total: rx.Var, page: rx.Var, pages: rx.Var, go: Any) -> rx.Component:
    """The shared pager for a list whose handler ``go`` takes the page to show."""
    return paging(
        prefix,
        total=total,
        page=page,
        pages=pages,
        on_prev=go(page - 1),
        on_next=go(page + 1),
        only_when_several=True,
    )


def _label(key: str, html_for: str, *, optional: bool | rx.Var = False) -> rx.Component:
    hint = rx.text.span(" (", t("request.optional"), ")", color=MUTED, weight="regular")
    if isinstance(optional, rx.Var):
        hint = rx.cond(optional, hint)
    elif not optional:
        hint = rx.fragment()
    return rx.el.label(t(key), hint, html_for=html_for, style=LABEL_STYLE)


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
    return labelled_field(
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
        error,
    )


def _textarea(
    name: str, label_key: str, error: rx.Var, *, optional: bool, max_length: int, id_: str = ""
) -> rx.Component:
    element_id = id_ or name
    return labelled_field(
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
        error,
    )


def _denied(id_: str) -> rx.Component:
    return denied_notice(id_, icon="lock", color="red")


def _not_found(id_: str, back_href: str | rx.Var) -> rx.Component:
    return not_found("request.not_found", id_, rx.link(t("request.back"), href=back_href))


def _back_link(label: rx.Var, href: str | rx.Var, id_: str) -> rx.Component:
    return rx.link(
        rx.icon("arrow-left", size=14),
        label,
        href=href,
        size="2",
        id=id_,
        style={"display": "inline-flex", "align_items": "center", "gap": "4px"},
    )


def _history_card(
    id_: str, header_keys: list[str], rows: rx.Component, min_width: str
) -> rx.Component:
    return section_card("request.history_heading", _table(id_, header_keys, rows, min_width))


def _product_choice(row: rx.Var, state) -> rx.Component:
    return product_choice(
        row,
        badge=rx.cond(
            row["open_move"] != "",
            rx.badge(t("request.open_move"), color_scheme="amber", size="1"),
        ),
        place=rx.text(row["address"], " · ", row["city"], size="1", color=MUTED),
        on_click=state.choose_product(row["id"]),
    )


def product_picker(state, prefix: str, error: rx.Var) -> rx.Component:
    """Choose one visible product by serial; ids ``<prefix>-product-search`` / ``-chosen``."""
    product = state.chosen_product
    chosen = chosen_product(
        product,
        rx.text(product["address"], " · ", product["city"], size="1", color=MUTED),
        ("request.change_product", state.change_product),
        prefix,
    )
    search = product_search(
        state,
        prefix=prefix,
        texts=PickerTexts(
            label="request.product_search",
            placeholder="request.product_search_placeholder",
            none_found="request.no_products",
            more="request.more_products",
        ),
        choice=lambda row: _product_choice(row, state),
        limit=PICKER_LIMIT,
        size="2",
    )
    return rx.vstack(
        rx.cond(state.chosen_product_id != "", chosen, search),
        field_error(translated(error)),
        field_error(translated(state.picker_error)),
        spacing="1",
        width="100%",
    )


def _move_form() -> rx.Component:
    state = MoveState
    errors = state.errors
    return section_card(
        "move.form_heading",
        rx.text(t("move.step_product"), weight="medium"),
        product_picker(state, "move", errors["product_id"]),
        submit_form(
            "move-form",
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
            _textarea("notes", "move.notes", errors["notes"], optional=True, max_length=2000),
            submit=("truck", "move.submit", "move-submit"),
            key=state.form_key,
            on_submit=state.submit,
        ),
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


def _number_cell(row: rx.Var, link: Callable[[rx.Var], rx.Var], class_name: str) -> rx.Component:
    return rx.table.row_header_cell(
        rx.link("#", row["id"], href=link(row["id"]), class_name=class_name),
        style={"white_space": "nowrap"},
    )


def _move_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        _number_cell(row, routes.move_link, "move-link"),
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
    return section_card(
        "move.history_heading",
        rows_or_text(
            state.rows,
            _table("moves-table", _MOVE_COLUMNS, rx.foreach(state.rows, _move_row), "680px"),
            "move.none",
            "moves-empty",
        ),
        _pager("moves", state.total, state.page, state.pages, state.go_page),
    )


def move_page() -> rx.Component:
    """Service: request a move and follow the move requests (SPEC C5)."""
    state = MoveState
    return tab_page(
        "service",
        service_nav("move"),
        page_title("move.title", "move.intro"),
        callouts("move", state.notice, state.error),
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
    )


def _move_history_row(row: rx.Var) -> rx.Component:
    return history_row(
        row,
        move_badge,
        rx.table.cell(row["scheduled_for"], style={"white_space": "nowrap"}),
        rx.table.cell(row["note"], style={"white_space": "pre-wrap", "min_width": "200px"}),
        class_name="history-to",
    )


def _move_summary_card() -> rx.Component:
    move = MoveDetailState.move
    return rx.card(
        definition_grid(
            definition(
                "col.serial",
                rx.link(
                    move["serial"],
                    href=routes.product_link("") + move["product_id"],
                    id="move-product-link",
                    size="2",
                ),
            ),
            definition("col.product_name", move["model"]),
            definition("move.current_address", move["current_address"]),
            definition(
                "move.new_location",
                rx.vstack(
                    rx.text(move["new_address"], size="2"),
                    rx.text(move["new_postal_code"], " ", move["new_city"], size="2"),
                    rx.text(move["new_floor"], " ", move["new_room"], size="2", color=MUTED),
                    spacing="0",
                ),
            ),
            definition("move.desired_date", move["desired_date"]),
            definition("move.scheduled_for", move["scheduled_for"], id="move-scheduled-date"),
            definition(
                "move.contact",
                rx.text(move["contact_name"], " · ", move["contact_phone"], size="2"),
            ),
            definition(
                "request.requested_by",
                rx.text(move["created_by"], " · ", move["created"], size="2"),
            ),
            rx.cond(AuthState.is_agent, definition("request.organisation", move["organisation"])),
        ),
        rx.cond(
            move["notes"] != "",
            rx.box(
                definition("move.notes", move["notes"], style={"white_space": "pre-wrap"}),
                margin_top="16px",
            ),
        ),
        width="100%",
    )


def _move_transition_form() -> rx.Component:
    state = MoveDetailState
    return transition_form(
        heading_key="move.transition_heading",
        fields=(
            status_select(
                "move-transition-status",
                "move.transition_status",
                state.transitions,
                "move.status.",
                state.errors["status"],
                _SELECT_STYLE,
            ),
            labelled_field(
                _label("move.scheduled_for", "move-scheduled-for", optional=True),
                rx.input(
                    id="move-scheduled-for",
                    name="scheduled_for",
                    type="date",
                    size="2",
                    width="100%",
                    aria_invalid=rx.cond(state.errors["scheduled_for"] != "", "true", "false"),
                ),
                state.errors["scheduled_for"],
                hint_key="move.scheduled_for_hint",
            ),
        ),
        note=_textarea(
            "note",
            "move.transition_note",
            state.errors["note"],
            optional=True,
            max_length=2000,
            id_="move-transition-note",
        ),
        submit=("move.transition_submit", "move-transition-submit"),
        form_key=state.form_key,
        on_submit=state.transition,
    )


def move_detail_page() -> rx.Component:
    """Service: one move request, its status history and what the user may do with it."""
    state = MoveDetailState
    move = state.move
    back_href = rx.cond(AuthState.is_agent, routes.DESK_REQUESTS, routes.MOVE)
    return tab_page(
        "service",
        service_nav(rx.cond(AuthState.is_agent, "desk", "move")),
        _back_link(
            rx.cond(AuthState.is_agent, t("request.back_desk"), t("move.back")),
            back_href,
            "move-back",
        ),
        record_view(
            state.not_found,
            state.loaded & (move["id"] != ""),
            _not_found("move-not-found", back_href),
            detail_heading(
                rx.heading(t("move.detail_title"), " #", move["id"], size="6", as_="h1"),
                move_badge(move["status"], move["status_key"], id="move-status", size="2"),
                action_button(
                    state.can_cancel,
                    "x",
                    "move.cancel",
                    state.ask_confirmation,
                    "move-cancel",
                    color_scheme="red",
                    type="button",
                ),
            ),
            callouts("move-detail", state.notice, state.error),
            _move_summary_card(),
            rx.cond(state.can_transition, _move_transition_form()),
            _history_card(
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
            confirm_action(
                state,
                ConfirmTexts(
                    title="move.cancel_title",
                    text="move.cancel_text",
                    keep="move.cancel_keep",
                    confirm="move.cancel_confirm",
                ),
                state.confirm_cancel,
                "move-cancel",
            ),
        ),
    )


def _request_form() -> rx.Component:
    state = RequestsState
    errors = state.errors
    is_account = state.kind == "account_inquiry"
    is_product = (state.kind == "online_service") | (state.kind == "e_snapshot")
    subject_optional = is_product
    return section_card(
        "request.form_heading",
        rx.cond(
            is_product,
            rx.vstack(
                rx.text(t("request.product"), weight="medium"),
                product_picker(state, "request", errors["product_id"]),
                spacing="2",
                width="100%",
            ),
        ),
        submit_form(
            "request-form",
            rx.cond(
                is_account,
                labelled_field(
                    _label("request.account", "request-account"),
                    rx.el.select(
                        rx.el.option(t("request.account_choose"), value=""),
                        rx.foreach(
                            state.accounts,
                            lambda a: rx.el.option(a["number"], " – ", a["name"], value=a["id"]),
                        ),
                        id="request-account",
                        name="account_id",
                        aria_invalid=rx.cond(errors["account_id"] != "", "true", "false"),
                        style={**_SELECT_STYLE, "max_width": "480px"},
                    ),
                    errors["account_id"],
                ),
            ),
            labelled_field(
                _label("request.subject", "subject", optional=subject_optional),
                rx.input(
                    id="subject",
                    name="subject",
                    max_length=200,
                    size="2",
                    width="100%",
                    aria_invalid=rx.cond(errors["subject"] != "", "true", "false"),
                ),
                errors["subject"],
            ),
            _textarea("text", "request.text", errors["text"], optional=False, max_length=4000),
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
            submit=("send", "request.submit", "request-submit"),
            key=state.kind + "-" + state.form_key.to(str),
            on_submit=state.submit,
        ),
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
        _number_cell(row, routes.request_link, "request-link"),
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
    history = section_card(
        "request.history_list",
        rows_or_text(
            state.rows,
            _table(
                "requests-table", _REQUEST_COLUMNS, rx.foreach(state.rows, _request_row), "680px"
            ),
            "request.none",
            "requests-empty",
        ),
        _pager("requests", state.total, state.page, state.pages, state.go_page),
    )
    return tab_page(
        "service",
        service_nav(state.kind),
        rx.cond(
            state.unknown_kind,
            _not_found("request-kind-not-found", routes.SERVICE),
            rx.vstack(
                rx.vstack(
                    rx.heading(
                        translated(rx.cond(state.kind != "", "request.kind." + state.kind, "")),
                        size="6",
                        as_="h1",
                        id="request-title",
                    ),
                    rx.text(
                        translated(rx.cond(state.kind != "", "request.intro." + state.kind, "")),
                        color=MUTED,
                    ),
                    spacing="1",
                    width="100%",
                ),
                callouts("request", state.notice, state.error),
                rx.cond(
                    state.denied,
                    _denied("request-denied"),
                    rx.vstack(
                        rx.cond(state.can_create & (state.kind != ""), _request_form()),
                        history,
                        spacing="4",
                        width="100%",
                    ),
                ),
                spacing="4",
                width="100%",
            ),
        ),
    )


def _request_history_row(row: rx.Var) -> rx.Component:
    return history_row(
        row,
        request_badge,
        rx.table.cell(row["note"], style={"white_space": "pre-wrap", "min_width": "240px"}),
        class_name="history-to",
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


def _request_card() -> rx.Component:
    req = RequestDetailState.request
    return rx.card(
        rx.vstack(
            rx.heading(
                rx.cond(req["subject"] != "", req["subject"], t(req["kind_key"].to(str))),
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
            definition_grid(
                rx.cond(
                    req["serial"] != "",
                    definition(
                        "col.serial",
                        rx.link(
                            req["serial"],
                            href=routes.product_link("") + req["product_id"],
                            size="2",
                        ),
                    ),
                ),
                rx.cond(req["account"] != "", definition("request.account", req["account"])),
                rx.cond(
                    req["preferred_time"] != "",
                    definition("request.preferred_time", req["preferred_time"]),
                ),
                definition(
                    "request.requested_by",
                    rx.text(req["created_by"], " · ", req["created"], size="2"),
                ),
                rx.cond(
                    AuthState.is_agent, definition("request.organisation", req["organisation"])
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def request_detail_page() -> rx.Component:
    """Service: one request with its history; answer (agents) and close."""
    state = RequestDetailState
    req = state.request
    return tab_page(
        "service",
        service_nav(rx.cond(AuthState.is_agent, "desk", req["kind"].to(str))),
        record_view(
            state.not_found,
            state.loaded & (req["id"] != ""),
            _not_found(
                "request-not-found",
                rx.cond(AuthState.is_agent, routes.DESK_REQUESTS, routes.SERVICE),
            ),
            _back_link(
                rx.cond(AuthState.is_agent, t("request.back_desk"), t("request.back")),
                rx.cond(
                    AuthState.is_agent, routes.DESK_REQUESTS, "/service/requests/" + req["kind"]
                ),
                "request-back",
            ),
            detail_heading(
                rx.heading(t(req["kind_key"].to(str)), " #", req["id"], size="6", as_="h1"),
                request_badge(req["status"], req["status_key"], id="request-status", size="2"),
                action_button(
                    state.can_close,
                    "circle-check",
                    "request.close",
                    state.ask_confirmation,
                    "request-close",
                    type="button",
                ),
            ),
            callouts("request-detail", state.notice, state.error),
            _request_card(),
            rx.cond(state.can_answer, _request_answer_form()),
            _history_card(
                "request-history",
                ["request.col_date", "request.col_who", "request.col_change", "request.col_note"],
                rx.foreach(state.history, _request_history_row),
                "600px",
            ),
            confirm_action(
                state,
                ConfirmTexts(
                    title="request.close_title",
                    text="request.close_text",
                    keep="request.close_keep",
                    confirm="request.close_confirm",
                ),
                state.confirm_close,
                "request-close",
                danger=False,
            ),
        ),
    )


def _filter_select(id_: str, label_key: str, value: rx.Var, options, prefix: str, on_change):
    return rx.hstack(
        field_label(label_key, id_),
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
        _number_cell(row, routes.move_link, "move-link"),
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
        _number_cell(row, routes.request_link, "request-link"),
        rx.table.cell(row["organisation"]),
        rx.table.cell(t(row["kind_key"].to(str))),
        rx.table.cell(row["subject"]),
        rx.table.cell(row["created"], style={"white_space": "nowrap"}),
        rx.table.cell(request_badge(row["status"], row["status_key"], class_name="request-status")),
        class_name="request-row",
    )


def _desk_card(heading_key: str, status_filter: rx.Component, *rows: rx.Component) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.heading(t(heading_key), size="4", as_="h2"),
                rx.spacer(),
                status_filter,
                align="center",
                wrap="wrap",
                spacing="3",
                width="100%",
            ),
            *rows,
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def desk_requests_page() -> rx.Component:
    """Provider agents: move requests and other requests across customers."""
    state = DeskRequestsState
    moves = _desk_card(
        "request.desk_moves",
        _filter_select(
            "desk-move-status",
            "col.status",
            state.move_status,
            DESK_MOVE_FILTERS,
            "move.filter.",
            state.set_move_status,
        ),
        rows_or_text(
            state.moves,
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
            "move.none",
            "desk-moves-empty",
        ),
        _pager(
            "desk-moves", state.move_total, state.move_page, state.move_pages, state.go_move_page
        ),
    )
    inquiries = _desk_card(
        "request.desk_inquiries",
        _filter_select(
            "desk-inquiry-status",
            "col.status",
            state.inquiry_status,
            DESK_INQUIRY_FILTERS,
            "request.filter.",
            state.set_inquiry_status,
        ),
        rows_or_text(
            state.inquiries,
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
            "request.none",
            "desk-inquiries-empty",
        ),
        _pager(
            "desk-inquiries",
            state.inquiry_total,
            state.inquiry_page,
            state.inquiry_pages,
            state.go_inquiry_page,
        ),
    )
    return tab_page(
        "service",
        service_nav("desk"),
        page_title("request.desk_title", "request.desk_intro"),
        rx.cond(
            state.denied,
            _denied("desk-requests-denied"),
            rx.cond(
                state.loaded,
                rx.vstack(moves, inquiries, spacing="4", width="100%"),
                loading("32px", width="100%"),
            ),
        ),
    )


def register(app: rx.App) -> None:
    """Add the move, request and agents' request pages to the app."""
    add_pages(
        app,
        (
            (move_page, routes.MOVE, MoveState.load),
            (move_detail_page, routes.MOVE_DETAIL, MoveDetailState.load),
            (requests_page, routes.REQUESTS, RequestsState.load),
            (request_detail_page, routes.REQUEST_DETAIL, RequestDetailState.load),
            (desk_requests_page, routes.DESK_REQUESTS, DeskRequestsState.load),
        ),
    )
