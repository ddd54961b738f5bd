"""Lists behind the main tabs (SPEC A8, C7): scope, search, paging, counts."""

from __future__ import annotations

import pytest

from portal.errors import PermissionDenied
from portal.i18n.tab_messages import TAB_MESSAGES
from portal.models import (
    Role,
    TicketStatus,
    TicketType,
    UserStatus,
)
from portal.services import listing
from tests.factories import (
    make_account,
    make_org,
    make_product,
    make_user,
)


@pytest.fixture
def fleet(session):
    """Org A (two accounts, four products) and org B (one product)."""
    org_a = make_org(session, "Org A")
    acc_1 = make_account(session, org_a)
    acc_2 = make_account(session, org_a)
    products = [
        make_product(session, account=acc_1, serial="AB 100-x"),
        make_product(session, account=acc_1, serial="AB200"),
        make_product(session, account=acc_2, serial="CD300", city="Sevilla"),
        make_product(session, account=acc_2, serial="CD400"),
    ]
    org_b = make_org(session, "Org B")
    other = make_product(session, org_b, serial="ZZ900")
    session.commit()
    return {"org_a": org_a, "org_b": org_b, "products": products, "other": other}


def test_users_list_own_organisation_with_counts_per_status(session, fleet):
    admin = make_user(session, fleet["org_a"], last_name="Alba")
    make_user(session, fleet["org_a"], role=Role.DEVICE_MANAGER, last_name="Bravo")
    make_user(session, fleet["org_a"], status=UserStatus.PENDING, last_name="Castro")
    make_user(session, fleet["org_a"], status=UserStatus.PENDING, last_name="Cortés")
    make_user(session, fleet["org_a"], status=UserStatus.REJECTED, last_name="Díaz")
    make_user(session, fleet["org_b"], last_name="Outsider")
    make_user(session, role=Role.AGENT, last_name="Agent")
    session.commit()

    page, counts = listing.list_users(session=session, actor=admin)
    pending, _ = listing.list_users(session=session, actor=admin, status="pending")

    assert [r["last_name"] for r in page.rows] == ["Alba", "Bravo"]
    assert counts == {"active": 2, "pending": 2, "inactive": 0, "rejected": 1}
    assert [r["last_name"] for r in pending.rows] == ["Castro", "Cortés"]
    bravo = page.rows[1]
    assert bravo["role_keys"] == ["role.device_manager"]
    assert bravo["status_key"] == "user_status.active"
    assert len(bravo["joined_on"]) == 10
    assert "password_hash" not in bravo


def test_users_search_by_last_name_and_status_whitelist(session, fleet):
    admin = make_user(session, fleet["org_a"], last_name="Alba")
    make_user(session, fleet["org_a"], last_name="Castro")
    make_user(session, fleet["org_a"], status=UserStatus.PENDING, last_name="Castillo")
    make_user(session, fleet["org_a"], last_name="Lancaster")
    session.commit()

    page, counts = listing.list_users(session=session, actor=admin, last_name="  cAsT ")
    tricked, _ = listing.list_users(session=session, actor=admin, status="'; drop table user")
    wildcard, _ = listing.list_users(session=session, actor=admin, last_name="%")

    assert [r["last_name"] for r in page.rows] == ["Castro", "Lancaster"]
    assert counts == {"active": 2, "pending": 1, "inactive": 0, "rejected": 0}
    assert {r["status"] for r in tricked.rows} == {"active"}
    assert wildcard.rows == []


def test_provider_admin_sees_provider_staff(session, fleet):
    boss = make_user(session, role=Role.PROVIDER_ADMIN, last_name="Boss")
    make_user(session, role=Role.AGENT, last_name="Agent")
    make_user(session, fleet["org_a"], last_name="Customer")
    session.commit()

    page, counts = listing.list_users(session=session, actor=boss)

    assert [r["last_name"] for r in page.rows] == ["Agent", "Boss"]
    assert counts["active"] == 2


@pytest.mark.parametrize(
    "role", [Role.DEVICE_MANAGER, Role.STOCK_MANAGER, Role.KNOWLEDGE_USER, Role.AGENT]
)
def test_non_administrators_may_not_list_users(session, fleet, role):
    user = make_user(session, fleet["org_a"], role=role)
    session.commit()

    with pytest.raises(PermissionDenied):
        listing.list_users(session=session, actor=user)


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
    keys += [f"users.tab.{v}" for v in UserStatus]
    keys += [f"sync_status.{v}" for v in listing.SYNC_STATUSES]
    for key in keys:
        assert set(TAB_MESSAGES[key]) == {"es", "en", "de"}, key
    for key, texts in TAB_MESSAGES.items():
        assert all(texts[lang].strip() for lang in ("es", "en", "de")), key
