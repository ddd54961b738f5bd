"""Pages of the main tabs: Administration."""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.i18n import t
from portal.components.layout import shell
from portal.services.listing import USER_STATUSES
from portal.state.auth import AuthState
from portal.state.tabs import UsersState

MUTED = "#475569"


def _title(title_key: str, intro_key: str) -> rx.Component:
    return rx.vstack(
        rx.heading(t(title_key), size="6", as_="h1"),
        rx.text(t(intro_key), color=MUTED),
        spacing="1",
        width="100%",
    )


def _notice(message: rx.Var, id_: str, color: str = "gray") -> rx.Component:
    return rx.callout(message, icon="info", color_scheme=color, role="status", width="100%", id=id_)


def _denied(id_: str) -> rx.Component:
    return rx.callout(
        t("list.denied"),
        icon="shield-alert",
        color_scheme="amber",
        role="alert",
        width="100%",
        id=id_,
    )


def _table(id_: str, header_keys: list[str], body: rx.Component, min_width: str) -> rx.Component:
    """A table that scrolls sideways inside its own box when the screen is narrow."""
    return rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(*[rx.table.column_header_cell(t(key)) for key in header_keys])
            ),
            rx.table.body(body),
            variant="surface",
            # Tighter cells below 1024 px so tablets need no sideways scrolling.
            size=rx.breakpoints(initial="1", md="2"),
            width="100%",
            style={"min_width": min_width},
            id=id_,
        ),
        width="100%",
        style={"overflow_x": "auto", "-webkit-overflow-scrolling": "touch"},
    )


def _nowrap(value: rx.Var) -> rx.Component:
    return rx.table.cell(value, style={"white_space": "nowrap"})


def _pager(state: type[UsersState], id_: str) -> rx.Component:
    """Total, "page X of Y" and previous / next buttons."""
    return rx.flex(
        rx.text(state.total, " ", t("list.results"), size="2", color=MUTED, id=f"{id_}-total"),
        rx.spacer(),
        rx.hstack(
            rx.button(
                rx.icon("chevron-left", size=16),
                t("list.previous"),
                variant="soft",
                disabled=state.page_number <= 1,
                on_click=state.prev_page,
                id=f"{id_}-prev",
            ),
            rx.text(
                t("list.page"),
                " ",
                state.page_number,
                " ",
                t("list.of"),
                " ",
                state.page_count,
                size="2",
                id=f"{id_}-page",
                style={"white_space": "nowrap"},
            ),
            rx.button(
                t("list.next"),
                rx.icon("chevron-right", size=16),
                variant="soft",
                disabled=state.page_number >= state.page_count,
                on_click=state.next_page,
                id=f"{id_}-next",
            ),
            align="center",
            spacing="3",
        ),
        align="center",
        spacing="3",
        wrap="wrap",
        width="100%",
        role="navigation",
        aria_label=t("list.pagination"),
    )


def _search(
    *,
    id_: str,
    name: str,
    label_key: str,
    current: rx.Var,
    on_submit: rx.EventHandler,
    on_clear: rx.EventHandler,
    placeholder_key: str | None = None,
) -> rx.Component:
    """A labelled search box with a search button and, while filtered, a "show all" button."""
    return rx.form(
        rx.vstack(
            rx.el.label(
                t(label_key), html_for=id_, style={"font_weight": "500", "font_size": "14px"}
            ),
            rx.flex(
                rx.input(
                    id=id_,
                    name=name,
                    type="search",
                    default_value=current,
                    placeholder=t(placeholder_key) if placeholder_key else None,
                    max_length=60,
                    size="3",
                    style={"flex": "1 1 220px", "min_width": "0"},
                ),
                rx.button(
                    rx.icon("search", size=16),
                    t("list.search"),
                    type="submit",
                    size="3",
                    id=f"{id_}-submit",
                ),
                rx.cond(
                    current != "",
                    rx.button(
                        t("list.show_all"),
                        type="button",
                        size="3",
                        variant="outline",
                        on_click=[rx.set_value(id_, ""), on_clear],
                        id=f"{id_}-clear",
                    ),
                ),
                spacing="2",
                wrap="wrap",
                width="100%",
            ),
            spacing="1",
            width="100%",
        ),
        on_submit=on_submit,
        reset_on_submit=False,
        role="search",
        width="100%",
        max_width="560px",
    )


def _page(active: str, *children: rx.Component) -> rx.Component:
    return shell(rx.vstack(*children, spacing="4", width="100%"), active=active)


# --- Administration: users ------------------------------------------------------


def _role_badge(key: rx.Var) -> rx.Component:
    return rx.badge(t(key.to(str)), variant="soft", color_scheme="indigo")


def _user_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["first_name"]),
        rx.table.row_header_cell(row["last_name"], style={"font_weight": "500"}),
        rx.table.cell(row["email"], style={"overflow_wrap": "anywhere"}),
        rx.table.cell(
            rx.flex(
                rx.foreach(row["role_keys"].to(list[str]), _role_badge), spacing="1", wrap="wrap"
            )
        ),
        _nowrap(t(row["status_key"].to(str))),
        _nowrap(row["joined_on"]),
    )


def _status_trigger(status: str) -> rx.Component:
    return rx.tabs.trigger(
        rx.hstack(
            rx.text(t(f"users.tab.{status}")),
            rx.badge(UsersState.counts[status], variant="soft", radius="full"),
            spacing="2",
            align="center",
        ),
        value=status,
        id=f"users-tab-{status}",
    )


def users_page() -> rx.Component:
    """Administration: the users of the organisation by status (SPEC A8), read-only."""
    state = UsersState
    return _page(
        "admin",
        _title("users.title", "users.intro"),
        rx.cond(
            state.denied,
            _denied("users-denied"),
            rx.vstack(
                _search(
                    id_="user-last-name-search",
                    name="last_name",
                    label_key="users.search_label",
                    current=state.last_name,
                    on_submit=state.search,
                    on_clear=state.clear_search,
                ),
                rx.box(
                    rx.tabs.root(
                        rx.tabs.list(
                            *[_status_trigger(s) for s in USER_STATUSES],
                            aria_label=t("users.status_filter"),
                        ),
                        value=state.status,
                        on_change=state.set_status,
                    ),
                    width="100%",
                    style={"overflow_x": "auto"},
                ),
                rx.cond(
                    state.loaded & (state.total == 0),
                    _notice(
                        rx.cond(state.last_name != "", t("users.no_match"), t("users.empty")),
                        "users-empty",
                    ),
                    rx.vstack(
                        _table(
                            "users-table",
                            [
                                "col.first_name",
                                "col.last_name",
                                "col.email",
                                "col.roles",
                                "col.status",
                                "col.date_joined",
                            ],
                            rx.foreach(state.rows, _user_row),
                            min_width="700px",
                        ),
                        _pager(state, "users"),
                        spacing="3",
                        width="100%",
                    ),
                ),
                spacing="4",
                width="100%",
            ),
        ),
    )


def register(app: rx.App) -> None:
    """Add the tab pages to the app."""
    for component, route, state in ((users_page, routes.USERS, UsersState),):
        app.add_page(
            component, route=route, title="Portal", on_load=[AuthState.check_login, state.load]
        )
