"""Finding what a message asks for, and by when.

The playbook's respond rule needs to know that an inbound message asked
something ("Could you send your portfolio?", "Please let us know your
availability") and when the answer is due if the sender said so ("by Friday",
"within 48 hours", "by Dec 3"). This is pure text work: the message's own
sending moment anchors relative deadlines; the clock is never read.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from topofmind.domain.records import Request

#: Most asks listed per message; more is usually a questionnaire better read in full.
MAX_REQUESTS = 3
#: A deadline named by a day means the end of that working day, in the sender's zone.
END_OF_DAY = time(17, 0)

ASK = re.compile(
    r"\b(could you|can you|would you|will you|could we|can we|would it be possible"
    r"|please (?:send|share|let|provide|confirm|complete|fill|submit|reply|respond|forward"
    r"|schedule|book|pick|choose|select|sign|review|return|get back)"
    r"|let (?:us|me) know|kindly|we(?:'d| would) (?:love|like) (?:you )?to (?:see|receive|get)"
    r"|your availability|are you available|when are you (?:free|available)"
    r"|do you have|what is your|what are your|what's your)\b",
    re.IGNORECASE,
)

#: Lines from which on everything is quoted history, not the new message.
QUOTE_START = re.compile(
    r"^(on .{4,200}wrote:\s*$|-{2,}\s*original message\s*-{2,}|_{5,}|from:\s.+@.+|"
    r"le .{4,200}a écrit\s*:|am .{4,200}schrieb .{2,100}:)",
    re.IGNORECASE,
)

WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}

_DAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
BY = r"\b(?:by|before|no later than|until|till|on or before|ahead of)\s+(?:the\s+)?(?:end of\s+)?"
DEADLINES: list[tuple[str, re.Pattern[str]]] = [
    (
        "within",
        re.compile(
            r"\bwithin (?:the next )?(\d{1,3}|one|two|three|a) "
            r"(business days?|days?|hours?|weeks?)\b",
            re.I,
        ),
    ),
    (
        "eod",
        re.compile(
            r"\b(?:by |before )?(?:the )?(?:end of (?:the )?day|eod|close of business|cob)\b", re.I
        ),
    ),
    ("eow", re.compile(r"\b(?:by |before )?(?:the )?end of (?:the |this )?week\b", re.I)),
    ("tomorrow", re.compile(BY + r"tomorrow\b", re.I)),
    (
        "month_day",
        re.compile(
            BY + r"(?:(?:" + _DAY + r"),?\s+)?(" + _MONTH + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b",
            re.I,
        ),
    ),
    (
        "day_month",
        re.compile(BY + r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + _MONTH + r")\b", re.I),
    ),
    ("numeric", re.compile(BY + r"(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b", re.I)),
    ("weekday", re.compile(BY + r"(?:this |next )?(" + _DAY + r")\b\.?", re.I)),
]
WORDS = {"one": 1, "a": 1, "two": 2, "three": 3}


def new_text(body: str) -> str:
    """The part of a reply its sender wrote: quoted history and '>' lines removed."""
    kept = []
    for line in body.splitlines():
        stripped = line.strip()
        if QUOTE_START.match(stripped):
            break
        if stripped.startswith(">"):
            continue
        kept.append(line)
    return "\n".join(kept)


def sentences(text: str) -> list[str]:
    """Sentences, never running across paragraphs or list items."""
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\n\s*[-*•]\s+", text):
        flat = re.sub(r"\s+", " ", paragraph).strip()
        parts = re.split(r"(?<=[.?!])\s+(?=[A-Z0-9\"'(])", flat)
        out.extend(p.strip() for p in parts if p.strip())
    return out


def is_ask(sentence: str) -> bool:
    """A sentence that asks the reader for something: a request or a direct question."""
    if len(sentence) > 400:
        return False
    return bool(ASK.search(sentence)) or (sentence.endswith("?") and len(sentence.split()) >= 4)


def _business_days(start: datetime, days: int) -> datetime:
    moment = start
    while days > 0:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            days -= 1
    return moment


def _end_of(day: date, sent_at: datetime) -> datetime:
    return datetime.combine(day, END_OF_DAY, tzinfo=sent_at.tzinfo)


#: Words that put the deadline before the day they name, not on it, and the deadlines
#: that name a day.
EXCLUSIVE = ("before", "ahead of")
DAY_KINDS = {"tomorrow", "month_day", "day_month", "numeric", "weekday"}


def deadline(text: str, sent_at: datetime) -> datetime | None:
    """The moment a sentence or message names as its deadline, anchored at ``sent_at``.

    "By Monday" is the end of Monday; "before Monday" the end of the weekday before it
    (Friday), since what they want must be with them when Monday starts.
    """
    for kind, pattern in DEADLINES:
        found = pattern.search(text)
        if not found:
            continue
        named = _named_deadline(kind, found, sent_at)
        if named is None:
            continue
        if kind in DAY_KINDS and found.group(0).strip().lower().startswith(EXCLUSIVE):
            return max(_end_of(_weekday_before(named.date()), sent_at), sent_at)
        return named
    return None


def _weekday_before(day: date) -> date:
    day -= timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _named_deadline(kind: str, found: re.Match[str], sent_at: datetime) -> datetime | None:
    """The moment one matched deadline phrase names, or None if it names no real date."""
    if kind == "within":
        count = WORDS.get(found.group(1).lower()) or int(found.group(1))
        unit = found.group(2).lower()
        if unit.startswith("business"):
            return _business_days(sent_at, count)
        if unit.startswith("hour"):
            return sent_at + timedelta(hours=count)
        if unit.startswith("week"):
            return sent_at + timedelta(weeks=count)
        return sent_at + timedelta(days=count)
    if kind == "eod":
        return max(_end_of(sent_at.date(), sent_at), sent_at)
    if kind == "eow":
        return _end_of(sent_at.date() + timedelta(days=(4 - sent_at.weekday()) % 7), sent_at)
    if kind == "tomorrow":
        return _end_of(sent_at.date() + timedelta(days=1), sent_at)
    if kind == "weekday":
        ahead = (WEEKDAYS[found.group(1).lower()] - sent_at.weekday()) % 7 or 7
        return _end_of(sent_at.date() + timedelta(days=ahead), sent_at)
    try:
        if kind == "month_day":
            month, day = MONTHS[found.group(1).lower()], int(found.group(2))
            year = None
        elif kind == "day_month":
            day, month = int(found.group(1)), MONTHS[found.group(2).lower()]
            year = None
        else:  # numeric, read as month/day (US style)
            month, day = int(found.group(1)), int(found.group(2))
            year = int(found.group(3)) if found.group(3) else None
            if year is not None and year < 100:
                year += 2000
        when = date(year or sent_at.year, month, day)
        if year is None and when < sent_at.date() - timedelta(days=31):
            when = date(sent_at.year + 1, month, day)
    except ValueError:
        return None
    return _end_of(when, sent_at)


def find_requests(body: str, sent_at: datetime) -> list[Request]:
    """The asks in a message's own text, each with its deadline when one is stated.

    A deadline stated anywhere in the message applies to asks without their own
    ("Could you send the slides? We meet Thursday, so by Wednesday please.").
    """
    text = new_text(body)
    asks = [s for s in sentences(text) if is_ask(s)][:MAX_REQUESTS]
    if not asks:
        return []
    overall = deadline(text, sent_at)
    return [Request(text=s, due=deadline(s, sent_at) or overall) for s in asks]
