"""Browser tests: a real server (uvicorn in a subprocess, SQLite file in tmp) on a small fair built
through the services, driven by Debian's Chromium through Playwright. Never downloads a browser.

Without Chromium (or Playwright) the tests skip, except with ``CI=true`` where they fail: CI must
run them (``scripts/install_chromium.sh`` installs Chromium).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("TALENTFOUNDRY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _unavailable(message: str) -> None:
    if IN_CI:
        pytest.fail(message + " (CI=true: browser tests must run; see scripts/install_chromium.sh)")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="package")
def fair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A migrated SQLite file holding the small fair, and a server on it."""
    if not Path(CHROMIUM).exists():
        _unavailable(f"Chromium not found at {CHROMIUM}")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("the playwright package is not installed")

    from fastapi.testclient import TestClient

    from talentfoundry.config import Settings
    from talentfoundry.store import migrate
    from talentfoundry.store.db import make_engine
    from talentfoundry.web.app import create_app
    from tests.integration.worldbuilder import build_world

    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'fair.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    with TestClient(create_app(Settings(database_url=url, environment="test"))) as client:
        world = build_world(engine, client)
        applied = client.post(
            f"/api/v1/roles/{world['role_a']}/applications", headers=world["cand1"].headers
        )
        assert applied.status_code == 201, applied.text
    engine.dispose()

    port = _free_port()
    env = os.environ | {"TALENTFOUNDRY_DATABASE_URL": url, "TALENTFOUNDRY_ENVIRONMENT": "test"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "talentfoundry.web.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the test server did not start") from None
                time.sleep(0.1)
        yield {"base": base, "world": world, "db_url": url}
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="package")
def browser(fair: dict[str, Any]) -> Iterator[Any]:
    """One Chromium for the browser tests, stopped when they are done: Playwright's sync API keeps
    an event loop running in the main thread while it lives, and later tests that run their own
    (``asyncio.run``) would find it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


_FAILED = pytest.StashKey[bool]()


@pytest.fixture
def page(
    browser: Any, fair: dict[str, Any], request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Any]:
    """A fresh browser context (no cookies) on a desktop-sized window. When the test fails, the
    page as it was (PNG and HTML) is kept in the test's tmp folder and its path printed."""
    context = browser.new_context(
        base_url=fair["base"],
        viewport={"width": 1280, "height": 800},
        accept_downloads=True,
        timezone_id="Asia/Taipei",  # the device's zone, which sign-up reads (static/timezone.js)
    )
    tab = context.new_page()
    # Generous: the machine running CI may be busy; a slow page is not a wrong page.
    from playwright.sync_api import expect

    tab.set_default_timeout(20_000)
    expect.set_options(timeout=20_000)
    yield tab
    if request.node.stash.get(_FAILED, False):
        tab.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
        (tmp_path / "failure.html").write_text(tab.content())
        print(f"\nbrowser failure at {tab.url}; page kept in {tmp_path}")
    context.close()


_UNLABELLED = """() => [...document.querySelectorAll(
    'input:not([type=hidden]), select, textarea, button')]
  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
               && !(e.tagName === 'BUTTON' && e.textContent.trim()))
  .map(e => e.outerHTML.slice(0, 80))"""


def screenshot(page: Any, name: str) -> None:
    """Phone (375x812) and desktop (1280x800) screenshots of the current page, for the README.

    Checks on the way what a phone or screen-reader user would hit: every control has a label,
    and nothing scrolls sideways at 375 px."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    unlabelled = page.evaluate(_UNLABELLED)
    assert not unlabelled, f"{name}: controls without a label: {unlabelled}"
    for label, size in (("phone", (375, 812)), ("desktop", (1280, 800))):
        page.set_viewport_size({"width": size[0], "height": size[1]})
        if label == "phone":
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name} scrolls sideways on a phone ({overflow}px)"
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"))
    page.set_viewport_size({"width": 1280, "height": 800})


def log_in(page: Any, email: str) -> None:
    from tests.integration.worldbuilder import PASSWORD

    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/me")
