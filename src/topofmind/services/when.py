"""Moments as people type them: ISO 8601, "now", "today 15:00", "friday", "+2d", and
through dateparser the rest of everyday English ("5pm", "next week", "in 3 days",
"3 dec 2pm", "last friday").

The clock is read once, at the edge, from ``--now`` / ``TOM_NOW`` or the system;
everything below receives ``now`` as an argument so that tests and scripts can
travel in time. The common forms are read here without any import; dateparser
(about 0.1 s to load its English data) is loaded only for the others.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from topofmind.domain import moments
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
        return moments.zone(name)
    except (ZoneInfoNotFoundError, ValueError):
        from difflib import get_close_matches
        from zoneinfo import available_timezones

        close = get_close_matches(name, sorted(available_timezones()), n=1, cutoff=0.8)
        hint = f"Did you mean {close[0]}? " if close else ""
        raise InvalidValue(
            f"Unknown time zone '{name}'. {hint}Use an IANA name such as Europe/Berlin or "
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
    if not EARLIEST <= moment <= LATEST:  # compared as instants, across zones
        raise InvalidValue(
            f"--now/TOM_NOW '{text}' is outside the years {EARLIEST.year}–{LATEST.year - 1}."
        )
    return moment


#: The moments a job search can be about, with room for every window a rule computes.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


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


#: Which way words that name no date of their own lean ("friday", "5pm"): a snooze or
#: a deadline means the next one ahead, a conversation being logged the last one
#: behind; otherwise this week's.
Leaning = Literal["future", "past", "current"]

HINT = (
    "Use ISO 8601 (2026-11-24 or 2026-11-24T15:00), 'today 15:00', 'friday 3pm', "
    "'next week', 'in 2 days' or '+2d'."
)


def parse_when(
    text: str,
    now: datetime,
    tz: str,
    default_time: time = time(9, 0),
    leaning: Leaning = "current",
) -> Parsed:
    """A moment from what a person typed, in the zone ``tz`` unless the text names one.

    Raises InvalidValue with a hint for anything it cannot read.
    """
    try:
        parsed = _leaned(_parse_when(text, now, tz, default_time, leaning), text, now, tz, leaning)
    except OverflowError:
        parsed = None
    if parsed is None or not EARLIEST <= parsed.moment <= LATEST:
        raise InvalidValue(
            f"'{text}' is too far from now: give a moment between {EARLIEST.year} and "
            f"{LATEST.year - 1}."
        )
    return parsed


def _leaned(parsed: Parsed, text: str, now: datetime, tz: str, leaning: Leaning) -> Parsed:
    """``parsed`` moved the way the command leans, when the text named no date itself.

    Logging "friday" on a Monday: the Friday just gone (today's own name stays today,
    whatever the hour: a call at 3pm today may be ahead). Snoozing until "friday" on a
    Friday afternoon: next Friday; until "5pm" at six: tomorrow's.
    """
    words = text.strip().lower().split()
    weekday = WEEKDAY_NAMES.get(words[0]) if words else None
    today = now.astimezone(zone(tz)).weekday()
    if leaning == "past" and parsed.moment > now and weekday not in (None, today):
        step = -timedelta(weeks=1)
    elif leaning == "future" and parsed.moment <= now and weekday is not None:
        step = timedelta(weeks=1)
    elif leaning == "future" and parsed.moment <= now and _CLOCK_ONLY.match(text):
        step = timedelta(days=1)
    else:
        return parsed
    return Parsed(parsed.moment + step, parsed.assumed_zone)


_CLOCK_ONLY = re.compile(r"^\s*\d{1,2}([:.]\d{2})?\s*(am|pm)?\s*$", re.IGNORECASE)


def _parse_when(text: str, now: datetime, tz: str, default_time: time, leaning: Leaning) -> Parsed:
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
            return Parsed(_everyday(raw, here, tz, default_time, leaning))
        return Parsed(datetime.combine(only_date, default_time, tzinfo=local), assumed_zone=True)
    if len(raw) == 10:  # a bare date parsed by datetime.fromisoformat
        return Parsed(datetime.combine(moment.date(), default_time, tzinfo=local), True)
    if moment.tzinfo is None:
        return Parsed(moment.replace(tzinfo=local), assumed_zone=True)
    return Parsed(moment)


#: A time of day written out, so a midnight read from the text was meant.
_CLOCK_WORDS = re.compile(r"\d\s*(am|pm)\b|\d:\d\d|\bmidnight\b|\bnoon\b", re.IGNORECASE)


#: Words an everyday moment is made of; text with any other word is refused rather
#: than guessed at (dateparser alone reads "5y" as five years ago and "12" as a date).
_WORDS = {
    *WEEKDAY_NAMES,
    *("january", "february", "march", "april", "may", "june", "july", "august"),
    *("september", "october", "november", "december"),
    *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    *("next", "last", "this", "in", "ago", "from", "now", "at", "on", "and", "a", "an"),
    *("today", "tomorrow", "yesterday", "noon", "midnight", "am", "pm"),
    *("morning", "afternoon", "evening"),
    *("minute", "minutes", "min", "mins", "hour", "hours", "day", "days"),
    *("week", "weeks", "month", "months"),
}
_NUMBER = re.compile(r"\d{1,2}([:.]\d{2})?(am|pm)?|\d{1,2}(st|nd|rd|th)|\d{4}")


def _everyday_shape(raw: str) -> bool:
    """Only known words and numbers, and at least one word or a time of day."""
    tokens = raw.lower().replace(",", " ").split()
    if not all(t in _WORDS or _NUMBER.fullmatch(t) for t in tokens):
        return False
    return any(t in _WORDS or ":" in t or t.endswith(("am", "pm")) for t in tokens)


def _everyday(raw: str, here: datetime, tz: str, default_time: time, leaning: Leaning):
    """Everyday English ("5pm", "next week", "in 3 days", "3 dec 2pm") by dateparser, in
    the person's zone; a day named without a time gets ``default_time``."""
    if not _everyday_shape(raw):
        raise InvalidValue(f"'{raw}' is not a date or time I can read. {HINT}")
    import dateparser  # type: ignore[import-untyped]  # ships no types

    settings = {
        "RELATIVE_BASE": here.replace(tzinfo=None),
        "TIMEZONE": tz,
        "TO_TIMEZONE": tz,
        "RETURN_AS_TIMEZONE_AWARE": True,
        # Only a snooze or a deadline looks ahead here; leaning back is kept to weekday
        # names (parse_when), as "dec 3" typed on 30 November is not last year's.
        "PREFER_DATES_FROM": "future" if leaning == "future" else "current_period",
    }
    found = dateparser.parse(raw, languages=["en"], settings=settings)
    if found is None:
        raise InvalidValue(f"'{raw}' is not a date or time I can read. {HINT}")
    found = found.astimezone(zone(tz))
    if found.time() == time(0, 0) and not _CLOCK_WORDS.search(raw):
        found = datetime.combine(found.date(), default_time, tzinfo=zone(tz))
    return found


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
