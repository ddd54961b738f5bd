"""Password hashing, password rules and tokens (portal.security)."""

from __future__ import annotations

import threading
import time

import pytest

from portal import security
from portal.errors import ValidationFailed
from portal.settings import settings


@pytest.fixture(autouse=True)
def fast_hashing():
    """Hash with cheap parameters during the test, whatever the environment says."""
    previous = security.current_context()
    security.configure_for_tests()
    yield
    security.use_context(previous)


class _NoHashing:
    """A context that fails the test if any hashing work is attempted."""

    def hash(self, *_args, **_kwargs):
        raise AssertionError("hashed")

    def verify(self, *_args, **_kwargs):
        raise AssertionError("verified")

    def verify_and_update(self, *_args, **_kwargs):
        raise AssertionError("verified")


def test_hash_and_verify_round_trip():
    stored = security.hash_password("correct horse battery")
    assert stored.startswith("$argon2id$")
    assert security.verify_password("correct horse battery", stored) == (True, None)
    assert security.verify_password("correct horse batterY", stored) == (False, None)


def test_production_parameters_meet_the_argon2id_minimum():
    params = security.PRODUCTION_ARGON2
    assert params["memory_cost"] >= 19456
    assert params["time_cost"] >= 2
    assert params["parallelism"] == 1
    context = security.make_context(**params)
    assert context.hash("correct horse battery").startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_hash_made_with_old_parameters_is_upgraded_on_verify():
    old = security.make_context(memory_cost=512, time_cost=1).hash("correct horse battery")
    ok, new_hash = security.verify_password("correct horse battery", old)
    assert ok
    assert new_hash is not None and new_hash != old
    assert "$m=1024,t=1,p=1$" in new_hash
    assert security.verify_password("correct horse battery", new_hash) == (True, None)


def test_wrong_password_against_old_hash_gives_no_new_hash():
    old = security.make_context(memory_cost=512, time_cost=1).hash("correct horse battery")
    assert security.verify_password("wrong horse battery", old) == (False, None)


def test_unreadable_stored_hash_is_a_failed_verify_not_an_error():
    assert security.verify_password("correct horse battery", "not-a-hash") == (False, None)


def test_overlong_password_is_refused_before_any_hashing():
    security.use_context(_NoHashing())
    too_long = "x" * (security.MAX_PASSWORD_LENGTH + 1)
    with pytest.raises(ValidationFailed) as hashed:
        security.hash_password(too_long)
    assert hashed.value.errors == {"password": "error.password_too_long"}
    with pytest.raises(ValidationFailed) as verified:
        security.verify_password(too_long, "$argon2id$whatever")
    assert verified.value.errors == {"password": "error.password_too_long"}


def test_password_of_maximum_length_is_accepted():
    longest = "Ab1-" * (security.MAX_PASSWORD_LENGTH // 4)
    assert len(longest) == security.MAX_PASSWORD_LENGTH
    assert security.verify_password(longest, security.hash_password(longest))[0]


def test_dummy_verify_does_one_verify():
    calls = []
    real = security.current_context()

    class Counting:
        def hash(self, secret):
            return real.hash(secret)

        def verify(self, secret, stored):
            calls.append(stored)
            return real.verify(secret, stored)

    security.use_context(Counting())
    security.dummy_verify()
    security.dummy_verify()
    assert len(calls) == 2


def test_hashing_never_runs_more_than_the_configured_concurrency():
    running = 0
    peak = 0
    lock = threading.Lock()

    class Slow:
        def hash(self, _secret):
            nonlocal running, peak
            with lock:
                running += 1
                peak = max(peak, running)
            time.sleep(0.05)
            with lock:
                running -= 1
            return "$argon2id$fake"

    security.use_context(Slow())
    threads = [
        threading.Thread(target=security.hash_password, args=("correct horse battery",))
        for _ in range(settings.hash_concurrency * 2 + 1)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert 1 <= peak <= settings.hash_concurrency


@pytest.mark.parametrize(
    ("password", "key"),
    [
        ("", "error.password_too_short"),
        ("Short1!", "error.password_too_short"),
        ("x" * 129, "error.password_too_long"),
        ("12345678901234", "error.password_too_simple"),
        ("aaaaaaaaaaaa", "error.password_too_simple"),
        ("abababababab", "error.password_too_simple"),
        ("Password123", "error.password_too_simple"),
        ("Contraseña123", "error.password_too_simple"),
        ("abcdefghijkl", "error.password_too_simple"),
        ("qwertyuiop", "error.password_too_simple"),
    ],
)
def test_password_problem_refuses_weak_passwords(password, key):
    assert security.password_problem(password) == key


@pytest.mark.parametrize(
    "password",
    ["correct horse battery", "Sonnenblume-Tisch-7", "mi perro se llama Trueno", "ñandú y cóndor"],
)
def test_password_problem_accepts_reasonable_passwords(password):
    assert security.password_problem(password) is None


def test_password_must_not_resemble_the_users_email_or_name():
    inputs = ("maria.garcia@example.com", "María", "García")
    assert security.password_problem("maria.garcia2024", user_inputs=inputs) == (
        "error.password_too_similar"
    )
    assert security.password_problem("maria.garcia@example.com", user_inputs=inputs) == (
        "error.password_too_similar"
    )
    assert security.password_problem("correct horse battery", user_inputs=inputs) is None


def test_tokens_are_random_and_stored_as_sha256():
    raw, digest = security.new_token()
    other_raw, _ = security.new_token()
    assert raw != other_raw
    assert len(raw) >= 43
    assert digest == security.hash_token(raw)
    assert len(digest) == 64 and raw not in digest
    assert security.hash_token(raw + "x") != digest
