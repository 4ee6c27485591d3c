"""The kept agenda read without SQLAlchemy: the command line's fast path.

`tom today` and `tom actions --json` read, in one snapshot, the record's version, the
kept agenda, every decision and the profile's time zone: from a SQLite file with the
standard library, from PostgreSQL through libpq itself. Only the standard library is
imported here, and ``store.kept``'s ``Kept``, which imports nothing more.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from topofmind.store.kept import Kept, as_utc

#: What the fast path reads, in one snapshot: the counter, the kept agenda and its
#: parts, every decision and the profile's time zone.
FAST_READS = (
    "SELECT version FROM record_versions WHERE owner_id = 1",
    "SELECT record_version, fingerprint, computed_at, valid_until, parts "
    "FROM kept_agendas WHERE owner_id = 1",
    "SELECT digest, actions FROM kept_agenda_parts WHERE owner_id = 1",
    "SELECT action_id, status, until FROM decisions WHERE owner_id = 1",
    "SELECT timezone FROM profiles WHERE owner_id = 1",
)


class Snapshot:
    """What the fast path reads: the counter, the kept agenda, every decision (action id,
    status, until) and the profile's time zone."""

    __slots__ = ("version", "kept", "decided", "timezone")

    def __init__(self, version: int, kept: Kept, decided: list[tuple], timezone: str | None):
        self.version = version
        self.kept = kept
        self.decided = decided
        self.timezone = timezone


def read_sqlite(path: Path) -> Snapshot | None:
    """What the fast path reads, from a SQLite file with the standard library.

    None when the file has no kept agenda yet or cannot be read as one; the caller then
    takes the ordinary path, which migrates, recomputes and keeps."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        conn.execute("BEGIN")  # one snapshot for every read
        found = [conn.execute(query).fetchall() for query in FAST_READS]
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return _snapshot(found)


def read_postgres(url: str) -> Snapshot | None:
    """What the fast path reads, from PostgreSQL: through libpq itself where it can be
    loaded (importing psycopg costs a command about ten times what the read does), else
    with psycopg alone; never through SQLAlchemy."""
    library = _libpq()
    if library is not None:
        return _read_libpq(library, url)
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            with conn.transaction():
                found = [conn.execute(query).fetchall() for query in FAST_READS]
    except psycopg.Error:
        return None
    return _snapshot(found)


def _libpq():
    """The client library, from the system or from psycopg's binary wheel; None if neither."""
    import ctypes
    import sys

    names = ["libpq.so.5", "libpq.so", "libpq.5.dylib"]
    for entry in sys.path:  # psycopg's binary wheel brings its own
        wheel = Path(entry) / "psycopg_binary.libs"
        if wheel.is_dir():
            names += [str(p) for p in sorted(wheel.glob("libpq*.so*"))]
    for name in names:
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        pointer, text = ctypes.c_void_p, ctypes.c_char_p
        for function, arguments, result in (
            ("PQconnectdb", [text], pointer),
            ("PQstatus", [pointer], ctypes.c_int),
            ("PQexec", [pointer, text], pointer),
            ("PQresultStatus", [pointer], ctypes.c_int),
            ("PQntuples", [pointer], ctypes.c_int),
            ("PQnfields", [pointer], ctypes.c_int),
            ("PQgetisnull", [pointer, ctypes.c_int, ctypes.c_int], ctypes.c_int),
            ("PQgetvalue", [pointer, ctypes.c_int, ctypes.c_int], pointer),
            ("PQgetlength", [pointer, ctypes.c_int, ctypes.c_int], ctypes.c_int),
            ("PQclear", [pointer], None),
            ("PQfinish", [pointer], None),
        ):
            getattr(library, function).argtypes = arguments
            getattr(library, function).restype = result
        return library
    return None


#: Each read's columns by what they hold, to turn libpq's text into values.
_KINDS = (
    ("int",),
    ("int", "text", "moment", "moment", "text"),
    ("text", "text"),
    ("text", "text", "moment"),
    ("text",),
)


def _read_libpq(pq, url: str) -> Snapshot | None:
    import ctypes

    conn = pq.PQconnectdb(url.encode())
    try:
        if not conn or pq.PQstatus(conn) != 0:  # CONNECTION_OK
            return None
        found: list[list[tuple]] = []
        steps = [
            "SET client_encoding TO 'UTF8'",
            "SET TimeZone TO 'UTC'",
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
            *FAST_READS,
            "COMMIT",
        ]
        for query in steps:
            result = pq.PQexec(conn, query.encode())
            try:
                status = pq.PQresultStatus(result)
                if status not in (1, 2):  # PGRES_COMMAND_OK, PGRES_TUPLES_OK
                    return None
                if status == 2:
                    kinds = _KINDS[len(found)]
                    rows = []
                    for row in range(pq.PQntuples(result)):
                        values: list[object] = []
                        for column, kind in enumerate(kinds):
                            if pq.PQgetisnull(result, row, column):
                                values.append(None)
                                continue
                            size = pq.PQgetlength(result, row, column)
                            raw = ctypes.string_at(pq.PQgetvalue(result, row, column), size)
                            value = raw.decode()
                            if kind == "int":
                                values.append(int(value))
                            elif kind == "moment":
                                values.append(datetime.fromisoformat(value))
                            else:
                                values.append(value)
                        rows.append(tuple(values))
                    found.append(rows)
            finally:
                pq.PQclear(result)
        return _snapshot(found)
    finally:
        if conn:
            pq.PQfinish(conn)


def _snapshot(found: list[list[tuple]]) -> Snapshot | None:
    import json

    version, kept, stored, decided, zone = found
    if not version or not kept:
        return None
    row = kept[0]
    texts = dict(stored)
    try:
        parts = [(digest, texts[digest]) for digest in json.loads(row[4])]
    except (KeyError, ValueError):
        return None
    until = as_utc(row[3]) if row[3] is not None else None
    return Snapshot(
        version[0][0],
        Kept(row[0], row[1], as_utc(row[2]), until, parts),
        decided,
        zone[0][0] if zone else None,
    )
