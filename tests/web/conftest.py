"""Fixtures for the web app: a TestClient on the demo or a fresh record, on both databases.

``web`` is the app on the demo job search at the fixed moment NOW; ``web_fresh`` the
same on a record holding only a profile. Both are ``Browser`` objects: a TestClient
that, like the pages' own script, sends the page's CSRF token with every change.

The demo is loaded once per session into a template (a SQLite file; a PostgreSQL
database) and each test gets a copy (a file copy; ``CREATE DATABASE ... TEMPLATE``),
which keeps the suite fast: migrating and loading the demo costs seconds on PostgreSQL.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import uuid
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

#: The moment tests believe it is (tests/conftest.py's NOW; checked equal in ``web``).
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=ZoneInfo("America/New_York"))
PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/test"

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
    from topofmind.web.app import create_app

    return Browser(TestClient(create_app(url, now)))


def _load_demo(url: str) -> None:
    from topofmind.services.context import Context
    from topofmind.services.demo import load_demo
    from topofmind.settings import Settings
    from topofmind.store.database import Database, make_engine, migrate_database, open_database
    from topofmind.store.location import database_url

    if url.startswith("postgresql"):
        full = database_url(url)
        database = Database(make_engine(full), full)
        migrate_database(database)
        database.dispose()
    ctx = Context(db=open_database(url), now=NOW, settings=Settings())
    load_demo(ctx)
    if ctx.db.is_sqlite:
        with ctx.db.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.db.dispose()


class DemoTemplates:
    """The demo, loaded once per session, copied for each test."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sqlite: Path | None = None
        self.postgres: str | None = None
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._dropper = None

    def sqlite_copy(self, target: Path) -> str:
        if self.sqlite is None:
            self.sqlite = self.folder / "demo-template.db"
            _load_demo(str(self.sqlite))
        shutil.copyfile(self.sqlite, target)
        return str(target)

    def _admin(self):
        import psycopg

        base = os.environ.get("TOM_TEST_POSTGRES_URL", PG_DEFAULT)
        try:
            return psycopg.connect(base, autocommit=True, connect_timeout=3), base
        except psycopg.OperationalError as exc:
            reason = f"PostgreSQL not reachable at {base}: {str(exc).strip().splitlines()[0]}"
            if os.environ.get("TOM_REQUIRE_POSTGRES") == "1":
                pytest.fail(reason)
            pytest.skip(reason)

    @staticmethod
    def _url(base: str, name: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(base).set(database=name).render_as_string(hide_password=False)

    def postgres_copy(self) -> tuple[str, str]:
        admin, base = self._admin()
        with admin:
            if self.postgres is None:
                name = f"tom_web_demo_{uuid.uuid4().hex[:8]}"
                admin.execute(f'CREATE DATABASE "{name}"')
                _load_demo(self._url(base, name))
                self.postgres = name
            copy = f"tom_web_{uuid.uuid4().hex[:12]}"
            admin.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{self.postgres}"')
        return self._url(base, copy), copy

    def drop(self, name: str) -> None:
        """Drop a copy in the background: DROP DATABASE waits for a checkpoint (seconds)."""
        import threading

        if self._dropper is None:
            self._dropper = threading.Thread(target=self._drop_queued, daemon=True)
            self._dropper.start()
        self._queue.put(name)

    def _drop_queued(self) -> None:
        while (name := self._queue.get()) is not None:
            admin, _ = self._admin()
            with admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        if self._dropper is not None:
            self._queue.put(None)
            self._dropper.join(timeout=120)
        if self.postgres is not None:
            admin, _ = self._admin()
            with admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.postgres}" WITH (FORCE)')


@pytest.fixture(scope="session")
def demo_templates(tmp_path_factory) -> DemoTemplates:
    folder = tmp_path_factory.mktemp("web-demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TOM_HOME", str(folder))
        templates = DemoTemplates(folder)
        yield templates
        templates.close()


@pytest.fixture(params=["sqlite", "postgres"])
def web(request, demo_templates, tmp_path, clock) -> Browser:
    """The app on a copy of the demo job search, on SQLite and on PostgreSQL."""
    assert clock == NOW
    dropped = None
    if request.param == "sqlite":
        url = demo_templates.sqlite_copy(tmp_path / "tom.db")
    else:
        url, dropped = demo_templates.postgres_copy()
    browser = make_browser(url, clock.isoformat())
    try:
        with browser.client:
            yield browser
    finally:
        browser.client.app.state.db.dispose()
        if dropped:
            demo_templates.drop(dropped)


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
