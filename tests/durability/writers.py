"""Every kind of writer on one record at once, some killed at random moments; then every
write a writer was told succeeded is looked for in the record, the export and the web
app.

Writers, each a loop of real processes: the web app (`tom serve`, forms posted to it),
`tom achievement add`, `tom import email` of mailboxes of their own, `tom sync calendar`
against a local HTTP calendar that grows, and `tom sync imap` against a test Dovecot
whose inbox grows. With ``kills``, a killer sends SIGKILL to one of them (the server
included) every one to three seconds (``kill_every``). Afterwards each import that was
killed is run again and each source synced once more, together: the next run continues
where the last stopped.

``Run(...).run()`` returns a ``Tally``; ``tests/durability/test_durability.py`` runs it
for a bounded time, ``bench/durability.py`` at length.
"""

from __future__ import annotations

import contextlib
import json
import random
import signal
import sqlite3
import subprocess
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
from mail import OWN, PEOPLE, message, write_mbox
from processes import TOM, Server, environment

#: Messages in each mailbox file imported.
MESSAGES_PER_FILE = 40


@dataclass
class Tally:
    """What a run did and found."""

    database: str
    seconds: float
    writers: int = 5
    acknowledged: dict[str, int] = field(default_factory=dict)
    kills: dict[str, int] = field(default_factory=dict)
    lost: list[str] = field(default_factory=list)
    duplicates: int = 0
    half_batches: int = 0
    integrity: str = ""
    refused: list[str] = field(default_factory=list)

    @property
    def writes(self) -> int:
        return sum(self.acknowledged.values())

    def line(self) -> str:
        return (
            f"{self.database}: {self.seconds:.0f} s, {self.writers} writers, "
            f"{self.writes} acknowledged writes "
            f"({', '.join(f'{k} {v}' for k, v in sorted(self.acknowledged.items()))}), "
            f"{sum(self.kills.values())} kills "
            f"({', '.join(f'{k} {v}' for k, v in sorted(self.kills.items())) or 'none'}), "
            f"{len(self.lost)} lost, {self.duplicates} duplicated, "
            f"{self.half_batches} half batches, integrity {self.integrity}, "
            f"{len(self.refused)} unexpected errors"
        )


def calendar(events: int) -> bytes:
    """An ICS file of ``events`` interviews with a known contact, a day apart."""
    start = datetime(2027, 1, 4, 15, 0, tzinfo=UTC)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//durability//EN"]
    for n in range(events):
        at = start + timedelta(days=n)
        name, address = PEOPLE[n % len(PEOPLE)]
        lines += [
            "BEGIN:VEVENT",
            f"UID:interview-{n}@durability.test",
            f"ORGANIZER;CN={name}:mailto:{address}",
            f"ATTENDEE;CN=Jordan Lee:mailto:{OWN}",
            f"SUMMARY:Interview round {n}",
            f"DTSTART:{at:%Y%m%dT%H%M%SZ}",
            f"DTEND:{at + timedelta(hours=1):%Y%m%dT%H%M%SZ}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


class Calendar:
    """A calendar served over HTTP that gains an event every ``every`` seconds."""

    def __init__(self) -> None:
        self.events = 1
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                body = calendar(owner.events)
                self.send_response(200)
                self.send_header("Content-Type", "text/calendar")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/calendar.ics"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Run:
    """One durability run on one database (a SQLite path or a PostgreSQL URL)."""

    def __init__(
        self,
        db: str,
        home: Path,
        work: Path,
        seconds: float,
        kills: bool,
        dovecot=None,
        seed: int = 1,
        kill_every: tuple[float, float] = (1.0, 3.0),
    ) -> None:
        self.db, self.home, self.work = db, home, work
        self.seconds, self.with_kills = seconds, kills
        #: Seconds between two kills, drawn between these bounds.
        self.kill_every = kill_every
        self.dovecot = dovecot
        self.random = random.Random(seed)
        self.stopping = threading.Event()
        #: Set when the killer is done: writers finishing their last write are not killed.
        self.truce = threading.Event()
        self.calendar = Calendar()
        self.extra = {"TOM_CALENDAR_URL": self.calendar.url, "TOM_SYNC_MINUTES": "0"}
        if dovecot is not None:
            self.extra.update(
                TOM_IMAP_HOST=dovecot.host,
                TOM_IMAP_PORT=str(dovecot.port),
                TOM_IMAP_USER=dovecot.user,
                TOM_IMAP_PASSWORD=dovecot.password,
                TOM_IMAP_SECURITY="none",
                TOM_IMAP_FOLDERS="INBOX",
            )
        name = "PostgreSQL" if db.startswith("postgres") else "SQLite"
        self.tally = Tally(name, seconds, writers=5 if dovecot is not None else 4)
        self.acked: dict[str, set] = {k: set() for k in ("web", "cli", "import", "calendar")}
        self.acked["imap"] = set()
        self.killed_files: set[int] = set()
        self.imap_sent = 0
        #: Mail arrives from a day ago on: within what a first sync reads.
        self.mail_start = datetime.now(UTC) - timedelta(days=1)
        self.running: dict[str, subprocess.Popen] = {}
        self.guard = threading.Lock()
        self.server: Server | None = None

    # -- processes ----------------------------------------------------------------------

    def tom(self, *args: str, who: str = "", timeout: float = 300) -> subprocess.CompletedProcess:
        """Run `tom` to its end, visible to the killer under ``who`` while it runs."""
        process = subprocess.Popen(
            [*TOM, "--db", self.db, *args],
            env=environment(self.home, **self.extra),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        if who:
            with self.guard:
                self.running[who] = process
        try:
            out, err = process.communicate(timeout=timeout)
        finally:
            if who:
                with self.guard:
                    self.running.pop(who, None)
        return subprocess.CompletedProcess(process.args, process.returncode, out, err)

    def unexpected(self, who: str, done: subprocess.CompletedProcess) -> None:
        """A writer that failed without being killed: an error the run reports."""
        if done.returncode != -signal.SIGKILL:
            self.tally.refused.append(f"{who}: exit {done.returncode}: {done.stderr.strip()}")

    def start_server(self) -> Server:
        server = Server(self.db, self.home, self.work / "serve.log", env=self.extra)
        server.wait_ready()
        with self.guard:
            self.server = server
            self.running["web app"] = server.process
        return server

    # -- the writers ----------------------------------------------------------------------

    def web_writer(self) -> None:
        n = 0
        server = self.server
        while not self.stopping.is_set():
            title = f"Web achievement {n}"
            n += 1
            try:
                answer = server.form("/achievements", {"title": title})
            except httpx.HTTPError:
                answer = None
            if answer is not None and answer.status_code in (200, 303):
                self.acked["web"].add(title)
                time.sleep(0.05)  # a person types; the other writers get the processor too
                continue
            if answer is None:  # the server may have been killed: let it be reaped first
                with contextlib.suppress(subprocess.TimeoutExpired):
                    server.process.wait(3)
            if server.process.poll() is None:
                code = answer.status_code if answer is not None else "no answer"
                self.tally.refused.append(f"web app: {code} for {title}")
                time.sleep(0.5)
                continue
            server.stop()  # killed: start it again, as a person would
            if self.stopping.is_set():
                break  # the check starts it afresh anyway
            server = self.start_server()

    def cli_writer(self) -> None:
        n = 0
        while not self.stopping.is_set():
            title = f"Terminal achievement {n}"
            n += 1
            done = self.tom("achievement", "add", title, who="tom achievement add")
            if done.returncode == 0:
                self.acked["cli"].add(title)
            else:
                self.unexpected("tom achievement add", done)

    def import_writer(self) -> None:
        k = 0
        while not self.stopping.is_set():
            path = write_mbox(self.work / f"mail-{k}.mbox", MESSAGES_PER_FILE, tag=f"f{k}")
            done = self.tom("import", "email", str(path), who="tom import")
            if done.returncode == 0:
                self.acked["import"].add(k)
            else:
                self.killed_files.add(k)
                self.unexpected("tom import", done)
            k += 1

    def calendar_writer(self) -> None:
        while not self.stopping.is_set():
            self.calendar.events += 1
            served = self.calendar.events
            done = self.tom("sync", "calendar", who="tom sync calendar")
            if done.returncode == 0:
                self.acked["calendar"].add(served)
            else:
                self.unexpected("tom sync calendar", done)
            time.sleep(0.3)

    def imap_writer(self) -> None:
        while not self.stopping.is_set():
            for _ in range(5):
                mbox_entry = message(self.imap_sent, tag="imap", start=self.mail_start)
                raw = mbox_entry.split(b"\n", 1)[1]  # without the mbox "From " line
                self.dovecot.append("INBOX", raw)
                self.imap_sent += 1
            sent = self.imap_sent
            done = self.tom("sync", "imap", who="tom sync imap")
            if done.returncode == 0:
                self.acked["imap"].add(sent)
            else:
                self.unexpected("tom sync imap", done)

    def killer(self) -> None:
        while not self.truce.wait(self.random.uniform(*self.kill_every)):
            with self.guard:
                alive = [(w, p) for w, p in self.running.items() if p.poll() is None]
                if not alive:
                    continue
                who, process = self.random.choice(alive)
                process.kill()
            self.tally.kills[who] = self.tally.kills.get(who, 0) + 1

    # -- the run -----------------------------------------------------------------------------

    def setup(self) -> None:
        """A profile and the known contacts, written in this process before it starts."""
        from topofmind.services.context import Context
        from topofmind.services.people import add_person
        from topofmind.services.profile import init_profile
        from topofmind.services.when import current_time
        from topofmind.settings import Settings
        from topofmind.store.database import open_database, upgrade_database

        if self.db.startswith("postgres"):
            upgrade_database(self.db)
        ctx = Context(db=open_database(self.db), now=current_time(None), settings=Settings())
        try:
            init_profile(ctx, "Jordan Lee", [OWN], "UTC")
            for name, address in PEOPLE:
                add_person(ctx, name, [address], [], "", None, "", "", False, None)
        finally:
            ctx.db.dispose()

    def run(self) -> Tally:
        self.work.mkdir(parents=True, exist_ok=True)
        self.setup()
        self.start_server()
        loops = [self.web_writer, self.cli_writer, self.import_writer, self.calendar_writer]
        if self.dovecot is not None:
            loops.append(self.imap_writer)
        if self.with_kills:
            loops.append(self.killer)
        threads = [threading.Thread(target=f, daemon=True) for f in loops]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        self.stopping.wait(self.seconds)
        self.truce.set()
        # A short run goes on without kills (four times as long at most) until the web
        # app and the terminal have each had a write acknowledged, on however slow a
        # machine.
        while not (self.acked["web"] and self.acked["cli"]):
            if time.monotonic() - started > 4 * self.seconds:
                break
            time.sleep(0.1)
        self.stopping.set()
        for thread in threads:
            thread.join(300)
        self.tally.seconds = time.monotonic() - started
        try:
            self.carry_on()
            self.check()
        finally:
            if self.server is not None:
                self.server.stop()
            self.calendar.stop()
        return self.tally

    def carry_on(self) -> None:
        """The next run of each writer killed midway continues where it stopped: each
        import run again and each source synced once more, all at once as before."""
        refused: list[str] = []

        def again(k: int) -> None:
            path = self.work / f"mail-{k}.mbox"
            done = self.tom("import", "email", str(path))
            if done.returncode == 0:
                self.acked["import"].add(k)
            else:
                refused.append(f"import again of {path.name}: {done.stderr.strip()}")

        def calendar() -> None:
            done = self.tom("sync", "calendar")
            if done.returncode == 0:
                self.acked["calendar"].add(self.calendar.events)
            else:
                refused.append(f"last calendar sync: {done.stderr.strip()}")

        def imap() -> None:
            done = self.tom("sync", "imap")
            if done.returncode == 0:
                self.acked["imap"].add(self.imap_sent)
            else:
                refused.append(f"last IMAP sync: {done.stderr.strip()}")

        jobs = [lambda k=k: again(k) for k in sorted(self.killed_files)] + [calendar]
        if self.dovecot is not None:
            jobs.append(imap)
        threads = [threading.Thread(target=job, daemon=True) for job in jobs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(600)
        self.tally.refused += sorted(refused)

    def expected(self) -> dict[str, set[str]]:
        """What must be in the record: achievement titles and interaction subjects."""
        subjects = {
            f"Project update f{k} {n}"
            for k in self.acked["import"]
            for n in range(MESSAGES_PER_FILE)
        }
        subjects |= {f"Interview round {n}" for n in range(max(self.acked["calendar"], default=0))}
        subjects |= {f"Project update imap {n}" for n in range(max(self.acked["imap"], default=0))}
        return {"achievements": self.acked["web"] | self.acked["cli"], "subjects": subjects}

    def check(self) -> None:
        tally = self.tally
        tally.acknowledged = {
            "web app": len(self.acked["web"]),
            "tom achievement add": len(self.acked["cli"]),
            "tom import (messages)": len(self.acked["import"]) * MESSAGES_PER_FILE,
            "tom sync calendar (events)": max(self.acked["calendar"], default=0),
        }
        if self.dovecot is not None:
            tally.acknowledged["tom sync imap (messages)"] = max(self.acked["imap"], default=0)
        expected = self.expected()
        # The web app, started afresh, comes up while the CLI exports.
        if self.server is not None:
            self.server.stop()
        self.server = Server(self.db, self.home, self.work / "serve.log", env=self.extra)
        # Seen by the CLI's export ...
        exported = self.tom("export")
        if exported.returncode != 0:
            tally.lost.append(f"export failed: {exported.stderr.strip()}")
            return
        tables = json.loads(exported.stdout)["tables"]
        titles = [a["title"] for a in tables["achievements"]]
        subjects = [i["subject"] for i in tables["interactions"]]
        tally.lost += sorted(expected["achievements"] - set(titles))
        tally.lost += sorted(expected["subjects"] - set(subjects))
        tally.duplicates = len(subjects) - len(set(subjects)) + len(titles) - len(set(titles))
        # ... by the web app, started afresh ...
        self.server.wait_ready()
        page = self.server.client.get("/achievements").text
        missing = [t for t in expected["achievements"] if t not in page]
        tally.lost += sorted(f"{t} (not on the web page)" for t in missing)
        # ... and by the database itself.
        self.check_database(tables)

    def check_database(self, tables: dict) -> None:
        """No half batch: every row a batch says it added exists, and every interaction
        read from mail or a calendar is recorded in the batch that added it."""
        changes = tables.get("batch_changes", [])
        batches = {b["id"]: b for b in tables["import_batches"]}
        added = {
            (c["table_name"], c["row_id"])
            for c in changes
            if c["op"] == "add" and batches.get(c["batch_id"], {}).get("undone_at") is None
        }
        present = {("interactions", i["id"]) for i in tables["interactions"]}
        present |= {("people", p["id"]) for p in tables["people"]}
        read = {
            ("interactions", i["id"])
            for i in tables["interactions"]
            if i["source"] in ("email", "calendar")
        }
        interactions_added = {a for a in added if a[0] == "interactions"}
        self.tally.half_batches = len(interactions_added - present) + len(read - added)
        if self.db.startswith("postgres"):
            self.tally.integrity = "n/a (PostgreSQL checks its own)"
            return
        with sqlite3.connect(self.db) as conn:
            check = conn.execute("PRAGMA integrity_check").fetchall()
            foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
        self.tally.integrity = "ok" if check == [("ok",)] and not foreign else f"{check} {foreign}"
