"""How moments read in a why-now sentence."""

from __future__ import annotations

import pytest
from situations import NOW, PROFILE, at

from topofmind.playbook.words import ago, asked, asked_words, due_words, names


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(0, "14:55"), "5 min ago"),
        (at(-1, "20:00"), "19 h ago"),
        (at(-3, "15:00"), "3 days ago"),
        (at(-2, "14:00"), "2 days ago"),
        (at(-3, "20:00"), "3 days ago"),  # 67 h: rounded, as a person counts
        (at(0, "17:00"), "in 2 h"),
    ],
)
def test_ago(moment, expected):
    assert ago(moment, NOW) == expected


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (at(0, "16:00"), "due by 16:00 today"),
        (at(1, "15:00"), "due by 15:00 tomorrow"),
        (at(3, "17:30"), "due by Friday 17:30"),
        (at(9, "09:00"), "due by 3 Dec 09:00"),
        (at(-1, "15:00"), "overdue since 15:00 yesterday"),
        (at(-2, "19:00"), "overdue since last Sunday 19:00"),
    ],
)
def test_due_words(due, expected):
    assert due_words(due, NOW, PROFILE) == expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], ""),
        (["Dana"], "Dana"),
        (["Dana", "Sam"], "Dana and Sam"),
        (["A", "B", "C"], "A, B and C"),
    ],
)
def test_names(items, expected):
    assert names(items) == expected


@pytest.mark.parametrize(
    ("text", "expected", "words"),
    [
        ("send two references", ("to", "send two references"), "to send two references"),
        ("two references", ("for", "two references"), "for two references"),
        (
            "Could you send over two references by Wednesday?",
            ("to", "send over two references by Wednesday"),
            "to send over two references by Wednesday",
        ),
        ("Please share your portfolio.", ("to", "share your portfolio"), "to share your portfolio"),
        ("Would you please, confirm Thursday", ("to", "confirm Thursday"), "to confirm Thursday"),
        (
            "What is your notice period?",
            ("question", "What is your notice period?"),
            '"What is your notice period?"',
        ),
        (
            "Let me know your availability",
            ("to", "let me know your availability"),
            "to let them know your availability",
        ),
        (
            "Your salary expectations.",
            ("for", "your salary expectations"),
            "for your salary expectations",
        ),
    ],
)
def test_asked(text, expected, words):
    assert asked(text) == expected
    assert asked_words(text) == words
