"""Page: groups of products and users (SPEC B5), under Administration, for administrators."""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.dialogs import confirm_dialog
from portal.components.i18n import t
from portal.components.layout import admin_nav, field_error, shell
from portal.state.auth import AuthState
from portal.state.groups import NEW_NAME_INPUT, GroupsState

MUTED = "#475569"
_LABEL_STYLE = {"font_weight": "500", "font_size": "14px"}


def _translated(key: rx.Var) -> rx.Var:
    """The message of a key held in a var ('' stays '')."""
    return rx.cond(key != "", t(key.to(str)), "")


def _messages() -> rx.Component:
    state = GroupsState
    return rx.fragment(
        rx.cond(
            state.notice != "",
            rx.callout(
                t(state.notice.to(str)),
                icon="circle-check",
                color_scheme="green",
                role="status",
                width="100%",
                id="group-notice",
            ),
        ),
        rx.cond(
            state.error != "",
            rx.callout(
                t(state.error.to(str)),
                icon="triangle-alert",
                color_scheme="red",
                role="alert",
                width="100%",
                id="group-error",
            ),
        ),
    )


def _table(id_: str, header_keys: list[str], body: rx.Component, min_width: str) -> rx.Component:
    """A table that scrolls sideways inside its own box when the column is narrow."""
    return rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(*[rx.table.column_header_cell(t(key)) for key in header_keys])
            ),
            rx.table.body(body),
            variant="surface",
            size="1",
            width="100%",
            style={"min_width": min_width},
            id=id_,
        ),
        width="100%",
        style={"overflow_x": "auto", "-webkit-overflow-scrolling": "touch"},
    )


def _row_button(label_key: str, class_name: str, on_click, *, remove: bool, **attrs):
    return rx.button(
        rx.icon("minus" if remove else "plus", size=14),
        t(label_key),
        size="1",
        variant="soft",
        color_scheme="red" if remove else "blue",
        class_name=class_name,
        on_click=on_click,
        type="button",
        custom_attrs=attrs,
    )


# --- Left column: the list and the new-group form ---------------------------------


def _group_item(group: rx.Var) -> rx.Component:
    selected = group["id"].to(int) == GroupsState.selected_id
    return rx.el.li(
        rx.button(
            rx.flex(
                rx.text(group["name"], weight="medium", style={"overflow_wrap": "anywhere"}),
                rx.text(
                    t("group.products_count"),
                    ": ",
                    group["product_count"],
                    " · ",
                    t("group.users_count"),
                    ": ",
                    group["user_count"],
                    size="1",
                    color=rx.cond(selected, "white", MUTED),
                ),
                direction="column",
                align="start",
                spacing="1",
            ),
            on_click=GroupsState.select_group(group["id"]),
            variant=rx.cond(selected, "solid", "soft"),
            color_scheme=rx.cond(selected, "blue", "gray"),
            class_name="group-item",
            aria_current=rx.cond(selected, "true", "false"),
            custom_attrs={"data-name": group["name"]},
            width="100%",
            style={
                "height": "auto",
                "padding": "10px 12px",
                "justify_content": "flex-start",
                "text_align": "left",
                "white_space": "normal",
                "cursor": "pointer",
            },
        ),
        style={"list_style": "none"},
    )


def _group_list() -> rx.Component:
    state = GroupsState
    return rx.card(
        rx.vstack(
            rx.heading(t("group.list_heading"), size="4", as_="h2"),
            rx.cond(
                state.groups.length() > 0,
                rx.el.ul(
                    rx.foreach(state.groups, _group_item),
                    id="group-list",
                    style={
                        "display": "flex",
                        "flex_direction": "column",
                        "gap": "6px",
                        "padding": "0",
                        "margin": "0",
                        "width": "100%",
                    },
                ),
                rx.cond(
                    state.loaded,
                    rx.text(t("group.empty"), size="2", color=MUTED, id="group-list-empty"),
                ),
            ),
            rx.separator(size="4"),
            _new_group_form(),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _new_group_form() -> rx.Component:
    state = GroupsState
    return rx.form(
        rx.vstack(
            rx.heading(t("group.new_heading"), size="3", as_="h3"),
            rx.el.label(t("group.name_label"), html_for=NEW_NAME_INPUT, style=_LABEL_STYLE),
            rx.input(
                id=NEW_NAME_INPUT,
                name="name",
                max_length=120,
                size="3",
                width="100%",
                auto_complete="off",
                aria_required="true",
                aria_invalid=rx.cond(state.new_name_error != "", "true", "false"),
            ),
            field_error(_translated(state.new_name_error)),
            rx.button(
                t("group.create"),
                rx.icon("arrow-right", size=16),
                type="submit",
                size="3",
                id="create-group",
                width="100%",
                # The label may take two lines in the narrow column.
                style={"height": "auto", "min_height": "40px", "padding": "8px 12px"},
            ),
            spacing="2",
            width="100%",
        ),
        on_submit=state.create,
        reset_on_submit=False,
        width="100%",
    )


# --- Right column: the selected group ------------------------------------------------


def _header_card() -> rx.Component:
    state = GroupsState
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.heading(
                    state.group_name,
                    size="5",
                    as_="h2",
                    id="group-name",
                    style={"overflow_wrap": "anywhere"},
                ),
                rx.spacer(),
                rx.button(
                    rx.icon("trash-2", size=16),
                    t("group.delete"),
                    color_scheme="red",
                    variant="soft",
                    type="button",
                    on_click=state.request_delete,
                    id="delete-group",
                ),
                align="center",
                spacing="3",
                wrap="wrap",
                width="100%",
            ),
            rx.cond(
                state.just_created,
                rx.callout(
                    t("group.created"),
                    icon="list-checks",
                    color_scheme="blue",
                    width="100%",
                    id="group-next-step",
                ),
            ),
            rx.form(
                rx.vstack(
                    rx.el.label(
                        t("group.name_label"), html_for="rename-group-name", style=_LABEL_STYLE
                    ),
                    rx.flex(
                        rx.input(
                            # A new key per group and name: the field shows the current name.
                            key=state.selected_id.to(str) + ":" + state.group_name,
                            id="rename-group-name",
                            name="name",
                            default_value=state.group_name,
                            max_length=120,
                            size="2",
                            auto_complete="off",
                            aria_invalid=rx.cond(state.rename_error != "", "true", "false"),
                            style={"flex": "1 1 220px", "min_width": "0"},
                        ),
                        rx.button(
                            rx.icon("pencil", size=14),
                            t("group.rename"),
                            type="submit",
                            variant="outline",
                            id="rename-group",
                        ),
                        spacing="2",
                        wrap="wrap",
                        width="100%",
                    ),
                    field_error(_translated(state.rename_error)),
                    spacing="1",
                    width="100%",
                ),
                on_submit=state.rename,
                reset_on_submit=False,
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _picker(*, id_: str, label_key: str, on_submit, current: rx.Var) -> rx.Component:
    """A labelled search box of candidates to add."""
    return rx.form(
        rx.vstack(
            rx.el.label(t(label_key), html_for=id_, style=_LABEL_STYLE),
            rx.flex(
                rx.input(
                    # A new key per group: the box starts empty for every group.
                    key=GroupsState.selected_id.to(str),
                    id=id_,
                    name="query",
                    type="search",
                    default_value=current,
                    max_length=60,
                    size="2",
                    auto_complete="off",
                    style={"flex": "1 1 200px", "min_width": "0"},
                ),
                rx.button(
                    rx.icon("search", size=14),
                    t("list.search"),
                    type="submit",
                    id=f"{id_}-submit",
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
    )


def _member_product(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            row["serial"], style={"white_space": "nowrap", "font_weight": "500"}
        ),
        rx.table.cell(row["model"]),
        rx.table.cell(row["alternative_name"]),
        rx.table.cell(row["city"]),
        rx.table.cell(
            _row_button(
                "group.remove",
                "remove-product",
                GroupsState.remove_product(row["id"]),
                remove=True,
                **{"data-serial": row["serial"]},
            )
        ),
    )


def _candidate_product(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            row["serial"], style={"white_space": "nowrap", "font_weight": "500"}
        ),
        rx.table.cell(row["model"]),
        rx.table.cell(row["alternative_name"]),
        rx.table.cell(row["city"]),
        rx.table.cell(
            _row_button(
                "group.add",
                "add-product",
                GroupsState.add_product(row["id"]),
                remove=False,
                **{"data-serial": row["serial"]},
            )
        ),
    )


_PRODUCT_COLUMNS = [
    "col.serial",
    "col.product_name",
    "col.alternative_name",
    "col.city",
    "group.col_actions",
]
_USER_COLUMNS = ["group.col_name", "col.email", "col.roles", "col.status", "group.col_actions"]


def _products_card() -> rx.Component:
    state = GroupsState
    return rx.card(
        rx.vstack(
            rx.heading(
                t("group.products_heading"),
                " (",
                state.products.length(),
                ")",
                size="4",
                as_="h3",
            ),
            rx.cond(
                state.products.length() > 0,
                _table(
                    "group-products",
                    _PRODUCT_COLUMNS,
                    rx.foreach(state.products, _member_product),
                    "560px",
                ),
                rx.text(
                    t("group.products_empty"), size="2", color=MUTED, id="group-products-empty"
                ),
            ),
            _picker(
                id_="group-product-search",
                label_key="group.product_search_label",
                on_submit=state.search_products,
                current=state.product_query,
            ),
            rx.cond(
                state.product_searched,
                rx.cond(
                    state.product_results.length() > 0,
                    _table(
                        "group-product-results",
                        _PRODUCT_COLUMNS,
                        rx.foreach(state.product_results, _candidate_product),
                        "560px",
                    ),
                    rx.text(
                        t("group.no_product_candidates"),
                        size="2",
                        color=MUTED,
                        id="group-product-results-empty",
                    ),
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _role_badge(key: rx.Var) -> rx.Component:
    return rx.badge(t(key.to(str)), variant="soft", color_scheme="indigo")


def _user_cells(row: rx.Var) -> list[rx.Component]:
    return [
        rx.table.row_header_cell(row["name"], style={"font_weight": "500"}),
        rx.table.cell(row["email"], style={"overflow_wrap": "anywhere"}),
        rx.table.cell(
            rx.flex(
                rx.foreach(row["role_keys"].to(list[str]), _role_badge), spacing="1", wrap="wrap"
            )
        ),
        rx.table.cell(t(row["status_key"].to(str)), style={"white_space": "nowrap"}),
    ]


def _member_user(row: rx.Var) -> rx.Component:
    return rx.table.row(
        *_user_cells(row),
        rx.table.cell(
            _row_button(
                "group.remove",
                "remove-user",
                GroupsState.remove_user(row["id"]),
                remove=True,
                **{"data-email": row["email"]},
            )
        ),
    )


def _candidate_user(row: rx.Var) -> rx.Component:
    return rx.table.row(
        *_user_cells(row),
        rx.table.cell(
            _row_button(
                "group.assign",
                "add-user",
                GroupsState.assign_user(row["id"]),
                remove=False,
                **{"data-email": row["email"]},
            )
        ),
    )


def _users_card() -> rx.Component:
    state = GroupsState
    return rx.card(
        rx.vstack(
            rx.heading(
                t("group.users_heading"), " (", state.users.length(), ")", size="4", as_="h3"
            ),
            rx.cond(
                state.users.length() > 0,
                _table(
                    "group-users", _USER_COLUMNS, rx.foreach(state.users, _member_user), "560px"
                ),
                rx.text(t("group.users_empty"), size="2", color=MUTED, id="group-users-empty"),
            ),
            _picker(
                id_="group-user-search",
                label_key="group.user_search_label",
                on_submit=state.search_users,
                current=state.user_query,
            ),
            rx.cond(
                state.user_searched,
                rx.cond(
                    state.user_results.length() > 0,
                    _table(
                        "group-user-results",
                        _USER_COLUMNS,
                        rx.foreach(state.user_results, _candidate_user),
                        "560px",
                    ),
                    rx.text(
                        t("group.no_user_candidates"),
                        size="2",
                        color=MUTED,
                        id="group-user-results-empty",
                    ),
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _detail() -> rx.Component:
    state = GroupsState
    return rx.cond(
        state.selected_id > 0,
        rx.vstack(
            _header_card(),
            _products_card(),
            _users_card(),
            spacing="4",
            width="100%",
            id="group-detail",
        ),
        rx.cond(
            state.loaded,
            rx.callout(
                t("group.select_hint"),
                icon="mouse-pointer-click",
                color_scheme="gray",
                width="100%",
                id="group-select-hint",
            ),
        ),
    )


def _delete_dialog() -> rx.Component:
    state = GroupsState
    return confirm_dialog(
        title="group.delete_title",
        description=rx.fragment(
            rx.text(state.group_name, weight="bold"),
            rx.text(t("group.delete_text"), size="2"),
        ),
        keep=("group.cancel", state.cancel_delete, "cancel-delete-group"),
        confirm=("group.delete_confirm", state.confirm_delete, "confirm-delete-group"),
        open=state.confirm_delete_open,
        on_open_change=state.delete_dialog_changed,
    )


def groups_page() -> rx.Component:
    """Administration: the organisation's groups, one group's products and users (SPEC B5)."""
    state = GroupsState
    return shell(
        rx.vstack(
            admin_nav("groups"),
            rx.vstack(
                rx.heading(t("group.title"), size="6", as_="h1"),
                rx.text(t("group.intro"), color=MUTED),
                spacing="1",
                width="100%",
            ),
            _messages(),
            rx.cond(
                state.denied,
                rx.fragment(),
                rx.flex(
                    rx.box(
                        _group_list(),
                        width=rx.breakpoints(initial="100%", md="320px"),
                        flex_shrink="0",
                    ),
                    rx.box(_detail(), flex="1", min_width="0", width="100%"),
                    direction=rx.breakpoints(initial="column", md="row"),
                    spacing="4",
                    align="start",
                    width="100%",
                ),
            ),
            _delete_dialog(),
            spacing="4",
            width="100%",
        ),
        active="admin",
    )


def register(app: rx.App) -> None:
    """Add the groups page to the app."""
    app.add_page(
        groups_page,
        route=routes.GROUPS,
        title="Portal",
        on_load=[AuthState.check_login, GroupsState.load],
    )
