"""SQLModel tables of the whole portal (SPEC A–G), plus the schemas clients may send.

Timestamps are timezone-aware UTC (``UTCDateTime`` restores the zone on SQLite).
Enumerations are stored as short strings so migrations stay simple.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel, col

from portal import clock


class UTCDateTime(sa.types.TypeDecorator):
    """A DateTime that always comes back timezone-aware UTC."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _ts(nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_type=UTCDateTime, nullable=nullable, index=index)


def _created() -> Any:
    return Field(default_factory=lambda: clock.now(), sa_type=UTCDateTime, nullable=False)


def _json(default: Any) -> Any:
    return Field(default_factory=lambda: default.copy(), sa_type=sa.JSON, nullable=False)


class Role(StrEnum):
    """What a user may do (SPEC 'Who uses it')."""

    ADMINISTRATOR = "administrator"
    DEVICE_MANAGER = "device_manager"
    STOCK_MANAGER = "stock_manager"
    KNOWLEDGE_USER = "knowledge_user"
    AGENT = "agent"
    PROVIDER_ADMIN = "provider_admin"
    INTEGRATION = "integration"


CUSTOMER_ROLES = (
    Role.ADMINISTRATOR,
    Role.DEVICE_MANAGER,
    Role.STOCK_MANAGER,
    Role.KNOWLEDGE_USER,
)
# An integration user stands for one API key (SPEC F2): it cannot log in.
PROVIDER_ROLES = (Role.AGENT, Role.PROVIDER_ADMIN, Role.INTEGRATION)


class UserStatus(StrEnum):
    """Lifecycle of a user (SPEC A3, A8)."""

    ACTIVE = "active"
    PENDING = "pending"
    INACTIVE = "inactive"
    REJECTED = "rejected"


class Language(StrEnum):
    """Languages of the UI and e-mail (SPEC G1)."""

    ES = "es"
    EN = "en"
    DE = "de"


class TicketStatus(StrEnum):
    """Ticket lifecycle (SPEC C2)."""

    NEW = "new"
    ASSIGNED = "assigned"
    PLANNED = "planned"
    PENDING = "pending"
    SOLVED = "solved"
    CLOSED = "closed"


OPEN_TICKET_STATUSES = (
    TicketStatus.NEW,
    TicketStatus.ASSIGNED,
    TicketStatus.PLANNED,
    TicketStatus.PENDING,
)


class TicketType(StrEnum):
    """Ticket types (SPEC C2)."""

    HARDWARE_FAULT = "hardware_fault"
    PRINT_QUALITY = "print_quality"
    PAPER_JAM = "paper_jam"
    CONSUMABLES = "consumables"
    NETWORK_SCANNING = "network_scanning"
    SOFTWARE_DRIVER = "software_driver"
    INSTALLATION = "installation"
    OTHER = "other"


class ReadingSource(StrEnum):
    """Where a meter reading came from (SPEC C4)."""

    PORTAL = "portal"
    BULK_UPLOAD = "bulk_upload"
    AUTOMATIC = "automatic"
    STAFF = "staff"
    ESTIMATED = "estimated"


class TokenPurpose(StrEnum):
    """What a one-time e-mail token is for."""

    ACTIVATION = "activation"
    PASSWORD_RESET = "password_reset"
    INVITATION = "invitation"


class AlertEvent(StrEnum):
    """Events a user can be e-mailed about (SPEC E2)."""

    TICKET_OPENED = "ticket_opened"
    TICKET_UPDATED = "ticket_updated"
    TICKET_CLOSED = "ticket_closed"
    READING_DUE = "reading_due"
    MOVE_STATUS = "move_status"
    REQUEST_STATUS = "request_status"
    ORDER_STATUS = "order_status"


# --- Organisations, accounts, contracts ---------------------------------------


class Organisation(SQLModel, table=True):
    """A customer organisation of the provider."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, index=True)
    external_ref: str | None = Field(
        default=None, max_length=60, unique=True, description="Key in the provider's ERP/CRM"
    )
    created_at: datetime = _created()


class Account(SQLModel, table=True):
    """A customer account number within an organisation (SPEC B1)."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    number: str = Field(max_length=40, unique=True)
    name: str = Field(max_length=200)
    invoice_day: int = Field(default=28, description="Day of month of the invoice")
    low_toner_threshold: int = Field(default=20, description="Percent")
    created_at: datetime = _created()


class BusinessCalendar(SQLModel, table=True):
    """The provider's business hours, used by the SLA clocks."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    timezone: str = Field(default="Europe/Madrid", max_length=60)
    work_start: time = Field(default=time(8, 0))
    work_end: time = Field(default=time(18, 0))
    workdays: str = Field(default="0,1,2,3,4", max_length=20, description="Mon=0")


class Holiday(SQLModel, table=True):
    """A day without business hours in a calendar."""

    id: int | None = Field(default=None, primary_key=True)
    calendar_id: int = Field(foreign_key="businesscalendar.id", index=True)
    day: date
    name: str = Field(default="", max_length=100)


class ServiceLevel(SQLModel, table=True):
    """A service level with its response and resolution targets in business hours."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    response_hours: float
    resolution_hours: float
    calendar_id: int = Field(foreign_key="businesscalendar.id")


class ContractLine(SQLModel, table=True):
    """A contract line of an account, covering products under a service level."""

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    contract_number: str = Field(max_length=40, index=True)
    service_level_id: int = Field(foreign_key="servicelevel.id")
    start_date: date
    end_date: date
    status: str = Field(default="active", max_length=20)


# --- Products -----------------------------------------------------------------


class ProductModel(SQLModel, table=True):
    """A machine model with its counters and rated duty."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120, unique=True)
    manufacturer: str = Field(default="", max_length=120)
    is_colour: bool = True
    rated_monthly_duty: int = Field(default=50000)


class CounterType(SQLModel, table=True):
    """One counter a model reports (total, black, colour, scan, A3 …)."""

    id: int | None = Field(default=None, primary_key=True)
    model_id: int = Field(foreign_key="productmodel.id", index=True)
    code: str = Field(max_length=40)
    digits: int = Field(default=8)
    position: int = 0


class Location(SQLModel, table=True):
    """Where a product stands."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    external_ref: str | None = Field(
        default=None, max_length=60, unique=True, description="Key in the provider's ERP/CRM"
    )
    site: str = Field(default="", max_length=120)
    address: str = Field(default="", max_length=200)
    postal_code: str = Field(default="", max_length=20)
    city: str = Field(default="", max_length=120, index=True)
    floor: str = Field(default="", max_length=40)
    room: str = Field(default="", max_length=60)
    contact_name: str = Field(default="", max_length=120)
    contact_phone: str = Field(default="", max_length=40)


class Product(SQLModel, table=True):
    """One machine under contract (SPEC domain vocabulary)."""

    # The product list filters by account and sorts by serial: both from one index.
    __table_args__ = (sa.Index("ix_product_account_serial", "account_id", "serial_key"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    model_id: int = Field(foreign_key="productmodel.id", index=True)
    location_id: int = Field(foreign_key="location.id", index=True)
    contract_line_id: int | None = Field(default=None, foreign_key="contractline.id")
    serial: str = Field(max_length=60, unique=True)
    serial_key: str = Field(max_length=60, index=True, description="Upper case, no spaces")
    alternative_name: str = Field(default="", max_length=120)
    system_account_number: str = Field(default="", max_length=40)
    status: str = Field(default="active", max_length=20)
    maintenance_status: str = Field(default="covered", max_length=20)
    sync_status: str = Field(default="synced", max_length=20)
    ip_address: str = Field(default="", max_length=45)
    mac_address: str = Field(default="", max_length=17)
    firmware: str = Field(default="", max_length=60)
    options: list[str] = _json([])
    auto_capture: bool = False
    auto_replenish: bool = False
    toner_levels: dict[str, int] = _json({})
    installed_on: date | None = None
    created_at: datetime = _created()
    # What the meter collector last saw (SPEC X2); silent for 7 days means "not reporting".
    last_contact_at: datetime | None = _ts(index=True)
    device_status: str = Field(default="", max_length=20)
    device_alerts: list[dict[str, str]] = _json([])


def serial_key(serial: str) -> str:
    """Normalise a serial number for matching: upper case, no whitespace."""
    return "".join(serial.split()).upper()


# --- Users, groups, sessions --------------------------------------------------


class UserBase(SQLModel):
    """Fields of a user that a client may see."""

    email: str = Field(max_length=254, unique=True, index=True)
    first_name: str = Field(default="", max_length=80)
    last_name: str = Field(default="", max_length=80, index=True)
    phone: str = Field(default="", max_length=40)
    job_title: str = Field(default="", max_length=80)
    language: str = Field(default=Language.ES.value, max_length=5)


class User(UserBase, table=True):
    """A person who logs in; customer users belong to an organisation."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    roles: str = Field(default="", max_length=200, description="Comma-separated Role values")
    status: str = Field(default=UserStatus.PENDING.value, max_length=20, index=True)
    password_hash: str | None = Field(default=None, max_length=255)
    failed_logins: int = 0
    locked_until: datetime | None = _ts()
    password_changed_at: datetime | None = _ts()
    created_at: datetime = _created()
    activated_at: datetime | None = _ts()

    @property
    def role_set(self) -> set[str]:
        """The user's roles as a set of Role values."""
        return {r for r in self.roles.split(",") if r}

    def has_role(self, *roles: str) -> bool:
        """Whether the user holds any of ``roles``."""
        return bool(self.role_set.intersection(str(r) for r in roles))

    @property
    def is_provider(self) -> bool:
        """Whether the user works for the provider (agent or provider admin)."""
        return self.has_role(*PROVIDER_ROLES)

    @property
    def full_name(self) -> str:
        """First and last name."""
        return f"{self.first_name} {self.last_name}".strip()


class UserPublic(UserBase):
    """What the browser may know about a user."""

    id: int
    organisation_id: int | None
    roles: str
    status: str
    created_at: datetime


class UserProduct(SQLModel, table=True):
    """A product assigned directly to a user."""

    user_id: int = Field(foreign_key="user.id", primary_key=True)
    product_id: int = Field(foreign_key="product.id", primary_key=True, index=True)


class Group(SQLModel, table=True):
    """A group of products and users within an organisation (SPEC B5)."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    name: str = Field(max_length=120)
    created_at: datetime = _created()


class GroupProduct(SQLModel, table=True):
    """Membership of a product in a group."""

    group_id: int = Field(foreign_key="group.id", primary_key=True)
    product_id: int = Field(foreign_key="product.id", primary_key=True, index=True)


class GroupUser(SQLModel, table=True):
    """Membership of a user in a group."""

    group_id: int = Field(foreign_key="group.id", primary_key=True)
    user_id: int = Field(foreign_key="user.id", primary_key=True, index=True)


class UserToken(SQLModel, table=True):
    """A single-use e-mail token; only its SHA-256 is stored."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    purpose: str = Field(max_length=20)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = _created()
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    used_at: datetime | None = _ts()


class UserSession(SQLModel, table=True):
    """A server-side login session; the browser holds only the token."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = _created()
    last_seen_at: datetime = _created()
    ended_at: datetime | None = _ts()
    user_agent: str = Field(default="", max_length=300)


# --- Tickets ------------------------------------------------------------------


class Ticket(SQLModel, table=True):
    """A service ticket against a product (SPEC C2, C3)."""

    # The API's change feed pages tickets by (updated_at, id). The dashboards read a few
    # products' tickets product by product from the covering ix_ticket_dashboard, and whole
    # accounts month by month from the covering indexes on the stored months (times to
    # resolve in order).
    __table_args__ = (
        sa.Index("ix_ticket_updated_at_id", "updated_at", "id"),
        sa.Index(
            "ix_ticket_created_month", "created_month", "ticket_type", "account_id", "product_id"
        ),
        sa.Index(
            "ix_ticket_due_month",
            "due_month",
            "account_id",
            "product_id",
            "resolution_due_at",
            "solved_at",
            "closed_at",
        ),
        sa.Index(
            "ix_ticket_resolution",
            "resolved_month",
            "resolution_seconds",
            "account_id",
            "product_id",
        ),
        sa.Index(
            "ix_ticket_dashboard",
            "product_id",
            "created_at",
            "ticket_type",
            "resolution_due_at",
            "solved_at",
            "closed_at",
            "paused_seconds",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=20, unique=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    # The product's account, kept on flush (_follow_product_accounts), for the dashboards.
    account_id: int | None = Field(default=None, foreign_key="account.id")
    ticket_type: str = Field(default=TicketType.OTHER.value, max_length=30)
    error_code: str = Field(default="", max_length=40)
    description: str = Field(default="", max_length=4000)
    your_reference: str = Field(default="", max_length=60)
    contact_name: str = Field(default="", max_length=120)
    contact_phone: str = Field(default="", max_length=40)
    availability: str = Field(default="", max_length=200)
    status: str = Field(default=TicketStatus.NEW.value, max_length=20, index=True)
    priority: str = Field(default="normal", max_length=20)
    service_level_id: int | None = Field(default=None, foreign_key="servicelevel.id")
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    assigned_agent_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(
        default_factory=lambda: clock.now(), sa_type=UTCDateTime, index=True
    )
    response_due_at: datetime | None = _ts()
    resolution_due_at: datetime | None = _ts()
    responded_at: datetime | None = _ts()
    solved_at: datetime | None = _ts()
    closed_at: datetime | None = _ts()
    pending_since: datetime | None = _ts()
    paused_seconds: int = 0
    rating: int | None = None
    rating_comment: str = Field(default="", max_length=2000)
    updated_at: datetime = Field(
        default_factory=lambda: clock.now(),
        sa_type=UTCDateTime,
        nullable=False,
        description="Last change of the ticket or its activities (set on flush)",
    )
    # Set on flush from the times above (see ticket_figures), for the dashboards.
    created_month: str | None = Field(default=None, max_length=7)
    due_month: str | None = Field(default=None, max_length=7)
    resolved_month: str | None = Field(default=None, max_length=7)
    resolution_seconds: float | None = None


class TicketActivity(SQLModel, table=True):
    """One entry of a ticket's timeline; resolutions carry the engineer's report."""

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    created_at: datetime = _created()
    activity_type: str = Field(max_length=60, description="e.g. Resolution – Onsite")
    subtype: str = Field(default="", max_length=60, description="e.g. Engineer visit – SLA")
    status: str = Field(default="", max_length=20)
    text: str = Field(default="", max_length=4000)
    author_id: int | None = Field(default=None, foreign_key="user.id")
    is_resolution: bool = False
    diagnosis: str = Field(default="", max_length=2000)
    action: str = Field(default="", max_length=2000)
    parts: list[str] = _json([])
    visit_start: datetime | None = _ts()
    visit_end: datetime | None = _ts()
    counters: dict[str, int] = _json({})


# --- Meter readings -----------------------------------------------------------


class MeterReading(SQLModel, table=True):
    """One reading of a product's counters on a day (SPEC C4)."""

    # A product's readings by date: the readings list's status and the charts read them so.
    __table_args__ = (sa.Index("ix_meterreading_product_read_on", "product_id", "read_on"),)

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="product.id")
    read_on: date = Field(index=True)
    source: str = Field(default=ReadingSource.PORTAL.value, max_length=20)
    entered_by_id: int | None = Field(default=None, foreign_key="user.id")
    confirmed_implausible: bool = False
    values: dict[str, int] = _json({})
    created_at: datetime = _created()
    # Pages since the product's previous reading, per counter: kept by portal.volume.
    black_pages: int | None = Field(default=None, sa_type=sa.BigInteger)
    colour_pages: int | None = Field(default=None, sa_type=sa.BigInteger)


class AccountVolume(SQLModel, table=True):
    """Pages of an account's products per month, the readings' pages summed (SPEC X3).

    Kept by ``portal.volume`` whenever readings or a product's account change;
    the dashboards read it instead of every reading. A sum is None when no
    reading of that month could be compared with an earlier one.
    """

    __table_args__ = (
        sa.Index("ux_accountvolume_account_month", "account_id", "month", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id")
    month: str = Field(max_length=7)
    black_pages: int | None = Field(default=None, sa_type=sa.BigInteger)
    colour_pages: int | None = Field(default=None, sa_type=sa.BigInteger)


class MeterReset(SQLModel, table=True):
    """A staff-recorded reset of one counter; allows a lower value after it."""

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    counter_code: str = Field(max_length=40)
    reset_on: date
    recorded_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = _created()


# --- Other requests -----------------------------------------------------------


class MoveRequest(SQLModel, table=True):
    """A request to relocate a product (SPEC C5)."""

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    new_address: str = Field(max_length=200)
    new_postal_code: str = Field(default="", max_length=20)
    new_city: str = Field(default="", max_length=120)
    new_floor: str = Field(default="", max_length=40)
    new_room: str = Field(default="", max_length=60)
    desired_date: date
    contact_name: str = Field(default="", max_length=120)
    contact_phone: str = Field(default="", max_length=40)
    notes: str = Field(default="", max_length=2000)
    status: str = Field(default="requested", max_length=20)
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = _created()


class Inquiry(SQLModel, table=True):
    """Account inquiry, suggestion, online-service or e-snapshot request (SPEC C6)."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    kind: str = Field(max_length=30)
    account_id: int | None = Field(default=None, foreign_key="account.id")
    product_id: int | None = Field(default=None, foreign_key="product.id")
    subject: str = Field(default="", max_length=200)
    text: str = Field(default="", max_length=4000)
    status: str = Field(default="open", max_length=20)
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = _created()


# --- Consumables --------------------------------------------------------------


class Consumable(SQLModel, table=True):
    """A consumable of a model's catalogue (SPEC C7)."""

    id: int | None = Field(default=None, primary_key=True)
    model_id: int = Field(foreign_key="productmodel.id", index=True)
    code: str = Field(max_length=40)
    name: str = Field(max_length=120)
    kind: str = Field(max_length=20, description="toner, drum, waste_box, staples")
    colour: str = Field(default="", max_length=20)
    included_in_contract: bool = True
    max_per_order: int = 2


class StockLocation(SQLModel, table=True):
    """A customer's consumables store."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    name: str = Field(max_length=120)
    address: str = Field(default="", max_length=300)
    shipping_instructions: str = Field(default="", max_length=1000)


class StockLevel(SQLModel, table=True):
    """Stock on hand of one consumable at one stock location."""

    stock_location_id: int = Field(foreign_key="stocklocation.id", primary_key=True)
    consumable_id: int = Field(foreign_key="consumable.id", primary_key=True)
    quantity: int = 0


class StockManagerLocation(SQLModel, table=True):
    """A stock location in a stock manager's scope."""

    user_id: int = Field(foreign_key="user.id", primary_key=True)
    stock_location_id: int = Field(foreign_key="stocklocation.id", primary_key=True)


class ConsumableOrder(SQLModel, table=True):
    """An order of consumables (SPEC C7)."""

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=20, unique=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    product_id: int | None = Field(default=None, foreign_key="product.id")
    stock_location_id: int | None = Field(default=None, foreign_key="stocklocation.id")
    deliver_to_stock_location_id: int | None = Field(default=None, foreign_key="stocklocation.id")
    delivery_address: str = Field(default="", max_length=300)
    delivery_extra: str = Field(default="", max_length=300)
    status: str = Field(default="submitted", max_length=20, index=True)
    tracking_number: str = Field(default="", max_length=60)
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = _created()
    updated_at: datetime = _created()


class OrderLine(SQLModel, table=True):
    """A consumable and quantity of an order."""

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="consumableorder.id", index=True)
    consumable_id: int = Field(foreign_key="consumable.id")
    quantity: int


# --- Knowledge ----------------------------------------------------------------


class KnowledgeArticle(SQLModel, table=True):
    """A knowledge article; its text lives in one translation per language."""

    id: int | None = Field(default=None, primary_key=True)
    error_codes: list[str] = _json([])
    model_names: list[str] = _json([])
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = _created()
    updated_at: datetime = _created()


class ArticleTranslation(SQLModel, table=True):
    """One article in one language (SPEC D1, D3)."""

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="knowledgearticle.id", index=True)
    language: str = Field(max_length=5)
    title: str = Field(max_length=200)
    body: str = Field(max_length=20000)
    published: bool = False
    updated_at: datetime = _created()


# --- Notifications, mail, audit -----------------------------------------------


class AlertPreference(SQLModel, table=True):
    """Whether and how a user is e-mailed about one kind of event (SPEC E2)."""

    __table_args__ = (sa.Index("ux_alertpreference_user_event", "user_id", "event", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    event: str = Field(max_length=30)
    enabled: bool = True
    not_for_own_actions: bool = False
    digest: bool = False


class DigestItem(SQLModel, table=True):
    """A notification held for a user's daily digest (SPEC E2)."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    event: str = Field(max_length=30)
    summary: str = Field(max_length=500)
    link: str = Field(default="", max_length=500)
    created_at: datetime = _created()
    sent_at: datetime | None = _ts(index=True)


class OutboxMessage(SQLModel, table=True):
    """An e-mail waiting to be sent, or sent (SPEC E3)."""

    id: int | None = Field(default=None, primary_key=True)
    to_address: str = Field(max_length=254, index=True)
    subject: str = Field(max_length=300)
    text_body: str
    html_body: str = ""
    created_at: datetime = _created()
    attempts: int = 0
    next_attempt_at: datetime = Field(
        default_factory=lambda: clock.now(), sa_type=UTCDateTime, index=True
    )
    sent_at: datetime | None = _ts(index=True)
    failed_at: datetime | None = _ts()
    last_error: str = Field(default="", max_length=1000)


class AuditLog(SQLModel, table=True):
    """Who changed what, when, from which values to which (SPEC G3)."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    actor_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    action: str = Field(max_length=60)
    object_type: str = Field(max_length=40, index=True)
    object_id: int | None = None
    old_values: dict[str, Any] = _json({})
    new_values: dict[str, Any] = _json({})
    created_at: datetime = Field(
        default_factory=lambda: clock.now(), sa_type=UTCDateTime, index=True
    )


class JobLock(SQLModel, table=True):
    """A named lease so that a periodic job runs once across several workers."""

    name: str = Field(primary_key=True, max_length=60)
    holder: str = Field(default="", max_length=80)
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


# --- Provider integration -----------------------------------------------------


class ApiScope(StrEnum):
    """What an API key may do (SPEC F2)."""

    READ = "read"
    WRITE = "write"


class ApiKey(SQLModel, table=True):
    """A key for the REST API; only the SHA-256 of the secret is stored."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    prefix: str = Field(max_length=16, unique=True, description="Shown to tell keys apart")
    key_hash: str = Field(max_length=64, unique=True)
    scopes: str = Field(max_length=40, description="Comma-separated ApiScope values")
    user_id: int = Field(foreign_key="user.id", description="The key's integration user")
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = _created()
    last_used_at: datetime | None = _ts()
    revoked_at: datetime | None = _ts()
    rate_window_start: datetime | None = _ts()
    rate_window_count: int = 0

    @property
    def scope_set(self) -> set[str]:
        """The key's scopes as a set of ApiScope values."""
        return {s for s in self.scopes.split(",") if s}


class IdempotencyRecord(SQLModel, table=True):
    """The stored answer to a POST sent with an Idempotency-Key header."""

    __table_args__ = (sa.Index("ux_idempotency_key", "api_key_id", "key", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    api_key_id: int = Field(foreign_key="apikey.id")
    key: str = Field(max_length=200)
    method: str = Field(max_length=10)
    path: str = Field(max_length=300)
    request_hash: str = Field(max_length=64)
    status_code: int
    response_body: str = Field(sa_type=sa.Text, nullable=False)
    created_at: datetime = Field(
        default_factory=lambda: clock.now(), sa_type=UTCDateTime, index=True
    )


class Heartbeat(SQLModel, table=True):
    """The last time a background loop finished a round (SPEC G5 health)."""

    name: str = Field(primary_key=True, max_length=60)
    holder: str = Field(default="", max_length=80)
    beat_at: datetime = Field(sa_type=UTCDateTime, nullable=False)


TICKET_FIGURES = ("created_month", "due_month", "resolved_month", "resolution_seconds")


def ticket_figures(
    created_at: datetime | None,
    resolution_due_at: datetime | None,
    solved_at: datetime | None,
    closed_at: datetime | None,
    paused_seconds: int | None,
) -> dict[str, Any]:
    """A ticket's months ("YYYY-MM" of UTC) and time to resolve, as the dashboards count them.

    ``created_month``, ``due_month`` (of the resolution deadline) and
    ``resolved_month``: a ticket closed without ever being marked solved was
    resolved when it was closed. ``resolution_seconds``: from creation to
    resolution minus the time it was paused, never below 0. None where the
    time is missing (unresolved, no deadline).
    """

    def utc(moment: datetime) -> datetime:
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)

    def month(moment: datetime | None) -> str | None:
        return None if moment is None else utc(moment).strftime("%Y-%m")

    resolved = solved_at or closed_at
    seconds = None
    if resolved is not None and created_at is not None:
        elapsed = (utc(resolved) - utc(created_at)).total_seconds() - (paused_seconds or 0)
        seconds = max(0.0, elapsed)
    return {
        "created_month": month(created_at),
        "due_month": month(resolution_due_at),
        "resolved_month": month(resolved) if seconds is not None else None,
        "resolution_seconds": seconds,
    }


def _stamp_ticket_changes(session: Any, _context: Any, _instances: Any) -> None:
    """Keep ``Ticket.updated_at`` true for the API's change feed, whichever service changed it.

    A new ticket starts at its creation time, a new or changed activity moves
    its ticket to the activity's time, any other change to the ticket to now;
    the stamp never moves back. The months and time to resolve follow the
    ticket's times (``ticket_figures``).
    """
    touched: dict[int, datetime] = {}
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Ticket):
            figures = ticket_figures(
                obj.created_at,
                obj.resolution_due_at,
                obj.solved_at,
                obj.closed_at,
                obj.paused_seconds,
            )
            for name, value in figures.items():
                if getattr(obj, name) != value:
                    setattr(obj, name, value)
            if obj in session.new:
                obj.updated_at = obj.created_at or clock.now()
            elif session.is_modified(obj, include_collections=False):
                stamp = clock.now()
                if obj.updated_at is None or obj.updated_at < stamp:
                    obj.updated_at = stamp
        elif isinstance(obj, TicketActivity) and obj.ticket_id is not None:
            moment = obj.created_at or clock.now()
            touched[obj.ticket_id] = max(moment, touched.get(obj.ticket_id, moment))
    for ticket_id, moment in touched.items():
        ticket = session.get(Ticket, ticket_id)
        if ticket is not None and (ticket.updated_at is None or ticket.updated_at < moment):
            ticket.updated_at = moment


sa.event.listen(sa.orm.Session, "before_flush", _stamp_ticket_changes)


def _follow_product_accounts(session: Any, _context: Any, _instances: Any) -> None:
    """Keep ``Ticket.account_id`` the account of the ticket's product.

    A new ticket (or one given another product) takes its product's account; a
    product moved to another account takes its tickets along.
    """
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Ticket):
            state = sa.inspect(obj)
            if obj in session.new or state.attrs.product_id.history.has_changes():
                with session.no_autoflush:
                    product = session.get(Product, obj.product_id)
                obj.account_id = product.account_id if product is not None else None
        elif isinstance(obj, Product) and obj.id is not None:
            if sa.inspect(obj).attrs.account_id.history.has_changes():
                session.execute(
                    sa.update(Ticket)
                    .where(col(Ticket.product_id) == obj.id)
                    .values(account_id=obj.account_id)
                    .execution_options(synchronize_session="fetch")
                )


sa.event.listen(sa.orm.Session, "before_flush", _follow_product_accounts)


# Print volume per reading and per account and month follows every change to the readings.
from portal import volume as _volume  # noqa: E402, F401  (needs the tables above)
