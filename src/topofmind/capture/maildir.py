"""Reading a Maildir folder: every message file in cur/ and new/, subfolders included.

Thunderbird, mutt, offlineimap and Dovecot keep mail this way: one file per
message. Subfolders (".Sent", ".Archive") are read too, so a whole account
exported as Maildir imports in one go. Files are read one at a time.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


def is_maildir(path: Path) -> bool:
    return path.is_dir() and (path / "cur").is_dir() and (path / "new").is_dir()


def message_files(path: Path) -> Iterator[Path]:
    """Every message file under a Maildir (or a folder of Maildirs), in a stable order."""
    for root, dirs, files in os.walk(path):
        dirs.sort()
        if Path(root).name in {"cur", "new"}:
            for name in sorted(files):
                if not name.startswith("."):
                    yield Path(root) / name


def iter_maildir(path: Path) -> Iterator[tuple[str, bytes]]:
    """(file name, raw message) for each message."""
    for file in message_files(path):
        yield str(file.relative_to(path)), file.read_bytes()
