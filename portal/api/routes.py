"""The endpoints of REST API v1 (SPEC F2). Each one authorizes, then calls a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import JSONResponse
from sqlmodel import Session

from portal.api.auth import Principal, require
from portal.api.problems import ApiProblem, english, responses
from portal.api.schemas import (
    ActivityIn,
    ActivityOut,
    ContactIn,
    ContactOut,
    ReadingAccepted,
    ReadingIn,
    ReadingPage,
    ResolutionIn,
    StatusIn,
    TicketDetail,
    TicketOut,
    TicketPage,
)
from portal.models import ApiScope, ReadingSource
from portal.services import capture, changes, desk, fleet, idempotency, readings

router = APIRouter(prefix="/api/v1")
Reader = Annotated[Principal, Depends(require(ApiScope.READ))]
Writer = Annotated[Principal, Depends(require(ApiScope.WRITE))]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=idempotency.MAX_KEY,
        description="Sending the same POST again with this key changes nothing and "
        "gets the first answer (kept for 24 hours)",
    ),
]
Cursor = Annotated[
    str | None, Query(max_length=200, description="next_cursor of the previous page")
]
Limit = Annotated[int, Query(ge=1, le=changes.MAX_LIMIT)]
TicketNumber = Annotated[str, Path(min_length=1, max_length=20, pattern=r"^[^\x00]+$")]
_READ_ERRORS = responses(401, 403, 422, 429)
_WRITE_ERRORS = responses(400, 401, 403, 404, 409, 413, 422, 429)


def _session(request: Request) -> Session:
    return Session(request.app.state.engine(), expire_on_commit=False)


def _write(
    request: Request,
    principal: Principal,
    key: str | None,
    payload: Any,
    action: Callable[[Session], tuple[int, Any]],
) -> JSONResponse:
    """Run ``action`` in one transaction, honouring the Idempotency-Key.

    The answer is stored with the change it made, in the same commit; a repeat
    gets the stored answer, a repeat with another body is refused.
    """
    if key is not None and not idempotency.valid_key(key):
        raise ApiProblem(
            400, "idempotency-key-invalid", "Bad Idempotency-Key", "1–200 visible ASCII characters"
        )
    path = request.url.path
    fingerprint = idempotency.request_hash(request.method, path, payload)
    with _session(request) as session:
        if key is not None:
            stored = idempotency.find(
                session=session, api_key_id=principal.key_id, key=key, fingerprint=fingerprint
            )
            if stored is not None:
                return _replayed(stored)
        try:
            status, body = action(session)
            if key is not None:
                idempotency.store(
                    session=session,
                    api_key_id=principal.key_id,
                    key=key,
                    method=request.method,
                    path=path,
                    fingerprint=fingerprint,
                    status_code=status,
                    body=body,
                )
            session.commit()
        except sa.exc.IntegrityError:
            session.rollback()
            if key is None:
                raise ApiProblem(
                    409, "conflict", "Conflict", "A concurrent change got there first; retry"
                ) from None
        else:
            return JSONResponse(body, status_code=status)
    with _session(request) as session:
        stored = idempotency.find(
            session=session, api_key_id=principal.key_id, key=key, fingerprint=fingerprint
        )
    if stored is None:
        raise ApiProblem(409, "conflict", "Conflict", "A concurrent change got there first; retry")
    return _replayed(stored)


def _replayed(stored: idempotency.StoredAnswer) -> JSONResponse:
    if not stored.same_request:
        raise ApiProblem(
            422,
            "idempotency-key-reused",
            "Idempotency-Key reused",
            "This key was sent before with another request",
        )
    return JSONResponse(
        stored.body, status_code=stored.status_code, headers={"Idempotent-Replayed": "true"}
    )


def _row_problem(error: fleet.RowError) -> dict[str, str]:
    where = error.kind if error.index is None else f"{error.kind}[{error.index}]"
    field = f"{where}.{error.field}" if error.field else where
    return {"field": field, "message": error.message, "ref": error.ref}


@router.post(
    "/fleet",
    summary="Upsert fleet data",
    description="Organisations, accounts, contract lines, locations and products, each "
    "matched by its key (organisation and location ref, account number, account number + "
    "contract number, serial). The same batch sent twice changes nothing the second time. "
    "Any invalid row refuses the whole batch, with every row's problem listed.",
    response_model=fleet.FleetResult,
    responses=_WRITE_ERRORS,
)
def upsert_fleet(
    request: Request,
    batch: fleet.FleetBatch,
    principal: Writer,
    idempotency_key: IdempotencyKey = None,
    dry_run: Annotated[bool, Query(description="Check and count, change nothing")] = False,
) -> JSONResponse:
    payload = {"batch": batch.model_dump(mode="json"), "dry_run": dry_run}

    def action(session: Session) -> tuple[int, Any]:
        try:
            result = fleet.upsert_fleet(
                session=session, actor=principal.user, batch=batch, dry_run=dry_run
            )
        except fleet.FleetRejected as exc:
            raise ApiProblem(
                422,
                "fleet-rejected",
                "The batch was refused; nothing was changed",
                errors=[_row_problem(e) for e in exc.row_errors],
            ) from None
        return 200, result.model_dump(mode="json")

    return _write(request, principal, idempotency_key, payload, action)


@router.get(
    "/tickets",
    summary="Tickets changed since a cursor",
    description="Oldest change first. Without a cursor the feed starts at the beginning; "
    "store next_cursor and ask from there next time.",
    response_model=TicketPage,
    responses=_READ_ERRORS,
)
def list_tickets(
    request: Request, principal: Reader, cursor: Cursor = None, limit: Limit = 100
) -> dict[str, Any]:
    with _session(request) as session:
        page = changes.tickets_since(
            session=session, actor=principal.user, cursor=cursor, limit=limit
        )
    return {"items": page.items, "next_cursor": page.next_cursor, "has_more": page.has_more}


@router.get(
    "/tickets/{number}",
    summary="One ticket with its timeline",
    response_model=TicketDetail,
    responses=responses(401, 403, 404, 429),
)
def get_ticket(request: Request, number: TicketNumber, principal: Reader) -> dict[str, Any]:
    with _session(request) as session:
        return changes.ticket_with_activities(session=session, actor=principal.user, number=number)


def _activity_answer(session: Session, activity_id: int) -> dict[str, Any]:
    from portal.models import TicketActivity

    activity = session.get(TicketActivity, activity_id)
    author = {activity.author_id: principal_email(session, activity.author_id)}
    return ActivityOut(**changes.activity_item(activity, author)).model_dump(mode="json")


def principal_email(session: Session, user_id: int | None) -> str:
    from portal.models import User

    user = session.get(User, user_id) if user_id else None
    return user.email if user else ""


@router.post(
    "/tickets/{number}/activities",
    summary="Add an activity to a ticket",
    description="Planned and pending activities set the status; the customer is told.",
    status_code=201,
    response_model=ActivityOut,
    responses=_WRITE_ERRORS,
)
def add_activity(
    request: Request,
    number: TicketNumber,
    body: ActivityIn,
    principal: Writer,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def action(session: Session) -> tuple[int, Any]:
        ticket_id = changes.ticket_id_by_number(
            session=session, actor=principal.user, number=number
        )
        activity = desk.add_activity(
            session=session,
            actor=principal.user,
            ticket_id=ticket_id,
            data=desk.ActivityCreate(
                activity_type=body.activity_type, text=body.text, subtype=body.subtype
            ),
        )
        return 201, _activity_answer(session, activity.id)

    return _write(request, principal, idempotency_key, body.model_dump(mode="json"), action)


@router.post(
    "/tickets/{number}/resolution",
    summary="Report the resolution",
    description="The engineer's report (diagnosis, action, parts, visit, counters); the "
    "ticket becomes Solved and the customer can read and rate it.",
    status_code=201,
    response_model=ActivityOut,
    responses=_WRITE_ERRORS,
)
def add_resolution(
    request: Request,
    number: TicketNumber,
    body: ResolutionIn,
    principal: Writer,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def action(session: Session) -> tuple[int, Any]:
        ticket_id = changes.ticket_id_by_number(
            session=session, actor=principal.user, number=number
        )
        kind = desk.RESOLUTION_ONSITE if body.kind == "onsite" else desk.RESOLUTION_REMOTE
        activity = desk.add_activity(
            session=session,
            actor=principal.user,
            ticket_id=ticket_id,
            data=desk.ActivityCreate(
                activity_type=kind,
                subtype=body.subtype,
                text=body.text,
                diagnosis=body.diagnosis,
                action=body.action,
                parts=list(body.parts),
                visit_start=body.visit_start,
                visit_end=body.visit_end,
                counters=dict(body.counters),
            ),
        )
        return 201, _activity_answer(session, activity.id)

    return _write(request, principal, idempotency_key, body.model_dump(mode="json"), action)


@router.post(
    "/tickets/{number}/status",
    summary="Change a ticket's status",
    description="Follows the desk's transitions; Solved → Closed closes, Solved → Assigned "
    "reopens.",
    response_model=TicketOut,
    responses=_WRITE_ERRORS,
)
def change_status(
    request: Request,
    number: TicketNumber,
    body: StatusIn,
    principal: Writer,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def action(session: Session) -> tuple[int, Any]:
        ticket_id = changes.ticket_id_by_number(
            session=session, actor=principal.user, number=number
        )
        desk.change_status(
            session=session,
            actor=principal.user,
            ticket_id=ticket_id,
            status=body.status,
            text=body.text,
        )
        session.flush()
        detail = changes.ticket_with_activities(
            session=session, actor=principal.user, number=number
        )
        detail.pop("activities")
        return 200, detail

    return _write(request, principal, idempotency_key, body.model_dump(mode="json"), action)


@router.get(
    "/readings",
    summary="Meter readings since a cursor",
    description="In the order they were stored, every source (portal, bulk upload, "
    "automatic, staff, estimated).",
    response_model=ReadingPage,
    responses=_READ_ERRORS,
)
def list_readings(
    request: Request, principal: Reader, cursor: Cursor = None, limit: Limit = 100
) -> dict[str, Any]:
    with _session(request) as session:
        page = changes.readings_since(
            session=session, actor=principal.user, cursor=cursor, limit=limit
        )
    return {"items": page.items, "next_cursor": page.next_cursor, "has_more": page.has_more}


@router.post(
    "/readings",
    summary="Submit a captured meter reading",
    description="Stored with source automatic after the same checks as on the portal "
    "(digits, not below the last value, totals, dates). A plausibility warning answers "
    "422 with type reading-needs-confirmation: send again with confirmed true to accept.",
    status_code=201,
    response_model=ReadingAccepted,
    responses=_WRITE_ERRORS,
)
def submit_reading(
    request: Request,
    body: ReadingIn,
    principal: Writer,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def action(session: Session) -> tuple[int, Any]:
        product_id = changes.product_id_by_serial(
            session=session, actor=principal.user, serial=body.serial
        )
        check = readings.submit_reading(
            session=session,
            actor=principal.user,
            product_id=product_id,
            read_on=body.read_on,
            values={code: str(value) for code, value in body.values.items()},
            confirmed=body.confirmed,
            source=ReadingSource.AUTOMATIC,
        )
        if check.status == readings.ACCEPTED:
            warnings = english(check.warnings)
            return 201, {"status": "accepted", "reading_id": check.reading_id, "warnings": warnings}
        if check.errors:
            raise ApiProblem(
                422, "reading-rejected", "The reading was refused", errors=english(check.errors)
            )
        raise ApiProblem(
            422,
            "reading-needs-confirmation",
            "The reading is far above this device's history",
            "Send it again with confirmed true if it is right",
            errors=english(check.warnings),
        )

    return _write(request, principal, idempotency_key, body.model_dump(mode="json"), action)


@router.post(
    "/devices/{serial}/contact",
    summary="Report what the meter collector saw",
    description="Device status, toner levels and alerts from one poll. Toner levels feed "
    "the low-toner alerts and automatic orders; a device on automatic capture without "
    "contact for 7 days is flagged not reporting.",
    response_model=ContactOut,
    responses=_WRITE_ERRORS,
)
def device_contact(
    request: Request,
    serial: Annotated[str, Path(min_length=1, max_length=60, pattern=r"^[^\x00]+$")],
    body: ContactIn,
    principal: Writer,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def action(session: Session) -> tuple[int, Any]:
        result = capture.record_contact(
            session=session,
            actor=principal.user,
            serial=serial,
            seen_at=body.seen_at,
            status=body.status,
            toner=dict(body.toner),
            alerts=[a.model_dump() for a in body.alerts],
        )
        return 200, result

    return _write(request, principal, idempotency_key, body.model_dump(mode="json"), action)
