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


def _event_row(web, title: str) -> str:
    return html.unescape(web.get("/events").text).split(title)[1].split("</tr>")[0]


def _event_id(row: str) -> str:
    return row.split('action="/events/')[1].split("/mark")[0]


def test_an_event_ahead_can_be_registered_for_and_one_past_attended_each_undone(web):
    web.form("/events", {"title": "Northwind data night", "at": "2026-12-03T18:00",
                         "organization": "Northwind"})  # fmt: skip
    ahead = _event_row(web, "Northwind data night")
    assert "Thu 03 Dec 2026 18:00" in html.unescape(web.get("/events").text)
    assert "Mark as registered" in ahead and "Mark as attended" not in ahead  # not yet held
    web.form(f"/events/{_event_id(ahead)}/mark", {"registered": "true"})
    ahead = _event_row(web, "Northwind data night")
    assert '<span class="badge">registered</span>' in ahead and "Not registered" in ahead

    web.form("/events", {"title": "Lumen meetup", "at": "2026-11-20T18:00"})
    past = _event_row(web, "Lumen meetup")
    assert "Mark as attended" in past and "Mark as registered" not in past
    web.form(f"/events/{_event_id(past)}/mark", {"attended": "true"})
    past = _event_row(web, "Lumen meetup")
    assert '<span class="badge">attended</span>' in past and "Mark as attended" not in past
    web.form(f"/events/{_event_id(past)}/mark", {"attended": "false"})
    assert "Mark as attended" in _event_row(web, "Lumen meetup")


def test_questions_page_adds_to_an_opportunity(web):
    web.form(
        "/questions", {"opportunity": "#2", "text": "How is on-call shared?", "category": "team"}
    )
    page = html.unescape(web.get("/questions").text)
    row = page.split("How is on-call shared?")[1].split("</tr>")[0]
    assert "Data Platform Lead at Bluebird Health" in row
