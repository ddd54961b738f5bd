"""Rate limits of the public forms: log-in, registration and password reset (SPEC A4).

Sliding windows kept in the worker's memory, keyed by what is limited
(``("login-ip", ip)``, ``("login-account", email)`` …). The key of an account
is the address as typed, normalised, whether or not an account has it: a
limit never tells a visitor which addresses exist.

With several workers each keeps its own windows, so the effective limit is the
per-worker limit times the number of workers; the per-account lock-out in the
database (``PORTAL_LOCKOUT_THRESHOLD``) holds across workers either way.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    """At most ``count`` hits within ``seconds``."""

    count: int
    seconds: float


LOGIN_FAILURES_PER_IP = Limit(30, 15 * 60)
LOGIN_FAILURES_PER_ACCOUNT = Limit(10, 15 * 60)
REGISTRATIONS_PER_IP = Limit(20, 60 * 60)
RESET_REQUESTS_PER_IP = Limit(20, 60 * 60)
RESET_REQUESTS_PER_ACCOUNT = Limit(3, 60 * 60)
MAX_KEYS = 50_000
"""Windows kept at most; the least recently used go first (a flood of keys cannot fill memory)."""


class RateLimiter:
    """Sliding-window counters, safe to share between threads."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, max_keys: int = MAX_KEYS):
        self._clock = clock
        self._max_keys = max_keys
        self._hits: OrderedDict[Hashable, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _window(self, key: Hashable, limit: Limit, now: float) -> deque[float]:
        hits = self._hits.get(key)
        if hits is None:
            hits = self._hits[key] = deque()
            while len(self._hits) > self._max_keys:
                self._hits.popitem(last=False)
        else:
            self._hits.move_to_end(key)
        while hits and hits[0] <= now - limit.seconds:
            hits.popleft()
        return hits

    def exceeded(self, key: Hashable, limit: Limit) -> bool:
        """Whether ``key`` has used up ``limit`` (nothing is counted)."""
        with self._lock:
            return len(self._window(key, limit, self._clock())) >= limit.count

    def hit(self, key: Hashable, limit: Limit) -> bool:
        """Count one hit of ``key``; False (and not counted) when the limit is used up."""
        with self._lock:
            now = self._clock()
            hits = self._window(key, limit, now)
            if len(hits) >= limit.count:
                return False
            hits.append(now)
            return True

    def reset(self) -> None:
        """Forget every window (tests)."""
        with self._lock:
            self._hits.clear()


limiter = RateLimiter()


def _account_key(email: str) -> str:
    return (email or "").strip().lower()[:254]


def login_allowed(*, ip: str, email: str, rates: RateLimiter | None = None) -> bool:
    """Whether a log-in may be tried now from ``ip`` for ``email``."""
    rates = rates or limiter
    return not (
        rates.exceeded(("login-ip", ip), LOGIN_FAILURES_PER_IP)
        or rates.exceeded(("login-account", _account_key(email)), LOGIN_FAILURES_PER_ACCOUNT)
    )


def login_failed(*, ip: str, email: str, rates: RateLimiter | None = None) -> None:
    """Count a failed log-in against the address and the account."""
    rates = rates or limiter
    rates.hit(("login-ip", ip), LOGIN_FAILURES_PER_IP)
    rates.hit(("login-account", _account_key(email)), LOGIN_FAILURES_PER_ACCOUNT)


def registration_allowed(*, ip: str, rates: RateLimiter | None = None) -> bool:
    """Count one registration attempt from ``ip``; False when too many."""
    return (rates or limiter).hit(("register-ip", ip), REGISTRATIONS_PER_IP)


def reset_request_allowed(*, ip: str, email: str, rates: RateLimiter | None = None) -> bool:
    """Count one reset request; False when the address or the account asked too often.

    The caller answers a refused request exactly like a granted one (no e-mail
    is sent), so neither mail bombing nor enumeration works through the form.
    """
    rates = rates or limiter
    by_ip = rates.hit(("reset-ip", ip), RESET_REQUESTS_PER_IP)
    by_account = rates.hit(("reset-account", _account_key(email)), RESET_REQUESTS_PER_ACCOUNT)
    return by_ip and by_account
