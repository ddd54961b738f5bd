"""Alerts per user preference, their recipients and their templates (SPEC E2, E3)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from portal.models import (
    AlertEvent,
    AlertPreference,
    DigestItem,
    OutboxMessage,
    Role,
    Ticket,
    UserStatus,
)
from portal.services import notify
from portal.services.mail_templates import render
from portal.settings import load_settings
from tests.factories import assign_product, make_group, make_org, make_product, make_user

LINK = "https://portal.example/service/tickets/7?tab=updates&x=1"


@pytest.fixture
def config(tmp_path):
    return load_settings(
        {
            "PORTAL_DATA_DIR": str(tmp_path / "data"),
            "PORTAL_BASE_URL": "https://portal.example",
            "PORTAL_PROVIDER_NAME": "Acme <Print> & Co",
        }
    )


def _context(**overrides):
    context = {
        "number": "1-889022872",
        "serial": "SN-4711",
        "status": "planned",
        "summary": "Engineer visit on Tuesday",
        "link": LINK,
    }
    context.update(overrides)
    return context


def _prefer(session, user, event, **fields):
    session.add(AlertPreference(user_id=user.id, event=str(event), **fields))
    session.flush()


def _send(session, config, recipients, actor=None, event=AlertEvent.TICKET_UPDATED, **context):
    return notify.notify(
        session=session,
        event=event,
        recipients=recipients,
        actor=actor,
        template=str(event) if str(event).startswith("ticket") else "move_status",
        context=_context(**context),
        config=config,
    )


def _outbox(session):
    return session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all()


def _digest_items(session):
    return session.exec(select(DigestItem).order_by(DigestItem.id)).all()


def _ticket(session, product, creator=None, number="1-889000001"):
    ticket = Ticket(
        number=number,
        product_id=product.id,
        created_by_id=creator.id if creator is not None else None,
    )
    session.add(ticket)
    session.flush()
    return ticket


def test_without_preferences_each_recipient_gets_an_email_in_their_language(session, config):
    org = make_org(session)
    ana = make_user(session, org, role=Role.DEVICE_MANAGER, language="es")
    ben = make_user(session, org, role=Role.DEVICE_MANAGER, language="de")
    ben.first_name = "Ben"

    assert _send(session, config, [ana, ben], actor=ana) == 2

    by_address = {m.to_address: m for m in _outbox(session)}
    assert set(by_address) == {ana.email, ben.email}
    es, de = by_address[ana.email], by_address[ben.email]
    assert es.subject == "Novedades en la incidencia 1-889022872 (equipo SN-4711): Planificada"
    assert de.subject == "Neuigkeiten zu Ticket 1-889022872 (Gerät SN-4711): Geplant"
    assert "Guten Tag Ben," in de.text_body
    assert "Engineer visit on Tuesday" in de.text_body and LINK in de.text_body
    assert _digest_items(session) == []


def test_notify_does_not_commit(session, config):
    user = make_user(session, role=Role.DEVICE_MANAGER)
    session.commit()
    assert _send(session, config, [user]) == 1
    session.rollback()
    assert _outbox(session) == []


def test_disabled_preference_sends_nothing(session, config):
    org = make_org(session)
    off = make_user(session, org, role=Role.DEVICE_MANAGER)
    on = make_user(session, org, role=Role.DEVICE_MANAGER)
    _prefer(session, off, AlertEvent.TICKET_UPDATED, enabled=False, digest=True)
    _prefer(session, on, AlertEvent.TICKET_CLOSED, enabled=False)

    assert _send(session, config, [off, on]) == 1

    assert [m.to_address for m in _outbox(session)] == [on.email]
    assert _digest_items(session) == []


def test_not_for_own_actions_spares_only_the_actor(session, config):
    org = make_org(session)
    actor = make_user(session, org, role=Role.DEVICE_MANAGER)
    colleague = make_user(session, org, role=Role.DEVICE_MANAGER)
    for user in (actor, colleague):
        _prefer(session, user, AlertEvent.TICKET_UPDATED, not_for_own_actions=True)

    assert _send(session, config, [actor, colleague], actor=actor) == 1
    assert [m.to_address for m in _outbox(session)] == [colleague.email]

    # When someone else acts, the same preference lets the mail through.
    assert _send(session, config, [actor], actor=colleague) == 1
    assert [m.to_address for m in _outbox(session)] == [colleague.email, actor.email]


def test_own_actions_are_mailed_by_default(session, config):
    actor = make_user(session, role=Role.DEVICE_MANAGER)
    assert _send(session, config, [actor], actor=actor, event=AlertEvent.TICKET_OPENED) == 1
    assert _outbox(session)[0].subject == "Incidencia 1-889022872 registrada (equipo SN-4711)"


def test_digest_preference_holds_an_item_instead_of_mail(session, config, clock):
    user = make_user(session, role=Role.DEVICE_MANAGER, language="en")
    _prefer(session, user, AlertEvent.TICKET_UPDATED, digest=True)

    assert _send(session, config, [user]) == 1

    assert _outbox(session) == []
    [item] = _digest_items(session)
    assert item.user_id == user.id and item.event == "ticket_updated"
    assert item.summary == "Update on ticket 1-889022872 (machine SN-4711): Planned"
    assert item.link == LINK
    assert item.created_at == clock.current and item.sent_at is None


def test_preferences_are_per_event(session, config):
    user = make_user(session, role=Role.DEVICE_MANAGER, language="en")
    _prefer(session, user, AlertEvent.TICKET_UPDATED, enabled=False)
    _prefer(session, user, AlertEvent.MOVE_STATUS, digest=True)

    assert _send(session, config, [user], event=AlertEvent.TICKET_UPDATED) == 0
    assert _send(session, config, [user], event=AlertEvent.TICKET_CLOSED) == 1
    assert _send(session, config, [user], event=AlertEvent.MOVE_STATUS, status="scheduled") == 1

    assert [m.subject for m in _outbox(session)] == ["Ticket 1-889022872 closed (machine SN-4711)"]
    assert [i.summary for i in _digest_items(session)] == [
        "Move request 1-889022872 (machine SN-4711): Scheduled"
    ]


def test_recipients_are_deduplicated_and_must_be_active_with_an_address(session, config):
    org = make_org(session)
    active = make_user(session, org, role=Role.DEVICE_MANAGER)
    suspended = make_user(session, org, role=Role.DEVICE_MANAGER, status=UserStatus.INACTIVE)
    pending = make_user(session, org, role=Role.DEVICE_MANAGER, status=UserStatus.PENDING)
    no_address = make_user(session, org, role=Role.DEVICE_MANAGER)
    no_address.email = "  "

    assert _send(session, config, [active, suspended, active, pending, no_address]) == 1
    assert [m.to_address for m in _outbox(session)] == [active.email]


def test_preferences_for_fills_in_defaults(session):
    user = make_user(session, role=Role.DEVICE_MANAGER)
    other = make_user(session, role=Role.DEVICE_MANAGER)
    _prefer(session, user, AlertEvent.READING_DUE, enabled=False)
    _prefer(session, user, AlertEvent.ORDER_STATUS, digest=True, not_for_own_actions=True)
    _prefer(session, other, AlertEvent.TICKET_OPENED, enabled=False)

    prefs = notify.preferences_for(session=session, user_id=user.id)

    assert list(prefs) == list(AlertEvent)
    assert prefs[AlertEvent.READING_DUE].enabled is False
    order = prefs[AlertEvent.ORDER_STATUS]
    assert (order.enabled, order.not_for_own_actions, order.digest) == (True, True, True)
    assert prefs[AlertEvent.TICKET_OPENED] == notify.DEFAULT_PREFERENCE
    default = notify.DEFAULT_PREFERENCE
    assert (default.enabled, default.not_for_own_actions, default.digest) == (True, False, False)


def test_ticket_recipients_is_the_customer_creator(session):
    org = make_org(session)
    product = make_product(session, org)
    creator = make_user(session, org, role=Role.ADMINISTRATOR)
    manager = make_user(session, org, role=Role.DEVICE_MANAGER)
    assign_product(session, manager, product)

    ticket = _ticket(session, product, creator)

    assert notify.ticket_recipients(session=session, ticket=ticket) == [creator]


def test_ticket_recipients_without_a_customer_creator_are_the_direct_device_managers(session):
    org = make_org(session)
    product = make_product(session, org)
    direct = make_user(session, org, role=Role.DEVICE_MANAGER)
    direct_too = make_user(session, org, role=Role.DEVICE_MANAGER)
    through_group = make_user(session, org, role=Role.DEVICE_MANAGER)
    suspended = make_user(session, org, role=Role.DEVICE_MANAGER, status=UserStatus.INACTIVE)
    stock_only = make_user(session, org, role=Role.STOCK_MANAGER)
    unrelated = make_user(session, org, role=Role.DEVICE_MANAGER)
    other_org_manager = make_user(session, make_org(session), role=Role.DEVICE_MANAGER)
    for user in (direct, direct_too, suspended, stock_only, other_org_manager):
        assign_product(session, user, product)
    make_group(session, org, products=[product], users=[through_group])
    assign_product(session, unrelated, make_product(session, org))
    agent = make_user(session, role=Role.AGENT)
    foreign_creator = make_user(session, make_org(session), role=Role.ADMINISTRATOR)
    left_company = make_user(session, org, role=Role.DEVICE_MANAGER, status=UserStatus.INACTIVE)

    expected = [direct, direct_too]
    for n, creator in enumerate((None, agent, foreign_creator, left_company)):
        ticket = _ticket(session, product, creator, number=f"1-88900010{n}")
        assert notify.ticket_recipients(session=session, ticket=ticket) == expected


def test_ticket_recipients_can_be_nobody(session):
    product = make_product(session)
    ticket = _ticket(session, product, make_user(session, role=Role.AGENT))
    assert notify.ticket_recipients(session=session, ticket=ticket) == []


def test_request_recipients_is_the_creator_of_the_same_organisation(session):
    org = make_org(session)
    creator = make_user(session, org, role=Role.DEVICE_MANAGER)
    agent = make_user(session, role=Role.AGENT)

    def recipients(created_by_id, organisation_id=org.id):
        return notify.request_recipients(
            session=session, created_by_id=created_by_id, organisation_id=organisation_id
        )

    assert recipients(creator.id) == [creator]
    assert recipients(creator.id, make_org(session).id) == []
    assert recipients(agent.id) == []
    assert recipients(None) == []


@pytest.mark.parametrize(
    ("template", "status", "words"),
    [
        ("ticket_updated", "pending", ("Pendiente", "Pending", "Wartend")),
        ("ticket_updated", "solved", ("Resuelta", "Solved", "Gelöst")),
        ("move_status", "cancelled", ("Cancelada", "Cancelled", "Storniert")),
        ("move_status", "completed", ("Completada", "Completed", "Abgeschlossen")),
        ("request_status", "answered", ("Respondida", "Answered", "Beantwortet")),
        ("request_status", "open", ("Abierta", "Open", "Offen")),
    ],
)
def test_notification_templates_translate_the_status(config, template, status, words):
    for language, word in zip(("es", "en", "de"), words, strict=True):
        subject, text, html_body = render(
            template, language, {"name": "Jo", **_context(status=status)}, config=config
        )
        assert subject.endswith(f": {word}")
        assert f"{word}." in text and f"{word}." in html_body
        assert status not in subject


def test_notification_templates_render_in_every_language_with_escaped_html(config):
    hostile = {"name": "<b>Jo</b>", "serial": "SN<1>", "summary": "Toner <script>x</script> & co"}
    for template in ("ticket_opened", "ticket_updated", "ticket_closed", "move_status"):
        subjects = set()
        for language in ("es", "en", "de"):
            subject, text, html_body = render(
                template, language, _context(**hostile), config=config
            )
            subjects.add(subject)
            assert "1-889022872" in subject and "SN<1>" in subject
            assert "Toner <script>x</script> & co" in text and LINK in text
            assert "<script>" not in html_body and "<b>Jo" not in html_body
            assert "Toner &lt;script&gt;x&lt;/script&gt; &amp; co" in html_body
            assert "SN&lt;1&gt;" in html_body and "&lt;b&gt;Jo&lt;/b&gt;" in html_body
            assert (
                'href="https://portal.example/service/tickets/7?tab=updates&amp;x=1"' in html_body
            )
            assert "Acme &lt;Print&gt; &amp; Co" in html_body
            assert "support@provider.example" in text
        assert len(subjects) == 3


def test_notification_templates_leave_out_what_is_empty(config):
    subject, text, _ = render(
        "ticket_opened", "en", {"name": "Jo", **_context(serial="", summary="")}, config=config
    )
    assert subject == "Ticket 1-889022872 opened"
    assert "Description" not in text and "()" not in text
    assert "We have registered ticket 1-889022872." in text


def test_notification_templates_need_an_absolute_link(config):
    with pytest.raises(ValueError):
        render("ticket_closed", "es", _context(link="javascript:alert(1)"), config=config)
    with pytest.raises(ValueError):
        render("request_status", "es", _context(link="/service"), config=config)


def test_notify_refuses_a_relative_link(session, config):
    user = make_user(session, role=Role.DEVICE_MANAGER)
    with pytest.raises(ValueError):
        _send(session, config, [user], link="/service/tickets/7")
