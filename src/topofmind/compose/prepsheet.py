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
    env.filters["safe_link"] = safe_link
    return env


def _local(moment: datetime | None, tz: str, fmt: str = "%a %d %b %Y") -> str:
    from topofmind.domain.moments import local

    if moment is None:
        return ""
    return local(moment, tz).strftime(fmt)


def render_markdown(sheet: PrepSheet) -> str:
    return _env(False).get_template("prepsheet.md").render(sheet=sheet, tz=sheet.timezone)


def render_html(sheet: PrepSheet) -> str:
    """A standalone, printable HTML page (no scripts, no external files), under the web
    app's Content-Security-Policy: its own style is allowed by its hash, nothing else
    inline, so a link that slipped through could still run nothing."""
    page = _env(True).get_template("prepsheet.html").render(sheet=sheet, tz=sheet.timezone)
    return with_policy(page)


#: The web app's Content-Security-Policy (web/security.py; a test keeps them alike), less
#: ``frame-ancestors``, which a page cannot set for itself.
PAGE_POLICY = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
)


def with_policy(page: str) -> str:
    """``page`` with the web app's Content-Security-Policy in a meta element, its inline
    styles allowed by their hashes (``frame-ancestors`` only works as a header)."""
    import base64
    import hashlib
    import re

    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"
        for css in re.findall(r"<style>(.*?)</style>", page, re.DOTALL)
    ]
    parts = []
    for part in PAGE_POLICY:
        if part.startswith("style-src") and hashes:
            part = " ".join([part, *hashes])
        parts.append(part)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{"; ".join(parts)}">'
    return page.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n{meta}', 1)


def safe_link(url: str | None) -> str:
    """``url`` when it is an http, https or mailto link, else '' (never a ``javascript:``)."""
    url = (url or "").strip()
    return url if url.lower().startswith(("http://", "https://", "mailto:")) else ""
