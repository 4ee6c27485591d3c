"""What the rules read: an immutable snapshot of the record, reduced to what they need.

The store builds it with a few set-based queries (``store.facts.load_facts``), reading
no further around ``now`` than a ``Reach`` says; the rules only ever read it, so the
same snapshot and the same ``now`` always give the same actions. Interactions are not
all here: each person and opportunity carries the moments of its last contact in each
direction, and only the recent or upcoming conversations, inbound messages and requests
come in full.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from topofmind.domain.actions import Decision
from topofmind.domain.enums import KEY_ROLES, InteractionKind, Role, Stage
from topofmind.domain.records import EVENT_HOURS


@dataclass(frozen=True)
class Contact:
    """The last moments of contact with one person or on one opportunity.

    ``last_in``: they wrote or spoke to us (an inbound message or a conversation).
    ``last_out``: we wrote or spoke to them (an outbound message or a conversation).
    ``unanswered``: our outbound messages since their last ``last_in``.
    ``followups``: of those, the unprompted follow-ups (``Purpose.FOLLOW_UP``): only
    they count toward the cap; thank-yous, replies and updates never do.
    ``last_spaced``: our last message that waits out the spacing (a follow-up, an
    update, a supplementary note, a networking ask); a thank-you or a reply never holds
    the next touch back.
    ``last_out_id``/``last_out_message_id``: the record ids of ``last_out`` and
    ``last_out_message``, so that a reply logged in the same minute as a question,
    after it, still counts as after it.
    """

    last_in: datetime | None = None
    last_out: datetime | None = None
    last_out_message: datetime | None = None
    unanswered: int = 0
    followups: int = 0
    last_spaced: datetime | None = None
    last_out_id: int = 0
    last_out_message_id: int = 0

    @property
    def last_two_way(self) -> datetime | None:
        return self.last_in

    @property
    def last_touch(self) -> datetime | None:
        moments = [m for m in (self.last_in, self.last_out) if m]
        return max(moments) if moments else None

    @property
    def waiting_since(self) -> datetime | None:
        """When our last unanswered outbound message went out, if they have not answered."""
        if self.last_out_message and (self.last_in is None or self.last_out_message > self.last_in):
            return self.last_out_message
        return None

    @property
    def spaced_since(self) -> datetime | None:
        """When our last unanswered unprompted message went out (a follow-up, an update, a
        supplementary note), if they have not answered: the spacing counts from it."""
        if self.last_spaced and (self.last_in is None or self.last_spaced > self.last_in):
            return self.last_spaced
        return None

    def answered_after(self, moment: datetime, record_id: int | None = None) -> bool:
        """Whether we wrote or spoke to them after ``moment`` (the evidence most rules need);
        with the ``record_id`` of what happened at ``moment``, one recorded after it in the
        same moment counts too."""
        return _after(self.last_out, self.last_out_id, moment, record_id)

    def wrote_after(self, moment: datetime, record_id: int | None = None) -> bool:
        """Whether we sent them a message (or called them) after ``moment``; speaking with
        them in a meeting or interview does not count."""
        return _after(self.last_out_message, self.last_out_message_id, moment, record_id)


def _after(last: datetime | None, last_id: int, moment: datetime, record_id: int | None) -> bool:
    """Whether ``last`` (recorded as ``last_id``) came after ``moment`` (recorded as
    ``record_id``): later, or in the same moment and recorded after it."""
    if last is None:
        return False
    return last > moment or (record_id is not None and last == moment and last_id > record_id)


NO_CONTACT = Contact()


@dataclass(frozen=True)
class PersonFacts:
    id: int
    name: str
    organization_id: int | None = None
    organization_name: str = ""
    title: str = ""
    connected: bool = False
    connected_on: date | None = None
    contact: Contact = NO_CONTACT
    #: Last LinkedIn engagement and connection request we recorded with them.
    last_engagement: datetime | None = None
    last_connection_request: datetime | None = None

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name


@dataclass(frozen=True)
class OpportunityFacts:
    id: int
    title: str
    organization_id: int
    organization_name: str
    stage: Stage
    stage_since: datetime | None = None
    priority: int = 3
    #: Per-opportunity setting overrides.
    overrides: dict[str, Any] = field(default_factory=dict)
    #: (person id, role) pairs.
    roles: tuple[tuple[int, Role], ...] = ()
    contact: Contact = NO_CONTACT
    unasked_questions: int = 0
    has_introduction: bool = False
    #: When it last reached the offer stage, by when the decision is due, what was offered.
    offered_at: datetime | None = None
    offer_deadline: datetime | None = None
    offer_terms: str = ""

    @property
    def label(self) -> str:
        return f"{self.title} at {self.organization_name}"

    @property
    def is_active(self) -> bool:
        return self.stage.is_active

    @property
    def is_closed(self) -> bool:
        return self.stage.is_closed

    def people_in(self, roles: frozenset[Role] | set[Role]) -> list[int]:
        return list(dict.fromkeys(p for p, r in self.roles if r in roles))

    @property
    def key_people(self) -> list[int]:
        return self.people_in(KEY_ROLES)


@dataclass(frozen=True)
class Conversation:
    """A recent or scheduled conversation, with what was said."""

    id: int
    kind: InteractionKind
    at: datetime
    ends_at: datetime | None
    participants: tuple[int, ...]
    opportunity_id: int | None = None
    summary: str = ""
    points: tuple[str, ...] = ()
    wishes: tuple[str, ...] = ()
    scheduled: bool = False
    #: When it was recorded, if before ``now``: preparation for a conversation set at
    #: short notice is due from then, never overdue before it was known.
    recorded_at: datetime | None = None

    @property
    def end(self) -> datetime:
        return self.ends_at or self.at


@dataclass(frozen=True)
class Message:
    """A recent inbound message (email, message or call) and who sent it."""

    id: int
    kind: InteractionKind
    at: datetime
    participants: tuple[int, ...]
    opportunity_id: int | None = None
    subject: str = ""
    summary: str = ""


@dataclass(frozen=True)
class RequestFacts:
    """Something someone asked of us, with its deadline if they gave one."""

    id: int
    text: str
    at: datetime
    due: datetime | None
    interaction_id: int
    authors: tuple[int, ...]
    opportunity_id: int | None = None


@dataclass(frozen=True)
class AchievementFacts:
    id: int
    title: str
    kind: str
    achieved_on: date
    #: When it was recorded, if before ``now``: news told late is due from then.
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class EventFacts:
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime | None
    organization_id: int | None
    organization_name: str = ""
    registered: bool = False
    attended: bool = False

    @property
    def end(self) -> datetime:
        return self.ends_at or self.starts_at


@dataclass(frozen=True)
class NewsFacts:
    id: int
    organization_id: int
    title: str
    published: datetime | None
    read: bool = False
    #: When it came into the record, if before ``now`` (a feed brings older items).
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class Acceptance:
    """An offer accepted: the opportunity and when."""

    opp: OpportunityFacts
    at: datetime


@dataclass(frozen=True)
class Facts:
    people: dict[int, PersonFacts] = field(default_factory=dict)
    opportunities: dict[int, OpportunityFacts] = field(default_factory=dict)
    conversations: tuple[Conversation, ...] = ()
    messages: tuple[Message, ...] = ()
    requests: tuple[RequestFacts, ...] = ()
    achievements: tuple[AchievementFacts, ...] = ()
    events: tuple[EventFacts, ...] = ()
    #: Recent news per organization, newest first.
    news: dict[int, tuple[NewsFacts, ...]] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)
    #: Engagements recorded in the last seven days (for the weekly limit).
    engagements_this_week: int = 0
    #: Opportunity ids by person id, from the opportunities' roles.
    involvement: dict[int, tuple[int, ...]] = field(default_factory=dict)
    #: Opportunities an acceptance elsewhere wound down, with that acceptance (set by
    #: the engine before the rules run): they propose nothing but the withdrawals and
    #: the closing touch.
    wound_down: Mapping[int, Acceptance] = field(default_factory=dict)

    def proposes_for(self, opp: OpportunityFacts | None) -> bool:
        """Whether a rule proposes anything for ``opp`` (none is always proposable)."""
        return opp is None or opp.id not in self.wound_down

    def person(self, person_id: int) -> PersonFacts:
        return self.people.get(person_id) or PersonFacts(person_id, f"person #{person_id}")

    def names(self, ids) -> list[str]:
        return [self.person(i).name for i in ids]

    def opportunity(self, opp_id: int | None) -> OpportunityFacts | None:
        return self.opportunities.get(opp_id) if opp_id is not None else None

    def active_opportunities(self) -> list[OpportunityFacts]:
        return [o for o in self.opportunities.values() if o.is_active]

    def opportunities_of(self, person_id: int) -> list[OpportunityFacts]:
        return [self.opportunities[o] for o in self.involvement.get(person_id, ())]

    def event_during(self, moment: datetime) -> EventFacts | None:
        """The event going on at ``moment`` (one without an end lasts three hours)."""
        for item in self.events:
            if item.starts_at <= moment <= (item.ends_at or item.starts_at + EVENT_HOURS):
                return item
        return None

    def news_about(self, org_id: int | None, now: datetime, days: int) -> tuple[NewsFacts, ...]:
        """The organization's news published in the ``days`` before ``now``, newest first."""
        since = now - timedelta(days=days)
        found = self.news.get(org_id, ()) if org_id is not None else ()
        return tuple(item for item in found if item.published is None or item.published >= since)


@dataclass(frozen=True)
class Scope:
    """Some people, opportunities and organizations: the facts of these alone are read
    when a write touched only them (``store.facts.load_facts``)."""

    people: frozenset[int] = frozenset()
    opportunities: frozenset[int] = frozenset()
    organizations: frozenset[int] = frozenset()
    #: The interactions of those people and opportunities, once looked up.
    interactions: frozenset[int] | None = None


@dataclass(frozen=True)
class Reach:
    """How far around ``now`` the facts are read (``playbook.reach`` widens it to fit the
    settings' windows)."""

    #: Last contact is looked for this far back; older contact counts as none. A
    #: stay-connected touch needs 44 days (proposed for 30, closed by a message in the
    #: 14 days before it), the default windows 30 at most: 60 leaves a month's margin.
    contact: timedelta = timedelta(days=60)
    #: Conversations and inbound messages are read in full this far back (thank-yous
    #: and connection requests are proposed for 14 days, event follow-ups for 7, an
    #: unanswered message for ``respond_message_days``, 21).
    recent: timedelta = timedelta(days=21)
    #: Requests, which may carry a deadline weeks ahead, this far back
    #: (``respond_request_days``).
    requests: timedelta = timedelta(days=45)
    #: Scheduled conversations and events this far ahead.
    ahead: timedelta = timedelta(days=60)
    #: News items this far back (``news_recent_days``).
    news: timedelta = timedelta(days=21)
