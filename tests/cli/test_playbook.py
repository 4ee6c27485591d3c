"""tom today, agenda, actions, done, snooze, dismiss, score and rules, as a person sees them."""

from __future__ import annotations

import json


def test_today_on_the_demo_reads_at_a_glance(tom_demo):
    result = tom_demo("today")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Today, Tue 24 Nov 15:00 — ")
    assert "— 0 overdue," in out and "\nOverdue\n" not in out  # the demo's past is done
    assert out.index("Due today") < out.index("Coming up")
    assert "Thank Dana Ruiz for the interview" in out
    assert "due by 16:00 today" in out
    assert "Answer Priya Nair: send two references" in out
    assert "thank-you:i3:p1" in out
    # Each title says its opportunity once: no "at Copperline Robotics — … at Copperline".
    assert " · Find an insider at Bluebird Health — Data Platform Lead\n" in out
    assert " · Check in with Priya Nair about Senior Data Engineer at Northwind Analytics\n" in out
    assert "Thank Dana Ruiz for the interview — Senior Data Engineer at Northwind" in out


def test_actions_json_has_the_documented_fields(tom_demo):
    result = tom_demo("actions", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found
    for action in found:
        assert {"id", "rule", "title", "due", "state", "priority", "why", "people"} <= set(action)
        assert {"person_names", "opportunity_id", "opportunity_title", "refs"} <= set(action)
    only = json.loads(tom_demo("actions", "--rule", "thank-you", "--json").stdout)
    assert {a["rule"] for a in only} == {"thank-you"}
    typo = tom_demo("actions", "--rule", "thankyou")
    assert typo.exit_code == 2  # not an empty list that reads as nothing to do
    assert typo.output.startswith("Error: Unknown rule 'thankyou'. Choose one of: thank-you,")


def test_done_snooze_dismiss(tom_demo):
    done = tom_demo("done", "thank-you:i3:p1", "--note", "sent from my phone")
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == "Done: Thank Dana Ruiz for the interview."
    # What follows from it is printed too: the wish the thank-you carried is now its own.
    assert "New: Send Dana Ruiz the point you wish you had covered (" in done.output
    assert "Closed: Thank Dana Ruiz" not in done.output  # said once, as "Done:"
    snoozed = tom_demo("snooze", "thank-you:i3:p2", "--until", "thursday 9:00")
    assert snoozed.output.strip() == (
        "Snoozed: Thank Sam Patel for the interview until Thu 26 Nov 2026 09:00."
    )
    dismissed = tom_demo("dismiss", "respond-promptly:r1")
    assert dismissed.output.startswith("Dismissed: Answer Priya Nair")
    today = tom_demo("today").output
    assert "Thank Dana Ruiz" not in today and "Thank Sam Patel" not in today
    assert "1 snoozed" in today
    assert "Thank Sam Patel" in tom_demo("today", now="2026-11-26T09:30:00-05:00").output


def test_snooze_reads_everyday_words_and_leans_ahead(tom_demo):
    friday_evening = "2026-11-27T18:00:00-05:00"
    snoozed = tom_demo("snooze", "thank-you:i3:p2", "--until", "friday", now=friday_evening)
    assert "until Fri 04 Dec 2026 09:00." in snoozed.output  # next Friday, not this morning
    later = tom_demo("snooze", "connect:p3", "--until", "next monday at 10am", now=friday_evening)
    assert "until Mon 30 Nov 2026 10:00." in later.output
    past = tom_demo("snooze", "connect:p4", "--until", "yesterday", now=friday_evening)
    assert past.exit_code == 2
    assert "e.g. --until tomorrow, --until 'next week' or --until +3d." in past.output


def test_unknown_action_is_one_line(tom_demo):
    result = tom_demo("done", "thank-you:i999:p1")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "Error: No current action has id 'thank-you:i999:p1'; it may be closed by evidence "
        "already. `tom actions` lists the open ones with their ids."
    ]


def test_writes_print_what_they_created_and_closed(tom_demo):
    result = tom_demo(
        "log",
        "email",
        "--with",
        "Dana Ruiz",
        "--direction",
        "out",
        "--at",
        "2026-11-24T14:50-05:00",
    )
    assert result.exit_code == 0, result.output
    # What was done, then its note, then what it changed.
    assert result.output.splitlines() == [
        "Logged email with Dana Ruiz on Tue 24 Nov 2026 14:50 (#15).",
        "Note: Filed under Senior Data Engineer at Northwind Analytics (#1); use --opp to "
        "choose another.",
        "Closed: Thank Dana Ruiz for the interview",
    ]
    json_out = tom_demo(
        "log",
        "email",
        "--with",
        "Sam Patel",
        "--direction",
        "out",
        "--json",
        "--at",
        "2026-11-24T14:55-05:00",
    )
    assert json.loads(json_out.stdout)["kind"] == "email"  # the report goes to stderr
    added = tom_demo("achievement", "add", "Spoke at Data Council", "--kind", "event")
    assert (
        "Updated: Tell Tom Becker about Spoke at Data Council (upcoming, due Thu 26 Nov 09:00)"
        " [periodic-update:a3:p6] (replaces: Tell Tom Becker about AWS Certified Data Engineer"
        " – Associate)"
    ) in added.output
    assert "Closed: Tell Tom Becker" not in added.output


def test_rules_lists_each_rule_with_its_strategy_and_settings(tom):
    result = tom("rules")
    assert result.exit_code == 0, result.output
    assert "thank-you — Follow up promptly" in result.output
    assert "thank_you_hours = 24" in result.output
    assert "Due times fall in your working time: Mon–Fri 09:00–17:30, UTC" in result.output
    assert tom("init", "--name", "Noa", "--tz", "Asia/Jerusalem", "--work-days", "sun-thu")
    words = " ".join(tom("rules").output.split())  # as read, whatever the wrapping
    assert "working time: Sun–Thu 09:00–17:30, Asia/Jerusalem (tom init --work-days" in words
    rules = json.loads(tom("rules", "--json").stdout)
    assert len(rules) == 17
    assert rules[0]["settings"]["thank_you_late_hours"] == 72
    assert rules[0]["folds"] == ["supplementary-info"]
    assert "While open, it takes over check-in on the same opportunity." in words


def test_score_shows_every_part(tom_demo):
    result = tom_demo("score")
    assert result.exit_code == 0, result.output
    assert "Senior Data Engineer at Northwind Analytics" in result.output
    assert "recency" in result.output and "thank-yous" in result.output
    scores = json.loads(tom_demo("score", "--json").stdout)
    assert all(sum(p["max_points"] for p in s["parts"]) == 100 for s in scores)


def test_agenda_days(tom_demo):
    result = tom_demo("agenda", "--days", "0", "--json")
    assert result.exit_code == 0, result.output
    view = json.loads(result.stdout)
    assert set(view) >= {"overdue", "today", "upcoming", "done_recently"}
    assert view["upcoming"] == []
    bad = tom_demo("agenda", "--days", "-1")
    assert bad.exit_code == 2 and "--days must be from 0 to 3,650." in bad.output


def test_an_opportunitys_own_setting_changes_its_actions(tom_demo):
    """A per-opportunity override is stored with the opportunity and read back by the rules."""

    def check_in():
        found = json.loads(tom_demo("actions", "--rule", "check-in", "--json").stdout)
        return next(a for a in found if a["opportunity_id"] == 1)

    before = check_in()
    assert "keep in touch every 7 days" in before["why"]
    edited = tom_demo("opp", "edit", "1", "--set", "cadence_interviewing_days=14")
    assert edited.exit_code == 0, edited.output
    after = check_in()
    assert "keep in touch every 14 days" in after["why"]
    assert after["due"] > before["due"]


def _listed(output: str, heading: str, following: str) -> list[str]:
    """The action ids printed between two group headings of `tom today`."""
    part = output[output.index(f"\n{heading}\n") : output.index(f"\n{following}\n")]
    return [
        line.strip()
        for line in part.splitlines()
        if line.startswith("   ") and ":" in line and " " not in line.strip()
    ]


def test_a_long_agenda_shows_the_most_urgent_of_each_group_and_counts_the_rest(
    tom_demo, monkeypatch
):
    # A day after loading the demo, nothing done: a long overdue list.
    later = "2026-11-25T15:00:00-05:00"
    full = tom_demo("today", "--all", now=later).output
    overdue = _listed(full, "Overdue", "Due today")
    assert len(overdue) > 2
    monkeypatch.setenv("TOM_AGENDA_LIMIT", "2")
    short = tom_demo("today", now=later).output
    assert short.split("\n", 1)[0] == full.split("\n", 1)[0]  # the counts cover every action
    assert _listed(short, "Overdue", "Due today") == overdue[:2]
    assert f"… and {len(overdue) - 2} more overdue: `tom today --all` shows them all" in short
    assert "more overdue" not in full
    agenda = tom_demo("agenda", "--days", "3", now=later).output
    assert "`tom agenda --all` shows them all" in agenda
    digest = tom_demo("digest", now=later).output
    assert f"... and {len(overdue) - 2} more overdue: tom today --all shows them all" in digest
    assert len(json.loads(tom_demo("today", "--json", now=later).stdout)["overdue"]) == len(overdue)


def test_wrapped_lines_of_an_action_hang_under_its_text(tom_demo, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    lines = tom_demo("today").output.splitlines()
    start = lines.index(next(line for line in lines if "Thank Dana Ruiz" in line))
    block = lines[start : lines.index("   thank-you:i3:p1", start) + 1]
    assert block[0].startswith(" • Thank Dana Ruiz for the interview")
    assert len(block) > 4  # the title and the why-now wrapped at 60 columns
    assert all(line.startswith("   ") and line[3] != " " for line in block[1:])
    assert all(len(line) <= 60 and line == line.rstrip() for line in block)


def test_an_empty_record_says_how_to_start(tom):
    tom("init", "--name", "Ada Byron", "--email", "ada@example.com", "--tz", "Europe/Berlin")
    empty = tom("today").output
    assert "Nothing to do: the playbook has no action for you now." in empty
    assert "Start with what is under way: `tom opp add TITLE --org ORG`" in empty
    tom("opp", "add", "Data Engineer", "--org", "Acme", "--stage", "applied")
    assert "Start with what is under way" not in tom("today").output


def test_an_agenda_with_nothing_in_its_days_names_the_next_action_and_how_to_see_it(tom):
    tom("init", "--name", "Ada Byron", "--email", "ada@example.com", "--tz", "Europe/Berlin")
    tom("opp", "add", "Data Engineer", "--org", "Acme", "--stage", "applied")
    quiet = " ".join(tom("today").stdout.split())  # unwrapped
    assert "0 overdue, 0 due today, 0 coming up" in quiet
    assert (
        "Nothing due today or in the 7 days after. Next: Find an insider at Acme — Data "
        "Engineer, due Wed 02 Dec 09:00 (`tom agenda --days 8` shows it)."
    ) in quiet  # a week on from the opportunity added on Tuesday 24 Nov
    shown = tom("agenda", "--days", "8").stdout
    assert "Agenda, Tue 24 Nov and 8 days ahead — 0 overdue, 0 due today, 1 coming up" in shown
    assert "Find an insider at Acme" in shown
    one = " ".join(tom("agenda", "--days", "1").stdout.split())
    assert "Agenda, Tue 24 Nov and 1 day ahead" in one
    assert "Nothing due today or tomorrow. Next: Find an insider at Acme" in one


def test_a_request_is_closed_by_a_message_not_by_a_meeting(tom_demo):
    met = tom_demo("log", "meeting", "--with", "Priya", "--opp", "Northwind", "--at", "10:00")
    assert met.exit_code == 0, met.output
    assert "New: Thank Priya Nair for the meeting" in met.output
    assert "Answer Priya Nair" not in met.output  # speaking did not send the references
    sent = tom_demo(
        "log", "email", "--with", "Priya", "--direction", "out", "--summary", "The references"
    )
    assert sent.exit_code == 0, sent.output
    assert "Closed: Answer Priya Nair: send two references" in sent.output


def test_reopen_undoes_a_decision(tom_demo):
    assert tom_demo("dismiss", "connect:p1").exit_code == 0
    assert "   connect:p1\n" not in tom_demo("today", "--all").output
    back = tom_demo("reopen", "connect:p1")
    assert back.exit_code == 0, back.output
    assert back.output.startswith("Reopened: Connect with Dana Ruiz on LinkedIn (upcoming, due ")
    assert "New: " not in back.output  # the reopened action is said once
    assert tom_demo("done", "thank-you:i3:p1").exit_code == 0
    folded = tom_demo("reopen", "thank-you:i3:p1")
    assert folded.output.startswith(
        "Reopened: Thank Dana Ruiz for the interview (due today, Tue 24 Nov 16:00)"
    )
    assert (
        "Folded: Send Dana Ruiz the point you wish you had covered "
        "(into: Thank Dana Ruiz for the interview)"
    ) in folded.output
    assert "   connect:p1\n" in tom_demo("today", "--all").output
    again = tom_demo("reopen", "connect:p1")
    assert again.exit_code != 0 and "Traceback" not in again.output
    assert "'connect:p1' was not marked done, snoozed or dismissed" in again.output


def test_reopen_says_when_evidence_has_closed_it_since(tom_demo):
    assert tom_demo("done", "thank-you:i3:p1").exit_code == 0
    sent = tom_demo("log", "email", "--with", "Dana", "--direction", "out", "--summary", "Thanks")
    assert sent.exit_code == 0, sent.output
    result = tom_demo("reopen", "thank-you:i3:p1", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["forgotten"]["status"] == "done" and data["action"] is None
    said = tom_demo("snooze", "connect:p1")
    assert said.exit_code == 0
    assert "Reopened: " in tom_demo("reopen", "connect:p1").output


def test_an_inbound_message_that_asks_becomes_a_request_with_its_deadline(tom_demo):
    asked = tom_demo(
        "log", "email", "--with", "Sam", "--direction", "in", "--at", "14:00",
        "--summary", "Great talking today. Could you share the dbt test plan before Friday?",
    )  # fmt: skip
    assert asked.exit_code == 0, asked.output
    # "before Friday" is the end of Thursday, in working hours
    assert "New: Answer Sam Patel: Could you share the dbt test plan before Friday? (" in (
        asked.output
    )
    assert "due Thu 26 Nov 17:00" in asked.output
    assert 'Read as a request: "Could you share the dbt test plan before Friday?"' in asked.output
    assert "Reply to Sam Patel" not in asked.output  # the request is the reply
    told = tom_demo(
        "log", "email", "--with", "Sam", "--direction", "out",
        "--summary", "Could you confirm the date? Sent the plan.",
    )  # fmt: skip
    assert "Read as a request" not in told.output  # what we asked is not asked of us
    assert "Closed: Answer Sam Patel" in told.output


def test_a_request_given_in_words_of_ones_own_is_kept_as_given(tom_demo):
    asked = tom_demo(
        "log", "email", "--with", "Sam", "--direction", "in",
        "--summary", "Could you send the slides?", "--request", "send the slides", "--by", "friday",
    )  # fmt: skip
    assert asked.exit_code == 0, asked.output
    assert "Read as a request" not in asked.output
    assert "New: Answer Sam Patel: send the slides (upcoming, due Fri 27 Nov 17:30)" in (
        asked.output
    )


def test_a_check_in_an_update_takes_over_is_folded_not_closed(tom_demo):
    (check_in,) = json.loads(tom_demo("actions", "--rule", "check-in", "--json").stdout)
    assert check_in["title"] == "Check in with Priya Nair about Senior Data Engineer"
    added = tom_demo("achievement", "add", "Databricks Data Engineer Professional")
    assert added.exit_code == 0, added.output
    # Sharing it with the hiring manager is the reason to write: the check-in is part of
    # that update now, not done.
    assert (
        "Folded: Check in with Priya Nair about Senior Data Engineer "
        "(into: Tell Dana Ruiz about Databricks Data Engineer Professional)"
    ) in added.output
    assert "Closed: Check in" not in added.output
    assert "New: Tell Dana Ruiz about Databricks Data Engineer Professional (" in added.output


def test_an_achievement_recorded_after_its_window_is_due_today_not_overdue_at_once(tom_demo):
    """The demo records Sunday's certification on Tuesday at 15:00, when the two business
    days from Sunday ended at 09:00: its updates are due by the end of Tuesday's work."""
    found = json.loads(tom_demo("actions", "--rule", "periodic-update", "--json").stdout)
    assert found and {a["state"] for a in found} == {"due"}
    assert all(a["due"] == "2026-11-24T22:30:00+00:00" for a in found)
    assert all(a["why"].endswith("share it while it is news, due by 17:30 today") for a in found)


def test_closing_an_opportunity_drops_its_actions_and_opens_close_the_loop(tom_demo):
    rejected = tom_demo("opp", "stage", "Bluebird", "rejected")
    assert rejected.exit_code == 0, rejected.output
    assert "Dropped: Research Bluebird Health before the interview (the opportunity is " in (
        rejected.output
    )
    assert "Closed: " not in rejected.output  # nothing was done; it is no longer needed
    # To Marco, the recruiter met at the screen, not Elena, whose interview never came.
    assert "New: Send Marco Bianchi a gracious note after the rejection (" in rejected.output


def test_a_write_changing_many_actions_names_ten_of_each_kind_and_counts_the_rest(tom_demo):
    panel = [f"Panelist{n} Example" for n in range(1, 13)]
    for name in panel:
        assert tom_demo("person", "add", name, "--org", "Northwind Analytics").exit_code == 0
    with_all = [arg for name in panel for arg in ("--with", name)]
    logged = tom_demo("log", "interview", *with_all, "--opp", "1", "--at", "today 13:00")
    assert logged.exit_code == 0, logged.output
    new = [line for line in logged.stderr.splitlines() if line.startswith("New: ")]
    assert len(new) == 10
    assert new[0].startswith("New: Thank Panelist1 Example for the interview (upcoming, due ")
    assert "Panelist11" not in logged.stderr
    more = logged.stderr.splitlines()[-1]
    assert more.startswith("… and ") and more.endswith(
        " more new (`tom actions` lists every open action)"
    )
    hidden = int(more.split()[2])
    assert hidden >= 2  # the last two panelists' thank-yous, at least
    created = tom_demo("actions", "--json")
    thanks = [a for a in json.loads(created.stdout) if a["id"].startswith("thank-you:i15:")]
    assert len(thanks) == 12  # counted, not lost
