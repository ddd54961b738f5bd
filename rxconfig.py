"""Reflex configuration; every value comes from portal.settings."""

import reflex as rx

from portal import serving
from portal.settings import settings

serving.apply(settings)


def _origins(base_url: str) -> list[str]:
    """The portal's own origin; on localhost also its 127.0.0.1 twin."""
    origins = [base_url]
    if "//localhost" in base_url:
        origins.append(base_url.replace("//localhost", "//127.0.0.1"))
    return origins


config = rx.Config(
    app_name="portal",
    db_url=settings.database_url,
    redis_url=settings.redis_url,
    state_manager_mode="redis" if settings.redis_url else "disk",
    # The browser reaches the backend at the portal's public address (one port, one origin).
    api_url=settings.base_url,
    deploy_url=settings.base_url,
    cors_allowed_origins=_origins(settings.base_url),
    show_built_with_reflex=False,
    telemetry_enabled=False,
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color="blue", gray_color="slate", radius="medium")
        )
    ],
    disable_plugins=[rx.plugins.sitemap.SitemapPlugin],
)
