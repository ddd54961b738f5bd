"""The audit log page's service (SPEC G3): own organisation only, filters, secrets hidden."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from portal.errors import PermissionDenied, ValidationFailed
from portal.models import AuditLog, Role
from portal.services import audit_log
from tests.factories import make_org, make_user


def _entry(session, org, actor, when, *, object_type="product", action="product.updated", **kw):
    entry = AuditLog(
        organisation_id=org.id,
        actor_id=actor.id if actor is not None else None,
        action=action,
        object_type=object_type,
        object_id=kw.get("object_id", 7),
        old_values=kw.get("old", {}),
        new_values=kw.get("new", {}),
        created_at=when,
    )
    session.add(entry)
    session.flush()
    return entry


@pytest.fixture
def log(session):
    """A log of five entries in one organisation and one in another."""
    org = make_org(session, "Demo")
    admin = make_user(session, org, role=Role.ADMINISTRATOR, email="ana@demo.example")
    manager = make_user(session, org, role=Role.DEVICE_MANAGER, email="mario@demo.example")
    make_user(session, org, role=Role.STOCK_MANAGER, email="never-acted@demo.example")
    other_org = make_org(session, "Other")
    outsider = make_user(session, other_org, role=Role.ADMINISTRATOR, email="x@other.example")

    def at(day, hour=12, minute=0):
        return datetime(2026, 3, day, hour, minute, tzinfo=UTC)

    entries = {
        "first": _entry(
            session,
            org,
            manager,
            at(1, 0, 0),
            old={"alternative_name": "Old", "city": "Madrid"},
            new={"alternative_name": "New", "city": "Madrid"},
        ),
        "user": _entry(
            session,
            org,
            admin,
            at(2, 23, 59),
            object_type="user",
            action="user.password_changed",
            old={"password_hash": "$argon2id$secret-old", "reset_token": "abc"},
            new={"password_hash": "$argon2id$secret-new", "first_name": "Ana"},
        ),
        "group": _entry(session, org, admin, at(3), object_type="group", action="group.created"),
        "system": _entry(session, org, None, at(4), object_type="user", action="user.registered"),
        "last": _entry(session, org, manager, at(5, 8, 30)),
        "foreign": _entry(session, other_org, outsider, at(3), object_type="invoice"),
    }
    return {
        "org": org,
        "admin": admin,
        "manager": manager,
        "outsider": outsider,
        "agent": make_user(session, role=Role.AGENT),
        "entries": entries,
    }


def _ids(page):
    return [row["id"] for row in page.rows]


def _e(log, *names):
    return [log["entries"][name].id for name in names]


def test_administrator_sees_only_their_organisation_newest_first(session, log):
    page = audit_log.list_audit(session=session, actor=log["admin"])

    assert _ids(page) == _e(log, "last", "system", "group", "user", "first")
    assert page.total == 5
    row = page.rows[0]
    assert row["at"] == "2026-03-05T08:30:00+00:00"
    assert row["at_text"] == "2026-03-05 08:30"
    assert (row["actor_email"], row["action"], row["object_type"], row["object_id"]) == (
        "mario@demo.example",
        "product.updated",
        "product",
        "7",
    )
    assert page.rows[1]["system"] is True
    assert page.rows[1]["actor_name"] == ""


def test_other_organisations_admin_sees_only_theirs(session, log):
    page = audit_log.list_audit(session=session, actor=log["outsider"])

    assert _ids(page) == _e(log, "foreign")


def test_non_administrators_are_refused(session, log):
    for actor in (log["manager"], log["agent"], None):
        with pytest.raises(PermissionDenied):
            audit_log.list_audit(session=session, actor=actor)
        with pytest.raises(PermissionDenied):
            audit_log.audit_filter_options(session=session, actor=actor)


def test_filter_by_user(session, log):
    page = audit_log.list_audit(session=session, actor=log["admin"], user_id=log["manager"].id)
    as_text = audit_log.list_audit(
        session=session, actor=log["admin"], user_id=str(log["admin"].id)
    )

    assert _ids(page) == _e(log, "last", "first")
    assert _ids(as_text) == _e(log, "group", "user")


def test_user_of_another_organisation_or_garbage_gives_nothing(session, log):
    for user_id in (log["outsider"].id, log["agent"].id, 987_654, "x' OR 1=1"):
        page = audit_log.list_audit(session=session, actor=log["admin"], user_id=user_id)
        assert (page.rows, page.total) == ([], 0)


def test_filter_by_object_type_is_whitelisted(session, log):
    users = audit_log.list_audit(session=session, actor=log["admin"], object_type="user")
    foreign_type = audit_log.list_audit(session=session, actor=log["admin"], object_type="invoice")
    unknown = audit_log.list_audit(session=session, actor=log["admin"], object_type="nonsense")

    assert _ids(users) == _e(log, "system", "user")
    assert foreign_type.rows == []
    assert unknown.rows == []


def test_filter_by_inclusive_utc_days(session, log):
    one_day = audit_log.list_audit(
        session=session, actor=log["admin"], date_from="2026-03-02", date_to="2026-03-02"
    )
    open_end = audit_log.list_audit(session=session, actor=log["admin"], date_from=date(2026, 3, 4))
    until = audit_log.list_audit(session=session, actor=log["admin"], date_to="2026-03-01")
    combined = audit_log.list_audit(
        session=session,
        actor=log["admin"],
        user_id=log["admin"].id,
        object_type="group",
        date_from="2026-03-01",
        date_to="2026-03-31",
    )

    assert _ids(one_day) == _e(log, "user")
    assert _ids(open_end) == _e(log, "last", "system")
    assert _ids(until) == _e(log, "first")
    assert _ids(combined) == _e(log, "group")


def test_date_range_that_ends_before_it_starts_is_rejected(session, log):
    with pytest.raises(ValidationFailed) as caught:
        audit_log.list_audit(
            session=session, actor=log["admin"], date_from="2026-03-05", date_to="2026-03-01"
        )
    assert caught.value.errors == {"date_to": "error.audit_date_order"}

    with pytest.raises(ValidationFailed) as caught:
        audit_log.list_audit(session=session, actor=log["admin"], date_from="yesterday")
    assert caught.value.errors == {"date_from": "error.audit_date_invalid"}


def test_changes_are_short_lines_and_secrets_never_show(session, log):
    rows = {
        row["id"]: row for row in audit_log.list_audit(session=session, actor=log["admin"]).rows
    }

    first = rows[log["entries"]["first"].id]["changes"]
    assert first == ["alternative_name: Old → New", "city: Madrid"]
    user = rows[log["entries"]["user"].id]["changes"]
    assert user == ["password_hash: ***", "reset_token: ***", "first_name: — → Ana"]
    assert "secret" not in " ".join(user)
    assert "abc" not in " ".join(user)


def test_long_values_are_shortened():
    lines = audit_log.describe_changes({"notes": "x" * 200}, {"notes": None, "tags": ["a", "b"]})

    assert lines[0].startswith("notes: xxx")
    assert lines[0].endswith("… → —")
    assert len(lines[0]) < 80
    assert lines[1] == "tags: — → a, b"


def test_pages_of_the_log(session, log):
    for minute in range(60):
        _entry(
            session,
            log["org"],
            log["admin"],
            datetime(2026, 2, 1, 10, minute, tzinfo=UTC),
            object_type="ticket",
        )

    first = audit_log.list_audit(session=session, actor=log["admin"])
    second = audit_log.list_audit(session=session, actor=log["admin"], page=2)
    beyond = audit_log.list_audit(session=session, actor=log["admin"], page=50, page_size=25)

    assert (first.total, first.pages, len(first.rows)) == (65, 2, 50)
    assert (second.page, len(second.rows)) == (2, 15)
    assert (beyond.page, beyond.pages, len(beyond.rows)) == (3, 3, 15)


def test_filter_options_list_acting_users_and_object_types(session, log):
    options = audit_log.audit_filter_options(session=session, actor=log["admin"])

    emails = sorted(u["label"].rsplit("<", 1)[-1].rstrip(">") for u in options["users"])
    assert emails == ["ana@demo.example", "mario@demo.example"]
    assert {u["id"] for u in options["users"]} == {str(log["admin"].id), str(log["manager"].id)}
    assert options["object_types"] == [
        {"value": "group", "key": "audit.object.group"},
        {"value": "product", "key": "audit.object.product"},
        {"value": "user", "key": "audit.object.user"},
    ]
