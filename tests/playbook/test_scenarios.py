"""A job search walked through the CLI with --now: for each rule its trigger, evidence and guard.

Every moment is in New York (EST, UTC-5 in late November). Tuesday 24 November
2026 is the day most scenes happen.
"""

from __future__ import annotations

import json

import pytest

TZ = "-05:00"


def t(moment: str) -> str:
    """'11-24 15:00' -> '2026-11-24T15:00:00-05:00'."""
    day, clock = moment.split()
    return f"2026-{day}T{clock}:00{TZ}"


def utc(moment: str) -> str:
    """The JSON form of a New York moment: '11-25 15:00' -> '2026-11-25T20:00:00+00:00'."""
    from datetime import UTC, datetime

    return datetime.fromisoformat(t(moment)).astimezone(UTC).isoformat()


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def actions(tom, now: str) -> dict[str, dict]:
    result = ok(tom("actions", "--json", now=t(now)))
    return {a["id"]: a for a in json.loads(result.stdout)}


def find(found: dict, rule: str, person: str | None = None) -> list[dict]:
    return [
        a
        for a in found.values()
        if a["rule"] == rule and (person is None or person in a["person_names"])
    ]


@pytest.fixture
def search(tom, recorded):
    """Jordan's search: Northwind (interviewing, Dana and Sam), Bluebird (screening, Elena)."""

    def build(tom):
        now = t("11-02 09:00")
        ok(
            tom(
                "init",
                "--name",
                "Jordan Lee",
                "--email",
                "jordan@example.com",
                "--tz",
                "America/New_York",
                now=now,
            )
        )
        for name, org in [
            ("Dana Ruiz", "Northwind"),
            ("Sam Patel", "Northwind"),
            ("Elena Kovacs", "Bluebird"),
        ]:
            ok(tom("person", "add", name, "--org", org, now=now))
        ok(
            tom(
                "opp",
                "add",
                "Senior Data Engineer",
                "--org",
                "Northwind",
                "--stage",
                "interviewing",
                "--person",
                "Dana Ruiz=hiring-manager",
                "--person",
                "Sam Patel=interviewer",
                "--at",
                now,
                now=now,
            )
        )
        ok(
            tom(
                "opp",
                "add",
                "Data Platform Lead",
                "--org",
                "Bluebird",
                "--stage",
                "screening",
                "--person",
                "Elena Kovacs=hiring-manager",
                "--at",
                now,
                now=now,
            )
        )

    return recorded(tom, build)  # built once, copied after (tests/conftest.py)


def test_thank_you_per_interviewer_closed_by_an_email_stopped_by_a_rejection(search):
    tom = search
    logged = ok(
        tom(
            "log",
            "interview",
            "--with",
            "Dana",
            "--with",
            "Sam",
            "--opp",
            "Northwind",
            "--at",
            t("11-24 15:00"),
            "--point",
            "Dana: data quality",
            now=t("11-24 15:30"),
        )
    )
    assert "New: Thank Dana Ruiz for the interview" in logged.output
    assert "New: Thank Sam Patel for the interview" in logged.output
    found = actions(tom, "11-24 16:00")
    (dana,) = find(found, "thank-you", "Dana Ruiz")
    (sam,) = find(found, "thank-you", "Sam Patel")
    assert dana["due"] == sam["due"] == utc("11-25 15:00")  # Wednesday 15:00
    assert '"data quality"' in dana["why"]
    # Evidence: an email to Dana at 18:00 closes hers only.
    sent = ok(
        tom(
            "log",
            "email",
            "--with",
            "Dana",
            "--direction",
            "out",
            "--opp",
            "Northwind",
            "--at",
            t("11-24 18:00"),
            now=t("11-24 18:05"),
        )
    )
    assert "Closed: Thank Dana Ruiz for the interview" in sent.output
    found = actions(tom, "11-24 18:10")
    assert not find(found, "thank-you", "Dana Ruiz")
    assert find(found, "thank-you", "Sam Patel")[0]["state"] == "upcoming"
    # Late but still worth it after 72 hours.
    assert find(actions(tom, "11-28 10:00"), "thank-you", "Sam Patel")[0]["state"] == "late"
    # Guard: a closed opportunity stops it; close-the-loop takes over.
    ok(tom("opp", "stage", "Northwind", "rejected", now=t("11-25 09:00")))
    found = actions(tom, "11-25 09:05")
    assert not find(found, "thank-you")
    note, touch = sorted(find(found, "close-the-loop", "Dana Ruiz"), key=lambda a: a["due"])
    assert note["id"] == "close-the-loop-note:o1"
    assert note["due"] == utc("11-27 09:00")  # within two days
    assert touch["due"] == "2027-02-23T14:00:00+00:00"  # ninety days on, 09:00 in New York


def dana_asks(tom, at: str, text: str, *more: str, now: str) -> None:
    """Dana's email about Northwind, sent at ``at``, asking for ``text``."""
    ok(
        tom(
            "log",
            "email",
            "--with",
            "Dana",
            "--opp",
            "Northwind",
            "--at",
            t(at),
            "--request",
            text,
            *more,
            now=t(now),
        )
    )


def test_a_request_is_due_by_its_deadline_and_answered_by_a_reply(search):
    tom = search
    dana_asks(tom, "11-24 09:12", "send two references", "--by", "friday", now="11-24 09:30")
    (respond,) = find(actions(tom, "11-24 10:00"), "respond-promptly")
    assert respond["due"] == utc("11-27 17:30")  # Friday, end of the working day
    assert respond["why"].startswith("Dana Ruiz asked you to send two references")
    replied = ok(
        tom(
            "log",
            "email",
            "--with",
            "Dana",
            "--direction",
            "out",
            "--opp",
            "Northwind",
            "--at",
            t("11-24 11:00"),
            now=t("11-24 11:05"),
        )
    )
    assert "Closed: Answer Dana Ruiz: send two references" in replied.output
    assert not find(actions(tom, "11-24 11:10"), "respond-promptly")


def test_a_friday_evening_question_is_due_monday_not_saturday(search):
    tom = search
    ok(
        tom(
            "log",
            "email",
            "--with",
            "Sam",
            "--direction",
            "in",
            "--opp",
            "Northwind",
            "--subject",
            "Quick question",
            "--at",
            t("11-27 17:30"),
            now=t("11-27 17:35"),
        )
    )
    (respond,) = find(actions(tom, "11-27 18:00"), "respond-promptly")
    assert respond["due"] == utc("11-30 17:30")
    assert "Quick question" in respond["title"]
    # Guard: a reply is never held back, even right after an unanswered message of ours.
    ok(
        tom(
            "log",
            "email",
            "--with",
            "Sam",
            "--direction",
            "out",
            "--at",
            t("11-27 16:00"),
            "--opp",
            "Northwind",
            now=t("11-27 18:00"),
        )
    )
    assert find(actions(tom, "11-27 18:05"), "respond-promptly")


def test_an_achievement_goes_to_hiring_managers_but_respects_spacing(search):
    tom = search
    ok(
        tom(
            "log",
            "email",
            "--with",
            "Elena",
            "--direction",
            "out",
            "--opp",
            "Bluebird",
            "--at",
            t("11-22 10:00"),
            now=t("11-22 10:05"),
        )
    )
    added = ok(
        tom(
            "achievement",
            "add",
            "AWS Certified Data Engineer",
            "--kind",
            "certification",
            "--on",
            "2026-11-24",
            now=t("11-24 12:00"),
        )
    )
    assert "New: Tell Dana Ruiz about AWS Certified Data Engineer" in added.output
    found = actions(tom, "11-24 12:05")
    assert [a["person_names"] for a in find(found, "periodic-update")] == [["Dana Ruiz"]]
    # Seven days after the unanswered email to Elena, hers is proposed too.
    later = actions(tom, "11-30 10:00")
    assert {a["person_names"][0] for a in find(later, "periodic-update")} == {
        "Dana Ruiz",
        "Elena Kovacs",
    }
    # Evidence: a message to Dana after the achievement.
    ok(
        tom(
            "log",
            "email",
            "--with",
            "Dana",
            "--direction",
            "out",
            "--opp",
            "Northwind",
            "--at",
            t("11-30 11:00"),
            now=t("11-30 11:00"),
        )
    )
    assert {a["person_names"][0] for a in find(actions(tom, "11-30 11:05"), "periodic-update")} == {
        "Elena Kovacs"
    }


def test_check_in_after_the_cadence_then_change_route_after_two_unanswered(search):
    tom = search
    ok(
        tom(
            "log",
            "call",
            "--with",
            "Elena",
            "--opp",
            "Bluebird",
            "--at",
            t("11-10 10:00"),
            now=t("11-10 11:00"),
        )
    )
    (check,) = find(actions(tom, "11-18 09:00"), "check-in", "Elena Kovacs")
    assert check["id"] == "check-in:o2:2026-11-10"
    assert check["due"] == utc("11-17 10:00")  # screening: 7 days
    # Evidence: a message moves the next check-in a cadence later.
    ok(
        tom(
            "log",
            "email",
            "--with",
            "Elena",
            "--direction",
            "out",
            "--opp",
            "Bluebird",
            "--at",
            t("11-18 10:00"),
            now=t("11-18 10:05"),
        )
    )
    (check,) = find(actions(tom, "11-18 10:10"), "check-in", "Elena Kovacs")
    assert check["id"] == "check-in:o2:2026-11-18"
    assert check["due"] == utc("11-25 10:00")
    # Guard: after two unanswered follow-ups, pause or another route instead of a third.
    ok(
        tom(
            "log",
            "email",
            "--with",
            "Elena",
            "--direction",
            "out",
            "--opp",
            "Bluebird",
            "--at",
            t("11-25 10:00"),
            now=t("11-25 10:05"),
        )
    )
    found = actions(tom, "12-03 10:00")
    assert [a["id"] for a in find(found, "check-in") if a["opportunity_id"] == 2] == [
        "change-route:o2:2026-11-25"
    ]


def test_interview_preparation_research_questions_and_introduction(search):
    tom = search
    ok(
        tom(
            "log",
            "interview",
            "--with",
            "Elena",
            "--opp",
            "Bluebird",
            "--at",
            t("11-27 13:00"),
            "--scheduled",
            now=t("11-24 09:00"),
        )
    )
    found = actions(tom, "11-24 15:00")
    (research,) = find(found, "research-before-interview")
    (questions,) = find(found, "questions")
    (intro,) = [a for a in find(found, "memorable-introduction") if a["opportunity_id"] == 2]
    assert research["due"] == utc("11-25 13:00")
    assert questions["due"] == utc("11-26 13:00")
    assert intro["due"] == utc("11-26 13:00")
    # Evidence: three unasked questions, an introduction saved, research marked done.
    for text in (
        "What drives the rebuild?",
        "How is the team split?",
        "What does success look like?",
    ):
        ok(tom("question", "add", "Bluebird", text, now=t("11-24 15:10")))
    ok(
        tom(
            "achievement",
            "add",
            "Cut pipeline incidents by 60% at Fieldstone",
            "--kind",
            "project",
            "--on",
            "2026-06-01",
            now=t("11-24 15:15"),
        )
    )
    ok(tom("intro", "Bluebird", "--save", now=t("11-24 15:20")))
    ok(tom("done", research["id"], "--note", "read the partnership news", now=t("11-24 15:30")))
    found = actions(tom, "11-24 15:40")
    assert not find(found, "questions")
    assert not [a for a in find(found, "memorable-introduction") if a["opportunity_id"] == 2]
    assert not find(found, "research-before-interview")


def test_connect_engage_and_events(search):
    tom = search
    ok(
        tom(
            "person",
            "add",
            "Grace Kim",
            "--org",
            "Bluebird",
            "--connected-on",
            "2026-10-01",
            now=t("11-24 09:00"),
        )
    )
    ok(
        tom(
            "log",
            "meeting",
            "--with",
            "Sam",
            "--opp",
            "Northwind",
            "--at",
            t("11-24 10:00"),
            now=t("11-24 11:00"),
        )
    )
    ok(
        tom(
            "event",
            "add",
            "Bluebird Data Day",
            "--org",
            "Bluebird",
            "--at",
            t("12-02 12:00"),
            now=t("11-24 11:00"),
        )
    )
    found = actions(tom, "11-24 12:00")
    (connect,) = find(found, "connect", "Sam Patel")
    assert connect["due"] == utc("11-26 10:00")  # 48 h after meeting
    (engage,) = find(found, "engage", "Grace Kim")
    (register,) = find(found, "event")
    assert register["title"] == "Register for Bluebird Data Day"
    # Evidence for each.
    ok(tom("person", "edit", "Sam", "--connected-on", "2026-11-24", now=t("11-24 12:10")))
    ok(
        tom(
            "log",
            "linkedin-engagement",
            "--with",
            "Grace",
            "--at",
            t("11-24 12:15"),
            now=t("11-24 12:20"),
        )
    )
    event_id = register["refs"]["event_id"]
    ok(tom("event", "register", str(event_id), now=t("11-24 12:30")))
    found = actions(tom, "11-24 12:40")
    assert not find(found, "connect", "Sam Patel")
    assert not find(found, "engage")
    assert not find(found, "event")


def test_a_connection_just_made_closes_connect_and_waits_before_engage(search):
    """`--connected` without a date is a connection made today: the connect action closes
    and the engage rule waits its quiet weeks rather than calling it "never engaged"."""
    tom = search
    ok(
        tom(
            "log",
            "meeting",
            "--with",
            "Sam",
            "--opp",
            "Northwind",
            "--at",
            t("11-24 10:00"),
            now=t("11-24 11:00"),
        )
    )
    assert find(actions(tom, "11-24 12:00"), "connect", "Sam Patel")
    shown = json.loads(
        ok(tom("person", "edit", "Sam", "--connected", "--json", now=t("11-24 12:10"))).stdout
    )
    assert shown["connected_on"] == "2026-11-24"
    found = actions(tom, "11-24 12:20")
    assert not find(found, "connect", "Sam Patel")
    assert not find(found, "engage", "Sam Patel")
    (engage,) = find(actions(tom, "12-15 12:00"), "engage", "Sam Patel")  # 21 quiet days on
    assert "(connected 21 days ago, never engaged)" in engage["why"]
    # Marking again changes nothing; marking not connected forgets the day.
    ok(tom("person", "edit", "Sam", "--connected", now=t("12-01 09:00")))
    shown = json.loads(ok(tom("person", "show", "Sam", "--json", now=t("12-01 09:05"))).stdout)
    assert shown["people"][0]["connected_on"] == "2026-11-24"
    ok(tom("person", "edit", "Sam", "--not-connected", now=t("12-01 09:10")))
    shown = json.loads(ok(tom("person", "show", "Sam", "--json", now=t("12-01 09:15"))).stdout)
    assert shown["people"][0]["connected"] is False
    assert shown["people"][0]["connected_on"] is None


def test_informational_interview_asks_once_and_nudges_once(search):
    tom = search
    (find_one,) = [
        a
        for a in find(actions(tom, "11-24 09:00"), "informational-interview")
        if a["opportunity_id"] == 1
    ]
    assert find_one["title"] == "Find an insider at Northwind"
    ok(tom("person", "add", "Lee Park", "--org", "Northwind", now=t("11-24 09:00")))
    ok(tom("opp", "edit", "Northwind", "--person", "Lee Park=insider", now=t("11-24 09:05")))
    ask = [
        a
        for a in find(actions(tom, "11-24 09:10"), "informational-interview")
        if a["opportunity_id"] == 1
    ]
    assert [a["title"] for a in ask] == ["Ask Lee Park for a 20-minute conversation"]
    ok(
        tom(
            "log",
            "email",
            "--with",
            "Lee",
            "--direction",
            "out",
            "--opp",
            "Northwind",
            "--at",
            t("11-24 10:00"),
            now=t("11-24 10:05"),
        )
    )
    (nudge,) = find(actions(tom, "11-25 10:00"), "informational-interview", "Lee Park")
    assert nudge["title"] == "Nudge Lee Park once about a short conversation"
    assert (nudge["due"], nudge["state"]) == (utc("12-01 10:00"), "upcoming")  # seven days on
    ok(
        tom(
            "log",
            "email",
            "--with",
            "Lee",
            "--direction",
            "out",
            "--opp",
            "Northwind",
            "--at",
            t("12-01 10:00"),
            now=t("12-01 10:05"),
        )
    )
    assert not find(actions(tom, "12-20 10:00"), "informational-interview", "Lee Park")


def test_supplementary_note_when_the_thank_you_was_closed_by_hand(search):
    tom = search
    ok(
        tom(
            "log",
            "interview",
            "--with",
            "Dana",
            "--opp",
            "Northwind",
            "--at",
            t("11-23 15:00"),
            "--wish",
            "the 60% incident cut",
            now=t("11-23 16:00"),
        )
    )
    found = actions(tom, "11-24 09:00")
    (thanks,) = find(found, "thank-you", "Dana Ruiz")
    assert "the 60% incident cut" in thanks["why"]  # folded into the thank-you
    assert not find(found, "supplementary-info")
    ok(tom("done", thanks["id"], "--note", "thanked her in person", now=t("11-24 09:05")))
    (note,) = find(actions(tom, "11-24 09:10"), "supplementary-info")
    assert note["due"] == utc("11-26 15:00")


def test_an_old_request_gives_way_to_the_check_in_unless_the_window_is_widened(search):
    tom = search
    dana_asks(tom, "10-01 09:12", "send your portfolio", now="11-02 09:30")
    assert not find(actions(tom, "11-24 10:00"), "respond-promptly")  # 54 days: past 45
    ok(tom("settings", "set", "respond_request_days", "60", now=t("11-24 10:00")))
    (respond,) = find(actions(tom, "11-24 10:00"), "respond-promptly")
    assert respond["title"] == "Answer Dana Ruiz: send your portfolio"
    assert respond["state"] == "overdue"


def test_a_friday_interview_is_thanked_on_monday_and_prepared_for_on_friday(search):
    """Due times fall in working time: after a Friday interview the thank-you waits for
    Monday; for a Monday interview, questions and research are due the Friday before."""
    tom = search
    ok(tom("log", "interview", "--with", "Dana", "--opp", "Northwind", "--at", t("11-20 14:00"),
           "--until", t("11-20 15:00"), now=t("11-20 15:30")))  # fmt: skip
    saturday = actions(tom, "11-21 10:00")
    (thanks,) = find(saturday, "thank-you", "Dana Ruiz")
    assert thanks["due"] == utc("11-23 15:00")  # Monday 15:00, not Saturday
    assert thanks["state"] == "upcoming" and thanks["why"].endswith("due by Monday 15:00")
    assert find(actions(tom, "11-23 09:00"), "thank-you", "Dana Ruiz")[0]["state"] == "due"
    ok(tom("log", "interview", "--with", "Elena", "--opp", "Bluebird", "--at", t("11-30 13:00"),
           "--scheduled", now=t("11-24 10:00")))  # fmt: skip
    found = actions(tom, "11-24 10:05")
    (questions,) = find(found, "questions")
    (research,) = find(found, "research-before-interview")
    assert questions["due"] == research["due"] == utc("11-27 13:00")  # the Friday before
