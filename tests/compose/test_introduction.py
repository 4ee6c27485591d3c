"""The memorable introduction: relevant, quantified, uncommon skills first, with evidence."""

import re
from datetime import date

import pytest

from topofmind.compose.introduction import (
    SPOKEN_WORDS,
    Accomplishment,
    accomplishments,
    build_introduction,
    posting_requirements,
    rank,
    skill_matches,
)
from topofmind.domain.enums import AchievementKind
from topofmind.domain.records import Achievement, Opportunity, Profile

RESUME = {
    "basics": {"name": "Jordan Lee"},
    "work": [
        {
            "name": "Fieldstone",
            "highlights": [
                "Organized the quarterly team offsite",
                "Led the migration of 400 pipelines to dbt and Airflow, cutting incidents by 60%",
                "Built a Kafka ingestion layer handling 2 billion events a day",
            ],
        }
    ],
    "skills": [{"name": "Data engineering", "keywords": ["Postgres", "Kafka", "dbt"]}],
}
PROFILE = Profile(
    name="Jordan Lee",
    headline="Data engineer who turns messy pipelines into dependable platforms",
    skills=["Python", "SQL"],
    goals=["lead a data platform team"],
    resume=RESUME,
)
OPP = Opportunity(
    "Senior Data Engineer",
    organization_id=1,
    organization_name="Northwind Analytics",
    posting_text=(
        "Own our streaming ingestion and dbt models. "
        "Requirements: Python, PostgreSQL, dbt, Kafka, data quality testing, mentoring."
    ),
)


def test_introduction_uses_the_most_relevant_quantified_work():
    intro = build_introduction(PROFILE, OPP, [])
    used = [e.text for e in intro.evidence]
    assert "Organized the quarterly team offsite" not in used
    assert any("400 pipelines" in t for t in used)
    assert any("2 billion events" in t for t in used)
    assert all(e.quantified for e in intro.evidence)
    assert "I led the migration of 400 pipelines" in intro.spoken
    assert "Senior Data Engineer role at Northwind Analytics" in intro.written
    assert len(intro.spoken.split()) <= SPOKEN_WORDS
    assert len(re.findall(r"[.!?](?:\s|$)", intro.written)) == 3
    assert "lead a data platform team" in intro.written


def test_skills_match_through_aliases():
    intro = build_introduction(PROFILE, OPP, [])
    assert {"Postgres", "Kafka", "dbt", "Python"} <= set(intro.matched_skills)


@pytest.mark.parametrize(
    ("skill", "text", "matches"),
    [
        ("Postgres", "Experience with PostgreSQL required", True),
        ("k8s", "We run on Kubernetes", True),
        ("Kafka", "Apache Kafka streams", True),
        ("Airflow", "We use Dagster", False),
        ("SQL", "NoSQL stores", False),
    ],
)
def test_skill_matches(skill, text, matches):
    assert skill_matches(skill, text) is matches


def test_requirements_from_the_posting():
    assert posting_requirements(OPP) == [
        "Python",
        "PostgreSQL",
        "dbt",
        "Kafka",
        "data quality testing",
        "mentoring",
    ]


def test_achievements_count_as_accomplishments():
    cert = Achievement(
        "AWS Certified Data Engineer", AchievementKind.CERTIFICATION, date(2026, 11, 1)
    )
    found = accomplishments(
        Profile(name="J", summary="Eight years building data platforms."), [cert]
    )
    assert [a.source for a in found] == ["profile summary", "achievement (certification)"]


def test_rank_puts_relevant_first():
    items = [Accomplishment("Baked bread for the team", "x"), Accomplishment("Tuned Kafka", "y")]
    assert rank(items, "Kafka streaming")[0].text == "Tuned Kafka"


def test_without_a_headline_the_written_introduction_says_what_it_brings():
    from dataclasses import replace

    intro = build_introduction(replace(PROFILE, headline=""), OPP, [])
    assert intro.written.startswith(
        "I'm Jordan Lee, and I would like to bring my experience to the Senior Data Engineer "
        "role at Northwind Analytics."
    )
    assert "bring that" not in intro.written
