"""JSON Resume to the profile and achievements."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from topofmind.capture.items import CapturedAchievement, CapturedProfile, Problem
from topofmind.capture.resume import parse_date, read_resume, skills_of
from topofmind.domain.enums import AchievementKind
from topofmind.errors import BadFile

DATA = Path(__file__).parent.parent / "data" / "resume"


def read(name: str) -> list:
    return list(read_resume((DATA / name).read_bytes(), name))


def test_the_profile_takes_basics_skills_and_the_whole_document():
    profile = read("resume.json")[0]
    assert isinstance(profile, CapturedProfile)
    assert (profile.name, profile.headline, profile.emails) == (
        "Jordan Lee",
        "Senior Data Analyst",
        ["jordan.lee@example.com"],
    )
    assert profile.linkedin_url == "https://www.linkedin.com/in/jordanlee"
    assert profile.skills == ["SQL", "PostgreSQL", "BigQuery", "Python", "pandas", "Tableau"]
    assert profile.resume["work"][0]["highlights"][0].startswith("Built the churn dashboard")


def test_dated_entries_become_achievements():
    achievements = [i for i in read("resume.json") if isinstance(i, CapturedAchievement)]
    assert [(a.kind, a.title, a.achieved_on) for a in achievements] == [
        (AchievementKind.CERTIFICATION, "Google Data Analytics Certificate", date(2024, 3, 1)),
        (AchievementKind.AWARD, "Analyst of the Year", date(2025, 12, 1)),
        (AchievementKind.PROJECT, "Open churn model", date(2026, 9, 1)),
        (AchievementKind.PUBLICATION, "What churn dashboards get wrong", date(2026, 10, 15)),
    ]
    assert achievements[1].description == "Initech · For the churn dashboard."


def test_an_undated_entry_is_reported():
    assert Problem("resume.json: awards 'Award without a date'", "has no readable date (date)") in (
        read("resume.json")
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [("truncated.json", "is not valid JSON"), ("not_a_resume.json", "is not a JSON Resume")],
)
def test_bad_files_are_refused(name, message):
    with pytest.raises(BadFile, match=message):
        read(name)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024", date(2024, 1, 1)),
        ("2024-03", date(2024, 3, 1)),
        ("2024-03-15", date(2024, 3, 15)),
        ("2024-13", None),
        ("soon", None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_skills_of_accepts_strings_and_objects_once_each():
    assert skills_of(["SQL", {"name": "sql", "keywords": ["dbt"]}, {"keywords": []}]) == [
        "SQL",
        "dbt",
    ]


def test_a_resume_saved_in_windows_1252_is_read():
    data = '{"basics": {"name": "Renée Côté", "label": "Analyst"}}'.encode("cp1252")
    [profile] = read_resume(data, "resume.json")
    assert profile.name == "Renée Côté"


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        (b'{"basics": "Jordan Lee"}', "basics: 'Jordan Lee' is not of type object"),
        (b'{"basics": [1, 2], "work": "x"}', "basics: [1, 2] is not of type object"),
        (b'{"skills": [{"name": "SQL", "keywords": 5}]}', "skills.0.keywords: 5 is not of type"),
        (b'{"basics": {"email": ["a@b"]}}', "basics.email: ['a@b'] is not of type string"),
        (b'{"basics": {"name": "J", "profiles": "linkedin"}}', "basics.profiles: 'linkedin'"),
        (b'{"awards": [{"title": "Best", "date": "soon"}]}', "awards.0.date: 'soon' is not a date"),
        (b'{"basics": {}, "x": ' + b"[" * 5000 + b"]" * 5000 + b"}", "too deep"),
    ],
)
def test_a_resume_that_breaks_the_schema_is_refused_naming_why(document, reason):
    with pytest.raises(BadFile) as refused:
        list(read_resume(document, "odd.json"))
    assert reason in str(refused.value)
    assert str(refused.value).startswith("odd.json ")


def test_skills_given_as_words_are_read_as_skills():
    items = list(read_resume(b'{"skills": ["SQL", {"name": "Python"}]}', "s.json"))
    assert items[0].skills == ["SQL", "Python"]


def test_the_published_sample_resume_is_read():
    path = Path(__file__).parent.parent / "data" / "resume" / "jsonresume-sample.json"
    items = list(read_resume(path.read_bytes(), path.name))
    assert isinstance(items[0], CapturedProfile) and items[0].name
