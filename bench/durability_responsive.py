"""The web app stays responsive while the record is written: how long `tom serve` takes
to serve a static file (``/static/app.css``) at rest, during a large upload on its
Import page, and during `tom import email` of a large mbox in another process.

Target: the static file within 100 ms throughout. The mbox is bench/mbox.py's synthetic
mail (5% of the messages involve known people); the upload is a mailbox of
``--upload-mb`` MiB of such mail. A request is sent every 50 ms; the table gives the
median, 95th percentile and slowest, and how many took over 100 ms.

    .venv/bin/python bench/durability_responsive.py                    # 20 MiB, 20,000 messages
    .venv/bin/python bench/durability_responsive.py --messages 100000
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests" / "durability")]

#: Seconds between two requests for the static file.
EVERY = 0.05


def setup(db: str) -> None:
    from mbox import KNOWN, OWN

    from topofmind.services.context import Context
    from topofmind.services.people import add_person
    from topofmind.services.profile import init_profile
    from topofmind.services.when import current_time
    from topofmind.settings import Settings
    from topofmind.store.database import open_database

    ctx = Context(db=open_database(db), now=current_time(None), settings=Settings())
    try:
        init_profile(ctx, "Jordan Lee", [OWN], "UTC")
        for name, address in KNOWN:
            add_person(ctx, name, [address], [], "", None, "", "", False, None)
    finally:
        ctx.db.dispose()


def sample(client, until: threading.Event, into: list[float]) -> None:
    """GET the static file every ``EVERY`` seconds until ``until`` is set."""
    while not until.is_set():
        started = time.perf_counter()
        client.get("/static/app.css").raise_for_status()
        into.append((time.perf_counter() - started) * 1000)
        until.wait(EVERY)


def figures(name: str, ms: list[float], seconds: float) -> str:
    ms = sorted(ms)
    p95 = ms[int(len(ms) * 0.95) - 1] if len(ms) >= 20 else ms[-1]
    over = sum(1 for m in ms if m > 100)
    return (
        f"| {name} | {seconds:.1f} s | {len(ms)} | {statistics.median(ms):.1f} ms | "
        f"{p95:.1f} ms | {ms[-1]:.1f} ms | {over} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upload-mb", type=float, default=20.0)
    parser.add_argument("--messages", type=int, default=20_000)
    args = parser.parse_args()

    import httpx
    from mbox import write_mbox
    from processes import TOM, Server, environment

    work = Path(tempfile.mkdtemp(prefix="tom-responsive-"))
    home = work / "home"
    home.mkdir()
    os.environ["TOM_HOME"] = str(home)
    db = str(work / "tom.db")
    setup(db)
    rows = []
    with Server(db, home, work / "serve.log", env={"TOM_SYNC_MINUTES": "0"}) as server:
        client = httpx.Client(base_url=server.base, timeout=60)
        # At rest.
        done, ms = threading.Event(), []
        sampler = threading.Thread(target=sample, args=(client, done, ms))
        sampler.start()
        time.sleep(5)
        done.set()
        sampler.join()
        rows.append(figures("at rest", ms, 5))
        # During an upload of about --upload-mb MiB.
        upload = work / "upload.mbox"
        per_message = 4_600  # bench/mbox.py's messages average about 4.6 KB
        write_mbox(upload, int(args.upload_mb * 1024 * 1024 / per_message), 0.05)
        size = upload.stat().st_size / 1024 / 1024
        done, ms = threading.Event(), []
        sampler = threading.Thread(target=sample, args=(client, done, ms))
        sampler.start()
        started = time.perf_counter()
        with upload.open("rb") as body:
            answer = server.client.post(
                "/import",
                files={"files": ("upload.mbox", body, "application/mbox")},
                data={"kind": "auto", "csrf_token": server.token},
            )
        took = time.perf_counter() - started
        done.set()
        sampler.join()
        answer.raise_for_status()
        rows.append(figures(f"upload of {size:.1f} MiB (imported)", ms, took))
        # During `tom import email` of --messages messages in another process.
        big = work / "big.mbox"
        write_mbox(big, args.messages, 0.05)
        size = big.stat().st_size / 1024 / 1024
        done, ms = threading.Event(), []
        sampler = threading.Thread(target=sample, args=(client, done, ms))
        sampler.start()
        started = time.perf_counter()
        imported = subprocess.run(
            [*TOM, "--db", db, "import", "email", str(big)],
            env=environment(home),
            capture_output=True,
            text=True,
        )
        took = time.perf_counter() - started
        done.set()
        sampler.join()
        if imported.returncode != 0:
            raise SystemExit(imported.stderr)
        rows.append(figures(f"tom import of {args.messages:,} messages ({size:.0f} MiB)", ms, took))
        client.close()
    print("| While | Took | Requests | Median | 95th percentile | Slowest | Over 100 ms |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
