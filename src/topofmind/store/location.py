"""Where data lives: the one place that honours ``TOM_DB`` and ``TOM_HOME``.

``tom path`` prints what these return. ``TOM_HOME`` moves the whole data
directory (tests point it at a temporary folder); ``TOM_DB`` or ``--db`` names the
database itself, a SQLite path or a ``postgresql://`` URL.
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """The platform's data directory for topofmind, or ``TOM_HOME``."""
    if os.environ.get("TOM_HOME"):
        return Path(os.environ["TOM_HOME"]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("topofmind", appauthor=False))


def backups_dir() -> Path:
    return data_dir() / "backups"


def templates_dir() -> Path:
    """Where a person's own draft templates override the built-in ones."""
    return data_dir() / "templates"


def database_url(db: str | None = None) -> str:
    """A SQLAlchemy URL from ``--db``, ``TOM_DB`` or the default SQLite file."""
    db = db or os.environ.get("TOM_DB")
    if not db:
        return f"sqlite:///{data_dir() / 'topofmind.db'}"
    if "://" in db:
        if db.startswith("postgresql://") or db.startswith("postgres://"):
            return "postgresql+psycopg://" + db.split("://", 1)[1]
        if not db.startswith(("sqlite:", "postgresql+psycopg:")):
            from topofmind.errors import InvalidValue

            scheme = db.split("://", 1)[0]
            raise InvalidValue(
                f"topofmind keeps its record in SQLite or PostgreSQL, not '{scheme}': give a "
                "file name, sqlite:///PATH or postgresql://USER@HOST/DATABASE."
            )
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def sqlite_path(url: str) -> Path | None:
    if not is_sqlite(url):
        return None
    return Path(url.split("///", 1)[1])
