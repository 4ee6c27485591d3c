"""Mailboxes written for the durability tests: every message involves a known person, so
an import of one writes a record per message."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

OWN = "jordan.lee@example.com"
#: The people the record knows before the mail is imported (name, address).
PEOPLE = [(f"Contact {n}", f"contact{n}@acme.example") for n in range(5)]
START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def message(n: int, tag: str = "m", start: datetime = START) -> bytes:
    name, address = PEOPLE[n % len(PEOPLE)]
    at = start + timedelta(minutes=n)
    lines = [
        f"From {address} {at:%a %b %d %H:%M:%S %Y}",
        f"From: {name} <{address}>",
        f"To: Jordan Lee <{OWN}>",
        f"Subject: Project update {tag} {n}",
        f"Date: {format_datetime(at)}",
        f"Message-ID: <{tag}.{n}@acme.example>",
        "Content-Type: text/plain; charset=utf-8",
        "",
        f"Here is where the project stands, note {n}.",
        "",
    ]
    return "\n".join(lines).encode() + b"\n"


def write_mbox(path: Path, messages: int, tag: str = "m") -> Path:
    with path.open("wb") as out:
        for n in range(messages):
            out.write(message(n, tag))
    return path
