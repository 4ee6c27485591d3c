"""How moments read in a why-now sentence: "19 h ago", "by 15:00 tomorrow", "by Fri 17:30".

Relative words depend on ``now``, which the caller passes in; nothing reads the clock.
"""

from __future__ import annotations

import re
from datetime import datetime

from topofmind.domain.enums import InteractionKind
from topofmind.domain.facts import Conversation, Facts
from topofmind.domain.moment_words import clock_words_in, day_words_at
from topofmind.domain.records import Profile
from topofmind.playbook.timing import local


def ago(moment: datetime, now: datetime) -> str:
    """How long ago, in the largest unit that reads naturally.

    Days are rounded, not cut: an interview on Friday afternoon ended "3 days ago" on
    Monday morning, as a person would count it, not "2 days ago".
    """
    seconds = (now - moment).total_seconds()
    future = seconds < 0
    seconds = abs(seconds)
    if seconds < 3600:
        text = f"{max(int(seconds // 60), 1)} min"
    elif seconds < 48 * 3600:
        text = f"{int(seconds // 3600)} h"
    else:
        text = f"{int((seconds + 43200) // 86400)} days"
    return f"in {text}" if future else f"{text} ago"


def day_words(moment: datetime, now: datetime, profile: Profile) -> str:
    """The day of ``moment`` as a person says it: today, tomorrow, Friday, 3 Dec."""
    here, today = local(moment, profile), local(now, profile).date()
    return day_words_at(here, (here.date() - today).days)


def clock_words(moment: datetime, now: datetime, profile: Profile) -> str:
    """ "15:00 tomorrow", "Friday 17:30", "3 Dec 09:00"."""
    return clock_words_in(moment, now, profile.timezone)


def due_words(due: datetime, now: datetime, profile: Profile) -> str:
    """ "due by 15:00 tomorrow", or "was due 15:00 yesterday" once past."""
    if due < now:
        return f"overdue since {clock_words(due, now, profile)}"
    return f"due by {clock_words(due, now, profile)}"


def names(items: list[str]) -> str:
    """ "Dana", "Dana and Sam", "Dana, Sam and Priya"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def quote(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def conversation_words(conversation: Conversation, facts: Facts) -> tuple[str, str]:
    """What to call a conversation, and where it was: ("interview", ""), or for a
    conversation at an event ("conversation", " at Lumen Bank Tech Meetup"), the event
    being the one going on then, else (" at an event")."""
    if conversation.kind is not InteractionKind.EVENT_CONVERSATION:
        return conversation.kind.label, ""
    event = facts.event_during(conversation.at)
    return "conversation", f" at {event.title}" if event else " at an event"


#: Verbs a request starts with once its polite opening is gone ("send two references"):
#: someone asked you *to* do that.
REQUEST_VERBS = frozenset(
    {
        "send", "share", "provide", "confirm", "schedule", "complete", "fill", "book",
        "review", "sign", "return", "submit", "give", "forward", "let", "pick", "choose",
        "select", "reply", "respond", "get", "tell", "prepare", "bring", "call", "email",
        "update", "check", "introduce", "connect", "upload", "attach", "write", "join",
        "set", "arrange", "propose", "suggest", "think", "take", "finish", "do", "make",
    }
)  # fmt: skip
#: "Could you", "Would you please", "Please", "Kindly": the polite opening of an ask.
#: Common words a request for a thing may start with ("Your salary expectations").
_THING_STARTS = frozenset(
    {"your", "the", "a", "an", "some", "any", "more", "two", "three", "copies"}
)
_LET_ME = re.compile(r"^let me\b", re.I)
_POLITE = re.compile(r"^(?:(?:could|can|would|will) you(?: please)?|please|kindly)[,\s]+", re.I)


def asked(text: str) -> tuple[str, str]:
    """What someone asked of you, as ("to", "send two references"), ("for", "two
    references") or ("question", "What is your notice period?"): a request typed as a
    verb, as a thing, or quoted from a message as a question ("Could you send over two
    references by Wednesday?" is ("to", "send over two references by Wednesday"))."""
    said = " ".join(text.split())
    plain = _POLITE.sub("", said)
    first = plain.split()[0].lower() if plain.split() else ""
    if first in REQUEST_VERBS:
        return "to", plain[0].lower() + plain[1:].rstrip(" .?!")
    if said.endswith("?"):
        return "question", said
    if first in _THING_STARTS:  # "Your salary expectations": not a name, so lower-cased
        said = said[0].lower() + said[1:]
    return "for", said.rstrip(" .")


def asked_words(text: str, limit: int = 60) -> str:
    """After "Dana asked you": "to send two references", "for two references", or the
    question in quotes; "let me know" becomes "let them know"."""
    how, what = asked(text)
    what = quote(what, limit)
    if how == "question":
        return f'"{what}"'
    return f"{how} {_LET_ME.sub('let them', what)}"
