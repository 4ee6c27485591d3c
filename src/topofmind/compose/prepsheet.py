"""The prep sheet for a scheduled interview: one page to read before walking in.

Who is in it and what was discussed with each before, the introduction, the
questions, talking points (what the person wished they had covered, the posting's
requirements with the evidence for each) and recent news. Rendered as Markdown
and as printable HTML from Jinja2 templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from jinja2 import Environment, PackageLoader, select_autoescape

from topofmind.compose.introduction import Evidence, Introduction
from topofmind.domain.records import Interaction, NewsItem, Opportunity, Question


@dataclass
class Attendee:
    name: str
    title: str = ""
    role: str = ""
    #: Earlier interactions with this person, newest first.
    history: list[Interaction] = field(default_factory=list)


@dataclass
class PrepSheet:
    opportunity: Opportunity
    interview: Interaction | None
    #: When and where, as the person reads it.
    when: str
    attendees: list[Attendee]
    introduction: Introduction | None
    questions: list[Question]
    #: "wish I had covered" points still open.
    wishes: list[str]
    #: Talking points from earlier conversations about this opportunity.
    learned: list[str]
    #: Each requirement of the posting with the person's best evidence for it.
    requirements: list[tuple[str, Evidence | None]]
    news: list[NewsItem]
    prepared_at: datetime | None = None
    timezone: str = "UTC"


def _env(autoescape: bool) -> Environment:
    env = Environment(
        loader=PackageLoader("topofmind.compose", "templates/prep"),
        autoescape=select_autoescape(["html"]) if autoescape else False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["local"] = _local
    return env


def _local(moment: datetime | None, tz: str, fmt: str = "%a %d %b %Y") -> str:
    from zoneinfo import ZoneInfo

    if moment is None:
        return ""
    return moment.astimezone(ZoneInfo(tz)).strftime(fmt)


def render_markdown(sheet: PrepSheet) -> str:
    return _env(False).get_template("prepsheet.md").render(sheet=sheet, tz=sheet.timezone)


def render_html(sheet: PrepSheet) -> str:
    """A standalone, printable HTML page (no scripts, no external files)."""
    return _env(True).get_template("prepsheet.html").render(sheet=sheet, tz=sheet.timezone)
