"""A module a newcomer reads in one sitting, a function on one screen.

No module of topofmind is over 500 lines and no function over 60, but for data: the
migrations, the demo's content, the schema's declarations and the settings (every
setting with its label, default and why). Found over, a module is split by what it
holds and a long function cut into the steps it takes.
"""

from __future__ import annotations

import ast
from pathlib import Path

import topofmind

PACKAGE = Path(topofmind.__file__).parent
MODULE_LINES, FUNCTION_LINES = 500, 60

#: Data, not code: what they hold is long, what they do is short.
DATA = ("store/migrations/versions/", "services/demo.py", "store/schema.py", "settings.py")


def code(root: Path) -> list[Path]:
    """The modules under ``root`` but data."""
    return [p for p in sorted(root.rglob("*.py")) if not str(p.relative_to(root)).startswith(DATA)]


def long_modules(root: Path) -> dict[str, int]:
    return {
        str(p.relative_to(root)): n
        for p in code(root)
        if (n := len(p.read_text().splitlines())) > MODULE_LINES
    }


def long_functions(root: Path) -> dict[str, int]:
    found = {}
    for path in code(root):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > FUNCTION_LINES:
                    found[f"{path.relative_to(root)}:{node.name}"] = lines
    return found


def test_no_module_is_over_500_lines_but_data():
    assert long_modules(PACKAGE) == {}


def test_no_function_is_over_60_lines_but_data():
    assert long_functions(PACKAGE) == {}


def test_the_measures_find_what_is_long_and_leave_data_alone(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(FUNCTION_LINES))
    text = f"def long():\n{body}\n" + "\n" * MODULE_LINES
    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "long.py").write_text(text)
    (tmp_path / "services" / "demo.py").write_text(text)
    assert long_modules(tmp_path) == {"services/long.py": MODULE_LINES + FUNCTION_LINES + 1}
    assert long_functions(tmp_path) == {"services/long.py:long": FUNCTION_LINES + 1}
