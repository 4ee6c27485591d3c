"""Runs every rule on one snapshot of facts and returns the proposed actions, most urgent first.

Pure: the same facts, settings, profile and ``now`` give the same actions with the
same ids. Decisions are applied by ``services.agenda``, not here; rules read them
only where a decision changes what they propose (a hand-closed thank-you leaves a
"wish I had covered" point to send on its own).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime

from topofmind.domain import rule_names
from topofmind.domain.actions import Action
from topofmind.domain.facts import Acceptance, Facts
from topofmind.domain.records import Profile
from topofmind.playbook.asked import one_run
from topofmind.playbook.offer import without_wound_down, wound_down
from topofmind.playbook.registry import Rule, load_rules
from topofmind.playbook.states import urgency
from topofmind.settings import Settings

#: The starts of the ids of the actions whose decisions the rules may read (a thank-you
#: closed by hand, an update or check-in marked done); a decision on any other action
#: changes what is shown, never what the rules propose.
DECISIONS_READ = (
    f"{rule_names.THANK_YOU}:",
    f"{rule_names.PERIODIC_UPDATE}:",
    f"{rule_names.CHECK_IN}:",
)


def decisions_read(action_ids: list[str], wished: Callable[[set[int]], frozenset[int]]) -> set[str]:
    """Which of ``action_ids`` (of actions in ``DECISIONS_READ``) the rules read the
    decision on: an update's or a check-in's, always; a thank-you's, only after a
    conversation with a wish noted (``wished`` tells which of some conversations have
    one), whose point a thank-you closed by hand leaves to send on its own."""
    thanks = DECISIONS_READ[0]
    after: dict[str, int] = {}
    for action_id in action_ids:
        conversation = action_id[len(thanks) :].split(":", 1)[0]  # "i42"
        if action_id.startswith(thanks) and conversation[1:].isdigit():
            after[action_id] = int(conversation[1:])
    noted = wished(set(after.values()))
    return {
        i
        for i in action_ids
        if (i in after and after[i] in noted)
        or (not i.startswith(thanks) and i.startswith(DECISIONS_READ))
    }


def run_rules(
    facts: Facts,
    now: datetime,
    settings: Settings,
    profile: Profile,
    rules: list[Rule] | None = None,
    ended: Mapping[int, Acceptance] | None = None,
) -> list[Action]:
    """The actions every rule (or just ``rules``) proposes, one per id, most urgent first.

    ``ended``: the opportunities an acceptance wound down, with it, when ``facts`` hold
    only part of the record (one group's) and the acceptance may lie outside it.
    """
    # Across opportunities: an accepted offer ends the others' proposals but their
    # withdrawals. Rules skip what it ended where they can; the rest is dropped here.
    ended = wound_down(facts) if ended is None else ended
    if ended:
        facts = replace(facts, wound_down=ended)
    found: dict[str, Action] = {}
    with one_run():
        for rule in rules if rules is not None else load_rules():
            for action in rule.func(facts, now, settings, profile):
                found.setdefault(action.id, action)
    return sorted(without_wound_down(facts, list(found.values())), key=urgency)
