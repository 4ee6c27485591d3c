"""Settings: every setting shown with its help; saving one takes effect at once."""

from __future__ import annotations

import html

from topofmind.settings import SETTINGS


def test_every_setting_is_listed_with_its_help(web):
    page = html.unescape(web.get("/settings").text)
    for setting in SETTINGS:
        assert f'id="{setting.name}"' in page
        assert setting.help in page


def test_saving_a_setting(web, tom_home):
    result = web.form("/settings", {"name": "thank_you_hours", "value": "12"})
    assert "Saved thank_you_hours" in result.text
    assert 'aria-label="thank_you_hours"' in result.text
    row = result.text.split('id="thank_you_hours"')[1].split("</tr>")[0]
    assert 'value="12"' in row
    assert "Saved." in row  # where the page lands, at the setting's row


def test_setting_up_a_calendar_syncs_it_now(web, tom_home):
    import time
    from pathlib import Path

    invite = Path(__file__).parents[1] / "data" / "ics" / "outlook_invite.ics"
    result = web.form("/settings", {"name": "calendar_url", "value": str(invite)})
    page = html.unescape(result.text)
    assert "Saved calendar_url. Syncing what is set up now: Import shows what it reads." in (
        page.replace('<a href="/import">', "").replace("</a>", "")
    )
    deadline = time.monotonic() + 10  # not the first wait's minute, nor half an hour
    while time.monotonic() < deadline and "calendar · batch #" not in web.get("/import").text:
        time.sleep(0.05)
    assert "calendar · batch #" in web.get("/import").text
    # A setting that sets up no sync says only that it was saved.
    other = html.unescape(web.form("/settings", {"name": "thank_you_hours", "value": "12"}).text)
    assert "Saved thank_you_hours." in other and "Syncing" not in other


def test_a_bad_value_comes_back_in_its_row_as_typed(web, tom_home):
    result = web.form("/settings", {"name": "thank_you_hours", "value": "soon"})
    assert result.status_code == 400
    page = html.unescape(result.text)
    assert 'Not saved: <a href="#thank_you_hours">thank_you_hours</a>.' in page
    row = page.split('id="thank_you_hours"')[1].split("</tr>")[0]
    assert 'value="soon"' in row and 'aria-invalid="true"' in row and "must be int" in row
    assert 'value="24"' in web.get("/settings").text.split('id="thank_you_hours"')[1]


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
