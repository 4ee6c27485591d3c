"""Durability at length: every kind of writer on one record at once, with and without
SIGKILL at random moments, on SQLite and on PostgreSQL; counts of writers, acknowledged
writes, kills and losses.

The writers (`tom serve` with forms posted to it, `tom achievement add`, `tom import
email`, `tom sync calendar` against a local HTTP calendar, `tom sync imap` against a
throwaway Dovecot) and the checks are those of the test suite's bounded run
(tests/durability/writers.py); this runs them for ``--minutes`` each. Dovecot needs
root and /usr/sbin/dovecot (scripts/system-deps); without them IMAP is left out.
PostgreSQL is skipped when ``TOM_TEST_POSTGRES_URL`` (default the local test server)
does not answer. Copy the printed table into bench/README.md and docs/durability.md.

    .venv/bin/python bench/durability.py --minutes 5
    .venv/bin/python bench/durability.py --minutes 30 --only sqlite --kills-only
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "tests"), str(HERE.parent / "tests" / "durability")]

PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/test"


def postgres_schema() -> tuple[str, object] | None:
    """A fresh schema on the test server, and the connection that drops it; None without
    a server."""
    import psycopg

    base = os.environ.get("TOM_TEST_POSTGRES_URL", PG_DEFAULT)
    try:
        admin = psycopg.connect(base, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        return None
    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE SCHEMA "{name}"')
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{name}", (admin, name)


def start_dovecot():
    from fixtures.dovecot import DOVECOT, Dovecot

    if not Path(DOVECOT).exists() or os.geteuid() != 0:
        return None
    root = Path(tempfile.mkdtemp(prefix="tom-dovecot-"))
    root.chmod(0o755)
    server = Dovecot(root)
    server.start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="Writing time per run.")
    parser.add_argument("--only", choices=["sqlite", "postgres"], help="One database only.")
    parser.add_argument("--kills-only", action="store_true", help="Only the runs with kills.")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from writers import Run

    dovecot = start_dovecot()
    tallies = []
    try:
        for database in ("sqlite", "postgres"):
            if args.only and database != args.only:
                continue
            for kills in (True,) if args.kills_only else (False, True):
                work = Path(tempfile.mkdtemp(prefix="tom-durability-"))
                os.environ["TOM_HOME"] = str(work / "home")
                (work / "home").mkdir()
                dropper = None
                if database == "sqlite":
                    url = str(work / "tom.db")
                else:
                    found = postgres_schema()
                    if found is None:
                        print("PostgreSQL not reachable: skipped", file=sys.stderr)
                        continue
                    url, dropper = found
                if dovecot is not None:
                    dovecot.clear()
                run = Run(url, work / "home", work / "files", args.minutes * 60, kills, dovecot)
                run.random.seed(args.seed)
                tally = run.run()
                tally.database += " with kills" if kills else " together"
                print(tally.line(), flush=True)
                for line in tally.lost[:20] + tally.refused[:20]:
                    print("  ", line)
                tallies.append(tally)
                if dropper is not None:
                    admin, name = dropper
                    admin.execute(f'DROP SCHEMA "{name}" CASCADE')
                    admin.close()
                shutil.rmtree(work, ignore_errors=True)
    finally:
        if dovecot is not None:
            dovecot.stop()
            shutil.rmtree(dovecot.root, ignore_errors=True)
    print()
    print("| Run | Minutes | Writers | Acknowledged writes | Kills | Lost | Duplicated |")
    print("|---|---|---|---|---|---|---|")
    for t in tallies:
        print(
            f"| {t.database} | {t.seconds / 60:.1f} | {t.writers} | {t.writes:,} | "
            f"{sum(t.kills.values())} | {len(t.lost)} | {t.duplicates} |"
        )
    print(json.dumps([t.__dict__ | {"writes": t.writes} for t in tallies], default=str))


if __name__ == "__main__":
    main()
