"""People: the list, a person's page (addresses, organization, timeline with talking points,
what I told them, open actions), the add form, and name suggestions for forms."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from topofmind.domain.enums import Direction
from topofmind.services import browse
from topofmind.services.context import Context
from topofmind.services.lookup import stored_id
from topofmind.services.people import add_person, edit_person
from topofmind.services.timeline import timeline
from topofmind.web.app_context import get_context, look_in_mail
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
    request: Request,
    name: str = Form(...),
    email: str = Form(""),
    title: str = Form(""),
    organization: str = Form(""),
    linkedin_url: str = Form(""),
    ctx: Context = Depends(get_context),
):
    emails = [e.strip() for e in email.split(",") if e.strip()]
    person = add_person(
        ctx,
        name,
        emails=emails,
        title=title,
        organization=organization or None,
        linkedin_url=linkedin_url,
    )
    return _to_person(request, stored_id(person), looking=bool(emails))


@router.post("/people/{person_id}/edit", include_in_schema=False)
def person_edit(
    request: Request,
    person_id: int,
    title: str = Form(""),
    organization: str = Form(""),
    add_email: str = Form(""),
    linkedin_url: str = Form(""),
    notes: str = Form(""),
    connected: bool = Form(False),
    ctx: Context = Depends(get_context),
):
    added = [e.strip() for e in add_email.split(",") if e.strip()]
    edit_person(
        ctx,
        f"#{person_id}",
        title=title,
        organization=organization or None,
        add_emails=added,
        linkedin_url=linkedin_url,
        notes=notes,
        connected=connected,
    )
    return _to_person(request, person_id, looking=bool(added))


def _to_person(request: Request, person_id: int, looking: bool) -> RedirectResponse:
    """To the person's page; with a new address, it says their earlier mail is looked for."""
    found = "?looking=1" if looking and look_in_mail(request) else ""
    return RedirectResponse(f"/people/{person_id}{found}", status_code=303)


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
        looking=request.query_params.get("looking") == "1",
    )
