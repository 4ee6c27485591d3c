"""What an import did: the summary shown after it and by `tom import show`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.exc import StatementError

from topofmind.capture.values import short
from topofmind.errors import TomError
from topofmind.services.sync.lock import SOURCE_NAMES


class Outcome(StrEnum):
    """What happened to one item an import read."""

    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    #: A meeting the calendar now calls off.
    CANCELLED = "cancelled"
    #: A contact who was on the record already.
    MATCHED = "matched"
    SKIPPED = "skipped"
    FAILED = "failed"


#: The summary's tallies an item that failed to be written is taken out of again.
ITEM_COUNTS = ("added", "updated", "unchanged", "matched", "skipped_total")


def failure_reason(exc: BaseException) -> str:
    """Why writing an item failed, in a short printable line (never an SQL statement)."""
    if isinstance(exc, StatementError):
        cause = exc.orig if exc.orig is not None else exc
        text = str(cause).splitlines()[0] if str(cause).strip() else type(cause).__name__
        return short(f"the database refused it: {text}")
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return short(
        text if isinstance(exc, TomError | ValueError) else f"{type(exc).__name__}: {text}"
    )


#: Skipped items listed one by one in a summary; beyond this they are only counted.
LISTED_SKIPS = 100
#: Failed items listed one by one in a summary.
LISTED_FAILURES = 1000

Progress = Callable[[int], None]


@dataclass
class BatchSummary:
    """What an import did, shown after it and by `tom import show`."""

    id: int | None
    source: str
    target: str
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    matched: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)
    skipped_total: int = 0
    skipped_by_reason: dict[str, int] = field(default_factory=dict)
    failed: list[dict[str, str]] = field(default_factory=list)
    failed_total: int = 0
    dry_run: bool = False
    started_at: datetime | None = None
    finished_at: datetime | None = None
    undone_at: datetime | None = None
    #: What was added, by kind: {"people": 3, "interactions": 12}.
    added_by_kind: dict[str, int] = field(default_factory=dict)
    #: A sync still running, in this program or another (never stored: the sync's lock
    #: says so when the batch is listed).
    running: bool = False

    @property
    def unfinished(self) -> bool:
        """A sync still running (it is listed from its first committed step), or one
        stopped before it could finish."""
        return self.id is not None and self.finished_at is None and not self.dry_run

    @property
    def stopped(self) -> bool:
        """A sync stopped before it could finish (its program was closed or killed): what
        it committed is kept, and it can be undone like any import."""
        return self.unfinished and not self.running and self.undone_at is None

    @property
    def status(self) -> str:
        """One word for lists beside the kind: undone, syncing (importing for a file),
        stopped, or nothing."""
        if self.undone_at is not None:
            return "undone"
        if self.running:
            return "syncing" if self.source in SOURCE_NAMES else "importing"
        return "stopped" if self.stopped else ""

    def stored(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("id", "started_at", "finished_at", "undone_at", "source", "target", "running"):
            out.pop(key)
        return out

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> BatchSummary:
        known = {f for f in cls.__dataclass_fields__}
        saved = {k: v for k, v in (row["summary"] or {}).items() if k in known}
        return cls(
            **saved,
            id=row["id"],
            source=row["source"],
            target=row["target"],
            started_at=row["started_at"],
            finished_at=row["finished_at"],
            undone_at=row["undone_at"],
        )

    def line(self) -> str:
        """One line for people: 'Read 120, added 14, updated 2, matched 9, skipped 96, failed 1.'"""
        parts = [
            f"read {self.read}",
            f"added {self.added}",
            f"updated {self.updated}",
            f"matched {self.matched}",
            f"skipped {self.skipped_total}",
            f"failed {self.failed_total}",
        ]
        text = ", ".join(parts)
        return text[0].upper() + text[1:] + "."
