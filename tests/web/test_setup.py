"""The first run: every page leads to a short setup; each step can be skipped."""

from __future__ import annotations

import html

import pytest


@pytest.mark.parametrize("path", ["/", "/pipeline", "/people", "/charts", "/log", "/events"])
def test_every_page_without_a_profile_leads_to_the_setup(web_empty, path):
    first = web_empty.get(path, follow_redirects=False)
    assert first.status_code in (200, 303), first.text
    if first.status_code == 303:
        assert first.headers["location"] == "/setup"
    landed = web_empty.get(path)
    assert landed.status_code == 200
    assert "No profile yet" not in landed.text


def test_the_setup_asks_who_you_are_then_what_to_read_in(web_empty):
    page = html.unescape(web_empty.get("/setup").text)
    assert "Welcome to topofmind" in page
    assert "data-browser-zone" in page  # the browser's own zone replaces UTC
    assert "Skip this step" in page and "Load the demo" in page
    saved = web_empty.form(
        "/setup",
        {"name": "Ada Lovelace", "emails": "ada@example.com", "timezone": "Europe/London"},
    )
    assert saved.status_code == 200
    text = html.unescape(saved.text)
    for words in ("LinkedIn export", "A mail account", "A calendar address", "mbox"):
        assert words in text
    assert 'aria-current="step"><a href="/setup/import">2. Your records' in text
    done = web_empty.get("/setup/done")
    assert "Today, Ada" in done.text


def test_a_step_skipped_without_a_profile_comes_back_to_the_first(web_empty):
    assert "Your records" in web_empty.get("/setup/import").text
    again = web_empty.get("/setup/done", follow_redirects=False)
    assert again.headers["location"] == "/setup"


def test_a_mistake_in_the_first_step_comes_back_as_typed(web_empty):
    result = web_empty.form("/setup", {"name": "Ada", "timezone": "Mars/Olympus"})
    assert result.status_code == 400
    text = html.unescape(result.text)
    assert "Unknown time zone 'Mars/Olympus'" in text
    assert 'value="Ada"' in text


def test_the_demo_from_the_setup(web_empty):
    web_empty.get("/setup")
    result = web_empty.form("/setup/demo", {})
    assert result.status_code == 200
    assert "Today, Jordan" in result.text


def test_an_htmx_request_without_a_profile_is_sent_to_the_setup(web_empty):
    result = web_empty.post("/actions/x:1/decide", data={"status": "done"}, htmx=True)
    assert result.headers.get("HX-Redirect") == "/setup"
