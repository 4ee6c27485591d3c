"""Opportunity: its people and their parts, timeline, questions, introduction, prep sheet,
and score history drawn as a chart; and the form to add one."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from topofmind.domain.enums import PIPELINE, QuestionCategory, Role
from topofmind.services import browse
from topofmind.services.context import Context
from topofmind.services.opportunities import add_opportunity, edit_opportunity
from topofmind.services.questions import add_question, mark_question_asked
from topofmind.services.timeline import timeline
from topofmind.web.app_context import get_context
from topofmind.web.pages import render
from topofmind.web.preparation import preparation_for

router = APIRouter()


@router.get("/opportunities/new", response_class=HTMLResponse, include_in_schema=False)
def opportunity_new_page(request: Request, ctx: Context = Depends(get_context)):
    organizations = browse.list_organizations(ctx)
    return render(
        request, "opportunity_new.html", ctx, organizations=organizations, stages=PIPELINE
    )


@router.post("/opportunities/new", include_in_schema=False)
def opportunity_add(
    title: str = Form(...),
    organization: str = Form(...),
    stage: str = Form("researching"),
    posting_url: str = Form(""),
    ctx: Context = Depends(get_context),
):
    opp = add_opportunity(ctx, title, organization, stage=stage, posting_url=posting_url)
    return RedirectResponse(f"/opportunities/{opp.id}", status_code=303)


@router.get("/opportunities/{opp_id}", response_class=HTMLResponse, include_in_schema=False)
def opportunity_page(request: Request, opp_id: int, ctx: Context = Depends(get_context)):
    story = timeline(ctx, "opp", f"#{opp_id}")
    opp = story.opportunities[0]
    actions = _open_actions(ctx, lambda a: a.opportunity_id == opp_id)
    return render(
        request,
        "opportunity.html",
        ctx,
        story=story,
        opp=opp,
        actions=actions,
        stages=PIPELINE,
        roles=list(Role),
        categories=list(QuestionCategory),
        prep=preparation_for(ctx, opp),
    )


@router.post("/opportunities/{opp_id}/questions", include_in_schema=False)
def question_add(
    opp_id: int,
    text: str = Form(...),
    category: str = Form("role"),
    ctx: Context = Depends(get_context),
):
    add_question(ctx, f"#{opp_id}", text, category)
    return RedirectResponse(f"/opportunities/{opp_id}#questions", status_code=303)


@router.post("/questions/{question_id}/asked", include_in_schema=False)
def question_asked(
    question_id: int,
    answer: str = Form(""),
    asked: bool = Form(True),
    ctx: Context = Depends(get_context),
):
    item = mark_question_asked(ctx, question_id, answer or None, asked=asked)
    return RedirectResponse(f"/opportunities/{item.opportunity_id}#questions", status_code=303)


@router.post("/opportunities/{opp_id}/people", include_in_schema=False)
def opportunity_involve(
    opp_id: int,
    person: str = Form(...),
    role: str = Form(...),
    ctx: Context = Depends(get_context),
):
    """Add someone with their part; a name no one has yet is added as a new person at
    the opportunity's organization (the page then lists them)."""
    edit_opportunity(ctx, f"#{opp_id}", add_people=[f"{person}={role}"], add_new_people=True)
    return RedirectResponse(f"/opportunities/{opp_id}", status_code=303)


@router.post("/opportunities/{opp_id}/edit", include_in_schema=False)
def opportunity_edit(
    opp_id: int,
    posting_url: str = Form(""),
    posting_text: str = Form(""),
    priority: int = Form(3),
    excitement: int = Form(3),
    notes: str = Form(""),
    ctx: Context = Depends(get_context),
):
    edit_opportunity(
        ctx,
        f"#{opp_id}",
        posting_url=posting_url,
        posting_text=posting_text,
        priority=priority,
        excitement=excitement,
        notes=notes,
    )
    return RedirectResponse(f"/opportunities/{opp_id}", status_code=303)


@router.post("/opportunities/{opp_id}/introduction", include_in_schema=False)
def introduction_make(opp_id: int, ctx: Context = Depends(get_context)):
    """Build the introduction from the profile and posting, and keep it."""
    from topofmind.services.preparation import get_introduction

    get_introduction(ctx, f"#{opp_id}", save=True)
    return RedirectResponse(f"/opportunities/{opp_id}#introduction", status_code=303)


@router.post("/opportunities/{opp_id}/questions/suggested", include_in_schema=False)
def questions_suggest(opp_id: int, ctx: Context = Depends(get_context)):
    """Add the suggested questions about vision, plans and challenges to the opportunity."""
    from topofmind.services.preparation import suggested_questions

    suggested_questions(ctx, f"#{opp_id}", save=True)
    return RedirectResponse(f"/opportunities/{opp_id}#questions", status_code=303)


def _open_actions(ctx: Context, keep) -> list:
    """The open actions ``keep`` accepts, most urgent first, as Today orders them."""
    from topofmind.services.agenda import current_actions

    return [a for a in current_actions(ctx) if keep(a)]
