"""The longer fuzz run: many generated hostile files per importer, counting crashes,
hangs and poisoned records.

Target: at least 10,000 inputs per importer, 0 crashes (an exception other than a
refusal meant for people), 0 hangs (an import over 30 s), 0 poisoned records (a
command that fails, or an integrity check, after accepted inputs).

Rerun: .venv/bin/python bench/fuzz.py --inputs 10000 [--kinds email,ics] [--seconds S]

The strategies are the suite's (tests/capture/hostile.py). Each input goes through the
import service the CLI calls (``import_paths``; feeds through ``record_news``, exports
through ``import_document``), in a child process per importer that a watchdog kills
and restarts when one input runs over 30 s, so a hang is counted and the run goes on.
Each importer writes into its own SQLite record (with a known person and organization,
so mail and calendars are recorded rather than skipped), which every command reads
every ``--check-every`` inputs and at the end before a new record is started.
Crashing and slow inputs, and poisoned records, are saved under bench/fuzz-crashes/.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import multiprocessing
import shutil
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
#: Seconds one input may take: over it, the watchdog counts a hang and restarts.
HANG = 30.0
#: Seconds over which an input that finished is still kept, to see what is slow.
SLOW = 10.0
#: Seconds a child may run past its time to check its last record.
LATE = 600.0
CRASHES = ROOT / "bench" / "fuzz-crashes"
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


def tom(url: str, *args: str) -> str:
    """Run one command on the record; what it printed, or '' when it worked."""
    from typer.testing import CliRunner

    from topofmind.cli.main import app

    result = CliRunner().invoke(app, ["--db", url, "--now", NOW.isoformat(), *args])
    return "" if result.exit_code == 0 else f"tom {' '.join(args)}: {result.output.strip()}"


def open_record(url: str, known: bool = True):
    """A record set up with the commands a person runs (with a known person and
    organization unless ``known`` is false), and a context writing into it."""
    from topofmind.services.context import Context
    from topofmind.settings import Settings
    from topofmind.store.database import open_database

    if known:
        for args in (
            ("init", "--name", "Jordan Lee", "--email", "jordan.lee@example.com"),
            ("org", "add", "Acme", "--domain", "acme.example"),
            ("person", "add", "Dana Ruiz", "--email", "dana@acme.example", "--org", "Acme"),
        ):
            failed = tom(url, *args)
            if failed:
                raise RuntimeError(failed)
    return Context(db=open_database(url), now=NOW, settings=Settings())


def poisoned(url: str) -> str:
    """What broke when every command read the record ('' when nothing did)."""
    import sqlite3

    for args in COMMANDS:
        failed = tom(url, *args)
        if failed:
            return failed[-300:]
    with sqlite3.connect(url) as conn:
        found = conn.execute("PRAGMA integrity_check").fetchone()
    return "" if found == ("ok",) else f"integrity_check: {found}"


def save(stem: str, data: bytes, detail: str) -> None:
    """Keep an input that crashed or hung, named by its content (no duplicates)."""
    CRASHES.mkdir(exist_ok=True)
    name = f"{stem}-{hashlib.sha256(data).hexdigest()[:10]}"
    (CRASHES / f"{name}.bin").write_bytes(data)
    (CRASHES / f"{name}.txt").write_text(detail, encoding="utf-8")


class TimeUp(Exception):
    """The time given to one importer is over."""


class Worker:
    """One importer's inputs, in the child process: each outcome is sent to the
    watchdog, and ``began`` holds when the current input started (0 between inputs)."""

    def __init__(self, kind: str, folder: Path, check_every: int, conn, began) -> None:
        self.kind, self.folder, self.check_every = kind, folder, check_every
        self.conn, self.began = conn, began
        self.records = 0
        self.new_record()

    def new_record(self) -> None:
        self.records += 1
        self.url = str(self.folder / f"{self.kind}-{self.records}.db")
        self.ctx = open_record(self.url)
        self.since_check = 0

    def check(self) -> None:
        """Every command reads the record; then a new one is started, so the run's speed
        does not depend on how many people earlier inputs added."""
        self.ctx.db.dispose()
        found = poisoned(self.url)
        if found:
            CRASHES.mkdir(exist_ok=True)
            stem = CRASHES / f"{self.kind}-poisoned-{time.time_ns()}"
            stem.with_suffix(".txt").write_text(found, encoding="utf-8")
            shutil.copy(self.url, stem.with_suffix(".db"))
            self.conn.send(("poisoned", found))
        Path(self.url).unlink(missing_ok=True)
        self.new_record()

    def one(self, data: bytes) -> None:
        from topofmind.errors import TomError

        (self.folder / KINDS[self.kind][0]).write_bytes(data)  # the watchdog saves it on a hang
        began = time.monotonic()
        self.began.value = began
        try:
            self.feed(data)
            outcome = "ok"
        except TomError:
            outcome = "refused"
        except Exception:  # noqa: BLE001 - what the run counts
            outcome = "crash"
            save(f"{self.kind}-crash", data, traceback.format_exc())
        self.began.value = 0.0
        took = time.monotonic() - began
        if took > SLOW:
            save(f"{self.kind}-slow", data, f"took {took:.1f} s")
        self.conn.send((outcome, took))
        self.since_check += 1
        if self.since_check >= self.check_every:
            self.check()

    def feed(self, data: bytes) -> None:
        from topofmind.capture.feeds import read_feed
        from topofmind.services.imports import import_paths
        from topofmind.services.imports.batches import open_batch
        from topofmind.services.imports.formats import record_news

        name, _ = KINDS[self.kind]
        if self.kind == "feed":
            items = read_feed(data, name)
            with open_batch(self.ctx, "feeds", name) as batch:
                record_news(batch, 1, "Acme feed", items)
            return
        import_paths(self.ctx, IMPORT_KIND.get(self.kind, self.kind), [str(self.folder / name)])


class ExportWorker(Worker):
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
            save(f"{self.kind}-poisoned", data, found)
            self.conn.send(("poisoned", found))


def demo_export(folder: Path) -> dict:
    """The demo job search as ``tom export`` writes it."""
    url = str(folder / "demo.db")
    out = folder / "demo.json"
    failed = tom(url, "demo") or tom(url, "export", "--output", str(out))
    if failed:
        raise RuntimeError(failed)
    return json.loads(out.read_text(encoding="utf-8"))


def child(kind: str, inputs: int, folder: Path, check_every: int, stop: float, conn, began):
    """Generate and import ``inputs`` inputs of one kind (or until ``stop``), then check
    the last record."""
    import warnings

    warnings.simplefilter("ignore")
    if kind == "import-json":
        strategy = hostile.mutated_export(demo_export(folder)).map(
            lambda d: json.dumps(d, allow_nan=True).encode("utf-8", "surrogatepass")
        )
        worker: Worker = ExportWorker(kind, folder, check_every, conn, began)
    else:
        strategy = KINDS[kind][1]()
        worker = Worker(kind, folder, check_every, conn, began)

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
        worker.one(data)

    with contextlib.suppress(TimeUp):
        one()
    worker.check()
    conn.send(("done", 0.0))


class Tally:
    """One importer's figures, kept by the watchdog."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.tried = self.refused = self.crashes = self.hangs = self.poisoned = 0
        self.slowest = 0.0

    def take(self, outcome: str, took: float) -> None:
        if outcome == "poisoned":
            self.poisoned += 1
            return
        self.tried += 1
        self.slowest = max(self.slowest, took)
        self.refused += outcome == "refused"
        self.crashes += outcome == "crash"

    def figures(self, minutes: float) -> dict:
        return {
            "importer": self.kind,
            "inputs": self.tried,
            "refused": self.refused,
            "crashes": self.crashes,
            "hangs": self.hangs,
            "poisoned": self.poisoned,
            "slowest_s": round(self.slowest, 2),
            "minutes": round(minutes, 1),
        }


def watch(
    kind: str, inputs: int, folder: Path, check_every: int, stop: float, tally, progress: str
) -> None:
    """Run one child to its end, or kill it when an input passes HANG or time is up."""
    context = multiprocessing.get_context("fork")
    began = context.Value("d", 0.0, lock=False)
    ours, theirs = context.Pipe(duplex=False)
    process = context.Process(
        target=child, args=(kind, inputs, folder, check_every, stop, theirs, began), daemon=True
    )
    process.start()
    theirs.close()
    shown = time.monotonic()
    try:
        while True:
            if progress and time.monotonic() - shown > 30:
                shown = time.monotonic()
                Path(progress).write_text(json.dumps(tally.figures(0)) + "\n", encoding="utf-8")
            alive = process.is_alive()
            if _drain(ours, tally, 1000 if ours.poll(0.5) else 0):
                return
            started, now = began.value, time.monotonic()
            if started and now - started > HANG:
                tally.hangs += 1
                tally.tried += 1
                tally.slowest = max(tally.slowest, now - started)
                data = (folder / KINDS[kind][0]).read_bytes()
                save(f"{kind}-hang", data, f"over {HANG:.0f} s (stopped at {now - started:.1f} s)")
                return
            if now > stop + LATE:
                return
            if not alive and not _drain(ours, tally, 10**6):
                tally.crashes += 1
                tally.tried += 1
                data = (folder / KINDS[kind][0]).read_bytes()
                save(f"{kind}-died", data, f"the process ended with status {process.exitcode}")
                return
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        ours.close()


def _drain(ours, tally: Tally, most: int) -> bool:
    """Take up to ``most`` outcomes the child sent; whether it said it is done."""
    for _ in range(most):
        if not ours.poll():
            break
        try:
            outcome, took = ours.recv()
        except EOFError:
            break
        if outcome == "done":
            return True
        tally.take(outcome, took)
    return False


def run(kind: str, inputs: int, seconds: float, check_every: int, progress: str = "") -> dict:
    tally = Tally(kind)
    began = time.monotonic()
    stop = began + seconds
    while tally.tried < inputs and time.monotonic() < stop:
        with tempfile.TemporaryDirectory(
            dir="/dev/shm" if Path("/dev/shm").is_dir() else None
        ) as tmp:
            before = tally.tried
            watch(kind, inputs - tally.tried, Path(tmp), check_every, stop, tally, progress)
            if tally.tried == before:  # the child made no progress: do not loop forever
                break
    return tally.figures((time.monotonic() - began) / 60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="inputs per importer")
    parser.add_argument("--seconds", type=float, default=3600, help="at most, per importer")
    parser.add_argument("--kinds", default=",".join(KINDS), help="importers, comma-separated")
    parser.add_argument("--check-every", type=int, default=500, help="inputs between checks")
    parser.add_argument(
        "--out", default="", help="append each importer's figures here (JSON lines)"
    )
    parser.add_argument(
        "--progress", default="", help="rewrite this file with the figures so far every 30 s"
    )
    args = parser.parse_args()
    for kind in args.kinds.split(","):
        found = run(kind, args.inputs, args.seconds, args.check_every, args.progress)
        print(json.dumps(found), flush=True)
        if args.out:
            with open(args.out, "a", encoding="utf-8") as out:
                out.write(json.dumps(found) + "\n")


if __name__ == "__main__":
    main()
