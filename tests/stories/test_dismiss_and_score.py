"""Dismiss means this proposal only, and a score people believe: three weeks, two processes.

Jordan is interviewing at Brightline (Marcus, hiring manager) and has applied at
Copperline (Rita, recruiter), who went quiet after one call. A certification comes
through; the agenda proposes telling Marcus, in place of the check-in. Jordan
dismisses that update: before, Brightline then had no check-in for 17 days; now the
check-in is back at once. After an onsite at Brightline, its score ranks above the
silent Copperline, every part shown; a duplicate thank-you dismissed is not missed.
"""

from __future__ import annotations

import json
from datetime import date

from stories.journey import Journey, begun


def two_processes(tom) -> Journey:
    j = Journey(tom, start=date(2026, 11, 2))  # a Monday
    j.run("org", "add", "Brightline")
    j.run("org", "add", "Copperline")
    j.run("person", "add", "Marcus Webb", "--org", "Brightline", "--email", "marcus@bl.example")
    j.run("person", "add", "Rita Gomez", "--org", "Copperline", "--email", "rita@cl.example")
    j.run("person", "add", "Lee Chen", "--org", "Copperline", "--email", "lee@cl.example")
    j.run(
        "opp", "add", "Senior Data Engineer", "--org", "Brightline", "--stage", "applied",
        "--person", "Marcus Webb=hiring-manager", "--priority", "3",
    )  # fmt: skip
    j.run(
        "opp", "add", "Analytics Engineer", "--org", "Copperline", "--stage", "applied",
        "--person", "Rita Gomez=recruiter", "--person", "Lee Chen=insider", "--priority", "4",
    )  # fmt: skip
    j.day(1, "10:00")
    j.log("phone-screen", "Rita Gomez", opp="Copperline", at=j.at(1, "10:00"))
    j.log("email", "Rita Gomez", opp="Copperline", direction="out", subject="Thank you")
    j.day(2, "11:00")
    j.log("interview", "Marcus Webb", opp="Brightline", at=j.at(2, "10:00"))
    j.log("email", "Marcus Webb", opp="Brightline", direction="out", subject="Thank you")
    return j


def brightline_check_ins(j: Journey) -> list[dict]:
    return [a for a in j.actions("check-in") if a["title"].startswith("Check in with Marcus")]


def test_dismissing_the_update_never_silences_the_opportunity(tom, recorded):
    j = begun(recorded, tom, two_processes)
    j.day(8, "09:00")  # Tuesday 10 November: the certification is through
    j.run("achievement", "add", "AWS Data Engineer", "--kind", "certification")
    update = j.action("Tell Marcus Webb about AWS Data Engineer")
    assert update["purpose"] == "update"
    assert brightline_check_ins(j) == []  # the update is the check-in for now
    j.run("dismiss", update["id"])
    # The check-in is back the same minute, due a week after the thank-you.
    (check,) = brightline_check_ins(j)
    assert check["due"].startswith("2026-11-11")
    assert "Check in with Marcus Webb about Senior Data Engineer" in j.today()
    # ...and stays through the next 17 days until Jordan writes.
    for day in (10, 14, 18, 25):
        j.day(day, "10:00")
        assert len(brightline_check_ins(j)) == 1, j.today()
    j.log("email", "Marcus Webb", opp="Brightline", direction="out", subject="Hello")
    assert brightline_check_ins(j)[0]["due"].startswith("2026-12-04")
    # Dismissing the check-in itself ends that one proposal: the next comes a week on.
    (check,) = brightline_check_ins(j)
    j.day(31, "10:00")  # Thursday 3 December
    j.run("dismiss", check["id"])
    (again,) = brightline_check_ins(j)
    assert again["id"] != check["id"] and again["due"].startswith("2026-12-10")


def scores(j: Journey) -> dict[str, dict]:
    found = json.loads(j.run("score", "--json").stdout)
    return {s["name"]: s for s in found if s["subject_kind"] == "opportunity"}


def test_the_score_ranks_as_a_coach_would(tom, recorded):
    j = begun(recorded, tom, two_processes)
    j.day(9, "10:00")  # Rita has been silent for eight days
    j.day(10, "13:00")  # Thursday: an onsite with Marcus, his thank-you due tomorrow
    j.log(
        "interview", "Marcus Webb", opp="Brightline", at=j.at(10, "10:00"), until=j.at(10, "12:00")
    )
    found = scores(j)
    onsite = found["Senior Data Engineer at Brightline"]
    silent = found["Analytics Engineer at Copperline"]
    assert onsite["score"] > silent["score"]
    listed = json.loads(j.run("score", "--json").stdout)
    assert listed[0]["name"] == "Senior Data Engineer at Brightline"  # highest first
    parts = {p["name"]: p for p in onsite["parts"]}
    assert set(parts) == {"recency", "thank-yous", "requests", "insiders", "overdue"}
    assert parts["thank-yous"]["explanation"] == "1 of 2 sent, 1 not yet due"
    assert parts["thank-yous"]["points"] == 20  # not missed while it has its day
    text = j.run("score").stdout
    assert text.index("Senior Data Engineer") < text.index("Analytics Engineer")
    assert "recency" in text and "thank-yous" in text


def test_a_dismissed_duplicate_is_not_counted_as_missed(tom, recorded):
    j = begun(recorded, tom, two_processes)
    j.day(10, "13:00")
    j.log(
        "interview", "Marcus Webb", opp="Brightline", at=j.at(10, "10:00"), until=j.at(10, "12:00")
    )
    # The same interview logged twice by mistake: two thank-yous to Marcus.
    j.log(
        "interview", "Marcus Webb", opp="Brightline", at=j.at(10, "10:05"), until=j.at(10, "12:00")
    )
    thanks = j.actions("thank-you")
    assert len(thanks) == 2
    j.run("dismiss", thanks[-1]["id"])
    j.day(10, "15:00")
    j.log("email", "Marcus Webb", opp="Brightline", direction="out", subject="Thank you")
    j.day(12, "10:00")
    onsite = scores(j)["Senior Data Engineer at Brightline"]
    parts = {p["name"]: p for p in onsite["parts"]}
    assert (parts["thank-yous"]["points"], parts["thank-yous"]["explanation"]) == (
        20,
        "2 of 2 sent",  # the interview of the first week, and this one's, not its duplicate
    )
    assert not j.actions("thank-you")
