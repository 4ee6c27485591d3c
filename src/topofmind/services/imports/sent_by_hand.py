"""Recognising a message recorded with "I sent it" when it is read back."""

from __future__ import annotations

from datetime import timedelta

from topofmind.capture.items import (
    CapturedInteraction,
)
from topofmind.domain.enums import (
    InteractionKind,
)
from topofmind.store import interactions as interaction_store
from topofmind.store.interactions import same_subject

#: How far apart in time an email recorded with "I sent it" and the message read from
#: the Sent folder may be and still be one: the button is often pressed a while before
#: or after sending, rarely days.
SENT_BY_HAND_WITHIN = timedelta(days=3)
#: What "I sent it" records: an email, or a LinkedIn connection request with its note.
SENT_BY_HAND = (InteractionKind.EMAIL, InteractionKind.LINKEDIN_CONNECTION)


def matching_sent_by_hand(
    candidates: list[interaction_store.SentByHand], item: CapturedInteraction, people: set[int]
) -> int | None:
    """The message recorded with "I sent it" that ``item`` (sent to ``people``) is: of its
    kind, to one of them, within ``SENT_BY_HAND_WITHIN`` of it, and for an email with the
    same subject or, the subject rewritten, nearly the same text; the nearest in time."""
    email = item.kind is InteractionKind.EMAIL
    subject = same_subject(item.subject) if email else None
    found = [
        (abs(c.at - item.at), c.id)
        for c in candidates
        if c.kind is item.kind
        and c.people & people
        and abs(c.at - item.at) <= SENT_BY_HAND_WITHIN
        and (not email or same_subject(c.subject) == subject or same_text(c.text, item.summary))
    ]
    return min(found)[1] if found else None


#: How alike (0-100) the text recorded with "I sent it" and the copy read back must be to
#: be one message whose subject was rewritten: a signature added or a word changed, not
#: another message to the same person.
SAME_TEXT = 85


def same_text(recorded: str, read: str) -> bool:
    """Whether a draft recorded as sent and a message read back are one text: what was
    read may add a signature after the draft's words, or be cut short ("…", a summary
    keeps the first ``SUMMARY_CHARS``), and may differ by a few words."""
    from rapidfuzz import fuzz

    ours, theirs = " ".join(recorded.split()).casefold(), " ".join(read.split()).casefold()
    if not ours or not theirs:
        return False
    if theirs.endswith("…"):
        theirs = theirs[:-1]
        ours = ours[: len(theirs)]
    return fuzz.ratio(ours, theirs[: len(ours)]) >= SAME_TEXT
