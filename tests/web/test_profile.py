"""Profile: a fresh record starts by saying who is searching."""

from __future__ import annotations

import html


def test_a_fresh_record_starts_at_the_setup(web_empty):
    first = web_empty.get("/", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/setup"
    page = web_empty.get("/profile").text
    assert "Welcome: who is searching?" in page


def test_saving_the_profile_opens_today(web_empty):
    web_empty.get("/profile")
    result = web_empty.form(
        "/profile",
        {
            "name": "Ada Lovelace",
            "emails": "ada@example.com",
            "timezone": "Europe/London",
            "work_start": "08:30",
            "work_end": "17:00",
            "work_days": ["0", "1", "2", "3"],
            "goals": "lead a data team",
        },
    )
    assert result.status_code == 200
    assert "Today, Ada" in result.text
    page = html.unescape(web_empty.get("/profile").text)
    assert 'value="Europe/London"' in page and 'value="08:30"' in page
    assert "lead a data team" in page


def test_an_unknown_time_zone_is_one_line(web_empty):
    result = web_empty.form("/profile", {"name": "Ada", "timezone": "Mars/Olympus"})
    assert result.status_code == 400
    assert "Unknown time zone &#39;Mars/Olympus&#39;" in result.text


def test_a_mistake_brings_the_form_back_as_typed(web_empty):
    typed = {
        "name": "Ada Lovelace",
        "emails": "ada@example.com",
        "timezone": "Europe/Londn",
        "work_start": "08:30",
        "work_end": "17:00",
        "work_days": ["0", "1", "2", "3"],
        "goals": "lead a data team",
    }
    result = web_empty.form("/profile", typed)
    assert result.status_code == 400
    page = html.unescape(result.text)
    assert "Unknown time zone 'Europe/Londn'. Did you mean Europe/London?" in page
    assert 'value="Ada Lovelace"' in page and 'value="ada@example.com"' in page
    assert 'value="Europe/Londn"' in page and 'value="08:30"' in page
    assert ">lead a data team</textarea>" in page
    assert 'value="3" checked' in page and 'value="4" checked' not in page
    assert web_empty.get("/", follow_redirects=False).status_code == 303  # nothing saved


def test_saving_a_profile_again_says_so(web):
    result = web.form(
        "/profile",
        {"name": "Jordan Lee", "emails": "jordan@example.com", "timezone": "America/New_York",
         "work_days": ["0", "1", "2", "3", "4"], "goals": "lead a data platform team"},
    )  # fmt: skip
    assert str(result.url).endswith("/profile?saved=true")
    assert "Saved your profile." in result.text
