"""The page shell: header with brand, tabs per role, language switch and user menu."""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.i18n import t
from portal.models import Role
from portal.settings import settings
from portal.state.auth import AuthState

BRAND_BLUE = "#1e5aa8"
# Whether the user is a provider admin (the API keys section); a var of AuthState's roles.
_IS_PROVIDER_ADMIN = AuthState.roles.contains(Role.PROVIDER_ADMIN.value)

TABS = (
    (
        "service",
        rx.cond(AuthState.is_agent, routes.DESK, routes.SERVICE),
        "tab.service",
        AuthState.show_service,
    ),
    (
        "products",
        rx.cond(AuthState.has_fleet, routes.PRODUCTS, routes.KNOWLEDGE),
        "tab.products",
        AuthState.show_products,
    ),
    ("dashboards", routes.DASHBOARDS, "tab.dashboards", AuthState.show_dashboards),
    ("stock", routes.STOCK, "tab.stock", AuthState.show_stock),
    ("admin", routes.USERS, "tab.admin", AuthState.show_admin),
)


def brand() -> rx.Component:
    """Logo and provider name, linking home."""
    return rx.link(
        rx.hstack(
            rx.image(src=settings.logo_url, alt="", width="36px", height="36px"),
            rx.text(settings.provider_name, weight="bold", size="4", color="white"),
            align="center",
            spacing="2",
        ),
        href=routes.HOME,
        underline="none",
        aria_label=t("nav.home"),
    )


def language_switch() -> rx.Component:
    """Select of the UI language; the choice is stored for signed-in users."""
    return rx.el.select(
        rx.el.option("Español", value="es"),
        rx.el.option("English", value="en"),
        rx.el.option("Deutsch", value="de"),
        value=AuthState.lang,
        on_change=AuthState.set_language,
        aria_label=t("nav.language"),
        id="language-switch",
        style={
            "background": "white",
            "color": "#1f2933",
            "border_radius": "6px",
            "padding": "4px 8px",
            "border": "1px solid #cbd5e1",
            "font_size": "14px",
        },
    )


def user_menu() -> rx.Component:
    """The signed-in user's name with a menu: profile, e-mail alerts, log out."""
    from portal.pages.profile import ALERTS, PROFILE  # the page module imports this one

    return rx.menu.root(
        rx.menu.trigger(
            rx.button(
                rx.icon("circle-user", size=18),
                rx.text(AuthState.user_name, class_name="user-name"),
                rx.icon("chevron-down", size=14),
                variant="soft",
                color_scheme="gray",
                id="user-menu",
                style={"background": "rgba(255,255,255,0.15)", "color": "white"},
            )
        ),
        rx.menu.content(
            rx.box(rx.text(AuthState.user_email, size="1", color="#64748b"), padding="4px 8px"),
            rx.menu.separator(),
            rx.menu.item(
                rx.hstack(rx.icon("user-round-cog", size=14), rx.text(t("profile.menu"))),
                on_click=rx.redirect(PROFILE),
                id="menu-profile",
            ),
            rx.menu.item(
                rx.hstack(rx.icon("bell", size=14), rx.text(t("alerts.menu"))),
                on_click=rx.redirect(ALERTS),
                id="menu-alerts",
            ),
            rx.menu.separator(),
            rx.menu.item(
                rx.hstack(rx.icon("log-out", size=14), rx.text(t("nav.logout"))),
                on_click=AuthState.logout,
                id="logout",
            ),
        ),
    )


def tab_link(key: str, href: str | rx.Var, label_key: str, active: str) -> rx.Component:
    """One tab of the main navigation."""
    is_active = key == active
    return rx.link(
        t(label_key),
        href=href,
        id=f"tab-{key}",
        underline="none",
        weight="medium",
        size="3",
        style={
            "padding": "10px 14px",
            "color": BRAND_BLUE if is_active else "#334155",
            "border_bottom": f"3px solid {BRAND_BLUE}" if is_active else "3px solid transparent",
            "white_space": "nowrap",
        },
        aria_current="page" if is_active else None,
    )


def tabs(active: str) -> rx.Component:
    """The tabs this user's roles allow."""
    return rx.el.nav(
        rx.hstack(
            *[
                rx.cond(visible, tab_link(key, href, label, active))
                for key, href, label, visible in TABS
            ],
            spacing="1",
            style={"overflow_x": "auto", "max_width": "1200px", "margin": "0 auto"},
            padding_x="16px",
        ),
        aria_label=t("nav.main"),
        style={"background": "white", "border_bottom": "1px solid #e2e8f0"},
    )


def header(signed_in_view: bool) -> rx.Component:
    """The blue header bar."""
    right = [language_switch()]
    if signed_in_view:
        right.append(rx.cond(AuthState.signed_in, user_menu()))
    return rx.el.header(
        rx.hstack(
            brand(),
            rx.spacer(),
            rx.hstack(*right, align="center", spacing="3"),
            align="center",
            style={"max_width": "1200px", "margin": "0 auto"},
            padding_x="16px",
            padding_y="10px",
        ),
        style={"background": BRAND_BLUE},
    )


def footer() -> rx.Component:
    """Provider contact in every page's footer."""
    return rx.el.footer(
        rx.hstack(
            rx.text(settings.provider_name, size="2", color="#64748b"),
            rx.text("·", size="2", color="#94a3b8"),
            rx.link(t("nav.help"), href=routes.HELP, size="2"),
            rx.text("·", size="2", color="#94a3b8"),
            rx.text(t("help.phone"), ": ", settings.support_phone, size="2", color="#64748b"),
            spacing="2",
            wrap="wrap",
            justify="center",
        ),
        style={"padding": "24px 16px", "border_top": "1px solid #e2e8f0", "margin_top": "40px"},
    )


def shell(*children: rx.Component, active: str = "", public: bool = False) -> rx.Component:
    """Page shell; unless ``public``, the content waits for the signed-in check."""
    return rx.box(
        header(signed_in_view=True),
        rx.cond(AuthState.signed_in, tabs(active)),
        rx.el.main(
            rx.box(*children)
            if public
            else rx.cond(
                AuthState.signed_in,
                rx.box(*children),
                rx.center(rx.spinner(size="3"), padding="64px"),
            ),
            style={"max_width": "1200px", "margin": "0 auto", "padding": "24px 16px"},
        ),
        footer(),
        style={"min_height": "100vh", "background": "#f8fafc"},
    )


def public_shell(*children: rx.Component) -> rx.Component:
    """Page shell of log-in, registration and the other public pages."""
    return rx.box(
        header(signed_in_view=False),
        rx.el.main(
            rx.center(
                rx.card(
                    *children,
                    size="4",
                    style={"width": "100%", "max_width": "520px"},
                ),
                padding_y="40px",
                padding_x="16px",
            ),
        ),
        footer(),
        style={"min_height": "100vh", "background": "#f1f5f9"},
    )


def field_error(message: rx.Var) -> rx.Component:
    """A message next to a form field, announced to screen readers."""
    return rx.cond(
        message != "",
        rx.text(message, color="#b91c1c", size="2", role="alert", class_name="field-error"),
    )


def labelled_input(
    label_key: str,
    name: str,
    error: rx.Var,
    *,
    type_: str = "text",
    autocomplete: str = "",
    required: bool = True,
) -> rx.Component:
    """A labelled input with its error message below."""
    return rx.vstack(
        rx.el.label(t(label_key), html_for=name, style={"font_weight": "500", "font_size": "14px"}),
        rx.input(
            id=name,
            name=name,
            type=type_,
            auto_complete=autocomplete or None,
            required=required,
            width="100%",
            size="3",
            aria_invalid=rx.cond(error != "", "true", "false"),
        ),
        field_error(error),
        spacing="1",
        width="100%",
    )


def section_nav(active: str, items: list[tuple[str, str, str, rx.Var | bool]]) -> rx.Component:
    """Second-level navigation inside a tab: (key, href, label key, visible) per item."""
    links = []
    for key, href, label_key, visible in items:
        link = rx.link(
            t(label_key),
            href=href,
            id=f"section-{key}",
            underline="none",
            size="2",
            weight="medium",
            style={
                "padding": "6px 12px",
                "border_radius": "999px",
                "background": "#e8f0fb" if key == active else "transparent",
                "color": BRAND_BLUE if key == active else "#475569",
                "white_space": "nowrap",
            },
            aria_current="page" if key == active else None,
        )
        links.append(link if visible is True else rx.cond(visible, link))
    return rx.hstack(*links, spacing="1", wrap="wrap", margin_bottom="16px")


def products_nav(active: str) -> rx.Component:
    """Second-level navigation of the Knowledge and products tab."""
    return section_nav(
        active,
        [
            ("products", routes.PRODUCTS, "section.products", True),
            ("accounts", routes.ACCOUNTS, "section.accounts", AuthState.has_fleet),
        ],
    )


def admin_nav(active: str) -> rx.Component:
    """Second-level navigation of the Administration tab."""
    return section_nav(
        active,
        [
            ("users", routes.USERS, "section.users", AuthState.show_admin),
            ("groups", routes.GROUPS, "section.groups", AuthState.is_admin),
            ("audit", routes.AUDIT, "section.audit", AuthState.is_admin),
            ("api_keys", routes.API_KEYS, "section.api_keys", _IS_PROVIDER_ADMIN),
        ],
    )
