"""Words people use in letters: how they name a day, a list of names, their own deeds.

Notes turned into sentences live in ``compose.notes``.
"""

from __future__ import annotations

import re
from datetime import datetime

from topofmind.domain import moments

_PAST = re.compile(r"^[a-z]+ed$")
_IRREGULAR_PAST = {"said", "told", "gave", "took", "made", "saw", "thought", "spoke", "went"}


def first_person(accomplishment: str) -> str:
    """An accomplishment as a sentence about oneself ("Led X" -> "I led X.")."""
    text = accomplishment.strip().rstrip(".")
    first, _, rest = text.partition(" ")
    word = first.lower()
    if _PAST.match(word) or word in _IRREGULAR_PAST | {"built", "led", "ran", "won", "grew", "cut"}:
        return f"I {word} {rest}".rstrip() + "."
    if word in {"i", "my", "we"}:
        return text[0].upper() + text[1:] + "."
    return text[0].upper() + text[1:] + "."


def day_phrase(moment: datetime, now: datetime, tz: str) -> str:
    """How a person names a past day: "today", "yesterday", "on Monday", "on 12 November"."""
    zone = moments.zone(tz)
    day = moment.astimezone(zone).date()
    today = now.astimezone(zone).date()
    delta = (today - day).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if 1 < delta < 7:
        return f"on {day.strftime('%A')}"
    return f"on {day.day} {day.strftime('%B')}"


def join_names(names: list[str]) -> str:
    """ "Dana", "Dana and Sam", "Dana, Sam and Priya"."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
