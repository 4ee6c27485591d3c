"""`tom serve` and `tom` commands in other processes on one SQLite record: each sees the
other's writes, the write-ahead log stays in place, and nothing is lost when the
server stops."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from processes import Server, tom

pytestmark = pytest.mark.durability


def achievements(db: str, home: Path) -> list[str]:
    done = tom(db, home, "achievement", "list", "--json")
    assert done.returncode == 0, done.stderr
    return sorted(item["title"] for item in json.loads(done.stdout))


def test_the_web_app_and_the_cli_see_each_others_writes(tmp_path, tom_home):
    db = str(tmp_path / "c.db")
    started = tom(db, tom_home, "init", "--name", "Jordan Lee", "--email", "jordan@example.com")
    assert started.returncode == 0, started.stderr
    with Server(db, tom_home, tmp_path / "serve.log") as server:
        assert server.client.get("/").status_code == 200
        # A read in another program: it used to remove the server's -wal and -shm.
        assert tom(db, tom_home, "org", "list").returncode == 0
        for suffix in ("-wal", "-shm"):
            assert Path(db + suffix).exists(), f"{suffix} gone while the server runs"
        web, cli = [], []
        for n in range(3):
            title = f"Talk given on the web {n}"
            assert server.form("/achievements", {"title": title}).status_code in (200, 303)
            web.append(title)
            title = f"Certificate recorded in a terminal {n}"
            done = tom(db, tom_home, "achievement", "add", title)
            assert done.returncode == 0, done.stderr
            cli.append(title)
        page = server.client.get("/achievements").text
        assert [t for t in web + cli if t not in page] == []
        assert achievements(db, tom_home) == sorted(web + cli)
        for suffix in ("-wal", "-shm"):
            assert Path(db + suffix).exists()
    assert server.process.returncode is not None
    assert achievements(db, tom_home) == sorted(web + cli)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
