"""Pages: product."""

import reflex as rx


def register(app: rx.App) -> None:
    """Add this module's pages to the app."""
