"""Public pages: log in, register, set password, forgot password."""

import reflex as rx

from portal import routes
from portal.components.i18n import t
from portal.components.layout import field_error, labelled_input, public_shell
from portal.state.public import ForgotState, LoginState, RegisterState, TokenPasswordState


def _heading(key: str, intro_key: str | None = None) -> rx.Component:
    parts = [rx.heading(t(key), size="6", as_="h1")]
    if intro_key:
        parts.append(rx.text(t(intro_key), color="#475569", size="2"))
    return rx.vstack(*parts, spacing="2", margin_bottom="16px")


def _submit(key: str, id_: str) -> rx.Component:
    return rx.button(t(key), type="submit", size="3", width="100%", id=id_)


def _callout(message: rx.Var, color: str = "green") -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(message, color_scheme=color, role="status", width="100%"),
    )


def login_page() -> rx.Component:
    """Log in (SPEC A4)."""
    return public_shell(
        _heading("login.title", "login.intro"),
        _callout(LoginState.notice),
        rx.form(
            rx.vstack(
                labelled_input(
                    "field.email",
                    "email",
                    rx.Var.create(""),
                    type_="email",
                    autocomplete="username",
                ),
                labelled_input(
                    "field.password",
                    "password",
                    rx.Var.create(""),
                    type_="password",
                    autocomplete="current-password",
                ),
                rx.cond(
                    LoginState.error != "",
                    rx.callout(
                        LoginState.error,
                        color_scheme="red",
                        role="alert",
                        width="100%",
                        id="login-error",
                    ),
                ),
                _submit("login.submit", "login-submit"),
                spacing="4",
                width="100%",
            ),
            on_submit=LoginState.submit,
            reset_on_submit=False,
        ),
        rx.hstack(
            rx.link(t("login.forgot"), href=routes.FORGOT, id="forgot-link"),
            rx.spacer(),
            rx.link(t("login.register"), href=routes.REGISTER, id="register-link"),
            margin_top="16px",
            wrap="wrap",
        ),
    )


def _language_select() -> rx.Component:
    return rx.vstack(
        rx.el.label(
            t("field.language"),
            html_for="language",
            style={"font_weight": "500", "font_size": "14px"},
        ),
        rx.el.select(
            rx.el.option("Español", value="es"),
            rx.el.option("English", value="en"),
            rx.el.option("Deutsch", value="de"),
            id="language",
            name="language",
            default_value=RegisterState.lang,
            style={
                "width": "100%",
                "padding": "8px",
                "border_radius": "6px",
                "border": "1px solid #cbd5e1",
                "background": "white",
            },
        ),
        field_error(RegisterState.errors.get("language", "")),
        spacing="1",
        width="100%",
    )


def register_page() -> rx.Component:
    """Registration matched on a serial number and postal code (SPEC A1)."""
    err = RegisterState.errors
    form = rx.form(
        rx.vstack(
            labelled_input(
                "field.company_name",
                "company_name",
                err.get("company_name", ""),
                autocomplete="organization",
            ),
            labelled_input(
                "field.full_name", "full_name", err.get("full_name", ""), autocomplete="name"
            ),
            labelled_input(
                "field.email", "email", err.get("email", ""), type_="email", autocomplete="email"
            ),
            labelled_input(
                "field.phone", "phone", err.get("phone", ""), type_="tel", autocomplete="tel"
            ),
            rx.text(t("register.device_hint"), size="2", color="#475569"),
            rx.grid(
                labelled_input("field.serial", "serial", err.get("serial", "")),
                labelled_input(
                    "field.postal_code",
                    "postal_code",
                    err.get("postal_code", ""),
                    autocomplete="postal-code",
                ),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            _language_select(),
            _submit("register.submit", "register-submit"),
            spacing="4",
            width="100%",
        ),
        on_submit=RegisterState.submit,
        reset_on_submit=False,
    )
    done = rx.vstack(
        rx.callout(t("register.done"), color_scheme="green", role="status", id="register-done"),
        rx.link(t("register.back_to_login"), href=routes.LOGIN),
        spacing="4",
    )
    return public_shell(
        _heading("register.title", "register.intro"),
        rx.cond(RegisterState.done, done, form),
        rx.cond(
            ~RegisterState.done,
            rx.hstack(
                rx.text(t("register.have_account"), size="2"),
                rx.link(t("login.submit"), href=routes.LOGIN, size="2"),
                margin_top="16px",
            ),
        ),
    )


def set_password_page() -> rx.Component:
    """Set a password from an activation or reset link (SPEC A2, A5)."""
    err = TokenPasswordState.errors
    form = rx.form(
        rx.vstack(
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
            _submit("password.submit", "password-submit"),
            spacing="4",
            width="100%",
        ),
        on_submit=TokenPasswordState.submit,
        reset_on_submit=False,
    )
    invalid = rx.vstack(
        rx.callout(t("error.token_invalid"), color_scheme="red", role="alert", id="token-invalid"),
        rx.link(t("login.forgot"), href=routes.FORGOT),
        spacing="4",
    )
    return public_shell(
        _heading("password.title"),
        rx.cond(TokenPasswordState.token_valid, form, invalid),
    )


def forgot_page() -> rx.Component:
    """Ask for a reset link (SPEC A5)."""
    form = rx.form(
        rx.vstack(
            labelled_input(
                "field.email", "email", ForgotState.error, type_="email", autocomplete="email"
            ),
            _submit("forgot.submit", "forgot-submit"),
            spacing="4",
            width="100%",
        ),
        on_submit=ForgotState.submit,
        reset_on_submit=False,
    )
    return public_shell(
        _heading("forgot.title", "forgot.intro"),
        rx.cond(
            ForgotState.sent,
            rx.callout(t("forgot.sent"), color_scheme="green", role="status", id="forgot-sent"),
            form,
        ),
        rx.link(t("register.back_to_login"), href=routes.LOGIN, margin_top="16px", display="block"),
    )
