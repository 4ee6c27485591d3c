"""What the playbook proposes: actions, their states, and the person's decisions.

Actions are derived, never stored: the same facts always give the same action with
the same ``id``. Only a ``Decision`` about an action (done, snoozed, dismissed) is
stored, keyed by that id, so it survives re-computation and re-import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TypedDict

from topofmind.domain.enums import DecisionStatus, Purpose


class ActionRefs(TypedDict, total=False):
    """The facts a draft builds on, by name; each rule fills the ones it knows."""

    person_id: int
    #: The opportunity's other people, for a note that names them.
    other_people: list[int]
    opportunity_id: int
    organization_id: int
    interaction_id: int
    request_id: int | None
    achievement_id: int
    achievement_ids: list[int]
    news_id: int | None
    event_id: int
    offer_id: int
    #: The offer accepted, for a withdrawal from the others.
    accepted_id: int
    #: What a check-in writes about: "achievement", "news", "question" or "next-step".
    reason: str
    #: Which note: "note", "stay-connected" or "withdrawal".
    kind: str
    #: The purpose's value, where the draft's differs from the rule's.
    purpose: str
    #: The person's role on the opportunity (a ``Role`` value).
    role: str
    #: When an offer's answer is due (ISO 8601), if known.
    deadline: str | None
    #: Questions still wanted before an interview.
    missing: int
    #: Talking points and wishes from the conversation a thank-you follows.
    points: list[str]
    wish_texts: list[str]


class ActionState(StrEnum):
    UPCOMING = "upcoming"  # not due yet
    DUE = "due"  # due today
    OVERDUE = "overdue"  # past its due time
    LATE = "late"  # past its window but still worth doing (a late thank-you)


@dataclass
class Action:
    #: Stable id built from the rule and the facts behind it, e.g. "thank-you:i42:p7".
    id: str
    rule: str
    title: str
    #: Why now, in one sentence built from facts.
    why: str
    due: datetime
    state: ActionState
    #: 1 (most urgent) to 5.
    priority: int = 3
    people: list[int] = field(default_factory=list)
    person_names: list[str] = field(default_factory=list)
    opportunity_id: int | None = None
    opportunity_title: str = ""
    #: The facts a draft builds on, by name.
    refs: ActionRefs = field(default_factory=ActionRefs)
    #: Whether the action is carried out by writing to someone (so it has a draft).
    draftable: bool = True
    #: What the message that carries it out is for (None for what is not a message).
    purpose: Purpose | None = None

    @property
    def headline(self) -> str:
        """The title with its opportunity, each word said once.

        "Thank Dana Ruiz for the interview — Senior Data Engineer at Northwind Analytics";
        a title that names the organization gets only the role ("Find an insider at
        Copperline Robotics — Analytics Engineer"), one that ends on the role only the
        organization ("Check in with Dana Ruiz about Senior Data Engineer at Northwind
        Analytics"), one that names both nothing more.
        """
        label = self.opportunity_title
        if not label or label in self.title:
            return self.title
        role, at, org = label.rpartition(" at ")
        if at and org in self.title:
            return f"{self.title} — {role}"
        if at and self.title.endswith(role):
            return f"{self.title} at {org}"
        return f"{self.title} — {label}"


@dataclass
class Decision:
    action_id: str
    status: DecisionStatus
    at: datetime
    until: datetime | None = None
    note: str = ""
    #: The action's title when it is known (filled for display, not stored).
    title: str = ""
