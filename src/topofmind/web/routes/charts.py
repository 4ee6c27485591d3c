"""Charts where a picture says more: score over time, actions done against due per week,
and how fast requests were answered. The page holds canvases; the data comes as JSON."""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from topofmind.services.context import Context
from topofmind.services.when import zone
from topofmind.store import charts as chart_store
from topofmind.store import opportunities as opp_store
from topofmind.web.app_context import get_context
from topofmind.web.pages import render

router = APIRouter()

WEEKS = 12
#: How long an answer took, as the buckets the chart shows.
ANSWER_BUCKETS = (
    ("within 4 h", timedelta(hours=4)),
    ("within a day", timedelta(days=1)),
    ("within 2 days", timedelta(days=2)),
    ("within a week", timedelta(days=7)),
    ("longer", None),
)
COLOURS = ("#2f6fdb", "#067647", "#b54708", "#b42318", "#6941c6", "#0e7090", "#c11574", "#4e5ba6")


@router.get("/charts", response_class=HTMLResponse, include_in_schema=False)
def charts_page(request: Request, ctx: Context = Depends(get_context)):
    return render(request, "charts.html", ctx)


@router.get("/api/charts/score/{kind}/{subject_id}", tags=["charts"])
def chart_score(kind: str, subject_id: int, ctx: Context = Depends(get_context)) -> dict:
    """Score history of one ``opportunity`` or ``person``, by day."""
    points = _history(ctx, kind, subject_id)
    return {
        "labels": [day for day, _ in points],
        "datasets": [
            {
                "label": "Score",
                "data": [score for _, score in points],
                "borderColor": COLOURS[0],
                "tension": 0.2,
            }
        ],
        "scales": {"y": {"min": 0, "max": 100}},
    }


@router.get("/api/charts/scores", tags=["charts"])
def chart_scores(ctx: Context = Depends(get_context)) -> dict:
    """Score history of every active opportunity, one line each, by day."""
    with ctx.db.connect() as conn:
        opps = [o for o in opp_store.list_opportunities(conn) if o.stage.is_active]
    series = {o.id: dict(_history(ctx, "opportunity", o.id)) for o in opps[: len(COLOURS)]}
    labels = sorted({day for points in series.values() for day in points})
    names = {o.id: f"{o.title} at {o.organization_name}" for o in opps}
    return {
        "labels": labels,
        "datasets": [
            {
                "label": names[opp_id],
                "data": [points.get(day) for day in labels],
                "borderColor": COLOURS[i % len(COLOURS)],
                "spanGaps": True,
                "tension": 0.2,
            }
            for i, (opp_id, points) in enumerate(series.items())
        ],
        "scales": {"y": {"min": 0, "max": 100}},
    }


def _history(ctx: Context, kind: str, subject_id: int) -> list[tuple[str, int]]:
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


def _week_start(moment: datetime, tz: str) -> str:
    local = moment.astimezone(zone(tz)).date()
    return (local - timedelta(days=local.weekday())).isoformat()


@router.get("/api/charts/actions", tags=["charts"])
def chart_actions(ctx: Context = Depends(get_context)) -> dict:
    """Per week (Mondays): actions that fell due, and actions marked done."""
    from topofmind.services.agenda import load

    since = ctx.now - timedelta(weeks=WEEKS)
    tz = ctx.timezone
    weeks = sorted({_week_start(since + timedelta(weeks=i), tz) for i in range(WEEKS + 1)})
    due = dict.fromkeys(weeks, 0)
    done = dict.fromkeys(weeks, 0)
    _, actions = load(ctx)
    for action in actions:
        week = _week_start(action.due, tz)
        if week in due and action.due <= ctx.now:
            due[week] += 1
    with ctx.db.connect() as conn:
        for moment in chart_store.done_since(conn, since):
            week = _week_start(moment, tz)
            if week in done:
                done[week] += 1
    return {
        "labels": weeks,
        "datasets": [
            {"label": "Fell due", "data": list(due.values()), "backgroundColor": COLOURS[2]},
            {"label": "Done", "data": list(done.values()), "backgroundColor": COLOURS[1]},
        ],
    }


@router.get("/api/charts/answers", tags=["charts"])
def chart_answers(ctx: Context = Depends(get_context)) -> dict:
    """How long requests waited for our first reply (last 90 days), with the unanswered."""
    with ctx.db.connect() as conn:
        found = chart_store.answers(conn, ctx.now - timedelta(days=90))
    counts = dict.fromkeys([label for label, _ in ANSWER_BUCKETS] + ["not yet"], 0)
    for answer in found:
        counts[answer_bucket(answer.asked_at, answer.answered_at)] += 1
    return {
        "labels": list(counts),
        "datasets": [
            {"label": "Requests", "data": list(counts.values()), "backgroundColor": COLOURS[0]}
        ],
    }


def answer_bucket(asked: datetime, answered: datetime | None) -> str:
    """The chart's bucket for a request asked at ``asked`` and answered at ``answered``."""
    if answered is None:
        return "not yet"
    waited = answered - asked
    for label, limit in ANSWER_BUCKETS:
        if limit is None or waited <= limit:
            return label
    return ANSWER_BUCKETS[-1][0]
