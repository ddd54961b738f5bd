"""Journey of the groups page (SPEC B5): an administrator builds a group, its device manager
sees its machines at once, and deleting the group (after confirming) takes them away."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, col, select

from portal.db import make_engine
from portal.models import Account, Location, Organisation, Product, User
from portal.seed import DEMO_ORG_NAME
from portal.services import scope
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e

GROUP = "Planta 3 Barcelona"
CARMEN = "carmen.ruiz@demo.example"


def _barcelona_serials_and_carmens_count(db_url: str) -> tuple[list[str], int]:
    """Two Barcelona machines of the demo customer that Carmen does not see, and her count."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        carmen = session.exec(select(User).where(col(User.email) == CARMEN)).one()
        visible = scope.visible_product_ids_subquery(carmen)
        serials = session.exec(
            select(Product.serial)
            .join(Location, col(Location.id) == col(Product.location_id))
            .join(Account, col(Account.id) == col(Product.account_id))
            .join(Organisation, col(Organisation.id) == col(Account.organisation_id))
            .where(
                col(Organisation.name) == DEMO_ORG_NAME,
                col(Location.city) == "Barcelona",
                col(Product.id).not_in(visible),
            )
            .order_by(col(Product.serial))
            .limit(2)
        ).all()
        count = scope.count_visible_products(session=session, actor=carmen)
    engine.dispose()
    return list(serials), count


def _logout(page) -> None:
    page.locator("#user-menu").click()
    page.locator("#logout").click()
    page.wait_for_url(re.compile(r".*/login"))


def _expect_product_count(page, count: int) -> None:
    """The product list says it holds ``count`` machines (waiting for the load)."""
    page.goto("/products")
    expect(page.locator("#products-total")).to_have_text(re.compile(rf"^{count}\b"))


def test_a_group_gives_its_device_manager_its_machines_until_it_is_deleted(page, portal_app):
    serials, carmen_before = _barcelona_serials_and_carmens_count(portal_app.db_url)
    assert len(serials) == 2

    login(page, "admin@demo.example")
    page.goto("/admin/groups")
    expect(page.locator("#section-groups")).to_have_attribute("aria-current", "page")
    expect(page.locator("#group-list .group-item").first).to_be_visible()

    # Step one: the name (a name already used is refused, case-insensitively).
    page.locator("#new-group-name").fill("sede madrid")
    page.locator("#create-group").click()
    expect(page.locator(".field-error")).to_have_text("Ya existe un grupo con ese nombre.")
    page.locator("#new-group-name").fill(GROUP)
    page.locator("#create-group").click()

    # Step two: the new group's detail with the pickers.
    expect(page.locator("#group-name")).to_have_text(GROUP)
    expect(page.locator("#group-next-step")).to_be_visible()
    expect(page.locator("#new-group-name")).to_have_value("")
    expect(page.locator(".group-item", has_text=GROUP)).to_be_visible()
    expect(page.locator("#group-products-empty")).to_be_visible()

    for serial in serials:
        page.locator("#group-product-search").fill(serial)
        page.locator("#group-product-search-submit").click()
        add = page.locator(f'.add-product[data-serial="{serial}"]')
        expect(add).to_be_visible()
        add.click()
        expect(page.locator("#group-products")).to_contain_text(serial)
    expect(page.locator("#group-products .remove-product")).to_have_count(2)

    page.locator("#group-user-search").fill("Ruiz")
    page.locator("#group-user-search-submit").click()
    page.locator(f'.add-user[data-email="{CARMEN}"]').click()
    expect(page.locator("#group-users")).to_contain_text(CARMEN)
    expect(page.locator(".group-item", has_text=GROUP)).to_contain_text("Equipos: 2 · Usuarios: 1")

    screenshot(page, "groups-desktop")
    page.set_viewport_size({"width": 768, "height": 1024})
    # Let the stacked layout settle and paint before the full-page screenshot.
    page.locator("#group-users").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "groups-tablet")
    page.set_viewport_size({"width": 1280, "height": 800})
    _logout(page)

    # Carmen sees the two machines at once.
    login(page, CARMEN)
    _expect_product_count(page, carmen_before + 2)
    for serial in serials:
        page.locator("#product-serial-search").fill(serial)
        page.locator("#product-serial-search-submit").click()
        expect(page.locator("#products-table")).to_contain_text(serial)
    page.locator("#product-serial-search-clear").click()
    expect(page.locator("#products-total")).to_have_text(str(carmen_before + 2))
    expect(page.locator("#tab-admin")).to_have_count(0)
    page.goto("/admin/groups")
    expect(page.locator("#group-error")).to_be_visible()
    expect(page.locator("#group-list")).to_have_count(0)
    _logout(page)

    # Deleting the group asks first; cancelling keeps it.
    login(page, "admin@demo.example")
    page.goto("/admin/groups")
    page.locator(".group-item", has_text=GROUP).click()
    expect(page.locator("#group-name")).to_have_text(GROUP)
    page.locator("#delete-group").click()
    page.locator("#cancel-delete-group").click()
    expect(page.locator("#confirm-delete-group")).to_have_count(0)
    expect(page.locator(".group-item", has_text=GROUP)).to_be_visible()
    page.locator("#delete-group").click()
    page.locator("#confirm-delete-group").click()
    expect(page.locator("#group-notice")).to_have_text("Grupo eliminado.")
    expect(page.locator(".group-item", has_text=GROUP)).to_have_count(0)
    expect(page.locator("#group-select-hint")).to_be_visible()
    _logout(page)

    login(page, CARMEN)
    _expect_product_count(page, carmen_before)
