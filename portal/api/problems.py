"""RFC 9457 problem details: every error of the REST API is ``application/problem+json``."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from portal.errors import NotFound, PermissionDenied, ValidationFailed
from portal.i18n import translate

MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "tag:portal,2026:problem/"


class FieldError(BaseModel):
    """What is wrong with one field (a dotted path into the request)."""

    field: str
    message: str


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    type: str = Field(description="A URI naming the kind of problem")
    title: str
    status: int
    detail: str = ""
    instance: str = Field(default="", description="The request path")
    errors: list[FieldError] = Field(default_factory=list)
    request_id: str = ""


class ApiProblem(Exception):
    """Raised anywhere in the API to answer with a problem document."""

    def __init__(
        self,
        status: int,
        slug: str,
        title: str,
        detail: str = "",
        *,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail or title)
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
        self.errors = errors or []
        self.headers = headers or {}
        self.extra = extra or {}


def problem_response(
    request: Request,
    status: int,
    slug: str,
    title: str,
    detail: str = "",
    *,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    """A problem+json response for ``request``."""
    body = {
        "type": TYPE_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        "errors": errors or [],
        "request_id": request.scope.get("state", {}).get("request_id", ""),
        **(extra or {}),
    }
    return JSONResponse(body, status_code=status, headers=headers, media_type=MEDIA_TYPE)


def english(errors: dict[str, str]) -> list[dict[str, str]]:
    """Service error keys per field, in English."""
    return [{"field": name, "message": translate("en", key)} for name, key in errors.items()]


async def _api_problem(request: Request, exc: ApiProblem) -> JSONResponse:
    return problem_response(
        request,
        exc.status,
        exc.slug,
        exc.title,
        exc.detail,
        errors=exc.errors,
        headers=exc.headers,
        extra=exc.extra,
    )


async def _validation_failed(request: Request, exc: ValidationFailed) -> JSONResponse:
    return problem_response(
        request, 422, "validation-failed", "The request was refused", errors=english(exc.errors)
    )


async def _not_found(request: Request, exc: NotFound) -> JSONResponse:
    return problem_response(request, 404, "not-found", "Not found", "No such object in your scope")


async def _denied(request: Request, exc: PermissionDenied) -> JSONResponse:
    return problem_response(request, 403, "forbidden", "Forbidden", "This key may not do that")


async def _request_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [
        {
            "field": ".".join(str(part) for part in err.get("loc", ()) if part != "body") or "body",
            "message": str(err.get("msg", "invalid")),
        }
        for err in exc.errors()
    ]
    return problem_response(
        request, 422, "request-invalid", "The request does not match the schema", errors=errors
    )


async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    titles = {404: "Not found", 405: "Method not allowed", 400: "Bad request"}
    return problem_response(
        request,
        exc.status_code,
        f"http-{exc.status_code}",
        titles.get(exc.status_code, "HTTP error"),
        str(exc.detail) if exc.detail else "",
        headers=getattr(exc, "headers", None),
    )


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    import logging

    logging.getLogger("portal.api").exception("unexpected error", extra={"path": request.url.path})
    return problem_response(
        request, 500, "internal", "Internal error", "The error was logged; nothing was changed"
    )


HANDLERS = {
    ApiProblem: _api_problem,
    ValidationFailed: _validation_failed,
    NotFound: _not_found,
    PermissionDenied: _denied,
    RequestValidationError: _request_invalid,
    StarletteHTTPException: _http,
    Exception: _unexpected,
}


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problem answers an endpoint may give."""
    descriptions = {
        400: "Bad request",
        401: "Missing, unknown or revoked API key",
        403: "The key lacks the scope",
        404: "Not found in the key's scope",
        409: "Conflict (a concurrent request with the same Idempotency-Key)",
        413: "Request body too large",
        422: "Validation failed",
        429: "Rate limit exceeded (see Retry-After)",
    }
    return {
        status: {
            "model": Problem,
            "description": descriptions.get(status, "Problem"),
            "content": {MEDIA_TYPE: {}},
        }
        for status in statuses
    }
