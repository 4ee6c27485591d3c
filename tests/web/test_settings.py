"""Settings: every setting shown with its help; saving one takes effect at once."""

from __future__ import annotations

import html
import re

from topofmind.settings import SETTINGS
from topofmind.web.setting_groups import label


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))


def test_every_setting_is_in_a_group_with_a_label_its_default_and_why(web):
    page = html.unescape(web.get("/settings").text)
    for setting in SETTINGS:
        row = page.split(f'id="{setting.name}"')[1].split('<div class="setting"')[0]
        words, _unit = label(setting)
        assert f">{words}</label>" in row, setting.name
        assert "Default: " in row
        if setting.reason:
            assert "Why: " in row
        assert setting.name not in _text(row)  # no snake_case key in sight
    titles = re.findall(r'<h2 id="[a-z]+-title">([^<]+)</h2>', page)
    for title in ("You", "Working hours", "Rhythm of follow-ups", "Mail", "Calendar", "Drafting"):
        assert title in titles
    assert page.count('class="primary">Save ') == len(titles)  # one Save per group


def test_saving_a_group(web, tom_home):
    page = web.get("/settings").text
    result = web.form(
        "/settings/group/rhythm",
        {"thank_you_hours": "12", "spacing_days": "7", "agenda_days": "7"},
    )
    assert result.status_code == 200
    text = html.unescape(result.text)
    assert "Saved Rhythm of follow-ups." in text
    row = text.split('id="thank_you_hours"')[1].split('<div class="setting"')[0]
    assert 'value="12"' in row
    assert 'id="thank_you_hours"' in page
    saved = (tom_home / "settings.toml").read_text()
    assert "thank_you_hours = 12" in saved
    assert "spacing_days" not in saved  # an unchanged value stays the default


def test_a_group_with_a_bad_value_saves_nothing_and_says_why_beside_it(web, tom_home):
    result = web.form("/settings/group/rhythm", {"thank_you_hours": "12", "spacing_days": "soon"})
    assert result.status_code == 400
    page = html.unescape(result.text)
    assert 'Not saved: <a href="#spacing_days">Leave between unanswered touches' in page
    row = page.split('id="spacing_days"')[1].split('<div class="setting"')[0]
    assert 'value="soon"' in row and 'aria-invalid="true"' in row
    assert "It must be a whole number, not 'soon'." in row
    assert 'value="12"' in page.split('id="thank_you_hours"')[1]  # as typed
    fresh = web.get("/settings").text
    assert 'value="24"' in fresh.split('id="thank_you_hours"')[1]  # nothing was saved


def test_saving_you_and_working_hours_changes_the_profile(web):
    web.get("/settings")
    result = web.form(
        "/settings/group/hours",
        {"work_start": "08:00", "work_end": "16:00", "work_days": ["0", "1", "2", "3"]},
    )
    assert "Saved Working hours." in html.unescape(result.text)
    profile = html.unescape(web.get("/profile").text)
    assert 'value="08:00"' in profile and 'value="16:00"' in profile
    wrong = web.form("/settings/group/you", {"name": "Jordan Lee", "timezone": "Mars/Base"})
    assert wrong.status_code == 400
    assert "Unknown time zone 'Mars/Base'" in html.unescape(wrong.text)


def test_setting_up_a_calendar_syncs_it_now(web, tom_home):
    import time
    from pathlib import Path

    invite = Path(__file__).parents[1] / "data" / "ics" / "outlook_invite.ics"
    result = web.form("/settings/group/calendar", {"calendar_url": str(invite)})
    page = html.unescape(result.text)
    assert "Saved Calendar. Syncing what is set up now: Import shows what it reads." in (
        page.replace('<a href="/import">', "").replace("</a>", "")
    )
    deadline = time.monotonic() + 10  # not the first wait's minute, nor half an hour
    while time.monotonic() < deadline and "calendar · batch #" not in web.get("/import").text:
        time.sleep(0.05)
    assert "calendar · batch #" in web.get("/import").text
    # A setting that sets up no sync says only that it was saved.
    other = html.unescape(web.form("/settings", {"name": "thank_you_hours", "value": "12"}).text)
    assert "Saved Send a thank-you within." in other and "Syncing" not in other


def test_a_calendar_address_is_tried_before_saving(web, tom_home, tmp_path):
    from pathlib import Path

    invite = Path(__file__).parents[1] / "data" / "ics" / "outlook_invite.ics"
    works = web.post("/settings/test/calendar", data={"calendar_url": str(invite)}, htmx=True)
    assert "It works. Read the calendar: 1 event." in html.unescape(works.text)
    (tmp_path / "page.html").write_text("<html>not a calendar</html>")
    fails = web.post(
        "/settings/test/calendar", data={"calendar_url": str(tmp_path / "page.html")}, htmx=True
    )
    text = html.unescape(fails.text)
    assert "It did not work: " in text and "is not a calendar" in text
    assert 'role="alert"' in text
    missing = web.post("/settings/test/calendar", data={"calendar_url": ""}, htmx=True)
    assert "Type the calendar's address" in html.unescape(missing.text)
    assert not (tom_home / "settings.toml").exists()  # trying saves nothing


def test_export_downloads_the_whole_record(web):
    result = web.get("/export.json")
    assert result.headers["content-disposition"] == 'attachment; filename="topofmind-export.json"'
    assert "Northwind Analytics" in result.text


def test_backup_now(web):
    result = web.post("/backup", htmx=True)
    if web.client.app.state.db.is_sqlite:
        assert "Backed up to " in result.text and ".db" in result.text
    else:
        assert "back up PostgreSQL with pg_dump" in result.text


def test_a_mail_password_is_kept_in_the_keyring_never_in_the_settings(
    web, monkeypatch, memory_keyring
):
    from topofmind.settings import load_settings, settings_path

    refused = web.form("/settings/password/imap", {"password": "app-pass-1"})
    assert refused.status_code == 400
    assert "Set imap_host and imap_user first" in html.unescape(refused.text)
    monkeypatch.setenv("TOM_IMAP_HOST", "imap.example.com")
    monkeypatch.setenv("TOM_IMAP_USER", "jordan@example.com")
    monkeypatch.setenv("TOM_SYNC_MINUTES", "0")  # no sync of that made-up account
    web.client.app.state.settings = load_settings()
    kept = web.form("/settings/password/imap", {"password": "app-pass-1"})
    assert kept.status_code == 200, kept.text
    assert "Kept the imap password in this computer's keyring." in html.unescape(kept.text)
    assert "app-pass-1" not in kept.text
    entry = ("topofmind", "imap:jordan@example.com@imap.example.com")
    assert memory_keyring == {entry: "app-pass-1"}
    kept_file = settings_path()
    assert not kept_file.exists() or "app-pass-1" not in kept_file.read_text()
    empty = web.form("/settings/password/imap", {"password": ""})
    assert "Type the password to keep; nothing was saved." in html.unescape(empty.text)


def test_without_a_keyring_the_password_page_says_how_else(web, monkeypatch):
    from topofmind.settings import load_settings

    monkeypatch.setenv("TOM_SMTP_HOST", "smtp.example.com")
    monkeypatch.setenv("TOM_SMTP_USER", "jordan@example.com")
    web.client.app.state.settings = load_settings()
    result = web.form("/settings/password/smtp", {"password": "x"})
    assert result.status_code == 400
    text = html.unescape(result.text)
    assert "This computer has no keyring that would keep the password" in text
    assert "Set TOM_SMTP_PASSWORD in the environment" in text


def test_a_mail_account_is_tried_before_saving_and_the_password_never_shown(web, dovecot):
    web.get("/settings")
    account = {
        "imap_host": dovecot.host,
        "imap_port": str(dovecot.port),
        "imap_security": "none",
        "imap_user": dovecot.user,
    }
    wrong = web.post(
        "/settings/test/mail", data={**account, "imap_password": "not-it-42"}, htmx=True
    )
    text = html.unescape(wrong.text)
    assert f"It did not work: The IMAP server {dovecot.host} refused the login" in text
    assert "not-it-42" not in text
    right = web.post(
        "/settings/test/mail", data={**account, "imap_password": dovecot.password}, htmx=True
    )
    text = html.unescape(right.text)
    assert f"It works. Logged in to {dovecot.host} as {dovecot.user}. Folders: INBOX" in text
    assert dovecot.password not in text
    page = web.post("/settings/test/mail", data={**account, "imap_password": dovecot.password})
    assert dovecot.password not in page.text  # the whole page, without htmx, too
    assert f'value="{dovecot.host}"' in page.text  # what was typed stays
