"""A consistent copy of the SQLite database, even while it is in use."""

from __future__ import annotations

from pathlib import Path

from topofmind.services.context import Context
from topofmind.store.database import backup_sqlite


def backup(ctx: Context, target: Path | None = None, reason: str = "") -> Path:
    """Copy the database to ``target`` (default: the backups folder); where it went.

    PostgreSQL is refused with a one-line error naming pg_dump.
    """
    return backup_sqlite(ctx.db, target, reason=reason)
