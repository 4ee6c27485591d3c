"""Log an interaction: the form, and the actions it created (a thank-you per interviewer)."""

from __future__ import annotations

import html
import re

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
        ({"kind": "call", "with": ["Nobody Atall"]}, "Not in your record yet: Nobody Atall."),
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


def test_a_panel_of_twelve_shows_ten_new_actions_and_counts_the_rest(web):
    panel = [f"Panelist{n} Example" for n in range(1, 13)]
    for name in panel:
        web.form("/people/new", {"name": name, "organization": "Northwind Analytics"})
    result = web.form(
        "/log",
        {"kind": "interview", "with": panel, "opportunity": "#1", "at": "2026-11-24T13:00"},
    )
    assert result.status_code == 200, result.text
    page = html.unescape(result.text)
    created = page.split('id="created"')[1].split("</section>")[0]
    assert created.count('<article class="card') == 10
    assert "Thank Panelist1 Example for the interview" in created
    assert "Panelist12" not in created
    more = re.search(r'… and (\d+) more new: <a href="/">Today</a> lists every', created)
    assert more and int(more.group(1)) >= 2  # the last two thank-yous, at least
    titles = {a["title"] for a in web.get("/api/actions").json()}
    assert "Thank Panelist12 Example for the interview" in titles  # counted, not lost


def test_what_a_message_closes_is_listed_and_nothing_new_is_said_so(web):
    result = web.form(
        "/log",
        {
            "kind": "email",
            "with": ["Dana Ruiz"],
            "direction": "out",
            "opportunity": "#1",
            "at": "2026-11-24T14:30",
            "summary": "Thanks for the interview; on the incidents: we cut them by 60%.",
        },
    )
    assert result.status_code == 200, result.text
    page = html.unescape(result.text)
    closed = page.split('id="closed"')[1].split("</ul>")[0]
    assert "<li>Thank Dana Ruiz for the interview</li>" in closed
    assert 'id="created"' in page and "No new actions." in page


def test_an_action_a_message_replaces_is_shown_as_updated(web):
    """A second unanswered message to Priya turns the check-in into a pause-or-reroute."""
    for at in ("2026-11-24T14:30", "2026-11-24T14:40"):
        result = web.form(
            "/log",
            {
                "kind": "email",
                "with": ["Priya Nair"],
                "direction": "out",
                "opportunity": "#1",
                "at": at,
                "summary": "Checking in on the next step.",
            },
        )
    assert result.status_code == 200, result.text
    page = html.unescape(result.text)
    updated = page.split('id="updated"')[1].split("</section>")[0]
    assert "In place of “Check in with Priya Nair about Senior Data Engineer”:" in updated
    assert "Pause Senior Data Engineer at Northwind Analytics, or try" in updated
    assert "Check in with Priya" not in page.split('id="created"')[1].split("</section>")[0]
    assert 'id="closed"' not in page  # replaced, not done


def test_a_name_no_one_has_brings_the_form_back_as_typed_with_an_offer_to_add_them(web):
    typed = {
        "kind": "interview",
        "with": ["Dana Ruiz", "Maya Stone"],
        "opportunity": "#1",
        "at": "2026-11-24T13:00",
        "points": "Maya: the on-call rota is her worry",
        "wishes": "my incident story",
        "summary": "Second round, systems design",
    }
    result = web.form("/log", typed)
    assert result.status_code == 404
    page = html.unescape(result.text)
    assert "Not in your record yet: Maya Stone. Check the spelling, or add this person as new." in (
        page
    )
    assert "Add Maya Stone as new person at the opportunity's organization, then log it" in page
    assert 'value="Dana Ruiz"' in page and 'value="Maya Stone"' in page
    assert ">Maya: the on-call rota is her worry</textarea>" in page
    assert ">my incident story</textarea>" in page and ">Second round, systems design<" in page
    assert 'value="interview" selected' in page and 'value="#1" selected' in page
    assert 'value="2026-11-24T13:00"' in page
    assert "Maya Stone" not in web.get("/people").text  # nothing added, nothing logged

    result = web.form("/log", typed | {"add_new": "true"})
    assert result.status_code == 200, result.text
    page = html.unescape(result.text)
    assert re.search(r"Added Maya Stone \(#\d+\) at Northwind Analytics as a new person\.", page)
    created = page.split('id="created"')[1].split("</section>")[0]
    assert "Thank Maya Stone for the interview" in created
    assert "Maya Stone" in web.get("/people").text


def test_a_name_with_an_address_no_one_has_is_offered_and_added_with_it(web):
    typed = {"kind": "call", "with": ["Maya Stone <maya@northwind.example>"], "opportunity": "#1"}
    result = web.form("/log", typed)
    assert result.status_code == 404
    page = html.unescape(result.text)
    assert "Not in your record yet: Maya Stone <maya@northwind.example>." in page
    result = web.form("/log", typed | {"add_new": "true"})
    assert result.status_code == 200, result.text
    page = html.unescape(result.text)
    assert re.search(
        r"Added Maya Stone \(#\d+\) at Northwind Analytics as a new person, with "
        r"maya@northwind\.example\.",
        page,
    )
    assert "maya@northwind.example" in html.unescape(web.get("/people").text)


def test_a_conversation_is_marked_held_or_annotated_from_its_page(web):
    planned = web.form(
        "/log", {"kind": "phone-screen", "with": ["Tom Becker"], "at": "2026-11-26T10:00"}
    )
    assert planned.status_code == 200, planned.text
    number = int(re.search(r"/interactions/(\d+)", planned.text).group(1))
    page = web.get(f"/interactions/{number}").text
    assert f'action="/interactions/{number}/held"' in page and "It was held" in page
    early = web.form(f"/interactions/{number}/held", {"points": "too soon"})
    assert early.status_code == 400 and "planned for later" in html.unescape(early.text)
    held = web.form(
        "/log", {"kind": "phone-screen", "with": ["Tom Becker"], "at": "2026-11-24T10:00"}
    )
    number = int(re.search(r"/interactions/(\d+)", held.text).group(1))
    done = web.form(f"/interactions/{number}/held", {"points": "Tom: a take-home next"})
    assert done.status_code == 200, done.text
    assert "Tom: a take-home next" in html.unescape(done.text)
