"""Tests of the Reflex page states (handlers called directly)."""
