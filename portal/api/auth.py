"""Who calls the REST API: the API key in ``Authorization: Bearer`` (or ``X-API-Key``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from portal.api.problems import ApiProblem
from portal.models import ApiScope, User
from portal.services import api_keys
from portal.settings import settings

bearer = HTTPBearer(
    auto_error=False,
    description="An API key made by a provider admin on the API keys page (dsp_…)",
)
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="portal-api"'}


@dataclass(frozen=True)
class Principal:
    """The caller: its key and the key's integration user."""

    key_id: int
    prefix: str
    scopes: frozenset[str]
    user: User


def _principal(request: Request, credentials: HTTPAuthorizationCredentials | None) -> Principal:
    secret = credentials.credentials if credentials else request.headers.get("x-api-key")
    if not secret:
        raise ApiProblem(
            401,
            "unauthorized",
            "API key required",
            "Send Authorization: Bearer <key>",
            headers=_CHALLENGE,
        )
    engine = request.app.state.engine()
    with Session(engine, expire_on_commit=False) as session:
        try:
            key, user = api_keys.authenticate(session=session, secret=secret)
        except api_keys.ApiKeyInvalid:
            raise ApiProblem(
                401,
                "unauthorized",
                "Invalid API key",
                "The key is unknown or revoked",
                headers=_CHALLENGE,
            ) from None
    state = request.scope.setdefault("state", {})
    state["api_key_id"], state["api_key_prefix"], state["api_user_id"] = key.id, key.prefix, user.id
    decision = api_keys.take_call(
        engine=engine, key_id=key.id, limit=request.app.state.rate_limit or settings.api_rate_limit
    )
    state["rate"] = decision
    if not decision.allowed:
        raise ApiProblem(
            429,
            "rate-limited",
            "Too many requests",
            f"At most {decision.limit} calls a minute per key",
            headers={"Retry-After": str(decision.retry_after)},
        )
    return Principal(key_id=key.id, prefix=key.prefix, scopes=frozenset(key.scope_set), user=user)


def require(scope: ApiScope) -> Callable[..., Principal]:
    """A dependency: the caller, who must hold ``scope``."""

    def dependency(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Principal:
        principal = _principal(request, credentials)
        if scope.value not in principal.scopes:
            raise ApiProblem(
                403, "scope-missing", "Forbidden", f"This key lacks the {scope.value!r} scope"
            )
        return principal

    return dependency
