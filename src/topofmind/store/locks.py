"""Named locks held across processes for as long as a long job runs on one database.

Two programs on the same record (the web app syncing in the background, a `tom sync`
in a terminal, a scheduled job) must not read the same mail side by side. A SQLite
database takes a file lock next to its file; a PostgreSQL database a session advisory
lock on a connection of its own, named after the schema it works in. Both are released
by the system when the process holding them dies, so a killed job never leaves a lock
behind, and whether one is held tells a job that is running from one that was stopped.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import text

from topofmind.store.database import Database

#: The advisory lock's key: one per schema and name, so several people's records in one
#: PostgreSQL database (a schema each) lock independently.
_KEY = "hashtextextended(current_schema() || ':topofmind:' || :name, 0)"

#: For a database with no file (SQLite in memory), only this process can use it anyway.
_in_memory: dict[tuple[str, str], threading.Lock] = {}
_in_memory_guard = threading.Lock()


class Held(Exception):
    """The lock is held by another job, in this process or another."""


def lock_path(database_file: Path, name: str) -> Path:
    """The lock file for ``name`` beside the database file."""
    return database_file.with_name(f"{database_file.name}.{name}.lock")


#: Seconds a job waits for a lock that someone holds: long enough for another program
#: that only looked whether it is held (``is_held`` takes it for an instant), never long
#: enough to wait out a job.
PATIENCE = 0.5
#: Seconds between tries while waiting.
POLL = 0.05


@contextmanager
def holding(
    db: Database, name: str, patience: float = PATIENCE, passing: bool = False
) -> Iterator[None]:
    """Hold the lock ``name`` on ``db`` for the block; raise ``Held`` if another job
    still holds it after ``patience`` seconds.

    A ``passing`` lock (one per file imported) leaves no lock file behind when released;
    whether it is held is then only looked at, never waited for."""
    if db.is_sqlite:
        with _holding_file(db, name, patience, passing):
            yield
    else:
        with _holding_advisory(db, name, patience):
            yield


def is_held(db: Database, name: str) -> bool:
    """Whether a job holds ``name`` on ``db`` right now (it is not taken)."""
    if db.path is not None and not lock_path(db.path, name).exists():
        return False  # never taken, or a passing lock released: no file is made to look
    try:
        with holding(db, name, patience=0):
            return False
    except Held:
        return True


@contextmanager
def _holding_file(db: Database, name: str, patience: float, passing: bool) -> Iterator[None]:
    """A lock file beside the database; a lock of this process for one without a file."""
    lock: threading.Lock | FileLock
    if db.path is None:
        with _in_memory_guard:
            lock = _in_memory.setdefault((db.url, name), threading.Lock())
        taken = lock.acquire(timeout=patience) if patience > 0 else lock.acquire(blocking=False)
    else:
        lock = FileLock(lock_path(db.path, name), thread_local=False)
        try:
            taken = bool(lock.acquire(timeout=patience, poll_interval=POLL))
        except Timeout:
            taken = False
    if not taken:
        raise Held(name)
    try:
        yield
    finally:
        if passing and db.path is not None:
            lock_path(db.path, name).unlink(missing_ok=True)  # still ours until released
        lock.release()


@contextmanager
def _holding_advisory(db: Database, name: str, patience: float) -> Iterator[None]:
    conn = db.engine.connect()
    try:
        deadline = time.monotonic() + patience
        while True:
            taken = conn.execute(
                text(f"SELECT pg_try_advisory_lock({_KEY})"), {"name": name}
            ).scalar()
            conn.commit()  # the lock is the session's: it outlives this transaction
            if taken or time.monotonic() >= deadline:
                break
            time.sleep(POLL)
    except BaseException:
        conn.close()
        raise
    if not taken:
        conn.close()
        raise Held(name)
    try:
        yield
    finally:
        try:
            conn.execute(text(f"SELECT pg_advisory_unlock({_KEY})"), {"name": name})
            conn.commit()
        except Exception:
            conn.invalidate()  # closed rather than pooled with the lock perhaps still held
        conn.close()
