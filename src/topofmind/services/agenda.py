"""The agenda: the playbook's actions for now, after the person's decisions, and the score.

The rules' output is kept between runs (``proposed``: the kept agenda, recomputed in
full when the record, the settings, the code or the moment call for it); a decision
(done, snoozed, dismissed) is stored under the action's id. Reads never write but to
keep that cache; today's scores are recorded by their own call (``record_scores``).
"""

from __future__ import annotations

import gc
import itertools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import cast

import orjson
from cachetools import LRUCache
from sqlalchemy.exc import DatabaseError

from topofmind.domain.action_records import as_record, from_record
from topofmind.domain.actions import Action, ActionState, Decision
from topofmind.domain.enums import DecisionStatus
from topofmind.domain.facts import Acceptance, Facts, Reach
from topofmind.errors import InvalidValue, TomError, UnknownAction
from topofmind.playbook import groups
from topofmind.playbook.engine import DECISIONS_READ, decisions_read, run_rules
from topofmind.playbook.groups import Groups
from topofmind.playbook.offer import wound_down
from topofmind.playbook.reach import reach_in_force
from topofmind.playbook.registry import Rule, load_rules
from topofmind.playbook.score import Score
from topofmind.playbook.score import scores as compute_scores
from topofmind.playbook.states import urgency
from topofmind.playbook.timing import _end_of_day, at_local, end_of_day, local, next_working_day
from topofmind.playbook.window import TICK, Watch, WatchedNow
from topofmind.playbook.words import clock_words_in
from topofmind.services.context import Context
from topofmind.store import decisions as decision_store
from topofmind.store import kept as kept_store
from topofmind.store import scores as score_store
from topofmind.store import touches
from topofmind.store.facts import (
    TABLES_READ,
    load_decisions,
    load_facts,
    opportunity_overrides,
)


@dataclass
class Agenda:
    overdue: list[Action] = field(default_factory=list)
    today: list[Action] = field(default_factory=list)
    upcoming: list[Action] = field(default_factory=list)
    #: Actions marked done in the last week, newest first.
    done_recently: list[Decision] = field(default_factory=list)
    #: Actions hidden until a later moment.
    snoozed: int = 0
    #: Open actions due after the days shown.
    later: list[Action] = field(default_factory=list)
    #: Days shown after today.
    days: int = 0

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.today) + len(self.upcoming)

    @property
    def next_later(self) -> Action | None:
        """The first action due after the days shown (looked for only when asked)."""
        return min(self.later, key=lambda a: (a.due, a.priority, a.id), default=None)


#: The most days ahead an agenda shows: ten years.
AGENDA_DAYS_MAX = 3_650

#: (database url, minute, record version, settings) -> (facts, actions); the last few only.
_CACHE: LRUCache[tuple, tuple[Facts, list[Action]]] = LRUCache(maxsize=4)
#: A version for a record that has none yet (nothing kept): never the same twice.
_UNVERSIONED = itertools.count(-1, -1)


def record_version(ctx: Context) -> int:
    """The record's version, raised by the database itself on every write, whoever
    writes (migration 0007): what was computed from the record holds while it stays."""
    with ctx.db.connect() as conn:
        version = kept_store.current_version(conn)
    return next(_UNVERSIONED) if version is None else version


def load(ctx: Context) -> tuple[Facts, list[Action]]:
    """The facts and every action the rules propose now, before decisions.

    For the few readers that need the facts themselves (scores, charts); the agenda's
    own readers take ``proposed`` (kept actions) and ``decisions`` instead. Cached per
    database, minute, record version and settings, so that a page that asks several
    times pays once.
    """
    minute = ctx.now.replace(second=0, microsecond=0)
    key = (
        ctx.db.url,
        minute,
        record_version(ctx),
        tuple(sorted((k, str(v)) for k, v in ctx.settings.items())),
    )
    if key in _CACHE:
        return _CACHE[key]
    profile = ctx.profile()
    with collector_paused(), ctx.db.connect() as conn:
        reach = reach_in_force(ctx.settings, opportunity_overrides(conn))
        facts = load_facts(conn, ctx.now, reach)
        found = facts, run_rules(facts, ctx.now, ctx.settings, profile)
    _CACHE[key] = found
    return found


@dataclass
class _Memo:
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
    #: Each action's JSON, by id.
    records: dict[str, bytes] | None = None
    #: The opportunities an acceptance wound down, with what the rules read of it
    #: (``_winners``), once asked.
    ended: dict[int, tuple] | None = None


#: database url -> what this process last kept for it.
_KEPT: LRUCache[str, _Memo] = LRUCache(maxsize=4)
_STAMP: list[str] = []


def _fingerprint(ctx: Context) -> str:
    if not _STAMP:  # the code does not change under a running process
        _STAMP.append(kept_store.code_stamp())
    return kept_store.fingerprint(ctx.settings.items(), _STAMP[0])


def proposed(ctx: Context) -> list[Action]:
    """Every action the rules propose now, before decisions: the kept agenda while it
    holds (same record version, settings and code, ``now`` inside its window); after
    writes that named what they touched, the kept agenda recomputed for that alone
    (``_scoped``); else a full recompute that is then kept."""
    fingerprint = _fingerprint(ctx)
    with ctx.db.connect() as conn:
        version = kept_store.current_version(conn)
        memo = _KEPT.get(ctx.db.url)
        if memo is not None and memo.kept.serves(version, fingerprint, ctx.now):
            return memo.actions
        kept = kept_store.read(conn)
        serves = _kept_serves(conn, kept, version, fingerprint, ctx.now)
    if kept is None or version is None or not serves:
        if memo is not None and memo.facts is not None and memo.kept.holds(fingerprint, ctx.now):
            with _SCOPING:
                found = _scoped(ctx, memo)
            if found is not None:
                return found
        return rebuild(ctx)
    same = memo is not None and _same_computation(memo.kept, kept)
    if memo is None or not same:
        memo = _Memo(kept, [from_record(r) for r in orjson.loads(kept.actions)])
    if kept.record_version != version:
        _carry_over(ctx, kept, version)
        memo.kept.record_version = version
    _KEPT[ctx.db.url] = memo
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
        and one.actions == other.actions
    )


def _only_unread_writes(conn, kept: kept_store.Kept) -> bool:
    """Whether every write since ``kept`` was computed went to tables the rules do not
    read, or to decisions and profile fields they do not read (asked after the record's
    version, so that a write between the two reads makes this False, never a stale True)."""
    return (
        kept.read_writes is not None
        and kept_store.read_writes(conn, TABLES_READ) == kept.read_writes
        and _rows_read(conn) == kept.rows_read
    )


def _rows_read(conn) -> str:
    """The digest of the decisions and profile fields the rules read."""
    return kept_store.rows_digest(
        conn,
        DECISIONS_READ,
        lambda action_ids: decisions_read(action_ids, lambda ids: kept_store.wished(conn, ids)),
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
        _keep(ctx, found.kept)
        _KEPT[ctx.db.url] = _Memo(
            found.kept, found.actions, found.facts, found.reach, found.counts, None, found.records
        )
    return found.actions


def _keep(ctx: Context, kept: kept_store.Kept) -> None:
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
    records: dict[str, bytes] | None


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
        rows_read = _rows_read(conn)
        reach = reach_in_force(ctx.settings, opportunity_overrides(conn))
        facts = load_facts(conn, now, reach)
        facts_until = kept_store.facts_change_at(conn, now, reach)
        steady = (kept_store.current_version(conn) or 0) == version
        actions, records, watched_until = _watched(
            now, lambda at: run_rules(facts, at, ctx.settings, profile)
        )
    if not steady or records is None:
        return Computed(None, actions, facts, reach, counts, None)
    until = _window(now, watched_until, facts_until)
    text = _joined(actions, records)
    kept = kept_store.Kept(version, _fingerprint(ctx), now, until, text, read_writes, rows_read)
    return Computed(kept, actions, facts, reach, counts, records)


def _watched(
    now: datetime, run: Callable[[datetime], list[Action]], known: dict[str, bytes] | None = None
) -> tuple[list[Action], dict[str, bytes] | None, datetime | None]:
    """``run``'s actions at a watched ``now``, each one's JSON by id (taken from ``known``
    where it is there), and until when time alone leaves them; the actions at ``now``
    itself, without JSON, if the watch cannot follow."""
    watch = Watch(now)
    known = known or {}
    try:
        _end_of_day.cache_clear()  # answers cached for a moment were not watched
        clock_words_in.cache_clear()
        # A watched now answers every question the rules ask of a datetime.
        actions = run(cast(datetime, WatchedNow(now, watch)))
        records = {a.id: known.get(a.id) or orjson.dumps(action_record(a, watch)) for a in actions}
    except (TypeError, AttributeError):  # a question the watch cannot follow
        return run(now), None, None
    return actions, records, watch.until


def _joined(actions: list[Action], records: dict[str, bytes]) -> str:
    """The actions' JSON array, from each one's JSON."""
    return (b"[" + b",".join(records[a.id] for a in actions) + b"]").decode()


def _window(now: datetime, *ends: datetime | None) -> datetime | None:
    """The earliest of ``ends`` (None: for ever), never before the next tick."""
    known = [e for e in ends if e is not None]
    if not known:
        return None
    return max(min(known), now + TICK) if min(known) <= now else min(known)


def _scoped(ctx: Context, memo: _Memo) -> list[Action] | None:
    """The actions after writes that each named the people and opportunities they
    touched: only those people's and opportunities' groups read again and proposed for
    again, the rules that compare across groups run on the facts pieced together, the
    rest kept. None when the writes since ``memo`` cannot be followed so (one named
    nothing, the settings' reach or an acceptance changed...): a full recompute then."""
    assert memo.facts is not None and memo.reach is not None
    if memo.kept.read_writes is None or memo.counts is None:
        return None
    profile = ctx.profile()
    now = ctx.now
    with collector_paused(), ctx.db.connect() as conn:
        version = kept_store.current_version(conn)
        reads = kept_store.read_writes(conn, TABLES_READ)
        if version is None or reads is None:
            return None
        touched = touches.chain(conn, memo.kept.read_writes, reads)
        counts = kept_store.table_counts(conn, kept_store.OTHER_MOMENTS)
        rows_read = _rows_read(conn)
        if touched is None or counts != memo.counts or rows_read != memo.kept.rows_read:
            return None
        if memo.groups is None:
            memo.groups = groups.groups(memo.facts)
        reach = memo.reach  # unless an opportunity's own settings changed: seen below
        read = _read_groups(conn, now, reach, memo.facts, memo.groups, touched)
        if read is None:
            return None
        nodes, fresh = read
        facts = groups.patched(memo.facts, fresh, nodes)
        # The other rows of moments are as they were: the window kept allows for them.
        facts_until = kept_store.facts_change_at(conn, now, reach, groups.scope_of(nodes))
        steady = kept_store.current_version(conn) == version
    overrides = [o.overrides for o in facts.opportunities.values() if o.overrides]
    if not steady or reach_in_force(ctx.settings, overrides) != reach:
        return None
    if memo.ended is None:
        memo.ended = _winners(wound_down(memo.facts))
    ended = wound_down(facts)
    winners = _winners(ended)
    if winners != memo.ended:
        return None
    ended_here = {o: a for o, a in ended.items() if o in fresh.opportunities}
    local = [r for r in load_rules() if r.name not in groups.ACROSS_GROUPS]
    across = [r for r in load_rules() if r.name in groups.ACROSS_GROUPS]

    scope = groups.scope_of(nodes)
    kept_now = [
        a for a in memo.actions if a.rule not in groups.ACROSS_GROUPS and not groups.about(a, scope)
    ]

    def run(at: datetime) -> list[Action]:
        proposed_now = run_rules(fresh, at, ctx.settings, profile, local, ended_here)
        if not all(groups.about(a, scope) for a in proposed_now):
            raise _Unscoped
        return sorted(
            kept_now + proposed_now + run_rules(facts, at, ctx.settings, profile, across, ended),
            key=urgency,
        )

    known = memo.records or {}
    unchanged = {a.id: known[a.id] for a in kept_now if a.id in known}
    with collector_paused():
        try:
            actions, records, watched_until = _watched(now, run, unchanged)
        except _Unscoped:
            return None
    if records is None:
        return None
    until = _window(now, memo.kept.valid_until, watched_until, facts_until)
    text = _joined(actions, records)
    kept = kept_store.Kept(version, memo.kept.fingerprint, now, until, text, reads, rows_read)
    _keep(ctx, kept)
    memo.groups.regroup(fresh, nodes)
    _KEPT[ctx.db.url] = _Memo(kept, actions, facts, reach, counts, memo.groups, records, winners)
    return actions


def _winners(ended: dict[int, Acceptance]) -> dict[int, tuple]:
    """What the rules read of the opportunities an acceptance wound down: which, and the
    acceptance's opportunity, organization and moment (a withdrawal names them)."""
    return {o: (a.opp.id, a.opp.organization_name, a.at) for o, a in ended.items()}


class _Unscoped(Exception):
    """A rule proposed, for the groups read, an action about someone outside them."""


def _read_groups(
    conn,
    now: datetime,
    reach: Reach,
    old: Facts,
    known: groups.Groups,
    touched: tuple[set[int], set[int]],
) -> tuple[set[groups.Node], Facts] | None:
    """The groups of what the writes touched, and their facts: read, and read again with
    the groups of anyone a write tied to them since, until no tie leaves them."""
    people, opportunities = touched
    organizations = touches.organizations_of(conn, people, opportunities)
    nodes = known.closure(
        [("p", p) for p in people]
        + [("o", o) for o in opportunities]
        + [("g", g) for g in organizations]
    )
    for _ in range(READS_MAX):
        fresh = load_facts(conn, now, reach, groups.scope_of(nodes))
        more = groups.beyond(fresh, nodes)
        if not more:
            # Achievements and events are as they were (their counts are the same).
            return nodes, replace(fresh, achievements=old.achievements, events=old.events)
        nodes |= known.closure(more)
    return None


#: How many times the groups of a write are widened before it is computed in full.
READS_MAX = 4


def action_record(action: Action, watch: Watch | None = None) -> dict:
    """An action as its documented JSON object (``tom actions --json`` prints these)."""
    if isinstance(action.due, WatchedNow):  # due at now: it moves with the clock
        if watch is not None:
            watch.ends_now()
        action.due = action.due.value
    return as_record(action)


def decisions(ctx: Context) -> dict[str, Decision]:
    with ctx.db.connect() as conn:
        return load_decisions(conn)


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
        _KEPT.pop(ctx.db.url, None)
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


def apply_decisions(actions: list[Action], decisions: dict[str, Decision], now: datetime):
    """Open actions (done and dismissed removed, snoozed hidden until their time)."""
    shown, hidden = [], 0
    for action in actions:
        decision = decisions.get(action.id)
        if decision is not None:
            if decision.status in (DecisionStatus.DONE, DecisionStatus.DISMISSED):
                continue
            if (
                decision.status is DecisionStatus.SNOOZED
                and decision.until
                and decision.until > now
            ):
                hidden += 1
                continue
        shown.append(action)
    return shown, hidden


def current_actions(ctx: Context) -> list[Action]:
    """The open actions, most urgent first."""
    return apply_decisions(proposed(ctx), decisions(ctx), ctx.now)[0]


def get_action(ctx: Context, action_id: str) -> Action:
    """The action with this id, open or decided; UnknownAction if no rule proposes it now."""
    for action in proposed(ctx):
        if action.id == action_id:
            return action
    raise UnknownAction(
        f"No current action has id '{action_id}'; it may be closed by evidence already. "
        "`tom actions` lists the open ones with their ids."
    )


def agenda(ctx: Context, days: int | None = None) -> Agenda:
    """Overdue, due today, and due in the next ``days`` days (default ``agenda_days``)."""
    days = ctx.settings.agenda_days if days is None else days
    if not 0 <= days <= AGENDA_DAYS_MAX:
        raise InvalidValue(f"--days must be from 0 to {AGENDA_DAYS_MAX:,}.")
    actions = proposed(ctx)
    shown, hidden = apply_decisions(actions, decisions(ctx), ctx.now)
    profile = ctx.profile()
    horizon = end_of_day(ctx.now, profile) + timedelta(days=days)
    result = Agenda(snoozed=hidden, days=days)
    for action in shown:
        if action.state in (ActionState.OVERDUE, ActionState.LATE):
            result.overdue.append(action)
        elif action.state is ActionState.DUE:
            result.today.append(action)
        elif action.due < horizon:
            result.upcoming.append(action)
        else:
            result.later.append(action)
    titles = {a.id: a.title for a in actions}
    with ctx.db.connect() as conn:
        recent = decision_store.decided_since(conn, ctx.now - timedelta(days=7))
    for decision in recent:
        if decision.status is DecisionStatus.DONE:
            decision.title = titles.get(decision.action_id, _title_from_id(decision.action_id))
            result.done_recently.append(decision)
    return result


def _title_from_id(action_id: str) -> str:
    return action_id.split(":", 1)[0].replace("-", " ").capitalize()


def decide(
    ctx: Context,
    action_id: str,
    status: str | DecisionStatus,
    note: str = "",
    until: str | datetime | None = None,
) -> Decision:
    """Record that an action is done, snoozed until a moment, or dismissed."""
    try:
        status = DecisionStatus(status)
    except ValueError:
        raise InvalidValue(
            f"'{status}' is not a decision; use done, snoozed or dismissed."
        ) from None
    action = get_action(ctx, action_id)
    moment = None
    if status is DecisionStatus.SNOOZED:
        moment = _until(ctx, until).astimezone(UTC)
    elif until is not None:
        raise InvalidValue("--until only goes with snooze.")
    decision = Decision(action.id, status, ctx.now, moment, note, title=action.title)
    with ctx.db.begin() as conn:
        decision_store.save_decision(conn, decision)
    return decision


def reopen(ctx: Context, action_id: str) -> tuple[Decision, Action | None]:
    """Forget the person's decision on ``action_id`` (done, snoozed or dismissed by mistake).

    Returns the decision forgotten and the action as the playbook proposes it now, or
    None when it no longer does (something recorded since closed it, or its window passed).
    """
    with ctx.db.begin() as conn:
        decision = decision_store.get_decision(conn, action_id)
        if decision is None:
            raise UnknownAction(
                f"'{action_id}' was not marked done, snoozed or dismissed, so there is nothing "
                "to reopen; `tom today` shows what is open."
            )
        decision_store.forget_decision(conn, action_id)
    return decision, next((a for a in current_actions(ctx) if a.id == action_id), None)


def _until(ctx: Context, until: str | datetime | None) -> datetime:
    from topofmind.services.when import parse_when

    profile = ctx.profile()
    if until is None:
        day = next_working_day(local(ctx.now, profile).date(), profile)
        return at_local(day, profile.work_start, profile)
    if isinstance(until, str):
        moment = parse_when(
            until, ctx.now, profile.timezone, profile.work_start, leaning="future"
        ).moment
    else:
        moment = until
    if moment <= ctx.now:
        raise InvalidValue(
            f"Snooze until a later moment than now ({until} is past); "
            "e.g. --until tomorrow, --until 'next week' or --until +3d."
        )
    return moment.astimezone(UTC)


def scores(ctx: Context) -> list[Score]:
    """Top-of-mind scores per active opportunity and key person (a read: nothing is
    recorded; ``record_scores`` keeps the day's figures)."""
    facts, actions = load(ctx)
    shown, _ = apply_decisions(actions, facts.decisions, ctx.now)
    return compute_scores(facts, shown, ctx.now, ctx.settings, ctx.profile())


def record_scores(ctx: Context) -> list[Score]:
    """Today's scores, recorded for the history chart (one figure per subject and day,
    the latest kept): the web app does it on its first request of each day, `tom score`
    each time it is run."""
    found = scores(ctx)
    with ctx.db.begin() as conn:
        score_store.record_scores(conn, local(ctx.now, ctx.profile()).date(), found)
    return found


def score_history(ctx: Context, kind: str, subject_id: int) -> list[tuple[date, int]]:
    """The recorded (day, score) figures of one opportunity or person, oldest first."""
    if kind not in ("opportunity", "person"):
        raise InvalidValue(f"'{kind}' has no score; use opportunity or person.")
    with ctx.db.connect() as conn:
        return score_store.history(conn, kind, subject_id)


def rules() -> list[Rule]:
    """The playbook's rules, in the order they are listed (`tom rules`, `--rule`)."""
    return load_rules()
