"""The day's agenda as a short text and an HTML page, to read or to mail to oneself."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from jinja2 import Environment, PackageLoader, select_autoescape

from topofmind.domain.actions import Action
from topofmind.domain.moment_words import clock_words_in


@dataclass
class Digest:
    name: str
    now: datetime
    timezone: str
    overdue: list[Action] = field(default_factory=list)
    today: list[Action] = field(default_factory=list)
    upcoming: list[Action] = field(default_factory=list)
    #: Actions listed per group, most urgent first (0: all); the rest are counted.
    limit: int = 0

    def shown(self, items: list[Action]) -> list[Action]:
        return items[: self.limit] if self.limit else items

    @property
    def subject(self) -> str:
        due = len(self.overdue) + len(self.today)
        day = self.now.astimezone(_zone(self.timezone)).strftime("%A %d %B")
        if not due:
            return f"topofmind for {day}: nothing due today"
        return f"topofmind for {day}: {due} to do" + (
            f", {len(self.overdue)} overdue" if self.overdue else ""
        )


def _zone(tz: str):
    from topofmind.domain.moments import zone

    return zone(tz)


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("topofmind.compose", "templates/digest"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # "16:00 tomorrow", "Friday 17:30", "23 Nov 09:00": as the why-now lines say it.
    env.filters["when"] = clock_words_in
    return env


def render_text(digest: Digest) -> str:
    return _env().get_template("digest.txt").render(d=digest, tz=digest.timezone)


def render_html(digest: Digest) -> str:
    return _env().get_template("digest.html").render(d=digest, tz=digest.timezone)
