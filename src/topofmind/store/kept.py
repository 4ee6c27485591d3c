"""The kept agenda's rows: the rules' output at one version of the record, and that version.

A trigger on every table of the record raises ``record_versions.version`` on each write
(migration 0007), so a row of ``kept_agendas`` is current while its ``record_version``
equals the counter, its ``fingerprint`` the settings and code in use, and the moment
asked falls in ``[computed_at, valid_until)``. Anything else (a write by another
program, a restored backup whose counter differs, other settings) reads as nothing kept.

Only the standard library is imported at the top: ``Kept`` serves the command line's
fast path (``store.kept_fast``) without SQLAlchemy; the other functions take a
SQLAlchemy connection.
"""

from __future__ import annotations

import hashlib
import zlib
from bisect import bisect_left
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the fast path imports this module: nothing more at run time
    from collections.abc import Callable, Iterable, Mapping

    from topofmind.domain.facts import Decision, Reach, Scope

#: Files whose content decides the rules' output (the code part of the fingerprint).
CODE = (
    "playbook",
    "domain",
    "store/facts.py",
    "store/recent.py",
    "store/contacts.py",
    "store/rows.py",
    "store/kept.py",
    "services/kept_agenda.py",
    "services/kept_groups.py",
)


class Kept:
    """One kept agenda (a plain class: the fast path does not import ``dataclasses``)."""

    __slots__ = (
        "record_version",
        "fingerprint",
        "computed_at",
        "valid_until",
        "parts",
        "read_writes",
        "rows_read",
        "_actions",
    )

    def __init__(
        self,
        record_version: int,
        fingerprint: str,
        computed_at: datetime,
        valid_until: datetime | None,
        parts: list[tuple[str, str]],
        read_writes: int | None = None,
        rows_read: str | None = None,
    ) -> None:
        self.record_version = record_version
        self.fingerprint = fingerprint
        self.computed_at = computed_at
        #: Until when time alone leaves the actions unchanged (None: for ever).
        self.valid_until = valid_until
        #: The actions, most urgent first, before decisions: the parts of their JSON
        #: array in order, each (digest, text) (``parts_of``).
        self.parts = parts
        #: The writes counted on the tables the rules read (``read_writes``) and the
        #: digest of the few rows they read elsewhere (``rows_digest``) when computed:
        #: while both are the same, a write elsewhere leaves the actions as they are.
        self.read_writes = read_writes
        self.rows_read = rows_read
        self._actions: str | None = None

    @property
    def actions(self) -> str:
        """The actions as one JSON array, most urgent first, before decisions."""
        if self._actions is None:
            self._actions = "[" + ",".join(text for _, text in self.parts) + "]"
        return self._actions

    def serves(self, version: int | None, fingerprint: str, now: datetime) -> bool:
        """Whether these actions are the rules' output for this record, settings and moment."""
        return version == self.record_version and self.holds(fingerprint, now)

    def holds(self, fingerprint: str, now: datetime) -> bool:
        """Whether these settings, code and moment give these actions, the record unchanged."""
        return (
            fingerprint == self.fingerprint
            and self.computed_at <= now
            and (self.valid_until is None or now < self.valid_until)
        )


#: About one action in this many ends a part of the kept agenda: where, its id alone
#: decides (``ends_part``), so an action added or removed changes the part it falls in
#: and leaves the others' texts, and their rows, as they were.
PART_SPAN = 64

#: A part's text (a run of JSON items) -> its digest and text, from ``parts_of``.
Known = dict[tuple[bytes, ...], tuple[str, str]]


def ends_part(action_id: str) -> bool:
    """Whether the action with this id is the last of its part."""
    return zlib.crc32(action_id.encode()) % PART_SPAN == 0


def parts_of(
    actions: Iterable[tuple[str, bytes]], known: Known | None = None
) -> tuple[list[tuple[str, str]], Known]:
    """The parts of a JSON array of ``actions`` (each one's id and JSON, in order), each
    (digest, text), and each part's items with its digest and text, to be passed back as
    ``known`` next time: a part of the same items (the same ``bytes``) is not joined and
    digested again."""
    known = known or {}
    found: list[tuple[str, str]] = []
    made: Known = {}
    items: list[bytes] = []

    def close() -> None:
        key = tuple(items)
        part = known.get(key) or made.get(key)
        if part is None:
            text = b",".join(key)
            part = (hashlib.blake2b(text, digest_size=16).hexdigest(), text.decode())
        made[key] = part
        found.append(part)
        items.clear()

    for action_id, text in actions:
        items.append(text)
        if ends_part(action_id):
            close()
    if items:
        close()
    return found, made


def code_stamp() -> str:
    """The version, size and modification time of each file that holds the rules."""
    import topofmind

    root = Path(topofmind.__file__).parent
    parts = [getattr(topofmind, "__version__", "")]
    for name in CODE:
        path = root / name
        files = sorted(path.glob("*.py")) if path.is_dir() else [path]
        for file in files:
            stat = file.stat()
            parts.append(f"{file.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


def fingerprint(settings_items, stamp: str | None = None) -> str:
    """What besides the record decides the actions: the settings' values and the code
    (``stamp``, from ``code_stamp`` unless given)."""
    stamp = code_stamp() if stamp is None else stamp
    text = repr(sorted((k, str(v)) for k, v in settings_items)) + "\n" + stamp
    return hashlib.sha256(text.encode()).hexdigest()


# -- through SQLAlchemy ----------------------------------------------------------------


def current_version(conn) -> int | None:
    """The record's version, or None before anything was ever kept."""
    from sqlalchemy import select

    from topofmind.store.rows import OWNER
    from topofmind.store.schema import record_versions

    v = record_versions.c
    return conn.execute(select(v.version).where(v.owner_id == OWNER)).scalar()


def read(conn, parts: bool = True) -> Kept | None:
    """What is kept, with its parts unless ``parts`` is False (then ``Kept.parts`` holds
    only their digests, with empty texts: enough to tell whether it serves). None when
    nothing is, or a part is missing (written meanwhile by another process)."""
    import json

    from sqlalchemy import select

    from topofmind.store.rows import OWNER
    from topofmind.store.schema import kept_agenda_parts, kept_agendas

    k = kept_agendas.c
    row = conn.execute(
        select(
            k.record_version,
            k.fingerprint,
            k.computed_at,
            k.valid_until,
            k.parts,
            k.read_writes,
            k.rows_read,
        ).where(k.owner_id == OWNER)
    ).first()
    if row is None:
        return None
    digests = json.loads(row.parts)
    texts: dict[str, str] = {}
    if parts:
        p = kept_agenda_parts.c
        query = select(p.digest, p.actions).where(p.owner_id == OWNER)
        texts = {digest: text for digest, text in conn.execute(query)}
        if not texts.keys() >= set(digests):
            return None
    found = [(d, texts.get(d, "")) for d in digests]
    return Kept(
        row.record_version,
        row.fingerprint,
        row.computed_at,
        row.valid_until,
        found,
        row.read_writes,
        row.rows_read,
    )


def write(conn, kept: Kept) -> None:
    """Keep ``kept`` in place of what was kept (the counter's row made if missing):
    the parts it shares with what was kept stay as they are, the others are replaced."""
    import json

    from sqlalchemy import delete, insert, select

    from topofmind.store.rows import OWNER
    from topofmind.store.schema import kept_agenda_parts, kept_agendas, record_versions

    if current_version(conn) is None:
        conn.execute(insert(record_versions).values(owner_id=OWNER, version=kept.record_version))
    p = kept_agenda_parts.c
    stored = set(conn.scalars(select(p.digest).where(p.owner_id == OWNER)))
    wanted = dict(kept.parts)
    gone = stored - wanted.keys()
    if gone:
        conn.execute(delete(kept_agenda_parts).where(p.owner_id == OWNER, p.digest.in_(gone)))
    new = [
        {"owner_id": OWNER, "digest": d, "actions": text}
        for d, text in wanted.items()
        if d not in stored
    ]
    if new:
        conn.execute(insert(kept_agenda_parts), new)
    conn.execute(delete(kept_agendas).where(kept_agendas.c.owner_id == OWNER))
    conn.execute(
        insert(kept_agendas).values(
            owner_id=OWNER,
            record_version=kept.record_version,
            fingerprint=kept.fingerprint,
            computed_at=kept.computed_at,
            valid_until=kept.valid_until,
            parts=json.dumps([d for d, _ in kept.parts]),
            read_writes=kept.read_writes,
            rows_read=kept.rows_read,
        )
    )


def carry_over(conn, kept: Kept, version: int) -> bool:
    """Stamp what is kept with the record's new ``version`` (only writes the rules do not
    read came since); False if another process replaced or stamped it meanwhile."""
    from sqlalchemy import update

    from topofmind.store.rows import OWNER
    from topofmind.store.schema import kept_agendas

    k = kept_agendas.c
    done = conn.execute(
        update(kept_agendas)
        .where(k.owner_id == OWNER, k.record_version == kept.record_version)
        .where(k.fingerprint == kept.fingerprint, k.computed_at == kept.computed_at)
        .values(record_version=version)
    )
    return done.rowcount == 1


def wished(conn, among: set[int]) -> frozenset[int]:
    """Which of the interactions ``among`` have a wish noted (a point the person wishes
    they had covered)."""
    from sqlalchemy import select

    from topofmind.store.schema import interaction_notes

    if not among:
        return frozenset()
    n = interaction_notes.c
    query = select(n.interaction_id).where(n.interaction_id.in_(among), n.kind == "wish")
    return frozenset(conn.scalars(query.distinct()))


def read_writes(conn, tables: tuple[str, ...]) -> int | None:
    """The writes counted on ``tables`` (migration 0008), summed: the sum grows with
    every write to one of them; None when one has no count (a table made later)."""
    from sqlalchemy import func, select

    from topofmind.store.schema import table_writes

    w = table_writes.c
    counted, total = conn.execute(
        select(func.count(), func.sum(w.writes)).where(w.name.in_(tables))
    ).one()
    return int(total) if counted == len(set(tables)) else None


#: The profile's columns the rules do not read: the feed's secret, and when the row was
#: written (which differs between two loads of one record).
PROFILE_UNREAD = frozenset(["ics_token", "created_at", "updated_at"])


def rows_digest(
    conn,
    prefixes: tuple[str, ...],
    read: Callable[[list[str]], set[str]] | None = None,
    decided: Mapping[str, Decision] | None = None,
) -> str:
    """A digest of the rows the rules read from two tables they mostly do not: the
    decisions on actions whose ids start with one of ``prefixes`` (those of them that
    ``read`` keeps, when given), and the profile but for its feed secret and times; to tell
    whether a write there changed anything they read. ``decided``: the decisions as they
    were read before, in place of the table's (the digest then differs from one made
    before only if the profile changed)."""
    from sqlalchemy import or_, select

    from topofmind.store.facts import load_decisions
    from topofmind.store.rows import OWNER
    from topofmind.store.schema import decisions, profiles

    if decided is None:
        d = decisions.c
        starts = or_(*(d.action_id.startswith(p, autoescape=True) for p in prefixes))
        decided = load_decisions(conn, starts)
    ids = sorted(i for i in decided if i.startswith(prefixes))
    if read is not None:
        kept_ids = read(ids)
        ids = [i for i in ids if i in kept_ids]
    rows: list[tuple] = [
        (i, decided[i].status.value, decided[i].at, decided[i].until, decided[i].note) for i in ids
    ]
    kept = [c for c in profiles.c if c.name not in PROFILE_UNREAD]
    rows += conn.execute(select(*kept).where(profiles.c.owner_id == OWNER)).all()
    text = repr([tuple(str(v) for v in row) for row in rows])
    return hashlib.sha256(text.encode()).hexdigest()


#: (table, column of a moment the facts are read around ``now`` by).
MOMENTS = (
    ("interactions", "at"),
    ("events", "starts_at"),
    ("news_items", "published"),
    ("achievements", "created_at"),
)


def facts_offsets(reach: Reach) -> list[timedelta]:
    """Every offset from ``now`` the facts are read by, both ways: each span of the
    ``reach`` ``store.facts`` reads with, the week of engagements, and now itself."""
    from dataclasses import fields

    spans = {timedelta(0), timedelta(days=7)} | {getattr(reach, f.name) for f in fields(reach)}
    return sorted({s for span in spans for s in (span, -span)})


def facts_change_at(
    conn, now: datetime, reach: Reach, scope: Scope | None = None
) -> datetime | None:
    """The first moment after ``now`` at which a row enters or leaves one of the facts'
    reads: each read keeps the rows whose moment is on one side of ``now`` plus an
    offset (``at <= now``, ``at >= now - reach``...), so its rows change only when
    ``now + offset`` passes a stored moment. Conservative: every offset is tried on
    every moment column, and a row exactly on an edge ends the window at once.

    With a ``scope``, only the interactions of its people and opportunities are looked
    at (what a write that touched them alone may have moved)."""
    from sqlalchemy import func, select

    from topofmind.store.rows import OWNER
    from topofmind.store.schema import interactions, metadata

    offsets = facts_offsets(reach)
    if scope is not None:
        from topofmind.store.contacts import in_scope

        i = interactions.c
        scoped = (i.owner_id == OWNER, in_scope(i, scope, conn.dialect.name))
        moments = [as_utc(m) for m in conn.scalars(select(i.at).where(*scoped))]
        recorded = conn.scalar(select(func.min(i.created_at)).where(*scoped, i.created_at > now))
        firsts = (first_change(moments, now, offsets), recorded and as_utc(recorded))
        return min((f for f in firsts if f is not None), default=None)
    # Every first moment at once, in one statement: one index seek each.
    asked = [
        (offset, table.c[column_name], table)
        for table, column_name in ((metadata.tables[t], c) for t, c in MOMENTS)
        for offset in offsets
    ]
    firsts = conn.execute(
        select(
            *(
                select(func.min(column))
                .where(table.c.owner_id == OWNER, column >= now + offset)
                .scalar_subquery()
                for offset, column, table in asked
            )
        )
    ).one()
    found = [as_utc(m) - offset for (offset, _, _), m in zip(asked, firsts, strict=True) if m]
    recorded = _recorded_after(conn, now, reach)
    return min([*found, *recorded], default=None)


def _recorded_after(conn, now: datetime, reach: Reach) -> list[datetime]:
    """When the first conversation and the first news item the facts read now were
    recorded, if later than ``now``: until then they count as not yet recorded (a record
    looked at as of an earlier moment, ``store.recent``, ``store.facts``)."""
    from sqlalchemy import func, select

    from topofmind.store.rows import OWNER
    from topofmind.store.schema import interactions, news_items

    i, n = interactions.c, news_items.c
    conversations = select(func.min(i.created_at)).where(
        i.owner_id == OWNER,
        i.at >= now - reach.recent,
        i.at <= now + reach.ahead,
        i.created_at > now,
    )
    news = select(func.min(n.created_at)).where(
        n.owner_id == OWNER,
        n.published >= now - reach.news,
        n.published <= now,
        n.created_at > now,
    )
    firsts = conn.execute(select(conversations.scalar_subquery(), news.scalar_subquery())).one()
    return [as_utc(m) for m in firsts if m is not None]


def first_change(
    moments: list[datetime], now: datetime, offsets: list[timedelta]
) -> datetime | None:
    """What ``facts_change_at`` finds for these moments of one column: per offset, the
    first moment at or after ``now + offset`` (sorted once, then bisected)."""
    ordered = sorted(moments)
    found = []
    for offset in offsets:
        at = bisect_left(ordered, now + offset)
        if at < len(ordered):
            found.append(ordered[at] - offset)
    return min(found, default=None)


#: The tables of moments besides the interactions (see ``facts_change_at``).
OTHER_MOMENTS = tuple(table for table, _ in MOMENTS if table != "interactions")


def table_counts(conn, tables: tuple[str, ...]) -> dict[str, int]:
    """The writes counted on each of ``tables`` (migration 0008)."""
    from sqlalchemy import select

    from topofmind.store.schema import table_writes

    w = table_writes.c
    return dict(conn.execute(select(w.name, w.writes).where(w.name.in_(tables))).all())


def as_utc(value) -> datetime:
    """A stored moment (text or a datetime, with or without an offset) in UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def closed_stages(conn, closed: list[str]) -> dict[int, str]:
    """The stage by id of each opportunity in one of the ``closed`` stages (what a write
    ended is read from this, not facts)."""
    from sqlalchemy import select

    from topofmind.store.rows import OWNER
    from topofmind.store.schema import opportunities

    o = opportunities.c
    query = select(o.id, o.stage).where(o.owner_id == OWNER, o.stage.in_(closed))
    return dict(conn.execute(query).all())
