"""What the playbook proposes: actions, their states, and the person's decisions.

Actions are derived, never stored: the same facts always give the same action with
the same ``id``. Only a ``Decision`` about an action (done, snoozed, dismissed) is
stored, keyed by that id, so it survives re-computation and re-import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from topofmind.domain.enums import DecisionStatus, Purpose


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
    #: The facts a draft builds on: interaction_id, request_id, achievement_id, news_id,
    #: event_id, question_ids..., by name.
    refs: dict = field(default_factory=dict)
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
