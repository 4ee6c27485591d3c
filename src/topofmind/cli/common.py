"""What every command shares: the global options, the context, and output helpers.

Kept light on purpose: the database layer and services are imported only when a
command runs, so `tom --help` and shell completion answer at once.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from topofmind.services.context import Context


@dataclass
class Options:
    db: str | None = None
    now: str | None = None
    debug: bool = False


OPTIONS = Options()
_context: Context | None = None


def context() -> Context:
    """The Context for this command: database opened (and migrated), clock read."""
    global _context
    if _context is None:
        from topofmind.services.context import Context

        _context = Context.open(OPTIONS.db, OPTIONS.now)
    return _context


def reset() -> None:
    """Forget the context of a previous invocation (CliRunner runs many in one process)."""
    global _context
    if _context is not None:
        _context.db.dispose()
    _context = None


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False, emoji=False)


def hanging(lead: str, text: Text, width: int) -> Text:
    """``text`` wrapped to ``width`` after ``lead``, its next lines indented as far, with
    no trailing spaces: a list stays scannable down its left edge at any width."""
    from rich.text import Text

    lines = text.wrap(console(), max(width - len(lead), 20))
    out = Text()
    for number, line in enumerate(lines):
        line.rstrip()
        out.append(lead if number == 0 else " " * len(lead), style=line.style or text.style)
        out.append_text(line)
        if number < len(lines) - 1:
            out.append("\n")
    return out


def print_notices() -> None:
    if _context is not None and _context.notices:
        from rich.markup import escape

        err = console(stderr=True)
        for notice in _context.notices:
            err.print(f"[dim]Note: {escape(notice)}[/dim]", soft_wrap=True)
        _context.notices.clear()


def to_jsonable(value: Any) -> Any:
    """Dataclasses, enums and moments as plain JSON values (moments in ISO 8601)."""
    from dataclasses import asdict, is_dataclass

    if is_dataclass(value) and not isinstance(value, type):
        return {k: to_jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [to_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(to_jsonable(value), indent=2, ensure_ascii=False) + "\n")


def table(title: str | None, columns: list[str], rows: list[list[Any]]) -> None:
    from rich.markup import escape
    from rich.table import Table

    grid = Table(
        title=escape(title) if title else None,
        title_justify="left",
        show_lines=False,
        header_style="bold",
    )
    for column in columns:
        grid.add_column(column, overflow="fold")
    for row in rows:
        grid.add_row(*["" if v is None else escape(str(v)) for v in row])
    console().print(grid)


def local(moment: datetime | None, fmt: str = "%a %d %b %Y %H:%M") -> str:
    """A moment shown in the person's own time zone."""
    if moment is None:
        return ""
    from topofmind.services.when import zone

    return moment.astimezone(zone(context().timezone)).strftime(fmt)


def fail(message: str) -> None:
    """Stop with one line on stderr and exit status 2."""
    from topofmind.errors import TomError

    raise TomError(message)


JsonOption = typer.Option(False, "--json", help="Print JSON (shape in docs/json.md).")
