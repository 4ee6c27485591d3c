"""Named locks across programs: a file beside SQLite, an advisory lock per PostgreSQL schema."""

from __future__ import annotations

import threading
import time

import pytest

from topofmind.store.locks import Held, holding, is_held


def held_for(db, name: str, seconds: float) -> threading.Event:
    """Hold ``name`` in another thread for ``seconds``; the event is set once it is held."""
    taken = threading.Event()

    def hold() -> None:
        with holding(db, name):
            taken.set()
            time.sleep(seconds)

    threading.Thread(target=hold, daemon=True).start()
    assert taken.wait(5)
    return taken


def test_a_lock_held_elsewhere_is_refused_and_free_once_let_go(fresh_db):
    db = fresh_db.db
    assert not is_held(db, "sync-imap")
    held_for(db, "sync-imap", 0.3)
    assert is_held(db, "sync-imap") and not is_held(db, "sync-feeds")
    with pytest.raises(Held), holding(db, "sync-imap", patience=0):
        pass
    started = time.monotonic()
    with holding(db, "sync-imap", patience=5):  # waits the holder out
        assert time.monotonic() - started > 0.1
        assert is_held(db, "sync-imap")
    assert not is_held(db, "sync-imap")


def test_a_look_whether_it_is_held_never_refuses_a_job(fresh_db):
    """``is_held`` takes the lock for an instant: a job starting just then waits for it."""
    db = fresh_db.db
    stop = threading.Event()

    def keep_looking() -> None:
        while not stop.is_set():
            is_held(db, "sync-calendar")

    looker = threading.Thread(target=keep_looking, daemon=True)
    looker.start()
    try:
        for _ in range(20):
            with holding(db, "sync-calendar"):
                pass
    finally:
        stop.set()
        looker.join(5)


def test_each_postgresql_schema_locks_on_its_own(postgres_url):
    from conftest import _postgres_schema, open_context

    mine = open_context(postgres_url)
    other_schema = _postgres_schema()
    other = open_context(next(other_schema))
    try:
        held_for(mine.db, "sync-imap", 0.5)
        assert is_held(mine.db, "sync-imap") and not is_held(other.db, "sync-imap")
    finally:
        mine.db.dispose()
        other.db.dispose()
        other_schema.close()
