"""Reading one device over SNMP (pysnmp's asyncio API): counters, toner, status, alerts.

What is read is the standard Printer MIB (RFC 3805) and Host Resources MIB:
the page counters of the device's profile, the marker supplies table
(description, level, capacity, colourant), the colourant table,
``hrDeviceStatus`` and the alert table. A poll is a GET for the single values
and three bulk walks for the tables; a device that does not answer the GET is
silent and costs one timeout.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pysnmp.hlapi.v3arch.asyncio import (
    CommunityData,
    ContextData,
    ObjectIdentity,
    ObjectType,
    SnmpEngine,
    UdpTransportTarget,
    UsmUserData,
    bulk_walk_cmd,
    get_cmd,
    usm3DESEDEPrivProtocol,
    usmAesCfb128Protocol,
    usmAesCfb192Protocol,
    usmAesCfb256Protocol,
    usmDESPrivProtocol,
    usmHMAC128SHA224AuthProtocol,
    usmHMAC192SHA256AuthProtocol,
    usmHMAC256SHA384AuthProtocol,
    usmHMAC384SHA512AuthProtocol,
    usmHMACMD5AuthProtocol,
    usmHMACSHAAuthProtocol,
    usmNoAuthProtocol,
    usmNoPrivProtocol,
)
from pysnmp.proto import rfc1905

from portal.collector.config import Credentials, DeviceTarget

logger = logging.getLogger("portal.collector.snmp")

SYS_OBJECT_ID = "1.3.6.1.2.1.1.2.0"
HR_DEVICE_TYPE = "1.3.6.1.2.1.25.3.2.1.2.1"
HR_DEVICE_STATUS = "1.3.6.1.2.1.25.3.2.1.5.1"
PRT_GENERAL_SERIAL = "1.3.6.1.2.1.43.5.1.1.17.1"
SUPPLIES_ENTRY = "1.3.6.1.2.1.43.11.1.1"
COLORANT_ENTRY = "1.3.6.1.2.1.43.12.1.1"
ALERT_ENTRY = "1.3.6.1.2.1.43.18.1.1"
# prtMarkerSuppliesEntry columns
SUP_COLORANT, SUP_TYPE, SUP_DESCRIPTION, SUP_MAX, SUP_LEVEL = 3, 5, 6, 8, 9
COLORANT_VALUE = 4
ALERT_SEVERITY, ALERT_CODE, ALERT_DESCRIPTION = 2, 7, 8

DEVICE_STATUS = {1: "unknown", 2: "running", 3: "warning", 4: "testing", 5: "down"}
ALERT_SEVERITY_NAMES = {1: "other", 3: "critical", 4: "warning", 5: "warning"}
# PrtMarkerSuppliesTypeTC values that hold what prints: toner, ink, ink cartridge, toner
# cartridge; drums, waste boxes and fusers carry a colourant too and are left out.
TONER_TYPES = {3, 5, 6, 21}
UNTYPED = {None, 1, 2}
COLOURS = ("black", "cyan", "magenta", "yellow")
_COLOUR_WORDS = {
    "black": ("black", "schwarz", "negro", "noir", "nero"),
    "cyan": ("cyan", "cian"),
    "magenta": ("magenta",),
    "yellow": ("yellow", "gelb", "amarillo", "jaune", "giallo"),
}
_SUFFIX = re.compile(r"(?<![a-z])([kcmy])\b|\d([kcmy])\b", re.IGNORECASE)
_SUFFIX_COLOURS = {"k": "black", "c": "cyan", "m": "magenta", "y": "yellow"}
MAX_ALERTS = 20
MAX_REPETITIONS = 25

_AUTH = {
    "md5": usmHMACMD5AuthProtocol,
    "sha": usmHMACSHAAuthProtocol,
    "sha224": usmHMAC128SHA224AuthProtocol,
    "sha256": usmHMAC192SHA256AuthProtocol,
    "sha384": usmHMAC256SHA384AuthProtocol,
    "sha512": usmHMAC384SHA512AuthProtocol,
}
_PRIV = {
    "des": usmDESPrivProtocol,
    "3des": usm3DESEDEPrivProtocol,
    "aes": usmAesCfb128Protocol,
    "aes192": usmAesCfb192Protocol,
    "aes256": usmAesCfb256Protocol,
}


class DeviceSilent(Exception):
    """The device did not answer (timeout, or refused the credentials)."""


@dataclass
class DeviceReport:
    """What one poll saw."""

    target: DeviceTarget
    serial: str | None
    seen_at: datetime
    counters: dict[str, int] = field(default_factory=dict)
    missing_counters: list[str] = field(default_factory=list)
    status: str = "unknown"
    toner: dict[str, int] = field(default_factory=dict)
    alerts: list[dict[str, str]] = field(default_factory=list)
    sys_object_id: str | None = None


def auth_data(credentials: Credentials) -> CommunityData | UsmUserData:
    """pysnmp's credentials object for a device."""
    if not credentials.user:
        return CommunityData(credentials.community, mpModel=1)
    auth = credentials.auth_protocol or ("sha" if credentials.auth_key else None)
    priv = credentials.priv_protocol or ("aes" if credentials.priv_key else None)
    return UsmUserData(
        credentials.user,
        authKey=credentials.auth_key,
        privKey=credentials.priv_key,
        authProtocol=_AUTH[auth] if auth else usmNoAuthProtocol,
        privProtocol=_PRIV[priv] if priv else usmNoPrivProtocol,
    )


def _absent(value: Any) -> bool:
    return value is None or isinstance(
        value, rfc1905.NoSuchObject | rfc1905.NoSuchInstance | rfc1905.EndOfMibView
    )


def _int(value: Any) -> int | None:
    if _absent(value):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str | None:
    if _absent(value):
        return None
    try:
        raw = value.asOctets()
    except AttributeError:
        return str(value)
    return raw.decode("utf-8", "replace").replace("\x00", "").strip()


def _oid_text(value: Any) -> str | None:
    if _absent(value):
        return None
    return ".".join(str(n) for n in tuple(value))


def colour_of(text: str | None) -> str | None:
    """The toner colour a description or colourant name speaks of, if any."""
    if not text:
        return None
    lowered = text.lower()
    for colour, words in _COLOUR_WORDS.items():
        if any(word in lowered for word in words):
            return colour
    match = _SUFFIX.search(text)
    if match:
        return _SUFFIX_COLOURS[(match.group(1) or match.group(2)).lower()]
    return None


def toner_levels(supplies: dict[int, dict[int, Any]], colorants: dict[int, str]) -> dict[str, int]:
    """Percent per colour from the supplies table; unknown levels are left out.

    Args:
        supplies: Column → value per supply row (index after the device index).
        colorants: Colourant index → prtMarkerColorantValue.
    """
    levels: dict[str, int] = {}
    for row in supplies.values():
        kind = _int(row.get(SUP_TYPE))
        description = _text(row.get(SUP_DESCRIPTION))
        if kind not in TONER_TYPES and not (
            kind in UNTYPED and description and "waste" not in description.lower()
        ):
            continue
        level, capacity = _int(row.get(SUP_LEVEL)), _int(row.get(SUP_MAX))
        # -1 other, -2 unknown, -3 "some remaining": no percent to tell
        if level is None or capacity is None or level < 0 or capacity <= 0:
            continue
        colour = colour_of(colorants.get(_int(row.get(SUP_COLORANT)) or 0)) or colour_of(
            description
        )
        if colour is None:
            continue
        percent = max(0, min(100, round(level * 100 / capacity)))
        levels[colour] = min(percent, levels.get(colour, 100))
    return levels


def alerts_of(rows: dict[int, dict[int, Any]]) -> list[dict[str, str]]:
    """The active alerts, critical first, at most :data:`MAX_ALERTS`."""
    alerts = []
    for index in sorted(rows):
        row = rows[index]
        code = _int(row.get(ALERT_CODE))
        severity = ALERT_SEVERITY_NAMES.get(_int(row.get(ALERT_SEVERITY)) or 1, "other")
        description = _text(row.get(ALERT_DESCRIPTION)) or ""
        if code is None and not description:
            continue
        alerts.append(
            {
                "code": str(code if code is not None else "other")[:40],
                "severity": severity,
                "description": description[:200],
            }
        )
    order = {"critical": 0, "warning": 1, "other": 2}
    alerts.sort(key=lambda a: order[a["severity"]])
    return alerts[:MAX_ALERTS]


class Poller:
    """Polls devices through one SNMP engine (one per asyncio loop)."""

    def __init__(self, *, timeout: float, retries: int, profiles: dict[str, dict[str, str]]):
        self.timeout = timeout
        self.retries = retries
        self.profiles = profiles
        self.engine = SnmpEngine()

    def close(self) -> None:
        """Release the engine's sockets."""
        self.engine.close_dispatcher()

    async def _walk(self, auth: Any, transport: Any, context: Any, root: str) -> dict:
        """Column → {row index: value} of a table under ``root``; {} if it is not there."""
        prefix = tuple(int(p) for p in root.split("."))
        table: dict[int, dict[int, Any]] = {}
        async for error, status, _index, var_binds in bulk_walk_cmd(
            self.engine,
            auth,
            transport,
            context,
            0,
            MAX_REPETITIONS,
            ObjectType(ObjectIdentity(root)),
            lexicographicMode=False,
            lookupMib=False,
        ):
            # pysnmp keeps walking after a timeout; stop at the first error
            if error:
                raise DeviceSilent(str(error))
            if status:
                break
            for oid, value in var_binds:
                parts = tuple(oid)
                if parts[: len(prefix)] != prefix or len(parts) < len(prefix) + 3:
                    continue
                column, row = parts[len(prefix)], parts[len(prefix) + 2 :]
                table.setdefault(row[0] if len(row) == 1 else row, {})[column] = value
        return table

    async def poll(self, target: DeviceTarget) -> DeviceReport:
        """Read one device.

        Raises:
            DeviceSilent: No answer within the timeout and retries.
        """
        auth = auth_data(target.credentials)
        context = ContextData(contextName=target.credentials.context or "")
        transport = await UdpTransportTarget.create(
            (target.host, target.port), timeout=self.timeout, retries=self.retries
        )
        counter_oids = self.profiles.get(target.profile, {})
        singles = [SYS_OBJECT_ID, HR_DEVICE_TYPE, HR_DEVICE_STATUS, PRT_GENERAL_SERIAL]
        singles += list(counter_oids.values())
        error, status, index, var_binds = await get_cmd(
            self.engine,
            auth,
            transport,
            context,
            *(ObjectType(ObjectIdentity(oid)) for oid in singles),
            lookupMib=False,
        )
        if error:
            raise DeviceSilent(str(error))
        if status:
            raise DeviceSilent(f"{status.prettyPrint()} at varbind {index}")
        values = {".".join(str(n) for n in tuple(oid)): value for oid, value in var_binds}
        seen_at = datetime.now(UTC)
        serial = target.serial or _text(values.get(PRT_GENERAL_SERIAL)) or None
        report = DeviceReport(
            target=target,
            serial=serial,
            seen_at=seen_at,
            status=DEVICE_STATUS.get(_int(values.get(HR_DEVICE_STATUS)) or 1, "unknown"),
            sys_object_id=_oid_text(values.get(SYS_OBJECT_ID)),
        )
        for code, oid in counter_oids.items():
            value = _int(values.get(oid))
            if value is None or value < 0:
                report.missing_counters.append(code)
            else:
                report.counters[code] = value
        supplies = await self._walk(auth, transport, context, SUPPLIES_ENTRY)
        colorant_rows = await self._walk(auth, transport, context, COLORANT_ENTRY)
        alert_rows = await self._walk(auth, transport, context, ALERT_ENTRY)
        colorants = {n: _text(row.get(COLORANT_VALUE)) or "" for n, row in colorant_rows.items()}
        report.toner = toner_levels(supplies, colorants)
        report.alerts = alerts_of(alert_rows)
        return report

    def answered_as_device(self, report: DeviceReport) -> bool:
        """Whether a probed address is an SNMP device at all (it gave a sysObjectID)."""
        return report.sys_object_id is not None


async def poll_all(
    poller: Poller, targets: list[DeviceTarget], concurrency: int, deadline: float
) -> list[tuple[DeviceTarget, DeviceReport | None, str | None]]:
    """Poll every target, at most ``concurrency`` at a time.

    A device that does not answer within ``deadline`` seconds (all its requests
    together) is reported with its error; it never holds up the others.

    Returns:
        (target, report or None, error or None) per target, in order.
    """
    gate = asyncio.Semaphore(concurrency)

    async def one(target: DeviceTarget):
        async with gate:
            try:
                report = await asyncio.wait_for(poller.poll(target), deadline)
            except DeviceSilent as exc:
                return target, None, str(exc) or "no answer"
            except TimeoutError:
                return target, None, f"no complete answer within {deadline:g} s"
            except Exception as exc:  # a bad address or a device's odd answer
                logger.warning("polling %s failed: %r", target.address, exc)
                return target, None, f"{type(exc).__name__}: {exc}"
            return target, report, None

    return list(await asyncio.gather(*(one(t) for t in targets)))
