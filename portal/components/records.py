"""Pieces of the record pages: requests, orders, stock and meter readings.

Plain functions that take the state vars and handlers they show (or the state,
where a piece reads several of its vars), so that one piece serves the pages of
several states.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

import reflex as rx

from portal.components.common import MUTED, field_label, labelled_field, loading, notice
from portal.components.dialogs import confirm_dialog
from portal.components.i18n import t
from portal.components.layout import BRAND_BLUE


class ConfirmTexts(NamedTuple):
    """Message keys of a confirmation dialog."""

    title: str
    text: str
    keep: str
    confirm: str


class PickerTexts(NamedTuple):
    """Message keys of the product search of a form."""

    label: str
    placeholder: str
    none_found: str
    more: str


def not_found(message_key: str, id_: str, back: rx.Component) -> rx.Component:
    """The record of the path does not exist for this user; ``back`` leads away."""
    return rx.vstack(
        notice(t(message_key), id_, icon="search-x", role="alert"),
        back,
        spacing="3",
        width="100%",
    )


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
        rx.cond(
            shown, rx.vstack(*children, spacing="4", width="100%"), loading("32px", width="100%")
        ),
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
    state: Any, texts: ConfirmTexts, on_confirm: Any, id_prefix: str, *, danger: bool = True
) -> rx.Component:
    """The confirmation of a record page's final action.

    Args:
        state: The record page's state (a ``portal.state.detail.RecordPage``).
        texts: The dialog's message keys.
        on_confirm: The handler that takes the action.
        id_prefix: Start of the buttons' ids ``<id_prefix>-keep`` and ``<id_prefix>-confirm``.
        danger: Whether the action button is red.
    """
    return confirm_dialog(
        title=texts.title,
        description=texts.text,
        keep=(texts.keep, state.dismiss_confirmation, f"{id_prefix}-keep"),
        confirm=(texts.confirm, on_confirm, f"{id_prefix}-confirm"),
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
    texts: PickerTexts,
    choice: Callable[[rx.Var], rx.Component],
    limit: int,
    **input_props: Any,
) -> rx.Component:
    """Search the products by serial and list the ones found, to choose one.

    Args:
        state: The form's state: ``search_products``, ``product_searched``, ``product_results``.
        prefix: Id prefix: ``<prefix>-product-search`` (``-submit``), ``<prefix>-product-results``.
        texts: The message keys of the search's label, placeholder and notes.
        choice: One found product (``product_choice``).
        limit: How many products the search returns at most.
        **input_props: More props of the search input.
    """
    search_id = f"{prefix}-product-search"
    return rx.vstack(
        rx.form(
            rx.vstack(
                field_label(texts.label, search_id),
                rx.flex(
                    rx.input(
                        id=search_id,
                        name="query",
                        type="search",
                        max_length=60,
                        auto_complete="off",
                        placeholder=t(texts.placeholder),
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
                rx.text(t(texts.none_found), size="2", color=MUTED),
            ),
        ),
        rx.cond(
            state.product_results.length() >= limit,
            rx.text(t(texts.more), size="1", color=MUTED),
        ),
        spacing="2",
        width="100%",
    )
