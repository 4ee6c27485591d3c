"""The check run on every draft, generated or edited.

The chapter asks for specific, personal messages, and a person sends what reads
as a careful person wrote it. Each finding names what is wrong and how to fix it:
an empty phrase that gives no reason to reply, no reference to the conversation,
too long for its kind, a name or organization that is not the recipient's, a blank
or placeholder left unfilled, a sentence this person has already received or that
another letter of the same panel says too, the reader spoken of in the third
person, a verb that does not agree with "you", a sentence with no verb or with two
finite verbs in a row, a note that belongs to someone else, an internal label.
Grammar is read with lemminflect's tables (``compose.word_forms``); the check is
measured on a labelled set of drafts (docs/drafts.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from topofmind.compose.check_text import (
    BLANK,
    GREETING,
    Finding,
    letter_sentences,
    normalized,
    references,
    sentences,
    significant,
)
from topofmind.compose.draft_records import INFORMATIONAL_NUDGE, STAY_CONNECTED
from topofmind.compose.grammar import grammar
from topofmind.compose.word_forms import tokens
from topofmind.domain import rule_names

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
    "i hope you are well",
    "i hope you're well",
    "i hope this message finds you well",
    "i wanted to reach out",
    "i am reaching out",
    "i'm reaching out",
    "i am writing to",
    "please do not hesitate",
    "please don't hesitate",
    "at your earliest convenience",
    "as per",
    "kindly",
    "thanks in advance",
    "i look forward to hearing from you at your",
    "any updates",
    "any update on",
)

#: Stock lines that read the same in every letter, whoever it goes to.
STOCK_LINES = (
    "it fits my goal to",
    "fits my goal to",
    "i'm glad to help move things forward",
    "i remain very interested in the",
)
#: Said at the offer stage, these ask about a decision they have already made.
DECIDED = ("your decision", "help your decision")

#: A self-introduction, which someone who knows you does not need.
_STRANGER = re.compile(r"\b(?:I'm|I am|My name is) [A-Z][a-z]+ [A-Z][a-z]+\b")

#: Internal labels that must never reach a letter (the record's words, not a person's).
LABELS = re.compile(
    r"(?:^|(?<=[.!?]\s)|\n)\s*(?:one thing i wish i had covered|wish(?:es)? i had covered|"
    r"talking points?|wish(?:es)?|notes?|points?|evidence|goal|achievement|news item|"
    r"request|action|why now|due|reason|accomplishment|built from|relationship)\s*:",
    re.IGNORECASE,
)

#: The most words (characters for a LinkedIn note) a draft of each kind should have.
WORD_LIMITS = {
    rule_names.THANK_YOU: 220,
    rule_names.RESPOND_PROMPTLY: 150,
    rule_names.PERIODIC_UPDATE: 170,
    rule_names.SUPPLEMENTARY_INFO: 160,
    rule_names.CHECK_IN: 150,
    rule_names.INFORMATIONAL_INTERVIEW: 170,
    INFORMATIONAL_NUDGE: 90,
    rule_names.EVENT: 160,
    rule_names.CLOSE_THE_LOOP: 150,
    STAY_CONNECTED: 130,
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
    #: Names of the other people of the conversation (who may be named, as themselves).
    others: list[str] = field(default_factory=list)
    #: Notes that belong to someone else of the conversation.
    foreign_notes: list[str] = field(default_factory=list)
    #: Bodies of the other letters after the same conversation.
    panel_letters: list[str] = field(default_factory=list)
    #: The opportunity's stage ("offer", ...), or "".
    stage: str = ""
    #: How the person knows the reader: "colleague", "met", "referred" or "".
    relationship: str = ""


def check_draft(subject: str, body: str, facts: CheckFacts) -> list[Finding]:
    """Every reason this draft is not yet specific and personal, each with its fix."""
    text = f"{subject}\n{body}"
    lowered = " ".join(text.lower().split())
    return [
        *_stock_phrases(lowered),
        *_out_of_place(body, lowered, facts),
        *_too_long(body, facts),
        *_unfilled(text, body),
        *_wrong_names(body, facts),
        *_repeated(body, facts.sent_before),
        *_shared(body, facts.panel_letters),
        *_third_person(body, facts),
        *_foreign(body, facts),
        *grammar(body),
        *answers(body, facts.kind),
    ]


def _said(lowered: str, phrases: tuple[str, ...]) -> list[str]:
    """The phrases the text says, each only where no longer phrase that holds it is said."""
    return [
        phrase
        for phrase in phrases
        if phrase in lowered
        and not any(phrase != other and phrase in other and other in lowered for other in phrases)
    ]


def _stock_phrases(lowered: str) -> list[Finding]:
    """Empty phrases that give no reason to reply, and stock lines that fit any letter."""
    empty = [
        Finding(
            "empty-phrase",
            f"'{phrase}' gives no reason to reply.",
            "Say why you write instead: a point from your conversation, news, or a question.",
        )
        for phrase in _said(lowered, EMPTY_PHRASES)
    ]
    stock = [
        Finding(
            "stock-line",
            f"'{phrase}' is a stock line that reads the same in every letter.",
            "Say what draws you to this organization: its news, its work, what was said.",
        )
        for phrase in _said(lowered, STOCK_LINES)
    ]
    return empty + stock


def _out_of_place(body: str, lowered: str, facts: CheckFacts) -> list[Finding]:
    """What does not fit where the reader stands: a decision already made, an introduction
    to someone who knows you, a letter that forgets the conversation it follows."""
    found = []
    if facts.stage == "offer" and any(p in lowered for p in DECIDED):
        found.append(
            Finding(
                "after-the-offer",
                "They made their decision when they made the offer.",
                "Ask about the written offer or the next step instead.",
            )
        )
    stranger = _STRANGER.search(body)
    if facts.relationship in {"colleague", "met"} and stranger:
        found.append(
            Finding(
                "stranger",
                f"'{stranger.group(0)}' introduces you to someone who knows you.",
                "Open with how you know each other.",
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
    return found


def _too_long(body: str, facts: CheckFacts) -> list[Finding]:
    if facts.kind == rule_names.CONNECT:
        if len(body) <= CONNECT_CHARACTERS:
            return []
        return [
            Finding(
                "too-long",
                f"The note has {len(body)} characters; LinkedIn allows {CONNECT_CHARACTERS}.",
                "Cut it to one specific line and your name.",
            )
        ]
    limit = WORD_LIMITS.get(facts.kind, DEFAULT_WORD_LIMIT)
    words = len(body.split())
    if words <= limit:
        return []
    return [
        Finding(
            "too-long",
            f"The draft has {words} words; a {facts.kind} note reads best under {limit}.",
            "Keep one point, one reason and one ask.",
        )
    ]


def _unfilled(text: str, body: str) -> list[Finding]:
    """Blanks and placeholders left to fill, and the record's labels."""
    found = []
    for match in _PLACEHOLDER.finditer(text):
        if BLANK.fullmatch(match.group(0)):
            found.append(
                Finding(
                    "blank",
                    f"'{match.group(0)}' is a blank left to fill.",
                    "Write in what it asks for, or take the line out.",
                )
            )
            continue
        found.append(
            Finding(
                "placeholder",
                f"'{match.group(0)}' is a placeholder left unfilled.",
                "Replace it with the real text or remove it.",
            )
        )
    for match in LABELS.finditer(body):
        found.append(
            Finding(
                "label",
                f"'{match.group(0).strip()}' is a label, not something a person writes.",
                "Say it as a sentence of your own.",
            )
        )
    return found


def _wrong_names(body: str, facts: CheckFacts) -> list[Finding]:
    found = []
    first_line = body.strip().splitlines()[0] if body.strip() else ""
    greeting = GREETING.match(first_line)
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
    """Sentences these people already received."""
    return [
        Finding(
            "repeated",
            f"They already received this sentence: '{sentence}'",
            "Say it differently, or say something new.",
        )
        for sentence in _said_before(sentences(body), sent_before, sentences, 6)
    ]


def _shared(body: str, letters: list[str]) -> list[Finding]:
    """Sentences another letter of the same panel says too (they compare notes)."""
    return [
        Finding(
            "shared",
            f"Another letter after the same conversation says this too: '{sentence}'",
            "Write each person their own sentence; a panel compares notes.",
        )
        for sentence in _said_before(letter_sentences(body), letters, letter_sentences, 5)
    ]


def _said_before(
    mine: list[str], others: list[str], cut: Callable[[str], list[str]], shortest: int
) -> list[str]:
    """My sentences of ``shortest`` words or more that the other texts (cut into sentences
    by ``cut``) say too, word for word or nearly."""
    theirs = {normalized(s) for text in others for s in cut(text)}
    theirs = {s for s in theirs if len(s.split()) >= shortest}
    said = []
    for sentence in mine:
        normal = normalized(sentence)
        if len(normal.split()) < shortest:
            continue
        if normal in theirs or any(fuzz.ratio(normal, t) >= 95 for t in theirs):
            said.append(sentence)
    return said


def _third_person(body: str, facts: CheckFacts) -> list[Finding]:
    """The reader named, or spoken of as "she"/"he", in their own letter."""
    found = []
    names = {part for name in facts.recipients for part in name.split() if len(part) > 1}
    others = {part for name in facts.others for part in name.split() if len(part) > 1}
    names -= others
    previous = ""
    for sentence in letter_sentences(body):
        words = tokens(sentence)
        named = [w for w in words if re.sub(r"['’]s$", "", w) in names]
        if named and len(facts.recipients) == 1:
            found.append(
                Finding(
                    "third-person",
                    f"The letter speaks of its reader by name: '{sentence}'",
                    "They are 'you' in their own letter.",
                )
            )
        elif re.search(r"\b(she|he|her|him|his|herself|himself)\b", sentence, re.IGNORECASE):
            context = previous + " " + sentence
            if not any(o in context for o in others) and len(facts.recipients) == 1:
                found.append(
                    Finding(
                        "third-person",
                        f"'she', 'he' or 'her' here can only mean the reader: '{sentence}'",
                        "Speak to them: 'you', 'your'.",
                    )
                )
        previous = sentence
    return found


def _foreign(body: str, facts: CheckFacts) -> list[Finding]:
    found = []
    words = significant(body)
    for note in facts.foreign_notes:
        wanted = significant(note)
        shared = len(wanted & words)
        if wanted and shared >= min(3, len(wanted)) and shared / len(wanted) >= 0.6:
            found.append(
                Finding(
                    "someone-elses-note",
                    f"The letter uses a note that belongs to someone else: '{note}'",
                    "Keep it for their letter.",
                )
            )
    return found


_PRONOUN_CLASH = re.compile(r"\b(me|you) to \w+ (?:\w+ )?\1\b", re.IGNORECASE)
_PROMISE = re.compile(
    r"\bI will (?:do so|send (?:it|them)|come back to you|get back to you|follow up)\b"
    r"|\byou will have (?:it|them)\b",
    re.IGNORECASE,
)


def answers(body: str, kind: str) -> list[Finding]:
    """A reply that promises the answer instead of giving it, or repeats the request back
    ("You asked me to send me ...")."""
    found = []
    clash = _PRONOUN_CLASH.search(body)
    if clash:
        found.append(
            Finding(
                "grammar",
                f"'{clash.group(0)}' repeats the request in its words.",
                "Say it from your side, or just answer.",
            )
        )
    promise = _PROMISE.search(body)
    if kind == rule_names.RESPOND_PROMPTLY and promise:
        found.append(
            Finding(
                "no-answer",
                f"'{promise.group(0)}' promises the answer instead of giving it.",
                "Give it now: the times, the references, the file; or leave a [[blank]] to fill.",
            )
        )
    return found
