"""Benchmark: how fast the web app renders Today and Pipeline, and how many requests of
Today one server process answers.

Targets (the spec's baseline):

* typical job search (200 opportunities, 2,000 people, 30,000 interactions; scale 0.1 of
  ``bench/generate.py``): Today and Pipeline under 50 ms at the median, and at least
  100 requests per second of Today from one server process (wrk on loopback);
* heavy job search (2,000 opportunities, 20,000 people, 300,000 interactions; scale 1):
  Today and Pipeline under 300 ms at the median.

Each scale is generated into a fresh SQLite file; ``tom serve`` runs as its own process
(one uvicorn worker) at a fixed ``--now``; render times are wall-clock times of sequential
GETs over loopback after two warm-up requests; throughput is ``wrk -t1 -c4 -d10s``.
Writes the "Web" section of bench/README.md.

    .venv/bin/python bench/web.py                # typical and heavy
    .venv/bin/python bench/web.py --scales 0.1   # typical only
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from readme import write_section

HERE = Path(__file__).parent
ROOT = HERE.parent
README = HERE / "README.md"
HEADING = "## Web"
TOM = ROOT / ".venv" / "bin" / "tom"
RENDER_RUNS = 30
TARGETS = {0.1: 0.050, 1.0: 0.300}
#: Today right after a change (the kept agenda's targets).
AFTER_TARGETS = {0.1: 0.030, 1.0: 0.100, 10.0: 0.300}
THROUGHPUT_TARGET = 100.0
PAGES = ("/", "/pipeline")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def generate_database(folder: Path, scale: float, made: str | None = None) -> tuple[str, str]:
    """A SQLite file holding the generated job search, and the moment it assumes is now;
    a copy of ``made`` (generated before by `bench/generate.py --scale`) when given."""
    sys.path.insert(0, str(HERE))
    import generate  # bench/generate.py

    path = folder / f"scale-{scale}.db"
    if made is not None:
        shutil.copyfile(made, path)
    else:
        generate.generate(str(path), scale, seed=1)
    return str(path), generate.NOW.isoformat()


class Server:
    """`tom serve` in its own process, as a person runs it."""

    def __init__(self, db: str, now: str | None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "TOM_DB": db}
        if now:
            env["TOM_NOW"] = now
        self.process = subprocess.Popen(
            [str(TOM), "serve", "--port", str(self.port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def __enter__(self) -> Server:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/static/app.css", timeout=1).close()
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stderr.read().decode()) from None
                time.sleep(0.2)
        raise RuntimeError("tom serve did not answer within 120 s")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def render_times(url: str, runs: int = RENDER_RUNS) -> list[float]:
    for _ in range(2):
        urllib.request.urlopen(url, timeout=120).read()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with urllib.request.urlopen(url, timeout=120) as response:
            response.read()
            assert response.status == 200
        times.append(time.perf_counter() - start)
    return times


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) a process has used so far, from /proc (Linux)."""
    stat = Path(f"/proc/{pid}/stat")
    if not stat.exists():
        return None
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


#: The writes after which Today is timed: one the rules do not read (the calendar feed's
#: secret rotated), a decision (the next open action marked done, whatever it is; the
#: next thank-you marked done, which the rules read), and a message logged to one of the
#: people of the next open action (the rules read it).
CHANGES = (
    "feed secret rotated",
    "next action marked done",
    "next thank-you marked done",
    "message logged",
)


def after_change_times(
    base: str, change: str, pid: int, runs: int = 10
) -> list[tuple[float, float, float]]:
    """The wall seconds of each of ``runs`` writes of kind ``change`` and of Today right
    after it, with the server's CPU seconds for both: (write, GET, CPU)."""
    import http.cookiejar
    import json

    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    token = json.load(opener.open(base + "/api/session"))["csrf_token"]
    headers = {"X-CSRF-Token": token, "Content-Type": "application/json"}

    def post(path: str, body: dict | None = None) -> None:
        data = json.dumps(body).encode() if body is not None else b""
        opener.open(urllib.request.Request(base + path, data=data, headers=headers)).read()

    times = []
    for _ in range(runs):
        # The action to act on is found before the clock starts.
        open_now = json.load(opener.open(base + "/api/actions")) if change != CHANGES[0] else []
        thanks = [a for a in open_now if a["rule"] == "thank-you"]
        action = (thanks if change == CHANGES[2] else open_now or [{}])[0]
        cpu = cpu_seconds(pid)
        start = time.perf_counter()
        if change == CHANGES[0]:
            post("/settings/feed/rotate")
        elif change in CHANGES[1:3]:
            post(f"/api/actions/{action['id']}/decision", {"status": "done"})
        else:
            who = f"#{action['people'][0]}"
            body = {"kind": "email", "with": [who], "direction": "in", "summary": "Hello"}
            post("/api/interactions", body)
        wrote = time.perf_counter()
        opener.open(base + "/").read()
        shown = time.perf_counter()
        after = cpu_seconds(pid)
        spent = (after - cpu) if cpu is not None and after is not None else shown - start
        times.append((wrote - start, shown - wrote, spent))
    return times


def throughput(url: str, pid: int, seconds: int = 10) -> tuple[float, float | None] | None:
    """Requests per second wrk sees, and requests per CPU-second the server spent on them
    (which other work on a shared machine does not change); None without wrk."""
    if shutil.which("wrk") is None:
        return None
    cpu_before = cpu_seconds(pid)
    out = subprocess.run(
        ["wrk", "-t1", "-c4", f"-d{seconds}s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    cpu_after = cpu_seconds(pid)
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"wrk saw {errors.group(1)} failed responses:\n{out}")
    per_cpu = None
    if cpu_before is not None and cpu_after is not None and total and cpu_after > cpu_before:
        per_cpu = int(total.group(1)) / (cpu_after - cpu_before)
    return float(found.group(1)), per_cpu


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[0.1, 1.0])
    parser.add_argument("--runs", type=int, default=RENDER_RUNS)
    parser.add_argument("--no-write", action="store_true", help="Print, do not edit README.")
    parser.add_argument(
        "--generated",
        nargs="+",
        default=[],
        metavar="SCALE=PATH",
        help="Copy a record bench/generate.py made at that scale instead of generating it.",
    )
    args = parser.parse_args()
    made = dict(item.split("=", 1) for item in args.generated)

    rows, notes = [], []
    with tempfile.TemporaryDirectory(prefix="tom-bench-web-") as folder:
        for scale in args.scales:
            started = time.perf_counter()
            db, now = generate_database(Path(folder), scale, made.get(f"{scale:g}"))
            notes.append(
                f"scale {scale}: copied from a record generated before"
                if f"{scale:g}" in made
                else f"scale {scale}: generated in {time.perf_counter() - started:.0f} s"
            )
            target = TARGETS.get(scale, TARGETS[1.0])
            with Server(db, now) as server:
                for page in PAGES:
                    times = render_times(server.url + page, args.runs)
                    median = statistics.median(times)
                    verdict = "meets" if median < target else "MISSES"
                    rows.append(
                        f"| {scale} | `GET {page}` | {ms(median)} | {ms(min(times))} | "
                        f"{ms(max(times))} | < {ms(target)} | {verdict} |"
                    )
                for change in CHANGES:
                    changed = after_change_times(server.url, change, server.process.pid)
                    write = statistics.median(w for w, _, _ in changed)
                    shown = [g for _, g, _ in changed]
                    median = statistics.median(shown)
                    both = statistics.median(w + g for w, g, _ in changed)
                    cpu = statistics.median(c for _, _, c in changed)
                    target = AFTER_TARGETS.get(scale, 0.3)
                    # The write may compute what Today then shows: judged on both.
                    verdict = "meets" if both < target else "MISSES"
                    rows.append(
                        f"| {scale} | `GET /` after: {change} | {ms(median)} | "
                        f"{ms(min(shown))} | {ms(max(shown))} | < {ms(target)} | {verdict} "
                        f"(the write {ms(write)} and Today {ms(both)} together, server CPU "
                        f"{ms(cpu)}) |"
                    )
                if scale == 0.1:
                    measured = throughput(server.url + "/", server.process.pid)
                    if measured is None:
                        notes.append("wrk is not installed: no throughput figure")
                    else:
                        rps, per_cpu = measured
                        verdict = "meets" if rps >= THROUGHPUT_TARGET else "MISSES"
                        rows.append(
                            f"| {scale} | wrk `GET /` | {rps:.0f} req/s | | | "
                            f">= {THROUGHPUT_TARGET:.0f} req/s | {verdict} |"
                        )
                        if per_cpu is not None:
                            rows.append(
                                f"| {scale} | `GET /` per CPU-second of the server | "
                                f"{per_cpu:.0f} req | | | | (capacity of one core) |"
                            )

    section = "\n".join(
        [
            HEADING,
            "",
            "Targets: on the typical job search (scale 0.1: 200 opportunities, 2,000 people,",
            "30,000 interactions) Today and Pipeline render in under 50 ms at the median and one",
            "server process answers at least 100 requests per second of Today; on the heavy one",
            "(scale 1: 2,000 opportunities, 20,000 people, 300,000 interactions) under 300 ms.",
            "Rerun: `.venv/bin/python bench/web.py` (SQLite, `tom serve` as its own process,",
            f"{args.runs} sequential GETs after two warm-ups; throughput by `wrk -t1 -c4 -d10s`).",
            "Today is kept as rendered until the record, the minute or the settings change, so",
            "repeated views are cheap; the rows *after* time the view that follows a write, which",
            "is what a person sees after acting (targets: 30 ms at scale 0.1, 100 ms at scale 1;",
            "10 writes of each kind): after a write the rules do not read the kept agenda is",
            "carried over; after a decision it is too, unless the rules read that decision (an",
            "update, a check-in, or a thank-you after a conversation with a wish noted, marked",
            "done: then, as after a message logged, it is recomputed for the people and",
            "opportunities the write touched and everyone tied to them). A write may itself",
            "compute the agenda (to say what it changed), so the verdict is on the write and the",
            "view together.",
            "",
            "| scale | request | median | min | max | target | verdict |",
            "|---|---|---|---|---|---|---|",
            *rows,
            "",
            f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} "
            f"cores, Python {platform.python_version()}; {'; '.join(notes)}; load average "
            f"{os.getloadavg()[0]:.1f} at the end (on this virtual machine the same run varies "
            "by about a fifth from one time to the next).",
            "",
        ]
    )
    print(section)
    if not args.no_write:
        write_section(HEADING, section, README)


if __name__ == "__main__":
    main()
