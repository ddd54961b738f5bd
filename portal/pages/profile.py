"""Pages: the signed-in user's profile and e-mail alerts (SPEC E1, E2), from the user menu."""

from __future__ import annotations

import reflex as rx

from portal.components.admin import language_field
from portal.components.common import (
    LABEL_STYLE,
    MUTED,
    add_pages,
    labelled,
    loading,
    scroll_table,
    section_card,
    success_notice,
    translated,
)
from portal.components.i18n import t
from portal.components.layout import field_error, section_nav, shell
from portal.models import AlertEvent
from portal.state.profile import DELIVERY_DIGEST, DELIVERY_IMMEDIATE, AlertsState, ProfileState

PROFILE = "/profile"
ALERTS = "/profile/alerts"

_SELECT_STYLE = {
    "background": "white",
    "color": "#1f2933",
    "border_radius": "6px",
    "padding": "6px 8px",
    "border": "1px solid #cbd5e1",
    "font_size": "14px",
    "width": "100%",
}
_PASSWORD_FIELDS = (
    ("profile.current_password", "current_password", "current-password"),
    ("profile.new_password", "new_password", "new-password"),
    ("profile.confirm_password", "confirm_password", "new-password"),
)


def profile_nav(active: str) -> rx.Component:
    """Second-level navigation between the profile and the e-mail alerts."""
    return rx.el.nav(
        section_nav(
            active,
            [
                ("profile", PROFILE, "profile.menu", True),
                ("alerts", ALERTS, "alerts.menu", True),
            ],
        ),
        aria_label=t("profile.section_nav"),
    )


def _notice(show: rx.Var, key: str | rx.Var, id_: str) -> rx.Component:
    text = t(key) if isinstance(key, str) else translated(key)
    return rx.cond(show, success_notice(text, id_))


def _input(
    label_key: str,
    name: str,
    error: rx.Var,
    *,
    value: rx.Var | str = "",
    type_: str = "text",
    autocomplete: str = "",
    required: bool = False,
    max_length: int = 80,
) -> rx.Component:
    return labelled(
        label_key,
        name,
        rx.input(
            id=name,
            name=name,
            type=type_,
            default_value=value,
            auto_complete=autocomplete or None,
            required=required,
            max_length=max_length,
            width="100%",
            size="3",
            aria_invalid=rx.cond(error != "", "true", "false"),
        ),
        field_error(translated(error)),
    )


def _form(*children: rx.Component, on_submit, reset_on_submit: bool, version: rx.Var):
    """A form of stacked fields; a new ``version`` draws it afresh from the state."""
    return rx.form(
        rx.vstack(*children, spacing="3", width="100%"),
        on_submit=on_submit,
        reset_on_submit=reset_on_submit,
        key=version.to(str),
        width="100%",
    )


def _when_loaded(loaded: rx.Var, content: rx.Component) -> rx.Component:
    """``content`` once the page's data is there, a spinner until then."""
    return rx.cond(loaded, content, loading())


def _card(title_key: str, *children: rx.Component, id_: str) -> rx.Component:
    return section_card(title_key, *children, size="3", id=id_)


def details_card() -> rx.Component:
    """Personal details and language."""
    state = ProfileState
    errors = state.details_errors
    return _card(
        "profile.details_title",
        rx.vstack(
            rx.text(t("profile.email"), style=LABEL_STYLE),
            rx.text(state.email, color=MUTED, id="profile-email"),
            spacing="1",
            width="100%",
        ),
        _form(
            _input(
                "profile.first_name",
                "first_name",
                errors["first_name"],
                value=state.first_name,
                autocomplete="given-name",
                required=True,
            ),
            _input(
                "profile.last_name",
                "last_name",
                errors["last_name"],
                value=state.last_name,
                autocomplete="family-name",
            ),
            _input(
                "profile.phone",
                "phone",
                errors["phone"],
                value=state.phone,
                type_="tel",
                autocomplete="tel",
                max_length=40,
            ),
            _input(
                "profile.job_title",
                "job_title",
                errors["job_title"],
                value=state.job_title,
                autocomplete="organization-title",
            ),
            language_field(
                "profile.language",
                "profile-language",
                state.language,
                translated(errors["language"]),
                _SELECT_STYLE,
            ),
            rx.button(t("profile.save"), type="submit", id="profile-save", size="3"),
            _notice(state.details_saved, "profile.saved", "profile-saved"),
            on_submit=ProfileState.save_details,
            reset_on_submit=False,
            version=state.form_version,
        ),
        id_="profile-details",
    )


def password_card() -> rx.Component:
    """Change password, the current one required."""
    state = ProfileState
    errors = state.password_errors
    return _card(
        "profile.password_title",
        rx.text(t("profile.password_hint"), size="2", color=MUTED),
        _form(
            *[
                _input(
                    label_key,
                    name,
                    errors[name],
                    type_="password",
                    autocomplete=autocomplete,
                    required=True,
                    max_length=128,
                )
                for label_key, name, autocomplete in _PASSWORD_FIELDS
            ],
            rx.button(t("profile.password_save"), type="submit", id="password-save", size="3"),
            _notice(state.password_saved, "profile.password_saved", "password-saved"),
            on_submit=ProfileState.change_password,
            reset_on_submit=True,
            version=state.password_version,
        ),
        id_="profile-password",
    )


def _session_row(row: rx.Var) -> rx.Component:
    device = rx.cond(row["device"] != "", row["device"], t("profile.session_unknown_device"))
    return rx.table.row(
        rx.table.cell(
            rx.hstack(
                rx.text(device),
                rx.cond(
                    row["current"],
                    rx.badge(
                        t("profile.session_current"),
                        color_scheme="green",
                        class_name="current-session",
                    ),
                ),
                spacing="2",
                align="center",
                wrap="wrap",
            )
        ),
        rx.table.cell(row["created"], white_space="nowrap"),
        rx.table.cell(row["last_seen"], white_space="nowrap"),
        class_name=rx.cond(row["current"], "session-row current", "session-row"),
        align="center",
    )


def security_card() -> rx.Component:
    """Last password change and the open sessions, with log-out-others."""
    state = ProfileState
    return _card(
        "profile.security_title",
        rx.hstack(
            rx.text(t("profile.password_changed_at"), ":", style=LABEL_STYLE),
            rx.text(
                rx.cond(state.password_changed != "", state.password_changed, t("profile.never")),
                id="profile-password-changed",
            ),
            spacing="2",
            wrap="wrap",
        ),
        rx.heading(t("profile.sessions_title"), size="3", as_="h3"),
        scroll_table(
            "profile-sessions",
            ["profile.session_device", "profile.session_started", "profile.session_last_seen"],
            rx.foreach(state.sessions, _session_row),
            min_width="520px",
            size="1",
        ),
        rx.text(t("profile.times_utc"), size="1", color=MUTED),
        rx.hstack(
            rx.button(
                rx.icon("log-out", size=14),
                t("profile.logout_others"),
                on_click=ProfileState.logout_others,
                id="profile-logout-others",
                variant="soft",
                disabled=state.sessions.length() < 2,
                type="button",
            ),
            rx.cond(
                state.sessions.length() < 2,
                rx.text(t("profile.no_other_sessions"), size="2", color=MUTED),
            ),
            spacing="3",
            align="center",
            wrap="wrap",
        ),
        _notice(state.sessions_notice != "", state.sessions_notice, "profile-sessions-notice"),
        id_="profile-security",
    )


def profile_page() -> rx.Component:
    """/profile: personal details, language, password, security information."""
    return shell(
        profile_nav("profile"),
        rx.heading(t("profile.title"), size="6", as_="h1", margin_bottom="16px"),
        _when_loaded(
            ProfileState.loaded,
            rx.vstack(
                rx.grid(
                    details_card(),
                    password_card(),
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing="4",
                    width="100%",
                    align_items="start",
                ),
                security_card(),
                spacing="4",
                width="100%",
            ),
        ),
        active="",
    )


def _cell_label(event: str, column_key: str) -> rx.Var:
    """The accessible name of one control: the event and the column."""
    return t(f"alerts.event.{event}") + " – " + t(column_key)


def _alert_row(event: str) -> rx.Component:
    state = AlertsState
    enabled = state.enabled[event].to(bool)
    return rx.table.row(
        rx.table.row_header_cell(
            t(f"alerts.event.{event}"), id=f"alert-{event}-label", style={"font_weight": "500"}
        ),
        rx.table.cell(
            rx.checkbox(
                id=f"alert-{event}-enabled",
                checked=enabled,
                on_change=lambda value: AlertsState.set_enabled(event, value),
                aria_label=_cell_label(event, "alerts.col_enabled"),
                size="3",
            ),
        ),
        rx.table.cell(
            rx.checkbox(
                id=f"alert-{event}-own",
                checked=state.own[event].to(bool),
                on_change=lambda value: AlertsState.set_own(event, value),
                disabled=~enabled,
                aria_label=_cell_label(event, "alerts.col_own"),
                size="3",
            ),
        ),
        rx.table.cell(
            rx.el.select(
                rx.el.option(t("alerts.immediate"), value=DELIVERY_IMMEDIATE),
                rx.el.option(t("alerts.digest"), value=DELIVERY_DIGEST),
                id=f"alert-{event}-digest",
                value=state.delivery[event].to(str),
                on_change=lambda value: AlertsState.set_delivery(event, value),
                disabled=~enabled,
                aria_label=_cell_label(event, "alerts.col_delivery"),
                style={**_SELECT_STYLE, "min_width": "170px"},
            ),
        ),
        id=f"alert-{event}",
        align="center",
    )


def alerts_table() -> rx.Component:
    """One row per event: send, not for my own actions, immediate or digest."""
    return scroll_table(
        "alerts-table",
        ["alerts.col_event", "alerts.col_enabled", "alerts.col_own", "alerts.col_delivery"],
        *[_alert_row(event.value) for event in AlertEvent],
        min_width="620px",
        size="2",
    )


def alerts_page() -> rx.Component:
    """/profile/alerts: the user's e-mail alert preferences per event."""
    return shell(
        profile_nav("alerts"),
        rx.heading(t("alerts.title"), size="6", as_="h1", margin_bottom="8px"),
        rx.text(t("alerts.intro"), color=MUTED, margin_bottom="16px", as_="p"),
        _when_loaded(
            AlertsState.loaded,
            rx.vstack(
                alerts_table(),
                rx.hstack(
                    rx.button(
                        t("alerts.save"),
                        on_click=AlertsState.save,
                        id="alerts-save",
                        size="3",
                        type="button",
                    ),
                    spacing="3",
                    align="center",
                ),
                _notice(AlertsState.saved, "alerts.saved", "alerts-saved"),
                spacing="4",
                width="100%",
            ),
        ),
        active="",
    )


def register(app: rx.App) -> None:
    """Add the profile and e-mail alert pages to the app."""
    add_pages(
        app, ((profile_page, PROFILE, ProfileState.load), (alerts_page, ALERTS, AlertsState.load))
    )
