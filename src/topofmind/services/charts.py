"""The figures behind the charts: score over time, actions due against done per week,
and how fast requests were answered. The pictures themselves are drawn by the edges."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from topofmind.services.context import Context
from topofmind.services.when import zone
from topofmind.store import charts as chart_store

#: Weeks of actions shown, before the current one.
WEEKS = 12
#: How far back requests are counted for the answers chart.
ANSWER_DAYS = 90
#: How long an answer took, as the buckets the chart shows.
ANSWER_BUCKETS = (
    ("within 4 h", timedelta(hours=4)),
    ("within a day", timedelta(days=1)),
    ("within 2 days", timedelta(days=2)),
    ("within a week", timedelta(days=7)),
    ("longer", None),
)
NOT_YET = "not yet"


def score_points(ctx: Context, kind: str, subject_id: int) -> list[tuple[str, int]]:
    """Score history of one ``opportunity`` or ``person``: (ISO day, score), oldest first."""
    from topofmind.services import agenda

    history = getattr(agenda, "score_history", None)
    if history is None:
        return []
    points = []
    for item in history(ctx, kind, subject_id):
        day = getattr(item, "day", None) or item[0]
        score = getattr(item, "score", None)
        points.append((str(day), item[1] if score is None else score))
    return points


def week_start(moment: datetime, tz: str) -> str:
    """The Monday of the week ``moment`` falls in, in zone ``tz``, as an ISO date."""
    local = moment.astimezone(zone(tz)).date()
    return (local - timedelta(days=local.weekday())).isoformat()


@dataclass
class WeeklyActions:
    #: Mondays, oldest first.
    weeks: list[str]
    #: Per week: actions that fell due (up to now).
    due: list[int]
    #: Per week: actions marked done.
    done: list[int]


def actions_per_week(ctx: Context, weeks: int = WEEKS) -> WeeklyActions:
    """Actions that fell due and actions marked done, per week, over the last ``weeks``."""
    from topofmind.services.agenda import load

    since = ctx.now - timedelta(weeks=weeks)
    tz = ctx.timezone
    mondays = sorted({week_start(since + timedelta(weeks=i), tz) for i in range(weeks + 1)})
    due = dict.fromkeys(mondays, 0)
    done = dict.fromkeys(mondays, 0)
    _, actions = load(ctx)
    for action in actions:
        week = week_start(action.due, tz)
        if week in due and action.due <= ctx.now:
            due[week] += 1
    with ctx.db.connect() as conn:
        for moment in chart_store.done_since(conn, since):
            week = week_start(moment, tz)
            if week in done:
                done[week] += 1
    return WeeklyActions(weeks=mondays, due=list(due.values()), done=list(done.values()))


def answer_bucket(asked: datetime, answered: datetime | None) -> str:
    """The chart's bucket for a request asked at ``asked`` and answered at ``answered``."""
    if answered is None:
        return NOT_YET
    waited = answered - asked
    for label, limit in ANSWER_BUCKETS:
        if limit is None or waited <= limit:
            return label
    return ANSWER_BUCKETS[-1][0]


def answer_counts(ctx: Context, days: int = ANSWER_DAYS) -> dict[str, int]:
    """Requests of the last ``days`` per answer bucket, the unanswered last."""
    with ctx.db.connect() as conn:
        found = chart_store.answers(conn, ctx.now - timedelta(days=days))
    counts = dict.fromkeys([label for label, _ in ANSWER_BUCKETS] + [NOT_YET], 0)
    for answer in found:
        counts[answer_bucket(answer.asked_at, answer.answered_at)] += 1
    return counts
