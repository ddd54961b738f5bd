"""Page: user administration (SPEC A7, A8), under Administration.

Customer administrators approve, reject, suspend, reactivate and delete the
users of their organisation, change their roles, products and groups, and
invite colleagues; a provider admin sees the provider's staff, read-only.
"""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.admin import (
    admin_page,
    language_field,
    paged_results,
    role_badges,
    search_form,
)
from portal.components.common import (
    CONTROL_STYLE,
    LABEL_STYLE,
    MUTED,
    add_pages,
    callouts,
    denied_notice,
    labelled,
    scroll_table,
)
from portal.components.dialogs import confirm_dialog
from portal.components.i18n import t
from portal.components.layout import field_error
from portal.state.auth import AuthState
from portal.state.users import ROLES, USER_STATUSES, UsersState

_CHECK_STYLE = {"width": "18px", "height": "18px", "accent_color": "#1e5aa8", "margin": "0"}


def _checkbox(id_: rx.Var | str, label: rx.Var, checked: rx.Var, on_change) -> rx.Component:
    """A native checkbox with its label (the whole line is clickable)."""
    return rx.el.label(
        rx.el.input(
            type="checkbox", id=id_, checked=checked, on_change=on_change, style=_CHECK_STYLE
        ),
        rx.text(label, size="2"),
        html_for=id_,
        style={
            "display": "inline-flex",
            "gap": "8px",
            "align_items": "center",
            "cursor": "pointer",
            "padding": "4px 0",
        },
    )


def _action(label_key: str, class_name: str, row: rx.Var, on_click, color: str = "blue"):
    return rx.button(
        t(label_key),
        size="1",
        variant="soft",
        color_scheme=color,
        class_name=class_name,
        on_click=on_click,
        type="button",
        custom_attrs={"data-email": row["email"]},
    )


def _row_actions(row: rx.Var) -> rx.Component:
    state = UsersState
    status = row["status"].to(str)
    invited = row["invited"].to(bool)
    uid = row["id"].to(int)
    return rx.flex(
        rx.cond(
            (status == "pending") & ~invited,
            rx.fragment(
                _action("users.approve", "user-approve", row, state.approve(uid), "green"),
                _action("users.reject", "user-reject", row, state.reject(uid), "orange"),
            ),
        ),
        rx.cond(
            invited,
            rx.fragment(
                _action("users.resend", "invite-resend", row, state.resend_invitation(uid)),
                _action("users.revoke", "invite-revoke", row, state.revoke_invitation(uid), "red"),
            ),
        ),
        rx.cond(
            status == "active",
            _action("users.suspend", "user-suspend", row, state.suspend(uid), "orange"),
        ),
        rx.cond(
            status == "inactive",
            _action("users.reactivate", "user-reactivate", row, state.reactivate(uid), "green"),
        ),
        rx.cond(
            status != "rejected",
            _action("users.edit", "user-edit", row, state.open_edit(uid), "gray"),
        ),
        rx.cond(
            ~invited,
            _action("users.delete", "user-delete", row, state.ask_delete(uid), "red"),
        ),
        spacing="2",
        wrap="wrap",
    )


def _user_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["first_name"]),
        rx.table.row_header_cell(
            rx.vstack(
                rx.hstack(
                    rx.text(row["last_name"], weight="medium"),
                    rx.cond(
                        row["is_self"].to(bool),
                        rx.badge(t("users.you"), variant="outline", color_scheme="gray"),
                    ),
                    rx.cond(
                        row["invited"].to(bool),
                        rx.badge(
                            t("users.invited"),
                            variant="soft",
                            color_scheme="amber",
                            class_name="user-invited",
                        ),
                    ),
                    spacing="2",
                    align="center",
                    wrap="wrap",
                ),
                rx.text(row["email"], size="1", color=MUTED, style={"overflow_wrap": "anywhere"}),
                spacing="0",
            ),
        ),
        rx.table.cell(
            rx.vstack(
                role_badges(row["role_keys"]),
                rx.text(
                    row["product_count"],
                    " ",
                    t("users.products_count"),
                    " · ",
                    row["group_count"],
                    " ",
                    t("users.groups_count"),
                    size="1",
                    color=MUTED,
                ),
                spacing="1",
            )
        ),
        rx.table.cell(row["joined_on"], style={"white_space": "nowrap"}),
        rx.cond(UsersState.can_manage, rx.table.cell(_row_actions(row))),
        custom_attrs={"data-email": row["email"]},
        class_name="user-row",
    )


def _status_trigger(status: str) -> rx.Component:
    return rx.tabs.trigger(
        rx.hstack(
            rx.text(t(f"users.tab.{status}")),
            rx.badge(
                UsersState.counts[status],
                variant="soft",
                radius="full",
                # Radix renders a trigger's content twice (for its width): a class, not an id.
                class_name="users-count",
            ),
            spacing="2",
            align="center",
        ),
        value=status,
        id=f"users-tab-{status}",
    )


def _search() -> rx.Component:
    state = UsersState
    return search_form(
        "users.search_label",
        "user-last-name-search",
        rx.input(
            id="user-last-name-search",
            name="last_name",
            type="search",
            default_value=state.last_name,
            max_length=60,
            size="3",
            style={"flex": "1 1 220px", "min_width": "0"},
        ),
        rx.button(
            rx.icon("search", size=16),
            t("list.search"),
            type="submit",
            size="3",
            id="user-last-name-search-submit",
        ),
        rx.cond(
            state.last_name != "",
            rx.button(
                t("list.show_all"),
                type="button",
                size="3",
                variant="outline",
                on_click=[rx.set_value("user-last-name-search", ""), state.clear_search],
                id="user-last-name-search-clear",
            ),
        ),
        on_submit=state.search,
        max_width="560px",
    )


def _table() -> rx.Component:
    state = UsersState
    return scroll_table(
        "users-table",
        [
            "col.first_name",
            "col.last_name",
            "col.roles",
            "col.date_joined",
            rx.cond(state.can_manage, rx.table.column_header_cell(t("users.col.actions"))),
        ],
        rx.foreach(state.rows, _user_row),
        min_width="680px",
    )


def _list() -> rx.Component:
    state = UsersState
    return rx.vstack(
        _search(),
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
        paged_results(
            "users",
            state,
            _table(),
            rx.cond(state.last_name != "", t("users.no_match"), t("users.empty")),
        ),
        spacing="4",
        width="100%",
    )


def _product_item(product: rx.Var, on_click, class_name: str, *, picked: bool) -> rx.Component:
    """A product of the picker: a chosen one with a remove button, or a result with add."""
    return rx.hstack(
        rx.text(product["serial"], weight="medium" if picked else None, size="2"),
        rx.text(product["model"], size="1", color=MUTED),
        rx.spacer(),
        rx.button(
            rx.icon("x" if picked else "plus", size=14),
            t("users.remove") if picked else t("users.add"),
            size="1",
            variant="soft",
            color_scheme="red" if picked else None,
            type="button",
            class_name=class_name,
            custom_attrs={"data-serial": product["serial"]},
            on_click=on_click(product["id"].to(int)),
        ),
        align="center",
        width="100%",
        spacing="2",
        **({"class_name": f"{class_name}-item"} if picked else {}),
    )


def _product_picker(
    *,
    prefix: str,
    picked: rx.Var,
    results: rx.Var,
    on_search,
    on_add,
    on_remove,
) -> rx.Component:
    """Chosen products with remove buttons, and a serial search with add buttons."""
    search_id = f"{prefix}-product-search"
    return rx.vstack(
        rx.text(t("users.products"), style=LABEL_STYLE),
        rx.cond(
            picked.length() > 0,
            rx.vstack(
                rx.foreach(
                    picked,
                    lambda p: _product_item(p, on_remove, f"{prefix}-product-remove", picked=True),
                ),
                spacing="1",
                width="100%",
                id=f"{prefix}-products",
            ),
            rx.text(t("users.no_products"), size="2", color=MUTED),
        ),
        rx.el.label(t("users.product_search"), html_for=search_id, style=LABEL_STYLE),
        rx.input(
            id=search_id,
            type="search",
            max_length=60,
            on_change=on_search,
            debounce_timeout=300,
            width="100%",
            size="2",
        ),
        rx.vstack(
            rx.foreach(
                results,
                lambda p: _product_item(p, on_add, f"{prefix}-product-add", picked=False),
            ),
            spacing="1",
            width="100%",
            id=f"{prefix}-product-results",
        ),
        spacing="2",
        width="100%",
    )


def _role_boxes(prefix: str, chosen: rx.Var, on_toggle) -> rx.Component:
    return rx.vstack(
        rx.text(t("users.roles"), style=LABEL_STYLE),
        rx.flex(
            *[
                _checkbox(
                    f"{prefix}{role}", t(f"role.{role}"), chosen.contains(role), on_toggle(role)
                )
                for role in ROLES
            ],
            spacing="4",
            wrap="wrap",
        ),
        rx.text(t("users.roles_hint"), size="1", color=MUTED),
        spacing="1",
        width="100%",
    )


def _group_boxes(prefix: str, chosen: rx.Var, on_toggle) -> rx.Component:
    state = UsersState
    return rx.vstack(
        rx.text(t("users.groups"), style=LABEL_STYLE),
        rx.cond(
            state.groups.length() > 0,
            rx.flex(
                rx.foreach(
                    state.groups,
                    lambda g: _checkbox(
                        f"{prefix}-group-" + g["id"].to_string(),
                        g["name"].to(str),
                        chosen.contains(g["id"]),
                        on_toggle(g["id"].to(int)),
                    ),
                ),
                spacing="4",
                wrap="wrap",
            ),
            rx.text(t("users.no_groups"), size="2", color=MUTED),
        ),
        spacing="1",
        width="100%",
    )


def _edit_panel() -> rx.Component:
    state = UsersState
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("users.edit_title")),
            rx.dialog.description(state.edit_name, size="2", color=MUTED),
            rx.vstack(
                _role_boxes("role-", state.edit_roles, state.toggle_edit_role),
                _group_boxes("edit", state.edit_group_ids, state.toggle_edit_group),
                _product_picker(
                    prefix="edit",
                    picked=state.edit_products,
                    results=state.edit_results,
                    on_search=state.search_edit_products,
                    on_add=state.add_edit_product,
                    on_remove=state.remove_edit_product,
                ),
                rx.cond(
                    state.edit_error != "",
                    rx.callout(
                        t(state.edit_error),
                        color_scheme="red",
                        role="alert",
                        width="100%",
                        id="user-edit-error",
                    ),
                ),
                rx.flex(
                    rx.button(
                        t("users.cancel"),
                        variant="soft",
                        color_scheme="gray",
                        type="button",
                        on_click=state.close_edit,
                        id="user-edit-cancel",
                    ),
                    rx.button(
                        t("users.save"),
                        type="button",
                        on_click=state.save_edit,
                        id="user-edit-save",
                    ),
                    spacing="3",
                    justify="end",
                    width="100%",
                ),
                spacing="4",
                width="100%",
                margin_top="12px",
            ),
            id="user-edit-panel",
            style={"max_width": "620px"},
        ),
        open=state.edit_id != 0,
        on_open_change=state.set_edit_open,
    )


def _delete_dialog() -> rx.Component:
    state = UsersState
    return confirm_dialog(
        title="users.delete_title",
        description=rx.fragment(
            rx.text(state.delete_name, weight="bold"),
            rx.text(t("users.delete_text"), size="2"),
        ),
        keep=("users.cancel", state.cancel_delete, "cancel-user-delete"),
        confirm=("users.delete", state.confirm_delete, "confirm-user-delete"),
        open=state.delete_id != 0,
        on_open_change=state.set_delete_open,
    )


def _invite_field(label_key: str, id_: str, name: str, type_: str = "text") -> rx.Component:
    error = UsersState.invite_errors.get(name, "")
    return labelled(
        label_key,
        id_,
        rx.input(
            id=id_,
            name=name,
            type=type_,
            max_length=254 if name == "email" else 80,
            size="3",
            width="100%",
            aria_invalid=rx.cond(error != "", "true", "false"),
        ),
        field_error(error),
        style={"min_width": "0"},
    )


def _invite_card() -> rx.Component:
    state = UsersState
    errors = state.invite_errors
    language = language_field(
        "users.language",
        "invite-language",
        AuthState.lang,
        errors.get("language", ""),
        CONTROL_STYLE,
    )
    return rx.card(
        rx.vstack(
            rx.heading(t("users.invite_title"), size="4", as_="h2"),
            rx.text(t("users.invite_intro"), size="2", color=MUTED),
            # The product search lives outside the form so that Enter in it never sends.
            rx.form(
                rx.grid(
                    _invite_field("users.email", "invite-email", "email", "email"),
                    language,
                    _invite_field("users.first_name", "invite-first-name", "first_name"),
                    _invite_field("users.last_name", "invite-last-name", "last_name"),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    spacing="4",
                    width="100%",
                ),
                on_submit=state.invite,
                reset_on_submit=False,
                id="invite-form",
                key=state.invite_form_key.to_string(),
                width="100%",
            ),
            _role_boxes("invite-role-", state.invite_roles, state.toggle_invite_role),
            field_error(errors.get("roles", "")),
            _group_boxes("invite", state.invite_group_ids, state.toggle_invite_group),
            _product_picker(
                prefix="invite",
                picked=state.invite_products,
                results=state.invite_results,
                on_search=state.search_invite_products,
                on_add=state.add_invite_product,
                on_remove=state.remove_invite_product,
            ),
            rx.button(
                rx.icon("send", size=16),
                t("users.invite_submit"),
                type="submit",
                size="3",
                id="invite-submit",
                custom_attrs={"form": "invite-form"},
            ),
            spacing="4",
            width="100%",
        ),
        width="100%",
        id="invite-card",
    )


def users_page() -> rx.Component:
    """Administration: the users of the organisation by status, and invitations (SPEC A7, A8)."""
    state = UsersState
    return admin_page(
        "users",
        "users.title",
        "users.intro",
        callouts("users", state.notice, state.error),
        rx.cond(
            state.denied,
            denied_notice("users-denied"),
            rx.vstack(
                _list(),
                rx.cond(state.can_manage, _invite_card()),
                spacing="6",
                width="100%",
            ),
        ),
        _edit_panel(),
        _delete_dialog(),
    )


def register(app: rx.App) -> None:
    """Add the users page to the app."""
    add_pages(app, ((users_page, routes.USERS, UsersState.load),))
