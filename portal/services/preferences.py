"""The signed-in user's e-mail alert preferences (SPEC E2).

One ``AlertPreference`` row per user and ``AlertEvent`` says whether the user
is e-mailed about that kind of event, whether also about their own actions,
and whether at once or in the daily digest; ``portal.services.notify`` applies
them. These functions read and write the actor's own rows only: none takes a
user id, so a browser cannot change somebody else's alerts.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from portal.models import AlertEvent, AlertPreference, User
from portal.services import audit, notify, scope

EVENTS: tuple[str, ...] = tuple(event.value for event in AlertEvent)
"""Every event a user can choose alerts for, in the order the page lists them."""

FIELDS = ("enabled", "not_for_own_actions", "digest")
_TRUE_WORDS = {"1", "true", "on", "yes", "digest"}


def as_flag(value: Any) -> bool:
    """A form value as a boolean: True, 1, "on", "true", "yes" or "digest" mean yes."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value == 1
    if isinstance(value, str):
        return value.strip().lower() in _TRUE_WORDS
    return False


def get_preferences(*, session: Session, actor: User | None) -> list[dict[str, Any]]:
    """The actor's preference for every event, defaults filled in.

    Returns:
        One dict per event of ``EVENTS``, in that order: ``event``, ``enabled``,
        ``not_for_own_actions``, ``digest``. An event without a saved row has
        ``notify.DEFAULT_PREFERENCE``.

    Raises:
        PermissionDenied: nobody, or a user who is not active.
    """
    user = scope.require_active(actor)
    saved = notify.preferences_for(session=session, user_id=user.id)
    return [
        {
            "event": event.value,
            "enabled": saved[event].enabled,
            "not_for_own_actions": saved[event].not_for_own_actions,
            "digest": saved[event].digest,
        }
        for event in AlertEvent
    ]


def save_preferences(
    *,
    session: Session,
    actor: User | None,
    values: Mapping[str, Mapping[str, Any]],
    now: datetime | None = None,
) -> None:
    """Store the actor's preferences for the events in ``values``.

    Keys that are not events are ignored, and so are events not in
    ``values`` (they keep what they had). Each flag is coerced with
    :func:`as_flag`; a missing flag counts as off. Each event ends up with
    exactly one row for the actor (older duplicates are deleted). Changes are
    audited with their old and new values.

    Args:
        session: The caller's session.
        actor: The signed-in user, whose own preferences change.
        values: ``{event: {"enabled": …, "not_for_own_actions": …, "digest": …}}``.
        now: The time of the change (default ``clock.now()``).

    Raises:
        PermissionDenied: nobody, or a user who is not active.
    """
    user = scope.require_active(actor)
    if not isinstance(values, Mapping):
        return
    wanted: dict[str, dict[str, bool]] = {}
    for event, flags in values.items():
        if event in EVENTS and isinstance(flags, Mapping):
            wanted[event] = {field: as_flag(flags.get(field)) for field in FIELDS}
    if not wanted:
        return

    before = {p["event"]: p for p in get_preferences(session=session, actor=user)}
    rows = session.exec(select(AlertPreference).where(col(AlertPreference.user_id) == user.id))
    existing = {row.event: row for row in rows}  # one row per event (a unique index)

    old: dict[str, dict[str, bool]] = {}
    new: dict[str, dict[str, bool]] = {}
    for event, flags in wanted.items():
        row = existing.get(event)
        if row is None:
            row = AlertPreference(user_id=user.id, event=event)
        for field, value in flags.items():
            setattr(row, field, value)
        session.add(row)
        previous = {field: before[event][field] for field in FIELDS}
        if previous != flags:
            old[event] = previous
            new[event] = flags
    session.flush()
    if new:
        audit.record(
            session=session,
            actor=user,
            action="profile.alerts",
            object_type="user",
            object_id=user.id,
            old=old,
            new=new,
            now=now,
        )
