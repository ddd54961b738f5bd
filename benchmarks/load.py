"""Load test: N simulated users speaking the portal's websocket event protocol (SPEC G6).

Usage: ``python benchmarks/load.py [--users 10,50,100] [--duration 20] [--think 1.0]
[--setups sqlite,postgres] [--workers 3]``; needs ``pip install -e '.[bench]'`` (aiohttp for
python-socketio's asyncio client).

Each setup starts the portal itself, as ``reflex run --env prod --single-port`` on
127.0.0.1 (nothing else is accepted): ``sqlite`` with one worker, ``postgres`` on a
throw-away PostgreSQL database (dropped afterwards; server ``PORTAL_BENCH_POSTGRES_URL``,
default ``postgresql+psycopg://postgres@127.0.0.1:5432/test``) with Reflex's state in
Redis (``PORTAL_BENCH_REDIS_URL``, default ``redis://127.0.0.1:6379/8``, flushed) and
``--workers`` workers.

A simulated user is a socket.io client on ``/_event`` as the compiled frontend is: it
connects with its token and the page's hydrate event, logs in through the login form's
event, and then, with ``--think`` seconds (±50 %) between actions, goes round the
product list (page load and next page), a ticket's page, the knowledge search and the
readings page (page load, open a product's entry, submit a reading). Users arrive
one by one during the ramp-up and each starts at a random step of its round, so the
mix of pages is even from the start; measuring begins one think time after the last
arrival and lasts ``--duration`` seconds. Latency is the time from sending an event
to the first update carrying the state it changes; an error is an event without an
answer within ``--timeout`` seconds, a lost connection or a failed connect. Logins
are reported apart. "CPU ms per event" is the CPU time the portal's processes,
PostgreSQL's and Redis's used in the measured time, divided by the events measured.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
PASSWORD = "Load-Test-Password-2026"
USERS = ("admin@demo.example", "manager@demo.example")

STATE = "reflex___state____state"
AUTH = f"{STATE}.portal___state___auth____auth_state"
LOGIN = f"{AUTH}.portal___state___public____login_state"
PRODUCTS = f"{AUTH}.portal___state___products____product_list_state"
TICKET = f"{AUTH}.portal___state___ticket____ticket_state"
KNOWLEDGE = f"{AUTH}.portal___state___knowledge____knowledge_state"
READINGS = f"{AUTH}.portal___state___readings____readings_state"
HYDRATE = f"{STATE}.hydrate_and_load"
ON_LOAD = f"{STATE}.reflex___state____on_load_internal_state.on_load_internal"
UPDATE_VARS = f"{STATE}.reflex___state____update_vars_internal_state.update_vars_internal"
SEARCHES = ("atasco", "tóner", "error", "escáner", "driver", "calidad")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def frontend_schema(web_dir: Path) -> tuple[str, list[str]]:
    """The state schema and initial-state hashes the compiled frontend sends on connect."""
    text = (web_dir / "utils" / "context.jsx").read_text()
    schema = re.search(r'export const stateSchema = "([^"]*)"', text).group(1)
    hashes = json.loads(re.search(r"export const initialStateHashes = (\[[^\]]*\])", text)[1])
    return schema, hashes


def form(**fields: str) -> dict:
    """A form's data as the frontend encodes it."""
    return {"__reflex_form_data__": [[k, v] for k, v in fields.items()]}


@dataclass
class Stats:
    """Latencies (seconds) per kind of event, and the errors, of one run."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    measuring: bool = False
    cpu: dict[str, float] = field(default_factory=dict)

    def record(self, kind: str, seconds: float) -> None:
        if self.measuring or kind == "login":
            self.latencies.setdefault(kind, []).append(seconds)

    def error(self, kind: str) -> None:
        if self.measuring or kind in ("login", "connect"):
            self.errors[kind] = self.errors.get(kind, 0) + 1


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class SimulatedUser:
    """One browser tab of one signed-in user, as socket.io events."""

    def __init__(self, *, base_url: str, email: str, world: dict, stats: Stats, timeout: float):
        import socketio

        self.base_url = base_url
        self.email = email
        self.world = world
        self.stats = stats
        self.timeout = timeout
        self.token = str(uuid.uuid4())
        self.client = socketio.AsyncClient(reconnection=False)
        self.client.on("event", self._on_update, namespace="/_event")
        self.client.on("disconnect", self._on_disconnect, namespace="/_event")
        self._waiting: tuple[callable, asyncio.Future] | None = None
        self.session_token = ""
        self.entry_counters: list[dict] = []
        self.closing = False

    async def _on_update(self, update: dict) -> None:
        delta = update.get("delta") or {}
        auth = delta.get(AUTH) or {}
        if auth.get("session_token_rx_state_"):
            self.session_token = auth["session_token_rx_state_"]
        readings = delta.get(READINGS) or {}
        if "entry_counters_rx_state_" in readings:
            self.entry_counters = readings["entry_counters_rx_state_"]
        if self._waiting and self._waiting[0](update):
            predicate, future = self._waiting
            self._waiting = None
            if not future.done():
                future.set_result(update)

    async def _on_disconnect(self, *_args) -> None:
        if not self.closing:
            self.stats.error("disconnect")
        if self._waiting:
            self._waiting[1].cancel()

    @staticmethod
    def _router(path: str, query: dict | None = None) -> dict:
        data = {"pathname": path, "asPath": path}
        if query:
            data["query"] = query
        return data

    async def call(
        self, kind: str, name: str, payload: dict | None, path: str, done, query=None
    ) -> dict | None:
        """Send one event; wait for the update ``done`` accepts; record its latency."""
        future = asyncio.get_running_loop().create_future()
        self._waiting = (done, future)
        event = {"name": name, "router_data": self._router(path, query)}
        if payload is not None:
            event["payload"] = payload
        start = time.perf_counter()
        try:
            await self.client.emit("event", event, namespace="/_event")
            update = await asyncio.wait_for(future, self.timeout)
        except (TimeoutError, asyncio.CancelledError, Exception):
            self._waiting = None
            self.stats.error(kind)
            return None
        self.stats.record(kind, time.perf_counter() - start)
        return update

    async def connect(self) -> bool:
        schema, hashes = self.world["schema"]
        auth = {
            "event": {
                "name": HYDRATE,
                "payload": {"hashes": hashes},
                "router_data": self._router("/login/"),
            },
            "state_schema": schema,
        }
        hydrated = asyncio.get_running_loop().create_future()
        self._waiting = (
            lambda u: (u.get("delta") or {}).get(STATE, {}).get("is_hydrated_rx_state_") is True,
            hydrated,
        )
        try:
            await self.client.connect(
                f"{self.base_url}?token={self.token}",
                headers={"Origin": self.base_url},
                auth=auth,
                transports=["websocket"],
                namespaces=["/_event"],
                socketio_path="/_event",
                wait_timeout=self.timeout,
            )
            await asyncio.wait_for(hydrated, self.timeout)
        except Exception:
            self.stats.error("connect")
            return False
        return True

    async def login(self) -> bool:
        update = await self.call(
            "login",
            f"{LOGIN}.submit",
            {"form": form(email=self.email, password=self.world.get("password", PASSWORD))},
            "/login/",
            lambda u: any(e.get("name") == "_redirect" for e in u.get("events") or []),
        )
        if update is None:
            return False
        vars_ = {
            f"{AUTH}.session_token_rx_state_": self.session_token,
            f"{AUTH}.lang_rx_state_": "es",
        }
        await self.client.emit(
            "event",
            {"name": UPDATE_VARS, "payload": {"vars": vars_}, "router_data": self._router("/")},
            namespace="/_event",
        )
        return True

    def _changes(self, state: str):
        return lambda u: state in (u.get("delta") or {})

    async def page(self, kind: str, path: str, state: str, query=None) -> dict | None:
        return await self.call(kind, ON_LOAD, None, path, self._changes(state), query)

    def steps(self) -> list[Callable[[], Awaitable]]:
        """The actions of one round, in order."""
        me = self.world["users"][self.email]
        return [
            lambda: self.page("products", "/products/", PRODUCTS),
            lambda: self.call(
                "next_page", f"{PRODUCTS}.next_page", None, "/products/", self._changes(PRODUCTS)
            ),
            lambda: self._ticket(me),
            lambda: self.page("knowledge", "/knowledge/", KNOWLEDGE),
            lambda: self.call(
                "search",
                f"{KNOWLEDGE}.search",
                {"form_data": form(model="", query=random.choice(SEARCHES), lang_es="on")},
                "/knowledge/",
                self._changes(KNOWLEDGE),
            ),
            lambda: self.page("readings", "/readings/", READINGS),
            lambda: self._reading(me),
        ]

    async def round(self, think: float, until: float, first: int = 0) -> None:
        """The round's actions from ``first`` on, pausing ``think`` seconds (±50 %) between."""
        for step in self.steps()[first:]:
            if time.monotonic() >= until or not self.client.connected:
                return
            await step()
            await asyncio.sleep(think * random.uniform(0.5, 1.5))

    async def _ticket(self, me: dict):
        ticket_id = str(random.choice(me["tickets"]))
        path = f"/service/tickets/{ticket_id}/"
        return await self.page("ticket", path, TICKET, {"ticket_id": ticket_id})

    async def _reading(self, me: dict):
        product_id = random.choice(me["manual_products"])
        self.entry_counters = []
        opened = await self.call(
            "open_entry",
            f"{READINGS}.open_entry",
            {"product_id": product_id},
            "/readings/",
            lambda u: "entry_counters_rx_state_" in ((u.get("delta") or {}).get(READINGS) or {}),
        )
        if opened is None or not self.entry_counters:
            return
        values = {
            c["code"]: str(int(c.get("last") or 0) + random.randint(10, 500))
            for c in self.entry_counters
        }
        await self.call(
            "submit_reading",
            f"{READINGS}.submit",
            {"form_data": form(read_on=date.today().isoformat(), **values)},
            "/readings/",
            self._changes(READINGS),
        )

    async def close(self) -> None:
        self.closing = True
        with contextlib.suppress(Exception):
            await self.client.disconnect()


async def run_users(
    *,
    base_url: str,
    count: int,
    world: dict,
    duration: float,
    think: float,
    timeout: float,
    cpu: Callable[[], dict[str, float]] | None = None,
) -> tuple[Stats, float]:
    """Ramp ``count`` users up (connect + login), then measure ``duration`` seconds.

    ``cpu`` gives CPU seconds used so far by name (portal, database); the run's
    figures are the differences over the measured time.
    """
    stats = Stats()
    users = [
        SimulatedUser(
            base_url=base_url,
            email=USERS[i % len(USERS)],
            world=world,
            stats=stats,
            timeout=timeout,
        )
        for i in range(count)
    ]
    ramp = max(2.0, count * 0.08)
    until = time.monotonic() + ramp + think + duration

    async def use(i: int, user: SimulatedUser) -> None:
        # Users arrive one after another and start at any step of their round, as
        # independent people do; they do not all open the same page at one moment.
        await asyncio.sleep(ramp * i / count)
        if not (await user.connect() and await user.login()):
            return
        first = random.randrange(len(user.steps()))
        while time.monotonic() < until and user.client.connected:
            await user.round(think, until, first=first)
            first = 0

    async def measure() -> tuple[float, dict[str, float]]:
        # Measured once everybody is in and busy: from one think time after the ramp.
        await asyncio.sleep(ramp + think)
        before = cpu() if cpu else {}
        stats.measuring = True
        started = time.monotonic()
        await asyncio.sleep(max(0.0, until - started))
        stats.measuring = False
        after = cpu() if cpu else {}
        return time.monotonic() - started, {k: after[k] - before.get(k, 0.0) for k in after}

    *_, (elapsed, used) = await asyncio.gather(*(use(i, u) for i, u in enumerate(users)), measure())
    stats.cpu = used
    await asyncio.gather(*(u.close() for u in users))
    return stats, elapsed


def world_of(db_url: str, web_dir: Path) -> dict:
    """What the simulated users need to know: tickets and manual products they may see."""
    from sqlmodel import Session, col, select

    from portal.db import make_engine
    from portal.models import Product, Ticket, User
    from portal.services import scope

    engine = make_engine(db_url)
    users = {}
    with Session(engine) as session:
        for email in USERS:
            user = session.exec(select(User).where(User.email == email)).one()
            visible = scope.visible_products_query(user).where(col(Product.status) == "active")
            products = session.exec(visible).all()
            ids = [p.id for p in products]
            tickets = session.exec(
                select(Ticket.id).where(col(Ticket.product_id).in_(ids)).limit(200)
            ).all()
            users[email] = {
                "tickets": list(tickets),
                "manual_products": [p.id for p in products if not p.auto_capture][:50],
            }
    engine.dispose()
    return {"users": users, "schema": frontend_schema(web_dir)}


@contextlib.contextmanager
def running_portal(work: Path, *, extra_env: dict[str, str]):
    """Prepare and start the portal in production mode on 127.0.0.1; yield its URL."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    web_dir = work / ".web"
    if (ROOT / ".web" / "node_modules").exists() and not web_dir.exists():
        shutil.copytree(ROOT / ".web", web_dir, symlinks=True)
    env = {
        **os.environ,
        "PORTAL_DATA_DIR": str(work / "data"),
        "PORTAL_PORT": str(port),
        "PORTAL_BASE_URL": base_url,
        "PORTAL_DEMO": "1",
        "PORTAL_DEMO_PASSWORD": PASSWORD,
        "REFLEX_USE_NPM": "1",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "REFLEX_STATES_WORKDIR": str(work / "states"),
        "REFLEX_WEB_WORKDIR": str(web_dir),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    for name in ("PORTAL_DATABASE_URL", "REFLEX_REDIS_URL", "PORTAL_SMTP_URL", "PORTAL_WORKERS"):
        env.pop(name, None)
    env.update(extra_env)
    subprocess.run(
        [sys.executable, "-m", "portal", "prepare"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    log_path = work / "server.log"
    with open(log_path, "w") as log:
        command = [sys.executable, "-m", "reflex", "run", "--env", "prod", "--single-port"]
        proc = subprocess.Popen(
            [*command, "--backend-host", "127.0.0.1", "--backend-port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 900
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"portal exited:\n{log_path.read_text()[-3000:]}")
                with contextlib.suppress(OSError):
                    with urllib.request.urlopen(f"{base_url}/login", timeout=5) as resp:
                        if resp.status == 200:
                            break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"portal did not start:\n{log_path.read_text()[-3000:]}")
                time.sleep(1)
            time.sleep(5)  # let the start-up lifespan jobs finish
            yield base_url, env, log_path, proc.pid
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)


@contextlib.contextmanager
def setup_env(name: str, workers: int):
    """The environment of one setup; a PostgreSQL database made for it and dropped after."""
    if name == "sqlite":
        yield {"PORTAL_WORKERS": "1"}, 1
        return
    import redis
    import sqlalchemy as sa

    server = os.environ.get(
        "PORTAL_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )
    redis_url = os.environ.get("PORTAL_BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")
    for url in (server, redis_url):
        host = re.sub(r"^.*@|^[a-z+]*://", "", url).split("/")[0].split(":")[0]
        if host not in LOCAL_HOSTS:
            sys.exit(f"refusing a non-local server: {url}")
    redis.Redis.from_url(redis_url).flushdb()
    db = f"portal_load_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{db}"'))
    try:
        url = server.rsplit("/", 1)[0] + f"/{db}"
        yield (
            {
                "PORTAL_DATABASE_URL": url,
                "REFLEX_REDIS_URL": redis_url,
                "PORTAL_WORKERS": str(workers),
            },
            workers,
        )
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        admin.dispose()
        redis.Redis.from_url(redis_url).flushdb()


def cpu_seconds(portal_group: int) -> dict[str, float]:
    """CPU seconds used so far by the portal's processes, PostgreSQL's and Redis's (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    used = {"portal": 0.0, "postgres": 0.0, "redis": 0.0}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        seconds = (int(fields[11]) + int(fields[12])) / tick
        if int(fields[2]) == portal_group:
            used["portal"] += seconds
        elif name == "postgres":
            used["postgres"] += seconds
        elif name.startswith("redis-server"):
            used["redis"] += seconds
    return used


def server_errors(log_path: Path, since: int) -> int:
    text = log_path.read_text(errors="replace")[since:]
    return len(re.findall(r"Traceback \(most recent call last\)|\bERROR\b", text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", default="10,50,100")
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument("--timeout", type=float, default=15.0)
    parser.add_argument("--setups", default="sqlite,postgres")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--host", default="127.0.0.1", help="only 127.0.0.1 or localhost")
    parser.add_argument(
        "--url", help="load a portal already running on this host (with --db-url) instead"
    )
    parser.add_argument("--db-url", help="the database of the portal given by --url")
    parser.add_argument("--web-dir", help="the build directory of the portal given by --url")
    parser.add_argument("--password", default=PASSWORD, help="the demo password for --url")
    args = parser.parse_args()
    if args.host not in LOCAL_HOSTS:
        sys.exit(f"refusing to load {args.host}: this benchmark runs on 127.0.0.1 only")
    counts = [int(n) for n in args.users.split(",")]
    if args.url:
        if re.sub(r"^[a-z]+://", "", args.url).split("/")[0].split(":")[0] not in LOCAL_HOSTS:
            sys.exit(f"refusing to load {args.url}: this benchmark runs on 127.0.0.1 only")
        world = world_of(args.db_url, Path(args.web_dir))
        world["password"] = args.password
        for count in counts:
            stats, elapsed = asyncio.run(
                run_users(
                    base_url=args.url,
                    count=count,
                    world=world,
                    duration=args.duration,
                    think=args.think,
                    timeout=args.timeout,
                )
            )
            timed = [s for k, v in stats.latencies.items() if k != "login" for s in v]
            print(
                count,
                len(timed),
                f"{len(timed) / elapsed:.1f}/s",
                [f"{percentile(timed, p) * 1000:.0f}" for p in (50, 95, 99)],
                stats.errors,
            )
            print({k: f"{percentile(v, 95) * 1000:.0f}" for k, v in stats.latencies.items()})
        return

    print(f"load before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}, cpus {os.cpu_count()}")
    header = (
        f"{'setup':<22} {'users':>5} {'events':>7} {'ev/s':>6} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p99 ms':>7} {'errors':>6} {'srv err':>7} {'login p95':>9} {'load1':>5}"
    )
    rows = [header]
    print(header, flush=True)
    for name in args.setups.split(","):
        with (
            tempfile.TemporaryDirectory(prefix=f"portal-load-{name}-") as tmp,
            setup_env(name, args.workers) as (extra, workers),
        ):
            work = Path(tmp)
            with running_portal(work, extra_env=extra) as (base_url, env, log_path, group):
                db_url = (
                    env.get("PORTAL_DATABASE_URL") or f"sqlite:///{work / 'data' / 'portal.db'}"
                )
                world = world_of(db_url, work / ".web")
                label = f"{name} ({workers} worker{'s' if workers > 1 else ''})"
                for count in counts:
                    since = log_path.stat().st_size
                    stats, elapsed = asyncio.run(
                        run_users(
                            base_url=base_url,
                            count=count,
                            world=world,
                            duration=args.duration,
                            think=args.think,
                            timeout=args.timeout,
                            cpu=lambda group=group: cpu_seconds(group),
                        )
                    )
                    timed = [s for k, v in stats.latencies.items() if k != "login" for s in v]
                    logins = stats.latencies.get("login", [])
                    cpu = {k: v * 1000 / max(1, len(timed)) for k, v in stats.cpu.items()}
                    row = (
                        f"{label:<22} {count:>5} {len(timed):>7} {len(timed) / elapsed:>6.1f} "
                        f"{percentile(timed, 50) * 1000:>7.0f} "
                        f"{percentile(timed, 95) * 1000:>7.0f} "
                        f"{percentile(timed, 99) * 1000:>7.0f} {sum(stats.errors.values()):>6} "
                        f"{server_errors(log_path, since):>7} "
                        f"{percentile(logins, 95) * 1000:>9.0f} {os.getloadavg()[0]:>5.2f}"
                    )
                    rows.append(row)
                    print(row, flush=True)
                    if stats.errors:
                        print(f"  errors by kind: {stats.errors}", flush=True)
                    per_kind = ", ".join(
                        f"{k} {percentile(v, 95) * 1000:.0f}"
                        for k, v in sorted(stats.latencies.items())
                    )
                    print(f"  p95 ms by event: {per_kind}", flush=True)
                    print(
                        "  CPU ms per event: "
                        + ", ".join(f"{k} {v:.1f}" for k, v in cpu.items() if v),
                        flush=True,
                    )
                    time.sleep(3)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
