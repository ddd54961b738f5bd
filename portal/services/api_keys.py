"""API keys of the REST API (SPEC F2): created and revoked by provider admins.

A key is shown once, when it is made; the database keeps only its SHA-256.
Each key acts through its own *integration* user, so that everything the key
changes is audited under the key's name and the service layer's rules apply
to it as to any provider user. A revoked key's user is made inactive.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from portal import clock
from portal.errors import NotFound, ValidationFailed
from portal.models import ApiKey, ApiScope, Role, User, UserStatus
from portal.services import audit, scope
from portal.services.common import display_name

MANAGER_ROLES = (Role.PROVIDER_ADMIN,)
SCOPES = (ApiScope.READ.value, ApiScope.WRITE.value)
MAX_NAME = 120
SECRET_START = "dsp_"
INTEGRATION_DOMAIN = "integration.invalid"


class ApiKeyInvalid(Exception):
    """The presented key is unknown, malformed or revoked (HTTP 401)."""


@dataclass(frozen=True)
class RateDecision:
    """Whether a call fits the key's rate limit, and when to come back if not."""

    allowed: bool
    limit: int
    remaining: int
    retry_after: int


def hash_secret(secret: str) -> str:
    """The stored form of a key: its SHA-256 in hex."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _new_secret() -> tuple[str, str]:
    prefix = secrets.token_hex(4)
    return prefix, f"{SECRET_START}{prefix}_{secrets.token_urlsafe(32)}"


def _clean_name(value: Any) -> str:
    name = " ".join(value.split()) if isinstance(value, str) else ""
    if not name:
        raise ValidationFailed({"name": "api_keys.error.name_required"})
    if len(name) > MAX_NAME:
        raise ValidationFailed({"name": "api_keys.error.name_too_long"})
    return name


def _clean_scopes(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple | set):
        raise ValidationFailed({"scopes": "api_keys.error.scopes"})
    chosen = {s for s in value if isinstance(s, str)}
    if not chosen or not chosen <= set(SCOPES) or len(chosen) != len(value):
        raise ValidationFailed({"scopes": "api_keys.error.scopes"})
    if ApiScope.WRITE.value in chosen:
        chosen.add(ApiScope.READ.value)  # whoever may write may read what they wrote
    return [s for s in SCOPES if s in chosen]


def create_key(
    *,
    session: Session,
    actor: User | None,
    name: Any,
    scopes: Any,
    now: datetime | None = None,
) -> tuple[ApiKey, str]:
    """Create a key and its integration user.

    Args:
        session: The open session.
        actor: Who creates it (a provider admin).
        name: What the key is for, e.g. "ERP sync".
        scopes: ``["read"]`` or ``["read", "write"]`` (write implies read).
        now: The current time (default ``clock.now()``).

    Returns:
        The stored key and its secret, which is never available again.

    Raises:
        PermissionDenied: The actor is not a provider admin.
        ValidationFailed: ``name`` or ``scopes``.
    """
    actor = scope.require_role(actor, *MANAGER_ROLES)
    now = now or clock.now()
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    for field, cleaner, raw in (("name", _clean_name, name), ("scopes", _clean_scopes, scopes)):
        try:
            clean[field] = cleaner(raw)
        except ValidationFailed as exc:
            errors.update(exc.errors)
    if errors:
        raise ValidationFailed(errors)
    prefix, secret = _new_secret()
    user = User(
        email=f"api-key-{prefix}@{INTEGRATION_DOMAIN}",
        first_name=clean["name"][:80],
        last_name="(API)",
        roles=Role.INTEGRATION.value,
        status=UserStatus.ACTIVE.value,
        language=actor.language,
        created_at=now,
        activated_at=now,
    )
    session.add(user)
    session.flush()
    key = ApiKey(
        name=clean["name"],
        prefix=prefix,
        key_hash=hash_secret(secret),
        scopes=",".join(clean["scopes"]),
        user_id=user.id,
        created_by_id=actor.id,
        created_at=now,
    )
    session.add(key)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="api_key.created",
        object_type="api_key",
        object_id=key.id,
        new={"name": key.name, "prefix": prefix, "scopes": clean["scopes"]},
        now=now,
    )
    return key, secret


def _managed_key(session: Session, actor: User | None, key_id: Any) -> tuple[User, ApiKey]:
    actor = scope.require_role(actor, *MANAGER_ROLES)
    key = session.get(ApiKey, scope.as_id(key_id))
    if key is None:
        raise NotFound(scope.NOT_FOUND)
    return actor, key


def revoke_key(
    *, session: Session, actor: User | None, key_id: Any, now: datetime | None = None
) -> ApiKey:
    """Revoke a key at once; its integration user becomes inactive. Revoking twice is a no-op.

    Raises:
        PermissionDenied: The actor is not a provider admin.
        NotFound: No such key.
    """
    actor, key = _managed_key(session, actor, key_id)
    if key.revoked_at is not None:
        return key
    now = now or clock.now()
    key.revoked_at = now
    user = session.get(User, key.user_id)
    if user is not None:
        user.status = UserStatus.INACTIVE.value
    session.add(key)
    audit.record(
        session=session,
        actor=actor,
        action="api_key.revoked",
        object_type="api_key",
        object_id=key.id,
        old={"revoked": False},
        new={"revoked": True, "name": key.name, "prefix": key.prefix},
        now=now,
    )
    return key


def list_keys(*, session: Session, actor: User | None) -> list[dict[str, Any]]:
    """Every key, newest first, as plain values for the page (never the secret or its hash).

    Raises:
        PermissionDenied: The actor is not a provider admin.
    """
    scope.require_role(actor, *MANAGER_ROLES)
    keys = session.exec(select(ApiKey).order_by(col(ApiKey.id).desc())).all()
    creator_ids = {k.created_by_id for k in keys if k.created_by_id is not None}
    creators = {
        u.id: u for u in session.exec(select(User).where(col(User.id).in_(creator_ids))).all()
    }
    return [
        {
            "id": key.id,
            "name": key.name,
            "prefix": key.prefix,
            "scopes": [s for s in SCOPES if s in key.scope_set],
            "created_at": key.created_at,
            "created_by": display_name(creators.get(key.created_by_id)),
            "last_used_at": key.last_used_at,
            "revoked_at": key.revoked_at,
            "active": key.revoked_at is None,
        }
        for key in keys
    ]


def authenticate(*, session: Session, secret: Any) -> tuple[ApiKey, User]:
    """The key presented by a caller and its integration user.

    Raises:
        ApiKeyInvalid: Unknown, malformed or revoked key, or its user is not active.
    """
    if not isinstance(secret, str) or not secret.startswith(SECRET_START) or len(secret) > 200:
        msg = "invalid API key"
        raise ApiKeyInvalid(msg)
    key = session.exec(select(ApiKey).where(col(ApiKey.key_hash) == hash_secret(secret))).first()
    if key is None or key.revoked_at is not None:
        msg = "invalid or revoked API key"
        raise ApiKeyInvalid(msg)
    user = session.get(User, key.user_id)
    if not scope.is_active(user):
        msg = "the key's integration user is not active"
        raise ApiKeyInvalid(msg)
    return key, user


def take_call(
    *,
    engine: sa.Engine,
    key_id: int,
    limit: int,
    window_seconds: int = 60,
    now: datetime | None = None,
) -> RateDecision:
    """Count one call against the key's fixed window and mark the key used.

    Each step is one conditional UPDATE committed at once, so several workers
    share one count without a lock.

    Args:
        engine: The database engine.
        key_id: The key's id.
        limit: Calls allowed per window.
        window_seconds: The window's length.
        now: The current time (default ``clock.now()``).
    """
    now = now or clock.now()
    window_open = now - timedelta(seconds=window_seconds)
    table = ApiKey.__table__
    with engine.begin() as conn:
        fresh = conn.execute(
            sa.update(table)
            .where(
                table.c.id == key_id,
                sa.or_(
                    table.c.rate_window_start.is_(None), table.c.rate_window_start <= window_open
                ),
            )
            .values(rate_window_start=now, rate_window_count=1, last_used_at=now)
        )
        if fresh.rowcount == 1:
            return RateDecision(True, limit, limit - 1, 0)
        counted = conn.execute(
            sa.update(table)
            .where(table.c.id == key_id, table.c.rate_window_count < limit)
            .values(rate_window_count=table.c.rate_window_count + 1, last_used_at=now)
        )
        row = conn.execute(
            sa.select(table.c.rate_window_start, table.c.rate_window_count).where(
                table.c.id == key_id
            )
        ).one()
    started = row.rate_window_start
    if started.tzinfo is None:
        started = started.replace(tzinfo=now.tzinfo)
    if counted.rowcount == 1:
        return RateDecision(True, limit, max(0, limit - row.rate_window_count), 0)
    wait = (started + timedelta(seconds=window_seconds) - now).total_seconds()
    return RateDecision(False, limit, 0, max(1, int(wait + 0.999)))


def record_call(
    *,
    session: Session,
    key: ApiKey,
    user: User | None,
    method: str,
    path: str,
    status: int,
    now: datetime | None = None,
) -> None:
    """Audit one API call (SPEC F2: every call audited), whatever its outcome."""
    audit.record(
        session=session,
        actor=user,
        action="api.call",
        object_type="api_key",
        object_id=key.id,
        new={"method": method, "path": path[:300], "status": status, "key": key.prefix},
        now=now,
    )
