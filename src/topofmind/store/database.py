"""Opening a database: SQLite by default, PostgreSQL by URL, migrated and checked.

A local SQLite file migrates itself when opened, after a backup; PostgreSQL is
migrated by ``tom db upgrade`` and otherwise refused while behind. Every write that
belongs together runs inside one ``Database.begin()`` transaction.

A process holds one ``Database`` per URL, shared by everything in it that opens the
same database (the web app, its background sync, the words `tom serve` prints), and
nothing but SQLite ever opens a SQLite file, its ``-wal`` or its ``-shm``: on POSIX,
closing any descriptor of a file drops every lock the process holds on it, SQLite's
included, and the next program to open the file would then take the write-ahead log
from under the connection still writing to it. The header is checked by SQLite's own
first read, and copies are made with SQLite's backup API.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError

from topofmind.errors import (
    DatabaseBusy,
    DatabaseNotMigrated,
    DatabaseTooNew,
    DatabaseUnreachable,
    NotADatabase,
    TomError,
)
from topofmind.paths import backups_dir, database_url, is_sqlite, sqlite_path
from topofmind.store.migrations import HEAD

#: How long a SQLite write waits for another writer (the web app, a second tom) to finish.
BUSY_TIMEOUT_MS = 10000
#: How much of a SQLite file is memory-mapped for reading (256 MiB).
SQLITE_MMAP_BYTES = 256 * 1024 * 1024


class Database:
    """An engine on one topofmind database, with its URL and dialect."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        #: How many openers share this Database (``open_database``); 0 for one made alone.
        self.users = 0
        #: The SQLite file's identity when it was opened: a file replaced since is new.
        self.identity: tuple[int, int] | None = None

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
        """Done with this database: its connections close once its last opener is done."""
        with _SHARED_GUARD:
            if self.users > 0:
                self.users -= 1
                if self.users > 0:
                    return
                if _SHARED.get(self.url) is self:
                    del _SHARED[self.url]
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


#: The databases open in this process, by URL: one engine (and one set of SQLite
#: connections) per database, however many parts of the program open it.
_SHARED: dict[str, Database] = {}
_SHARED_GUARD = threading.RLock()


def _file_identity(path: Path | None) -> tuple[int, int] | None:
    """The device and inode of a SQLite file (stat opens no descriptor); None if absent."""
    if path is None:
        return None
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _shared(url: str) -> Database | None:
    """The Database this process already has open on ``url``, one more user counted."""
    database = _SHARED.get(url)
    if database is None:
        return None
    if database.path is not None and _file_identity(database.path) != database.identity:
        del _SHARED[url]  # the file was removed or replaced: the old engine is not its
        return None
    database.users += 1
    return database


def _share(database: Database) -> Database:
    database.users = 1
    database.identity = _file_identity(database.path)
    _SHARED[database.url] = database
    return database


def upgrade_database(db: str | None = None) -> tuple[str, str | None, Path | None]:
    """Bring the named database to HEAD (what `tom db upgrade` does).

    Returns its display name, the revision it had (None for a new one) and the
    backup taken first, if any. Refuses files that are not topofmind databases
    and schemas newer than this version knows.
    """
    url = database_url(db)
    with _SHARED_GUARD:
        database = _shared(url)
        if database is None:
            _prepare_sqlite_file(url)
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
    with _SHARED_GUARD:
        database = _shared(url)
        if database is not None:
            return database
        database = _open_unshared(url, migrate)
        return _share(database)


def _open_unshared(url: str, migrate: bool) -> Database:
    _prepare_sqlite_file(url)
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


def _prepare_sqlite_file(url: str) -> None:
    """Refuse a folder named as a SQLite database and make the file's folder.

    Whether the file is a SQLite database is left to SQLite's first read of its
    header: this process may already hold the file open, and a descriptor opened and
    closed here would drop that connection's locks.
    """
    path = sqlite_path(url)
    if path is None:
        return
    if path.is_dir():
        raise NotADatabase(f"{path} is a folder, not a database file. Name a file with --db.")
    path.parent.mkdir(parents=True, exist_ok=True)


def _not_sqlite(database: Database, exc: DatabaseError) -> NotADatabase:
    """SQLite's refusal to read a file as a database, in words naming the fix."""
    if database.is_sqlite and "not a database" in str(exc.orig):
        return NotADatabase(
            f"{database.path} is not a SQLite database. Name another file with --db or TOM_DB."
        )
    return NotADatabase(f"{database.display_url()} is not a usable database: {exc.orig}")


def _current_revision(database: Database) -> str | None:
    """The schema revision stored in the database, or None if it has none yet."""
    try:
        with database.connect() as conn:
            if not _count(conn, _HAS_VERSION, database.is_sqlite):
                if _count(conn, _OTHER_TABLES, database.is_sqlite):
                    raise NotADatabase(
                        f"{database.display_url()} holds tables but is not a topofmind "
                        "database. Name another database with --db or TOM_DB."
                    )
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError as exc:
        _dispose_unshared(database)
        if database.is_sqlite:
            if "not a database" in str(exc.orig):
                raise _not_sqlite(database, exc) from None
            raise NotADatabase(f"{database.display_url()} cannot be read: {exc.orig}") from None
        raise DatabaseUnreachable(
            f"Cannot reach the database at {database.display_url()}: "
            f"{str(exc.orig).strip().splitlines()[0]}. Check the URL and that the server runs."
        ) from None
    except DatabaseError as exc:
        _dispose_unshared(database)
        raise _not_sqlite(database, exc) from None


#: Asked on every open, so asked directly, fastest first: whether the version table is
#: there (``to_regclass`` follows the search path, as Alembic does), then, only for a
#: database without one, whether it holds other tables. The reflection query behind
#: ``inspect().get_table_names()`` plans a join over the whole catalogue: several
#: milliseconds on a server holding many schemas.
_HAS_VERSION = {
    True: "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'",
    False: "SELECT count(to_regclass('alembic_version'))",
}
_OTHER_TABLES = {
    True: "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name != 'sqlite_sequence'",
    False: "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()",
}


def _count(conn: Connection, sql: dict[bool, str], sqlite: bool) -> int:
    return int(conn.execute(text(sql[sqlite])).scalar_one())


def _dispose_unshared(database: Database) -> None:
    """Close a database that failed to open; one shared with others is theirs to close."""
    if database.users == 0:
        database.dispose()


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
    with migrating(database) as conn:
        command.upgrade(_alembic_config(conn), "head")
    return backup


@contextmanager
def migrating(database: Database) -> Iterator[Connection]:
    """A connection to change the schema on, in one transaction. On SQLite, foreign keys
    are off meanwhile: a migration that rebuilds a table (copy, drop, rename) would
    otherwise delete or empty every row that refers to it through ON DELETE CASCADE or
    SET NULL. They are checked before the change is committed, and on again after."""
    with database.engine.connect() as conn:
        if database.is_sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")  # only outside a transaction
            conn.commit()
        try:
            with conn.begin():
                yield conn
                if database.is_sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise TomError(
                            f"The schema change left {len(broken)} rows pointing at nothing "
                            f"(first in {broken[0][0]}); nothing was changed."
                        )
        finally:
            if database.is_sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


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
    # Through one of the database's own connections and SQLite's backup API: never a
    # second handle on the file (see the module's docstring).
    source = database.engine.raw_connection()
    sqlite = source.driver_connection
    assert isinstance(sqlite, sqlite3.Connection)  # a SQLite database's own connection
    dest = sqlite3.connect(str(target))
    try:
        with dest:
            sqlite.backup(dest)
    finally:
        dest.close()
        source.close()
    return target
