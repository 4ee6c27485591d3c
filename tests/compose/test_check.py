"""The personalization check: each way a draft can be generic or wrong, and a clean one."""

import pytest

from topofmind.compose.check import CheckFacts, check_draft
from topofmind.compose.check_text import blank_segments

GOOD = (
    "Hi Dana,\n\nThank you for the interview yesterday. You mentioned that data quality "
    "across 40 product dashboards is your top worry; it is the problem I like most.\n\n"
    "Best regards,\nJordan Lee"
)


def facts(**changes) -> CheckFacts:
    values = dict(
        kind="thank-you",
        recipients=["Dana Ruiz"],
        allowed_organizations=["Northwind Analytics"],
        other_organizations=["Bluebird Health", "Atlas Logistics"],
        conversation=["Dana: data quality across 40 product dashboards is her top worry"],
        sent_before=[],
    )
    values.update(changes)
    return CheckFacts(**values)


def codes(body: str, subject: str = "Thank you", **changes) -> list[str]:
    return [f.code for f in check_draft(subject, body, facts(**changes))]


def test_a_specific_draft_passes():
    assert codes(GOOD) == []


@pytest.mark.parametrize(
    ("body", "changes", "expected"),
    [
        (
            GOOD.replace("Thank you for", "Just checking in after"),
            {},
            ["empty-phrase", "grammar"],  # a fragment, too
        ),
        (GOOD + "\nI hope this email finds you well.", {}, ["empty-phrase"]),
        (GOOD.replace("Thank you", "Touching base and circling back on"), {}, ["empty-phrase"] * 2),
        ("Hi Dana,\n\nThanks for your time yesterday.\n\nJordan", {}, ["no-reference"]),
        (GOOD + " word" * 230, {}, ["too-long"]),
        (GOOD + "\n[Company] is great.", {}, ["placeholder"]),
        (GOOD + "\nSee you at {{ event }}.", {}, ["placeholder"]),
        (GOOD + "\n[[news]]", {}, ["blank"]),
        (GOOD.replace("Hi Dana", "Hi Sam"), {}, ["wrong-name"]),
        (GOOD + "\nI would love to join Bluebird Health.", {}, ["wrong-organization"]),
        (
            GOOD,
            {
                "sent_before": [
                    "Thank you for the interview yesterday. You mentioned that data "
                    "quality across 40 product dashboards is your top worry."
                ]
            },
            ["repeated"],
        ),
        (
            "Hi Dana, thanks for the interview! " + "I enjoyed it a lot. " * 16,
            {"kind": "connect", "conversation": []},
            ["too-long"],
        ),
    ],
)
def test_each_problem_is_found(body, changes, expected):
    assert codes(body, **changes) == expected


def test_every_finding_says_how_to_fix_it():
    found = check_draft("Touching base", "Hi Sam,\n\n[Name], just checking in.", facts())
    assert {f.code for f in found} >= {"empty-phrase", "wrong-name", "placeholder", "no-reference"}
    for finding in found:
        assert finding.fix and finding.fix[0].isupper() and finding.fix.endswith(".")


def test_greeting_both_panelists_is_fine_when_both_receive_it():
    body = GOOD.replace("Hi Dana", "Hi Dana and Sam")
    assert codes(body, recipients=["Dana Ruiz", "Sam Patel"]) == []


def test_no_conversation_on_record_means_nothing_to_reference():
    assert codes("Hi Dana,\n\nA short note.\n\nJordan", conversation=[]) == []


def test_blanks_are_cut_out_for_an_editor_to_highlight():
    text = "Here: [[reference 1]] and [[reference 2]]."
    assert blank_segments(text) == [
        ("Here: ", False),
        ("[[reference 1]]", True),
        (" and ", False),
        ("[[reference 2]]", True),
        (".", False),
    ]
    assert "".join(piece for piece, _ in blank_segments(text)) == text
