"""G6 by configuration only: the same build on PostgreSQL with Redis holding the state.

Runs whenever PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) answer, as in CI.
"""

from __future__ import annotations

import shutil
import socket
import uuid

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, login

pytestmark = pytest.mark.e2e

PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"


def _answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), 2).close()
    except OSError:
        return False
    return True


@pytest.fixture(scope="module")
def scaled_portal(tmp_path_factory):
    if not (_answers(5432) and _answers(6379)):
        pytest.skip("PostgreSQL and Redis are not running on 127.0.0.1")
    from tests.e2e.conftest import running_portal

    name = f"portal_e2e_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(f"{PG_SERVER}/test", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    redis_db = 7
    data_dir = tmp_path_factory.mktemp("scaled-data")
    web_dir = tmp_path_factory.mktemp("scaled-web") / ".web"
    if (ROOT / ".web" / "node_modules").exists():
        # Start from the installed front-end packages instead of a fresh npm install.
        shutil.copytree(ROOT / ".web", web_dir, symlinks=True)
    env = {
        "PORTAL_DATABASE_URL": f"{PG_SERVER}/{name}",
        "REFLEX_REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}",
    }
    try:
        with running_portal(data_dir, extra_env=env, web_dir=str(web_dir)) as url:
            yield {"url": url, "db_url": env["PORTAL_DATABASE_URL"], "redis_db": redis_db}
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_portal_runs_on_postgresql_with_state_in_redis(browser, scaled_portal):
    import redis

    context = browser.new_context(base_url=scaled_portal["url"])
    page = context.new_page()
    page.set_default_timeout(20000)
    login(page, "admin@demo.example")
    expect(page.locator("#home-product-count")).to_have_text("48")

    engine = sa.create_engine(scaled_portal["db_url"])
    with engine.connect() as conn:
        sessions = conn.execute(sa.text('SELECT count(*) FROM "usersession"')).scalar_one()
    engine.dispose()
    assert sessions >= 1

    keys = redis.Redis(host="127.0.0.1", port=6379, db=scaled_portal["redis_db"]).keys("*")
    assert keys, "Reflex kept no state in Redis"
    context.close()
