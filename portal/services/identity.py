"""Registration, activation, log-in, sessions and password reset (SPEC A1–A5).

The rules that keep accounts private:

- Nothing a visitor sees tells whether an e-mail address has an account:
  registration with a known address, log-in with an unknown one and a reset
  request for an unknown one all answer like the normal case, and a log-in for
  an unknown address still spends the time of one password verify.
- Registration proves membership of an organisation with a product's serial
  number and the postal code of its location; a mismatch gives one message
  that does not say which of the two was wrong.
- E-mail tokens and session tokens are random, stored only as SHA-256,
  single-use (e-mail) and expiring; a password change invalidates the user's
  outstanding e-mail tokens.
- ``login`` never raises for bad credentials, so the caller's transaction
  commits the failure counter that drives the lock-out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

import portal.settings as portal_settings
from portal import clock, security
from portal.errors import ValidationFailed
from portal.models import (
    Account,
    Language,
    Location,
    Product,
    Role,
    TokenPurpose,
    User,
    UserSession,
    UserStatus,
    UserToken,
    serial_key,
)
from portal.services import audit, mail
from portal.services.common import check_text

ACTIVATION_VALIDITY = timedelta(hours=48)
RESET_VALIDITY = timedelta(hours=1)
SESSION_TOUCH_INTERVAL = timedelta(minutes=1)
"""``last_seen_at`` is written at most this often, to limit writes per request."""

_MAX_RAW_TOKEN_LENGTH = 200
_EMAIL_RE = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}"
    r"@(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
_PHONE_RE = re.compile(r"^\+?[0-9 ()./-]+$")


@dataclass
class RegistrationData:
    """What a visitor types into the registration form (SPEC A1)."""

    company_name: str
    full_name: str
    email: str
    phone: str
    serial: str
    postal_code: str
    language: str = Language.ES.value


def normalise_email(email: str) -> str:
    """The form in which e-mail addresses are stored and compared: trimmed, lower case."""
    return (email or "").strip().lower()


def email_problem(email: str) -> str | None:
    """Why ``email`` is not a usable address, as a message key, or None."""
    email = (email or "").strip()
    if not email:
        return "error.required"
    if len(email) > 254:
        return "error.too_long"
    if not _EMAIL_RE.match(email) or ".." in email:
        return "error.email_invalid"
    return None


def split_full_name(full_name: str) -> tuple[str, str]:
    """Split a full name into first name and last name(s).

    The first word is the first name and the rest the last name(s), so
    "Ana García López" gives ("Ana", "García López") and a single word gives
    (word, "").
    """
    words = (full_name or "").split()
    if not words:
        return "", ""
    return words[0], " ".join(words[1:])


def _postal_key(postal_code: str) -> str:
    return "".join((postal_code or "").split()).upper()


def _user_by_email(session: Session, email: str) -> User | None:
    email = normalise_email(email)
    if not email:
        return None
    return session.exec(select(User).where(sa.func.lower(User.email) == email)).first()


def _has_active_administrator(
    session: Session, organisation_id: int, *, exclude_user_id: int | None = None
) -> bool:
    candidates = session.exec(
        select(User).where(
            User.organisation_id == organisation_id,
            User.status == UserStatus.ACTIVE.value,
            User.roles.contains(Role.ADMINISTRATOR.value),
        )
    ).all()
    return any(u.has_role(Role.ADMINISTRATOR) and u.id != exclude_user_id for u in candidates)


def _validate_registration(data: RegistrationData) -> dict[str, str]:
    errors: dict[str, str] = {}
    limits = {
        "company_name": 200,
        "full_name": 160,
        "phone": 40,
        "serial": 60,
        "postal_code": 20,
    }
    for field, limit in limits.items():
        check_text(errors, field, (getattr(data, field) or "").strip(), limit, required=True)
    if "full_name" not in errors:
        first, last = split_full_name(data.full_name)
        if len(first) > 80 or len(last) > 80:
            errors["full_name"] = "error.too_long"
    if "phone" not in errors:
        phone = data.phone.strip()
        if not _PHONE_RE.match(phone) or sum(c.isdigit() for c in phone) < 6:
            errors["phone"] = "error.phone_invalid"
    problem = email_problem(data.email)
    if problem:
        errors["email"] = problem
    if data.language not in {lang.value for lang in Language}:
        errors["language"] = "error.language_invalid"
    return errors


def _matching_product(
    session: Session, serial: str, postal_code: str
) -> tuple[Product, int] | None:
    """The product with this serial whose location has this postal code, and its organisation."""
    rows = session.exec(
        select(Product, Location, Account)
        .join(Location, Product.location_id == Location.id)
        .join(Account, Product.account_id == Account.id)
        .where(Product.serial_key == serial_key(serial))
    ).all()
    wanted = _postal_key(postal_code)
    for product, location, account in rows:
        if wanted and _postal_key(location.postal_code) == wanted:
            return product, account.organisation_id
    return None


def _issue_token(
    session: Session, user: User, purpose: TokenPurpose, validity: timedelta, now: datetime
) -> str:
    raw, digest = security.new_token()
    session.add(
        UserToken(
            user_id=user.id,
            purpose=purpose.value,
            token_hash=digest,
            created_at=now,
            expires_at=now + validity,
        )
    )
    session.flush()
    return raw


def _expire_tokens(
    session: Session, user_id: int, now: datetime, purposes: tuple[TokenPurpose, ...] = ()
) -> int:
    """Make the user's unused, unexpired tokens (of ``purposes``, or all) unusable."""
    query = select(UserToken).where(
        UserToken.user_id == user_id,
        UserToken.used_at.is_(None),
        UserToken.expires_at > now,
    )
    if purposes:
        query = query.where(UserToken.purpose.in_([p.value for p in purposes]))
    tokens = session.exec(query).all()
    for token in tokens:
        token.expires_at = now
        session.add(token)
    session.flush()
    return len(tokens)


def _send_link(
    session: Session,
    user: User,
    purpose: TokenPurpose,
    validity: timedelta,
    template: str,
    path: str,
    now: datetime,
) -> None:
    """Issue a fresh token of ``purpose`` and e-mail its link ``<base url>/<path>/<token>``."""
    raw = _issue_token(session, user, purpose, validity, now)
    base_url = portal_settings.settings.base_url
    mail.enqueue(
        session=session,
        to=user.email,
        template=template,
        language=user.language,
        context={"name": user.full_name, "link": f"{base_url}/{path}/{raw}"},
        now=now,
    )


def _send_activation(session: Session, user: User, now: datetime) -> None:
    _send_link(
        session, user, TokenPurpose.ACTIVATION, ACTIVATION_VALIDITY, "activation", "activate", now
    )


def register(*, session: Session, data: RegistrationData, now: datetime | None = None) -> User:
    """Register a visitor as a user of the organisation that owns the product (SPEC A1–A3).

    The first registrant of an organisation without an active administrator
    will be its administrator once the e-mail is confirmed; later registrants
    become device managers waiting for an administrator's approval. Either way
    an activation e-mail is queued.

    An address that already has an account stores nothing new: a user who has
    not activated yet gets a fresh activation e-mail, anyone else nothing. The
    return looks the same in both cases, so the caller shows the same page.

    Returns:
        The new user, or the existing user of that address.

    Raises:
        ValidationFailed: a field is missing or malformed, or the serial number
            and postal code do not match a product (``serial:
            error.registration_no_match`` for either).
    """
    now = now or clock.now()
    errors = _validate_registration(data)
    if errors:
        raise ValidationFailed(errors)
    match = _matching_product(session, data.serial, data.postal_code)
    if match is None:
        raise ValidationFailed({"serial": "error.registration_no_match"})
    product, organisation_id = match

    email = normalise_email(data.email)
    existing = _user_by_email(session, email)
    if existing is not None:
        can_activate = (
            existing.activated_at is None
            and existing.password_hash is None
            and existing.status in {UserStatus.PENDING.value, UserStatus.ACTIVE.value}
        )
        if can_activate:
            _expire_tokens(session, existing.id, now, (TokenPurpose.ACTIVATION,))
            _send_activation(session, existing, now)
            audit.record(
                session=session,
                actor=None,
                action="user.activation_resent",
                object_type="user",
                object_id=existing.id,
                organisation_id=existing.organisation_id,
                now=now,
            )
        return existing

    is_first = not _has_active_administrator(session, organisation_id)
    first_name, last_name = split_full_name(data.full_name)
    user = User(
        organisation_id=organisation_id,
        email=email,
        first_name=first_name,
        last_name=last_name,
        phone=data.phone.strip(),
        language=data.language,
        roles=(Role.ADMINISTRATOR if is_first else Role.DEVICE_MANAGER).value,
        status=UserStatus.PENDING.value,
        created_at=now,
    )
    session.add(user)
    session.flush()
    _send_activation(session, user, now)
    audit.record(
        session=session,
        actor=user,
        action="user.registered",
        object_type="user",
        object_id=user.id,
        new={
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "phone": user.phone,
            "language": user.language,
            "roles": user.roles,
            "status": user.status,
            "company_name": data.company_name.strip(),
            "product_serial": product.serial,
        },
        now=now,
    )
    return user


def _valid_token(
    session: Session, raw_token: str, purpose: TokenPurpose | str, now: datetime
) -> tuple[UserToken, User] | None:
    if not raw_token or len(raw_token) > _MAX_RAW_TOKEN_LENGTH:
        return None
    token = session.exec(
        select(UserToken).where(UserToken.token_hash == security.hash_token(raw_token))
    ).first()
    if (
        token is None
        or token.purpose != str(purpose)
        or token.used_at is not None
        or token.expires_at <= now
    ):
        return None
    user = session.get(User, token.user_id)
    if user is None or user.status in {UserStatus.REJECTED.value, UserStatus.INACTIVE.value}:
        return None
    return token, user


def _use_token(session: Session, token: UserToken, now: datetime) -> None:
    """Mark ``token`` used; a conditional UPDATE so two racing requests cannot both use it.

    Raises:
        ValidationFailed: another request used the token first.
    """
    session.flush()
    result = session.exec(
        sa.update(UserToken)
        .where(UserToken.id == token.id, UserToken.used_at.is_(None))
        .values(used_at=now)
    )
    if result.rowcount != 1:
        raise ValidationFailed({"token": "error.token_invalid"})
    token.used_at = now


def check_token(
    *, session: Session, raw_token: str, purpose: TokenPurpose | str, now: datetime | None = None
) -> User | None:
    """The user of a usable e-mail token, or None.

    Usable means: it exists, has this purpose, is unused and unexpired, and its
    user is neither rejected nor inactive. Checking does not use the token up.
    """
    found = _valid_token(session, raw_token, purpose, now or clock.now())
    return found[1] if found else None


def _password_inputs(user: User) -> tuple[str, ...]:
    return (user.email, user.first_name, user.last_name, user.full_name)


def _redeem_token(
    session: Session, raw_token: str, purpose: TokenPurpose, password: str, now: datetime
) -> User:
    """Use up a valid e-mail link of ``purpose`` and give its user the new ``password``.

    Raises:
        ValidationFailed: ``token: error.token_invalid`` for a missing, used,
            expired or foreign token; ``password: <key>`` for a weak password.
    """
    found = _valid_token(session, raw_token, purpose, now)
    if found is None:
        raise ValidationFailed({"token": "error.token_invalid"})
    token, user = found
    _check_password(user, password)
    _use_token(session, token, now)
    set_password(session=session, user=user, password=password, now=now)
    return user


def _check_password(user: User, password: str) -> None:
    problem = security.password_problem(password or "", user_inputs=_password_inputs(user))
    if problem:
        raise ValidationFailed({"password": problem})


def set_password(
    *, session: Session, user: User, password: str, now: datetime | None = None
) -> User:
    """Give ``user`` a new password; the user's outstanding e-mail tokens stop working.

    Every password change goes through here (activation, reset, profile), so
    an old reset link can never override a newer password.

    Raises:
        ValidationFailed: ``password`` with a message key from
            :func:`portal.security.password_problem`.
    """
    now = now or clock.now()
    _check_password(user, password)
    user.password_hash = security.hash_password(password)
    user.password_changed_at = now
    session.add(user)
    _expire_tokens(session, user.id, now)
    session.flush()
    return user


def activate(
    *, session: Session, raw_token: str, password: str, now: datetime | None = None
) -> User:
    """Confirm the e-mail address behind an activation link and set the first password (A2).

    A first registrant becomes the organisation's active administrator, unless
    another administrator became active in the meantime: then the user joins
    as a device manager waiting for approval, like any later registrant.

    Raises:
        ValidationFailed: ``token: error.token_invalid`` for a missing, used,
            expired or foreign token; ``password: <key>`` for a weak password.
    """
    now = now or clock.now()
    user = _redeem_token(session, raw_token, TokenPurpose.ACTIVATION, password, now)
    old = {"status": user.status, "roles": user.roles}
    if user.activated_at is None:
        user.activated_at = now
    if user.status == UserStatus.PENDING.value and user.has_role(Role.ADMINISTRATOR):
        if _has_active_administrator(session, user.organisation_id, exclude_user_id=user.id):
            user.roles = Role.DEVICE_MANAGER.value
        else:
            user.status = UserStatus.ACTIVE.value
    session.add(user)
    session.flush()
    audit.record(
        session=session,
        actor=user,
        action="user.activated",
        object_type="user",
        object_id=user.id,
        old=old,
        new={"status": user.status, "roles": user.roles, "password": "set"},
        now=now,
    )
    return user


def _count_failure(session: Session, user: User, now: datetime) -> None:
    settings = portal_settings.settings
    # Incremented in SQL so that parallel guesses cannot overwrite each other's count.
    session.flush()
    session.exec(
        sa.update(User)
        .where(User.id == user.id)
        .values(failed_logins=User.failed_logins + 1)
        .execution_options(synchronize_session=False)
    )
    session.refresh(user, ["failed_logins"])
    if user.failed_logins >= settings.lockout_threshold:
        user.locked_until = now + timedelta(minutes=settings.lockout_minutes)
        user.failed_logins = 0
        audit.record(
            session=session,
            actor=None,
            action="user.locked",
            object_type="user",
            object_id=user.id,
            organisation_id=user.organisation_id,
            new={"locked_until": user.locked_until},
            now=now,
        )
    session.add(user)
    session.flush()


def login(
    *,
    session: Session,
    email: str,
    password: str,
    user_agent: str = "",
    now: datetime | None = None,
) -> tuple[User, str] | None:
    """Log in with e-mail and password (SPEC A4).

    Every refusal looks the same: unknown e-mail, wrong password, locked,
    pending, inactive or rejected account, or no password set yet. Each of them
    spends one password verify so the answer time does not tell them apart
    either. A wrong password counts towards the lock-out; the counter is
    written in the caller's transaction, which is why this never raises.

    Returns:
        ``(user, raw_session_token)`` on success (the browser keeps the raw
        token; only its hash is stored), else None.
    """
    now = now or clock.now()
    password = password or ""
    overlong = len(password) > security.MAX_PASSWORD_LENGTH
    user = _user_by_email(session, email)
    if user is None:
        if not overlong:
            security.dummy_verify()
        return None

    ok, new_hash = False, None
    if overlong:
        pass  # refused before any hashing work (a cheap denial-of-service otherwise)
    elif user.password_hash:
        ok, new_hash = security.verify_password(password, user.password_hash)
    else:
        security.dummy_verify()

    if user.locked_until is not None and user.locked_until > now:
        return None
    if not ok:
        _count_failure(session, user, now)
        return None
    if user.status != UserStatus.ACTIVE.value:
        return None

    user.failed_logins = 0
    user.locked_until = None
    if new_hash:
        user.password_hash = new_hash
    session.add(user)
    raw, digest = security.new_token()
    session.add(
        UserSession(
            user_id=user.id,
            token_hash=digest,
            created_at=now,
            last_seen_at=now,
            user_agent=(user_agent or "")[:300],
        )
    )
    session.flush()
    return user, raw


def _open_session_query(raw_token: str, *also: Any) -> Any:
    """The select of the open session behind ``raw_token`` (and ``also``), or None."""
    if not raw_token or len(raw_token) > _MAX_RAW_TOKEN_LENGTH:
        return None
    return select(UserSession, *also).where(
        UserSession.token_hash == security.hash_token(raw_token),
        UserSession.ended_at.is_(None),
    )


def _open_session(session: Session, raw_token: str) -> UserSession | None:
    query = _open_session_query(raw_token)
    return None if query is None else session.exec(query).first()


def resolve_session(
    *, session: Session, raw_token: str, now: datetime | None = None
) -> User | None:
    """The active user behind a session token, or None.

    A session idle for longer than ``PORTAL_SESSION_IDLE_MINUTES``, or whose
    user is no longer active, is ended. ``last_seen_at`` is refreshed at most
    once a minute.
    """
    now = now or clock.now()
    query = _open_session_query(raw_token, User)
    if query is None:
        return None
    # Session and user in one round trip: every event of a signed-in tab asks this.
    found = session.exec(query.outerjoin(User, col(User.id) == col(UserSession.user_id))).first()
    if found is None:
        return None
    user_session, user = found
    idle = timedelta(minutes=portal_settings.settings.session_idle_minutes)
    if (
        now - user_session.last_seen_at > idle
        or user is None
        or user.status != UserStatus.ACTIVE.value
    ):
        user_session.ended_at = now
        session.add(user_session)
        session.flush()
        return None
    if now - user_session.last_seen_at >= SESSION_TOUCH_INTERVAL:
        user_session.last_seen_at = now
        session.add(user_session)
        session.flush()
    return user


def logout(*, session: Session, raw_token: str, now: datetime | None = None) -> None:
    """End the session behind ``raw_token`` on the server; unknown tokens are ignored."""
    user_session = _open_session(session, raw_token)
    if user_session is not None:
        user_session.ended_at = now or clock.now()
        session.add(user_session)
        session.flush()


def end_sessions(
    *,
    session: Session,
    user_id: int,
    except_token_hash: str | None = None,
    now: datetime | None = None,
) -> int:
    """End every open session of a user (suspension, password change); returns how many."""
    now = now or clock.now()
    query = select(UserSession).where(
        UserSession.user_id == user_id, UserSession.ended_at.is_(None)
    )
    if except_token_hash is not None:
        query = query.where(UserSession.token_hash != except_token_hash)
    sessions = session.exec(query).all()
    for user_session in sessions:
        user_session.ended_at = now
        session.add(user_session)
    session.flush()
    return len(sessions)


def request_password_reset(*, session: Session, email: str, now: datetime | None = None) -> None:
    """Queue a reset link (valid one hour) for an active user (SPEC A5).

    An unknown or unusable address does nothing and returns the same way. A
    new link replaces any earlier one.
    """
    now = now or clock.now()
    user = _user_by_email(session, email)
    if user is None or user.status != UserStatus.ACTIVE.value:
        return
    _expire_tokens(session, user.id, now, (TokenPurpose.PASSWORD_RESET,))
    _send_link(
        session, user, TokenPurpose.PASSWORD_RESET, RESET_VALIDITY, "password_reset", "reset", now
    )
    audit.record(
        session=session,
        actor=None,
        action="user.password_reset_requested",
        object_type="user",
        object_id=user.id,
        organisation_id=user.organisation_id,
        now=now,
    )


def reset_password(
    *, session: Session, raw_token: str, password: str, now: datetime | None = None
) -> User:
    """Set a new password through a reset link (SPEC A5).

    The link works once; the user's other e-mail tokens stop working, every
    session of the user ends and a lock-out is lifted. The user is not logged
    in: the caller sends them to the log-in page.

    Raises:
        ValidationFailed: ``token: error.token_invalid`` or ``password: <key>``.
    """
    now = now or clock.now()
    user = _redeem_token(session, raw_token, TokenPurpose.PASSWORD_RESET, password, now)
    user.failed_logins = 0
    user.locked_until = None
    session.add(user)
    _end_other_sessions(session, user, "user.password_reset", None, now)
    return user


def check_current_password(
    *, session: Session, user: User, password: Any, now: datetime | None = None
) -> str | None:
    """Check a signed-in user's current password, as a log-in would be checked.

    A wrong password counts towards the lockout like a failed log-in, and that
    count is committed at once (the change the password was asked for is then
    refused and rolled back); while the account is locked every password is
    refused. So an open session left on a shared computer cannot be used to
    guess the password.

    Returns:
        None when the password is right, else the message key for the field.
    """
    now = now or clock.now()
    if user.locked_until is not None and user.locked_until > now:
        return "error.too_many_attempts"
    ok = False
    text = password if isinstance(password, str) else ""
    if text and user.password_hash and len(text) <= security.MAX_PASSWORD_LENGTH:
        ok, _ = security.verify_password(text, user.password_hash)
    if ok:
        if user.failed_logins:
            user.failed_logins = 0
            session.add(user)
        return None
    _count_failure(session, user, now)
    session.commit()
    return "error.too_many_attempts" if user.locked_until else "error.password_wrong"


def change_password(
    *,
    session: Session,
    actor: User,
    current_password: str,
    new_password: str,
    current_session_token: str | None = None,
    now: datetime | None = None,
) -> User:
    """Change the actor's own password, the current one required (SPEC E1).

    The actor's other sessions end; the one behind ``current_session_token``
    stays.

    Raises:
        ValidationFailed: ``current_password: error.password_wrong`` or
            ``password: <key>`` for a weak new password.
    """
    now = now or clock.now()
    user = session.get(User, actor.id)
    problem = check_current_password(session=session, user=user, password=current_password, now=now)
    if problem:
        raise ValidationFailed({"current_password": problem})
    set_password(session=session, user=user, password=new_password, now=now)
    keep = security.hash_token(current_session_token) if current_session_token else None
    _end_other_sessions(session, user, "user.password_changed", keep, now)
    return user


def _end_other_sessions(
    session: Session, user: User, action: str, keep_token_hash: str | None, now: datetime
) -> None:
    """After a password change, end the user's sessions (but ``keep_token_hash``) and audit it."""
    ended = end_sessions(
        session=session, user_id=user.id, except_token_hash=keep_token_hash, now=now
    )
    audit.record(
        session=session,
        actor=user,
        action=action,
        object_type="user",
        object_id=user.id,
        new={"password": "changed", "sessions_ended": ended},
        now=now,
    )
