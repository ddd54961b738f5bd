"""E-mail alert preferences (SPEC E2): the user's own rows, and every e-mail honouring them."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from sqlmodel import col, select

from portal.errors import PermissionDenied
from portal.models import (
    AlertEvent,
    AlertPreference,
    AuditLog,
    DigestItem,
    OutboxMessage,
    Role,
    UserStatus,
)
from portal.services import desk, notify, preferences, requests, tickets
from portal.services.requests import InquiryCreate, MoveCreate
from portal.services.tickets import TicketCreate
from tests.factories import (
    assign_product,
    make_account,
    make_contract_line,
    make_org,
    make_product,
    make_user,
)

ALL_EVENTS = [event.value for event in AlertEvent]
OFF = {"enabled": False, "not_for_own_actions": False, "digest": False}
DIGEST = {"enabled": True, "not_for_own_actions": False, "digest": True}
NOT_OWN = {"enabled": True, "not_for_own_actions": True, "digest": False}


@pytest.fixture
def w(session, clock):
    """A device manager (English) with a covered product, an administrator, an agent."""
    org = make_org(session)
    account = make_account(session, org)
    line = make_contract_line(session, account)
    product = make_product(session, account=account, serial="SN-ALERT-1")
    product.contract_line_id = line.id
    session.add(product)
    ana = make_user(session, org, role=Role.DEVICE_MANAGER, email="ana@example.com", language="en")
    assign_product(session, ana, product)
    ben = make_user(session, org, role=Role.ADMINISTRATOR, email="ben@example.com")
    agent = make_user(session, role=Role.AGENT, email="agent@provider.example")
    session.commit()
    return SimpleNamespace(org=org, account=account, product=product, ana=ana, ben=ben, agent=agent)


def _rows(session, user):
    return session.exec(
        select(AlertPreference)
        .where(col(AlertPreference.user_id) == user.id)
        .order_by(col(AlertPreference.event))
    ).all()


def _mail_to(session, address):
    return session.exec(
        select(OutboxMessage)
        .where(col(OutboxMessage.to_address) == address)
        .order_by(col(OutboxMessage.id))
    ).all()


def _digest_of(session, user):
    return session.exec(
        select(DigestItem).where(col(DigestItem.user_id) == user.id).order_by(col(DigestItem.id))
    ).all()


def _save(session, user, values):
    preferences.save_preferences(session=session, actor=user, values=values)
    session.commit()


# --- reading and saving -------------------------------------------------------------------


def test_every_event_is_listed_with_the_defaults(session, w):
    shown = preferences.get_preferences(session=session, actor=w.ana)

    assert [row["event"] for row in shown] == ALL_EVENTS
    assert "ticket_opened" in ALL_EVENTS and "order_status" in ALL_EVENTS
    default = notify.DEFAULT_PREFERENCE
    assert all(
        (row["enabled"], row["not_for_own_actions"], row["digest"])
        == (default.enabled, default.not_for_own_actions, default.digest)
        for row in shown
    )
    assert _rows(session, w.ana) == []


def test_saving_stores_one_row_per_event_and_saving_again_updates_it(session, w):
    _save(session, w.ana, {"ticket_opened": OFF, "reading_due": DIGEST})
    _save(session, w.ana, {"ticket_opened": NOT_OWN, "move_status": OFF})

    rows = {row.event: row for row in _rows(session, w.ana)}
    assert sorted(rows) == ["move_status", "reading_due", "ticket_opened"]
    assert (rows["ticket_opened"].enabled, rows["ticket_opened"].not_for_own_actions) == (
        True,
        True,
    )
    assert rows["reading_due"].digest is True
    assert rows["move_status"].enabled is False
    shown = {row["event"]: row for row in preferences.get_preferences(session=session, actor=w.ana)}
    assert shown["ticket_opened"]["not_for_own_actions"] is True
    assert shown["reading_due"]["digest"] is True
    assert shown["move_status"]["enabled"] is False
    assert shown["ticket_closed"] == {
        "event": "ticket_closed",
        "enabled": True,
        "not_for_own_actions": False,
        "digest": False,
    }


def test_saving_twice_keeps_one_row_per_event_and_the_database_refuses_a_second(session, w):
    _save(session, w.ana, {"ticket_updated": OFF})
    _save(session, w.ana, {"ticket_updated": DIGEST})

    [row] = _rows(session, w.ana)
    assert (row.event, row.enabled, row.digest) == ("ticket_updated", True, True)
    session.add(AlertPreference(user_id=w.ana.id, event="ticket_updated", enabled=False))
    with pytest.raises(sa.exc.IntegrityError):
        session.commit()


def test_form_values_are_coerced_and_unknown_events_ignored(session, w):
    _save(
        session,
        w.ana,
        {
            "ticket_opened": {"enabled": "on", "not_for_own_actions": "true", "digest": "digest"},
            "ticket_closed": {"enabled": "false", "digest": "immediate"},
            "reading_due": {"enabled": 1, "not_for_own_actions": [1], "digest": {"x": 1}},
            "everything": {"enabled": False},
            "order_status": "off",
            "ticket_updated; DROP TABLE user": OFF,
        },
    )

    rows = {
        row.event: (row.enabled, row.not_for_own_actions, row.digest)
        for row in _rows(session, w.ana)
    }
    assert rows == {
        "ticket_opened": (True, True, True),
        "ticket_closed": (False, False, False),
        "reading_due": (True, False, False),
    }


def test_nonsense_values_store_nothing(session, w):
    preferences.save_preferences(session=session, actor=w.ana, values=["ticket_opened"])
    preferences.save_preferences(session=session, actor=w.ana, values={})
    session.commit()
    assert _rows(session, w.ana) == []


def test_a_change_is_audited_with_old_and_new_values(session, w):
    _save(session, w.ana, {"ticket_opened": OFF, "ticket_updated": {**OFF, "enabled": True}})

    [entry] = session.exec(select(AuditLog).where(col(AuditLog.action) == "profile.alerts")).all()
    assert entry.actor_id == w.ana.id and entry.object_id == w.ana.id
    assert entry.organisation_id == w.org.id
    assert entry.old_values == {
        "ticket_opened": {"enabled": True, "not_for_own_actions": False, "digest": False}
    }
    assert entry.new_values == {"ticket_opened": OFF}

    _save(session, w.ana, {"ticket_opened": OFF})
    assert len(session.exec(select(AuditLog)).all()) == 1


def test_only_the_actors_own_preferences_change(session, w):
    _save(session, w.ben, {"ticket_opened": DIGEST})
    _save(session, w.ana, {event: OFF for event in ALL_EVENTS})

    [bens] = _rows(session, w.ben)
    assert (bens.event, bens.enabled, bens.digest) == ("ticket_opened", True, True)
    assert len(_rows(session, w.ana)) == len(ALL_EVENTS)


def test_nobody_and_inactive_users_are_refused(session, w):
    inactive = make_user(session, w.org, role=Role.DEVICE_MANAGER, status=UserStatus.INACTIVE)
    for actor in (None, inactive):
        with pytest.raises(PermissionDenied):
            preferences.get_preferences(session=session, actor=actor)
        with pytest.raises(PermissionDenied):
            preferences.save_preferences(
                session=session, actor=actor, values={"ticket_opened": OFF}
            )
    assert session.exec(select(AlertPreference)).all() == []


# --- every e-mail honours them --------------------------------------------------------------


def _open_ticket(session, w, actor=None):
    ticket = tickets.create_ticket(
        session=session,
        actor=actor or w.ana,
        data=TicketCreate(
            product_id=w.product.id,
            ticket_type="paper_jam",
            description="Paper jams in tray 2.",
            contact_name="Ana",
            contact_phone="+34 600 111 222",
        ),
    )
    session.commit()
    return ticket


def _update_and_close(session, w, ticket):
    desk.assign(session=session, actor=w.agent, ticket_id=ticket.id)
    desk.change_status(session=session, actor=w.agent, ticket_id=ticket.id, status="solved")
    desk.close(session=session, actor=w.agent, ticket_id=ticket.id)
    session.commit()


def _move(session, w):
    move = requests.create_move(
        session=session,
        actor=w.ana,
        data=MoveCreate(
            product_id=w.product.id,
            new_address="Calle de Alcalá 120",
            new_postal_code="28009",
            new_city="Madrid",
            desired_date=(w.today + timedelta(days=10)).isoformat(),
            contact_name="Ana López",
            contact_phone="+34 91 555 12 34",
        ),
    )
    requests.transition_move(session=session, actor=w.agent, move_id=move.id, to_status="scheduled")
    session.commit()
    return move


def _inquiry(session, w):
    inquiry = requests.create_inquiry(
        session=session,
        actor=w.ana,
        kind="suggestion",
        data=InquiryCreate(subject="SMS", text="Alerts by text message, please."),
    )
    session.commit()
    return inquiry


@pytest.fixture
def every_email(session, w, clock):
    """Run each action that e-mails Ana; returns the events she would have heard about."""
    w.today = clock.current.date()

    def run():
        ticket = _open_ticket(session, w)
        _update_and_close(session, w, ticket)
        _move(session, w)
        _inquiry(session, w)
        return ticket

    return run


def test_disabled_everywhere_means_no_e_mail_from_any_action(session, w, every_email):
    _save(session, w.ana, {event: OFF for event in ALL_EVENTS})

    every_email()

    assert _mail_to(session, "ana@example.com") == []
    assert _digest_of(session, w.ana) == []


SUBJECTS = {
    "ticket_opened": " opened (machine",
    "ticket_updated": "Update on ticket",
    "ticket_closed": " closed (machine",
    "move_status": "Move request",
    "request_status": "Your request",
}
"""How the subject of each event's (English) e-mail begins or what it contains."""


def test_with_the_defaults_each_action_e_mails_the_user(session, w, every_email):
    ticket = every_email()

    subjects = [m.subject for m in _mail_to(session, "ana@example.com")]
    assert subjects == [
        f"Ticket {ticket.number} opened (machine SN-ALERT-1)",
        f"Update on ticket {ticket.number} (machine SN-ALERT-1): Assigned",
        f"Update on ticket {ticket.number} (machine SN-ALERT-1): Solved",
        f"Ticket {ticket.number} closed (machine SN-ALERT-1)",
        "Move request 1 (machine SN-ALERT-1): Requested",
        "Move request 1 (machine SN-ALERT-1): Scheduled",
        "Your request 1: Open",
    ]
    assert _digest_of(session, w.ana) == []


@pytest.mark.parametrize("event", sorted(SUBJECTS))
def test_turning_off_one_event_stops_only_its_e_mails(session, w, every_email, event):
    _save(session, w.ana, {event: OFF})

    every_email()

    subjects = [m.subject for m in _mail_to(session, "ana@example.com")]
    for other, marker in SUBJECTS.items():
        sent = [subject for subject in subjects if marker in subject]
        assert bool(sent) == (other != event), (other, subjects)


def test_digest_everywhere_queues_digest_items_instead_of_mail(session, w, every_email):
    _save(session, w.ana, {event: DIGEST for event in ALL_EVENTS})

    ticket = every_email()

    assert _mail_to(session, "ana@example.com") == []
    items = _digest_of(session, w.ana)
    events = {item.event for item in items}
    assert events == {
        "ticket_opened",
        "ticket_updated",
        "ticket_closed",
        "move_status",
        "request_status",
    }
    opened = next(item for item in items if item.event == "ticket_opened")
    assert opened.summary.startswith(f"Ticket {ticket.number} opened")
    assert opened.link.endswith(f"/service/tickets/{ticket.id}")


def test_not_for_own_actions_spares_what_the_user_did_but_not_the_agents_changes(
    session, w, every_email
):
    _save(session, w.ana, {event: NOT_OWN for event in ALL_EVENTS})

    ticket = every_email()

    subjects = [m.subject for m in _mail_to(session, "ana@example.com")]
    assert not any("opened" in s for s in subjects)
    assert any(s.startswith(f"Ticket {ticket.number} closed") for s in subjects)
    assert any(s.startswith("Update on ticket") for s in subjects)


def test_only_account_mail_bypasses_the_alert_preferences():
    """Alerts go through ``notify.notify``; ``mail.enqueue`` is only for mail that is not an
    alert: activation and reset links, account administration, invitations, the digest."""
    services = Path(preferences.__file__).parent
    direct = sorted(
        path.stem
        for path in services.glob("*.py")
        if re.search(
            r"\bmail\.enqueue\(|\bfrom portal\.services\.mail import enqueue\b",
            path.read_text("utf-8"),
        )
    )
    assert set(direct) <= {"identity", "users", "invitations", "digest", "notify"}, direct
