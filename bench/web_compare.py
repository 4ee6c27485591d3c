"""Benchmark: did the web pages get slower? The web layer at a commit (A) against the web
layer as it is now (B), everything else the same, on one generated job search.

The server's CPU time per request (from /proc) is compared rather than wall-clock time,
which on a shared machine moves with everyone else's work; A and B run alternately, each
round in a fresh ``tom serve`` process, and the median of the rounds is reported.

    .venv/bin/python bench/web_compare.py eb3a7fd              # scale 0.1, 4 rounds
    .venv/bin/python bench/web_compare.py eb3a7fd --scale 1 --rounds 2 --runs 20
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
PAGES = ("/", "/pipeline", "/settings", "/charts")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def source_trees(commit: str, folder: Path) -> dict[str, Path]:
    """Two copies of src/: B as it is now, A the same with src/topofmind/web at ``commit``."""
    trees = {}
    for name in ("A", "B"):
        tree = folder / name
        shutil.copytree(ROOT / "src", tree / "src")
        trees[name] = tree / "src"
    web = trees["A"] / "topofmind" / "web"
    vendor = web / "static" / "vendor"
    keep = folder / "vendor"
    shutil.copytree(vendor, keep)
    shutil.rmtree(web)
    archive = subprocess.run(
        ["git", "archive", commit, "src/topofmind/web"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder / "A", filter="data")
    shutil.copytree(keep, vendor, dirs_exist_ok=True)
    return trees


def serve(src: Path, db: str, now: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {
        **os.environ,
        "TOM_DB": db,
        "TOM_NOW": now,
        "PYTHONPATH": str(src),
        "TOM_HOME": tempfile.mkdtemp(prefix="tom-compare-home-"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "topofmind.cli.main", "serve", "--port", str(port)],
        env=env,
        cwd=tempfile.gettempdir(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(url + "/api/session").read()
            return process, url
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("tom serve did not answer within 120 s") from None
            time.sleep(0.1)


def measure(process: subprocess.Popen, url: str, runs: int) -> dict[str, float]:
    """CPU seconds per request of each page, and of Today right after a write."""
    found = {}
    for page in PAGES:
        for _ in range(2):
            urllib.request.urlopen(url + page).read()
        before = cpu_seconds(process.pid)
        for _ in range(runs):
            urllib.request.urlopen(url + page).read()
        found[page] = (cpu_seconds(process.pid) - before) / runs
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    token = json.load(opener.open(url + "/api/session"))["csrf_token"]
    spent = []
    for _ in range(max(3, runs // 5)):
        write = urllib.request.Request(
            url + "/settings/feed/rotate", data=b"", headers={"X-CSRF-Token": token}
        )
        opener.open(write).read()
        before = cpu_seconds(process.pid)
        opener.open(url + "/").read()
        spent.append(cpu_seconds(process.pid) - before)
    found["/ after a change"] = statistics.median(spent)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commit", help="the commit whose web layer is A")
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    import generate  # bench/generate.py

    with tempfile.TemporaryDirectory(prefix="tom-compare-") as tmp:
        folder = Path(tmp)
        trees = source_trees(args.commit, folder)
        db = str(folder / "bench.db")
        generate.generate(db, args.scale, seed=1)
        results: dict[str, list[dict[str, float]]] = {"A": [], "B": []}
        for round_ in range(args.rounds):
            for name in ("A", "B") if round_ % 2 == 0 else ("B", "A"):
                process, url = serve(trees[name], db, generate.NOW.isoformat())
                try:
                    results[name].append(measure(process, url, args.runs))
                finally:
                    process.terminate()
                    process.wait()
    print(f"| scale | request | CPU per request, web at {args.commit} | now | change |")
    print("|---|---|---|---|---|")
    for page in results["A"][0]:
        a = statistics.median(r[page] for r in results["A"])
        b = statistics.median(r[page] for r in results["B"])
        change = f"{(b - a) / a * 100:+.0f}%" if a else "n/a"
        print(f"| {args.scale} | `GET {page}` | {a * 1000:.1f} ms | {b * 1000:.1f} ms | {change} |")


if __name__ == "__main__":
    main()
