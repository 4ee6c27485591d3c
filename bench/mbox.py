"""Benchmark: importing a large mbox against merely parsing it with Python's email package.

Writes a synthetic mbox (``--messages``, default 100,000; ``--relevant`` of them,
default 5%, involve people the record knows, a third of those sent by the job
seeker), then measures in one run, each phase in its own process so peak memory
is its own:

* ``full``:    every message parsed with ``BytesParser(policy=policy.default)``;
* ``headers``: every message parsed with ``headersonly=True`` (the limit);
* ``import``:  ``tom import email`` of the file into a fresh SQLite database;

and the import again on a file a fifth of the size, to show peak memory stays
flat as the file grows. CPU time (``time.process_time``) is reported beside wall
time: on a shared machine it is the figure other processes disturb least. The
target: the import runs at least 4 times as fast as the full parse. Results go
to stdout as a table and JSON; copy them into bench/README.md.

    .venv/bin/python bench/mbox.py                 # 100,000 messages
    .venv/bin/python bench/mbox.py --messages 20000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email import policy
from email.parser import BytesParser
from email.utils import format_datetime
from pathlib import Path

ORGS = [f"org{n}.example" for n in range(10)]
KNOWN = [(f"Person {n}", f"person{n}@{ORGS[n % len(ORGS)]}") for n in range(50)]
OWN = "jordan.lee@example.com"
START = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
_TEXT = (
    "data platform pipeline team roadmap interview schedule offer quarter review design "
    "metrics dashboard customer launch budget hiring follow update project thanks meeting"
)
WORDS = _TEXT.split()


def _text(rng: random.Random, words: int) -> str:
    lines, line = [], []
    for _ in range(words):
        line.append(rng.choice(WORDS))
        if len(line) == 12:
            lines.append(" ".join(line))
            line = []
    lines.append(" ".join(line))
    return "\n".join(lines)


def message(rng: random.Random, n: int, relevant: bool) -> bytes:
    """One realistic message: routing headers, DKIM, multipart text and HTML."""
    at = START + timedelta(minutes=7 * n)
    if relevant:
        name, address = rng.choice(KNOWN)
        if rng.random() < 1 / 3:
            sender, to = f"Jordan Lee <{OWN}>", f"{name} <{address}>"
        else:
            sender, to = f"{name} <{address}>", f"Jordan Lee <{OWN}>"
    else:
        sender = f"Sender {n % 997} <news{n % 997}@list{n % 113}.shop.test>"
        to = f"Jordan Lee <{OWN}>"
    body = _text(rng, rng.randint(60, 400))
    html = "<html><body>" + "".join(f"<p>{p}</p>" for p in body.split("\n")) + "</body></html>"
    boundary = f"b{n:08d}"
    headers = [
        f"From {sender.split('<')[1].rstrip('>')} {at:%a %b %d %H:%M:%S %Y}",
        f"Received: from mx{n % 7}.mail.test (mx{n % 7}.mail.test [10.0.{n % 255}.1]) by "
        f"mx.example.com with ESMTPS id {n:x}; {format_datetime(at)}",
        f"Received: by 10.0.0.{n % 250} with SMTP id {n:x}; {format_datetime(at)}",
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=mail.test; s=s1;\n"
        " h=from:to:subject:date:message-id; bh=" + "A" * 44 + ";\n b=" + "B" * 120,
        f"From: {sender}",
        f"To: {to}",
        f"Subject: {rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} #{n}",
        f"Date: {format_datetime(at)}",
        f"Message-ID: <{n}.{rng.randrange(10**9)}@mail.test>",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/alternative; boundary="{boundary}"',
    ]
    parts = [
        f"--{boundary}",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        body,
        f"--{boundary}",
        "Content-Type: text/html; charset=utf-8",
        "",
        html,
        f"--{boundary}--",
        "",
    ]
    return ("\n".join(headers) + "\n\n" + "\n".join(parts) + "\n").encode()


def write_mbox(path: Path, messages: int, relevant_share: float, seed: int = 7) -> int:
    rng = random.Random(seed)
    relevant = 0
    with path.open("wb") as out:
        for n in range(messages):
            is_relevant = rng.random() < relevant_share
            relevant += is_relevant
            out.write(message(rng, n, is_relevant))
    return relevant


# -- phases (each run in its own process) ----------------------------------------------------


def phase_parse(path: Path, headers_only: bool) -> dict:
    from topofmind.capture.mbox import iter_mbox

    parser = BytesParser(policy=policy.default)
    count = 0
    started, cpu = time.perf_counter(), time.process_time()
    for _, raw in iter_mbox(path):
        parser.parsebytes(raw, headersonly=headers_only)
        count += 1
    return {
        "messages": count,
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu,
    }


def phase_import(path: Path) -> dict:
    home = Path(tempfile.mkdtemp(prefix="tom-bench-"))
    os.environ["TOM_HOME"] = str(home)
    from topofmind.services.context import Context
    from topofmind.services.imports import import_paths
    from topofmind.services.organizations import add_organization
    from topofmind.services.people import add_person
    from topofmind.services.profile import init_profile
    from topofmind.settings import Settings
    from topofmind.store.database import open_database

    ctx = Context(db=open_database(str(home / "bench.db")), now=START, settings=Settings())
    init_profile(ctx, "Jordan Lee", [OWN], "America/New_York")
    for n, domain in enumerate(ORGS):
        add_organization(ctx, f"Organization {n}", [domain])
    for name, address in KNOWN:
        add_person(ctx, name, [address])
    started, cpu = time.perf_counter(), time.process_time()
    summary = import_paths(ctx, "email", [str(path)])
    seconds = time.perf_counter() - started
    return {
        "messages": summary.read,
        "seconds": seconds,
        "cpu_seconds": time.process_time() - cpu,
        "added": summary.added_by_kind.get("interactions", 0),
        "skipped": summary.skipped_total,
        "failed": summary.failed_total,
    }


def run_phase(name: str, path: Path) -> dict:
    """Run one phase in a fresh interpreter; returns its figures and peak RSS."""
    result = subprocess.run(
        [sys.executable, __file__, "--phase", name, "--file", str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--relevant", type=float, default=0.05)
    parser.add_argument("--phase", choices=["full", "headers", "import"])
    parser.add_argument("--file", type=Path)
    parser.add_argument("--keep", type=Path, help="Folder to write the mbox files into.")
    args = parser.parse_args()

    if args.phase:
        if args.phase == "import":
            figures = phase_import(args.file)
        else:
            figures = phase_parse(args.file, headers_only=args.phase == "headers")
        figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(figures))
        return

    folder = args.keep or Path(tempfile.mkdtemp(prefix="tom-mbox-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    big = folder / f"mail-{args.messages}.mbox"
    small = folder / f"mail-{args.messages // 5}.mbox"
    relevant = write_mbox(big, args.messages, args.relevant)
    write_mbox(small, args.messages // 5, args.relevant)
    size_mb = big.stat().st_size / 1e6
    print(f"{args.messages} messages ({relevant} relevant), {size_mb:.0f} MB: {big}")

    results = {
        "full parse": run_phase("full", big),
        "headers-only parse": run_phase("headers", big),
        "tom import email": run_phase("import", big),
        f"tom import email ({args.messages // 5})": run_phase("import", small),
    }
    print(
        f"{'phase':34} {'messages':>9} {'wall s':>8} {'CPU s':>8} {'msg/s CPU':>10} {'peak MB':>8}"
    )
    for name, r in results.items():
        rate = r["messages"] / r["cpu_seconds"]
        print(
            f"{name:34} {r['messages']:>9} {r['seconds']:>8.1f} {r['cpu_seconds']:>8.1f} "
            f"{rate:>10.0f} {r['peak_rss_mb']:>8.0f}"
        )
    full, mine = results["full parse"], results["tom import email"]
    print(
        f"import vs full parse: {full['cpu_seconds'] / mine['cpu_seconds']:.1f}x faster in CPU "
        f"time, {full['seconds'] / mine['seconds']:.1f}x in wall time (target: at least 4x)"
    )
    print(json.dumps({"messages": args.messages, "relevant": relevant, **results}))


if __name__ == "__main__":
    main()
