"""Every environment variable the portal reads, read once, typed and documented.

| Variable | Default | Meaning |
| --- | --- | --- |
| PORTAL_DATA_DIR | ./data | Directory for the SQLite file, the knowledge index and .eml mail |
| PORTAL_DATABASE_URL | sqlite:///<data dir>/portal.db | SQLAlchemy URL; PostgreSQL in production |
| PORTAL_PORT | 8000 | Port of `make run` (frontend and backend on one port) |
| PORTAL_BASE_URL | http://localhost:<PORTAL_PORT> | Public address, used in e-mail links and CORS |
| PORTAL_SMTP_URL | (unset) | smtp://user:pass@host:port or smtps://...; unset writes .eml files |
| PORTAL_MAIL_FROM | portal@localhost | Sender address of the portal's e-mail |
| REFLEX_REDIS_URL | (unset) | Redis for Reflex's state when running several workers |
| PORTAL_WORKERS | 1; 2 × CPUs + 1 with Redis | Workers; above 1 (or GRANIAN_WORKERS) needs Redis |
| PORTAL_PROVIDER_NAME | Acme Print Services | Provider's name in header and e-mail |
| PORTAL_SUPPORT_PHONE | +34 900 000 000 | Provider's support phone on the help page |
| PORTAL_SUPPORT_EMAIL | support@provider.example | Provider's support e-mail on the help page |
| PORTAL_DOWNLOAD_CENTRE_URL | https://downloads.provider.example | Drivers, manuals and firmware |
| PORTAL_LOGO_URL | /logo.svg | Logo shown in the header |
| PORTAL_DEMO | 1 | 1 seeds demo data into an empty database on start; 0 starts empty |
| PORTAL_DEMO_PASSWORD | (random) | Password of the demo logins; printed at start |
| PORTAL_SESSION_IDLE_MINUTES | 30 | A session ends after this long without activity |
| PORTAL_LOCKOUT_THRESHOLD | 5 | Failed log-ins in a row before the account locks |
| PORTAL_LOCKOUT_MINUTES | 15 | How long the lock lasts |
| PORTAL_HASH_CONCURRENCY | 4 | Password hashes that may run at once |
| PORTAL_LOG_FORMAT | text | `json` writes one JSON object per log line (for log collectors) |
| PORTAL_API_RATE_LIMIT | 120 | REST API calls allowed per key and minute |
| PORTAL_API_MAX_BODY_KB | 5120 | Largest REST API request body, in KiB |
| PORTAL_FAST_HASH | 0 | Tests only: cheap argon2 parameters (read by portal.security) |
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _workers(env: dict[str, str]) -> int | None:
    """PORTAL_WORKERS as a count, or None for Reflex's choice.

    Several workers share Reflex's state only through Redis: without it they would
    each keep their own, lose sessions and drop the results of uploads that reach
    another worker than the tab's websocket, so the count is refused. Granian's own
    GRANIAN_WORKERS, which Reflex reads when PORTAL_WORKERS is unset, is held to the
    same rule.
    """
    redis = bool(env.get("REFLEX_REDIS_URL"))
    for name in ("PORTAL_WORKERS", "GRANIAN_WORKERS"):
        raw = (env.get(name) or "").strip()
        if not raw:
            continue
        workers = int(raw)
        if workers < 1:
            msg = f"{name} must be at least 1, not {workers}"
            raise ValueError(msg)
        if workers > 1 and not redis:
            msg = f"{name} above 1 needs REFLEX_REDIS_URL (the workers share state in Redis)"
            raise ValueError(msg)
        return workers if name == "PORTAL_WORKERS" else None
    return None


@dataclass(frozen=True)
class Settings:
    """The portal's configuration, built from the environment."""

    data_dir: Path
    database_url: str
    port: int
    base_url: str
    smtp_url: str | None
    mail_from: str
    redis_url: str | None
    workers: int | None
    provider_name: str
    support_phone: str
    support_email: str
    download_centre_url: str
    logo_url: str
    demo: bool
    demo_password: str | None
    session_idle_minutes: int
    lockout_threshold: int
    lockout_minutes: int
    hash_concurrency: int
    log_format: str
    api_rate_limit: int
    api_max_body_bytes: int

    @property
    def outbox_dir(self) -> Path:
        """Where .eml files go when no SMTP server is configured."""
        return self.data_dir / "mail"

    @property
    def index_dir(self) -> Path:
        """Where the knowledge index lives."""
        return self.data_dir / "knowledge_index"


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Read the settings from ``env`` (default: the process environment)."""
    env = dict(os.environ if env is None else env)
    data_dir = Path(env.get("PORTAL_DATA_DIR") or "data").resolve()
    port = int(env.get("PORTAL_PORT") or 8000)
    return Settings(
        data_dir=data_dir,
        database_url=env.get("PORTAL_DATABASE_URL") or f"sqlite:///{data_dir / 'portal.db'}",
        port=port,
        base_url=(env.get("PORTAL_BASE_URL") or f"http://localhost:{port}").rstrip("/"),
        smtp_url=env.get("PORTAL_SMTP_URL") or None,
        mail_from=env.get("PORTAL_MAIL_FROM") or "portal@localhost",
        redis_url=env.get("REFLEX_REDIS_URL") or None,
        workers=_workers(env),
        provider_name=env.get("PORTAL_PROVIDER_NAME") or "Acme Print Services",
        support_phone=env.get("PORTAL_SUPPORT_PHONE") or "+34 900 000 000",
        support_email=env.get("PORTAL_SUPPORT_EMAIL") or "support@provider.example",
        download_centre_url=env.get("PORTAL_DOWNLOAD_CENTRE_URL")
        or "https://downloads.provider.example",
        logo_url=env.get("PORTAL_LOGO_URL") or "/logo.svg",
        demo=_bool(env.get("PORTAL_DEMO"), True),
        demo_password=env.get("PORTAL_DEMO_PASSWORD") or None,
        session_idle_minutes=int(env.get("PORTAL_SESSION_IDLE_MINUTES") or 30),
        lockout_threshold=int(env.get("PORTAL_LOCKOUT_THRESHOLD") or 5),
        lockout_minutes=int(env.get("PORTAL_LOCKOUT_MINUTES") or 15),
        hash_concurrency=int(env.get("PORTAL_HASH_CONCURRENCY") or 4),
        log_format="json" if (env.get("PORTAL_LOG_FORMAT") or "").lower() == "json" else "text",
        api_rate_limit=max(1, int(env.get("PORTAL_API_RATE_LIMIT") or 120)),
        api_max_body_bytes=max(1, int(env.get("PORTAL_API_MAX_BODY_KB") or 5120)) * 1024,
    )


settings = load_settings()
