"""What a person does in the browser, end to end, on the demo job search."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Example//Calendar//EN
METHOD:REQUEST
BEGIN:VEVENT
UID:onsite-northwind-1@northwind.example
DTSTAMP:20261124T120000Z
DTSTART:20261202T150000Z
DTEND:20261202T170000Z
SUMMARY:Onsite loop: Northwind platform team
ORGANIZER;CN=Dana Ruiz:mailto:dana.ruiz@northwind.example
ATTENDEE;CN=Jordan Lee:mailto:jordan.lee@example.com
ATTENDEE;CN=Sam Patel:mailto:sam.patel@northwind.example
LOCATION:Northwind HQ
END:VEVENT
END:VCALENDAR
"""

EVIL_EML = (
    "From: Dana Ruiz <dana.ruiz@northwind.example>\r\n"
    "To: Jordan Lee <jordan.lee@example.com>\r\n"
    'Subject: Agenda for Thursday <img src=x onerror="window.pwned=1">\r\n'
    "Date: Tue, 24 Nov 2026 09:00:00 -0500\r\n"
    "Message-ID: <agenda-thursday@northwind.example>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<p>Here is the agenda.</p><script>window.pwned=2;alert('owned')</script>"
    '<img src=x onerror="window.pwned=3"><a href="javascript:window.pwned=4">x</a>\r\n'
)


def test_log_an_interview_then_send_a_thank_you(live, page, shot, smtp_starttls, monkeypatch):
    """Log a panel interview, see a thank-you per interviewer, send one, see it close."""
    for name, value in smtp_starttls.settings.items():
        monkeypatch.setenv(f"TOM_{name.upper()}", str(value))
    from topofmind.settings import load_settings

    live.app.state.settings = load_settings()

    page.goto(live.url + "/log")
    page.select_option("#kind", "interview")
    page.fill("#at", "2026-11-24T13:00")
    page.fill("#with-first", "Dana Ruiz")
    page.click("text=Add another person")
    page.locator("input[name=with]").nth(1).fill("Sam Patel")
    page.select_option(
        "select[name=opportunity]", label="Senior Data Engineer at Northwind Analytics"
    )
    page.fill(
        "#points",
        "Sam: wants idempotent backfills before the Kafka cut-over\n"
        "Dana: two junior engineers need a mentor",
    )
    shot("form")
    page.click("button:has-text('Log it')")

    created = page.locator("#created")
    expect(created).to_contain_text("Thank Dana Ruiz")
    expect(created).to_contain_text("Thank Sam Patel")
    shot("created")

    sam = created.locator("article", has_text="Thank Sam Patel")
    sam.get_by_role("link", name="Open draft").click()
    expect(page.locator("#draft-text")).to_contain_text("idempotent backfills")
    expect(page.locator("#findings")).to_contain_text("Specific and personal")

    # the check follows the editor live
    page.fill("#draft-text", "Subject: Thanks\n\nHi Sam,\n\nJust checking in.\n\nJordan")
    expect(page.locator("#findings .finding.warn").first).to_be_visible()
    shot("check")
    page.reload()

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#send")
    sent = page.locator("#sent")
    expect(sent).to_contain_text("Sent to sam.patel@northwind.example")
    expect(sent).to_contain_text("Closed: Thank Sam Patel")
    score = sent.locator(".score-move").inner_text()
    before, after = (int(n) for n in re.findall(r"\d+", score)[-2:])
    assert after >= before, score  # a thank-you sent never lowers it (90 is near the top)
    shot("sent")
    assert smtp_starttls.messages[0].rcpt_tos == ["sam.patel@northwind.example"]

    page.goto(live.url + "/")
    expect(page.locator("main")).not_to_contain_text("Thank Sam Patel for the interview")
    expect(page.locator("main")).to_contain_text("Thank Dana Ruiz for the interview")
    assert not page.script_errors, page.script_errors


def test_import_a_calendar_and_undo_it(live, page, shot, tmp_path: Path):
    invite = tmp_path / "onsite.ics"
    invite.write_text(ICS)
    page.goto(live.url + "/import")
    page.set_input_files("#import-files", str(invite))
    page.click("button:has-text('Import')")
    batch = page.locator("#import-result .batch").first
    expect(batch).to_contain_text("ics")
    expect(batch).to_contain_text("added 1")
    shot("imported")

    page.goto(live.url + "/people/1")
    expect(page.locator("#timeline")).to_contain_text("Onsite loop: Northwind platform team")

    page.goto(live.url + "/import")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#import-result .batch").first.get_by_role(
        "button", name="Undo this import"
    ).click()
    expect(page.locator("#import-result .batch").first).to_contain_text("undone")
    shot("undone")
    page.goto(live.url + "/people/1")
    expect(page.locator("#timeline")).not_to_contain_text("Onsite loop")
    assert not page.script_errors, page.script_errors


def test_a_sync_under_way_shows_what_it_reads_as_it_goes(live, page, shot):
    """Another program syncs the mail: its card on Import fills in by itself, and says
    so once that program is gone."""
    from conftest import NOW
    from topofmind.services.sync.lock import sync_lock
    from topofmind.store import batches as batch_store
    from topofmind.store.locks import holding

    db = live.app.state.db
    with holding(db, sync_lock("imap")):
        with db.begin() as conn:
            batch_id = batch_store.start_batch(conn, "imap", "jordan@mail.example INBOX", NOW)
            batch_store.save_progress(conn, batch_id, {"read": 200, "added": 2})
        page.goto(live.url + "/import")
        card = page.locator(f"#batch-{batch_id}")
        expect(card).to_contain_text("syncing")
        expect(card).to_contain_text("Read 200")
        with db.begin() as conn:
            batch_store.save_progress(conn, batch_id, {"read": 400, "added": 5})
        expect(card).to_contain_text("Read 400", timeout=10_000)  # without a reload
        shot("syncing")
    expect(card).to_contain_text("stopped", timeout=10_000)
    assert not page.script_errors, page.script_errors


def test_snooze_an_action_until_friday_with_a_note(live, page, shot):
    page.goto(live.url + "/")
    card = page.locator("#the-rest article.card").first
    action_id = card.get_attribute("data-action-id")
    card.locator("summary").click()  # why now, and the form to snooze to a moment
    card.locator("input[name=until]").fill("friday 3pm")
    card.locator("input[name=note]").fill("after the onsite")
    shot("form")
    card.locator("details button[value=snoozed]").click()
    decided = page.locator(f'article.decided[data-action-id="{action_id}"]')
    expect(decided).to_contain_text("Snoozed until Fri 27 Nov 15:00")
    expect(decided).to_contain_text("Note: after the onsite")
    shot("snoozed")
    page.reload()
    expect(page.locator(f'article.card[data-action-id="{action_id}"]')).to_have_count(0)
    assert not page.script_errors, page.script_errors


def test_dismiss_by_mistake_then_undo(live, page, shot):
    page.goto(live.url + "/")
    card = page.locator("#the-rest article.card").first
    action_id = card.get_attribute("data-action-id")
    card.locator("summary").click()
    card.get_by_role("button", name="Dismiss").click()
    decided = page.locator(f'article.decided[data-action-id="{action_id}"]')
    expect(decided).to_contain_text("Dismissed: ")
    decided.get_by_role("button", name="Undo").click()
    back = page.locator(f'article.card.line[data-action-id="{action_id}"]')
    expect(back).to_be_visible()
    shot("undone")
    page.reload()
    expect(page.locator(f'article.card[data-action-id="{action_id}"]')).to_have_count(1)
    assert not page.script_errors, page.script_errors


def test_done_by_hand_shows_what_followed_and_opens_its_draft(live, page, shot):
    page.goto(live.url + "/")
    card = page.locator('article.card[data-action-id="thank-you:i3:p1"]')
    card.get_by_role("button", name="Done", exact=True).click()
    decided = page.locator('article.decided[data-action-id="thank-you:i3:p1"]')
    expect(decided).to_contain_text("Done: Thank Dana Ruiz for the interview.")
    followed = decided.get_by_role("list", name="What followed")
    expect(followed).to_contain_text("New: Send Dana Ruiz the point you wish you had covered")
    expect(page.locator("#done-this-week")).to_contain_text("Thank Dana Ruiz for the interview")
    shot("followed")
    followed.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/actions/supplementary-info%3Ai3%3Ap1/draft$"))
    expect(page.locator("main")).to_contain_text("Dana")
    assert not page.script_errors, page.script_errors


def test_move_a_card_by_dragging_it(live, page, shot):
    page.goto(live.url + "/pipeline")
    card = page.locator("#opp-3")
    target = page.locator('.column[data-stage="screening"] .cards')
    expect(card).to_be_visible()
    shot("before")
    # hold the card by its organization line (links and menus do not start a drag)
    grip, goal = card.locator("p.meta").first.bounding_box(), target.bounding_box()
    start_x, start_y = grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2
    end_x, end_y = goal["x"] + goal["width"] / 2, goal["y"] + goal["height"] - 10
    page.mouse.move(start_x, start_y)
    page.mouse.down()
    steps = 15
    for i in range(1, steps + 1):
        page.mouse.move(
            start_x + (end_x - start_x) * i / steps, start_y + (end_y - start_y) * i / steps
        )
    page.mouse.up()
    expect(page.locator('.column[data-stage="screening"] #opp-3')).to_be_visible()
    expect(page.locator("#opp-3 select[name=stage]")).to_have_value("screening")
    shot("after")
    page.reload()
    expect(page.locator('.column[data-stage="screening"] #opp-3')).to_be_visible()

    # and by its menu
    page.locator("#opp-3 select[name=stage]").select_option("offer")
    expect(page.locator('.column[data-stage="offer"] #opp-3')).to_be_visible()
    page.reload()
    expect(page.locator('.column[data-stage="offer"] #opp-3')).to_be_visible()
    assert not page.script_errors, page.script_errors


def test_an_imported_email_carrying_script_does_nothing(live, page, shot, tmp_path: Path):
    mail = tmp_path / "agenda.eml"
    mail.write_text(EVIL_EML)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(live.url + "/import")
    page.set_input_files("#import-files", str(mail))
    page.click("button:has-text('Import')")
    expect(page.locator("#import-result .batch").first).to_contain_text("added")

    for path in ("/people/1", "/search?q=agenda", "/"):
        page.goto(live.url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.pwned") is None, path
    page.goto(live.url + "/people/1")
    expect(page.locator("#timeline")).to_contain_text("Agenda for Thursday")
    shot("person")
    assert dialogs == []


def test_api_docs_render_under_the_content_security_policy(live, page, shot):
    page.goto(live.url + "/docs")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    expect(page.locator(".swagger-ui")).to_contain_text("/api/agenda")
    shot("docs")
    assert not [e for e in page.script_errors if "Content Security Policy" in e], page.script_errors


def test_charts_draw(live, page, shot):
    page.goto(live.url + "/pipeline")  # records today's scores
    page.goto(live.url + "/charts")
    for canvas in page.locator("canvas[data-src]").all():
        expect(canvas).to_have_attribute("data-ready", "1")
    shot("charts")
    assert not page.script_errors, page.script_errors


def test_a_mistake_on_a_card_shows_in_sight_and_clears_once_something_works(live, page):
    page.goto(live.url + "/")
    card = page.locator("#the-rest article.card").nth(3)
    card.scroll_into_view_if_needed()
    card.locator("summary").click()
    card.locator("input[name=until]").fill("next tusday")
    card.locator("button[name=status][value=snoozed]").click()
    flash = page.locator("#flash")
    expect(flash).to_contain_text("next tusday")
    expect(flash).to_be_in_viewport()  # it stays at the top of the window, not the page
    card.locator("input[name=until]").fill("monday 2pm")
    card.locator("button[name=status][value=snoozed]").click()
    expect(page.locator("article.decided").first).to_contain_text("Snoozed until")
    expect(flash).to_be_empty()
    assert [e for e in page.script_errors if "status of 4" not in e] == []


@pytest.mark.parametrize(
    "path", ["/", "/opportunities/1", "/log", "/people", "/settings", "/events", "/questions"]
)
def test_pages_fit_a_phone_without_scrolling_sideways(live_reading, chromium, path):
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.goto(live_reading.url + path)
    wide = phone.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert wide <= 390, f"{path} is {wide}px wide on a 390px phone"


def test_a_timeline_reads_as_a_list_of_cards_not_a_numbered_list(live_reading, page):
    page.goto(live_reading.url + "/people/1")
    timeline = page.locator("#timeline")
    assert timeline.evaluate("e => getComputedStyle(e).listStyleType") == "none"
    first = timeline.locator("li.card").first
    assert timeline.evaluate("e => getComputedStyle(e).paddingLeft") == "0px"
    expect(first.locator(".meta").first).to_have_text(re.compile(r"\d{2}:\d{2} · interview$"))
    page.goto(live_reading.url + "/people/3")  # Priya: an email each way, then the phone screen
    metas = page.locator("#timeline li.card > p.meta:first-child")
    expect(metas).to_have_text(
        [
            re.compile(r"· email · from them$"),
            re.compile(r"· email · from me$"),
            re.compile(r"· phone screen$"),
        ]
    )


@pytest.mark.parametrize("path", ["/achievements", "/events", "/questions"])
def test_listing_rows_are_as_tall_as_their_text_and_words_stay_whole(live_reading, page, path):
    page.goto(live_reading.url + path)
    rows = page.locator("table tbody tr")
    line = page.evaluate("parseFloat(getComputedStyle(document.body).lineHeight) || 24")
    for i in range(rows.count()):
        height = rows.nth(i).bounding_box()["height"]
        assert height < 5 * line, f"{path}: row {i + 1} is {height}px tall"
    for button in page.locator("table button").all():  # "Asked", "Mark as registered"
        assert button.bounding_box()["height"] < 2 * line, f"{path}: a button wraps"
    # A one-word cell ("certification", "challenges") is on one line, not cut in two.
    lines = page.evaluate(
        """() => [...document.querySelectorAll("table td")]
            .filter(td => !td.children.length && /^\\S+$/.test(td.innerText.trim()))
            .map(td => { const r = document.createRange(); r.selectNodeContents(td);
                         return [td.innerText.trim(), r.getClientRects().length]; })"""
    )
    assert all(n == 1 for _, n in lines), lines
    aside = page.locator(".two > :last-child").bounding_box()
    fields = ".two > :last-child select, .two > :last-child input:not([type=hidden])"
    for field in page.locator(fields).all():
        box = field.bounding_box()
        assert box["x"] + box["width"] <= aside["x"] + aside["width"] + 1, f"{path}: a field spills"


@pytest.mark.parametrize("path", ["/profile", "/opportunities/new", "/achievements", "/log"])
def test_what_is_typed_in_a_form_is_plain_text_under_bold_labels(live_reading, page, path):
    page.goto(live_reading.url + path)
    weights = page.evaluate(
        """() => [...document.querySelectorAll(
                "form.stack input:not([type=hidden]):not([type=checkbox]), form.stack select,"
                + " form.stack textarea")]
            .map(e => [e.name, getComputedStyle(e).fontWeight,
                       getComputedStyle(e.closest("label") || e).fontWeight])"""
    )
    assert weights and all(field == "400" for _, field, _ in weights), weights
    assert any(label == "600" for _, _, label in weights), weights


@pytest.mark.parametrize("path", ["/questions", "/events", "/people", "/settings"])
def test_on_a_phone_every_cell_of_a_table_is_in_sight(live_reading, chromium, path):
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.goto(live_reading.url + path)
    outside = phone.evaluate(
        """() => [...document.querySelectorAll("table td")]
            .map(td => td.getBoundingClientRect())
            .filter(box => box.width > 0 && (box.left < 0 || box.right > 390)).length"""
    )
    buttons = phone.locator("table td button").all()
    boxes = [b.bounding_box() for b in buttons]
    context.close()
    assert outside == 0, f"{path}: {outside} cells reach past the screen"
    assert all(box["x"] + box["width"] <= 390 for box in boxes), path
