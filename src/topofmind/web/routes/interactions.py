"""Log an interaction: a fast form that shows the actions it created; and one interaction."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from topofmind.domain.enums import Direction, InteractionKind
from topofmind.errors import NotFound, TomError, UnknownPerson
from topofmind.services import browse
from topofmind.services.context import Context
from topofmind.services.interactions import LogEntry, log_interaction
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


#: The log form's fields, as the form posts them.
FIELDS = (
    "kind", "at", "opportunity", "subject", "points", "wishes", "request", "request_by",
    "summary", "direction",
)  # fmt: skip


def _form_values(ctx: Context, request: Request, given: dict | None = None) -> dict:
    """The form's choices and its fields' values: those ``given`` when it comes back with
    an error (nothing typed is lost), else now and what the link presets (?with=, ?kind=,
    ?opp=)."""
    local_now = ctx.now.astimezone(zone(ctx.timezone))
    opp = request.query_params.get("opp", "")
    form = {name: "" for name in FIELDS} | {
        "kind": request.query_params.get("kind", "interview"),
        "at": local_now.strftime("%Y-%m-%dT%H:%M"),
        "opportunity": f"#{opp}" if opp.isdigit() else opp,
        "with": request.query_params.getlist("with") or [""],
    }
    return {
        "kinds": list(InteractionKind),
        "directions": list(Direction),
        "opportunities": browse.open_opportunities(ctx),
        "form": form | (given or {}),
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
    add_new: bool = Form(False),
    ctx: Context = Depends(get_context),
):
    """Record the interaction, then show it with the actions it opened and closed; on an
    error, the form again with everything typed and what to change."""
    entry = LogEntry(
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
    from topofmind.services.changes import CHANGES_SHOWN, action_changes

    entry.add_new_people = add_new
    try:
        with action_changes(ctx) as changes:
            item = log_interaction(ctx, entry)
    except TomError as error:
        given = {
            "kind": kind, "at": at, "opportunity": opportunity, "subject": subject,
            "points": points, "wishes": wishes, "request": request_text,
            "request_by": request_by, "summary": summary, "direction": direction,
            "with": with_ or [""],
        }  # fmt: skip
        return _form_again(request, ctx, given, error)
    return render(
        request,
        "logged.html",
        ctx,
        item=item,
        changes=changes,
        shown=CHANGES_SHOWN,
        notices=list(ctx.notices),
    )


def _form_again(request: Request, ctx: Context, given: dict, error: TomError):
    """The log form as it was sent, with the error above it; names no one has get a
    button that adds them as new people and logs."""
    unknown = browse.unknown_names(ctx, given["with"]) if isinstance(error, UnknownPerson) else []
    if unknown:
        message = (
            f"Not in your record yet: {', '.join(unknown)}. Check the spelling, or add "
            f"{'them' if len(unknown) > 1 else 'this person'} as new."
        )
    else:
        message = str(error)
    return render(
        request,
        "log.html",
        ctx,
        status_code=404 if isinstance(error, NotFound) else 400,
        error=message,
        unknown=unknown,
        **_form_values(ctx, request, given),
    )


@router.get("/interactions/{interaction_id}", response_class=HTMLResponse, include_in_schema=False)
def interaction_page(request: Request, interaction_id: int, ctx: Context = Depends(get_context)):
    item = browse.get_interaction(ctx, interaction_id)
    return render(request, "interaction.html", ctx, interactions=[item], item=item)


@router.post(
    "/interactions/{interaction_id}/held", response_class=HTMLResponse, include_in_schema=False
)
def interaction_held(
    request: Request,
    interaction_id: int,
    summary: str = Form(""),
    points: str = Form(""),
    wishes: str = Form(""),
    ctx: Context = Depends(get_context),
):
    """Mark a scheduled conversation held, or add notes to one: never a second record."""
    from topofmind.services.held import HeldEntry, complete_conversation

    entry = HeldEntry(summary=summary.strip(), points=lines(points), wishes=lines(wishes))
    try:
        complete_conversation(ctx, interaction_id, entry)
    except TomError as error:
        item = browse.get_interaction(ctx, interaction_id)
        return render(
            request,
            "interaction.html",
            ctx,
            status_code=404 if isinstance(error, NotFound) else 400,
            interactions=[item],
            item=item,
            error=str(error),
        )
    return RedirectResponse(f"/interactions/{interaction_id}", status_code=303)
