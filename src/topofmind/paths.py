"""Where data lives: the one place that honours ``TOM_HOME``, ``TOM_DB`` and ``TOM_SETTINGS``.

``tom path`` prints what these return. ``TOM_HOME`` moves the whole data
directory (tests point it at a temporary folder); ``TOM_DB`` or ``--db`` names the
database itself, a SQLite path or a ``postgresql://`` URL; ``TOM_SETTINGS`` the
settings file. Passwords and secret addresses are not files: they live in the system
keyring under ``KEYRING_SERVICE``.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The system keyring's service name for every secret topofmind keeps there.
KEYRING_SERVICE = "topofmind"
#: The service IMAP passwords were kept under before one entry served every use.
OLD_IMAP_KEYRING_SERVICE = "topofmind-imap"


def data_dir() -> Path:
    """The platform's data directory for topofmind, or ``TOM_HOME``."""
    if os.environ.get("TOM_HOME"):
        return Path(os.environ["TOM_HOME"]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("topofmind", appauthor=False))


def backups_dir() -> Path:
    return data_dir() / "backups"


def settings_path() -> Path:
    """Where the settings file lives: ``TOM_SETTINGS`` or the data directory."""
    if os.environ.get("TOM_SETTINGS"):
        return Path(os.environ["TOM_SETTINGS"]).expanduser()
    return data_dir() / "settings.toml"


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
