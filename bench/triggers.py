"""What counting writes per table costs a write: the triggers of migration 0007 (the
record's version) against those of 0008 (the version and the table's count).

SQLite: 200,000 rows inserted into an in-memory table under each set of triggers,
alternately, three times (CPU time). PostgreSQL (with ``--postgres URL``): 10,000
one-row INSERT statements in one transaction under each trigger function, in a scratch
schema dropped afterwards (the server's time). Figures in bench/README.md, "Kept agenda".

    .venv/bin/python bench/triggers.py [--postgres postgresql://postgres@127.0.0.1/test]
"""

from __future__ import annotations

import argparse
import importlib
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


def postgres_time(url: str, body: str, statements: int = 10_000) -> float:
    """Seconds for ``statements`` one-row inserts in one transaction under a statement
    trigger running ``body``, in a scratch schema."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS bench_triggers CASCADE")
        conn.execute("CREATE SCHEMA bench_triggers")
        conn.execute("SET search_path TO bench_triggers")
        conn.execute("CREATE TABLE record_versions (id int PRIMARY KEY, version bigint)")
        conn.execute("INSERT INTO record_versions VALUES (1, 0)")
        conn.execute("CREATE TABLE table_writes (name varchar(64) PRIMARY KEY, writes bigint)")
        conn.execute(
            "INSERT INTO table_writes SELECT 'table_' || g, 0 FROM generate_series(1, 30) g"
        )
        conn.execute("INSERT INTO table_writes VALUES ('items', 0)")
        conn.execute("CREATE TABLE items (id serial PRIMARY KEY, a int)")
        conn.execute(f"CREATE FUNCTION counted() RETURNS trigger AS $$ {body} $$ LANGUAGE plpgsql")
        conn.execute(
            "CREATE TRIGGER items_write AFTER INSERT ON items "
            "FOR EACH STATEMENT EXECUTE FUNCTION counted()"
        )
        start = time.perf_counter()
        conn.execute(
            f"DO $$ BEGIN FOR i IN 1..{statements} LOOP "
            "INSERT INTO items (a) VALUES (i); END LOOP; END $$"
        )
        spent = time.perf_counter() - start
        conn.execute("DROP SCHEMA bench_triggers CASCADE")
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="a PostgreSQL URL to measure its triggers too")
    args = parser.parse_args()
    before, after = [], []
    for _ in range(3):
        before.append(insert_time(counted=False))
        after.append(insert_time(counted=True))
    b, a = min(before), min(after)
    print(f"{ROWS:,} inserts: 0007 triggers {b:.3f} s, 0008 triggers {a:.3f} s CPU (best of 3)")
    print(f"{(a - b) / ROWS * 1e6:.2f} microseconds more a row written")
    if args.postgres:
        migration = importlib.import_module("topofmind.store.migrations.versions.0008_table_writes")
        old = f"BEGIN {VERSION} RETURN NULL; END;"
        new = migration.ONCE_PER_TRANSACTION
        count = COUNT.replace("'items'", "TG_TABLE_NAME")
        per_statement = f"BEGIN {VERSION} {count} RETURN NULL; END;"
        for name, body in (
            ("0007 (version each statement)", old),
            ("version and count each statement", per_statement),
            ("0008 (once a transaction)", new),
        ):
            spent = min(postgres_time(args.postgres, body) for _ in range(2))
            print(f"PostgreSQL, 10,000 statements in one transaction, {name}: {spent:.3f} s")


if __name__ == "__main__":
    main()
