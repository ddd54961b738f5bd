"""Paging of a list: total, records per page, "page X of Y", previous and next."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portal.components.i18n import t

MUTED = "#64748b"
_SELECT_STYLE = {
    "padding": "6px 8px",
    "border_radius": "6px",
    "border": "1px solid #cbd5e1",
    "background": "white",
    "font_size": "14px",
}


def page_size_select(
    prefix: str, label_key: str, sizes: tuple[int, ...], value: rx.Var, on_change: Any
) -> rx.Component:
    """A labelled select of records per page (id ``<prefix>-page-size``)."""
    return rx.hstack(
        rx.el.label(
            t(label_key),
            html_for=f"{prefix}-page-size",
            style={"font_size": "14px", "color": MUTED, "white_space": "nowrap"},
        ),
        rx.el.select(
            *[rx.el.option(str(n), value=str(n)) for n in sizes],
            id=f"{prefix}-page-size",
            value=value,
            on_change=on_change,
            style=_SELECT_STYLE,
        ),
        align="center",
        spacing="2",
    )


def pager(prefix: str, state: Any, page_size: rx.Component | None = None) -> rx.Component:
    """Paging controls for a state with total, page_number, page_count, prev_page, next_page.

    Ids: ``<prefix>-total`` (the number alone), ``<prefix>-prev``, ``<prefix>-page``,
    ``<prefix>-next``.
    """
    return paging(
        prefix,
        total=state.total,
        page=state.page_number,
        pages=state.page_count,
        on_prev=state.prev_page,
        on_next=state.next_page,
        page_size=page_size,
    )


def paging(
    prefix: str,
    *,
    total: rx.Var,
    page: rx.Var,
    pages: rx.Var,
    on_prev: Any,
    on_next: Any,
    page_size: rx.Component | None = None,
    only_when_several: bool = False,
) -> rx.Component:
    """Total, optional page size, "page X of Y" and previous / next buttons.

    Args:
        prefix: Id prefix, as for ``pager``.
        total: Number of records found.
        page: The page shown (1-based).
        pages: Number of pages.
        on_prev: Event for the previous page.
        on_next: Event for the next page.
        page_size: A ``page_size_select`` shown after the total.
        only_when_several: Hide the buttons while everything fits on one page
            (for short lists inside a page).
    """
    parts: list[rx.Component] = [
        rx.text(
            rx.el.span(total, id=f"{prefix}-total"), " ", t("list.results"), size="2", color=MUTED
        )
    ]
    if page_size is not None:
        parts.append(page_size)
    buttons = rx.hstack(
        rx.button(
            rx.icon("chevron-left", size=16),
            t("list.previous"),
            variant="soft",
            disabled=page <= 1,
            on_click=on_prev,
            id=f"{prefix}-prev",
        ),
        rx.text(
            t("list.page"),
            " ",
            page,
            " ",
            t("list.of"),
            " ",
            pages,
            size="2",
            id=f"{prefix}-page",
            style={"white_space": "nowrap"},
        ),
        rx.button(
            t("list.next"),
            rx.icon("chevron-right", size=16),
            variant="soft",
            disabled=page >= pages,
            on_click=on_next,
            id=f"{prefix}-next",
        ),
        align="center",
        spacing="3",
    )
    return rx.flex(
        *parts,
        rx.spacer(),
        rx.cond(pages > 1, buttons) if only_when_several else buttons,
        align="center",
        spacing="4",
        wrap="wrap",
        width="100%",
        role="navigation",
        aria_label=t("list.pagination"),
    )
