"""The web edge is thin: routes go through services; only the app factory opens the database."""

from __future__ import annotations

import ast
from pathlib import Path

import topofmind.web

WEB = Path(topofmind.web.__file__).parent
#: Wiring, not reading: the app opens the one Database at start-up.
ALLOWED = {("app.py", "topofmind.store.database")}


def store_imports(path: Path) -> set[str]:
    """The store modules (or the store package) a Python file imports from."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found |= {n for n in names if n == "topofmind.store" or n.startswith("topofmind.store.")}
    return found


def test_web_modules_do_not_import_the_store():
    found = {
        (path.relative_to(WEB).as_posix(), name)
        for path in WEB.rglob("*.py")
        for name in store_imports(path)
    }
    assert found - ALLOWED == set()


def test_the_check_sees_a_store_import(tmp_path):
    module = tmp_path / "route.py"
    module.write_text(
        "import topofmind.store.people\n"
        "from topofmind.store import search as search_store\n"
        "from topofmind.services import browse\n"
    )
    assert store_imports(module) == {"topofmind.store", "topofmind.store.people"}
