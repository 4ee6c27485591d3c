"""The files of a LinkedIn data export read as tables: which file holds what, the
columns each needs, and the limits that keep a damaged or oversized file from stopping
the rest (``linkedin.py`` turns the tables into records, ``linkedin_rows.py`` each row).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path, PurePosixPath

from topofmind.capture.items import Problem
from topofmind.capture.readable import decode_bytes
from topofmind.domain.moments import utc
from topofmind.errors import BadFile


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
class Table:
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


def export_files(
    path: Path, options: LinkedInOptions
) -> Iterator[tuple[str, bytes | Problem | None]]:
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


def csv_reason(exc: Exception, options: LinkedInOptions) -> str:
    if "field larger than field limit" in str(exc):
        return (
            f"a field is larger than {options.max_field_bytes // 1024} KiB (the setting "
            "import_csv_field_kb); the file was not imported"
        )
    return str(exc)


def _normal(column: str) -> str:
    return re.sub(r"[^a-z0-9]", "", column.lower())


def read_table(name: str, kind: str, data: bytes) -> Table:
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
    table = Table(name=name, kind=kind)
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
