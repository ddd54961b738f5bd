"""Browser journeys: one production build of the portal per test session, with its own
database and data dir on a free port, a real SMTP server (aiosmtpd) receiving its mail,
and Playwright driving Debian's Chromium."""

from __future__ import annotations

import contextlib
import email
import email.policy
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "Demo-Password-2026"
PRODUCTS_TAB = {
    "es": "Conocimiento y productos",
    "en": "Knowledge and products",
    "de": "Wissen und Produkte",
}
ARTIFACTS = ROOT / "test-artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(port: int) -> bool:
    """Whether a server listens on 127.0.0.1:``port`` (PostgreSQL, Redis: they do in CI)."""
    try:
        socket.create_connection(("127.0.0.1", port), 2).close()
    except OSError:
        return False
    return True


class Mailbox:
    """Messages received by the test's SMTP server."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(msg)
        return "250 OK"

    def wait_for(
        self, to: str, subject_part: str = "", timeout: float = 45
    ) -> email.message.EmailMessage:
        """The newest message to ``to`` (whose subject contains ``subject_part``)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                for msg in reversed(self.messages):
                    if to.lower() in str(msg["To"]).lower() and subject_part in str(msg["Subject"]):
                        return msg
            time.sleep(0.3)
        raise AssertionError(f"no e-mail to {to} within {timeout}s")

    @staticmethod
    def link(msg: email.message.EmailMessage, path_part: str) -> str:
        """The first link in the plain-text part that contains ``path_part``."""
        text = msg.get_body(preferencelist=("plain",)).get_content()
        for url in re.findall(r"https?://\S+", text):
            if path_part in url:
                return url.rstrip(".,)>")
        raise AssertionError(f"no link with {path_part} in: {text}")


@pytest.fixture(scope="session")
def mailbox():
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


@contextlib.contextmanager
def running_portal(data_dir: Path, *, extra_env: dict[str, str], web_dir: str | None = None):
    """Prepare and start one production build of the portal; yield its URL."""
    port = free_port()
    base_url = f"http://localhost:{port}"
    env = {
        **os.environ,
        "PORTAL_DATA_DIR": str(data_dir),
        "PORTAL_PORT": str(port),
        "PORTAL_BASE_URL": base_url,
        "PORTAL_DEMO": "1",
        "PORTAL_DEMO_PASSWORD": DEMO_PASSWORD,
        "PORTAL_FAST_HASH": "1",
        "REFLEX_USE_NPM": "1",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "REFLEX_STATES_WORKDIR": str(data_dir / "states"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    # Only extra_env chooses the database, Redis, mail and the workers: a portal of
    # three workers without Redis loses the results of uploads.
    for name in (
        "PORTAL_DATABASE_URL",
        "REFLEX_REDIS_URL",
        "PORTAL_SMTP_URL",
        "PORTAL_WORKERS",
        "GRANIAN_WORKERS",
        "REFLEX_OPLOCK_ENABLED",
    ):
        env.pop(name, None)
    env.update(extra_env)
    if web_dir:
        # A build directory of its own: the build bakes the port in, so two portals
        # running at once must not share one.
        env["REFLEX_WEB_WORKDIR"] = web_dir
    subprocess.run([sys.executable, "-m", "portal", "prepare"], cwd=ROOT, env=env, check=True)
    log_path = data_dir / "server.log"
    with open(log_path, "w") as log:
        command = [sys.executable, "-m", "reflex", "run", "--env", "prod", "--single-port"]
        proc = subprocess.Popen(
            [*command, "--backend-port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 600
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"portal exited:\n{log_path.read_text()[-4000:]}")
                try:
                    with urllib.request.urlopen(f"{base_url}/login", timeout=5) as resp:
                        if resp.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"portal did not start:\n{log_path.read_text()[-4000:]}")
                time.sleep(1)
            yield base_url
        finally:
            # The group is gone when the portal exited by itself (the error above says why).
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def portal_app(mailbox, tmp_path_factory):
    """The portal on SQLite with mail to the test's SMTP server; its URL and database."""
    data_dir = tmp_path_factory.mktemp("portal-data")
    extra = {"PORTAL_SMTP_URL": f"smtp://127.0.0.1:{mailbox.port}"}
    with running_portal(
        data_dir, extra_env=extra, web_dir=os.environ.get("PORTAL_E2E_WEB_DIR")
    ) as url:
        yield SimpleNamespace(url=url, db_url=f"sqlite:///{data_dir / 'portal.db'}")


@pytest.fixture(scope="session")
def portal_url(portal_app):
    """The running portal's base URL."""
    return portal_app.url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        executable = shutil.which("chromium")
        browser = pw.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, portal_url):
    context = browser.new_context(base_url=portal_url, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(20000)
    yield page
    context.close()


def login(page, email_address: str, password: str = DEMO_PASSWORD, language: str = "es") -> None:
    """Log in through the form, wait for the home page, and use ``language``.

    The language is stored per user, so a journey that switched it must not change
    what the next journey of the same demo user reads.
    """
    page.goto("/login")
    page.locator("#email").fill(email_address)
    page.locator("#password").fill(password)
    page.locator("#login-submit").click()
    page.wait_for_url(re.compile(r".*/$"))
    page.locator("#home-product-count").wait_for()
    switch = page.locator("#language-switch")
    if switch.input_value() != language:
        switch.select_option(language)
    expect(page.locator("#tab-products")).to_have_text(PRODUCTS_TAB[language])


def screenshot(page, name: str) -> None:
    """Keep a screenshot for people to look at (test-artifacts/, not in git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
