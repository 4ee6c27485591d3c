"""Today: the agenda grouped by urgency with why-now, decisions in one click, the week done."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from topofmind.errors import InvalidValue
from topofmind.services.context import Context
from topofmind.web.app_context import get_context
from topofmind.web.freshness import Recent, version
from topofmind.web.pages import is_htmx, remember_session, render
from topofmind.web.security import csrf_token

router = APIRouter()

#: Cards shown per group before "Show more": a page of hundreds of cards helps no one
#: (and renders slowly); the rest load on request.
PAGE = 25
GROUPS = {"overdue": "Overdue", "today": "Today", "upcoming": "Coming up"}
#: Today as last rendered, per record version, with a slot for each browser's token.
_PAGES = Recent(size=4)
TOKEN_SLOT = b"csrf-token-slot-7f3a"


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def today_page(request: Request, ctx: Context = Depends(get_context)):

    if ctx.profile(required=False) is None:
        return RedirectResponse("/profile", status_code=303)
    key = version(ctx)
    body = _PAGES.get(key)
    if body is None:
        body = _render_today(request, ctx).body
        _PAGES.put(key, body)
    # The page is the same for every browser but for its security token.
    response = HTMLResponse(body.replace(TOKEN_SLOT, csrf_token(request).encode()))
    remember_session(request, response)
    return response


def _render_today(request: Request, ctx: Context):
    from topofmind.services.agenda import agenda

    found = agenda(ctx)
    groups = [(GROUPS[name], name, getattr(found, name)) for name in GROUPS]
    return render(
        request,
        "today.html",
        ctx,
        groups=groups,
        page=PAGE,
        total=sum(len(actions) for _, _, actions in groups),
        done=found.done_recently,
        next_later=None if found.count else found.next_later,
        later_count=len(found.later),
        days=found.days,
        profile=ctx.profile(required=False),
        csrf_token=TOKEN_SLOT.decode(),
    )


@router.get("/today/{group}", response_class=HTMLResponse, include_in_schema=False)
def today_more(
    request: Request, group: str, offset: int = PAGE, ctx: Context = Depends(get_context)
):
    """The next cards of one group, for its "Show more" button."""
    from topofmind.services.agenda import agenda

    if group not in GROUPS:
        raise InvalidValue(f"No group '{group}' on Today: choose overdue, today or upcoming.")
    actions = getattr(agenda(ctx), group)
    return render(
        request,
        "_actions_page.html",
        ctx,
        actions=actions[offset : offset + PAGE],
        key=group,
        rest=max(0, len(actions) - offset - PAGE),
        next_offset=offset + PAGE,
        page=PAGE,
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
    """Done, snoozed or dismissed: the card is replaced by a one-line confirmation and
    what followed from it (a hand-closed thank-you frees the point it carried, say)."""
    from topofmind.services.agenda import action_changes, decide, get_action

    action = get_action(ctx, action_id)
    with action_changes(ctx) as changes:
        decision = decide(ctx, action_id, status, note=note, until=until.strip() or None)
    return _confirmed(
        request, ctx, "_decided.html", action_id, changes, action=action, decision=decision
    )


@router.post("/actions/{action_id}/reopen", response_class=HTMLResponse, include_in_schema=False)
def action_reopen(request: Request, action_id: str, ctx: Context = Depends(get_context)):
    """Undo a decision: the card comes back, or a line says what has closed it since;
    then what followed from it (the thank-you takes its point back, say)."""
    from topofmind.services.agenda import action_changes, reopen

    with action_changes(ctx) as changes:
        decision, action = reopen(ctx, action_id)
    return _confirmed(
        request, ctx, "_reopened.html", action_id, changes, action=action, decision=decision
    )


def _confirmed(request: Request, ctx: Context, template: str, action_id: str, changes, **values):
    """A decision's answer: its line, what followed from it, and the week's done list
    swapped in beside it; a plain form post goes back to Today instead."""
    from topofmind.services.agenda import agenda

    if not is_htmx(request):
        return RedirectResponse("/", status_code=303)
    return render(
        request,
        template,
        ctx,
        action_id=action_id,
        followed=changes.following(action_id),
        done=agenda(ctx).done_recently,
        **values,
    )
