"""Opening a database: SQLite by default, PostgreSQL by URL, migrated and checked.

A local SQLite file migrates itself when opened, after a backup; PostgreSQL is
migrated by ``tom db upgrade`` and otherwise refused while behind. Every write that
belongs together runs inside one ``Database.begin()`` transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DatabaseError, OperationalError

from topofmind.errors import (
    DatabaseBusy,
    DatabaseNotMigrated,
    DatabaseTooNew,
    DatabaseUnreachable,
    NotADatabase,
    TomError,
)
from topofmind.store.location import backups_dir, database_url, is_sqlite, sqlite_path
from topofmind.store.migrations import HEAD

SQLITE_MAGIC = b"SQLite format 3\x00"
#: How long a SQLite write waits for another writer (the web app, a second tom) to finish.
BUSY_TIMEOUT_MS = 5000
#: How much of a SQLite file is memory-mapped for reading (256 MiB).
SQLITE_MMAP_BYTES = 256 * 1024 * 1024


class Database:
    """An engine on one topofmind database, with its URL and dialect."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back on any error."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except OperationalError as exc:
            busy = _busy(exc, self)
            if busy is None:
                raise
            raise busy from None

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection for reading."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except OperationalError as exc:
            busy = _busy(exc, self)
            if busy is None:
                raise
            raise busy from None

    def dispose(self) -> None:
        self.engine.dispose()

    def display_url(self) -> str:
        """The SQLite file's path, or the server URL without its password."""
        if self.path is not None:
            return str(self.path)
        return self.engine.url.set(drivername="postgresql").render_as_string(hide_password=True)


def _busy(exc: OperationalError, database: Database) -> DatabaseBusy | None:
    """A locked SQLite file as an error for people; None for any other failure."""
    if database.is_sqlite and "locked" in str(exc.orig).lower():
        return DatabaseBusy(
            f"{database.display_url()} is busy: another program (the web app, another tom) "
            "is writing to it. Try again in a moment."
        )
    return None


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # Pages read from the mapped file rather than one read() call each: the agenda's
    # few large reads of a long search spend half as long in the system.
    cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cursor.close()


def make_engine(url: str) -> Engine:
    if is_sqlite(url):
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})


def upgrade_database(db: str | None = None) -> tuple[str, str | None, Path | None]:
    """Bring the named database to HEAD (what `tom db upgrade` does).

    Returns its display name, the revision it had (None for a new one) and the
    backup taken first, if any. Refuses files that are not topofmind databases
    and schemas newer than this version knows.
    """
    url = database_url(db)
    if is_sqlite(url):
        path = sqlite_path(url)
        _check_sqlite_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
    database = Database(make_engine(url), url)
    try:
        current = _current_revision(database)
        if current == HEAD:
            return database.display_url(), current, None
        if current is not None and not _is_known_revision(current):
            raise DatabaseTooNew(
                f"{database.display_url()} has schema {current}, newer than this topofmind "
                "knows. Upgrade topofmind: pip install --upgrade topofmind."
            )
        saved = migrate_database(database, current)
        return database.display_url(), current, Path(saved) if saved else None
    finally:
        database.dispose()


def open_database(db: str | None = None, *, migrate: bool = True) -> Database:
    """The database named by ``db``, ``TOM_DB`` or the default, ready to use.

    A SQLite file (created if missing) is backed up and migrated when behind;
    PostgreSQL must be migrated with ``tom db upgrade`` (``migrate_database``).
    """
    url = database_url(db)
    if is_sqlite(url):
        path = sqlite_path(url)
        _check_sqlite_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
    database = Database(make_engine(url), url)
    current = _current_revision(database)
    if current == HEAD:
        return database
    if current is not None and not _is_known_revision(current):
        database.dispose()
        raise DatabaseTooNew(
            f"The database at {database.display_url()} was written by a newer topofmind "
            f"(schema {current}). Upgrade topofmind: pip install --upgrade topofmind."
        )
    if database.is_sqlite and migrate:
        migrate_database(database, current)
        return database
    if not database.is_sqlite:
        database.dispose()
        raise DatabaseNotMigrated(
            f"The PostgreSQL database {database.display_url()} is at schema "
            f"{current or 'none'}, not {HEAD}. Run: tom --db URL db upgrade"
        )
    return database


def _check_sqlite_file(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    if path.is_dir():
        raise NotADatabase(f"{path} is a folder, not a database file. Name a file with --db.")
    with path.open("rb") as handle:
        head = handle.read(16)
    if head != SQLITE_MAGIC:
        raise NotADatabase(
            f"{path} is not a SQLite database. Name another file with --db or TOM_DB."
        )


def _current_revision(database: Database) -> str | None:
    """The schema revision stored in the database, or None if it has none yet."""
    try:
        with database.connect() as conn:
            names = set(inspect(conn).get_table_names())
            if "alembic_version" not in names:
                if names - {"sqlite_sequence"}:
                    raise NotADatabase(
                        f"{database.display_url()} holds tables but is not a topofmind "
                        "database. Name another database with --db or TOM_DB."
                    )
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError as exc:
        database.dispose()
        if database.is_sqlite:
            raise NotADatabase(f"{database.display_url()} cannot be read: {exc.orig}") from None
        raise DatabaseUnreachable(
            f"Cannot reach the database at {database.display_url()}: "
            f"{str(exc.orig).strip().splitlines()[0]}. Check the URL and that the server runs."
        ) from None
    except DatabaseError as exc:
        database.dispose()
        raise NotADatabase(
            f"{database.display_url()} is not a usable database: {exc.orig}"
        ) from None


def _alembic_config(connection: Connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.attributes["connection"] = connection
    return config


def _is_known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    config = _alembic_config(None)  # type: ignore[arg-type]
    try:
        return ScriptDirectory.from_config(config).get_revision(revision) is not None
    except Exception:
        return False


def migrate_database(database: Database, current: str | None = "unknown") -> str | None:
    """Bring the schema to HEAD; back up a SQLite file first. Returns the backup path."""
    from alembic import command

    if current == "unknown":
        current = _current_revision(database)
    if current == HEAD:
        return None
    backup = None
    if database.is_sqlite and current is not None:
        backup = str(backup_sqlite(database, reason=f"before-migrate-{current}"))
    with database.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")
    return backup


def backup_sqlite(database: Database, target: Path | None = None, reason: str = "") -> Path:
    """A consistent copy of a SQLite database, even while it is in use."""
    if not database.is_sqlite:
        raise TomError("`tom backup` copies SQLite databases; back up PostgreSQL with pg_dump.")
    if target is None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        suffix = f"-{reason}" if reason else ""
        target = backups_dir() / f"topofmind-{stamp}{suffix}.db"
    target = Path(target).expanduser()
    if target.is_dir():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = target / f"topofmind-{stamp}.db"
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(str(database.path))
    dest = sqlite3.connect(str(target))
    try:
        with dest:
            source.backup(dest)
    finally:
        dest.close()
        source.close()
    return target
