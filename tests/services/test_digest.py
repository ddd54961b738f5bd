"""The daily digest: one e-mail per user, once a day across workers (SPEC E2)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from portal.models import (
    AlertEvent,
    AlertPreference,
    DigestItem,
    JobLock,
    OutboxMessage,
    Role,
    UserStatus,
)
from portal.services import digest, notify
from portal.settings import load_settings
from tests.factories import make_org, make_user

BASE = "https://portal.example"


@pytest.fixture
def config(tmp_path):
    return load_settings({"PORTAL_DATA_DIR": str(tmp_path / "data"), "PORTAL_BASE_URL": BASE})


def _digest_user(session, org, language="es", events=tuple(AlertEvent)):
    user = make_user(session, org, role=Role.DEVICE_MANAGER, language=language)
    for event in events:
        session.add(AlertPreference(user_id=user.id, event=str(event), digest=True))
    session.flush()
    return user


def _alert(session, config, users, number, event=AlertEvent.TICKET_UPDATED, status="assigned"):
    template = {AlertEvent.MOVE_STATUS: "move_status"}.get(event, str(event))
    notify.notify(
        session=session,
        event=event,
        recipients=users,
        actor=None,
        template=template,
        context={
            "number": number,
            "serial": "SN1",
            "status": status,
            "summary": "",
            "link": f"{BASE}/service/tickets/{number}",
        },
        config=config,
    )


def _outbox(engine):
    with Session(engine) as session:
        return session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all()


def _items(engine):
    with Session(engine) as session:
        return session.exec(select(DigestItem).order_by(DigestItem.id)).all()


@pytest.fixture
def two_users(engine, session, config, clock):
    """Ana (es) with three held alerts, Ben (en) with one, Carl (immediate) with none."""
    org = make_org(session)
    ana = _digest_user(session, org, "es")
    ben = _digest_user(session, org, "en")
    carl = make_user(session, org, role=Role.DEVICE_MANAGER)
    _alert(session, config, [ana, ben, carl], "1-889000001")
    clock.advance(hours=2)
    _alert(session, config, [ana], "1-889000002", event=AlertEvent.TICKET_CLOSED)
    _alert(session, config, [ana], "42", event=AlertEvent.MOVE_STATUS, status="scheduled")
    session.commit()
    clock.advance(hours=1)
    return ana, ben, carl


def test_send_digests_mails_every_user_one_message_with_all_items(engine, config, clock, two_users):
    ana, ben, carl = two_users
    immediate = len(_outbox(engine))
    assert immediate == 1  # Carl's own alert went out at once

    assert digest.send_digests(engine=engine, config=config) == 2

    messages = {m.to_address: m for m in _outbox(engine)[immediate:]}
    assert set(messages) == {ana.email, ben.email}
    to_ana = messages[ana.email]
    assert to_ana.subject == "Su resumen diario de Acme Print Services"
    for line in (
        "Novedades en la incidencia 1-889000001 (equipo SN1): Asignada",
        "Incidencia 1-889000002 cerrada (equipo SN1)",
        "Solicitud de traslado 42 (equipo SN1): Programada",
        f"{BASE}/service/tickets/1-889000002",
    ):
        assert line in to_ana.text_body
        assert line in to_ana.html_body
    assert to_ana.text_body.index("1-889000001") < to_ana.text_body.index("1-889000002")
    to_ben = messages[ben.email]
    assert to_ben.subject == "Your daily summary from Acme Print Services"
    assert "Update on ticket 1-889000001 (machine SN1): Assigned" in to_ben.text_body
    assert "1-889000002" not in to_ben.text_body
    assert f'href="{BASE}/"' in to_ben.html_body
    items = _items(engine)
    assert len(items) == 4
    assert all(item.sent_at == clock.current for item in items)


def test_send_digests_twice_sends_nothing_new(engine, session, config, clock, two_users):
    ana, _, _ = two_users
    assert digest.send_digests(engine=engine, config=config) == 2
    count = len(_outbox(engine))

    assert digest.send_digests(engine=engine, config=config) == 0
    assert len(_outbox(engine)) == count

    clock.advance(hours=1)
    _alert(session, config, [ana], "1-889000003")
    session.commit()
    assert digest.send_digests(engine=engine, config=config) == 1
    last = _outbox(engine)[-1]
    assert last.to_address == ana.email
    assert "1-889000003" in last.text_body and "1-889000001" not in last.text_body


def test_items_newer_than_the_run_wait_for_the_next_one(engine, config, clock, two_users):
    ana, ben, _ = two_users
    earlier = clock.current - timedelta(hours=2, minutes=30)

    assert digest.send_digests(engine=engine, now=earlier, config=config) == 2

    pending = [item for item in _items(engine) if item.sent_at is None]
    assert [item.user_id for item in pending] == [ana.id, ana.id]


def test_items_of_users_who_left_are_settled_without_mail(engine, session, config, two_users):
    ana, ben, _ = two_users
    ana.status = UserStatus.INACTIVE.value
    session.add(ana)
    session.commit()
    before = len(_outbox(engine))

    assert digest.send_digests(engine=engine, config=config) == 1

    assert [m.to_address for m in _outbox(engine)[before:]] == [ben.email]
    assert all(item.sent_at is not None for item in _items(engine))


def test_run_digest_once_runs_once_per_day_across_workers(
    engine, session, config, clock, two_users
):
    ana, _, _ = two_users
    clock.current = clock.current.replace(day=3, hour=5, minute=59)  # the morning after
    before = len(_outbox(engine))

    assert not digest.run_digest_once(engine=engine, holder="w1", hour_utc=6, config=config)
    assert len(_outbox(engine)) == before

    clock.advance(minutes=1)
    assert digest.run_digest_once(engine=engine, holder="w1", hour_utc=6, config=config)
    assert not digest.run_digest_once(engine=engine, holder="w2", hour_utc=6, config=config)
    assert len(_outbox(engine)) == before + 2

    # New alerts later that day wait for tomorrow, even for the worker that ran.
    clock.advance(hours=10)
    _alert(session, config, [ana], "1-889000004")
    session.commit()
    assert not digest.run_digest_once(engine=engine, holder="w1", hour_utc=6, config=config)
    assert not digest.run_digest_once(engine=engine, holder="w3", hour_utc=6, config=config)
    assert len(_outbox(engine)) == before + 2

    clock.advance(hours=14)  # next day, 06:00
    assert digest.run_digest_once(engine=engine, holder="w2", hour_utc=6, config=config)
    assert _outbox(engine)[-1].to_address == ana.email
    assert "1-889000004" in _outbox(engine)[-1].text_body
    with Session(engine) as s:
        assert {lock.name for lock in s.exec(select(JobLock)).all()} == {
            "digest:2026-03-03",
            "digest:2026-03-04",
        }


def test_concurrent_workers_send_the_digest_once(engine, config, clock, two_users):
    before = len(_outbox(engine))
    barrier = threading.Barrier(3)
    results = []

    def worker(holder):
        barrier.wait()
        results.append(digest.run_digest_once(engine=engine, holder=holder, config=config))

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(results) == [False, False, True]
    assert len(_outbox(engine)) == before + 2


def test_old_digest_leases_are_cleaned_up(engine, config, clock):
    with Session(engine) as s:
        s.add(
            JobLock(
                name="digest:2026-01-01", holder="x", expires_at=clock.current - timedelta(days=30)
            )
        )
        s.add(JobLock(name="other", holder="x", expires_at=clock.current - timedelta(days=30)))
        s.commit()

    assert digest.run_digest_once(engine=engine, holder="w1", config=config)

    with Session(engine) as s:
        names = {lock.name for lock in s.exec(select(JobLock)).all()}
    assert names == {"other", "digest:2026-03-02"}


def test_run_daily_digest_survives_errors(engine, monkeypatch):
    calls = []

    def flaky(*, engine, holder, hour_utc):
        calls.append((engine, hour_utc))
        if len(calls) == 1:
            raise RuntimeError("database away")
        return False

    monkeypatch.setattr("portal.db.get_engine", lambda: engine)
    monkeypatch.setattr(digest, "run_digest_once", flaky)

    async def run_briefly():
        task = asyncio.create_task(digest.run_daily_digest(hour_utc=7, interval=0.01))
        while len(calls) < 3:
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    # A thread of its own: the browser tests' Playwright keeps a loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, asyncio.wait_for(run_briefly(), timeout=10)).result()
    assert calls[:3] == [(engine, 7)] * 3
