"""Print volume kept next to the readings (SPEC X3 dashboards).

Every ``MeterReading`` holds ``black_pages`` / ``colour_pages``: how far its
"black" / "colour" counter moved since the product's previous reading (by
``read_on``, then id). A page count is None when either reading lacks the
counter or the counter went down (a reset or rollover), so such a period counts
nothing. ``AccountVolume`` sums them per account (the product's current
account) and month of ``read_on``.

Both are kept by a session hook: whenever a flush adds, changes or deletes
readings, or moves a product to another account, the pages of the affected
products' readings and their accounts' months from the earliest change on are
computed again, in the same transaction. Writers that insert rows without the
ORM (``seed_large``, a restore) call ``refresh`` afterwards.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.models import AccountVolume, MeterReading, Product

COUNTERS = {"black": "black_pages", "colour": "colour_pages"}
# Ids per statement, well below SQLite's limit of bound parameters.
_CHUNK = 2000

_readings = MeterReading.__table__  # type: ignore[attr-defined]
_products = Product.__table__  # type: ignore[attr-defined]
_volumes = AccountVolume.__table__  # type: ignore[attr-defined]


def _counter(code: str) -> Any:
    """A counter of the reading as a 64-bit integer (NULL when the reading lacks it)."""
    return sa.cast(_readings.c["values"][code].as_string(), sa.BigInteger)


def _month(connection: sa.Connection) -> Any:
    """SQL for the "YYYY-MM" of a reading's date."""
    if connection.dialect.name == "sqlite":
        return sa.func.strftime("%Y-%m", _readings.c.read_on)
    return sa.func.to_char(_readings.c.read_on, "YYYY-MM")


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start : start + _CHUNK]


def _refresh_pages(connection: sa.Connection, product_ids: list[int] | None) -> None:
    """Compute the readings' pages again (of these products, or of all)."""
    raw = sa.select(
        _readings.c.id,
        _readings.c.product_id,
        _readings.c.read_on,
        *(_counter(code).label(code) for code in COUNTERS),
    )
    if product_ids is not None:
        raw = raw.where(_readings.c.product_id.in_(product_ids))
    raw = raw.subquery("raw")
    window = {"partition_by": raw.c.product_id, "order_by": (raw.c.read_on, raw.c.id)}
    pages = {}
    for code, column in COUNTERS.items():
        previous = sa.func.lag(raw.c[code]).over(**window)
        pages[column] = sa.case((raw.c[code] >= previous, raw.c[code] - previous), else_=None)
    computed = sa.select(raw.c.id, *(v.label(k) for k, v in pages.items())).subquery("computed")
    changed = sa.or_(*(_readings.c[k].is_distinct_from(computed.c[k]) for k in COUNTERS.values()))
    connection.execute(
        sa.update(_readings)
        .where(_readings.c.id == computed.c.id, changed)
        .values({k: computed.c[k] for k in COUNTERS.values()})
    )


def _refresh_months(
    connection: sa.Connection, account_ids: list[int] | None, since: str | None
) -> None:
    """Sum the pages again for these accounts (or all) from month ``since`` on (or all)."""
    month = _month(connection)
    remove = sa.delete(_volumes)
    totals = (
        sa.select(
            _products.c.account_id,
            month.label("month"),
            *(sa.func.sum(_readings.c[k]).label(k) for k in COUNTERS.values()),
        )
        .select_from(_readings.join(_products, _products.c.id == _readings.c.product_id))
        .group_by(_products.c.account_id, month)
    )
    if account_ids is not None:
        remove = remove.where(_volumes.c.account_id.in_(account_ids))
        totals = totals.where(_products.c.account_id.in_(account_ids))
    if since is not None:
        remove = remove.where(_volumes.c.month >= since)
        totals = totals.where(_readings.c.read_on >= date.fromisoformat(f"{since}-01"))
    connection.execute(remove)
    connection.execute(
        sa.insert(_volumes).from_select(["account_id", "month", *COUNTERS.values()], totals)
    )


def refresh(connection: sa.Connection, product_ids: Collection[int] | None = None) -> None:
    """Compute pages and monthly sums again after readings were written without the ORM.

    Args:
        connection: The connection of the transaction that wrote them.
        product_ids: The products whose readings changed; None for every product.
    """
    if product_ids is None:
        _refresh_pages(connection, None)
        _refresh_months(connection, None, None)
        return
    for chunk in _chunks(product_ids):
        _refresh_pages(connection, chunk)
        accounts = connection.execute(
            sa.select(_products.c.account_id).distinct().where(_products.c.id.in_(chunk))
        ).scalars()
        _refresh_months(connection, list(accounts), None)


# --- The session hook -----------------------------------------------------------------


def _earlier(known: dict[int, date], product_id: Any, day: Any) -> None:
    if isinstance(product_id, int) and isinstance(day, date):
        current = known.get(product_id)
        known[product_id] = day if current is None or day < current else current


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    """Note the accounts products are moved away from, while the database still holds them."""
    moved: set[int] = session.info.setdefault("volume_moved", set())
    for obj in session.dirty:
        if isinstance(obj, Product) and obj.id is not None:
            history = sa.inspect(obj).attrs.account_id.history
            if not history.has_changes():
                continue
            old = list(history.deleted)
            if not old:  # the old value was not loaded: read what is stored
                old = list(
                    session.connection()
                    .execute(sa.select(_products.c.account_id).where(_products.c.id == obj.id))
                    .scalars()
                )
            moved.update(a for a in (*old, obj.account_id) if a is not None)


def _changes(session: Session) -> dict[int, date]:
    """Products with changed readings, and the earliest date changed of each."""
    earliest: dict[int, date] = {}
    for obj in (*session.new, *session.dirty, *session.deleted):
        if not isinstance(obj, MeterReading):
            continue
        state = sa.inspect(obj)
        if obj in session.dirty:
            watched = ("values", "read_on", "product_id")
            if not any(state.attrs[name].history.has_changes() for name in watched):
                continue
            for name in ("read_on", "product_id"):
                old = state.attrs[name].history.deleted
                if old:
                    _earlier(
                        earliest,
                        old[0] if name == "product_id" else obj.product_id,
                        old[0] if name == "read_on" else obj.read_on,
                    )
        _earlier(earliest, obj.product_id, obj.read_on)
    return earliest


def _after_flush(session: Session, _context: Any) -> None:
    earliest = _changes(session)
    moved_accounts = session.info.pop("volume_moved", set())
    if not earliest and not moved_accounts:
        return
    connection = session.connection()
    if moved_accounts:
        _refresh_months(connection, sorted(moved_accounts), None)
    if earliest:
        for chunk in _chunks(earliest):
            _refresh_pages(connection, chunk)
            since = min(earliest[p] for p in chunk).strftime("%Y-%m")
            accounts = connection.execute(
                sa.select(_products.c.account_id).distinct().where(_products.c.id.in_(chunk))
            ).scalars()
            remaining = sorted(set(accounts) - moved_accounts)
            if remaining:
                _refresh_months(connection, remaining, since)
        session.info.setdefault("volume_stale", set()).update(earliest)


def _after_flush_postexec(session: Session, _context: Any) -> None:
    """Loaded readings of the products just computed show the stored page counts again."""
    stale = session.info.pop("volume_stale", None)
    if not stale:
        return
    for obj in list(session.identity_map.values()):
        if isinstance(obj, MeterReading) and obj.product_id in stale:
            session.expire(obj, list(COUNTERS.values()))


sa.event.listen(Session, "before_flush", _before_flush)
sa.event.listen(Session, "after_flush", _after_flush)
sa.event.listen(Session, "after_flush_postexec", _after_flush_postexec)
