"""Nothing but SQLite opens the database, its -wal or its -shm while a connection lives.

On POSIX, closing any descriptor of a file drops every lock the process holds on it,
SQLite's included; the next program to finish with the database then deletes the
write-ahead log from under the connection still writing to it. Every Python-level
open of the three files is caught by an audit hook, and ``/proc/locks`` must still
show this process's lock on the database file after each path was exercised.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

pytestmark = pytest.mark.skipif(
    not Path("/proc/locks").exists(), reason="needs Linux's /proc/locks"
)

#: Files whose opening by Python (not SQLite) is recorded while ``watching`` is set.
_watched: set[str] = set()
_opened: list[str] = []


def _audit(event: str, args: tuple) -> None:
    if event == "open" and _watched and args and isinstance(args[0], str | bytes | os.PathLike):
        name = os.path.abspath(os.fsdecode(args[0]))
        if name in _watched:
            _opened.append(name)


sys.addaudithook(_audit)  # hooks cannot be removed: it does nothing while _watched is empty


@pytest.fixture
def watched(sqlite_url):
    path = str(Path(sqlite_url).resolve())
    _watched.update({path, path + "-wal", path + "-shm"})
    _opened.clear()
    yield Path(path)
    _watched.clear()


def my_locks(path: Path) -> list[str]:
    """This process's POSIX locks on ``path`` as /proc/locks lists them."""
    found = os.stat(path)
    inode = f"{os.major(found.st_dev):02x}:{os.minor(found.st_dev):02x}:{found.st_ino}"
    pid = str(os.getpid())
    lines = Path("/proc/locks").read_text().splitlines()
    return [line for line in lines if line.split()[4] == pid and line.split()[5] == inode]


def another_program_reads(path: Path) -> None:
    """What `tom opp list` in another terminal does to the files: open, read, close."""
    script = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "c.execute('SELECT count(*) FROM organizations').fetchone(); c.close()"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True, timeout=30)


def assert_still_held(path: Path) -> None:
    assert _opened == [], f"opened outside SQLite: {_opened}"
    assert my_locks(path), "the live connection lost its lock on the database file"
    another_program_reads(path)
    for suffix in ("-wal", "-shm"):
        assert Path(f"{path}{suffix}").exists(), f"{suffix} was removed from under the app"


def test_every_path_of_tom_serve_keeps_sqlites_locks(watched, tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from topofmind.cli import common
    from topofmind.cli.web import _syncing_words
    from topofmind.web.app import create_app

    app = create_app(str(watched))
    with TestClient(app) as client:
        assert client.get("/").status_code in (200, 303)
        assert client.get("/static/app.css").status_code == 200
        assert_still_held(watched)
        # tom serve's own words about syncing open the record through the CLI's context.
        monkeypatch.setattr(common.OPTIONS, "db", str(watched))
        _syncing_words()
        assert common.context().db is app.state.db  # one Database per process and URL
        assert client.get("/people").status_code == 200
        assert_still_held(watched)


def test_cli_commands_and_backup_keep_a_live_connections_locks(watched, tmp_path):
    from conftest import Tom
    from topofmind.store.database import backup_sqlite, open_database, upgrade_database

    live = open_database(str(watched))  # as the web app holds it
    try:
        with live.begin() as conn:
            conn.execute(text("SELECT 1"))
        tom = Tom(str(watched))
        for args in (
            ["init", "--name", "Jordan Lee", "--email", "jordan@example.com"],
            ["org", "add", "Acme"],
            ["org", "list"],
            ["backup", str(tmp_path / "copy.db")],
            ["db", "upgrade"],
            ["export"],
            ["path"],
        ):
            result = tom(*args)
            assert result.exit_code == 0, (args, result.output)
            assert_still_held(watched)
        backup_sqlite(live, tmp_path / "again.db")
        upgrade_database(str(watched))
        open_database(str(watched)).dispose()
        assert_still_held(watched)
        with live.connect() as conn:
            names = conn.execute(text("SELECT name FROM organizations")).scalars().all()
        assert names == ["Acme"]
    finally:
        live.dispose()


def test_the_hook_catches_a_python_open(watched):
    """The test above can fail: a plain open() is seen, and drops SQLite's lock."""
    from topofmind.store.database import open_database

    live = open_database(str(watched))
    try:
        with live.connect() as conn:
            conn.execute(text("SELECT 1"))
        assert my_locks(watched)
        watched.open("rb").close()
        assert _opened == [str(watched)]
        assert not my_locks(watched)
    finally:
        _opened.clear()
        live.dispose()
