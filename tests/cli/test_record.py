"""Recording a job search from the CLI: org, person, opp, log, achievement, question, event, show.

Each test runs on SQLite and on PostgreSQL (the ``tom`` fixture) and asserts what a
person sees: the confirmation line, the table, the ``--json`` shape, or the one-line
error with exit status 2 and nothing written.
"""

from __future__ import annotations

import json

import pytest

ORG_KEYS = {"id", "name", "domains", "website", "feeds", "notes"}
PERSON_KEYS = {
    "id",
    "name",
    "emails",
    "phones",
    "linkedin_url",
    "title",
    "organization_id",
    "organization_name",
    "notes",
    "connected",
    "connected_on",
}
OPP_KEYS = {
    "offer_deadline",
    "offer_terms",
    "id",
    "title",
    "organization_id",
    "organization_name",
    "stage",
    "posting_text",
    "posting_url",
    "priority",
    "excitement",
    "requirements",
    "notes",
    "settings",
    "history",
    "people",
}
INTERACTION_KEYS = {
    "id",
    "at",
    "ends_at",
    "kind",
    "direction",
    "participants",
    "participant_names",
    "opportunity_id",
    "summary",
    "subject",
    "points",
    "wishes",
    "requests",
    "scheduled",
    "location",
    "source",
    "external_id",
    "message_id",
    "in_reply_to",
    "references",
    "purpose",
}


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    """Tables as on a wide terminal, so a cell's text is not folded across lines."""
    monkeypatch.setenv("COLUMNS", "200")


def ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def data(result):
    return json.loads(ok(result))


def refused(result, *fragments: str) -> str:
    """A one-line error, exit status 2, no traceback; returns the line."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, result.stderr
    for fragment in fragments:
        assert fragment in errors[0], errors[0]
    return errors[0]


@pytest.fixture
def tom_init(tom, recorded):
    def build(tom):
        ok(
            tom(
                "init", "--name", "Ada Byron", "--email", "ada@example.com", "--tz", "Europe/Berlin"
            )
        )

    return recorded(tom, build)  # built once, copied after (tests/conftest.py)


@pytest.fixture
def acme(tom_init, recorded):
    """A small record: one organization, two people, one opportunity."""

    def build(tom_init):
        ok(tom_init("org", "add", "Acme Corp", "--domain", "acme.example"))
        ok(tom_init("person", "add", "Dana Ruiz", "--email", "dana@acme.example", "--org", "Acme"))
        ok(tom_init("person", "add", "Dana Lee", "--email", "dlee@acme.example", "--org", "Acme"))
        ok(
            tom_init(
                "opp",
                "add",
                "Data Engineer",
                "--org",
                "Acme",
                "--stage",
                "applied",
                "--person",
                "Dana Ruiz=hiring-manager",
            )
        )

    return recorded(tom_init, build)  # built once, copied after (tests/conftest.py)


# -- organizations -----------------------------------------------------------------------


def test_org_add_list_show_edit(tom_init):
    assert "Added organization Acme Corp (#1)." in ok(
        tom_init("org", "add", "Acme Corp", "--domain", "acme.example", "--website", "https://a.x")
    )
    listed = data(tom_init("org", "list", "--json"))
    assert [set(o) for o in listed] == [ORG_KEYS]
    assert listed[0]["name"] == "Acme Corp" and listed[0]["domains"] == ["acme.example"]
    assert "acme.example" in ok(tom_init("org", "list"))
    edited = data(tom_init("org", "edit", "acme", "--name", "Acme Inc", "--notes", "n", "--json"))
    assert edited["name"] == "Acme Inc" and edited["notes"] == "n"
    shown = ok(tom_init("org", "show", "Inc"))
    assert "Acme Inc (#1)" in shown and "Nothing recorded yet" in shown


def test_two_organizations_cannot_share_a_name(tom_init):
    ok(tom_init("org", "add", "Acme Corp"))
    refused(tom_init("org", "add", "acme corp"), "already recorded", "tom org edit")
    assert len(data(tom_init("org", "list", "--json"))) == 1
    ok(tom_init("org", "add", "Globex"))
    refused(tom_init("org", "edit", "Globex", "--name", "ACME Corp"), "Acme Corp (#1) is already")
    ok(tom_init("org", "edit", "Globex", "--name", "GLOBEX"))
    names = [o["name"] for o in data(tom_init("org", "list", "--json"))]
    assert names == ["Acme Corp", "GLOBEX"]


# -- people ------------------------------------------------------------------------------


def test_person_add_list_show_edit(acme):
    people = data(acme("person", "list", "--json"))
    assert [p["name"] for p in people] == ["Dana Lee", "Dana Ruiz"]
    assert set(people[0]) == PERSON_KEYS
    assert people[1]["organization_name"] == "Acme Corp"
    edited = data(
        acme(
            "person",
            "edit",
            "Ruiz",
            "--title",
            "Director",
            "--connected-on",
            "2026-11-01",
            "--json",
        )
    )
    assert edited["title"] == "Director"
    assert edited["connected"] is True and edited["connected_on"] == "2026-11-01"
    table = ok(acme("person", "list", "--org", "Acme"))
    assert "Director" in table and "connected" in table
    assert "Dana Ruiz (#1)" in ok(acme("person", "show", "dana@acme.example"))
    assert "Title: Director" in ok(acme("person", "show", "#1"))


def test_where_mail_is_synced_adding_an_address_says_its_earlier_mail_comes_next(acme, monkeypatch):
    quiet = ok(acme("person", "add", "Lee Park", "--email", "lee@globex.example"))
    assert "tom sync imap" not in quiet  # no mail account set up
    monkeypatch.setenv("TOM_IMAP_HOST", "imap.example.com")
    monkeypatch.setenv("TOM_IMAP_USER", "jordan.lee@example.com")
    added = ok(acme("person", "add", "Sam Kim", "--email", "sam@initech.example"))
    assert "The next `tom sync imap` records earlier mail with Sam Kim from your folders." in (
        added
    )
    assert "tom sync imap" not in ok(acme("person", "add", "Ana Ito"))  # no address
    edited = ok(acme("person", "edit", "Sam Kim", "--email", "sam@home.example"))
    assert "earlier mail with Sam Kim at the new address" in edited
    org = ok(acme("org", "add", "Initech", "--domain", "initech.example"))
    assert "records earlier mail from and to Initech from your folders" in org


def test_person_edit_without_a_change_says_so_and_names_match_without_accents(acme):
    refused(acme("person", "edit", "Ruiz"), "Nothing to change: give what changes")
    ok(acme("person", "add", "Zo\u00eb Br\u00fcckner", "--org", "Acme"))
    assert "Zo\u00eb Br\u00fcckner" in ok(acme("person", "show", "Zoe\u0308"))  # decomposed
    assert "Zo\u00eb Br\u00fcckner" in ok(acme("person", "show", "zoe bruckner"))


def test_removing_an_address_they_do_not_have_says_so_and_case_does_not_matter(acme):
    refused(
        acme("person", "edit", "Ruiz", "--remove-email", "nobody@x.example"),
        "Dana Ruiz has no address nobody@x.example to remove (theirs: ",
    )
    ok(acme("person", "edit", "Ruiz", "--email", "Dana.R@Home.example"))
    ok(acme("person", "edit", "Ruiz", "--remove-email", "dana.r@home.example"))
    assert "Dana.R@Home.example" not in ok(acme("person", "show", "Ruiz"))


def test_a_second_person_of_the_same_name_is_added_and_the_first_named(acme):
    result = acme("person", "add", "dana ruiz", "--email", "dana@home.example")
    ok(result)
    assert (
        "Note: There is already a Dana Ruiz (#1); this is another person. If they are the "
        "same, `tom person merge #1 #3` joins them."
    ) in result.output
    assert ok(acme("person", "merge", "#1", "#3"))  # the hint works as printed


def test_person_add_creates_unknown_organization_and_says_so(tom_init):
    result = tom_init("person", "add", "Sam Patel", "--org", "Northwind")
    assert "Added Sam Patel (#1)." in ok(result)
    assert "Added organization Northwind (#1)." in result.stderr


def test_same_email_on_two_people_is_refused(acme):
    line = refused(
        acme("person", "add", "Someone Else", "--email", "DANA@acme.example"),
        "dana@acme.example already belongs to Dana Ruiz (#1)",
    )
    assert "merge" in line
    refused(acme("person", "edit", "Lee", "--email", "dana@acme.example"), "already belongs")
    names = [p["name"] for p in data(acme("person", "list", "--json"))]
    assert names == ["Dana Lee", "Dana Ruiz"]


def test_ambiguous_name_lists_the_candidates(acme):
    refused(
        acme("person", "show", "Dana"),
        "'Dana' matches several people: Dana Lee (#2), Dana Ruiz (#1)",
        "Use the id",
    )


def test_unknown_name_suggests_near_ones(acme):
    refused(acme("person", "show", "Dana Ruis"), "No person matches 'Dana Ruis'", "Dana Ruiz (#1)")
    refused(acme("person", "show", "#99"), "No person has id 99")
    refused(acme("org", "show", "Globex"), "No organization matches 'Globex'", "tom org list")
    refused(acme("opp", "show", "Astronaut"), "No opportunity matches 'Astronaut'")


def test_bad_email_is_refused(tom_init):
    refused(tom_init("person", "add", "X", "--email", "not-an-address"), "not an email address")
    assert data(tom_init("person", "list", "--json")) == []


# -- opportunities -----------------------------------------------------------------------


def test_opp_add_list_show_edit_stage(acme):
    opps = data(acme("opp", "list", "--json"))
    assert len(opps) == 1 and set(opps[0]) == OPP_KEYS
    opp = opps[0]
    assert opp["stage"] == "applied" and opp["organization_name"] == "Acme Corp"
    assert opp["people"] == [{"person_id": 1, "role": "hiring-manager", "person_name": "Dana Ruiz"}]
    assert opp["history"][0]["stage"] == "applied"
    assert "Data Engineer" in ok(acme("opp", "list"))

    edited = data(
        acme("opp", "edit", "Data", "--priority", "5", "--person", "Dana Lee=recruiter", "--json")
    )
    assert edited["priority"] == 5
    assert {(i["person_name"], i["role"]) for i in edited["people"]} == {
        ("Dana Ruiz", "hiring-manager"),
        ("Dana Lee", "recruiter"),
    }
    out = ok(acme("opp", "stage", "Acme", "interviewing"))
    assert "Data Engineer at Acme Corp is now interviewing." in out
    assert [o["title"] for o in data(acme("opp", "list", "--stage", "interviewing", "--json"))] == [
        "Data Engineer"
    ]
    assert data(acme("opp", "list", "--stage", "offer", "--json")) == []
    shown = ok(acme("opp", "show", "Data Engineer"))
    assert "Data Engineer at Acme Corp (#1)" in shown
    assert "Dana Lee (#2) — recruiter" in shown
    assert "Stage: interviewing" in shown


def test_opp_set_overrides_a_playbook_setting(acme):
    edited = data(acme("opp", "edit", "1", "--set", "cadence_applied_days=14", "--json"))
    assert edited["settings"] == {"cadence_applied_days": 14}
    refused(acme("opp", "edit", "1", "--set", "nonsense=1"), "Unknown setting 'nonsense'")
    refused(acme("opp", "edit", "1", "--set", "novalue"), "NAME=VALUE")


def test_a_widened_window_reads_the_record_as_far_back(acme):
    """An interview 25 days ago is past the default two weeks for a thank-you and past the
    three weeks of conversations read by default; widened on the opportunity to 30 days,
    the thank-you is proposed."""
    ok(
        acme(
            "log",
            "interview",
            "--with",
            "Dana Ruiz",
            "--opp",
            "Data Engineer",
            "--at",
            "2026-10-30T10:00+01:00",
            "--until",
            "2026-10-30T11:00+01:00",
        )
    )

    def thanks():
        return data(acme("actions", "--rule", "thank-you", "--json"))

    assert thanks() == []
    ok(acme("opp", "edit", "1", "--set", "thank_you_expire_days=30"))
    (found,) = thanks()
    assert found["title"] == "Thank Dana Ruiz for the interview"
    assert found["state"] == "late"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("opp", "add", "X", "--org", "Acme", "--stage", "dreaming"), "Unknown stage 'dreaming'"),
        (("opp", "stage", "Data", "dreaming"), "Unknown stage 'dreaming'"),
        (("opp", "add", "X", "--org", "Acme", "--priority", "9"), "Priority must be from 1 to 5"),
        (("opp", "add", "X", "--org", "Acme", "--person", "Dana Ruiz"), "PERSON=ROLE"),
        (("opp", "add", "X", "--org", "Acme", "--person", "Dana Ruiz=boss"), "Unknown role"),
        (("opp", "add", "X", "--org", "Acme", "--person", "Nobody=recruiter"), "No person"),
        (("opp", "add", "X", "--org", ""), "An opportunity needs an organization: --org NAME."),
        (("opp", "add", "X", "--org", "NewCo", "--priority", "9"), "Priority must be from 1"),
    ],
)
def test_opp_bad_input_writes_nothing(acme, args, fragment):
    result = acme(*args)
    refused(result, fragment)
    assert "Note:" not in result.output  # no "Added organization NewCo": nothing was kept
    assert "NewCo" not in ok(acme("org", "list"))
    opps = data(acme("opp", "list", "--json"))
    assert [(o["title"], o["stage"]) for o in opps] == [("Data Engineer", "applied")]


def test_opp_stage_to_the_stage_it_is_at_says_only_that(acme):
    result = acme("opp", "stage", "Data", "applied")
    ok(result)
    assert "is now" not in result.output
    assert "Note: Data Engineer at Acme Corp is already at applied." in result.output


def test_opp_stage_accepts_forgiving_spelling(acme):
    assert "is now on-hold" in ok(acme("opp", "stage", "Data", "ON_HOLD"))


# -- log -----------------------------------------------------------------------------------


def test_log_interview_with_points_wishes_and_request(acme):
    item = data(
        acme(
            "log",
            "interview",
            "--with",
            "Dana Ruiz",
            "--with",
            "dlee@acme.example",
            "--opp",
            "Data",
            "--at",
            "2026-11-23T10:00:00-05:00",
            "--until",
            "2026-11-23T11:00:00-05:00",
            "--summary",
            "Panel",
            "--point",
            "Dashboards break on late data",
            "--wish",
            "the 60% incident cut",
            "--json",
        )
    )
    assert set(item) == INTERACTION_KEYS
    assert item["kind"] == "interview" and item["direction"] == "both"
    assert item["participant_names"] == ["Dana Ruiz", "Dana Lee"]
    assert item["at"] == "2026-11-23T15:00:00+00:00"
    assert item["points"] == ["Dashboards break on late data"]
    assert item["wishes"] == ["the 60% incident cut"]
    assert item["scheduled"] is False
    # Dana Lee was met at the interview: she now takes part as an interviewer.
    opp = data(acme("opp", "list", "--json"))[0]
    assert ("Dana Lee", "interviewer") in {(i["person_name"], i["role"]) for i in opp["people"]}
    shown = ok(acme("show", "person", "Ruiz"))
    assert "interview with Dana Ruiz, Dana Lee" in shown
    assert "• Dashboards break on late data" in shown
    assert "wish I had covered: the 60% incident cut" in shown


def test_log_request_with_deadline_is_inbound(acme):
    result = acme(
        "log",
        "email",
        "--with",
        "Ruiz",
        "--request",
        "two references",
        "--by",
        "2026-11-27",
        "--json",
    )
    item = data(result)
    assert item["direction"] == "in"
    # A bare date is due at the end of the working day, in the profile's zone.
    assert item["requests"][0]["text"] == "two references"
    assert item["requests"][0]["due"] == "2026-11-27T16:30:00+00:00"
    assert "no time zone; taken in your zone Europe/Berlin" in result.stderr
    assert "Filed under Data Engineer at Acme Corp (#1)" in result.stderr
    shown = ok(acme("show", "opp", "Data"))
    assert "? they asked: two references (by Fri 27 Nov 2026 17:30)" in shown


def test_log_future_interview_is_scheduled(acme):
    result = acme(
        "log", "interview", "--with", "Ruiz", "--at", "2026-11-30T10:00:00+01:00", "--scheduled"
    )
    assert "Scheduled interview with Dana Ruiz on Mon 30 Nov 2026 10:00 (#1)." in ok(result)
    assert "(scheduled)" in ok(acme("show", "person", "Ruiz"))


def test_an_interview_that_took_place_moves_an_applied_opportunity_on(acme):
    planned = acme(
        "log", "interview", "--with", "Ruiz", "--at", "2026-11-30T10:00:00+01:00", "--scheduled"
    )
    assert "Moved" not in planned.output  # planned, not yet held: it may be cancelled
    held = acme("log", "phone-screen", "--with", "Ruiz", "--at", "2026-11-23T10:00:00+01:00")
    assert (
        "Moved Data Engineer at Acme Corp from applied to screening, as the phone screen on "
        "Mon 23 Nov shows; `tom opp stage` sets another."
    ) in held.output
    (opp,) = json.loads(acme("opp", "list", "--json").stdout)
    assert opp["stage"] == "screening"
    # From when it was held, but not before the opportunity's last change (its creation,
    # now), so its history stays in order.
    assert opp["history"][-1]["at"] == "2026-11-24T20:00:00+00:00"
    acme("log", "interview", "--with", "Ruiz", "--at", "2026-11-24T10:00:00+01:00")
    acme("log", "phone-screen", "--with", "Ruiz", "--at", "2026-11-24T12:00:00+01:00")
    (opp,) = json.loads(acme("opp", "list", "--json").stdout)
    assert [h["stage"] for h in opp["history"]] == ["applied", "screening", "interviewing"]


def test_a_planned_interview_held_since_moves_the_stage_at_the_next_thing_logged(acme):
    # Tuesday 24 November: an interview planned for Wednesday, then Thursday's thank-you.
    acme("log", "interview", "--with", "Ruiz", "--at", "2026-11-25T10:00:00+01:00", "--scheduled")
    thursday = "2026-11-26T09:00:00+01:00"
    thanks = acme("log", "email", "--with", "Ruiz", "--direction", "out", now=thursday)
    assert (
        "Moved Data Engineer at Acme Corp from applied to interviewing, as the interview on "
        "Wed 25 Nov shows; `tom opp stage` sets another."
    ) in thanks.output
    assert thanks.exit_code == 0
    (opp,) = json.loads(acme("opp", "list", "--json", now=thursday).stdout)
    assert opp["stage"] == "interviewing"
    assert opp["history"][-1]["at"] == "2026-11-25T09:00:00+00:00"  # from when it was held
    # Set back by hand, it stays: only what is held after the last change moves it again.
    ok(acme("opp", "stage", "Data", "screening", now=thursday))
    again = acme("log", "email", "--with", "Ruiz", "--direction", "in", now=thursday)
    assert again.exit_code == 0 and "Moved" not in again.output
    (opp,) = json.loads(acme("opp", "list", "--json", now=thursday).stdout)
    assert opp["stage"] == "screening"


def test_a_planned_interview_not_yet_held_moves_nothing(acme):
    acme("log", "interview", "--with", "Ruiz", "--at", "2026-11-30T10:00:00+01:00", "--scheduled")
    note = acme("log", "email", "--with", "Ruiz", "--direction", "out")
    assert note.exit_code == 0 and "Moved" not in note.output
    (opp,) = json.loads(acme("opp", "list", "--json").stdout)
    assert opp["stage"] == "applied"


def test_log_at_a_weekday_is_the_one_just_gone_unless_scheduled(acme):
    # Tuesday 24 November: "friday 3pm" is the call of last Friday, or the interview ahead.
    past = data(acme("log", "call", "--with", "Ruiz", "--at", "friday 3pm", "--json"))
    assert (past["at"], past["scheduled"]) == ("2026-11-20T14:00:00+00:00", False)
    ahead = ("log", "interview", "--with", "Ruiz", "--at", "friday 3pm", "--scheduled")
    assert "Scheduled interview with Dana Ruiz on Fri 27 Nov 2026 15:00" in ok(acme(*ahead))


def test_log_at_without_zone_is_taken_in_the_profile_zone_and_says_so(acme):
    result = acme("log", "call", "--with", "Ruiz", "--at", "2026-11-24 09:30", "--json")
    assert data(result)["at"] == "2026-11-24T08:30:00+00:00"
    assert "'2026-11-24 09:30' has no time zone; taken in your zone Europe/Berlin." in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("log", "dance", "--with", "Ruiz"), "Unknown interaction kind 'dance'"),
        (
            ("log", "call", "--with", "Nobody At All"),
            "No person matches 'Nobody At All'. `tom person list` shows everyone; `tom person "
            "add` adds someone. Or add them as you log, with --add-new.",
        ),
        (("log", "call", "--with", "nobody@x.example", "--add-new"), "No person has the address"),
        (("log", "call", "--with", "Dana", "--add-new"), "matches several people"),
        (("log", "call", "--with", "Dana"), "matches several people"),
        (("log", "call", "--with", "Ruiz", "--at", "2026-02-30 10:00"), "is not a real moment"),
        (("log", "call", "--with", "Ruiz", "--at", "someday"), "not a date or time I can read"),
        (("log", "call", "--with", "Ruiz", "--direction", "sideways"), "Unknown direction"),
        (("log", "call", "--with", "Ruiz", "--by", "friday"), "add --request TEXT"),
        (("log", "call", "--with", "Ruiz", "--opp", "Astronaut"), "No opportunity matches"),
        (
            ("log", "call", "--with", "Ruiz", "--at", "2026-11-20T10:00Z", "--until", "2026-11-20"),
            "comes before the start",
        ),
    ],
)
def test_log_bad_input_writes_nothing(acme, args, fragment):
    refused(acme(*args), fragment)
    assert "Nothing recorded yet" in ok(acme("show", "org", "Acme"))


def test_log_add_new_adds_a_name_no_one_has_at_the_opportunitys_organization(acme):
    result = acme(
        "log", "interview", "--with", "Ruiz", "--with", "Maya Stone", "--opp", "Acme", "--add-new"
    )  # fmt: skip
    ok(result)
    logged = result.output  # the confirmation, then the notes and the new actions
    assert "Logged interview with Dana Ruiz, Maya Stone" in logged
    assert "Note: Added Maya Stone (#3) at Acme Corp as a new person." in logged
    assert "New: Thank Maya Stone for the interview" in logged
    shown = ok(acme("person", "show", "Maya Stone"))
    assert "Organization: Acme Corp" in shown and "Data Engineer at Acme Corp" in shown
    assert len(data(acme("person", "list", "--json"))) == 3  # Dana Ruiz was found, not added


def test_log_with_a_name_and_address_as_mail_programs_copy_them(acme):
    refused(
        acme("log", "call", "--with", "Maya Stone <maya@acme.example>"),
        "No person has the address maya@acme.example. `tom person add NAME --email "
        "maya@acme.example` adds them; `tom person edit NAME --email maya@acme.example` gives "
        "it to someone you have. Or add them as you log, with --add-new.",
    )
    result = acme(
        "log", "call", "--with", "Maya Stone <maya@acme.example>", "--opp", "Acme", "--add-new"
    )  # fmt: skip
    ok(result)
    assert "Note: Added Maya Stone (#3) at Acme Corp as a new person, with maya@acme.example." in (
        result.output
    )
    assert "maya@acme.example" in ok(acme("person", "show", "Maya Stone"))
    again = ok(acme("log", "email", "--with", "Maya Stone <MAYA@acme.example>", "--opp", "Acme"))
    assert "Logged email with Maya Stone" in again  # found by the address, not added twice
    assert "Dana Ruiz" in ok(acme("log", "call", "--with", "Dana Ruiz <dana@home.example>"))
    assert len(data(acme("person", "list", "--json"))) == 3
    refused(
        acme("log", "call", "--with", "lee@acme.example", "--add-new"),
        'Or give their name with it, as "Name <lee@acme.example>", to add them.',
    )


def test_opp_edit_add_new_adds_a_person_named_for_a_part(acme):
    refused(
        acme("opp", "edit", "Acme", "--person", "Lee Park=insider"),
        "No person matches 'Lee Park'. `tom person list` shows everyone; `tom person add` adds "
        "someone. Or add them here with --add-new.",
    )
    result = acme("opp", "edit", "Acme", "--person", "Lee Park=insider", "--add-new")
    ok(result)
    assert "Note: Added Lee Park (#3) at Acme Corp as a new person." in result.output
    assert "Lee Park" in ok(acme("opp", "show", "Acme"))
    refused(acme("opp", "edit", "Acme", "--person", "Kim Ode=boss", "--add-new"), "Unknown role")
    assert "Kim Ode" not in ok(acme("person", "list"))  # nothing half-written


def test_user_text_with_markup_prints_literally(tom_init):
    ok(tom_init("org", "add", "Acme [bold]Corp[/]"))
    ok(tom_init("person", "add", "Bob [red]X", "--org", "Acme"))
    ok(
        tom_init(
            "log", "meeting", "--with", "Bob", "--point", "[/] closing", "--summary", ":smile:"
        )
    )
    assert "Acme [bold]Corp[/]" in ok(tom_init("org", "list"))
    assert "Bob [red]X" in ok(tom_init("person", "list"))
    shown = ok(tom_init("show", "person", "Bob"))
    assert "Bob [red]X (#1)" in shown
    assert "• [/] closing" in shown and ":smile:" in shown
    opp = ("opp", "add", "Lead [bold]Dev[/]", "--org", "Acme", "--stage", "applied")
    ok(tom_init(*opp, "--person", "Bob=hiring-manager"))
    assert "Lead [bold]Dev[/] at Acme [bold]Corp[/]" in ok(tom_init("score"))
    assert "person: Bob [red]X" in ok(tom_init("score"))
    assert "Thank Bob [red]X for the meeting" in ok(tom_init("today"))


# -- achievements, questions, events ---------------------------------------------------


def test_achievement_add_list(tom_init):
    out = ok(
        tom_init(
            "achievement",
            "add",
            "AWS Data Engineer",
            "--kind",
            "certification",
            "--on",
            "2026-11-20",
        )
    )
    assert "Recorded certification 'AWS Data Engineer' on 2026-11-20 (#1)." in out
    ok(tom_init("achievement", "add", "dbt-late-events"))
    items = data(tom_init("achievement", "list", "--json"))
    assert [(a["title"], a["kind"], a["achieved_on"]) for a in items] == [
        ("dbt-late-events", "project", "2026-11-24"),
        ("AWS Data Engineer", "certification", "2026-11-20"),
    ]
    assert "AWS Data Engineer" in ok(tom_init("achievement", "list"))
    refused(tom_init("achievement", "add", "X", "--kind", "trophy"), "Unknown achievement kind")
    refused(tom_init("achievement", "add", "X", "--on", "2026-13-01"), "not a real date")
    assert len(data(tom_init("achievement", "list", "--json"))) == 2


def test_question_add_list_asked(acme):
    assert "Added question #1 (vision)." in ok(
        acme("question", "add", "Data", "Where is the team going?", "--category", "vision")
    )
    ok(acme("question", "add", "Data", "What hurts most?"))
    unasked = data(acme("question", "list", "Data", "--unasked", "--json"))
    assert [(q["text"], q["category"], q["asked"]) for q in unasked] == [
        ("Where is the team going?", "vision", False),
        ("What hurts most?", "role", False),
    ]
    assert "Question #1 marked asked." in ok(acme("question", "asked", "1", "--answer", "Growth"))
    assert [q["id"] for q in data(acme("question", "list", "--unasked", "--json"))] == [2]
    table = ok(acme("question", "list"))
    assert "Growth" in table and "Data Engineer at Acme Corp" in table
    assert "✓ #1 [vision] Where is the team going? — Growth" in ok(acme("show", "opp", "Data"))
    refused(acme("question", "add", "Data", "Q?", "--category", "gossip"), "Unknown question")
    refused(acme("question", "asked", "99"), "99")


def test_event_add_list_attended(acme):
    out = ok(
        acme("event", "add", "Acme Summit", "--at", "2026-12-01T12:00:00+01:00", "--org", "Acme")
    )
    assert "Added event 'Acme Summit' on Tue 01 Dec 2026 12:00 (#1)." in out
    events = data(acme("event", "list", "--json"))
    assert [(e["title"], e["organization_name"], e["attended"]) for e in events] == [
        ("Acme Summit", "Acme Corp", False)
    ]
    assert "Attended 'Acme Summit'." in ok(acme("event", "attended", "#1"))  # as printed
    assert data(acme("event", "list", "--json"))[0]["attended"] is True
    assert "Acme Summit" in ok(acme("event", "list"))
    refused(acme("event", "attended", "7"), "No event has id 7")
    wrong = acme("event", "register", "first")
    assert wrong.exit_code == 2 and "'first' is not a number such as 12 or #12." in wrong.output
    refused(
        acme("event", "add", "E", "--at", "2026-12-01T12:00Z", "--until", "2026-12-01T11:00Z"),
        "ends (--until) before it starts",
    )


# -- show on the demo --------------------------------------------------------------------


def test_show_person_timeline_newest_first(tom_demo):
    shown = ok(tom_demo("show", "person", "Priya"))
    assert shown.index("References") < shown.index("Thank you for today's call")
    assert "Team is moving ingestion from batch to Kafka this quarter" in shown
    assert "Senior Data Engineer at Northwind Analytics" in shown


def test_show_opp_and_org_json(tom_demo):
    view = data(tom_demo("show", "opp", "Northwind", "--json"))
    assert view["kind"] == "opp" and view["title"] == "Senior Data Engineer at Northwind Analytics"
    moments = [i["at"] for i in view["interactions"]]
    assert moments == sorted(moments, reverse=True)
    assert {p["name"] for p in view["people"]} == {"Dana Ruiz", "Priya Nair", "Sam Patel"}
    org = data(tom_demo("org", "show", "Lumen", "--json"))
    assert org["kind"] == "org" and [o["title"] for o in org["opportunities"]] == [
        "Senior Analytics Engineer"
    ]


def test_lists_in_80_columns_keep_words_whole(tom_demo, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = tom_demo("opp", "list").output
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[0].split() == ["#", "Role", "Organization", "Stage", "Since", "Priority", "People"]
    words = out.split()
    for whole in (
        "interviewing",
        "researching",
        "(hiring-manager),",
        "(interviewer)",
        "Copperline",
    ):
        assert whole in words
    assert "5" in lines[1].split()  # the first row's priority, on its first line


@pytest.mark.parametrize(
    ("least", "most", "room", "widths"),
    [
        ([1, 5, 4], [1, 20, 11], 80, [1, 20, 11]),  # it all fits: each as wide as it wants
        ([1, 9, 4, 17], [1, 20, 11, 70], 60, [1, 20, 11, 28]),  # short ones whole, widest wraps
        ([1, 9, 4, 17], [1, 20, 11, 70], 40, [1, 11, 11, 17]),  # the room left goes narrowest first
        ([2, 12, 24], [2, 19, 30], 30, [2, 12, 16]),  # words do not fit: the widest folds
        ([3, 3], [3, 3], 10, [3, 3]),
    ],
)
def test_columns_fit_the_room(least, most, room, widths):
    from topofmind.cli.common import fit_columns

    assert fit_columns(least, most, room) == widths
    assert sum(widths) <= room
