"""The customer's accounts and one account's page (SPEC B1), scoped by role.

What a user sees of an account follows ``portal.services.scope``: an
administrator sees every account of the organisation with all its products; a
device or stock manager sees only the accounts of their own products, and on
them only those products and their tickets; provider agents see everything; a
knowledge user sees no account. Counts are computed in the database, within
the same scope, so a device manager never learns how many other machines an
account holds.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from portal import clock
from portal.models import (
    OPEN_TICKET_STATUSES,
    Account,
    ContractLine,
    Location,
    Organisation,
    Product,
    ProductModel,
    ServiceLevel,
    Ticket,
    TicketType,
    User,
)
from portal.services import scope
from portal.services.common import day_text, hours_text
from portal.services.listing import Page, fetch_page

PAGE_SIZE = 25
CONTRACT_STATUSES = ("active", "expired")

_OPEN = [s.value for s in OPEN_TICKET_STATUSES]
_TICKET_TYPES = {t.value for t in TicketType}


def _page_of(session: Session, query: Any, ids: Any, page: Any) -> tuple[list[Any], int, int, int]:
    """Count ``ids``, clamp ``page`` to the range and fetch that page of ``query``."""
    return fetch_page(session, query, page, PAGE_SIZE, count_query=ids)


def list_accounts(*, session: Session, actor: User | None) -> list[dict[str, Any]]:
    """The accounts ``actor`` may see, by account number, with counts within their scope.

    Args:
        session: The database session.
        actor: The signed-in user.

    Returns:
        Rows with id, number, name, product_count (the products of the
        account the actor sees) and open_tickets (open tickets of those
        products). Empty for a knowledge user.

    Raises:
        PermissionDenied: The actor is not an active user.
    """
    scope.require_active(actor)
    accounts = scope.visible_accounts_query(actor).subquery("visible_account")
    visible_ids = scope.visible_product_ids_subquery(actor)
    product_count = (
        select(sa.func.count(col(Product.id)))
        .where(col(Product.account_id) == accounts.c.id, col(Product.id).in_(visible_ids))
        .correlate(accounts)
        .scalar_subquery()
    )
    open_tickets = (
        select(sa.func.count(col(Ticket.id)))
        .join(Product, col(Product.id) == col(Ticket.product_id))
        .where(
            col(Product.account_id) == accounts.c.id,
            col(Product.id).in_(visible_ids),
            col(Ticket.status).in_(_OPEN),
        )
        .correlate(accounts)
        .scalar_subquery()
    )
    query = select(
        accounts.c.id, accounts.c.number, accounts.c.name, product_count, open_tickets
    ).order_by(accounts.c.number, accounts.c.id)
    return [
        {
            "id": aid,
            "number": number,
            "name": name,
            "product_count": int(products or 0),
            "open_tickets": int(tickets or 0),
        }
        for aid, number, name, products, tickets in session.exec(query).all()
    ]


def contract_lines(
    *, session: Session, account: Account, now: datetime | None = None
) -> list[dict[str, Any]]:
    """The contract lines of an account the caller has already loaded through the scope.

    Returns:
        Rows with id, contract_number, service_level, response_hours,
        resolution_hours (as short strings), start_date, end_date (ISO),
        status (as stored), status_key ('' for a status without translation)
        and covers_today (the UTC date lies between start and end).
    """
    today = (now or clock.now()).date()
    query = (
        select(ContractLine, ServiceLevel)
        .join(ServiceLevel, col(ServiceLevel.id) == col(ContractLine.service_level_id))
        .where(col(ContractLine.account_id) == account.id)
        .order_by(col(ContractLine.end_date).desc(), col(ContractLine.contract_number))
    )
    return [
        {
            "id": line.id,
            "contract_number": line.contract_number,
            "service_level": level.name,
            "response_hours": hours_text(level.response_hours),
            "resolution_hours": hours_text(level.resolution_hours),
            "start_date": day_text(line.start_date),
            "end_date": day_text(line.end_date),
            "status": line.status,
            "status_key": (
                f"account.contract_status.{line.status}" if line.status in CONTRACT_STATUSES else ""
            ),
            "covers_today": line.start_date <= today <= line.end_date,
        }
        for line, level in session.exec(query).all()
    ]


def account_products(
    *, session: Session, actor: User | None, account_id: Any, page: Any = 1
) -> Page:
    """The products of one account that ``actor`` sees, by serial number, 25 per page.

    Args:
        session: The database session.
        actor: The signed-in user.
        account_id: The account's id, as the browser sent it.
        page: The page wanted (clamped to the existing pages).

    Returns:
        A page of rows with id, serial, model, alternative_name, city and
        open_tickets.

    Raises:
        NotFound: The account does not exist or is outside the actor's scope.
    """
    account = scope.get_visible_account(session=session, actor=actor, account_id=account_id)
    return _products_page(session, actor, account, page)


def _products_page(session: Session, actor: User | None, account: Account, page: Any) -> Page:
    products = (
        scope.visible_products_query(actor)
        .where(col(Product.account_id) == account.id)
        .subquery("account_product")
    )
    open_tickets = (
        select(sa.func.count(col(Ticket.id)))
        .where(col(Ticket.product_id) == products.c.id, col(Ticket.status).in_(_OPEN))
        .correlate(products)
        .scalar_subquery()
    )
    query = (
        select(
            products.c.id,
            products.c.serial,
            col(ProductModel.name),
            products.c.alternative_name,
            col(Location.city),
            open_tickets,
        )
        .select_from(products)
        .join(ProductModel, col(ProductModel.id) == products.c.model_id)
        .join(Location, col(Location.id) == products.c.location_id)
        .order_by(products.c.serial_key, products.c.id)
    )
    result, total, number, pages = _page_of(session, query, select(products.c.id), page)
    rows = [
        {
            "id": pid,
            "serial": serial,
            "model": model,
            "alternative_name": alternative_name,
            "city": city,
            "open_tickets": int(open_count or 0),
        }
        for pid, serial, model, alternative_name, city, open_count in result
    ]
    return Page(rows=rows, total=total, page=number, pages=pages)


def account_tickets(
    *, session: Session, actor: User | None, account_id: Any, page: Any = 1
) -> Page:
    """The tickets of one account's products that ``actor`` sees: open first, then newest.

    Args:
        session: The database session.
        actor: The signed-in user.
        account_id: The account's id, as the browser sent it.
        page: The page wanted (clamped to the existing pages).

    Returns:
        A page of rows with id, number, type_key, status, status_key, open,
        serial and created_on.

    Raises:
        NotFound: The account does not exist or is outside the actor's scope.
    """
    account = scope.get_visible_account(session=session, actor=actor, account_id=account_id)
    return _tickets_page(session, actor, account, page)


def _tickets_page(session: Session, actor: User | None, account: Account, page: Any) -> Page:
    visible = scope.visible_product_ids_subquery(actor).where(col(Product.account_id) == account.id)
    is_open = sa.case((col(Ticket.status).in_(_OPEN), 0), else_=1)
    query = (
        select(
            col(Ticket.id),
            col(Ticket.number),
            col(Ticket.ticket_type),
            col(Ticket.status),
            col(Ticket.created_at),
            col(Product.serial),
        )
        .join(Product, col(Product.id) == col(Ticket.product_id))
        .where(col(Ticket.product_id).in_(visible))
        .order_by(is_open, col(Ticket.created_at).desc(), col(Ticket.id).desc())
    )
    ids = select(Ticket.id).where(col(Ticket.product_id).in_(visible))
    result, total, number, pages = _page_of(session, query, ids, page)
    rows = [
        {
            "id": tid,
            "number": num,
            "type_key": (
                f"ticket_type.{ticket_type}"
                if ticket_type in _TICKET_TYPES
                else f"ticket_type.{TicketType.OTHER.value}"
            ),
            "status": status,
            "status_key": f"ticket_status.{status}",
            "open": status in _OPEN,
            "serial": serial,
            "created_on": day_text(created),
        }
        for tid, num, ticket_type, status, created, serial in result
    ]
    return Page(rows=rows, total=total, page=number, pages=pages)


def account_detail(
    *,
    session: Session,
    actor: User | None,
    account_id: Any,
    product_page: Any = 1,
    ticket_page: Any = 1,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Everything the account page shows, for an account ``actor`` may see.

    Args:
        session: The database session.
        actor: The signed-in user.
        account_id: The account's id, as the browser sent it.
        product_page: The page of the account's products.
        ticket_page: The page of the account's tickets.
        now: The time that decides which contract lines cover today.

    Returns:
        A dict with id, number, name, organisation, invoice_day,
        contract_lines (see ``contract_lines``), products and tickets (each a
        ``Page``, see ``account_products`` and ``account_tickets``).

    Raises:
        NotFound: The account does not exist or is outside the actor's scope
            (the two cases look the same on purpose).
    """
    account = scope.get_visible_account(session=session, actor=actor, account_id=account_id)
    organisation = session.get(Organisation, account.organisation_id)
    return {
        "id": account.id,
        "number": account.number,
        "name": account.name,
        "organisation": organisation.name if organisation is not None else "",
        "invoice_day": account.invoice_day,
        "contract_lines": contract_lines(session=session, account=account, now=now),
        "products": _products_page(session, actor, account, product_page),
        "tickets": _tickets_page(session, actor, account, ticket_page),
    }
