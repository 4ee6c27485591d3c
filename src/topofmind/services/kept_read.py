"""The kept agenda read without SQLAlchemy, for the CLI's fast path.

`tom today` and `tom actions --json` answer from what is kept when it is current: the
record's version, the settings and code, and the moment inside its window. This reads
it with the standard library (SQLite) or libpq (PostgreSQL) and says whether it serves;
the edge only prints.
"""

from __future__ import annotations

from datetime import datetime


def current(db: str | None, now: datetime):
    """``(found, settings)`` when the kept agenda of ``db`` serves ``now``; else None
    (nothing kept, another kind of database, or out of date)."""
    from topofmind.paths import database_url, sqlite_path
    from topofmind.settings import load_settings
    from topofmind.store import kept as kept_store
    from topofmind.store import kept_fast

    url = database_url(db)
    path = sqlite_path(url)
    if path is not None:
        found = kept_fast.read_sqlite(path)
    elif url.startswith("postgresql+psycopg://"):
        found = kept_fast.read_postgres("postgresql://" + url.split("://", 1)[1])
    else:
        return None
    if found is None:
        return None
    settings = load_settings()
    if not found.kept.serves(found.version, kept_store.fingerprint(settings.items()), now):
        return None
    return found, settings
