"""The batch's ledger: what it read, skipped, failed, added and changed, and the
steps it commits in, recorded so the import can be undone."""

from __future__ import annotations

import copy
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection

from topofmind.capture.items import (
    Problem,
    Skipped,
)
from topofmind.capture.values import printable, short
from topofmind.services.context import Context
from topofmind.services.imports.summary import LISTED_FAILURES, LISTED_SKIPS, BatchSummary, Progress
from topofmind.store import batches as batch_store
from topofmind.store import touches

#: A batch commits what it wrote after this many items or seconds, whichever comes first:
#: another writer (a form in the web app, `tom log`) waits at most about that long.
STEP_ITEMS = 300
STEP_SECONDS = 1.0
#: How long a step that wrote to a SQLite file waits before the next one begins: SQLite
#: lets a waiting writer look again every 100 ms at most, so it finds the file free.
TURN_SECONDS = 0.1


class BatchLedger:
    """What one batch read, skipped, failed, added and changed, and its steps: every row
    it adds or changes is recorded with the batch, so undo removes or restores it."""

    def __init__(
        self,
        ctx: Context,
        conn: Connection,
        summary: BatchSummary,
        progress: Progress | None = None,
        checkpoint: Callable[[], None] | None = None,
    ) -> None:
        self.ctx = ctx
        self.conn = conn
        self.summary = summary
        #: Commits what is written so far (a no-op on a dry run): a reader calls it
        #: before it waits on the network, so the database is never held meanwhile.
        self.checkpoint = checkpoint or (lambda: None)
        self.id: int = summary.id  # type: ignore[assignment]
        self.progress = progress
        #: Items read, the moment the current step began and what was written before it.
        self._step_items = 0
        self._step_began = time.monotonic()
        self._step_wrote = self._written()
        self._reasons: Counter[str] = Counter()
        #: People and organizations this batch changed since its last committed step.
        self._changed: set[tuple[str, int]] = set()
        #: The touch of the step under way (``touching``), and the people, opportunities
        #: and interactions the step wrote, for the agenda to recompute their groups alone.
        self._touch: int | None = None
        self._touched: set[tuple[str, int]] = set()
        self.read_record()

    def read_record(self) -> None:
        """Read what the batch needs to know of the record before it writes (each kind of
        batch adds its own): a ledger needs nothing."""

    # -- bookkeeping -----------------------------------------------------------------

    def tallies(self) -> tuple[BatchSummary, Counter[str]]:
        """A copy of what the summary counts so far (taken when a step is committed)."""
        return copy.deepcopy(self.summary), Counter(self._reasons)

    def restore_tallies(self, kept: tuple[BatchSummary, Counter[str]]) -> None:
        """Count again only what ``tallies`` had: a step rolled back is not in the batch."""
        summary, reasons = kept
        vars(self.summary).update(vars(summary))
        self._reasons = reasons

    def step(self) -> None:
        """Between two items: commit the step when it is ``STEP_ITEMS`` long or has run
        ``STEP_SECONDS``, so that other writers take their turn."""
        self._step_items += 1
        now = time.monotonic()
        if self._step_items >= STEP_ITEMS or now - self._step_began >= STEP_SECONDS:
            self.checkpoint()

    def stepped(self) -> None:
        """A step was committed: the next one begins."""
        self._step_items = 0
        self._step_began = time.monotonic()
        self._step_wrote = self._written()

    def _written(self) -> int:
        summary = self.summary
        return summary.added + summary.updated + summary.failed_total

    def wrote_in_step(self) -> bool:
        """Whether this step recorded anything (rather than only reading and skipping)."""
        return self._written() != self._step_wrote

    def read(self, n: int = 1) -> None:
        self.step()  # the item before is whole: a step may end here
        self.summary.read += n
        if self.progress is not None:
            self.progress(n)

    def skip(self, item: Skipped) -> None:
        why = printable(item.why)
        self.summary.skipped_total += 1
        self._reasons[why] += 1
        if len(self.summary.skipped) < LISTED_SKIPS:
            self.summary.skipped.append({"where": short(item.where, 300), "why": why})

    def stored_summary(self) -> dict[str, Any]:
        """The summary as it is stored, its skips counted by reason up to now."""
        self.summary.skipped_by_reason = dict(self._reasons.most_common())
        return self.summary.stored()

    def problem(self, item: Problem) -> None:
        self.summary.failed_total += 1
        if len(self.summary.failed) < LISTED_FAILURES:
            why = " ".join(printable(item.why).split())
            self.summary.failed.append({"where": short(item.where, 300), "why": why})

    def _added(self, table: str, row_id: int) -> None:
        batch_store.record_add(self.conn, self.id, table, row_id)
        self._touched.add((table, row_id))
        self.summary.added += 1
        self.summary.added_by_kind[table] = self.summary.added_by_kind.get(table, 0) + 1

    def _updating(self, table: str, row_id: int) -> None:
        batch_store.record_update(self.conn, self.id, table, row_id)
        self._changed.add((table, row_id))
        self._touched.add((table, row_id))
        if table == "interactions":  # whom it was with before it changes
            people, opportunities = touches.of_interactions(self.conn, [row_id])
            self._touched.update(("people", p) for p in people)
            self._touched.update(("opportunities", o) for o in opportunities)
        self.summary.updated += 1

    # -- what the agenda recomputes ----------------------------------------------------

    def touching(self) -> None:
        """Before the step's first write: open its touch (``store.touches``), which takes
        the database's write lock, so that the agenda can follow what the step wrote
        (a dry run writes nothing that stays: none)."""
        if self._touch is None and not self.summary.dry_run:
            self._touch = touches.open_touch(self.conn)

    def close_touch(self) -> None:
        """As the step's last statement: name the people and opportunities it wrote
        (those of its interactions, before and after), so that the agenda recomputes
        their groups alone. Achievements, events and news written, or the profile,
        still make it recompute everything (it counts those tables apart)."""
        if self._touch is None:
            return
        ids: dict[str, list[int]] = {"people": [], "opportunities": [], "interactions": []}
        for table, row_id in self._touched:
            if table in ids:
                ids[table].append(row_id)
        people, opportunities = touches.of_interactions(self.conn, ids["interactions"])
        touches.close_touch(
            self.conn,
            self._touch,
            people=[*ids["people"], *people],
            opportunities=[*ids["opportunities"], *opportunities],
        )
        self.forget_touch()

    def forget_touch(self) -> None:
        """The step was rolled back: its touch with it."""
        self._touch = None
        self._touched = set()

    def changed_since(self) -> set[tuple[str, int]]:
        """The people and organizations this batch changed (a row, an address, a domain)
        since the last time it was asked: those it added are snapshotted again."""
        changed, self._changed = self._changed, set()
        return changed
