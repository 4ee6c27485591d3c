"""The check run on every draft, generated or edited.

The chapter asks for specific, personal messages, and a person sends what reads
as a careful person wrote it. Each finding names what is wrong and how to fix it:
an empty phrase that gives no reason to reply, no reference to the conversation,
too long for its kind, a name or organization that is not the recipient's, a blank
or placeholder left unfilled, a sentence this person has already received or that
another letter of the same panel says too, the reader spoken of in the third
person, a verb that does not agree with "you", a sentence with no verb or with two
finite verbs in a row, a note that belongs to someone else, an internal label.
Grammar is read with lemminflect's tables (``compose.notes``); the check is measured
on a labelled set of drafts (docs/drafts.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from topofmind.compose.notes import (
    FINITE_ONLY,
    NOT_BEFORE_VERB,
    PREPOSITIONS,
    can_be_verb,
    finite_positions,
    is_third_singular,
    lemmas,
    only_verb,
    tokens,
)

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
#: A blank for the person to fill, as drafts mark it.
BLANK_OPEN, BLANK_CLOSE = "[[", "]]"
BLANK = re.compile(r"\[\[[^\]]*\]\]")

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
    for phrase in STOCK_LINES:
        if phrase in lowered and not any(
            phrase != other and phrase in other and other in lowered for other in STOCK_LINES
        ):
            found.append(
                Finding(
                    "stock-line",
                    f"'{phrase}' is a stock line that reads the same in every letter.",
                    "Say what draws you to this organization: its news, its work, what was said.",
                )
            )
    if facts.stage == "offer" and any(p in lowered for p in DECIDED):
        found.append(
            Finding(
                "after-the-offer",
                "They made their decision when they made the offer.",
                "Ask about the written offer or the next step instead.",
            )
        )
    if facts.relationship in {"colleague", "met"} and _STRANGER.search(body):
        found.append(
            Finding(
                "stranger",
                f"'{_STRANGER.search(body).group(0)}' introduces you to someone who knows you.",
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
    found.extend(_wrong_names(body, facts))
    found.extend(_repeated(body, facts.sent_before))
    found.extend(_shared(body, facts.panel_letters))
    found.extend(_third_person(body, facts))
    found.extend(_foreign(body, facts))
    found.extend(grammar(body))
    found.extend(answers(body, facts.kind))
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


def _letter_sentences(body: str) -> list[str]:
    """The sentences of the letter proper: no greeting, sign-off, name line or list item."""
    lines = [line.strip() for line in body.strip().splitlines()]
    if lines and _GREETING.match(lines[0]):
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


def _shared(body: str, letters: list[str]) -> list[Finding]:
    """Sentences another letter of the same panel says too (they compare notes)."""
    theirs = {_normal(s) for text in letters for s in _letter_sentences(text)}
    theirs = {s for s in theirs if len(s.split()) >= 5}
    found = []
    for sentence in _letter_sentences(body):
        normal = _normal(sentence)
        if len(normal.split()) < 5:
            continue
        if normal in theirs or any(fuzz.ratio(normal, t) >= 95 for t in theirs):
            found.append(
                Finding(
                    "shared",
                    f"Another letter after the same conversation says this too: '{sentence}'",
                    "Write each person their own sentence; a panel compares notes.",
                )
            )
    return found


def _third_person(body: str, facts: CheckFacts) -> list[Finding]:
    """The reader named, or spoken of as "she"/"he", in their own letter."""
    found = []
    names = {part for name in facts.recipients for part in name.split() if len(part) > 1}
    others = {part for name in facts.others for part in name.split() if len(part) > 1}
    names -= others
    previous = ""
    for sentence in _letter_sentences(body):
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


_CLAUSE_BREAK = frozenset(
    [
        "and",
        "or",
        "but",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "because",
        "while",
        "when",
        "where",
        "if",
        "so",
        "than",
        "as",
        "since",
        "whether",
        "although",
        "though",
        "how",
        "what",
        "why",
        "until",
        "unless",
        "after",
        "before",
    ]
)


def grammar(body: str) -> list[Finding]:
    """Sentences a careful person would not send: a verb that does not agree with "you",
    two finite verbs in a row in one clause, no verb at all."""
    found = []
    for sentence in _letter_sentences(body):
        words = [w for w in tokens(sentence) if w[:1].isalnum() or w in {",", ";", ":", "—", "–"}]
        problem = (
            _disagreement(words)
            or _two_finite(words)
            or _no_verb(sentence, words)
            or _capital_inside(words)
        )
        if problem:
            found.append(Finding("grammar", f"{problem}: '{sentence}'", "Rewrite the sentence."))
    return found


def _capital_inside(words: list[str]) -> str:
    """A verb pasted in with its capital: "it fits my goal to Lead a team"."""
    for i in range(1, len(words) - 1):
        before, word, after = words[i - 1], words[i], words[i + 1]
        if (
            before.lower() == "to"
            and word[:1].isupper()
            and word[1:].islower()
            and "VERB" in lemmas(word.lower())
            and after[:1].islower()
        ):
            return f"'to {word}' has a capital inside the sentence"
    return ""


def _disagreement(words: list[str]) -> str:
    for i, word in enumerate(words[:-1]):
        if word.lower() != "you":
            continue
        j = i + 1
        while j < len(words) and words[j].lower() in {
            "also",
            "really",
            "still",
            "already",
            "often",
            "never",
            "always",
        }:
            j += 1
        if j >= len(words):
            continue
        nxt = words[j]
        if nxt.lower() in {"is", "was", "has", "does", "isn't", "wasn't", "hasn't", "doesn't"}:
            return f"'you {nxt}' does not agree"
        if is_third_singular(nxt) and only_verb(nxt):
            return f"'you {nxt}' does not agree"
    return ""


def _two_finite(words: list[str]) -> str:
    clause: list[str] = []
    for word in [*words, ","]:
        if word in {",", ";", ":", "—", "–"} or word.lower() in _CLAUSE_BREAK:
            positions = finite_positions(clause)
            for a, b in zip(positions, positions[1:], strict=False):
                first, second = clause[a].lower(), clause[b].lower()
                if b == a + 1 and second not in FINITE_ONLY - {"do", "did", "does"}:
                    if first in {
                        "do",
                        "does",
                        "did",
                        "will",
                        "would",
                        "can",
                        "could",
                        "shall",
                        "should",
                        "may",
                        "might",
                        "must",
                        "won't",
                        "can't",
                    } or (
                        first.endswith("n't")
                        and first not in {"isn't", "aren't", "wasn't", "weren't"}
                    ):
                        continue  # "can help", "did not"
                    if first in {"is", "are", "was", "were", "has", "have", "had", "am"} and not (
                        is_third_singular(second) and only_verb(second)
                    ):
                        continue  # "is moved", "has led"
                    if second not in FINITE_ONLY and not is_third_singular(second):
                        continue  # "everything I heard made ...": a clause inside
                    return f"two verbs in a row ('{clause[a]} {clause[b]}')"
                before = clause[b - 1]
                if (
                    first in {"is", "are", "was", "were", "am"}
                    and is_third_singular(second)
                    and second not in FINITE_ONLY
                    and before.lower() not in NOT_BEFORE_VERB
                    and before[:1].islower()
                    and b + 1 < len(clause)
                    and not any(w.lower() in PREPOSITIONS for w in clause[a + 1 : b])
                ):
                    return f"two finite verbs in one clause ('{clause[a]} … {clause[b]}')"
            clause = []
        else:
            clause.append(word)
    return ""


def _no_verb(sentence: str, words: list[str]) -> str:
    alpha = [w for w in words if w[:1].isalpha()]
    if len(alpha) < 3 or sentence.rstrip().endswith((":", "?")):
        return ""
    for i, word in enumerate(alpha):
        if word[:1].isupper() and i > 0 and word != "I":
            continue
        if not can_be_verb(word) or word.lower().endswith("ing"):
            continue  # "Eight years building data platforms": no finite verb
        before = alpha[i - 1].lower() if i else ""
        found = lemmas(word.lower())
        if "NOUN" in found and (before in NOT_BEFORE_VERB or _adjective(before)):
            continue  # "great questions": a noun
        return ""
    return "no verb"


def _adjective(word: str) -> bool:
    found = lemmas(word)
    return bool(found) and "ADJ" in found and "VERB" not in found


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
    if _PRONOUN_CLASH.search(body):
        found.append(
            Finding(
                "grammar",
                f"'{_PRONOUN_CLASH.search(body).group(0)}' repeats the request in its words.",
                "Say it from your side, or just answer.",
            )
        )
    if kind == "respond-promptly" and _PROMISE.search(body):
        found.append(
            Finding(
                "no-answer",
                f"'{_PROMISE.search(body).group(0)}' promises the answer instead of giving it.",
                "Give it now: the times, the references, the file; or leave a [[blank]] to fill.",
            )
        )
    return found
