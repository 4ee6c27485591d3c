"""Search across the whole record: SQLite FTS5 or PostgreSQL full-text search.

Both answer the same question — which people, organizations, opportunities,
interactions, achievements, events and questions mention these words — ranked by
relevance, each hit with a title, a snippet and what it links to.

* **PostgreSQL** matches ``to_tsvector`` of each record's text against
  ``websearch_to_tsquery`` (quoted phrases, ``or``, ``-word`` work) and ranks with
  ``ts_rank``, straight on the tables.
* **SQLite** builds an FTS5 index of the same documents in an in-memory database
  held by the process, ranked with bm25. The schema stays free of virtual tables
  (every backend and the schema check see the same tables); the index is rebuilt
  when the record's fingerprint (row counts and newest ids) changes, when
  ``SearchIndex.invalidate`` is called after a write, or after ``MAX_AGE`` seconds.

Names are also suggested as people type (``suggest_people``), by plain prefix and
substring matching, which full-text search is not made for.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from dataclasses import dataclass

from sqlalchemy import Connection, String, cast, func, literal, or_, select, union_all
from sqlalchemy.engine import make_url
from sqlalchemy.sql import CompoundSelect, Select

from topofmind.store.rows import OWNER
from topofmind.store.schema import (
    achievements,
    events,
    interaction_notes,
    interactions,
    opportunities,
    organizations,
    people,
    person_emails,
    questions,
    requests,
)

#: Seconds after which the SQLite index is rebuilt even when nothing seemed to change
#: (an edit made by another process changes no row count).
MAX_AGE = 60.0


@dataclass
class Hit:
    kind: str
    id: int
    title: str
    snippet: str
    #: Where the record is shown in the web app.
    link: str
    rank: float = 0.0


KIND_LABELS = {
    "person": "Person",
    "organization": "Organization",
    "opportunity": "Opportunity",
    "interaction": "Interaction",
    "achievement": "Achievement",
    "event": "Event",
    "question": "Question",
}


def _text(*columns):
    """The columns' text joined by spaces, empty where NULL (``||`` on both databases)."""
    expression = func.coalesce(columns[0], "")
    for column in columns[1:]:
        expression = expression + " " + func.coalesce(column, "")
    return cast(expression, String)


def _aggregate(dialect: str, column):
    if dialect == "sqlite":
        return func.group_concat(column, " ")
    return func.string_agg(column, literal(" "))


def _documents(dialect: str) -> CompoundSelect:
    """One row per searchable record: kind, id, title, body, and the id its link uses."""
    named = _named_records()  # in the order the index was first built
    return union_all(_people(dialect), *named[:2], _interactions(dialect), *named[2:])


def _people(dialect: str) -> Select:
    """People, found by their name, title, organization, notes and addresses."""
    text = _text
    emails = (
        select(
            person_emails.c.person_id, _aggregate(dialect, person_emails.c.email).label("emails")
        )
        .group_by(person_emails.c.person_id)
        .subquery()
    )
    return (
        select(
            literal("person").label("kind"),
            people.c.id,
            people.c.name.label("title"),
            text(
                people.c.name,
                people.c.title,
                organizations.c.name,
                people.c.notes,
                # addresses split into words, so "northwind" finds dana@northwind.example
                func.replace(func.replace(emails.c.emails, "@", " "), ".", " "),
            ).label("body"),
            people.c.id.label("target"),
        )
        .select_from(
            people.outerjoin(emails, emails.c.person_id == people.c.id).outerjoin(
                organizations, organizations.c.id == people.c.organization_id
            )
        )
        .where(people.c.owner_id == OWNER)
    )


def _interactions(dialect: str) -> Select:
    """Interactions not cancelled, found by subject, summary, notes and requests."""
    text = _text
    notes = (
        select(
            interaction_notes.c.interaction_id,
            _aggregate(dialect, interaction_notes.c.text).label("notes"),
        )
        .group_by(interaction_notes.c.interaction_id)
        .subquery()
    )
    asked = (
        select(requests.c.interaction_id, _aggregate(dialect, requests.c.text).label("asked"))
        .group_by(requests.c.interaction_id)
        .subquery()
    )
    return (
        select(
            literal("interaction"),
            interactions.c.id,
            func.coalesce(
                func.nullif(interactions.c.subject, ""),
                func.nullif(func.substr(interactions.c.summary, 1, 80), ""),
                interactions.c.kind,
            ),
            text(interactions.c.subject, interactions.c.summary, notes.c.notes, asked.c.asked),
            interactions.c.id,
        )
        .select_from(
            interactions.outerjoin(notes, notes.c.interaction_id == interactions.c.id).outerjoin(
                asked, asked.c.interaction_id == interactions.c.id
            )
        )
        .where(interactions.c.owner_id == OWNER, interactions.c.cancelled.is_(False))
    )


def _named_records() -> list[Select]:
    """Organizations and opportunities, then achievements, events and questions."""
    text = _text
    return [
        select(
            literal("organization"),
            organizations.c.id,
            organizations.c.name,
            text(organizations.c.name, organizations.c.website, organizations.c.notes),
            organizations.c.id,
        ).where(organizations.c.owner_id == OWNER),
        select(
            literal("opportunity"),
            opportunities.c.id,
            # "Senior Data Engineer at Northwind Analytics": found and shown by either
            opportunities.c.title + " at " + organizations.c.name,
            text(
                opportunities.c.title,
                organizations.c.name,
                opportunities.c.notes,
                opportunities.c.posting_text,
            ),
            opportunities.c.id,
        )
        .select_from(
            opportunities.join(organizations, organizations.c.id == opportunities.c.organization_id)
        )
        .where(opportunities.c.owner_id == OWNER),
        select(
            literal("achievement"),
            achievements.c.id,
            achievements.c.title,
            text(achievements.c.title, achievements.c.description),
            achievements.c.id,
        ).where(achievements.c.owner_id == OWNER),
        select(
            literal("event"),
            events.c.id,
            events.c.title,
            text(events.c.title, events.c.url),
            events.c.id,
        ).where(events.c.owner_id == OWNER),
        select(
            literal("question"),
            questions.c.id,
            questions.c.text,
            text(questions.c.text, questions.c.answer),
            questions.c.opportunity_id,
        ).where(questions.c.owner_id == OWNER),
    ]


def _link(kind: str, target: int) -> str:
    if kind == "person":
        return f"/people/{target}"
    if kind == "organization":
        return f"/organizations/{target}"
    if kind in ("opportunity", "question"):
        return f"/opportunities/{target}"
    if kind == "achievement":
        return "/achievements"
    if kind == "event":
        return "/events"
    return f"/interactions/{target}"


def _snippet(body: str, words: list[str], width: int = 160) -> str:
    lowered = body.lower()
    start = 0
    for word in words:
        found = lowered.find(word.lower())
        if found >= 0:
            start = max(0, found - width // 3)
            break
    text = " ".join(body[start : start + width].split())
    return ("…" if start else "") + text + ("…" if start + width < len(body) else "")


_WORD = re.compile(r"\w+", re.UNICODE)


def _words(query: str) -> list[str]:
    return _WORD.findall(query)


# -- PostgreSQL ------------------------------------------------------------------------


def _search_postgres(conn: Connection, query: str, limit: int) -> list[Hit]:
    docs = _documents("postgresql").subquery()
    vector = func.to_tsvector("simple", docs.c.body)
    tsquery = func.websearch_to_tsquery("simple", query)
    rank = func.ts_rank(vector, tsquery)
    rows = conn.execute(
        select(docs.c.kind, docs.c.id, docs.c.title, docs.c.body, docs.c.target, rank.label("rank"))
        .where(vector.op("@@")(tsquery))
        .order_by(rank.desc(), docs.c.kind, docs.c.id)
        .limit(limit)
    ).all()
    words = _words(query)
    return [
        Hit(r.kind, r.id, r.title, _snippet(r.body, words), _link(r.kind, r.target), float(r.rank))
        for r in rows
    ]


# -- SQLite ----------------------------------------------------------------------------


class SearchIndex:
    """An FTS5 index of the record's documents in an in-memory SQLite database."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._memory: sqlite3.Connection | None = None
        self._fingerprint: tuple | None = None
        self._built_at = 0.0

    def invalidate(self) -> None:
        self._fingerprint = None

    def search(self, conn: Connection, query: str, limit: int) -> list[Hit]:
        with self._lock:
            self._refresh(conn)
            assert self._memory is not None
            expression = _fts_query(query)
            if not expression:
                return []
            rows = self._memory.execute(
                "SELECT kind, doc_id, title, body, target, bm25(docs) AS rank FROM docs "
                "WHERE docs MATCH ? ORDER BY rank LIMIT ?",
                (expression, limit),
            ).fetchall()
        words = _words(query)
        return [
            Hit(kind, int(doc_id), title, _snippet(body, words), _link(kind, int(target)), -rank)
            for kind, doc_id, title, body, target, rank in rows
        ]

    def _refresh(self, conn: Connection) -> None:
        fingerprint = _fingerprint(conn)
        fresh = time.monotonic() - self._built_at < MAX_AGE
        if self._memory is not None and fingerprint == self._fingerprint and fresh:
            return
        memory = sqlite3.connect(":memory:", check_same_thread=False)
        memory.execute(
            "CREATE VIRTUAL TABLE docs USING fts5("
            "kind UNINDEXED, doc_id UNINDEXED, title, body, target UNINDEXED, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        rows = conn.execute(_documents("sqlite")).all()
        memory.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?)", [tuple(r) for r in rows])
        memory.commit()
        if self._memory is not None:
            self._memory.close()
        self._memory = memory
        self._fingerprint = fingerprint
        self._built_at = time.monotonic()


def _fingerprint(conn: Connection) -> tuple:
    tables = (people, organizations, opportunities, interactions, achievements, events, questions)
    parts = [
        select(literal(t.name), func.count(), func.coalesce(func.max(t.c.id), 0)).select_from(t)
        for t in tables
    ]
    parts.append(
        select(literal("notes"), func.count(), func.coalesce(func.max(interaction_notes.c.id), 0))
    )
    return tuple(tuple(r) for r in conn.execute(union_all(*parts)).all())


def _fts_query(query: str) -> str:
    """What the person typed as an FTS5 query: every word, each as a prefix, all required.

    Quoting each word keeps FTS5's own syntax (AND, NEAR, column:) out of reach of input.
    """
    words = _words(query)
    return " ".join(f'"{w}"*' for w in words)


_INDEXES: dict[str, SearchIndex] = {}


def _key(url) -> str:
    return make_url(str(url)).render_as_string(hide_password=False)


def sqlite_index(url) -> SearchIndex:
    """The process's index for one SQLite database."""
    return _INDEXES.setdefault(_key(url), SearchIndex())


# -- both ------------------------------------------------------------------------------


def search(conn: Connection, query: str, limit: int = 50) -> list[Hit]:
    """Records matching ``query``, best first."""
    if not query.strip() or not _words(query):
        return []
    if conn.dialect.name == "sqlite":
        return sqlite_index(conn.engine.url).search(conn, query, limit)
    return _search_postgres(conn, query, limit)


def invalidate(url: str) -> None:
    """Tell the SQLite index of ``url`` that the record changed."""
    index = _INDEXES.get(_key(url))
    if index is not None:
        index.invalidate()


def suggest_people(conn: Connection, typed: str, limit: int = 12) -> list[str]:
    """Names of people whose name or address contains what was typed, for autocomplete."""
    text = typed.strip().lower()
    if not text:
        return []
    pattern = f"%{text}%"
    query = (
        select(people.c.name)
        .where(people.c.owner_id == OWNER)
        .where(
            or_(
                func.lower(people.c.name).like(pattern),
                people.c.id.in_(
                    select(person_emails.c.person_id).where(
                        func.lower(person_emails.c.email).like(pattern)
                    )
                ),
            )
        )
        .order_by(func.lower(people.c.name))
        .limit(limit)
    )
    return [row[0] for row in conn.execute(query)]
