"""Offer season: three processes, an offer with a deadline, acceptance, winding down.

Jordan applies to Brightline (referred by Omar), Copperline and Duneview in early
November. Brightline makes an offer on a call with a deadline; a thank-you for the
offer must not close the decision; Copperline and Duneview hear the timeline; Jordan
accepts and every other process winds down with a note to each person met there,
the referrer first, and never to someone never met.
"""

from __future__ import annotations

from datetime import date

import pytest

from stories.journey import Journey, begun


def start_search(tom) -> Journey:
    j = Journey(tom, start=date(2026, 11, 2))  # a Monday
    j.run("org", "add", "Brightline")
    j.run("org", "add", "Copperline")
    j.run("org", "add", "Duneview")
    j.run("person", "add", "Marcus Webb", "--org", "Brightline", "--email", "marcus@bl.example")
    j.run("person", "add", "Omar Haddad", "--org", "Brightline", "--email", "omar@bl.example")
    j.run("person", "add", "Rita Gomez", "--org", "Copperline", "--email", "rita@cl.example")
    j.run("person", "add", "Sam Ortiz", "--org", "Copperline", "--email", "sam@cl.example")
    j.run("person", "add", "Dana Ruiz", "--org", "Duneview", "--email", "dana@dv.example")
    j.run("person", "add", "Nina Park", "--org", "Duneview", "--email", "nina@dv.example")
    j.run(
        "opp", "add", "Senior Data Engineer", "--org", "Brightline", "--stage", "applied",
        "--person", "Marcus Webb=hiring-manager", "--person", "Omar Haddad=referrer",
    )  # fmt: skip
    j.run(
        "opp", "add", "Analytics Engineer", "--org", "Copperline", "--stage", "applied",
        "--person", "Rita Gomez=recruiter", "--person", "Sam Ortiz=hiring-manager",
    )  # fmt: skip
    j.run(
        "opp", "add", "Data Platform Lead", "--org", "Duneview", "--stage", "applied",
        "--person", "Dana Ruiz=hiring-manager", "--person", "Nina Park=recruiter",
    )  # fmt: skip
    j.log("email", "Omar Haddad", opp="Brightline", direction="out", summary="Thanks, Omar")
    j.log("email", "Omar Haddad", opp="Brightline", direction="in", summary="Happy to help")
    j.day(3, "10:00")
    j.log("phone-screen", "Rita Gomez", opp="Copperline", at=j.at(3, "10:00"))
    j.log("email", "Rita Gomez", opp="Copperline", direction="out", summary="Thank you")
    j.day(4, "11:00")
    j.log("phone-screen", "Dana Ruiz", opp="Duneview", at=j.at(4, "11:00"))
    j.log("email", "Dana Ruiz", opp="Duneview", direction="out", summary="Thank you")
    j.day(8, "14:00")
    j.log("interview", "Marcus Webb", opp="Brightline", at=j.at(8, "14:00"))
    j.log("email", "Marcus Webb", opp="Brightline", direction="out", summary="Thank you, Marcus")
    return j


def offer_call(j: Journey) -> None:
    """Repro 2 as written: a call asking for the decision by Friday, stage offer, then an
    outbound "Thank you for the offer"."""
    j.day(15, "11:00")  # Tuesday 17 November
    j.log(
        "call", "Marcus Webb", opp="Brightline", direction="in",
        summary="Offer call", request="Let us know your decision on the offer", by="friday",
    )  # fmt: skip
    j.run("opp", "stage", "Brightline", "offer")
    j.day(15, "11:30")
    j.log(
        "email", "Marcus Webb", opp="Brightline", direction="out", summary="Thank you for the offer"
    )


def test_the_offer_decision_survives_a_thank_you_and_stays_due_by_the_deadline(tom, recorded):
    j = begun(recorded, tom, start_search)
    offer_call(j)
    j.day(17, "10:00")  # Thursday
    decision = j.action("Decide on the offer from Brightline")
    assert decision["due"].startswith("2026-11-20")  # Friday, the deadline they gave
    assert "they want your decision by Friday 17:" in decision["why"] or "by 17:" in decision["why"]
    assert "Decide on the offer from Brightline" in j.today()
    # Before: the request was closed by the thank-you and only a check-in after the
    # deadline was left; now no answer-the-request duplicates the decision either.
    assert not [a for a in j.actions("respond-promptly") if "offer" in a["title"]]
    j.day(18, "09:00")  # Friday: due today
    assert j.action("Decide on the offer from Brightline")["state"] == "due"


def test_an_offer_with_its_deadline_recorded_tells_the_other_processes(tom, recorded):
    j = begun(recorded, tom, start_search)
    j.day(15, "11:00")
    j.run("offer", "record", "Brightline", "--deadline", "friday", "--terms", "$180k, 10% bonus")
    listed = j.run("offer", "list").output
    assert "Senior Data Engineer at Brightline" in listed and "Fri 20 Nov" in listed
    decision = j.action("Decide on the offer from Brightline")
    assert "$180k, 10% bonus" in decision["why"]
    timelines = j.actions("offer-timeline")
    told = sorted(a["person_names"][0] for a in timelines)
    assert told == ["Dana Ruiz", "Rita Gomez"]  # the people met at each other process
    assert all("Friday" in a["why"] for a in timelines)
    # Writing to Rita is telling her: her action ends; Dana's stays.
    j.day(15, "15:00")
    j.log("email", "Rita Gomez", opp="Copperline", direction="out", summary="My timeline")
    assert [a["person_names"] for a in j.actions("offer-timeline")] == [["Dana Ruiz"]]


@pytest.mark.parametrize(
    "accept", [("offer", "accept", "Brightline"), ("opp", "stage", "Brightline", "accepted")]
)
def test_accepting_winds_down_every_other_process_with_a_note_to_each_person_met(
    tom, recorded, accept
):
    j = begun(recorded, tom, start_search)
    offer_call(j)
    j.day(16, "09:00")
    before = j.actions()
    # Before: these went on after the acceptance (repro 3: check-ins, questions, hunts).
    assert any(a["opportunity_title"].endswith("Copperline") for a in before)
    j.day(17, "16:00")
    result = j.run(*accept)
    assert accept[0] == "opp" or "Winding down" in result.output
    after = j.actions()
    others = [a for a in after if not a["opportunity_title"].endswith("Brightline")]
    # Nothing but withdrawals is left on the other processes: no check-ins, no hunts.
    assert {a["rule"] for a in others} == {"withdraw-after-accepting"}
    notes = sorted((a["opportunity_title"], a["person_names"][0]) for a in others)
    # Met: Rita (screen) and Dana (screen); Sam and Nina were never met.
    assert notes == [
        ("Analytics Engineer at Copperline", "Rita Gomez"),
        ("Data Platform Lead at Duneview", "Dana Ruiz"),
    ]
    assert "Tell Rita Gomez you are withdrawing from Analytics Engineer" in j.today()
    # The note to Rita written: hers ends, Dana's stays.
    j.day(18, "10:00")
    j.log("email", "Rita Gomez", opp="Copperline", direction="out", summary="Withdrawing")
    assert [a["person_names"] for a in j.actions("withdraw-after-accepting")] == [["Dana Ruiz"]]


def test_a_withdrawal_goes_to_the_referrer_first_and_never_to_someone_never_met(tom, recorded):
    j = begun(recorded, tom, start_search)
    j.day(9, "10:00")
    j.run("opp", "stage", "Brightline", "withdrawn")
    j.day(10, "10:00")
    note = j.action("Send Omar Haddad a gracious note after the withdrawal")
    assert note["person_names"] == ["Omar Haddad"]  # the referrer, not the hiring manager
    j.run("opp", "stage", "Duneview", "withdrawn")
    titles = j.titles("close-the-loop")
    assert "Send Dana Ruiz a gracious note after the withdrawal" in titles
    assert not any("Nina Park" in t for t in titles)  # the recruiter never met


def test_declining_an_offer_proposes_a_gracious_decline_note(tom, recorded):
    j = begun(recorded, tom, start_search)
    offer_call(j)
    j.day(17, "16:00")
    j.run("offer", "decline", "Brightline")
    assert not j.has("Decide on the offer")
    j.day(18, "09:00")
    note = j.action("Send Marcus Webb a gracious note declining the offer")
    assert "name what you valued" in note["why"]
    # The other processes carry on: declining is not accepting.
    assert any(a["opportunity_title"].endswith("Copperline") for a in j.actions())


def test_a_fresh_demo_opens_with_nothing_overdue_and_an_offer_deadline_in_view(tom):
    """Repro 5's last part: a fresh `tom demo` opened with 12 overdue items."""
    for moment in ("2026-12-01T07:00:00-05:00", "2026-12-01T23:00:00-05:00"):
        tom("demo", "--reset", now=moment)
        today = tom("today", "--all", now=moment).output
        assert " 0 overdue" in today.splitlines()[0], today
        assert "Decide on the offer from Atlas Logistics" in today
