"""`tom` commands of two versions of topofmind on the same demo record, run alternately.

Each run is a fresh process with that version's ``src`` first on the path, started as
the installed `tom` starts (``topofmind.cli.fast:run``); its CPU time (user + system,
from the kernel) is the figure compared, since on a shared machine wall time follows
the load. Medians over ``--runs`` alternating rounds, after two warm-up rounds.

    git worktree add /tmp/before 1cac336
    .venv/bin/python bench/cli_versions.py --before /tmp/before [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-24T15:00:00-05:00"
#: What is timed, after `tom demo` loaded the record (the agenda is kept by then).
COMMANDS = [
    ("tom --help", ["--help"]),
    ("tom opp list", ["opp", "list"]),
    ("tom today (kept)", ["today"]),
    ("tom actions --json (kept)", ["actions", "--json"]),
    ("tom score", ["score"]),
    ("tom show person Dana", ["show", "person", "Dana"]),
]
START = "import sys; from topofmind.cli.fast import run; sys.argv[0] = 'tom'; run()"


def cpu_of(tree: Path, db: Path, args: list[str]) -> float:
    """CPU seconds of one `tom` run of ``tree`` on ``db``."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src"), "TOM_DB": str(db), "TOM_NOW": NOW}
    process = subprocess.Popen(
        [sys.executable, "-c", START, *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{tree}: tom {' '.join(args)} failed")
    return usage.ru_utime + usage.ru_stime


def demo(tree: Path, folder: Path) -> Path:
    """A demo record made by ``tree``'s own `tom demo`, its agenda kept."""
    db = folder / f"{tree.name}.db"
    env = {**os.environ, "PYTHONPATH": str(tree / "src"), "TOM_DB": str(db), "TOM_NOW": NOW}
    for args in (["demo"], ["today"]):
        subprocess.run(
            [sys.executable, "-c", START, *args], env=env, check=True, capture_output=True
        )
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="the earlier tree")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    trees = {"before": args.before.resolve(), "now": ROOT}
    with tempfile.TemporaryDirectory() as folder:
        dbs = {name: demo(tree, Path(folder)) for name, tree in trees.items()}
        found: dict[tuple[str, str], list[float]] = {}
        for round_ in range(args.runs + 2):
            for label, command in COMMANDS:
                for name, tree in trees.items():
                    cpu = cpu_of(tree, dbs[name], command)
                    if round_ >= 2:
                        found.setdefault((label, name), []).append(cpu)
    print(f"load average {os.getloadavg()[0]:.1f}")
    print("| Command | before (CPU median) | now (CPU median) | change |")
    print("|---|---|---|---|")
    for label, _ in COMMANDS:
        before = statistics.median(found[(label, "before")])
        now = statistics.median(found[(label, "now")])
        print(
            f"| `{label}` | {before * 1000:.0f} ms | {now * 1000:.0f} ms | "
            f"{(now - before) / before:+.0%} |"
        )


if __name__ == "__main__":
    main()
