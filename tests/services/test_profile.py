"""The signed-in user's own profile (SPEC E1): details, language, password, sessions."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from portal import security
from portal.errors import PermissionDenied, ValidationFailed
from portal.models import AuditLog, OutboxMessage, Product, Role, User, UserSession, UserStatus
from portal.services import identity, profile, tickets
from portal.services.profile import PersonalDetails
from portal.services.tickets import TicketCreate
from tests.factories import assign_product, make_org, make_product, make_user

PASSWORD = "correct horse battery"
NEW_PASSWORD = "violet tractor anthem"
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/124.0 Safari/537.36"
)
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"


@pytest.fixture(autouse=True)
def fast_hashing():
    security.configure_for_tests()


@pytest.fixture
def ana(session, clock):
    """An active device manager with a password, one product, and a colleague."""
    org = make_org(session)
    user = make_user(
        session,
        org,
        role=Role.DEVICE_MANAGER,
        email="ana@example.com",
        password_hash=security.hash_password(PASSWORD),
    )
    user.first_name, user.last_name, user.phone = "Ana", "García", "+34 600 111 222"
    product = make_product(session, org, serial="SN-PROFILE-1")
    assign_product(session, user, product)
    session.commit()
    return user


def _login(session, email="ana@example.com", password=PASSWORD, user_agent=""):
    outcome = identity.login(session=session, email=email, password=password, user_agent=user_agent)
    session.commit()
    return outcome[1] if outcome else None


def _audits(session, action):
    return session.exec(select(AuditLog).where(col(AuditLog.action) == action)).all()


def _details(**values) -> PersonalDetails:
    data = {"first_name": "Ana", "last_name": "García", "phone": "", "job_title": ""}
    data.update(values)
    return PersonalDetails(**data)


# --- personal details and language ------------------------------------------------------


def test_details_are_saved_trimmed_and_audited(session, ana):
    profile.update_details(
        session=session,
        actor=ana,
        data=_details(
            first_name="  Ana María ",
            last_name="García\nLópez",
            phone=" +34 91 555 12 34 ",
            job_title="Office   manager",
        ),
    )
    session.commit()

    shown = profile.details(session=session, actor=ana)
    assert shown["first_name"] == "Ana María"
    assert shown["last_name"] == "García López"
    assert shown["phone"] == "+34 91 555 12 34"
    assert shown["job_title"] == "Office manager"
    assert shown["email"] == "ana@example.com"
    [entry] = _audits(session, "profile.updated")
    assert entry.actor_id == ana.id and entry.object_id == ana.id
    assert entry.old_values["first_name"] == "Ana"
    assert entry.new_values["job_title"] == "Office manager"
    assert "email" not in entry.new_values


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        ({"first_name": "   "}, {"first_name": "error.required"}),
        ({"first_name": "A" * 81}, {"first_name": "error.too_long"}),
        ({"last_name": "B" * 81}, {"last_name": "error.too_long"}),
        ({"phone": "call me"}, {"phone": "error.phone_invalid"}),
        ({"phone": "12 34"}, {"phone": "error.phone_invalid"}),
        ({"phone": "9" * 41}, {"phone": "error.too_long"}),
        ({"job_title": "C" * 81}, {"job_title": "error.too_long"}),
        (
            {"first_name": "", "phone": "abc", "job_title": "C" * 81},
            {
                "first_name": "error.required",
                "phone": "error.phone_invalid",
                "job_title": "error.too_long",
            },
        ),
    ],
)
def test_invalid_details_are_refused_per_field_and_nothing_changes(session, ana, values, errors):
    with pytest.raises(ValidationFailed) as caught:
        profile.update_details(
            session=session, actor=ana, data=_details(**{"job_title": "Boss", **values})
        )
    session.rollback()
    assert caught.value.errors == errors
    stored = session.get(User, ana.id)
    assert (stored.first_name, stored.phone, stored.job_title) == ("Ana", "+34 600 111 222", "")
    assert _audits(session, "profile.updated") == []


def test_non_text_values_count_as_empty(session, ana):
    with pytest.raises(ValidationFailed) as caught:
        profile.update_details(
            session=session, actor=ana, data=PersonalDetails(first_name=["Ana"], phone={"x": 1})
        )
    assert caught.value.errors == {"first_name": "error.required"}


def test_an_unknown_language_is_refused_and_nothing_is_stored(session, ana):
    with pytest.raises(ValidationFailed) as caught:
        profile.update_details(
            session=session, actor=ana, data=_details(job_title="Boss"), language="fr"
        )
    session.rollback()
    assert caught.value.errors == {"language": "error.language_invalid"}
    stored = session.get(User, ana.id)
    assert (stored.language, stored.job_title) == ("es", "")


def test_the_language_persists_and_later_emails_come_in_it(session, ana):
    profile.update_details(session=session, actor=ana, data=_details(), language="de")
    session.commit()
    session.expire_all()
    assert session.get(User, ana.id).language == "de"
    assert profile.details(session=session, actor=ana)["language"] == "de"
    [entry] = _audits(session, "profile.language")
    assert (entry.old_values, entry.new_values) == ({"language": "es"}, {"language": "de"})

    ticket = tickets.create_ticket(
        session=session,
        actor=session.get(User, ana.id),
        data=TicketCreate(
            product_id=session.exec(select(Product.id)).one(),
            ticket_type="paper_jam",
            description="Papierstau in Fach 2.",
            contact_name="Ana García",
            contact_phone="+34 600 111 222",
        ),
    )
    session.commit()
    [message] = session.exec(
        select(OutboxMessage).where(col(OutboxMessage.to_address) == "ana@example.com")
    ).all()
    assert message.subject.startswith(f"Ticket {ticket.number} eröffnet")
    assert "Beschreibung: Papierstau in Fach 2." in message.text_body


def test_someone_not_signed_in_or_not_active_gets_nothing(session, ana):
    with pytest.raises(PermissionDenied):
        profile.details(session=session, actor=None)
    with pytest.raises(PermissionDenied):
        profile.update_details(session=session, actor=None, data=_details())
    suspended = make_user(session, role=Role.DEVICE_MANAGER, status=UserStatus.INACTIVE)
    with pytest.raises(PermissionDenied):
        profile.update_details(session=session, actor=suspended, data=_details(first_name="X"))
    with pytest.raises(PermissionDenied):
        profile.active_sessions(session=session, actor=suspended, current_session_token=None)


# --- password ------------------------------------------------------------------------------


def _change(session, actor, current=PASSWORD, new=NEW_PASSWORD, confirm=None, token=None):
    return profile.change_password(
        session=session,
        actor=actor,
        current_password=current,
        new_password=new,
        confirm_password=new if confirm is None else confirm,
        current_session_token=token,
    )


def _open_sessions(session, user_id):
    session.expire_all()
    return session.exec(
        select(UserSession).where(
            col(UserSession.user_id) == user_id, col(UserSession.ended_at).is_(None)
        )
    ).all()


@pytest.mark.parametrize(
    ("current", "new", "confirm", "errors"),
    [
        ("wrong password 1", NEW_PASSWORD, None, {"current_password": "error.password_wrong"}),
        ("", NEW_PASSWORD, None, {"current_password": "error.required"}),
        (PASSWORD, "short", None, {"new_password": "error.password_too_short"}),
        (PASSWORD, "", None, {"new_password": "error.required"}),
        (PASSWORD, "1234567890123", None, {"new_password": "error.password_too_simple"}),
        (PASSWORD, NEW_PASSWORD, "violet tractor", {"confirm_password": "error.password_mismatch"}),
        (
            "wrong password 1",
            "short",
            None,
            {
                "current_password": "error.password_wrong",
                "new_password": "error.password_too_short",
            },
        ),
        (
            "wrong password 1",
            NEW_PASSWORD,
            "something else",
            {
                "current_password": "error.password_wrong",
                "confirm_password": "error.password_mismatch",
            },
        ),
    ],
)
def test_a_refused_password_change_changes_nothing(session, ana, current, new, confirm, errors):
    here = _login(session)
    _login(session, user_agent=FIREFOX)
    before = session.get(User, ana.id).password_hash

    with pytest.raises(ValidationFailed) as caught:
        _change(session, ana, current=current, new=new, confirm=confirm, token=here)
    session.rollback()

    assert caught.value.errors == errors
    assert session.get(User, ana.id).password_hash == before
    assert len(_open_sessions(session, ana.id)) == 2
    assert _login(session) is not None


def test_a_password_change_ends_the_other_sessions_and_the_old_password(session, ana, clock):
    here = _login(session, user_agent=CHROME)
    elsewhere = _login(session, user_agent=FIREFOX)
    clock.advance(minutes=5)

    _change(session, ana, token=here)
    session.commit()

    assert identity.resolve_session(session=session, raw_token=here) is not None
    assert identity.resolve_session(session=session, raw_token=elsewhere) is None
    [still_open] = _open_sessions(session, ana.id)
    assert still_open.token_hash == security.hash_token(here)
    assert _login(session) is None
    assert _login(session, password=NEW_PASSWORD) is not None
    stored = session.get(User, ana.id)
    assert stored.password_changed_at == clock.current
    assert profile.details(session=session, actor=ana)["password_changed"] == "2026-03-02 09:05 UTC"
    [entry] = _audits(session, "user.password_changed")
    assert entry.new_values["sessions_ended"] == 1
    assert NEW_PASSWORD not in str(entry.new_values)


def test_guessing_the_current_password_locks_the_account_like_failed_log_ins(session, ana, clock):
    here = _login(session)
    for _ in range(4):
        with pytest.raises(ValidationFailed) as caught:
            _change(session, ana, current="wrong password 1", token=here)
        session.rollback()  # the refused change is rolled back; the failed attempt stays
        assert caught.value.errors == {"current_password": "error.password_wrong"}
    with pytest.raises(ValidationFailed) as caught:
        _change(session, ana, current="wrong password 1", new="short", token=here)
    session.rollback()
    assert caught.value.errors == {
        "current_password": "error.too_many_attempts",
        "new_password": "error.password_too_short",
    }

    # Locked: even the right password is refused, here and at the log-in.
    with pytest.raises(ValidationFailed) as caught:
        _change(session, ana, token=here)
    session.rollback()
    assert caught.value.errors == {"current_password": "error.too_many_attempts"}
    assert _login(session) is None
    assert [e.object_id for e in _audits(session, "user.locked")] == [ana.id]

    clock.advance(minutes=16)
    _change(session, ana, token=here)
    session.commit()
    assert _login(session, password=NEW_PASSWORD) is not None


def test_the_new_password_must_not_be_the_users_own_name(session, ana):
    with pytest.raises(ValidationFailed) as caught:
        _change(session, ana, new="ana@example.com")
    assert caught.value.errors == {"new_password": "error.password_too_similar"}


# --- sessions ----------------------------------------------------------------------------


def test_sessions_lists_only_the_users_own_open_sessions(session, ana, clock):
    make_user(
        session,
        role=Role.DEVICE_MANAGER,
        email="ben@example.com",
        password_hash=security.hash_password(PASSWORD),
    )
    session.commit()
    first = _login(session, user_agent=FIREFOX)
    clock.advance(minutes=2)
    here = _login(session, user_agent=CHROME)
    _login(session, email="ben@example.com", user_agent=CHROME)
    ended = _login(session, user_agent="curl/8.5")
    identity.logout(session=session, raw_token=ended)
    session.commit()

    rows = profile.active_sessions(session=session, actor=ana, current_session_token=here)

    assert rows == [
        {
            "created": "2026-03-02 09:02 UTC",
            "last_seen": "2026-03-02 09:02 UTC",
            "device": "Chrome · Windows",
            "current": True,
        },
        {
            "created": "2026-03-02 09:00 UTC",
            "last_seen": "2026-03-02 09:00 UTC",
            "device": "Firefox · Linux",
            "current": False,
        },
    ]
    assert first not in str(rows) and security.hash_token(first) not in str(rows)


def test_idle_sessions_are_not_listed(session, ana, clock):
    _login(session, user_agent=FIREFOX)
    clock.advance(hours=3)
    here = _login(session, user_agent=CHROME)

    rows = profile.active_sessions(session=session, actor=ana, current_session_token=here)

    assert [row["device"] for row in rows] == ["Chrome · Windows"]


def test_log_out_other_sessions_keeps_only_this_one(session, ana):
    here = _login(session, user_agent=CHROME)
    others = [_login(session, user_agent=FIREFOX), _login(session)]
    ben = make_user(
        session,
        role=Role.DEVICE_MANAGER,
        email="ben@example.com",
        password_hash=security.hash_password(PASSWORD),
    )
    session.commit()
    bens = _login(session, email="ben@example.com")

    assert (
        profile.log_out_other_sessions(session=session, actor=ana, current_session_token=here) == 2
    )
    session.commit()

    assert identity.resolve_session(session=session, raw_token=here) is not None
    assert all(identity.resolve_session(session=session, raw_token=t) is None for t in others)
    assert identity.resolve_session(session=session, raw_token=bens).id == ben.id
    rows = profile.active_sessions(session=session, actor=ana, current_session_token=here)
    assert [row["current"] for row in rows] == [True]
    [entry] = _audits(session, "profile.sessions_ended")
    assert entry.new_values == {"sessions_ended": 2}
    assert (
        profile.log_out_other_sessions(session=session, actor=ana, current_session_token=here) == 0
    )


@pytest.mark.parametrize(
    ("user_agent", "shown"),
    [
        (CHROME, "Chrome · Windows"),
        (FIREFOX, "Firefox · Linux"),
        (
            "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
            "Safari · iPadOS",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/124.0 Safari/537.36 Edg/124.0",
            "Edge · Windows",
        ),
        ("curl/8.5\n", "curl/8.5"),
        ("", ""),
    ],
)
def test_user_agents_are_described_briefly(user_agent, shown):
    assert profile.describe_user_agent(user_agent) == shown
