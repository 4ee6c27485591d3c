"""Docs that cannot drift: every command has help, every setting is documented.

Walks the Click command tree Typer builds for `tom`, as datasette and sqlite-utils
check their own docs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from topofmind.settings import SETTINGS

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _commands():
    from topofmind.cli.main import app

    def walk(command, path):
        yield " ".join(path), command
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk(sub, [*path, name])

    return list(walk(typer.main.get_command(app), ["tom"]))


COMMANDS = _commands()


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_has_help(path, command):
    assert (command.help or command.short_help or "").strip(), f"`{path}` has no help text"
    for param in command.params:
        if getattr(param, "hidden", False):
            continue
        assert (getattr(param, "help", None) or "").strip(), (
            f"`{path}`: {param.opts or param.name} has no help text"
        )


def test_every_setting_is_documented():
    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| `([a-z_]+)` \| ([^|]+) \|", text, re.M))
    missing = [s.name for s in SETTINGS if s.name not in documented]
    assert not missing, f"docs/settings.md lacks: {', '.join(missing)}"
    for setting in SETTINGS:
        shown = documented[setting.name].strip()
        expected = "empty" if setting.default == "" else str(setting.default)
        assert expected in shown, f"docs/settings.md gives {setting.name} the default {shown}"
    unknown = sorted(set(documented) - {s.name for s in SETTINGS})
    assert not unknown, f"docs/settings.md documents settings that do not exist: {unknown}"


RECORD_COMMANDS = [
    "tom init",
    "tom path",
    "tom demo",
    "tom held",
    "tom offer record",
    "tom offer accept",
    "tom offer decline",
    "tom offer list",
    "tom news",
    "tom news add",
    "tom news read",
    "tom org add",
    "tom org list",
    "tom org show",
    "tom org edit",
    "tom person add",
    "tom person list",
    "tom person show",
    "tom person edit",
    "tom opp add",
    "tom opp list",
    "tom opp show",
    "tom opp edit",
    "tom opp stage",
    "tom log",
    "tom achievement add",
    "tom achievement list",
    "tom question add",
    "tom question list",
    "tom question asked",
    "tom event add",
    "tom event list",
    "tom event attended",
    "tom show person",
    "tom show opp",
    "tom show org",
    "tom export",
    "tom import-json",
    "tom backup",
    "tom db upgrade",
]


@pytest.mark.parametrize("command", RECORD_COMMANDS)
def test_recording_commands_have_an_example(command):
    text = (DOCS / "record.md").read_text(encoding="utf-8")
    words = re.escape(command.removeprefix("tom "))
    global_options = r"(?:\s+--(?:db|now)\s+\S+|\s+--debug)*"
    assert re.search(rf"^\s*tom{global_options}\s+{words}\b", text, re.M), (
        f"docs/record.md has no example of `{command}`"
    )


def test_json_shapes_of_the_recording_listings_are_documented():
    text = (DOCS / "json.md").read_text(encoding="utf-8")
    for path, command in COMMANDS:
        if path in RECORD_COMMANDS and any("--json" in p.opts for p in command.params):
            assert f"`{path}" in text, f"docs/json.md does not describe `{path} --json`"
    assert "`tom export`" in text


def test_every_page_is_in_the_index():
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    mine = ["record.md", "json.md", "postgres.md", "settings.md", "changelog.md"]
    for page in mine:
        assert (DOCS / page).exists() and f"({page})" in index, page
