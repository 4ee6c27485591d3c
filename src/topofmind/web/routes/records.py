"""Achievements, events and questions: lists with a form to add each, and their toggles."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from topofmind.domain.actions import Action
from topofmind.domain.enums import AchievementKind, QuestionCategory
from topofmind.services import browse
from topofmind.services.achievements import add_achievement
from topofmind.services.context import Context
from topofmind.services.events import add_event, mark_event
from topofmind.services.questions import add_question
from topofmind.web.app_context import get_context
from topofmind.web.pages import render

router = APIRouter()


@router.get("/achievements", response_class=HTMLResponse, include_in_schema=False)
def achievements_page(
    request: Request, added: int | None = None, ctx: Context = Depends(get_context)
):
    """The achievements; after adding one (``?added=ID``), what the agenda now proposes
    about it, worked out afresh, so reloading the page shows the same."""
    from topofmind.services.agenda import current_actions
    from topofmind.services.changes import CHANGES_SHOWN

    items = browse.list_achievements(ctx)
    new = next((a for a in items if a.id == added), None)
    told = [a for a in current_actions(ctx) if _about(a, added)] if new else []
    return render(
        request,
        "achievements.html",
        ctx,
        items=items,
        kinds=list(AchievementKind),
        added=new,
        told=told,
        shown=CHANGES_SHOWN,
    )


def _about(action: Action, achievement_id: int | None) -> bool:
    refs = action.refs
    return achievement_id in refs.get("achievement_ids", [refs.get("achievement_id")])


@router.post("/achievements", include_in_schema=False)
def achievement_add(
    title: str = Form(...),
    kind: str = Form("project"),
    on: str = Form(""),
    url: str = Form(""),
    description: str = Form(""),
    ctx: Context = Depends(get_context),
):
    item = add_achievement(ctx, title, kind, on or None, url, description)
    return RedirectResponse(f"/achievements?added={item.id}", status_code=303)


@router.get("/events", response_class=HTMLResponse, include_in_schema=False)
def events_page(request: Request, ctx: Context = Depends(get_context)):
    items = browse.list_events(ctx)
    return render(request, "events.html", ctx, items=items)


@router.post("/events", include_in_schema=False)
def event_add(
    title: str = Form(...),
    at: str = Form(...),
    organization: str = Form(""),
    url: str = Form(""),
    registered: bool = Form(False),
    ctx: Context = Depends(get_context),
):
    add_event(ctx, title, at, organization or None, url=url, registered=registered)
    return RedirectResponse("/events", status_code=303)


@router.post("/events/{event_id}/mark", include_in_schema=False)
def event_mark(
    event_id: int,
    registered: bool | None = Form(None),
    attended: bool | None = Form(None),
    ctx: Context = Depends(get_context),
):
    mark_event(ctx, event_id, registered=registered, attended=attended)
    return RedirectResponse("/events", status_code=303)


@router.get("/questions", response_class=HTMLResponse, include_in_schema=False)
def questions_page(request: Request, ctx: Context = Depends(get_context)):
    items, opps = browse.questions_with_opportunities(ctx)
    return render(
        request,
        "questions.html",
        ctx,
        items=items,
        opportunities=opps,
        categories=list(QuestionCategory),
    )


@router.post("/questions", include_in_schema=False)
def question_add(
    opportunity: str = Form(...),
    text: str = Form(...),
    category: str = Form("role"),
    ctx: Context = Depends(get_context),
):
    add_question(ctx, opportunity, text, category)
    return RedirectResponse("/questions", status_code=303)
