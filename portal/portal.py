"""The Reflex app: pages and lifespan tasks."""

import reflex as rx

import portal.models  # noqa: F401  (tables for Reflex's schema check)
from portal import logs, routes
from portal.api import create_api
from portal.http_guard import PortalGuard
from portal.pages import (
    accounts,
    api_keys,
    audit,
    auth,
    bulk_readings,
    dashboards,
    desk,
    groups,
    home,
    invite,
    knowledge,
    orders,
    product,
    products,
    profile,
    readings,
    service,
    stock,
    ticket,
    users,
)
from portal.pages import requests as request_pages
from portal.services import capture, digest, index_writer, mail, reminders, toner_alerts
from portal.settings import settings
from portal.state.auth import AuthState
from portal.state.home import HomeState
from portal.state.public import ForgotState, LoginState, RegisterState, TokenPasswordState

logs.configure(settings.log_format)
logs.limit_message_length()
app = rx.App(
    head_components=[rx.el.link(rel="icon", href="/logo.svg")],
    # The REST API and /health answer first; every other path falls through to the portal.
    # PortalGuard wraps both: security headers, page CSP, the upload endpoint's checks.
    api_transformer=[create_api(), PortalGuard],
)
app.register_lifespan_task(mail.run_dispatcher)
app.register_lifespan_task(digest.run_daily_digest)
app.register_lifespan_task(toner_alerts.run_low_toner_checks)
app.register_lifespan_task(index_writer.run_index_maintenance)
app.register_lifespan_task(reminders.run_daily_readings_jobs)
app.register_lifespan_task(capture.run_not_reporting_checks)

app.add_page(auth.login_page, route=routes.LOGIN, title="Portal", on_load=LoginState.on_load)
app.add_page(
    auth.register_page, route=routes.REGISTER, title="Portal", on_load=RegisterState.on_load
)
app.add_page(
    auth.set_password_page,
    route=routes.ACTIVATE,
    title="Portal",
    on_load=TokenPasswordState.on_load,
)
app.add_page(
    auth.set_password_page, route=routes.RESET, title="Portal", on_load=TokenPasswordState.on_load
)
app.add_page(auth.forgot_page, route=routes.FORGOT, title="Portal", on_load=ForgotState.on_load)
app.add_page(
    home.home_page,
    route=routes.HOME,
    title="Portal",
    on_load=HomeState.load,
)
app.add_page(home.help_page, route=routes.HELP, title="Portal", on_load=AuthState.refresh)
app.add_page(home.not_found_page, route="404", title="Portal")
users.register(app)
invite.register(app)
products.register(app)
product.register(app)
accounts.register(app)
groups.register(app)
audit.register(app)
request_pages.register(app)
service.register(app)
ticket.register(app)
desk.register(app)
profile.register(app)
stock.register(app)
orders.register(app)
knowledge.register(app)
bulk_readings.register(app)
readings.register(app)
api_keys.register(app)
dashboards.register(app)
