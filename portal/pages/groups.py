"""Page: groups of products and users (SPEC B5), under Administration, for administrators."""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.admin import admin_page, control_row, role_badges, search_form
from portal.components.common import (
    MUTED,
    add_pages,
    callouts,
    field_label,
    labelled,
    scroll_table,
    translated,
)
from portal.components.dialogs import confirm_dialog
from portal.components.i18n import t
from portal.components.layout import field_error
from portal.state.groups import NEW_NAME_INPUT, GroupsState


def _action_row(
    cells: list[rx.Component], label_key: str, class_name: str, on_click, *, remove: bool, **attrs
) -> rx.Component:
    """A member's row with a button that removes it, or a candidate's with one that adds it."""
    return rx.table.row(
        *cells,
        rx.table.cell(
            rx.button(
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
        ),
    )


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
            field_label("group.name_label", NEW_NAME_INPUT),
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
            field_error(translated(state.new_name_error)),
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
                labelled(
                    "group.name_label",
                    "rename-group-name",
                    control_row(
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
                    ),
                    field_error(translated(state.rename_error)),
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
    return search_form(
        label_key,
        id_,
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
        on_submit=on_submit,
    )


def _product_cells(row: rx.Var) -> list[rx.Component]:
    return [
        rx.table.row_header_cell(
            row["serial"], style={"white_space": "nowrap", "font_weight": "500"}
        ),
        rx.table.cell(row["model"]),
        rx.table.cell(row["alternative_name"]),
        rx.table.cell(row["city"]),
    ]


def _user_cells(row: rx.Var) -> list[rx.Component]:
    return [
        rx.table.row_header_cell(row["name"], style={"font_weight": "500"}),
        rx.table.cell(row["email"], style={"overflow_wrap": "anywhere"}),
        rx.table.cell(role_badges(row["role_keys"])),
        rx.table.cell(t(row["status_key"].to(str)), style={"white_space": "nowrap"}),
    ]


def _member_product(row: rx.Var) -> rx.Component:
    return _action_row(
        _product_cells(row),
        "group.remove",
        "remove-product",
        GroupsState.remove_product(row["id"]),
        remove=True,
        **{"data-serial": row["serial"]},
    )


def _candidate_product(row: rx.Var) -> rx.Component:
    return _action_row(
        _product_cells(row),
        "group.add",
        "add-product",
        GroupsState.add_product(row["id"]),
        remove=False,
        **{"data-serial": row["serial"]},
    )


def _member_user(row: rx.Var) -> rx.Component:
    return _action_row(
        _user_cells(row),
        "group.remove",
        "remove-user",
        GroupsState.remove_user(row["id"]),
        remove=True,
        **{"data-email": row["email"]},
    )


def _candidate_user(row: rx.Var) -> rx.Component:
    return _action_row(
        _user_cells(row),
        "group.assign",
        "add-user",
        GroupsState.assign_user(row["id"]),
        remove=False,
        **{"data-email": row["email"]},
    )


_PRODUCT_COLUMNS = [
    "col.serial",
    "col.product_name",
    "col.alternative_name",
    "col.city",
    "group.col_actions",
]
_USER_COLUMNS = ["group.col_name", "col.email", "col.roles", "col.status", "group.col_actions"]


def _members_card(
    kind: str,
    *,
    heading: rx.Var,
    empty: rx.Var,
    search_label_key: str,
    no_candidates: rx.Var,
    columns: list[str],
    members: rx.Var,
    member_row,
    query: rx.Var,
    on_search,
    searched: rx.Var,
    candidates: rx.Var,
    candidate_row,
) -> rx.Component:
    """The selected group's products or users, and the search for more to add.

    Args:
        kind: "product" or "user", for the ids ``group-<kind>s``, ``group-<kind>-search``
            and ``group-<kind>-results`` (the lists' notices add ``-empty``).
        heading: The card's title (the number of members follows it).
        empty: The notice when the group has no members of this kind.
        search_label_key: Message key of the search box's label.
        no_candidates: The notice when the search finds nothing to add.
        columns: Message keys of the column headers.
        members: The members of the group.
        member_row: Builds a member's row (with its remove button).
        query: The last search sent.
        on_search: The handler of the search form.
        searched: Whether a search was sent (until then no result list shows).
        candidates: The results of the search.
        candidate_row: Builds a candidate's row (with its add button).
    """
    return rx.card(
        rx.vstack(
            rx.heading(heading, " (", members.length(), ")", size="4", as_="h3"),
            rx.cond(
                members.length() > 0,
                scroll_table(
                    f"group-{kind}s",
                    columns,
                    rx.foreach(members, member_row),
                    min_width="560px",
                    size="1",
                ),
                rx.text(empty, size="2", color=MUTED, id=f"group-{kind}s-empty"),
            ),
            _picker(
                id_=f"group-{kind}-search",
                label_key=search_label_key,
                on_submit=on_search,
                current=query,
            ),
            rx.cond(
                searched,
                rx.cond(
                    candidates.length() > 0,
                    scroll_table(
                        f"group-{kind}-results",
                        columns,
                        rx.foreach(candidates, candidate_row),
                        min_width="560px",
                        size="1",
                    ),
                    rx.text(no_candidates, size="2", color=MUTED, id=f"group-{kind}-results-empty"),
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
            _members_card(
                "product",
                heading=t("group.products_heading"),
                empty=t("group.products_empty"),
                search_label_key="group.product_search_label",
                no_candidates=t("group.no_product_candidates"),
                columns=_PRODUCT_COLUMNS,
                members=state.products,
                member_row=_member_product,
                query=state.product_query,
                on_search=state.search_products,
                searched=state.product_searched,
                candidates=state.product_results,
                candidate_row=_candidate_product,
            ),
            _members_card(
                "user",
                heading=t("group.users_heading"),
                empty=t("group.users_empty"),
                search_label_key="group.user_search_label",
                no_candidates=t("group.no_user_candidates"),
                columns=_USER_COLUMNS,
                members=state.users,
                member_row=_member_user,
                query=state.user_query,
                on_search=state.search_users,
                searched=state.user_searched,
                candidates=state.user_results,
                candidate_row=_candidate_user,
            ),
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
    return admin_page(
        "groups",
        "group.title",
        "group.intro",
        callouts("group", state.notice, state.error),
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
    )


def register(app: rx.App) -> None:
    """Add the groups page to the app."""
    add_pages(app, ((groups_page, routes.GROUPS, GroupsState.load),))
