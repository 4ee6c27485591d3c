"""Organizations: the list, adding one, and one with its people, opportunities and story."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from topofmind.services import browse
from topofmind.services.context import Context
from topofmind.services.organizations import add_organization
from topofmind.services.timeline import timeline
from topofmind.web.app_context import get_context, look_in_mail
from topofmind.web.pages import render

router = APIRouter()


@router.get("/organizations", response_class=HTMLResponse, include_in_schema=False)
def organizations_page(request: Request, ctx: Context = Depends(get_context)):
    items = browse.list_organizations(ctx)
    return render(request, "organizations.html", ctx, items=items)


@router.post("/organizations", include_in_schema=False)
def organization_add(
    request: Request,
    name: str = Form(...),
    domain: str = Form(""),
    website: str = Form(""),
    feed: str = Form(""),
    ctx: Context = Depends(get_context),
):
    domains = [d.strip() for d in domain.split(",") if d.strip()]
    org = add_organization(
        ctx, name, domains=domains, website=website, feeds=[feed.strip()] if feed.strip() else []
    )
    found = "?looking=1" if domains and look_in_mail(request) else ""
    return RedirectResponse(f"/organizations/{org.id}{found}", status_code=303)


@router.get("/organizations/{org_id}", response_class=HTMLResponse, include_in_schema=False)
def organization_page(request: Request, org_id: int, ctx: Context = Depends(get_context)):
    story = timeline(ctx, "org", f"#{org_id}")
    return render(
        request,
        "organization.html",
        ctx,
        story=story,
        interactions=story.interactions,
        looking=request.query_params.get("looking") == "1",
    )
