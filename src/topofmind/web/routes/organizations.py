"""Organization: its people, opportunities and the story with it."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from topofmind.services.context import Context
from topofmind.services.timeline import timeline
from topofmind.web.app_context import get_context
from topofmind.web.pages import render

router = APIRouter()


@router.get("/organizations/{org_id}", response_class=HTMLResponse, include_in_schema=False)
def organization_page(request: Request, org_id: int, ctx: Context = Depends(get_context)):
    story = timeline(ctx, "org", f"#{org_id}")
    return render(request, "organization.html", ctx, story=story, interactions=story.interactions)
