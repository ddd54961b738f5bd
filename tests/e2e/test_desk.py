"""Journey of the agents' desk (SPEC F3, C3): an agent picks a device manager's ticket from
the queue, assigns it, reports an onsite resolution and closes it; the customer is
e-mailed (real SMTP), opens the closed ticket, reads the engineer's review and rates it."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, col, select

from portal.db import make_engine
from portal.models import (
    Account,
    CounterType,
    MeterReading,
    Organisation,
    Product,
    Ticket,
    User,
)
from portal.services import ticket_clock
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e

MANAGER = "manager@demo.example"
AGENT = "agent@demo.example"
MADRID = ZoneInfo("Europe/Madrid")


def _ticket_to_work(db_url: str) -> dict:
    """A New (else Assigned) ticket raised by the device manager, with what the form needs.

    Not one raised in the last half hour (by another journey): the visit this
    journey records starts after the ticket was raised and ends before now.
    """
    engine = make_engine(db_url)
    raised_before = datetime.now(UTC) - timedelta(minutes=30)
    with Session(engine) as session:
        manager = session.exec(select(User).where(col(User.email) == MANAGER)).one()
        # Mails go out in the recipient's language; an earlier journey may have
        # logged the manager in with English, and this one reads Spanish mail.
        manager.language = "es"
        session.add(manager)
        session.commit()
        session.refresh(manager)
        ticket = None
        for status in ("new", "assigned"):
            ticket = session.exec(
                select(Ticket)
                .where(
                    col(Ticket.created_by_id) == manager.id,
                    col(Ticket.status) == status,
                    col(Ticket.created_at) < raised_before,
                )
                .order_by(col(Ticket.created_at).desc())
            ).first()
            if ticket is not None:
                break
        assert ticket is not None, "the demo data has no open ticket of manager@demo.example"
        product = session.get(Product, ticket.product_id)
        organisation = session.exec(
            select(Organisation)
            .join(Account, col(Account.organisation_id) == col(Organisation.id))
            .where(col(Account.id) == product.account_id)
        ).one()
        codes = session.exec(
            select(CounterType.code)
            .where(col(CounterType.model_id) == product.model_id)
            .order_by(col(CounterType.position))
        ).all()
        reading = session.exec(
            select(MeterReading)
            .where(col(MeterReading.product_id) == product.id)
            .order_by(col(MeterReading.read_on).desc())
        ).first()
        last = dict(reading.values) if reading is not None else {}
        calendar = ticket_clock.calendar_for(session, ticket) or ticket_clock.DEFAULT_CALENDAR
        info = {
            "id": ticket.id,
            "number": ticket.number,
            "status": ticket.status,
            "type": ticket.ticket_type,
            "created_at": ticket.created_at,
            "organisation_id": organisation.id,
            "counters": {code: int(last.get(code, 1000)) + 150 for code in codes},
            "zone": calendar.zone,
        }
    engine.dispose()
    return info


def _logout(page) -> None:
    page.locator("#user-menu").click()
    page.locator("#logout").click()
    page.wait_for_url(re.compile(r".*/login"))


def _local(moment: datetime, zone) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%dT%H:%M")


def test_an_agent_resolves_and_closes_a_ticket_and_the_customer_rates_it(page, portal_app, mailbox):
    work = _ticket_to_work(portal_app.db_url)
    number = work["number"]

    # The agent's Service tab is the desk.
    login(page, AGENT)
    page.locator("#tab-service").click()
    page.wait_for_url(re.compile(r".*/desk$"))
    expect(page.locator("#section-queue")).to_have_attribute("aria-current", "page")
    expect(page.locator("#desk-queue .desk-ticket-link").first).to_be_visible()
    screenshot(page, "desk-desktop")
    page.set_viewport_size({"width": 768, "height": 1024})
    page.wait_for_timeout(500)
    screenshot(page, "desk-tablet")
    page.set_viewport_size({"width": 1280, "height": 800})

    # Narrow the queue to the ticket's customer, status and type.
    page.locator("#desk-filter-status").select_option(work["status"])
    page.locator("#desk-filter-customer").select_option(str(work["organisation_id"]))
    page.locator("#desk-filter-type").select_option(work["type"])
    page.locator("#desk-filter-apply").click()
    link = page.locator("#desk-queue .desk-ticket-link", has_text=number)
    expect(link).to_be_visible()
    expect(page.locator("#desk-queue tbody tr")).not_to_have_count(0)
    link.click()
    page.wait_for_url(re.compile(rf".*/desk/tickets/{work['id']}$"))
    expect(page.locator("#desk-ticket-number")).to_contain_text(number)
    expect(page.locator("#desk-ticket-light")).to_be_visible()

    # Assign it to me.
    page.locator("#desk-assign").click()
    expect(page.locator("#desk-assigned-to-me")).to_be_visible()
    expect(page.locator("#desk-ticket-status")).to_have_text("Asignada")

    # The onsite resolution: an impossible visit is refused next to the field first.
    page.locator("#activity_type").select_option("Resolution – Onsite")
    expect(page.locator("#diagnosis")).to_be_visible()
    now = datetime.now(MADRID)
    start = max(work["created_at"] + timedelta(minutes=2), now - timedelta(minutes=25))
    end = now - timedelta(minutes=1)
    page.locator("#subtype").fill("Engineer visit – SLA")
    page.locator("#activity_text").fill("Visita del técnico: equipo revisado y probado.")
    page.locator("#diagnosis").fill("Rodillo de recogida de la bandeja 2 desgastado.")
    page.locator("#action").fill("Sustituido el rodillo de recogida y limpiado el recorrido.")
    page.locator("#parts").fill("Rodillo de recogida, Almohadilla de separación")
    page.locator("#visit_start").fill(_local(end, work["zone"]))
    page.locator("#visit_end").fill(_local(start, work["zone"]))
    for code, value in work["counters"].items():
        page.locator(f"#counter-{code}").fill(str(value))
    page.locator("#activity-submit").click()
    expect(page.locator(".field-error", has_text="posterior al inicio")).to_be_visible()
    expect(page.locator("#desk-ticket-status")).to_have_text("Asignada")

    page.locator("#visit_start").fill(_local(start, work["zone"]))
    page.locator("#visit_end").fill(_local(end, work["zone"]))
    page.locator("#activity-submit").click()
    expect(page.locator("#desk-ticket-status")).to_have_text("Resuelta")
    expect(page.locator("#desk-message")).to_be_visible()
    report = page.locator(".desk-resolution").first
    expect(report).to_contain_text("Sustituido el rodillo de recogida")
    expect(report).to_contain_text("Almohadilla de separación")
    screenshot(page, "desk-ticket-desktop")
    page.set_viewport_size({"width": 768, "height": 1024})
    page.wait_for_timeout(500)
    screenshot(page, "desk-ticket-tablet")
    page.set_viewport_size({"width": 1280, "height": 800})

    # Close it.
    page.locator("#desk-close").click()
    expect(page.locator("#desk-ticket-status")).to_have_text("Cerrada")
    expect(page.locator("#desk-reopen")).to_be_visible()
    expect(page.locator("#activity-submit")).to_have_count(0)

    # The customer is told of every step, the closing last.
    updated = mailbox.wait_for(MANAGER, subject_part=f"Novedades en la incidencia {number}")
    assert "Resuelta" in str(updated["Subject"]) or "Asignada" in str(updated["Subject"])
    closed = mailbox.wait_for(MANAGER, subject_part=f"Incidencia {number} cerrada")
    body = closed.get_body(preferencelist=("plain",)).get_content()
    assert "Sustituido el rodillo de recogida" in body
    link = mailbox.link(closed, f"/service/tickets/{work['id']}")
    _logout(page)

    # The device manager follows the link, reads the review and rates it.
    login(page, MANAGER)
    page.goto(link)
    expect(page.locator("#ticket-number")).to_have_text(number)
    page.locator("#ticket-tab-review").click()
    review = page.locator(".resolution-review").first
    expect(review).to_contain_text("Rodillo de recogida de la bandeja 2 desgastado.")
    expect(review).to_contain_text("Sustituido el rodillo de recogida")
    page.locator("#rating").select_option("5")
    page.locator("#rating-comment").fill("Rápido y muy amable.")
    page.locator("#rating-submit").click()
    expect(page.locator("#ticket-rating-value")).to_have_text("5/5")
