"""The engine and its registry: every rule listed once, results stable and most urgent first."""

from __future__ import annotations

import subprocess
import sys

from situations import (
    NOW,
    PROFILE,
    SETTINGS,
    achievement,
    at,
    conversation,
    day,
    facts,
    opportunity,
    person,
)

from topofmind.playbook.engine import run_rules
from topofmind.playbook.registry import get_rule, load_rules
from topofmind.playbook.states import URGENCY
from topofmind.settings import BY_NAME

RULE_NAMES = {
    "thank-you",
    "respond-promptly",
    "periodic-update",
    "supplementary-info",
    "check-in",
    "research-before-interview",
    "questions",
    "memorable-introduction",
    "connect",
    "engage",
    "event",
    "informational-interview",
    "close-the-loop",
    "offer-decision",
    "offer-timeline",
    "withdraw-after-accepting",
    "company-news",
}


def test_every_rule_is_registered_once_with_its_strategy_and_settings():
    rules = load_rules()
    assert [r.name for r in rules if r.name in RULE_NAMES] == [r.name for r in rules]
    assert {r.name for r in rules} == RULE_NAMES
    assert len(rules) == len(RULE_NAMES)
    for rule in rules:
        assert rule.strategy
        assert rule.summary, f"{rule.name} has no module docstring"
        for name in rule.settings:
            assert name in BY_NAME, f"{rule.name} names unknown setting {name}"


def test_one_rule_can_run_alone():
    situation = facts(
        [person(1, "Dana")], [opportunity()], conversations=(conversation(3, (1,), at(-1)),)
    )
    actions = run_rules(situation, NOW, SETTINGS, PROFILE, [get_rule("thank-you")])
    assert [a.rule for a in actions] == ["thank-you"]


def test_same_facts_same_actions_most_urgent_first():
    situation = facts(
        [person(1, "Dana"), person(2, "Sam")],
        [opportunity(roles=((1, "hiring-manager"), (2, "interviewer")), last_in=at(-1))],
        conversations=(conversation(3, (1,), at(-3)), conversation(4, (2,), at(-1, "15:00"))),
    )
    first = run_rules(situation, NOW, SETTINGS, PROFILE)
    again = run_rules(situation, NOW, SETTINGS, PROFILE)
    assert [a.id for a in first] == [a.id for a in again]
    assert len({a.id for a in first}) == len(first)
    ranks = [URGENCY[a.state] for a in first]
    assert ranks == sorted(ranks)
    assert first[0].id == "thank-you:i4:p2"  # overdue and most pressing (priority 1)
    late = next(a for a in first if a.id == "thank-you:i3:p1")
    assert late.state.value == "late"


def test_rules_keep_their_listed_order_whichever_module_is_imported_first():
    # A fresh interpreter, so that the score (which reads the respond rule) comes first.
    script = (
        "import topofmind.playbook.score\n"
        "from topofmind.playbook.registry import load_rules\n"
        "print(' '.join(r.name for r in load_rules()))\n"
    )
    names = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    assert names[:3] == ["thank-you", "respond-promptly", "supplementary-info"]
    assert names[-1] == "company-news" and len(names) == len(RULE_NAMES)


def test_an_update_goes_through_the_search_still_open_after_an_acceptance():
    # Dana recruits for two roles: one open when the offer elsewhere was accepted (wound
    # down: it hears only of the withdrawal) and one taken up after it (a new search).
    situation = facts(
        [person(1, "Dana", org=5), person(3, "Ana", org=3)],
        [
            opportunity(1, "interviewing", ((1, "recruiter"),), org=1, since=at(-20)),
            opportunity(2, "screening", ((1, "recruiter"),), org=2, since=at(-1)),
            opportunity(3, "accepted", ((3, "hiring-manager"),), org=3, since=at(-5)),
        ],
        achievements=(achievement(1, day(0)),),
    )
    actions = run_rules(situation, NOW, SETTINGS, PROFILE)
    update = next(a for a in actions if a.rule == "periodic-update")
    assert (update.id, update.opportunity_id) == ("periodic-update:a1:p1", 2)
    assert {a.rule for a in actions if a.opportunity_id == 1} <= {"withdraw-after-accepting"}


def test_the_rules_read_a_thank_yous_decision_only_after_a_wish():
    from topofmind.playbook.engine import decisions_read

    ids = [
        "thank-you:i3:p1",
        "thank-you:i14:p11",
        "check-in:o2:2026-11-20",
        "periodic-update:a1:p5",
    ]
    asked: list[set[int]] = []

    def wished(among: set[int]) -> frozenset[int]:
        asked.append(among)
        return frozenset({3}) & among

    assert decisions_read(ids, wished) == {
        "thank-you:i3:p1",
        "check-in:o2:2026-11-20",
        "periodic-update:a1:p5",
    }
    assert asked == [{3, 14}]  # the conversations behind the thank-yous, asked once
