"""Home, help and not-found pages."""

import reflex as rx

from portal import routes
from portal.components.i18n import t
from portal.components.layout import public_shell, shell
from portal.settings import settings
from portal.state.auth import AuthState
from portal.state.home import HomeState


def _stat(label_key: str, value: rx.Var, icon: str, href: str, id_: str) -> rx.Component:
    return rx.link(
        rx.card(
            rx.hstack(
                rx.center(
                    rx.icon(icon, size=22, color="#1e5aa8"),
                    style={
                        "background": "#e8f0fb",
                        "border_radius": "10px",
                        "width": "44px",
                        "height": "44px",
                    },
                ),
                rx.vstack(
                    rx.text(t(label_key), size="2", color="#475569"),
                    rx.text(value, size="7", weight="bold", id=id_),
                    spacing="0",
                ),
                spacing="4",
                align="center",
            ),
            width="100%",
        ),
        href=href,
        underline="none",
        width="100%",
    )


def home_page() -> rx.Component:
    """What the signed-in user has: products and open tickets."""
    return shell(
        rx.vstack(
            rx.heading(t("home.welcome"), " ", AuthState.user_name, size="6", as_="h1"),
            rx.text(t("home.intro"), color="#475569"),
            rx.grid(
                _stat(
                    "home.products",
                    HomeState.product_count,
                    "printer",
                    routes.PRODUCTS,
                    "home-product-count",
                ),
                _stat(
                    "home.open_tickets",
                    HomeState.open_ticket_count,
                    "wrench",
                    routes.SERVICE,
                    "home-open-tickets",
                ),
                _stat(
                    "home.accounts",
                    HomeState.account_count,
                    "building-2",
                    routes.ACCOUNTS,
                    "home-account-count",
                ),
                columns=rx.breakpoints(initial="1", sm="2", md="3"),
                spacing="4",
                width="100%",
            ),
            rx.card(
                rx.vstack(
                    rx.heading(t("home.help_title"), size="4", as_="h2"),
                    rx.text(t("home.help_text"), " ", settings.support_phone, "."),
                    rx.hstack(
                        rx.link(t("nav.help"), href=routes.HELP),
                        rx.link(
                            t("help.downloads"), href=settings.download_centre_url, is_external=True
                        ),
                        spacing="4",
                    ),
                    spacing="2",
                ),
                width="100%",
            ),
            spacing="5",
            width="100%",
        ),
        active="home",
    )


def help_page() -> rx.Component:
    """How to reach the provider."""
    return shell(
        rx.vstack(
            rx.heading(t("help.title"), size="6", as_="h1"),
            rx.text(t("help.intro"), color="#475569"),
            rx.card(
                rx.data_list.root(
                    rx.data_list.item(
                        rx.data_list.label(t("help.provider")),
                        rx.data_list.value(settings.provider_name),
                    ),
                    rx.data_list.item(
                        rx.data_list.label(t("help.phone")),
                        rx.data_list.value(
                            rx.link(
                                settings.support_phone,
                                href=f"tel:{settings.support_phone.replace(' ', '')}",
                                id="help-phone",
                            )
                        ),
                    ),
                    rx.data_list.item(
                        rx.data_list.label(t("help.email")),
                        rx.data_list.value(
                            rx.link(settings.support_email, href=f"mailto:{settings.support_email}")
                        ),
                    ),
                    rx.data_list.item(
                        rx.data_list.label(t("help.downloads")),
                        rx.data_list.value(
                            rx.link(
                                settings.download_centre_url,
                                href=settings.download_centre_url,
                                is_external=True,
                            )
                        ),
                    ),
                    orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
                ),
                width="100%",
            ),
            rx.card(
                rx.vstack(
                    rx.heading(t("help.faq_title"), size="4", as_="h2"),
                    rx.text(t("help.faq_login")),
                    rx.text(t("help.faq_register")),
                    rx.text(t("help.faq_pending")),
                    spacing="2",
                ),
                width="100%",
            ),
            spacing="4",
            width="100%",
        ),
        active="help",
        public=True,
    )


def not_found_page() -> rx.Component:
    """A clear page for addresses that do not exist."""
    return public_shell(
        rx.vstack(
            rx.heading(t("notfound.title"), size="6", as_="h1", id="not-found"),
            rx.text(t("notfound.text"), color="#475569"),
            rx.link(rx.button(t("notfound.home")), href=routes.HOME),
            spacing="4",
        )
    )
