"""Log an interaction: the form, and the actions it created (a thank-you per interviewer)."""

from __future__ import annotations

import html

import pytest


def test_log_form_defaults_to_now_and_offers_every_kind(web):
    page = web.get("/log").text
    assert 'value="2026-11-24T15:00"' in page
    assert 'value="interview" selected' in page
    assert 'value="informational-interview"' in page
    assert 'hx-get="/people/suggest"' in page


def test_log_prefills_the_person(web):
    assert 'value="Dana Ruiz"' in web.get("/log?with=Dana+Ruiz").text


def test_logging_a_panel_interview_shows_a_thank_you_per_interviewer(web):
    result = web.form(
        "/log",
        {
            "kind": "interview",
            "with": ["Dana Ruiz", "Sam Patel"],
            "opportunity": "#1",
            "at": "2026-11-24T13:00",
            "points": "Dana: the backfill that broke three dashboards\nSam: moving to dbt",
            "wishes": "my on-call story",
        },
    )
    assert result.status_code == 200, result.text
    page = html.unescape(result.text)
    created = page.split('id="created"')[1].split("</section>")[0]
    assert "Thank Dana Ruiz" in created
    assert "Thank Sam Patel" in created
    assert "Logged: interview with Dana Ruiz, Sam Patel" in page


def test_an_inbound_email_that_asks_is_logged_as_a_request_with_its_deadline(web):
    result = web.form(
        "/log",
        {
            "kind": "email",
            "with": ["Sam Patel"],
            "direction": "in",
            "at": "2026-11-24T14:00",
            "summary": "Could you share the dbt test plan before Friday?",
        },
    )
    assert result.status_code == 200, result.text
    page = html.unescape(result.text)
    assert 'Read as a request: "Could you share the dbt test plan before Friday?"' in page
    created = page.split('id="created"')[1].split("</section>")[0]
    assert "Answer Sam Patel: Could you share the dbt test plan before Friday?" in created
    assert "Due Thu 26 Nov 17:00" in created


def test_interaction_page_shows_points_and_wishes(web):
    result = web.post(
        "/api/interactions",
        json={
            "kind": "call",
            "with": ["Grace Kim"],
            "points": ["fraud team is hiring"],
            "wishes": ["ask about on-call"],
            "at": "2026-11-24T10:00",
        },
    )
    page = web.get(f"/interactions/{result.json()['interaction']['id']}").text
    assert "fraud team is hiring" in page and "ask about on-call" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "interview"}, "Say who it was with"),
        ({"kind": "party", "with": ["Dana Ruiz"]}, "Unknown interaction kind 'party'"),
        ({"kind": "call", "with": ["Nobody Atall"]}, "No person matches 'Nobody Atall'"),
    ],
)
def test_bad_input_is_one_line_and_nothing_is_logged(web, data, message):
    before = len(web.get("/api/people/1").json()["interactions"])
    result = web.form("/log", data)
    assert result.status_code in (400, 404)
    assert message in html.unescape(result.text)
    assert len(web.get("/api/people/1").json()["interactions"]) == before


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-24T13:00", "2026-11-24T13:00:00-05:00"),
        ("2026-06-01T09:30", "2026-06-01T09:30:00-04:00"),
        ("2026-11-24T13:00+01:00", "2026-11-24T13:00:00+01:00"),
        ("yesterday 15:00", "yesterday 15:00"),
        ("", ""),
    ],
)
def test_form_moments_are_in_the_persons_zone(typed, expected):
    from topofmind.web.routes.interactions import in_zone

    assert in_zone(typed, "America/New_York") == expected
