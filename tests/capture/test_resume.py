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


def test_basics_of_the_wrong_shape_give_an_empty_profile_and_the_achievements_still():
    document = (
        b'{"basics": "Jordan Lee", "certificates": [{"name": "AWS Data Engineer",'
        b' "date": "2026-11-18"}]}'
    )
    items = list(read_resume(document, "odd.json"))
    assert isinstance(items[0], CapturedProfile) and items[0].name == ""
    assert [i.title for i in items if isinstance(i, CapturedAchievement)] == ["AWS Data Engineer"]
    profiles = b'{"basics": {"name": "Jordan Lee", "profiles": "linkedin"}}'
    assert list(read_resume(profiles, "p.json"))[0].linkedin_url == ""
