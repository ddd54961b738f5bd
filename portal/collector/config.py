"""The collector's configuration: one TOML file, checked in full before anything runs.

Every problem is reported at once, each with where it is (``devices[2].port``), so
an operator fixes the file in one go. Relative paths are taken from the file's
folder.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

API_KEY_ENV = "PORTAL_COLLECTOR_API_KEY"
PRT_MARKER_LIFE_COUNT = "1.3.6.1.2.1.43.10.2.1.4.1.1"
DEFAULT_PROFILE = "default"
DEFAULT_PROFILES = {DEFAULT_PROFILE: {"total": PRT_MARKER_LIFE_COUNT}}
SINKS = ("http", "direct")
AUTH_PROTOCOLS = ("md5", "sha", "sha224", "sha256", "sha384", "sha512")
PRIV_PROTOCOLS = ("des", "3des", "aes", "aes192", "aes256")
MAX_SUBNET_ADDRESSES = 4096
MIN_USM_KEY = 8

_TOP_KEYS = {
    "url",
    "api_key",
    "api_key_file",
    "sink",
    "spool_dir",
    "state_file",
    "interval",
    "concurrency",
    "timeout",
    "retries",
    "subnets",
    "snmp",
    "profiles",
    "devices",
}
_CREDENTIAL_KEYS = {
    "port",
    "community",
    "user",
    "auth_key",
    "auth_protocol",
    "priv_key",
    "priv_protocol",
    "context",
}
_DEVICE_KEYS = _CREDENTIAL_KEYS | {"host", "serial", "profile"}
_SUBNET_KEYS = _CREDENTIAL_KEYS | {"cidr", "profile"}


class ConfigError(Exception):
    """The configuration cannot be used; ``problems`` lists every reason."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class Credentials:
    """How to talk SNMP to a device: v2c community, or a v3 user (when ``user`` is set)."""

    community: str = "public"
    user: str | None = None
    auth_key: str | None = None
    auth_protocol: str | None = None
    priv_key: str | None = None
    priv_protocol: str | None = None
    context: str = ""

    @property
    def version(self) -> str:
        """``"3"`` for a USM user, else ``"2c"``."""
        return "3" if self.user else "2c"


@dataclass(frozen=True)
class DeviceTarget:
    """One address to poll, and what is known of it beforehand."""

    host: str
    port: int
    credentials: Credentials
    profile: str = DEFAULT_PROFILE
    serial: str | None = None
    discovered: bool = False

    @property
    def address(self) -> str:
        """``host:port``, for logs and summaries."""
        return f"{self.host}:{self.port}"

    @property
    def label(self) -> str:
        """The address, with the serial or v3 context that tells devices behind it apart.

        The community is left out: it is a password.
        """
        extra = self.serial or self.credentials.context
        return f"{self.address} ({extra})" if extra else self.address


@dataclass(frozen=True)
class Subnet:
    """A range of addresses to probe; the ones that answer are devices."""

    network: ipaddress.IPv4Network | ipaddress.IPv6Network
    port: int
    credentials: Credentials
    profile: str = DEFAULT_PROFILE

    def targets(self) -> list[DeviceTarget]:
        """A discovery target per host address of the network."""
        hosts = list(self.network.hosts()) or [self.network.network_address]
        return [
            DeviceTarget(
                host=str(ip),
                port=self.port,
                credentials=self.credentials,
                profile=self.profile,
                discovered=True,
            )
            for ip in hosts
        ]


@dataclass(frozen=True)
class CollectorConfig:
    """Everything the collector needs, checked."""

    url: str | None
    api_key: str | None
    sink: str
    spool_dir: Path
    state_file: Path
    interval: float = 900.0
    concurrency: int = 32
    timeout: float = 2.0
    retries: int = 1
    profiles: dict[str, dict[str, str]] = field(default_factory=lambda: dict(DEFAULT_PROFILES))
    devices: list[DeviceTarget] = field(default_factory=list)
    subnets: list[Subnet] = field(default_factory=list)

    def targets(self) -> list[DeviceTarget]:
        """The configured devices, then every subnet address not configured as a device."""
        known = {(d.host, d.port) for d in self.devices}
        found = list(self.devices)
        for subnet in self.subnets:
            for target in subnet.targets():
                if (target.host, target.port) not in known:
                    known.add((target.host, target.port))
                    found.append(target)
        return found


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def unknown_keys(self, where: str, table: dict[str, Any], allowed: set[str]) -> None:
        for key in sorted(set(table) - allowed):
            self.fail(f"{where}.{key}" if where else key, "unknown setting")

    def text(self, where: str, value: Any, *, required: bool = False) -> str | None:
        if value is None:
            if required:
                self.fail(where, "is required")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(where, "must be a non-empty string")
            return None
        return value.strip()

    def number(
        self, where: str, value: Any, default: float, *, low: float, high: float, integer: bool
    ) -> float:
        if value is None:
            return default
        kinds = (int,) if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or not low <= value <= high:
            kind = "an integer" if integer else "a number"
            self.fail(where, f"must be {kind} from {low:g} to {high:g}")
            return default
        return value


def _credentials(
    check: _Checker, where: str, table: dict[str, Any], base: Credentials
) -> Credentials:
    values: dict[str, Any] = {}
    for key in ("community", "user", "auth_key", "priv_key", "context"):
        if key in table:
            value = check.text(f"{where}.{key}", table[key])
            if value is not None:
                values[key] = value
    for key, choices in (("auth_protocol", AUTH_PROTOCOLS), ("priv_protocol", PRIV_PROTOCOLS)):
        if key in table:
            raw = table[key]
            if not isinstance(raw, str) or raw.lower() not in choices:
                check.fail(f"{where}.{key}", f"must be one of {', '.join(choices)}")
            else:
                values[key] = raw.lower()
    if "community" in values and "user" not in values:
        # a device that names a community talks v2c even when the default is a v3 user
        base = Credentials(community=base.community, context=base.context)
    creds = dataclasses.replace(base, **values)
    if creds.user:
        for key_name, proto_name in (("auth_key", "auth_protocol"), ("priv_key", "priv_protocol")):
            key, proto = getattr(creds, key_name), getattr(creds, proto_name)
            if key is not None and len(key) < MIN_USM_KEY:
                check.fail(f"{where}.{key_name}", f"must be at least {MIN_USM_KEY} characters")
            if proto is not None and key is None:
                check.fail(f"{where}.{key_name}", f"is required with {proto_name}")
        if creds.priv_key and not creds.auth_key:
            check.fail(f"{where}.priv_key", "SNMPv3 privacy needs auth_key as well")
    return creds


def _port(check: _Checker, where: str, value: Any, default: int) -> int:
    return int(check.number(where, value, default, low=1, high=65535, integer=True))


def _profiles(check: _Checker, raw: Any) -> dict[str, dict[str, str]]:
    profiles = {name: dict(counters) for name, counters in DEFAULT_PROFILES.items()}
    if raw is None:
        return profiles
    if not isinstance(raw, dict):
        check.fail("profiles", "must be a table of profiles")
        return profiles
    for name, table in raw.items():
        where = f"profiles.{name}"
        if not isinstance(table, dict):
            check.fail(where, "must be a table with counters = {code = OID}")
            continue
        check.unknown_keys(where, table, {"counters"})
        counters = table.get("counters")
        if not isinstance(counters, dict) or not counters:
            check.fail(f"{where}.counters", "must map at least one counter code to an OID")
            continue
        clean: dict[str, str] = {}
        for code, oid in counters.items():
            if not isinstance(oid, str) or not _is_oid(oid):
                check.fail(f"{where}.counters.{code}", "must be a numeric OID like 1.3.6.1.…")
            else:
                clean[code] = oid.strip().lstrip(".")
        profiles[name] = clean
    return profiles


def _is_oid(text: str) -> bool:
    parts = text.strip().lstrip(".").split(".")
    return len(parts) >= 2 and all(p.isdigit() for p in parts)


def _api_key(check: _Checker, data: dict[str, Any], base_dir: Path) -> str | None:
    if "api_key" in data and "api_key_file" in data:
        check.fail("api_key", "give api_key or api_key_file, not both")
    key = check.text("api_key", data.get("api_key"))
    file_name = check.text("api_key_file", data.get("api_key_file"))
    if file_name is not None:
        path = _path(base_dir, file_name)
        try:
            key = path.read_text(encoding="utf-8").strip() or None
        except OSError as exc:
            check.fail("api_key_file", f"cannot be read ({exc.strerror or exc})")
        if key is None and path.exists():
            check.fail("api_key_file", "is empty")
    return key or os.environ.get(API_KEY_ENV, "").strip() or None


def _path(base_dir: Path, value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else base_dir / path


def parse_config(data: dict[str, Any], base_dir: Path) -> CollectorConfig:
    """Check a parsed TOML document and build the configuration.

    Args:
        data: The TOML document.
        base_dir: Where relative paths start (the config file's folder).

    Raises:
        ConfigError: With every problem found.
    """
    check = _Checker()
    check.unknown_keys("", data, _TOP_KEYS)
    sink = data.get("sink", "http")
    if sink not in SINKS:
        check.fail("sink", f'must be "http" or "direct", not {sink!r}')
    url = check.text("url", data.get("url"), required=sink == "http")
    if url is not None and not url.startswith(("http://", "https://")):
        check.fail("url", "must start with http:// or https://")
    api_key = _api_key(check, data, base_dir)
    if api_key is None:
        check.fail("api_key", f"is required (or api_key_file, or the {API_KEY_ENV} variable)")
    spool = check.text("spool_dir", data.get("spool_dir"), required=True)
    state = check.text("state_file", data.get("state_file"), required=True)
    interval = check.number(
        "interval", data.get("interval"), 900.0, low=1, high=86400, integer=False
    )
    concurrency = check.number(
        "concurrency", data.get("concurrency"), 32, low=1, high=1024, integer=True
    )
    timeout = check.number("timeout", data.get("timeout"), 2.0, low=0.1, high=60, integer=False)
    retries = check.number("retries", data.get("retries"), 1, low=0, high=10, integer=True)

    snmp = data.get("snmp", {})
    if not isinstance(snmp, dict):
        check.fail("snmp", "must be a table")
        snmp = {}
    check.unknown_keys("snmp", snmp, _CREDENTIAL_KEYS)
    default_port = _port(check, "snmp.port", snmp.get("port"), 161)
    default_creds = _credentials(check, "snmp", snmp, Credentials())
    profiles = _profiles(check, data.get("profiles"))

    def profile_of(where: str, table: dict[str, Any]) -> str:
        name = table.get("profile", DEFAULT_PROFILE)
        if name not in profiles:
            check.fail(f"{where}.profile", f"no profile named {name!r}")
            return DEFAULT_PROFILE
        return name

    devices: list[DeviceTarget] = []
    raw_devices = data.get("devices", [])
    if not isinstance(raw_devices, list):
        check.fail("devices", "must be an array of tables ([[devices]])")
        raw_devices = []
    for n, table in enumerate(raw_devices):
        where = f"devices[{n}]"
        if not isinstance(table, dict):
            check.fail(where, "must be a table with at least host")
            continue
        check.unknown_keys(where, table, _DEVICE_KEYS)
        host = check.text(f"{where}.host", table.get("host"), required=True)
        serial = check.text(f"{where}.serial", table.get("serial"))
        if serial is not None and len(serial) > 60:
            check.fail(f"{where}.serial", "must be at most 60 characters")
        devices.append(
            DeviceTarget(
                host=host or "",
                port=_port(check, f"{where}.port", table.get("port"), default_port),
                credentials=_credentials(check, where, table, default_creds),
                profile=profile_of(where, table),
                serial=serial,
            )
        )
    seen: set[tuple[str, int, Credentials]] = set()
    for n, device in enumerate(devices):
        # one address may serve several agents (SNMP proxies, simulators) told apart by
        # community or v3 context; the same address and credentials twice is a mistake
        if (device.host, device.port, device.credentials) in seen:
            check.fail(f"devices[{n}]", f"{device.address} is configured twice")
        seen.add((device.host, device.port, device.credentials))

    subnets: list[Subnet] = []
    raw_subnets = data.get("subnets", [])
    if not isinstance(raw_subnets, list):
        check.fail("subnets", 'must be an array like ["192.168.1.0/28"]')
        raw_subnets = []
    for n, item in enumerate(raw_subnets):
        where = f"subnets[{n}]"
        table = {"cidr": item} if isinstance(item, str) else item
        if not isinstance(table, dict):
            check.fail(where, 'must be "a.b.c.d/nn" or a table with cidr')
            continue
        check.unknown_keys(where, table, _SUBNET_KEYS)
        try:
            network = ipaddress.ip_network(str(table.get("cidr", "")).strip(), strict=False)
        except ValueError:
            check.fail(f"{where}.cidr", f"{table.get('cidr')!r} is not a network like 10.0.0.0/24")
            continue
        if network.num_addresses > MAX_SUBNET_ADDRESSES:
            check.fail(f"{where}.cidr", f"is larger than {MAX_SUBNET_ADDRESSES} addresses")
            continue
        subnets.append(
            Subnet(
                network=network,
                port=_port(check, f"{where}.port", table.get("port"), default_port),
                credentials=_credentials(check, where, table, default_creds),
                profile=profile_of(where, table),
            )
        )
    if not devices and not subnets:
        check.fail("devices", "configure at least one device ([[devices]]) or subnet")
    if check.problems:
        raise ConfigError(check.problems)
    return CollectorConfig(
        url=url.rstrip("/") if url else None,
        api_key=api_key,
        sink=sink,
        spool_dir=_path(base_dir, spool or ""),
        state_file=_path(base_dir, state or ""),
        interval=float(interval),
        concurrency=int(concurrency),
        timeout=float(timeout),
        retries=int(retries),
        profiles=profiles,
        devices=devices,
        subnets=subnets,
    )


def load_config(path: str | Path) -> CollectorConfig:
    """Read and check the TOML file at ``path``.

    Raises:
        ConfigError: The file is missing, is not TOML, or has problems.
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError([f"{path}: no such file"]) from None
    except OSError as exc:
        raise ConfigError([f"{path}: cannot be read ({exc.strerror or exc})"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{path}: not valid TOML ({exc})"]) from None
    try:
        return parse_config(data, path.resolve().parent)
    except ConfigError as exc:
        raise ConfigError([f"{path}: {p}" for p in exc.problems]) from None
