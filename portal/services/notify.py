"""Who is told about an event, and how: e-mail alerts per user preference (SPEC E2, E3).

Each user has at most one ``AlertPreference`` per ``AlertEvent``; without one
the ``DEFAULT_PREFERENCE`` applies (alerts on, including for the user's own
actions, sent at once). ``notify`` applies the preferences of every recipient:
an immediate alert becomes an outbox e-mail in the recipient's language, a
digest alert becomes a ``DigestItem`` that ``portal.services.digest`` sends
once a day. Everything happens in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from portal import clock
from portal.models import (
    AlertEvent,
    AlertPreference,
    DigestItem,
    Role,
    Ticket,
    User,
    UserProduct,
    UserStatus,
)
from portal.services import mail
from portal.services.common import organisation_of_product
from portal.services.mail_templates import render
from portal.settings import Settings


@dataclass(frozen=True)
class Preference:
    """How a user wants to hear about one kind of event (the fields of ``AlertPreference``)."""

    enabled: bool = True
    not_for_own_actions: bool = False
    digest: bool = False


DEFAULT_PREFERENCE = Preference()
"""What applies to a user who has not saved a preference for an event."""


def _preference_rows(session: Session, user_ids: list[int]) -> dict[tuple[int, str], Preference]:
    """Saved preferences by ``(user_id, event)``; of duplicate rows the newest wins."""
    if not user_ids:
        return {}
    rows = session.exec(
        select(AlertPreference)
        .where(col(AlertPreference.user_id).in_(user_ids))
        .order_by(col(AlertPreference.id))
    ).all()
    return {
        (row.user_id, row.event): Preference(
            enabled=row.enabled,
            not_for_own_actions=row.not_for_own_actions,
            digest=row.digest,
        )
        for row in rows
    }


def preferences_for(*, session: Session, user_id: int) -> dict[AlertEvent, Preference]:
    """Every event's preference for one user, with ``DEFAULT_PREFERENCE`` where none is saved.

    Args:
        session: The database session.
        user_id: The user whose preferences are read.

    Returns:
        One ``Preference`` per ``AlertEvent``, in the enum's order.
    """
    saved = _preference_rows(session, [user_id])
    return {event: saved.get((user_id, event.value), DEFAULT_PREFERENCE) for event in AlertEvent}


def notify(
    *,
    session: Session,
    event: AlertEvent,
    recipients: Iterable[User],
    actor: User | None,
    template: str,
    context: dict[str, Any],
    now: datetime | None = None,
    config: Settings | None = None,
) -> int:
    """Alert ``recipients`` about ``event`` as each of them prefers.

    Recipients are taken once each (by id); users who are not active or have
    no e-mail address are skipped, and so is anyone whose preference for
    ``event`` is off, or who asked not to hear about their own actions when
    they are the ``actor``. A digest preference adds a ``DigestItem`` (its
    summary is the message's subject in the recipient's language, its link
    ``context["link"]``); otherwise an e-mail is put in the outbox. Rows are
    flushed, never committed: nothing is sent unless the caller commits.

    Args:
        session: The caller's session (its transaction is the action's).
        event: The kind of event, matched against the recipients' preferences.
        recipients: The users to consider.
        actor: Who caused the event (None for the system).
        template: A ``mail_templates`` template name.
        context: The template's values; ``name`` is set per recipient.
        now: The current time (default ``clock.now()``).
        config: Settings for rendering (default: the process settings).

    Returns:
        How many recipients were e-mailed or had an item queued for their digest.

    Raises:
        ValueError: The template cannot be rendered with ``context``.
    """
    now = now or clock.now()
    unique: dict[int, User] = {}
    for user in recipients:
        if user.id is not None and user.id not in unique:
            unique[user.id] = user
    users = [
        user
        for user in unique.values()
        if user.status == UserStatus.ACTIVE and (user.email or "").strip()
    ]
    saved = _preference_rows(session, [user.id for user in users])
    actor_id = actor.id if actor is not None else None

    count = 0
    for user in users:
        preference = saved.get((user.id, str(event)), DEFAULT_PREFERENCE)
        if not preference.enabled:
            continue
        if preference.not_for_own_actions and actor_id == user.id:
            continue
        personal = {**context, "name": user.first_name}
        if preference.digest:
            subject, _, _ = render(template, user.language, personal, config=config)
            session.add(
                DigestItem(
                    user_id=user.id,
                    event=str(event),
                    summary=subject[:500],
                    link=str(context.get("link") or "")[:500],
                    created_at=now,
                )
            )
        else:
            mail.enqueue(
                session=session,
                to=user.email,
                template=template,
                language=user.language,
                context=personal,
                now=now,
                config=config,
            )
        count += 1
    session.flush()
    return count


def _customer_of(user: User | None, organisation_id: int | None) -> bool:
    """Whether ``user`` is an active customer user of ``organisation_id``."""
    return (
        user is not None
        and organisation_id is not None
        and not user.is_provider
        and user.organisation_id == organisation_id
        and user.status == UserStatus.ACTIVE
    )


def ticket_recipients(*, session: Session, ticket: Ticket) -> list[User]:
    """Who hears about a ticket: its customer creator, else the product's device managers.

    The creator counts when it is an active user of the organisation that owns
    the product (not provider staff). Otherwise — the provider opened the
    ticket, it came in without a creator, or the creator has left — the
    recipients are the active device managers to whom the product is assigned
    directly, never users of another organisation.

    Args:
        session: The database session.
        ticket: The ticket.

    Returns:
        The users to pass to ``notify`` (possibly none), ordered by id.
    """
    organisation_id = organisation_of_product(session, ticket.product_id)
    if organisation_id is None:
        return []
    creator = session.get(User, ticket.created_by_id) if ticket.created_by_id else None
    if _customer_of(creator, organisation_id):
        return [creator]
    managers = session.exec(
        select(User)
        .join(UserProduct, col(UserProduct.user_id) == col(User.id))
        .where(
            col(UserProduct.product_id) == ticket.product_id,
            col(User.organisation_id) == organisation_id,
            col(User.status) == UserStatus.ACTIVE.value,
        )
        .order_by(col(User.id))
    ).all()
    return [user for user in managers if user.has_role(Role.DEVICE_MANAGER)]


def request_recipients(
    *, session: Session, created_by_id: int | None, organisation_id: int | None
) -> list[User]:
    """Who hears about a move request or inquiry: its creator, when an active customer user.

    Args:
        session: The database session.
        created_by_id: The request's ``created_by_id``.
        organisation_id: The organisation the request belongs to; a creator of
            another organisation (or provider staff) is never returned.

    Returns:
        ``[creator]`` or ``[]``.
    """
    creator = session.get(User, created_by_id) if created_by_id else None
    return [creator] if _customer_of(creator, organisation_id) else []


def notify_creator(
    *,
    session: Session,
    event: AlertEvent,
    created_by_id: int | None,
    organisation_id: int | None,
    actor: User | None,
    template: str,
    context: dict[str, Any],
    now: datetime | None,
) -> int:
    """Alert the creator of a request or an order (see ``request_recipients``) through ``notify``.

    Returns:
        How many were alerted: 0 when the creator is not an active customer
        user of ``organisation_id``.
    """
    recipients = request_recipients(
        session=session, created_by_id=created_by_id, organisation_id=organisation_id
    )
    if not recipients:
        return 0
    return notify(
        session=session,
        event=event,
        recipients=recipients,
        actor=actor,
        template=template,
        context=context,
        now=now,
    )
