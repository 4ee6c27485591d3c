"""Finding a person, organization or opportunity from what someone typed.

Anything can be named by id (``12`` or ``#12``), by any unambiguous part of its
name, and people also by an email address, bare or as mail programs copy it
(``Dana Ruiz <dana@acme.example>``). An exact name wins over partial ones.
Misses suggest near names; ambiguities list the candidates.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from email.utils import parseaddr
from typing import Protocol

from sqlalchemy import Connection

from topofmind.errors import (
    AmbiguousName,
    UnknownOpportunity,
    UnknownOrganization,
    UnknownPerson,
    did_you_mean,
)
from topofmind.store import opportunities as opp_store
from topofmind.store import organizations as org_store
from topofmind.store import people as people_store

_ID = re.compile(r"^#?(\d+)$")


class _Record(Protocol):
    id: int | None


def stored_id(record: _Record) -> int:
    """The id of a record read from the store or just written to it: it always has one."""
    if record.id is None:
        raise ValueError(f"{type(record).__name__} has not been stored, so it has no id")
    return record.id


def folded(name: str) -> str:
    """A name as it is compared: without case or accents, however it was typed or pasted
    ("Zoë" composed or decomposed, "zoe", "ZOE" are the same)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def pick(
    query: str,
    candidates: list[tuple[int, str]],
    kind: tuple[str, str],
    missing: type[Exception],
    list_hint: str,
) -> int:
    """The id of the one candidate ``query`` names; raises with a helpful message otherwise.

    ``kind`` is the record's name, singular and plural: ("person", "people").
    """
    singular, plural = kind
    text = query.strip()
    match = _ID.match(text)
    if match:
        wanted = int(match.group(1))
        if any(id_ == wanted for id_, _ in candidates):
            return wanted
        raise missing(f"No {singular} has id {wanted}. {list_hint}")
    lowered = folded(text)
    names = [(i, n, folded(n)) for i, n in candidates]
    exact = [(i, n) for i, n, f in names if f == lowered]
    if len(exact) == 1:
        return exact[0][0]
    partial = exact or [(i, n) for i, n, f in names if lowered in f]
    if not partial:
        words = lowered.split()
        partial = [(i, n) for i, n, f in names if words and all(w in f for w in words)]
    if len(partial) == 1:
        return partial[0][0]
    if len(partial) > 1:
        raise AmbiguousName(did_you_mean(plural, query, sorted(partial, key=lambda c: c[1])))
    close = difflib.get_close_matches(text, [n for _, n in candidates], n=3, cutoff=0.6)
    suggestion = ""
    if close:
        shown = " or ".join(f"{n} (#{i})" for i, n in candidates if n in close)
        suggestion = f" Did you mean {shown}?"
    raise missing(f"No {singular} matches '{query}'.{suggestion} {list_hint}")


def named_address(query: str) -> tuple[str, str] | None:
    """(name, address) when ``query`` is an email address: ("", "dana@acme.example"), or
    ("Dana Ruiz", "dana@acme.example") for ``Dana Ruiz <dana@acme.example>``."""
    if "@" not in query or query.lstrip().startswith("#"):
        return None
    name, address = parseaddr(query.strip())
    if "@" not in address:
        return "", query.strip()
    return " ".join(name.split()), address


def _named_id(query: str) -> list[int] | None:
    """The id ``query`` names (``12`` or ``#12``), to read that one candidate alone."""
    match = _ID.match(query.strip())
    return [int(match.group(1))] if match else None


def resolve_person(conn: Connection, query: str) -> int:
    named = named_address(query)
    if named is not None:
        name, address = named
        found = people_store.person_for_email(conn, address)
        if found is not None:
            return found
        candidates = people_store.name_candidates(conn) if name else []
        same_name = [i for i, n in candidates if folded(n) == folded(name)]
        if len(same_name) == 1:  # "Dana Ruiz <a new address>": the Dana Ruiz you have
            return same_name[0]
        raise UnknownPerson(
            f"No person has the address {address}. `tom person add NAME --email {address}` "
            f"adds them; `tom person edit NAME --email {address}` gives it to someone you have."
        )
    return pick(
        query,
        people_store.name_candidates(conn, _named_id(query)),
        ("person", "people"),
        UnknownPerson,
        "`tom person list` shows everyone; `tom person add` adds someone.",
    )


def resolve_organization(conn: Connection, query: str) -> int:
    return pick(
        query,
        org_store.name_candidates(conn, _named_id(query)),
        ("organization", "organizations"),
        UnknownOrganization,
        "`tom org list` shows them; `tom org add` adds one.",
    )


def resolve_opportunity(conn: Connection, query: str) -> int:
    return pick(
        query,
        opp_store.name_candidates(conn, _named_id(query)),
        ("opportunity", "opportunities"),
        UnknownOpportunity,
        "`tom opp list` shows them; `tom opp add` adds one.",
    )
