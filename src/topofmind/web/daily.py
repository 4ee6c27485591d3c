"""The score's history, recorded once a day by the app itself: on the first request of
each day (and so on the first after a start), not whenever a page happens to read the
scores, so the chart has a point for every day the app was used."""

from __future__ import annotations

import logging
import threading
from datetime import date

from topofmind.errors import TomError
from topofmind.services.context import Context

log = logging.getLogger("topofmind.web")


class DailyScores:
    """Records today's scores once per day of the moment requests believe it is."""

    def __init__(self) -> None:
        self.day: date | None = None
        self._lock = threading.Lock()

    def due(self, ctx: Context) -> bool:
        """Whether today's figures are still to record (a date compare: cheap)."""
        return self.day != ctx.now.date()

    def record(self, ctx: Context) -> None:
        """Record today's scores unless done already; without a profile, wait for one."""
        from topofmind.services.agenda import record_scores

        with self._lock:
            today = ctx.now.date()
            if self.day == today:
                return
            if ctx.profile(required=False) is None:
                return
            try:
                record_scores(ctx)
            except TomError as error:  # a busy database: the next request tries again
                log.warning("Today's scores were not recorded: %s", error)
                return
            self.day = today
