"""Page: API keys of the REST API (SPEC F2), under Administration, for provider admins.

A provider admin names a new key and chooses read only or read and write; the
secret is shown once, right after, to be copied into the other system. The
table lists every key with its prefix (to tell keys apart), scopes, creation,
last use and status, and revokes an active key after a confirmation.
"""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.admin import admin_page
from portal.components.common import (
    LABEL_STYLE,
    MUTED,
    add_pages,
    callouts,
    denied_notice,
    field_label,
    labelled_field,
    loading,
    notice,
    scroll_table,
    section_card,
    translated,
)
from portal.components.dialogs import confirm_dialog
from portal.components.i18n import t
from portal.components.layout import BRAND_BLUE, field_error
from portal.state.api_keys import NAME_INPUT, ApiKeysState

SECRET_FIELD = "api-key-secret"
MONO = {"font_family": "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"}
_RADIO_STYLE = {"width": "18px", "height": "18px", "accent_color": BRAND_BLUE, "margin": "0"}
# Copies the secret field's text; the fallback serves pages opened over plain http,
# where the Clipboard API is missing.
_COPY_SCRIPT = f"""(() => {{
  const field = document.getElementById("{SECRET_FIELD}");
  if (!field) return;
  const fallback = () => {{ field.select(); document.execCommand("copy"); }};
  if (navigator.clipboard && window.isSecureContext) {{
    navigator.clipboard.writeText(field.value).catch(fallback);
  }} else {{
    fallback();
  }}
}})()"""


def _intro() -> rx.Component:
    return rx.text(
        t("api_keys.intro"),
        " ",
        # A plain link: the API docs are served by the backend, not by a page of the app.
        rx.el.a(
            t("api_keys.docs_link"),
            href=routes.API_DOCS,
            id="api-docs-link",
            style={"color": BRAND_BLUE, "text_decoration": "underline", "font_weight": "500"},
        ),
        color=MUTED,
    )


def _scope_option(value: str, label_key: str, *, checked: bool) -> rx.Component:
    id_ = f"api-key-scope-{value}"
    return rx.el.label(
        rx.el.input(
            type="radio",
            name="scope",
            value=value,
            id=id_,
            default_checked=checked,
            style=_RADIO_STYLE,
        ),
        rx.text(t(label_key), size="2"),
        html_for=id_,
        style={
            "display": "inline-flex",
            "gap": "8px",
            "align_items": "center",
            "cursor": "pointer",
            "padding": "4px 0",
        },
    )


def _create_form() -> rx.Component:
    errors = ApiKeysState.errors
    name_error = errors["name"].to(str)
    return section_card(
        "api_keys.new_heading",
        rx.form(
            rx.vstack(
                labelled_field(
                    field_label("api_keys.name_label", NAME_INPUT),
                    rx.input(
                        id=NAME_INPUT,
                        name="name",
                        max_length=120,
                        size="3",
                        width="100%",
                        auto_complete="off",
                        aria_invalid=rx.cond(name_error != "", "true", "false"),
                    ),
                    name_error,
                    hint_key="api_keys.name_hint",
                ),
                rx.el.fieldset(
                    rx.el.legend(t("api_keys.scope_label"), style=LABEL_STYLE),
                    rx.flex(
                        _scope_option("read", "api_keys.scope_read", checked=True),
                        _scope_option("write", "api_keys.scope_write", checked=False),
                        spacing="5",
                        wrap="wrap",
                    ),
                    field_error(translated(errors["scopes"].to(str))),
                    style={"border": "none", "padding": "0", "margin": "0", "min_width": "0"},
                    id="api-key-scopes",
                ),
                rx.button(
                    rx.icon("key-round", size=16),
                    t("api_keys.create"),
                    type="submit",
                    size="3",
                    id="api-key-create",
                ),
                spacing="4",
                width="100%",
                max_width="560px",
            ),
            on_submit=ApiKeysState.create,
            reset_on_submit=False,
            id="api-key-form",
        ),
        id="api-key-create-card",
    )


def _secret_callout() -> rx.Component:
    state = ApiKeysState
    return rx.callout.root(
        rx.callout.icon(rx.icon("key-round")),
        rx.vstack(
            rx.heading(t("api_keys.secret_heading"), size="3", as_="h2"),
            rx.el.label(
                t("api_keys.secret_label"),
                " ",
                rx.text(state.secret_name, as_="span", weight="bold"),
                html_for=SECRET_FIELD,
                style=LABEL_STYLE,
            ),
            rx.flex(
                rx.el.input(
                    id=SECRET_FIELD,
                    value=state.secret,
                    read_only=True,
                    spell_check=False,
                    auto_complete="off",
                    on_focus=rx.call_script(f"document.getElementById('{SECRET_FIELD}').select()"),
                    style={
                        **MONO,
                        "flex": "1 1 320px",
                        "min_width": "0",
                        "height": "40px",
                        "padding": "0 10px",
                        "font_size": "14px",
                        "border": "1px solid #cbd5e1",
                        "border_radius": "6px",
                        "background": "white",
                        "color": "#1f2933",
                    },
                ),
                rx.button(
                    rx.cond(state.copied, rx.icon("check", size=16), rx.icon("copy", size=16)),
                    rx.cond(state.copied, t("api_keys.copied"), t("api_keys.copy")),
                    type="button",
                    size="3",
                    variant="soft",
                    on_click=[rx.call_script(_COPY_SCRIPT), state.mark_copied],
                    id="api-key-copy",
                ),
                spacing="2",
                wrap="wrap",
                width="100%",
            ),
            rx.text(t("api_keys.secret_warning"), size="2", weight="medium", id="api-key-warning"),
            rx.button(
                t("api_keys.done"),
                type="button",
                size="2",
                on_click=ApiKeysState.dismiss_secret,
                id="api-key-done",
            ),
            spacing="3",
            width="100%",
        ),
        color_scheme="amber",
        role="status",
        width="100%",
        id="api-key-secret-callout",
    )


def _scope_badge(key: rx.Var) -> rx.Component:
    return rx.badge(t(key.to(str)), variant="soft", color_scheme="indigo")


def _status_badge(active: rx.Var) -> rx.Component:
    return rx.cond(
        active,
        rx.badge(
            t("api_keys.status.active"), color_scheme="green", class_name="api-key-status-active"
        ),
        rx.badge(
            t("api_keys.status.revoked"), color_scheme="gray", class_name="api-key-status-revoked"
        ),
    )


def _key_row(row: rx.Var) -> rx.Component:
    active = row["active"].to(bool)
    last_used = row["last_used"].to(str)
    return rx.table.row(
        rx.table.row_header_cell(
            rx.text(row["name"], weight="medium", style={"overflow_wrap": "anywhere"})
        ),
        rx.table.cell(
            rx.code(row["prefix"], variant="ghost", style={**MONO, "white_space": "nowrap"})
        ),
        rx.table.cell(
            rx.flex(
                rx.foreach(row["scope_keys"].to(list[str]), _scope_badge),
                spacing="1",
                wrap="wrap",
            )
        ),
        rx.table.cell(
            rx.vstack(
                rx.text(row["created"], style={"white_space": "nowrap"}),
                rx.text(t("api_keys.by"), " ", row["created_by"], size="1", color=MUTED),
                spacing="0",
            )
        ),
        rx.table.cell(
            rx.cond(
                last_used != "",
                rx.text(last_used, " ", t("api_keys.utc"), style={"white_space": "nowrap"}),
                rx.text(t("api_keys.never"), color=MUTED),
            )
        ),
        rx.table.cell(_status_badge(active)),
        rx.table.cell(
            rx.cond(
                active,
                rx.button(
                    rx.icon("ban", size=14),
                    t("api_keys.revoke"),
                    size="1",
                    variant="soft",
                    color_scheme="red",
                    type="button",
                    class_name="api-key-revoke",
                    on_click=ApiKeysState.ask_revoke(row["id"].to(int)),
                    custom_attrs={"data-name": row["name"]},
                ),
            )
        ),
        class_name="api-key-row",
        custom_attrs={"data-name": row["name"], "data-active": rx.cond(active, "1", "0")},
    )


def _table() -> rx.Component:
    return section_card(
        "api_keys.list_heading",
        rx.cond(
            ApiKeysState.keys.length() > 0,
            scroll_table(
                "api-keys-table",
                [
                    "api_keys.col.name",
                    "api_keys.col.prefix",
                    "api_keys.col.scopes",
                    "api_keys.col.created",
                    "api_keys.col.last_used",
                    "api_keys.col.status",
                    "api_keys.col.actions",
                ],
                rx.foreach(ApiKeysState.keys, _key_row),
                min_width="860px",
            ),
            notice(t("api_keys.empty"), "api-keys-empty"),
        ),
    )


def _revoke_dialog() -> rx.Component:
    state = ApiKeysState
    return confirm_dialog(
        title="api_keys.revoke_title",
        description=rx.fragment(
            rx.text(state.revoke_name, weight="bold"),
            rx.text(t("api_keys.revoke_text"), size="2"),
        ),
        keep=("api_keys.cancel", state.cancel_revoke, "cancel-api-key-revoke"),
        confirm=("api_keys.revoke_confirm", state.confirm_revoke, "confirm-api-key-revoke"),
        open=state.revoke_id != 0,
        on_open_change=state.revoke_dialog_changed,
    )


def _body() -> rx.Component:
    state = ApiKeysState
    return rx.vstack(
        rx.cond(state.secret != "", _secret_callout()),
        callouts("api-keys", state.notice, state.error),
        _create_form(),
        _table(),
        spacing="5",
        width="100%",
    )


def api_keys_page() -> rx.Component:
    """Administration → API keys."""
    state = ApiKeysState
    return rx.fragment(
        admin_page(
            "api_keys",
            "api_keys.title",
            _intro(),
            rx.cond(
                state.denied,
                denied_notice("api-keys-denied", "api_keys.denied"),
                rx.cond(state.loaded, _body(), loading()),
            ),
        ),
        _revoke_dialog(),
    )


def register(app: rx.App) -> None:
    """Add the API keys page to the app."""
    add_pages(app, ((api_keys_page, routes.API_KEYS, ApiKeysState.load),))
