"""While `tom serve` runs, every source set up is synced a minute after it starts and then
every ``sync_minutes``.

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
    from topofmind.services.sync.sources import Synced

log = logging.getLogger("topofmind.sync")

#: How often a switched-off sync looks whether it was switched back on, in seconds.
IDLE_SECONDS = 60.0
#: Seconds from the server's start to its first sync: soon, as a mail program syncs when
#: it opens, not a whole ``sync_minutes`` later; after the first pages have loaded.
FIRST_SYNC_SECONDS = 60.0
#: Settings that set up (or change) what is synced: saving one syncs now.
SYNC_SETTINGS = frozenset(
    {
        "imap_host",
        "imap_user",
        "imap_port",
        "imap_security",
        "imap_folders",
        "imap_password",
        "calendar_url",
        "sync_minutes",
    }
)


class Syncing:
    """Syncs what the app's settings set up, at the interval they give."""

    def __init__(self, state) -> None:
        self.state = state
        self._stopping = False
        #: Set to end the wait before the next sync: to stop, or to sync now (``soon``).
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def interval(self) -> float | None:
        """Seconds between syncs; None when switched off."""
        minutes = float(self.state.settings.sync_minutes)
        return minutes * 60 if minutes > 0 else None

    def first_wait(self) -> float | None:
        """Seconds from the start to the first sync; None when switched off."""
        every = self.interval()
        return None if every is None else min(every, FIRST_SYNC_SECONDS)

    def _context(self) -> Context:
        return Context(
            db=self.state.db, now=current_time(self.state.now), settings=self.state.settings
        )

    def run_once(self) -> list[Synced]:
        """Sync every source set up now; what each gave."""
        # The feed and calendar readers load only here.
        from topofmind.services.sync import sources as sync

        ctx = self._context()
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

    def soon(self) -> bool:
        """Sync now rather than at the next interval (a source was just set up in the
        settings); False when syncing is switched off."""
        if self.interval() is None:
            return False
        self._wake.set()
        return True

    def setting_saved(self, name: str) -> bool:
        """Sync now if the setting ``name`` sets up what is synced and something is set
        up; whether a sync was asked for."""
        from topofmind.services.sync.sources import sources_set_up

        return name in SYNC_SETTINGS and bool(sources_set_up(self._context())) and self.soon()

    def someone_added(self) -> bool:
        """Sync now if mail is set up: someone with an address (or an organization with a
        domain) was just added, and the sync looks for their earlier mail; whether a sync
        was asked for."""
        from topofmind.services.sync.sources import sources_set_up

        return "imap" in sources_set_up(self._context()) and self.soon()

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping = True
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        synced = False
        while True:
            wait = self.interval() if synced else self.first_wait()
            woken = self._wake.wait(wait if wait is not None else IDLE_SECONDS)
            if self._stopping:
                return
            self._wake.clear()
            if self.interval() is None or (wait is None and not woken):
                continue
            synced = True
            try:
                self.run_once()
            except Exception:  # a sync must never take the web app down
                log.exception("The background sync failed; the next one tries again.")
