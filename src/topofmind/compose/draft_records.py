"""What a draft is made of and from: its recipients, the thread it answers, the facts
gathered for it (``DraftContext``) and the draft itself (``Draft``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from topofmind.compose.check_text import BLANK, Finding
from topofmind.compose.introduction import Accomplishment
from topofmind.domain.records import (
    Achievement,
    Event,
    Interaction,
    NewsItem,
    Opportunity,
    Person,
    Profile,
    Question,
    Request,
)

#: Draft kinds that are not a rule's own: the template a rule's action is written from
#: when the action is one of its later steps.
INFORMATIONAL_NUDGE = "informational-nudge"
STAY_CONNECTED = "stay-connected"


@dataclass
class Recipient:
    name: str
    email: str = ""
    person_id: int | None = None


@dataclass
class Thread:
    """The message a draft answers, so the reply stays in its thread."""

    subject: str
    message_id: str | None = None
    references: list[str] = field(default_factory=list)


@dataclass
class DraftContext:
    """Everything from the record a draft may use, gathered by ``services.drafting``."""

    profile: Profile
    now: datetime
    recipients: list[Person] = field(default_factory=list)
    opportunity: Opportunity | None = None
    organization: str = ""
    #: The conversation the draft follows, or the last one with the recipient.
    conversation: Interaction | None = None
    #: First names of everyone in that conversation (to tell whose points are whose).
    conversation_people: list[str] = field(default_factory=list)
    #: An earlier conversation with the recipient, which a thank-you builds on.
    earlier: Interaction | None = None
    request: Request | None = None
    thread: Thread | None = None
    achievement: Achievement | None = None
    #: Other achievements the person has not heard of, which an update carries along.
    more_achievements: list[Achievement] = field(default_factory=list)
    news: NewsItem | None = None
    #: An open question to ask, when the action asks for one.
    question: Question | None = None
    event: Event | None = None
    #: Accomplishments to restate value with (ranked against the posting per draft).
    accomplishments: list[Accomplishment] = field(default_factory=list)
    #: Bodies already sent to the recipients, for the repeated-sentence check.
    sent_before: list[str] = field(default_factory=list)
    other_organizations: list[str] = field(default_factory=list)
    #: When the earlier message a nudge follows was sent.
    asked_at: datetime | None = None
    #: Folder of the person's own templates.
    template_dir: Path | None = None
    #: The other people of the conversation the draft follows, each written to apart.
    panel: list[Person] = field(default_factory=list)
    #: The person's calendar: (start, end) of what is scheduled, so proposed times are free.
    busy: list[tuple[datetime, datetime]] = field(default_factory=list)


@dataclass
class Draft:
    action_id: str
    kind: str
    recipients: list[Recipient]
    subject: str
    body: str
    channel: str = "email"
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    #: The facts from the record the draft cites, for the person to see.
    evidence: list[str] = field(default_factory=list)
    edited: bool = False
    #: "template" or "llm".
    source: str = "template"
    findings: list[Finding] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Subject and body as one editable text."""
        head = f"Subject: {self.subject}\n\n" if self.channel == "email" else ""
        return head + self.body

    @property
    def blanks(self) -> list[str]:
        """The marked blanks (``[[...]]``) left for the person to fill, in order."""
        return BLANK.findall(self.text)

    @property
    def ready(self) -> bool:
        """Whether it can go as it is: no finding, no blank."""
        return not self.findings and not self.blanks

    @property
    def to(self) -> str:
        """Whom it goes to, as said after sending: addresses for an email, names otherwise."""
        email = self.channel == "email"
        return ", ".join((r.email or r.name) if email else r.name for r in self.recipients)
