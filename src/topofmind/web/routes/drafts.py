"""Draft: edit with the personalization check live; send, save to IMAP drafts, download
.eml, copy. Sending records the outbound email, which closes the action by evidence."""

from __future__ import annotations

from email import policy

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from topofmind.services import drafting
from topofmind.services.context import Context
from topofmind.web.app_context import get_context
from topofmind.web.pages import render

router = APIRouter()


def _saved(ctx: Context, action, text: str | None):
    """The draft with the editor's text kept as the person's own edit when it changed."""
    draft = drafting.draft_for(ctx, action, use_llm=False)
    if text is not None and text.strip() != draft.text.strip():
        draft = drafting.save_edit(ctx, action, text)
    return draft


@router.get("/actions/{action_id}/draft", response_class=HTMLResponse, include_in_schema=False)
def draft_page(request: Request, action_id: str, ctx: Context = Depends(get_context)):
    action = drafting.find_action(ctx, action_id)
    draft = drafting.draft_for(ctx, action)
    # An email to someone without an address cannot be sent, opened or downloaded: the
    # page says so instead of offering what would fail.
    reachable = draft.channel == "email" and all(r.email for r in draft.recipients)
    return render(
        request,
        "draft.html",
        ctx,
        action=action,
        draft=draft,
        mailto=drafting.mailto(draft) if reachable else "",
        reachable=reachable,
        can_send=reachable and bool(ctx.settings.smtp_host),
        can_save_to_drafts=reachable and bool(ctx.settings.imap_host),
        notices=list(ctx.notices),
    )


@router.post(
    "/actions/{action_id}/draft/check", response_class=HTMLResponse, include_in_schema=False
)
def draft_check(
    request: Request, action_id: str, text: str = Form(""), ctx: Context = Depends(get_context)
):
    """The personalization check of the text as it stands in the editor."""
    action = drafting.find_action(ctx, action_id)
    return render(request, "_findings.html", ctx, draft=drafting.check_text(ctx, action, text))


@router.post("/actions/{action_id}/draft", response_class=HTMLResponse, include_in_schema=False)
def draft_save(
    request: Request, action_id: str, text: str = Form(...), ctx: Context = Depends(get_context)
):
    action = drafting.find_action(ctx, action_id)
    draft = drafting.save_edit(ctx, action, text)
    return render(request, "_delivered.html", ctx, message="Saved your edit.", draft=draft)


@router.post("/actions/{action_id}/draft/discard", include_in_schema=False)
def draft_discard(request: Request, action_id: str, ctx: Context = Depends(get_context)):
    drafting.discard_edit(ctx, action_id)
    return Response(status_code=204, headers={"HX-Refresh": "true"})


@router.post(
    "/actions/{action_id}/draft/send", response_class=HTMLResponse, include_in_schema=False
)
def draft_send(
    request: Request, action_id: str, text: str = Form(None), ctx: Context = Depends(get_context)
):
    """Send over SMTP; the outbound email is recorded and closes the action."""
    return _delivered(request, ctx, action_id, text, drafting.send, "Sent to")


@router.post(
    "/actions/{action_id}/draft/sent", response_class=HTMLResponse, include_in_schema=False
)
def draft_sent_elsewhere(
    request: Request, action_id: str, text: str = Form(None), ctx: Context = Depends(get_context)
):
    """The person sent the draft from their own mail program (opened, copied, downloaded):
    it is recorded as their email, the evidence that closes the action."""

    return _delivered(request, ctx, action_id, text, drafting.record_sent, "You sent it to")


def _delivered(request: Request, ctx: Context, action_id: str, text: str | None, deliver, said):
    """Deliver the draft as it stands in the editor, then what closed and how the score moved."""
    from topofmind.services.changes import action_changes

    action = drafting.find_action(ctx, action_id)
    score_before = _score(ctx, action)
    draft = _saved(ctx, action, text)
    with action_changes(ctx) as changes:
        deliver(ctx, action, draft)
    score_after = _score(ctx, action)
    return render(
        request,
        "_sent.html",
        ctx,
        action=action,
        said=said,
        to=draft.to,
        channel=draft.channel,
        closed=changes.closed_only,
        score_before=score_before,
        score_after=score_after,
    )


def _score(ctx: Context, action):
    """The opportunity's top-of-mind score, when the action belongs to one."""
    from topofmind.services.agenda import scores

    if action.opportunity_id is None:
        return None
    for score in scores(ctx):
        if score.subject_kind == "opportunity" and score.subject_id == action.opportunity_id:
            return score.score
    return None


@router.post(
    "/actions/{action_id}/draft/imap", response_class=HTMLResponse, include_in_schema=False
)
def draft_to_imap(
    request: Request, action_id: str, text: str = Form(None), ctx: Context = Depends(get_context)
):
    action = drafting.find_action(ctx, action_id)
    folder = drafting.to_imap_drafts(ctx, _saved(ctx, action, text))
    return render(
        request, "_delivered.html", ctx, message=f"Saved to your {folder} folder.", draft=None
    )


@router.post("/actions/{action_id}/draft.eml", include_in_schema=False)
def draft_eml(action_id: str, text: str = Form(None), ctx: Context = Depends(get_context)):
    """The draft as a .eml file that mail programs open as a ready message."""
    action = drafting.find_action(ctx, action_id)
    message = drafting.message_for(ctx, _saved(ctx, action, text))
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in action.id)
    return Response(
        message.as_bytes(policy=policy.SMTP),
        media_type="message/rfc822",
        headers={"Content-Disposition": f'attachment; filename="{safe}.eml"'},
    )
