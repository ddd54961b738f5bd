"""The signed-in user's own settings (SPEC E1): details, language, password, sessions.

Every function here works on the actor's own row only: none takes a user id,
so a browser cannot point it at somebody else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

import portal.settings as portal_settings
from portal import clock, security
from portal.errors import ValidationFailed
from portal.models import Language, User, UserSession
from portal.services import audit, identity, scope

_PHONE_RE = re.compile(r"^\+?[0-9 ()./-]+$")
_LIMITS = {"first_name": 80, "last_name": 80, "phone": 40, "job_title": 80}
_BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


@dataclass
class PersonalDetails:
    """What the user may change about themselves (SPEC E1)."""

    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    job_title: str = ""


def _own(session: Session, actor: User | None) -> User:
    """The actor's row, reloaded; refuses anyone not active."""
    scope.require_active(actor)
    return session.get(User, actor.id)


def _stamp(value: datetime | None) -> str:
    """A timestamp as ``YYYY-MM-DD HH:MM UTC``, '' for none."""
    return value.strftime("%Y-%m-%d %H:%M UTC") if value is not None else ""


def _clean(value: Any) -> str:
    """A one-line text: non-strings become '', runs of whitespace one space."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def clean_details(data: PersonalDetails) -> tuple[dict[str, str], dict[str, str]]:
    """The cleaned values of ``data`` and the message key of each field in error.

    The first name is required; the last name, phone and job title may be
    empty; a phone, when given, has digits, spaces and ``+ - ( ) / .`` only
    and at least six digits.
    """
    values = {field: _clean(getattr(data, field)) for field in _LIMITS}
    errors: dict[str, str] = {}
    for field, limit in _LIMITS.items():
        if len(values[field]) > limit:
            errors[field] = "error.too_long"
    if not values["first_name"]:
        errors["first_name"] = "error.required"
    phone = values["phone"]
    if phone and "phone" not in errors:
        if not _PHONE_RE.match(phone) or sum(c.isdigit() for c in phone) < 6:
            errors["phone"] = "error.phone_invalid"
    return values, errors


def details(*, session: Session, actor: User | None) -> dict[str, str]:
    """The actor's own details as the profile page shows them.

    Returns:
        ``email``, ``first_name``, ``last_name``, ``phone``, ``job_title``,
        ``language`` and ``password_changed`` (a UTC timestamp or '').

    Raises:
        PermissionDenied: nobody, or a user who is not active.
    """
    user = _own(session, actor)
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone": user.phone,
        "job_title": user.job_title,
        "language": user.language,
        "password_changed": _stamp(user.password_changed_at),
    }


def update_details(
    *,
    session: Session,
    actor: User | None,
    data: PersonalDetails,
    language: str | None = None,
    now: datetime | None = None,
) -> User:
    """Store the actor's personal details (and language, when given) in one go.

    Nothing is stored unless every field is valid. Changed fields are audited
    with their old and new values.

    Raises:
        PermissionDenied: nobody, or a user who is not active.
        ValidationFailed: per field (``first_name``, ``last_name``, ``phone``,
            ``job_title``, ``language``).
    """
    now = now or clock.now()
    user = _own(session, actor)
    values, errors = clean_details(data)
    if language is not None and language not in {lang.value for lang in Language}:
        errors["language"] = "error.language_invalid"
    if errors:
        raise ValidationFailed(errors)
    old = {field: getattr(user, field) for field in values if getattr(user, field) != values[field]}
    if old:
        for field in old:
            setattr(user, field, values[field])
        session.add(user)
        audit.record(
            session=session,
            actor=user,
            action="profile.updated",
            object_type="user",
            object_id=user.id,
            old=old,
            new={field: values[field] for field in old},
            now=now,
        )
        session.flush()
    if language is not None:
        set_language(session=session, actor=user, language=language, now=now)
    return user


def set_language(
    *, session: Session, actor: User, language: str, now: datetime | None = None
) -> User:
    """Store the actor's language; the UI and e-mails follow it.

    Raises:
        ValidationFailed: the language is not one the portal speaks.
    """
    if language not in {lang.value for lang in Language}:
        raise ValidationFailed({"language": "error.language_invalid"})
    user = session.get(User, actor.id)
    if user.language != language:
        old = user.language
        user.language = language
        session.add(user)
        audit.record(
            session=session,
            actor=user,
            action="profile.language",
            object_type="user",
            object_id=user.id,
            old={"language": old},
            new={"language": language},
            now=now,
        )
        session.flush()
    return user


def change_password(
    *,
    session: Session,
    actor: User | None,
    current_password: Any,
    new_password: Any,
    confirm_password: Any,
    current_session_token: str | None,
    now: datetime | None = None,
) -> User:
    """Change the actor's password from the profile; the actor's other sessions end.

    The session behind ``current_session_token`` (the browser doing this)
    stays open. Nothing changes when any field is refused.

    Raises:
        PermissionDenied: nobody, or a user who is not active.
        ValidationFailed: ``current_password`` (``error.required`` or
            ``error.password_wrong``), ``new_password`` (``error.required`` or a
            key of :func:`portal.security.password_problem`),
            ``confirm_password`` (``error.password_mismatch``).
    """
    user = _own(session, actor)
    current = current_password if isinstance(current_password, str) else ""
    new = new_password if isinstance(new_password, str) else ""
    confirm = confirm_password if isinstance(confirm_password, str) else ""
    errors: dict[str, str] = {}
    if not current:
        errors["current_password"] = "error.required"
    if not new:
        errors["new_password"] = "error.required"
    else:
        problem = security.password_problem(
            new, user_inputs=(user.email, user.first_name, user.last_name, user.full_name)
        )
        if problem:
            errors["new_password"] = problem
        elif confirm != new:
            errors["confirm_password"] = "error.password_mismatch"
    if errors:
        if current:
            problem = identity.check_current_password(
                session=session, user=user, password=current, now=now
            )
            if problem:
                errors["current_password"] = problem
        raise ValidationFailed(errors)
    try:
        return identity.change_password(
            session=session,
            actor=user,
            current_password=current,
            new_password=new,
            current_session_token=current_session_token or None,
            now=now,
        )
    except ValidationFailed as exc:
        renamed = {"password": "new_password"}
        raise ValidationFailed(
            {renamed.get(field, field): key for field, key in exc.errors.items()}
        ) from exc


def describe_user_agent(user_agent: str) -> str:
    """A short name for a browser's user agent, e.g. "Chrome · Windows" ('' when unknown)."""
    user_agent = user_agent or ""
    browser = next((name for marker, name in _BROWSERS if marker in user_agent), "")
    system = next((name for marker, name in _SYSTEMS if marker in user_agent), "")
    if browser or system:
        return " · ".join(part for part in (browser, system) if part)
    return _clean(user_agent)[:60]


def _open_sessions(session: Session, user_id: int, now: datetime) -> list[UserSession]:
    idle = timedelta(minutes=portal_settings.settings.session_idle_minutes)
    return session.exec(
        select(UserSession)
        .where(
            col(UserSession.user_id) == user_id,
            col(UserSession.ended_at).is_(None),
            col(UserSession.last_seen_at) >= now - idle,
        )
        .order_by(col(UserSession.last_seen_at).desc(), col(UserSession.id).desc())
    ).all()


def active_sessions(
    *,
    session: Session,
    actor: User | None,
    current_session_token: str | None,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """The actor's open sessions, the most recently used first.

    A session idle for longer than ``PORTAL_SESSION_IDLE_MINUTES`` is not
    listed (it cannot be used any more). No token or id leaves the server.

    Returns:
        Dicts with ``created``, ``last_seen`` (UTC timestamps), ``device`` (a
        short description of the user agent, possibly '') and ``current``
        (whether it is the session behind ``current_session_token``).

    Raises:
        PermissionDenied: nobody, or a user who is not active.
    """
    now = now or clock.now()
    user = _own(session, actor)
    current = security.hash_token(current_session_token) if current_session_token else None
    return [
        {
            "created": _stamp(row.created_at),
            "last_seen": _stamp(row.last_seen_at),
            "device": describe_user_agent(row.user_agent),
            "current": row.token_hash == current,
        }
        for row in _open_sessions(session, user.id, now)
    ]


def log_out_other_sessions(
    *,
    session: Session,
    actor: User | None,
    current_session_token: str | None,
    now: datetime | None = None,
) -> int:
    """End every session of the actor except the one behind ``current_session_token``.

    Returns:
        How many sessions ended.

    Raises:
        PermissionDenied: nobody, or a user who is not active.
    """
    now = now or clock.now()
    user = _own(session, actor)
    keep = security.hash_token(current_session_token) if current_session_token else None
    ended = identity.end_sessions(session=session, user_id=user.id, except_token_hash=keep, now=now)
    if ended:
        audit.record(
            session=session,
            actor=user,
            action="profile.sessions_ended",
            object_type="user",
            object_id=user.id,
            new={"sessions_ended": ended},
            now=now,
        )
    return ended
