"""Rate limits of the public forms: log-in, registration and password reset (SPEC A4).

Sliding windows keyed by what is limited (``("login-ip", ip)``,
``("login-account", email)`` …). The key of an account is the address as typed,
normalised, whether or not an account has it: a limit never tells a visitor which
addresses exist.

With one worker the windows live in its memory (``RateLimiter``). With Redis
(``REFLEX_REDIS_URL``, as when several workers run) they live there, one sorted set
of hit times per key that expires with its window (``RedisRateLimiter``), so every
worker counts against the same limit. Should Redis not answer, a worker falls back
to its own memory rather than refusing or waving through every log-in. The
per-account lock-out in the database (``PORTAL_LOCKOUT_THRESHOLD``) holds either way.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Protocol

from redis import Redis, RedisError
from redis.backoff import NoBackoff
from redis.retry import Retry

from portal.settings import Settings, settings

log = logging.getLogger(__name__)


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
RETRY_AFTER = 30
"""Seconds a limiter counts in memory after Redis did not answer, before it asks again."""
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


class Limiter(Protocol):
    """What the forms need of a limiter."""

    def exceeded(self, key: Hashable, limit: Limit) -> bool: ...

    def hit(self, key: Hashable, limit: Limit) -> bool: ...

    def reset(self) -> None: ...


# Drop the hits that left the window, refuse when it is full, else count this one
# and keep the key for as long as its newest hit counts: atomic in Redis.
_HIT_SCRIPT = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], math.ceil(ARGV[2] * 1000))
return 1
"""


class RedisRateLimiter:
    """The same sliding windows in Redis, shared by every worker that uses it."""

    PREFIX = "portal:rate:"

    def __init__(
        self,
        client: Redis,
        *,
        clock: Callable[[], float] = time.time,
        prefix: str = PREFIX,
        fallback: RateLimiter | None = None,
    ):
        self._client = client
        self._clock = clock
        self._prefix = prefix
        self._script = client.register_script(_HIT_SCRIPT)
        self._fallback = fallback or RateLimiter(clock=clock)
        self._down_until = 0.0

    def _name(self, key: Hashable) -> str:
        parts = key if isinstance(key, tuple) else (key,)
        return self._prefix + "\x1f".join(str(part) for part in parts)

    def _up(self) -> bool:
        return time.monotonic() >= self._down_until

    def _unavailable(self, error: Exception) -> None:
        """Count in memory for ``RETRY_AFTER`` seconds: no form waits for a dead Redis."""
        log.warning(
            "rate limits: Redis does not answer (%s); counting in memory for %d s",
            error,
            RETRY_AFTER,
        )
        self._down_until = time.monotonic() + RETRY_AFTER

    def exceeded(self, key: Hashable, limit: Limit) -> bool:
        """Whether ``key`` has used up ``limit`` (nothing is counted)."""
        if not self._up():
            return self._fallback.exceeded(key, limit)
        now = self._clock()
        try:
            count = self._client.zcount(self._name(key), f"({now - limit.seconds}", "+inf")
        except RedisError as error:
            self._unavailable(error)
            return self._fallback.exceeded(key, limit)
        return int(count) >= limit.count

    def hit(self, key: Hashable, limit: Limit) -> bool:
        """Count one hit of ``key``; False (and not counted) when the limit is used up."""
        if not self._up():
            return self._fallback.hit(key, limit)
        now = self._clock()
        member = f"{now}:{uuid.uuid4().hex}"
        try:
            counted = self._script(
                keys=[self._name(key)], args=[now, limit.seconds, limit.count, member]
            )
        except RedisError as error:
            self._unavailable(error)
            return self._fallback.hit(key, limit)
        return bool(int(counted))

    def reset(self) -> None:
        """Forget every window under this limiter's prefix (tests)."""
        names = list(self._client.scan_iter(match=f"{self._prefix}*", count=500))
        if names:
            self._client.delete(*names)
        self._fallback.reset()


def make_limiter(config: Settings) -> Limiter:
    """The limiter of this configuration: in Redis when one is configured, else in memory."""
    if not config.redis_url:
        return RateLimiter()
    return RedisRateLimiter(redis_client(config.redis_url))


def redis_client(url: str) -> Redis:
    """A client that gives up after one second and does not retry (a form is waiting)."""
    return Redis.from_url(
        url, socket_timeout=1, socket_connect_timeout=1, retry=Retry(NoBackoff(), 0)
    )


limiter: Limiter = make_limiter(settings)


def _account_key(email: str) -> str:
    return (email or "").strip().lower()[:254]


def login_allowed(*, ip: str, email: str, rates: Limiter | None = None) -> bool:
    """Whether a log-in may be tried now from ``ip`` for ``email``."""
    rates = rates or limiter
    return not (
        rates.exceeded(("login-ip", ip), LOGIN_FAILURES_PER_IP)
        or rates.exceeded(("login-account", _account_key(email)), LOGIN_FAILURES_PER_ACCOUNT)
    )


def login_failed(*, ip: str, email: str, rates: Limiter | None = None) -> None:
    """Count a failed log-in against the address and the account."""
    rates = rates or limiter
    rates.hit(("login-ip", ip), LOGIN_FAILURES_PER_IP)
    rates.hit(("login-account", _account_key(email)), LOGIN_FAILURES_PER_ACCOUNT)


def registration_allowed(*, ip: str, rates: Limiter | None = None) -> bool:
    """Count one registration attempt from ``ip``; False when too many."""
    return (rates or limiter).hit(("register-ip", ip), REGISTRATIONS_PER_IP)


def reset_request_allowed(*, ip: str, email: str, rates: Limiter | None = None) -> bool:
    """Count one reset request; False when the address or the account asked too often.

    The caller answers a refused request exactly like a granted one (no e-mail
    is sent), so neither mail bombing nor enumeration works through the form.
    """
    rates = rates or limiter
    by_ip = rates.hit(("reset-ip", ip), RESET_REQUESTS_PER_IP)
    by_account = rates.hit(("reset-account", _account_key(email)), RESET_REQUESTS_PER_ACCOUNT)
    return by_ip and by_account
