"""What a write changed in the agenda: new, closed, replaced by a newer round, or folded
into another rule's action."""

from __future__ import annotations

from datetime import UTC, datetime

from topofmind.domain.actions import Action, ActionState
from topofmind.services.changes import Changes

DUE = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)


def act(id: str, rule: str, title: str, people=(1,), opp: int | None = 1) -> Action:
    return Action(id, rule, title, "why", DUE, ActionState.UPCOMING, 3, list(people), [], opp)


CHECK_IN = act("check-in:o1:2026-11-20", "check-in", "Check in with Priya", people=(3,))
UPDATE_DANA = act("periodic-update:a3:p1", "periodic-update", "Tell Dana about it")
UPDATE_PRIYA = act("periodic-update:a3:p3", "periodic-update", "Tell Priya", people=(3,))
THANKS = act("thank-you:i3:p1", "thank-you", "Thank Dana")
WISH = act("supplementary-info:i3:p1", "supplementary-info", "Send Dana the point")


def test_a_check_in_goes_into_the_update_that_takes_it_over_preferring_its_person():
    changes = Changes(
        created=[UPDATE_DANA, UPDATE_PRIYA],
        closed=[CHECK_IN],
        after=[UPDATE_DANA, UPDATE_PRIYA],
    )
    assert changes.folded == [(CHECK_IN, UPDATE_PRIYA)]
    assert changes.closed_only == []
    assert changes.created_only == [UPDATE_DANA, UPDATE_PRIYA]


def test_an_update_to_someone_else_still_takes_the_check_in_over():
    changes = Changes(created=[UPDATE_DANA], closed=[CHECK_IN], after=[UPDATE_DANA])
    assert changes.folded == [(CHECK_IN, UPDATE_DANA)]


def test_an_action_of_another_opportunity_or_rule_takes_nothing_over():
    elsewhere = act("periodic-update:a3:p9", "periodic-update", "Tell Ann", people=(9,), opp=2)
    changes = Changes(closed=[CHECK_IN, WISH], after=[elsewhere, UPDATE_DANA])
    assert changes.folded == [(CHECK_IN, UPDATE_DANA)]
    assert changes.closed_only == [WISH]  # no thank-you is open: the point was sent or dropped


def test_a_thank_you_back_on_the_agenda_takes_its_point_back():
    reopened = Changes(created=[THANKS], closed=[WISH], after=[THANKS]).following(THANKS.id)
    assert reopened.created_only == []  # said by the decision's own line
    assert reopened.folded == [(WISH, THANKS)]
    assert reopened.closed_only == []


def test_a_newer_round_of_the_same_work_is_a_replacement_not_a_fold():
    older = act("periodic-update:a1:p1", "periodic-update", "Tell Dana about the course")
    changes = Changes(created=[UPDATE_DANA], closed=[older], after=[UPDATE_DANA])
    assert changes.replaced == [(older, UPDATE_DANA)]
    assert changes.folded == [] and changes.closed_only == [] and changes.created_only == []


def test_actions_of_an_opportunity_the_write_closed_are_dropped_not_closed():
    research = act("research:i7", "research-before-interview", "Research Bluebird", opp=2)
    note = act("close-the-loop-note:o2", "close-the-loop", "Send a gracious note", opp=2)
    changes = Changes(created=[note], closed=[research, WISH], after=[note], ended={2: "rejected"})
    assert changes.dropped == [(research, "rejected")]
    assert changes.closed_only == [WISH]  # another opportunity's: closed by its evidence
    assert changes.following("x").dropped == [(research, "rejected")]
