"""What importers produce: records as found in a file, before anyone is matched.

An importer reads a file or stream and yields these; it never touches the
database. People are described by what the source knows about them
(``PersonRef``); ``services.imports`` matches them to the record by email address,
LinkedIn URL or phone (never by name alone) and writes everything as one undoable
batch. A part of a file that cannot be read becomes a ``Problem`` and the rest is
still imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from topofmind.domain.enums import AchievementKind, Direction, InteractionKind, Stage
from topofmind.domain.records import Request


@dataclass
class PersonRef:
    """A person as a source describes them."""

    name: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    linkedin_url: str = ""
    title: str = ""
    #: The organization's name, when the source gives one.
    organization: str = ""
    connected_on: date | None = None
    notes: str = ""
    #: A stable id from the source (vCard UID), when it has one.
    uid: str = ""
    #: Only copied on a message (Cc, Bcc): recorded when already known, never added.
    copied: bool = False


@dataclass
class CapturedInteraction:
    at: datetime
    kind: InteractionKind
    direction: Direction
    #: The other side: everyone involved except the job seeker.
    people: list[PersonRef] = field(default_factory=list)
    subject: str = ""
    summary: str = ""
    source: str = ""
    #: Unique within ``source``: Message-ID, ICS UID(+RECURRENCE-ID), LinkedIn conversation+date…
    external_id: str = ""
    message_id: str | None = None
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    scheduled: bool = False
    ends_at: datetime | None = None
    location: str = ""
    requests: list[Request] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    #: For calendar entries: a cancellation, and the SEQUENCE that orders updates.
    cancelled: bool = False
    sequence: int = 0


@dataclass
class CapturedOpportunity:
    title: str
    organization: str
    stage: Stage = Stage.RESEARCHING
    posting_url: str = ""
    posting_text: str = ""
    requirements: list[str] = field(default_factory=list)
    at: datetime | None = None
    source: str = ""
    external_id: str = ""
    contacts: list[PersonRef] = field(default_factory=list)


@dataclass
class CapturedAchievement:
    title: str
    kind: AchievementKind
    achieved_on: date
    url: str = ""
    description: str = ""
    source: str = ""
    external_id: str = ""


@dataclass
class CapturedEvent:
    title: str
    starts_at: datetime
    ends_at: datetime | None = None
    organization: str = ""
    url: str = ""
    registered: bool = False
    attended: bool = False
    source: str = ""
    external_id: str = ""


@dataclass
class CapturedNews:
    title: str
    url: str = ""
    published: datetime | None = None
    summary: str = ""
    external_id: str = ""


@dataclass
class CapturedProfile:
    """What a résumé or a LinkedIn profile says about the job seeker."""

    name: str = ""
    emails: list[str] = field(default_factory=list)
    headline: str = ""
    summary: str = ""
    skills: list[str] = field(default_factory=list)
    linkedin_url: str = ""
    resume: dict | None = None


@dataclass
class Problem:
    """A part of the input that could not be imported, and why."""

    where: str
    why: str


@dataclass
class Skipped:
    """Something read on purpose not imported (e.g. mail with no known person), and why."""

    where: str
    why: str
