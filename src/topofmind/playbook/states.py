"""An action's state from its due moment and now, and the order of urgency.

Upcoming: due after today. Due: due later today. Overdue: past due. Late: past the
rule's window but still worth doing (a thank-you after 72 hours).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from functools import lru_cache

from topofmind.domain.actions import Action, ActionState
from topofmind.domain.records import Profile
from topofmind.playbook.timing import zone_named

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
    if due < _end_of_today(now, profile.timezone):
        return ActionState.DUE
    return ActionState.UPCOMING


@lru_cache(maxsize=64)
def _end_of_today(now: datetime, timezone: str) -> datetime:
    """Midnight after ``now``'s local day: thousands of actions share one ``now``."""
    zone = zone_named(timezone)
    today = now.astimezone(zone).date()
    return datetime.combine(today + timedelta(days=1), time(0, 0), tzinfo=zone)


def urgency(action: Action) -> tuple:
    """Sort key: state, then priority, then due moment, then id (stable)."""
    return (URGENCY[action.state], action.priority, action.due, action.id)
