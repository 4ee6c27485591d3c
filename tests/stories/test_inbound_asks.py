"""Inbound messages ask or they don't: a screening month at Copperline and Duneview.

Jordan hears from two recruiters over three weeks. Rita at Copperline acknowledges an
application ("Thanks, we will be in touch"), then confirms a time, then asks for
availability; only the ask wants a reply. A question and its answer logged in the
same minute, in that order, leave nothing open. Nina at Duneview sends a rejection;
Jordan's reply to her closes the loop for the opportunity, though Dana, the hiring
manager, is the one the gracious note would have gone to.
"""

from __future__ import annotations

from datetime import date

from stories.journey import Journey, begun


def two_searches(tom) -> Journey:
    j = Journey(tom, start=date(2026, 11, 2))  # a Monday
    j.run("org", "add", "Copperline")
    j.run("org", "add", "Duneview")
    j.run("person", "add", "Rita Gomez", "--org", "Copperline", "--email", "rita@cl.example")
    j.run("person", "add", "Dana Ruiz", "--org", "Duneview", "--email", "dana@dv.example")
    j.run("person", "add", "Nina Park", "--org", "Duneview", "--email", "nina@dv.example")
    j.run(
        "opp", "add", "Analytics Engineer", "--org", "Copperline", "--stage", "applied",
        "--person", "Rita Gomez=recruiter",
    )  # fmt: skip
    j.run(
        "opp", "add", "Data Platform Lead", "--org", "Duneview", "--stage", "screening",
        "--person", "Dana Ruiz=hiring-manager", "--person", "Nina Park=recruiter",
    )  # fmt: skip
    return j


def replies(j: Journey) -> list[str]:
    return j.titles("respond-promptly")


def notes(j: Journey) -> list[str]:
    return [t for t in j.titles("close-the-loop") if "gracious note" in t]


def test_acknowledgements_and_confirmations_ask_nothing(tom, recorded):
    j = begun(recorded, tom, two_searches)
    j.day(1, "10:00")
    j.log(
        "email", "Rita Gomez", opp="Copperline", direction="in",
        subject="Your application", summary="Thanks, we will be in touch.",
    )  # fmt: skip
    assert replies(j) == []
    assert "Reply to Rita Gomez" not in j.today()
    j.day(3, "15:00")
    j.log(
        "email", "Rita Gomez", opp="Copperline", direction="in",
        subject="Re: Phone screen", summary="Confirmed for Thursday at 2pm. Talk then!",
    )  # fmt: skip
    assert replies(j) == []
    # An ask, a proposal of times: that wants a reply, within a business day.
    j.day(8, "09:30")
    j.log(
        "email", "Rita Gomez", opp="Copperline", direction="in",
        subject="Next round", summary="Would Tuesday or Wednesday afternoon work for you?",
    )  # fmt: skip
    (reply,) = j.actions("respond-promptly")
    assert reply["title"] == "Answer Rita Gomez: Would Tuesday or Wednesday afternoon work for you?"
    assert reply["purpose"] == "reply"
    assert "Answer Rita Gomez" in j.today()
    j.day(8, "11:00")
    j.log("email", "Rita Gomez", opp="Copperline", direction="out", subject="Re: Next round")
    assert replies(j) == []


def test_a_reply_logged_in_the_same_minute_answers_the_question(tom, recorded):
    j = begun(recorded, tom, two_searches)
    j.day(4, "16:42")
    j.log(
        "email", "Rita Gomez", opp="Copperline", direction="in",
        subject="Salary", summary="What are your salary expectations?",
    )  # fmt: skip
    assert replies(j) == ["Answer Rita Gomez: What are your salary expectations?"]
    # The answer, logged the same minute, right after: nothing is left to answer.
    sent = j.log("email", "Rita Gomez", opp="Copperline", direction="out", subject="Re: Salary")
    assert sent["at"] == sent["at"][:16] + ":00+00:00"  # both at 16:42 sharp
    assert replies(j) == []
    j.day(5, "10:00")
    assert "Answer Rita Gomez" not in j.today()
    assert replies(j) == []


def test_a_request_answered_in_the_same_minute_is_closed(tom, recorded):
    j = begun(recorded, tom, two_searches)
    j.day(9, "11:05")
    j.log(
        "email", "Dana Ruiz", opp="Duneview", direction="in",
        subject="Portfolio", summary="Could you send your portfolio?",
    )  # fmt: skip
    assert j.titles("respond-promptly") == ["Answer Dana Ruiz: Could you send your portfolio?"]
    j.log("email", "Dana Ruiz", opp="Duneview", direction="out", subject="Re: Portfolio")
    assert j.titles("respond-promptly") == []


def test_a_reply_to_the_recruiter_who_rejected_closes_the_loop(tom, recorded):
    j = begun(recorded, tom, two_searches)
    j.day(2, "10:00")
    j.log("phone-screen", "Dana Ruiz", opp="Duneview", at=j.at(2, "10:00"))
    j.log("email", "Dana Ruiz", opp="Duneview", direction="out", subject="Thank you")
    j.day(10, "14:00")  # Nina writes: they went with another candidate
    j.log(
        "email", "Nina Park", opp="Duneview", direction="in",
        subject="Your application", summary="We decided to move forward with another candidate.",
    )  # fmt: skip
    j.run("opp", "stage", "Data Platform Lead", "rejected")
    # Before: a gracious note is owed (to Dana, met at the screen).
    j.day(11, "10:00")
    assert notes(j) == ["Send Dana Ruiz a gracious note after the rejection"]
    # Jordan answers Nina: that closes the loop for the opportunity.
    j.log(
        "email", "Nina Park", direction="out", opp="Duneview",
        subject="Re: Your application", summary="Thank you for letting me know.",
    )  # fmt: skip
    assert notes(j) == []
    j.day(14, "10:00")
    assert "gracious note" not in j.today()
