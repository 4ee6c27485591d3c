"""What counting writes per table costs a write: SQLite's triggers of migration 0007
(the record's version) against those of 0008 (the version and the table's count).

Inserts 200,000 rows into an in-memory table under each set of triggers, alternately,
three times, and prints the CPU time of each (figures in bench/README.md, "Kept agenda").

    .venv/bin/python bench/triggers.py
"""

from __future__ import annotations

import sqlite3
import time

ROWS = 200_000
VERSION = "UPDATE record_versions SET version = version + 1;"
COUNT = "UPDATE table_writes SET writes = writes + 1 WHERE name = 'items';"


def insert_time(counted: bool) -> float:
    """CPU seconds to insert ``ROWS`` rows, one statement a row, under the triggers."""
    conn = sqlite3.connect(":memory:")
    conn.executescript(
        "CREATE TABLE record_versions (id INTEGER PRIMARY KEY, version INTEGER);"
        "INSERT INTO record_versions VALUES (1, 0);"
        "CREATE TABLE table_writes (name TEXT PRIMARY KEY, writes INTEGER);"
        "CREATE TABLE items (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER);"
    )
    names = [f"table_{i}" for i in range(30)] + ["items"]
    conn.executemany("INSERT INTO table_writes VALUES (?, 0)", [(n,) for n in names])
    body = VERSION + (COUNT if counted else "")
    for verb in ("INSERT", "UPDATE", "DELETE"):
        conn.execute(f"CREATE TRIGGER items_{verb} AFTER {verb} ON items BEGIN {body} END")
    start = time.process_time()
    conn.executemany("INSERT INTO items (a, b) VALUES (?, ?)", ((i, i) for i in range(ROWS)))
    conn.commit()
    spent = time.process_time() - start
    conn.close()
    return spent


def main() -> None:
    before, after = [], []
    for _ in range(3):
        before.append(insert_time(counted=False))
        after.append(insert_time(counted=True))
    b, a = min(before), min(after)
    print(f"{ROWS:,} inserts: 0007 triggers {b:.3f} s, 0008 triggers {a:.3f} s CPU (best of 3)")
    print(f"{(a - b) / ROWS * 1e6:.2f} microseconds more a row written")


if __name__ == "__main__":
    main()
