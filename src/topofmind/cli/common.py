"""What every command shares: the global options, the context, and output helpers.

Kept light on purpose: the database layer and services are imported only when a
command runs, so `tom --help` and shell completion answer at once.
"""

from __future__ import annotations

import json
import sys
from contextlib import AbstractContextManager
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
#: Lines a write reports once the command has said what it did (``report_after``).
_after: list[str] = []


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
    _after.clear()


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
    """The command's notes, then what its write changed (on stderr, so JSON stays clean)."""
    err = console(stderr=True)
    if _context is not None and _context.notices:
        from rich.markup import escape

        for notice in _context.notices:
            err.print(f"[dim]Note: {escape(notice)}[/dim]", soft_wrap=True)
        _context.notices.clear()
    for line in _after:  # one line each, whole, for the eye and for grep
        err.print(line, markup=False, soft_wrap=True)
    _after.clear()


def discard_notices() -> None:
    """Forget the command's notes and changes: it failed, so nothing they tell of was kept
    ("Added organization Acme" before "Priority must be from 1 to 5")."""
    if _context is not None:
        _context.notices.clear()
    _after.clear()


def report_after(lines: list[str]) -> None:
    """Print ``lines`` after the command's own confirmation and notes: "Logged email
    with Dana Ruiz", then "Closed: Thank Dana Ruiz for the interview"."""
    _after.extend(lines)


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


#: No column asks for more than this to keep its longest word whole (a long URL folds).
LONGEST_WORD = 24


def table(title: str | None, columns: list[str], rows: list[list[Any]]) -> None:
    """Rows under bold headings, two spaces between columns and no borders, fitted to
    the terminal so that words stay whole wherever the width allows (``fit_columns``)."""
    from rich.cells import cell_len
    from rich.markup import escape
    from rich.table import Table

    texts = [["" if v is None else str(v) for v in row] for row in rows]
    grid = Table(
        title=escape(title) if title else None,
        title_justify="left",
        header_style="bold",
        box=None,
        pad_edge=False,
    )
    down = [[column, *(row[i] for row in texts)] for i, column in enumerate(columns)]
    widest = [max(cell_len(line) for text in d for line in text.splitlines() or [""]) for d in down]
    words = [min(max(map(cell_len, " ".join(d).split()), default=1), LONGEST_WORD) for d in down]
    # Each column pads one space a side, but not at the table's two edges.
    room = console().width - 2 * len(columns) + 2
    for column, width in zip(columns, fit_columns(words, widest, room), strict=True):
        grid.add_column(column, overflow="fold", width=width)
    for row in texts:
        grid.add_row(*(escape(cell) for cell in row))
    console().print(grid)


def fit_columns(least: list[int], most: list[int], room: int) -> list[int]:
    """Widths for columns that want ``most`` and need ``least`` (their longest word) in
    ``room``: all they want if it fits; else each its longest word, then the room left
    given a character at a time to the narrowest column still wanting more, so short
    columns show whole and the widest wrap; if even the words do not fit, the widest
    columns give way first (their words fold)."""
    widths = [min(a, b) for a, b in zip(least, most, strict=True)]
    if sum(most) <= room:
        return list(most)
    while sum(widths) > room and max(widths) > 1:
        widths[widths.index(max(widths))] -= 1
    for _ in range(room - sum(widths)):
        wanting = [i for i, width in enumerate(widths) if width < most[i]]
        narrowest = min(wanting, key=lambda i: widths[i])
        widths[narrowest] += 1
    return widths


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


def record_id(text: str) -> int:
    """A record's number as `tom` prints it, "#12", or bare, "12"."""
    digits = text.strip().removeprefix("#")
    if not digits.isdigit():
        raise typer.BadParameter(f"'{text}' is not a number such as 12 or #12.")
    return int(digits)


def changes_report() -> AbstractContextManager[None]:
    """Print the actions a write created or closed, when the playbook is there."""
    from topofmind.cli import playbook

    return playbook.action_changes()


def earlier_mail(what: str) -> None:
    """Where mail is synced, say that the next sync records the earlier mail just known."""
    settings = context().settings
    if settings.imap_host and settings.imap_user:
        typer.echo(f"The next `tom sync imap` records earlier {what} from your folders.")
