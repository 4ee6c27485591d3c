"""capture/email.py: one raw message to an interaction, on the sample files."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from topofmind.capture.email import (
    NotAMessage,
    html_to_text,
    parse_message,
    scan_addresses,
)
from topofmind.domain.enums import Direction

DATA = Path(__file__).parent.parent / "data" / "email"
OWN = {"jordan.lee@example.com", "jordan@lee.example"}
EST = timezone(timedelta(hours=-5))


def parse(name: str):
    return parse_message((DATA / name).read_bytes(), OWN)


@pytest.mark.parametrize(
    ("name", "direction", "people", "subject"),
    [
        (
            "thank-you-sent.eml",
            "out",
            [("Dana Ruiz", "dana.ruiz@northwind.example")],
            "Thank you for today's panel",
        ),
        (
            "with-attachment.eml",
            "out",
            [("Sam Patel", "sam.patel@northwind.example")],
            "Slides from the panel",
        ),
        (
            "request-base64.eml",
            "in",
            [("Priya Nair", "priya.nair@northwind.example")],
            "References",
        ),
        ("latin1.eml", "in", [("André Lefèvre", "andre@bluebird.example")], "Réunion de suivi"),
        (
            "encoded-comma-name.eml",
            "in",
            [
                ("Ruiz, Dana (Northwind)", "dana.ruiz@northwind.example"),
                ("Patel, Sam", "sam.patel@northwind.example"),
            ],
            "Next steps – panel",
        ),
    ],
)
def test_who_which_way_and_about_what(name, direction, people, subject):
    item = parse(name)
    assert item.direction == Direction(direction)
    assert [(p.name, p.emails[0]) for p in item.people] == people
    assert item.subject == subject


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("thank-you-sent.eml", "Thank you for the conversation today — I keep thinking about data"),
        ("latin1.eml", "Bonjour Jordan, à bientôt pour la réunion."),
        ("cp1252-undeclared.eml", "We’re excited – the team loved your “idempotent loads” idea."),
        ("html-only.eml", "Would you confirm the Dec 2 slot within 48 hours?"),
        ("missing-boundary.eml", "Please review the attached offer."),
        ("request-base64.eml", "Could you send me two references by Friday?"),
    ],
)
def test_bodies_decoded_in_any_charset_and_encoding(name, text):
    assert text in parse(name).summary


def test_html_only_mail_becomes_readable_text_without_scripts_or_styles():
    summary = parse("html-only.eml").summary
    assert "<" not in summary and "track()" not in summary and "color" not in summary


def test_quoted_history_is_not_part_of_the_summary_or_the_requests():
    item = parse("request-base64.eml")
    assert "tell me more about the team" not in item.summary
    assert [r.text for r in item.requests] == [
        "Could you send me two references by Friday?",
        "Also, please let us know your availability for a call with our VP next week.",
    ]
    assert item.requests[0].due == datetime(2026, 11, 27, 17, 0, tzinfo=EST)


def test_thread_headers_and_date_kept():
    item = parse("request-base64.eml")
    assert item.message_id == item.external_id == "<refs-1@northwind.example>"
    assert item.in_reply_to == "<thanks-priya-0@example.com>"
    assert item.references == ["<screen-0@northwind.example>", "<thanks-priya-0@example.com>"]
    assert item.at == datetime(2026, 11, 24, 9, 12, tzinfo=EST)


def test_outbound_mail_asks_nothing_and_attachments_are_named_not_stored():
    item = parse("with-attachment.eml")
    assert item.requests == []
    assert item.attachments == ["design – kafka.pdf"]
    assert "JVBER" not in item.summary


def test_scan_reads_addresses_from_raw_headers_only():
    raw = (DATA / "encoded-comma-name.eml").read_bytes()
    found = scan_addresses(raw + b"\nTo: not-a-header@body.example\n")
    assert found.sender == ["dana.ruiz@northwind.example"]
    assert found.recipients == ["jordan.lee@example.com", "sam.patel@northwind.example"]


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        (b"\x89PNG\r\n\x1a\nbinary", "no mail headers"),
        (b"From: dana@acme.example\nSubject: hi\n\nno date here", "no readable Date"),
        (b"Subject: hi\nDate: Mon, 23 Nov 2026 10:00:00 +0000\n\nnobody", "no sender"),
    ],
)
def test_not_a_message_says_why(raw, why):
    with pytest.raises(NotAMessage, match=why):
        parse_message(raw, OWN)


def test_message_without_message_id_gets_a_stable_id():
    raw = b"From: dana@acme.example\nDate: Mon, 23 Nov 2026 10:00:00 +0000\n\nHello"
    first, second = parse_message(raw, OWN), parse_message(raw, OWN)
    assert first.external_id.startswith("sha1:") and first.external_id == second.external_id


def test_html_to_text_keeps_blocks_apart():
    assert html_to_text("<p>One</p><p>Two &amp; three</p><ul><li>a</li></ul>") == (
        "One\n\nTwo & three\n\n- a"
    )
