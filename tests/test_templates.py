"""The records tests start from (tests/fixtures/templates.py) are the records the
fixtures would otherwise make: a copy of the demo holds every row, sequence and the
kept record version a demo loaded into a new database holds, and keeps behaving the
same as both are written to."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import inspect, text

from conftest import NOW, NOW_ISO, Tom, _postgres_schema, open_context
from fixtures.templates import PostgresTemplates, migrate


@pytest.fixture
def other_url(db_url, tmp_path) -> Iterator[str]:
    """A second, empty database on the same server or folder as ``db_url``."""
    if db_url.startswith("postgresql"):
        yield from _postgres_schema()
    else:
        yield str(tmp_path / "other.db")


def as_kept(value) -> str:
    """A value as compared: the moment a row was written by the real clock (whatever
    NOW is, ``owners.created_at`` and the like) differs between any two loads."""
    today = datetime.now(UTC).date().isoformat()
    return "<written today>" if str(value).startswith(today) else repr(value)


def contents(url: str) -> dict[str, list]:
    """Every row of every table, and every sequence's position, of the database at url."""
    ctx = open_context(url)
    found: dict[str, list] = {}
    try:
        with ctx.db.connect() as conn:
            for table in sorted(inspect(conn).get_table_names()):
                rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()
                found[table] = sorted((tuple(map(as_kept, row)) for row in rows), key=repr)
            if ctx.db.is_sqlite:
                return found
            for name in conn.execute(
                text("SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()")
            ).scalars():
                found[f"sequence {name}"] = list(
                    conn.execute(text(f'SELECT last_value, is_called FROM "{name}"')).one()
                )
    finally:
        ctx.db.dispose()
    return found


def test_a_copy_of_the_demo_is_the_demo_loaded_anew(tom_demo, db_url, other_url):
    """``tom_demo`` and ``demo_db`` start from one copied record: `tom demo` run anew
    makes the same, and both then count the same writes and keep the same agenda."""
    fresh = Tom(other_url)
    if other_url.startswith("postgresql"):
        migrate(other_url)
    assert fresh("demo").exit_code == 0
    assert contents(db_url) == contents(other_url)
    versions = contents(db_url)["record_versions"]
    assert versions and versions != [("1", "1", "0")]  # the demo's writes were counted
    for tom in (tom_demo, fresh):  # the same writes: the same ids and record version
        assert tom("org", "add", "Acme Robotics").exit_code == 0
        assert tom("today").exit_code == 0  # keeps the agenda at the new version
    assert contents(db_url) == contents(other_url)


def test_a_fresh_record_is_a_migrated_database_with_a_profile(fresh_db, other_url):
    from topofmind.services.profile import init_profile

    ctx = open_context(other_url)
    init_profile(ctx, "Jordan Lee", ["jordan.lee@example.com"], "America/New_York")
    ctx.db.dispose()
    assert fresh_db.now == NOW and Tom(other_url).now == NOW_ISO
    assert contents(fresh_db.db.url) == contents(other_url)


def schema_of(url: str) -> str:
    return url.rsplit("%3D", 1)[1]


def test_a_pooled_schema_is_emptied_and_reused_only_while_its_structure_holds(postgres_url):
    templates = PostgresTemplates(lambda url, kind: migrate(url))
    try:
        kept, changed = templates.copy("migrated"), templates.copy("migrated")
        assert Tom(kept)("org", "add", "Acme Robotics").exit_code == 0
        ctx = open_context(changed)
        with ctx.db.begin() as conn:
            conn.execute(text("ALTER TABLE organizations ADD COLUMN motto TEXT"))
        ctx.db.dispose()
        templates.give_back(kept)
        templates.give_back(changed)
        assert templates.free == [schema_of(kept)]
        again = templates.copy("migrated")
        assert templates.free == [] and schema_of(again) != schema_of(kept)
        held = contents(again)
        assert held["organizations"] == [] and held["alembic_version"]
        assert held == contents(templates.copy("migrated"))  # a new schema, migrated
        with templates.admin.cursor() as cursor:
            names = {schema_of(kept), schema_of(changed)}
            cursor.execute(
                "SELECT nspname FROM pg_namespace WHERE nspname = ANY(%s)", (list(names),)
            )
            assert cursor.fetchall() == []  # one renamed, the changed one dropped
    finally:
        templates.close()
