"""No generated setter, and no setter at all for a var that carries identity, scope or rights.

Reflex 0.10 generates ``set_<var>`` handlers only with ``state_auto_setters=True``;
``setvar(name, value)`` (on every state) calls whatever ``set_<name>`` exists. So
the one question is which ``set_*`` handlers the portal's states have.
"""

from __future__ import annotations

import re

import pytest
from reflex.state import EventHandlerSetVar
from reflex_base.config import get_config
from reflex_base.registry import RegistrationContext

import portal.portal  # noqa: F401  (registers every state)

GUARDED = re.compile(
    r"(^|_)(id|ids|token|role|roles|signed_in|admin|allowed|denied|can_\w+|is_\w+|"
    r"organisation\w*|user\w*|email|scope|permissions?|actor)$|^_"
)

# Setters whose var only looks guarded, each checked by hand.
VETTED = {
    # A filter value: the audit service scopes every query to the actor's organisation.
    "AuditState.set_user_filter",
}


def _portal_states():
    states = RegistrationContext.get().base_states.values()
    return [s for s in states if s.__module__.startswith("portal.")]


def _setters(state):
    return {
        name: handler
        for name, handler in state.event_handlers.items()
        if name.startswith("set_") and name != "setvar"
    }


def test_reflex_generates_no_setters():
    assert get_config().state_auto_setters is False


def test_every_setter_is_written_by_hand_in_the_portal():
    states = _portal_states()
    assert len(states) > 20
    for state in states:
        for name, handler in _setters(state).items():
            assert handler.fn.__module__.startswith("portal."), f"{state.__name__}.{name}"


def test_no_setter_can_change_an_id_role_or_scope_var():
    offenders = []
    for state in _portal_states():
        state_vars = set(state.vars) | set(state.__fields__)
        for name in _setters(state):
            var = name.removeprefix("set_")
            vetted = f"{state.__name__}.{name}" in VETTED
            if var in state_vars and GUARDED.search(var) and not vetted:
                offenders.append(f"{state.__name__}.{name}")
    assert offenders == []


@pytest.mark.parametrize("var", ["session_token", "signed_in", "roles", "user_email", "_user_id"])
def test_setvar_cannot_reach_guarded_vars(var):
    for state in _portal_states():
        instance = state(_reflex_internal_init=True)
        with pytest.raises((AttributeError, TypeError)):
            EventHandlerSetVar.setvar(instance, var, ["administrator"])
