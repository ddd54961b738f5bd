"""Page: the audit log (SPEC G3), under Administration, for customer administrators."""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.admin import paged_results
from portal.components.common import (
    CONTROL_STYLE,
    MUTED,
    add_pages,
    denied_notice,
    labelled,
    page_title,
    scroll_table,
)
from portal.components.i18n import t
from portal.components.layout import admin_nav, field_error, shell
from portal.state.audit import AuditState


def _user_option(option: rx.Var) -> rx.Component:
    return rx.el.option(option["label"], value=option["id"])


def _object_option(option: rx.Var) -> rx.Component:
    return rx.el.option(
        rx.cond(option["key"] != "", t(option["key"].to(str)), option["value"].to(str)),
        value=option["value"],
    )


def _labelled(label_key: str, id_: str, control: rx.Component, *extra: rx.Component):
    return labelled(label_key, id_, control, *extra, style={"min_width": "0"})


def _filter_select(
    label_key: str,
    id_: str,
    name: str,
    *,
    all_key: str,
    options: rx.Var,
    option,
    value: rx.Var,
    on_change,
) -> rx.Component:
    """A labelled select of one filter: "all" (``all_key``) first, then ``options``."""
    return _labelled(
        label_key,
        id_,
        rx.el.select(
            rx.el.option(t(all_key), value=""),
            rx.foreach(options, option),
            id=id_,
            name=name,
            value=value,
            on_change=on_change,
            style=CONTROL_STYLE,
        ),
    )


def _date_field(label_key: str, id_: str, name: str, value: rx.Var, error: rx.Var):
    return _labelled(
        label_key,
        id_,
        rx.el.input(
            id=id_,
            name=name,
            type="date",
            default_value=value,
            aria_invalid=rx.cond(error != "", "true", "false"),
            style={
                **CONTROL_STYLE,
                "border": rx.cond(error != "", "1px solid #b91c1c", "1px solid #cbd5e1"),
            },
        ),
        rx.cond(error != "", field_error(t(error))),
    )


def _filters() -> rx.Component:
    state = AuditState
    return rx.form(
        rx.vstack(
            rx.grid(
                _filter_select(
                    "audit.filter_user",
                    "audit-user",
                    "user",
                    all_key="audit.all_users",
                    options=state.user_options,
                    option=_user_option,
                    value=state.user_filter,
                    on_change=state.set_user_filter,
                ),
                _filter_select(
                    "audit.filter_object",
                    "audit-object",
                    "object",
                    all_key="audit.all_objects",
                    options=state.object_options,
                    option=_object_option,
                    value=state.object_filter,
                    on_change=state.set_object_filter,
                ),
                _date_field(
                    "audit.from", "audit-from", "date_from", state.date_from, state.date_from_error
                ),
                _date_field("audit.to", "audit-to", "date_to", state.date_to, state.date_to_error),
                columns=rx.breakpoints(initial="1", sm="2", md="4"),
                spacing="3",
                width="100%",
                align="start",
            ),
            rx.hstack(
                rx.button(
                    rx.icon("list-filter", size=16),
                    t("audit.apply"),
                    type="submit",
                    size="3",
                    id="audit-apply",
                ),
                rx.button(
                    t("audit.clear"),
                    type="button",
                    size="3",
                    variant="outline",
                    on_click=[
                        rx.set_value("audit-from", ""),
                        rx.set_value("audit-to", ""),
                        state.clear_filters,
                    ],
                    id="audit-clear",
                ),
                spacing="2",
                wrap="wrap",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=state.apply,
        reset_on_submit=False,
        role="search",
        aria_label=t("audit.filters"),
        width="100%",
    )


def _change(line: rx.Var) -> rx.Component:
    return rx.text(line, size="1", style={"overflow_wrap": "anywhere"})


def _object_name(row: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(
            rx.cond(
                row["object_key"] != "",
                t(row["object_key"].to(str)),
                row["object_type"].to(str),
            ),
            size="2",
            weight="medium",
        ),
        rx.cond(
            row["object_id"] != "",
            rx.badge("#", row["object_id"], variant="soft", color_scheme="gray"),
        ),
        spacing="2",
        align="center",
    )


def _row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["at_text"], style={"white_space": "nowrap"}),
        rx.table.cell(
            rx.cond(
                row["system"].to(bool),
                rx.text(t("audit.system"), color=MUTED, size="2"),
                rx.vstack(
                    rx.text(row["actor_name"], size="2", weight="medium"),
                    rx.text(row["actor_email"], size="1", color=MUTED),
                    spacing="0",
                ),
            )
        ),
        rx.table.cell(
            rx.vstack(
                _object_name(row),
                rx.code(row["action"], variant="ghost", size="1", color_scheme="gray"),
                spacing="1",
            )
        ),
        rx.table.cell(
            rx.vstack(rx.foreach(row["changes"].to(list[str]), _change), spacing="0"),
            style={"min_width": "200px"},
        ),
    )


def _table() -> rx.Component:
    return scroll_table(
        "audit-table",
        ["audit.col.when", "audit.col.user", "audit.col.object", "audit.col.changes"],
        rx.foreach(AuditState.rows, _row),
        min_width="640px",
    )


def audit_page() -> rx.Component:
    """Administration → Audit log: who changed what, when (SPEC G3)."""
    state = AuditState
    return shell(
        admin_nav("audit"),
        rx.vstack(
            page_title("audit.title", "audit.intro"),
            rx.cond(
                state.denied,
                denied_notice("audit-denied", "audit.denied"),
                rx.vstack(
                    rx.card(_filters(), width="100%"),
                    paged_results(
                        "audit",
                        state,
                        _table(),
                        rx.cond(state.filtered, t("audit.no_match"), t("audit.empty")),
                    ),
                    spacing="4",
                    width="100%",
                ),
            ),
            spacing="4",
            width="100%",
        ),
        active="admin",
    )


def register(app: rx.App) -> None:
    """Add the audit log page to the app."""
    add_pages(app, ((audit_page, routes.AUDIT, AuditState.load),))
