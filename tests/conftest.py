"""Fixtures shared by every test.

Run the suite with ``scripts/test`` (what CI runs, through ``.ci/run``): it installs
what the tests need, then runs pytest across every core (pytest-xdist, ``-n auto``,
each worker taking tests from the others as it runs out); arguments pass through, so
``scripts/test -n 0 tests/cli`` runs one folder in this process. Plain
``.venv/bin/python -m pytest`` runs in one process.

* ``tom_home`` (autouse) points the data directory at a temporary folder, so no test
  can touch real data, and clears every ``TOM_*`` variable.
* ``db_url`` is the test's own database, once on SQLite and once on PostgreSQL. The
  PostgreSQL run uses its own schema on ``TOM_TEST_POSTGRES_URL`` (default
  ``postgresql://postgres@127.0.0.1:5432/test``), named in the URL's
  ``options=-csearch_path=``; where no server answers it is skipped with the reason,
  unless ``TOM_REQUIRE_POSTGRES=1`` (as in CI) makes that a failure. It is empty (no
  file yet; a bare schema) unless the test uses a fixture of ``RECORD_OF``: then it is
  already a copy of that record, made once per session and worker
  (tests/fixtures/templates.py): the schema at HEAD, or the demo job search loaded at
  ``NOW``. ``records`` holds those templates.
* ``fresh_db`` is a Context on that database at the fixed moment ``NOW`` with Jordan
  Lee's profile; ``blank_db`` the same without the profile (what a first run finds);
  ``demo_db`` the same on the demo (as ``load_demo`` makes it).
* ``sqlite_record(kind, path)`` puts a copy of the session's ``migrated`` or ``demo``
  record in a SQLite file of the test's own, for tests that need a second database.
* ``tom`` runs the CLI in-process with CliRunner against that database (migrated);
  ``tom_demo`` the same on the demo as ``tom demo`` makes it.
* ``recorded(tom, build)`` gives a fixture's CLI-built record (``acme``, the scenarios'
  ``search``) the same treatment: built by the first test, copied for the rest.
* ``sqlite_url`` and ``postgres_url`` are an empty database of one kind, for tests
  about creating, migrating or refusing one.

Servers a test starts listen on ports the system picks, and files go under
``tmp_path``, so workers never share one; tests/fixtures/ has the real servers (IMAP,
HTTP, SMTP) and the axe-core tally of the browser tests.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import typer.testing
from typer.testing import CliRunner

from fixtures.templates import (
    PostgresTemplates,
    SqliteTemplates,
    fill,
    migrate,
    postgres_admin,
    postgres_base,
    schema_url,
)

#: Fixtures kept in their own modules: ``dovecot`` (a real IMAP server), ``http`` (a real
#: HTTP server with scripted responses), ``smtp_starttls``/``smtp_tls`` (a real SMTP server).
pytest_plugins = [
    "fixtures.axe",
    "fixtures.dovecot",
    "fixtures.http",
    "fixtures.keyrings",
    "fixtures.smtp",
]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items) -> None:
    """The longest tests first: real processes killed midway (``durability``), then the
    browser's (``browser``). Each pytest-xdist worker takes tests from the others as it runs
    out, so the run ends on short tests rather than on one worker still in a long one."""

    def weight(item) -> int:
        if item.get_closest_marker("durability"):
            return 0
        return 1 if item.get_closest_marker("browser") else 2

    items.sort(key=weight)  # stable: the collection's order within each kind


# Typer's CliRunner turns the app into a click command on every invoke: each command's
# signature and type hints read again, about half of what a short `tom` run in a test
# cost. The app is the same from one run to the next (its modules register every
# command when `topofmind.cli.main` is imported), so the command is built once per app.
typer.testing._get_command = functools.cache(typer.testing._get_command)

# No test touches the keyring of whoever runs them: none, unless a test asks for one.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

#: Tuesday 24 November 2026, 15:00 in New York: the moment tests believe it is.
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=ZoneInfo("America/New_York"))
NOW_ISO = NOW.isoformat()

#: What each fixture needs the test's database to hold already: a copy of that record
#: (tests/fixtures/templates.py) instead of migrating and loading it in the test.
RECORD_OF = {
    "demo_db": "demo",
    "web": "demo",  # tests/web/conftest.py
    "tom_demo": "demo",
    "fresh_db": "migrated",
    "blank_db": "migrated",
    "tom": "migrated",
    "web_empty": "migrated",
}
#: Which of those records the test's database was made as (None: empty).
HOLDS = pytest.StashKey[str | None]()


@pytest.fixture(scope="session", autouse=True)
def one_dialect_per_database_kind() -> Iterator[None]:
    """Every engine the tests open shares its kind's dialect and compiled statements.

    A test opens a database or two of its own and runs a few commands on it; each
    command opens an engine, whose cache of compiled statements starts empty, and a
    command's statements are compiled anew: about two fifths of a short command's time
    in the tests. One dialect and one cache for SQLite and one for PostgreSQL compile
    each statement once per test process. The program opens one database per process.
    """
    from sqlalchemy.util import LRUCache

    from topofmind.store import database

    made = database.make_engine
    shared: dict[str, tuple] = {}

    def make(url: str):
        engine = made(url)
        kind = engine.dialect.name
        if kind not in shared:
            shared[kind] = (engine.dialect, LRUCache(5_000))
        engine.dialect, engine._compiled_cache = shared[kind]
        engine.pool._dialect = engine.dialect
        return engine

    database.make_engine = make
    yield
    database.make_engine = made


@pytest.fixture(autouse=True)
def tom_home(tmp_path, monkeypatch):
    for key in list(os.environ):
        if key.startswith("TOM_") and key not in {"TOM_TEST_POSTGRES_URL", "TOM_REQUIRE_POSTGRES"}:
            monkeypatch.delenv(key, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("TOM_HOME", str(home))
    return home


def _postgres_schema() -> Iterator[str]:
    """A fresh, empty schema on the test server; yields a URL whose search_path is it."""
    admin = postgres_admin()
    name = f"t_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(f'CREATE SCHEMA "{name}"')
        try:
            yield schema_url(postgres_base(), name)
        finally:
            admin.execute(f'DROP SCHEMA "{name}" CASCADE')


@pytest.fixture(scope="session")
def records(tmp_path_factory) -> Iterator[tuple[SqliteTemplates, PostgresTemplates]]:
    """The records tests start from, made once per session (tests/fixtures/templates.py)."""
    folder = tmp_path_factory.mktemp("records")
    home = folder / "home"
    home.mkdir()

    def build(url: str, kind: str) -> None:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("TOM_HOME", str(home))
            migrate(url)
            fill(url, kind, NOW)

    postgres = PostgresTemplates(build)
    try:
        yield SqliteTemplates(folder, build), postgres
    finally:
        postgres.close()


def _record_of(request) -> str | None:
    """The record the test's fixtures start from: the demo before a bare schema."""
    wanted = [RECORD_OF[name] for name in RECORD_OF if name in request.fixturenames]
    return wanted[0] if wanted else None


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path, records) -> Iterator[str]:
    """The test's database: empty, or already the record its fixtures ask for."""
    sqlite, postgres = records
    kind = _record_of(request)
    if request.param == "sqlite":
        url = str(tmp_path / "tom.db")
        if kind is not None:
            sqlite.copy(kind, tmp_path / "tom.db")
    else:
        url = postgres.copy(kind) if kind is not None else postgres.empty()
    request.node.stash[HOLDS] = kind
    try:
        yield url
    finally:
        if request.param == "postgres":
            postgres.give_back(url)


@pytest.fixture
def recorded(request, records, db_url, tom_home):
    """``recorded(tom, build)``: the record ``build(tom)`` makes with the CLI, built by the
    first test that asks for it on each database (per session and worker) and copied for
    the others, as ``demo_db`` copies the demo. A build that leaves files in the data
    directory is run for every test, since a copy of the database would not hold them."""
    sqlite, postgres = records

    def use(tom: Tom, build) -> Tom:
        kind = f"{build.__module__}.{build.__qualname__} at {tom.now}"
        if db_url.startswith("postgresql"):
            if postgres.refill(db_url, kind):
                return tom
        elif kind in sqlite.files:
            sqlite.copy(kind, Path(db_url))
            return tom
        before = sorted(tom_home.rglob("*"))
        build(tom)
        if sorted(tom_home.rglob("*")) == before:
            if db_url.startswith("postgresql"):
                postgres.snapshot(kind, db_url)
            else:
                sqlite.snapshot(kind, Path(db_url))
        return tom

    return use


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return str(tmp_path / "tom.db")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    yield from _postgres_schema()


def open_context(url: str, now: datetime = NOW):
    from topofmind.paths import database_url
    from topofmind.services.context import Context
    from topofmind.settings import Settings
    from topofmind.store.database import Database, make_engine, migrate_database, open_database

    if url.startswith("postgresql"):
        full = database_url(url)
        migrate_database(Database(make_engine(full), full))
    return Context(db=open_database(url), now=now, settings=Settings())


@pytest.fixture
def clock() -> datetime:
    return NOW


@pytest.fixture
def fresh_db(db_url):
    """A Context on a record holding only Jordan Lee's profile."""
    ctx = open_context(db_url)
    from topofmind.services.profile import init_profile

    init_profile(ctx, "Jordan Lee", ["jordan.lee@example.com"], "America/New_York")
    yield ctx
    ctx.db.dispose()


@pytest.fixture
def blank_db(db_url):
    """A Context on a migrated record holding nothing: no profile yet."""
    ctx = open_context(db_url)
    yield ctx
    ctx.db.dispose()


@pytest.fixture
def sqlite_record(records):
    """``sqlite_record(kind, path)``: the session's record of ``kind`` (``migrated``: the
    schema alone, as `tom` makes a new file; ``demo``) copied to the SQLite file ``path``;
    returns the path as a URL."""
    sqlite, _ = records

    def copy(kind: str, path: Path) -> str:
        return sqlite.copy(kind, path)

    return copy


@pytest.fixture
def demo_db(request, db_url):
    """A Context on the demo job search, loaded at NOW."""
    from topofmind.services.demo import load_demo

    ctx = open_context(db_url)
    if request.node.stash[HOLDS] != "demo":
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
    """The CLI on a migrated database (or one holding the demo, with ``tom_demo``)."""
    return Tom(db_url)


@pytest.fixture
def tom_demo(request, tom) -> Tom:
    """The CLI on a database holding the demo job search, as `tom demo` loads it."""
    if request.node.stash[HOLDS] != "demo":
        result = tom("demo")
        assert result.exit_code == 0, result.output
    return tom
