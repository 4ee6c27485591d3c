"""The JSON API: what the pages show, for scripts and other tools, documented at /docs.

Changes need the CSRF token like the pages do: ``GET /api/session`` returns it and
sets the session cookie; send it back in the ``X-CSRF-Token`` header.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field

from topofmind.services import browse
from topofmind.services.context import Context
from topofmind.services.interactions import LogEntry, log_interaction
from topofmind.services.opportunities import change_stage
from topofmind.services.search import search
from topofmind.services.timeline import timeline
from topofmind.web.app_context import get_context
from topofmind.web.pages import remember_session, render
from topofmind.web.security import csrf_token

router = APIRouter(prefix="/api")


def _json(value: Any) -> Any:
    return jsonable_encoder(value)


@router.get("/session", tags=["session"])
def api_session(request: Request) -> JSONResponse:
    """The CSRF token for this session (and the session cookie, when new)."""
    response = JSONResponse({"csrf_token": csrf_token(request)})
    remember_session(request, response)
    return response


@router.get("/agenda", tags=["agenda"])
def api_agenda(days: int | None = None, ctx: Context = Depends(get_context)) -> dict:
    """Open actions grouped by urgency, and what was done in the last week."""
    from topofmind.services.agenda import agenda

    found = agenda(ctx, days)
    return _json(
        {
            "overdue": found.overdue,
            "today": found.today,
            "upcoming": found.upcoming,
            "done_recently": found.done_recently,
            "snoozed": found.snoozed,
        }
    )


@router.get("/actions", tags=["agenda"])
def api_actions(ctx: Context = Depends(get_context)) -> list:
    """Every open action, most urgent first."""
    from topofmind.services.agenda import current_actions

    return _json(current_actions(ctx))


class DecisionIn(BaseModel):
    status: str = Field(description="done, snoozed or dismissed")
    until: str | None = Field(None, description="For snoozed: until when (default: tomorrow)")
    note: str = ""


@router.post("/actions/{action_id}/decision", tags=["agenda"])
def api_decide(action_id: str, body: DecisionIn, ctx: Context = Depends(get_context)) -> dict:
    """Mark an action done, snooze it, or dismiss it."""
    from topofmind.services.agenda import decide

    return _json(decide(ctx, action_id, body.status, note=body.note, until=body.until))


@router.delete("/actions/{action_id}/decision", tags=["agenda"])
def api_reopen(action_id: str, ctx: Context = Depends(get_context)) -> dict:
    """Forget the decision on an action (undo done, snooze or dismiss); returns the decision
    forgotten and the action as proposed now, or null when nothing proposes it any more."""
    from topofmind.services.agenda import reopen

    decision, action = reopen(ctx, action_id)
    return {"forgotten": _json(decision), "action": _json(action) if action else None}


@router.get("/opportunities", tags=["record"])
def api_opportunities(ctx: Context = Depends(get_context)) -> list:
    return _json(browse.list_opportunities(ctx))


@router.get("/opportunities/{opp_id}", tags=["record"])
def api_opportunity(opp_id: int, ctx: Context = Depends(get_context)) -> dict:
    """One opportunity with its people, questions and timeline."""
    return _json(timeline(ctx, "opp", f"#{opp_id}"))


class StageIn(BaseModel):
    stage: str


@router.post("/opportunities/{opp_id}/stage", tags=["record"])
def api_stage(opp_id: int, body: StageIn, ctx: Context = Depends(get_context)) -> dict:
    return _json(change_stage(ctx, f"#{opp_id}", body.stage))


@router.get("/people", tags=["record"])
def api_people(ctx: Context = Depends(get_context)) -> list:
    return _json(browse.list_people(ctx))


@router.get("/people/{person_id}", tags=["record"])
def api_person(person_id: int, ctx: Context = Depends(get_context)) -> dict:
    return _json(timeline(ctx, "person", f"#{person_id}"))


class InteractionIn(BaseModel):
    kind: str = Field(description="interview, phone-screen, meeting, email, call, ...")
    with_: list[str] = Field(alias="with", description="Names, ids (#12) or addresses")
    opportunity: str | None = None
    at: str | None = Field(None, description="When (default now), e.g. 'today 15:00'")
    ends_at: str | None = None
    direction: str | None = None
    subject: str = ""
    summary: str = ""
    points: list[str] = []
    wishes: list[str] = []
    request: str | None = None
    request_by: str | None = None


@router.post("/interactions", tags=["record"])
def api_log(body: InteractionIn, ctx: Context = Depends(get_context)) -> dict:
    """Log an interaction; returns it with the actions it created and closed."""
    from topofmind.services.changes import action_changes

    entry = LogEntry(
        kind=body.kind,
        with_=body.with_,
        opportunity=body.opportunity,
        at=body.at,
        ends_at=body.ends_at,
        direction=body.direction,
        subject=body.subject,
        summary=body.summary,
        points=body.points,
        wishes=body.wishes,
        request=body.request,
        request_by=body.request_by,
    )
    with action_changes(ctx) as changes:
        item = log_interaction(ctx, entry)
    return _json(
        {
            "interaction": item,
            "created": changes.created,
            "closed": changes.closed,
            "notices": ctx.notices,
        }
    )


@router.get("/search", tags=["search"])
def api_search(
    q: str = Query(..., description="Words to find"), ctx: Context = Depends(get_context)
) -> list:
    return _json(search(ctx, q))


@router.get("/batches", tags=["import"])
def api_batches(ctx: Context = Depends(get_context)) -> list:
    from topofmind.services.imports import list_batches

    return _json(list_batches(ctx))


docs_router = APIRouter()


@docs_router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs(request: Request):
    """Swagger UI from our own static files, so the page's CSP holds here too."""
    return render(request, "docs.html")
