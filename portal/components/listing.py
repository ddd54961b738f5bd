"""Page pieces the list and ticket pages share: headings, notices, filter forms, tables.

The pieces take the state vars and handlers they show as arguments, because
each list page has its own state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from portal.components.i18n import t
from portal.components.pager import page_size_select, pager
from portal.state.auth import AuthState

MUTED = "#475569"
LABEL_STYLE = {"font_weight": "500", "font_size": "14px"}
SCROLL = {"overflow_x": "auto", "-webkit-overflow-scrolling": "touch"}
_FILTER_SELECT_STYLE = {
    "width": "100%",
    "height": "32px",
    "padding": "0 8px",
    "border": "1px solid #cbd5e1",
    "border_radius": "6px",
    "background": "white",
    "color": "#1f2933",
    "font_size": "14px",
}
_TABLE_SIZE = rx.breakpoints(initial="1", md="2")


def add_signed_in_page(
    app: rx.App, page: Callable[[], rx.Component], route: str, state: type[AuthState]
) -> None:
    """Add a page that checks the log-in, then runs ``state.load``."""
    app.add_page(page, route=route, title="Portal", on_load=[AuthState.check_login, state.load])


def page_heading(title_key: str, lead_key: str) -> rx.Component:
    """The page's h1 with the lead sentence below it."""
    return rx.vstack(
        rx.heading(t(title_key), size="6", as_="h1"),
        rx.text(t(lead_key), color=MUTED),
        spacing="1",
        width="100%",
    )


def denied_notice(id_: str, message_key: str = "list.denied") -> rx.Component:
    """The alert shown instead of a page the user's roles do not open."""
    return rx.callout(
        t(message_key),
        icon="shield-alert",
        color_scheme="amber",
        role="alert",
        width="100%",
        id=id_,
    )


def notice(
    message: rx.Component | rx.Var,
    id_: str,
    *extra: rx.Component,
    color: str = "gray",
    icon: str = "info",
) -> rx.Component:
    """A status callout (nothing found, nothing to show), ``extra`` below the message."""
    return rx.callout.root(
        rx.callout.icon(rx.icon(icon)),
        rx.callout.text(message),
        *extra,
        color_scheme=color,
        role="status",
        width="100%",
        id=id_,
    )


def spinner(**props: Any) -> rx.Component:
    """The spinner shown while a page's data loads."""
    return rx.center(rx.spinner(size="3"), padding="48px", **props)


def labelled(id_: str, label_key: str, *children: rx.Component) -> rx.Component:
    """A form control (and its hints or error) under its label."""
    return rx.vstack(
        rx.el.label(t(label_key), html_for=id_, style=LABEL_STYLE),
        *children,
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
        id_,
        label_key,
        rx.el.select(
            rx.el.option(t(any_key), value=""),
            *options,
            id=id_,
            name=name,
            default_value=current,
            style=_FILTER_SELECT_STYLE,
        ),
    )


def text_filter(id_: str, name: str, label_key: str, current: rx.Var, **props: Any) -> rx.Component:
    """A text box of a filter form; ``props`` go to the input (max_length, type)."""
    return labelled(
        id_,
        label_key,
        rx.input(id=id_, name=name, default_value=current, width="100%", **props),
    )


def advanced_toggle(
    id_: str, label_key: str, count: rx.Var, state: Any, panel_id: str
) -> rx.Component:
    """The button that opens the advanced search; a badge counts the filters set.

    Args:
        id_: The button's id.
        label_key: The button's text.
        count: How many advanced filters are set.
        state: The list's state, with ``show_advanced`` and ``toggle_advanced``.
        panel_id: The id of the panel the button opens.
    """
    return rx.button(
        rx.icon("sliders-horizontal", size=16),
        t(label_key),
        rx.cond(count > 0, rx.badge(count, variant="solid", radius="full", size="1")),
        rx.cond(
            state.show_advanced, rx.icon("chevron-up", size=16), rx.icon("chevron-down", size=16)
        ),
        type="button",
        size="3",
        variant="soft",
        on_click=state.toggle_advanced,
        id=id_,
        aria_expanded=rx.cond(state.show_advanced, "true", "false"),
        aria_controls=panel_id,
    )


def filter_panel(
    id_: str,
    state: Any,
    *fields: rx.Component,
    columns: str,
    apply_key: str,
    clear_key: str,
    label_key: str,
) -> rx.Component:
    """The advanced search: ``fields`` in a grid that stacks on narrow screens, apply, clear.

    Args:
        id_: The panel's id.
        state: The list's state, with ``apply_filters``, ``clear_filters`` and ``form_version``.
        fields: The filter controls.
        columns: How many columns the grid has on a wide screen.
        apply_key: The text of the apply button.
        clear_key: The text of the clear button.
        label_key: The form's accessible name.
    """
    return rx.card(
        rx.form(
            rx.vstack(
                rx.grid(
                    *fields,
                    columns=rx.breakpoints(initial="1", sm="2", md=columns),
                    spacing="3",
                    width="100%",
                ),
                rx.flex(
                    rx.button(
                        rx.icon("filter", size=16), t(apply_key), type="submit", id="filter-apply"
                    ),
                    rx.button(
                        t(clear_key),
                        type="button",
                        variant="outline",
                        on_click=state.clear_filters,
                        id="filter-clear",
                    ),
                    spacing="2",
                    wrap="wrap",
                ),
                spacing="3",
                width="100%",
            ),
            on_submit=state.apply_filters,
            reset_on_submit=False,
            key=state.form_version,
            aria_label=t(label_key),
        ),
        id=id_,
        width="100%",
    )


def column_header(key: str, sub_key: str | None = None) -> rx.Component:
    """A column header; ``sub_key`` names a second value shown small below the first."""
    if sub_key is None:
        return rx.table.column_header_cell(t(key))
    return rx.table.column_header_cell(
        rx.vstack(
            rx.text(t(key)),
            rx.text(t(sub_key), size="1", color=MUTED, weight="regular"),
            spacing="0",
        )
    )


def scroll_table(
    headers: list[rx.Component],
    rows: rx.Var,
    row: Callable[[rx.Var], rx.Component],
    *,
    min_width: str,
    id_: str,
    size: Any = _TABLE_SIZE,
) -> rx.Component:
    """A table of ``rows`` that scrolls sideways inside its own box on a narrow screen."""
    return rx.box(
        rx.table.root(
            rx.table.header(rx.table.row(*headers)),
            rx.table.body(rx.foreach(rows, row)),
            variant="surface",
            size=size,
            width="100%",
            style={"min_width": min_width},
            id=id_,
        ),
        width="100%",
        style=SCROLL,
    )


def list_results(
    state: Any,
    empty: rx.Component,
    table: rx.Component,
    prefix: str,
    page_size_key: str,
    page_sizes: tuple[int, ...],
) -> rx.Component:
    """A spinner until the list is loaded, then ``empty`` or the table with its pager.

    Args:
        state: The list's state (``loaded``, ``total``, the pager's vars and handlers).
        empty: What shows when nothing matches.
        table: The list.
        prefix: The prefix of the pager's ids.
        page_size_key: The label of the records-per-page select.
        page_sizes: The page sizes offered.
    """
    page_size = page_size_select(
        prefix, page_size_key, page_sizes, state.page_size_text, state.set_page_size
    )
    return rx.cond(
        ~state.loaded,
        spinner(),
        rx.cond(
            state.total == 0,
            empty,
            rx.vstack(table, pager(prefix, state, page_size), spacing="3", width="100%"),
        ),
    )


def or_dash(value: rx.Var) -> rx.Component:
    """The value, or a muted dash when it is empty."""
    return rx.cond(value != "", value, rx.text("—", as_="span", color=MUTED))


def data_item(label_key: str, value: rx.Component | rx.Var, id_: str | None = None) -> rx.Component:
    """One labelled value of a data list (long values wrap anywhere)."""
    return rx.data_list.item(
        rx.data_list.label(t(label_key), min_width="140px"),
        rx.data_list.value(value, id=id_, style={"overflow_wrap": "anywhere"}),
        align="start",
    )


def titled_card(title_key: str, id_: str, *children: rx.Component) -> rx.Component:
    """A card with an h2 title over ``children``; it may shrink inside a grid."""
    return rx.card(
        rx.vstack(
            rx.heading(t(title_key), size="4", as_="h2"),
            *children,
            spacing="3",
            width="100%",
        ),
        id=id_,
        width="100%",
        style={"min_width": "0"},
    )
