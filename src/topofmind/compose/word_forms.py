"""Words as English grammar sees them: whether a word can be a verb, its third-person,
past and -ing forms, the form that agrees with "you", and where a sentence has a finite
verb. Read from lemminflect (English lemma and inflection tables that ship inside the
package: nothing is downloaded)."""

from __future__ import annotations

import re
from functools import lru_cache

#: Finite forms of "be", "have" and "do" for a third-person subject, and for "you".
_AGREE = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
    "doesn't": "don't",
}
#: Forms of "be" and "have" a participle follows ("is moved", "has led").
BE_FORMS = frozenset(["am", "is", "are", "was", "were"])
HAVE_FORMS = frozenset(["has", "have", "had"])
#: Auxiliaries a bare verb follows ("can help", "did ask").
MODALS = frozenset(
    [
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
    ]
)
#: Words that can only be a finite verb (or an auxiliary before one).
FINITE_ONLY = (
    BE_FORMS
    | HAVE_FORMS
    | MODALS
    | frozenset(
        [
            "isn't",
            "aren't",
            "wasn't",
            "weren't",
            "hasn't",
            "haven't",
            "hadn't",
            "doesn't",
            "don't",
            "didn't",
            "won't",
            "wouldn't",
            "can't",
            "couldn't",
            "shouldn't",
        ]
    )
)
#: Prepositions: a verb form after one is a noun, and two finite verbs with one between
#: them are not a run-on.
PREPOSITIONS = frozenset(
    [
        "of",
        "for",
        "to",
        "from",
        "with",
        "about",
        "on",
        "in",
        "at",
        "by",
        "into",
        "over",
        "under",
        "per",
        "across",
        "through",
    ]
)
#: Words after which a verb form is read as a noun ("quality of claims data").
NOT_BEFORE_VERB = (PREPOSITIONS - {"across", "through"}) | frozenset(
    [
        "a",
        "an",
        "the",
        "my",
        "your",
        "our",
        "their",
        "its",
        "his",
        "her",
        "this",
        "these",
        "those",
        "each",
        "every",
        "some",
        "any",
        "no",
        "two",
        "three",
        "four",
        "five",
        "several",
        "many",
        "few",
        "more",
        "most",
        "and",
        "or",
    ]
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*|[0-9][0-9%.,\-]*|[^\sA-Za-z0-9]")


def _lemminflect():
    """lemminflect, imported on first use: loading its tables takes a quarter of a
    second, which commands that draft nothing should not pay."""
    import lemminflect  # type: ignore[import-untyped]

    return lemminflect


def getInflection(lemma: str, tag: str) -> tuple[str, ...]:  # noqa: N802 (lemminflect's name)
    return _lemminflect().getInflection(lemma, tag)


def getLemma(word: str, upos: str) -> tuple[str, ...]:  # noqa: N802 (lemminflect's name)
    return _lemminflect().getLemma(word, upos=upos)


@lru_cache(maxsize=4096)
def lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """Every lemma of ``word`` by part of speech (lemminflect's tables)."""
    get = _lemminflect().getAllLemmas
    return get(word.lower()) or get(word) or {}


@lru_cache(maxsize=4096)
def is_third_singular(word: str) -> bool:
    """Whether ``word`` is a verb's third-person singular present form ("maintains")."""
    low = word.lower()
    if low in _AGREE:
        return True
    for lemma in lemmas(low).get("VERB", ()):
        if low in (getInflection(lemma, "VBZ") or ()) and low != lemma:
            return True
    return False


@lru_cache(maxsize=4096)
def is_past(word: str) -> bool:
    low = word.lower()
    for lemma in lemmas(low).get("VERB", ()):
        if low in (getInflection(lemma, "VBD") or ()) and low != lemma:
            return True
    return False


def can_be_verb(word: str) -> bool:
    low = word.lower().strip("’'")
    if low in FINITE_ONLY or low.endswith(("n't", "’m", "'m", "'re", "'ve", "'ll", "'d")):
        return True
    found = lemmas(low)
    return "VERB" in found or "AUX" in found


def only_verb(word: str) -> bool:
    """Whether ``word`` can only be read as a verb (not also a noun or an adjective)."""
    found = lemmas(word.lower())
    return bool(found) and set(found) <= {"VERB", "AUX"}


def to_you(word: str) -> str:
    """The form of a third-person verb that agrees with "you" ("maintains" -> "maintain")."""
    low = word.lower()
    if low in _AGREE:
        return _AGREE[low]
    if is_third_singular(low):
        lemma = getLemma(low, upos="VERB")
        if lemma:
            return lemma[0]
    return word


def gerund(word: str) -> str | None:
    """The -ing form of a verb ("walked" -> "walking"), if it is one."""
    for lemma in lemmas(word.lower()).get("VERB", ()):
        forms = getInflection(lemma, "VBG")
        if forms:
            return forms[0]
    return None


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def finite_positions(words: list[str]) -> list[int]:
    """Where a word reads as a finite verb: an auxiliary, or a present/past form after a
    word that can head a subject (never right after an article or a preposition)."""
    found = []
    for i, word in enumerate(words):
        low = word.lower()
        if low in FINITE_ONLY:
            found.append(i)
            continue
        if not word[:1].isalpha() or word[:1].isupper() and i > 0:
            continue
        if i == 0 or words[i - 1].lower() in NOT_BEFORE_VERB or not words[i - 1][:1].isalpha():
            continue
        if is_third_singular(low) or (is_past(low) and words[i - 1].lower() not in FINITE_ONLY):
            found.append(i)
    return found
