"""Your profile: name, addresses, time zone, working hours and goals (what `tom init` sets).
A fresh record starts here."""

from __future__ import annotations

from zoneinfo import available_timezones

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from topofmind.domain.records import WEEKDAYS
from topofmind.services import record
from topofmind.services.context import Context
from topofmind.web.app_context import get_context
from topofmind.web.pages import render
from topofmind.web.routes.interactions import lines

router = APIRouter()


@router.get("/profile", response_class=HTMLResponse, include_in_schema=False)
def profile_page(request: Request, ctx: Context = Depends(get_context)):
    return render(
        request,
        "profile.html",
        ctx,
        profile=ctx.profile(required=False),
        zones=sorted(available_timezones()),
        weekdays=WEEKDAYS,
    )


@router.post("/profile", include_in_schema=False)
def profile_save(
    name: str = Form(...),
    emails: str = Form(""),
    timezone: str = Form("UTC"),
    work_start: str = Form("09:00"),
    work_end: str = Form("17:30"),
    work_days: list[int] = Form([]),
    goals: str = Form(""),
    ctx: Context = Depends(get_context),
):
    record.init_profile(
        ctx,
        name,
        [e.strip() for e in emails.replace("\n", ",").split(",") if e.strip()],
        timezone,
        goals=lines(goals),
        work_start=work_start,
        work_end=work_end,
        work_days=sorted(set(work_days)) or None,
    )
    return RedirectResponse("/", status_code=303)
