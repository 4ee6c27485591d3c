"""Search across everything, on SQLite (FTS5) and PostgreSQL (full-text search)."""

from __future__ import annotations

import html

import pytest


@pytest.mark.parametrize(
    ("query", "kind", "title"),
    [
        ("dashboards", "Interaction", "Panel interview"),
        ("Dana", "Person", "Dana Ruiz"),
        ("Northwind", "Organization", "Northwind Analytics"),
        ("Platform Lead", "Opportunity", "Data Platform Lead"),
        ("AWS certified", "Achievement", "AWS Certified"),
        ("bluebird", "Opportunity", "Data Platform Lead at Bluebird Health"),  # by its org
    ],
)
def test_search_finds_each_kind_of_record(web, query, kind, title):
    page = html.unescape(web.get("/search", params={"q": query}).text)
    hits = page.split('id="hits"')[1]
    assert f'<span class="badge">{kind}</span>' in hits
    assert title in hits


def test_search_sees_what_was_just_added(web):
    assert "Quartz" not in web.get("/search", params={"q": "quartz"}).text.split('id="hits"')[1]
    web.form("/people/new", {"name": "Rosa Diaz", "organization": "Quartz Labs"})
    hits = web.get("/search", params={"q": "quartz"}).text.split('id="hits"')[1]
    assert "Quartz Labs" in hits


@pytest.mark.parametrize("query", ['"unbalanced', "NEAR(", "title:*", "-", "AND OR"])
def test_search_syntax_in_input_is_harmless(web, query):
    page = web.get("/search", params={"q": query})
    assert page.status_code == 200


def test_search_api(web):
    hits = web.get("/api/search", params={"q": "kafka"}).json()
    assert hits and all({"kind", "title", "link", "snippet"} <= set(h) for h in hits)


def test_search_sees_an_edit_at_once(web):
    web.get("/search", params={"q": "guild"})
    web.form("/people/2/edit", {"title": "Guild Lead", "organization": "Northwind Analytics"})
    hits = web.get("/search", params={"q": "guild"}).text.split('id="hits"')[1]
    assert "Sam Patel" in hits


def test_search_finds_what_someone_asked_for(web):
    web.post(
        "/api/interactions",
        json={"kind": "call", "with": ["Sam Patel"], "direction": "in", "summary": "Quick call",
              "request": "a walkthrough of the lakehouse migration", "at": "2026-11-24T10:00"},
    )  # fmt: skip
    hits = html.unescape(web.get("/search", params={"q": "lakehouse"}).text).split('id="hits"')[1]
    assert '<span class="badge">Interaction</span>' in hits and "Quick call" in hits
