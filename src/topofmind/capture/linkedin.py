"""A LinkedIn data export (the ZIP, its folder, or single CSV files) to records.

Most of a job seeker's network lives on LinkedIn, and the export is the only way to
get it out: connections become people (matched by profile URL), messages and
invitations become interactions, certifications achievements, events events,
applications and saved jobs opportunities, the profile and positions the job
seeker's profile. LinkedIn adds and drops columns over the years, so columns are
matched by name, old and new layouts and date formats are accepted, and missing
columns are reported rather than guessed.

The files are read as tables in ``linkedin_tables.py`` and each row in
``linkedin_rows.py``; this module puts them in order.

Pure: a path in, items out; ``default_tz`` is the zone for times without one.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from topofmind.capture.items import Problem, Skipped
from topofmind.capture.linkedin_rows import (
    READERS,
    SOURCE,
    Item,
    full_name,
    parse_day,
    parse_moment,
    read_profile,
)
from topofmind.capture.linkedin_tables import (
    LAYOUTS,
    LinkedInOptions,
    Table,
    csv_reason,
    export_files,
    kind_of,
    read_table,
)
from topofmind.errors import BadFile

#: What the importers' callers use (the rest is read in the two modules above).
__all__ = [
    "SOURCE",
    "Item",
    "LinkedInOptions",
    "kind_of",
    "parse_day",
    "parse_moment",
    "read_linkedin",
]


def read_linkedin(path: Path, options: LinkedInOptions = LinkedInOptions()) -> Iterator[Item]:
    """Every record of an export at ``path``: a ZIP, its unpacked folder, or one CSV file."""
    files = list(export_files(path, options))
    if not any(kind_of(name) for name, _ in files):
        raise BadFile(
            f"{path.name} holds no LinkedIn export file topofmind knows "
            "(Connections.csv, messages.csv, Invitations.csv, ...)."
        )
    tables: list[Table] = []
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
            tables.append(read_table(name, kind, data))
        except (ValueError, csv.Error) as exc:
            yield Problem(name, csv_reason(exc, options))
    order = list(LAYOUTS)
    tables.sort(key=lambda t: order.index(t.kind))
    own_names = set(options.own_names)
    for table in tables:
        if table.kind == "profile":
            for row in table.rows:
                own_names.add(full_name(row))
    options = LinkedInOptions(options.default_tz, options.own_urls, frozenset(own_names))
    positions = [t for t in tables if t.kind == "positions"]
    for table in tables:
        yield from _records(table, positions, options)


def _records(table: Table, positions: list[Table], options: LinkedInOptions) -> Iterator[Item]:
    """The records of one table (positions are read with the profile), or why not."""
    layout = LAYOUTS[table.kind]
    lacking = [c for c in layout.required if c in table.missing]
    if lacking:
        yield Problem(
            table.name,
            f"lacks the column{'s' if len(lacking) > 1 else ''} {', '.join(lacking)}; "
            "the file was not imported",
        )
        return
    for column in table.missing:
        yield Skipped(f"{table.name}: column {column}", "not in this export; read without it")
    if table.kind == "positions":
        return
    if table.kind == "profile":
        yield from read_profile(table, positions)
        return
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
