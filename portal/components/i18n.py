"""Translated text in components."""

import reflex as rx

from portal.state.auth import AuthState


def t(key: str) -> rx.Var:
    """The message ``key`` in the tab's current language."""
    return AuthState.tr[key]
