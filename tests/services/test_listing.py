"""The list helpers every paged list shares, and the keys lists produce."""

from __future__ import annotations

from portal.i18n.tab_messages import TAB_MESSAGES
from portal.models import (
    Role,
    TicketStatus,
    TicketType,
    UserStatus,
)
from portal.services import listing


def test_clean_helpers_bound_browser_input():
    assert listing.clean_page("7") == 7
    assert listing.clean_page(None) == 1
    assert listing.clean_page(10**30) == 1_000_000
    assert listing.clean_page_size(1000) == listing.DEFAULT_PAGE_SIZE
    assert listing.clean_page_size("50") == 50
    assert listing.clean_query(["x"]) == ""
    assert listing.clean_query("  a   b ") == "a b"
    assert len(listing.clean_query("x" * 500)) == listing.MAX_QUERY_LENGTH


def test_every_key_the_lists_produce_is_translated():
    keys = [f"ticket_type.{v}" for v in TicketType]
    keys += [f"ticket_status.{v}" for v in TicketStatus]
    keys += [f"role.{v}" for v in Role]
    keys += [f"user_status.{v}" for v in UserStatus]
    keys += [f"sync_status.{v}" for v in listing.SYNC_STATUSES]
    for key in keys:
        assert set(TAB_MESSAGES[key]) == {"es", "en", "de"}, key
    for key, texts in TAB_MESSAGES.items():
        assert all(texts[lang].strip() for lang in ("es", "en", "de")), key
