"""Log an interaction: a fast form that shows the actions it created; and one interaction."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse

from topofmind.domain.enums import Direction, InteractionKind
from topofmind.services import browse, record
from topofmind.services.context import Context
from topofmind.services.when import zone
from topofmind.web.app_context import get_context
from topofmind.web.pages import render

router = APIRouter()


def lines(text: str) -> list[str]:
    """One item per non-empty line of a text area."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def in_zone(text: str, tz: str) -> str:
    """A form's local date and time ("2026-11-24T13:00") as a moment in the person's zone.

    The browser's datetime-local field has no zone; the form means the person's own.
    Anything else (e.g. "yesterday 15:00") is passed on for the usual parsing.
    """
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone(tz))
    return moment.isoformat()


def _form_values(ctx: Context, request: Request) -> dict:
    opps = browse.open_opportunities(ctx)
    local_now = ctx.now.astimezone(zone(ctx.timezone))
    return {
        "kinds": list(InteractionKind),
        "directions": list(Direction),
        "opportunities": opps,
        "default_at": local_now.strftime("%Y-%m-%dT%H:%M"),
        "preset_with": request.query_params.getlist("with") or [""],
        "preset_kind": request.query_params.get("kind", "interview"),
        "preset_opp": request.query_params.get("opp", ""),
    }


@router.get("/log", response_class=HTMLResponse, include_in_schema=False)
def log_page(request: Request, ctx: Context = Depends(get_context)):
    return render(request, "log.html", ctx, **_form_values(ctx, request))


@router.post("/log", response_class=HTMLResponse, include_in_schema=False)
def log_add(
    request: Request,
    kind: str = Form(...),
    with_: list[str] = Form([], alias="with"),
    opportunity: str = Form(""),
    at: str = Form(""),
    direction: str = Form(""),
    subject: str = Form(""),
    summary: str = Form(""),
    points: str = Form(""),
    wishes: str = Form(""),
    request_text: str = Form("", alias="request"),
    request_by: str = Form(""),
    ctx: Context = Depends(get_context),
):
    """Record the interaction, then show it with the actions it opened and closed."""
    entry = record.LogEntry(
        kind=kind,
        with_=[w for w in with_ if w.strip()],
        opportunity=opportunity or None,
        at=in_zone(at, ctx.timezone) or None,
        direction=direction or None,
        subject=subject,
        summary=summary,
        points=lines(points),
        wishes=lines(wishes),
        request=request_text.strip() or None,
        request_by=request_by or None,
    )
    from topofmind.services.agenda import CHANGES_SHOWN, action_changes

    with action_changes(ctx) as changes:
        item = record.log_interaction(ctx, entry)
    return render(
        request,
        "logged.html",
        ctx,
        item=item,
        changes=changes,
        shown=CHANGES_SHOWN,
        notices=list(ctx.notices),
    )


@router.get("/interactions/{interaction_id}", response_class=HTMLResponse, include_in_schema=False)
def interaction_page(request: Request, interaction_id: int, ctx: Context = Depends(get_context)):
    item = browse.get_interaction(ctx, interaction_id)
    return render(request, "interaction.html", ctx, interactions=[item], item=item)
