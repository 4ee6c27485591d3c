"""The agenda: the playbook's actions for now, after the person's decisions, and the score.

The rules' output is kept between runs (``proposed``: the kept agenda, in
``services.kept_agenda``); a decision (done, snoozed, dismissed) is stored under the
action's id. Reads never write but to
keep that cache; today's scores are recorded by their own call (``record_scores``).
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from cachetools import LRUCache

from topofmind.domain.actions import Action, ActionState, Decision
from topofmind.domain.enums import DecisionStatus
from topofmind.domain.facts import Facts
from topofmind.errors import InvalidValue, UnknownAction
from topofmind.playbook.engine import run_rules
from topofmind.playbook.reach import reach_in_force
from topofmind.playbook.registry import Rule, load_rules
from topofmind.playbook.score import Score
from topofmind.playbook.score import scores as compute_scores
from topofmind.playbook.timing import at_local, end_of_day, local, next_working_day
from topofmind.services.context import Context
from topofmind.services.kept_agenda import collector_paused, proposed
from topofmind.store import decisions as decision_store
from topofmind.store import kept as kept_store
from topofmind.store import scores as score_store
from topofmind.store.facts import load_decisions, load_facts, opportunity_overrides


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


def decisions(ctx: Context) -> dict[str, Decision]:
    with ctx.db.connect() as conn:
        return load_decisions(conn)


#: (id of the actions proposed, now) -> (those actions, the decisions, the open actions,
#: how many hidden): a write and the pages after it ask for the same open actions.
_OPEN: LRUCache[tuple, tuple[list[Action], dict, list[Action], int]] = LRUCache(maxsize=4)
_OPEN_LOCK = threading.Lock()


def apply_decisions(
    actions: list[Action], decisions: dict[str, Decision], now: datetime
) -> tuple[list[Action], int]:
    """Open actions (done and dismissed removed, snoozed hidden until their time), and
    how many are hidden; the same list again when asked of the same actions,
    decisions and moment."""
    key = (id(actions), now)
    with _OPEN_LOCK:
        last = _OPEN.get(key)
    if last is not None and last[0] is actions and last[1] == decisions:
        return list(last[2]), last[3]
    shown, hidden = _open(actions, decisions, now)
    with _OPEN_LOCK:
        _OPEN[key] = (actions, decisions, shown, hidden)
    return list(shown), hidden


def _open(actions: list[Action], decisions: dict[str, Decision], now: datetime):
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
    with ctx.db.connect() as conn:
        recent = decision_store.decided_since(conn, ctx.now - timedelta(days=7))
    done = [d for d in recent if d.status is DecisionStatus.DONE]
    titles = _titles(actions, {d.action_id for d in done})
    for decision in done:
        decision.title = titles.get(decision.action_id, _title_from_id(decision.action_id))
        result.done_recently.append(decision)
    return result


def _titles(actions: list[Action], wanted: set[str]) -> dict[str, str]:
    """The titles of the actions ``wanted`` among ``actions``."""
    titles: dict[str, str] = {}
    if wanted:
        for action in actions:
            if action.id in wanted:
                titles[action.id] = action.title
                if len(titles) == len(wanted):
                    break
    return titles


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
