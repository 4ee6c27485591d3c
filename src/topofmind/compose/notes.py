"""Talking points as jotted, read for whom they concern and turned into sentences.

People jot notes every way: "Dana: data quality is her top worry", "she maintains
their Airflow operator library", "Marcus wants me to own the migration first",
"walked through the design", "late-arriving claims data breaks month-end
dashboards", "on-call rotation?", "Kafka, Flink, dbt". A letter speaks to its
reader, so a note about the reader is turned to the second person ("you maintain"),
with verb agreement taken from lemminflect (English lemma and inflection tables
that ship inside the package: nothing is downloaded). A note that cannot be turned
safely is set in a frame that fits its shape (a clause, a phrase, a question), never
spliced where it would need a grammatical form it may not have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from topofmind.compose.fragments import (
    DETERMINERS,
    NEEDS_ARTICLE,
    as_gerund,
    lower_first,
    with_copula,
)
from topofmind.compose.word_forms import (
    FINITE_ONLY,
    NOT_BEFORE_VERB,
    can_be_verb,
    finite_positions,
    gerund,
    getInflection,
    is_past,
    is_third_singular,
    lemmas,
    only_verb,
    to_you,
    tokens,
)

_SUBJECT_PRONOUNS = {"she", "he"}


# -- reading a note ------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """One talking point: whose it is and its shape, ready to be set in a sentence."""

    #: As jotted, without its "Name:" marker.
    text: str
    #: First name of the person it concerns (marked "Name: ..." or naming them), or "".
    owner: str = ""
    #: "reader" (they are its subject), "clause", "question", "action" (starts with a
    #: verb, subject unsaid), "phrase" (no verb), or "pronoun" (she/he with no owner).
    shape: str = "phrase"

    @property
    def about_someone(self) -> bool:
        return bool(self.owner)


def split_notes(points: list[str]) -> list[str]:
    """Points split at semicolons, so each part stands in its own sentence; a part without
    a "Name:" marker keeps the marker of the point it came from."""
    out = []
    for point in points:
        parts = [part.strip() for part in point.split(";") if part.strip()]
        marker = ""
        parts = [piece for part in parts for piece in _clauses(part)]
        for part in parts:
            head, sep, rest = part.partition(":")
            if sep and _looks_like_name(head) and rest.strip():
                marker = head.strip()
                out.append(part)
            elif marker:
                out.append(f"{marker}: {part}")
            else:
                out.append(part)
    return out


def _clauses(part: str) -> list[str]:
    """A note split before ", wants ..." (a verb whose subject is the note's person)."""
    pieces = part.split(", ")
    out = [pieces[0]]
    for piece in pieces[1:]:
        first = piece.split()[0] if piece.split() else ""
        if first and (is_third_singular(first) or is_past(first)) and only_verb(first):
            out.append(piece)
        else:
            out[-1] += ", " + piece
    return out


def _looks_like_name(head: str) -> bool:
    words = head.split()
    return 0 < len(words) <= 3 and all(w[:1].isupper() for w in words)


def read_note(point: str, people: list[str]) -> Note:
    """Whose the note is (among ``people``, first names) and what shape it has."""
    text, owner = _marked(point.strip().rstrip(".").strip(), people)
    words = tokens(text)
    if not words:
        return Note(text, owner, "phrase")
    if not owner:
        owner = next((p for p in people if re.search(rf"\b{re.escape(p)}\b", text)), "")
    return Note(text, owner, _shape(text, words, owner))


def _marked(text: str, people: list[str]) -> tuple[str, str]:
    """The note without a "Name:" it opens with, and whose that name says it is."""
    head, sep, rest = text.partition(":")
    if sep and _looks_like_name(head) and rest.strip():
        owner = next((p for p in people if p.lower() in head.lower().split()), head.split()[0])
        return rest.strip(), owner
    return text, ""


def _shape(text: str, words: list[str], owner: str) -> str:
    """A question, an action, a sentence about the reader, a clause or a phrase."""
    if text.endswith("?"):
        return "question"
    first = words[0]
    second = words[1] if len(words) > 1 else ""
    if (
        first.lower().endswith("ing")
        and gerund(first) == first.lower()
        and second.lower() in NOT_BEFORE_VERB | {"me", "us", "them", "you"}
    ):
        return "action"  # "working on fraud models"
    subject = first.lower() in _SUBJECT_PRONOUNS or (owner and first == owner)
    if subject and second and (can_be_verb(second) or second.lower() in FINITE_ONLY):
        return "reader" if owner or first.lower() in _SUBJECT_PRONOUNS else ""
    verb_first = (is_third_singular(first) or is_past(first)) and not first[0].isupper()
    if only_verb(first) or (owner and verb_first):
        return "action"
    if any(_surely_finite(words, i) for i in finite_positions(words)):
        return "clause"
    return "phrase"


def _surely_finite(words: list[str], i: int) -> bool:
    """A finite verb beyond doubt: an auxiliary, or a form that is nothing but a verb
    ("breaks" may be a noun, "shared" a participle: "rotation shared with analytics")."""
    word = words[i].lower()
    if word in FINITE_ONLY:
        return True
    if not only_verb(word):
        return False
    if is_third_singular(word):
        return True
    # A past form that is not also the participle ("went", "grew"), or one with a
    # pronoun for its subject ("they moved").
    lemma = next(iter(lemmas(word).get("VERB", ())), "")
    participle = word in (getInflection(lemma, "VBN") or ()) if lemma else True
    before = words[i - 1].lower() if i else ""
    return not participle or before in {"i", "we", "they", "you", "he", "she", "it"}


def whose(notes: list[Note], people: list[str]) -> dict[str, list[Note]]:
    """Each person's notes: their own first, then their share of the unmarked ones (each
    unmarked note goes to one letter only, so no two letters of a panel say the same)."""
    mine: dict[str, list[Note]] = {p: [] for p in people}
    shared = []
    for note in notes:
        if note.owner and note.owner in mine:
            mine[note.owner].append(note)
        elif not note.owner:
            shared.append(note)
    if not people:
        return mine
    if len(people) == 1:
        # One person to talk to: what was jotted without a name is about them.
        alone = people[0]
        mine[alone] += [
            Note(n.text, alone, "action" if _verb_first(n.text) else n.shape)
            if n.shape in {"action", "reader"} or _verb_first(n.text)
            else n
            for n in shared
        ]
        return mine
    for note in shared:
        if len(people) > 1 and _mentions_pronoun(note.text):
            continue  # "she ..." in a panel: whose it is cannot be told
        fewest = min(people, key=lambda p: len(mine[p]))
        mine[fewest].append(note)
    return mine


def _verb_first(text: str) -> bool:
    """Whether the note opens with a verb whose subject is unsaid ("cares about docs")."""
    first = text.split()[0] if text.split() else ""
    return bool(first) and first[:1].islower() and (is_third_singular(first) or is_past(first))


def _mentions_pronoun(text: str) -> bool:
    return bool(re.search(r"\b(she|he|her|him|his|herself|himself)\b", text, re.IGNORECASE))


# -- turning a note to its reader ----------------------------------------------------


def turn_to_reader(text: str, owner: str) -> str:
    """The note as said to the person it is about: "she maintains X" -> "you maintain X",
    "her top worry" -> "your top worry", "Marcus wants me" -> "you want me"."""
    words = text.split()
    out: list[str] = []
    agree_next = False
    for i, raw in enumerate(words):
        word, tail = _split_punct(raw)
        low = word.lower()
        name = bool(owner) and re.sub(r"['’]s$", "", word) == owner
        if name and word.endswith(("'s", "’s")):
            out.append("your" + tail)
            continue
        if (name and i + 1 < len(words) and can_be_verb(_split_punct(words[i + 1])[0])) or (
            low in _SUBJECT_PRONOUNS
        ):
            out.append("you" + tail)
            agree_next = True
            continue
        if name:
            out.append("you" + tail)
            continue
        nxt = _split_punct(words[i + 1])[0] if i + 1 < len(words) else ""
        pronoun = _pronoun_to_you(low, bool(tail), nxt.lower())
        if pronoun:
            out.append(pronoun + tail)
            continue
        if agree_next:
            if low in {"also", "really", "still", "already", "often", "usually", "never"}:
                out.append(raw)
                continue
            out.append(to_you(word) + tail)
            agree_next = False
            continue
        if low in {"and", "but", "or"} and out:
            out.append(raw)
            after = words[i + 2].lower() if i + 2 < len(words) else ""
            agree_next = (
                bool(nxt)
                and is_third_singular(nxt)
                and (only_verb(nxt) or after in DETERMINERS)
                and bool(out)
                and out[0] == "you"
            )
            continue
        out.append(raw)
    return " ".join(out)


def _pronoun_to_you(low: str, punctuated: bool, nxt: str) -> str:
    """ "her", "his", "him", "herself", "himself" as said to the reader ("you", "your",
    "yourself"); "" for any other word. "her" is the object ("you") last, before a
    stop, a preposition or "that", "how", "why"."""
    if low in {"her", "his"}:
        object_pronoun = low == "her" and (
            not nxt or punctuated or nxt in NOT_BEFORE_VERB or nxt in {"that", "how", "why"}
        )
        return "you" if object_pronoun else "your"
    if low == "him":
        return "you"
    if low in {"herself", "himself"}:
        return "yourself"
    return ""


def _split_punct(word: str) -> tuple[str, str]:
    match = re.match(r"^(.*?)([,.;:!?)\]]*)$", word)
    return (match.group(1), match.group(2)) if match else (word, "")


# -- frames ---------------------------------------------------------------------------

#: Frames per shape, each fitting any note of that shape. Chosen by the letter's
#: position in its panel and the point's position in the letter, so two letters of a
#: panel and two points of a letter never open alike.
FRAMES = {
    "reader-present": (
        "It was good to hear that {}.",
        "I was glad to learn that {}.",
        "I took note that {}.",
    ),
    "reader-past": (
        "I appreciated that {}.",
        "It helped a great deal that {}.",
        "I valued that {}.",
    ),
    "owned-clause": (
        "You mentioned that {}.",
        "You made the point that {}.",
        "I have kept thinking about your point that {}.",
    ),
    "clause": (
        "We talked about how {}.",
        "I keep coming back to our exchange on how {}.",
        "Our discussion of how {} stayed with me.",
    ),
    "phrase": (
        "We talked about {}.",
        "I enjoyed our discussion of {}.",
        "Our exchange about {} stayed with me.",
    ),
    "long-phrase": (
        "One point from our conversation stays with me: {}.",
        "I made a note of one thing you said: {}.",
        "One detail I wrote down afterwards: {}.",
    ),
    "owned-long": (
        "You made a point that stays with me: {}.",
        "One thing you said stays with me: {}.",
        "I wrote down what you told me: {}.",
    ),
    "question": (
        "One question from our conversation stays with me: {}",
        "I have kept thinking about a question we touched on: {}",
        "A question we discussed is still on my mind: {}",
    ),
}


def note_sentence(note: Note, reader: str, slot: int) -> str | None:
    """One sentence recalling ``note`` to ``reader`` (their first name, "" for several
    readers), in the frame for its shape; None when it cannot be said to them safely."""
    text = note.text.strip()
    mine = bool(reader) and note.owner == reader
    if _not_to_say(note, text, reader, mine):
        return None
    if note.shape == "question":
        return _frame("question", slot, text)
    if note.shape == "reader" or (mine and note.shape == "action"):
        return _to_reader(note, text, reader, slot)
    if note.shape == "action":
        phrase = as_gerund(text)
        return _frame("phrase", slot, phrase) if phrase else None
    if note.shape == "clause":
        clause = (
            turn_to_reader(text, reader) if mine or (reader and _mentions_pronoun(text)) else text
        )
        return _frame("owned-clause" if mine else "clause", slot, lower_first(clause))
    if note.shape == "pronoun":
        return None
    phrase = turn_to_reader(text, reader) if mine or reader else text
    said = with_copula(phrase)
    if said is not None:  # "start date flexible" -> "the start date is flexible"
        return _frame("owned-clause" if mine else "clause", slot, lower_first(said))
    if not _plain_phrase(phrase):
        return _frame("owned-long" if mine else "long-phrase", slot, lower_first(phrase))
    return _frame("phrase", slot, lower_first(phrase))


def _not_to_say(note: Note, text: str, reader: str, mine: bool) -> bool:
    """Nothing to say ("Marcus:", "Marcus: she"), someone else's note (it never goes into
    this letter), or a "she" that no single reader answers to."""
    if not re.search(r"[A-Za-z]{2}", text) or text.endswith(":") or text.lower() in {"she", "he"}:
        return True
    if note.owner and not mine:
        return True
    return _mentions_pronoun(text) and not mine and not reader


def _to_reader(note: Note, text: str, reader: str, slot: int) -> str:
    """A note about the reader, or their own action, said to them ("you maintain ...")."""
    first = text.split()[0].lower()
    if note.shape == "action" and first.endswith("ing") and gerund(first) == first:
        text = f"she is {text}"  # "working on fraud models"
    elif note.shape == "action":
        text = f"she {text}"
    turned = turn_to_reader(text, reader)
    turned = turned[0].lower() + turned[1:] if turned.startswith("You") else turned
    verb = turned.split()[1] if len(turned.split()) > 1 else ""
    key = "reader-past" if is_past(verb) else "reader-present"
    return _frame(key, slot, turned)


def _plain_phrase(phrase: str) -> bool:
    """A phrase that reads after "We talked about" as it is: a name, a plural, a gerund
    phrase, or one that opens with its article ("the reorg"); anything else ("start date
    flexible", "reorg in January") goes after a colon, which fits any note."""
    words = phrase.split()
    if not words or "," in phrase or len(words) > 4:
        return False
    first, last = words[0], re.sub(r"[^A-Za-z-]", "", words[-1]).lower()
    low = first.lower()
    if low in NOT_BEFORE_VERB - {"and", "or"} or low in NEEDS_ARTICLE:
        return True
    if len(words) == 1 and (first[:1].isupper() or low in {"dbt"}):
        return True
    if low.endswith("ing") and gerund(low) == low and len(words) <= 3:
        return True
    found = lemmas(last) if last else {}
    plural = bool(found.get("NOUN")) and last not in found.get("NOUN", ()) and "VERB" not in found
    return plural and all(w[:1].islower() or w[:1].isupper() for w in words) and len(words) <= 3


def _frame(key: str, slot: int, text: str) -> str:
    frames = FRAMES[key]
    return frames[slot % len(frames)].format(text)
