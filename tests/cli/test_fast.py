"""`tom today` and `tom actions --json` read from the kept agenda without Typer,
SQLAlchemy or the rules, and print exactly what the full commands print."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest

from conftest import NOW, NOW_ISO
from topofmind.cli import fast

on_sqlite = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def quick(tom, *args: str, now: str = NOW_ISO) -> str | None:
    return fast.answer(["--db", tom.url, "--now", now, *args])


@pytest.fixture(autouse=True)
def columns(monkeypatch):
    for name in fast.RICH_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")


@on_sqlite
def test_actions_json_from_the_kept_agenda_is_what_the_full_command_prints(tom_demo):
    assert quick(tom_demo, "actions", "--json") is None  # nothing kept yet
    full = tom_demo("actions", "--json").output
    assert quick(tom_demo, "actions", "--json") == full


@on_sqlite
@pytest.mark.parametrize("width", ["72", "80", "100", "160"])
def test_today_from_the_kept_agenda_is_what_the_full_command_prints(tom_demo, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", width)
    full = tom_demo("today").output
    assert quick(tom_demo, "today") == full


@on_sqlite
def test_today_counts_what_it_leaves_out_as_the_full_command_does(tom_demo, monkeypatch):
    monkeypatch.setenv("TOM_AGENDA_LIMIT", "1")
    full = tom_demo("today").output
    assert "more coming up: `tom today --all` shows them all" in full
    assert quick(tom_demo, "today") == full


@on_sqlite
def test_today_styled_for_a_terminal_as_rich_styles_it(tom_demo, monkeypatch):
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # the full command's Rich styles as for a terminal
    full = tom_demo("today").output
    assert "\x1b[1m" in full
    monkeypatch.delenv("TTY_COMPATIBLE")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert quick(tom_demo, "today") == full


@on_sqlite
def test_decisions_show_at_once(tom_demo):
    tom_demo("actions", "--json")
    first = tom_demo("actions", "--json").output.split('"id": "')[1].split('"')[0]
    assert tom_demo("done", first).exit_code == 0
    found = quick(tom_demo, "actions", "--json")
    full = tom_demo("actions", "--json").output
    assert found is None or found == full  # recomputed by the full command, or kept
    assert first not in full
    assert quick(tom_demo, "actions", "--json") == full


@on_sqlite
def test_the_full_command_answers_what_is_not_kept(tom_demo):
    tom_demo("actions", "--json")
    later = (NOW + timedelta(days=30)).isoformat()
    assert quick(tom_demo, "actions", "--json", now=later) is None  # outside the window
    assert quick(tom_demo, "actions", "--json", now="2026-11-24T15:00:00") is None  # no zone
    assert quick(tom_demo, "actions") is None  # not a form it knows
    assert quick(tom_demo, "today", "--all") is None


@on_sqlite
def test_the_fast_path_imports_neither_sqlalchemy_nor_typer_nor_the_rules(tom_demo):
    tom_demo("actions", "--json")
    code = (
        "import sys; from topofmind.cli import fast; "
        f"text = fast.answer(['--db', {tom_demo.url!r}, '--now', {NOW_ISO!r}, 'today']); "
        "assert text, 'not answered'; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'typer', 'rich') or m.startswith('topofmind.playbook')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_postgresql_is_read_with_psycopg_alone(tom_demo, monkeypatch):
    full = tom_demo("actions", "--json").output
    assert quick(tom_demo, "actions", "--json") == full
    monkeypatch.setenv("COLUMNS", "100")
    assert quick(tom_demo, "today") == tom_demo("today").output


def test_headline_reads_as_the_actions_own():
    from topofmind.domain.actions import Action, ActionState

    cases = [
        ("Thank Dana Ruiz for the interview", "Senior Data Engineer at Northwind Analytics"),
        ("Find an insider at Copperline Robotics", "Analytics Engineer at Copperline Robotics"),
        ("Check in with Dana about Senior Data Engineer", "Senior Data Engineer at Northwind"),
        ("Prepare", ""),
        ("Prepare for the offer", "Offer"),
    ]
    for title, label in cases:
        action = Action("a", "r", title, "", NOW, ActionState.DUE, opportunity_title=label)
        assert fast.headline(title, label) == action.headline
