"""Repeating calendar events read in bounded time: the rules refused before expanding
them, and the expansion itself, a few hundred repetitions at a time.

``recurring_ical_events`` expands a rule with ``dateutil``, which walks every period
from the rule's start, and only stops early when a repetition lands past the window
read. So a rule that repeats every minute since years ago walks millions of periods, and
a rule that lands on no moment at all (``FREQ=HOURLY;BYSETPOS=2``: each hour holds one
repetition, never a second) walks hour by hour to the year 9999. Each rule is therefore
measured first (how often it repeats, BYHOUR, BYMINUTE and BYSECOND counted; whether
BYSETPOS and its days can select anything) and refused when the walk would be long; the
rest is expanded in steps of ``MAX_OCCURRENCES`` repetitions, so no single step is slow
and the caller's time budget is checked between steps.

Pure: events in, occurrences out.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from time import monotonic

import icalendar
import recurring_ical_events
from dateutil import rrule as dateutil_rrule

#: Occurrences of one repeating event taken at most: a daily meeting over the months read
#: is a few hundred; an event every minute would otherwise be a hundred thousand.
MAX_OCCURRENCES = 400
#: Repetitions a rule may go through before the window read starts: more would have the
#: expansion search for minutes (a rule repeating every second since 2001).
MAX_SKIPPED = 100_000
#: Seconds in one period of each frequency (a month and a year on average).
_PERIOD = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3600,
    "DAILY": 86_400,
    "WEEKLY": 604_800,
    "MONTHLY": 2_629_800,
    "YEARLY": 31_557_600,
}
#: Frequencies whose days are read alike year by year (a numbered BYDAY, "the second
#: Monday", means something else in a monthly or yearly rule).
_DAY_BY_DAY = ("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY")
#: Frequencies from the longest: a BYxxx part finer than the frequency adds repetitions.
_FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY")
#: The part that adds repetitions within a period, and the first frequency it filters.
_EXPANDING = {"BYHOUR": "HOURLY", "BYMINUTE": "MINUTELY", "BYSECOND": "SECONDLY"}
#: Parts that choose days; a rule naming some may name days that never come.
_DAY_PARTS = ("BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY")
#: The most days each month has (February in a leap year).
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def rules_of(event: icalendar.Event) -> list:
    rules = event.get("RRULE")
    return rules if isinstance(rules, list) else [rules] if rules is not None else []


def runaway_rule(event: icalendar.Event, window_start: datetime) -> str:
    """Why an event's repetition rule cannot be expanded in bounded time, or ''.

    Such rules are refused before expanding them: one starting outside the years the
    record takes, one whose interval is not positive, one that falls on no moment (the
    30th of February, a second repetition within an hour that holds one), one repeating
    more often than daily that started more than ``MAX_SKIPPED`` repetitions before the
    window read: each would have the expansion search for hours or centuries."""
    start = event.get("DTSTART")
    begins = event.decoded("DTSTART") if start is not None else None
    if begins is not None and not 1900 <= begins.year < 2200:
        return f"repeats from {begins.isoformat()}, out of range (1900 to 2199)"
    for rule in rules_of(event):
        why = _never_moves_on(rule, begins) or _falls_on_nothing(rule, begins)
        if not why and begins is not None:
            why = _too_far_back(rule, begins, window_start) or _odd_length(event, rule)
        if why:
            return why
    return ""


def _odd_length(event: icalendar.Event, rule) -> str:
    """Why an event's length keeps its repetitions from being read a few at a time, or ''.

    The expansion widens every window it reads by the event's length, so one ending
    before it starts, or lasting longer than ``MAX_OCCURRENCES`` of its repetitions,
    would have a single step read years of repetitions."""
    try:
        if event.get("DTEND") is not None:
            length = _aware(event.decoded("DTEND")) - start_of(event)
        elif event.get("DURATION") is not None:
            length = event.decoded("DURATION")
        else:
            return ""
    except (TypeError, ValueError, AttributeError):
        return ""
    if not isinstance(length, timedelta):
        return ""
    if length < timedelta(0):
        return "repeats but ends before it starts (DTEND before DTSTART)"
    every = every_seconds(rule)
    if every is not None and length.total_seconds() > every * MAX_OCCURRENCES:
        return f"repeats but lasts longer than {MAX_OCCURRENCES} of its repetitions"
    return ""


def _never_moves_on(rule, begins) -> str:
    freq = _freq(rule)
    intervals = rule.get("INTERVAL") or [1]
    if any(_int(i) < 1 for i in intervals):
        return f"repeats with INTERVAL={intervals[0]}, which never moves on"
    sub_daily = _PERIOD.get(freq, 86_400) < 86_400
    if sub_daily and begins is not None and not isinstance(begins, datetime):
        return f"repeats within a day (FREQ={freq}) from a date without a time"
    return ""


def _falls_on_nothing(rule, begins) -> str:
    months = [m for m in (_int(m) for m in rule.get("BYMONTH") or []) if 1 <= m <= 12]
    days = [_int(d) for d in rule.get("BYMONTHDAY") or []]
    if days:
        longest = max(_MONTH_DAYS[m - 1] for m in months or range(1, 13))
        if all(d == 0 or abs(d) > longest for d in days):
            return f"repeats on a day no month it names has (BYMONTHDAY={days[0]})"
    positions = [_int(p) for p in rule.get("BYSETPOS") or []]
    if positions and all(p == 0 or abs(p) > per_period(rule) for p in positions):
        return (
            f"repeats on a position no {_freq(rule).lower()} period has (BYSETPOS={positions[0]})"
        )
    if begins is not None and _freq(rule) in _DAY_BY_DAY and not _some_day(rule, begins):
        return "repeats on days that never come (the days it names exclude each other)"
    return ""


def _too_far_back(rule, begins, window_start: datetime) -> str:
    every = every_seconds(rule)
    if every is None or every >= 86_400:
        return ""
    first = _aware(begins)
    if (window_start - first).total_seconds() / every > MAX_SKIPPED:
        return (
            f"repeats every {every:g} seconds (FREQ={_freq(rule)}) since "
            f"{first:%Y-%m-%d}: too many repetitions to read"
        )
    return ""


def per_period(rule) -> int:
    """At most how many repetitions one period of the rule holds (BYSETPOS picks among
    them): the days it may fall on in a period, times its hours, minutes and seconds."""
    freq = _freq(rule)
    rank = _FREQUENCIES.index(freq) if freq in _FREQUENCIES else 0
    count = _days_per_period(rule, freq)
    for part, filtering in _EXPANDING.items():
        values = {_int(v) for v in rule.get(part) or []}
        if values and rank < _FREQUENCIES.index(filtering):
            count *= len(values)
    return count


def _days_per_period(rule, freq: str) -> int:
    if freq not in ("WEEKLY", "MONTHLY", "YEARLY"):
        return 1
    named = {p for p in _DAY_PARTS if rule.get(p)}
    weekdays = [str(d).upper() for d in rule.get("BYDAY") or []]
    if freq == "WEEKLY":
        return len({d[-2:] for d in weekdays}) or (7 if named - {"BYMONTH"} else 1)
    if freq == "MONTHLY":
        if rule.get("BYMONTHDAY"):
            return min(31, len(rule.get("BYMONTHDAY")))
        if weekdays:
            return min(31, sum(5 if d[:-2] in ("", "+") else 1 for d in weekdays))
        return 31 if named - {"BYMONTH"} else 1
    if named - {"BYMONTH"}:
        return 366
    return max(1, len(rule.get("BYMONTH") or []))


def every_seconds(rule) -> float | None:
    """Seconds between repetitions of a rule at the most (its BYxxx parts counted), or
    None when it has no frequency."""
    freq = _freq(rule)
    if freq not in _PERIOD:
        return None
    interval = max(1, _int((rule.get("INTERVAL") or [1])[0]))
    return _PERIOD[freq] * interval / per_period(rule)


def _some_day(rule, begins) -> bool:
    """Whether the days the rule names ever come: the same day parts read year by year
    (a year at a time, so a rule whose days exclude each other is found out in a second,
    where walking it day by day or hour by hour would take minutes or hours)."""
    parts = {p: rule.get(p) for p in _DAY_PARTS if rule.get(p)}
    if not parts:
        return True
    try:
        probe = dateutil_rrule.rrule(
            dateutil_rrule.YEARLY,
            dtstart=datetime.combine(_aware(begins).date(), time(0)),
            count=1,
            bymonth=[_int(v) for v in parts.get("BYMONTH", [])] or None,
            byweekno=[_int(v) for v in parts.get("BYWEEKNO", [])] or None,
            byyearday=[_int(v) for v in parts.get("BYYEARDAY", [])] or None,
            bymonthday=[_int(v) for v in parts.get("BYMONTHDAY", [])] or None,
            byweekday=_weekdays(parts.get("BYDAY", [])) or None,
        )
        return next(iter(probe), None) is not None
    except (ValueError, TypeError):  # the expansion refuses such a rule itself
        return True


def _weekdays(values) -> list[int]:
    names = [str(v)[-2:].upper() for v in values]
    return [_WEEKDAYS.index(n) for n in names if n in _WEEKDAYS]


def expand(
    calendar: icalendar.Calendar,
    events: list[icalendar.Event],
    start: datetime,
    end: datetime,
    deadline: float,
) -> list:
    """The occurrences between ``start`` and ``end``, one past ``MAX_OCCURRENCES`` at
    most, read ``MAX_OCCURRENCES`` repetitions at a time; raises ValueError when the
    time budget ends between two steps."""
    query = recurring_ical_events.of(calendar)
    repeating = [e for e in events if rules_of(e)]
    every = min(filter(None, (every_seconds(r) for e in repeating for r in rules_of(e))), default=0)
    step = timedelta(seconds=every * MAX_OCCURRENCES) if every else end - start
    found: dict[str, icalendar.Event] = {}
    moment = start
    if every:
        moment = max(start, min(start_of(e) for e in repeating))
    while moment < end and len(found) <= MAX_OCCURRENCES:
        if monotonic() > deadline:
            raise ValueError("its repetitions took too long to read; not imported")
        until = min(end, moment + max(step, timedelta(seconds=1)))
        for occurrence in query.between(moment, until):
            found.setdefault(str(start_of(occurrence)), occurrence)
        moment = until
    return [found[k] for k in sorted(found)][: MAX_OCCURRENCES + 1]


def start_of(event: icalendar.Event) -> datetime:
    return _aware(event.decoded("DTSTART"))


def _aware(value: date | datetime) -> datetime:
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0, 0), tzinfo=UTC)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _freq(rule) -> str:
    return str((rule.get("FREQ") or [""])[0]).upper()


def _int(value) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return 0
