"""Opportunity: people and parts, timeline, questions, introduction, score chart; adding one."""

from __future__ import annotations

import html


def test_opportunity_page_shows_people_questions_and_timeline(web):
    page = html.unescape(web.get("/opportunities/1").text)
    assert "Senior Data Engineer" in page
    people = page.split('id="people"')[1].split("</ul>")[0]
    assert "Dana Ruiz" in people and "hiring manager" in people
    assert "Sam Patel" in people and "interviewer" in people
    assert 'id="timeline"' in page
    assert "data quality across 40 product dashboards" in page.lower()
    assert 'data-src="/api/charts/score/opportunity/1"' in page


def test_opportunity_actions_are_listed_most_urgent_first_as_on_today(web):
    page = html.unescape(web.get("/opportunities/1").text)
    # The request from Priya (priority 1, due Friday) comes before a LinkedIn
    # connection due sooner (priority 4), and what is due today before both.
    assert page.index("Thank Dana Ruiz for the interview") < page.index(
        "Answer Priya Nair: send two references"
    )
    assert page.index("Answer Priya Nair: send two references") < page.index(
        "Connect with Dana Ruiz on LinkedIn"
    )


def test_add_and_ask_a_question(web):
    result = web.form(
        "/opportunities/1/questions",
        {"text": "What would success look like in six months?", "category": "plans"},
    )
    assert result.status_code == 200
    assert "What would success look like in six months?" in html.unescape(result.text)
    question = next(
        q
        for q in web.get("/api/opportunities/1").json()["questions"]
        if q["text"].startswith("What would success")
    )
    web.form(f"/questions/{question['id']}/asked")
    page = html.unescape(web.get("/opportunities/1").text)
    assert "<s>What would success look like in six months?</s>" in page


def test_add_a_person_to_an_opportunity(web):
    web.form("/opportunities/3/people", {"person": "Grace Kim", "role": "insider"})
    people = web.get("/opportunities/3").text.split('id="people"')[1].split("</ul>")[0]
    assert "Grace Kim" in people and "insider" in people


def test_a_name_no_one_has_joins_as_a_new_person_at_the_organization(web):
    web.form("/opportunities/1/people", {"person": "Marcus Chen", "role": "hiring-manager"})
    people = web.get("/opportunities/1").text.split('id="people"')[1].split("</ul>")[0]
    assert "Marcus Chen" in people and "hiring manager" in people
    (marcus,) = [p for p in web.get("/api/people").json() if p["name"] == "Marcus Chen"]
    assert marcus["organization_name"] == "Northwind Analytics"


def test_a_mistake_in_a_form_offers_the_way_back_to_it(web):
    result = web.form(
        "/opportunities/1/people",
        {"person": "Marcus Chen", "role": "boss"},
        headers={"referer": "http://testserver/opportunities/1"},
    )
    assert result.status_code == 400
    page = html.unescape(result.text)
    assert "Unknown role 'boss'" in page
    back = '<a class="button primary" href="/opportunities/1" data-back>Back to the form</a>'
    assert back in page
    assert "Marcus Chen" not in web.get("/people").text  # the part was checked first
    elsewhere = web.form(
        "/opportunities/1/people",
        {"person": "Marcus Chen", "role": "boss"},
        headers={"referer": "http://evil.example/opportunities/1"},
    )
    assert "Back to the form" not in elsewhere.text


def test_add_an_opportunity_with_a_new_organization(web):
    result = web.form(
        "/opportunities/new",
        {"title": "Data Engineer", "organization": "Quartz Labs", "stage": "applied"},
        follow_redirects=False,
    )
    assert result.status_code == 303
    page = web.get(result.headers["location"]).text
    assert "Data Engineer" in page and "Quartz Labs" in page


def test_unknown_opportunity_is_a_404_page(web):
    page = web.get("/opportunities/999")
    assert page.status_code == 404
    assert "No opportunity has id 999" in page.text


def test_edit_an_opportunity(web):
    web.form(
        "/opportunities/3/edit",
        {
            "posting_url": "https://copperline.example/jobs/7",
            "posting_text": "dbt and Kafka",
            "priority": "5",
            "excitement": "4",
            "notes": "Referral possible",
        },
    )
    data = web.get("/api/opportunities/3").json()["opportunities"][0]
    assert data["priority"] == 5 and data["excitement"] == 4
    assert data["posting_text"] == "dbt and Kafka" and data["notes"] == "Referral possible"


def test_make_the_introduction_and_suggest_questions(web):
    page = web.form("/opportunities/1/introduction").text
    assert "No introduction saved yet" not in page
    assert "Spoken (30 s)" in page
    before = len(web.get("/api/opportunities/1").json()["questions"])
    web.form("/opportunities/1/questions/suggested")
    assert len(web.get("/api/opportunities/1").json()["questions"]) > before
