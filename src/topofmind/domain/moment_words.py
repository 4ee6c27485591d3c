"""How a moment reads beside another: "15:00 tomorrow", "Friday 17:30", "3 Dec 09:00".

Shared by the playbook's why-now sentences and the daily digest, so both say a due
moment the same way. Relative words depend on ``now``, which the caller passes in;
nothing reads the clock.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from topofmind.domain import moments


def day_words_at(here: datetime, delta: int) -> str:
    """The day of ``here``, ``delta`` days from today: today, tomorrow, Friday, 3 Dec."""
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    if 1 < delta < 7:
        return here.strftime("%A")
    if -7 < delta < -1:
        return "last " + here.strftime("%A")
    return f"{here.day} {here.strftime('%b')}"


@lru_cache(maxsize=4096)
def clock_words_in(moment: datetime, now: datetime, timezone: str) -> str:
    """A moment's day and time in a time zone named: thousands of actions share a few
    due moments."""
    zone = moments.zone(timezone)
    here = moment.astimezone(zone)
    delta = (here.date() - now.astimezone(zone).date()).days
    day = day_words_at(here, delta)
    if day in {"today", "tomorrow", "yesterday"}:
        return f"{here:%H:%M} {day}"
    return f"{day} {here:%H:%M}"
