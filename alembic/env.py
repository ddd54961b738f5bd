"""Alembic environment: the portal's SQLModel metadata and configured database."""

from alembic import context
from sqlmodel import SQLModel

import portal.models  # noqa: F401  (registers the tables)
from portal.db import make_engine
from portal.settings import settings

config = context.config
target_metadata = SQLModel.metadata


def render_item(type_, obj, autogen_context):
    """Render the portal's UTCDateTime as a plain timezone-aware DateTime."""
    if type_ == "type" and isinstance(obj, portal.models.UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations_offline() -> None:
    url = config.get_main_option("sqlalchemy.url") or settings.database_url
    context.configure(
        url=url, target_metadata=target_metadata, render_as_batch=True, render_item=render_item
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url") or settings.database_url
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            render_item=render_item,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
