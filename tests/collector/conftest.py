"""Fixtures of the collector tests: a real SNMP simulator serving the recordings in
data/, and a portal world with devices on automatic capture and an API key."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from portal.api import create_api
from portal.collector.config import parse_config
from portal.collector.snmp import SYS_OBJECT_ID
from portal.models import CounterType, Role
from portal.services import api_keys
from tests.factories import make_account, make_model, make_org, make_product, make_user

DATA = Path(__file__).parent / "data"
COLOUR_PROFILE = {
    "total": "1.3.6.1.2.1.43.10.2.1.4.1.1",
    "black": "1.3.6.1.4.1.99999.2.1.1.1.0",
    "colour": "1.3.6.1.4.1.99999.2.1.1.2.0",
}


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _answers(port: int, community: str) -> bool:
    from pysnmp.hlapi.v3arch.asyncio import (
        CommunityData,
        ContextData,
        ObjectIdentity,
        ObjectType,
        SnmpEngine,
        UdpTransportTarget,
        get_cmd,
    )

    engine = SnmpEngine()
    try:
        target = await UdpTransportTarget.create(("127.0.0.1", port), timeout=0.5, retries=0)
        error, status, _, _ = await get_cmd(
            engine,
            CommunityData(community),
            target,
            ContextData(),
            ObjectType(ObjectIdentity(SYS_OBJECT_ID)),
        )
        return not error and not status
    finally:
        engine.close_dispatcher()


def start_simulator(data_dir: Path, cache_dir: Path, community: str):
    """Start snmpsim on a free 127.0.0.1 port; returns (process, port) once it answers."""
    binary = Path(sys.executable).parent / "snmpsim-command-responder"
    port = free_udp_port()
    env = dict(os.environ)
    if os.geteuid() == 0:
        env["SNMPSIM_ALLOW_ROOT"] = "true"  # else it insists on dropping privileges
    process = subprocess.Popen(
        [
            str(binary),
            f"--data-dir={data_dir}",
            f"--cache-dir={cache_dir}",
            f"--agent-udpv4-endpoint=127.0.0.1:{port}",
            "--logging-method=null",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise RuntimeError(f"snmpsim exited with {process.returncode}: {err[-2000:]}")
        if asyncio.run(_answers(port, community)):
            return process, port
        time.sleep(0.2)
    process.kill()
    raise RuntimeError("snmpsim did not answer within 60 s")


def stop_simulator(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def snmp_port(tmp_path_factory):
    """The UDP port of a simulator serving tests/collector/data (community = file name)."""
    process, port = start_simulator(DATA, tmp_path_factory.mktemp("snmpsim-cache"), "mono-a4")
    yield port
    stop_simulator(process)


@pytest.fixture
def world(session):
    """Four captured devices, one per recording, and a write key."""
    org = make_org(session, "Cliente Uno")
    account = make_account(session, org, "AC-1")
    mono = make_model(session, "LaserMono 40")
    colour = make_model(session, "ColourMFP 5000")
    session.add(CounterType(model_id=mono.id, code="total", digits=10, position=0))
    for n, code in enumerate(("total", "black", "colour")):
        session.add(CounterType(model_id=colour.id, code=code, digits=10, position=n))
    products = {}
    for serial, model in (
        ("MONO-0001", mono),
        ("CLR-0002", colour),
        ("ALERT-0003", mono),
        ("WRAP-0004", mono),
    ):
        product = make_product(session, account=account, model=model, serial=serial)
        product.auto_capture = True
        products[serial] = product
    admin = make_user(session, role=Role.PROVIDER_ADMIN, email="padmin@provider.example")
    _, secret = api_keys.create_key(
        session=session, actor=admin, name="Meter collector", scopes=["read", "write"]
    )
    session.commit()
    return {"products": products, "secret": secret, "admin": admin}


@pytest.fixture
def client(engine):
    with TestClient(create_api(lambda: engine)) as test_client:
        yield test_client


@pytest.fixture
def make_config(tmp_path, snmp_port, world):
    """Build a checked configuration for the simulator's devices (overrides by keyword)."""

    def build(devices=None, **overrides):
        data = {
            "url": "http://testserver",
            "api_key": world["secret"],
            "sink": "http",
            "spool_dir": str(tmp_path / "spool"),
            "state_file": str(tmp_path / "state.json"),
            "interval": 60,
            "concurrency": 4,
            "timeout": 1.0,
            "retries": 0,
            "snmp": {"port": snmp_port},
            "profiles": {"colour": {"counters": COLOUR_PROFILE}},
            "devices": devices
            if devices is not None
            else [
                {"host": "127.0.0.1", "community": "mono-a4"},
                {"host": "127.0.0.1", "community": "colour-mfp", "profile": "colour"},
                {"host": "127.0.0.1", "community": "alerting"},
            ],
        }
        data.update(overrides)
        return parse_config(data, tmp_path)

    return build
