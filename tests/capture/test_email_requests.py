"""capture/requests.py: what a message asks for, and by when."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from topofmind.capture.requests import deadline, find_requests, is_ask, new_text

EST = timezone(timedelta(hours=-5))
#: Tuesday 24 November 2026, 09:00 in New York.
SENT = datetime(2026, 11, 24, 9, 0, tzinfo=EST)


@pytest.mark.parametrize(
    ("sentence", "asks"),
    [
        ("Could you send your portfolio?", True),
        ("Please let us know your availability for next week.", True),
        ("Please share two references.", True),
        ("What are your salary expectations?", True),
        ("Are you open to relocating to Denver?", True),
        ("Thanks for coming in today.", False),
        ("We will be in touch soon.", False),
        ("Huh?", False),
    ],
)
def test_is_ask(sentence, asks):
    assert is_ask(sentence) is asks


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("by Friday", datetime(2026, 11, 27, 17, 0, tzinfo=EST)),
        ("by Tuesday", datetime(2026, 12, 1, 17, 0, tzinfo=EST)),
        # "before" a day means in hand when it starts: the end of the weekday before it
        ("before Tuesday", datetime(2026, 11, 30, 17, 0, tzinfo=EST)),
        ("before Monday", datetime(2026, 11, 27, 17, 0, tzinfo=EST)),
        ("ahead of Dec 3", datetime(2026, 12, 2, 17, 0, tzinfo=EST)),
        ("on or before Dec 3", datetime(2026, 12, 3, 17, 0, tzinfo=EST)),
        ("before tomorrow", datetime(2026, 11, 24, 17, 0, tzinfo=EST)),
        ("by tomorrow", datetime(2026, 11, 25, 17, 0, tzinfo=EST)),
        ("by end of day", datetime(2026, 11, 24, 17, 0, tzinfo=EST)),
        ("by EOD", datetime(2026, 11, 24, 17, 0, tzinfo=EST)),
        ("by the end of the week", datetime(2026, 11, 27, 17, 0, tzinfo=EST)),
        ("within 48 hours", datetime(2026, 11, 26, 9, 0, tzinfo=EST)),
        ("within 2 business days", datetime(2026, 11, 26, 9, 0, tzinfo=EST)),
        ("within three days", datetime(2026, 11, 27, 9, 0, tzinfo=EST)),
        ("by Dec 3rd", datetime(2026, 12, 3, 17, 0, tzinfo=EST)),
        ("by Thursday, December 3", datetime(2026, 12, 3, 17, 0, tzinfo=EST)),
        ("no later than 3 December", datetime(2026, 12, 3, 17, 0, tzinfo=EST)),
        ("by 12/3", datetime(2026, 12, 3, 17, 0, tzinfo=EST)),
        ("by January 8", datetime(2027, 1, 8, 17, 0, tzinfo=EST)),
        ("by 2/30", None),
        ("whenever suits you", None),
    ],
)
def test_deadline(text, due):
    assert deadline(f"Could you send it {text}?", SENT) == due


def test_before_a_day_already_at_hand_is_due_now_not_in_the_past():
    evening = datetime(2026, 11, 24, 19, 0, tzinfo=EST)  # Tuesday 19:00
    assert deadline("Could you send it before tomorrow?", evening) == evening


def test_a_deadline_stated_once_applies_to_asks_without_their_own():
    body = "Could you send the slides? We meet Thursday, so by Wednesday please."
    (ask,) = find_requests(body, SENT)
    assert ask.text == "Could you send the slides?"
    assert ask.due == datetime(2026, 11, 25, 17, 0, tzinfo=EST)


def test_quoted_history_is_ignored():
    body = "Thanks, all clear.\n\nOn Mon, Nov 23 Jordan wrote:\n> Could you send the deck?\n"
    assert new_text(body).strip() == "Thanks, all clear."
    assert find_requests(body, SENT) == []


def test_at_most_three_asks():
    body = " ".join(f"Could you send item {n}?" for n in range(6))
    assert len(find_requests(body, SENT)) == 3
