"""Your profile: name, addresses, time zone, working hours and goals (what `tom init` sets).
A fresh record starts here."""

from __future__ import annotations

from zoneinfo import available_timezones

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from topofmind.domain.records import WEEKDAYS, Profile
from topofmind.errors import TomError
from topofmind.services.context import Context
from topofmind.services.profile import init_profile
from topofmind.web.app_context import get_context
from topofmind.web.pages import render
from topofmind.web.routes.interactions import lines

router = APIRouter()


@router.get("/profile", response_class=HTMLResponse, include_in_schema=False)
def profile_page(request: Request, saved: bool = False, ctx: Context = Depends(get_context)):
    profile = ctx.profile(required=False)
    return _page(request, ctx, _values(profile), notice="Saved your profile." if saved else "")


def _values(profile: Profile | None) -> dict:
    """The form's fields: the profile's, or a fresh record's defaults."""
    profile = profile or Profile(name="")
    return {
        "name": profile.name,
        "emails": ", ".join(profile.emails),
        "timezone": profile.timezone,
        "work_start": profile.work_start.strftime("%H:%M"),
        "work_end": profile.work_end.strftime("%H:%M"),
        "work_days": profile.work_days,
        "goals": "\n".join(profile.goals),
    }


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
    name: str = Form(...),
    emails: str = Form(""),
    timezone: str = Form("UTC"),
    work_start: str = Form("09:00"),
    work_end: str = Form("17:30"),
    work_days: list[int] = Form([]),
    goals: str = Form(""),
    ctx: Context = Depends(get_context),
):
    """Save, then Today for a new record or the profile again; on a mistake, the form as
    typed with what to change."""
    first_time = ctx.profile(required=False) is None
    try:
        init_profile(
            ctx,
            name,
            [e.strip() for e in emails.replace("\n", ",").split(",") if e.strip()],
            timezone,
            goals=lines(goals),
            work_start=work_start,
            work_end=work_end,
            work_days=sorted(set(work_days)) or None,
        )
    except TomError as error:
        typed = {
            "name": name, "emails": emails, "timezone": timezone, "work_start": work_start,
            "work_end": work_end, "work_days": work_days, "goals": goals,
        }  # fmt: skip
        return _page(request, ctx, typed, error=str(error))
    return RedirectResponse("/" if first_time else "/profile?saved=true", status_code=303)
