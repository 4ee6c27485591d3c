"""Appending a draft to the Drafts folder of a real IMAP account (Dovecot)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from topofmind.compose.drafts import Draft, Recipient
from topofmind.compose.eml import build_message
from topofmind.compose.imap_drafts import append_draft
from topofmind.domain.accounts import ImapAccount
from topofmind.errors import DeliveryFailed

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=ZoneInfo("America/New_York"))


def message():
    draft = Draft(
        action_id="thank-you:i3:p2",
        kind="thank-you",
        recipients=[Recipient("Sam Pätel", "sam.patel@northwind.example", 2)],
        subject="Thank you for the interview yesterday",
        body="Hi Sam,\n\nI appreciated that you walked through the Kafka-to-dbt design.\n",
    )
    return build_message(draft, "Jordan Lee", "jordan.lee@example.com", NOW)


def account(server, **changes) -> ImapAccount:
    values = dict(
        host=server.host,
        port=server.port,
        security="none",
        user=server.user,
        password=server.password,
        folder="Drafts",
    )
    values.update(changes)
    return ImapAccount(**values)


def test_draft_lands_in_drafts_flagged_as_draft(dovecot):
    dovecot.clear()
    folder = append_draft(message(), account(dovecot), NOW)
    assert folder == "Drafts"
    with dovecot.client() as client:
        client.select_folder("Drafts", readonly=True)
        [uid] = client.search(["ALL"])
        fetched = client.fetch([uid], ["FLAGS", "RFC822"])[uid]
    assert b"\\Draft" in fetched[b"FLAGS"]
    raw = fetched[b"RFC822"]
    assert b"Subject: Thank you for the interview yesterday" in raw
    assert b"sam.patel@northwind.example" in raw


def test_wrong_password_is_one_line(dovecot):
    with pytest.raises(DeliveryFailed, match="refused the user name or password"):
        append_draft(message(), account(dovecot, password="wrong"), NOW)


def test_draft_appended_over_starttls(dovecot_starttls):
    folder = append_draft(message(), account(dovecot_starttls, security="starttls"), NOW)
    with dovecot_starttls.client() as client:
        client.select_folder(folder, readonly=True)
        assert len(client.search(["ALL"])) == 1
