"""Jotted fragments said in full: a leading common word lowered ("The team" -> "the
team"), a bare countable noun given its article, a note that starts with a verb turned
to a gerund phrase, and a noun phrase jotted without its "is" or "are" given it
("start date flexible" -> "the start date is flexible"). ``compose.notes`` sets them
in its frames.
"""

from __future__ import annotations

import re

from topofmind.compose.word_forms import gerund, lemmas

#: Words that open a noun phrase already determined.
DETERMINERS = frozenset(["the", "a", "an", "their", "our", "its", "every", "each", "all"])
#: Words at the start of a note that are common words (lower-cased inside a sentence).
_COMMON_FIRST = frozenset(
    [
        "they",
        "we",
        "he",
        "she",
        "the",
        "a",
        "an",
        "our",
        "their",
        "your",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "there",
        "both",
        "each",
        "most",
        "some",
        "all",
        "every",
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
        "new",
        "more",
        "less",
    ]
)


def lower_first(text: str) -> str:
    """Lower-case a leading common word ("The team" -> "the team"), never a name; a bare
    countable noun gets its article ("Team is moving" -> "the team is moving")."""
    first = text.split()[0] if text.split() else ""
    if first.lower() in _COMMON_FIRST and first[:1].isupper():
        text = text[0].lower() + text[1:]
    if first.lower() in NEEDS_ARTICLE:
        text = "the " + text
    return text


NEEDS_ARTICLE = frozenset(
    [
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
        "process",
    ]
)


def as_gerund(text: str) -> str | None:
    """A note that starts with a verb, as a gerund phrase ("walked through X" ->
    "walking through X"); None if its first word is not a verb."""
    first, _, rest = text.partition(" ")
    form = gerund(first)
    if form is None:
        return None
    return f"{form} {rest}".strip()


#: Adverbs that open a jotted predicate ("offer decisions usually within a week").
_FREQUENCY = frozenset(
    ["usually", "often", "typically", "always", "generally", "normally", "mostly", "still"]
)
#: Adverbs of degree before an adjective ("hiring manager very technical").
_DEGREE = frozenset(["very", "fully", "fairly", "quite", "entirely", "largely", "highly"])


def with_copula(text: str) -> str | None:
    """A jotted fragment that leaves out "is" or "are" said in full: a noun phrase, then
    an adjective ("start date flexible" -> "the start date is flexible") or an adverb of
    frequency and what follows ("offer decisions usually within a week" -> "offer
    decisions are usually within a week"); None for any other note."""
    words = text.split()
    if not 2 <= len(words) <= 12 or any(not re.fullmatch(r"[A-Za-z-]+", w) for w in words[:4]):
        return None
    for k in range(1, min(len(words), 4)):
        head, word = words[k - 1].lower(), words[k].lower()
        if not all("NOUN" in lemmas(w) for w in words[:k]):
            return None
        found = lemmas(word)
        after = lemmas(words[k + 1]) if k + 1 < len(words) else {}
        predicate = (
            (
                "ADJ" in found
                and "VERB" not in found
                and ("NOUN" not in found or k + 1 == len(words))
            )
            or (word in _FREQUENCY and k + 1 < len(words))
            or (word in _DEGREE and "ADJ" in after and "VERB" not in after)
        )
        if not predicate:
            continue
        nouns = lemmas(head).get("NOUN", ())
        plural = bool(nouns) and head not in nouns
        subject = " ".join(words[:k])
        if not plural and words[0].lower() not in DETERMINERS and words[0][:1].islower():
            subject = "the " + subject
        rest = " ".join(words[k:])
        return f"{subject} {'are' if plural else 'is'} {rest}"
    return None
