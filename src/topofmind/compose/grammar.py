"""Sentences a careful person would not send: a verb that does not agree with "you",
two finite verbs in a row in one clause, a sentence with no verb. Read with lemminflect's
tables (``compose.word_forms``)."""

from __future__ import annotations

from topofmind.compose.check_text import Finding, letter_sentences
from topofmind.compose.word_forms import (
    BE_FORMS,
    FINITE_ONLY,
    HAVE_FORMS,
    MODALS,
    NOT_BEFORE_VERB,
    PREPOSITIONS,
    can_be_verb,
    finite_positions,
    is_third_singular,
    lemmas,
    only_verb,
    tokens,
)

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
    for sentence in letter_sentences(body):
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
    """Two finite verbs in a row, or two in one clause with nothing to join them."""
    for clause in _clauses(words):
        positions = finite_positions(clause)
        for a, b in zip(positions, positions[1:], strict=False):
            problem = _finite_pair(clause, a, b)
            if problem:
                return problem
    return ""


def _clauses(words: list[str]) -> list[list[str]]:
    """The words cut at punctuation and at the words that open a clause."""
    out: list[list[str]] = []
    clause: list[str] = []
    for word in [*words, ","]:
        if word in {",", ";", ":", "—", "–"} or word.lower() in _CLAUSE_BREAK:
            out.append(clause)
            clause = []
        else:
            clause.append(word)
    return out


def _finite_pair(clause: list[str], a: int, b: int) -> str:
    first, second = clause[a].lower(), clause[b].lower()
    if b == a + 1 and second not in FINITE_ONLY - {"do", "did", "does"}:
        return _in_a_row(clause, a, b)
    before = clause[b - 1]
    if (
        first in BE_FORMS
        and is_third_singular(second)
        and second not in FINITE_ONLY
        and before.lower() not in NOT_BEFORE_VERB
        and before[:1].islower()
        and b + 1 < len(clause)
        and not any(w.lower() in PREPOSITIONS for w in clause[a + 1 : b])
    ):
        return f"two finite verbs in one clause ('{clause[a]} … {clause[b]}')"
    return ""


def _in_a_row(clause: list[str], a: int, b: int) -> str:
    """Two finite verbs side by side, unless the first helps the second."""
    first, second = clause[a].lower(), clause[b].lower()
    if first in MODALS | {"won't", "can't"} or (
        first.endswith("n't") and first not in {"isn't", "aren't", "wasn't", "weren't"}
    ):
        return ""  # "can help", "did not"
    if first in BE_FORMS | HAVE_FORMS and not (is_third_singular(second) and only_verb(second)):
        return ""  # "is moved", "has led"
    if second not in FINITE_ONLY and not is_third_singular(second):
        return ""  # "everything I heard made ...": a clause inside
    return f"two verbs in a row ('{clause[a]} {clause[b]}')"


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
