"""Service tickets, customer side: the new-ticket form (SPEC C2) and a ticket's page (SPEC C3)."""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.common import (
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
)
from portal.components.i18n import t
from portal.components.layout import BRAND_BLUE, field_error, shell
from portal.components.listing import column_header, data_item, titled_card
from portal.services.tickets import TICKET_TYPES
from portal.state.ticket import TicketNewState, TicketState

_SELECT_STYLE = {
    "width": "100%",
    "height": "40px",
    "padding": "0 10px",
    "border": "1px solid #cbd5e1",
    "border_radius": "6px",
    "background": "white",
    "color": "#1f2933",
    "font_size": "16px",
}
LIGHT_COLORS = (
    ("on_time", "green"),
    ("met", "green"),
    ("at_risk", "amber"),
    ("breached", "red"),
)


def light_badge(light: rx.Var, key: rx.Var, id_: str | None = None) -> rx.Component:
    """The traffic light of an SLA clock: a coloured badge with its word (class sla-light)."""
    return rx.badge(
        rx.el.span(
            aria_hidden="true",
            style={
                "display": "inline-block",
                "width": "8px",
                "height": "8px",
                "border_radius": "999px",
                "background": "currentColor",
            },
        ),
        t(key.to(str)),
        color_scheme=rx.match(light.to(str), *LIGHT_COLORS, "gray"),
        variant="soft",
        class_name="sla-light",
        data_light=light.to(str),
        id=id_,
        style={"white_space": "nowrap", "gap": "6px"},
    )


def _back() -> rx.Component:
    return rx.link(
        rx.hstack(rx.icon("arrow-left", size=16), rx.text(t("ticket.back")), spacing="1"),
        href=routes.SERVICE,
        id="ticket-back",
        size="2",
    )


def _error(key: rx.Var) -> rx.Component:
    return field_error(rx.cond(key != "", t(key.to(str)), ""))


New = TicketNewState


def _field(
    name: str,
    label_key: str,
    control: rx.Component,
    hint_key: str | None = None,
) -> rx.Component:
    hint = [rx.text(t(hint_key), size="1", color=MUTED)] if hint_key else []
    return labelled(label_key, name, control, *hint, _error(New.errors[name]))


def _input(name: str, *, max_length: int, required: bool = False, **props) -> rx.Component:
    error = New.errors[name]
    return rx.input(
        id=name,
        name=name,
        max_length=max_length,
        required=required,
        size="3",
        width="100%",
        aria_invalid=rx.cond(error != "", "true", "false"),
        **props,
    )


def _product_choice(product: rx.Var) -> rx.Component:
    return rx.el.button(
        rx.hstack(
            rx.icon("printer", size=16, color=BRAND_BLUE),
            rx.text(product["label"], size="2"),
            spacing="2",
            align="center",
        ),
        type="button",
        on_click=New.choose_product(product["id"]),
        class_name="product-choice",
        data_serial=product["serial"],
        style={
            "width": "100%",
            "text_align": "left",
            "padding": "10px 12px",
            "border": "1px solid #e2e8f0",
            "border_radius": "6px",
            "background": "white",
            "cursor": "pointer",
            "min_height": "44px",
        },
    )


def _product_picker() -> rx.Component:
    """Step 1: a product of the user's scope, searchable by serial."""
    return rx.card(
        rx.vstack(
            rx.heading(t("ticket.field.product"), size="4", as_="h2"),
            rx.cond(
                New.chosen_product_id != "",
                rx.flex(
                    rx.hstack(
                        rx.icon("circle-check", size=18, color="#15803d"),
                        rx.text(New.chosen_product_label, weight="medium"),
                        id="ticket-product-chosen",
                        data_product_id=New.chosen_product_id,
                        spacing="2",
                        align="center",
                    ),
                    rx.button(
                        t("ticket.product_change"),
                        type="button",
                        variant="outline",
                        size="2",
                        on_click=New.clear_product,
                        id="ticket-product-change",
                    ),
                    justify="between",
                    align="center",
                    wrap="wrap",
                    spacing="3",
                    width="100%",
                ),
                rx.vstack(
                    field_label("ticket.product_search", "ticket-product-search"),
                    rx.input(
                        id="ticket-product-search",
                        type="search",
                        placeholder=t("ticket.product_search_hint"),
                        default_value=New.product_query,
                        on_change=New.search_products.debounce(300),
                        max_length=60,
                        size="3",
                        width="100%",
                        auto_complete="off",
                    ),
                    rx.cond(
                        New.product_results.length() > 0,
                        rx.vstack(
                            rx.foreach(New.product_results, _product_choice),
                            spacing="2",
                            width="100%",
                            id="ticket-product-results",
                            style={"max_height": "280px", "overflow_y": "auto"},
                        ),
                        rx.text(
                            t("ticket.product_none"),
                            size="2",
                            color=MUTED,
                            id="ticket-product-none",
                        ),
                    ),
                    spacing="2",
                    width="100%",
                ),
            ),
            _error(New.errors["product_id"]),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _suggestion(item: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.link(
            item["title"],
            rx.icon("external-link", size=14, style={"margin_left": "4px"}),
            href=item["link"].to(str),
            weight="medium",
            is_external=True,
            class_name="ticket-suggestion",
            title=t("kb.opens_new_tab"),
        ),
        rx.text(item["summary"], size="2", color=MUTED),
        spacing="1",
    )


def _suggestions() -> rx.Component:
    return rx.cond(
        New.suggestions.length() > 0,
        rx.callout.root(
            rx.callout.icon(rx.icon("lightbulb")),
            rx.vstack(
                rx.text(t("ticket.suggestions"), weight="bold"),
                rx.foreach(New.suggestions, _suggestion),
                spacing="2",
            ),
            color_scheme="blue",
            width="100%",
            id="ticket-suggestions",
        ),
    )


def _type_select() -> rx.Component:
    return rx.el.select(
        rx.el.option(t("ticket.type_choose"), value=""),
        *[rx.el.option(t(f"ticket_type.{value}"), value=value) for value in TICKET_TYPES],
        id="ticket_type",
        name="ticket_type",
        required=True,
        default_value="",
        style=_SELECT_STYLE,
    )


def _ticket_form() -> rx.Component:
    """Step 2: what happens and who to contact."""
    return rx.card(
        rx.form(
            rx.vstack(
                rx.grid(
                    _field("ticket_type", "ticket.field.ticket_type", _type_select()),
                    _field(
                        "error_code",
                        "ticket.field.error_code",
                        _input(
                            "error_code",
                            max_length=40,
                            on_blur=New.suggest_error_code,
                            on_change=New.suggest_error_code.debounce(400),
                        ),
                    ),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    spacing="3",
                    width="100%",
                ),
                _field(
                    "description",
                    "ticket.field.description",
                    rx.text_area(
                        id="description",
                        name="description",
                        max_length=4000,
                        required=True,
                        rows="5",
                        size="3",
                        width="100%",
                        on_blur=New.suggest_description,
                        on_change=New.suggest_description.debounce(600),
                        aria_invalid=rx.cond(New.errors["description"] != "", "true", "false"),
                    ),
                    "ticket.description_hint",
                ),
                _suggestions(),
                rx.grid(
                    _field(
                        "contact_name",
                        "ticket.field.contact_name",
                        _input("contact_name", max_length=120, required=True),
                    ),
                    _field(
                        "contact_phone",
                        "ticket.field.contact_phone",
                        _input("contact_phone", max_length=40, required=True, type="tel"),
                    ),
                    _field(
                        "availability",
                        "ticket.field.availability",
                        _input("availability", max_length=200),
                        "ticket.availability_hint",
                    ),
                    _field(
                        "your_reference",
                        "ticket.field.your_reference",
                        _input("your_reference", max_length=60),
                    ),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    spacing="3",
                    width="100%",
                ),
                rx.cond(
                    New.form_error != "",
                    rx.callout(
                        t(New.form_error),
                        icon="triangle-alert",
                        color_scheme="red",
                        role="alert",
                        width="100%",
                        id="ticket-form-error",
                    ),
                ),
                rx.button(
                    rx.icon("send", size=16),
                    t("ticket.submit"),
                    type="submit",
                    size="3",
                    id="ticket-submit",
                    disabled=New.chosen_product_id == "",
                ),
                spacing="4",
                width="100%",
            ),
            on_submit=New.submit,
            reset_on_submit=False,
            key=New.form_version,
            width="100%",
        ),
        width="100%",
    )


def ticket_new_page() -> rx.Component:
    """New ticket: product, type, error code, description, contact (SPEC C2)."""
    return shell(
        rx.vstack(
            _back(),
            page_title("ticket.new.title", "ticket.new.intro"),
            rx.cond(
                New.denied,
                denied_notice("ticket-new-denied"),
                rx.cond(
                    ~New.loaded,
                    loading(),
                    rx.cond(
                        ~New.has_products & (New.chosen_product_id == ""),
                        notice(t("ticket.no_products"), "ticket-no-products"),
                        rx.vstack(_product_picker(), _ticket_form(), spacing="4", width="100%"),
                    ),
                ),
            ),
            spacing="4",
            width="100%",
            max_width="860px",
        ),
        active="service",
    )


State = TicketState


def _status_badge(key: rx.Var, open_: rx.Var, id_: str | None = None) -> rx.Component:
    return rx.badge(
        t(key.to(str)),
        color_scheme=rx.cond(open_, "blue", "gray"),
        variant="soft",
        size="2",
        id=id_,
    )


def _summary_card() -> rx.Component:
    ticket, product = State.ticket, State.product
    return titled_card(
        "ticket.summary",
        "ticket-summary",
        rx.data_list.root(
            data_item(
                "ticket.field.status",
                _status_badge(ticket["status_key"], ticket["is_open"].to(bool), "ticket-status"),
            ),
            data_item("col.type", t(ticket["type_key"].to(str)), "ticket-type"),
            data_item("ticket.error_code", or_dash(ticket["error_code"].to(str))),
            data_item(
                "ticket.field.description",
                rx.text(ticket["description"], style={"white_space": "pre-line"}),
                "ticket-description",
            ),
            data_item("col.your_reference", or_dash(ticket["your_reference"].to(str))),
            data_item(
                "ticket.field.product",
                rx.link(
                    product["serial"],
                    " · ",
                    product["model"],
                    href=product["href"].to(str),
                    id="ticket-product-link",
                ),
            ),
            data_item(
                "ticket.field.submitted_by",
                rx.cond(
                    ticket["submitted_by"].to(str) != "",
                    ticket["submitted_by"],
                    t("ticket.by_service_desk"),
                ),
            ),
            data_item("ticket.field.created", ticket["created"], "ticket-created-at"),
            data_item(
                "ticket.field.contact",
                rx.vstack(
                    rx.text(ticket["contact_name"]),
                    rx.text(ticket["contact_phone"], size="2", color=MUTED),
                    rx.cond(
                        ticket["availability"].to(str) != "",
                        rx.text(ticket["availability"], size="2", color=MUTED),
                    ),
                    spacing="0",
                ),
            ),
            orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
            size="2",
        ),
    )


def _due(label_key: str, due: rx.Var, light: rx.Var, key: rx.Var, id_: str) -> rx.Component:
    return data_item(
        label_key,
        rx.flex(
            rx.text(due, id=f"{id_}-due"),
            light_badge(light, key, f"{id_}-light"),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
    )


def _sla_card() -> rx.Component:
    sla = State.sla
    return titled_card(
        "ticket.sla",
        "ticket-sla",
        rx.cond(
            sla["is_sla"].to(bool),
            rx.vstack(
                rx.text(sla["service_level"], weight="medium", id="ticket-service-level"),
                rx.data_list.root(
                    _due(
                        "ticket.response_due",
                        sla["response_due"],
                        sla["response_light"],
                        sla["response_light_key"],
                        "ticket-response",
                    ),
                    _due(
                        "ticket.resolution_due",
                        sla["resolution_due"],
                        sla["resolution_light"],
                        sla["resolution_light_key"],
                        "ticket-resolution",
                    ),
                    orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
                    size="2",
                ),
                rx.cond(
                    sla["paused"].to(bool),
                    rx.text(t("ticket.paused_note"), size="2", color=MUTED, id="ticket-paused"),
                ),
                spacing="3",
                width="100%",
            ),
            rx.hstack(
                light_badge(rx.Var.create("non_sla"), rx.Var.create("sla.light.non_sla")),
                rx.text(t("ticket.non_sla"), size="2", color=MUTED),
                id="ticket-non-sla",
                spacing="2",
                align="center",
                wrap="wrap",
            ),
        ),
    )


def _activity_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["id"], style={"white_space": "nowrap"}),
        rx.table.cell(row["date"], style={"white_space": "nowrap"}),
        rx.table.row_header_cell(row["activity_type"], style={"font_weight": "500"}),
        rx.table.cell(row["subtype"]),
        rx.table.cell(
            rx.cond(
                row["status_key"].to(str) != "",
                t(row["status_key"].to(str)),
                "",
            ),
            style={"white_space": "nowrap"},
        ),
        rx.table.cell(row["text"], style={"white_space": "pre-line", "min_width": "220px"}),
        class_name=rx.cond(row["is_resolution"].to(bool), "activity resolution", "activity"),
    )


def _updates() -> rx.Component:
    headers = [
        "ticket.col.activity",
        "ticket.col.date",
        "ticket.col.activity_type",
        "ticket.col.subtype",
        "col.status",
        "ticket.col.text",
    ]
    return scroll_table(
        "ticket-activities",
        [column_header(key) for key in headers],
        rx.foreach(State.activities, _activity_row),
        min_width="680px",
    )


def _counter(counter: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(
            rx.cond(
                counter["label_key"].to(str) != "",
                t(counter["label_key"].to(str)),
                counter["code"],
            ),
            size="2",
            color=MUTED,
        ),
        rx.text(counter["value"], size="2", weight="medium"),
        spacing="2",
    )


def _part(part: rx.Var) -> rx.Component:
    return rx.el.li(part)


def _review(review: rx.Var) -> rx.Component:
    parts = review["parts"].to(list[str])
    counters = review["counters"].to(list[dict[str, str]])
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.heading(review["activity_type"], size="3", as_="h3"),
                rx.text(review["date"], size="2", color=MUTED),
                justify="between",
                wrap="wrap",
                spacing="2",
                width="100%",
            ),
            rx.cond(review["subtype"].to(str) != "", rx.text(review["subtype"], size="2")),
            rx.data_list.root(
                data_item("ticket.review.diagnosis", review["diagnosis"]),
                data_item("ticket.review.action", review["action"]),
                data_item(
                    "ticket.review.parts",
                    rx.cond(
                        parts.length() > 0,
                        rx.el.ul(rx.foreach(parts, _part), style={"margin": "0"}),
                        t("ticket.review.no_parts"),
                    ),
                ),
                data_item("ticket.review.visit_start", or_dash(review["visit_start"].to(str))),
                data_item("ticket.review.visit_end", or_dash(review["visit_end"].to(str))),
                data_item(
                    "ticket.review.counters",
                    rx.cond(
                        counters.length() > 0,
                        rx.vstack(rx.foreach(counters, _counter), spacing="1"),
                        rx.text("—", color=MUTED),
                    ),
                ),
                orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
                size="2",
            ),
            spacing="2",
            width="100%",
        ),
        class_name="resolution-review",
        width="100%",
    )


def _rating_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(t("ticket.rating.title"), size="3", as_="h3"),
            labelled(
                "ticket.rating.label",
                "rating",
                rx.el.select(
                    rx.el.option(t("ticket.rating.choose"), value=""),
                    *[rx.el.option(t(f"ticket.rating.{n}"), value=str(n)) for n in (5, 4, 3, 2, 1)],
                    id="rating",
                    name="rating",
                    required=True,
                    default_value="",
                    style={**_SELECT_STYLE, "max_width": "260px"},
                ),
                _error(State.rating_error),
            ),
            labelled(
                "ticket.rating.comment",
                "rating-comment",
                rx.text_area(
                    id="rating-comment",
                    name="comment",
                    max_length=2000,
                    rows="3",
                    size="3",
                    width="100%",
                ),
                _error(State.comment_error),
            ),
            rx.button(
                rx.icon("star", size=16),
                t("ticket.rating.submit"),
                type="submit",
                size="3",
                id="rating-submit",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=State.rate,
        reset_on_submit=False,
        width="100%",
        id="rating-form",
    )


def _stars(count: rx.Var) -> rx.Component:
    return rx.hstack(
        *[
            rx.icon(
                "star",
                size=18,
                color=rx.cond(count >= n, "#f59e0b", "#cbd5e1"),
                fill=rx.cond(count >= n, "#f59e0b", "none"),
            )
            for n in range(1, 6)
        ],
        spacing="1",
        aria_hidden="true",
    )


def _given_rating() -> rx.Component:
    return rx.vstack(
        rx.heading(t("ticket.rating.given"), size="3", as_="h3"),
        rx.hstack(
            _stars(State.rating),
            rx.text(State.rating, "/5", weight="bold", id="ticket-rating-value"),
            spacing="2",
            align="center",
        ),
        rx.cond(
            State.rating_comment != "",
            rx.text(State.rating_comment, style={"white_space": "pre-line"}, color=MUTED),
        ),
        rx.cond(State.rated_now, rx.text(t("ticket.rating.thanks"), color="#15803d")),
        spacing="2",
        id="ticket-rating",
        width="100%",
    )


def _review_tab() -> rx.Component:
    return rx.vstack(
        rx.cond(
            State.reviews.length() > 0,
            rx.vstack(rx.foreach(State.reviews, _review), spacing="3", width="100%"),
            rx.text(t("ticket.review.none"), color=MUTED, id="ticket-review-none"),
        ),
        rx.cond(
            State.rating > 0,
            _given_rating(),
            rx.cond(State.can_rate, _rating_form()),
        ),
        spacing="4",
        width="100%",
        id="ticket-review",
    )


def _note_form() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(t("ticket.note.title"), size="4", as_="h2"),
                field_label("ticket.note.hint", "note-text"),
                rx.text_area(
                    id="note-text",
                    name="note",
                    max_length=4000,
                    rows="3",
                    size="3",
                    width="100%",
                    required=True,
                ),
                _error(State.note_error),
                rx.cond(
                    State.note_added,
                    rx.text(t("ticket.note.added"), color="#15803d", id="note-added"),
                ),
                rx.button(
                    rx.icon("message-square-plus", size=16),
                    t("ticket.note.submit"),
                    type="submit",
                    size="3",
                    id="note-submit",
                ),
                spacing="2",
                width="100%",
            ),
            on_submit=State.add_note,
            reset_on_submit=False,
            key=State.form_version,
            width="100%",
        ),
        width="100%",
        id="ticket-note",
    )


def _detail() -> rx.Component:
    return rx.vstack(
        rx.cond(
            State.just_created,
            rx.callout.root(
                rx.callout.icon(rx.icon("circle-check")),
                rx.callout.text(
                    t("ticket.created"),
                    " ",
                    rx.el.strong(State.ticket["number"], id="ticket-created-number"),
                ),
                color_scheme="green",
                role="status",
                width="100%",
                id="ticket-created",
            ),
        ),
        rx.flex(
            rx.heading(
                t("ticket.title"),
                " ",
                rx.el.span(State.ticket["number"], id="ticket-number"),
                size="6",
                as_="h1",
            ),
            _status_badge(State.ticket["status_key"], State.ticket["is_open"].to(bool)),
            spacing="3",
            align="center",
            wrap="wrap",
        ),
        rx.grid(
            _summary_card(),
            _sla_card(),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
        ),
        rx.cond(State.can_add_note, _note_form()),
        rx.tabs.root(
            rx.tabs.list(
                rx.tabs.trigger(t("ticket.tab.updates"), value="updates", id="ticket-tab-updates"),
                rx.tabs.trigger(t("ticket.tab.review"), value="review", id="ticket-tab-review"),
            ),
            rx.tabs.content(_updates(), value="updates", padding_top="12px"),
            rx.tabs.content(_review_tab(), value="review", padding_top="12px"),
            default_value="updates",
            width="100%",
        ),
        spacing="4",
        width="100%",
    )


def ticket_page() -> rx.Component:
    """A ticket: summary, SLA, updates, review and rating, notes (SPEC C3)."""
    return shell(
        rx.vstack(
            _back(),
            rx.cond(
                ~State.loaded,
                loading(),
                rx.cond(
                    State.found,
                    _detail(),
                    notice(
                        t("ticket.not_found"), "ticket-not-found", color="amber", icon="search-x"
                    ),
                ),
            ),
            spacing="4",
            width="100%",
        ),
        active="service",
    )


def register(app: rx.App) -> None:
    """Add the new-ticket form and the ticket page to the app."""
    add_pages(
        app,
        (
            (ticket_new_page, routes.NEW_TICKET, TicketNewState.load),
            (ticket_page, routes.TICKET, TicketState.load),
        ),
    )
