"""Today: the agenda grouped by urgency with why-now, decisions in one click, the week done."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from topofmind.services.context import Context
from topofmind.web.app_context import get_context
from topofmind.web.pages import is_htmx, render

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def today_page(request: Request, ctx: Context = Depends(get_context)):
    from topofmind.services.agenda import agenda

    if ctx.profile(required=False) is None:
        return RedirectResponse("/profile", status_code=303)
    found = agenda(ctx)
    groups = [
        ("Overdue", "overdue", found.overdue),
        ("Today", "today", found.today),
        ("Coming up", "upcoming", found.upcoming),
    ]
    return render(
        request,
        "today.html",
        ctx,
        groups=groups,
        total=sum(len(actions) for _, _, actions in groups),
        done=found.done_recently,
        profile=ctx.profile(required=False),
    )


@router.post("/actions/{action_id}/decide", response_class=HTMLResponse, include_in_schema=False)
def action_decide(
    request: Request,
    action_id: str,
    status: str = Form(...),
    until: str = Form(""),
    note: str = Form(""),
    ctx: Context = Depends(get_context),
):
    """Done, snoozed or dismissed: the card is replaced by a one-line confirmation."""
    from topofmind.services.agenda import decide, get_action

    action = get_action(ctx, action_id)
    decision = decide(ctx, action_id, status, note=note, until=until.strip() or None)
    if not is_htmx(request):
        return RedirectResponse("/", status_code=303)
    return render(request, "_decided.html", ctx, action=action, decision=decision)
