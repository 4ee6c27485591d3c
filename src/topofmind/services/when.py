"""Moments as people type them: ISO 8601, "now", "today 15:00", "friday", "+2d".

The clock is read once, at the edge, from ``--now`` / ``TOM_NOW`` or the system;
everything below receives ``now`` as an argument so that tests and scripts can
travel in time.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from topofmind.errors import InvalidValue

WEEKDAY_NAMES = {
    name: index
    for index, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidValue(
            f"Unknown time zone '{name}'. Use an IANA name such as Europe/Berlin or "
            "America/New_York."
        ) from None


def current_time(override: str | None = None) -> datetime:
    """Now, or the moment named by ``--now`` / ``TOM_NOW``; always time-zone aware."""
    text = override or os.environ.get("TOM_NOW")
    if not text:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidValue(
            f"--now/TOM_NOW '{text}' is not an ISO 8601 moment, e.g. 2026-11-24T15:00:00+01:00."
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


@dataclass(frozen=True)
class Parsed:
    moment: datetime
    #: True when ISO 8601 text named no time zone and the profile's zone was assumed.
    assumed_zone: bool = False


#: Text shaped like an ISO 8601 date, so a failure to read it means an impossible date.
_ISO_SHAPE = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$"
)
_RELATIVE = re.compile(r"^([+-])\s*(\d+)\s*(m|min|h|d|w)$")


def parse_when(text: str, now: datetime, tz: str, default_time: time = time(9, 0)) -> Parsed:
    """A moment from what a person typed, in the zone ``tz`` unless the text names one.

    Raises InvalidValue with a hint for anything it cannot read.
    """
    raw = text.strip()
    lowered = raw.lower()
    local = zone(tz)
    here = now.astimezone(local)
    if lowered == "now":
        return Parsed(now)
    match = _RELATIVE.match(lowered)
    if match:
        sign, amount, unit = match.groups()
        step = {
            "m": timedelta(minutes=1),
            "min": timedelta(minutes=1),
            "h": timedelta(hours=1),
            "d": timedelta(days=1),
            "w": timedelta(weeks=1),
        }[unit] * int(amount)
        return Parsed(now + step if sign == "+" else now - step)

    words = lowered.split()
    day: date | None = None
    rest = words
    if words and words[0] in {"today", "tomorrow", "yesterday"}:
        offset = {"today": 0, "tomorrow": 1, "yesterday": -1}[words[0]]
        day = here.date() + timedelta(days=offset)
        rest = words[1:]
    elif words and words[0] in WEEKDAY_NAMES:
        ahead = (WEEKDAY_NAMES[words[0]] - here.weekday()) % 7
        day = here.date() + timedelta(days=ahead)
        rest = words[1:]
    if day is not None:
        clock = _parse_clock(" ".join(rest), raw) if rest else default_time
        # Words name a day of the person's own calendar: their zone is meant, not assumed.
        return Parsed(datetime.combine(day, clock, tzinfo=local))

    try:
        moment = datetime.fromisoformat(raw.replace(" ", "T", 1) if len(raw) > 10 else raw)
    except ValueError as exc:
        if _ISO_SHAPE.match(raw):
            raise InvalidValue(
                f"'{text}' is not a real moment ({exc}). Check the day, month and time."
            ) from None
        moment = None
    if moment is None:
        try:
            only_date = date.fromisoformat(raw)
        except ValueError:
            raise InvalidValue(
                f"'{text}' is not a date or time I can read. Use ISO 8601 "
                "(2026-11-24 or 2026-11-24T15:00), 'today 15:00', 'friday', 'now' or '+2d'."
            ) from None
        return Parsed(datetime.combine(only_date, default_time, tzinfo=local), assumed_zone=True)
    if len(raw) == 10:  # a bare date parsed by datetime.fromisoformat
        return Parsed(datetime.combine(moment.date(), default_time, tzinfo=local), True)
    if moment.tzinfo is None:
        return Parsed(moment.replace(tzinfo=local), assumed_zone=True)
    return Parsed(moment)


def _parse_clock(text: str, original: str) -> time:
    text = text.strip().lower().replace(".", ":")
    match = re.match(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", text)
    if not match:
        raise InvalidValue(f"'{original}': '{text}' is not a time of day such as 15:00 or 3pm.")
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half == "pm" and hour < 12:
        hour += 12
    if half == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        raise InvalidValue(f"'{original}': {text} is not a time of day.")
    return time(hour, minute)


def parse_date(text: str, now: datetime, tz: str) -> date:
    """A calendar date from ISO 8601 or the words parse_when knows."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        if _ISO_SHAPE.match(text.strip()) and len(text.strip()) == 10:
            raise InvalidValue(
                f"'{text}' is not a real date ({exc}). Check the day and month."
            ) from None
        return parse_when(text, now, tz).moment.astimezone(zone(tz)).date()
