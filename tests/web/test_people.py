"""People: the list, a person's page, suggestions while typing, adding someone."""

from __future__ import annotations

import html


def test_people_list_links_each_person(web):
    page = web.get("/people").text
    assert '<a href="/people/1">Dana Ruiz</a>' in page


def test_person_page_has_addresses_timeline_and_what_i_told_them(web):
    page = html.unescape(web.get("/people/1").text)
    assert "dana.ruiz@northwind.example" in page
    assert "Northwind Analytics" in page
    assert "data quality across 40 product dashboards" in page.lower()
    assert 'id="told"' in page
    assert "Log an interaction with Dana" in page


def test_person_page_lists_their_open_actions(web):
    mine = [a for a in web.get("/api/actions").json() if 11 in a["people"]]
    page = html.unescape(web.get("/people/11").text)
    for action in mine:
        assert action["title"] in page


def test_suggestions_match_names_and_addresses(web):
    by_name = web.get("/people/suggest", params={"with": "dan"}).text
    assert '<option value="Dana Ruiz">' in by_name
    by_address = web.get("/people/suggest", params={"q": "northwind.example"}).text
    assert "Sam Patel" in by_address and "Priya Nair" in by_address
    assert web.get("/people/suggest", params={"q": " "}).text.strip() == ""


def test_add_a_person(web):
    result = web.form(
        "/people/new",
        {"name": "Rosa Diaz", "email": "rosa@quartz.example", "organization": "Quartz Labs"},
    )
    assert result.status_code == 200
    assert "Rosa Diaz" in result.text and "rosa@quartz.example" in result.text
    assert "Looking in your mail" not in result.text  # no mail account is set up


def test_a_bad_address_is_one_line_and_nothing_is_added(web):
    result = web.form("/people/new", {"name": "Rosa Diaz", "email": "not-an-address"})
    assert result.status_code == 400
    assert "is not an email address" in html.unescape(result.text)
    assert "Rosa Diaz" not in web.get("/people").text


def test_organization_page(web):
    page = web.get("/organizations/1").text
    assert "Northwind Analytics" in page and "Dana Ruiz" in page


def test_edit_a_person(web):
    web.form(
        "/people/2/edit",
        {
            "title": "Principal Engineer",
            "organization": "Northwind Analytics",
            "add_email": "sam@personal.example",
            "linkedin_url": "",
            "notes": "Runs the guild",
            "connected": "true",
        },
    )
    page = html.unescape(web.get("/people/2").text)
    assert "Principal Engineer" in page
    assert "sam@personal.example" in page and "Runs the guild" in page


def test_duplicates_are_offered_for_merging(web):
    web.form("/people/new", {"name": "Ruiz, Dana", "email": "dana@home.example"})
    page = web.get("/people").text
    assert 'id="duplicates"' in page
    result = web.form("/people/merge", {"keep": "1", "other": "12"})
    assert result.status_code == 200
    assert "dana@home.example" in result.text
    assert 'id="duplicates"' not in web.get("/people").text


def test_organizations_list_and_add(web):
    result = web.form(
        "/organizations", {"name": "Quartz Labs", "domain": "quartz.example", "website": ""}
    )
    assert "Quartz Labs" in result.text and "quartz.example" in result.text
    assert "Quartz Labs" in web.get("/organizations").text
