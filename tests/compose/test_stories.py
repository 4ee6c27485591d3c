"""Stories of drafts as a person meets them, through `tom`, on SQLite and PostgreSQL.

Each records what a person would (people, an opportunity, a conversation with notes
jotted however) and reads the drafts `tom draft --json` gives: spoken to the reader,
grammatical, each letter its own, replies that answer, openings that fit whom you know.
"""

import json

import pytest

from topofmind.compose.check_text import BLANK


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def actions(tom, rule: str) -> list[dict]:
    listed = json.loads(ok(tom("actions", "--json")).output)
    return [a for a in listed if a["rule"] == rule]


def draft(tom, action_id: str) -> dict:
    return json.loads(ok(tom("draft", action_id, "--json")).output)


def sentences(body: str) -> set[str]:
    lines = body.split("\n")[1:-2]  # no greeting, no sign-off
    return {s.strip() for line in lines for s in line.split(". ") if len(s.split()) >= 4}


@pytest.fixture
def meridian(tom, recorded):
    def build(tom):
        ok(
            tom(
                "init",
                "--name",
                "Jordan Lee",
                "--email",
                "jordan@example.com",
                "--tz",
                "America/New_York",
                "--goal",
                "Lead a data platform team at a company whose "
                "data directly affects people's health or livelihoods",
            )
        )
        for name, title in (
            ("Marcus Webb", "Director of Data"),
            ("Aisha Okafor", "Staff Engineer"),
            ("Priya Nair", "Recruiter"),
        ):
            first = name.split()[0].lower()
            ok(
                tom(
                    "person",
                    "add",
                    name,
                    "--email",
                    f"{first}@meridian.example",
                    "--org",
                    "Meridian Health",
                    "--title",
                    title,
                )
            )
        ok(
            tom(
                "opp",
                "add",
                "Senior Data Engineer",
                "--org",
                "Meridian Health",
                "--stage",
                "interviewing",
                "--person",
                "Marcus Webb=hiring-manager",
                "--person",
                "Aisha Okafor=interviewer",
                "--person",
                "Priya Nair=recruiter",
                "--at",
                "2026-11-10T10:00:00-05:00",
                "--posting",
                "Own the claims platform: Airflow, dbt, data quality.",
            )
        )

    return recorded(tom, build)  # built once, copied after (tests/conftest.py)


def test_a_panel_of_three_gets_three_letters_each_its_own(meridian):
    tom = meridian
    ok(
        tom(
            "log",
            "interview",
            "--with",
            "Marcus Webb",
            "--with",
            "Aisha Okafor",
            "--with",
            "Priya Nair",
            "--opp",
            "Meridian",
            "--at",
            "2026-11-23T14:00:00-05:00",
            "--point",
            "Marcus: late-arriving claims data breaks month-end dashboards",
            "--point",
            "Aisha: she maintains their Airflow operator library",
            "--point",
            "Marcus wants me to own the claims-platform migration first",
            "--point",
            "Priya: next step is a take-home; relocation support available",
            "--point",
            "on-call rotation shared with analytics",
            "--wish",
            "how I cut pipeline incidents by 60% at Fieldstone",
        )
    )
    letters = {a["people"][0]: draft(tom, a["id"]) for a in actions(tom, "thank-you")}
    assert len(letters) == 3
    bodies = {d["recipients"][0]["name"].split()[0]: d["body"] for d in letters.values()}
    marcus, aisha, priya = bodies["Marcus"], bodies["Aisha"], bodies["Priya"]
    assert "late-arriving claims data breaks month-end dashboards." in marcus
    assert "that you want me to own the claims-platform migration first." in marcus
    assert "Marcus" not in marcus.split("\n", 1)[1]
    assert "that you maintain their Airflow operator library." in aisha
    assert "maintains" not in aisha and "Marcus" not in aisha and "claims" not in aisha
    assert "take-home" in priya and "Airflow" not in priya
    for body in bodies.values():
        assert "goal" not in body and "Lead a data" not in body
        assert "One thing I wish I had covered" not in body
    assert marcus.count("60%") <= 1
    assert not sentences(marcus) & sentences(aisha)
    assert not sentences(aisha) & sentences(priya)
    assert not sentences(marcus) & sentences(priya)
    for d in letters.values():
        assert d["findings"] == [], d


def test_a_reply_asked_for_times_proposes_free_working_hours(meridian):
    tom = meridian
    ok(
        tom(
            "log",
            "interview",
            "--with",
            "Marcus Webb",
            "--opp",
            "Meridian",
            "--scheduled",
            "--at",
            "2026-11-25T10:00:00-05:00",
            "--until",
            "2026-11-25T11:00:00-05:00",
        )
    )
    ok(
        tom(
            "log",
            "email",
            "--with",
            "Priya Nair",
            "--opp",
            "Meridian",
            "--direction",
            "in",
            "--subject",
            "Next round",
            "--at",
            "2026-11-24T09:00:00-05:00",
            "--request",
            "send me a couple of times that work",
        )
    )
    (reply,) = actions(tom, "respond-promptly")
    d = draft(tom, reply["id"])
    assert d["subject"] == "Re: Next round"
    assert "These times work for me (New York time):" in d["body"]
    assert "- Wednesday 25 November at 14:00" in d["body"]  # 10:00 is the interview
    assert "send me a couple" not in d["body"] and "I will do so" not in d["body"]
    assert d["findings"] == []


def test_a_reply_asked_for_references_gives_them_or_marks_the_blanks(meridian):
    tom = meridian
    ok(
        tom(
            "log",
            "email",
            "--with",
            "Priya Nair",
            "--opp",
            "Meridian",
            "--direction",
            "in",
            "--subject",
            "References",
            "--at",
            "2026-11-24T09:00:00-05:00",
            "--request",
            "two references",
        )
    )
    (reply,) = actions(tom, "respond-promptly")
    d = draft(tom, reply["id"])
    assert "Here are my references" in d["body"]
    blanks = BLANK.findall(d["body"])
    assert blanks == ["[[reference 1: name, role, email]]", "[[reference 2: name, role, email]]"]
    assert [f["code"] for f in d["findings"]] == ["blank", "blank"]
    shown = ok(tom("draft", reply["id"])).output
    assert "nothing to fix" not in shown


def test_an_offer_stage_check_in_never_asks_about_their_decision(meridian):
    tom = meridian
    ok(
        tom(
            "log",
            "call",
            "--with",
            "Marcus Webb",
            "--opp",
            "Meridian",
            "--at",
            "2026-11-16T16:00:00-05:00",
            "--point",
            "Marcus wants me to own the claims-platform migration first",
            "--point",
            "Marcus: written offer to follow next week",
        )
    )
    ok(tom("opp", "stage", "Meridian", "offer", "--at", "2026-11-16T16:30:00-05:00"))
    checkins = actions(tom, "check-in")
    assert checkins, ok(tom("actions")).output
    d = draft(tom, checkins[0]["id"])
    assert "decision" not in d["body"]
    assert "Marcus wants" not in d["body"] and "Marcus" not in d["body"].split("\n", 1)[1]
    assert "offer" in d["body"]
    assert [f for f in d["findings"] if f["code"] != "blank"] == []


def test_the_ask_to_a_former_colleague_does_not_introduce_a_stranger(meridian):
    tom = meridian
    ok(
        tom(
            "person",
            "add",
            "Grace Kim",
            "--email",
            "grace@atlas.example",
            "--org",
            "Atlas Logistics",
            "--notes",
            "Former colleague at Fieldstone",
        )
    )
    ok(
        tom(
            "opp",
            "add",
            "Staff Data Engineer",
            "--org",
            "Atlas Logistics",
            "--stage",
            "applied",
            "--person",
            "Grace Kim=insider",
            "--at",
            "2026-11-16T09:00:00-05:00",
        )
    )
    (ask,) = [a for a in actions(tom, "informational-interview") if "Grace Kim" in a["title"]]
    d = draft(tom, ask["id"])
    assert "since we worked together at Fieldstone" in d["body"]
    assert "I'm Jordan Lee" not in d["body"]
    assert d["findings"] == []
