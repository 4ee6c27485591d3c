"""Drafts as standard messages: headers, encodings, threading; and as mailto: links."""

from datetime import datetime
from email import message_from_bytes, policy
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest

from topofmind.compose.drafts import Draft, Recipient
from topofmind.compose.eml import build_message, write_eml
from topofmind.compose.mailto import mailto_link
from topofmind.errors import DeliveryFailed

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=ZoneInfo("America/New_York"))


def draft(**changes) -> Draft:
    values = dict(
        action_id="respond-promptly:r1",
        kind="respond-promptly",
        recipients=[Recipient("Zoë Müller-Ørsted", "zoe@northwind.example", 1)],
        subject="Re: Références – Senior Data Engineer",
        body="Hi Zoë,\n\nYou asked me to send two references; here they are.\n\nJordan Lee",
        in_reply_to="<ask@northwind.example>",
        references=["<first@northwind.example>", "<ask@northwind.example>"],
    )
    values.update(changes)
    return Draft(**values)


def test_eml_round_trips_with_encoded_names_and_thread(tmp_path):
    path = write_eml(
        build_message(draft(), "Jordan Lée", "jordan@example.com", NOW), tmp_path / "a.eml"
    )
    raw = path.read_bytes()
    assert raw.isascii(), "headers and body are encoded for transport"
    assert b"\r\n" in raw
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed["To"].addresses[0].display_name == "Zoë Müller-Ørsted"
    assert parsed["From"].addresses[0].display_name == "Jordan Lée"
    assert str(parsed["Subject"]) == "Re: Références – Senior Data Engineer"
    assert parsed["In-Reply-To"] == "<ask@northwind.example>"
    assert parsed["References"] == "<first@northwind.example> <ask@northwind.example>"
    assert parsed["Message-ID"].endswith("@example.com>")
    assert parsed["Date"].datetime == NOW
    assert parsed.get_content().startswith("Hi Zoë,")


def test_a_new_message_has_no_thread_headers():
    message = build_message(draft(in_reply_to=None, references=[]), "J", "j@example.com", NOW)
    assert "In-Reply-To" not in message and "References" not in message


def test_missing_address_is_one_clear_error():
    with pytest.raises(DeliveryFailed, match="No email address for Zoë Müller-Ørsted"):
        build_message(draft(recipients=[Recipient("Zoë Müller-Ørsted", "")]), "J", "j@x.com", NOW)


def test_mailto_link_percent_encodes_everything():
    link = mailto_link(draft())
    parts = urlsplit(link)
    assert parts.scheme == "mailto" and parts.path == "zoe@northwind.example"
    assert " " not in link and "\n" not in link
    query = parse_qs(parts.query)
    assert query["subject"] == ["Re: Références – Senior Data Engineer"]
    assert query["body"][0].startswith("Hi Zoë,\r\n\r\nYou asked me")
    assert unquote(parts.query).count("In-Reply-To=<ask@northwind.example>") == 1
