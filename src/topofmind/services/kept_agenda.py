"""The kept agenda: the rules' output kept between runs, and how a read gets it.

``proposed`` serves what is kept while it holds (same record version, settings and code,
``now`` inside its window, or only writes the rules do not read since); after writes
that named what they touched, the kept agenda recomputed for their groups alone, and
once its window ended with no write since, for the groups whose own window ended
(``services.kept_groups``); else a full recompute (``compute``), kept in turn. A process
remembers what it last kept per database (``MEMOS``), with the facts when it computed
them. ``check`` compares what is kept with a full recompute (`tom doctor`).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import cast

import orjson
from cachetools import LRUCache
from sqlalchemy.exc import DatabaseError

from topofmind.domain.action_records import as_record, from_record
from topofmind.domain.actions import Action
from topofmind.domain.facts import Acceptance, Decision, Facts, Reach
from topofmind.errors import TomError
from topofmind.playbook.engine import DECISIONS_READ, decisions_read, run_rules
from topofmind.playbook.groups import Groups
from topofmind.playbook.reach import reach_in_force
from topofmind.playbook.timing import _end_of_day
from topofmind.playbook.window import TICK, Watch, WatchedNow
from topofmind.playbook.words import clock_words_in
from topofmind.services.context import Context
from topofmind.store import kept as kept_store
from topofmind.store import touches
from topofmind.store.facts import TABLES_READ, load_facts, opportunity_overrides


@dataclass
class Memo:
    """The last kept agenda this process read or computed for one database."""

    kept: kept_store.Kept
    #: Its actions, decoded.
    actions: list[Action]
    #: The facts they were computed from, and how far they were read, when this process
    #: computed them: a write that names what it touched is then recomputed for that alone.
    facts: Facts | None = None
    reach: Reach | None = None
    #: The writes counted on the other tables of moments when the facts were read.
    counts: dict[str, int] | None = None
    groups: Groups | None = None
    #: Each action's JSON, by id, when this process computed them.
    records: dict[str, bytes] | None = None
    #: The offers accepted in ``facts``, latest first, and the opportunities they wind
    #: down, once a recompute of groups asked.
    ended: dict[int, Acceptance] | None = None
    accepted: list[Acceptance] | None = None
    #: Until when ``facts`` are what a read would give (None: for ever).
    facts_until: datetime | None = None
    #: Each group's facts (``groups.split``) and until when time alone leaves its
    #: actions as they are (None: for ever), once its window was asked.
    parts: dict[int, Facts] | None = None
    windows: dict[int, datetime | None] | None = None
    #: The parts of the kept actions' JSON by their items (``store.kept.parts_of``),
    #: when this process computed them: a recompute joins only the parts it changed.
    known_parts: kept_store.Known | None = None

    def expired_only(self, version: int | None, fingerprint: str, now: datetime) -> bool:
        """Whether the kept agenda stopped serving only because time passed its window:
        the record and settings unchanged, ``now`` later still, and the facts held
        still what a read would give."""
        return (
            self.facts is not None
            and version == self.kept.record_version
            and fingerprint == self.kept.fingerprint
            and self.kept.computed_at <= now
            and (self.facts_until is None or now < self.facts_until)
        )


#: database url -> what this process last kept for it.
MEMOS: LRUCache[str, Memo] = LRUCache(maxsize=4)
_STAMP: list[str] = []


def _fingerprint(ctx: Context) -> str:
    if not _STAMP:  # the code does not change under a running process
        _STAMP.append(kept_store.code_stamp())
    return kept_store.fingerprint(ctx.settings.items(), _STAMP[0])


def proposed(ctx: Context) -> list[Action]:
    """Every action the rules propose now, before decisions: the kept agenda while it
    holds (same record version, settings and code, ``now`` inside its window); after
    writes that named what they touched, the kept agenda recomputed for their groups
    alone (``kept_groups.recompute_groups``); else a full recompute that is then kept."""
    fingerprint = _fingerprint(ctx)
    with ctx.db.connect() as conn:
        version = kept_store.current_version(conn)
        memo = MEMOS.get(ctx.db.url)
        if memo is not None and memo.kept.serves(version, fingerprint, ctx.now):
            return memo.actions
        kept = kept_store.read(conn, parts=False)  # the texts only if it serves, and is new
        serves = _kept_serves(conn, kept, version, fingerprint, ctx.now)
        if serves and kept is not None and not (memo and _same_computation(memo.kept, kept)):
            kept = kept_store.read(conn)
            serves = _kept_serves(conn, kept, version, fingerprint, ctx.now)
    if not serves or kept is None or version is None:
        if memo is not None and memo.facts is not None:
            from topofmind.services import kept_groups  # imports this module

            found = None
            # The cycle collector is held off for the whole recompute (``collector_paused``).
            with _SCOPING, collector_paused():
                if memo.kept.holds(fingerprint, ctx.now):
                    found = kept_groups.recompute_groups(ctx, memo)
                elif memo.expired_only(version, fingerprint, ctx.now):
                    found = kept_groups.recompute_expired(ctx, memo)
            if found is not None:
                return found
        return rebuild(ctx)
    same = memo is not None and _same_computation(memo.kept, kept)
    if memo is None or not same:
        memo = Memo(kept, [from_record(r) for r in orjson.loads(kept.actions)])
    if kept.record_version != version:
        _carry_over(ctx, kept, version)
        memo.kept.record_version = version
    MEMOS[ctx.db.url] = memo
    return memo.actions


#: One recompute of the groups a write touched at a time in a process (the web app's
#: requests run in threads): it updates the groups it keeps in place.
_SCOPING = threading.Lock()


def _kept_serves(
    conn, kept: kept_store.Kept | None, version: int | None, fingerprint: str, now: datetime
) -> bool:
    """Whether ``kept`` is the rules' output at ``version``: computed at it, or before
    writes the rules do not read. A kept agenda newer than the version read was kept by
    another process since: recomputed rather than stamped with the older version."""
    if kept is None or version is None or kept.record_version > version:
        return False
    if not kept.holds(fingerprint, now):
        return False
    return kept.record_version == version or _only_unread_writes(conn, kept)


def _same_computation(one: kept_store.Kept, other: kept_store.Kept) -> bool:
    """Whether two kept agendas are one computation (this process's, read back): the
    facts it keeps in memory then serve with the other too."""
    return (
        one.computed_at == other.computed_at
        and one.read_writes == other.read_writes
        and one.rows_read == other.rows_read
        and [digest for digest, _ in one.parts] == [digest for digest, _ in other.parts]
    )


def _only_unread_writes(conn, kept: kept_store.Kept) -> bool:
    """Whether every write since ``kept`` was computed went to tables the rules do not
    read, or to decisions and profile fields they do not read (asked after the record's
    version, so that a write between the two reads makes this False, never a stale True)."""
    return (
        kept.read_writes is not None
        and kept_store.read_writes(conn, TABLES_READ) == kept.read_writes
        and rows_read_digest(conn) == kept.rows_read
    )


def rows_read_digest(conn, decided: Mapping[str, Decision] | None = None) -> str:
    """The digest of the decisions and profile fields the rules read (with the decisions
    ``decided``, as read before, in place of the table's)."""
    return kept_store.rows_digest(
        conn,
        DECISIONS_READ,
        lambda action_ids: decisions_read(action_ids, lambda ids: kept_store.wished(conn, ids)),
        decided,
    )


def _carry_over(ctx: Context, kept: kept_store.Kept, version: int) -> None:
    """Stamp the kept agenda with the record's new version, in the database too when it
    can be written (another process then reads it as it is)."""
    try:
        with ctx.db.begin() as conn:
            kept_store.carry_over(conn, kept, version)
    except (DatabaseError, TomError):  # busy or read-only: it is only a cache
        pass
    kept.record_version = version


def rebuild(ctx: Context) -> list[Action]:
    """A full recompute of the rules' output, kept with its window (``tom agenda
    --rebuild``); what was kept before is replaced."""
    found = compute(ctx)
    if found.kept is not None:
        keep(ctx, found.kept)
        MEMOS[ctx.db.url] = Memo(
            found.kept,
            found.actions,
            found.facts,
            found.reach,
            found.counts,
            records=found.records,
            facts_until=found.facts_until,
            known_parts=found.known_parts,
        )
    return found.actions


def keep(ctx: Context, kept: kept_store.Kept) -> None:
    """Write ``kept`` unless the record moved on meanwhile; the touches before it go."""
    try:
        with ctx.db.begin() as conn:
            if kept_store.current_version(conn) in (kept.record_version, None):
                kept_store.write(conn, kept)
                if kept.read_writes is not None:
                    touches.forget_before(conn, kept.read_writes)
    except (DatabaseError, TomError):  # busy or read-only: it is only a cache
        pass


@dataclass
class Computed:
    """A full recompute: the actions, the facts they came from and how far these were
    read, and the row that keeps the actions (None when the record changed meanwhile)."""

    kept: kept_store.Kept | None
    actions: list[Action]
    facts: Facts
    reach: Reach
    counts: dict[str, int]
    facts_until: datetime | None = None
    known_parts: kept_store.Known | None = None
    records: dict[str, bytes] | None = None


def compute(ctx: Context) -> Computed:
    """The rules run on the whole record with a watched ``now``: their actions and, when
    the record did not change while it was read, the row that keeps them with the
    window in which time alone cannot change them."""
    profile = ctx.profile()
    now = ctx.now
    with collector_paused(), ctx.db.connect() as conn:
        version = kept_store.current_version(conn) or 0
        read_writes = kept_store.read_writes(conn, TABLES_READ)
        counts = kept_store.table_counts(conn, kept_store.OTHER_MOMENTS)
        rows_read = rows_read_digest(conn)
        reach = reach_in_force(ctx.settings, opportunity_overrides(conn))
        facts = load_facts(conn, now, reach)
        facts_until = kept_store.facts_change_at(conn, now, reach)
        steady = (kept_store.current_version(conn) or 0) == version
        actions, records, watched_until = run_watched(
            now, lambda at: run_rules(facts, at, ctx.settings, profile)
        )
    if not steady or records is None:
        return Computed(None, actions, facts, reach, counts)
    until = window(now, watched_until, facts_until)
    parts, known = json_parts(actions, records, None)
    kept = kept_store.Kept(version, _fingerprint(ctx), now, until, parts, read_writes, rows_read)
    return Computed(kept, actions, facts, reach, counts, facts_until, known, records)


def run_watched(
    now: datetime,
    run: Callable[[datetime], list[Action]],
    made: Callable[[list[Action]], list[Action]] | None = None,
) -> tuple[list[Action], dict[str, bytes] | None, datetime | None]:
    """``run``'s actions at a watched ``now``, the JSON of each (of those ``made`` picks
    among them, when given: the caller has the others'), by id, and until when time
    alone leaves them; the actions at ``now`` itself, without JSON, if the watch cannot
    follow."""
    watch = Watch(now)
    try:
        _end_of_day.cache_clear()  # answers cached for a moment were not watched
        clock_words_in.cache_clear()
        # A watched now answers every question the rules ask of a datetime.
        actions = run(cast(datetime, WatchedNow(now, watch)))
        records = {
            a.id: orjson.dumps(action_record(a, watch))
            for a in (actions if made is None else made(actions))
        }
    except (TypeError, AttributeError):  # a question the watch cannot follow
        return run(now), None, None
    return actions, records, watch.until


def json_parts(
    actions: list[Action], records: Mapping[str, bytes], known: kept_store.Known | None
) -> tuple[list[tuple[str, str]], kept_store.Known]:
    """The parts of the actions' JSON array, from each one's JSON, and what to pass as
    ``known`` next time (``store.kept.parts_of``)."""
    return kept_store.parts_of(((a.id, records[a.id]) for a in actions), known)


def window(now: datetime, *ends: datetime | None) -> datetime | None:
    """The earliest of ``ends`` (None: for ever), never before the next tick."""
    known = [e for e in ends if e is not None]
    if not known:
        return None
    return max(min(known), now + TICK) if min(known) <= now else min(known)


def action_record(action: Action, watch: Watch | None = None) -> dict:
    """An action as its documented JSON object (``tom actions --json`` prints these)."""
    if isinstance(action.due, WatchedNow):  # due at now: it moves with the clock
        if watch is not None:
            watch.ends_now()
        action.due = action.due.value
    return as_record(action)


@dataclass
class KeptCheck:
    """What `tom doctor` found of the kept agenda and did about it."""

    #: "matches", "stale" (the record, settings, code or moment moved on: the next read
    #: recomputes), "missing" or "differs" (it was not the rules' output: a bug).
    state: str
    actions: int
    repaired: bool = False


def check(ctx: Context, repair: bool = True) -> KeptCheck:
    """Whether the kept agenda is the rules' output now, compared with a full recompute
    byte for byte; unless it matches, it is recomputed and kept again (``repair``)."""
    fingerprint = _fingerprint(ctx)
    with ctx.db.connect() as conn:
        version = kept_store.current_version(conn)
        kept = kept_store.read(conn)
    fresh = compute(ctx).actions
    if kept is None:
        state = "missing"
    elif not kept.serves(version, fingerprint, ctx.now):
        state = "stale"
    else:
        fresh_text = orjson.dumps([action_record(a) for a in fresh])
        same = fresh_text == orjson.dumps(orjson.loads(kept.actions))
        state = "matches" if same else "differs"
    found = KeptCheck(state, len(fresh))
    if state != "matches" and repair:
        MEMOS.pop(ctx.db.url, None)
        rebuild(ctx)
        found.repaired = True
    return found


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector held off while the facts and actions are built.

    They are tens of thousands of small objects without cycles, and each of the
    collector's passes also walks every object already loaded: at scale 1 its
    passes cost about a fifth of `tom actions` (1.35 s against 1.08 s).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
