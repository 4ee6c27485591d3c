"""The longer fuzz run: many generated hostile files per importer, counting crashes,
hangs and poisoned records.

Target: at least 10,000 inputs per importer, 0 crashes (an exception other than a
refusal meant for people), 0 hangs (an import over 30 s), 0 poisoned records (a
command that fails, or an integrity check, after accepted inputs).

Rerun: .venv/bin/python bench/fuzz.py --inputs 10000 [--kinds email,ics] [--seconds S]

The strategies are the suite's (tests/capture/hostile.py); each importer writes into
its own SQLite record (with a known person and organization, so mail and calendars
are recorded rather than skipped), which every command reads every ``--check-every``
inputs and at the end before a new record is started. Crashing inputs are saved
under bench/fuzz-crashes/.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
import time
import traceback
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "capture"))

import hostile  # noqa: E402
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=ZoneInfo("America/New_York"))
HANG = 30.0
KINDS = {
    "email": ("mail.eml", hostile.message),
    "mbox": ("mail.mbox", hostile.mbox),
    "ics": ("calendar.ics", hostile.calendar),
    "vcard": ("cards.vcf", hostile.vcards),
    "linkedin-csv": ("Connections.csv", lambda: hostile.csv_file().map(lambda f: f[1])),
    "linkedin-zip": ("export.zip", hostile.linkedin_zip),
    "resume": ("resume.json", hostile.resume),
    "posting": ("posting.html", hostile.posting),
    "feed": ("feed.xml", hostile.feed),
    "import-json": ("export.json", None),
}
IMPORT_KIND = {"mbox": "email", "linkedin-csv": "linkedin", "linkedin-zip": "linkedin"}
COMMANDS = [
    ("today",),
    ("opp", "list"),
    ("person", "list"),
    ("import", "list"),
    ("score",),
    ("export",),
    ("actions",),
]


def open_record(url: str, known: bool = True):
    from topofmind.services.context import Context
    from topofmind.services.organizations import add_organization
    from topofmind.services.people import add_person
    from topofmind.services.profile import init_profile
    from topofmind.settings import Settings
    from topofmind.store.database import open_database

    ctx = Context(db=open_database(url), now=NOW, settings=Settings())
    if known:
        init_profile(ctx, "Jordan Lee", ["jordan.lee@example.com"], "America/New_York")
        add_organization(ctx, "Acme", ["acme.example"])
        add_person(ctx, "Dana Ruiz", emails=["dana@acme.example"], organization="Acme")
    return ctx


def poisoned(url: str) -> str:
    """What broke when every command read the record ('' when nothing did)."""
    import sqlite3

    from typer.testing import CliRunner

    from topofmind.cli.main import app

    runner = CliRunner()
    for args in COMMANDS:
        result = runner.invoke(app, ["--db", url, "--now", NOW.isoformat(), *args])
        if result.exit_code != 0:
            return f"tom {' '.join(args)}: {result.output.strip()[-300:]}"
    with sqlite3.connect(url) as conn:
        found = conn.execute("PRAGMA integrity_check").fetchone()
    return "" if found == ("ok",) else f"integrity_check: {found}"


class TimeUp(Exception):
    """The time given to one importer is over."""


class Run:
    def __init__(self, kind: str, folder: Path, check_every: int) -> None:
        self.kind, self.folder, self.check_every = kind, folder, check_every
        self.tried = self.refused = self.crashes = self.hangs = self.poisoned = 0
        self.slowest = 0.0
        self.records = 0
        self.crash_dir = ROOT / "bench" / "fuzz-crashes"
        self.new_record()

    def new_record(self) -> None:
        self.records += 1
        self.url = str(self.folder / f"{self.kind}-{self.records}.db")
        self.ctx = open_record(self.url)
        self.since_check = 0

    def crash(self, data: bytes, detail: str) -> None:
        self.crash_dir.mkdir(exist_ok=True)
        stem = self.crash_dir / f"{self.kind}-{self.crashes}"
        stem.with_suffix(".bin").write_bytes(data)
        stem.with_suffix(".txt").write_text(detail, encoding="utf-8")

    def check(self) -> None:
        """Every command reads the record; then a new one is started, so the run's speed
        does not depend on how many people earlier inputs added."""
        found = poisoned(self.url)
        if found:
            self.poisoned += 1
            self.crash_dir.mkdir(exist_ok=True)
            (self.crash_dir / f"{self.kind}-poisoned-{self.poisoned}.txt").write_text(found)
        self.ctx.db.dispose()
        Path(self.url).unlink(missing_ok=True)
        self.new_record()

    def one(self, data: bytes) -> None:
        from topofmind.errors import TomError

        self.tried += 1
        began = time.monotonic()
        try:
            self.feed(data)
        except TomError:
            self.refused += 1
        except Exception:  # noqa: BLE001 - what the run counts
            self.crashes += 1
            self.crash(data, traceback.format_exc())
        took = time.monotonic() - began
        self.slowest = max(self.slowest, took)
        if took > HANG:
            self.hangs += 1
            self.crash(data, f"took {took:.1f} s")
        self.since_check += 1
        if self.since_check >= self.check_every:
            self.check()

    def feed(self, data: bytes) -> None:
        from topofmind.services.import_kinds import record_news

        from topofmind.capture.feeds import read_feed
        from topofmind.services.imports import import_paths
        from topofmind.services.imports.batches import open_batch

        name, _ = KINDS[self.kind]
        if self.kind == "feed":
            items = read_feed(data, name)
            with open_batch(self.ctx, "feeds", name) as batch:
                record_news(batch, 1, "Acme feed", items)
            return
        path = self.folder / name
        path.write_bytes(data)
        import_paths(self.ctx, IMPORT_KIND.get(self.kind, self.kind), [str(path)])


class ExportRun(Run):
    """import-json: each altered export into an empty record; accepted ones are read."""

    def new_record(self) -> None:
        self.records += 1
        self.since_check = 0

    def check(self) -> None:
        self.since_check = 0

    def feed(self, data: bytes) -> None:
        from topofmind.errors import BadFile
        from topofmind.services.transfer import import_document
        from topofmind.services.transfer_schema import document_errors

        document = json.loads(data)
        if document_errors(document):  # import_document refuses it before any write
            raise BadFile("refused")
        self.records += 1
        url = str(self.folder / f"json-{self.records}.db")
        ctx = open_record(url, known=False)
        try:
            import_document(ctx, document)
        finally:
            ctx.db.dispose()
        found = poisoned(url)
        Path(url).unlink(missing_ok=True)
        if found:
            self.poisoned += 1
            self.crash(data, found)


def demo_export(folder: Path) -> dict:
    from topofmind.services.demo import load_demo
    from topofmind.services.transfer import export_document

    ctx = open_record(str(folder / "demo.db"), known=False)
    load_demo(ctx)
    document = json.loads(json.dumps(export_document(ctx)))
    ctx.db.dispose()
    return document


def run(kind: str, inputs: int, seconds: float, check_every: int) -> dict:
    with tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as tmp:
        folder = Path(tmp)
        if kind == "import-json":
            strategy = hostile.mutated_export(demo_export(folder)).map(
                lambda d: json.dumps(d, allow_nan=True).encode("utf-8", "surrogatepass")
            )
            runner: Run = ExportRun(kind, folder, check_every)
        else:
            strategy = KINDS[kind][1]()
            runner = Run(kind, folder, check_every)
        stop = time.monotonic() + seconds

        @settings(
            max_examples=inputs,
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(strategy)
        def one(data: bytes) -> None:
            if time.monotonic() > stop:
                raise TimeUp
            runner.one(data)

        began = time.monotonic()
        with contextlib.suppress(TimeUp):
            one()
        runner.check()
        return {
            "importer": kind,
            "inputs": runner.tried,
            "refused": runner.refused,
            "crashes": runner.crashes,
            "hangs": runner.hangs,
            "poisoned": runner.poisoned,
            "slowest_s": round(runner.slowest, 2),
            "minutes": round((time.monotonic() - began) / 60, 1),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="inputs per importer")
    parser.add_argument("--seconds", type=float, default=3600, help="at most, per importer")
    parser.add_argument("--kinds", default=",".join(KINDS), help="importers, comma-separated")
    parser.add_argument("--check-every", type=int, default=500, help="inputs between checks")
    parser.add_argument(
        "--out", default="", help="append each importer's figures here (JSON lines)"
    )
    args = parser.parse_args()
    import warnings

    warnings.simplefilter("ignore")
    for kind in args.kinds.split(","):
        found = run(kind, args.inputs, args.seconds, args.check_every)
        print(json.dumps(found), flush=True)
        if args.out:
            with open(args.out, "a", encoding="utf-8") as out:
                out.write(json.dumps(found) + "\n")


if __name__ == "__main__":
    main()
