"""What the REST API takes and gives; the OpenAPI document is built from these."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from portal.services import capture, desk, fleet

NON_RESOLUTION_TYPES = tuple(t for t in desk.ACTIVITY_TYPES if t not in desk.RESOLUTION_TYPES)
ActivityType = Literal[NON_RESOLUTION_TYPES]  # type: ignore[valid-type]
TicketStatusName = Literal[desk.STATUSES]  # type: ignore[valid-type]


class Strict(BaseModel):
    """A request body: unknown fields are refused, so typos do not pass silently."""

    model_config = ConfigDict(extra="forbid")

    _no_nul = field_validator("*", mode="before")(fleet.no_nul)


class ActivityIn(Strict):
    """An activity on a ticket (resolutions have their own endpoint)."""

    activity_type: ActivityType = Field(description="What happened; some types set the status")
    text: str = Field(min_length=1, max_length=desk.MAX_TEXT)
    subtype: str = Field(default="", max_length=desk.MAX_SUBTYPE)


class StatusIn(Strict):
    """A status change, following the desk's transitions."""

    status: TicketStatusName
    text: str = Field(default="", max_length=desk.MAX_TEXT)


class ResolutionIn(Strict):
    """The engineer's resolution report: the ticket becomes Solved."""

    kind: Literal["onsite", "remote"] = Field(description="Onsite needs the visit times")
    diagnosis: str = Field(min_length=1, max_length=desk.MAX_REPORT)
    action: str = Field(min_length=1, max_length=desk.MAX_REPORT)
    parts: list[str] = Field(default_factory=list, max_length=desk.MAX_PARTS)
    visit_start: datetime | None = Field(default=None, description="With a time zone")
    visit_end: datetime | None = None
    counters: dict[str, int] = Field(default_factory=dict, description="Counter code → value")
    text: str = Field(default="", max_length=desk.MAX_TEXT)
    subtype: str = Field(default="", max_length=desk.MAX_SUBTYPE)


class ReadingIn(Strict):
    """A captured meter reading (stored with source automatic)."""

    serial: str = Field(min_length=1, max_length=60)
    read_on: date
    values: dict[str, int] = Field(description="Counter code → value, every counter of the model")
    confirmed: bool = Field(
        default=False, description="Send again with true to accept a plausibility warning"
    )


class AlertIn(Strict):
    """A device alert as the Printer MIB's prtAlert table gives it."""

    code: str = Field(max_length=40)
    severity: Literal[capture.SEVERITIES]  # type: ignore[valid-type]
    description: str = Field(default="", max_length=200)


class ContactIn(Strict):
    """What the meter collector saw of a device in one poll."""

    seen_at: datetime | None = Field(default=None, description="With a time zone; default now")
    status: Literal[capture.DEVICE_STATUSES]  # type: ignore[valid-type]
    toner: dict[Literal[capture.TONER_COLOURS], int] = Field(  # type: ignore[valid-type]
        default_factory=dict, description="Colour → percent (0–100)"
    )
    alerts: list[AlertIn] = Field(default_factory=list, max_length=capture.MAX_ALERTS)


class ContactOut(BaseModel):
    """The device as the portal now knows it."""

    serial: str
    last_contact_at: str
    device_status: str
    toner_levels: dict[str, int]
    applied: bool = Field(description="False when a newer report was already there")


class ActivityOut(BaseModel):
    """One entry of a ticket's timeline."""

    id: int
    created_at: str | None
    activity_type: str
    subtype: str
    status: str
    text: str
    author: str | None
    is_resolution: bool
    diagnosis: str
    action: str
    parts: list[str]
    visit_start: str | None
    visit_end: str | None
    counters: dict[str, int]


class TicketOut(BaseModel):
    """A ticket with its product, account and SLA deadlines."""

    number: str
    status: str
    ticket_type: str
    priority: str
    error_code: str
    description: str
    your_reference: str
    contact_name: str
    contact_phone: str
    availability: str
    serial: str | None = None
    model: str | None = None
    account_number: str | None = None
    organisation_ref: str | None = None
    organisation_name: str | None = None
    created_by: str | None
    created_at: str | None
    updated_at: str | None
    response_due_at: str | None
    resolution_due_at: str | None
    responded_at: str | None
    solved_at: str | None
    closed_at: str | None
    rating: int | None


class TicketDetail(TicketOut):
    """A ticket with its whole timeline."""

    activities: list[ActivityOut]


class TicketPage(BaseModel):
    """A page of the ticket change feed."""

    items: list[TicketOut]
    next_cursor: str = Field(description="Pass as cursor to get the changes after this page")
    has_more: bool


class ReadingOut(BaseModel):
    """A stored meter reading."""

    id: int
    serial: str | None
    account_number: str | None
    read_on: str
    source: str
    values: dict[str, int]
    confirmed_implausible: bool
    created_at: str | None


class ReadingPage(BaseModel):
    """A page of the reading feed."""

    items: list[ReadingOut]
    next_cursor: str
    has_more: bool


class ReadingAccepted(BaseModel):
    """A reading that was stored."""

    status: Literal["accepted"]
    reading_id: int
    warnings: list[dict[str, str]] = Field(default_factory=list)


class HealthCheck(BaseModel):
    """One check of the health report."""

    model_config = ConfigDict(extra="allow")
    ok: bool


class Health(BaseModel):
    """The portal's health (SPEC G5)."""

    status: Literal["ok", "degraded", "failing"]
    checked_at: str
    checks: dict[str, HealthCheck]
