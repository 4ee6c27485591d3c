"""End-to-end fixtures: the web app served by uvicorn on loopback, and Debian's Chromium
driven by Playwright. Every test is marked ``browser``; each saves screenshots under
``test-output/screenshots/``."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from fixtures import axe

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """The app on a real socket, in a thread of this process."""

    def __init__(self, db_url: str, now: str) -> None:
        import uvicorn

        from topofmind.web.app import create_app

        self.app = create_app(db_url, now)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the web app did not start within 10 s")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live(demo_sqlite, clock):
    """The app on the demo job search, SQLite, at the tests' fixed moment."""
    with LiveServer(demo_sqlite, clock.isoformat()) as server:
        yield server


@pytest.fixture(scope="module")
def live_reading(records, tmp_path_factory):
    """The app on the demo for a module's tests that only look at its pages: one server
    for them all rather than one each. Started with a data directory of its own, as a
    test's ``tom_home`` would give it."""
    from conftest import NOW

    sqlite, _ = records
    folder = tmp_path_factory.mktemp("reading")
    (folder / "home").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        for key in [k for k in os.environ if k.startswith("TOM_")]:
            if key not in {"TOM_TEST_POSTGRES_URL", "TOM_REQUIRE_POSTGRES"}:
                patch.delenv(key)
        patch.setenv("TOM_HOME", str(folder / "home"))
        server = LiveServer(sqlite.copy("demo", folder / "tom.db"), NOW.isoformat())
    with server:
        yield server


@pytest.fixture
def demo_sqlite(records, tmp_path):
    """A SQLite copy of the demo job search loaded at the tests' fixed moment."""
    sqlite, _ = records
    return sqlite.copy("demo", tmp_path / "tom.db")


@pytest.fixture(scope="session", autouse=True)
def patient_expectations():
    """Assertions wait up to 15 s: on a shared two-core machine under load an import or a
    first render can take longer than Playwright's default 5 s."""
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Chromium is not installed: scripts/system-deps installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, request):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on(
        "console",
        lambda msg: errors.append(msg.text) if msg.type == "error" else None,
    )
    tab.script_errors = errors
    yield tab
    context.close()


@pytest.fixture
def shot(page, request):
    """Save a screenshot of the page as test-output/screenshots/<test>-<name>.png."""
    folder = Path(request.config.rootpath) / "test-output" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    test = request.node.name.replace("[", "-").replace("]", "")

    def take(name: str) -> Path:
        path = folder / f"{test}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


# -- accessibility: axe-core from the npm registry (package.json), run in the page ------------

AXE = Path(__file__).parents[3] / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (1400, 390)


def axe_violations(page, width: int, name: str) -> list[str]:
    """Run axe-core on the page as it is; its serious and critical violations as lines
    ("color-contrast: .meta a (2 nodes)"), counted in the run's summary."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: scripts/build-web installs axe-core from the npm registry")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))  # devtools protocol: not held by CSP
    found = page.evaluate(
        """async () => {
            const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
            const result = await window.axe.run(document, {
                runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
            });
            const where = v => v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ");
            return result.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.id} (${v.impact}): ${where(v)} [${v.nodes.length} nodes]`);
        }"""
    )
    axe.record(width, name, found)  # printed at the end of the run (tests/fixtures/axe.py)
    return found


@pytest.fixture
def sized(chromium, request):
    """A new tab at a given width (and the browser's time zone), with script errors kept:
    ``sized(390)``; every tab it opened is closed after the test."""
    opened = []

    def open_tab(width: int, timezone_id: str | None = None):
        options = {"viewport": {"width": width, "height": 900}, "accept_downloads": True}
        if timezone_id:
            options["timezone_id"] = timezone_id
        context = chromium.new_context(**options)
        opened.append(context)
        tab = context.new_page()
        tab.set_default_timeout(10_000)
        errors: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        tab.script_errors = errors
        return tab

    yield open_tab
    for context in opened:
        context.close()


@pytest.fixture
def snap(request):
    """Save a screenshot as test-output/screenshots/<folder>/<name>-<width>.png."""
    root = Path(request.config.rootpath) / "test-output" / "screenshots"

    def take(page, folder: str, name: str, width: int, full: bool = True) -> Path:
        path = root / folder / f"{name}-{width}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=full)
        return path

    return take


@pytest.fixture
def empty_live(sqlite_url, clock):
    """The app on an empty record (no profile), SQLite, at the tests' fixed moment."""
    with LiveServer(sqlite_url, clock.isoformat()) as server:
        yield server
