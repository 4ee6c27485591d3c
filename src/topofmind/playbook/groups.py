"""Which people, opportunities and organizations the rules reckon together: the groups a
write's recompute is scoped to.

A rule's action about someone reads the facts of what they are tied to: the
opportunities they are on and those opportunities' other people, their organization
and its people and news, the people they met or wrote to with others, and, through the
contact reckoning, anyone on a message with them. Everything tied, directly or not,
forms one group; the rules proposing per person or per opportunity (all but
``ACROSS_GROUPS``) give for a group's people and opportunities the same actions whether
they read the whole record or that group alone. So after a write, only the groups of
what it touched are read again and their actions proposed again.

Pure functions over ``Facts`` and the ties of the contact reckoning (``Ties``: the
interactions that tie people to each other or to an opportunity, which the facts reduce
away): nodes are ("p", id) for a person, ("o", id) for an opportunity and ("g", id) for
an organization.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import count
from operator import attrgetter

from topofmind.domain import rule_names
from topofmind.domain.actions import Action
from topofmind.domain.facts import Facts, Scope

Node = tuple[str, int]
#: (people, opportunity id) of each interaction of the contact reckoning that ties them.
Ties = list[tuple[tuple[int, ...], int | None]]

#: Rules that rank or compare across everyone (the week's few engagements, events met
#: by anyone, the one offer the other processes hear about): always run on the whole
#: record's facts. (An acceptance winds the other opportunities down across groups
#: too: the engine works that out over the whole record and hands it to the rules.)
ACROSS_GROUPS = frozenset({rule_names.ENGAGE, rule_names.EVENT, rule_names.OFFER_TIMELINE})


def links(facts: Facts, ties: Ties) -> Iterator[list[Node]]:
    """Each set of nodes the facts and ``ties`` tie together."""
    for person in facts.people.values():
        tie: list[Node] = [("p", person.id)]
        if person.organization_id is not None:
            tie.append(("g", person.organization_id))
        yield tie
    for opp in facts.opportunities.values():
        yield [("o", opp.id), ("g", opp.organization_id), *(("p", p) for p, _ in opp.roles)]
    for who, opp_id in ties:
        yield _met(who, opp_id)
    for conversation in facts.conversations:
        yield _met(conversation.participants, conversation.opportunity_id)
    for message in facts.messages:
        yield _met(message.participants, message.opportunity_id)
    for request in facts.requests:
        yield _met(request.authors, request.opportunity_id)
    for org_id in facts.news:
        yield [("g", org_id)]


def _met(people: Iterable[int], opp_id: int | None) -> list[Node]:
    tie: list[Node] = [("p", p) for p in people]
    if opp_id is not None:
        tie.append(("o", opp_id))
    return tie


@dataclass
class Groups:
    """The groups of one snapshot of facts: each node's group, and each group's nodes."""

    of: dict[Node, int] = field(default_factory=dict)
    members: dict[int, set[Node]] = field(default_factory=dict)

    def closure(self, nodes: Iterable[Node]) -> set[Node]:
        """``nodes`` and everything in their groups."""
        found: set[Node] = set()
        for node in nodes:
            group = self.of.get(node)
            found |= self.members[group] if group is not None else {node}
        return found

    def regroup(self, facts: Facts, ties: Ties, nodes: set[Node]) -> tuple[set[int], set[int]]:
        """Replace the groups of ``nodes`` (closed: no tie leaves them) by those ``facts``
        and ``ties``, read for them alone, make of them: the groups gone, and the new."""
        gone = {self.of[n] for n in nodes if n in self.of}
        for group in gone:
            for node in self.members.pop(group):
                del self.of[node]
        fresh = grouped(links(facts, ties), start=max(self.members, default=0) + 1)
        self.of.update(fresh.of)
        self.members.update(fresh.members)
        return gone, set(fresh.members)

    def group_of(self, action: Action) -> int | None:
        """The one group ``action`` is about; None if it names no node of a group, or
        nodes of two."""
        nodes: list[Node] = [("p", p) for p in action.people]
        if action.opportunity_id is not None:
            nodes.append(("o", action.opportunity_id))
        organization = action.refs.get("organization_id")
        if organization is not None:
            nodes.append(("g", organization))
        found = {self.of[n] for n in nodes if n in self.of}
        return found.pop() if len(found) == 1 else None


def grouped(ties: Iterable[list[Node]], start: int = 0) -> Groups:
    """The groups ``ties`` make (union-find, numbered from ``start``)."""
    parent: dict[Node, Node] = {}

    def root(node: Node) -> Node:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for tie in ties:
        for node in tie:
            parent.setdefault(node, node)
        first = root(tie[0]) if tie else None
        for node in tie[1:]:
            other = root(node)
            if other != first:
                parent[other] = first  # type: ignore[assignment]
    result = Groups()
    numbers: dict[Node, int] = {}
    numbering = count(start)
    for node in parent:
        top = root(node)
        if top not in numbers:
            numbers[top] = next(numbering)
            result.members[numbers[top]] = set()
        result.of[node] = numbers[top]
        result.members[numbers[top]].add(node)
    return result


def groups(facts: Facts, ties: Ties) -> Groups:
    return grouped(links(facts, ties))


def scope_of(nodes: Iterable[Node]) -> Scope:
    kinds: dict[str, set[int]] = {"p": set(), "o": set(), "g": set()}
    for kind, number in nodes:
        kinds[kind].add(number)
    return Scope(frozenset(kinds["p"]), frozenset(kinds["o"]), frozenset(kinds["g"]))


def beyond(facts: Facts, ties: Ties, nodes: set[Node]) -> set[Node]:
    """The nodes ``facts`` and ``ties`` (read for ``nodes``) tie to ``nodes`` that are not
    among them: a write tied them since; their groups must be read too."""
    return {n for tie in links(facts, ties) for n in tie if n not in nodes}


def patched(old: Facts, fresh: Facts, nodes: set[Node]) -> Facts:
    """``old`` with the facts of ``nodes`` replaced by ``fresh`` (read for them alone),
    and the facts read whole (achievements, events, decisions, the week's engagements)
    from ``fresh``: the same facts, in the same order, as a read of the whole record."""
    scope = scope_of(nodes)
    return replace(
        fresh,
        people=_merged(old.people, fresh.people, scope.people),
        opportunities=_merged(old.opportunities, fresh.opportunities, scope.opportunities),
        conversations=_spliced(old.conversations, fresh.conversations, scope, _PARTICIPANTS),
        messages=_spliced(old.messages, fresh.messages, scope, _PARTICIPANTS),
        requests=_spliced(old.requests, fresh.requests, scope, _AUTHORS),
        news=_merged(old.news, fresh.news, scope.organizations),
        involvement=_merged(old.involvement, fresh.involvement, scope.people),
        wound_down={},
    )


_PARTICIPANTS, _AUTHORS = attrgetter("participants"), attrgetter("authors")


def _moment_order(item) -> tuple:
    return (item.at, item.id)


def _spliced(old: tuple, fresh: tuple, scope: Scope, people_of: Callable) -> tuple:
    """``old`` (in order of moment, then id) without the items of ``scope`` (on one of its
    opportunities, or with one of its people), and ``fresh`` (read for it) put in place."""
    opportunities, people = scope.opportunities, scope.people
    kept = [
        i for i in old if i.opportunity_id not in opportunities and people.isdisjoint(people_of(i))
    ]
    for item in fresh:
        insort(kept, item, key=_moment_order)
    return tuple(kept)


def split(facts: Facts, known: Groups) -> dict[int, Facts] | None:
    """Each group's facts, as a read scoped to its nodes gives them (what is read whole,
    achievements, events, decisions and the week's engagements, shared): in the same
    order as ``facts``. None when ``known`` is not the groups of ``facts`` (a node it
    does not know, or an item whose nodes lie in two groups)."""
    people: dict[int, dict] = {g: {} for g in known.members}
    opportunities: dict[int, dict] = {g: {} for g in known.members}
    news: dict[int, dict] = {g: {} for g in known.members}
    involvement: dict[int, dict] = {g: {} for g in known.members}
    lists: dict[str, dict[int, list]] = {
        name: {g: [] for g in known.members} for name in ("conversations", "messages", "requests")
    }
    try:
        for kind, source, target in (
            ("p", facts.people, people),
            ("o", facts.opportunities, opportunities),
            ("g", facts.news, news),
            ("p", facts.involvement, involvement),
        ):
            for key, value in source.items():
                target[known.of[(kind, key)]][key] = value
        for name, items in (
            ("conversations", ((c, c.participants) for c in facts.conversations)),
            ("messages", ((m, m.participants) for m in facts.messages)),
            ("requests", ((r, r.authors) for r in facts.requests)),
        ):
            for item, who in items:
                found = {known.of[n] for n in _met(who, item.opportunity_id)}
                if len(found) > 1:
                    return None
                if found:  # about no one: no scoped read holds it
                    lists[name][found.pop()].append(item)
    except KeyError:
        return None
    return {
        g: replace(
            facts,
            people=people[g],
            opportunities=opportunities[g],
            conversations=tuple(lists["conversations"][g]),
            messages=tuple(lists["messages"][g]),
            requests=tuple(lists["requests"][g]),
            news=news[g],
            involvement=involvement[g],
            wound_down={},
        )
        for g in known.members
    }


def _merged(old: dict, fresh: dict, replaced: frozenset[int]) -> dict:
    """``old`` (in the order of its keys) with the keys of ``replaced`` taken from
    ``fresh``, still in the order of the keys."""
    merged = dict(old)
    for key in replaced - fresh.keys():
        merged.pop(key, None)
    merged.update(fresh)  # a key kept keeps its place
    added = any(key not in old for key in fresh)
    return dict(sorted(merged.items())) if added else merged


def named_in(action_id: str) -> tuple[set[int], set[int]] | None:
    """The people and opportunities an action's id names ("thank-you:i3:p1": person 1,
    "check-in:o12:2026-11-10": opportunity 12); None when it names neither."""
    people: set[int] = set()
    opportunities: set[int] = set()
    for part in action_id.split(":")[1:]:
        if part[1:].isdigit() and part[:1] in ("p", "o"):
            (people if part[0] == "p" else opportunities).add(int(part[1:]))
    return (people, opportunities) if people or opportunities else None


def kept_outside(actions: list[Action], scope: Scope) -> list[Action]:
    """Those of ``actions`` about none of ``scope`` and of no rule across groups: what a
    recompute of the scope's groups leaves as it was (``about``, asked of thousands)."""
    opportunities, people, organizations = scope.opportunities, scope.people, scope.organizations
    return [
        a
        for a in actions
        if a.rule not in ACROSS_GROUPS
        and a.opportunity_id not in opportunities
        and people.isdisjoint(a.people)
        and a.refs.get("organization_id") not in organizations
    ]


def about(action: Action, scope: Scope) -> bool:
    """Whether ``action`` is about one of the people, opportunities or organizations of
    ``scope``."""
    if action.opportunity_id in scope.opportunities:
        return True
    if not scope.people.isdisjoint(action.people):
        return True
    return action.refs.get("organization_id") in scope.organizations
