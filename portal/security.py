"""Password hashing (argon2id through passlib) and one-time tokens.

Every hash and verify runs under a bounded semaphore (``PORTAL_HASH_CONCURRENCY``)
so that a burst of log-ins cannot exhaust the server's memory: each argon2 hash
takes ``memory_cost`` KiB. ``PORTAL_FAST_HASH=1`` switches to cheap parameters
for the test suite only; hashes made with other parameters are upgraded on the
next successful log-in either way.
"""

from __future__ import annotations

import difflib
import hashlib
import logging
import os
import secrets
import threading
from collections.abc import Iterable

from passlib.context import CryptContext

from portal.errors import ValidationFailed
from portal.settings import settings

log = logging.getLogger(__name__)

MAX_PASSWORD_LENGTH = 128
MIN_PASSWORD_LENGTH = 10

PRODUCTION_ARGON2 = {"memory_cost": 19456, "time_cost": 2, "parallelism": 1}
"""OWASP's minimum recommendation for argon2id: 19 MiB, 2 passes, 1 lane."""

FAST_ARGON2 = {"memory_cost": 1024, "time_cost": 1, "parallelism": 1}
"""Cheap parameters for tests; never use them in production."""

_COMMON_PASSWORDS = frozenset(
    {
        "password",
        "password1",
        "password12",
        "password123",
        "password1234",
        "passw0rd123",
        "contraseña",
        "contrasena",
        "contraseña1",
        "contrasena1",
        "contraseña123",
        "contrasena123",
        "passwort",
        "passwort1",
        "passwort123",
        "qwertyuiop",
        "qwertzuiop",
        "qwerty1234",
        "qwerty12345",
        "qwerty123456",
        "asdfghjkl1",
        "1q2w3e4r5t",
        "1qaz2wsx3edc",
        "iloveyou12",
        "letmein123",
        "welcome123",
        "bienvenido",
        "bienvenido1",
        "willkommen",
        "willkommen1",
        "administrator",
        "admin12345",
        "changeme123",
        "superman123",
        "football123",
        "dragon1234",
        "sunshine12",
        "baseball12",
        "trustno1234",
        "monkey1234",
    }
)
_SEQUENCES = (
    "abcdefghijklmnopqrstuvwxyz",
    "01234567890",
    "qwertyuiopasdfghjklzxcvbnm",
    "qwertzuiopasdfghjklyxcvbnm",
    "azertyuiopqsdfghjklmwxcvbn",
)


def make_context(*, memory_cost: int, time_cost: int, parallelism: int = 1) -> CryptContext:
    """A passlib context hashing with argon2id at the given cost.

    Args:
        memory_cost: Memory per hash in KiB.
        time_cost: Number of passes.
        parallelism: Number of lanes.
    """
    return CryptContext(
        schemes=["argon2"],
        argon2__type="ID",
        argon2__memory_cost=memory_cost,
        argon2__time_cost=time_cost,
        argon2__parallelism=parallelism,
    )


def _fast_from_env() -> bool:
    return os.environ.get("PORTAL_FAST_HASH", "").strip().lower() in {"1", "true", "yes", "on"}


_context: CryptContext = make_context(**(FAST_ARGON2 if _fast_from_env() else PRODUCTION_ARGON2))
_dummy_hash: str | None = None
_hash_slots = threading.BoundedSemaphore(max(1, settings.hash_concurrency))
_dummy_lock = threading.Lock()

if _fast_from_env():
    log.warning("PORTAL_FAST_HASH is set: passwords are hashed with test-only parameters")


def configure_for_tests(fast: bool = True) -> None:
    """Switch to cheap (``fast=True``) or production argon2 parameters.

    Meant for test fixtures; ``PORTAL_FAST_HASH=1`` does the same at import time.
    """
    use_context(make_context(**(FAST_ARGON2 if fast else PRODUCTION_ARGON2)))


def use_context(context: CryptContext) -> None:
    """Hash and verify with ``context`` from now on (tests use it to age hashes)."""
    global _context, _dummy_hash
    with _dummy_lock:
        _context = context
        _dummy_hash = None


def current_context() -> CryptContext:
    """The passlib context in use."""
    return _context


def _refuse_overlong(password: str) -> None:
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationFailed({"password": "error.password_too_long"})


def hash_password(password: str) -> str:
    """Hash ``password`` with the current argon2id parameters.

    Raises:
        ValidationFailed: the password is longer than ``MAX_PASSWORD_LENGTH``;
            it is refused before any hashing work.
    """
    _refuse_overlong(password)
    with _hash_slots:
        return _context.hash(password)


def verify_password(password: str, password_hash: str) -> tuple[bool, str | None]:
    """Check ``password`` against a stored hash.

    Returns:
        ``(ok, new_hash)``: ``new_hash`` is a fresh hash when ``ok`` and the
        stored one was made with outdated parameters, else None.

    Raises:
        ValidationFailed: the password is longer than ``MAX_PASSWORD_LENGTH``.
    """
    _refuse_overlong(password)
    with _hash_slots:
        try:
            return _context.verify_and_update(password, password_hash)
        except (ValueError, TypeError):
            # An unreadable stored hash must not turn a log-in into a server error.
            log.warning("unreadable password hash")
            return False, None


def dummy_verify() -> None:
    """Spend the time of one verify, so unknown e-mails answer as slowly as known ones."""
    global _dummy_hash
    with _dummy_lock:
        if _dummy_hash is None:
            with _hash_slots:
                _dummy_hash = _context.hash(secrets.token_urlsafe(16))
        dummy = _dummy_hash
    with _hash_slots:
        _context.verify("not the password", dummy)


def password_problem(password: str, *, user_inputs: Iterable[str] = ()) -> str | None:
    """Why ``password`` is not acceptable, as a message key, or None when it is.

    The rules follow NIST SP 800-63B rather than composition rules: at least
    ``MIN_PASSWORD_LENGTH`` characters, at most ``MAX_PASSWORD_LENGTH``, not only
    digits, not a run of a few repeated characters or a keyboard/alphabet
    sequence, not a well-known password, and not close to the user's own
    e-mail or name.

    Args:
        password: The candidate password, exactly as typed.
        user_inputs: The user's e-mail, names … that the password must not resemble.
    """
    if len(password) > MAX_PASSWORD_LENGTH:
        return "error.password_too_long"
    if len(password) < MIN_PASSWORD_LENGTH:
        return "error.password_too_short"
    lowered = password.lower()
    if password.isdigit() or len(set(lowered)) < 4:
        return "error.password_too_simple"
    if lowered in _COMMON_PASSWORDS:
        return "error.password_too_simple"
    if any(lowered in seq or lowered in seq[::-1] for seq in _SEQUENCES):
        return "error.password_too_simple"
    for value in user_inputs:
        value = (value or "").strip().lower()
        if len(value) < 3:
            continue
        parts = {value, value.split("@", 1)[0]}
        for part in parts:
            if len(part) < 3:
                continue
            contains = len(part) >= MIN_PASSWORD_LENGTH - 2 and part in lowered
            similar = difflib.SequenceMatcher(a=lowered, b=part).ratio() >= 0.7
            if part == lowered or contains or similar:
                return "error.password_too_similar"
    return None


def hash_token(raw: str) -> str:
    """The SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def new_token() -> tuple[str, str]:
    """A new random token: ``(raw, sha256_hex)``; only the hash is stored."""
    raw = secrets.token_urlsafe(32)
    return raw, hash_token(raw)
