"""Page pieces every page family uses: colours, the page title, callouts, fields and tables.

Plain functions, built once when the app compiles. They take the state vars and
handlers they show, because each page has its own state. The pieces of one
page family live beside it: ``admin`` (Administration, accounts, profile),
``listing`` (product and ticket lists, tickets) and ``records`` (requests,
orders, stock, readings).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import reflex as rx

from portal.components.i18n import t
from portal.components.layout import field_error, shell

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
SELECT_STYLE = {
    "height": "32px",
    "padding": "0 8px",
    "border": "1px solid #cbd5e1",
    "border_radius": "6px",
    "background": "white",
    "color": "#1f2933",
    "font_size": "14px",
}
FILTER_SELECT_STYLE = {"width": "100%", **SELECT_STYLE}
SCROLL = {"overflow_x": "auto", "-webkit-overflow-scrolling": "touch"}
TABLE_SIZE = rx.breakpoints(initial="1", md="2")


def add_pages(app: rx.App, pages: Iterable[tuple[Callable[[], rx.Component], str, Any]]) -> None:
    """Add each (page, route, on_load handler) to the app; the handler is a ``page_load``."""
    for component, route, load in pages:
        if not getattr(load.fn, "signed_in_page", False):
            msg = f"the on_load of {route} is not a page_load: anonymous visitors would stay"
            raise TypeError(msg)
        app.add_page(component, route=route, title="Portal", on_load=load)


def tab_page(active: str, *children: rx.Component) -> rx.Component:
    """A page of the tab ``active``: its parts one below the other in the page shell."""
    return shell(rx.vstack(*children, spacing="4", width="100%"), active=active)


def page_title(title_key: str, lead: str | rx.Component) -> rx.Component:
    """The page's h1 with its introduction below.

    Args:
        title_key: Message key of the title.
        lead: Message key of the introduction (shown muted), or the introduction itself.
    """
    return rx.vstack(
        rx.heading(t(title_key), size="6", as_="h1"),
        rx.text(t(lead), color=MUTED) if isinstance(lead, str) else lead,
        spacing="1",
        width="100%",
    )


def translated(key: rx.Var) -> rx.Var:
    """The message of a key held in a var ('' stays '')."""
    return rx.cond(key != "", t(key.to(str)), "")


def notice(
    message: rx.Component | rx.Var,
    id_: str,
    *extra: rx.Component,
    color: str = "gray",
    icon: str = "info",
    role: str = "status",
) -> rx.Component:
    """A callout: by default a grey status such as "nothing here yet", ``extra`` below it."""
    return rx.callout.root(
        rx.callout.icon(rx.icon(icon)),
        rx.callout.text(message),
        *extra,
        color_scheme=color,
        role=role,
        width="100%",
        id=id_,
    )


def success_notice(message: rx.Var, id_: str) -> rx.Component:
    """A green callout saying that something was done."""
    return notice(message, id_, color="green", icon="circle-check")


def denied_notice(
    id_: str, message_key: str = "list.denied", *, icon: str = "shield-alert", color: str = "amber"
) -> rx.Component:
    """The alert shown instead of a page the user's roles do not open."""
    return notice(t(message_key), id_, color=color, icon=icon, role="alert")


def callouts(prefix: str, notice_key: rx.Var, error_key: rx.Var) -> rx.Component:
    """The outcome of the last action, each callout shown when its message key is set.

    Args:
        prefix: Start of the ids ``<prefix>-notice`` and ``<prefix>-error``.
        notice_key: Message key of what was done ('' for none).
        error_key: Message key of what was refused ('' for none).
    """
    return rx.fragment(
        rx.cond(notice_key != "", success_notice(t(notice_key), f"{prefix}-notice")),
        rx.cond(
            error_key != "",
            notice(
                t(error_key), f"{prefix}-error", color="red", icon="triangle-alert", role="alert"
            ),
        ),
    )


def loading(padding: str = "48px", **props: Any) -> rx.Component:
    """The spinner shown while a page's data is on its way (``props`` go to its box)."""
    return rx.center(rx.spinner(size="3"), padding=padding, **props)


def field_label(label_key: str, html_for: str) -> rx.Component:
    """The label of a form field."""
    return rx.el.label(t(label_key), html_for=html_for, style=LABEL_STYLE)


def labelled(label_key: str, id_: str, *children: rx.Component, **props: Any) -> rx.Component:
    """A label for the control ``id_``, with the control (and e.g. its hint or error) below.

    Args:
        label_key: Message key of the label.
        id_: Id of the labelled control.
        *children: The control and what follows it.
        **props: More props of the stack (e.g. its style).
    """
    return rx.vstack(field_label(label_key, id_), *children, spacing="1", width="100%", **props)


def labelled_field(
    label: rx.Component, control: rx.Component, error: rx.Var, *, hint_key: str = ""
) -> rx.Component:
    """A form field: its label, the control, a hint (when given) and its message key's text."""
    hint = [rx.text(t(hint_key), size="1", color=MUTED)] if hint_key else []
    return rx.vstack(
        label,
        control,
        *hint,
        field_error(translated(error)),
        spacing="1",
        width="100%",
    )


def filter_select(
    id_: str,
    name: str,
    label_key: str,
    any_key: str,
    options: list[rx.Component],
    current: rx.Var,
) -> rx.Component:
    """A native select of a filter form (keyboard friendly), "any" (``any_key``) first."""
    return labelled(
        label_key,
        id_,
        rx.el.select(
            rx.el.option(t(any_key), value=""),
            *options,
            id=id_,
            name=name,
            default_value=current,
            style=FILTER_SELECT_STYLE,
        ),
    )


def scroll_table(
    id_: str,
    headers: list[str | rx.Component],
    *rows: rx.Component,
    min_width: str,
    size: str | rx.Var = TABLE_SIZE,
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
        style=SCROLL,
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


def or_dash(value: rx.Var) -> rx.Component:
    """The value, or a muted dash when it is empty."""
    return rx.cond(value != "", value, rx.text("—", as_="span", color=MUTED))
