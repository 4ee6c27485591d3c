"""A LinkedIn data export (the ZIP, its folder, or single CSV files) to records.

Most of a job seeker's network lives on LinkedIn, and the export is the only way to
get it out: connections become people (matched by profile URL), messages and
invitations become interactions, certifications achievements, events events,
applications and saved jobs opportunities, the profile and positions the job
seeker's profile. LinkedIn adds and drops columns over the years, so columns are
matched by name, old and new layouts and date formats are accepted, and missing
columns are reported rather than guessed.

Pure: a path in, items out; ``default_tz`` is the zone for times without one.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path, PurePosixPath

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
from topofmind.capture.readable import decode_bytes, html_to_text
from topofmind.capture.requests import find_requests
from topofmind.domain.enums import AchievementKind, Direction, InteractionKind, Stage
from topofmind.domain.moments import utc
from topofmind.errors import BadFile

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


@dataclass(frozen=True)
class Layout:
    """The columns a file needs, and those it may have."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()


#: File kinds in the order they are read (applications before saved jobs, so a job
#: both saved and applied to is recorded as applied).
LAYOUTS: dict[str, Layout] = {
    "profile": Layout(("First Name", "Last Name"), ("Headline", "Summary", "Websites")),
    "positions": Layout(
        ("Company Name", "Title"), ("Description", "Location", "Started On", "Finished On")
    ),
    "connections": Layout(
        ("First Name", "Last Name"), ("URL", "Email Address", "Company", "Position", "Connected On")
    ),
    "messages": Layout(
        ("FROM", "TO", "DATE", "CONTENT"),
        (
            "CONVERSATION ID",
            "CONVERSATION TITLE",
            "SENDER PROFILE URL",
            "RECIPIENT PROFILE URLS",
            "SUBJECT",
            "FOLDER",
            "IS MESSAGE DRAFT",
        ),
    ),
    "invitations": Layout(
        ("From", "To", "Sent At", "Direction"),
        ("Message", "inviterProfileUrl", "inviteeProfileUrl"),
    ),
    "certifications": Layout(("Name",), ("Url", "Authority", "Started On", "License Number")),
    "events": Layout(("Event Name", "Event Time"), ("Status", "External Url")),
    "applications": Layout(
        ("Application Date", "Company Name", "Job Title"),
        ("Contact Email", "Contact Phone Number", "Job Url"),
    ),
    "saved_jobs": Layout(("Saved Date", "Job Title", "Company Name"), ("Job Url",)),
    "email_addresses": Layout(("Email Address",), ("Confirmed", "Primary")),
}


@dataclass(frozen=True)
class LinkedInOptions:
    default_tz: tzinfo = utc()
    #: The job seeker's own LinkedIn URL and name, to tell sent messages from received.
    own_urls: frozenset[str] = frozenset()
    own_names: frozenset[str] = frozenset()
    #: Largest CSV file read (from a ZIP once uncompressed), and the most a ZIP member
    #: may expand; larger ones are listed as failed, never read.
    max_file_bytes: int = 200 * 1024 * 1024
    max_ratio: int = 100
    #: Largest field of a CSV file (Python's csv stops at 128 KiB).
    max_field_bytes: int = 1024 * 1024


@dataclass
class _Table:
    name: str
    kind: str
    rows: list[dict[str, str]] = field(default_factory=list)
    #: The line of the file each row starts on (a message may span several).
    lines: list[int] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    #: A quote opened on this line and never closed swallowed the rest of the file.
    unclosed: tuple[int, int] | None = None


def kind_of(filename: str) -> str | None:
    """Which LinkedIn file this is, by its name (``Job Applications_2.csv`` included)."""
    stem = PurePosixPath(filename).name.lower()
    if not stem.endswith(".csv"):
        return None
    stem = re.sub(r"[_ ]?\d+$", "", stem[:-4]).strip()
    return {
        "profile": "profile",
        "positions": "positions",
        "connections": "connections",
        "messages": "messages",
        "invitations": "invitations",
        "certifications": "certifications",
        "events": "events",
        "job applications": "applications",
        "saved jobs": "saved_jobs",
        "email addresses": "email_addresses",
    }.get(stem)


def read_linkedin(path: Path, options: LinkedInOptions = LinkedInOptions()) -> Iterator[Item]:
    """Every record of an export at ``path``: a ZIP, its unpacked folder, or one CSV file."""
    files = list(_files(path, options))
    if not any(kind_of(name) for name, _ in files):
        raise BadFile(
            f"{path.name} holds no LinkedIn export file topofmind knows "
            "(Connections.csv, messages.csv, Invitations.csv, ...)."
        )
    tables: list[_Table] = []
    csv.field_size_limit(options.max_field_bytes)
    for name, data in files:
        kind = kind_of(name)
        if isinstance(data, Problem):
            yield data
            continue
        if kind is None or data is None:
            if name.lower().endswith(".csv"):
                yield Skipped(name, "a LinkedIn file topofmind does not import")
            continue
        try:
            tables.append(_table(name, kind, data))
        except (ValueError, csv.Error) as exc:
            yield Problem(name, _csv_reason(exc, options))
    order = list(LAYOUTS)
    tables.sort(key=lambda t: order.index(t.kind))
    own_names = set(options.own_names)
    for table in tables:
        if table.kind == "profile":
            for row in table.rows:
                own_names.add(_full_name(row))
    options = LinkedInOptions(options.default_tz, options.own_urls, frozenset(own_names))
    positions = [t for t in tables if t.kind == "positions"]
    for table in tables:
        layout = LAYOUTS[table.kind]
        lacking = [c for c in layout.required if c in table.missing]
        if lacking:
            yield Problem(
                table.name,
                f"lacks the column{'s' if len(lacking) > 1 else ''} {', '.join(lacking)}; "
                "the file was not imported",
            )
            continue
        for column in table.missing:
            yield Skipped(f"{table.name}: column {column}", "not in this export; read without it")
        if table.kind == "positions":
            continue
        if table.kind == "profile":
            yield from _profile(table, positions)
            continue
        if table.unclosed:
            first, last = table.unclosed
            yield Problem(
                f"{table.name} line {first}",
                f"a quote opened on this line is never closed, so lines {first}-{last} "
                "read as one value and were not imported; close the quote and import "
                "the file again",
            )
        reader = READERS[table.kind]
        for number, row in zip(table.lines, table.rows, strict=True):
            where = f"{table.name} line {number}"
            try:
                yield from reader(row, where, options, table)
            except ValueError as exc:
                yield Problem(where, str(exc))


def _files(path: Path, options: LinkedInOptions) -> Iterator[tuple[str, bytes | Problem | None]]:
    """Each file of the export with its bytes: only the CSVs it is known to hold are read
    (None for the others), each within the size limits, a damaged or oversized one as a
    Problem; the rest of the export is still read."""
    limit = options.max_file_bytes
    if path.is_dir():
        for child in sorted(path.rglob("*.csv")):
            name = str(child.relative_to(path))
            if kind_of(name) is None:
                yield name, None
            elif child.stat().st_size > limit:
                yield name, Problem(name, _too_large(limit))
            else:
                yield name, child.read_bytes()
        return
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    if not info.is_dir():
                        yield info.filename, _member(archive, info, options)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise BadFile(f"{path.name} is a damaged ZIP file ({exc}).") from None
        return
    if path.suffix.lower() == ".zip":
        raise BadFile(f"{path.name} is not a ZIP file. Use the ZIP LinkedIn sent, or its CSVs.")
    if path.stat().st_size > limit:
        raise BadFile(f"{path.name} {_too_large(limit)}.")
    yield path.name, path.read_bytes()


def _member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, options: LinkedInOptions
) -> bytes | Problem | None:
    """A known CSV of the ZIP read up to the limit; a damaged or oversized one a Problem."""
    name = info.filename
    if kind_of(name) is None:
        return None
    limit = options.max_file_bytes
    if info.file_size > limit:
        return Problem(name, _too_large(limit))
    if info.file_size > 1024 * 1024 and info.file_size > options.max_ratio * max(
        1, info.compress_size
    ):
        return Problem(
            name,
            f"expands more than {options.max_ratio} times (a ZIP bomb?); not read",
        )
    try:
        with archive.open(info) as member:
            data = member.read(limit + 1)
    except (
        zipfile.BadZipFile,
        EOFError,
        OSError,
        zlib.error,
        NotImplementedError,
        RuntimeError,
        ValueError,
    ) as exc:
        return Problem(
            name, f"is damaged in the ZIP ({str(exc)[:120] or type(exc).__name__}); not read"
        )
    if len(data) > limit:
        return Problem(name, _too_large(limit))
    return data


def _too_large(limit: int) -> str:
    return f"is larger than {limit // (1024 * 1024)} MiB (the setting import_zip_mb); not read"


def _csv_reason(exc: Exception, options: LinkedInOptions) -> str:
    if "field larger than field limit" in str(exc):
        return (
            f"a field is larger than {options.max_field_bytes // 1024} KiB (the setting "
            "import_csv_field_kb); the file was not imported"
        )
    return str(exc)


def _normal(column: str) -> str:
    return re.sub(r"[^a-z0-9]", "", column.lower())


def _table(name: str, kind: str, data: bytes) -> _Table:
    """The rows of one CSV, keyed by the layout's column names, after any preamble."""
    layout = LAYOUTS[kind]
    wanted = {_normal(c): c for c in (*layout.required, *layout.optional)}
    text = decode_bytes(data).replace("\x00", "")
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, int, list[str]]] = []  # (first line, last line, cells)
    for cells in reader:
        first = rows[-1][1] + 1 if rows else 1
        rows.append((first, reader.line_num, cells))
    header_at = next(
        (
            i
            for i, (_, _, row) in enumerate(rows[:20])
            if sum(_normal(cell) in wanted for cell in row) >= min(2, len(wanted))
        ),
        None,
    )
    if header_at is None:
        raise ValueError(f"no header row with the columns {', '.join(layout.required)}")
    header = [wanted.get(_normal(cell), cell.strip()) for cell in rows[header_at][2]]
    table = _Table(name=name, kind=kind)
    table.missing = [c for c in (*layout.required, *layout.optional) if c not in header]
    body = rows[header_at + 1 :]
    if body and _unclosed(body[-1], text, len(header)):
        first, last, _ = body.pop()
        table.unclosed = (first, last)
    for first, _, row in body:
        if not any(cell.strip() for cell in row):
            continue
        table.rows.append({header[i]: cell.strip() for i, cell in enumerate(row[: len(header)])})
        table.lines.append(first)
    return table


def _unclosed(row: tuple[int, int, list[str]], text: str, columns: int) -> bool:
    """Whether the file's last row is a quote left open: it runs over several lines to
    the end of the file, its last value holds line breaks, and it is short of columns
    because the rows after the quote were read into that one value."""
    first, last, cells = row
    return (
        last > first
        and len(cells) < columns
        and bool(cells)
        and "\n" in cells[-1]
        and text.rstrip("\r\n").endswith(cells[-1].rstrip("\r\n"))
    )


# -- dates --------------------------------------------------------------------------------


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


def _full_name(row: dict[str, str]) -> str:
    return " ".join(f"{row.get('First Name', '')} {row.get('Last Name', '')}".split())


def _url(value: str) -> str:
    value = (value or "").strip()
    if value and not value.startswith("http"):
        value = "https://" + value
    return value.rstrip("/")


def _connection(row, where, options, table) -> Iterator[Item]:
    name = _full_name(row)
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


def _owner(table: _Table) -> str:
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


def _profile(table: _Table, positions: list[_Table]) -> Iterator[Item]:
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
            name=_full_name(row),
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
