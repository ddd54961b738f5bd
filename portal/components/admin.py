"""Page pieces shared by the Administration pages and their neighbours (accounts, profile).

Plain functions, built once when the app compiles: each takes the state vars
and event handlers it shows, so one piece serves several page states.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from portal.components.i18n import t
from portal.components.layout import admin_nav, field_error, shell
from portal.components.pager import pager

MUTED = "#475569"
LABEL_STYLE = {"font_weight": "500", "font_size": "14px"}
CONTROL_STYLE = {
    "background": "white",
    "color": "#1f2933",
    "border_radius": "6px",
    "padding": "0 10px",
    "height": "40px",
    "border": "1px solid #cbd5e1",
    "font_size": "16px",
    "width": "100%",
}
LANGUAGE_NAMES = (("es", "Español"), ("en", "English"), ("de", "Deutsch"))


def translated(key: rx.Var) -> rx.Var:
    """The message of a key held in a var ('' stays '')."""
    return rx.cond(key != "", t(key.to(str)), "")


def page_title(title: rx.Var, *intro: rx.Component | rx.Var) -> rx.Component:
    """The page's h1 with its muted introduction below.

    Args:
        title: The title.
        *intro: The parts of the introduction (usually one message).
    """
    return rx.vstack(
        rx.heading(title, size="6", as_="h1"),
        rx.text(*intro, color=MUTED),
        spacing="1",
        width="100%",
    )


def admin_page(section: str, title: rx.Var, intro: rx.Var, *body: rx.Component) -> rx.Component:
    """An Administration page: its section link active, title and introduction, then ``body``."""
    return shell(
        rx.vstack(
            admin_nav(section),
            page_title(title, intro),
            *body,
            spacing="4",
            width="100%",
        ),
        active="admin",
    )


def success_notice(message: rx.Var, id_: str) -> rx.Component:
    """A green callout saying that something was done."""
    return rx.callout(
        message, icon="circle-check", color_scheme="green", role="status", width="100%", id=id_
    )


def messages(prefix: str, notice: rx.Var, error: rx.Var) -> rx.Component:
    """The outcome of the last action, each shown when its message key is set.

    Args:
        prefix: Start of the ids ``<prefix>-notice`` and ``<prefix>-error``.
        notice: Message key of what was done ('' for none).
        error: Message key of what was refused ('' for none).
    """
    return rx.fragment(
        rx.cond(notice != "", success_notice(t(notice), f"{prefix}-notice")),
        rx.cond(
            error != "",
            rx.callout(
                t(error),
                icon="triangle-alert",
                color_scheme="red",
                role="alert",
                width="100%",
                id=f"{prefix}-error",
            ),
        ),
    )


def denied_notice(message: rx.Var, id_: str) -> rx.Component:
    """The callout shown instead of a page's content to a user without the right role."""
    return rx.callout(
        message,
        icon="shield-alert",
        color_scheme="amber",
        role="alert",
        width="100%",
        id=id_,
    )


def status_notice(message: rx.Var, id_: str) -> rx.Component:
    """A grey callout in place of a list, e.g. "nothing here yet"."""
    return rx.callout(
        message, icon="info", color_scheme="gray", role="status", width="100%", id=id_
    )


def paged_results(prefix: str, state: Any, table: rx.Component, empty: rx.Var) -> rx.Component:
    """A page of a list with its pager, or ``empty`` once loaded with nothing to list.

    Args:
        prefix: Start of the ids ``<prefix>-empty`` and those of the pager.
        state: A state with ``loaded``, ``total`` and what ``pager`` needs.
        table: The table of the current page.
        empty: The message shown when there is nothing to list.
    """
    return rx.cond(
        state.loaded & (state.total == 0),
        status_notice(empty, f"{prefix}-empty"),
        rx.vstack(table, pager(prefix, state), spacing="3", width="100%"),
    )


def scroll_table(
    id_: str,
    headers: list[str | rx.Component],
    *rows: rx.Component,
    min_width: str,
    size: str | rx.Var = "1",
) -> rx.Component:
    """A table that scrolls sideways inside its own box when the screen is narrow.

    Args:
        id_: The table's id.
        headers: Message keys of the column headers, or header cells built by the caller.
        *rows: The body: rows, or one ``rx.foreach`` of them.
        min_width: The width below which the box scrolls.
        size: The Radix table size.
    """
    cells = [
        rx.table.column_header_cell(t(header)) if isinstance(header, str) else header
        for header in headers
    ]
    return rx.box(
        rx.table.root(
            rx.table.header(rx.table.row(*cells)),
            rx.table.body(*rows),
            variant="surface",
            size=size,
            width="100%",
            style={"min_width": min_width},
            id=id_,
        ),
        width="100%",
        style={"overflow_x": "auto", "-webkit-overflow-scrolling": "touch"},
    )


def _role_badge(key: rx.Var) -> rx.Component:
    return rx.badge(t(key.to(str)), variant="soft", color_scheme="indigo")


def role_badges(keys: rx.Var) -> rx.Component:
    """A user's roles as badges, from a var holding a list of message keys."""
    return rx.flex(rx.foreach(keys.to(list[str]), _role_badge), spacing="1", wrap="wrap")


def labelled(label_key: str, id_: str, *children: rx.Component, **props: Any) -> rx.Component:
    """A label for the control ``id_``, with the control (and e.g. its error) below.

    Args:
        label_key: Message key of the label.
        id_: Id of the labelled control.
        *children: The control and what follows it.
        **props: More props of the stack (e.g. its style).
    """
    return rx.vstack(
        rx.el.label(t(label_key), html_for=id_, style=LABEL_STYLE),
        *children,
        spacing="1",
        width="100%",
        **props,
    )


def control_row(*controls: rx.Component) -> rx.Component:
    """Controls side by side (an input and its buttons) that wrap when the column is narrow."""
    return rx.flex(*controls, spacing="2", wrap="wrap", width="100%")


def search_form(
    label_key: str, id_: str, *controls: rx.Component, on_submit: Any, **props: Any
) -> rx.Component:
    """A search form: the label of the box ``id_`` above a row of the box and its buttons.

    Args:
        label_key: Message key of the label.
        id_: Id of the search box.
        *controls: The search box and its buttons.
        on_submit: The handler that receives the form data.
        **props: More props of the form (e.g. its max_width).
    """
    return rx.form(
        labelled(label_key, id_, control_row(*controls)),
        on_submit=on_submit,
        reset_on_submit=False,
        role="search",
        width="100%",
        **props,
    )


def language_field(
    label_key: str, id_: str, value: rx.Var, error: rx.Var, style: dict[str, str]
) -> rx.Component:
    """A labelled select of the UI languages (form field ``language``) with its error.

    Args:
        label_key: Message key of the label.
        id_: Id of the select.
        value: The language chosen when the form appears.
        error: The error message ('' for none), already translated.
        style: Style of the select.
    """
    return labelled(
        label_key,
        id_,
        rx.el.select(
            *[rx.el.option(name, value=code) for code, name in LANGUAGE_NAMES],
            id=id_,
            name="language",
            default_value=value,
            style=style,
        ),
        field_error(error),
    )
