"""Invitations (SPEC A7): an administrator invites a colleague by e-mail with a role and devices.

The invitee exists at once as a pending user without password, with exactly
the products and groups chosen, so the users page lists them (Pending, marked
invited) and their scope is ready the moment they accept. The e-mailed link is
personal, single-use, valid for seven days and stored only as a SHA-256.
Following it the invitee sets a password and becomes active; the caller logs
them in.

Re-sending replaces the link (the old one stops working). Revoking makes the
link unusable and removes the invitee, who never got in.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

import portal.settings as portal_settings
from portal import clock, security
from portal.errors import NotFound, ValidationFailed
from portal.models import Language, TokenPurpose, User, UserStatus, UserToken
from portal.services import audit, identity, scope, users
from portal.services.common import check_text

INVITATION_VALIDITY = timedelta(days=7)
NAME_MAX_LENGTH = 80
EMAIL_TAKEN = "error.email_taken"
TOKEN_INVALID = "error.token_invalid"
_MAX_RAW_TOKEN_LENGTH = 200


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _open_tokens(session: Session, user_id: int) -> list[UserToken]:
    return list(
        session.exec(
            select(UserToken).where(
                col(UserToken.user_id) == user_id,
                col(UserToken.purpose) == TokenPurpose.INVITATION.value,
                col(UserToken.used_at).is_(None),
            )
        ).all()
    )


def _close_open_tokens(session: Session, user_id: int, now: datetime) -> None:
    """Make the user's unused invitation links stop working from ``now`` on."""
    for token in _open_tokens(session, user_id):
        token.used_at = now
        token.expires_at = min(token.expires_at, now)
        session.add(token)
    session.flush()


def _is_invited(session: Session, user: User) -> bool:
    """A pending user who was invited and has not accepted: an unused invitation token."""
    return user.status == UserStatus.PENDING.value and bool(_open_tokens(session, user.id))


def _send(session: Session, actor: User, user: User, now: datetime) -> None:
    """Issue a fresh invitation token (older ones stop working) and e-mail its link."""
    _close_open_tokens(session, user.id, now)
    raw, digest = security.new_token()
    session.add(
        UserToken(
            user_id=user.id,
            purpose=TokenPurpose.INVITATION.value,
            token_hash=digest,
            created_at=now,
            expires_at=now + INVITATION_VALIDITY,
        )
    )
    session.flush()
    users.tell_user(
        session,
        user,
        "invitation",
        now,
        {
            "inviter": actor.full_name or actor.email,
            "roles": users.role_labels(user.roles, user.language),
            "link": f"{portal_settings.settings.base_url}/invite/{raw}",
        },
    )


def invite(
    *,
    session: Session,
    actor: User | None,
    email: Any,
    first_name: Any,
    last_name: Any,
    roles: Any,
    product_ids: Any = (),
    group_ids: Any = (),
    language: Any = Language.ES.value,
    now: datetime | None = None,
) -> User:
    """Invite a colleague: a pending user with that scope, and an e-mail with a personal link.

    Args:
        session: The database session.
        actor: The inviting administrator.
        email: The invitee's address.
        first_name: The invitee's first name.
        last_name: The invitee's last name(s).
        roles: Role values (see ``users.clean_roles``).
        product_ids: Products of the organisation assigned directly.
        group_ids: Groups of the organisation the invitee joins.
        language: The invitee's language (e-mails and the UI).
        now: The time of the invitation.

    Returns:
        The new (pending) user.

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
        NotFound: A product or group is not the organisation's.
        ValidationFailed: Per field: ``email`` (missing, malformed or already
            registered: ``error.email_taken``), ``first_name``, ``last_name``,
            ``roles``, ``language``.
    """
    now = now or clock.now()
    actor = users.require_admin(actor)
    errors: dict[str, str] = {}
    address = identity.normalise_email(email if isinstance(email, str) else "")
    problem = identity.email_problem(address)
    if problem:
        errors["email"] = problem
    elif session.exec(select(User.id).where(sa.func.lower(col(User.email)) == address)).first():
        errors["email"] = EMAIL_TAKEN
    names = {"first_name": _text(first_name), "last_name": _text(last_name)}
    for field, value in names.items():
        check_text(errors, field, value, NAME_MAX_LENGTH, required=True)
    try:
        chosen_roles = users.clean_roles(roles)
    except ValidationFailed as exc:
        errors.update(exc.errors)
        chosen_roles = []
    if language not in {lang.value for lang in Language}:
        errors["language"] = "error.language_invalid"
    if errors:
        raise ValidationFailed(errors)
    products = users.organisation_products(session, actor, product_ids)
    groups = users.organisation_group_ids(session, actor, group_ids)

    user = User(
        organisation_id=actor.organisation_id,
        email=address,
        first_name=names["first_name"],
        last_name=names["last_name"],
        language=language,
        roles=",".join(chosen_roles),
        status=UserStatus.PENDING.value,
        password_hash=None,
        created_at=now,
    )
    session.add(user)
    session.flush()
    users.set_scope(session, user, products, groups)
    _send(session, actor, user, now)
    audit.record(
        session=session,
        actor=actor,
        action="user.invited",
        object_type="user",
        object_id=user.id,
        new={
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "roles": user.roles,
            "language": user.language,
            "product_ids": sorted(products),
            "group_ids": sorted(groups),
        },
        now=now,
    )
    return user


def _load_invited(session: Session, actor: User | None, user_id: Any) -> tuple[User, User]:
    """The actor, if an administrator, and the invitee ``user_id`` of their organisation.

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
        NotFound: No open invitation of that user in the organisation.
    """
    actor = users.require_admin(actor)
    user = users.load_user(session, actor, user_id)
    if not _is_invited(session, user):
        raise NotFound(scope.NOT_FOUND)
    return actor, user


def resend(
    *, session: Session, actor: User | None, user_id: Any, now: datetime | None = None
) -> User:
    """Send the invitation again with a new link; the old link stops working.

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
        NotFound: No open invitation of that user in the organisation.
    """
    now = now or clock.now()
    actor, user = _load_invited(session, actor, user_id)
    _send(session, actor, user, now)
    audit.record(
        session=session,
        actor=actor,
        action="user.invitation_resent",
        object_type="user",
        object_id=user.id,
        now=now,
    )
    return user


def revoke(
    *, session: Session, actor: User | None, user_id: Any, now: datetime | None = None
) -> None:
    """Withdraw an invitation: the link stops working and the invitee is removed.

    Raises:
        PermissionDenied: The actor is not an active customer administrator.
        NotFound: No open invitation of that user in the organisation.
    """
    now = now or clock.now()
    actor, user = _load_invited(session, actor, user_id)
    uid, address = user.id, user.email
    _close_open_tokens(session, uid, now)
    outcome = "kept"
    if user.activated_at is None and user.password_hash is None:
        outcome = users.remove_user(session, user, now)
    audit.record(
        session=session,
        actor=actor,
        action="user.invitation_revoked",
        object_type="user",
        object_id=uid,
        old={"email": address},
        new={"outcome": outcome},
        now=now,
    )


def check(*, session: Session, raw_token: str, now: datetime | None = None) -> User | None:
    """The invitee behind a usable invitation link, or None (nothing is used up)."""
    found = _find(session, raw_token, now or clock.now())
    return found[1] if found else None


def _find(session: Session, raw_token: Any, now: datetime) -> tuple[UserToken, User] | None:
    if not isinstance(raw_token, str) or not raw_token or len(raw_token) > _MAX_RAW_TOKEN_LENGTH:
        return None
    token = session.exec(
        select(UserToken).where(col(UserToken.token_hash) == security.hash_token(raw_token))
    ).first()
    if (
        token is None
        or token.purpose != TokenPurpose.INVITATION.value
        or token.used_at is not None
        or token.expires_at <= now
    ):
        return None
    user = session.get(User, token.user_id)
    if user is None or user.status != UserStatus.PENDING.value:
        return None
    return token, user


def accept(*, session: Session, raw_token: Any, password: Any, now: datetime | None = None) -> User:
    """Accept an invitation: set the first password; the invitee becomes active.

    The link works once. The caller logs the user in (``identity.login`` with
    the same password, in the same transaction).

    Raises:
        ValidationFailed: ``token: error.token_invalid`` for a missing, used,
            expired or revoked link; ``password: <key>`` for a weak password.
    """
    now = now or clock.now()
    found = _find(session, raw_token, now)
    if found is None:
        raise ValidationFailed({"token": TOKEN_INVALID})
    token, user = found
    password = password if isinstance(password, str) else ""
    problem = security.password_problem(
        password, user_inputs=(user.email, user.first_name, user.last_name, user.full_name)
    )
    if problem:
        raise ValidationFailed({"password": problem})
    session.flush()
    claimed = session.exec(
        sa.update(UserToken)
        .where(col(UserToken.id) == token.id, col(UserToken.used_at).is_(None))
        .values(used_at=now)
    )
    if claimed.rowcount != 1:
        raise ValidationFailed({"token": TOKEN_INVALID})
    session.refresh(token)
    identity.set_password(session=session, user=user, password=password, now=now)
    user.status = UserStatus.ACTIVE.value
    user.activated_at = now
    session.add(user)
    session.flush()
    audit.record(
        session=session,
        actor=user,
        action="user.invitation_accepted",
        object_type="user",
        object_id=user.id,
        old={"status": UserStatus.PENDING.value},
        new={"status": user.status, "password": "set"},
        now=now,
    )
    return user
