"""Where data lives is ``topofmind.paths``; these names stay for its older importers."""

from __future__ import annotations

from topofmind.paths import (
    backups_dir,
    data_dir,
    database_url,
    is_sqlite,
    sqlite_path,
    templates_dir,
)

__all__ = ["backups_dir", "data_dir", "database_url", "is_sqlite", "sqlite_path", "templates_dir"]
