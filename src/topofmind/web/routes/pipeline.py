"""Pipeline: opportunities as a board by stage, each card with its score and next action."""

from __future__ import annotations

from typing import Any

from cachetools import LRUCache
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup

from topofmind.domain.enums import PIPELINE, Stage
from topofmind.services import board
from topofmind.services.context import Context
from topofmind.services.inputs import parse_choice
from topofmind.services.opportunities import change_stage
from topofmind.web.app_context import get_context
from topofmind.web.freshness import version
from topofmind.web.pages import is_htmx, render

router = APIRouter()

#: Cards shown per column before "Show more".
PAGE = 40


#: The board's scores and next actions, for the record version they were computed at.
_BOARD: LRUCache[tuple, Any] = LRUCache(maxsize=2)


def stage_options() -> dict[Stage, Markup]:
    """Each stage's <option> list with that stage selected, built once for every card."""
    found = {}
    for current in PIPELINE:
        found[current] = Markup("").join(
            Markup('<option value="{}"{}>{}</option>').format(
                stage.value, Markup(" selected") if stage is current else "", stage.label
            )
            for stage in PIPELINE
        )
    return found


STAGE_OPTIONS = stage_options()


def board_facts(ctx: Context) -> tuple[dict, dict]:
    """Scores and the next action per opportunity id, each computed once for the board.

    Computing scores records today's figures (a write), which would make every later
    view of the board start afresh; so the result is kept under the record version as
    it stands after that write, and reused until something else changes.
    """
    from topofmind.services import agenda

    key = version(ctx)
    found = _BOARD.get(key)
    if found is not None:
        return found
    next_by_opp: dict[int, object] = {}
    for action in agenda.current_actions(ctx):  # most urgent first, as on Today
        if action.opportunity_id is not None and action.opportunity_id not in next_by_opp:
            next_by_opp[action.opportunity_id] = action
    score_by_opp = {s.subject_id: s for s in agenda.scores(ctx) if s.subject_kind == "opportunity"}
    found = (score_by_opp, next_by_opp)
    _BOARD[key] = found
    return found


@router.get("/pipeline", response_class=HTMLResponse, include_in_schema=False)
def pipeline_page(request: Request, ctx: Context = Depends(get_context)):
    opportunities = board.cards(ctx)
    score_by_opp, next_by_opp = board_facts(ctx)
    columns = [(stage, [o for o in opportunities if o.stage is stage]) for stage in PIPELINE]
    return render(
        request,
        "pipeline.html",
        ctx,
        columns=columns,
        page=PAGE,
        stage_options=STAGE_OPTIONS,
        scores=score_by_opp,
        next_actions=next_by_opp,
    )


@router.get("/pipeline/{stage}", response_class=HTMLResponse, include_in_schema=False)
def pipeline_more(
    request: Request, stage: str, offset: int = PAGE, ctx: Context = Depends(get_context)
):
    """The next cards of one column, for its "Show more" button."""
    wanted = parse_choice(Stage, stage, "stage")
    opportunities = board.cards(ctx, wanted)
    score_by_opp, next_by_opp = board_facts(ctx)
    return render(
        request,
        "_opp_cards.html",
        ctx,
        opps=opportunities[offset : offset + PAGE],
        stage=wanted,
        rest=max(0, len(opportunities) - offset - PAGE),
        next_offset=offset + PAGE,
        page=PAGE,
        stage_options=STAGE_OPTIONS,
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
    opp = change_stage(ctx, f"#{opp_id}", stage)
    if not is_htmx(request) and request.headers.get("x-csrf-token") is None:
        return RedirectResponse(f"/opportunities/{opp_id}", status_code=303)
    score_by_opp, next_by_opp = board_facts(ctx)
    return render(
        request,
        "_opp_card.html",
        ctx,
        opp=opp,
        stage_options=STAGE_OPTIONS,
        scores=score_by_opp,
        next_actions=next_by_opp,
    )
