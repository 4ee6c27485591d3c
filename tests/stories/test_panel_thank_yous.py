"""Thank-yous are not follow-ups: a panel at Brightline, references, then real silence.

Jordan applies to Brightline in early November, interviews with Marcus (hiring
manager) and Aisha (interviewer) on Wednesday 4 November and thanks each of them the
same afternoon. Before purposes, those two thank-yous were counted as two unanswered
follow-ups and the agenda said "Pause Senior Data Engineer at Brightline, or try
Aisha Patel instead". Now it proposes a check-in a week on; only two unanswered
check-ins make it propose a pause, and Marcus answering starts the count afresh.
References he asks for are a reply, never a follow-up.
"""

from __future__ import annotations

from datetime import date

from stories.journey import Journey, begun

PAUSE = "Pause Senior Data Engineer at Brightline"


def brightline(tom) -> Journey:
    j = Journey(tom, start=date(2026, 11, 2))  # a Monday
    j.run("org", "add", "Brightline")
    j.run(
        "person", "add", "Marcus Webb", "--org", "Brightline",
        "--email", "marcus@brightline.example", "--title", "Engineering Manager",
    )  # fmt: skip
    j.run(
        "person", "add", "Aisha Patel", "--org", "Brightline",
        "--email", "aisha@brightline.example", "--title", "Staff Engineer",
    )  # fmt: skip
    j.run(
        "opp", "add", "Senior Data Engineer", "--org", "Brightline", "--stage", "applied",
        "--person", "Marcus Webb=hiring-manager", "--person", "Aisha Patel=interviewer",
    )  # fmt: skip
    return j


def interview_and_thank_each(j: Journey) -> None:
    """Repro 1 as written: an interview with Marcus and Aisha, a thank-you email to each."""
    j.day(2, "11:30")  # Wednesday 4 November
    j.log(
        "interview", "Marcus Webb", "Aisha Patel", opp="Senior Data Engineer",
        at=j.at(2, "10:00"), until=j.at(2, "11:00"),
        point=["Marcus: the pipeline migration", "Aisha: on-call load"],
    )  # fmt: skip
    thanks = {a["title"]: a for a in j.actions("thank-you")}
    assert set(thanks) == {
        "Thank Marcus Webb for the interview",
        "Thank Aisha Patel for the interview",
    }
    assert {a["purpose"] for a in thanks.values()} == {"thank-you"}
    j.day(2, "16:00")
    j.log("email", "Marcus Webb", opp="Senior Data Engineer", direction="out", subject="Today")
    j.log("email", "Aisha Patel", opp="Senior Data Engineer", direction="out", subject="Today")


def test_two_thank_yous_never_make_a_pause(tom, recorded):
    j = begun(recorded, tom, brightline)
    interview_and_thank_each(j)
    # Each message was recorded as the thank-you it closed.
    shown = j.run("show", "opp", "Senior Data Engineer", "--json").stdout
    assert shown.count('"purpose": "thank-you"') == 2
    assert j.run("show", "opp", "Senior Data Engineer").stdout.count("email, thank you") == 2
    for day in range(3, 10):  # the week after: never a pause, never "try Aisha instead"
        j.day(day, "10:00")
        assert PAUSE not in j.today()
        assert not j.has("try Aisha Patel")
    # A week on, a check-in with a reason: the cadence, not a pause.
    j.day(9, "10:00")  # Wednesday 11 November
    check = j.action("Check in with Marcus Webb")
    assert check["purpose"] == "follow-up"
    assert "Check in with Marcus Webb about Senior Data Engineer" in j.today()


def test_two_unanswered_check_ins_do_and_a_reply_resets_them(tom, recorded):
    j = begun(recorded, tom, brightline)
    interview_and_thank_each(j)
    # Two check-ins nobody answers: only these count toward the cap.
    j.day(9, "10:00")
    j.log("email", "Marcus Webb", opp="Senior Data Engineer", direction="out", subject="Hello")
    j.day(16, "10:00")
    assert not j.has(PAUSE)
    j.log("email", "Marcus Webb", opp="Senior Data Engineer", direction="out", subject="Hello")
    j.day(17, "10:00")
    pause = j.action(PAUSE)
    assert pause["title"] == f"{PAUSE}, or try Aisha Patel instead"
    assert pause["purpose"] is None  # pausing is not a message
    assert "2 follow-ups to Brightline went unanswered" in j.today()
    # Marcus answers: the count starts afresh, the pause is gone.
    j.day(18, "09:30")
    j.log(
        "email", "Marcus Webb", opp="Senior Data Engineer", direction="in",
        subject="Re: Hello", summary="Thanks for your patience, we will be in touch soon.",
    )  # fmt: skip
    assert not j.has(PAUSE)
    assert PAUSE not in j.today()


def test_sending_requested_references_is_a_reply_not_a_follow_up(tom, recorded):
    j = begun(recorded, tom, brightline)
    interview_and_thank_each(j)
    j.day(4, "09:15")  # Friday: Marcus asks for references by Tuesday
    j.log(
        "email", "Marcus Webb", opp="Senior Data Engineer", direction="in",
        subject="References", request="send two references", by=j.at(8, "17:00"),
    )  # fmt: skip
    answer = j.action("Answer Marcus Webb")
    assert answer["purpose"] == "reply"
    j.day(4, "15:00")
    sent = j.log(
        "email", "Marcus Webb", opp="Senior Data Engineer", direction="out", subject="Two names"
    )
    assert sent["purpose"] == "reply"
    # Then a check-in he does not answer: one follow-up, so no pause.
    j.day(11, "10:00")
    j.log("email", "Marcus Webb", opp="Senior Data Engineer", direction="out", subject="Hello")
    for day in (12, 15, 18):
        j.day(day, "10:00")
        assert not j.has(PAUSE)


def test_a_purpose_said_by_hand_is_what_counts(tom, recorded):
    """Logged without words or an open action to close, a message is read by its place;
    `tom purpose` says otherwise, and the agenda follows."""
    j = begun(recorded, tom, brightline)
    j.day(1, "10:00")
    first = j.log("email", "Marcus Webb", opp="Senior Data Engineer", direction="out")
    j.day(8, "10:00")
    second = j.log("email", "Marcus Webb", opp="Senior Data Engineer", direction="out")
    assert (first["purpose"], second["purpose"]) == ("follow-up", "follow-up")
    j.day(15, "10:00")
    assert j.has(PAUSE)
    # The second was only confirming the time of a call: logistics never counts.
    j.run("purpose", str(second["id"]), "logistics")
    assert not j.has(PAUSE)
    assert "logistics" in j.run("purpose", str(second["id"]), "logistics").stdout
    # Said as it is logged: a third message, only confirming the time, is no follow-up.
    j.day(16, "10:00")
    third = j.log(
        "email", "Marcus Webb", opp="Senior Data Engineer", direction="out", purpose="logistics"
    )
    assert third["purpose"] == "logistics"
    assert not j.has(PAUSE)
    refused = j.run("purpose", "#999", "reply", ok=False)
    assert refused.exit_code != 0
    wrong = j.run("purpose", str(first["id"]), "gossip", ok=False)
    assert wrong.exit_code == 2 and "thank-you" in wrong.output


def test_check_ins_done_by_hand_are_follow_ups_but_thank_yous_are_not(tom, recorded):
    """Jordan sends everything from a phone and ticks it off with `tom done`: the
    thank-yous never count, the two check-ins do."""
    j = begun(recorded, tom, brightline)
    j.day(2, "11:30")
    j.log(
        "interview", "Marcus Webb", "Aisha Patel", opp="Senior Data Engineer",
        at=j.at(2, "10:00"), until=j.at(2, "11:00"),
    )  # fmt: skip
    for thanks in j.actions("thank-you"):
        j.run("done", thanks["id"])
    j.day(9, "16:00")
    assert not j.has(PAUSE)
    j.run("done", j.action("Check in with Marcus Webb")["id"])
    j.day(16, "16:30")
    assert not j.has(PAUSE)
    j.run("done", j.action("Check in with Marcus Webb")["id"])
    j.day(17, "10:00")
    assert j.has(PAUSE)
    assert "2 follow-ups to Brightline went unanswered" in j.today()
