"""Registration, activation, log-in, sessions and password reset (SPEC A1–A5)."""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta

import pytest
from sqlmodel import select

import portal.settings
from portal import security
from portal.errors import ValidationFailed
from portal.models import (
    Account,
    AuditLog,
    OutboxMessage,
    Role,
    TokenPurpose,
    User,
    UserSession,
    UserStatus,
    UserToken,
)
from portal.services import identity
from portal.services.identity import RegistrationData
from tests.factories import make_org, make_product, make_user

PASSWORD = "correct horse battery"
NEW_PASSWORD = "staple grape lantern"


@pytest.fixture(autouse=True)
def fast_hashing():
    """Hash with cheap parameters during the test, whatever the environment says."""
    previous = security.current_context()
    security.configure_for_tests()
    yield
    security.use_context(previous)


@pytest.fixture
def config(monkeypatch):
    """Portal settings for these tests; returns a function to change them."""

    def change(**values):
        current = portal.settings.settings
        monkeypatch.setattr(portal.settings, "settings", dataclasses.replace(current, **values))

    change(
        base_url="https://portal.example",
        lockout_threshold=3,
        lockout_minutes=15,
        session_idle_minutes=30,
    )
    return change


@pytest.fixture
def product(session):
    """A product with serial 'AB12 345X' at postal code 28001."""
    return make_product(session, make_org(session, "Cliente SA"), serial="AB12 345X")


def _data(**overrides) -> RegistrationData:
    values = {
        "company_name": "Cliente SA",
        "full_name": "Ana García López",
        "email": "ana@cliente.example",
        "phone": "+34 600 123 456",
        "serial": "ab12 345x",
        "postal_code": "28001",
        "language": "es",
    }
    values.update(overrides)
    return RegistrationData(**values)


def _messages(session, to: str) -> list[OutboxMessage]:
    return list(session.exec(select(OutboxMessage).where(OutboxMessage.to_address == to)).all())


def _link_token(session, to: str, route: str) -> str:
    """The token of the newest link to ``/route/<token>`` e-mailed to ``to``."""
    tokens = []
    for message in _messages(session, to):
        body = f"{message.text_body}\n{message.html_body}"
        tokens += re.findall(rf"https://portal\.example/{route}/([A-Za-z0-9_-]+)", body)
    assert tokens, f"no {route} link mailed to {to}"
    return tokens[-1]


def _active_user(session, org=None, email="eva@cliente.example", **kwargs) -> User:
    return make_user(
        session,
        org,
        email=email,
        password_hash=security.hash_password(PASSWORD),
        **kwargs,
    )


def _count(session, model) -> int:
    return len(session.exec(select(model)).all())


def test_registration_matches_serial_ignoring_case_and_spaces(session, config, clock, product):
    user = identity.register(session=session, data=_data(serial=" ab12345X ", postal_code="28 001"))

    assert user.organisation_id == session.get(Account, product.account_id).organisation_id
    assert user.email == "ana@cliente.example"
    assert (user.first_name, user.last_name) == ("Ana", "García López")
    assert user.phone == "+34 600 123 456"
    assert user.status == UserStatus.PENDING
    assert user.password_hash is None
    token = session.exec(select(UserToken).where(UserToken.user_id == user.id)).one()
    assert token.purpose == TokenPurpose.ACTIVATION
    assert token.expires_at == clock.current + identity.ACTIVATION_VALIDITY
    raw = _link_token(session, "ana@cliente.example", "activate")
    assert token.token_hash == security.hash_token(raw)
    assert raw not in token.token_hash
    assert session.exec(select(AuditLog).where(AuditLog.action == "user.registered")).one()


@pytest.mark.parametrize(
    "overrides",
    [
        {"serial": "AB12 3450"},
        {"postal_code": "28002"},
        {"serial": "ZZ99", "postal_code": "08001"},
    ],
    ids=["wrong serial", "wrong postal code", "both wrong"],
)
def test_mismatch_gives_one_message_and_stores_nothing(session, config, product, overrides):
    with pytest.raises(ValidationFailed) as refused:
        identity.register(session=session, data=_data(**overrides))

    assert refused.value.errors == {"serial": "error.registration_no_match"}
    assert _count(session, User) == 0
    assert _count(session, UserToken) == 0
    assert _count(session, OutboxMessage) == 0


def test_registration_reports_each_bad_field(session, config, product):
    with pytest.raises(ValidationFailed) as refused:
        identity.register(
            session=session,
            data=_data(
                company_name=" ", full_name="", email="ana@", phone="call me", language="fr"
            ),
        )

    assert refused.value.errors == {
        "company_name": "error.required",
        "full_name": "error.required",
        "email": "error.email_invalid",
        "phone": "error.phone_invalid",
        "language": "error.language_invalid",
    }
    assert _count(session, User) == 0


def test_first_registrant_becomes_the_active_administrator(session, config, clock, product):
    user = identity.register(session=session, data=_data())
    assert user.has_role(Role.ADMINISTRATOR)
    raw = _link_token(session, user.email, "activate")
    clock.advance(hours=2)

    identity.activate(session=session, raw_token=raw, password=PASSWORD)

    assert user.status == UserStatus.ACTIVE
    assert user.activated_at == clock.current
    assert user.password_changed_at == clock.current
    assert identity.login(session=session, email="ANA@cliente.example ", password=PASSWORD)


def test_later_registrant_waits_for_approval(session, config, clock, product):
    org_id = identity.register(session=session, data=_data()).organisation_id
    first_raw = _link_token(session, "ana@cliente.example", "activate")
    identity.activate(session=session, raw_token=first_raw, password=PASSWORD)

    second = identity.register(
        session=session, data=_data(full_name="Luis Pérez", email="luis@cliente.example")
    )
    assert second.organisation_id == org_id
    assert second.roles == Role.DEVICE_MANAGER
    assert second.status == UserStatus.PENDING
    raw = _link_token(session, "luis@cliente.example", "activate")
    identity.activate(session=session, raw_token=raw, password=NEW_PASSWORD)
    assert second.status == UserStatus.PENDING
    assert identity.login(session=session, email=second.email, password=NEW_PASSWORD) is None

    second.status = UserStatus.ACTIVE.value  # an administrator approves
    session.add(second)
    session.flush()
    assert identity.login(session=session, email=second.email, password=NEW_PASSWORD)


def test_two_unactivated_first_registrants_do_not_make_two_administrators(session, config, product):
    identity.register(session=session, data=_data())
    identity.register(session=session, data=_data(email="luis@cliente.example"))
    ana_raw = _link_token(session, "ana@cliente.example", "activate")
    luis_raw = _link_token(session, "luis@cliente.example", "activate")

    ana = identity.activate(session=session, raw_token=ana_raw, password=PASSWORD)
    luis = identity.activate(session=session, raw_token=luis_raw, password=NEW_PASSWORD)

    assert (ana.status, ana.roles) == (UserStatus.ACTIVE, Role.ADMINISTRATOR)
    assert (luis.status, luis.roles) == (UserStatus.PENDING, Role.DEVICE_MANAGER)


def test_activation_link_works_once(session, config, product):
    identity.register(session=session, data=_data())
    raw = _link_token(session, "ana@cliente.example", "activate")
    assert identity.check_token(session=session, raw_token=raw, purpose=TokenPurpose.ACTIVATION)

    identity.activate(session=session, raw_token=raw, password=PASSWORD)

    assert (
        identity.check_token(session=session, raw_token=raw, purpose=TokenPurpose.ACTIVATION)
        is None
    )
    with pytest.raises(ValidationFailed) as refused:
        identity.activate(session=session, raw_token=raw, password=NEW_PASSWORD)
    assert refused.value.errors == {"token": "error.token_invalid"}
    assert identity.login(session=session, email="ana@cliente.example", password=PASSWORD)


def test_activation_link_expires_after_48_hours(session, config, clock, product):
    identity.register(session=session, data=_data())
    raw = _link_token(session, "ana@cliente.example", "activate")

    clock.advance(hours=47, minutes=59)
    assert identity.check_token(session=session, raw_token=raw, purpose="activation")
    clock.advance(minutes=2)
    assert identity.check_token(session=session, raw_token=raw, purpose="activation") is None
    with pytest.raises(ValidationFailed) as refused:
        identity.activate(session=session, raw_token=raw, password=PASSWORD)
    assert refused.value.errors == {"token": "error.token_invalid"}


def test_activation_link_is_not_a_reset_link(session, config, product):
    identity.register(session=session, data=_data())
    raw = _link_token(session, "ana@cliente.example", "activate")
    with pytest.raises(ValidationFailed):
        identity.reset_password(session=session, raw_token=raw, password=PASSWORD)
    assert identity.check_token(session=session, raw_token="made-up", purpose="activation") is None


def test_weak_password_at_activation_keeps_the_link_usable(session, config, product):
    identity.register(session=session, data=_data())
    raw = _link_token(session, "ana@cliente.example", "activate")

    with pytest.raises(ValidationFailed) as refused:
        identity.activate(session=session, raw_token=raw, password="1234567890")
    assert refused.value.errors == {"password": "error.password_too_simple"}

    assert identity.activate(session=session, raw_token=raw, password=PASSWORD).password_hash


def test_registering_a_known_address_reveals_nothing(session, config, product):
    existing = _active_user(session, email="ana@cliente.example")
    before = (_count(session, User), _count(session, OutboxMessage), existing.password_hash)

    returned = identity.register(session=session, data=_data(email="Ana@Cliente.example"))

    assert returned.id == existing.id
    after = (_count(session, User), _count(session, OutboxMessage), existing.password_hash)
    assert after == before


def test_registering_again_before_activating_resends_the_link(session, config, product):
    first = identity.register(session=session, data=_data())
    old_raw = _link_token(session, "ana@cliente.example", "activate")

    again = identity.register(session=session, data=_data(full_name="Someone Else"))

    assert again.id == first.id and first.first_name == "Ana"
    assert _count(session, User) == 1
    new_raw = _link_token(session, "ana@cliente.example", "activate")
    assert new_raw != old_raw
    assert identity.check_token(session=session, raw_token=old_raw, purpose="activation") is None
    assert identity.activate(session=session, raw_token=new_raw, password=PASSWORD)


def test_login_gives_a_session_that_resolves_to_the_user(session, config, clock):
    user = _active_user(session)

    result = identity.login(
        session=session, email="eva@cliente.example", password=PASSWORD, user_agent="Tablet"
    )

    assert result is not None
    logged_in, raw = result
    assert logged_in.id == user.id
    stored = session.exec(select(UserSession)).one()
    assert stored.token_hash == security.hash_token(raw)
    assert stored.user_agent == "Tablet"
    assert identity.resolve_session(session=session, raw_token=raw).id == user.id
    assert identity.resolve_session(session=session, raw_token=raw + "x") is None


def test_wrong_password_and_unknown_email_look_the_same(session, config):
    _active_user(session)
    wrong = identity.login(session=session, email="eva@cliente.example", password="nope nope nope")
    unknown = identity.login(session=session, email="nobody@cliente.example", password=PASSWORD)
    assert wrong is None and unknown is None


@pytest.mark.parametrize("status", [UserStatus.PENDING, UserStatus.INACTIVE, UserStatus.REJECTED])
def test_only_active_users_can_log_in(session, config, status):
    _active_user(session, status=status)
    assert identity.login(session=session, email="eva@cliente.example", password=PASSWORD) is None


def test_user_without_password_cannot_log_in(session, config):
    make_user(session, email="eva@cliente.example")
    assert identity.login(session=session, email="eva@cliente.example", password="") is None
    assert identity.login(session=session, email="eva@cliente.example", password=PASSWORD) is None


def test_account_locks_after_repeated_failures_and_unlocks_later(session, config, clock):
    user = _active_user(session)
    for _ in range(3):
        assert identity.login(session=session, email=user.email, password="wrong wrong 1") is None

    assert user.locked_until == clock.current + timedelta(minutes=15)
    assert identity.login(session=session, email=user.email, password=PASSWORD) is None
    assert session.exec(select(AuditLog).where(AuditLog.action == "user.locked")).one()

    clock.advance(minutes=14)
    assert identity.login(session=session, email=user.email, password=PASSWORD) is None
    clock.advance(minutes=2)
    assert identity.login(session=session, email=user.email, password=PASSWORD)
    assert user.failed_logins == 0 and user.locked_until is None


def test_successful_login_resets_the_failure_count(session, config):
    user = _active_user(session)
    for _ in range(2):
        identity.login(session=session, email=user.email, password="wrong wrong 1")
    assert user.failed_logins == 2
    assert identity.login(session=session, email=user.email, password=PASSWORD)
    assert user.failed_logins == 0
    for _ in range(2):
        identity.login(session=session, email=user.email, password="wrong wrong 1")
    assert user.locked_until is None


def test_failure_count_survives_the_callers_commit(engine, config):
    from sqlmodel import Session

    with Session(engine) as setup:
        user_id = _active_user(setup).id
        setup.commit()
    with Session(engine) as request:
        assert identity.login(session=request, email="eva@cliente.example", password="x") is None
        request.commit()
    with Session(engine) as check:
        assert check.get(User, user_id).failed_logins == 1


def test_idle_session_expires(session, config, clock):
    user = _active_user(session)
    _, raw = identity.login(session=session, email=user.email, password=PASSWORD)

    clock.advance(minutes=20)
    assert identity.resolve_session(session=session, raw_token=raw)
    clock.advance(minutes=29)
    assert identity.resolve_session(session=session, raw_token=raw)
    clock.advance(minutes=31)
    assert identity.resolve_session(session=session, raw_token=raw) is None
    assert session.exec(select(UserSession)).one().ended_at == clock.current
    clock.advance(seconds=1)
    assert identity.resolve_session(session=session, raw_token=raw) is None


def test_last_seen_is_written_at_most_once_a_minute(session, config, clock):
    user = _active_user(session)
    _, raw = identity.login(session=session, email=user.email, password=PASSWORD)
    stored = session.exec(select(UserSession)).one()
    started = clock.current

    clock.advance(seconds=30)
    identity.resolve_session(session=session, raw_token=raw)
    assert stored.last_seen_at == started
    clock.advance(seconds=31)
    identity.resolve_session(session=session, raw_token=raw)
    assert stored.last_seen_at == clock.current


def test_suspended_users_session_ends(session, config):
    user = _active_user(session)
    _, raw = identity.login(session=session, email=user.email, password=PASSWORD)
    user.status = UserStatus.INACTIVE.value
    session.add(user)

    assert identity.resolve_session(session=session, raw_token=raw) is None
    user.status = UserStatus.ACTIVE.value
    assert identity.resolve_session(session=session, raw_token=raw) is None


def test_logout_ends_the_session_on_the_server(session, config):
    user = _active_user(session)
    _, raw = identity.login(session=session, email=user.email, password=PASSWORD)
    _, other = identity.login(session=session, email=user.email, password=PASSWORD)

    identity.logout(session=session, raw_token=raw)
    identity.logout(session=session, raw_token="unknown")

    assert identity.resolve_session(session=session, raw_token=raw) is None
    assert identity.resolve_session(session=session, raw_token=other)


def test_end_sessions_keeps_the_excepted_one(session, config):
    user = _active_user(session)
    raws = [identity.login(session=session, email=user.email, password=PASSWORD)[1] for _ in "abc"]

    ended = identity.end_sessions(
        session=session, user_id=user.id, except_token_hash=security.hash_token(raws[0])
    )

    assert ended == 2
    assert identity.resolve_session(session=session, raw_token=raws[0])
    assert identity.resolve_session(session=session, raw_token=raws[1]) is None


def test_reset_for_unknown_or_inactive_address_queues_nothing(session, config):
    _active_user(session, status=UserStatus.INACTIVE)

    assert identity.request_password_reset(session=session, email="nobody@cliente.example") is None
    assert identity.request_password_reset(session=session, email="eva@cliente.example") is None

    assert _count(session, OutboxMessage) == 0
    assert _count(session, UserToken) == 0


def test_reset_link_works_once_and_ends_sessions(session, config, clock):
    user = _active_user(session)
    _, session_raw = identity.login(session=session, email=user.email, password=PASSWORD)

    identity.request_password_reset(session=session, email=" EVA@cliente.example")
    raw = _link_token(session, user.email, "reset")
    token = session.exec(select(UserToken)).one()
    assert token.purpose == TokenPurpose.PASSWORD_RESET
    assert token.expires_at == clock.current + identity.RESET_VALIDITY

    identity.reset_password(session=session, raw_token=raw, password=NEW_PASSWORD)

    assert identity.resolve_session(session=session, raw_token=session_raw) is None
    assert identity.login(session=session, email=user.email, password=PASSWORD) is None
    assert identity.login(session=session, email=user.email, password=NEW_PASSWORD)
    with pytest.raises(ValidationFailed) as refused:
        identity.reset_password(session=session, raw_token=raw, password="another good one")
    assert refused.value.errors == {"token": "error.token_invalid"}


def test_reset_link_expires_after_an_hour(session, config, clock):
    user = _active_user(session)
    identity.request_password_reset(session=session, email=user.email)
    raw = _link_token(session, user.email, "reset")

    clock.advance(hours=1, seconds=1)

    with pytest.raises(ValidationFailed):
        identity.reset_password(session=session, raw_token=raw, password=NEW_PASSWORD)


def test_reset_lifts_a_lockout(session, config):
    user = _active_user(session)
    for _ in range(3):
        identity.login(session=session, email=user.email, password="wrong wrong 1")
    assert user.locked_until is not None
    identity.request_password_reset(session=session, email=user.email)

    identity.reset_password(
        session=session, raw_token=_link_token(session, user.email, "reset"), password=NEW_PASSWORD
    )

    assert identity.login(session=session, email=user.email, password=NEW_PASSWORD)


def test_a_newer_reset_link_replaces_the_older_one(session, config):
    user = _active_user(session)
    identity.request_password_reset(session=session, email=user.email)
    older = _link_token(session, user.email, "reset")
    identity.request_password_reset(session=session, email=user.email)
    newer = _link_token(session, user.email, "reset")

    assert identity.check_token(session=session, raw_token=older, purpose="password_reset") is None
    assert identity.check_token(session=session, raw_token=newer, purpose="password_reset")


def test_password_change_invalidates_outstanding_reset_links(session, config):
    user = _active_user(session)
    _, current = identity.login(session=session, email=user.email, password=PASSWORD)
    _, elsewhere = identity.login(session=session, email=user.email, password=PASSWORD)
    identity.request_password_reset(session=session, email=user.email)
    raw = _link_token(session, user.email, "reset")

    with pytest.raises(ValidationFailed) as refused:
        identity.change_password(
            session=session, actor=user, current_password="wrong", new_password=NEW_PASSWORD
        )
    assert refused.value.errors == {"current_password": "error.password_wrong"}
    identity.change_password(
        session=session,
        actor=user,
        current_password=PASSWORD,
        new_password=NEW_PASSWORD,
        current_session_token=current,
    )

    assert identity.check_token(session=session, raw_token=raw, purpose="password_reset") is None
    assert identity.resolve_session(session=session, raw_token=current)
    assert identity.resolve_session(session=session, raw_token=elsewhere) is None


def test_overlong_password_is_refused_without_hashing(session, config, monkeypatch):
    user = _active_user(session)
    identity.request_password_reset(session=session, email=user.email)
    raw = _link_token(session, user.email, "reset")

    def no_hashing(*_args, **_kwargs):
        raise AssertionError("hashed an overlong password")

    monkeypatch.setattr(security.current_context(), "hash", no_hashing)
    monkeypatch.setattr(security.current_context(), "verify", no_hashing)
    monkeypatch.setattr(security.current_context(), "verify_and_update", no_hashing)
    too_long = "x" * (security.MAX_PASSWORD_LENGTH + 1)

    with pytest.raises(ValidationFailed) as refused:
        identity.reset_password(session=session, raw_token=raw, password=too_long)
    assert refused.value.errors == {"password": "error.password_too_long"}
    assert identity.login(session=session, email=user.email, password=too_long) is None
    assert identity.login(session=session, email="nobody@x.example", password=too_long) is None


def test_old_hash_is_upgraded_on_login(session, config):
    old_hash = security.make_context(memory_cost=512, time_cost=1).hash(PASSWORD)
    user = make_user(session, email="eva@cliente.example", password_hash=old_hash)

    assert identity.login(session=session, email=user.email, password=PASSWORD)

    assert user.password_hash != old_hash
    assert "$m=1024,t=1,p=1$" in user.password_hash
    assert identity.login(session=session, email=user.email, password=PASSWORD)


def test_unknown_email_still_runs_a_verify(session, config, monkeypatch):
    calls = []
    real = security.dummy_verify
    monkeypatch.setattr(security, "dummy_verify", lambda: calls.append(1) or real())
    make_user(session, email="nopassword@cliente.example")

    identity.login(session=session, email="nobody@cliente.example", password=PASSWORD)
    identity.login(session=session, email="nopassword@cliente.example", password=PASSWORD)

    assert len(calls) == 2


def test_refusals_of_known_users_also_run_a_verify(session, config, monkeypatch):
    calls = []
    real = security.verify_password
    monkeypatch.setattr(security, "verify_password", lambda pw, h: calls.append(1) or real(pw, h))
    user = _active_user(session, status=UserStatus.PENDING)

    identity.login(session=session, email=user.email, password=PASSWORD)
    identity.login(session=session, email=user.email, password="wrong wrong 1")

    assert len(calls) == 2


def test_audit_log_never_holds_secrets(session, config, product):
    identity.register(session=session, data=_data())
    raw = _link_token(session, "ana@cliente.example", "activate")
    user = identity.activate(session=session, raw_token=raw, password=PASSWORD)

    from portal.services import audit

    audit.record(
        session=session,
        actor=user,
        action="test",
        object_type="user",
        object_id=user.id,
        old={"password_hash": user.password_hash},
        new={"token": raw, "api_key": "k", "name": "Ana"},
    )

    entries = session.exec(select(AuditLog)).all()
    dumped = repr([(e.old_values, e.new_values) for e in entries])
    assert raw not in dumped
    assert user.password_hash not in dumped
    assert PASSWORD not in dumped
    assert entries[-1].new_values == {"token": "[redacted]", "api_key": "[redacted]", "name": "Ana"}
    assert all(e.organisation_id == user.organisation_id for e in entries)


def test_two_racing_requests_cannot_both_use_one_link(engine, config):
    from sqlmodel import Session

    with Session(engine, expire_on_commit=False) as setup:
        user = _active_user(setup)
        identity.request_password_reset(session=setup, email=user.email)
        raw = _link_token(setup, user.email, "reset")
        setup.commit()
    with Session(engine) as first, Session(engine) as second:
        # The second request has read the token, still unused, when the first one commits.
        read_early = second.exec(select(UserToken)).one()
        assert read_early.used_at is None
        identity.reset_password(session=first, raw_token=raw, password=NEW_PASSWORD)
        first.commit()

        with pytest.raises(ValidationFailed) as refused:
            identity.reset_password(session=second, raw_token=raw, password="another good one")
        assert refused.value.errors == {"token": "error.token_invalid"}
        second.rollback()
    with Session(engine) as check:
        assert identity.login(session=check, email=user.email, password=NEW_PASSWORD)
