"""Imports point one way: edges use services; services use the store, the rules, the
importers and the composers; those use only the domain.

Every package and top-level module of topofmind has a row in ``MAY_IMPORT``: the parts
of topofmind it may import. A rule that read the database, an importer that wrote SQL,
a store that ran the rules' policy or settings that reached for the store would each be
a slipped layer. The few crossings not yet undone are listed, each with what undoes it,
in ``NOT_YET``; a crossing that is gone must leave that list too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import topofmind

PACKAGE = Path(topofmind.__file__).parent

#: Leaves every layer may use: user-facing errors, where data lives, the settings.
LEAVES = frozenset({"errors", "paths", "settings"})

#: For each layer, the other parts of topofmind it may import.
MAY_IMPORT: dict[str, frozenset[str]] = {
    # Plain dataclasses and enums: the record of a job search.
    "domain": frozenset(),
    "errors": frozenset(),
    "paths": frozenset({"errors"}),
    "settings": frozenset({"domain", "errors", "paths"}),
    # The only code that talks to the database: it returns facts, the rules judge them.
    "store": frozenset({"domain", "errors", "paths"}),
    "playbook": frozenset({"domain"}) | LEAVES,
    "capture": frozenset({"domain"}) | LEAVES,
    "compose": frozenset({"domain"}) | LEAVES,
    "services": frozenset({"store", "playbook", "capture", "compose", "domain"}) | LEAVES,
    # `tom serve` starts the web app: wiring, so cli may import web.
    "cli": frozenset({"services", "web", "domain"}) | LEAVES,
    "web": frozenset({"services", "domain"}) | LEAVES,
}

#: Layers that never touch SQL (the store and the services hold every query).
NO_SQL = frozenset(MAY_IMPORT) - {"store", "services"}

#: Crossings still in the code, each with what undoes it.
NOT_YET = {
    # Wiring, not reading: the app opens the one Database at start-up (tests/web).
    "web/app.py imports topofmind.store.database": "permanent",
}


def layer_of(path: Path) -> str:
    """The package a file belongs to, or the top-level module's name."""
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else path.stem


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
    return names


def forbidden(layer: str, name: str) -> bool:
    """Whether ``layer`` may not import module ``name``."""
    if name.split(".")[0] == "sqlalchemy":
        return layer in NO_SQL
    parts = name.split(".")
    if parts[0] != "topofmind" or len(parts) == 1:
        return False  # outside topofmind, or the package itself (its version)
    return parts[1] != layer and parts[1] not in MAY_IMPORT[layer]


def crossings(layer: str) -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if layer_of(path) != layer:
            continue
        for name in sorted(imported(path)):
            if forbidden(layer, name):
                found.append(f"{path.relative_to(PACKAGE).as_posix()} imports {name}")
    return found


def every_layer() -> set[str]:
    return {layer_of(p) for p in PACKAGE.rglob("*.py")} - {"__init__", "__main__"}


def test_every_package_and_module_has_a_rule():
    assert every_layer() - set(MAY_IMPORT) == set()


@pytest.mark.parametrize("layer", sorted(MAY_IMPORT))
def test_layer_keeps_its_imports(layer):
    assert [c for c in crossings(layer) if c not in NOT_YET] == []


def test_crossings_not_yet_undone_are_still_there():
    found = {c for layer in MAY_IMPORT for c in crossings(layer)}
    assert set(NOT_YET) - found == set(), "undone: remove it from NOT_YET"


def test_the_check_sees_a_crossing(tmp_path, monkeypatch):
    (tmp_path / "cli").mkdir()
    (tmp_path / "cli" / "bad.py").write_text("from topofmind.store.people import list_people\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["PACKAGE"]), "PACKAGE", tmp_path)
    assert crossings("cli") == ["cli/bad.py imports topofmind.store.people"]


@pytest.mark.parametrize(
    ("layer", "module", "source", "expected"),
    [
        (
            "store",
            "store/facts.py",
            "from topofmind.playbook.reach import reach_for\n",
            "store/facts.py imports topofmind.playbook.reach",
        ),
        (
            "settings",
            "settings.py",
            "def later():\n    from topofmind.store.location import data_dir\n",
            "settings.py imports topofmind.store.location",
        ),
        (
            "services",
            "services/agenda.py",
            "import topofmind.web.app\n",
            "services/agenda.py imports topofmind.web.app",
        ),
        (
            "compose",
            "compose/eml.py",
            "from sqlalchemy import select\n",
            "compose/eml.py imports sqlalchemy",
        ),
    ],
)
def test_the_check_sees_each_kind_of_slip(tmp_path, monkeypatch, layer, module, source, expected):
    path = tmp_path / module
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source)
    monkeypatch.setattr(__import__(__name__, fromlist=["PACKAGE"]), "PACKAGE", tmp_path)
    assert crossings(layer) == [expected]


def test_the_check_lets_a_layer_use_what_it_may(tmp_path, monkeypatch):
    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "fine.py").write_text(
        "from sqlalchemy import select\n"
        "from topofmind.store.facts import load_facts\n"
        "from topofmind.playbook.reach import reach_in_force\n"
        "import topofmind\n"
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["PACKAGE"]), "PACKAGE", tmp_path)
    assert crossings("services") == []
