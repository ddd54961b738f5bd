"""G6 by configuration only: the same build on PostgreSQL with Redis holding the state,
served by three backend workers.

The journey proves what several workers must not break: a session survives its worker
being killed and carries on at another one, the scheduled jobs (digest, reading
reminders, toner and silence alerts) that every worker runs send each e-mail once,
knowledge index writes go through the one writer, and a worker killed while it handles
a ticket submission loses nothing and duplicates nothing.

Runs whenever PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) answer, as in CI.
"""

from __future__ import annotations

import collections
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD, ROOT, answers, login

pytestmark = pytest.mark.e2e

PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
WORKERS = 3
ADMIN = "admin@demo.example"
MANAGER = "manager@demo.example"
AGENT = "agent@demo.example"
DIGEST_SUMMARY = "E2E digest item: sent once by one of three workers"


def _ss(*args: str) -> list[str]:
    out = subprocess.run(["ss", "-Htnp", *args], capture_output=True, text=True, check=True)
    return out.stdout.splitlines()


def _pids(line: str) -> set[int]:
    return {int(pid) for pid in re.findall(r"pid=(\d+)", line)}


def listening_workers(port: int) -> set[int]:
    """The processes listening on ``port``: Granian's workers each hold the socket."""
    pids: set[int] = set()
    for line in _ss("-l", f"sport = :{port}"):
        pids |= _pids(line)
    return pids


def _connections(port: int) -> dict[str, tuple[int, int]]:
    """Established server-side connections on ``port``: peer → (worker pid, bytes received)."""
    found = {}
    lines = _ss("-i", "state", "established", f"( sport = :{port} )")
    # With -i every connection is followed by its own line of TCP information.
    for head, info in zip(lines[::2], lines[1::2], strict=False):
        peer = head.split()[3]
        received = re.search(r"bytes_received:(\d+)", info)
        pids = _pids(head)
        if pids:
            found[peer] = (min(pids), int(received.group(1)) if received else 0)
    return found


def websocket_worker(port: int, action) -> int:
    """The worker whose connection carries the event that ``action`` sends."""
    before = _connections(port)
    action()
    time.sleep(0.5)
    after = _connections(port)
    grew = {
        pid
        for peer, (pid, received) in after.items()
        if peer in before and received > before[peer][1]
    }
    assert len(grew) == 1, f"cannot tell the page's worker: {before} → {after}"
    return grew.pop()


def wait_for_workers(port: int, count: int, timeout: float = 60) -> set[int]:
    deadline = time.monotonic() + timeout
    while True:
        workers = listening_workers(port)
        if len(workers) == count or time.monotonic() > deadline:
            return workers
        time.sleep(0.5)


def _children(pid: int) -> set[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return {int(p) for p in out.stdout.split()}


def _parent(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as handle:
        return int(handle.read().rsplit(")", 1)[1].split()[1])


def _stage_scheduled_mail(db_url: str) -> dict:
    """Give the first start's scheduled jobs mail to send: a digest item and a reminder.

    The admin gets a digest item, and the account with due products gets the invoice
    day that makes today the day of its 10-day reading reminder.
    """
    from sqlmodel import Session, col, select

    from portal.db import make_engine
    from portal.models import Account, DigestItem, User
    from portal.services import readings, reminders

    engine = make_engine(db_url)
    today = datetime.now(UTC).date()
    day = next(
        d for d in range(1, 29) if (readings.window_for_day(d, today).closes_on - today).days == 10
    )
    with Session(engine) as session:
        admin = session.exec(select(User).where(User.email == ADMIN)).one()
        session.add(
            DigestItem(
                user_id=admin.id,
                event="ticket_opened",
                summary=DIGEST_SUMMARY,
                created_at=datetime.now(UTC) - timedelta(hours=1),
            )
        )
        for account in session.exec(
            select(Account).where(col(Account.organisation_id) == admin.organisation_id)
        ).all():
            account.invoice_day = day
            window = readings.billing_window(account=account, today=today)
            if reminders._due_products(session, account, window):
                session.add(account)
                break
        else:
            pytest.fail("no demo account has products due for a reading")
        session.commit()
        summary = f"{account.name} ({account.number})"
    engine.dispose()
    return {"reminder": summary}


@pytest.fixture(scope="module")
def scaled_portal(tmp_path_factory, mailbox):
    if not (answers(5432) and answers(6379)):
        pytest.skip("PostgreSQL and Redis are not running on 127.0.0.1")
    from tests.e2e.conftest import running_portal

    name = f"portal_e2e_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(f"{PG_SERVER}/test", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    redis_db = 7
    import redis

    redis.Redis(host="127.0.0.1", port=6379, db=redis_db).flushdb()
    data_dir = tmp_path_factory.mktemp("scaled-data")
    web_dir = tmp_path_factory.mktemp("scaled-web") / ".web"
    if (ROOT / ".web" / "node_modules").exists():
        # Start from the installed front-end packages instead of a fresh npm install.
        shutil.copytree(ROOT / ".web", web_dir, symlinks=True)
    env = {
        "PORTAL_DATABASE_URL": f"{PG_SERVER}/{name}",
        "REFLEX_REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}",
        "PORTAL_WORKERS": str(WORKERS),
        "PORTAL_SMTP_URL": f"smtp://127.0.0.1:{mailbox.port}",
    }
    try:
        # Seed before the first start so that the three workers' first scheduled runs race.
        subprocess.run(
            [sys.executable, "-m", "portal", "prepare"],
            cwd=ROOT,
            env={
                **os.environ,
                **env,
                "PORTAL_DATA_DIR": str(data_dir),
                "PORTAL_DEMO": "1",
                "PORTAL_DEMO_PASSWORD": DEMO_PASSWORD,
                "PORTAL_FAST_HASH": "1",
            },
            check=True,
            capture_output=True,
        )
        staged = _stage_scheduled_mail(env["PORTAL_DATABASE_URL"])
        first_mail = len(mailbox.messages)
        with running_portal(data_dir, extra_env=env, web_dir=str(web_dir)) as url:
            yield {
                "url": url,
                "port": int(url.rsplit(":", 1)[1]),
                "db_url": env["PORTAL_DATABASE_URL"],
                "redis_db": redis_db,
                "log": data_dir / "server.log",
                "first_mail": first_mail,
                **staged,
            }
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _scalar(db_url: str, query: str, **params):
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        value = conn.execute(sa.text(query), params).scalar_one()
    engine.dispose()
    return value


def _body(msg) -> str:
    return msg.get_body(preferencelist=("plain",)).get_content()


def test_three_workers_send_every_scheduled_mail_once(scaled_portal, mailbox):
    port = scaled_portal["port"]
    workers = wait_for_workers(port, WORKERS)
    assert len(workers) == WORKERS, f"listening workers: {workers}"
    supervisor = {_parent(pid) for pid in workers}
    assert len(supervisor) == 1 and workers <= _children(supervisor.pop())

    mailbox.wait_for(ADMIN, timeout=60)
    # Every worker's first scheduled run has happened and two dispatcher rounds have passed.
    time.sleep(12)
    messages = mailbox.messages[scaled_portal["first_mail"] :]
    digests = [m for m in messages if DIGEST_SUMMARY in _body(m)]
    assert [str(m["To"]) for m in digests] == [ADMIN]
    reminders = [m for m in messages if scaled_portal["reminder"] in _body(m)]
    assert reminders, "the staged reading reminder was not sent"
    sent_to = collections.Counter(str(m["To"]) for m in reminders)
    assert max(sent_to.values()) == 1, sent_to
    twice = collections.Counter((str(m["To"]), str(m["Subject"])) for m in messages)
    assert max(twice.values()) == 1, f"e-mail sent twice: {twice.most_common(3)}"

    db = scaled_portal["db_url"]
    assert _scalar(db, "SELECT count(*) FROM outboxmessage WHERE attempts > 1") == 0
    # Read after the mailbox: a message sent twice would outnumber the outbox.
    sent = _scalar(db, "SELECT count(*) FROM outboxmessage WHERE sent_at IS NOT NULL")
    assert len(messages) <= sent
    log = scaled_portal["log"].read_text()
    assert len(re.findall(r"daily digest digest:\S+: \d+ e-mails queued", log)) == 1
    print(f"workers {sorted(workers)}: {len(messages)} e-mails, each once; reminders {sent_to}")


def test_a_session_moves_to_another_worker_when_its_worker_dies(browser, scaled_portal):
    import redis

    port = scaled_portal["port"]
    context = browser.new_context(base_url=scaled_portal["url"])
    page = context.new_page()
    page.set_default_timeout(30000)
    login(page, ADMIN)
    expect(page.locator("#home-product-count")).to_have_text("48")
    sessions = _scalar(scaled_portal["db_url"], 'SELECT count(*) FROM "usersession"')
    assert sessions >= 1
    keys = redis.Redis(host="127.0.0.1", port=6379, db=scaled_portal["redis_db"]).keys("*")
    assert keys, "Reflex kept no state in Redis"

    switch = page.locator("#language-switch")
    first = websocket_worker(port, lambda: switch.select_option("en"))
    expect(page.locator("#tab-products")).to_have_text("Knowledge and products")
    os.kill(first, signal.SIGKILL)
    # The page reconnects to a surviving worker and is still signed in there.
    time.sleep(3)
    second = websocket_worker(port, lambda: switch.select_option("es"))
    assert second != first
    expect(page.locator("#tab-products")).to_have_text("Conocimiento y productos")
    page.locator("#tab-products").click()
    expect(page.locator("#products-table")).to_be_visible()
    page.goto("/")
    expect(page.locator("#home-product-count")).to_have_text("48")

    workers = wait_for_workers(port, WORKERS)
    assert len(workers) == WORKERS and first not in workers, "the killed worker was not replaced"
    print(f"session served by worker {first}, killed; then by {second}; workers now {workers}")
    context.close()


def _fill_ticket(page, serial: str, reference: str, port: int | None = None) -> int | None:
    """Fill the new-ticket form; with ``port``, return the worker that serves the page."""
    page.goto("/service/new")
    search = page.locator("#ticket-product-search")
    worker = None
    if port:
        worker = websocket_worker(port, lambda: search.fill(serial[-5:]))
    else:
        search.fill(serial[-5:])
    page.locator(f".product-choice[data-serial='{serial}']").click()
    expect(page.locator("#ticket-product-chosen")).to_contain_text(serial)
    page.locator("#ticket_type").select_option("paper_jam")
    page.locator("#description").fill("La bandeja 2 atasca el papel en cada trabajo.")
    page.locator("#contact_name").fill("Miguel López")
    page.locator("#contact_phone").fill("+34 91 555 01 24")
    page.locator("#your_reference").fill(reference)
    return worker


def test_a_worker_killed_during_a_ticket_submission_loses_and_doubles_nothing(
    browser, scaled_portal
):
    from tests.e2e.test_tickets import _covered_product

    port = scaled_portal["port"]
    db = scaled_portal["db_url"]
    serial = _covered_product(db)
    reference = f"KILL-{uuid.uuid4().hex[:6]}"
    context = browser.new_context(base_url=scaled_portal["url"])
    page = context.new_page()
    page.set_default_timeout(30000)
    login(page, MANAGER)
    # A worker respawned less than 5.5 s ago and killed again makes Granian give up.
    time.sleep(6)
    worker = _fill_ticket(page, serial, reference, port)
    page.locator("#ticket-submit").click()
    os.kill(worker, signal.SIGKILL)

    # The user looks for the ticket in the open tickets, and submits again if it is not there.
    time.sleep(1)
    page.goto("/service")
    expect(page.locator("#tickets-table")).to_be_visible()
    retried = page.locator("#tickets-table", has_text=reference).count() == 0
    if retried:
        _fill_ticket(page, serial, reference)
        page.locator("#ticket-submit").click()
        page.wait_for_url(re.compile(r".*/service/tickets/\d+\?created=1$"))
        page.goto("/service")
    expect(page.locator("#tickets-table")).to_contain_text(reference)
    count = _scalar(db, "SELECT count(*) FROM ticket WHERE your_reference = :r", r=reference)
    assert count == 1, f"{count} tickets for one submission (retried: {retried})"
    # The ticket is whole: its activity log was written in the same transaction.
    activities = _scalar(
        db,
        "SELECT count(*) FROM ticketactivity a JOIN ticket t ON t.id = a.ticket_id "
        "WHERE t.your_reference = :r",
        r=reference,
    )
    assert activities >= 1
    print(f"worker {worker} killed during the submission; retried: {retried}; tickets: {count}")
    assert len(wait_for_workers(port, WORKERS)) == WORKERS
    context.close()


def test_index_writes_of_any_worker_go_through_the_one_writer(browser, scaled_portal):
    code = f"ZQ-{uuid.uuid4().int % 9000 + 1000}"
    context = browser.new_context(base_url=scaled_portal["url"])
    page = context.new_page()
    page.set_default_timeout(30000)
    login(page, AGENT)
    page.goto("/knowledge/manage")
    page.locator("#kb-new").click()
    page.locator("#article-codes").fill(code)
    page.locator("#article-title").fill(f"Error {code}: la grapadora no grapa")
    page.locator("#article-body").fill("Cambie el cartucho de grapas.")
    page.locator("#article-publish").click()
    expect(page.locator("#article-message")).to_be_visible()
    # The writer may wait a few seconds for the lease before it applies the change.
    page.goto("/knowledge")
    deadline = time.monotonic() + 20
    while True:
        page.locator("#kb-query").fill(code)
        page.locator("#kb-search").click()
        page.wait_for_timeout(1000)
        if page.locator("#kb-results .kb-result", has_text=code).count():
            break
        assert time.monotonic() < deadline, f"{code} never reached the index"
    context.close()

    # Fresh sessions land on any of the workers; each finds the article.
    for _ in range(WORKERS):
        context = browser.new_context(base_url=scaled_portal["url"])
        page = context.new_page()
        page.set_default_timeout(30000)
        login(page, MANAGER)
        page.goto("/knowledge")
        expect(page.locator("#kb-query")).to_be_editable()
        for _attempt in range(3):  # a click before the page is hydrated is lost
            page.locator("#kb-query").fill(code)
            page.locator("#kb-search").click()
            page.wait_for_timeout(2000)
            if page.locator("#kb-results .kb-result", has_text=code).count():
                break
        expect(page.locator("#kb-results .kb-result").first).to_contain_text(code)
        context.close()

    db = scaled_portal["db_url"]
    holders = _scalar(
        db,
        "SELECT count(*) FROM joblock WHERE name = 'knowledge-index-writer' AND expires_at > now()",
    )
    assert holders == 0, "the writer lease was left taken"
    log = scaled_portal["log"].read_text()
    assert "IndexBusy" not in log and "LockError" not in log
