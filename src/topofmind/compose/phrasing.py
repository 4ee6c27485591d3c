"""Turning notes from the record into sentences a person would write.

Talking points are jotted down in the third person ("Dana: data quality is her top
worry"); a letter to Dana speaks to her ("You mentioned that data quality is your
top worry"). These small pure functions do that turn, and name moments the way
people do ("yesterday", "on Monday").
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

#: Third-person verbs a note may start with, and their second-person form.
_VERBS_S = {
    "wants": "want",
    "needs": "need",
    "likes": "like",
    "thinks": "think",
    "expects": "expect",
    "values": "value",
    "plans": "plan",
    "hopes": "hope",
    "says": "say",
    "asks": "ask",
    "mentions": "mention",
    "prefers": "prefer",
    "sees": "see",
    "cares": "care",
    "worries": "worry",
    "leads": "lead",
    "runs": "run",
    "owns": "own",
    "is": "are",
    "has": "have",
    "was": "were",
}
_PAST = re.compile(r"^[a-z]+ed$")
_IRREGULAR_PAST = {"said", "told", "gave", "took", "made", "saw", "thought", "spoke", "went"}


def split_points(points: list[str]) -> list[str]:
    """Points split at semicolons, so each part can stand in its own sentence."""
    out = []
    for point in points:
        out.extend(part.strip() for part in point.split(";") if part.strip())
    return out


def addressed_to(point: str, first_names: list[str], recipient_first: str) -> bool | None:
    """True if the point is marked as the recipient's ("Dana: ..."), False if another's,
    None if it names nobody (shared by everyone in the conversation)."""
    head, sep, _ = point.partition(":")
    if not sep or len(head.split()) > 3:
        return None
    head = head.strip().lower()
    if head == recipient_first.lower() or recipient_first.lower() in head.split():
        return True
    if any(head == n.lower() or n.lower() in head.split() for n in first_names):
        return False
    return None


def strip_speaker(point: str) -> str:
    """The point without its leading "Name:" marker."""
    head, sep, rest = point.partition(":")
    if sep and len(head.split()) <= 3 and rest.strip():
        return rest.strip()
    return point.strip()


def second_person(clause: str) -> str:
    """A third-person note about the reader, turned to speak to them."""
    text = re.sub(r"\b(she|he)\b", "you", clause)
    text = re.sub(r"\b(She|He)\b", "You", text)
    text = re.sub(r"\b(her|his)\b", "your", text)
    text = re.sub(r"\b(Her|His)\b", "Your", text)
    text = re.sub(r"\byou is\b", "you are", text)
    text = re.sub(r"\byou has\b", "you have", text)
    text = re.sub(r"\byou was\b", "you were", text)
    return text


def point_sentence(point: str) -> str:
    """One sentence recalling a talking point to the person it was discussed with."""
    clause = second_person(strip_speaker(point)).rstrip(".")
    first, _, rest = clause.partition(" ")
    if first in _VERBS_S:
        return f"I appreciated that you {_VERBS_S[first]} {rest}".rstrip() + "."
    if _PAST.match(first) or first in _IRREGULAR_PAST:
        return f"I appreciated that you {clause}."
    if len(first) > 4 and first.endswith("ing"):
        return f"I enjoyed hearing that you are {clause}."
    if first.lower() == "you":
        return f"I appreciated that {clause}."
    talked = not _VERB_HINT.search(clause) and not any(w in _VERBS_S for w in clause.split())
    clause = lower_first(clause)
    if clause.split()[0] in _NEEDS_ARTICLE:
        clause = "the " + clause
    if talked:
        return f"We talked about {clause}."
    return f"You mentioned that {clause}."


def lower_first(text: str) -> str:
    """Lower-case a leading common word ("The team" -> "the team"), never a name."""
    first = text.split()[0] if text.split() else ""
    if first.lower() in _COMMON_STARTS and first[:1].isupper():
        return text[0].lower() + text[1:]
    return text


_COMMON_STARTS = {
    "the",
    "a",
    "an",
    "our",
    "their",
    "your",
    "this",
    "that",
    "we",
    "it",
    "its",
    "they",
    "there",
    "these",
    "those",
    "both",
    "each",
    "most",
    "some",
    "all",
    "team",
    "company",
    "platform",
    "role",
    "data",
    "everyone",
    "panel",
    "interview",
    "offer",
    "next",
}
_NEEDS_ARTICLE = {
    "team",
    "company",
    "platform",
    "role",
    "bank",
    "group",
    "department",
    "panel",
    "interview",
    "offer",
}
_VERB_HINT = re.compile(
    r"\b(is|are|was|were|has|have|had|will|would|can|could|should|does|did|do)\b|\b\w+ed\b",
    re.IGNORECASE,
)


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
    zone = ZoneInfo(tz)
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
