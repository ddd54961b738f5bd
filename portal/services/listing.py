"""What every paged list shares: the page of rows, and cleaning what the browser sends.

Anything that comes from the browser is treated as untrusted: page numbers
are converted and clamped, page sizes are whitelisted, search strings are
stripped and bounded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 25
MAX_QUERY_LENGTH = 60
_MAX_PAGE = 1_000_000

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


def clean_page_size(
    page_size: Any, *, sizes: tuple[int, ...] = PAGE_SIZES, default: int = DEFAULT_PAGE_SIZE
) -> int:
    """A page size from the browser, restricted to ``sizes`` (anything else is ``default``)."""
    try:
        size = int(page_size)
    except (TypeError, ValueError, OverflowError):
        return default
    return size if size in sizes else default


def page_bounds(total: int, page: Any, size: int) -> tuple[int, int]:
    """The page to show for ``page`` from the browser (clamped to the range), and the page count.

    Args:
        total: How many rows match in all pages.
        page: The page wanted, as the browser sent it.
        size: Rows per page (already cleaned).

    Returns:
        ``(number, pages)``: the 1-based page number and how many pages there
        are (at least 1, also for an empty list).
    """
    pages = max(1, math.ceil(total / size))
    return min(clean_page(page), pages), pages


def fetch_page(
    session: Session, query: Any, page: Any, size: int, *, count_query: Any = None
) -> tuple[list[Any], int, int, int]:
    """Count the matching rows, clamp ``page`` to the range and fetch that page of ``query``.

    Args:
        session: The database session.
        query: The ordered select whose rows are listed.
        page: The page wanted, as the browser sent it.
        size: Rows per page (already cleaned).
        count_query: A select with one row per listed row, cheaper to count;
            ``query`` itself by default.

    Returns:
        ``(rows, total, number, pages)``.
    """
    counted = query if count_query is None else count_query
    total = session.exec(select(sa.func.count()).select_from(counted.subquery())).one()
    number, pages = page_bounds(total, page, size)
    rows = session.exec(query.limit(size).offset((number - 1) * size)).all()
    return list(rows), total, number, pages


def clean_query(text: Any, limit: int = MAX_QUERY_LENGTH) -> str:
    """A search string from the browser: stripped, inner whitespace collapsed, bounded."""
    if not isinstance(text, str):
        return ""
    return " ".join(text.split())[:limit]
