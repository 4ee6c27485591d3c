"""What a write changed in the agenda: the actions it created, closed, replaced, folded
into another or dropped with their opportunity, read around the write
(``with action_changes(ctx) as changes:``) for the confirmation the CLI and the web
app show."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property

from cachetools import LRUCache

from topofmind.domain.actions import Action
from topofmind.domain.enums import Stage
from topofmind.playbook.registry import takers_of
from topofmind.services.agenda import current_actions
from topofmind.services.context import Context
from topofmind.store import kept as kept_store

#: How many of each kind of change a write names (CLI lines, web cards) before it
#: counts the rest: an achievement shared with a thousand contacts stays readable.
CHANGES_SHOWN = 10


@dataclass
class Changes:
    """What a write changed in the agenda, filled when its block ends.

    ``created`` and ``closed`` are exact (the ids that appeared and went). An action
    that went while another of the same rule, people and opportunity but a different
    title appeared was not done but replaced (a newer achievement to share, a check-in
    turned into a pause): ``replaced`` pairs them. One that another rule's open action
    took over is ``folded`` into it (a check-in into the update sharing an achievement),
    and one whose opportunity the write closed is ``dropped``; ``created_only`` and
    ``closed_only`` leave all of these out. The same title again is a new round after
    the old one was done (a check-in answered, the next one due later): closed, then new.
    Each of these is worked out once, when first read after the block has ended (a write
    closing a thousand actions reads them several times).
    """

    created: list[Action] = field(default_factory=list)
    closed: list[Action] = field(default_factory=list)
    #: Every open action once the write is done, for what took over a closed one.
    after: list[Action] = field(default_factory=list)
    #: Opportunities the write closed (accepted, rejected, withdrawn), with their stage.
    ended: dict[int, str] = field(default_factory=dict)

    @cached_property
    def replaced(self) -> list[tuple[Action, Action]]:
        """(before, after) for each closed action a created one of its kind took over."""
        waiting = {_kind(a): a for a in reversed(self.created)}
        pairs = []
        for before in self.closed:
            after = waiting.get(_kind(before))
            if after is not None and after.title != before.title:
                pairs.append((before, waiting.pop(_kind(before))))
        return pairs

    @cached_property
    def created_only(self) -> list[Action]:
        taken = {after.id for _, after in self.replaced}
        return [a for a in self.created if a.id not in taken]

    @cached_property
    def folded(self) -> list[tuple[Action, Action]]:
        """(closed, into) for each closed action an open one of another rule took over: a
        check-in that went because an update to share an achievement now serves for it."""
        replaced = {before.id for before, _ in self.replaced}
        open_at: dict[tuple, list[Action]] = {}
        for action in self.after:  # one pass, so a write closing many stays cheap
            open_at.setdefault((action.rule, action.opportunity_id), []).append(action)
        pairs = []
        for closed in self.closed:
            if closed.id in replaced:
                continue
            takers = [
                a
                for rule in takers_of(closed.rule)
                for a in open_at.get((rule, closed.opportunity_id), ())
            ]
            takers.sort(key=lambda a: not set(a.people) & set(closed.people))  # theirs first
            if takers:
                pairs.append((closed, takers[0]))
        return pairs

    @cached_property
    def dropped(self) -> list[tuple[Action, str]]:
        """(action, stage) for each action that went because its opportunity closed: not
        done, no longer needed."""
        accounted = {closed.id for closed, _ in self.folded}
        accounted |= {before.id for before, _ in self.replaced}
        return [
            (a, self.ended[a.opportunity_id])
            for a in self.closed
            if a.opportunity_id in self.ended and a.id not in accounted
        ]

    @cached_property
    def closed_only(self) -> list[Action]:
        taken = {before.id for before, _ in self.replaced}
        taken |= {closed.id for closed, _ in self.folded}
        taken |= {a.id for a, _ in self.dropped}
        return [a for a in self.closed if a.id not in taken]

    def following(self, decided: str) -> Changes:
        """What followed from a decision on ``decided``, which its own confirmation reports:
        a hand-closed thank-you that frees its wish shows the wish as new, not as an update."""
        return Changes(
            created=[a for a in self.created if a.id != decided],
            closed=[a for a in self.closed if a.id != decided],
            after=self.after,
            ended=self.ended,
        )


def _kind(action: Action) -> tuple:
    """What makes two actions the same piece of work at different moments."""
    return (action.rule, tuple(action.people), action.opportunity_id)


@contextmanager
def action_changes(ctx: Context) -> Iterator[Changes]:
    """Around a write: which open actions it created and which it closed."""
    before = {a.id: a for a in current_actions(ctx)}
    was_closed = set(_closed(ctx))
    changes = Changes()
    yield changes
    after = {a.id: a for a in current_actions(ctx)}
    changes.created = [a for i, a in after.items() if i not in before]
    changes.closed = [a for i, a in before.items() if i not in after]
    changes.after = list(after.values())
    changes.ended = {
        i: Stage(value).label.lower() for i, value in _closed(ctx).items() if i not in was_closed
    }


#: The stages that close an opportunity, as stored.
CLOSED = [s.value for s in Stage if s.is_closed]


#: (database url, writes counted on opportunities) -> the opportunities closed then: most
#: writes leave the opportunities as they were, and a large record has many closed.
_CLOSED: LRUCache[tuple[str, int], dict[int, str]] = LRUCache(maxsize=4)
_CLOSED_LOCK = threading.Lock()


def _closed(ctx: Context) -> dict[int, str]:
    """The opportunities closed now, with their stage as stored."""
    with ctx.db.connect() as conn:
        writes = kept_store.table_counts(conn, ("opportunities",)).get("opportunities")
        key = (ctx.db.url, writes) if writes is not None else None
        with _CLOSED_LOCK:
            found = _CLOSED.get(key) if key is not None else None
        if found is None:
            found = kept_store.closed_stages(conn, CLOSED)
            if key is not None:
                with _CLOSED_LOCK:
                    _CLOSED[key] = found
    return found
