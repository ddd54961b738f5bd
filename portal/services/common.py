"""Small helpers several services share: text and ids from the browser, names and times to show.

Nothing here decides who may see or do what; that stays in ``scope`` and in
each service.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlmodel import Session, col, select

from portal.errors import NotFound
from portal.models import (
    Account,
    GroupProduct,
    GroupUser,
    Location,
    Product,
    ProductModel,
    Role,
    User,
    UserProduct,
    UserStatus,
    serial_key,
)
from portal.services import scope
from portal.services.listing import clean_query

PICKER_MAX = 50

REQUIRED = "error.required"
TOO_LONG = "error.too_long"

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_line(value: Any) -> str:
    """One line of text: control characters dropped, whitespace collapsed ('' for a non-string)."""
    if not isinstance(value, str):
        return ""
    return " ".join(_CONTROL_RE.sub("", value).split())


def clean_block(value: Any) -> str:
    """Free text: control characters dropped (line breaks kept), trimmed ('' for a non-string)."""
    if not isinstance(value, str):
        return ""
    return _CONTROL_RE.sub("", value.replace("\r\n", "\n")).strip()


def check_text(
    errors: dict[str, str], name: str, value: str, limit: int, *, required: bool
) -> None:
    """Record in ``errors`` under ``name`` when ``value`` is missing (if required) or too long."""
    if required and not value:
        errors[name] = REQUIRED
    elif len(value) > limit:
        errors[name] = TOO_LONG


def display_name(user: User | None) -> str:
    """How a user is shown in lists and histories: the full name, else the e-mail ('' for none)."""
    if user is None:
        return ""
    return user.full_name or user.email


def stamp(value: datetime | None) -> str:
    """A timestamp as ``YYYY-MM-DD HH:MM`` (as stored, UTC), '' for none."""
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""


def day_text(value: date | datetime | None) -> str:
    """A date (or the date of a timestamp) as ``YYYY-MM-DD``, '' for none."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value.isoformat()


def hours_text(value: float | None) -> str:
    """A number of hours as text: 4.0 → "4", 2.5 → "2.5"; '' for none."""
    return "" if value is None else f"{value:g}"


def local_stamp(value: datetime | None, zone: ZoneInfo) -> str:
    """A timestamp as ``YYYY-MM-DD HH:MM`` in the time zone ``zone``, '' for none."""
    if value is None:
        return ""
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def require_all_found(session: Session, query: Any, id_column: Any, ids: list[int]) -> None:
    """Check that ``query`` (a select of ``id_column``) finds every one of ``ids``.

    Raises:
        NotFound: Any id is missing from what ``query`` selects.
    """
    found = set(session.exec(query.where(id_column.in_(ids))).all())
    if found != set(ids):
        raise NotFound(scope.NOT_FOUND)


def has_role_condition(role: str) -> sa.ColumnElement[bool]:
    """Whether ``User.roles`` (comma-separated) contains ``role`` as a whole item, in SQL."""
    padded = sa.literal(",") + col(User.roles) + sa.literal(",")
    return padded.contains(f",{role},", autoescape=True)


def organisation_of_product(session: Session, product_id: int) -> int | None:
    """The id of the organisation whose account holds the product (None if there is none)."""
    return session.exec(
        select(Account.organisation_id)
        .join(Product, col(Product.account_id) == col(Account.id))
        .where(col(Product.id) == product_id)
    ).first()


def pick_products(
    session: Session, actor: User | None, query: Any, limit: int
) -> list[tuple[Product, ProductModel, Location]]:
    """Active products in the actor's scope whose serial contains ``query``, for a form's picker.

    Args:
        session: The database session.
        actor: The user filling in the form (already authorised by the caller).
        query: Part of a serial number as typed (spaces and case do not matter).
        limit: How many products at most (kept between 1 and ``PICKER_MAX``).

    Returns:
        ``(product, model, location)`` triples, by serial.
    """
    key = serial_key(clean_query(query))
    statement = (
        select(Product, ProductModel, Location)
        .join(ProductModel, col(ProductModel.id) == col(Product.model_id))
        .join(Location, col(Location.id) == col(Product.location_id))
        .where(
            col(Product.id).in_(scope.visible_product_ids_subquery(actor)),
            col(Product.status) == "active",
        )
        .order_by(col(Product.serial))
        .limit(max(1, min(int(limit), PICKER_MAX)))
    )
    if key:
        statement = statement.where(col(Product.serial_key).contains(key, autoescape=True))
    return list(session.exec(statement).all())


def picked_product(
    session: Session, actor: User | None, product_id: Any
) -> tuple[Product, ProductModel, Location]:
    """One product of a picker, loaded through the actor's scope, with its model and location.

    Raises:
        NotFound: The product is outside the actor's scope.
    """
    product = scope.get_visible_product(session=session, actor=actor, product_id=product_id)
    model = session.get(ProductModel, product.model_id)
    location = session.get(Location, product.location_id)
    return product, model, location


def status_step(
    when: datetime | None, who: User | None, key_prefix: str, from_status: str, to_status: str
) -> dict[str, str]:
    """One row of a status history: date, who, from/to status and their message keys.

    Args:
        when: When the status changed.
        who: Who changed it (None for the system or a removed user).
        key_prefix: The message key prefix of the statuses, e.g. ``"order.status."``.
        from_status: The status before ('' for the creation).
        to_status: The status after.
    """
    return {
        "date": stamp(when),
        "who": display_name(who),
        "from_status": from_status,
        "from_key": f"{key_prefix}{from_status}" if from_status else "",
        "to_status": to_status,
        "to_key": f"{key_prefix}{to_status}" if to_status else "",
    }


def responsible_for(*, session: Session, product: Product, role: str) -> list[User]:
    """Who is told about ``product``: the active users of its organisation holding ``role``
    who have it in scope (assigned directly or through a group); when there are none, the
    organisation's active administrators."""
    account = session.get(Account, product.account_id)
    if account is None:
        return []
    direct = select(UserProduct.user_id).where(col(UserProduct.product_id) == product.id)
    via_group = (
        select(GroupUser.user_id)
        .join(GroupProduct, col(GroupProduct.group_id) == col(GroupUser.group_id))
        .where(col(GroupProduct.product_id) == product.id)
    )
    colleagues = session.exec(
        select(User)
        .where(
            col(User.organisation_id) == account.organisation_id,
            col(User.status) == UserStatus.ACTIVE.value,
        )
        .order_by(col(User.id))
    ).all()
    in_scope = set(session.exec(direct).all()) | set(session.exec(via_group).all())
    holders = [u for u in colleagues if u.has_role(role) and u.id in in_scope]
    return holders or [u for u in colleagues if u.has_role(Role.ADMINISTRATOR)]
