"""The kept agenda recomputed for the groups a write touched, not the whole record.

Writes that know what they are about (an interaction logged, a stage moved, each step
of an import or a sync) name their people and opportunities in ``agenda_touches``; a
decision the rules read (an update or a check-in marked done) names them in its
action's id. A process that holds the facts its kept
agenda was computed from follows the touches since (``store.touches.chain``), reads
again the groups of what they name (``playbook.groups``), pieces the facts together,
runs the rules that propose per person or opportunity on those groups alone and the few
that compare across everyone on the facts pieced together, and keeps the other actions
as they were. Anything it cannot follow so (a write that named nothing, the reach or an
acceptance changed, a rule proposing outside the groups) answers None: the caller then
recomputes everything. ``tests/services/test_kept_agenda.py`` proves the result
equal to a full recompute, byte for byte.

Time is followed per group too. Once the kept agenda's window ends with no write since
(on a busy record, someone's "12 min ago" soon changes), the groups are proposed for
one by one from the facts held, each with its own window (``recompute_expired``); from
then on, only the groups whose own window ended are proposed for again.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

import orjson

from topofmind.domain.actions import Action
from topofmind.domain.facts import Acceptance, Decision, Facts, Reach, Scope
from topofmind.playbook import groups
from topofmind.playbook.asked import one_run
from topofmind.playbook.engine import DECISIONS_READ, run_rules
from topofmind.playbook.offer import acceptances, accepted_among, ended_by, wound_down
from topofmind.playbook.reach import reach_in_force
from topofmind.playbook.registry import load_rules
from topofmind.playbook.states import urgency
from topofmind.services.context import Context
from topofmind.services.kept_agenda import (
    MEMOS,
    Memo,
    action_record,
    json_parts,
    keep,
    rows_read_digest,
    run_watched,
    window,
)
from topofmind.store import kept as kept_store
from topofmind.store import touches
from topofmind.store.contacts import contact_ties, scope_interactions
from topofmind.store.facts import TABLES_READ, load_decisions, load_facts

#: How many times the groups of a write are widened before it is computed in full.
READS_MAX = 4


@dataclass
class _Read:
    """What was read again after the writes: the record's version and counts then, the
    groups and their facts, the facts pieced together, and until when they hold."""

    version: int
    reads: int
    counts: dict[str, int]
    rows_read: str
    nodes: set[groups.Node]
    fresh: Facts
    fresh_ties: groups.Ties
    facts: Facts
    facts_until: datetime | None


def recompute_groups(ctx: Context, memo: Memo) -> list[Action] | None:
    """The actions after writes that each named the people and opportunities they
    touched, ``memo``'s kept but for those groups' and the rules' across groups; kept in
    turn. None when the writes since ``memo`` cannot be followed so."""
    assert memo.facts is not None and memo.reach is not None
    read = _read_again(ctx, memo)
    if read is None:
        return None
    overrides = [o.overrides for o in read.facts.opportunities.values() if o.overrides]
    if reach_in_force(ctx.settings, overrides) != memo.reach:
        return None  # an opportunity's own settings changed how far the facts reach
    ended = _wound_down_after(memo, read)
    if ended is None:
        return None
    found = _proposed(ctx, memo, read, ended)
    if found is None:
        return None
    actions, records, watched_until = found
    now = ctx.now
    until = window(now, memo.kept.valid_until, watched_until, read.facts_until)
    stored, known_parts = json_parts(actions, records, memo.known_parts)
    kept = kept_store.Kept(
        read.version, memo.kept.fingerprint, now, until, stored, read.reads, read.rows_read
    )
    keep(ctx, kept)
    assert memo.groups is not None
    gone, new = memo.groups.regroup(read.fresh, read.fresh_ties, read.nodes)
    windows = None
    if memo.windows is not None:  # the groups read again hold while all they ran with
        windows = {g: u for g, u in memo.windows.items() if g not in gone}
        windows.update(dict.fromkeys(new, watched_until))
    facts_until = min(
        (u for u in (memo.facts_until, read.facts_until) if u is not None), default=None
    )
    MEMOS[ctx.db.url] = Memo(
        kept,
        actions,
        read.facts,
        memo.reach,
        read.counts,
        memo.groups,
        records,
        memo.ended,
        memo.accepted,
        facts_until=facts_until,
        windows=windows,
        known_parts=known_parts,
    )
    return actions


def recompute_expired(ctx: Context, memo: Memo) -> list[Action] | None:
    """The actions once ``memo``'s window ended with no write since (``Memo.expired_only``):
    the groups whose own window ended (all of them, the first time) proposed for again
    from the facts held, each with its own window, the rules across groups run again,
    the other groups' actions kept; kept in turn. None when the groups cannot be told
    apart so (an action about no group, or about two)."""
    assert memo.facts is not None
    now = ctx.now
    if memo.groups is None:
        assert memo.reach is not None
        with ctx.db.connect() as conn:
            memo.groups = groups.groups(memo.facts, contact_ties(conn, now, memo.reach.contact))
    known = memo.groups
    parts = memo.parts if memo.parts is not None else groups.split(memo.facts, known)
    if parts is None:
        return None
    if memo.windows is None:
        due = set(parts)
    else:
        due = {g for g in parts if g not in memo.windows or _ended(memo.windows[g], now)}
    kept_now = _of_groups_not_due(memo.actions, known, due)
    if kept_now is None:
        return None
    found = _proposed_per_group(ctx, memo.facts, parts, due, known)
    if found is None:
        return None
    again, fragments, windows, across_until = found
    actions = sorted(kept_now + again, key=urgency)
    known_records = memo.records or {}
    for action in kept_now:
        if action.id not in fragments:
            fragments[action.id] = known_records.get(action.id) or orjson.dumps(
                action_record(action)
            )
    held = {g: u for g, u in (memo.windows or {}).items() if g in parts and g not in due}
    windows = held | windows
    until = window(now, *windows.values(), across_until, memo.facts_until)
    stored, known_parts = json_parts(actions, fragments, memo.known_parts)
    kept = kept_store.Kept(
        memo.kept.record_version,
        memo.kept.fingerprint,
        now,
        until,
        stored,
        memo.kept.read_writes,
        memo.kept.rows_read,
    )
    keep(ctx, kept)
    MEMOS[ctx.db.url] = replace(
        memo,
        kept=kept,
        actions=actions,
        records=fragments,
        parts=parts,
        windows=windows,
        known_parts=known_parts,
    )
    return actions


def _of_groups_not_due(
    actions: list[Action], known: groups.Groups, due: set[int]
) -> list[Action] | None:
    """Those of ``actions`` of a group not ``due``, but the rules' across groups; None if
    one is about no group, or about two."""
    kept = []
    for action in actions:
        if action.rule in groups.ACROSS_GROUPS:
            continue
        group = known.group_of(action)
        if group is None:
            return None
        if group not in due:
            kept.append(action)
    return kept


def _ended(until: datetime | None, now: datetime) -> bool:
    return until is not None and until <= now


def _proposed_per_group(
    ctx: Context, facts: Facts, parts: dict[int, Facts], due: set[int], known: groups.Groups
) -> tuple[list[Action], dict[str, bytes], dict[int, datetime | None], datetime | None] | None:
    """The actions of the groups ``due``, each group's run watched on its own, and of the
    rules across groups on all ``facts``: with each one's JSON, each group's window, and
    the window of the rules across groups."""
    profile = ctx.profile()
    local = [r for r in load_rules() if r.name not in groups.ACROSS_GROUPS]
    across = [r for r in load_rules() if r.name in groups.ACROSS_GROUPS]
    ended = wound_down(facts)
    actions: list[Action] = []
    fragments: dict[str, bytes] = {}
    windows: dict[int, datetime | None] = {}

    def add(found: list[Action], records: dict[str, bytes]) -> None:
        actions.extend(found)
        fragments.update(records)

    with one_run():  # one run: the answers about what the groups share are worked out once
        for group in sorted(due):
            part = parts[group]
            here = {o: ended[o] for o in part.opportunities if o in ended}

            def run(at: datetime, part: Facts = part, here: dict = here) -> list[Action]:
                return run_rules(part, at, ctx.settings, profile, local, here)

            found, records, until = run_watched(ctx.now, run)
            if records is None or any(known.group_of(a) != group for a in found):
                return None
            add(found, records)
            windows[group] = until
        found, records, across_until = run_watched(
            ctx.now, lambda at: run_rules(facts, at, ctx.settings, profile, across, ended)
        )
        if records is None:
            return None
        add(found, records)
    return actions, fragments, windows, across_until


def _read_again(ctx: Context, memo: Memo) -> _Read | None:
    """The groups the writes since ``memo`` touched, read again, and the facts pieced
    together; None unless every write since named what it touched (a decision the rules
    read names its action's people or opportunity), and nothing else the rules read
    changed (the other tables of moments, the profile)."""
    assert memo.facts is not None and memo.reach is not None
    if memo.kept.read_writes is None or memo.counts is None:
        return None
    with ctx.db.connect() as conn:
        version = kept_store.current_version(conn)
        reads = kept_store.read_writes(conn, TABLES_READ)
        if version is None or reads is None:
            return None
        touched = touches.chain(conn, memo.kept.read_writes, reads)
        counts = kept_store.table_counts(conn, kept_store.OTHER_MOMENTS)
        rows_read = rows_read_digest(conn)
        if touched is None or counts != memo.counts:
            return None
        if rows_read != memo.kept.rows_read:
            decided = _decided(conn, memo.facts.decisions, memo.kept.rows_read)
            if decided is None:
                return None
            touched = (touched[0] | decided[0], touched[1] | decided[1])
        if memo.groups is None:
            ties = contact_ties(conn, ctx.now, memo.reach.contact)
            memo.groups = groups.groups(memo.facts, ties)
        found = _read_groups(conn, ctx.now, memo.reach, memo.facts, memo.groups, touched)
        if found is None:
            return None
        nodes, scope, fresh, fresh_ties = found
        # The other rows of moments are as they were: the window kept allows for them.
        until = kept_store.facts_change_at(conn, ctx.now, memo.reach, scope)
        if kept_store.current_version(conn) != version:
            return None  # written meanwhile: the reads may not agree
    facts = groups.patched(memo.facts, fresh, nodes)
    return _Read(version, reads, counts, rows_read, nodes, fresh, fresh_ties, facts, until)


def _decided(
    conn, before: Mapping[str, Decision], digest: str | None
) -> tuple[set[int], set[int]] | None:
    """The people and opportunities of the actions whose decisions the rules read that
    changed since ``before`` was read (an update or a check-in marked done, a thank-you
    after a wish reopened...); None if the rows read changed otherwise (the profile), or
    a decision's action names neither."""
    if rows_read_digest(conn, before) != digest:
        return None
    now = load_decisions(conn)
    people: set[int] = set()
    opportunities: set[int] = set()
    for action_id in before.keys() | now.keys():
        if not action_id.startswith(DECISIONS_READ) or before.get(action_id) == now.get(action_id):
            continue
        named = groups.named_in(action_id)
        if named is None:
            return None
        people |= named[0]
        opportunities |= named[1]
    return people, opportunities


def _proposed(
    ctx: Context, memo: Memo, read: _Read, ended: Mapping[int, Acceptance]
) -> tuple[list[Action], dict[str, bytes], datetime | None] | None:
    """The actions (with each one's JSON, and until when time leaves them): the groups'
    proposed again, the rules' across groups run again, the others' kept."""
    profile = ctx.profile()
    scope = groups.scope_of(read.nodes)
    local = [r for r in load_rules() if r.name not in groups.ACROSS_GROUPS]
    across = [r for r in load_rules() if r.name in groups.ACROSS_GROUPS]
    ended_here = {o: ended[o] for o in read.fresh.opportunities if o in ended}
    kept_now = groups.kept_outside(memo.actions, scope)

    made: list[Action] = []

    def run(at: datetime) -> list[Action]:
        again = run_rules(read.fresh, at, ctx.settings, profile, local, ended_here)
        if not all(groups.about(a, scope) for a in again):
            raise _Unscoped
        everyone = run_rules(read.facts, at, ctx.settings, profile, across, ended)
        made[:] = again + everyone
        return _put_in_place(kept_now, made)

    # A memo of facts has every action's JSON (``Memo.records``): only the new are made.
    known = memo.records
    try:
        actions, records, until = run_watched(
            ctx.now, run, None if known is None else lambda _: made
        )
    except _Unscoped:
        return None
    if records is None:
        return None
    if known is None:
        return actions, records, until
    if len(known) > 2 * len(actions):  # the JSON of actions gone since is let go
        known = {a.id: known[a.id] for a in kept_now}
    return actions, known | records, until


def _put_in_place(ordered: list[Action], new: list[Action]) -> list[Action]:
    """``ordered`` (most urgent first) with ``new`` put in their places: the same list as
    ``sorted(ordered + new, key=urgency)``, without ordering again the thousands kept."""
    merged = list(ordered)
    for action in sorted(new, key=urgency):
        insort(merged, action, key=urgency)
    return merged


def _wound_down_after(memo: Memo, read: _Read) -> Mapping[int, Acceptance] | None:
    """The opportunities acceptances wind down after the writes: ``memo``'s, when the
    groups read again changed neither which offers were accepted nor which of their
    opportunities these end; else None (the rules across groups read them: a full
    recompute follows). Asked of the groups alone, not of every opportunity."""
    assert memo.facts is not None
    if memo.ended is None or memo.accepted is None:
        memo.accepted = acceptances(memo.facts)
        memo.ended = ended_by(memo.facts.opportunities.values(), memo.accepted)
    here = groups.scope_of(read.nodes).opportunities | read.fresh.opportunities.keys()
    before = {_winner(a) for a in memo.accepted if a.opp.id in here}
    if {_winner(a) for a in accepted_among(read.fresh.opportunities.values())} != before:
        return None
    now = ended_by(read.fresh.opportunities.values(), memo.accepted)
    for opp_id in here:
        if _winner(now.get(opp_id)) != _winner(memo.ended.get(opp_id)):
            return None
    return memo.ended


def _winner(acceptance: Acceptance | None) -> tuple | None:
    """What the rules read of the acceptance that winds an opportunity down: its
    opportunity, organization and moment (a withdrawal names them)."""
    if acceptance is None:
        return None
    return (acceptance.opp.id, acceptance.opp.organization_name, acceptance.at)


class _Unscoped(Exception):
    """A rule proposed, for the groups read, an action about someone outside them."""


def _read_groups(
    conn,
    now: datetime,
    reach: Reach,
    old: Facts,
    known: groups.Groups,
    touched: tuple[set[int], set[int]],
) -> tuple[set[groups.Node], Scope, Facts, groups.Ties] | None:
    """The groups of what the writes touched, their scope (with its interactions), and
    their facts: read, and read again with the groups of anyone a write tied to them
    since, until no tie leaves them."""
    people, opportunities = touched
    organizations = touches.organizations_of(conn, people, opportunities)
    nodes = known.closure(
        [("p", p) for p in people]
        + [("o", o) for o in opportunities]
        + [("g", g) for g in organizations]
    )
    for _ in range(READS_MAX):
        scope = groups.scope_of(nodes)
        scope = replace(scope, interactions=scope_interactions(conn, scope))
        fresh = load_facts(conn, now, reach, scope)
        ties = contact_ties(conn, now, reach.contact, scope)
        more = groups.beyond(fresh, ties, nodes)
        if not more:
            # Achievements and events are as they were (their counts are the same).
            fresh = replace(fresh, achievements=old.achievements, events=old.events)
            return nodes, scope, fresh, ties
        nodes |= known.closure(more)
    return None
