"""Your profile: name, addresses, time zone, working hours and goals (what `tom init` sets).
A fresh record starts here."""

from __future__ import annotations

from zoneinfo import available_timezones

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from topofmind.domain.records import WEEKDAYS
from topofmind.errors import TomError
from topofmind.services.context import Context
from topofmind.web.app_context import get_context
from topofmind.web.pages import render
from topofmind.web.profile_form import ProfileForm, profile_values

router = APIRouter()


@router.get("/profile", response_class=HTMLResponse, include_in_schema=False)
def profile_page(request: Request, saved: bool = False, ctx: Context = Depends(get_context)):
    profile = ctx.profile(required=False)
    return _page(
        request, ctx, profile_values(profile), notice="Saved your profile." if saved else ""
    )


def _page(request: Request, ctx: Context, form: dict, notice: str = "", error: str = ""):
    return render(
        request,
        "profile.html",
        ctx,
        status_code=400 if error else 200,
        profile=ctx.profile(required=False),
        form=form,
        notice=notice,
        error=error,
        zones=sorted(available_timezones()),
        weekdays=WEEKDAYS,
    )


@router.post("/profile", include_in_schema=False)
def profile_save(
    request: Request,
    form: ProfileForm = Depends(ProfileForm.posted),
    ctx: Context = Depends(get_context),
):
    """Save, then Today for a new record or the profile again; on a mistake, the form as
    typed with what to change."""
    first_time = ctx.profile(required=False) is None
    try:
        form.save(ctx, form.timezone)
    except TomError as error:
        return _page(request, ctx, form.typed(), error=str(error))
    return RedirectResponse("/" if first_time else "/profile?saved=true", status_code=303)
