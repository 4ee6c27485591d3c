"""services/search.py: full-text search over the record, and a stale index rebuilt."""

from __future__ import annotations

from topofmind.services.people import edit_person
from topofmind.services.search import KIND_LABELS, record_changed, search


def test_search_finds_the_organization_and_its_people(demo_db):
    hits = search(demo_db, "Northwind")
    links = {(h.kind, h.title): h.link for h in hits}
    assert links[("organization", "Northwind Analytics")] == "/organizations/1"
    people = {h.title for h in hits if h.kind == "person"}
    assert {"Dana Ruiz", "Priya Nair", "Sam Patel"} <= people
    assert all(h.kind in KIND_LABELS for h in hits)


def test_blank_words_find_nothing(demo_db):
    assert search(demo_db, "   ") == []


def test_an_edit_is_found_once_the_record_changed(demo_db):
    assert search(demo_db, "Zanzibar") == []
    edit_person(demo_db, "#1", notes="Met at the Zanzibar offsite")
    record_changed(demo_db.db)  # an edit changes no row count: the index must be told
    assert [h.title for h in search(demo_db, "Zanzibar")] == ["Dana Ruiz"]
