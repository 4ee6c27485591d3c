"""People: the list, a person's page (addresses, organization, timeline with talking points,
what I told them, open actions), the add form, and name suggestions for forms."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from topofmind.domain.enums import Direction
from topofmind.services import browse, record
from topofmind.services.context import Context
from topofmind.services.timeline import timeline
from topofmind.web.app_context import get_context
from topofmind.web.pages import render

router = APIRouter()


@router.get("/people", response_class=HTMLResponse, include_in_schema=False)
def people_page(request: Request, ctx: Context = Depends(get_context)):
    from topofmind.services.people import duplicate_groups

    everyone = browse.list_people(ctx)
    return render(
        request, "people.html", ctx, people=everyone, duplicates=duplicate_groups(everyone)
    )


@router.get("/people/suggest", response_class=HTMLResponse, include_in_schema=False)
def people_suggest(request: Request, ctx: Context = Depends(get_context)):
    """<option>s for a datalist: people whose name or address contains what was typed."""
    typed = next((v for v in request.query_params.values() if v.strip()), "")
    return render(request, "_people_options.html", ctx, names=browse.person_names(ctx, typed))


@router.get("/people/new", response_class=HTMLResponse, include_in_schema=False)
def person_new_page(request: Request, ctx: Context = Depends(get_context)):
    return render(request, "person_new.html", ctx)


@router.post("/people/new", include_in_schema=False)
def person_add(
    name: str = Form(...),
    email: str = Form(""),
    title: str = Form(""),
    organization: str = Form(""),
    linkedin_url: str = Form(""),
    ctx: Context = Depends(get_context),
):
    person = record.add_person(
        ctx,
        name,
        emails=[e.strip() for e in email.split(",") if e.strip()],
        title=title,
        organization=organization or None,
        linkedin_url=linkedin_url,
    )
    return RedirectResponse(f"/people/{person.id}", status_code=303)


@router.post("/people/{person_id}/edit", include_in_schema=False)
def person_edit(
    person_id: int,
    title: str = Form(""),
    organization: str = Form(""),
    add_email: str = Form(""),
    linkedin_url: str = Form(""),
    notes: str = Form(""),
    connected: bool = Form(False),
    ctx: Context = Depends(get_context),
):
    record.edit_person(
        ctx,
        f"#{person_id}",
        title=title,
        organization=organization or None,
        add_emails=[e.strip() for e in add_email.split(",") if e.strip()],
        linkedin_url=linkedin_url,
        notes=notes,
        connected=connected,
    )
    return RedirectResponse(f"/people/{person_id}", status_code=303)


@router.post("/people/merge", include_in_schema=False)
def people_merge(
    keep: int = Form(...), other: int = Form(...), ctx: Context = Depends(get_context)
):
    """Merge a duplicate into the person kept, with everything recorded about both."""
    from topofmind.services.people import merge_people

    person = merge_people(ctx, f"#{keep}", f"#{other}")
    return RedirectResponse(f"/people/{person.id}", status_code=303)


@router.get("/people/{person_id}", response_class=HTMLResponse, include_in_schema=False)
def person_page(request: Request, person_id: int, ctx: Context = Depends(get_context)):
    from topofmind.services.agenda import current_actions

    story = timeline(ctx, "person", f"#{person_id}")
    told = [i for i in story.interactions if i.direction in (Direction.OUTBOUND, Direction.BOTH)]
    actions = [a for a in current_actions(ctx) if person_id in a.people]  # most urgent first
    return render(
        request,
        "person.html",
        ctx,
        story=story,
        person=story.people[0],
        told=told,
        actions=actions,
    )
