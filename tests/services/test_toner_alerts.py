"""Low-toner alerts (SPEC C7): who sees the warning, who is told, once per low episode."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlmodel import col, select

from portal.errors import PermissionDenied
from portal.models import OutboxMessage, Role
from portal.services import toner_alerts
from tests.factories import (
    assign_product,
    make_account,
    make_group,
    make_org,
    make_product,
    make_user,
)


@pytest.fixture
def w(session, clock):
    org = make_org(session, "Demo")
    account = make_account(session, org)
    low = make_product(session, account=account, serial="LOW-1")
    low.toner_levels = {"black": 50, "cyan": 12, "magenta": 20}
    fine = make_product(session, account=account, serial="FINE-1")
    fine.toner_levels = {"black": 80}
    orphan = make_product(session, account=account, serial="ORPHAN-1")
    orphan.toner_levels = {"black": 5}
    keeper = make_user(session, org, role=Role.STOCK_MANAGER, email="keeper@x.example")
    grouped = make_user(session, org, role=Role.STOCK_MANAGER, email="grouped@x.example")
    manager = make_user(session, org, role=Role.DEVICE_MANAGER, email="manager@x.example")
    admin = make_user(session, org, role=Role.ADMINISTRATOR, email="admin@x.example")
    assign_product(session, keeper, low)
    assign_product(session, manager, low)
    make_group(session, org, products=[low], users=[grouped])
    other = make_org(session, "Other")
    strict = make_account(session, other)
    strict.low_toner_threshold = 60
    foreign = make_product(session, account=strict, serial="FOREIGN-1")
    foreign.toner_levels = {"black": 55}
    other_admin = make_user(session, other, role=Role.ADMINISTRATOR, email="other@x.example")
    session.add_all([low, fine, orphan, strict, foreign])
    session.commit()
    return SimpleNamespace(**locals())


def _mail(session) -> list[tuple[str, str]]:
    return [
        (m.to_address, m.subject)
        for m in session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id)))
    ]


def test_stock_pages_list_products_below_their_accounts_threshold(session, w):
    rows = toner_alerts.low_toner_products(session=session, actor=w.admin)
    assert [(r["serial"], [t["colour"] for t in r["toners"]]) for r in rows] == [
        ("LOW-1", ["cyan"]),
        ("ORPHAN-1", ["black"]),
    ]
    mine = toner_alerts.low_toner_products(session=session, actor=w.keeper)
    assert [r["serial"] for r in mine] == ["LOW-1"]
    theirs = toner_alerts.low_toner_products(session=session, actor=w.other_admin)
    assert [(r["serial"], r["threshold"]) for r in theirs] == [("FOREIGN-1", 60)]
    with pytest.raises(PermissionDenied):
        toner_alerts.low_toner_products(session=session, actor=w.manager)


def test_stock_managers_are_told_once_per_episode_and_again_after_recovery(session, w, clock):
    told = toner_alerts.check_low_toner(session=session)
    session.commit()

    assert told == 3
    mail = _mail(session)
    assert sorted(to for to, _ in mail) == [
        "admin@x.example",  # nobody manages the stock of ORPHAN-1
        "grouped@x.example",
        "keeper@x.example",
        "other@x.example",
    ]
    assert all("manager@" not in to for to, _ in mail)
    assert any("LOW-1" in subject and "cian 12 %" in subject for _, subject in mail)

    clock.advance(minutes=15)
    assert toner_alerts.check_low_toner(session=session) == 0
    session.commit()
    assert len(_mail(session)) == 4

    w.low.toner_levels = {"black": 50, "cyan": 100, "magenta": 20}
    session.add(w.low)
    session.commit()
    clock.advance(minutes=15)
    assert toner_alerts.check_low_toner(session=session) == 0
    session.commit()

    w.low.toner_levels = {"black": 50, "cyan": 9, "magenta": 20}
    session.add(w.low)
    session.commit()
    clock.advance(minutes=15)
    assert toner_alerts.check_low_toner(session=session) == 1
    session.commit()
    assert len(_mail(session)) == 6
    assert any("cian 9 %" in subject for _, subject in _mail(session))
