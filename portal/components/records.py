"""Pieces of the record pages: requests, orders, stock and meter readings.

Plain functions that take the state vars and handlers they show (or the state,
where a piece reads several of its vars), so that one piece serves the pages of
several states.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import reflex as rx

from portal.components.dialogs import confirm_dialog
from portal.components.i18n import t
from portal.components.layout import BRAND_BLUE, field_error, shell
from portal.state.auth import AuthState

MUTED = "#475569"
LABEL_STYLE = {"font_weight": "500", "font_size": "14px"}
_TABLE_SIZE = rx.breakpoints(initial="1", md="2")


def add_pages(app: rx.App, pages: Iterable[tuple[Callable[[], rx.Component], str, Any]]) -> None:
    """Add each (page, route, on_load handler) to the app, after the log-in check."""
    for component, route, load in pages:
        app.add_page(component, route=route, title="Portal", on_load=[AuthState.check_login, load])


def tab_page(active: str, *children: rx.Component) -> rx.Component:
    """A page of the tab ``active``: its parts one below the other in the page shell."""
    return shell(rx.vstack(*children, spacing="4", width="100%"), active=active)


def page_title(title_key: str, lead: str | rx.Component) -> rx.Component:
    """The page heading with its introduction (a message key, or components)."""
    return rx.vstack(
        rx.heading(t(title_key), size="6", as_="h1"),
        rx.text(t(lead), color=MUTED) if isinstance(lead, str) else lead,
        spacing="1",
        width="100%",
    )


def translated(key: rx.Var) -> rx.Var:
    """The message of a key held in a var ('' stays '')."""
    return rx.cond(key != "", t(key.to(str)), "")


def callouts(notice: rx.Var, error: rx.Var, prefix: str) -> rx.Component:
    """A notice and an error message, each shown when set (ids ``<prefix>-notice|-error``)."""
    return rx.fragment(
        rx.cond(
            notice != "",
            rx.callout(
                translated(notice),
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
                translated(error),
                icon="triangle-alert",
                color_scheme="red",
                role="alert",
                width="100%",
                id=f"{prefix}-error",
            ),
        ),
    )


def denied(id_: str, message_key: str = "list.denied") -> rx.Component:
    """The refusal shown to users whose role may not use the page."""
    return rx.callout(
        t(message_key),
        icon="shield-alert",
        color_scheme="amber",
        role="alert",
        width="100%",
        id=id_,
    )


def not_found(message_key: str, id_: str, back: rx.Component) -> rx.Component:
    """The record of the path does not exist for this user; ``back`` leads away."""
    return rx.vstack(
        rx.callout(
            t(message_key),
            icon="search-x",
            color_scheme="gray",
            role="alert",
            width="100%",
            id=id_,
        ),
        back,
        spacing="3",
        width="100%",
    )


def loading(padding: str = "32px") -> rx.Component:
    """A spinner while the page's data is on its way."""
    return rx.center(rx.spinner(size="3"), padding=padding, width="100%")


def record_view(
    not_found_flag: rx.Var, shown: rx.Var, missing: rx.Component, *children: rx.Component
) -> rx.Component:
    """One record's parts when it is ``shown``, ``missing`` when it was not found.

    Args:
        not_found_flag: The state var set when the record of the path was not found.
        shown: Whether the record has been loaded.
        missing: What is shown when the record was not found.
        *children: The parts of the record, one below the other.
    """
    return rx.cond(
        not_found_flag,
        missing,
        rx.cond(shown, rx.vstack(*children, spacing="4", width="100%"), loading()),
    )


def section_card(heading_key: str, *children: rx.Component, **props: Any) -> rx.Component:
    """A card with a second-level heading over its children (``props`` go to the card)."""
    return rx.card(
        rx.vstack(
            rx.heading(t(heading_key), size="4", as_="h2"),
            *children,
            spacing="3",
            width="100%",
        ),
        width="100%",
        **props,
    )


def detail_heading(title: rx.Component, badge: rx.Component, action: rx.Component) -> rx.Component:
    """A record's title with its status badge, and the button of its final action."""
    return rx.flex(
        title,
        badge,
        rx.spacer(),
        action,
        spacing="3",
        align="center",
        wrap="wrap",
        width="100%",
    )


def action_button(
    allowed: rx.Var, icon: str, label_key: str, on_click: Any, id_: str, **props: Any
) -> rx.Component:
    """The button of a record's final action, shown while the action is ``allowed``."""
    return rx.cond(
        allowed,
        rx.button(
            rx.icon(icon, size=14),
            t(label_key),
            variant="soft",
            on_click=on_click,
            id=id_,
            **props,
        ),
    )


def confirm_action(
    state: Any, action: str, on_confirm: Any, *, danger: bool = True
) -> rx.Component:
    """The confirmation of a record page's final action.

    Args:
        state: The record page's state (a ``portal.state.detail.RecordPage``).
        action: The action's message key, such as ``order.cancel``. The dialog's texts are
            ``order.cancel_title``, ``_text``, ``_keep`` and ``_confirm``, its buttons' ids
            ``order-cancel-keep`` and ``order-cancel-confirm``.
        on_confirm: The handler that takes the action.
        danger: Whether the action button is red.
    """
    element = action.replace(".", "-")
    return confirm_dialog(
        title=f"{action}_title",
        description=f"{action}_text",
        keep=(f"{action}_keep", state.dismiss_confirmation, f"{element}-keep"),
        confirm=(f"{action}_confirm", on_confirm, f"{element}-confirm"),
        open=state.confirm_open,
        on_open_change=state.confirmation_changed,
        danger=danger,
    )


def definition(label_key: str, value: rx.Var | rx.Component, **props: Any) -> rx.Component:
    """One labelled value of a record (``props`` go to the text of a plain value)."""
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


def definition_grid(*definitions: rx.Component) -> rx.Component:
    """A record's labelled values side by side, as many columns as the screen allows."""
    return rx.grid(
        *definitions,
        columns=rx.breakpoints(initial="1", sm="2", md="3"),
        spacing="4",
        width="100%",
    )


def table(
    id_: str,
    header_keys: list[str],
    body: rx.Component,
    min_width: str,
    size: Any = _TABLE_SIZE,
) -> rx.Component:
    """A table that scrolls sideways inside its own box when the screen is narrow."""
    return rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(*[rx.table.column_header_cell(t(key)) for key in header_keys])
            ),
            rx.table.body(body),
            variant="surface",
            size=size,
            width="100%",
            style={"min_width": min_width},
            id=id_,
        ),
        width="100%",
        style={"overflow_x": "auto", "-webkit-overflow-scrolling": "touch"},
    )


def rows_or_text(
    rows: rx.Var, listing: rx.Component, empty_key: str, empty_id: str
) -> rx.Component:
    """The table of ``rows``, or a line saying there are none (id ``empty_id``)."""
    return rx.cond(
        rows.length() > 0,
        listing,
        rx.text(t(empty_key), size="2", color=MUTED, id=empty_id),
    )


def status_badge(
    status: rx.Var, key: rx.Var, colours: Iterable[tuple[str, str]], **props: Any
) -> rx.Component:
    """A status badge coloured by the status value ((status, colour) pairs, else gray)."""
    label = t(key.to(str))
    return rx.match(
        status,
        *[
            (value, rx.badge(label, color_scheme=colour, variant="soft", **props))
            for value, colour in colours
        ],
        rx.badge(label, color_scheme="gray", variant="soft", **props),
    )


def status_change(row: rx.Var, badge: Callable[..., rx.Component], **to_props: Any) -> rx.Component:
    """A history row's change: the former status (if any), an arrow and the new one.

    Args:
        row: The history row, with from_status, from_key, to_status and to_key.
        badge: The status badge of the record's kind.
        **to_props: Props of the new status's badge.
    """
    return rx.flex(
        rx.cond(
            row["from_status"] != "",
            rx.fragment(
                badge(row["from_status"], row["from_key"]),
                rx.icon("arrow-right", size=14, color=MUTED),
            ),
        ),
        badge(row["to_status"], row["to_key"], **to_props),
        spacing="1",
        align="center",
        wrap="wrap",
    )


def history_row(
    row: rx.Var, badge: Callable[..., rx.Component], *cells: rx.Component, **to_props: Any
) -> rx.Component:
    """A row of a record's status history: date, who, the change, then ``cells``.

    Args:
        row: The history row (date, who, and what ``status_change`` reads).
        badge: The status badge of the record's kind.
        *cells: The row's further cells.
        **to_props: Props of the new status's badge.
    """
    return rx.table.row(
        rx.table.cell(row["date"], style={"white_space": "nowrap"}),
        rx.table.cell(row["who"]),
        rx.table.cell(status_change(row, badge, **to_props)),
        *cells,
        class_name="history-row",
    )


def submit_form(
    form_id: str,
    *fields: rx.Component,
    submit: tuple[str, str, str],
    key: rx.Var,
    on_submit: Any,
) -> rx.Component:
    """A form that sends a new record; the server checks it, the fields stay as typed.

    Args:
        form_id: The form's element id.
        *fields: The form's parts, above its button.
        submit: (icon, message key, element id) of the submit button.
        key: The state var that renews the form once it was sent.
        on_submit: The handler that receives the form.
    """
    icon, label_key, submit_id = submit
    return rx.form(
        rx.vstack(
            *fields,
            rx.button(rx.icon(icon, size=16), t(label_key), type="submit", size="3", id=submit_id),
            spacing="3",
            width="100%",
        ),
        key=key,
        on_submit=on_submit,
        reset_on_submit=False,
        width="100%",
        id=form_id,
    )


def field_label(label_key: str, html_for: str) -> rx.Component:
    """The label of a form field."""
    return rx.el.label(t(label_key), html_for=html_for, style=LABEL_STYLE)


def labelled_field(
    label: rx.Component, control: rx.Component, error: rx.Var, *, hint_key: str = ""
) -> rx.Component:
    """A form field: its label, the control, a hint (when given) and its message below."""
    hint = [rx.text(t(hint_key), size="1", color=MUTED)] if hint_key else []
    return rx.vstack(
        label,
        control,
        *hint,
        field_error(translated(error)),
        spacing="1",
        width="100%",
    )


def status_select(
    id_: str, label_key: str, statuses: rx.Var, status_prefix: str, error: rx.Var, style: dict
) -> rx.Component:
    """The labelled choice of a record's next status (field ``status``).

    Args:
        id_: The select's element id.
        label_key: Message key of the label.
        statuses: The state var listing the statuses allowed now.
        status_prefix: Message key prefix of a status's name, such as ``order.status.``.
        error: The state var holding the field's message key.
        style: The select's style.
    """
    return labelled_field(
        field_label(label_key, id_),
        rx.el.select(
            rx.foreach(
                statuses, lambda status: rx.el.option(t(status_prefix + status), value=status)
            ),
            id=id_,
            name="status",
            style=style,
        ),
        error,
    )


def transition_form(
    *,
    heading_key: str,
    fields: tuple[rx.Component, rx.Component],
    submit: tuple[str, str],
    form_key: rx.Var,
    on_submit: Any,
    note: rx.Component | None = None,
) -> rx.Component:
    """The agents' form that moves a record on to its next status.

    Args:
        heading_key: Message key of the heading.
        fields: The status choice and the field beside it.
        submit: (message key, element id) of the submit button.
        form_key: The state var that renews the form after a change.
        on_submit: The handler that receives the form.
        note: A field below the two, if any.
    """
    submit_key, submit_id = submit
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(t(heading_key), size="4", as_="h2"),
                rx.grid(
                    *fields,
                    columns=rx.breakpoints(initial="1", sm="2"),
                    spacing="3",
                    width="100%",
                ),
                *([note] if note is not None else []),
                rx.button(t(submit_key), type="submit", id=submit_id),
                spacing="3",
                width="100%",
            ),
            key=form_key,
            on_submit=on_submit,
            reset_on_submit=False,
            width="100%",
        ),
        width="100%",
    )


def product_choice(
    row: rx.Var, *, badge: rx.Component, place: rx.Component, on_click: Any
) -> rx.Component:
    """One product found by the picker: serial, a badge, model and where it stands."""
    return rx.button(
        rx.vstack(
            rx.flex(
                rx.text(row["serial"], weight="bold", size="2"),
                badge,
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.text(row["model"], size="1"),
            place,
            spacing="0",
            align="start",
        ),
        type="button",
        variant="outline",
        class_name="product-choice",
        custom_attrs={"data-serial": row["serial"]},
        on_click=on_click,
        style={"height": "auto", "padding": "8px 12px", "justify_content": "flex-start"},
    )


def chosen_product(
    product: rx.Var, place: rx.Component, change: tuple[str, Any], prefix: str
) -> rx.Component:
    """The product chosen for a form, with the button that changes it.

    Args:
        product: The chosen product's row (serial, model).
        place: Where the product stands.
        change: (message key, handler) of the button that drops the choice.
        prefix: Id prefix: ``<prefix>-product-chosen``, ``<prefix>-product-change``.
    """
    change_key, on_change = change
    return rx.card(
        rx.flex(
            rx.icon("printer", size=20, color=BRAND_BLUE),
            rx.vstack(
                rx.text(product["serial"], weight="bold"),
                rx.text(product["model"], size="2"),
                place,
                spacing="0",
            ),
            rx.spacer(),
            rx.button(
                t(change_key),
                type="button",
                variant="soft",
                size="1",
                on_click=on_change,
                id=f"{prefix}-product-change",
            ),
            spacing="3",
            align="center",
            wrap="wrap",
        ),
        id=f"{prefix}-product-chosen",
        width="100%",
    )


def product_search(
    state: Any,
    *,
    prefix: str,
    messages: str,
    choice: Callable[[rx.Var], rx.Component],
    limit: int,
    **input_props: Any,
) -> rx.Component:
    """Search the products by serial and list the ones found, to choose one.

    Args:
        state: The form's state: ``search_products``, ``product_searched``, ``product_results``.
        prefix: Id prefix: ``<prefix>-product-search`` (``-submit``), ``<prefix>-product-results``.
        messages: Key prefix of the texts ``<messages>.product_search``,
            ``.product_search_placeholder``, ``.no_products`` and ``.more_products``.
        choice: One found product (``product_choice``).
        limit: How many products the search returns at most.
        **input_props: More props of the search input.
    """
    search_id = f"{prefix}-product-search"
    return rx.vstack(
        rx.form(
            rx.vstack(
                field_label(f"{messages}.product_search", search_id),
                rx.flex(
                    rx.input(
                        id=search_id,
                        name="query",
                        type="search",
                        max_length=60,
                        auto_complete="off",
                        placeholder=t(f"{messages}.product_search_placeholder"),
                        style={"flex": "1 1 200px", "min_width": "0"},
                        **input_props,
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
                    rx.foreach(state.product_results, choice),
                    columns=rx.breakpoints(initial="1", sm="2", md="3"),
                    spacing="2",
                    width="100%",
                    id=f"{prefix}-product-results",
                ),
                rx.text(t(f"{messages}.no_products"), size="2", color=MUTED),
            ),
        ),
        rx.cond(
            state.product_results.length() >= limit,
            rx.text(t(f"{messages}.more_products"), size="1", color=MUTED),
        ),
        spacing="2",
        width="100%",
    )
