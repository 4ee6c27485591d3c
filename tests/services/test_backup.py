"""services/backup.py: a copy of the SQLite database; PostgreSQL is refused."""

from __future__ import annotations

import sqlite3

import pytest

from topofmind.errors import TomError
from topofmind.services.backup import backup


def test_backup_copies_the_record(demo_db, tmp_path):
    if not demo_db.db.is_sqlite:
        with pytest.raises(TomError, match="pg_dump"):
            backup(demo_db, tmp_path / "copy.db")
        return
    saved = backup(demo_db, tmp_path / "copy.db")
    assert saved == tmp_path / "copy.db"
    with sqlite3.connect(saved) as copy:
        assert copy.execute("select count(*) from people").fetchone()[0] == 11


def test_backup_by_default_goes_to_the_backups_folder_with_its_reason(demo_db):
    if not demo_db.db.is_sqlite:
        pytest.skip("PostgreSQL is backed up with pg_dump")
    saved = backup(demo_db, reason="web")
    assert saved.name.startswith("topofmind-")
    assert saved.name.endswith("-web.db")
    assert saved.exists()
