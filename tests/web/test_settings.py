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
