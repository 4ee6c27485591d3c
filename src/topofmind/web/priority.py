"""Today's order: the few things to do now, then the rest by what they are about.

Pure: it reads actions and returns them arranged, so the rule can be tested alone.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import datetime

from topofmind.domain.actions import Action, ActionState

#: At most this many things at the top of Today: more is a list again, not a choice.
TOP = 3
#: Of the rest, this many lines at first; more come on request.
REST_PAGE = 40

_NOW = (ActionState.OVERDUE, ActionState.LATE, ActionState.DUE)


def effort(action: Action) -> int:
    """0 for a message whose draft is ready (one tap), 1 for work to prepare first."""
    return 0 if action.draftable else 1


def _rank(action: Action) -> tuple:
    # Stakes first (priority 1 is the most at stake), then what is past due before what is
    # due today, then the quick over the slow, then the earliest due.
    past = 0 if action.state in (ActionState.OVERDUE, ActionState.LATE) else 1
    return (action.priority, past, effort(action), action.due, action.id)


def do_now(actions: list[Action], limit: int = TOP) -> list[Action]:
    """At most ``limit`` of the actions due by today, the most at stake first."""
    return heapq.nsmallest(limit, (a for a in actions if a.state in _NOW), key=_rank)


@dataclass
class Group:
    """The actions about one opportunity (else one person), most urgent first."""

    key: str
    label: str
    href: str | None
    actions: list[Action] = field(default_factory=list)

    @property
    def next_due(self) -> datetime:
        return min(a.due for a in self.actions)


def about(action: Action) -> tuple[str, str, str | None]:
    """What an action is about: (key, label, link), its opportunity else its first person."""
    if action.opportunity_id is not None:
        label = action.opportunity_title or f"Opportunity #{action.opportunity_id}"
        return f"opp-{action.opportunity_id}", label, f"/opportunities/{action.opportunity_id}"
    if action.people:
        name = action.person_names[0] if action.person_names else f"Person #{action.people[0]}"
        return f"person-{action.people[0]}", name, f"/people/{action.people[0]}"
    return "other", "Other things", None


def grouped(actions: list[Action]) -> list[Group]:
    """The actions by what they are about, in the order given within a group; the group
    whose first action comes first in ``actions`` first."""
    groups: dict[str, Group] = {}
    for action in actions:
        key, label, href = about(action)
        group = groups.get(key)
        if group is None:
            group = groups[key] = Group(key, label, href)
        group.actions.append(action)
    return list(groups.values())
