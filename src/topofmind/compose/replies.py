"""What a reply to a request offers: meeting times clear of the calendar, references
from the profile, and marked blanks for what the record lacks."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from topofmind.compose.check_text import BLANK_CLOSE, BLANK_OPEN
from topofmind.domain.records import Profile

_TIMES = re.compile(
    r"\b(times?|slots?|availability|available|when (?:works|suits)|schedule|calendar)\b",
    re.IGNORECASE,
)
_REFERENCES = re.compile(r"\breferences?\b|\breferees?\b", re.IGNORECASE)
_ATTACHMENT = re.compile(
    r"\b(r[ée]sum[ée]|cv|portfolio|work samples?|writing samples?|transcripts?)\b", re.IGNORECASE
)


def request_kind(text: str) -> str:
    """What a request asks for: "times", "references", "attachment", "question" or "other"."""
    if _TIMES.search(text):
        return "times"
    if _REFERENCES.search(text):
        return "references"
    if _ATTACHMENT.search(text):
        return "attachment"
    if text.strip().endswith("?"):
        return "question"
    return "other"


def proposed_times(
    now: datetime, profile: Profile, busy: list[tuple[datetime, datetime]], count: int = 3
) -> list[datetime]:
    """Meeting times to offer: the next working days, within working hours, clear of
    the calendar (45 minutes with a quarter of an hour either side)."""
    from topofmind.domain.moments import zone as zone_named

    zone = zone_named(profile.timezone)
    local = now.astimezone(zone)
    start = datetime.combine(local.date(), profile.work_start, tzinfo=zone)
    end_of_day = profile.work_end
    offsets = (timedelta(hours=1), timedelta(hours=5), timedelta(hours=2), timedelta(hours=4))
    found: list[datetime] = []
    day = start
    for _ in range(21):
        day += timedelta(days=1)
        if day.weekday() not in profile.work_days:
            continue
        for offset in offsets[len(found) % 2 :: 2] + offsets:
            moment = day + offset
            finish = moment + timedelta(minutes=45)
            if finish.time() > end_of_day or moment.time() < profile.work_start:
                continue
            margin = timedelta(minutes=15)
            if any(
                moment - margin < b_end and finish + margin > b_start for b_start, b_end in busy
            ):
                continue
            found.append(moment)
            break
        if len(found) >= count:
            break
    return found


def time_line(moment: datetime) -> str:
    return f"- {moment.strftime('%A')} {moment.day} {moment.strftime('%B')} at {moment:%H:%M}"


def zone_words(tz: str) -> str:
    return tz.split("/")[-1].replace("_", " ") + " time"


def reference_lines(profile: Profile, wanted: int = 2) -> list[str]:
    """The references in the profile (JSON Resume ``references``), each on its own line;
    a blank to fill for each one the record lacks."""
    lines = []
    for item in ((profile.resume or {}).get("references") or [])[:wanted]:
        name = (item.get("name") or "").strip()
        if not name:
            continue
        how = ", ".join(
            v.strip() for v in (item.get("email"), item.get("phone")) if v and v.strip()
        )
        role = (item.get("reference") or "").strip()
        if role.split() and role.split()[0] in {"My", "Our", "The", "A", "An"}:
            role = role[0].lower() + role[1:]
        line = f"- {name}"
        if role and len(role) <= 80:
            line += f" ({role.rstrip('.')})"
        line += f": {how}" if how else f": {blank('email or phone for ' + name)}"
        lines.append(line)
    while len(lines) < wanted:
        lines.append(f"- {blank(f'reference {len(lines) + 1}: name, role, email')}")
    return lines


def blank(what: str) -> str:
    """A clearly marked blank for the person to fill ("[[...]]"); the check refuses to call
    a draft ready while one remains."""
    return f"{BLANK_OPEN}{what}{BLANK_CLOSE}"


def wanted_count(text: str) -> int:
    words = {"one": 1, "two": 2, "three": 3, "a couple": 2, "couple": 2, "a few": 3}
    low = text.lower()
    for word, n in words.items():
        if re.search(rf"\b{word}\b", low):
            return n
    digit = re.search(r"\b([1-5])\b", low)
    return int(digit.group(1)) if digit else 2
