"""The `tom` entry point: `tom today` and `tom actions --json` straight from the kept agenda.

Most runs of these two ask for what is already kept (``store.kept``): then they need
neither Typer, nor SQLAlchemy, nor the rules, which take most of a run's time to
import. This module reads the kept agenda of a SQLite file with the standard library,
checks that it is current (the record's version, the settings and code, the moment
inside its window) and prints exactly what the full command prints. Anything else (a
PostgreSQL URL, another command or option, nothing kept, an empty agenda, a terminal
this printer does not mimic) runs the full command, ``cli.main.run``.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import UTC, datetime, time, timedelta

#: Global options the fast path understands, each taking a value.
GLOBAL = ("--db", "--now")
#: Environment variables that change how Rich prints; with any of them set, Rich prints.
RICH_ENVIRONMENT = ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER")
WORD = re.compile(r"\s*\S+\s*")
STATE_MARKS = {"overdue": "!", "late": "!", "due": "•", "upcoming": "·"}
FOOTER = "Mark one: tom done ID | tom snooze ID --until friday | tom dismiss ID"


def run() -> None:
    """The console script: the fast path when it can answer, else the full command."""
    try:
        text = answer(sys.argv[1:])
    except Exception:  # anything unexpected: the full command answers, and explains
        text = None
    if text is None:
        from topofmind.cli.main import run as full

        full()
        return
    sys.stdout.write(text)
    sys.stdout.flush()
    os._exit(0)  # as the full command leaves: no teardown of what was loaded


def answer(argv: list[str]) -> str | None:
    """What `tom ARGV` prints, when the kept agenda answers it; else None."""
    options = {"--db": os.environ.get("TOM_DB"), "--now": os.environ.get("TOM_NOW")}
    while argv and argv[0] in GLOBAL and len(argv) > 1:
        options[argv[0]] = argv[1]
        argv = argv[2:]
    if argv == ["actions", "--json"]:
        command = "actions"
    elif argv == ["today"]:
        command = "today"
    else:
        return None
    now = _now(options["--now"])
    if now is None:
        return None
    from topofmind.services.kept_read import current

    kept = current(options["--db"], now)
    if kept is None:
        return None
    found, settings = kept
    if command == "actions":
        import orjson

        shown, _ = open_records(orjson.loads(found.kept.actions), found.decided, now)
        return orjson.dumps(shown, option=orjson.OPT_INDENT_2).decode() + "\n"
    import json  # orjson's import loads dataclasses, uuid and more: several times json's

    shown, hidden = open_records(json.loads(found.kept.actions), found.decided, now)
    return today(found.timezone, shown, hidden, now, settings)


def _now(text: str | None) -> datetime | None:
    """Now, or the moment of ``--now``; None when only the full command can tell (a
    moment without a time zone is taken in the profile's, with a note)."""
    if not text:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def open_records(records: list[dict], decided: list[tuple], now: datetime):
    """The records still open (``services.agenda.apply_decisions``) and how many are
    snoozed out of sight."""
    closed, snoozed = set(), set()
    for action_id, status, until in decided:
        if status in ("done", "dismissed"):
            closed.add(action_id)
        elif status == "snoozed" and until is not None:
            moment = until if isinstance(until, datetime) else datetime.fromisoformat(until)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            if moment > now:
                snoozed.add(action_id)
    shown, hidden = [], 0
    for record in records:
        if record["id"] in closed:
            continue
        if record["id"] in snoozed:
            hidden += 1
            continue
        shown.append(record)
    return shown, hidden


# -- tom today ------------------------------------------------------------------------


def today(timezone: str | None, shown: list[dict], hidden: int, now: datetime, settings):
    """`tom today` as ``cli.playbook.render_agenda`` prints it, or None where it would
    print something else (nothing due, a console Rich would style differently)."""
    width, styled = _console()
    if width is None:
        return None
    if timezone is None:
        return None
    from topofmind.domain.moments import zone as named_zone

    zone = named_zone(timezone)

    here = now.astimezone(zone)
    end_of_day = datetime.combine(here.date() + timedelta(days=1), time(0, 0), tzinfo=zone)
    horizon = end_of_day + timedelta(days=settings.agenda_days)
    groups: dict[str, list] = {"Overdue": [], "Due today": [], "Coming up": []}
    for record in shown:
        state = record["state"]
        if state in ("overdue", "late"):
            groups["Overdue"].append(record)
        elif state == "due":
            groups["Due today"].append(record)
        elif datetime.fromisoformat(record["due"]) < horizon:
            groups["Coming up"].append(record)
    count = sum(len(items) for items in groups.values())
    if not count:
        return None
    bold, dim = (_styled("1"), _styled("2")) if styled else (_plain, _plain)
    heading = f"Today, {here.strftime('%a %d %b %H:%M')}"
    counts = (
        f"{heading} — {len(groups['Overdue'])} overdue, {len(groups['Due today'])} due today, "
        f"{len(groups['Coming up'])} coming up" + (f", {hidden} snoozed" if hidden else "")
    )
    if len(counts) > width or len(FOOTER) > width:
        return None
    lines = [bold(heading) + counts[len(heading) :]]
    limit = settings.agenda_limit
    for title, items in groups.items():
        if not items:
            continue
        lines += ["", bold(title)]
        chosen = items[:limit] if limit else items
        for record in chosen:
            mark = STATE_MARKS[record["state"]]
            words = headline(record["title"], record["opportunity_title"])
            # Rich styles the lead and the words as two pieces, each closed on its own
            lines += [bold(a) + bold(b) for a, b in hanging(f" {mark} ", words, width)]
            lines += [a + b for a, b in hanging("   ", record["why"], width)]
            lines.append(dim(f"   {record['id']}"))
        if len(items) > len(chosen):
            more = (
                f"… and {len(items) - len(chosen):,} more {title.lower()}: "
                f"`tom today --all` shows them all"
            )
            if len(more) + 3 > width:
                return None
            lines.append("   " + dim(more))
    lines += ["", dim(FOOTER)]
    return "\n".join(lines) + "\n"


def headline(title: str, label: str) -> str:
    """``Action.headline`` from the record's fields (the same words: tests/cli/test_fast.py
    compares every line with the full command's), without importing the domain classes."""
    if not label or label in title:
        return title
    role, at, org = label.rpartition(" at ")
    if at and org in title:
        return f"{title} — {role}"
    if at and title.endswith(role):
        return f"{title} at {org}"
    return f"{title} — {label}"


def _plain(text: str) -> str:
    return text


def _styled(code: str):
    def style(text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if text else text

    return style


def _console() -> tuple[int | None, bool]:
    """The width Rich would print at and whether it would style: (None, _) where this
    printer does not know what Rich would do."""
    if any(name in os.environ for name in RICH_ENVIRONMENT):
        return None, False
    styled = sys.stdout.isatty()
    if styled and os.environ.get("TERM", "") in ("dumb", "unknown", ""):
        return None, False
    width = None
    for descriptor in (0, 1, 2):  # as Rich asks: stdin, stdout, stderr
        try:
            width = os.get_terminal_size(descriptor).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        width = int(columns)
    return width or 80, styled


def _one_cell(char: str) -> bool:
    """Whether Rich gives ``char`` one cell, as to every printable ASCII character."""
    import unicodedata

    if char.isascii():
        return True
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf", "Cc"):
        return False
    return unicodedata.east_asian_width(char) not in ("W", "F") and ord(char) < 0x1F000


def hanging(lead: str, text: str, width: int) -> list[tuple[str, str]]:
    """``text`` wrapped after ``lead`` as ``cli.common.hanging`` wraps it with Rich, as
    (lead or its indent, words) a line: words
    with their trailing spaces, a word longer than the line folded, each line's end
    trimmed. None of this is guessed: texts Rich measures otherwise (wide characters,
    tabs, line breaks) are refused (ValueError), and the full command prints them."""
    if not text.isascii() and not all(map(_one_cell, text)):
        raise ValueError("text Rich measures by cells")
    if not text.isprintable():
        raise ValueError("text Rich divides by lines")
    room = max(width - len(lead), 20)
    breaks, offset = [], 0
    for match in WORD.finditer(text):
        start, word = match.start(), match.group(0)
        size = len(word.rstrip())
        if room - offset >= size:
            offset += len(word)
        elif size > room:
            raise ValueError("a word longer than the line")
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    pieces = [text[a:b] for a, b in zip([0, *breaks], [*breaks, len(text)], strict=True)]
    return [
        (lead if number == 0 else " " * len(lead), piece.rstrip())
        for number, piece in enumerate(pieces)
    ]
