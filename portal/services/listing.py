"""Read-only lists behind the main tabs (SPEC A8), scoped by role.

Every list starts from the visibility queries of ``portal.services.scope`` and
filters, counts and pages in the database. Rows are plain dicts of primitives
(dates as ISO strings, enumerations also as message keys) so that states can
hand them to the browser as they are.

Anything that comes from the browser is treated as untrusted: page numbers
are converted and clamped, page sizes are whitelisted, search strings are
stripped and bounded, status filters are whitelisted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from portal.errors import PermissionDenied
from portal.models import (
    Role,
    User,
    UserStatus,
)
from portal.services import scope

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 25
MAX_QUERY_LENGTH = 60
_MAX_PAGE = 1_000_000

USER_STATUSES = tuple(s.value for s in UserStatus)
USER_ADMIN_ROLES = (Role.ADMINISTRATOR, Role.PROVIDER_ADMIN)

_ROLES = [r.value for r in Role]
SYNC_STATUSES = ("synced", "pending", "error")


@dataclass
class Page:
    """One page of a list.

    Attributes:
        rows: The rows of this page, plain dicts of primitives.
        total: How many rows match in all pages.
        page: The page number actually shown (1-based, clamped to the range).
        pages: How many pages there are (at least 1, also for an empty list).
    """

    rows: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 1


def clean_page(page: Any) -> int:
    """A page number from the browser as a positive int (anything else is page 1)."""
    try:
        number = int(page)
    except (TypeError, ValueError, OverflowError):
        return 1
    return min(max(number, 1), _MAX_PAGE)


def clean_page_size(page_size: Any) -> int:
    """A page size from the browser, restricted to ``PAGE_SIZES``."""
    try:
        size = int(page_size)
    except (TypeError, ValueError, OverflowError):
        return DEFAULT_PAGE_SIZE
    return size if size in PAGE_SIZES else DEFAULT_PAGE_SIZE


def clean_query(text: Any, limit: int = MAX_QUERY_LENGTH) -> str:
    """A search string from the browser: stripped, inner whitespace collapsed, bounded."""
    if not isinstance(text, str):
        return ""
    return " ".join(text.split())[:limit]


def _iso(value: datetime | date | None) -> str:
    """The UTC calendar date of a timestamp as ``YYYY-MM-DD`` ('' for none)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value.isoformat()


def _count(session: Session, query: Any) -> int:
    return session.exec(select(sa.func.count()).select_from(query.subquery())).one()


def _paged(session: Session, query: Any, count_query: Any, page: Any, page_size: Any):
    """Count, clamp the page to the range, and fetch that page of ``query``."""
    size = clean_page_size(page_size)
    total = _count(session, count_query)
    pages = max(1, math.ceil(total / size))
    number = min(clean_page(page), pages)
    result = session.exec(query.limit(size).offset((number - 1) * size)).all()
    return result, total, number, pages


# --- Users (SPEC A8) ------------------------------------------------------------


def _users_filter(actor: User | None) -> sa.ColumnElement[bool]:
    """Which users ``actor`` administers: own organisation, or the provider's staff."""
    scope.require_role(actor, *USER_ADMIN_ROLES)
    if actor.has_role(Role.PROVIDER_ADMIN):
        return col(User.organisation_id).is_(None)
    if actor.organisation_id is None:
        raise PermissionDenied(scope.PERMISSION_DENIED)
    return col(User.organisation_id) == actor.organisation_id


def list_users(
    *,
    session: Session,
    actor: User | None,
    status: Any = UserStatus.ACTIVE.value,
    last_name: str = "",
    page: Any = 1,
    page_size: Any = DEFAULT_PAGE_SIZE,
) -> tuple[Page, dict[str, int]]:
    """The users ``actor`` administers with one status, and the counts per status.

    A customer administrator sees the users of their organisation; a provider
    admin the provider's staff (users without organisation).

    Args:
        session: The database session.
        actor: The signed-in user.
        status: One of the ``UserStatus`` values (anything else means active).
        last_name: Part of the last name, case-insensitive; applies to the
            counts as well, so each status tab shows what it would list.
        page: The page wanted (clamped to the existing pages).
        page_size: Rows per page (one of ``PAGE_SIZES``).

    Returns:
        The page (rows with id, first_name, last_name, email, role_keys,
        status, status_key and joined_on) and a dict status → count with every
        status present.

    Raises:
        PermissionDenied: The actor is neither a customer administrator nor a
            provider admin.
    """
    in_scope = _users_filter(actor)
    status = status if status in USER_STATUSES else UserStatus.ACTIVE.value
    conditions = [in_scope]
    name = clean_query(last_name)
    if name:
        conditions.append(col(User.last_name).icontains(name, autoescape=True))

    counts = dict.fromkeys(USER_STATUSES, 0)
    for value, number in session.exec(
        select(col(User.status), sa.func.count(col(User.id)))
        .where(*conditions)
        .group_by(col(User.status))
    ).all():
        if value in counts:
            counts[value] = number

    query = (
        select(User)
        .where(*conditions, col(User.status) == status)
        .order_by(
            sa.func.lower(col(User.last_name)), sa.func.lower(col(User.first_name)), col(User.id)
        )
    )
    result, total, number, pages = _paged(
        session,
        query,
        select(User.id).where(*conditions, col(User.status) == status),
        page,
        page_size,
    )
    rows = [
        {
            "id": user.id,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "role_keys": [f"role.{r}" for r in _ROLES if r in user.role_set],
            "status": user.status,
            "status_key": f"user_status.{user.status}",
            "joined_on": _iso(user.created_at),
        }
        for user in result
    ]
    return Page(rows=rows, total=total, page=number, pages=pages), counts
