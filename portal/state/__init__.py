"""Reflex states: one small state per page, all inheriting AuthState."""
