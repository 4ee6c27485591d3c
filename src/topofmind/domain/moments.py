"""Moments and zones: a zone's name to its zone, a moment to its local time.

Stored moments are UTC; shown and reasoned ones are in the person's zone (the
profile's ``timezone``, an IANA name). Every part of topofmind asks here rather than
building zones itself; checking a name a person typed, with a suggestion when it is
misspelt, is ``services.when.zone``.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

#: The zone stored moments are in, and the one assumed where a file names none.
UTC_NAME = "UTC"


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """The zone named ``name`` (ZoneInfoNotFoundError or ValueError if there is none)."""
    return ZoneInfo(name)


def utc() -> ZoneInfo:
    """UTC as a named zone, as a file without a zone is read."""
    return zone(UTC_NAME)


def local(moment: datetime, name: str) -> datetime:
    """``moment`` as the clock reads in the zone named ``name``."""
    return moment.astimezone(zone(name))


def at_local(day: date, clock: time, name: str) -> datetime:
    """The moment a clock in the zone named ``name`` shows ``clock`` on ``day``."""
    return datetime.combine(day, clock, tzinfo=zone(name))
