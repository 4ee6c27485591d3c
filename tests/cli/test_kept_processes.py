"""Several `tom` processes writing and reading one record at once leave the kept agenda
exactly the playbook's output: decisions the rules do not read (carried over), a
thank-you marked done and a message logged (recomputed), and readers in between."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import NOW_ISO
from topofmind.playbook.engine import DECISIONS_READ

TOM = str(Path(sys.executable).with_name("tom"))


def run(url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [TOM, "--db", url, "--now", NOW_ISO, *args], capture_output=True, text=True, timeout=120
    )


# SQLite, where processes share a file; PostgreSQL's counts are proven by the property
# test in tests/services/test_kept_agenda.py.
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_processes_writing_at_once_leave_the_kept_agenda_exact(tom_demo):
    url = tom_demo.url
    listed = run(url, "actions", "--json")
    assert listed.returncode == 0, listed.stderr
    ids = [a["id"] for a in json.loads(listed.stdout)]
    others = [i for i in ids if not i.startswith(DECISIONS_READ)]
    thanks = next(i for i in ids if i.startswith("thank-you:"))
    writes = [
        ["done", others[0]],
        ["snooze", others[1], "--until", "+2d"],
        ["dismiss", others[2]],
        ["done", thanks],
        ["log", "email", "--with", "Priya Nair", "--direction", "in", "--summary", "Any news?"],
    ]
    reads = [["actions", "--json"], ["today"]]
    at_once(url, writes + reads)
    assert run(url, "actions", "--json").returncode == 0  # kept again
    # Then a message (read by the rules) beside a decision that is not, and a reader.
    logged = ["log", "email", "--with", "Dana Ruiz", "--direction", "in", "--summary", "Hi!"]
    at_once(url, [logged, ["done", others[3]], ["today"]])

    served = run(url, "actions", "--json")  # kept, carried over or recomputed
    shown = {a["id"] for a in json.loads(served.stdout)}
    assert not shown & {*others[:4], thanks}  # decided: not shown
    checked = run(url, "doctor", "--check")  # what is kept against a full recompute
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "matches a full recompute" in checked.stdout


def at_once(url: str, commands: list[list[str]]) -> None:
    """Each command in its own `tom` process, all started together; each must succeed."""
    started = [
        subprocess.Popen(
            [TOM, "--db", url, "--now", NOW_ISO, *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    for process, command in zip(started, commands, strict=True):
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, (command, out, err)
