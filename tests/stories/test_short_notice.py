"""A short-notice fortnight: a scheduled screen that is held, then an interview set for the
next morning.

Jordan applies to Lumen Bank. The recruiter, Priya, books a phone screen two days
ahead; preparation is timed from it, not from the stage. Once held, logging the screen
completes the scheduled one (one thank-you, not two) and preparation for it ends; `tom
held` adds what came to mind later. Then an interview is set for the next morning at
14:00: research and questions are due today, at short notice, never "overdue" before
they existed.
"""

from __future__ import annotations

import json
from datetime import date

from stories.journey import Journey, begun


def applied(tom) -> Journey:
    j = Journey(tom, start=date(2026, 11, 9))  # a Monday
    j.run("person", "add", "Priya Nair", "--org", "Lumen Bank", "--email", "priya@lumen.example")
    j.run("person", "add", "Hiro Tanaka", "--org", "Lumen Bank", "--email", "hiro@lumen.example")
    j.run(
        "opp", "add", "Data Engineer", "--org", "Lumen Bank", "--stage", "applied",
        "--person", "Priya Nair=recruiter", "--person", "Hiro Tanaka=hiring-manager",
    )  # fmt: skip
    return j


def test_preparation_is_timed_by_the_first_conversation_not_the_stage(tom, recorded):
    j = begun(recorded, tom, applied)
    j.day(0, "10:00")
    assert not j.has("Prepare your introduction")  # applied, nothing scheduled: not yet
    screen = j.log(
        "phone-screen", "Priya Nair", opp="Lumen", at=j.at(2, "11:00"), until=j.at(2, "11:30"),
        scheduled=True,
    )  # fmt: skip
    intro = j.action("Prepare your introduction for Lumen Bank")
    # Before: proposed only once the stage reached screening, after the screen itself.
    assert intro["due"].startswith("2026-11-10T16:00")  # the day before, at its time (UTC)
    assert "First phone screen with Lumen Bank" in intro["why"]
    assert j.has("Prepare questions for the phone screen with Priya Nair")
    # The screen is held: logged without --scheduled, it completes the scheduled one.
    j.day(2, "12:00")
    held = j.log(
        "phone-screen", "Priya Nair", opp="Lumen", at=j.at(2, "11:00"),
        point=["Team is moving to streaming"],
    )  # fmt: skip
    assert held["id"] == screen["id"] and held["scheduled"] is False
    thanks = [a for a in j.actions("thank-you") if a["person_names"] == ["Priya Nair"]]
    assert len(thanks) == 1  # before: two thank-yous to the same person
    # Preparation for a conversation that has happened ends.
    assert not j.has("Prepare your introduction")
    assert not j.has("Prepare questions for the phone screen")
    assert not j.has("Research Lumen Bank")
    # Annotated by id later: still one conversation, one thank-you, now with a wish.
    j.day(2, "13:00")
    j.run("held", str(screen["id"]), "--wish", "my dbt migration")
    shown = j.run("show", "opp", "Lumen").output
    assert shown.count("phone screen") == 1, shown
    assert len([a for a in j.actions("thank-you") if a["person_names"] == ["Priya Nair"]]) == 1


def test_an_interview_set_for_tomorrow_makes_preparation_due_today_not_overdue(tom, recorded):
    j = begun(recorded, tom, applied)
    j.day(2, "14:00")  # Wednesday afternoon: Hiro wants to meet tomorrow at 09:30
    j.log("interview", "Hiro Tanaka", opp="Lumen", at=j.at(3, "09:30"), scheduled=True)
    for title in (
        "Research Lumen Bank before the interview",
        "Prepare questions for the interview with Hiro Tanaka",
        "Prepare your introduction for Lumen Bank",
    ):
        action = j.action(title)
        # Before: "overdue since" Tuesday 09:30, a day before anyone knew of the interview.
        assert action["state"] == "due", action
        assert "short notice" in action["why"] and "overdue" not in action["why"]
        assert action["due"].startswith("2026-11-11T22:30")  # 17:30 today in New York
    assert "0 overdue" in j.today()
    # Nothing is done by the evening: overdue since 17:30 today, a time after it existed.
    j.day(2, "18:00")
    assert "overdue since 17:30 today" in j.action("Research Lumen Bank")["why"]


def test_logging_a_held_conversation_without_a_time_completes_todays_scheduled_one(tom, recorded):
    j = begun(recorded, tom, applied)
    j.day(0, "10:00")
    screen = j.log("phone-screen", "Priya Nair", opp="Lumen", at=j.at(1, "15:00"), scheduled=True)
    j.day(1, "16:10")
    held = j.log("phone-screen", "Priya Nair", opp="Lumen", summary="Good first call")
    assert held["id"] == screen["id"]
    assert held["at"].startswith("2026-11-10T20:00")  # the planned moment is kept
    # A different person at another time is a conversation of its own.
    j.day(3, "10:00")
    other = j.log("phone-screen", "Hiro Tanaka", opp="Lumen", at=j.at(3, "09:00"))
    assert other["id"] != screen["id"]


def test_a_calendar_import_of_a_scheduled_conversation_never_adds_a_second_one(tom):
    from pathlib import Path

    invite = Path(__file__).resolve().parents[1] / "data" / "ics" / "outlook_invite.ics"
    j = Journey(tom, start=date(2026, 11, 23))  # a Monday
    j.run("person", "add", "Dana Ruiz", "--org", "Acme", "--email", "dana.ruiz@acme.com")
    j.run("opp", "add", "Senior Data Analyst", "--org", "Acme", "--stage", "applied",
          "--person", "Dana Ruiz=hiring-manager")  # fmt: skip
    # Logged by hand from the phone call that set it: Tuesday 1 December, 10:00 Pacific.
    planned = j.log(
        "interview", "Dana Ruiz", opp="Acme", at="2026-12-01T13:00:00-05:00", scheduled=True,
        point=["Dana: the team is new"],
    )  # fmt: skip
    j.day(1, "09:00")
    j.run("import", "ics", str(invite))
    shown = json.loads(j.run("show", "opp", "Acme", "--json").stdout)
    interviews = [i for i in shown["interactions"] if i["kind"] == "interview"]
    assert [i["id"] for i in interviews] == [planned["id"]]  # before: a second interview
    assert interviews[0]["points"] == ["Dana: the team is new"]  # what was written stays
    assert len(j.actions("research-before-interview")) == 1
