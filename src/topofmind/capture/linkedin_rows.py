"""Rows of a LinkedIn export's tables to records: a connection to a person, a message
or an invitation to an interaction, a certification to an achievement, an event, a job
applied to or saved to an opportunity, the profile and positions to the job seeker's
profile. Dates come in several formats over the years; all are read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, tzinfo

from dateutil import parser as dateparser

from topofmind.capture.items import (
    CapturedAchievement,
    CapturedEvent,
    CapturedInteraction,
    CapturedOpportunity,
    CapturedProfile,
    PersonRef,
    Problem,
    Skipped,
)
from topofmind.capture.linkedin_tables import LinkedInOptions, Table
from topofmind.capture.readable import html_to_text
from topofmind.capture.requests import find_requests
from topofmind.domain.enums import AchievementKind, Direction, InteractionKind, Stage
from topofmind.domain.moments import utc

SOURCE = "linkedin"

Item = (
    PersonRef
    | CapturedInteraction
    | CapturedAchievement
    | CapturedEvent
    | CapturedOpportunity
    | CapturedProfile
    | Problem
    | Skipped
)


_ZONES = {"UTC": UTC, "GMT": UTC, "Z": UTC}


def parse_moment(text: str, default_tz: tzinfo) -> datetime | None:
    """A moment from any LinkedIn date: '2026-08-01 02:00:00 UTC', '1/29/26, 2:37 PM',
    '24 Aug 2023', 'Mar 2024', '2024'. Times without a zone are in ``default_tz``."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = dateparser.parse(text, default=datetime(2000, 1, 1), tzinfos=_ZONES)
    except (ValueError, OverflowError):
        raise ValueError(f"'{text}' is not a date") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=default_tz)
    return value


def parse_day(text: str) -> date | None:
    moment = parse_moment(text, utc())
    return moment.date() if moment else None


# -- one reader per file ----------------------------------------------------------------------


def full_name(row: dict[str, str]) -> str:
    return " ".join(f"{row.get('First Name', '')} {row.get('Last Name', '')}".split())


def _url(value: str) -> str:
    value = (value or "").strip()
    if value and not value.startswith("http"):
        value = "https://" + value
    return value.rstrip("/")


def _connection(row, where, options, table) -> Iterator[Item]:
    name = full_name(row)
    url = _url(row.get("URL", ""))
    email = row.get("Email Address", "")
    if not url and "@" not in email:
        yield Skipped(where, "no profile URL or address to know the person by")
        return
    yield PersonRef(
        name=name,
        emails=[email] if "@" in email else [],
        linkedin_url=url,
        organization=row.get("Company", ""),
        title=row.get("Position", ""),
        connected_on=parse_day(row.get("Connected On", "")),
    )


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _is_own(name: str, url: str, options: LinkedInOptions) -> bool:
    own_urls = {_url(u).lower() for u in options.own_urls}
    if url and _url(url).lower() in own_urls:
        return True
    return bool(name) and name.lower() in {n.lower() for n in options.own_names if n}


def _message(row, where, options, table) -> Iterator[Item]:
    if row.get("IS MESSAGE DRAFT", "").strip().lower() in {"yes", "true"}:
        yield Skipped(where, "a draft, never sent")
        return
    at = parse_moment(row.get("DATE", ""), options.default_tz)
    if at is None:
        raise ValueError("the message has no date")
    sender, sender_url = row.get("FROM", ""), row.get("SENDER PROFILE URL", "")
    outbound = _is_own(sender, sender_url, options)
    if not outbound and not options.own_urls and not options.own_names:
        outbound = sender == _owner(table)
    if outbound:
        names = _split(row.get("TO", ""))
        urls = _split(row.get("RECIPIENT PROFILE URLS", ""))
        others = [
            PersonRef(name=n, linkedin_url=_url(urls[i]) if i < len(urls) else "")
            for i, n in enumerate(names)
        ]
    else:
        others = [PersonRef(name=sender, linkedin_url=_url(sender_url))]
    others = [p for p in others if not _is_own(p.name, p.linkedin_url, options)]
    if not any(p.linkedin_url for p in others):
        yield Skipped(where, "no profile URL to know the other person by (older export)")
        return
    body = html_to_text(row.get("CONTENT", ""))
    asks = [] if outbound else find_requests(body, at.astimezone(options.default_tz))
    yield CapturedInteraction(
        at=at,
        kind=InteractionKind.MESSAGE,
        direction=Direction.OUTBOUND if outbound else Direction.INBOUND,
        people=[p for p in others if p.linkedin_url],
        subject=row.get("SUBJECT", "") or row.get("CONVERSATION TITLE", ""),
        summary=body,
        requests=asks,
        source=SOURCE,
        external_id=(
            f"message/{row.get('CONVERSATION ID', '')}/{at.isoformat()}/{sender_url or sender}"
        ),
    )


def _owner(table: Table) -> str:
    """The name in most conversations: the export's owner, when nothing else says so."""
    if not hasattr(table, "_owner"):
        conversations: dict[str, set[str]] = {}
        for r in table.rows:
            names = conversations.setdefault(r.get("CONVERSATION ID", ""), set())
            names.add(r.get("FROM", ""))
            names.update(_split(r.get("TO", "")))
        seen = Counter(n for names in conversations.values() for n in names if n)
        table._owner = seen.most_common(1)[0][0] if seen else ""  # type: ignore[attr-defined]
    return table._owner  # type: ignore[attr-defined]


def _invitation(row, where, options, table) -> Iterator[Item]:
    at = parse_moment(row.get("Sent At", ""), options.default_tz)
    if at is None:
        raise ValueError("the invitation has no date")
    outgoing = row.get("Direction", "").strip().upper() == "OUTGOING"
    if outgoing:
        other = PersonRef(name=row.get("To", ""), linkedin_url=_url(row.get("inviteeProfileUrl")))
    else:
        other = PersonRef(
            name=row.get("From", ""), linkedin_url=_url(row.get("inviterProfileUrl", ""))
        )
    if not other.linkedin_url:
        yield Skipped(where, "no profile URL to know the other person by (older export)")
        return
    yield CapturedInteraction(
        at=at,
        kind=InteractionKind.LINKEDIN_CONNECTION,
        direction=Direction.OUTBOUND if outgoing else Direction.INBOUND,
        people=[other],
        subject="Invitation to connect",
        summary=row.get("Message", ""),
        source=SOURCE,
        external_id=f"invitation/{other.linkedin_url}/{at.isoformat()}",
    )


def _certification(row, where, options, table) -> Iterator[Item]:
    issued = parse_day(row.get("Started On", ""))
    if issued is None:
        raise ValueError("the certification has no date (Started On)")
    authority = row.get("Authority", "")
    number = row.get("License Number", "")
    yield CapturedAchievement(
        title=row["Name"],
        kind=AchievementKind.CERTIFICATION,
        achieved_on=issued,
        url=row.get("Url", ""),
        description=" · ".join(p for p in (authority, f"No. {number}" if number else "") if p),
        source=SOURCE,
        external_id=f"certification/{row['Name']}/{authority}/{issued.isoformat()}",
    )


def _event(row, where, options, table) -> Iterator[Item]:
    parts = re.split(r"\s+-\s+|\s+–\s+", row.get("Event Time", ""), maxsplit=1)
    starts = parse_moment(parts[0], options.default_tz)
    if starts is None:
        raise ValueError("the event has no time")
    ends = parse_moment(parts[1], options.default_tz) if len(parts) > 1 else None
    status = row.get("Status", "").strip().lower()
    yield CapturedEvent(
        title=row["Event Name"],
        starts_at=starts,
        ends_at=ends,
        url=row.get("External Url", ""),
        registered=status in {"attending", "registered", "going", "attended"},
        attended=status == "attended",
        source=SOURCE,
        external_id=f"event/{row['Event Name']}/{starts.isoformat()}",
    )


def _job(row, where, options, table) -> Iterator[Item]:
    applied = table.kind == "applications"
    at = parse_moment(
        row.get("Application Date" if applied else "Saved Date", ""), options.default_tz
    )
    url = row.get("Job Url", "").strip()
    title, company = row.get("Job Title", ""), row.get("Company Name", "")
    if not title or not company:
        raise ValueError("the job has no title or company")
    contacts = []
    email, phone = row.get("Contact Email", ""), row.get("Contact Phone Number", "")
    if "@" in email or phone:
        contacts.append(
            PersonRef(emails=[email] if "@" in email else [], phones=[phone] if phone else [])
        )
    yield CapturedOpportunity(
        title=title,
        organization=company,
        stage=Stage.APPLIED if applied else Stage.RESEARCHING,
        posting_url=url,
        at=at,
        source=SOURCE,
        external_id=f"job/{url.rstrip('/')}" if url else f"job/{company}/{title}",
        contacts=contacts,
    )


def _own_address(row, where, options, table) -> Iterator[Item]:
    """The job seeker's own addresses, so mail from them is known as outbound."""
    address = row.get("Email Address", "").strip()
    if "@" not in address:
        raise ValueError(f"'{address}' is not an email address")
    if row.get("Confirmed", "Yes").strip().lower() in {"no", "false"}:
        yield Skipped(where, "an address LinkedIn has not confirmed")
        return
    yield CapturedProfile(emails=[address])


def read_profile(table: Table, positions: list[Table]) -> Iterator[Item]:
    for row in table.rows[:1]:
        work = []
        for positions_table in positions:
            for p in positions_table.rows:
                work.append(
                    {
                        "name": p.get("Company Name", ""),
                        "position": p.get("Title", ""),
                        "summary": p.get("Description", ""),
                        "location": p.get("Location", ""),
                        "startDate": _month(p.get("Started On", "")),
                        "endDate": _month(p.get("Finished On", "")),
                    }
                )
        yield CapturedProfile(
            name=full_name(row),
            headline=row.get("Headline", ""),
            summary=row.get("Summary", ""),
            resume={"work": work} if work else None,
        )


def _month(text: str) -> str:
    try:
        day = parse_day(text)
    except ValueError:
        return ""
    return f"{day:%Y-%m}" if day else ""


READERS = {
    "connections": _connection,
    "messages": _message,
    "invitations": _invitation,
    "certifications": _certification,
    "events": _event,
    "applications": _job,
    "saved_jobs": _job,
    "email_addresses": _own_address,
}
