"""Home, help and not-found pages."""

from collections.abc import Callable

import reflex as rx

from portal import routes
from portal.components.common import MUTED
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


_ACTIONS = (
    ("ticket", "wrench", "home.action.ticket", routes.NEW_TICKET),
    ("readings", "gauge", "home.action.readings", "/readings"),
    ("move", "truck", "home.action.move", routes.MOVE),
    ("order", "package", "home.action.order", "/stock/orders"),
    ("desk", "headset", "home.action.desk", routes.DESK),
    ("knowledge", "book-open", "home.action.knowledge", routes.KNOWLEDGE),
)


def _quick_actions() -> rx.Component:
    """The common tasks this user's role allows, one click each."""
    return rx.flex(
        *[
            rx.cond(
                HomeState.actions.contains(key),
                rx.link(
                    rx.button(rx.icon(icon, size=16), t(label), variant="soft", size="3"),
                    href=href,
                    underline="none",
                    id=f"home-action-{key}",
                ),
            )
            for key, icon, label, href in _ACTIONS
        ],
        spacing="3",
        wrap="wrap",
        id="home-actions",
    )


def _hub_card(
    title_key: str,
    count: rx.Var,
    rows: rx.Var,
    row: Callable[[rx.Var], rx.Component],
    empty_key: str,
    more_href: str | rx.Var,
    id_: str,
    icon: str,
) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon(icon, size=18, color="#1e5aa8"),
                rx.heading(t(title_key), size="3", as_="h2"),
                rx.spacer(),
                rx.badge(
                    count,
                    color_scheme=rx.cond(count > 0, "orange", "gray"),
                    variant="soft",
                    id=f"{id_}-count",
                ),
                align="center",
                width="100%",
            ),
            rx.cond(
                rows.length() > 0,
                rx.vstack(rx.foreach(rows, row), spacing="2", width="100%"),
                rx.text(t(empty_key), size="2", color=MUTED),
            ),
            rx.cond(
                count > rows.length(),
                rx.link(t("home.see_all"), href=more_href, size="2", id=f"{id_}-more"),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id=id_,
    )


def _line(href: rx.Var, main: rx.Component, *extra: rx.Component) -> rx.Component:
    return rx.hstack(
        rx.link(main, href=href.to(str), weight="medium", size="2"),
        rx.spacer(),
        *extra,
        align="center",
        spacing="2",
        width="100%",
        wrap="wrap",
    )


def _reading_row(row: rx.Var) -> rx.Component:
    return _line(
        row["href"],
        rx.text(row["serial"]),
        rx.text(row["model"], size="1", color=MUTED),
        rx.badge(
            t(row["status_key"].to(str)),
            color_scheme=rx.cond(row["status"] == "overdue", "red", "amber"),
            variant="soft",
        ),
    )


def _deadline_row(row: rx.Var) -> rx.Component:
    return _line(
        row["href"],
        rx.text(row["number"]),
        rx.text(row["serial"], " · ", t(row["type_key"].to(str)), size="1", color=MUTED),
        rx.badge(
            rx.cond(row["overdue"].to(bool), t("home.overdue_since"), t("home.due")),
            " ",
            row["due"],
            color_scheme=rx.cond(row["overdue"].to(bool), "red", "amber"),
            variant="soft",
        ),
    )


def _silent_row(row: rx.Var) -> rx.Component:
    return _line(
        row["href"],
        rx.text(row["serial"]),
        rx.text(
            rx.cond(
                row["last_contact"] != "",
                t("home.last_contact") + " " + row["last_contact"].to(str),
                t("product.never_reported"),
            ),
            size="1",
            color=MUTED,
        ),
    )


def _toner_row(row: rx.Var) -> rx.Component:
    return _line(
        row["href"],
        rx.text(row["serial"]),
        rx.text(row["model"], size="1", color=MUTED),
        rx.badge(row["lowest"].to(str), " %", color_scheme="red", variant="soft"),
    )


def _recent_row(row: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(row["date"], size="1", color=MUTED, style={"white_space": "nowrap"}),
        rx.link(row["number"], href=row["href"].to(str), size="2", weight="medium"),
        rx.text(row["activity_type"], size="2"),
        rx.cond(
            row["status_key"] != "",
            rx.badge(t(row["status_key"].to(str)), variant="surface", color_scheme="gray"),
        ),
        spacing="2",
        align="center",
        wrap="wrap",
        width="100%",
        class_name="home-recent-row",
    )


def _hub() -> rx.Component:
    cards = [
        rx.cond(
            HomeState.actions.contains("readings"),
            _hub_card(
                "home.readings_due",
                HomeState.readings_due_count,
                HomeState.readings_due,
                _reading_row,
                "home.readings_due_none",
                "/readings",
                "home-readings-due",
                "gauge",
            ),
        ),
        _hub_card(
            "home.near_deadline",
            HomeState.near_deadline_count,
            HomeState.near_deadline,
            _deadline_row,
            "home.near_deadline_none",
            rx.cond(HomeState.actions.contains("desk"), routes.DESK, routes.SERVICE),
            "home-near-deadline",
            "alarm-clock",
        ),
        _hub_card(
            "home.not_reporting",
            HomeState.not_reporting_count,
            HomeState.not_reporting,
            _silent_row,
            "home.not_reporting_none",
            routes.PRODUCTS,
            "home-not-reporting",
            "wifi-off",
        ),
        rx.cond(
            HomeState.actions.contains("order"),
            _hub_card(
                "home.low_toner",
                HomeState.low_toner_count,
                HomeState.low_toner,
                _toner_row,
                "home.low_toner_none",
                "/stock/low-toner",
                "home-low-toner",
                "droplet",
            ),
        ),
    ]
    return rx.cond(
        HomeState.roles.contains("knowledge_user") & (HomeState.roles.length() == 1),
        rx.fragment(),
        rx.vstack(
            rx.grid(*cards, columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%"),
            rx.card(
                rx.vstack(
                    rx.heading(t("home.recent"), size="3", as_="h2"),
                    rx.cond(
                        HomeState.recent.length() > 0,
                        rx.vstack(rx.foreach(HomeState.recent, _recent_row), spacing="2"),
                        rx.text(t("home.recent_none"), size="2", color=MUTED),
                    ),
                    spacing="3",
                    width="100%",
                ),
                width="100%",
                id="home-recent",
            ),
            spacing="4",
            width="100%",
        ),
    )


def home_page() -> rx.Component:
    """The user's hub: quick actions, counts and what needs doing now."""
    return shell(
        rx.vstack(
            rx.heading(t("home.welcome"), " ", AuthState.user_name, size="6", as_="h1"),
            rx.text(t("home.intro"), color="#475569"),
            _quick_actions(),
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
            _hub(),
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
