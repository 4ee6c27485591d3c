"""Draft: the live personalization check, saving an edit, .eml, and sending over SMTP."""

from __future__ import annotations

import html

import pytest

THANK_YOU = "thank-you:i14:p11"


@pytest.fixture
def action_id(web) -> str:
    ids = [a["id"] for a in web.get("/api/actions").json() if a["draftable"]]
    assert THANK_YOU in ids
    return THANK_YOU


def test_draft_page_shows_the_draft_and_why(web, action_id):
    page = html.unescape(web.get(f"/actions/{action_id}/draft").text)
    assert "Thank Leo Martins" in page
    assert "Subject: " in page
    assert "fraud models with streaming features" in page
    assert "Specific and personal: nothing to fix." in page


def test_live_check_flags_a_generic_draft(web, action_id):
    generic = "Subject: Thanks\n\nHi Leo,\n\nJust checking in. Thanks for your time.\n\nJordan"
    result = web.post(f"/actions/{action_id}/draft/check", data={"text": generic}, htmx=True)
    assert result.status_code == 200
    assert 'class="finding warn"' in result.text
    # nothing is saved by checking
    assert "Just checking in" not in web.get(f"/actions/{action_id}/draft").text


def test_keep_my_edit_is_used_from_then_on(web, action_id):
    own = (
        "Subject: Great to meet you\n\nHi Leo,\n\nI keep thinking about your fraud models "
        "with streaming features.\n\nJordan"
    )
    result = web.post(f"/actions/{action_id}/draft", data={"text": own}, htmx=True)
    assert "Saved your edit" in result.text
    page = web.get(f"/actions/{action_id}/draft").text
    assert "I keep thinking about your fraud models" in page
    assert "your edit" in page


def test_download_eml(web, action_id):
    result = web.form(f"/actions/{action_id}/draft.eml")
    assert result.status_code == 200
    assert result.headers["content-type"].startswith("message/rfc822")
    assert 'filename="thank-you-i14-p11.eml"' in result.headers["content-disposition"]
    assert b"To: Leo Martins <leo.martins@lumenbank.example>" in result.content


def test_send_closes_the_action(web, action_id, smtp_starttls, monkeypatch):
    for name, value in smtp_starttls.settings.items():
        monkeypatch.setenv(f"TOM_{name.upper()}", str(value))
    from topofmind.settings import load_settings

    web.client.app.state.settings = load_settings()
    result = web.post(f"/actions/{action_id}/draft/send", data={}, htmx=True)
    assert result.status_code == 200, result.text
    text = html.unescape(result.text)
    assert "Sent to leo.martins@lumenbank.example" in text
    assert "Closed: Thank Leo Martins" in text
    assert len(smtp_starttls.messages) == 1
    assert smtp_starttls.messages[0].rcpt_tos == ["leo.martins@lumenbank.example"]
    assert action_id not in [a["id"] for a in web.get("/api/actions").json()]


def test_send_without_smtp_settings_is_one_line(web, action_id):
    result = web.post(f"/actions/{action_id}/draft/send", data={}, htmx=True)
    assert result.headers["HX-Retarget"] == "#flash"
    assert 'class="error"' in result.text
    assert action_id in [a["id"] for a in web.get("/api/actions").json()]


def test_without_mail_settings_the_page_offers_what_works_and_says_how_to_send(web, action_id):
    page = html.unescape(web.get(f"/actions/{action_id}/draft").text)
    assert 'id="send"' not in page and "Save to mail drafts" not in page
    setup = page.split('id="delivery-setup"')[1].split("</p>")[0]
    assert "To send from here or save to your mail's drafts, set up your mail account" in setup
    assert '<a href="/settings#mail">Settings</a>' in setup
    assert "Open in mail app" in page and 'id="sent-myself"' in page


def test_i_sent_it_records_the_draft_as_my_email_and_closes_the_action(web, action_id):
    result = web.post(f"/actions/{action_id}/draft/sent", data={}, htmx=True)
    assert result.status_code == 200, result.text
    text = html.unescape(result.text)
    assert "You sent it to leo.martins@lumenbank.example; recorded as an email from you." in text
    assert "Closed: Thank Leo Martins" in text
    open_now = web.get("/api/actions").json()
    assert action_id not in [a["id"] for a in open_now]
    assert not [a for a in open_now if a["rule"] == "supplementary-info" and 11 in a["people"]]
    leo = web.get("/api/people/11").json()
    (sent,) = [i for i in leo["interactions"] if i["direction"] == "out"]  # newest first
    assert sent["kind"] == "email" and sent["subject"].startswith("Thank you for the conversation")
    assert sent["summary"].startswith("Hi Leo,") and "Subject:" not in sent["summary"]


def sent_copy(subject: str, body: str, message_id: str, date: str) -> str:
    """The message as the person's mail program keeps it in their Sent folder."""
    return (
        "From: Jordan Lee <jordan.lee@example.com>\n"
        "To: Leo Martins <leo.martins@lumenbank.example>\n"
        f"Subject: {subject}\nDate: {date}\nMessage-ID: {message_id}\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        f"{body}\n"
    )


def upload_mail(web, body: str):
    result = web.post(
        "/import",
        files={"files": ("sent.eml", body.encode(), "message/rfc822")},
        data={"kind": "auto"},
        htmx=True,
    )
    assert result.status_code == 200, result.text
    return html.unescape(result.text)


def emails_to_leo(web) -> list[dict]:
    leo = web.get("/api/people/11").json()
    return [i for i in leo["interactions"] if i["direction"] == "out" and i["kind"] == "email"]


def test_the_sent_folder_copy_of_what_i_sent_myself_is_the_same_email(web, action_id):
    web.post(f"/actions/{action_id}/draft/sent", data={}, htmx=True)
    (recorded,) = emails_to_leo(web)
    # Sent from the mail program an hour before the button was pressed, reworded there.
    copy = sent_copy(
        f"Re: {recorded['subject']}",
        "Hi Leo, thanks again for the talk about fraud models.",
        "<abc123@mail.example.com>",
        "Tue, 24 Nov 2026 14:00:00 -0500",
    )
    report = upload_mail(web, copy)
    assert "updated 1" in report.lower()
    (email,) = emails_to_leo(web)
    assert email["summary"] == "Hi Leo, thanks again for the talk about fraud models."
    assert email["at"].startswith("2026-11-24T19:00:00")
    assert action_id not in [a["id"] for a in web.get("/api/actions").json()]
    # Read again (the next sync), it is the same message, unchanged.
    again = upload_mail(web, copy).lower()
    said = again.split('class="summary">')[1].split("</p>")[0]
    assert "updated" not in said, said
    assert len(emails_to_leo(web)) == 1
    # Undoing the import that matched it brings back the email as recorded.
    batch_id = report.split('id="batch-')[1].split('"')[0]
    web.post(f"/import/{batch_id}/undo", htmx=True)
    (email,) = emails_to_leo(web)
    assert email["summary"] == recorded["summary"] and email["subject"] == recorded["subject"]


def test_the_sent_copy_is_known_by_its_text_when_the_subject_was_rewritten(web, action_id):
    web.post(f"/actions/{action_id}/draft/sent", data={}, htmx=True)
    (recorded,) = emails_to_leo(web)
    copy = sent_copy(
        "Great to meet you at the meetup",
        recorded["summary"] + "\n\nJordan Lee\nData engineer · 555-0100",
        "<rewritten@mail.example.com>",
        "Tue, 24 Nov 2026 15:30:00 -0500",
    )
    assert "updated 1" in upload_mail(web, copy).lower()
    (email,) = emails_to_leo(web)
    assert email["subject"] == "Great to meet you at the meetup"
    # Another message to him that day, on another subject, is one of its own.
    upload_mail(
        web,
        sent_copy(
            "My portfolio",
            "Hi Leo, here is the portfolio I mentioned, with the fraud model write-up.",
            "<portfolio@mail.example.com>",
            "Tue, 24 Nov 2026 16:00:00 -0500",
        ),
    )
    assert [e["subject"] for e in emails_to_leo(web)] == [
        "My portfolio",
        "Great to meet you at the meetup",
    ]


def test_another_email_on_the_subject_days_later_is_an_email_of_its_own(web, action_id):
    web.post(f"/actions/{action_id}/draft/sent", data={}, htmx=True)
    (recorded,) = emails_to_leo(web)
    upload_mail(
        web,
        sent_copy(
            recorded["subject"],
            "Following up.",
            "<later@mail.example.com>",
            "Mon, 30 Nov 2026 09:00:00 -0500",
        ),
    )
    assert [e["summary"] for e in emails_to_leo(web)] == ["Following up.", recorded["summary"]]


def test_the_sent_folder_copy_of_a_message_sent_from_here_is_not_a_second_email(
    web, action_id, smtp_starttls, monkeypatch
):
    for name, value in smtp_starttls.settings.items():
        monkeypatch.setenv(f"TOM_{name.upper()}", str(value))
    from topofmind.settings import load_settings

    web.client.app.state.settings = load_settings()
    web.post(f"/actions/{action_id}/draft/send", data={}, htmx=True)
    delivered = smtp_starttls.messages[0].raw.decode()
    report = upload_mail(web, delivered)
    assert "added 0" in report.lower()
    (email,) = emails_to_leo(web)
    assert email["summary"].startswith("Hi Leo,")


def test_i_sent_the_request_records_a_linkedin_note_as_the_connection_request(web):
    page = html.unescape(web.get("/actions/connect:p1/draft").text)
    assert "I sent the request" in page and "Download .eml" not in page
    result = web.post("/actions/connect:p1/draft/sent", data={}, htmx=True)
    assert result.status_code == 200, result.text
    text = html.unescape(result.text)
    assert "You sent it to Dana Ruiz; recorded as your LinkedIn connection request." in text
    assert "Closed: Connect with Dana Ruiz on LinkedIn" in text
    dana = web.get("/api/people/1").json()
    assert dana["interactions"][0]["kind"] == "linkedin-connection"


def test_a_draft_to_someone_without_an_address_says_so_instead_of_a_bare_name(web):
    from datetime import datetime

    web.get("/people/new")
    added = web.form("/people/new", {"name": "Ines Moreau"})
    assert added.status_code == 200, added.text
    person = web.get("/api/people").json()
    ines = next(p for p in person if p["name"] == "Ines Moreau")
    web.form(
        "/log",
        {
            "kind": "meeting",
            "at": datetime(2026, 11, 24, 11, 0).strftime("%Y-%m-%dT%H:%M"),
            "with": "Ines Moreau",
            "summary": "coffee about the platform team",
        },
    )
    action = next(
        a for a in web.get("/api/actions").json() if a["draftable"] and ines["id"] in a["people"]
    )
    page = html.unescape(web.get(f"/actions/{action['id']}/draft").text)
    warning = page.split('id="no-address"')[1].split("</p>")[0]
    assert f'<a href="/people/{ines["id"]}">Ines Moreau</a> has no email address on record' in (
        warning
    )
