"""The personalization check run on every draft, generated or edited.

The chapter asks for specific, personal messages. Each finding names what would
make the message generic or wrong and says how to fix it: an empty phrase that
gives no reason to reply, no reference to the conversation, too long for its kind,
a name or organization that is not the recipient's, a placeholder left unfilled,
a sentence this person has already received.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

#: Phrases that carry no reason to reply (widely advised against).
EMPTY_PHRASES = (
    "just checking in",
    "checking in",
    "touching base",
    "touch base",
    "circling back",
    "circle back",
    "just following up",
    "just wanted to follow up",
    "bumping this",
    "per my last email",
    "i hope this email finds you well",
    "i hope this finds you well",
    "hope this email finds you well",
)

#: The most words (characters for a LinkedIn note) a draft of each kind should have.
WORD_LIMITS = {
    "thank-you": 220,
    "respond-promptly": 150,
    "periodic-update": 170,
    "supplementary-info": 160,
    "check-in": 150,
    "informational-interview": 170,
    "informational-nudge": 90,
    "event": 160,
    "close-the-loop": 150,
    "stay-connected": 130,
}
DEFAULT_WORD_LIMIT = 200
#: LinkedIn's limit on a connection request's note.
CONNECT_CHARACTERS = 300

_PLACEHOLDER = re.compile(
    r"\[\[[^\]]*\]\]|\{\{[^}]*\}\}|\{%|%\}"
    r"|\[(?:your |their |first |last |company |job )?"
    r"(?:name|company|organi[sz]ation|title|role|date|position|x+)\]"
    r"|<(?:name|company|title)>|\bTODO\b|\bXXX+\b|\bTBD\b",
    re.IGNORECASE,
)
_GREETING = re.compile(
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


@dataclass
class CheckFacts:
    """What the check compares a draft against, gathered from the record."""

    kind: str
    #: Full names of the people it goes to.
    recipients: list[str] = field(default_factory=list)
    #: Organizations the draft may name: the recipients' and the opportunity's.
    allowed_organizations: list[str] = field(default_factory=list)
    #: Every other organization in the record.
    other_organizations: list[str] = field(default_factory=list)
    #: What was recorded from the last conversation with them (points, else its summary).
    conversation: list[str] = field(default_factory=list)
    #: Bodies already sent to them.
    sent_before: list[str] = field(default_factory=list)


def significant(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 3 and w.lower() not in _MINOR}


def references(body: str, notes: list[str]) -> bool:
    """Whether the body refers to at least one of the notes (most of its key words)."""
    words = significant(body)
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


def _normal(sentence: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(sentence))


def check_draft(subject: str, body: str, facts: CheckFacts) -> list[Finding]:
    """Every reason this draft is not yet specific and personal, each with its fix."""
    found: list[Finding] = []
    text = f"{subject}\n{body}"
    lowered = " ".join(text.lower().split())
    for phrase in EMPTY_PHRASES:
        if phrase in lowered and not any(
            phrase != other and phrase in other and other in lowered for other in EMPTY_PHRASES
        ):
            found.append(
                Finding(
                    "empty-phrase",
                    f"'{phrase}' gives no reason to reply.",
                    "Say why you write instead: a point from your conversation, news, "
                    "or a question.",
                )
            )
    if facts.conversation and not references(body, facts.conversation):
        found.append(
            Finding(
                "no-reference",
                "The draft does not mention anything from your last conversation.",
                f"Refer to something you discussed, e.g. '{facts.conversation[0]}'.",
            )
        )
    if facts.kind == "connect":
        if len(body) > CONNECT_CHARACTERS:
            found.append(
                Finding(
                    "too-long",
                    f"The note has {len(body)} characters; LinkedIn allows {CONNECT_CHARACTERS}.",
                    "Cut it to one specific line and your name.",
                )
            )
    else:
        limit = WORD_LIMITS.get(facts.kind, DEFAULT_WORD_LIMIT)
        words = len(body.split())
        if words > limit:
            found.append(
                Finding(
                    "too-long",
                    f"The draft has {words} words; a {facts.kind} note reads best under {limit}.",
                    "Keep one point, one reason and one ask.",
                )
            )
    for match in _PLACEHOLDER.finditer(text):
        found.append(
            Finding(
                "placeholder",
                f"'{match.group(0)}' is a placeholder left unfilled.",
                "Replace it with the real text or remove it.",
            )
        )
    found.extend(_wrong_names(body, facts))
    found.extend(_repeated(body, facts.sent_before))
    return found


def _wrong_names(body: str, facts: CheckFacts) -> list[Finding]:
    found = []
    first_line = body.strip().splitlines()[0] if body.strip() else ""
    greeting = _GREETING.match(first_line)
    if greeting and facts.recipients:
        allowed = {part.lower() for name in facts.recipients for part in name.split()}
        allowed |= {name.lower() for name in facts.recipients}
        named = [
            n.strip()
            for n in re.split(r",|\band\b|&", greeting.group(1))
            if n.strip() and n.strip().lower() not in {"there", "all", "team", "everyone"}
        ]
        for name in named:
            if not all(part.lower() in allowed for part in name.split()):
                found.append(
                    Finding(
                        "wrong-name",
                        f"The greeting names '{name}' but this goes to "
                        f"{', '.join(facts.recipients)}.",
                        "Greet the person it goes to.",
                    )
                )
    allowed_orgs = {o.lower() for o in facts.allowed_organizations}
    for org in facts.other_organizations:
        if org.lower() in allowed_orgs:
            continue
        if re.search(rf"(?<!\w){re.escape(org)}(?!\w)", body, re.IGNORECASE):
            where = ", ".join(facts.allowed_organizations) or "another organization"
            found.append(
                Finding(
                    "wrong-organization",
                    f"The draft names {org}, but it goes to {where}.",
                    f"Replace {org} with the right organization.",
                )
            )
    return found


def _repeated(body: str, sent_before: list[str]) -> list[Finding]:
    earlier = {_normal(s) for text in sent_before for s in sentences(text)}
    earlier = {s for s in earlier if len(s.split()) >= 6}
    found = []
    for sentence in sentences(body):
        normal = _normal(sentence)
        if len(normal.split()) < 6:
            continue
        if normal in earlier or any(fuzz.ratio(normal, e) >= 95 for e in earlier):
            found.append(
                Finding(
                    "repeated",
                    f"They already received this sentence: '{sentence}'",
                    "Say it differently, or say something new.",
                )
            )
    return found
