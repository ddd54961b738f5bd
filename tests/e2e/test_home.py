"""The home page as the hub (SPEC B2 start page, X3): each role gets its quick actions and the
short lists of what needs doing now, as the database has them, and they lead somewhere."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, col, select

from portal.db import make_engine
from portal.models import User
from portal.services import home
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e


def _hub(db_url: str, email: str) -> dict:
    engine = make_engine(db_url)
    with Session(engine) as session:
        user = session.exec(select(User).where(col(User.email) == email)).one()
        hub = home.home_hub(session=session, actor=user)
    engine.dispose()
    return hub


def _expect_actions(page, actions: list[str]) -> None:
    for key in home.ACTIONS:
        expect(page.locator(f"#home-action-{key}")).to_have_count(1 if key in actions else 0)


def test_the_administrator_starts_from_what_needs_doing(page, portal_app):
    hub = _hub(portal_app.db_url, "admin@demo.example")
    assert hub["near_deadline"]["rows"] and hub["readings_due"]["rows"]

    login(page, "admin@demo.example", language="en")

    _expect_actions(page, ["ticket", "readings", "move", "order", "knowledge"])
    expect(page.locator("#home-near-deadline-count")).to_have_text(
        str(hub["near_deadline"]["count"])
    )
    expect(page.locator("#home-readings-due-count")).to_have_text(str(hub["readings_due"]["count"]))
    expect(page.locator("#home-low-toner-count")).to_have_text(str(hub["low_toner"]["count"]))
    expect(page.locator("#home-not-reporting-count")).to_have_text(
        str(hub["not_reporting"]["count"])
    )
    expect(page.locator(".home-recent-row")).to_have_count(len(hub["recent"]))
    screenshot(page, "home-admin")
    page.set_viewport_size({"width": 768, "height": 1024})
    page.wait_for_timeout(300)
    screenshot(page, "home-admin-tablet")
    page.set_viewport_size({"width": 1280, "height": 800})

    first = hub["near_deadline"]["rows"][0]
    page.locator("#home-near-deadline").get_by_role("link", name=first["number"]).click()
    expect(page).to_have_url(f"{portal_app.url}{first['href']}")
    expect(page.get_by_text(first["number"]).first).to_be_visible()

    page.go_back()
    serial = hub["readings_due"]["rows"][0]["serial"]
    page.locator("#home-readings-due").get_by_role("link", name=serial).click()
    expect(page.locator("#product-serial")).to_have_text(serial)


def test_a_device_manager_gets_the_hub_of_their_machines(page, portal_app):
    manager = _hub(portal_app.db_url, "manager@demo.example")
    login(page, "manager@demo.example", language="en")
    _expect_actions(page, manager["actions"])
    assert "order" not in manager["actions"]
    expect(page.locator("#home-low-toner")).to_have_count(0)
    expect(page.locator("#home-near-deadline-count")).to_have_text(
        str(manager["near_deadline"]["count"])
    )
    page.locator("#home-action-ticket").click()
    expect(page).to_have_url(f"{portal_app.url}/service/new")


def test_an_agent_starts_from_the_desk(page, portal_app):
    agent = _hub(portal_app.db_url, "agent@demo.example")
    login(page, "agent@demo.example", language="en")
    _expect_actions(page, agent["actions"])
    expect(page.locator("#home-near-deadline-count")).to_have_text(
        str(agent["near_deadline"]["count"])
    )
    if agent["near_deadline"]["rows"]:
        assert agent["near_deadline"]["rows"][0]["href"].startswith("/desk/tickets/")
    screenshot(page, "home-agent")
