"""Demo data (SPEC G4) and the large benchmark data set."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from portal.models import (
    Account,
    AlertEvent,
    AlertPreference,
    ArticleTranslation,
    ContractLine,
    CounterType,
    GroupProduct,
    GroupUser,
    Holiday,
    KnowledgeArticle,
    Location,
    MeterReading,
    Organisation,
    Product,
    ProductModel,
    Role,
    Ticket,
    TicketActivity,
    TicketStatus,
    User,
    UserProduct,
    UserStatus,
)
from portal.seed import (
    DEMO_LOGINS,
    DEMO_ORG_NAME,
    LARGE_ORG_NAME,
    OTHER_ORG_NAME,
    count_rows,
    is_empty,
    seed_demo,
    seed_large,
)
from portal.services import capture
from portal.services.scope import count_visible_products

FAKE_HASH = "$fake$not-a-real-hash"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _seed(session) -> dict:
    summary = seed_demo(session=session, password_hash=FAKE_HASH, now=NOW)
    session.commit()
    return summary


def _org(session, name: str) -> Organisation:
    return session.exec(select(Organisation).where(Organisation.name == name)).one()


def _products_of(session, org: Organisation) -> list[Product]:
    return list(
        session.exec(
            select(Product)
            .join(Account, col(Account.id) == col(Product.account_id))
            .where(Account.organisation_id == org.id)
        )
    )


def _user(session, email: str) -> User:
    return session.exec(select(User).where(User.email == email)).one()


def test_seed_demo_builds_a_realistic_fleet(session):
    assert is_empty(session)
    summary = _seed(session)
    assert not is_empty(session)

    demo = _org(session, DEMO_ORG_NAME)
    products = _products_of(session, demo)
    assert len(products) >= 45
    assert summary["products"] == count_rows(session, Product)
    assert len({p.model_id for p in products}) >= 5
    locations = {loc.id: loc for loc in session.exec(select(Location))}
    cities = {locations[p.location_id].city for p in products}
    assert len(cities) >= 4
    assert all(locations[p.location_id].postal_code for p in products)
    assert len({p.location_id for p in products}) == len(products)
    assert len(session.exec(select(Account).where(Account.organisation_id == demo.id)).all()) == 3
    assert any(p.auto_capture for p in products) and any(not p.auto_capture for p in products)
    assert any(p.auto_replenish for p in products)
    silent = [p for p in products if capture.is_not_reporting(p, NOW)]
    assert len(silent) == 1 and silent[0].device_status == "down"
    assert all(p.last_contact_at for p in products if p.auto_capture)
    assert any(min(p.toner_levels.values()) < 20 for p in products)
    assert all(re.fullmatch(r"[A-Z0-9]{10}", p.serial) for p in products)
    assert all(p.alternative_name and p.ip_address and p.mac_address for p in products)

    # One contract line has expired, so some products are without SLA coverage.
    lines = {line.id: line for line in session.exec(select(ContractLine))}
    expired = [p for p in products if lines[p.contract_line_id].end_date < NOW.date()]
    covered = [p for p in products if lines[p.contract_line_id].end_date >= NOW.date()]
    assert expired and covered

    for model in session.exec(select(ProductModel)):
        counters = {
            c.code: c
            for c in session.exec(select(CounterType).where(CounterType.model_id == model.id))
        }
        assert {"total", "black", "scan"} <= set(counters)
        assert ("colour" in counters) == model.is_colour
        assert counters["scan"].digits == 6 and counters["total"].digits == 8
    assert any(c.code == "black_a3" for c in session.exec(select(CounterType))), (
        "some models split A3/A4"
    )
    assert session.exec(select(Holiday).where(Holiday.day == datetime(2026, 4, 3).date())).first()

    with pytest.raises(ValueError):
        seed_demo(session=session, password_hash=FAKE_HASH, now=NOW)


def test_seed_demo_tickets_have_activities_and_resolutions(session):
    _seed(session)
    tickets = session.exec(select(Ticket)).all()
    assert len(tickets) >= 120
    assert all(re.fullmatch(r"1-\d{9}", t.number) for t in tickets)
    activities = session.exec(select(TicketActivity)).all()
    per_ticket = defaultdict(list)
    for activity in activities:
        per_ticket[activity.ticket_id].append(activity)
    assert all(1 <= len(per_ticket[t.id]) <= 5 for t in tickets)
    assert all(a.created_at <= NOW for a in activities)

    demo_ids = {p.id for p in _products_of(session, _org(session, DEMO_ORG_NAME))}
    demo_tickets = [t for t in tickets if t.product_id in demo_ids]
    open_statuses = {s.value for s in (TicketStatus.NEW, TicketStatus.ASSIGNED)} | {
        TicketStatus.PLANNED.value,
        TicketStatus.PENDING.value,
    }
    open_demo = [t for t in demo_tickets if t.status in open_statuses]
    assert 15 <= len(open_demo) <= 25
    assert {t.status for t in open_demo} == open_statuses
    assert min(t.created_at for t in demo_tickets) < NOW.replace(year=2025, month=3)

    closed = [t for t in tickets if t.status == TicketStatus.CLOSED.value]
    assert all(t.closed_at and t.solved_at and t.closed_at <= NOW for t in closed)
    assert any(t.rating for t in closed)
    resolutions = [a for a in activities if a.is_resolution]
    assert len(resolutions) >= 100
    assert all(a.diagnosis and a.action for a in resolutions)
    onsite = [a for a in resolutions if a.activity_type == "Resolution – Onsite"]
    assert onsite and all(a.visit_start < a.visit_end and a.counters["total"] for a in onsite)
    assert any(a.subtype == "Engineer visit – SLA" for a in onsite)
    assert any(t.error_code == "E000007-0000" or t.error_code.startswith("SC") for t in tickets)
    with_sla = [t for t in tickets if t.service_level_id]
    assert with_sla and all(t.response_due_at < t.resolution_due_at for t in with_sla)
    assert any(t.service_level_id is None for t in tickets)


def test_seed_demo_readings_are_monthly_and_consistent(session):
    _seed(session)
    codes_by_model = defaultdict(set)
    for counter in session.exec(select(CounterType)):
        codes_by_model[counter.model_id].add(counter.code)
    readings = defaultdict(list)
    for reading in session.exec(select(MeterReading).order_by(MeterReading.read_on)):
        readings[reading.product_id].append(reading)

    products = session.exec(select(Product)).all()
    manual = [p for p in products if not p.auto_capture]
    assert manual
    sources = set()
    for product in products:
        history = readings[product.id]
        codes = codes_by_model[product.model_id]
        assert len(history) == 24
        gaps = [(b.read_on - a.read_on).days for a, b in zip(history, history[1:], strict=False)]
        assert all(20 <= gap <= 40 for gap in gaps), "one reading per billing period"
        assert history[-1].read_on < NOW.date()
        for before, after in zip(history, history[1:], strict=False):
            assert before.read_on < after.read_on
            for code in codes:
                assert after.values[code] >= before.values[code], (product.serial, code)
        for reading in history:
            sources.add(reading.source)
            assert set(reading.values) == codes
            assert reading.values["scan"] < 10**6 and reading.values["total"] < 10**8
            if {"total", "black", "colour"} <= codes:
                assert reading.values["total"] == reading.values["black"] + reading.values["colour"]
            if "black_a3" in codes:
                a3, a4 = reading.values["black_a3"], reading.values["black_a4"]
                assert reading.values["black"] == a3 + a4
            if product.auto_capture:
                assert reading.source == "automatic"
    assert {"portal", "estimated", "automatic"} <= sources


def test_seed_demo_articles_in_three_languages(session):
    _seed(session)
    articles = session.exec(select(KnowledgeArticle)).all()
    assert len(articles) >= 60
    translations = defaultdict(dict)
    for tr in session.exec(select(ArticleTranslation)):
        translations[tr.article_id][tr.language] = tr
    codes = set()
    for article in articles:
        assert article.error_codes and article.model_names
        codes.update(article.error_codes)
        by_language = translations[article.id]
        assert set(by_language) == {"es", "en", "de"}
        for tr in by_language.values():
            assert tr.published
            assert article.error_codes[0] in tr.title and article.error_codes[0] in tr.body
            assert len(tr.body) > 400
    assert {"E000007-0000", "SC542", "C-3401", "#801", "J-101"} <= codes
    for language in ("es", "en", "de"):
        titles = [translations[a.id][language].title for a in articles]
        bodies = [translations[a.id][language].body for a in articles]
        assert len(set(titles)) == len(titles) and len(set(bodies)) == len(bodies)
    ticket_codes = {t.error_code for t in session.exec(select(Ticket)) if t.error_code}
    assert ticket_codes <= codes


def test_seed_demo_logins_roles_and_scope(session):
    _seed(session)
    expected_roles = {
        "admin@demo.example": {Role.ADMINISTRATOR},
        "manager@demo.example": {Role.DEVICE_MANAGER},
        "stock@demo.example": {Role.STOCK_MANAGER, Role.DEVICE_MANAGER},
        "knowledge@demo.example": {Role.KNOWLEDGE_USER},
        "agent@demo.example": {Role.AGENT},
        "provider@demo.example": {Role.PROVIDER_ADMIN},
        "other-admin@demo.example": {Role.ADMINISTRATOR},
    }
    assert {email for email, _ in DEMO_LOGINS} == set(expected_roles)
    demo, other = _org(session, DEMO_ORG_NAME), _org(session, OTHER_ORG_NAME)
    for email, roles in expected_roles.items():
        user = _user(session, email)
        assert user.role_set == {r.value for r in roles}
        assert user.status == UserStatus.ACTIVE.value and user.activated_at is not None
        assert user.password_hash == FAKE_HASH
        assert user.language == "es"
    assert _user(session, "agent@demo.example").organisation_id is None
    assert _user(session, "provider@demo.example").organisation_id is None
    assert _user(session, "other-admin@demo.example").organisation_id == other.id
    statuses = {u.status for u in session.exec(select(User).where(User.organisation_id == demo.id))}
    assert statuses >= {UserStatus.ACTIVE, UserStatus.PENDING, UserStatus.INACTIVE}

    manager = _user(session, "manager@demo.example")
    group_ids = session.exec(
        select(GroupUser.group_id).where(GroupUser.user_id == manager.id)
    ).all()
    assert len(group_ids) == 1
    in_group = session.exec(
        select(GroupProduct.product_id).where(GroupProduct.group_id == group_ids[0])
    ).all()
    direct = session.exec(select(UserProduct.product_id).where(UserProduct.user_id == manager.id))
    assert len(in_group) == 10 and len(direct.all()) == 2

    def visible(email: str) -> int:
        return count_visible_products(session=session, actor=_user(session, email))

    demo_count = len(_products_of(session, demo))
    assert visible("manager@demo.example") == 12
    assert visible("admin@demo.example") == demo_count
    assert visible("other-admin@demo.example") == len(_products_of(session, other)) == 5
    assert 0 < visible("stock@demo.example") < demo_count
    assert visible("knowledge@demo.example") == 0
    assert visible("agent@demo.example") == count_rows(session, Product)

    users = session.exec(select(User)).all()
    preferences = session.exec(select(AlertPreference)).all()
    assert len(preferences) == len(users) * len(AlertEvent)
    assert all(p.enabled and not p.digest for p in preferences)


def test_seed_large_creates_the_requested_volume(session):
    _seed(session)
    calls = []
    summary = seed_large(
        session=session,
        products=300,
        tickets=1000,
        months=3,
        password_hash=FAKE_HASH,
        progress=lambda done, total, label: calls.append((done, total, label)),
        now=NOW,
    )
    session.commit()
    large = _org(session, LARGE_ORG_NAME)
    products = _products_of(session, large)
    assert len(products) == summary["products"] == 300
    ids = {p.id for p in products}
    tickets = [t for t in session.exec(select(Ticket)) if t.product_id in ids]
    assert len(tickets) == summary["tickets"] == 1000
    assert len({t.number for t in session.exec(select(Ticket))}) == count_rows(session, Ticket)
    assert all(t.created_at <= NOW and (t.closed_at is None or t.closed_at <= NOW) for t in tickets)
    readings = [r for r in session.exec(select(MeterReading)) if r.product_id in ids]
    assert len(readings) == summary["readings"] == 900
    assert all(r.values["total"] == r.values["black"] + r.values.get("colour", 0) for r in readings)
    assert count_rows(session, ProductModel) == 6, "the demo models are reused"
    assert calls[-1][0] == calls[-1][1]
    manager = _user(session, "large-manager@demo.example")
    assert count_visible_products(session=session, actor=manager) == 300
    admin = _user(session, "large-admin@demo.example")
    assert count_visible_products(session=session, actor=admin) == 300
    with pytest.raises(ValueError):
        seed_large(session=session, products=1, tickets=1, months=1, password_hash=FAKE_HASH)


def _cli(monkeypatch, engine, env: dict[str, str]):
    import portal.__main__ as cli
    from portal import db
    from portal.settings import load_settings

    monkeypatch.setattr(cli, "settings", load_settings(env))
    monkeypatch.setattr(cli, "migrate", lambda: None)
    monkeypatch.setattr(cli, "session_scope", lambda: db.session_scope(engine))
    monkeypatch.setattr(cli, "_hash", lambda password: FAKE_HASH)
    # prepare() also builds the knowledge index: from this database, into the temp dir.
    monkeypatch.setattr(db, "get_engine", lambda: engine)
    monkeypatch.setattr(
        "portal.services.index_writer.index_dir",
        lambda: Path(env["PORTAL_DATA_DIR"]) / "knowledge_index",
    )
    return cli


def test_prepare_seeds_once_and_prints_the_logins(engine, tmp_path, monkeypatch, capsys):
    cli = _cli(monkeypatch, engine, {"PORTAL_DATA_DIR": str(tmp_path)})
    assert cli.main(["prepare"]) == 0
    out = capsys.readouterr().out
    password_file = tmp_path / "demo-password.txt"
    password = password_file.read_text().strip()
    assert len(password) == 16 and password.isalnum()
    assert password_file.stat().st_mode & 0o777 == 0o600
    assert "Demo data seeded" in out and f"Password: {password}" in out
    assert all(email in out for email, _ in DEMO_LOGINS)

    assert cli.main(["prepare"]) == 0
    out = capsys.readouterr().out
    assert "Demo data seeded" not in out and f"Password: {password}" in out


def test_prepare_uses_the_configured_password_or_seeds_nothing(
    engine, tmp_path, monkeypatch, capsys
):
    cli = _cli(monkeypatch, engine, {"PORTAL_DATA_DIR": str(tmp_path), "PORTAL_DEMO": "0"})
    cli.main(["prepare"])
    assert "Password" not in capsys.readouterr().out
    with Session(engine) as session:
        assert is_empty(session)

    env = {"PORTAL_DATA_DIR": str(tmp_path), "PORTAL_DEMO_PASSWORD": "Correct-Horse-42"}
    cli = _cli(monkeypatch, engine, env)
    cli.main(["prepare"])
    assert "Password: Correct-Horse-42" in capsys.readouterr().out
    assert not (tmp_path / "demo-password.txt").exists()


def test_random_password_is_readable_and_mixed():
    from portal.__main__ import random_password

    passwords = {random_password() for _ in range(50)}
    assert len(passwords) == 50
    for password in passwords:
        assert len(password) == 16
        assert not set(password) & set("0O1lI")
        assert any(c.isdigit() for c in password) and any(c.isupper() for c in password)


def test_progress_bar_draws_plain_text():
    import io

    from portal.progress import ProgressBar

    out = io.StringIO()
    bar = ProgressBar(out, width=10)
    bar(45, 100, "products")
    bar(45, 100, "products")
    bar(100, 100, "readings")
    bar.finish()
    assert out.getvalue() == "\r[####      ]  45% products  \r[##########] 100% readings  \n"
