"""Fixtures shared by every test.

* ``tom_home`` (autouse) points the data directory at a temporary folder, so no test
  can touch real data, and clears every ``TOM_*`` variable.
* ``db_url`` is a fresh database, once on SQLite and once on PostgreSQL. The
  PostgreSQL run uses its own schema on ``TOM_TEST_POSTGRES_URL`` (default
  ``postgresql://postgres@127.0.0.1:5432/test``); where no server answers it is
  skipped with the reason, unless ``TOM_REQUIRE_POSTGRES=1`` (as in CI) makes that a
  failure.
* ``fresh_db`` is a Context on that database at the fixed moment ``NOW``;
  ``demo_db`` the same with the demo loaded.
* ``tom`` runs the CLI in-process with CliRunner against that database.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

#: Fixtures kept in their own modules: ``dovecot`` (a real IMAP server), ``http`` (a real
#: HTTP server with scripted responses), ``smtp_starttls``/``smtp_tls`` (a real SMTP server).
pytest_plugins = ["fixtures.dovecot", "fixtures.http", "fixtures.keyrings", "fixtures.smtp"]

# No test touches the keyring of whoever runs them: none, unless a test asks for one.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

#: Tuesday 24 November 2026, 15:00 in New York: the moment tests believe it is.
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=ZoneInfo("America/New_York"))
NOW_ISO = NOW.isoformat()

PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/test"


@pytest.fixture(autouse=True)
def tom_home(tmp_path, monkeypatch):
    for key in list(os.environ):
        if key.startswith("TOM_") and key not in {"TOM_TEST_POSTGRES_URL", "TOM_REQUIRE_POSTGRES"}:
            monkeypatch.delenv(key, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("TOM_HOME", str(home))
    return home


def _postgres_base() -> str:
    return os.environ.get("TOM_TEST_POSTGRES_URL", PG_DEFAULT)


def _postgres_schema() -> Iterator[str]:
    """A fresh schema on the test server; yields a URL whose search_path is that schema."""
    import psycopg

    base = _postgres_base()
    name = f"t_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(base, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        reason = f"PostgreSQL not reachable at {base}: {str(exc).strip().splitlines()[0]}"
        if os.environ.get("TOM_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    with admin:
        admin.execute(f'CREATE SCHEMA "{name}"')
        separator = "&" if "?" in base else "?"
        try:
            yield f"{base}{separator}options=-csearch_path%3D{name}"
        finally:
            admin.execute(f'DROP SCHEMA "{name}" CASCADE')


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "tom.db")
    else:
        yield from _postgres_schema()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return str(tmp_path / "tom.db")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    yield from _postgres_schema()


def open_context(url: str, now: datetime = NOW):
    from topofmind.services.context import Context
    from topofmind.settings import Settings
    from topofmind.store.database import Database, make_engine, migrate_database, open_database
    from topofmind.store.location import database_url

    if url.startswith("postgresql"):
        full = database_url(url)
        migrate_database(Database(make_engine(full), full))
    return Context(db=open_database(url), now=now, settings=Settings())


@pytest.fixture
def clock() -> datetime:
    return NOW


@pytest.fixture
def fresh_db(db_url):
    ctx = open_context(db_url)
    from topofmind.services.profile import init_profile

    init_profile(ctx, "Jordan Lee", ["jordan.lee@example.com"], "America/New_York")
    yield ctx
    ctx.db.dispose()


@pytest.fixture
def demo_db(db_url):
    from topofmind.services.demo import load_demo

    ctx = open_context(db_url)
    load_demo(ctx)
    yield ctx
    ctx.db.dispose()


class Tom:
    """Runs `tom` in-process against one database at a fixed moment."""

    def __init__(self, url: str, now: str = NOW_ISO) -> None:
        self.url = url
        self.now = now
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, now: str | None = None):
        from topofmind.cli.main import app

        argv = ["--db", self.url, "--now", now or self.now, *args]
        return self.runner.invoke(app, argv, input=input, catch_exceptions=False)


@pytest.fixture
def tom(db_url) -> Tom:
    """The CLI on a fresh database (PostgreSQL already migrated)."""
    if db_url.startswith("postgresql"):
        open_context(db_url).db.dispose()
    return Tom(db_url)


@pytest.fixture
def tom_demo(tom) -> Tom:
    """The CLI on a database holding the demo job search."""
    result = tom("demo")
    assert result.exit_code == 0, result.output
    return tom
