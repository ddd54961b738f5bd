"""Page pieces of the list and ticket pages: filter panels, list results, data lists.

The pieces take the state vars and handlers they show as arguments, because
each list page has its own state.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from portal.components.common import MUTED, labelled, loading, section_card
from portal.components.i18n import t
from portal.components.pager import page_size_select, pager


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


def text_filter(id_: str, name: str, label_key: str, current: rx.Var, **props: Any) -> rx.Component:
    """A text box of a filter form; ``props`` go to the input (max_length, type)."""
    return labelled(
        label_key,
        id_,
        rx.input(id=id_, name=name, default_value=current, width="100%", **props),
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
        loading(),
        rx.cond(
            state.total == 0,
            empty,
            rx.vstack(table, pager(prefix, state, page_size), spacing="3", width="100%"),
        ),
    )


def data_item(
    label_key: str,
    value: rx.Component | rx.Var,
    id_: str | None = None,
    *,
    label_width: str = "140px",
) -> rx.Component:
    """One labelled value of a data list (long values wrap anywhere)."""
    return rx.data_list.item(
        rx.data_list.label(t(label_key), min_width=label_width),
        rx.data_list.value(value, id=id_, style={"overflow_wrap": "anywhere"}),
        align="start",
    )


def data_list(*items: rx.Component) -> rx.Component:
    """Labelled values (``data_item``), stacked on a phone and side by side above."""
    return rx.data_list.root(
        *items,
        orientation=rx.breakpoints(initial="vertical", xs="horizontal"),
        size="2",
        width="100%",
    )


def titled_card(title_key: str, id_: str, *children: rx.Component, **style: str) -> rx.Component:
    """A card with an h2 title over ``children``; it may shrink inside a grid.

    Args:
        title_key: Message key of the title.
        id_: The card's id.
        *children: The card's content.
        **style: More of the card's style (e.g. ``grid_column``).
    """
    return section_card(title_key, *children, id=id_, style={"min_width": "0", **style})
