"""The bulk meter-reading state called as a browser would call it (SPEC C4): uploads are read
in memory with a size limit, never land in Reflex's upload directory, and rows for products
outside the user's scope are rejected."""

from __future__ import annotations

import asyncio
import base64
import inspect
from datetime import timedelta
from types import SimpleNamespace

import pytest
import reflex as rx
from sqlmodel import Session, func, select

from portal.models import CounterType, MeterReading, ReadingSource, Role
from portal.state import bulk_readings as bulk_state
from portal.state.bulk_readings import BulkReadingsState
from tests.factories import (
    assign_product,
    make_account,
    make_model,
    make_org,
    make_product,
    make_user,
)


class _Proxy:
    """Stands in for Reflex's StateProxy: ``async with self`` around the real state."""

    def __init__(self, state):
        object.__setattr__(self, "_state", state)
        object.__setattr__(self, "entered", 0)

    async def __aenter__(self):
        object.__setattr__(self, "entered", self.entered + 1)
        return self

    async def __aexit__(self, *exc):
        return None

    def __getattr__(self, name):
        return getattr(self._state, name)

    def __setattr__(self, name, value):
        setattr(self._state, name, value)


class _Chunks:
    """An upload as Reflex streams it: chunks of one file; counts what was read."""

    def __init__(self, data: bytes, *, size: int = 64 * 1024, filename: str = "lecturas.csv"):
        self.parts = [data[i : i + size] for i in range(0, len(data), size)] or []
        self.filename = filename
        self.read = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.read >= len(self.parts):
            raise StopAsyncIteration
        part = self.parts[self.read]
        self.read += 1
        return SimpleNamespace(filename=self.filename, data=part, offset=0, content_type="")


def _state() -> BulkReadingsState:
    root = rx.State(_reflex_internal_init=True)
    return root.get_substate(BulkReadingsState.get_full_name().split("."))


def _call(state, name, *args):
    """Run a (background) handler of ``state`` to its end; what it returned or yielded."""
    handler = getattr(BulkReadingsState, name)
    outcome = handler.fn(_Proxy(state), *args)
    if inspect.isasyncgen(outcome):

        async def drain():
            return [event async for event in outcome]

        return asyncio.run(drain())
    return asyncio.run(outcome)


@pytest.fixture(autouse=True)
def upload_dir(tmp_path, monkeypatch):
    """Reflex's upload directory for this test (served without authentication)."""
    path = tmp_path / "uploaded_files"
    monkeypatch.setenv("REFLEX_UPLOADED_FILES_DIR", str(path))
    return path


@pytest.fixture
def w(session, db, clock):
    org = make_org(session, "Demo")
    account = make_account(session, org)
    model = make_model(session, "Colour 3000")
    for position, code in enumerate(("total", "black", "colour")):
        session.add(CounterType(model_id=model.id, code=code, digits=8, position=position))
    mine = make_product(session, account=account, serial="MINE-1", model=model)
    other = make_org(session, "Other")
    foreign = [make_product(session, other, serial=f"FOREIGN-{i}", model=model) for i in range(3)]
    last = clock().date() - timedelta(days=30)
    for product in (mine, *foreign):
        for months_ago in range(4, -1, -1):
            black, colour = 70_000 - 2_000 * months_ago, 30_000 - 1_000 * months_ago
            session.add(
                MeterReading(
                    product_id=product.id,
                    read_on=last - timedelta(days=30 * months_ago),
                    source=ReadingSource.PORTAL.value,
                    values={"total": black + colour, "black": black, "colour": colour},
                )
            )
    manager = make_user(session, org, role=Role.DEVICE_MANAGER)
    assign_product(session, manager, mine)
    knowledge = make_user(session, org, role=Role.KNOWLEDGE_USER)
    session.commit()
    return SimpleNamespace(mine=mine, foreign=foreign, manager=manager, knowledge=knowledge)


def _count(engine) -> int:
    with Session(engine) as s:
        return s.exec(select(func.count()).select_from(MeterReading)).one()


def _file(*lines: str) -> bytes:
    return ("\r\n".join(["serial;read_on;total;black;colour", *lines]) + "\r\n").encode()


def test_rows_for_another_organisations_products_are_all_rejected(db, act_as, w, upload_dir):
    act_as(w.manager)
    state = _state()
    before = _count(db)
    data = _file(*[f"FOREIGN-{i};;103000;72000;31000" for i in range(3)])

    _call(state, "upload", _Chunks(data))

    assert state.has_result
    assert (state.accepted_count, state.pending_count, state.rejected_count) == (0, 0, 3)
    assert [row["serial"] for row in state.rejected_rows] == ["FOREIGN-0", "FOREIGN-1", "FOREIGN-2"]
    assert all("FOREIGN" not in row["reason"] for row in state.rejected_rows)
    assert {row["reason"] for row in state.rejected_rows} == {
        "Número de serie desconocido o no es uno de sus equipos."
    }
    assert _count(db) == before
    assert not state.busy
    assert not upload_dir.exists() or list(upload_dir.iterdir()) == []


def test_an_upload_is_processed_in_memory_and_leaves_the_upload_dir_empty(
    db, act_as, w, upload_dir
):
    act_as(w.manager)
    state = _state()
    before = _count(db)

    _call(state, "upload", _Chunks(_file("MINE-1;;103000;72000;31000", "NOPE;;1;1;0"), size=7))

    assert (state.accepted_count, state.rejected_count) == (1, 1)
    assert state.accepted_rows[0]["serial"] == "MINE-1"
    assert state.progress_done == state.progress_total == 2
    assert _count(db) == before + 1
    # Reflex serves this directory to anyone: nothing uploaded may ever be there.
    assert list(rx.get_upload_dir().iterdir()) == []


def test_a_file_over_the_limit_is_refused_before_it_is_read_to_the_end(db, act_as, w, monkeypatch):
    act_as(w.manager)
    monkeypatch.setattr(bulk_state, "MAX_BYTES", 1000)
    state = _state()
    chunks = _Chunks(_file(*["MINE-1;;103000;72000;31000"] * 200), size=100)

    _call(state, "upload", chunks)

    assert state.error == "El archivo supera el tamaño máximo de 5 MB."
    assert chunks.read == 11  # 1,100 bytes read of 5,000: the rest stays unread
    assert not state.has_result
    assert not state.busy


def test_a_broken_file_is_explained(db, act_as, w):
    act_as(w.manager)
    state = _state()
    _call(state, "upload", _Chunks(b"serial,total\r\nMINE-1,5\r\n"))
    assert state.error == "Falta la columna read_on"
    _call(state, "upload", _Chunks(b""))
    assert state.error == "Elija primero un archivo."


def test_nobody_signed_in_and_knowledge_users_can_do_nothing(db, act_as, w):
    before = _count(db)
    for user in (None, w.knowledge):
        act_as(user)
        state = _state()
        _call(state, "upload", _Chunks(_file("MINE-1;;103000;72000;31000")))
        assert not state.has_result
        assert _call(state, "download_template") is None
        state.load()
        assert not state.allowed
    assert _count(db) == before


def test_confirm_stores_the_implausible_rows_flagged(db, act_as, w):
    act_as(w.manager)
    state = _state()
    _call(state, "upload", _Chunks(_file("MINE-1;;9000000;6000000;3000000")))
    assert (state.accepted_count, state.pending_count) == (0, 1)
    assert state.pending_rows[0]["reason"]

    _call(state, "confirm")

    assert (state.accepted_count, state.pending_count, state.rejected_count) == (1, 0, 0)
    with Session(db) as s:
        newest = s.exec(
            select(MeterReading)
            .where(MeterReading.product_id == w.mine.id)
            .order_by(MeterReading.id.desc())
        ).first()
    assert newest.confirmed_implausible
    assert newest.values["total"] == 9_000_000


def test_confirm_rechecks_who_is_signed_in(db, act_as, w):
    act_as(w.manager)
    state = _state()
    _call(state, "upload", _Chunks(_file("MINE-1;;9000000;6000000;3000000")))
    before = _count(db)

    act_as(w.knowledge)
    _call(state, "confirm")

    assert _count(db) == before
    assert state.pending_count == 1


def test_download_template_gives_the_users_products(db, act_as, w):
    act_as(w.manager)
    spec = _call(_state(), "download_template")
    args = {str(name): value._var_value for name, value in spec.args}
    header, _, payload = args["url"].partition(",")
    assert header.startswith("data:text/csv") and header.endswith(";base64")
    text = base64.b64decode(payload).decode("utf-8")
    assert args["filename"].endswith(".csv")
    assert "MINE-1" in text
    assert "FOREIGN" not in text
