"""Calendars, LinkedIn, vCards, résumés and postings imported, re-imported, undone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from topofmind.domain.enums import Direction, InteractionKind, Stage
from topofmind.services.imports import import_paths, undo_batch
from topofmind.services.people import add_person
from topofmind.store.achievements import list_achievements
from topofmind.store.events import list_events
from topofmind.store.interactions import list_interactions
from topofmind.store.opportunities import list_opportunities
from topofmind.store.organizations import list_organizations
from topofmind.store.people import list_people
from topofmind.store.profiles import get_profile
from topofmind.store.schema import interactions

DATA = Path(__file__).parent.parent / "data"


def snapshot(ctx) -> dict:
    """Everything an import can touch, in a form that compares."""
    with ctx.db.connect() as conn:
        profile = get_profile(conn)
        return {
            "people": sorted(
                (p.name, tuple(sorted(p.emails)), p.linkedin_url) for p in list_people(conn)
            ),
            "organizations": sorted(o.name for o in list_organizations(conn)),
            "interactions": sorted(
                (i.external_id or "", i.at.isoformat())
                for i in list_interactions(conn, include_cancelled=True)
            ),
            "achievements": sorted(a.title for a in list_achievements(conn)),
            "events": sorted(e.title for e in list_events(conn)),
            "opportunities": sorted((o.title, o.stage) for o in list_opportunities(conn)),
            "profile": (profile.headline, tuple(profile.skills), bool(profile.resume)),
        }


def cancelled(ctx, external_id: str) -> bool:
    with ctx.db.connect() as conn:
        return conn.execute(
            select(interactions.c.cancelled).where(interactions.c.external_id == external_id)
        ).scalar_one()


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("ics", "ics/outlook_invite.ics"),
        ("ics", "ics/google_calendar.ics"),
        ("linkedin", "linkedin/new"),
        ("linkedin", "linkedin/old"),
        ("vcard", "vcard/contacts.vcf"),
        ("resume", "resume/resume.json"),
        ("posting", "posting"),
    ],
)
def test_import_reimport_and_undo(fresh_db, kind, path):
    empty = snapshot(fresh_db)
    first = import_paths(fresh_db, kind, [str(DATA / path)])
    assert first.added + first.updated > 0, first
    imported = snapshot(fresh_db)
    assert imported != empty
    again = import_paths(fresh_db, kind, [str(DATA / path)])
    assert (again.added, again.updated) == (0, 0), again
    assert snapshot(fresh_db) == imported
    undo_batch(fresh_db, again.id)
    undo_batch(fresh_db, first.id)
    assert snapshot(fresh_db) == empty


def test_dry_run_writes_nothing_and_reports_the_same(fresh_db):
    dry = import_paths(fresh_db, "linkedin", [str(DATA / "linkedin/new")], dry_run=True)
    assert dry.dry_run and dry.id is None
    assert snapshot(fresh_db)["people"] == []
    real = import_paths(fresh_db, "linkedin", [str(DATA / "linkedin/new")])
    assert (real.added, real.failed_total) == (dry.added, dry.failed_total)


def test_an_interview_invite_moved_then_cancelled(fresh_db):
    invite = import_paths(fresh_db, "ics", [str(DATA / "ics/outlook_invite.ics")])
    with fresh_db.db.connect() as conn:
        (interview,) = list_interactions(conn)
        people = {p.name: p for p in list_people(conn)}
    assert interview.kind is InteractionKind.INTERVIEW and interview.scheduled
    assert sorted(interview.participant_names) == ["Dana Ruiz", "Sam Okafor"]
    assert people["Dana Ruiz"].organization_name == "Acme"
    assert invite.added_by_kind["interactions"] == 1

    moved = import_paths(fresh_db, "ics", [str(DATA / "ics/outlook_update.ics")])
    assert moved.updated == 1 and moved.added == 0
    with fresh_db.db.connect() as conn:
        (interview,) = list_interactions(conn)
    assert (interview.at.day, interview.at.hour) == (2, 22)  # 14:00 in Los Angeles, in UTC

    gone = import_paths(fresh_db, "ics", [str(DATA / "ics/outlook_cancel.ics")])
    assert gone.updated == 1
    assert cancelled(fresh_db, interview.external_id)
    undo_batch(fresh_db, gone.id)
    assert not cancelled(fresh_db, interview.external_id)


def test_a_meeting_with_a_known_person_is_imported_and_one_with_strangers_skipped(fresh_db):
    add_person(fresh_db, "Priya Natarajan", emails=["priya@northwind.io"])
    summary = import_paths(fresh_db, "ics", [str(DATA / "ics/google_calendar.ics")])
    with fresh_db.db.connect() as conn:
        ids = [i.external_id for i in list_interactions(conn, newest_first=False)]
    assert sum(1 for i in ids if i.startswith("weekly-recruiter-sync")) == 5
    assert "meet-with-known@google.com" not in ids
    assert summary.failed == [
        {
            "where": "google_calendar.ics: event Interview with nobody knows when",
            "why": "it has no start time (DTSTART)",
        }
    ]
    assert summary.skipped_by_reason == {
        "no one else attends and nothing says it is an interview": 1,
        "no known person or organization attends and nothing says interview": 1,
    }


def test_a_file_that_is_not_a_calendar_is_one_failed_item_and_the_rest_imports(fresh_db):
    summary = import_paths(
        fresh_db,
        "ics",
        [str(DATA / "ics/not_a_calendar.ics"), str(DATA / "ics/outlook_invite.ics")],
    )
    assert summary.failed_total == 1 and "not an iCalendar file" in summary.failed[0]["why"]
    assert summary.added_by_kind["interactions"] == 1


def test_linkedin_export_fills_people_jobs_and_the_profile(fresh_db, tmp_path):
    export = tmp_path / "export.zip"
    shutil.make_archive(str(export.with_suffix("")), "zip", DATA / "linkedin/new")
    summary = import_paths(fresh_db, "linkedin", [str(export)])
    with fresh_db.db.connect() as conn:
        people = {p.name: p for p in list_people(conn)}
        opportunities = {(o.title, o.organization_name): o for o in list_opportunities(conn)}
        messages = [
            i
            for i in list_interactions(conn, newest_first=False)
            if i.kind is InteractionKind.MESSAGE
        ]
        profile = get_profile(conn)
    assert people["Dana Ruiz"].connected and people["Dana Ruiz"].title == "Director of Analytics"
    assert "Lee Park" in people  # known from an invitation, with a profile URL
    assert opportunities[("Senior Data Analyst", "Acme Corp")].stage is Stage.APPLIED
    assert opportunities[("Analytics Lead", "Globex")].stage is Stage.RESEARCHING
    assert [(m.direction, m.participant_names) for m in messages] == [
        (Direction.INBOUND, ["Dana Ruiz"]),
        (Direction.OUTBOUND, ["Dana Ruiz"]),
    ]
    assert profile.headline == "Data analyst turning messy data into decisions"
    assert profile.resume["work"][0]["name"] == "Initech"
    assert {f["where"] for f in summary.failed} == {
        "messages.csv line 6",
        "Certifications.csv line 4",
    }


def test_a_vcard_adds_a_second_address_to_a_known_person(fresh_db):
    add_person(fresh_db, "Dana Ruiz", emails=["dana.ruiz@acme.com"])
    summary = import_paths(fresh_db, "vcard", [str(DATA / "vcard/contacts.vcf")])
    with fresh_db.db.connect() as conn:
        people = {p.name: p for p in list_people(conn)}
    assert sorted(people["Dana Ruiz"].emails) == ["dana.ruiz.home@gmail.com", "dana.ruiz@acme.com"]
    assert people["Dana Ruiz"].linkedin_url == "https://www.linkedin.com/in/danaruiz"
    assert summary.matched == 1
    assert set(people) == {"Dana Ruiz", "Jürgen Müller", "Zoë Ólafsdóttir"}


def test_resume_fills_the_profile_and_achievements(fresh_db):
    import_paths(fresh_db, "resume", [str(DATA / "resume/resume.json")])
    with fresh_db.db.connect() as conn:
        profile = get_profile(conn)
        achievements = list_achievements(conn)
    assert profile.name == "Jordan Lee" and profile.headline == "Senior Data Analyst"
    assert profile.skills[:3] == ["SQL", "PostgreSQL", "BigQuery"]
    assert profile.linkedin_url == "https://www.linkedin.com/in/jordanlee"
    assert len(achievements) == 4


def test_postings_become_opportunities_with_requirements(fresh_db):
    summary = import_paths(fresh_db, "posting", [str(DATA / "posting")])
    with fresh_db.db.connect() as conn:
        found = {o.title: o for o in list_opportunities(conn)}
    assert found["Senior Data Analyst"].organization_name == "Acme Corp"
    assert found["Senior Data Analyst"].requirements[0] == "5+ years of SQL"
    assert found["Staff Data Analyst"].organization_name == "Initech"
    assert [f["where"].rsplit("/", 1)[-1] for f in summary.failed] == ["image.html"]


def test_tom_today_after_importing_a_calendar_and_linkedin_shows_what_is_owed(tom):
    assert tom("init", "--name", "Jordan Lee", "--email", "jordan.lee@example.com").exit_code == 0
    result = tom("import", "ics", str(DATA / "ics/google_calendar.ics"), "--quiet")
    assert result.exit_code == 0, result.output
    assert "Added: 2 organizations, 3 people, 7 interactions." in result.output
    assert "no start time (DTSTART)" in result.output
    result = tom("import", "linkedin", str(DATA / "linkedin/new"), "--quiet")
    assert result.exit_code == 0, result.output
    today = tom("today")
    assert today.exit_code == 0, today.output
    assert "Thank Maria Gomez for the phone screen" in today.output
    assert "Check in with Recruiting about Senior Data Analyst" in today.output


def test_a_posting_fetched_from_its_url(fresh_db, http_server):
    from topofmind.services.imports.formats import import_posting_url

    page = (DATA / "posting/jsonld_graph.html").read_bytes()
    http_server.route("/jobs/142", body=page, content_type="text/html")
    url = http_server.route("/j/142", redirect_to="/jobs/142")
    summary = import_posting_url(fresh_db, url)
    assert summary.added_by_kind == {"organizations": 1, "opportunities": 1}
    with fresh_db.db.connect() as conn:
        [opportunity] = list_opportunities(conn)
    assert opportunity.posting_url == http_server.base_url + "/jobs/142"
    assert import_posting_url(fresh_db, url).added == 0


def test_tom_import_posting_takes_a_url(tom, http_server):
    assert tom("init", "--name", "Jordan Lee", "--email", "jordan.lee@example.com").exit_code == 0
    page = (DATA / "posting/microdata.html").read_bytes()
    url = http_server.route("/jobs/lead", body=page, content_type="text/html")
    result = tom("import", "posting", url)
    assert result.exit_code == 0, result.output
    assert "Added: 1 organizations, 1 opportunities." in result.output
    listed = json.loads(tom("opp", "list", "--json").output)
    assert [(o["title"], o["organization_name"]) for o in listed] == [("Analytics Lead", "Globex")]


def test_an_interview_taken_from_an_invite_is_prepared_for_then_thanked_for(tom):
    assert tom("init", "--name", "Jordan Lee", "--email", "jordan.lee@example.com").exit_code == 0
    assert tom("import", "ics", str(DATA / "ics/outlook_invite.ics"), "-q").exit_code == 0
    before = tom("today", now="2026-11-29T15:00:00-05:00")
    assert "Research the company before the interview" in before.output
    after = tom("today", now="2026-12-01T15:00:00-05:00")  # the interview ended at 14:00 here
    assert "Thank Dana Ruiz for the interview" in after.output
    assert "Thank Sam Okafor for the interview" in after.output


def test_an_invite_held_since_moves_its_opportunity_on_at_the_next_import(tom):
    assert tom("init", "--name", "Jordan Lee", "--email", "jordan.lee@example.com").exit_code == 0
    tom("person", "add", "Dana Ruiz", "--email", "dana.ruiz@acme.com", "--org", "Acme")
    tom(
        "opp", "add", "Senior Data Analyst", "--org", "Acme", "--stage", "applied",
        "--person", "Dana Ruiz=hiring-manager",
    )  # fmt: skip
    invite = str(DATA / "ics/outlook_invite.ics")
    planned = tom("import", "ics", invite, "-q")
    assert planned.exit_code == 0, planned.output
    assert "Moved" not in planned.output  # on 1 December, a week ahead: not held yet

    def stage() -> str:
        return json.loads(tom("opp", "list", "--json").stdout)[0]["stage"]

    assert stage() == "applied"
    later = "2026-12-02T09:00:00-05:00"
    tried = tom("import", "ics", invite, "--dry-run", "-q", now=later)
    assert "Would move Senior Data Analyst at Acme from applied to interviewing" in tried.output
    assert stage() == "applied"
    synced = tom("import", "ics", invite, "--json", now=later)  # the next sync, say
    assert synced.exit_code == 0, synced.output
    assert (
        "Moved Senior Data Analyst at Acme from applied to interviewing, as the interview on "
        "Tue 01 Dec shows" in synced.output
    )
    assert stage() == "interviewing"
    batch = json.loads(synced.stdout)["id"]
    assert tom("import", "ics", invite, "-q", now=later).output.count("Moved") == 0  # once
    undone = tom("import", "undo", str(batch), now=later)
    assert undone.exit_code == 0, undone.output
    assert stage() == "applied"  # undoing the import undoes what it moved


def test_a_connection_request_recorded_by_hand_is_the_one_in_the_linkedin_export(
    fresh_db, tmp_path
):
    from topofmind.services import drafting
    from topofmind.services.interactions import LogEntry, log_interaction

    add_person(fresh_db, "Sam Okafor", linkedin_url="https://www.linkedin.com/in/sam-okafor-42")
    log_interaction(
        fresh_db, LogEntry(kind="interview", with_=["Sam Okafor"], at="2026-11-23T10:00-05:00")
    )
    action = drafting.find_action(fresh_db, "connect:p1")
    drafting.record_sent(fresh_db, action, drafting.draft_for(fresh_db, action, use_llm=False))
    export = tmp_path / "Invitations.csv"
    export.write_text(
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        'Jordan Lee,Sam Okafor,"11/24/26, 11:05 AM","Good to meet you, Sam.",OUTGOING,'
        "https://www.linkedin.com/in/jordanlee,https://www.linkedin.com/in/sam-okafor-42\n"
    )
    summary = import_paths(fresh_db, "linkedin", [str(export)])
    assert (summary.added, summary.updated) == (0, 1)
    with fresh_db.db.connect() as conn:
        requests = [
            i for i in list_interactions(conn) if i.kind is InteractionKind.LINKEDIN_CONNECTION
        ]
    assert [(r.summary, r.source) for r in requests] == [("Good to meet you, Sam.", "linkedin")]
