"""The record of a job search as plain dataclasses.

No I/O here: the store fills these, the rules read them, the edges show them.
Ids are ``None`` until the store has saved the record. Every moment is
time-zone aware; dates without a time are plain ``date`` values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from topofmind.domain.enums import (
    AchievementKind,
    Direction,
    InteractionKind,
    Purpose,
    QuestionCategory,
    Role,
    Stage,
)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass
class Profile:
    name: str
    emails: list[str] = field(default_factory=list)
    timezone: str = "UTC"
    work_start: time = time(9, 0)
    work_end: time = time(17, 30)
    #: Working days as ``date.weekday()`` numbers (Monday is 0).
    work_days: list[int] = field(default_factory=lambda: [0, 1, 2, 3, 4])
    goals: list[str] = field(default_factory=list)
    headline: str = ""
    summary: str = ""
    skills: list[str] = field(default_factory=list)
    #: A JSON Resume document, when one was imported.
    resume: dict | None = None
    linkedin_url: str = ""
    id: int | None = None

    def is_own_address(self, address: str) -> bool:
        return address.strip().lower() in {e.lower() for e in self.emails}


@dataclass
class Organization:
    name: str
    domains: list[str] = field(default_factory=list)
    website: str = ""
    feeds: list[str] = field(default_factory=list)
    notes: str = ""
    id: int | None = None


@dataclass
class Person:
    name: str
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    linkedin_url: str = ""
    title: str = ""
    organization_id: int | None = None
    notes: str = ""
    connected: bool = False
    connected_on: date | None = None
    id: int | None = None
    #: Filled by queries that join the organization; not stored on the person.
    organization_name: str = ""

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name


@dataclass
class StageChange:
    stage: Stage
    at: datetime


@dataclass
class Involvement:
    """A person's part in an opportunity."""

    person_id: int
    role: Role
    person_name: str = ""


@dataclass
class Opportunity:
    title: str
    organization_id: int
    stage: Stage = Stage.RESEARCHING
    posting_text: str = ""
    posting_url: str = ""
    #: 1 (low) to 5 (high).
    priority: int = 3
    #: 1 (lukewarm) to 5 (dream job).
    excitement: int = 3
    requirements: list[str] = field(default_factory=list)
    notes: str = ""
    #: Per-opportunity overrides of playbook settings, by setting name.
    settings: dict = field(default_factory=dict)
    history: list[StageChange] = field(default_factory=list)
    people: list[Involvement] = field(default_factory=list)
    id: int | None = None
    organization_name: str = ""
    #: At the offer stage: by when they want the decision, and what was offered.
    offer_deadline: datetime | None = None
    offer_terms: str = ""

    @property
    def stage_since(self) -> datetime | None:
        return self.history[-1].at if self.history else None


@dataclass
class Request:
    """Something the other side asked for in an interaction."""

    text: str
    due: datetime | None = None
    id: int | None = None


@dataclass
class Interaction:
    at: datetime
    kind: InteractionKind
    direction: Direction
    participants: list[int] = field(default_factory=list)
    opportunity_id: int | None = None
    summary: str = ""
    subject: str = ""
    points: list[str] = field(default_factory=list)
    wishes: list[str] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    scheduled: bool = False
    ends_at: datetime | None = None
    location: str = ""
    source: str = "manual"
    external_id: str | None = None
    message_id: str | None = None
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    #: What a message of ours is for (None: not known, the playbook infers it).
    purpose: Purpose | None = None
    id: int | None = None
    #: Names of the participants, filled by queries for display.
    participant_names: list[str] = field(default_factory=list)


@dataclass
class Achievement:
    title: str
    kind: AchievementKind
    achieved_on: date
    url: str = ""
    description: str = ""
    source: str = "manual"
    external_id: str | None = None
    id: int | None = None


@dataclass
class Question:
    opportunity_id: int
    text: str
    category: QuestionCategory
    asked: bool = False
    answer: str = ""
    source: str = "manual"
    id: int | None = None


#: How long an event without an end is taken to last.
EVENT_HOURS = timedelta(hours=3)


@dataclass
class Event:
    title: str
    starts_at: datetime
    organization_id: int | None = None
    ends_at: datetime | None = None
    url: str = ""
    registered: bool = False
    attended: bool = False
    source: str = "manual"
    external_id: str | None = None
    id: int | None = None
    organization_name: str = ""


@dataclass
class NewsItem:
    organization_id: int
    title: str
    url: str = ""
    published: datetime | None = None
    summary: str = ""
    read: bool = False
    external_id: str | None = None
    id: int | None = None
