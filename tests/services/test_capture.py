"""Automatic capture (SPEC X2): contacts from the collector, not-reporting devices and their
managers told once per silent episode, toner levels that order toner by themselves."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import col, select

from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.models import (
    Consumable,
    ConsumableOrder,
    OrderLine,
    OutboxMessage,
    Product,
    Role,
)
from portal.services import api_keys, capture, toner_alerts
from tests.factories import (
    assign_product,
    make_account,
    make_model,
    make_org,
    make_product,
    make_user,
)


@pytest.fixture
def fleet(session, clock):
    org = make_org(session)
    account = make_account(session, org)
    model = make_model(session, "Colour 40")
    for colour in ("black", "cyan"):
        session.add(
            Consumable(
                model_id=model.id, code=f"TN-{colour}", name=colour, kind="toner", colour=colour
            )
        )
    captured = make_product(session, account=account, model=model, serial="AUTO-1")
    captured.auto_capture = True
    captured.created_at = clock.current - timedelta(days=30)
    manual = make_product(session, account=account, model=model, serial="HAND-1")
    manual.created_at = clock.current - timedelta(days=30)
    manager = make_user(session, org, role=Role.DEVICE_MANAGER, email="dm@example.com")
    assign_product(session, manager, captured)
    admin = make_user(session, org, role=Role.ADMINISTRATOR, email="boss@example.com")
    provider = make_user(session, role=Role.PROVIDER_ADMIN)
    key, secret = api_keys.create_key(
        session=session, actor=provider, name="collector", scopes=["write"]
    )
    _, integration = api_keys.authenticate(session=session, secret=secret)
    session.commit()
    return {
        "captured": captured,
        "manual": manual,
        "manager": manager,
        "admin": admin,
        "integration": integration,
        "model": model,
    }


def _contact(session, fleet, clock, **overrides):
    values = {
        "serial": "auto-1",
        "seen_at": clock.current,
        "status": "running",
        "toner": {"black": 64, "cyan": 80},
        "alerts": [],
    }
    values.update(overrides)
    return capture.record_contact(session=session, actor=fleet["integration"], **values)


def test_a_contact_stores_status_toner_and_alerts(session, fleet, clock):
    result = _contact(
        session,
        fleet,
        clock,
        status="warning",
        alerts=[{"code": "10003", "severity": "warning", "description": "Toner low"}],
    )
    product = session.get(Product, fleet["captured"].id)
    assert result["applied"] is True
    assert product.last_contact_at == clock.current
    assert product.device_status == "warning"
    assert product.toner_levels == {"black": 64, "cyan": 80}
    assert product.device_alerts == [
        {"code": "10003", "severity": "warning", "description": "Toner low"}
    ]


def test_a_late_report_from_the_spool_moves_nothing_back(session, fleet, clock):
    _contact(session, fleet, clock, toner={"black": 30})
    late = _contact(
        session, fleet, clock, seen_at=clock.current - timedelta(hours=2), toner={"black": 90}
    )
    product = session.get(Product, fleet["captured"].id)
    assert late["applied"] is False
    assert product.toner_levels["black"] == 30
    assert product.last_contact_at == clock.current


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("status", {"status": "exploded"}),
        ("toner", {"toner": {"black": 140}}),
        ("toner", {"toner": {"green": 10}}),
        ("alerts", {"alerts": [{"code": "1", "severity": "fatal", "description": "x"}]}),
        ("seen_at", {"seen_at_days": 1}),
    ],
)
def test_bad_contacts_are_refused_and_change_nothing(session, fleet, clock, field, overrides):
    if "seen_at_days" in overrides:
        overrides = {"seen_at": clock.current + timedelta(days=overrides.pop("seen_at_days"))}
    with pytest.raises(ValidationFailed) as refused:
        _contact(session, fleet, clock, **overrides)
    assert field in refused.value.errors
    assert session.get(Product, fleet["captured"].id).last_contact_at is None


def test_only_an_integration_user_reports_contacts_and_only_for_known_serials(
    session, fleet, clock
):
    with pytest.raises(PermissionDenied):
        capture.record_contact(
            session=session,
            actor=fleet["admin"],
            serial="AUTO-1",
            seen_at=clock.current,
            status="running",
            toner={},
            alerts=[],
        )
    with pytest.raises(NotFound):
        _contact(session, fleet, clock, serial="NOPE-9")


def test_a_device_on_automatic_capture_silent_for_seven_days_is_not_reporting(
    session, fleet, clock
):
    _contact(session, fleet, clock)
    session.commit()
    silent = select(Product.serial).where(capture.not_reporting_condition(clock.current))
    assert session.exec(silent).all() == []
    clock.advance(days=7, minutes=1)
    later = select(Product.serial).where(capture.not_reporting_condition(clock.current))
    assert session.exec(later).all() == ["AUTO-1"]
    assert capture.is_not_reporting(session.get(Product, fleet["captured"].id), clock.current)
    assert not capture.is_not_reporting(session.get(Product, fleet["manual"].id), clock.current)


def test_managers_are_told_once_per_silent_episode(session, fleet, clock):
    _contact(session, fleet, clock)
    session.commit()
    clock.advance(days=8)
    assert capture.check_not_reporting(session=session) == 1
    session.commit()
    assert capture.check_not_reporting(session=session) == 0
    session.commit()
    mails = session.exec(select(OutboxMessage)).all()
    assert [m.to_address for m in mails] == ["dm@example.com"]
    assert "AUTO-1" in mails[0].subject

    _contact(session, fleet, clock)  # back again: the episode ends
    session.commit()
    assert capture.check_not_reporting(session=session) == 0
    session.commit()
    clock.advance(days=8)
    assert capture.check_not_reporting(session=session) == 1
    session.commit()
    assert len(session.exec(select(OutboxMessage)).all()) == 2


def test_a_low_toner_on_automatic_replenishment_orders_toner_once(session, fleet, clock):
    product = session.get(Product, fleet["captured"].id)
    product.auto_replenish = True
    session.commit()
    _contact(session, fleet, clock, toner={"black": 9, "cyan": 70})
    session.commit()
    toner_alerts.check_low_toner(session=session)
    session.commit()
    toner_alerts.check_low_toner(session=session)
    session.commit()
    orders = session.exec(select(ConsumableOrder)).all()
    assert len(orders) == 1
    assert orders[0].product_id == product.id
    assert orders[0].status == "submitted"
    assert orders[0].created_by_id is None
    line = session.exec(select(OrderLine).where(col(OrderLine.order_id) == orders[0].id)).one()
    assert session.get(Consumable, line.consumable_id).code == "TN-black"


def test_a_low_toner_without_automatic_replenishment_orders_nothing(session, fleet, clock):
    _contact(session, fleet, clock, toner={"black": 5})
    session.commit()
    toner_alerts.check_low_toner(session=session)
    session.commit()
    assert session.exec(select(ConsumableOrder)).all() == []
