"""Fixtures for the web app: a TestClient on the demo or a fresh record, on both databases.

``web`` is the app on the demo job search at the fixed moment NOW; ``web_fresh`` the
same on a record holding only a profile. Both are ``Browser`` objects: a TestClient
that, like the pages' own script, sends the page's CSRF token with every change.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

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

    def form(self, path: str, data: dict | None = None, **kwargs):
        """Submit a plain HTML form: the token travels as a hidden field, not a header."""
        self._ensure_token()
        return self.client.post(path, data={"csrf_token": self.token, **(data or {})}, **kwargs)


def make_browser(url: str, now: str) -> Browser:
    from topofmind.web.app import create_app

    return Browser(TestClient(create_app(url, now)))


@pytest.fixture
def web(demo_db, clock) -> Browser:
    browser = make_browser(demo_db.db.url, clock.isoformat())
    with browser.client:
        yield browser


@pytest.fixture
def web_fresh(fresh_db, clock) -> Browser:
    browser = make_browser(fresh_db.db.url, clock.isoformat())
    with browser.client:
        yield browser


@pytest.fixture
def web_empty(db_url, clock) -> Browser:
    """The app on a record with nothing in it, not even a profile."""
    from topofmind.store.database import Database, make_engine, migrate_database
    from topofmind.store.location import database_url

    if db_url.startswith("postgresql"):
        full = database_url(db_url)
        engine = Database(make_engine(full), full)
        migrate_database(engine)
        engine.dispose()
    browser = make_browser(db_url, clock.isoformat())
    with browser.client:
        yield browser
