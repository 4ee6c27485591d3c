"""Opening, migrating and backing up databases (store/database.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from topofmind.errors import DatabaseNotMigrated, DatabaseUnreachable, NotADatabase
from topofmind.store import database as store_database
from topofmind.store.database import backup_sqlite, open_database


def add_org(name: str) -> str:
    """SQL inserting an organization, as another program holding the file would."""
    return (
        "INSERT INTO organizations (owner_id, name, website, notes, created_at) "
        f"VALUES (1, '{name}', '', '', '2026-11-24 20:00:00')"
    )


def test_sqlite_runs_with_wal_and_foreign_keys(sqlite_url):
    db = open_database(sqlite_url)
    try:
        with db.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        db.dispose()


def test_a_transaction_is_all_or_nothing(db_url):
    from conftest import open_context
    from topofmind.store.schema import organizations

    ctx = open_context(db_url)
    try:
        with pytest.raises(RuntimeError), ctx.db.begin() as conn:
            conn.execute(organizations.insert().values(owner_id=1, name="Half Written"))
            raise RuntimeError("something failed halfway")
        with ctx.db.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM organizations")).scalar() == 0
    finally:
        ctx.db.dispose()


def test_backup_while_another_connection_writes(sqlite_url, tmp_path):
    db = open_database(sqlite_url)
    with db.begin() as conn:
        conn.execute(text(add_org("Committed")))
    writer = sqlite3.connect(sqlite_url, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(add_org("In flight"))
        saved = backup_sqlite(db, tmp_path / "copy.db")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        db.dispose()
    with sqlite3.connect(saved) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT name FROM organizations").fetchall() == [("Committed",)]


def test_backup_into_a_folder_names_the_file(sqlite_url, tmp_path):
    db = open_database(sqlite_url)
    try:
        saved = backup_sqlite(db, tmp_path)
    finally:
        db.dispose()
    assert saved.parent == tmp_path and saved.name.startswith("topofmind-")


def test_opening_a_database_behind_head_backs_it_up_first(sqlite_url, tom_home, monkeypatch):
    open_database(sqlite_url).dispose()
    assert not (tom_home / "backups").exists()  # a new database has nothing to lose
    with sqlite3.connect(sqlite_url) as conn:
        conn.execute(add_org("Kept"))
    # The stored revision (the newest script) is behind a (pretend) newer release's head.
    current = store_database.HEAD
    monkeypatch.setattr(store_database, "HEAD", "9999")
    open_database(sqlite_url).dispose()
    saved = list((tom_home / "backups").glob(f"*before-migrate-{current}.db"))
    assert len(saved) == 1
    with sqlite3.connect(saved[0]) as copy:
        assert copy.execute("SELECT name FROM organizations").fetchall() == [("Kept",)]


def test_an_empty_file_becomes_a_database(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    open_database(str(empty)).dispose()
    assert empty.read_bytes().startswith(b"SQLite format 3")


def test_a_truncated_database_is_refused(sqlite_url, tmp_path):
    open_database(sqlite_url).dispose()
    broken = tmp_path / "broken.db"
    broken.write_bytes(Path(sqlite_url).read_bytes()[:200])
    with pytest.raises(NotADatabase):
        open_database(str(broken))


def test_unreachable_server():
    with pytest.raises(DatabaseUnreachable, match="Check the URL"):
        open_database("postgresql://postgres@127.0.0.1:1/x")


def test_postgres_is_not_migrated_behind_your_back(postgres_url):
    with pytest.raises(DatabaseNotMigrated, match="db upgrade"):
        open_database(postgres_url)


def test_a_postgresql_schema_holding_other_tables_is_refused(postgres_url):
    from topofmind.paths import database_url
    from topofmind.store.database import Database, make_engine, migrate_database

    engine = make_engine(database_url(postgres_url))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE recipes (id integer PRIMARY KEY)"))
    with pytest.raises(NotADatabase, match="holds tables but is not a topofmind database"):
        migrate_database(Database(engine, database_url(postgres_url)))
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE recipes"))
    migrate_database(Database(engine, database_url(postgres_url)))  # empty: migrated
    open_database(postgres_url).dispose()  # at HEAD: its version found on the search path
    engine.dispose()


def test_a_locked_database_is_one_line(sqlite_url, monkeypatch):
    from topofmind.errors import DatabaseBusy

    monkeypatch.setattr(store_database, "BUSY_TIMEOUT_MS", 50)
    db = open_database(sqlite_url)
    writer = sqlite3.connect(sqlite_url, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        with pytest.raises(DatabaseBusy, match="is busy: another program"), db.begin() as conn:
            conn.execute(text(add_org("Blocked")))
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        db.dispose()
