"""Page pieces of the Administration pages and their neighbours (accounts, profile).

Plain functions, built once when the app compiles: each takes the state vars
and event handlers it shows, so one piece serves several page states.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from portal.components.common import labelled, notice, page_title, tab_page
from portal.components.i18n import t
from portal.components.layout import admin_nav, field_error
from portal.components.pager import pager

LANGUAGE_NAMES = (("es", "Español"), ("en", "English"), ("de", "Deutsch"))


def admin_page(section: str, title_key: str, intro_key: str, *body: rx.Component) -> rx.Component:
    """An Administration page: its section link active, title and introduction, then ``body``."""
    return tab_page("admin", admin_nav(section), page_title(title_key, intro_key), *body)


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
        notice(empty, f"{prefix}-empty"),
        rx.vstack(table, pager(prefix, state), spacing="3", width="100%"),
    )


def _role_badge(key: rx.Var) -> rx.Component:
    return rx.badge(t(key.to(str)), variant="soft", color_scheme="indigo")


def role_badges(keys: rx.Var) -> rx.Component:
    """A user's roles as badges, from a var holding a list of message keys."""
    return rx.flex(rx.foreach(keys.to(list[str]), _role_badge), spacing="1", wrap="wrap")


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
