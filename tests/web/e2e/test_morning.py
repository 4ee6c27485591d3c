"""The journeys a job seeker takes, at 1400 and 390 px: the first run from an empty record
to a first agenda; a morning on Today; setting up mail with a wrong and a right password."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from web.e2e.conftest import WIDTHS, axe_violations

MEETING = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Example//Calendar//EN
BEGIN:VEVENT
UID:coffee-dana-1@northwind.example
DTSTAMP:20261120T120000Z
DTSTART:20261123T150000Z
DTEND:20261123T160000Z
SUMMARY:Coffee with Dana Ruiz about the platform team
ORGANIZER;CN=Dana Ruiz:mailto:dana.ruiz@northwind.example
ATTENDEE;CN=Ada Lovelace:mailto:ada@example.com
ATTENDEE;CN=Dana Ruiz:mailto:dana.ruiz@northwind.example
END:VEVENT
END:VCALENDAR
"""


CONTACT = """BEGIN:VCARD
VERSION:3.0
FN:Dana Ruiz
N:Ruiz;Dana;;;
EMAIL;TYPE=work:dana.ruiz@northwind.example
ORG:Northwind Analytics
TITLE:Engineering Manager
END:VCARD
"""


def counts(page) -> dict[str, int]:
    text = page.locator("#today-counts").inner_text()
    found = dict(
        (words, int(n))
        for n, words in re.findall(r"(\d+)\s+(overdue|due today|coming up|done this week)", text)
    )
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_first_run_from_an_empty_record_to_a_first_agenda(
    empty_live, sized, snap, width, tmp_path: Path
):
    page = sized(width, timezone_id="Europe/Berlin")
    page.goto(empty_live.url + "/pipeline")  # any page leads to the setup
    expect(page).to_have_url(empty_live.url + "/setup")
    expect(page.locator("h1")).to_have_text("Welcome to topofmind")
    expect(page.locator("#setup-timezone")).to_have_value("Europe/Berlin")  # the browser's
    snap(page, "first-run", "1-you", width)
    assert not axe_violations(page, width, "first run: you")
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Your email addresses").fill("ada@example.com")
    page.get_by_role("button", name="Save and continue").click()

    expect(page).to_have_url(empty_live.url + "/setup/import")
    expect(page.locator("main")).to_contain_text("LinkedIn export")
    # the people first (contacts, or the LinkedIn export), then the calendar with them
    contact, invite = tmp_path / "dana.vcf", tmp_path / "coffee.ics"
    contact.write_text(CONTACT)
    invite.write_text(MEETING)
    for upload, added in ((contact, "1 person"), (invite, "1 interaction")):
        page.set_input_files("#setup-files", str(upload))
        page.get_by_role("button", name="Import", exact=True).click()
        expect(page.locator("#setup-result .batch").first).to_contain_text(upload.name)
        expect(page.locator("#setup-result .batch").first).to_contain_text(added)
    snap(page, "first-run", "2-import", width)
    assert not axe_violations(page, width, "first run: import")

    # a step skipped can be come back to: the first one keeps what was saved
    page.get_by_role("link", name="1. You").click()
    expect(page.get_by_label("Your name")).to_have_value("Ada Lovelace")
    expect(page.locator("#setup-timezone")).to_have_value("Europe/Berlin")
    page.get_by_role("link", name="2. Your records").click()
    page.get_by_role("link", name="See my first agenda").click()

    expect(page).to_have_url(empty_live.url + "/")
    expect(page.locator("h1")).to_contain_text("Today, Ada")
    expect(page.locator("#do-now")).to_contain_text("Thank Dana Ruiz")
    snap(page, "first-run", "3-today", width)
    assert not page.script_errors, page.script_errors


@pytest.mark.parametrize("width", WIDTHS)
def test_a_morning_on_today(live, sized, snap, width):
    page = sized(width)
    page.goto(live.url + "/")
    snap(page, "morning", "1-start", width)
    start = counts(page)
    top = page.locator("#do-now article.card")
    expect(top).to_have_count(3)
    ids = [top.nth(i).get_attribute("data-action-id") for i in range(3)]

    # do the top three, watching the counts move after each
    for n, action_id in enumerate(ids, start=1):
        card = page.locator(f'#do-now article[data-action-id="{action_id}"]')
        card.get_by_role("button", name="Done", exact=True).click()
        expect(page.locator(f'article.decided[data-action-id="{action_id}"]')).to_contain_text(
            "Done: "
        )
        expect(page.locator("#today-counts")).to_contain_text(
            f"{start['done this week'] + n} done this week"
        )
        now = counts(page)
        assert now["overdue"] + now["due today"] == start["overdue"] + start["due today"] - n
    next_three = page.get_by_role("link", name="Show the next three")
    expect(next_three).to_be_visible()
    snap(page, "morning", "2-top-three-done", width)

    # snooze one from the keyboard, then undo it
    before, before_text = counts(page), page.locator("#today-counts").inner_text()
    line = page.locator("#the-rest article.card").first
    action_id = line.get_attribute("data-action-id")
    group_badge = page.locator("#the-rest section.group").first.locator("h3 .badge")
    in_group = int(group_badge.inner_text())
    line.focus()
    page.keyboard.press("s")
    decided = page.locator(f'article.decided[data-action-id="{action_id}"]')
    expect(decided).to_contain_text("Snoozed until")
    expect(page.locator("#today-counts")).not_to_have_text(before_text)
    after = counts(page)
    assert sum(after[k] for k in ("overdue", "due today", "coming up")) == (
        sum(before[k] for k in ("overdue", "due today", "coming up")) - 1
    )
    expect(group_badge).to_have_text(str(in_group - 1))  # its group's count too
    snap(page, "morning", "3-snoozed", width)
    page.keyboard.press("u")
    expect(page.locator(f'article.card.line[data-action-id="{action_id}"]')).to_be_visible()
    expect(page.locator("#today-counts")).to_have_text(before_text)

    # the shortcuts are listed on ?
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Snooze")
    snap(page, "morning", "4-shortcuts", width, full=False)
    assert not axe_violations(page, width, "today: shortcuts")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    # what was done stays done, and the next three take its place
    next_three.click()
    for action_id in ids:
        expect(page.locator(f'article.card[data-action-id="{action_id}"]')).to_have_count(0)
    expect(page.locator("#do-now article.card")).to_have_count(3)
    assert not page.script_errors, page.script_errors


@pytest.mark.parametrize("width", WIDTHS)
def test_setting_up_mail_with_a_wrong_then_the_right_password(
    live, sized, snap, width, dovecot, memory_keyring
):
    page = sized(width)
    page.goto(live.url + "/settings#mail")
    mail = page.locator("details#mail")
    mail.get_by_label("Mail server (IMAP)").fill(dovecot.host)
    mail.locator("#set-imap_port").fill(str(dovecot.port))
    mail.locator("#set-imap_security").select_option("none")
    mail.locator("#set-imap_user").fill(dovecot.user)
    mail.get_by_label("Password (mail account)").fill("wrong-password-7")
    mail.get_by_role("button", name="Test the account").click()
    result = page.locator("#mail-tested")
    expect(result).to_contain_text("It did not work")
    expect(result).to_contain_text("refused the login")
    snap(page, "settings-mail", "1-wrong-password", width)
    assert not axe_violations(page, width, "settings: mail refused")

    mail.get_by_label("Password (mail account)").fill(dovecot.password)
    mail.get_by_role("button", name="Test the account").click()
    expect(result).to_contain_text(f"It works. Logged in to {dovecot.host} as {dovecot.user}")
    snap(page, "settings-mail", "2-works", width)
    mail.get_by_role("button", name="Save mail").click()

    expect(page.locator("main > p.notice").first).to_contain_text("Saved Mail.")
    expect(page.locator("#set-imap_host")).to_have_value(dovecot.host)
    assert dovecot.password not in page.content()  # never echoed
    assert page.locator("#set-imap_password").input_value() == ""
    assert list(memory_keyring.values()) == [dovecot.password]
    snap(page, "settings-mail", "3-saved", width)
    assert not page.script_errors, page.script_errors
