"""Pages: accounts."""

import reflex as rx


def register(app: rx.App) -> None:
    """Add this module's pages to the app."""
