"""Fixtures of the state-handler tests: the states' database and who is signed in."""

from __future__ import annotations

import pytest

from portal.state.auth import AuthState


@pytest.fixture
def db(engine, monkeypatch):
    """Every ``session_scope()`` of the states opens the test database."""
    monkeypatch.setattr("portal.db.get_engine", lambda: engine)
    return engine


@pytest.fixture
def act_as(monkeypatch):
    """``act_as(user)``: every state's ``_actor`` returns that user (or None)."""

    def use(user):
        def actor(self, session):
            return None if user is None else session.get(type(user), user.id)

        monkeypatch.setattr(AuthState, "_actor", actor)

    return use
