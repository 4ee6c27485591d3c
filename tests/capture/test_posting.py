"""Job postings: JSON-LD, microdata, plain text; requirements pulled out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from topofmind.capture.posting import read_posting, requirements_from_html, requirements_from_text
from topofmind.domain.enums import Stage
from topofmind.errors import BadFile

DATA = Path(__file__).parent.parent / "data" / "posting"


def read(name: str, url: str = ""):
    return read_posting((DATA / name).read_bytes(), name, url=url)


def test_json_ld_inside_a_graph_with_escaped_html_description():
    posting = read("jsonld_graph.html", url="https://acme.com/careers/142")
    assert (posting.title, posting.organization, posting.stage) == (
        "Senior Data Analyst",
        "Acme Corp",
        Stage.RESEARCHING,
    )
    assert posting.requirements == [
        "5+ years of SQL",
        "Experience with Tableau or Looker",
        "Clear writing for non-technical readers",
    ]
    assert posting.at.date() == date(2026, 11, 2)
    assert posting.external_id == "Acme Corp/REQ-2026-0142"
    assert posting.posting_url == "https://acme.com/careers/142"
    assert "New York, NY, US" in posting.posting_text
    assert "<p>" not in posting.posting_text and "&lt;" not in posting.posting_text


def test_microdata_with_its_list_items_and_qualifications():
    posting = read("microdata.html")
    assert (posting.title, posting.organization) == ("Analytics Lead", "Globex")
    assert posting.requirements == [
        "7+ years in analytics, 2 leading people",
        "Fluent SQL and one of Python or R",
        "Degree in a quantitative field or equivalent experience",
    ]


def test_windows_1252_page_without_a_declared_utf8_charset():
    posting = read("windows1252.html")
    assert posting.organization == "Café Société"
    assert "Renée's team" in posting.posting_text


def test_plain_text_posting():
    posting = read("plain.txt")
    assert (posting.title, posting.organization) == ("Staff Data Analyst", "Initech")
    assert posting.requirements == [
        "8+ years of experience in analytics",
        "Deep SQL and experimentation",
        "Comfort presenting to executives",
    ]
    assert read("plain.txt").external_id == posting.external_id


def test_broken_json_ld_falls_back_to_the_page_text():
    posting = read("broken_jsonld.html")
    assert (posting.title, posting.organization) == ("Data Scientist", "Hooli")
    assert posting.posting_text == "Data Scientist\n\nHooli is hiring."


@pytest.mark.parametrize(("name", "message"), [("image.html", "binary")])
def test_a_file_that_is_not_a_posting_is_refused(name, message):
    with pytest.raises(BadFile, match=message):
        read(name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Requirements\n- SQL\n- Python\n\nBenefits\n- Dental", ["SQL", "Python"]),
        ("Must have:\n1. Tableau;\n2) dbt\n", ["Tableau", "dbt"]),
        ("About us\n- Fun team\n- 5+ years of SQL\n", ["5+ years of SQL"]),
        ("Nothing listed here.", []),
    ],
)
def test_requirements_from_text(text, expected):
    assert requirements_from_text(text) == expected


def test_requirements_from_html_take_the_list_after_the_heading():
    markup = "<h3>What we do</h3><ul><li>Fun</li></ul><h3>Qualifications</h3><ul><li>SQL</li></ul>"
    assert requirements_from_html(markup) == ["SQL"]
