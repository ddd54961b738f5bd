"""The REST API for the provider's back office (SPEC F2) and the health endpoint (G5).

``create_api()`` builds a FastAPI app that Reflex mounts in front of its own
(``rx.App(api_transformer=...)``): ``/api/v1/...``, the OpenAPI document at
``/api/openapi.json``, its docs at ``/api/docs`` and ``/health``. Everything
else falls through to the portal.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from portal.api import problems
from portal.api.middleware import ApiMiddleware
from portal.api.routes import router
from portal.api.schemas import Health
from portal.settings import settings

DESCRIPTION = """\
The portal's REST API for the provider's ERP/CRM: upsert the fleet, follow
tickets and post their activities, status and resolution, read and submit
meter readings.

**Authentication**: `Authorization: Bearer <key>` with a key made by a provider
admin on the portal's API keys page. Keys are *read* or *read and write*.
A wrong or revoked key answers 401, a missing scope 403, too many calls 429
with `Retry-After`.

**Errors** are RFC 9457 `application/problem+json` documents with an `errors`
list (field, message).

**Lists** page with a cursor: pass the `next_cursor` of one page to get the
next; a page with `has_more: false` means the feed has caught up.

**POST** requests take an `Idempotency-Key` header: a retry with the same key
and body gets the first answer and changes nothing.
"""


def create_api(
    engine: Callable[[], sa.Engine] | None = None,
    *,
    rate_limit: int | None = None,
    max_body: int | None = None,
) -> FastAPI:
    """The API app.

    Args:
        engine: Returns the database engine (default ``portal.db.get_engine``).
        rate_limit: Calls per key and minute (default ``PORTAL_API_RATE_LIMIT``).
        max_body: Largest request body in bytes (default ``PORTAL_API_MAX_BODY_KB``).
    """
    if engine is None:
        from portal.db import get_engine

        engine = get_engine
    api = FastAPI(
        title=f"{settings.provider_name} portal API",
        version="1",
        description=DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    api.state.engine = engine
    api.state.rate_limit = rate_limit
    for exc_type, handler in problems.HANDLERS.items():
        api.add_exception_handler(exc_type, handler)
    api.include_router(router)

    @api.get(
        "/health",
        summary="Health of the portal",
        description="Database, knowledge index, mail outbox backlog and the mail dispatcher's "
        "heartbeat. 200 while the database answers (status ok or degraded), else 503.",
        response_model=Health,
        responses={503: {"model": Health, "description": "The database does not answer"}},
        tags=["health"],
    )
    def health(request: Request) -> JSONResponse:
        from portal.services import health as health_service

        report = health_service.report(engine=request.app.state.engine())
        return JSONResponse(report, status_code=503 if report["status"] == "failing" else 200)

    api.add_middleware(
        ApiMiddleware, max_body=max_body or settings.api_max_body_bytes, engine=engine
    )
    return api
