"""While `tom serve` runs, every source set up is synced every ``sync_minutes``.

So the record fills by itself for a person who never opens a terminal: the mail they
send closes their thank-yous, a moved interview moves, without a button. One daemon
thread per app, started and stopped with it; a sync that fails is logged and the next
one tries again. Nothing runs while nothing is set up, or with ``sync_minutes`` at 0.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from topofmind.services.context import Context
from topofmind.services.search import record_changed
from topofmind.services.when import current_time

if TYPE_CHECKING:
    from topofmind.services.sync import Synced

log = logging.getLogger("topofmind.sync")

#: How often a switched-off sync looks whether it was switched back on, in seconds.
IDLE_SECONDS = 60.0


class Syncing:
    """Syncs what the app's settings set up, at the interval they give."""

    def __init__(self, state) -> None:
        self.state = state
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def interval(self) -> float | None:
        """Seconds until the next sync; None when switched off."""
        minutes = float(self.state.settings.sync_minutes)
        return minutes * 60 if minutes > 0 else None

    def run_once(self) -> list[Synced]:
        """Sync every source set up now; what each gave."""
        from topofmind.services import sync  # the feed and calendar readers load only here

        ctx = Context(
            db=self.state.db, now=current_time(self.state.now), settings=self.state.settings
        )
        if not sync.sources_set_up(ctx):
            return []
        done = sync.sync_everything(ctx)
        record_changed(self.state.db)  # the search index is rebuilt before its next answer
        for item in done:
            if item.error:
                log.warning("%s not synced: %s", item.source, item.error)
        return done

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="topofmind-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        while True:
            wait = self.interval()
            if self._stop.wait(wait if wait is not None else IDLE_SECONDS):
                return
            if wait is None:
                continue
            try:
                self.run_once()
            except Exception:  # a sync must never take the web app down
                log.exception("The background sync failed; the next one tries again.")
