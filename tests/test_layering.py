"""Imports point one way: edges use services; rules, importers and composers use only the domain.

cli and web go through services; playbook, capture and compose never reach the store,
the services or an edge (a rule that read the database, or an importer that wrote SQL,
would be a slipped layer). The web app's start-up wiring is checked in tests/web.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import topofmind

PACKAGE = Path(topofmind.__file__).parent

#: For each layer, the packages it must never import.
FORBIDDEN = {
    # `tom serve` starts the web app: wiring, so cli may import web, never the store.
    "cli": ("topofmind.store",),
    "playbook": (
        "topofmind.store",
        "topofmind.services",
        "topofmind.cli",
        "topofmind.web",
        "sqlalchemy",
    ),
    "capture": (
        "topofmind.store",
        "topofmind.services",
        "topofmind.cli",
        "topofmind.web",
        "sqlalchemy",
    ),
    "compose": (
        "topofmind.store",
        "topofmind.services",
        "topofmind.cli",
        "topofmind.web",
        "sqlalchemy",
    ),
    "domain": (
        "topofmind.store",
        "topofmind.services",
        "topofmind.playbook",
        "topofmind.capture",
        "topofmind.compose",
        "topofmind.cli",
        "topofmind.web",
        "sqlalchemy",
    ),
}


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
    return names


def crossings(layer: str) -> list[str]:
    found = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in imported(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                found.append(f"{path.relative_to(PACKAGE)} imports {name}")
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_keeps_its_imports(layer):
    assert crossings(layer) == []


def test_the_check_sees_a_crossing(tmp_path, monkeypatch):
    (tmp_path / "cli").mkdir()
    (tmp_path / "cli" / "bad.py").write_text("from topofmind.store.people import list_people\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["PACKAGE"]), "PACKAGE", tmp_path)
    assert crossings("cli") == ["cli/bad.py imports topofmind.store.people"]
