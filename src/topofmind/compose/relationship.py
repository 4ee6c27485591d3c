"""How the person knows a recipient, as the record notes it: a former colleague,
someone met at an event, someone referred by a friend."""

from __future__ import annotations

import re
from dataclasses import dataclass

from topofmind.compose.draft_records import DraftContext
from topofmind.domain.records import Person

_COLLEAGUE = re.compile(
    r"\b(former|ex-?|old)\s+(colleague|co-?worker|teammate|manager|boss|report)\b"
    r"|\bworked (?:together|with (?:me|them|him|her))\b|\bused to work\b",
    re.IGNORECASE,
)
_AT_PLACE = re.compile(r"\bat ([A-Z][\w&.-]*(?: [A-Z][\w&.-]*)*)")
_MET = re.compile(r"\bmet (?:them |him |her )?(?:at|during|through) ([^.;,]+)", re.IGNORECASE)
_REFERRED = re.compile(
    r"\b(?:referred|introduced|intro(?:duced)?) (?:to me )?by ([A-Z][\w'-]*(?: [A-Z][\w'-]*)?)"
)


@dataclass(frozen=True)
class Relationship:
    """How the person knows the recipient: "colleague", "met", "referred" or ""."""

    kind: str = ""
    #: Where they worked together, where they met, or who introduced them.
    detail: str = ""


def relationship(person: Person | None, context: DraftContext | None = None) -> Relationship:
    """The relationship the record notes about ``person``: their notes ("former colleague
    at Fieldstone", "met at PyData", "referred by Ana Silva"), else a conversation at an
    event."""
    notes = person.notes if person is not None else ""
    colleague = _COLLEAGUE.search(notes) if notes else None
    if colleague:
        place = _AT_PLACE.search(notes[colleague.start() :])
        return Relationship("colleague", place.group(1) if place else "")
    if notes:
        referred = _REFERRED.search(notes)
        if referred:
            return Relationship("referred", referred.group(1).strip())
        met = _MET.search(notes)
        if met:
            return Relationship("met", met.group(1).strip())
    if context is not None and context.event is not None:
        return Relationship("met", context.event.title)
    return Relationship()
