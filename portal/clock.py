"""The one clock of the portal; tests patch ``portal.clock.now``."""

from datetime import UTC, datetime


def now() -> datetime:
    """Return the current time, timezone-aware UTC."""
    return datetime.now(UTC)
