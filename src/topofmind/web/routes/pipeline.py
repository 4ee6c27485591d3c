"""Pipeline: opportunities as a board by stage, each card with its score and next action."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from topofmind.domain.enums import PIPELINE
from topofmind.services import record
from topofmind.services.context import Context
from topofmind.store import opportunities as opp_store
from topofmind.web.app_context import get_context
from topofmind.web.pages import is_htmx, render

router = APIRouter()


def board_facts(ctx: Context) -> tuple[dict, dict]:
    """Scores and the next action per opportunity id, each computed once for the board."""
    from topofmind.services import agenda

    scores = getattr(agenda, "scores", None)
    score_by_opp = {
        s.subject_id: s for s in (scores(ctx) if scores else []) if s.subject_kind.startswith("opp")
    }
    next_by_opp: dict[int, object] = {}
    for action in sorted(agenda.current_actions(ctx), key=lambda a: a.due):
        if action.opportunity_id is not None and action.opportunity_id not in next_by_opp:
            next_by_opp[action.opportunity_id] = action
    return score_by_opp, next_by_opp


@router.get("/pipeline", response_class=HTMLResponse, include_in_schema=False)
def pipeline_page(request: Request, ctx: Context = Depends(get_context)):
    with ctx.db.connect() as conn:
        opportunities = opp_store.list_opportunities(conn)
    score_by_opp, next_by_opp = board_facts(ctx)
    columns = [(stage, [o for o in opportunities if o.stage is stage]) for stage in PIPELINE]
    return render(
        request,
        "pipeline.html",
        ctx,
        columns=columns,
        stages=PIPELINE,
        scores=score_by_opp,
        next_actions=next_by_opp,
    )


@router.post("/opportunities/{opp_id}/stage", response_class=HTMLResponse, include_in_schema=False)
def opportunity_stage(
    request: Request,
    opp_id: int,
    stage: str = Form(...),
    ctx: Context = Depends(get_context),
):
    """Move a card: by dragging it (our JS posts here) or by its menu (htmx)."""
    opp = record.change_stage(ctx, f"#{opp_id}", stage)
    if not is_htmx(request) and request.headers.get("x-csrf-token") is None:
        return RedirectResponse(f"/opportunities/{opp_id}", status_code=303)
    score_by_opp, next_by_opp = board_facts(ctx)
    return render(
        request,
        "_opp_card.html",
        ctx,
        opp=opp,
        stages=PIPELINE,
        scores=score_by_opp,
        next_actions=next_by_opp,
    )
