"""How the check reads a letter: its sentences without greeting or sign-off, the words
that carry meaning, the blanks left to fill, and what a finding is."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A blank for the person to fill, as drafts mark it.
BLANK_OPEN, BLANK_CLOSE = "[[", "]]"
BLANK = re.compile(r"\[\[[^\]]*\]\]")

GREETING = re.compile(
    r"^\s*(?:hi|hello|dear|hey|good (?:morning|afternoon|evening))\s+([^,\n!:]+)", re.IGNORECASE
)
_WORD = re.compile(r"[a-z0-9][a-z0-9'\-]*", re.IGNORECASE)
_MINOR = frozenset(
    [
        "about",
        "after",
        "again",
        "also",
        "and",
        "are",
        "been",
        "but",
        "for",
        "from",
        "had",
        "has",
        "have",
        "her",
        "his",
        "into",
        "its",
        "more",
        "most",
        "not",
        "our",
        "out",
        "she",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "very",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "will",
        "with",
        "would",
        "your",
        "you",
    ]
)


@dataclass
class Finding:
    code: str
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.message} {self.fix}"


def blank_segments(text: str) -> list[tuple[str, bool]]:
    """The text cut into (piece, is_blank) in order, so an editor can highlight each
    ``[[...]]`` blank left to fill."""
    out: list[tuple[str, bool]] = []
    at = 0
    for match in BLANK.finditer(text):
        if match.start() > at:
            out.append((text[at : match.start()], False))
        out.append((match.group(0), True))
        at = match.end()
    if at < len(text):
        out.append((text[at:], False))
    return out


def significant(text: str) -> set[str]:
    """The words that carry meaning, a plural or third-person "s" taken off ("loves" is
    "love"), so a note turned to its reader still matches it."""
    return {_stem(w.lower()) for w in _WORD.findall(text) if len(w) > 3 and w.lower() not in _MINOR}


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def references(body: str, notes: list[str]) -> bool:
    """Whether the body refers to at least one of the notes (most of its key words)."""
    words = significant(body)
    if not any(significant(note.partition(":")[2] or note) for note in notes):
        return True  # nothing to look for ("dbt")
    for note in notes:
        wanted = significant(note.partition(":")[2] or note)
        if not wanted:
            continue
        shared = len(wanted & words)
        if shared >= min(2, len(wanted)) and shared / len(wanted) >= 0.5:
            return True
    return False


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [p.strip() for p in parts if p.strip()]


def normalized(sentence: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(sentence))


def letter_sentences(body: str) -> list[str]:
    """The sentences of the letter proper: no greeting, sign-off, name line or list item."""
    lines = [line.strip() for line in body.strip().splitlines()]
    if lines and GREETING.match(lines[0]):
        rest = lines[0].partition(",")[2].strip()  # a LinkedIn note is one line
        rest = re.sub(r"\s*[–—-]\s*[A-Z][\w.'-]*$", "", rest)
        lines = ([rest[0].upper() + rest[1:]] if rest else []) + lines[1:]
    kept: list[str] = []
    for line in lines:
        if not line or line.startswith(("-", "•", "*")) or BLANK.fullmatch(line):
            continue
        if re.fullmatch(r"[–—-]?\s*[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}", line):
            continue  # a name alone: the signature
        if _SIGN_OFF.match(line):
            continue
        kept.append(line)
    return sentences("\n".join(kept))


_SIGN_OFF = re.compile(
    r"^(?:best|kind|warm|many)?\s*(?:regards|wishes|thanks|thank you|best|cheers|sincerely)"
    r"\s*,?\s*(?:[–—-].*)?$",
    re.IGNORECASE,
)
