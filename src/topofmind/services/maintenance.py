"""Looking after the data itself: where it lives and bringing its schema up to date."""

from __future__ import annotations

from dataclasses import dataclass

from topofmind.paths import backups_dir, data_dir, database_url, templates_dir
from topofmind.settings import settings_path


def locations(db: str | None) -> dict[str, str]:
    """Where the database, data folder, settings, templates and backups are."""
    url = database_url(db)
    return {
        "database": url.replace("sqlite:///", "") if url.startswith("sqlite") else _hidden(url),
        "data_dir": str(data_dir()),
        "settings": str(settings_path()),
        "templates": str(templates_dir()),
        "backups": str(backups_dir()),
    }


def _hidden(url: str) -> str:
    """A server URL as people typed it, without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=True)


@dataclass
class Upgrade:
    database: str
    before: str | None
    head: str
    backup: str | None

    @property
    def changed(self) -> bool:
        return self.before != self.head


def upgrade(db: str | None) -> Upgrade:
    """Migrate the named database to the newest schema (a SQLite file is backed up first)."""
    from topofmind.store.database import upgrade_database
    from topofmind.store.migrations import HEAD

    name, before, saved = upgrade_database(db)
    return Upgrade(name, before, HEAD, str(saved) if saved else None)
