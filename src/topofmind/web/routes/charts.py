"""Charts where a picture says more: score over time, actions done against due per week,
and how fast requests were answered. The page holds canvases; the data comes as JSON."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from topofmind.services import browse
from topofmind.services import charts as chart_figures
from topofmind.services.context import Context
from topofmind.services.lookup import stored_id
from topofmind.web.app_context import get_context
from topofmind.web.pages import render

router = APIRouter()

COLOURS = ("#2f6fdb", "#067647", "#b54708", "#b42318", "#6941c6", "#0e7090", "#c11574", "#4e5ba6")


@router.get("/charts", response_class=HTMLResponse, include_in_schema=False)
def charts_page(request: Request, ctx: Context = Depends(get_context)):
    return render(request, "charts.html", ctx)


#: A count's axis: from zero, whole numbers only (not 0.1, 0.2 … of an action).
COUNTS = {"y": {"beginAtZero": True, "ticks": {"precision": 0}}}


@router.get("/api/charts/score/{kind}/{subject_id}", tags=["charts"])
def chart_score(kind: str, subject_id: int, ctx: Context = Depends(get_context)) -> dict:
    """Score history of one ``opportunity`` or ``person``, by day."""
    points = chart_figures.score_points(ctx, kind, subject_id)
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
    opps = browse.active_opportunities(ctx)
    series = {
        stored_id(o): dict(chart_figures.score_points(ctx, "opportunity", stored_id(o)))
        for o in opps[: len(COLOURS)]
    }
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
        "legend": True,  # even one line says which opportunity it is
    }


@router.get("/api/charts/actions", tags=["charts"])
def chart_actions(ctx: Context = Depends(get_context)) -> dict:
    """Per week (Mondays): actions that fell due, and actions marked done."""
    weekly = chart_figures.actions_per_week(ctx)
    return {
        "labels": weekly.weeks,
        "datasets": [
            {"label": "Fell due", "data": weekly.due, "backgroundColor": COLOURS[2]},
            {"label": "Done", "data": weekly.done, "backgroundColor": COLOURS[1]},
        ],
        "scales": COUNTS,
    }


@router.get("/api/charts/answers", tags=["charts"])
def chart_answers(ctx: Context = Depends(get_context)) -> dict:
    """How long requests waited for our first reply (last 90 days), with the unanswered."""
    counts = chart_figures.answer_counts(ctx)
    return {
        "labels": list(counts),
        "datasets": [
            {"label": "Requests", "data": list(counts.values()), "backgroundColor": COLOURS[0]}
        ],
        "scales": COUNTS,
    }
