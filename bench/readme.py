"""Writes one benchmark's section of bench/README.md, leaving the other sections alone."""

from __future__ import annotations

import os
import platform
import re
from datetime import datetime
from pathlib import Path

README = Path(__file__).resolve().parent / "README.md"


def write_section(heading: str, section: str, readme: Path = README) -> None:
    """Replace the section that starts with ``heading`` (a ``## `` line), or append it."""
    text = readme.read_text(encoding="utf-8") if readme.exists() else "# Benchmarks\n\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    readme.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def measured(load_start: float | None = None) -> str:
    """The sentence that says when and on what a run was measured, with the machine's
    load (when starting too, given ``load_start``)."""
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    load = f"load average {os.getloadavg()[0]:.1f}"
    if load_start is not None:
        load = f"load average {load_start:.1f} when starting and {os.getloadavg()[0]:.1f} when done"
    return (
        f"Measured {stamp} on {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; {load}."
    )
