"""An action's state from its due moment and now, and the order of urgency.

Upcoming: due after today. Due: due later today. Overdue: past due. Late: past the
rule's window but still worth doing (a thank-you after 72 hours).
"""

from __future__ import annotations

from datetime import datetime

from topofmind.domain.actions import Action, ActionState
from topofmind.domain.records import Profile
from topofmind.playbook.timing import end_of_day

#: Most urgent first.
URGENCY = {
    ActionState.OVERDUE: 0,
    ActionState.LATE: 1,
    ActionState.DUE: 2,
    ActionState.UPCOMING: 3,
}


def state_of(
    due: datetime, now: datetime, profile: Profile, late_from: datetime | None = None
) -> ActionState:
    if due <= now:
        if late_from is not None and now >= late_from:
            return ActionState.LATE
        return ActionState.OVERDUE
    if due < end_of_day(now, profile):
        return ActionState.DUE
    return ActionState.UPCOMING


def urgency(action: Action) -> tuple:
    """Sort key: state, then priority, then due moment, then id (stable)."""
    return (URGENCY[action.state], action.priority, action.due, action.id)
