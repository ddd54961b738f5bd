"""Page: accept an invitation (SPEC A7) — set a password from the e-mailed link and enter."""

from __future__ import annotations

import reflex as rx

from portal.components.common import loading
from portal.components.i18n import t
from portal.components.layout import field_error, labelled_input, public_shell
from portal.state.invite import InviteState

INVITE = "/invite/[token]"


def invite_page() -> rx.Component:
    """The invitee chooses a password; a used, expired or revoked link says so clearly."""
    state = InviteState
    err = state.errors
    form = rx.form(
        rx.vstack(
            rx.text(t("invite.intro"), color="#475569"),
            rx.text(state.invitee_email, weight="medium", id="invite-email-shown"),
            rx.text(t("password.rules"), size="2", color="#475569"),
            labelled_input(
                "field.new_password",
                "password",
                err.get("password", ""),
                type_="password",
                autocomplete="new-password",
            ),
            labelled_input(
                "field.confirm_password",
                "confirm",
                err.get("confirm", ""),
                type_="password",
                autocomplete="new-password",
            ),
            field_error(err.get("token", "")),
            rx.button(
                t("invite.submit"), type="submit", size="3", width="100%", id="invite-accept"
            ),
            spacing="4",
            width="100%",
        ),
        on_submit=state.submit,
        reset_on_submit=False,
    )
    invalid = rx.callout(
        t("invite.invalid"),
        icon="triangle-alert",
        color_scheme="red",
        role="alert",
        id="invite-invalid",
    )
    return public_shell(
        rx.heading(t("invite.title"), size="6", as_="h1", margin_bottom="16px"),
        rx.cond(
            state.token_valid,
            form,
            rx.cond(state.checked, invalid, loading("32px")),
        ),
    )


def register(app: rx.App) -> None:
    """Add the invitation page to the app."""
    app.add_page(invite_page, route=INVITE, title="Portal", on_load=InviteState.on_load)
