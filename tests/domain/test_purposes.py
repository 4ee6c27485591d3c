"""What a message is for, from its words; whether theirs asks for a reply."""

from __future__ import annotations

import pytest

from topofmind.domain.enums import Purpose
from topofmind.domain.purposes import asks, purpose_from_words


@pytest.mark.parametrize(
    ("subject", "summary", "purpose"),
    [
        ("Thank you", "Thank you for your time today, Marcus.", Purpose.THANK_YOU),
        ("", "Great speaking with you this morning", Purpose.THANK_YOU),
        (
            "Re: Interview",
            "Thanks for taking the time to walk me through the team",
            Purpose.THANK_YOU,
        ),
        ("Thursday", "Confirming our call at 2pm", Purpose.LOGISTICS),
        ("", "Could we reschedule to Friday?", Purpose.LOGISTICS),
        ("News", "I recently completed the AWS Data Engineer certification", Purpose.UPDATE),
        ("Following up", "Following up on my application", Purpose.FOLLOW_UP),
        ("", "Just checking in on next steps", Purpose.FOLLOW_UP),
        ("Offer", "I am delighted to accept the offer", Purpose.OFFER_RESPONSE),
        ("", "I am withdrawing my application", Purpose.WITHDRAWAL),
        (
            "",
            "Thank you for letting me know; I would love to stay in touch",
            Purpose.CLOSE_THE_LOOP,
        ),
        ("Coffee?", "Would you have 20 minutes for an informational chat?", Purpose.NETWORKING),
        ("Re: References", "Here are the two names.", Purpose.REPLY),
        ("Hello", "", None),
        ("", "", None),
    ],
)
def test_purpose_from_words(subject, summary, purpose):
    assert purpose_from_words(subject, summary) is purpose


@pytest.mark.parametrize(
    ("subject", "summary", "asking"),
    [
        ("Your application", "Thanks, we will be in touch.", False),
        ("Re: Phone screen", "Confirmed for Thursday at 2pm. Talk then!", False),
        ("Received", "We have received your application.", False),
        ("Next round", "Would Tuesday or Wednesday afternoon work for you?", True),
        ("", "What are your salary expectations", True),
        ("Portfolio", "Please send your portfolio before Monday.", True),
        ("Quick question", "", True),
        ("", "How about a call on Friday", True),
        ("", "", True),  # nothing recorded: it may ask anything
    ],
)
def test_asks(subject, summary, asking):
    assert asks(subject, summary) is asking


def test_the_cli_names_every_purpose():
    from topofmind.cli.interactions import PURPOSE_WORDS

    assert PURPOSE_WORDS.split(", ") == [p.value for p in Purpose]


def test_only_follow_ups_count_toward_the_cap():
    assert [p for p in Purpose if p.counts_toward_cap] == [Purpose.FOLLOW_UP]
    assert {p for p in Purpose if p.spaced} == {
        Purpose.FOLLOW_UP,
        Purpose.UPDATE,
        Purpose.SUPPLEMENTARY,
        Purpose.NETWORKING,
    }
