"""The audit log: who changed what, when, from which values to which (SPEC G3)."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import Enum
from typing import Any

from sqlmodel import Session, col, select

from portal import clock
from portal.models import AuditLog, User

REDACTED = "[redacted]"

_SECRET_MARKERS = ("password", "token", "secret", "hash", "api_key", "apikey")


def _is_secret(key: str) -> bool:
    lowered = key.lower()
    return any(marker in lowered for marker in _SECRET_MARKERS)


def _plain(value: Any) -> Any:
    """Turn ``value`` into something JSON can store, redacting secrets inside dicts."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, dict):
        return clean_values(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    return str(value)


def clean_values(values: dict[str, Any] | None) -> dict[str, Any]:
    """A JSON-ready copy of ``values`` in which passwords, hashes and tokens are redacted.

    The key stays, so the log still shows that, say, the password changed.
    """
    if not values:
        return {}
    return {
        str(key): (REDACTED if _is_secret(str(key)) and value is not None else _plain(value))
        for key, value in values.items()
    }


def record(
    *,
    session: Session,
    actor: User | None,
    action: str,
    object_type: str,
    object_id: int | None,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    organisation_id: int | None = None,
    now: datetime | None = None,
) -> AuditLog:
    """Add one audit entry to the current transaction.

    Args:
        session: The open session; the entry commits or rolls back with the action.
        actor: Who did it; None for the system (imports, jobs, anonymous visitors).
        action: What happened, e.g. ``"user.registered"``.
        object_type: The kind of object changed, e.g. ``"user"``.
        object_id: Its id.
        old: Values before the change (secrets are redacted).
        new: Values after the change (secrets are redacted).
        organisation_id: Whose log it belongs to; defaults to the actor's organisation.
        now: The time of the action; defaults to the portal clock.
    """
    if organisation_id is None and actor is not None:
        organisation_id = actor.organisation_id
    entry = AuditLog(
        organisation_id=organisation_id,
        actor_id=actor.id if actor is not None else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        old_values=clean_values(old),
        new_values=clean_values(new),
        created_at=now or clock.now(),
    )
    session.add(entry)
    session.flush()
    return entry


def entries_for(
    *, session: Session, object_type: str, object_id: int
) -> list[tuple[AuditLog, User | None]]:
    """The audit entries of one object, oldest first, each with who made it (None if nobody)."""
    return list(
        session.exec(
            select(AuditLog, User)
            .join(User, col(User.id) == col(AuditLog.actor_id), isouter=True)
            .where(col(AuditLog.object_type) == object_type, col(AuditLog.object_id) == object_id)
            .order_by(col(AuditLog.created_at), col(AuditLog.id))
        ).all()
    )
