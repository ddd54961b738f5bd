"""What every paged list shares: the page of rows, and cleaning what the browser sends.

Anything that comes from the browser is treated as untrusted: page numbers
are converted and clamped, page sizes are whitelisted, search strings are
stripped and bounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
