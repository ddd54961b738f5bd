"""Pages: the accounts list and one account's page (SPEC B1), under Knowledge and products."""

from __future__ import annotations

import reflex as rx

from portal import routes
from portal.components.common import MUTED, add_pages, loading, notice, page_title, scroll_table
from portal.components.i18n import t
from portal.components.layout import products_nav, shell
from portal.components.pager import paging
from portal.state.accounts import AccountsState, AccountState
from portal.state.auth import AuthState


def _table(
    id_: str,
    header_keys: list[str],
    body: rx.Component,
    min_width: str,
    numeric: tuple[str, ...] = (),
) -> rx.Component:
    """A table that scrolls sideways inside its own box when the screen is narrow.

    Headers listed in ``numeric`` are right-aligned, over right-aligned figures.
    """
    headers = [
        rx.table.column_header_cell(t(key), text_align="right") if key in numeric else key
        for key in header_keys
    ]
    return scroll_table(id_, headers, body, min_width=min_width)


def _nowrap(value: rx.Var | rx.Component) -> rx.Component:
    return rx.table.cell(value, style={"white_space": "nowrap"})


def _count(value: rx.Var, color_scheme: str = "orange") -> rx.Component:
    """A count; highlighted when not zero."""
    return rx.cond(
        value.to(int) > 0,
        rx.badge(value, color_scheme=color_scheme, variant="soft"),
        rx.text("0", color=MUTED),
    )


def _account_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.link(
                row["number"],
                href=routes.account_link(row["id"]),
                class_name="account-link",
                weight="medium",
            ),
            style={"white_space": "nowrap"},
        ),
        rx.table.cell(row["name"]),
        rx.table.cell(row["product_count"], text_align="right"),
        rx.table.cell(_count(row["open_tickets"]), text_align="right"),
    )


def accounts_page() -> rx.Component:
    """Knowledge and products → Accounts: the accounts this user may see (SPEC B1)."""
    state = AccountsState
    return shell(
        products_nav("accounts"),
        rx.vstack(
            page_title(
                "account.title",
                rx.text(
                    t("account.intro"),
                    rx.cond(AuthState.is_admin, "", rx.fragment(" ", t("account.intro_scoped"))),
                    color=MUTED,
                ),
            ),
            rx.cond(
                state.loaded & (state.rows.length() == 0),
                notice(t("account.empty"), "accounts-empty"),
                _table(
                    "accounts-table",
                    [
                        "account.col.number",
                        "account.col.name",
                        "account.col.products",
                        "col.open_tickets",
                    ],
                    rx.foreach(state.rows, _account_row),
                    min_width="520px",
                    numeric=("account.col.products", "col.open_tickets"),
                ),
            ),
            spacing="4",
            width="100%",
        ),
        active="products",
    )


def _contract_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            row["contract_number"], style={"white_space": "nowrap", "font_weight": "500"}
        ),
        rx.table.cell(row["service_level"]),
        rx.table.cell(row["response_hours"], text_align="right"),
        rx.table.cell(row["resolution_hours"], text_align="right"),
        _nowrap(rx.text(row["start_date"], " – ", row["end_date"], as_="span")),
        rx.table.cell(
            rx.flex(
                rx.badge(
                    rx.cond(
                        row["status_key"] != "",
                        t(row["status_key"].to(str)),
                        row["status"].to(str),
                    ),
                    variant="soft",
                    color_scheme=rx.cond(row["status"] == "active", "green", "gray"),
                ),
                rx.cond(
                    row["covers_today"].to(bool),
                    rx.hstack(
                        rx.icon("circle-check", size=14, color="#15803d"),
                        rx.text(t("account.covers_today"), size="1"),
                        spacing="1",
                        align="center",
                    ),
                    rx.hstack(
                        rx.icon("circle-minus", size=14, color=MUTED),
                        rx.text(t("account.not_covering"), size="1", color=MUTED),
                        spacing="1",
                        align="center",
                    ),
                ),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
        ),
    )


def _product_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.link(
                row["serial"],
                href=routes.product_link(row["id"]),
                class_name="product-link",
                weight="medium",
            ),
            style={"white_space": "nowrap"},
        ),
        rx.table.cell(row["model"]),
        rx.table.cell(row["alternative_name"]),
        rx.table.cell(row["city"]),
        rx.table.cell(_count(row["open_tickets"]), text_align="right"),
    )


def _ticket_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            row["number"], style={"white_space": "nowrap", "font_weight": "500"}
        ),
        rx.table.cell(t(row["type_key"].to(str))),
        rx.table.cell(
            rx.badge(
                t(row["status_key"].to(str)),
                variant="soft",
                color_scheme=rx.cond(row["open"].to(bool), "blue", "gray"),
            )
        ),
        _nowrap(row["serial"]),
        _nowrap(row["created_on"]),
    )


def _section(title_key: str, *children: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.heading(t(title_key), size="4", as_="h2"),
        *children,
        spacing="3",
        width="100%",
    )


def _paged_section(
    title_key: str,
    empty: rx.Var,
    id_: str,
    total: rx.Var,
    table: rx.Component,
    pager: rx.Component,
) -> rx.Component:
    """A section of the account's products or tickets: a page and its pager, or a notice.

    Args:
        title_key: Message key of the section's title.
        empty: The notice when there is nothing (its id is ``<id_>-empty``).
        id_: The id of the table and the prefix of the pager's ids.
        total: How many there are in all.
        table: The table of the current page.
        pager: Its paging controls.
    """
    return _section(
        title_key,
        rx.cond(
            total == 0,
            notice(empty, f"{id_}-empty"),
            rx.vstack(table, pager, spacing="2", width="100%"),
        ),
    )


def _fact(label_key: str, value: rx.Var, id_: str) -> rx.Component:
    return rx.vstack(
        rx.text(t(label_key), size="1", color=MUTED, weight="medium"),
        rx.text(value, size="3", id=id_),
        spacing="0",
    )


def _account_view() -> rx.Component:
    state = AccountState
    return rx.vstack(
        rx.vstack(
            rx.heading(
                t("account.heading"), " ", state.number, size="6", as_="h1", id="account-number"
            ),
            rx.text(state.name, size="4", color="#1f2933", id="account-name"),
            spacing="1",
            width="100%",
        ),
        rx.flex(
            _fact("account.organisation", state.organisation, "account-organisation"),
            _fact("account.invoice_day", state.invoice_day, "account-invoice-day"),
            spacing="6",
            wrap="wrap",
        ),
        _section(
            "account.contracts_title",
            rx.cond(
                state.contract_lines.length() == 0,
                notice(t("account.contracts_empty"), "contract-lines-empty"),
                _table(
                    "contract-lines",
                    [
                        "account.col.contract_number",
                        "account.col.service_level",
                        "account.col.response",
                        "account.col.resolution",
                        "account.col.period",
                        "col.status",
                    ],
                    rx.foreach(state.contract_lines, _contract_row),
                    min_width="640px",
                    numeric=("account.col.response", "account.col.resolution"),
                ),
            ),
        ),
        _paged_section(
            "account.products_title",
            t("account.products_empty"),
            "account-products",
            state.product_total,
            _table(
                "account-products",
                [
                    "col.serial",
                    "col.product_name",
                    "col.alternative_name",
                    "col.city",
                    "col.open_tickets",
                ],
                rx.foreach(state.products, _product_row),
                min_width="600px",
                numeric=("col.open_tickets",),
            ),
            paging(
                "account-products",
                total=state.product_total,
                page=state.product_page,
                pages=state.product_pages,
                on_prev=state.prev_products,
                on_next=state.next_products,
                only_when_several=True,
            ),
        ),
        _paged_section(
            "account.tickets_title",
            t("account.tickets_empty"),
            "account-tickets",
            state.ticket_total,
            _table(
                "account-tickets",
                ["col.ticket_number", "col.type", "col.status", "col.serial", "col.created"],
                rx.foreach(state.tickets, _ticket_row),
                min_width="600px",
            ),
            paging(
                "account-tickets",
                total=state.ticket_total,
                page=state.ticket_page,
                pages=state.ticket_pages,
                on_prev=state.prev_tickets,
                on_next=state.next_tickets,
                only_when_several=True,
            ),
        ),
        spacing="5",
        width="100%",
    )


def _not_found() -> rx.Component:
    return rx.callout.root(
        rx.callout.icon(rx.icon("search-x")),
        rx.vstack(
            rx.text(t("account.not_found_title"), weight="bold"),
            rx.text(t("account.not_found_text")),
            spacing="1",
        ),
        color_scheme="amber",
        role="alert",
        width="100%",
        id="account-not-found",
    )


def account_page() -> rx.Component:
    """One account: contract lines, products and tickets within the user's scope (SPEC B1)."""
    state = AccountState
    return shell(
        products_nav("accounts"),
        rx.vstack(
            rx.link(
                rx.hstack(
                    rx.icon("arrow-left", size=16),
                    rx.text(t("account.back")),
                    spacing="1",
                    align="center",
                ),
                href=routes.ACCOUNTS,
                size="2",
                id="account-back",
            ),
            rx.cond(
                state.not_found,
                _not_found(),
                rx.cond(
                    state.loaded,
                    _account_view(),
                    loading(width="100%"),
                ),
            ),
            spacing="4",
            width="100%",
        ),
        active="products",
    )


def register(app: rx.App) -> None:
    """Add the accounts list and the account page to the app."""
    add_pages(
        app,
        (
            (accounts_page, routes.ACCOUNTS, AccountsState.load),
            (account_page, routes.ACCOUNT, AccountState.load),
        ),
    )
