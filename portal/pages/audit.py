"""Page: the audit log (SPEC G3), under Administration, for customer administrators."""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.i18n import t
from portal.components.layout import admin_nav, field_error, shell
from portal.components.pager import pager
from portal.state.audit import AuditState
from portal.state.auth import AuthState

MUTED = "#475569"
_LABEL_STYLE = {"font_weight": "500", "font_size": "14px"}
_CONTROL_STYLE = {
    "background": "white",
    "color": "#1f2933",
    "border_radius": "6px",
    "padding": "0 10px",
    "height": "40px",
    "border": "1px solid #cbd5e1",
    "font_size": "16px",
    "width": "100%",
}


def _user_option(option: rx.Var) -> rx.Component:
    return rx.el.option(option["label"], value=option["id"])


def _object_option(option: rx.Var) -> rx.Component:
    return rx.el.option(
        rx.cond(option["key"] != "", t(option["key"].to(str)), option["value"].to(str)),
        value=option["value"],
    )


def _labelled(label_key: str, id_: str, control: rx.Component, *extra: rx.Component):
    return rx.vstack(
        rx.el.label(t(label_key), html_for=id_, style=_LABEL_STYLE),
        control,
        *extra,
        spacing="1",
        width="100%",
        style={"min_width": "0"},
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
                **_CONTROL_STYLE,
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
                _labelled(
                    "audit.filter_user",
                    "audit-user",
                    rx.el.select(
                        rx.el.option(t("audit.all_users"), value=""),
                        rx.foreach(state.user_options, _user_option),
                        id="audit-user",
                        name="user",
                        value=state.user_filter,
                        on_change=state.set_user_filter,
                        style=_CONTROL_STYLE,
                    ),
                ),
                _labelled(
                    "audit.filter_object",
                    "audit-object",
                    rx.el.select(
                        rx.el.option(t("audit.all_objects"), value=""),
                        rx.foreach(state.object_options, _object_option),
                        id="audit-object",
                        name="object",
                        value=state.object_filter,
                        on_change=state.set_object_filter,
                        style=_CONTROL_STYLE,
                    ),
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
    headers = ["audit.col.when", "audit.col.user", "audit.col.object", "audit.col.changes"]
    return rx.box(
        rx.table.root(
            rx.table.header(rx.table.row(*[rx.table.column_header_cell(t(k)) for k in headers])),
            rx.table.body(rx.foreach(AuditState.rows, _row)),
            variant="surface",
            size=rx.breakpoints(initial="1", md="2"),
            width="100%",
            style={"min_width": "640px"},
            id="audit-table",
        ),
        width="100%",
        style={"overflow_x": "auto", "-webkit-overflow-scrolling": "touch"},
    )


def _pager() -> rx.Component:
    return pager("audit", AuditState)


def audit_page() -> rx.Component:
    """Administration → Audit log: who changed what, when (SPEC G3)."""
    state = AuditState
    return shell(
        admin_nav("audit"),
        rx.vstack(
            rx.vstack(
                rx.heading(t("audit.title"), size="6", as_="h1"),
                rx.text(t("audit.intro"), color=MUTED),
                spacing="1",
                width="100%",
            ),
            rx.cond(
                state.denied,
                rx.callout(
                    t("audit.denied"),
                    icon="shield-alert",
                    color_scheme="amber",
                    role="alert",
                    width="100%",
                    id="audit-denied",
                ),
                rx.vstack(
                    rx.card(_filters(), width="100%"),
                    rx.cond(
                        state.loaded & (state.total == 0),
                        rx.callout(
                            rx.cond(state.filtered, t("audit.no_match"), t("audit.empty")),
                            icon="info",
                            color_scheme="gray",
                            role="status",
                            width="100%",
                            id="audit-empty",
                        ),
                        rx.vstack(_table(), _pager(), spacing="3", width="100%"),
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
    app.add_page(
        audit_page,
        route=routes.AUDIT,
        title="Portal",
        on_load=[AuthState.check_login, AuditState.load],
    )
