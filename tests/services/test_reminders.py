"""Meter-reading reminders and the daily readings job (SPEC C4)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

from portal.models import (
    AlertEvent,
    AlertPreference,
    CounterType,
    MeterReading,
    OutboxMessage,
    Product,
    ReadingSource,
    Role,
)
from portal.services import reminders
from tests.factories import (
    assign_product,
    make_account,
    make_group,
    make_model,
    make_org,
    make_product,
    make_user,
)

# Invoice day 28: the March window closes on 18 March; 10 days before is 8 March.
TEN_DAYS = date(2026, 3, 8)
FIVE_DAYS = date(2026, 3, 13)
NOW = datetime(2026, 3, 8, 7, 0, tzinfo=UTC)


@pytest.fixture
def w(engine):
    with Session(engine, expire_on_commit=False) as session:
        org = make_org(session)
        account = make_account(session, org)
        account.invoice_day = 28
        model = make_model(session)
        session.add(CounterType(model_id=model.id, code="total", digits=8))
        due = make_product(session, account=account, model=model, serial="DUE-1")
        grouped = make_product(session, account=account, model=model, serial="DUE-2")
        done = make_product(session, account=account, model=model, serial="DONE-1")
        auto = make_product(session, account=account, model=model, serial="AUTO-1")
        auto.auto_capture = True
        session.add(
            MeterReading(product_id=done.id, read_on=date(2026, 3, 13), values={"total": 5})
        )
        manager = make_user(session, org, role=Role.DEVICE_MANAGER, email="manager@x.example")
        group_manager = make_user(session, org, role=Role.DEVICE_MANAGER, email="group@x.example")
        idle = make_user(session, org, role=Role.DEVICE_MANAGER, email="idle@x.example")
        admin = make_user(session, org, role=Role.ADMINISTRATOR, email="admin@x.example")
        make_user(session, org, role=Role.KNOWLEDGE_USER, email="knowledge@x.example")
        make_user(session, make_org(session), role=Role.ADMINISTRATOR, email="other@x.example")
        assign_product(session, manager, due)
        assign_product(session, idle, done)
        assign_product(session, idle, auto)
        make_group(session, org, products=[grouped], users=[group_manager])
        session.commit()
        return {"account": account, "manager": manager, "admin": admin, "due": due}


def _mails(engine):
    with Session(engine) as session:
        return {m.to_address: m for m in session.exec(select(OutboxMessage)).all()}


def test_five_days_before_the_close_the_responsible_people_are_reminded(engine, w):
    sent = reminders.send_reading_reminders(engine=engine, today=FIVE_DAYS, now=NOW)
    mails = _mails(engine)
    assert sent == 3
    assert set(mails) == {"manager@x.example", "group@x.example", "admin@x.example"}
    assert "/readings" in mails["manager@x.example"].text_body
    assert mails["manager@x.example"].text_body.count("2026-03-18") == 1
    # The administrator hears about both due products, each manager about their own.
    assert " 2 " in mails["admin@x.example"].subject
    assert " 1 " in mails["manager@x.example"].subject


def test_ten_days_before_the_close_the_same_people_are_reminded(engine, w):
    assert reminders.send_reading_reminders(engine=engine, today=TEN_DAYS, now=NOW) == 3
    assert set(_mails(engine)) == {"manager@x.example", "group@x.example", "admin@x.example"}


def test_each_reminder_goes_out_once(engine, w):
    assert reminders.send_reading_reminders(engine=engine, today=TEN_DAYS, now=NOW) == 3
    assert reminders.send_reading_reminders(engine=engine, today=TEN_DAYS, now=NOW) == 0
    assert len(_mails(engine)) == 3
    # Five days before the close is a second reminder, sent once too.
    assert reminders.send_reading_reminders(engine=engine, today=FIVE_DAYS, now=NOW) == 3
    assert reminders.send_reading_reminders(engine=engine, today=FIVE_DAYS, now=NOW) == 0


def test_no_reminder_on_other_days(engine, w):
    for day in (date(2026, 3, 7), date(2026, 3, 9), date(2026, 3, 18)):
        assert reminders.send_reading_reminders(engine=engine, today=day, now=NOW) == 0
    assert _mails(engine) == {}


def test_a_disabled_preference_means_no_mail(engine, w):
    with Session(engine) as session:
        session.add(
            AlertPreference(
                user_id=w["manager"].id, event=AlertEvent.READING_DUE.value, enabled=False
            )
        )
        session.commit()
    assert reminders.send_reading_reminders(engine=engine, today=FIVE_DAYS, now=NOW) == 2
    assert "manager@x.example" not in _mails(engine)


def test_no_reminder_when_every_reading_is_in(engine, w):
    with Session(engine) as session:
        for product in session.exec(select(Product)).all():
            session.add(
                MeterReading(product_id=product.id, read_on=date(2026, 3, 14), values={"total": 9})
            )
        session.commit()
    assert reminders.send_reading_reminders(engine=engine, today=FIVE_DAYS, now=NOW) == 0


def test_daily_job_estimates_the_windows_closed_yesterday_once(engine, w):
    with Session(engine) as session:
        session.add(
            MeterReading(product_id=w["due"].id, read_on=date(2026, 1, 15), values={"total": 100})
        )
        session.add(
            MeterReading(product_id=w["due"].id, read_on=date(2026, 2, 15), values={"total": 400})
        )
        session.commit()
    now = datetime(2026, 3, 19, 7, 0, tzinfo=UTC)
    # DUE-1 only: DONE-1 was read in the window, DUE-2 has no history to estimate from.
    assert reminders.run_readings_jobs_once(engine=engine, now=now) == (0, 1)
    assert reminders.run_readings_jobs_once(engine=engine, now=now) == (0, 0)
    with Session(engine) as session:
        estimate = session.exec(
            select(MeterReading).where(
                MeterReading.source == ReadingSource.ESTIMATED.value,
                MeterReading.product_id == w["due"].id,
            )
        ).one()
    assert estimate.read_on == date(2026, 3, 18)
    assert 690 < estimate.values["total"] < 710
