"""Today: the few things to do now, the rest by opportunity or person with why-now a click
away, decisions in one click with the counts kept live, the week done."""

from __future__ import annotations

from cachetools import LRUCache
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from topofmind.errors import InvalidValue
from topofmind.services.context import Context
from topofmind.web.app_context import get_context
from topofmind.web.freshness import version
from topofmind.web.pages import is_htmx, remember_session, render
from topofmind.web.priority import REST_PAGE, do_now, grouped
from topofmind.web.security import csrf_token

router = APIRouter()

GROUPS = {"overdue": "Overdue", "today": "Today", "upcoming": "Coming up"}
#: Today as last rendered, per record version, with a slot for each browser's token.
_PAGES: LRUCache[tuple, bytes] = LRUCache(maxsize=4)
TOKEN_SLOT = b"csrf-token-slot-7f3a"


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def today_page(request: Request, ctx: Context = Depends(get_context)):

    if ctx.profile(required=False) is None:
        return RedirectResponse("/setup", status_code=303)
    key = version(ctx)
    body = _PAGES.get(key)
    if body is None:
        body = _render_today(request, ctx).body
        _PAGES[key] = body
    # The page is the same for every browser but for its security token.
    response = HTMLResponse(body.replace(TOKEN_SLOT, csrf_token(request).encode()))
    remember_session(request, response)
    return response


def _arranged(found) -> tuple[list, list]:
    """Today's actions as shown: the few to do now, then the rest in the agenda's order
    (overdue, today, coming up)."""
    top = do_now(found.overdue + found.today)
    chosen = {a.id for a in top}
    rest = [a for a in found.overdue + found.today + found.upcoming if a.id not in chosen]
    return top, rest


def counts(found) -> dict[str, int]:
    """The numbers at the top of Today, sent again after every decision."""
    return {name: len(getattr(found, name)) for name in GROUPS} | {"done": len(found.done_recently)}


def _render_today(request: Request, ctx: Context):
    from topofmind.services.agenda import agenda

    found = agenda(ctx)
    top, rest = _arranged(found)
    return render(
        request,
        "today.html",
        ctx,
        top=top,
        groups=grouped(rest[:REST_PAGE]),
        rest_left=max(0, len(rest) - REST_PAGE),
        next_offset=REST_PAGE,
        page=REST_PAGE,
        total=found.count,
        counts=counts(found),
        done=found.done_recently,
        next_later=None if found.count else found.next_later,
        later_count=len(found.later),
        days=found.days,
        profile=ctx.profile(required=False),
        csrf_token=TOKEN_SLOT.decode(),
    )


@router.get("/today/rest", response_class=HTMLResponse, include_in_schema=False)
def today_rest(request: Request, offset: int = REST_PAGE, ctx: Context = Depends(get_context)):
    """The next lines of the rest, by opportunity or person, for its "Show more" button."""
    from topofmind.services.agenda import agenda

    if offset < 0:
        raise InvalidValue("offset must be 0 or more.")
    _, rest = _arranged(agenda(ctx))
    return render(
        request,
        "_groups.html",
        ctx,
        groups=grouped(rest[offset : offset + REST_PAGE]),
        rest_left=max(0, len(rest) - offset - REST_PAGE),
        next_offset=offset + REST_PAGE,
        page=REST_PAGE,
    )


@router.post("/actions/{action_id}/decide", response_class=HTMLResponse, include_in_schema=False)
def action_decide(
    request: Request,
    action_id: str,
    status: str = Form(...),
    until: str = Form(""),
    note: str = Form(""),
    view: str = Form(""),
    ctx: Context = Depends(get_context),
):
    """Done, snoozed or dismissed: the card is replaced by a one-line confirmation and
    what followed from it (a hand-closed thank-you frees the point it carried, say)."""
    from topofmind.services.agenda import decide, get_action
    from topofmind.services.changes import action_changes

    action = get_action(ctx, action_id)
    with action_changes(ctx) as changes:
        decision = decide(ctx, action_id, status, note=note, until=until.strip() or None)
    return _confirmed(
        request,
        ctx,
        "_decided.html",
        action_id,
        changes,
        action=action,
        decision=decision,
        view=_view(view),
    )


@router.post("/actions/{action_id}/reopen", response_class=HTMLResponse, include_in_schema=False)
def action_reopen(
    request: Request, action_id: str, view: str = Form(""), ctx: Context = Depends(get_context)
):
    """Undo a decision: the card comes back, or a line says what has closed it since;
    then what followed from it (the thank-you takes its point back, say)."""
    from topofmind.services.agenda import reopen
    from topofmind.services.changes import action_changes

    with action_changes(ctx) as changes:
        decision, action = reopen(ctx, action_id)
    return _confirmed(
        request,
        ctx,
        "_reopened.html",
        action_id,
        changes,
        action=action,
        decision=decision,
        view=_view(view),
    )


def _view(view: str) -> str:
    """How the action was shown: "line" on Today, "top" among the things to do now, else
    the full card of other pages; its answer (and its undo) keeps that look."""
    return view if view in ("line", "top") else ""


def _confirmed(request: Request, ctx: Context, template: str, action_id: str, changes, **values):
    """A decision's answer: its line, what followed from it, and the week's done list
    swapped in beside it; a plain form post goes back to Today instead."""
    from topofmind.services.agenda import agenda

    if not is_htmx(request):
        return RedirectResponse("/", status_code=303)
    found = agenda(ctx)
    return render(
        request,
        template,
        ctx,
        action_id=action_id,
        followed=changes.following(action_id),
        done=found.done_recently,
        counts=counts(found),
        **values,
    )
