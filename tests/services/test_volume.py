"""Print volume kept with the readings (portal.volume): pages per reading and per account-month.

The dashboards read whole accounts from the monthly sums and products from the
readings' pages, so every way readings change must leave both right.
"""

from __future__ import annotations

import sqlite3
from datetime import date

import sqlalchemy as sa
from sqlmodel import select

from portal import volume
from portal.db import migrate
from portal.models import AccountVolume, MeterReading, Role
from portal.services.dashboards import DashboardFilters, print_volume
from tests.factories import make_account, make_model, make_org, make_product, make_user

PERIOD = DashboardFilters(from_month="2026-01", to_month="2026-04")


def _world(session):
    org = make_org(session, "Org")
    acc_1 = make_account(session, org, number="A-1")
    acc_2 = make_account(session, org, number="A-2")
    model = make_model(session, "Colour 500")
    p1 = make_product(session, account=acc_1, serial="P1", model=model)
    p2 = make_product(session, account=acc_1, serial="P2", model=model)
    admin = make_user(session, org, role=Role.ADMINISTRATOR)
    session.commit()
    return acc_1, acc_2, p1, p2, admin


def _read(session, product, day: date, black: int, colour: int | None = None) -> MeterReading:
    values = {"black": black} if colour is None else {"black": black, "colour": colour}
    reading = MeterReading(product_id=product.id, read_on=day, values=values)
    session.add(reading)
    session.flush()
    return reading


def _sums(session) -> dict[tuple[int, str], tuple[int | None, int | None]]:
    rows = session.exec(select(AccountVolume)).all()
    return {(r.account_id, r.month): (r.black_pages, r.colour_pages) for r in rows}


def _fleet(session, actor, **filters):
    rows = print_volume(
        session=session, actor=actor, filters=DashboardFilters(**{**vars(PERIOD), **filters})
    )
    return {r["month"]: (r["mono"], r["colour"]) for r in rows}


def test_each_reading_holds_its_pages_and_each_account_month_their_sum(session, clock):
    acc_1, _acc_2, p1, p2, admin = _world(session)
    first = _read(session, p1, date(2025, 12, 15), 1000, 400)
    january = _read(session, p1, date(2026, 1, 15), 1500, 600)
    _read(session, p2, date(2025, 12, 20), 50)
    _read(session, p2, date(2026, 1, 20), 80)
    session.commit()

    assert (first.black_pages, first.colour_pages) == (None, None)
    assert (january.black_pages, january.colour_pages) == (500, 200)
    assert _sums(session)[(acc_1.id, "2026-01")] == (530, 200)
    # Whole accounts (the sums) and the products one by one (the readings) agree.
    assert _fleet(session, admin) == {"2026-01": (530, 200)}
    assert _fleet(session, admin, product_id=p1.id) == {"2026-01": (500, 200)}


def test_a_backdated_reading_splits_the_period_it_falls_in(session, clock):
    acc_1, _acc_2, p1, _p2, admin = _world(session)
    _read(session, p1, date(2026, 1, 10), 1000, 100)
    march = _read(session, p1, date(2026, 3, 10), 1600, 160)
    session.commit()
    assert _fleet(session, admin) == {"2026-03": (600, 60)}

    _read(session, p1, date(2026, 2, 10), 1400, 150)
    session.commit()

    assert (march.black_pages, march.colour_pages) == (200, 10)
    assert _fleet(session, admin) == {"2026-02": (400, 50), "2026-03": (200, 10)}
    assert _fleet(session, admin, product_id=p1.id) == _fleet(session, admin)


def test_a_deleted_reading_joins_the_periods_around_it(session, clock):
    _acc_1, _acc_2, p1, _p2, admin = _world(session)
    _read(session, p1, date(2026, 1, 10), 1000)
    estimate = _read(session, p1, date(2026, 2, 10), 1300)
    _read(session, p1, date(2026, 3, 10), 1500)
    session.commit()
    assert _fleet(session, admin) == {"2026-02": (300, 0), "2026-03": (200, 0)}

    session.delete(estimate)
    session.commit()

    assert _fleet(session, admin) == {"2026-03": (500, 0)}


def test_a_counter_that_went_down_counts_nothing(session, clock):
    _acc_1, _acc_2, p1, _p2, admin = _world(session)
    _read(session, p1, date(2026, 1, 10), 5000, 10)
    reset = _read(session, p1, date(2026, 2, 10), 100, 20)
    _read(session, p1, date(2026, 3, 10), 150, 20)
    session.commit()

    assert (reset.black_pages, reset.colour_pages) == (None, 10)
    assert _fleet(session, admin) == {"2026-02": (0, 10), "2026-03": (50, 0)}


def test_a_product_moved_to_another_account_takes_its_volume_along(session, clock):
    acc_1, acc_2, p1, p2, admin = _world(session)
    _read(session, p1, date(2026, 1, 10), 1000)
    _read(session, p1, date(2026, 2, 10), 1300)
    _read(session, p2, date(2026, 1, 10), 10)
    _read(session, p2, date(2026, 2, 10), 30)
    session.commit()
    assert _fleet(session, admin, account_id=acc_2.id) == {}

    p1.account_id = acc_2.id
    session.add(p1)
    session.commit()

    assert _fleet(session, admin, account_id=acc_1.id) == {"2026-02": (20, 0)}
    assert _fleet(session, admin, account_id=acc_2.id) == {"2026-02": (300, 0)}
    assert _fleet(session, admin) == {"2026-02": (320, 0)}


def test_a_rolled_back_change_leaves_the_sums_as_they_were(session, clock):
    acc_1, _acc_2, p1, _p2, _admin = _world(session)
    _read(session, p1, date(2026, 1, 10), 1000)
    _read(session, p1, date(2026, 2, 10), 1300)
    session.commit()

    _read(session, p1, date(2026, 3, 10), 9000)
    session.rollback()

    assert _sums(session) == {
        (acc_1.id, "2026-01"): (None, None),
        (acc_1.id, "2026-02"): (300, None),
    }


def test_refresh_fills_what_bulk_inserts_left_out(session, clock):
    acc_1, _acc_2, p1, _p2, admin = _world(session)
    table = MeterReading.__table__
    rows = [
        {"product_id": p1.id, "read_on": date(2026, m, 10), "values": {"black": 100 * m}}
        for m in (1, 2, 3)
    ]
    session.execute(
        sa.insert(table), [{**r, "source": "portal", "created_at": clock()} for r in rows]
    )
    assert _fleet(session, admin) == {}

    volume.refresh(session.connection(), [p1.id])
    session.commit()

    assert _fleet(session, admin) == {"2026-02": (100, 0), "2026-03": (100, 0)}
    assert _sums(session)[(acc_1.id, "2026-03")] == (100, None)


def test_migration_0009_fills_pages_and_resolution_times_of_what_was_stored(tmp_path):
    from alembic import command
    from alembic.config import Config

    from portal.db import ROOT

    path = tmp_path / "old.db"
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(cfg, "0008")
    with sqlite3.connect(path) as conn:  # foreign keys are not enforced by plain sqlite3
        columns = {
            "id": 1, "account_id": 1, "model_id": 1, "location_id": 1, "serial": "P1",
            "serial_key": "P1", "alternative_name": "", "system_account_number": "",
            "status": "active", "maintenance_status": "", "sync_status": "", "ip_address": "",
            "mac_address": "", "firmware": "", "options": "[]", "auto_capture": 0,
            "auto_replenish": 0, "toner_levels": "{}", "created_at": "2026-01-01 09:00:00",
        }  # fmt: skip
        conn.execute(
            f"INSERT INTO product ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            list(columns.values()),
        )
        conn.execute(
            "INSERT INTO ticket (id, number, product_id, ticket_type, error_code, description,"
            " your_reference, contact_name, contact_phone, availability, status, priority,"
            " created_at, solved_at, closed_at, paused_seconds, rating_comment, updated_at)"
            " VALUES (1, '1-1', 1, 'other', '', '', '', '', '', '', 'closed', 'normal',"
            " '2026-01-31 20:00:00.000000', NULL, '2026-02-01 09:00:00.000000', 3600, '',"
            " '2026-02-01 09:00:00.000000')"
        )
        conn.executemany(
            "INSERT INTO meterreading (product_id, read_on, source, confirmed_implausible,"
            " \"values\", created_at) VALUES (1, ?, 'portal', 0, ?, '2026-01-01 09:00:00')",
            [("2026-01-10", '{"black": 100}'), ("2026-02-10", '{"black": 250, "colour": 5}')],
        )

    migrate(f"sqlite:///{path}")

    with sqlite3.connect(path) as conn:
        pages = conn.execute(
            "SELECT black_pages, colour_pages FROM meterreading ORDER BY read_on"
        ).fetchall()
        sums = conn.execute(
            "SELECT account_id, month, black_pages, colour_pages FROM accountvolume ORDER BY month"
        ).fetchall()
        tickets = conn.execute(
            "SELECT account_id, created_month, due_month, resolved_month, resolution_seconds"
            " FROM ticket"
        ).fetchall()
    assert pages == [(None, None), (150, None)]
    assert tickets == [(1, "2026-01", None, "2026-02", 12 * 3600.0)]
    assert sums == [(1, "2026-01", None, None), (1, "2026-02", 150, None)]
