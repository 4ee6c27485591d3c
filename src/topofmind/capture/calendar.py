"""Calendar invites (.ics) to interactions: interviews and meetings, past and scheduled.

Interviews are what the playbook turns into thank-yous, research and questions, and
they arrive as calendar invites, so the invite is the cheapest way to record them.
``icalendar`` parses the file and maps Outlook's Windows zone names ("Pacific
Standard Time") to IANA zones itself, with or without a VTIMEZONE;
``recurring_ical_events`` expands RRULE/RDATE/EXDATE and moved occurrences within a
window. What is left here is what a job search needs from an invite: who attends
(besides the job seeker), whether it is an interview, where to join, and an
identity (UID, RECURRENCE-ID, SEQUENCE) that makes re-imports and cancellations
land on what was imported before.

Pure: bytes in, items out. ``now`` is given, never read.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from time import monotonic
from typing import cast

import icalendar

from topofmind.capture.freemail import domain_of, is_free_mail
from topofmind.capture.items import CapturedInteraction, PersonRef, Problem, Skipped
from topofmind.capture.readable import decode_bytes, html_to_text
from topofmind.capture.recurrence import MAX_OCCURRENCES, expand, runaway_rule
from topofmind.domain.enums import Direction, InteractionKind
from topofmind.domain.moments import utc
from topofmind.errors import BadFile

SOURCE = "calendar"

#: Content lines start with an upper-case property name and then ``;`` or ``:``.
_CONTENT_LINE = re.compile(r"^(?:[A-Z][A-Z0-9-]*)(?:;[^:\r\n]*)?:")

_JOIN_LINK = re.compile(
    r"https://(?:[\w-]+\.)?(?:zoom\.us/(?:j|my|w)/|teams\.microsoft\.com/l/meetup-join/|"
    r"teams\.live\.com/meet/|meet\.google\.com/|[\w-]+\.webex\.com/)[^\s<>\"')\]]*",
    re.IGNORECASE,
)

_INFORMATIONAL = re.compile(r"\binformational\b|\bcoffee chat\b", re.IGNORECASE)
_SCREEN = re.compile(r"\b(?:phone|recruiter|initial|intro)?[ -]?screen(?:ing)?\b", re.IGNORECASE)
_SCREEN_NAMED = re.compile(
    r"\b(?:phone|recruiter|initial|intro|hr|video)[ -]screen(?:ing)?\b|\bscreening call\b",
    re.IGNORECASE,
)
_INTERVIEW_NAMED = re.compile(r"\binterview", re.IGNORECASE)
_INTERVIEW = re.compile(
    r"\binterview|\bonsite\b|\bon-site\b|\bpanel\b|\bhiring manager\b|"
    r"\b(?:technical|final|first|second|third) round\b|\bcase study\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CalendarOptions:
    """What the importer needs to know about the record to read a calendar."""

    now: datetime
    #: The job seeker's own addresses: recognised among attendees and left out of people.
    own_emails: frozenset[str] = frozenset()
    #: Zone for floating times and all-day events (the profile's).
    default_tz: tzinfo = utc()
    #: Recurring events are expanded from ``now - days_back`` to ``now + days_ahead``.
    days_back: int = 90
    days_ahead: int = 180
    #: Addresses of people already on the record, and domains of known organizations.
    known_emails: frozenset[str] = frozenset()
    known_domains: frozenset[str] = frozenset()
    #: Domains of organizations with an opportunity: a meeting with them is an interview.
    target_domains: frozenset[str] = frozenset()
    source: str = SOURCE
    #: Seconds the whole file may take; events not read by then are listed as failed.
    budget_seconds: float = 20.0


@dataclass
class _Attendees:
    people: list[PersonRef] = field(default_factory=list)
    seeker_present: bool = False
    seeker_organizes: bool = False


def read_calendar(
    data: bytes, where: str, options: CalendarOptions
) -> Iterator[CapturedInteraction | Problem | Skipped]:
    """Every event of an iCalendar file as interactions; bad events become Problems.

    Raises BadFile when the data is not an iCalendar file at all.
    """
    text = repair_folding(decode_bytes(data))
    if "BEGIN:VCALENDAR" not in text.upper():
        raise BadFile(f"{where} is not an iCalendar file (no BEGIN:VCALENDAR).")
    text, cut = close_truncated(text)
    if cut:
        yield Problem(where, f"the file ends early (truncated); {cut}")
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except (ValueError, KeyError, IndexError) as exc:
        raise BadFile(f"{where} is not a readable iCalendar file: {exc}") from None
    for calendar in calendars:
        yield from _read_one(calendar, where, options)


def repair_folding(text: str) -> str:
    """Unfolds lines, joining continuation lines that lost their leading space.

    Some exporters fold long lines without the space RFC 5545 requires; such a line
    does not start with a property name, so it belongs to the line before it.
    """
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw and not _CONTENT_LINE.match(raw) and lines:
            lines[-1] += raw
        elif raw:
            lines.append(raw)
    return "\r\n".join(lines) + "\r\n"


def close_truncated(text: str) -> tuple[str, str]:
    """A truncated file closed after its last complete component, and what was cut ('' if none).

    A download or a copy cut short leaves components open; the parser would then drop
    the whole calendar without a word.
    """
    lines = text.split("\r\n")
    if lines and lines[-1] == "":
        lines.pop()
    open_components: list[tuple[str, int]] = []
    for index, line in enumerate(lines):
        upper = line.upper()
        if upper.startswith("BEGIN:"):
            open_components.append((upper[6:].strip(), index))
        elif upper.startswith("END:") and open_components:
            open_components.pop()
    if not open_components:
        return text, ""
    inner = [(name, index) for name, index in open_components if name != "VCALENDAR"]
    cut = "what came after its last complete event may be missing"
    if inner:
        name, index = inner[0]
        lines = lines[:index]
        what = {"VEVENT": "event", "VTIMEZONE": "time zone"}.get(name, name.lower())
        cut = f"its last {what} was incomplete and is not imported"
    lines += ["END:VCALENDAR"] * sum(1 for name, _ in open_components if name == "VCALENDAR")
    return "\r\n".join(lines) + "\r\n", cut


def _read_one(
    calendar: icalendar.Calendar, where: str, options: CalendarOptions
) -> Iterator[CapturedInteraction | Problem | Skipped]:
    method = str(calendar.get("METHOD", "")).upper()
    timezones = list(calendar.walk("VTIMEZONE"))
    groups: dict[str, list[icalendar.Event]] = {}
    for event in cast(list[icalendar.Event], calendar.walk("VEVENT")):
        uid = str(event.get("UID", "")).strip() or _synthetic_uid(event)
        groups.setdefault(uid, []).append(event)
    start = options.now - timedelta(days=options.days_back)
    end = options.now + timedelta(days=options.days_ahead)
    found: list[tuple[str, CapturedInteraction | Problem]] = []
    deadline = monotonic() + options.budget_seconds
    attendances = MAX_ATTENDANCES
    for number, (uid, events) in enumerate(groups.items()):
        label = f"{where}: event {_summary(events[0]) or uid}"
        if monotonic() > deadline:
            left = len(groups) - number
            found.append((label, Problem(where, _over_budget(left, options))))
            break
        try:
            recurring = any(e.get("RRULE") or e.get("RDATE") for e in events)
            if recurring:
                runaway = next(filter(None, (runaway_rule(e, start) for e in events)), "")
                if runaway:
                    found.append((label, Problem(label, runaway)))
                    continue
                mini = icalendar.Calendar()
                for component in [*timezones, *events]:
                    mini.add_component(component)
                occurrences = expand(mini, events, start, end, deadline)
                if len(occurrences) > MAX_OCCURRENCES:
                    found.append(
                        (
                            label,
                            Problem(
                                label,
                                f"repeats more than {MAX_OCCURRENCES} times in the "
                                f"{options.days_back + options.days_ahead} days read; only "
                                f"the first {MAX_OCCURRENCES} are imported",
                            ),
                        )
                    )
                    occurrences = occurrences[:MAX_OCCURRENCES]
            else:
                occurrences = events
            items = [_interaction(e, uid, method, recurring, options) for e in occurrences]
            if recurring:
                items, too_many = _within_attendances(items, attendances, label)
                attendances -= sum(len(i.people) for i in items)
                found.extend((label, p) for p in too_many)
            found.extend((label, i) for i in items)
        except Exception as exc:  # one broken event never stops the others
            found.append((label, Problem(label, _reason(exc))))
    yield from _relevant(found, options)


#: People times repetitions the repeating events of one calendar record at most: a
#: weekly meeting of 40 over the months read is 1,600; a meeting of 150 people every
#: hour would otherwise write 60,000 attendances (a minute of writing).
MAX_ATTENDANCES = 5_000


def _within_attendances(
    items: list[CapturedInteraction], left: int, label: str
) -> tuple[list[CapturedInteraction], list[Problem]]:
    """The repetitions of one event that fit in the attendances ``left`` (at least one),
    and the problem saying so when some do not."""
    people = max(1, max((len(i.people) for i in items), default=1))
    keep = max(1, left // people)
    if len(items) <= keep:
        return items, []
    why = (
        f"repeats {len(items)} times with {people} people; only the first {keep} are "
        f"imported (a calendar records at most {MAX_ATTENDANCES:,} attendances of "
        "repeating events)"
    )
    return items[:keep], [Problem(label, why)]


def _over_budget(left: int, options: CalendarOptions) -> str:
    return (
        f"{left} event(s) not read: the file took longer than {options.budget_seconds:g} "
        "seconds (the setting import_calendar_seconds)"
    )


def _relevant(
    found: list[tuple[str, CapturedInteraction | Problem]], options: CalendarOptions
) -> Iterator[CapturedInteraction | Problem | Skipped]:
    """Interviews, and meetings with someone known; the rest skipped with the reason.

    People met in an imported interview are known once it is recorded, so meetings
    with them count too: the answer is the same on the first import and the next.
    """
    emails, domains = set(options.known_emails), set(options.known_domains)
    kept: set[int] = set()
    changed = True
    while changed:
        changed = False
        for index, (_, item) in enumerate(found):
            if index in kept or not isinstance(item, CapturedInteraction):
                continue
            addresses = [e.lower() for p in item.people for e in p.emails]
            involved = any(a in emails or domain_of(a) in domains for a in addresses)
            if item.kind is InteractionKind.MEETING and not involved:
                continue
            kept.add(index)
            changed = True
            emails.update(addresses)
            domains.update(domain_of(a) for a in addresses if not is_free_mail(a))
    for index, (label, item) in enumerate(found):
        if isinstance(item, Problem) or index in kept:
            yield item
        elif not item.people:
            yield Skipped(label, "no one else attends and nothing says it is an interview")
        else:
            yield Skipped(
                label, "no known person or organization attends and nothing says interview"
            )


def _interaction(
    event: icalendar.Event,
    uid: str,
    method: str,
    recurring: bool,
    options: CalendarOptions,
) -> CapturedInteraction:
    if event.get("DTSTART") is None:
        raise ValueError("it has no start time (DTSTART)")
    at, all_day = _moment(event.decoded("DTSTART"), options.default_tz)
    ends_at = None
    if event.get("DTEND") is not None:
        ends_at, _ = _moment(event.decoded("DTEND"), options.default_tz)
    elif event.get("DURATION") is not None:
        ends_at = at + event.decoded("DURATION")
    elif all_day:
        ends_at = at + timedelta(days=1)
    summary = _summary(event)
    description = _description(event)
    attendees = _attendees(event, options.own_emails)
    domains = {p.emails[0].rsplit("@", 1)[-1] for p in attendees.people if p.emails}
    kind = event_kind(summary, description, domains, options.target_domains)
    cancelled = method == "CANCEL" or str(event.get("STATUS", "")).upper() == "CANCELLED"
    return CapturedInteraction(
        at=at,
        ends_at=ends_at,
        kind=kind,
        direction=Direction.BOTH,
        people=attendees.people,
        subject=summary,
        summary=description,
        source=options.source,
        external_id=_external_id(event, uid, recurring),
        scheduled=at > options.now,
        location=_location(event, description),
        cancelled=cancelled,
        sequence=_int(event.get("SEQUENCE")),
    )


def event_kind(
    summary: str, description: str, domains: Iterable[str], target_domains: Iterable[str]
) -> InteractionKind:
    """Interview, phone screen or informational interview by its words; else by who attends.

    The summary is read with every pattern; the description (full of join boilerplate,
    "share your screen", "control panel") only with the unambiguous ones.
    """
    for text, screen, interview in (
        (summary, _SCREEN, _INTERVIEW),
        (description[:500], _SCREEN_NAMED, _INTERVIEW_NAMED),
    ):
        if _INFORMATIONAL.search(text):
            return InteractionKind.INFORMATIONAL_INTERVIEW
        if screen.search(text):
            return InteractionKind.PHONE_SCREEN
        if interview.search(text):
            return InteractionKind.INTERVIEW
    if set(domains) & set(target_domains):
        return InteractionKind.INTERVIEW
    return InteractionKind.MEETING


def join_link(*texts: str) -> str:
    """The first Zoom, Teams, Meet or Webex link in the texts, or ''."""
    for text in texts:
        match = _JOIN_LINK.search(text or "")
        if match:
            return match.group(0).rstrip(".,;")
    return ""


def _moment(value: date | datetime, default_tz: tzinfo) -> tuple[datetime, bool]:
    """An aware moment; floating times and dates are taken in ``default_tz``."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=default_tz), False
        return value, False
    return datetime.combine(value, time(0), default_tz), True


def _attendees(event: icalendar.Event, own: frozenset[str]) -> _Attendees:
    found = _Attendees()
    own = frozenset(e.lower() for e in own)
    seen: set[str] = set()
    entries = [("ORGANIZER", event.get("ORGANIZER"))]
    raw = event.get("ATTENDEE")
    for value in raw if isinstance(raw, list) else ([raw] if raw is not None else []):
        entries.append(("ATTENDEE", value))
    for role, value in entries:
        if value is None:
            continue
        address = _address(str(value))
        params = getattr(value, "params", {})
        if str(params.get("CUTYPE", "")).upper() in {"ROOM", "RESOURCE"}:
            continue
        if not address:
            continue
        if address in own:
            found.seeker_present = True
            found.seeker_organizes = found.seeker_organizes or role == "ORGANIZER"
            continue
        if address in seen:
            continue
        seen.add(address)
        name = str(params.get("CN", "")).strip().strip('"')
        if "@" in name:
            name = ""
        found.people.append(PersonRef(name=name, emails=[address]))
    return found


def _address(value: str) -> str:
    value = value.strip()
    if value.lower().startswith("mailto:"):
        value = value[7:]
    value = value.strip().lower()
    return value if "@" in value and " " not in value else ""


def _summary(event: icalendar.Event) -> str:
    return " ".join(str(event.get("SUMMARY", "")).split())


def _description(event: icalendar.Event) -> str:
    text = str(event.get("DESCRIPTION", "") or "").strip()
    if not text and event.get("X-ALT-DESC") is not None:
        text = html_to_text(str(event.get("X-ALT-DESC")))
    return text[:4000]


def _location(event: icalendar.Event, description: str) -> str:
    place = " ".join(str(event.get("LOCATION", "") or "").split())
    link = join_link(
        place,
        str(event.get("URL", "") or ""),
        str(event.get("X-GOOGLE-CONFERENCE", "") or ""),
        description,
    )
    if link and link not in place:
        return f"{place} · {link}" if place else link
    return place


def _external_id(event: icalendar.Event, uid: str, recurring: bool) -> str:
    recurrence = event.get("RECURRENCE-ID")
    if recurrence is None and not recurring:
        return uid
    value = event.decoded("RECURRENCE-ID") if recurrence is not None else event.decoded("DTSTART")
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(utc())
            return f"{uid}/{value:%Y%m%dT%H%M%SZ}"
        return f"{uid}/{value:%Y%m%dT%H%M%S}"
    return f"{uid}/{value:%Y%m%d}"


def _synthetic_uid(event: icalendar.Event) -> str:
    """An identity for an event without UID: its start and summary."""
    basis = f"{event.get('DTSTART').to_ical() if event.get('DTSTART') else b''!r}|{_summary(event)}"
    return "no-uid-" + hashlib.sha1(basis.encode()).hexdigest()[:16]


def _int(value) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return 0


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
