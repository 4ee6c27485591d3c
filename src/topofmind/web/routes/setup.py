"""The first run: who you are (name, addresses, time zone from the browser), then what to
read in (the LinkedIn export, a calendar, a mail account or an mbox) or the demo, then the
first agenda. Every step can be skipped and come back to; a page that needs a profile
before there is one leads here."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from topofmind.domain.records import WEEKDAYS
from topofmind.errors import TomError
from topofmind.services.context import Context
from topofmind.web.app_context import get_context
from topofmind.web.pages import render
from topofmind.web.profile_form import ProfileForm, profile_values

router = APIRouter()

STEPS = (("you", "You"), ("import", "Your records"), ("done", "Your first agenda"))


@router.get("/setup", response_class=HTMLResponse, include_in_schema=False)
def setup_you(request: Request, ctx: Context = Depends(get_context)):
    profile = ctx.profile(required=False)
    return _page(request, ctx, "you", form=profile_values(profile), fresh=profile is None)


def _page(request: Request, ctx: Context, step: str, status_code: int = 200, **values):
    return render(
        request,
        "setup.html",
        ctx,
        status_code=status_code,
        step=step,
        steps=STEPS,
        profile=ctx.profile(required=False),
        weekdays=WEEKDAYS,
        **values,
    )


@router.post("/setup", include_in_schema=False)
def setup_you_save(
    request: Request,
    form: ProfileForm = Depends(ProfileForm.posted),
    ctx: Context = Depends(get_context),
):
    """Save who you are, then on to what to read in; a mistake comes back as typed."""
    try:
        form.save(ctx, form.timezone.strip() or "UTC")
    except TomError as error:
        typed = form.typed()
        return _page(request, ctx, "you", status_code=400, form=typed, error=str(error), fresh=True)
    return RedirectResponse("/setup/import", status_code=303)


@router.get("/setup/import", response_class=HTMLResponse, include_in_schema=False)
def setup_import(request: Request, ctx: Context = Depends(get_context)):
    from topofmind.services import imports

    return _page(
        request,
        ctx,
        "import",
        batches=imports.list_batches(ctx)[:5],
        mail_set=bool(ctx.settings.imap_host and ctx.settings.imap_user),
        calendar_set=bool(ctx.settings.calendar_url),
    )


@router.post("/setup/demo", include_in_schema=False)
def setup_demo(ctx: Context = Depends(get_context)):
    """Try topofmind on a sample job search (into an empty record only)."""
    from topofmind.services.demo import load_demo

    load_demo(ctx)
    return RedirectResponse("/", status_code=303)


@router.get("/setup/done", include_in_schema=False)
def setup_done(request: Request, ctx: Context = Depends(get_context)):
    """The last step: the first agenda, or back to the first step without a profile."""
    if ctx.profile(required=False) is None:
        return RedirectResponse("/setup", status_code=303)
    return RedirectResponse("/", status_code=303)
