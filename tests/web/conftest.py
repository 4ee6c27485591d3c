"""Fixtures for the web app: a TestClient on the demo or a fresh record, on both databases.

``web`` is the app on the demo job search at the fixed moment NOW; ``web_fresh`` the
same on a record holding only a profile. Both are ``Browser`` objects: a TestClient
that, like the pages' own script, sends the page's CSRF token with every change.

Their databases are copies of records made once per session (``db_url`` in
tests/conftest.py, tests/fixtures/templates.py): ``web`` the demo, ``web_empty`` a
migrated database, ``web_fresh`` one with a profile.
"""

from __future__ import annotations

import functools
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

#: The moment tests believe it is (tests/conftest.py's NOW; checked equal in ``web``).
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=ZoneInfo("America/New_York"))

TOKEN = re.compile(r'<meta name="csrf-token" content="([0-9a-f]+)">')


class Browser:
    """A TestClient holding a session and its CSRF token."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.token = ""

    def get(self, path: str, **kwargs):
        response = self.client.get(path, **kwargs)
        found = TOKEN.search(response.text)
        if found:
            self.token = found.group(1)
        return response

    def _ensure_token(self) -> None:
        if not self.token:
            self.token = self.client.get("/api/session").json()["csrf_token"]

    def post(self, path: str, htmx: bool = False, **kwargs):
        self._ensure_token()
        headers = {"X-CSRF-Token": self.token, **kwargs.pop("headers", {})}
        if htmx:
            headers["HX-Request"] = "true"
        return self.client.post(path, headers=headers, **kwargs)

    def delete(self, path: str, **kwargs):
        self._ensure_token()
        headers = {"X-CSRF-Token": self.token, **kwargs.pop("headers", {})}
        return self.client.delete(path, headers=headers, **kwargs)

    def form(self, path: str, data: dict | None = None, **kwargs):
        """Submit a plain HTML form: the token travels as a hidden field, not a header."""
        self._ensure_token()
        return self.client.post(path, data={"csrf_token": self.token, **(data or {})}, **kwargs)


def make_browser(url: str, now: str) -> Browser:
    """A browser on the app opened on ``url`` at ``now``. The app itself (its pages, API
    and guards) is built once per test process and opened on each test's record: the
    first request to a new app spends tens of milliseconds preparing its routes."""
    from topofmind.web.app import open_record

    app = _app()
    open_record(app, url, now)
    return Browser(TestClient(app))


@functools.cache
def _app():
    from topofmind.web.app import build_app

    return build_app()


class DemoTemplates:
    """Copies of the demo for tests that make their own app (tests/fixtures/templates.py)."""

    def __init__(self, records) -> None:
        self.sqlite, self.postgres = records

    def sqlite_copy(self, target: Path) -> str:
        return self.sqlite.copy("demo", target)


@pytest.fixture(scope="session")
def demo_templates(records) -> DemoTemplates:
    return DemoTemplates(records)


@pytest.fixture
def web(db_url, clock) -> Browser:
    """The app on a copy of the demo job search, on SQLite and on PostgreSQL."""
    assert clock == NOW
    browser = make_browser(db_url, clock.isoformat())
    try:
        with browser.client:
            yield browser
    finally:
        browser.client.app.state.db.dispose()


@pytest.fixture
def web_fresh(fresh_db, clock) -> Browser:
    browser = make_browser(fresh_db.db.url, clock.isoformat())
    with browser.client:
        yield browser


@pytest.fixture
def web_empty(db_url, clock) -> Browser:
    """The app on a record with nothing in it, not even a profile (a migrated database)."""
    browser = make_browser(db_url, clock.isoformat())
    with browser.client:
        yield browser
