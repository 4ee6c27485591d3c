"""Rendering pages and partials: the Jinja environment, its filters, and the one helper
routes call, which also hands the browser its session cookie and CSRF token."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path, PurePath
from typing import Any

import nh3
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from topofmind.domain import rule_names
from topofmind.services.context import Context
from topofmind.services.when import zone
from topofmind.web.security import SESSION_COOKIE, csrf_token

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
# Templates are files of the installed package: no need to check them for changes on
# every include (that stat per card was a measurable share of Today's render time).
templates.env.auto_reload = False


def _local(moment: datetime | None, tz: str = "UTC", fmt: str = "%a %d %b %H:%M") -> str:
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        return moment.astimezone(zone(tz)).strftime(fmt)
    return moment.strftime("%a %d %b %Y")


def _sanitize(html: str | None) -> Markup:
    """HTML from outside (a prep sheet, an email body) with anything active removed."""
    return Markup(nh3.clean(html or "", clean_content_tags={"script", "style", "title"}))


def _day(value: date | datetime | None) -> str:
    return value.strftime("%d %b %Y") if value else ""


def _work_link(action) -> tuple[str, str] | None:
    """Where an action that is not a message gets done, and the button's words: the
    introduction's and the questions' own sections, the people you know at the
    organization, their page, the event; else the opportunity."""
    refs, opp = action.refs, action.opportunity_id
    page = f"/opportunities/{opp}" if opp is not None else None
    if action.rule == rule_names.MEMORABLE_INTRODUCTION and page:
        return f"{page}#introduction", "Make my introduction"
    if action.rule == rule_names.QUESTIONS and page:
        return f"{page}#questions", "Prepare questions"
    if action.rule == rule_names.INFORMATIONAL_INTERVIEW and refs.get("organization_id"):
        return f"/organizations/{refs['organization_id']}", "Who you know there"
    if action.rule == rule_names.ENGAGE and refs.get("person_id"):
        return f"/people/{refs['person_id']}", "Open their page"
    if action.rule == rule_names.EVENT and refs.get("event_id"):
        return f"/events#event-{refs['event_id']}", "Open the event"
    return (page, "Open the opportunity") if page else None


#: A command or an option, which the web has buttons and fields for instead.
_COMMAND = re.compile(r"`tom |(?<![\w-])--[a-z]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def without_commands(text: str) -> str:
    """A note or error as the web shows it: the sentences and clauses that name a `tom`
    command or a --option left out ("Filed under X (#1); use --opp to choose another."
    reads "Filed under X (#1)."). Text that is nothing but such hints stays as it is."""
    kept = []
    for sentence in _SENTENCE_END.split(text.strip()):
        clauses = sentence.split("; ")
        plain = [c for c in clauses if not _COMMAND.search(c)]
        if not plain:
            continue
        joined = "; ".join(plain)
        if len(plain) < len(clauses) and not joined.endswith((".", "!", "?")):
            joined = joined.rstrip(".") + "."
        kept.append(joined)
    return " ".join(kept) or text


def _file_names(target: str) -> str:
    """What a batch read, by file name: "mail.mbox, invite.ics" for two full paths."""
    return ", ".join(PurePath(part).name or part for part in target.split(", "))


#: A table's rows as people count them: (one, many).
_NOUNS = {
    "people": ("person", "people"),
    "person_emails": ("address", "addresses"),
    "organization_domains": ("domain", "domains"),
    "org_domains": ("domain", "domains"),
    "opportunity_people": ("role on an opportunity", "roles on opportunities"),
    "interaction_people": ("participant", "participants"),
}


def counted(n: int, table: str) -> str:
    """ "1 interaction", "2 people": a count with its noun in the right number."""
    one, many = _NOUNS.get(table, (None, None))
    if one is None:
        many = table.replace("_", " ")
        one = many[:-1] if many.endswith("s") else many
    return f"{n:,} {one if n == 1 else many}"


def batch_said(batch) -> str:
    """What an import did, in words that add up: "Read 2 items; added 3 records (1
    interaction, 2 people); 1 already known." rather than "Read 2, added 3"."""
    parts = [f"Read {counted(batch.read, 'items')}"]
    added = f"added {counted(batch.added, 'records')}"
    kinds = getattr(batch, "added_by_kind", None) or {}
    if kinds:
        added += " (" + ", ".join(counted(n, k) for k, n in kinds.items()) + ")"
    parts.append(added)
    if batch.updated:
        parts.append(f"updated {counted(batch.updated, 'records')}")
    if batch.matched:
        parts.append(f"{batch.matched:,} already known")
    if batch.skipped_total:
        parts.append(f"{batch.skipped_total:,} skipped")
    if batch.failed_total:
        parts.append(f"{batch.failed_total:,} could not be read")
    return "; ".join(parts) + "."


templates.env.filters["batch_said"] = batch_said
templates.env.filters["counted"] = counted
templates.env.filters["local"] = _local
templates.env.filters["file_names"] = _file_names
templates.env.filters["plain"] = without_commands
templates.env.filters["work_link"] = _work_link
templates.env.filters["sanitize"] = _sanitize
templates.env.filters["day"] = _day


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def render(
    request: Request,
    name: str,
    ctx: Context | None = None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    **values: Any,
) -> HTMLResponse:
    """A template rendered for this request, with the session cookie set when new."""
    token = csrf_token(request)
    tz = ctx.timezone if ctx is not None else "UTC"
    response = templates.TemplateResponse(
        request,
        name,
        {"csrf_token": token, "tz": tz, "now": ctx.now if ctx else None, **values},
        status_code=status_code,
        headers=headers,
    )
    remember_session(request, response)
    return response


def remember_session(request: Request, response) -> None:
    new = getattr(request.state, "new_session", None)
    if new:
        response.set_cookie(SESSION_COOKIE, new, httponly=True, samesite="strict", path="/")
