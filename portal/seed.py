"""Demo data (SPEC G4) and a large data set for benchmarks.

``seed_demo`` fills an empty database with one realistic customer (several
accounts, sites, models, users, tickets, readings, orders …), a second small
customer to prove isolation, provider users and the knowledge articles.
``seed_large`` adds a big organisation with bulk inserts for benchmarks.

Both are deterministic: they draw from a fixed ``random.Random`` seed and take
their dates relative to ``now``.
"""

from __future__ import annotations

import bisect
import math
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from portal import clock, volume
from portal.models import (
    Account,
    AlertEvent,
    AlertPreference,
    ArticleTranslation,
    BusinessCalendar,
    Consumable,
    ConsumableOrder,
    ContractLine,
    CounterType,
    Group,
    GroupProduct,
    GroupUser,
    Holiday,
    Inquiry,
    KnowledgeArticle,
    Location,
    MeterReading,
    MoveRequest,
    OrderLine,
    Organisation,
    Product,
    ProductModel,
    ReadingSource,
    Role,
    ServiceLevel,
    StockLevel,
    StockLocation,
    StockManagerLocation,
    Ticket,
    TicketActivity,
    TicketStatus,
    TicketType,
    User,
    UserProduct,
    UserStatus,
    serial_key,
    ticket_figures,
)
from portal.seed_articles import MODELS_BY_CODE, demo_articles
from portal.services import ticket_clock

DEMO_ORG_NAME = "Demo Industrias S.A."
OTHER_ORG_NAME = "Otra Empresa S.L."
LARGE_ORG_NAME = "Large Fleet Corp"
CALENDAR_NAME = "Madrid – horario laboral"
MANUFACTURER = "Acme"

DEMO_SEED = 20240611
LARGE_SEED = 7331
CHUNK = 5000

DEMO_LOGINS: tuple[tuple[str, str], ...] = (
    ("admin@demo.example", "Administrator – Demo Industrias S.A."),
    ("manager@demo.example", "Device manager (group “Sede Madrid” + 2 products)"),
    ("stock@demo.example", "Stock manager + device manager"),
    ("knowledge@demo.example", "Knowledge user"),
    ("agent@demo.example", "Provider agent"),
    ("provider@demo.example", "Provider admin"),
    ("other-admin@demo.example", "Administrator – Otra Empresa S.L."),
)
"""The demo log-ins printed at start: (e-mail, what the user is)."""

ProgressFn = Callable[[int, int, str], None]

_MADRID = ZoneInfo("Europe/Madrid")


# --- Catalogue: calendar, service levels, models -----------------------------


@dataclass(frozen=True)
class ModelSpec:
    """A product model of the demo fleet and how much it prints."""

    name: str
    is_colour: bool
    a3: bool
    duty: int
    part: str
    firmware: tuple[str, ...]

    @property
    def counters(self) -> list[str]:
        """Counter codes in display order; A3 models split black/colour into A3 and A4."""
        codes = ["total", "black"] + (["colour"] if self.is_colour else [])
        if self.a3:
            codes += ["black_a3", "black_a4"]
            if self.is_colour:
                codes += ["colour_a3", "colour_a4"]
        return [*codes, "scan"]


MODEL_SPECS: tuple[ModelSpec, ...] = (
    ModelSpec("Acme C2510i", True, False, 8000, "2510", ("1.22.0", "1.24.3", "1.25.1")),
    ModelSpec("Acme C3530i", True, True, 30000, "3530", ("3.08.1", "3.10.0", "3.12.2")),
    ModelSpec("Acme C5560i", True, True, 60000, "5560", ("4.01.7", "4.03.0")),
    ModelSpec("Acme M3020i", False, False, 5000, "3020", ("2.14.0", "2.15.4")),
    ModelSpec("Acme M4125i", False, False, 12000, "4125", ("2.30.1", "2.31.0", "2.33.5")),
    ModelSpec("Acme M6235i", False, True, 40000, "6235", ("5.02.2", "5.04.1")),
)
_SPEC_BY_NAME = {spec.name: spec for spec in MODEL_SPECS}

SERVICE_LEVELS: tuple[tuple[str, float, float], ...] = (
    ("Gold 4h/8h", 4, 8),
    ("Silver 8h/16h", 8, 16),
    ("Bronze 16h/40h", 16, 40),
)

_SCAN_CAP = 999_999  # scan counters have 6 digits
_TONERS = (("black", "negro", "K"), ("cyan", "cian", "C"), ("magenta", "magenta", "M"))
_TONERS += (("yellow", "amarillo", "Y"),)


@dataclass
class _Catalogue:
    calendar: BusinessCalendar
    levels: dict[str, ServiceLevel]
    models: dict[str, ProductModel]
    consumables: dict[str, list[Consumable]]


def _easter(year: int) -> date:
    """Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def spanish_holidays(year: int) -> list[tuple[date, str]]:
    """Spain's national public holidays of ``year``."""
    return sorted(
        [
            (date(year, 1, 1), "Año Nuevo"),
            (date(year, 1, 6), "Epifanía del Señor"),
            (_easter(year) - timedelta(days=2), "Viernes Santo"),
            (date(year, 5, 1), "Fiesta del Trabajo"),
            (date(year, 8, 15), "Asunción de la Virgen"),
            (date(year, 10, 12), "Fiesta Nacional de España"),
            (date(year, 11, 1), "Todos los Santos"),
            (date(year, 12, 6), "Día de la Constitución Española"),
            (date(year, 12, 8), "Inmaculada Concepción"),
            (date(year, 12, 25), "Natividad del Señor"),
        ]
    )


def _consumables_for(spec: ModelSpec, model_id: int) -> list[Consumable]:
    colours = _TONERS if spec.is_colour else _TONERS[:1]
    rows = [
        Consumable(
            model_id=model_id,
            code=f"TN-{spec.part}{letter}",
            name=f"Tóner {name_es} {spec.name}",
            kind="toner",
            colour=colour,
            max_per_order=2,
        )
        for colour, name_es, letter in colours
    ]
    rows.append(
        Consumable(
            model_id=model_id,
            code=f"DR-{spec.part}",
            name=f"Unidad de tambor {spec.name}",
            kind="drum",
            max_per_order=1,
        )
    )
    rows.append(
        Consumable(
            model_id=model_id,
            code=f"WB-{spec.part}",
            name=f"Depósito de tóner residual {spec.name}",
            kind="waste_box",
            max_per_order=1,
        )
    )
    if spec.a3:
        rows.append(
            Consumable(
                model_id=model_id,
                code="SK-5000",
                name="Grapas para finalizador (3 × 5.000)",
                kind="staples",
                included_in_contract=False,
                max_per_order=3,
            )
        )
    return rows


def _ensure_catalogue(session: Session, today: date) -> _Catalogue:
    """Get or create the calendar, service levels, models, counters and consumables."""
    calendar = session.exec(
        select(BusinessCalendar).where(BusinessCalendar.name == CALENDAR_NAME)
    ).first()
    if calendar is None:
        calendar = BusinessCalendar(
            name=CALENDAR_NAME,
            timezone="Europe/Madrid",
            work_start=time(8, 0),
            work_end=time(18, 0),
            workdays="0,1,2,3,4",
        )
        session.add(calendar)
        session.flush()
        years = range(min(2025, today.year - 1), max(2027, today.year + 1) + 1)
        session.add_all(
            Holiday(calendar_id=calendar.id, day=day, name=name)
            for year in years
            for day, name in spanish_holidays(year)
        )

    levels: dict[str, ServiceLevel] = {}
    for name, response, resolution in SERVICE_LEVELS:
        level = session.exec(select(ServiceLevel).where(ServiceLevel.name == name)).first()
        if level is None:
            level = ServiceLevel(
                name=name,
                response_hours=response,
                resolution_hours=resolution,
                calendar_id=calendar.id,
            )
            session.add(level)
        levels[name] = level

    models: dict[str, ProductModel] = {}
    consumables: dict[str, list[Consumable]] = {}
    for spec in MODEL_SPECS:
        model = session.exec(select(ProductModel).where(ProductModel.name == spec.name)).first()
        if model is None:
            model = ProductModel(
                name=spec.name,
                manufacturer=MANUFACTURER,
                is_colour=spec.is_colour,
                rated_monthly_duty=spec.duty,
            )
            session.add(model)
            session.flush()
            session.add_all(
                CounterType(
                    model_id=model.id,
                    code=code,
                    digits=6 if code == "scan" else 8,
                    position=position,
                )
                for position, code in enumerate(spec.counters)
            )
            session.add_all(_consumables_for(spec, model.id))
        models[spec.name] = model
    session.flush()
    for spec in MODEL_SPECS:
        consumables[spec.name] = list(
            session.exec(
                select(Consumable)
                .where(Consumable.model_id == models[spec.name].id)
                .order_by(Consumable.id)
            )
        )
    return _Catalogue(calendar, levels, models, consumables)


# --- Meter readings ------------------------------------------------------------


@dataclass
class _Meter:
    """The counters of one product and how fast they move, month by month."""

    spec: ModelSpec
    monthly: int
    colour_share: float
    a3_share: float
    scan_share: float
    values: dict[str, int] = field(default_factory=dict)

    @classmethod
    def start(cls, spec: ModelSpec, rng: random.Random, months_before: int) -> _Meter:
        monthly = max(400, int(spec.duty * rng.uniform(0.12, 0.5)))
        meter = cls(
            spec=spec,
            monthly=monthly,
            colour_share=rng.uniform(0.18, 0.45) if spec.is_colour else 0.0,
            a3_share=rng.uniform(0.08, 0.3) if spec.a3 else 0.0,
            scan_share=rng.uniform(0.05, 0.25),
        )
        history = int(monthly * months_before * rng.uniform(0.6, 1.1)) + rng.randint(200, 3000)
        meter.values = {code: 0 for code in spec.counters}
        meter._add(history, rng, scan_cap=min(_SCAN_CAP // 3, rng.randint(5_000, 90_000)))
        return meter

    def _add(self, volume: int, rng: random.Random, scan_cap: int | None = None) -> None:
        colour = int(volume * self.colour_share)
        black = volume - colour
        v = self.values
        v["black"] += black
        if self.spec.is_colour:
            v["colour"] += colour
        if self.spec.a3:
            black_a3 = int(black * self.a3_share)
            v["black_a3"] += black_a3
            v["black_a4"] += black - black_a3
            if self.spec.is_colour:
                colour_a3 = int(colour * self.a3_share)
                v["colour_a3"] += colour_a3
                v["colour_a4"] += colour - colour_a3
        v["total"] = v["black"] + v.get("colour", 0)
        scan = int(volume * self.scan_share * rng.uniform(0.6, 1.4))
        scan = min(scan, scan_cap if scan_cap is not None else 12_000)
        v["scan"] = min(_SCAN_CAP, v["scan"] + scan)

    def advance(self, rng: random.Random, month: int) -> dict[str, int]:
        """Add one month of printing and return a copy of the counters."""
        season = 0.55 if month == 8 else 0.8 if month == 12 else 1.0
        self._add(int(self.monthly * season * rng.uniform(0.75, 1.25)), rng)
        return dict(self.values)


def _fix_sums(values: dict[str, int], spec: ModelSpec) -> dict[str, int]:
    """Make derived counters add up again after interpolating each counter separately."""
    if spec.a3:
        values["black"] = values["black_a3"] + values["black_a4"]
        if spec.is_colour:
            values["colour"] = values["colour_a3"] + values["colour_a4"]
    values["total"] = values["black"] + values.get("colour", 0)
    return values


def _counters_at(
    timeline: list[tuple[date, dict[str, int]]], day: date, spec: ModelSpec
) -> dict[str, int]:
    """The counters an engineer on site on ``day`` would see, between the readings around it.

    After the last reading the counters go on at the pace of the last period.
    """
    dates = [d for d, _ in timeline]
    idx = bisect.bisect_right(dates, day) - 1
    if idx < 0 or len(timeline) == 1:
        return dict(timeline[max(idx, 0)][1])
    if idx + 1 < len(timeline):
        (d0, v0), (d1, v1) = timeline[idx], timeline[idx + 1]
    else:
        (dp, vp), (d0, v0) = timeline[idx - 1], timeline[idx]
        d1, v1 = d0 + (d0 - dp), {k: 2 * v0[k] - vp[k] for k in v0}
    frac = (day - d0).days / max(1, (d1 - d0).days)
    values = {k: v0[k] + int((v1[k] - v0[k]) * frac) for k in v0}
    values["scan"] = min(_SCAN_CAP, values["scan"])
    return _fix_sums(values, spec)


def _invoice_dates(invoice_day: int, today: date, months: int) -> list[date]:
    """The last ``months`` invoice dates strictly before ``today``, oldest first."""
    result: list[date] = []
    year, month = today.year, today.month
    while len(result) < months:
        candidate = date(year, month, min(invoice_day, 28))
        if candidate < today:
            result.append(candidate)
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return result[::-1]


def _reading_days(invoice_day: int, today: date, months: int, rng: random.Random) -> list[date]:
    """One reading day per billing window (10–15 days before each invoice date, SPEC C4)."""
    return [
        d - timedelta(days=rng.randint(10, 15)) for d in _invoice_dates(invoice_day, today, months)
    ]


# --- Demo organisation --------------------------------------------------------


@dataclass(frozen=True)
class _Site:
    city: str
    site: str
    address: str
    postal_code: str
    phone_prefix: str
    net: int
    floors: int
    contacts: tuple[str, ...]


_SITES = (
    _Site(
        "Madrid",
        "Sede central",
        "Paseo de la Castellana 95",
        "28046",
        "91",
        10,
        8,
        ("María Pérez", "José Martín", "Raquel Domínguez", "Sergio Vázquez", "Nuria Ramos"),
    ),
    _Site(
        "Barcelona",
        "Delegación Barcelona",
        "Avinguda Diagonal 640",
        "08017",
        "93",
        20,
        4,
        ("Jordi Puig", "Montse Vidal", "Laia Ferrer"),
    ),
    _Site(
        "Valencia",
        "Delegación Valencia",
        "Carrer de Colón 60",
        "46004",
        "96",
        30,
        3,
        ("Vicent Soler", "Amparo Llorens"),
    ),
    _Site(
        "Sevilla",
        "Delegación Sevilla",
        "Avenida de la Constitución 20",
        "41004",
        "95",
        40,
        3,
        ("Rocío Delgado", "Manuel Vega"),
    ),
    _Site(
        "Bilbao",
        "Delegación Bilbao",
        "Gran Vía de Don Diego López de Haro 38",
        "48009",
        "94",
        50,
        3,
        ("Iñaki Etxeberria", "Ainhoa Garmendia"),
    ),
)
_OTHER_SITE = _Site(
    "Zaragoza",
    "Oficinas centrales",
    "Paseo de la Independencia 24",
    "50004",
    "976",
    60,
    2,
    ("Pilar Lasheras", "Javier Lacasa"),
)

_ROOMS = (
    "Recepción",
    "Administración",
    "Contabilidad",
    "Recursos Humanos",
    "Dirección",
    "Sala de impresión",
    "Atención al cliente",
    "Compras",
    "Marketing",
    "Asesoría jurídica",
    "Informática",
    "Almacén",
    "Sala de reuniones",
    "Logística",
    "Calidad",
    "Formación",
)
_OPTIONS_COMMON = (
    "Unidad dúplex",
    "Lector de tarjetas NFC",
    "Fax G3",
    "Wi-Fi",
    "Impresión segura (PIN)",
)
_OPTIONS_A3 = (
    "Finalizador 50 hojas",
    "Unidad de taladro 2/4",
    "Unidad de alimentación 2 × 550 hojas",
    "Bandeja de gran capacidad 2.000 hojas",
    "Unidad puente",
)


def _serial(spec: ModelSpec, rng: random.Random, taken: set[str]) -> str:
    """A unique serial: 'A1B2C3D4E5' style for colour models, '3300123456' for mono."""
    while True:
        if spec.is_colour:
            serial = "".join(
                rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + rng.choice("0123456789") for _ in range(5)
            )
        else:
            serial = f"33{rng.randint(0, 99_999_999):08d}"
        if serial not in taken:
            taken.add(serial)
            return serial


def _phone(prefix: str, rng: random.Random) -> str:
    digits = f"{rng.randint(0, 10 ** (9 - len(prefix)) - 1):0{9 - len(prefix)}d}"
    return f"+34 {prefix} {digits[:3]} {digits[3:5]} {digits[5:]}".strip()


def _mac(rng: random.Random) -> str:
    return "00:26:73:" + ":".join(f"{rng.randint(0, 255):02X}" for _ in range(3))


def _toner_levels(spec: ModelSpec, rng: random.Random) -> dict[str, int]:
    colours = [c for c, _, _ in _TONERS] if spec.is_colour else ["black"]
    return {c: rng.randint(22, 100) for c in colours}


def _options(spec: ModelSpec, rng: random.Random) -> list[str]:
    options = rng.sample(_OPTIONS_COMMON, rng.randint(1, 3))
    if spec.a3:
        options += rng.sample(_OPTIONS_A3, rng.randint(1, 3))
    return options


def _user(
    org: Organisation | None,
    email: str,
    first: str,
    last: str,
    roles: str,
    *,
    password_hash: str | None,
    created: datetime,
    status: str = UserStatus.ACTIVE.value,
    language: str = "es",
    job_title: str = "",
    phone: str = "",
    activated: bool = True,
) -> User:
    return User(
        organisation_id=org.id if org else None,
        email=email,
        first_name=first,
        last_name=last,
        roles=roles,
        status=status,
        password_hash=password_hash,
        language=language,
        job_title=job_title,
        phone=phone,
        created_at=created,
        activated_at=created + timedelta(hours=2) if activated else None,
        password_changed_at=created + timedelta(hours=2) if password_hash else None,
    )


def _alert_preferences(user_ids: Iterable[int]) -> list[AlertPreference]:
    return [
        AlertPreference(user_id=uid, event=event.value, enabled=True, digest=False)
        for uid in user_ids
        for event in AlertEvent
    ]


# --- Tickets -------------------------------------------------------------------


@dataclass(frozen=True)
class _Scenario:
    ticket_type: TicketType
    code: str
    description: str
    diagnosis: str
    action: str
    parts: tuple[str, ...] = ()
    remote: bool = False
    a3_only: bool = False


_SCENARIOS: tuple[_Scenario, ...] = (
    _Scenario(
        TicketType.HARDWARE_FAULT,
        "SC542",
        "El equipo muestra el código SC542 al encenderlo por la mañana y no llega a estar "
        "listo. Lo hemos reiniciado dos veces.",
        "Lámpara de fusión agotada; la temperatura no alcanza el valor nominal en el tiempo "
        "previsto.",
        "Sustitución de la lámpara de fusión y limpieza del termistor. Pruebas de impresión y "
        "copia correctas.",
        ("Lámpara de fusión 230 V",),
    ),
    _Scenario(
        TicketType.HARDWARE_FAULT,
        "SC543",
        "Aparece SC543 después de imprimir un trabajo largo de unas 300 páginas.",
        "Ventilador de extracción de la unidad de fusión bloqueado por polvo.",
        "Limpieza y sustitución del ventilador de extracción; comprobación de temperaturas en "
        "modo servicio.",
        ("Ventilador de extracción",),
    ),
    _Scenario(
        TicketType.HARDWARE_FAULT,
        "C-3401",
        "El equipo se para con el error C-3401. Ha pasado varias veces esta semana.",
        "Unidad de fusión al final de su vida útil; el termistor da lecturas erróneas.",
        "Sustitución de la unidad de fusión completa y reinicio de su contador.",
        ("Unidad de fusión 230 V",),
    ),
    _Scenario(
        TicketType.HARDWARE_FAULT,
        "C-2101",
        "Se oye un ruido fuerte al arrancar y después aparece el error C-2101.",
        "Engranaje del motor principal dañado por un clip caído dentro del equipo.",
        "Retirada del clip, sustitución del engranaje de transmisión y lubricación.",
        ("Engranaje de transmisión principal",),
    ),
    _Scenario(
        TicketType.HARDWARE_FAULT,
        "SC440",
        "Error SC440 nada más encender; el equipo no se puede usar.",
        "Unidad de tambor mal encajada tras su sustitución; el motor del tambor se bloqueaba.",
        "Recolocación de la unidad de tambor y comprobación del motor; pruebas correctas.",
    ),
    _Scenario(
        TicketType.HARDWARE_FAULT,
        "E000007-0000",
        "La pantalla muestra E000007-0000 y el equipo se reinicia solo cada poco tiempo.",
        "Un trabajo de impresión dañado en la cola provocaba el fallo de comunicación.",
        "Eliminación de la cola y actualización del firmware del controlador a la última versión.",
        remote=True,
    ),
    _Scenario(
        TicketType.HARDWARE_FAULT,
        "SC860",
        "Mensaje SC860 al encender; no funcionan ni el escaneo ni la impresión.",
        "Disco duro dañado.",
        "Sustitución del disco duro, reinstalación del firmware y restauración de la libreta "
        "de direcciones desde la copia de seguridad.",
        ("Disco duro 320 GB",),
    ),
    _Scenario(
        TicketType.HARDWARE_FAULT,
        "SC120",
        "El escáner no funciona y aparece el código SC120.",
        "Lámpara de exposición del escáner fundida.",
        "Sustitución de la lámpara de exposición y ajuste del nivel de blanco.",
        ("Lámpara de exposición LED",),
    ),
    _Scenario(
        TicketType.HARDWARE_FAULT,
        "C-4501",
        "Error C-4501; antes salían bandas blancas verticales en las copias.",
        "Unidad láser defectuosa.",
        "Sustitución de la unidad láser y ajuste de registro.",
        ("Unidad láser",),
    ),
    _Scenario(
        TicketType.HARDWARE_FAULT,
        "SC547",
        "El equipo se apaga y muestra SC547 varias veces al día.",
        "Equipo conectado a una regleta compartida con una estufa; tensión inestable.",
        "Conexión a una toma independiente; se recomienda revisar la instalación eléctrica.",
    ),
    _Scenario(
        TicketType.PAPER_JAM,
        "J-101",
        "Atascos continuos en la bandeja 1, sobre todo con papel reciclado.",
        "Rodillos de alimentación de la bandeja 1 desgastados.",
        "Sustitución del kit de rodillos de alimentación y recomendación de papel.",
        ("Kit de rodillos bandeja 1",),
    ),
    _Scenario(
        TicketType.PAPER_JAM,
        "J-301",
        "El papel se atasca a la salida y sale arrugado.",
        "Uñas separadoras de la unidad de fusión desgastadas.",
        "Sustitución de las uñas separadoras y limpieza del rodillo de presión.",
        ("Juego de uñas separadoras",),
    ),
    _Scenario(
        TicketType.PAPER_JAM,
        "J-601",
        "El alimentador de originales atasca las hojas y las arruga.",
        "Rodillo de alimentación del ADF desgastado.",
        "Sustitución del rodillo de alimentación y del patín de separación del ADF.",
        ("Rodillo de alimentación ADF", "Patín de separación ADF"),
    ),
    _Scenario(
        TicketType.PAPER_JAM,
        "J-401",
        "Atasco en la unidad dúplex al imprimir a doble cara.",
        "Sensor de la unidad dúplex sucio.",
        "Limpieza de sensores y rodillos de la unidad dúplex; pruebas a doble cara correctas.",
    ),
    _Scenario(
        TicketType.PAPER_JAM,
        "J-501",
        "El finalizador atasca el papel al grapar.",
        "Guía de salida del finalizador desajustada.",
        "Ajuste de la guía y del motor de la bandeja de salida del finalizador.",
        a3_only=True,
    ),
    _Scenario(
        TicketType.PRINT_QUALITY,
        "",
        "Aparecen rayas negras verticales en todas las copias hechas desde el alimentador.",
        "Cristal de lectura del ADF sucio con restos de corrector.",
        "Limpieza del cristal de lectura en ranura y del rodillo del ADF.",
    ),
    _Scenario(
        TicketType.PRINT_QUALITY,
        "SC370",
        "Los colores salen muy pálidos y ha aparecido el código SC370.",
        "Sensor de densidad de tóner sucio.",
        "Limpieza del sensor TD y ajuste de la densidad de revelado.",
    ),
    _Scenario(
        TicketType.PRINT_QUALITY,
        "",
        "Las impresiones en color tienen fondo gris y una mancha que se repite cada 9 cm.",
        "Unidad de tambor cian dañada (marca repetitiva cada 94 mm).",
        "Sustitución de la unidad de tambor cian y calibración de color.",
        ("Unidad de tambor cian",),
    ),
    _Scenario(
        TicketType.PRINT_QUALITY,
        "C-2551",
        "Las impresiones salen muy claras y aparece el error C-2551.",
        "Tóner compactado en el cartucho; el revelador no recibía tóner.",
        "Sustitución del revelador y agitado del cartucho; densidad correcta.",
        ("Revelador negro",),
    ),
    _Scenario(
        TicketType.CONSUMABLES,
        "T-N01",
        "El equipo no reconoce el cartucho de tóner nuevo (T-N01).",
        "Chip del cartucho dañado.",
        "Sustitución del cartucho por uno nuevo del stock del técnico.",
        ("Cartucho de tóner",),
    ),
    _Scenario(
        TicketType.CONSUMABLES,
        "T-W01",
        "Sigue apareciendo «depósito de tóner residual lleno» aunque ya lo hemos cambiado.",
        "Sensor de llenado del depósito residual atascado.",
        "Limpieza del sensor y sustitución del depósito.",
        ("Depósito de tóner residual",),
    ),
    _Scenario(
        TicketType.CONSUMABLES,
        "",
        "Necesitamos tóner negro urgente: el pedido automático no ha llegado.",
        "Pedido retenido por una dirección de entrega incompleta.",
        "Actualización de la dirección y envío urgente del tóner.",
        remote=True,
    ),
    _Scenario(
        TicketType.CONSUMABLES,
        "ST-01",
        "Mensaje de grapadora vacía aunque hemos puesto grapas nuevas.",
        "Cartucho de grapas mal colocado.",
        "Recolocación del cartucho y prueba de grapado correcta.",
        a3_only=True,
    ),
    _Scenario(
        TicketType.NETWORK_SCANNING,
        "#801",
        "El escaneo a carpeta da el error #801 desde el lunes.",
        "El servidor de ficheros cambió de nombre y tiene SMB 1 desactivado.",
        "Actualización de la ruta de destino y activación de SMB 2/3 en el equipo; prueba de "
        "escaneo correcta.",
        remote=True,
    ),
    _Scenario(
        TicketType.NETWORK_SCANNING,
        "#822",
        "No se pueden enviar escaneos por correo: error #822.",
        "El proveedor de correo desactivó la autenticación básica.",
        "Configuración del servidor de retransmisión interno en el equipo.",
        remote=True,
    ),
    _Scenario(
        TicketType.NETWORK_SCANNING,
        "#802",
        "Error #802 al escanear a la carpeta de un usuario.",
        "Contraseña de la cuenta de escaneo caducada.",
        "Actualización de la contraseña en la libreta de direcciones; prueba correcta.",
        remote=True,
    ),
    _Scenario(
        TicketType.NETWORK_SCANNING,
        "#830",
        "El equipo no encuentra el servidor de correo desde el cambio de router (#830).",
        "Servidores DNS antiguos configurados en el equipo.",
        "Configuración de los DNS nuevos y prueba de envío por correo.",
        remote=True,
    ),
    _Scenario(
        TicketType.SOFTWARE_DRIVER,
        "",
        "No se puede instalar el controlador PCL6 en los portátiles nuevos con Windows 11.",
        "Se intentaba instalar un controlador antiguo no firmado.",
        "Instalación del controlador universal actual desde el centro de descargas; impresión "
        "de prueba correcta.",
        remote=True,
    ),
    _Scenario(
        TicketType.SOFTWARE_DRIVER,
        "",
        "Los trabajos enviados desde Mac salen con los márgenes cortados.",
        "Tamaño de papel por defecto en Letter en el controlador de macOS.",
        "Configuración de A4 por defecto y actualización del archivo PPD.",
        remote=True,
    ),
    _Scenario(
        TicketType.INSTALLATION,
        "",
        "Solicitamos la instalación del finalizador que hemos recibido.",
        "Instalación de una opción nueva.",
        "Instalación y configuración del finalizador; formación básica a los usuarios.",
        ("Finalizador 50 hojas",),
        a3_only=True,
    ),
    _Scenario(
        TicketType.INSTALLATION,
        "",
        "Necesitamos conectar el equipo a la nueva red de la oficina tras la reforma.",
        "Cambio de red del cliente.",
        "Configuración de la nueva dirección IP y pruebas de impresión y escaneo.",
    ),
    _Scenario(
        TicketType.OTHER,
        "",
        "Solicitamos una formación breve para el personal nuevo sobre escaneo y buzones.",
        "Solicitud de formación.",
        "Sesión de formación remota de 45 minutos con el personal de la oficina.",
        remote=True,
    ),
)

_RATING_COMMENTS = {
    5: ("Muy rápido y amable, todo perfecto.", "El técnico explicó muy bien la causa."),
    4: ("Buena atención, aunque la visita se retrasó un poco.", "Resuelto a la primera."),
    3: ("Se resolvió, pero tuvimos que llamar dos veces.",),
    2: ("Tardaron demasiado en venir.",),
    1: ("La avería volvió a aparecer al día siguiente.",),
}
_AVAILABILITY = (
    "L-V 8:00-15:00",
    "Mañanas de 9:00 a 14:00",
    "L-J 9:00-18:00, V 9:00-14:00",
    "Cualquier hora en horario de oficina",
)


def _scenarios_for(spec: ModelSpec) -> list[_Scenario]:
    return [
        s
        for s in _SCENARIOS
        if (not s.code or spec.name in MODELS_BY_CODE[s.code]) and (spec.a3 or not s.a3_only)
    ]


def _workday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _office_time(day: date, rng: random.Random) -> datetime:
    """A moment in office hours (07:00–16:00 UTC, i.e. 08:00–18:00 in Madrid) of a workday."""
    return datetime.combine(_workday(day), time(rng.randint(7, 15), rng.randint(0, 59)), tzinfo=UTC)


def _local(moment: datetime) -> str:
    return moment.astimezone(_MADRID).strftime("%d/%m/%Y %H:%M")


@dataclass
class _DemoProduct:
    row: Product
    spec: ModelSpec
    site: _Site
    location: Location
    line: ContractLine
    level: ServiceLevel
    reader: User | None = None
    users: list[User] = field(default_factory=list)
    timeline: list[tuple[date, dict[str, int]]] = field(default_factory=list)


def _sla_level(product: _DemoProduct, at: datetime) -> ServiceLevel | None:
    line = product.line
    return product.level if line.start_date <= at.date() <= line.end_date else None


def _make_ticket(
    product: _DemoProduct,
    status: TicketStatus,
    rng: random.Random,
    now: datetime,
    agent: User,
) -> tuple[Ticket, list[TicketActivity]]:
    """One ticket with its timeline, consistent with ``status`` and ending before ``now``."""
    scenario = rng.choice(_scenarios_for(product.spec))
    # Most tickets come through the portal; some by phone to the service desk.
    creator = rng.choice(product.users) if product.users and rng.random() < 0.85 else None
    if status == TicketStatus.NEW:
        created = now - timedelta(minutes=rng.randint(10, 300))
    elif status == TicketStatus.ASSIGNED:
        created = now - timedelta(hours=rng.uniform(3, 60))
    elif status in (TicketStatus.PLANNED, TicketStatus.PENDING):
        created = now - timedelta(days=rng.uniform(1.5, 9))
    elif status == TicketStatus.SOLVED:
        created = _office_time((now - timedelta(days=rng.uniform(5, 9))).date(), rng)
    else:
        created = _office_time((now - timedelta(days=rng.uniform(14, 540))).date(), rng)
    created = min(created, now - timedelta(minutes=5))
    level = _sla_level(product, created)
    sla = "SLA" if level else "Non-SLA"
    location = product.location
    ticket = Ticket(
        number="",
        product_id=product.row.id,
        ticket_type=scenario.ticket_type.value,
        error_code=scenario.code,
        description=scenario.description,
        your_reference=(
            f"OT-{created.year}-{rng.randint(1, 999):04d}" if rng.random() < 0.4 else ""
        ),
        contact_name=location.contact_name,
        contact_phone=location.contact_phone,
        availability=rng.choice(_AVAILABILITY),
        status=status.value,
        priority="high"
        if scenario.ticket_type == TicketType.HARDWARE_FAULT and rng.random() < 0.2
        else "normal",
        service_level_id=level.id if level else None,
        created_by_id=creator.id if creator else None,
        assigned_agent_id=None,
        created_at=created,
        response_due_at=created + timedelta(hours=level.response_hours) if level else None,
        resolution_due_at=created + timedelta(hours=level.resolution_hours) if level else None,
    )
    activities: list[TicketActivity] = []

    def add(at: datetime, kind: str, subtype: str, act_status: TicketStatus, text: str, **kw):
        activities.append(
            TicketActivity(
                created_at=at,
                activity_type=kind,
                subtype=subtype,
                status=act_status.value,
                text=text,
                author_id=kw.pop("author_id", agent.id),
                **kw,
            )
        )

    if creator is not None:
        add(
            created,
            "Call received",
            "Customer portal",
            TicketStatus.NEW,
            f"Incidencia registrada por {creator.full_name} desde el portal.",
            author_id=creator.id,
        )
    else:
        add(
            created,
            "Call received",
            "Phone",
            TicketStatus.NEW,
            f"Llamada recibida en el centro de soporte. Contacto: {location.contact_name}.",
        )
    if status == TicketStatus.NEW:
        add(
            created + timedelta(minutes=1),
            "Acknowledgement – Automatic",
            "E-mail",
            TicketStatus.NEW,
            "Confirmación de recepción enviada al cliente.",
            author_id=None,
        )
        return ticket, activities

    assigned = created + timedelta(minutes=rng.randint(10, 200))
    if status == TicketStatus.ASSIGNED:
        assigned = min(assigned, now - timedelta(minutes=2))
    ticket.assigned_agent_id = agent.id
    ticket.responded_at = assigned
    if scenario.remote:
        add(
            assigned,
            "Assigned – Dispatch",
            "Remote support",
            TicketStatus.ASSIGNED,
            "Asignada al equipo de soporte remoto.",
        )
    else:
        add(
            assigned,
            "Assigned – Dispatch",
            "Field engineer",
            TicketStatus.ASSIGNED,
            f"Asignada al técnico de zona ({product.site.city}).",
        )
    if status == TicketStatus.ASSIGNED:
        return ticket, activities

    moment = assigned
    pending = status == TicketStatus.PENDING or (
        status == TicketStatus.CLOSED and rng.random() < 0.2
    )
    if pending:
        start = assigned + timedelta(hours=rng.uniform(1, 6))
        if status == TicketStatus.PENDING:
            start = min(start, now - timedelta(hours=1))
            ticket.pending_since = start
        if scenario.parts:
            add(
                start,
                "Pending – Parts",
                "Waiting for parts",
                TicketStatus.PENDING,
                f"Pendiente de recibir la pieza: {scenario.parts[0]}.",
            )
        else:
            add(
                start,
                "Pending – Customer",
                "Waiting for customer",
                TicketStatus.PENDING,
                "Pendiente de que el cliente confirme su disponibilidad.",
            )
        if status == TicketStatus.PENDING:
            return ticket, activities
        resumed = start + timedelta(hours=rng.uniform(20, 70))
        ticket.paused_seconds = int((resumed - start).total_seconds())
        moment = resumed
    elif not scenario.remote:
        planned_at = assigned + timedelta(minutes=rng.randint(20, 90))
        if status == TicketStatus.PLANNED:
            planned_at = min(planned_at, now - timedelta(minutes=1))
        visit = _office_time((planned_at + timedelta(days=rng.randint(0, 2))).date(), rng)
        if visit <= planned_at:
            visit = planned_at + timedelta(hours=rng.uniform(2, 5))
        if status == TicketStatus.PLANNED:
            visit = max(visit, now + timedelta(hours=rng.uniform(2, 40)))
        add(
            planned_at,
            "Planned – Engineer visit",
            "Appointment confirmed",
            TicketStatus.PLANNED,
            f"Visita programada para el {_local(visit)}. Contacto: {location.contact_name}.",
        )
        if status == TicketStatus.PLANNED:
            return ticket, activities
        moment = visit - timedelta(minutes=rng.randint(0, 30))
    if status == TicketStatus.PLANNED:
        # A remote scenario cannot be "planned"; show it as waiting for the remote session.
        at = min(assigned + timedelta(minutes=30), now - timedelta(minutes=1))
        add(
            at,
            "Planned – Remote session",
            "Appointment confirmed",
            TicketStatus.PLANNED,
            f"Sesión remota acordada con {location.contact_name}.",
        )
        return ticket, activities

    if scenario.remote:
        solved = moment + timedelta(minutes=rng.randint(20, 360))
        add(
            solved,
            "Resolution – Remote",
            f"Remote assistance – {sla}",
            TicketStatus.SOLVED,
            f"Incidencia resuelta de forma remota. {scenario.action}",
            is_resolution=True,
            diagnosis=scenario.diagnosis,
            action=scenario.action,
            parts=[],
        )
    else:
        visit_start = moment
        visit_end = visit_start + timedelta(minutes=rng.randint(35, 150))
        solved = visit_end
        add(
            visit_end,
            "Resolution – Onsite",
            f"Engineer visit – {sla}",
            TicketStatus.SOLVED,
            f"Incidencia resuelta en la visita. {scenario.action}",
            is_resolution=True,
            diagnosis=scenario.diagnosis,
            action=scenario.action,
            parts=list(scenario.parts),
            visit_start=visit_start,
            visit_end=visit_end,
            counters=_counters_at(product.timeline, visit_start.date(), product.spec),
        )
    ticket.solved_at = solved
    if status == TicketStatus.SOLVED:
        return ticket, activities

    closed = solved + timedelta(days=rng.uniform(0.5, 5))
    confirmed = rng.random() < 0.6
    add(
        closed,
        "Closed – Confirmation",
        "Customer confirmed" if confirmed else "Auto-close",
        TicketStatus.CLOSED,
        "Incidencia cerrada tras la confirmación del cliente."
        if confirmed
        else "Cierre automático a los 5 días sin respuesta del cliente.",
    )
    ticket.closed_at = closed
    if rng.random() < 0.4:
        rating = rng.choices((5, 4, 3, 2, 1), weights=(50, 30, 12, 5, 3))[0]
        ticket.rating = rating
        ticket.rating_comment = rng.choice(_RATING_COMMENTS[rating])
    return ticket, activities


def _number_tickets(tickets: list[Ticket], rng: random.Random, base: int) -> None:
    """Readable, unique, increasing ticket numbers like '1-889022872', in creation order."""
    value = base
    for ticket in sorted(tickets, key=lambda t: t.created_at):
        value += rng.randint(40, 9000)
        ticket.number = f"1-{value:09d}"


# --- seed_demo -------------------------------------------------------------------


def is_empty(session: Session) -> bool:
    """Whether the database holds no organisation yet (so the demo data may be seeded)."""
    return session.exec(select(Organisation.id).limit(1)).first() is None


def _build_products(
    session: Session,
    org: Organisation,
    plan: list[tuple[_Site, Account, list[tuple[ContractLine, ServiceLevel, int]]]],
    cat: _Catalogue,
    specs: list[ModelSpec],
    rng: random.Random,
    today: date,
    taken: set[str],
) -> list[_DemoProduct]:
    """Locations and products for each (site, account, [(line, level, count)]) of the plan."""
    result: list[_DemoProduct] = []
    spec_iter = iter(specs)
    for site, account, lines in plan:
        used_names: set[str] = set()
        for line, level, count in lines:
            for _ in range(count):
                spec = next(spec_iter)
                floor_no = rng.randint(0, site.floors)
                floor = "planta baja" if floor_no == 0 else f"planta {floor_no}"
                room = rng.choice(_ROOMS)
                while f"{room} {floor}" in used_names:
                    room = rng.choice(_ROOMS)
                used_names.add(f"{room} {floor}")
                location = Location(
                    organisation_id=org.id,
                    site=site.site,
                    address=site.address,
                    postal_code=site.postal_code,
                    city=site.city,
                    floor=floor[:1].upper() + floor[1:],
                    room=room,
                    contact_name=rng.choice(site.contacts),
                    contact_phone=_phone(site.phone_prefix, rng),
                )
                serial = _serial(spec, rng, taken)
                installed = today - timedelta(days=rng.randint(25 * 31, 60 * 31))
                auto_capture = rng.random() < 0.3
                product = Product(
                    account_id=account.id,
                    model_id=cat.models[spec.name].id,
                    location_id=0,
                    contract_line_id=line.id,
                    serial=serial,
                    serial_key=serial_key(serial),
                    alternative_name=f"{room} {floor}",
                    system_account_number=f"7{rng.randint(0, 9_999_999):07d}",
                    status="active",
                    maintenance_status="covered" if line.end_date >= today else "not_covered",
                    sync_status="synced",
                    ip_address=f"10.{site.net}.{rng.randint(1, 40)}.{rng.randint(20, 250)}",
                    mac_address=_mac(rng),
                    firmware=rng.choice(spec.firmware),
                    options=_options(spec, rng),
                    auto_capture=auto_capture,
                    auto_replenish=auto_capture and rng.random() < 0.6,
                    toner_levels=_toner_levels(spec, rng),
                    installed_on=installed,
                    created_at=datetime.combine(installed, time(9, 0), tzinfo=UTC),
                )
                result.append(_DemoProduct(product, spec, site, location, line, level))
    session.add_all(p.location for p in result)
    session.flush()
    for p in result:
        p.row.location_id = p.location.id
    session.add_all(p.row for p in result)
    session.flush()
    return result


def _model_mix(rng: random.Random, weights: dict[str, int]) -> list[ModelSpec]:
    specs = [_SPEC_BY_NAME[name] for name, n in weights.items() for _ in range(n)]
    rng.shuffle(specs)
    return specs


def seed_demo(*, session: Session, password_hash: str, now: datetime | None = None) -> dict:
    """Fill an empty database with the demo customer, users, tickets, readings and articles.

    Args:
        session: An open session; the function flushes but does not commit.
        password_hash: The hash every demo login gets (hash the password once).
        now: The moment the demo data is built around (default: the clock).

    Returns:
        Counts of what was created, by kind.

    Raises:
        ValueError: the database already holds an organisation.
    """
    if not is_empty(session):
        msg = "seed_demo needs an empty database"
        raise ValueError(msg)
    now = now or clock.now()
    today = now.date()
    rng = random.Random(DEMO_SEED)
    cat = _ensure_catalogue(session, today)
    gold, silver, bronze = (cat.levels[name] for name, _, _ in SERVICE_LEVELS)
    created_long_ago = now - timedelta(days=800)

    # Organisations, accounts, contract lines.
    demo = Organisation(name=DEMO_ORG_NAME, external_ref="DEMO-001", created_at=created_long_ago)
    other = Organisation(
        name=OTHER_ORG_NAME,
        external_ref="DEMO-002",
        created_at=created_long_ago + timedelta(days=90),
    )
    session.add_all([demo, other])
    session.flush()
    hq = Account(
        organisation_id=demo.id,
        number="10045871",
        name="Demo Industrias – Sede Central",
        invoice_day=25,
        created_at=created_long_ago,
    )
    east = Account(
        organisation_id=demo.id,
        number="10052310",
        name="Demo Industrias – Delegaciones Este",
        invoice_day=15,
        created_at=created_long_ago,
    )
    south_north = Account(
        organisation_id=demo.id,
        number="10061244",
        name="Demo Industrias – Delegaciones Sur y Norte",
        invoice_day=5,
        low_toner_threshold=15,
        created_at=created_long_ago,
    )
    other_account = Account(
        organisation_id=other.id,
        number="20017733",
        name="Otra Empresa – Zaragoza",
        invoice_day=20,
        created_at=created_long_ago,
    )
    session.add_all([hq, east, south_north, other_account])
    session.flush()
    start = date(today.year - 2, 1, 1)
    end = date(today.year + 2, 12, 31)

    def line(account: Account, number: str, level: ServiceLevel, **kw: Any) -> ContractLine:
        return ContractLine(
            account_id=account.id,
            contract_number=number,
            service_level_id=level.id,
            start_date=kw.get("start", start),
            end_date=kw.get("end", end),
            status=kw.get("status", "active"),
        )

    hq_gold = line(hq, f"CT-{start.year % 100:02d}-004417", gold)
    hq_silver = line(hq, f"CT-{start.year % 100:02d}-004418", silver)
    east_silver = line(east, f"CT-{start.year % 100:02d}-005120", silver)
    sn_bronze = line(south_north, f"CT-{start.year % 100:02d}-006031", bronze)
    sn_expired = line(
        south_north,
        f"CT-{(start.year - 1) % 100:02d}-003377",
        silver,
        start=date(today.year - 3, 1, 1),
        end=today - timedelta(days=45),
        status="expired",
    )
    other_line = line(other_account, f"CT-{start.year % 100:02d}-007702", bronze)
    lines = [hq_gold, hq_silver, east_silver, sn_bronze, sn_expired, other_line]
    session.add_all(lines)
    session.flush()

    # Products at five sites (and the other organisation's five).
    madrid, barcelona, valencia, sevilla, bilbao = _SITES
    taken: set[str] = set()
    specs = _model_mix(
        rng,
        {
            "Acme C3530i": 12,
            "Acme C5560i": 6,
            "Acme C2510i": 8,
            "Acme M4125i": 10,
            "Acme M6235i": 6,
            "Acme M3020i": 6,
        },
    )
    products = _build_products(
        session,
        demo,
        [
            (madrid, hq, [(hq_gold, gold, 14), (hq_silver, silver, 4)]),
            (barcelona, east, [(east_silver, silver, 9)]),
            (valencia, east, [(east_silver, silver, 7)]),
            (sevilla, south_north, [(sn_bronze, bronze, 7)]),
            (bilbao, south_north, [(sn_bronze, bronze, 3), (sn_expired, silver, 4)]),
        ],
        cat,
        specs,
        rng,
        today,
        taken,
    )
    other_products = _build_products(
        session,
        other,
        [(_OTHER_SITE, other_account, [(other_line, bronze, 5)])],
        cat,
        _model_mix(rng, {"Acme C3530i": 2, "Acme M4125i": 3}),
        rng,
        today,
        taken,
    )
    # A few low toners and sync states, so alerts and badges have something to show.
    for index, colour in ((3, "black"), (11, "cyan"), (19, "black"), (27, "magenta")):
        levels = dict(products[index].row.toner_levels)  # a new dict, so the change is seen
        levels[colour if colour in levels else "black"] = rng.randint(4, 18)
        products[index].row.toner_levels = levels
    products[5].row.sync_status = "pending"
    products[33].row.sync_status = "pending"
    products[40].row.sync_status = "error"
    products[8].row.auto_capture = products[8].row.auto_replenish = True
    products[9].row.auto_capture = products[9].row.auto_replenish = False
    # The meter collector reached the machines on automatic capture within the last day,
    # but one has been silent for twelve days: it is flagged "not reporting".
    captured = [p.row for p in products + other_products if p.row.auto_capture]
    for row in captured:
        row.last_contact_at = now - timedelta(minutes=rng.randint(5, 24 * 60))
        row.device_status = "running"
    silent = [p.row for p in products if p.row.auto_capture][-1]
    silent.last_contact_at = now - timedelta(days=12, hours=3)
    silent.device_status = "down"
    session.add_all(p.row for p in products)

    # Users.
    def person(org, email, first, last, roles, **kw) -> User:
        return _user(org, email, first, last, roles, password_hash=password_hash, **kw)

    admin = person(
        demo,
        "admin@demo.example",
        "Ana",
        "García",
        Role.ADMINISTRATOR.value,
        created=created_long_ago + timedelta(days=3),
        job_title="Responsable de Servicios Generales",
        phone="+34 91 555 01 10",
    )
    manager = person(
        demo,
        "manager@demo.example",
        "Miguel",
        "López",
        Role.DEVICE_MANAGER.value,
        created=created_long_ago + timedelta(days=10),
        job_title="Técnico de sistemas",
        phone="+34 91 555 01 24",
    )
    stock = person(
        demo,
        "stock@demo.example",
        "Laura",
        "Martínez",
        f"{Role.STOCK_MANAGER.value},{Role.DEVICE_MANAGER.value}",
        created=created_long_ago + timedelta(days=12),
        job_title="Responsable de compras",
        phone="+34 93 555 02 31",
    )
    knowledge = person(
        demo,
        "knowledge@demo.example",
        "Javier",
        "Sánchez",
        Role.KNOWLEDGE_USER.value,
        created=created_long_ago + timedelta(days=30),
        job_title="Soporte interno",
    )
    carmen = person(
        demo,
        "carmen.ruiz@demo.example",
        "Carmen",
        "Ruiz",
        Role.DEVICE_MANAGER.value,
        created=created_long_ago + timedelta(days=40),
        job_title="Coordinadora de oficina",
    )
    thomas = person(
        demo,
        "thomas.weber@demo.example",
        "Thomas",
        "Weber",
        Role.DEVICE_MANAGER.value,
        created=created_long_ago + timedelta(days=200),
        language="de",
        job_title="Office Manager",
    )
    pending_confirmed = person(
        demo,
        "lucia.fernandez@demo.example",
        "Lucía",
        "Fernández",
        Role.DEVICE_MANAGER.value,
        created=now - timedelta(days=2),
        status=UserStatus.PENDING.value,
        phone="+34 96 555 03 12",
    )
    pending_unconfirmed = _user(
        demo,
        "pablo.moreno@demo.example",
        "Pablo",
        "Moreno",
        Role.DEVICE_MANAGER.value,
        password_hash=None,
        created=now - timedelta(hours=20),
        status=UserStatus.PENDING.value,
        activated=False,
    )
    inactive = person(
        demo,
        "roberto.diaz@demo.example",
        "Roberto",
        "Díaz",
        Role.DEVICE_MANAGER.value,
        created=created_long_ago + timedelta(days=60),
        status=UserStatus.INACTIVE.value,
    )
    rejected = _user(
        demo,
        "marta.gil@demo.example",
        "Marta",
        "Gil",
        Role.DEVICE_MANAGER.value,
        password_hash=None,
        created=now - timedelta(days=20),
        status=UserStatus.REJECTED.value,
        activated=False,
    )
    agent = person(
        None,
        "agent@demo.example",
        "Sofía",
        "Navarro",
        Role.AGENT.value,
        created=created_long_ago,
        job_title="Agente de servicio",
    )
    provider = person(
        None,
        "provider@demo.example",
        "Daniel",
        "Ortega",
        Role.PROVIDER_ADMIN.value,
        created=created_long_ago,
        job_title="Administrador del proveedor",
    )
    other_admin = person(
        other,
        "other-admin@demo.example",
        "Elena",
        "Torres",
        Role.ADMINISTRATOR.value,
        created=created_long_ago + timedelta(days=95),
    )
    users = [
        admin,
        manager,
        stock,
        knowledge,
        carmen,
        thomas,
        pending_confirmed,
        pending_unconfirmed,
        inactive,
        rejected,
        agent,
        provider,
        other_admin,
    ]
    session.add_all(users)
    session.flush()

    # Groups and direct assignments.
    by_city: dict[str, list[_DemoProduct]] = {}
    for p in products:
        by_city.setdefault(p.site.city, []).append(p)
    groups = [
        (Group(organisation_id=demo.id, name="Sede Madrid"), by_city["Madrid"][:10], [manager]),
        (Group(organisation_id=demo.id, name="Delegación Sur"), by_city["Sevilla"], [carmen]),
        (Group(organisation_id=demo.id, name="Delegación Norte"), by_city["Bilbao"], [thomas]),
        (Group(organisation_id=demo.id, name="Equipos de color"), [], []),
    ]
    for group, _, _ in groups:
        group.created_at = created_long_ago + timedelta(days=15)
    session.add_all(g for g, _, _ in groups)
    session.flush()
    colour_group = groups[3][0]
    colour_products = [p for p in products if p.spec.is_colour][:6]
    links: list[SQLModel] = []
    for group, members, group_users in groups:
        links += [GroupProduct(group_id=group.id, product_id=p.row.id) for p in members]
        links += [GroupUser(group_id=group.id, user_id=u.id) for u in group_users]
        for p in members:
            p.users += group_users
    links += [GroupProduct(group_id=colour_group.id, product_id=p.row.id) for p in colour_products]
    direct = [
        (manager, [by_city["Valencia"][0], by_city["Madrid"][12]]),
        (stock, by_city["Barcelona"][:6]),
        (inactive, by_city["Valencia"][1:3]),
    ]
    for user, members in direct:
        links += [UserProduct(user_id=user.id, product_id=p.row.id) for p in members]
        for p in members:
            p.users.append(user)
    session.add_all(links)
    for p in products:
        p.users = [u for u in p.users if u.status == UserStatus.ACTIVE.value]
        p.reader = p.users[0] if p.users else admin
        p.users.append(admin)
    for p in other_products:
        p.reader = other_admin
        p.users = [other_admin]

    # Meter readings: 24 monthly readings per product.
    readings: list[MeterReading] = []
    accounts = {a.id: a for a in (hq, east, south_north, other_account)}
    for p in products + other_products:
        account = accounts[p.row.account_id]
        days = _reading_days(account.invoice_day, today, 24, rng)
        months_before = max(1, (days[0] - p.row.installed_on).days // 30)
        meter = _Meter.start(p.spec, rng, months_before)
        for day in days:
            values = meter.advance(rng, day.month)
            p.timeline.append((day, values))
            if p.row.auto_capture:
                source, entered_by = ReadingSource.AUTOMATIC, None
            else:
                roll = rng.random()
                source = (
                    ReadingSource.ESTIMATED
                    if roll < 0.06
                    else ReadingSource.BULK_UPLOAD
                    if roll < 0.14
                    else ReadingSource.PORTAL
                )
                entered_by = None if source == ReadingSource.ESTIMATED else p.reader.id
            readings.append(
                MeterReading(
                    product_id=p.row.id,
                    read_on=day,
                    source=source.value,
                    entered_by_id=entered_by,
                    values=values,
                    created_at=datetime.combine(day, time(rng.randint(7, 17), 0), tzinfo=UTC),
                )
            )
    session.add_all(readings)
    session.flush()

    # Tickets.
    statuses = (
        [TicketStatus.NEW] * 5
        + [TicketStatus.ASSIGNED] * 6
        + [TicketStatus.PLANNED] * 5
        + [TicketStatus.PENDING] * 4
        + [TicketStatus.SOLVED] * 6
        + [TicketStatus.CLOSED] * 104
    )
    built: list[tuple[Ticket, list[TicketActivity]]] = []
    for status in statuses:
        built.append(_make_ticket(rng.choice(products), status, rng, now, agent))
    for status in [TicketStatus.NEW, TicketStatus.ASSIGNED] + [TicketStatus.CLOSED] * 6:
        built.append(_make_ticket(rng.choice(other_products), status, rng, now, agent))
    tickets = [t for t, _ in built]
    _number_tickets(tickets, rng, 889_000_000)
    session.add_all(tickets)
    session.flush()
    activities: list[TicketActivity] = []
    for ticket, acts in built:
        for act in acts:
            act.ticket_id = ticket.id
        activities += acts
    session.add_all(activities)
    session.flush()
    # Deadlines on the business calendar, from each ticket's status history.
    for ticket in tickets:
        ticket_clock.refresh_deadlines(session=session, ticket=ticket, now=now)

    # Moves, inquiries, stock and orders.
    moves = _demo_moves(by_city, today, now, manager, stock, admin)
    inquiries = _demo_inquiries(demo, hq, products, admin, manager, now)
    session.add_all(moves + inquiries)
    stores = [
        StockLocation(
            organisation_id=demo.id,
            name="Almacén Sede Central",
            address="Paseo de la Castellana 95, sótano -1, 28046 Madrid",
            shipping_instructions="Entregar en el muelle de carga de 8:00 a 14:00 y preguntar "
            "por Recepción.",
        ),
        StockLocation(
            organisation_id=demo.id,
            name="Almacén Delegación Barcelona",
            address="Avinguda Diagonal 640, planta baja, 08017 Barcelona",
            shipping_instructions="Horario de recepción de mercancía: L-V 9:00-13:00.",
        ),
    ]
    session.add_all(stores)
    session.flush()
    session.add_all(StockManagerLocation(user_id=stock.id, stock_location_id=s.id) for s in stores)
    fleet_models = sorted({p.spec.name for p in products})
    session.add_all(
        StockLevel(stock_location_id=store.id, consumable_id=c.id, quantity=rng.randint(0, 8))
        for store in stores
        for name in fleet_models
        for c in cat.consumables[name]
    )
    orders, order_lines = _demo_orders(demo, products, stores, cat, stock, admin, now, rng)
    session.add_all(orders)
    session.flush()
    for order, lines_of_order in zip(orders, order_lines, strict=True):
        for order_line in lines_of_order:
            order_line.order_id = order.id
        session.add_all(lines_of_order)

    # Alert preferences and knowledge articles.
    session.add_all(_alert_preferences(u.id for u in users))
    article_count, translation_count = _add_articles(session, agent, now, rng)
    session.flush()

    return {
        "organisations": 2,
        "accounts": 4,
        "contract_lines": len(lines),
        "models": len(cat.models),
        "products": len(products) + len(other_products),
        "users": len(users),
        "groups": len(groups),
        "tickets": len(tickets),
        "activities": len(activities),
        "readings": len(readings),
        "move_requests": len(moves),
        "inquiries": len(inquiries),
        "orders": len(orders),
        "articles": article_count,
        "translations": translation_count,
    }


def _demo_moves(
    by_city: dict[str, list[_DemoProduct]],
    today: date,
    now: datetime,
    manager: User,
    stock: User,
    admin: User,
) -> list[MoveRequest]:
    madrid, barcelona = by_city["Madrid"][0], by_city["Barcelona"][1]
    valencia, sevilla = by_city["Valencia"][0], by_city["Sevilla"][2]
    return [
        MoveRequest(
            product_id=madrid.row.id,
            new_address=madrid.location.address,
            new_postal_code=madrid.location.postal_code,
            new_city="Madrid",
            new_floor="Planta 5",
            new_room="Sala de impresión norte",
            desired_date=today + timedelta(days=12),
            contact_name="María Pérez",
            contact_phone="+34 91 555 04 40",
            notes="Traslado por la reforma de la planta. El montacargas está disponible de "
            "8:00 a 10:00.",
            status="requested",
            created_by_id=manager.id,
            created_at=now - timedelta(days=1),
        ),
        MoveRequest(
            product_id=barcelona.row.id,
            new_address="Carrer de Pujades 77",
            new_postal_code="08005",
            new_city="Barcelona",
            new_floor="Planta 2",
            new_room="Atención al cliente",
            desired_date=today + timedelta(days=5),
            contact_name="Jordi Puig",
            contact_phone="+34 93 555 07 12",
            notes="La oficina se traslada al 22@. Es necesario desconectar el fax.",
            status="scheduled",
            created_by_id=stock.id,
            created_at=now - timedelta(days=9),
        ),
        MoveRequest(
            product_id=valencia.row.id,
            new_address=valencia.location.address,
            new_postal_code=valencia.location.postal_code,
            new_city=valencia.location.city,
            new_floor=valencia.location.floor,
            new_room=valencia.location.room,
            desired_date=today - timedelta(days=40),
            contact_name=valencia.location.contact_name,
            contact_phone=valencia.location.contact_phone,
            notes="Traslado desde la planta baja.",
            status="completed",
            created_by_id=admin.id,
            created_at=now - timedelta(days=55),
        ),
        MoveRequest(
            product_id=sevilla.row.id,
            new_address="Calle San Fernando 4",
            new_postal_code="41004",
            new_city="Sevilla",
            new_floor="Planta 1",
            new_room="Formación",
            desired_date=today - timedelta(days=20),
            contact_name="Rocío Delgado",
            contact_phone="+34 95 555 01 90",
            notes="Se cancela: el departamento se queda en la planta actual.",
            status="cancelled",
            created_by_id=admin.id,
            created_at=now - timedelta(days=35),
        ),
    ]


def _demo_inquiries(
    demo: Organisation,
    hq: Account,
    products: list[_DemoProduct],
    admin: User,
    manager: User,
    now: datetime,
) -> list[Inquiry]:
    return [
        Inquiry(
            organisation_id=demo.id,
            kind="account_inquiry",
            account_id=hq.id,
            subject="Consulta sobre la última factura",
            text="En la última factura aparece un cargo por copias en color que no coincide "
            "con las lecturas que enviamos. ¿Pueden revisarlo?",
            status="open",
            created_by_id=admin.id,
            created_at=now - timedelta(days=3),
        ),
        Inquiry(
            organisation_id=demo.id,
            kind="suggestion",
            subject="Aviso de lecturas por SMS",
            text="Sería útil recibir también por SMS el recordatorio de envío de lecturas.",
            status="closed",
            created_by_id=manager.id,
            created_at=now - timedelta(days=60),
        ),
        Inquiry(
            organisation_id=demo.id,
            kind="online_service",
            product_id=products[2].row.id,
            subject="Configurar escaneo a carpeta",
            text="Solicitamos una sesión remota para configurar el escaneo a la nueva carpeta "
            "compartida del departamento.",
            status="answered",
            created_by_id=manager.id,
            created_at=now - timedelta(days=14),
        ),
        Inquiry(
            organisation_id=demo.id,
            kind="e_snapshot",
            product_id=products[7].row.id,
            subject="Estado del equipo",
            text="Por favor, envíennos un informe rápido del estado y los contadores del equipo.",
            status="open",
            created_by_id=admin.id,
            created_at=now - timedelta(hours=30),
        ),
    ]


def _demo_orders(
    demo: Organisation,
    products: list[_DemoProduct],
    stores: list[StockLocation],
    cat: _Catalogue,
    stock: User,
    admin: User,
    now: datetime,
    rng: random.Random,
) -> tuple[list[ConsumableOrder], list[list[OrderLine]]]:
    manual = [p for p in products if not p.row.auto_replenish]
    states = [
        ("delivered", 40, "1Z999AA10123456784", None),
        ("dispatched", 3, "1Z999AA10123456791", stores[0]),
        ("confirmed", 1, "", None),
        ("submitted", 0.2, "", stores[1]),
    ]
    orders: list[ConsumableOrder] = []
    lines: list[list[OrderLine]] = []
    for n, (status, days_ago, tracking, store) in enumerate(states):
        product = manual[(n * 7) % len(manual)]
        created = now - timedelta(days=days_ago)
        loc = product.location
        orders.append(
            ConsumableOrder(
                number=f"CO-{1004211 + n * 37}",
                organisation_id=demo.id,
                product_id=product.row.id,
                deliver_to_stock_location_id=store.id if store else None,
                delivery_address=store.address
                if store
                else f"{loc.address}, {loc.postal_code} {loc.city}",
                delivery_extra=f"{loc.floor}, {loc.room}" if store is None else "",
                status=status,
                tracking_number=tracking,
                created_by_id=(stock if n % 2 else admin).id,
                created_at=created,
                updated_at=created + timedelta(hours=min(days_ago * 12, 30)),
            )
        )
        toners = [c for c in cat.consumables[product.spec.name] if c.kind == "toner"]
        chosen = rng.sample(toners, min(len(toners), 2))
        lines.append([OrderLine(order_id=0, consumable_id=c.id, quantity=1) for c in chosen])
    return orders, lines


def _add_articles(
    session: Session, agent: User, now: datetime, rng: random.Random
) -> tuple[int, int]:
    seeds = demo_articles()
    articles: list[KnowledgeArticle] = []
    for seed in seeds:
        when = now - timedelta(days=rng.randint(30, 700))
        articles.append(
            KnowledgeArticle(
                error_codes=seed.error_codes,
                model_names=seed.model_names,
                created_by_id=agent.id,
                created_at=when,
                updated_at=when,
            )
        )
    session.add_all(articles)
    session.flush()
    translations = [
        ArticleTranslation(
            article_id=article.id,
            language=language,
            title=title,
            body=body,
            published=True,
            updated_at=article.updated_at,
        )
        for article, seed in zip(articles, seeds, strict=True)
        for language, (title, body) in seed.translations.items()
    ]
    session.add_all(translations)
    return len(articles), len(translations)


# --- seed_large ------------------------------------------------------------------

_LARGE_CITIES = (
    ("Madrid", "28", "Calle de Alcalá"),
    ("Barcelona", "08", "Carrer de Balmes"),
    ("Valencia", "46", "Avenida del Puerto"),
    ("Sevilla", "41", "Calle Sierpes"),
    ("Bilbao", "48", "Calle Ercilla"),
    ("Zaragoza", "50", "Calle de Alfonso I"),
    ("Málaga", "29", "Calle Larios"),
    ("Murcia", "30", "Gran Vía Escultor Salzillo"),
    ("Palma", "07", "Passeig des Born"),
    ("Las Palmas", "35", "Calle Triana"),
    ("Valladolid", "47", "Calle Santiago"),
    ("Vigo", "36", "Rúa do Príncipe"),
    ("Gijón", "33", "Calle Corrida"),
    ("Alicante", "03", "Avenida de Maisonnave"),
    ("Córdoba", "14", "Avenida del Gran Capitán"),
    ("Granada", "18", "Calle Reyes Católicos"),
    ("Pamplona", "31", "Avenida Carlos III"),
    ("Santander", "39", "Paseo de Pereda"),
    ("San Sebastián", "20", "Avenida de la Libertad"),
    ("A Coruña", "15", "Rúa Real"),
)


def _chunks(items: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(
    session: Session, model: type[SQLModel], rows: list[dict[str, Any]], *, ids: bool = False
) -> list[int]:
    """Bulk-insert ``rows`` into ``model``'s table; return the new ids in order when asked."""
    table = model.__table__  # type: ignore[attr-defined]
    if not rows:
        return []
    if ids:
        stmt = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(session.execute(stmt, rows).scalars())
    session.execute(sa.insert(table), rows)
    return []


@dataclass(frozen=True)
class _LargeProduct:
    id: int
    spec: ModelSpec
    invoice_day: int
    auto_capture: bool
    level: ServiceLevel
    city: str
    account_id: int


def seed_large(
    *,
    session: Session,
    products: int = 20000,
    tickets: int = 200000,
    months: int = 24,
    password_hash: str,
    progress: ProgressFn | None = None,
    now: datetime | None = None,
) -> dict:
    """Add the big organisation "Large Fleet Corp" for benchmarks, with bulk inserts.

    It gets ``products`` products at locations across Spain, ``tickets`` tickets
    over 18 months (a few still open) with their activities, and ``months``
    monthly readings per product; plus large-admin@demo.example and
    large-manager@demo.example, whose group holds 500 products.

    Args:
        session: An open session; the function does not commit.
        products: How many products.
        tickets: How many tickets.
        months: How many monthly readings per product.
        password_hash: The hash both users get.
        progress: Called as ``progress(done, total, label)`` after each chunk.
        now: The moment the data is built around (default: the clock).

    Returns:
        Counts of what was created, by kind.

    Raises:
        ValueError: the large organisation is already there.
    """
    now = now or clock.now()
    today = now.date()
    rng = random.Random(LARGE_SEED)
    exists = session.exec(select(Organisation.id).where(Organisation.name == LARGE_ORG_NAME))
    if exists.first() is not None:
        msg = f"{LARGE_ORG_NAME} is already in the database"
        raise ValueError(msg)
    report = progress or (lambda done, total, label: None)
    total_work = products + tickets + products * months
    done = 0
    cat = _ensure_catalogue(session, today)
    levels = [cat.levels[name] for name, _, _ in SERVICE_LEVELS]
    created_at = now - timedelta(days=900)

    org = Organisation(name=LARGE_ORG_NAME, created_at=created_at)
    session.add(org)
    session.flush()
    used_numbers = set(session.exec(select(Account.number)))
    account_count = max(1, min(40, math.ceil(products / 500)))
    accounts: list[Account] = []
    number = 80_000_000
    for i in range(account_count):
        while f"{number}" in used_numbers:
            number += 1
        accounts.append(
            Account(
                organisation_id=org.id,
                number=f"{number}",
                name=f"Large Fleet – Región {i + 1:02d}",
                invoice_day=(5, 10, 15, 20, 25, 28)[i % 6],
                created_at=created_at,
            )
        )
        number += 1
    session.add_all(accounts)
    session.flush()
    contract_lines = [
        ContractLine(
            account_id=a.id,
            contract_number=f"LF-{a.number}",
            service_level_id=levels[i % len(levels)].id,
            start_date=date(today.year - 2, 1, 1),
            end_date=date(today.year + 3, 12, 31),
        )
        for i, a in enumerate(accounts)
    ]
    session.add_all(contract_lines)
    admin = _user(
        org,
        "large-admin@demo.example",
        "Laura",
        "Gómez",
        Role.ADMINISTRATOR.value,
        password_hash=password_hash,
        created=created_at,
    )
    manager = _user(
        org,
        "large-manager@demo.example",
        "Pedro",
        "Ruiz",
        Role.DEVICE_MANAGER.value,
        password_hash=password_hash,
        created=created_at,
    )
    session.add_all([admin, manager])
    session.flush()
    session.add_all(_alert_preferences([admin.id, manager.id]))

    # Locations and products, chunk by chunk.
    taken = set(session.exec(select(Product.serial)))
    weights = [3, 5, 2, 3, 4, 2]
    fleet: list[_LargeProduct] = []
    for start in range(0, products, CHUNK):
        size = min(CHUNK, products - start)
        loc_rows: list[dict[str, Any]] = []
        prod_rows: list[dict[str, Any]] = []
        meta: list[tuple[ModelSpec, int, bool, ServiceLevel, str]] = []
        for i in range(start, start + size):
            spec = rng.choices(MODEL_SPECS, weights=weights)[0]
            city, prefix, street = _LARGE_CITIES[i % len(_LARGE_CITIES)]
            account_index = i % account_count
            account = accounts[account_index]
            line = contract_lines[account_index]
            loc_rows.append(
                {
                    "organisation_id": org.id,
                    "site": f"Oficina {city} {i // len(_LARGE_CITIES) % 50 + 1}",
                    "address": f"{street} {rng.randint(1, 180)}",
                    "postal_code": f"{prefix}{rng.randint(1, 80):03d}",
                    "city": city,
                    "floor": f"Planta {rng.randint(0, 9)}",
                    "room": rng.choice(_ROOMS),
                    "contact_name": "",
                    "contact_phone": "",
                }
            )
            serial = _serial(spec, rng, taken)
            auto_capture = rng.random() < 0.3
            installed = today - timedelta(days=rng.randint(months * 31 + 30, months * 31 + 900))
            prod_rows.append(
                {
                    "account_id": account.id,
                    "model_id": cat.models[spec.name].id,
                    "contract_line_id": line.id,
                    "serial": serial,
                    "serial_key": serial_key(serial),
                    "alternative_name": f"LF-{i + 1:06d}",
                    "system_account_number": f"9{i:07d}",
                    "status": "active",
                    "maintenance_status": "covered",
                    "sync_status": "synced",
                    "ip_address": f"10.{100 + i // 62500}.{i // 250 % 250}.{i % 250 + 1}",
                    "mac_address": _mac(rng),
                    "firmware": rng.choice(spec.firmware),
                    "options": [],
                    "auto_capture": auto_capture,
                    "auto_replenish": auto_capture and rng.random() < 0.5,
                    "toner_levels": _toner_levels(spec, rng),
                    "installed_on": installed,
                    "created_at": created_at,
                }
            )
            level = levels[account_index % len(levels)]
            meta.append((spec, account.invoice_day, auto_capture, level, city, account.id))
        location_ids = _insert(session, Location, loc_rows, ids=True)
        for row, location_id in zip(prod_rows, location_ids, strict=True):
            row["location_id"] = location_id
        product_ids = _insert(session, Product, prod_rows, ids=True)
        fleet += [_LargeProduct(pid, *m) for pid, m in zip(product_ids, meta, strict=True)]
        done += size
        report(done, total_work, "products")

    group = Group(organisation_id=org.id, name="Flota 500", created_at=created_at)
    session.add(group)
    session.flush()
    _insert(
        session, GroupProduct, [{"group_id": group.id, "product_id": p.id} for p in fleet[:500]]
    )
    session.add(GroupUser(group_id=group.id, user_id=manager.id))
    session.flush()

    # Tickets and their activities, in creation order so that numbers increase with time.
    ticket_count, activity_count = 0, 0
    horizon = 540 * 86400
    offsets = sorted((rng.random() * horizon for _ in range(tickets)), reverse=True)
    step = max(2, 2 * (98_000_000 // max(1, tickets)))
    number_value = 900_000_000
    scenario_cache = {spec.name: _scenarios_for(spec) for spec in MODEL_SPECS}
    for batch in _chunks(offsets):
        ticket_rows: list[dict[str, Any]] = []
        pending_acts: list[list[dict[str, Any]]] = []
        for offset in batch:
            number_value += rng.randint(1, step - 1)
            product = fleet[rng.randrange(len(fleet))] if fleet else None
            if product is None:
                break
            created = now - timedelta(seconds=offset)
            scenario = rng.choice(scenario_cache[product.spec.name])
            is_open = offset < 10 * 86400 and rng.random() < 0.6
            level = product.level
            row = {
                "number": f"1-{number_value:09d}",
                "product_id": product.id,
                "account_id": product.account_id,
                "ticket_type": scenario.ticket_type.value,
                "error_code": scenario.code,
                "description": scenario.description,
                "your_reference": "",
                "contact_name": "",
                "contact_phone": "",
                "availability": "",
                "status": TicketStatus.NEW.value,
                "priority": "normal",
                "service_level_id": level.id,
                "created_by_id": admin.id,
                "assigned_agent_id": None,
                "created_at": created,
                "response_due_at": created + timedelta(hours=level.response_hours),
                "resolution_due_at": created + timedelta(hours=level.resolution_hours),
                "responded_at": None,
                "solved_at": None,
                "closed_at": None,
                "pending_since": None,
                "paused_seconds": 0,
                "rating": None,
                "rating_comment": "",
            }
            acts = [
                {
                    "created_at": created,
                    "activity_type": "Call received",
                    "subtype": "Customer portal",
                    "status": TicketStatus.NEW.value,
                    "text": "Incidencia registrada desde el portal.",
                    "author_id": admin.id,
                    "is_resolution": False,
                    "diagnosis": "",
                    "action": "",
                    "parts": [],
                    "visit_start": None,
                    "visit_end": None,
                    "counters": {},
                }
            ]
            solved = created + timedelta(hours=rng.uniform(1, 60))
            closed = solved + timedelta(days=rng.uniform(0.5, 5))
            if not is_open and solved < now:
                # A ticket too young to be closed by now stays solved.
                row.update(
                    status=TicketStatus.CLOSED.value if closed < now else TicketStatus.SOLVED.value,
                    responded_at=created + timedelta(minutes=rng.randint(10, 200)),
                    solved_at=solved,
                    closed_at=closed if closed < now else None,
                )
                onsite = not scenario.remote
                acts.append(
                    {
                        "created_at": solved,
                        "activity_type": "Resolution – Onsite" if onsite else "Resolution – Remote",
                        "subtype": "Engineer visit – SLA" if onsite else "Remote assistance – SLA",
                        "status": TicketStatus.SOLVED.value,
                        "text": scenario.action,
                        "author_id": None,
                        "is_resolution": True,
                        "diagnosis": scenario.diagnosis,
                        "action": scenario.action,
                        "parts": list(scenario.parts),
                        "visit_start": solved - timedelta(minutes=90) if onsite else None,
                        "visit_end": solved if onsite else None,
                        "counters": {},
                    }
                )
            # Bulk rows bypass the flush hooks that keep the account and these figures.
            row |= ticket_figures(
                *(row[k] for k in ("created_at", "resolution_due_at", "solved_at", "closed_at")),
                row["paused_seconds"],
            )
            ticket_rows.append(row)
            pending_acts.append(acts)
        ticket_ids = _insert(session, Ticket, ticket_rows, ids=True)
        activity_rows = [
            {**act, "ticket_id": tid}
            for tid, acts in zip(ticket_ids, pending_acts, strict=True)
            for act in acts
        ]
        for rows in _chunks(activity_rows):
            _insert(session, TicketActivity, rows)
        ticket_count += len(ticket_rows)
        activity_count += len(activity_rows)
        done += len(batch)
        report(done, total_work, "tickets")

    # Monthly readings.
    days_by_invoice_day = {
        d: _invoice_dates(d, today, months) for d in {p.invoice_day for p in fleet}
    }

    def reading_rows() -> Iterator[dict[str, Any]]:
        for product in fleet:
            meter = _Meter.start(product.spec, rng, 6)
            source = (
                ReadingSource.AUTOMATIC.value
                if product.auto_capture
                else ReadingSource.PORTAL.value
            )
            entered_by = None if product.auto_capture else admin.id
            for invoice_date in days_by_invoice_day[product.invoice_day]:
                day = invoice_date - timedelta(days=rng.randint(10, 15))
                yield {
                    "product_id": product.id,
                    "read_on": day,
                    "source": source,
                    "entered_by_id": entered_by,
                    "confirmed_implausible": False,
                    "values": meter.advance(rng, day.month),
                    "created_at": datetime.combine(day, time(9, 0), tzinfo=UTC),
                }

    reading_count = 0
    for rows in _chunks(reading_rows()):
        _insert(session, MeterReading, rows)
        reading_count += len(rows)
        done += len(rows)
        report(done, total_work, "readings")
    # Bulk rows bypass the session hook that keeps the pages per reading and month.
    volume.refresh(session.connection(), [product.id for product in fleet])
    session.flush()
    report(total_work, total_work, "done")
    return {
        "organisations": 1,
        "accounts": len(accounts),
        "products": len(fleet),
        "group_products": min(500, len(fleet)),
        "tickets": ticket_count,
        "activities": activity_count,
        "readings": reading_count,
        "users": 2,
    }


def count_rows(session: Session, model: type[SQLModel]) -> int:
    """How many rows ``model``'s table holds (used by the CLI summary and tests)."""
    return int(session.exec(select(sa.func.count()).select_from(model)).one())
