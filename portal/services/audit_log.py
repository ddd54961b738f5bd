"""Reading the audit log (SPEC G3): customer administrators see their organisation's entries.

Writing entries is ``portal.services.audit.record``; this module only lists
them, filtered by acting user, object type and date range, newest first and
paged in the database. Values under keys that look like secrets (passwords,
tokens, hashes) are never shown, even if an entry was written without
redaction.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from portal.errors import ValidationFailed
from portal.models import AuditLog, Role, User
from portal.services import scope
from portal.services.common import display_name
from portal.services.listing import Page, clean_page_size, clean_query, page_bounds

PAGE_SIZES = (25, 50, 100)
DEFAULT_PAGE_SIZE = 50
DATE_INVALID = "error.audit_date_invalid"
DATE_ORDER = "error.audit_date_order"
HIDDEN = "***"
EMPTY = "—"
MAX_VALUE_LENGTH = 60
MAX_CHANGES = 12

_SECRET_MARKERS = ("password", "token", "hash", "secret", "api_key", "apikey")

#: Object types with a translated name (``audit.object.<type>``); others show as stored.
NAMED_OBJECT_TYPES = frozenset(
    {
        "user",
        "product",
        "group",
        "account",
        "ticket",
        "meter_reading",
        "move_request",
        "order",
        "stock_location",
        "location",
        "article",
    }
)


def object_type_key(object_type: str) -> str:
    """The message key naming ``object_type``, or '' if it has none."""
    return f"audit.object.{object_type}" if object_type in NAMED_OBJECT_TYPES else ""


def _is_secret(key: str) -> bool:
    lowered = key.lower()
    return any(marker in lowered for marker in _SECRET_MARKERS)


def _text(value: Any) -> str:
    """A short display form of one stored value."""
    if value is None or value == "" or value == [] or value == {}:
        text = EMPTY
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list | tuple):
        text = ", ".join(_text(v) for v in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    else:
        text = str(value)
    if len(text) > MAX_VALUE_LENGTH:
        text = text[: MAX_VALUE_LENGTH - 1] + "…"
    return text


def describe_changes(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[str]:
    """Short lines ``"field: old → new"`` for an entry, secrets hidden.

    A field present on one side only shows "—" on the other; a field whose
    value did not change shows that value once; a secret field shows only that
    it was touched (``"password_hash: ***"``).
    """
    old = old if isinstance(old, dict) else {}
    new = new if isinstance(new, dict) else {}
    keys = list(dict.fromkeys([*old, *new]))
    lines = []
    for key in keys:
        name = str(key)
        if _is_secret(name):
            lines.append(f"{name}: {HIDDEN}")
            continue
        before, after = old.get(key), new.get(key)
        if key in old and key in new and before == after:
            lines.append(f"{name}: {_text(after)}")
        else:
            lines.append(f"{name}: {_text(before)} → {_text(after)}")
    if len(lines) > MAX_CHANGES:
        lines = [*lines[: MAX_CHANGES - 1], "…"]
    return lines


def _parse_date(value: Any, field: str, errors: dict[str, str]) -> date | None:
    """A date from the browser: a ``date``, an ISO ``YYYY-MM-DD`` string, or empty."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    errors[field] = DATE_INVALID
    return None


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _clean_user_id(value: Any) -> int | None | bool:
    """None for no filter, an int, or False for something that matches nobody."""
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return False


def object_types(*, session: Session, actor: User | None) -> list[str]:
    """The distinct object types in the organisation's log, sorted.

    Raises:
        PermissionDenied: The actor is not a customer administrator.
    """
    actor = scope.require_organisation_role(actor, Role.ADMINISTRATOR)
    query = (
        select(col(AuditLog.object_type))
        .where(col(AuditLog.organisation_id) == actor.organisation_id)
        .distinct()
        .order_by(col(AuditLog.object_type))
    )
    return [value for value in session.exec(query).all() if value]


def audit_filter_options(*, session: Session, actor: User | None) -> dict[str, list[Any]]:
    """What the filters of the audit page offer.

    Returns:
        ``users``: dicts with id (as a string) and label ("Name <e-mail>") of
        the organisation's users who appear in its log, by last name;
        ``object_types``: dicts with value and key (see ``object_type_key``)
        of the distinct object types in the log.

    Raises:
        PermissionDenied: The actor is not a customer administrator.
    """
    actor = scope.require_organisation_role(actor, Role.ADMINISTRATOR)
    acting = select(AuditLog.actor_id).where(
        col(AuditLog.organisation_id) == actor.organisation_id,
        col(AuditLog.actor_id).is_not(None),
    )
    users = session.exec(
        select(User)
        .where(col(User.organisation_id) == actor.organisation_id, col(User.id).in_(acting))
        .order_by(
            sa.func.lower(col(User.last_name)), sa.func.lower(col(User.first_name)), col(User.id)
        )
    ).all()
    return {
        "users": [
            {
                "id": str(user.id),
                "label": f"{user.full_name} <{user.email}>" if user.full_name else user.email,
            }
            for user in users
        ],
        "object_types": [
            {"value": kind, "key": object_type_key(kind)}
            for kind in object_types(session=session, actor=actor)
        ],
    }


def list_audit(
    *,
    session: Session,
    actor: User | None,
    user_id: Any = None,
    object_type: Any = "",
    date_from: Any = None,
    date_to: Any = None,
    page: Any = 1,
    page_size: Any = DEFAULT_PAGE_SIZE,
) -> Page:
    """The organisation's audit entries, newest first, one page at a time.

    Args:
        session: The database session.
        actor: The signed-in user; must be a customer administrator.
        user_id: Only entries by this user (of the actor's organisation; any
            other id lists nothing); None or "" for everyone.
        object_type: Only entries about this kind of object; must be one of
            the types present in the log (anything else lists nothing); "" for all.
        date_from: First day, inclusive (a date or "YYYY-MM-DD"; UTC days).
        date_to: Last day, inclusive.
        page: The page wanted (clamped to the existing pages).
        page_size: Rows per page (one of ``PAGE_SIZES``).

    Returns:
        A page of rows with id, at (ISO date-time, UTC), at_text
        ("YYYY-MM-DD HH:MM"), actor_name, actor_email, system (no acting
        user), action, object_type, object_key (see ``object_type_key``),
        object_id (a string) and changes (short
        "field: old → new" lines, secrets hidden).

    Raises:
        PermissionDenied: The actor is not a customer administrator.
        ValidationFailed: A date is not a date (``date_from``/``date_to``), or
            the range ends before it starts (``date_to``).
    """
    actor = scope.require_organisation_role(actor, Role.ADMINISTRATOR)
    errors: dict[str, str] = {}
    first = _parse_date(date_from, "date_from", errors)
    last = _parse_date(date_to, "date_to", errors)
    if first is not None and last is not None and first > last:
        errors["date_to"] = DATE_ORDER
    if errors:
        raise ValidationFailed(errors)

    size = clean_page_size(page_size, sizes=PAGE_SIZES, default=DEFAULT_PAGE_SIZE)

    conditions: list[Any] = [col(AuditLog.organisation_id) == actor.organisation_id]
    uid = _clean_user_id(user_id)
    if uid is False:
        return Page()
    if uid is not None:
        member = session.exec(
            select(User.id).where(
                col(User.id) == uid, col(User.organisation_id) == actor.organisation_id
            )
        ).first()
        if member is None:
            return Page()
        conditions.append(col(AuditLog.actor_id) == uid)
    kind = clean_query(object_type, 40)
    if kind:
        if kind not in object_types(session=session, actor=actor):
            return Page()
        conditions.append(col(AuditLog.object_type) == kind)
    if first is not None:
        conditions.append(col(AuditLog.created_at) >= _day_start(first))
    if last is not None:
        conditions.append(col(AuditLog.created_at) < _day_start(last + timedelta(days=1)))

    total = session.exec(select(sa.func.count(col(AuditLog.id))).where(*conditions)).one()
    number, pages = page_bounds(total, page, size)
    query = (
        select(AuditLog, User)
        .join(User, col(User.id) == col(AuditLog.actor_id), isouter=True)
        .where(*conditions)
        .order_by(col(AuditLog.created_at).desc(), col(AuditLog.id).desc())
        .limit(size)
        .offset((number - 1) * size)
    )
    rows = []
    for entry, user in session.exec(query).all():
        at = entry.created_at.astimezone(UTC)
        rows.append(
            {
                "id": entry.id,
                "at": at.isoformat(timespec="seconds"),
                "at_text": at.strftime("%Y-%m-%d %H:%M"),
                "actor_name": display_name(user),
                "actor_email": user.email if user is not None else "",
                "system": user is None,
                "action": entry.action,
                "object_type": entry.object_type,
                "object_key": object_type_key(entry.object_type),
                "object_id": "" if entry.object_id is None else str(entry.object_id),
                "changes": describe_changes(entry.old_values, entry.new_values),
            }
        )
    return Page(rows=rows, total=total, page=number, pages=pages)
