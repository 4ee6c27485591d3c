"""How fast `tom` answers: `tom --help` and `tom opp list` on the demo, beside `python -c pass`.

The target: `tom --help` (and so shell completion) well under 0.2 s, because the
database layer, the web framework and the importers are imported only by the
commands that use them. Uses hyperfine when it is installed, otherwise times the
runs itself; either way the figures go into bench/README.md under "CLI start-up".

    .venv/bin/python bench/cli_startup.py [--runs 20]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "bench" / "README.md"
HEADING = "## CLI start-up"
TARGET_SECONDS = 0.2


def tom_command() -> list[str]:
    script = Path(sys.executable).with_name("tom")
    return [str(script)] if script.exists() else [sys.executable, "-m", "topofmind.cli.main"]


def time_runs(command: list[str], runs: int, env: dict[str, str]) -> list[float]:
    if shutil.which("hyperfine"):
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            subprocess.run(
                [
                    "hyperfine",
                    "--warmup",
                    "3",
                    "--runs",
                    str(runs),
                    "--shell=none",
                    "--export-json",
                    out.name,
                    subprocess.list2cmdline(command),
                ],
                env=env,
                check=True,
                capture_output=True,
            )
            return json.loads(Path(out.name).read_text())["results"][0]["times"]
    times = []
    for index in range(runs + 3):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        if index >= 3:  # the first runs warm the file cache
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="Timed runs per command.")
    parser.add_argument("--no-write", action="store_true", help="Print only; leave README.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "TOM_HOME": home, "TOM_DB": str(Path(home) / "demo.db")}
        env.pop("TOM_NOW", None)
        subprocess.run([*tom_command(), "demo"], env=env, check=True, capture_output=True)
        cases = [
            ("python -c pass", [sys.executable, "-c", "pass"]),
            ("tom --help", [*tom_command(), "--help"]),
            ("tom opp list (demo)", [*tom_command(), "opp", "list"]),
        ]
        results = [(label, time_runs(command, args.runs, env)) for label, command in cases]

    tool = "hyperfine" if shutil.which("hyperfine") else "subprocess timing"
    lines = [
        HEADING,
        "",
        "Target: `tom --help` well under 0.2 s (it is also what shell completion pays).",
        f"Rerun: `.venv/bin/python bench/cli_startup.py` ({args.runs} runs each, {tool}).",
        "",
        "| Command | median | mean | min | max |",
        "|---|---|---|---|---|",
    ]
    for label, times in results:
        lines.append(
            f"| `{label}` | {statistics.median(times) * 1000:.0f} ms "
            f"| {statistics.mean(times) * 1000:.0f} ms | {min(times) * 1000:.0f} ms "
            f"| {max(times) * 1000:.0f} ms |"
        )
    help_median = statistics.median(results[1][1])
    verdict = "meets" if help_median < TARGET_SECONDS else "MISSES"
    lines += [
        "",
        f"`tom --help` {verdict} the target ({help_median * 1000:.0f} ms median). "
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}.",
        "",
        "Where `tom opp list`'s time goes (`python -X importtime`, cProfile): importing",
        "SQLAlchemy (about 200 ms) and Typer's Pydantic-based argument coercion (about 100 ms,",
        "paid by every command that runs, not by `--help`); the query and the table take a few",
        "milliseconds. Figures vary with the machine's load; compare runs made back to back.",
        "",
    ]
    section = "\n".join(lines)
    print(section)
    if not args.no_write:
        write_section(section)


def write_section(section: str) -> None:
    """Replace this benchmark's section of bench/README.md, leaving the others alone."""
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n\n"
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    README.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
