"""Preparation on the demo, both databases: introduction, questions and the prep sheet."""

from __future__ import annotations

from topofmind.services import preparation
from topofmind.store import questions as question_store
from topofmind.store.interactions import list_interactions


def test_introduction_is_saved_with_its_evidence(demo_db):
    assert preparation.saved_introduction(demo_db, "Northwind") is None
    intro = preparation.get_introduction(demo_db, "Northwind", save=True)
    assert "400 pipelines" in intro.spoken
    saved = preparation.saved_introduction(demo_db, "Northwind")
    assert saved.spoken == intro.spoken and saved.written == intro.written
    assert saved.evidence[0]["text"] == intro.evidence[0].text
    assert saved.evidence[0]["quantified"] is True


def test_saving_the_introduction_closes_its_action(demo_db):
    from topofmind.services.agenda import current_actions
    from topofmind.services.interactions import LogEntry, log_interaction

    # Copperline books a first screen: the introduction is due before it.
    assert "memorable-introduction:o3" not in {a.id for a in current_actions(demo_db)}
    screen = LogEntry("phone-screen", ["Tom Becker"], "Copperline", "2026-11-27 10:00")
    log_interaction(demo_db, LogEntry(**{**vars(screen), "scheduled": True}))
    assert "memorable-introduction:o3" in {a.id for a in current_actions(demo_db)}
    preparation.get_introduction(demo_db, "Copperline", save=True)
    assert "memorable-introduction:o3" not in {a.id for a in current_actions(demo_db)}


def test_suggested_questions_are_saved_once(demo_db):
    found = preparation.suggested_questions(demo_db, "Bluebird", save=True)
    assert found[0].text.startswith("I read “Bluebird Health partners")
    with demo_db.db.connect() as conn:
        saved = question_store.list_questions(conn)
    mine = [q for q in saved if q.source == "suggested"]
    assert [q.text for q in mine] == [q.text for q in found]
    again = preparation.suggested_questions(demo_db, "Bluebird")
    assert not {q.text for q in again} & {q.text for q in found}


def test_prep_sheet_for_the_next_interview(demo_db):
    sheet = preparation.prep_sheet(demo_db, "Bluebird")
    assert sheet.interview is not None and sheet.interview.kind.value == "interview"
    assert sheet.when.startswith("Thursday 26 November 2026, 13:00–14:00")
    assert [a.name for a in sheet.attendees] == ["Elena Kovacs"]
    assert sheet.questions[0].text == "What is driving the platform rebuild this year?"
    assert "Marco: the team is rebuilding its ingestion for HIPAA audits" in sheet.learned
    assert sheet.news[0].title.startswith("Bluebird Health partners")
    assert sheet.introduction is not None
    html = preparation.prep_sheet_html(demo_db, "Bluebird")
    assert "Elena Kovacs" in html and "<script" not in html


def test_prep_sheet_by_interview_id_shows_what_was_discussed_with_each(demo_db):
    with demo_db.db.connect() as conn:
        panel = next(
            i
            for i in list_interactions(conn)
            if i.kind.value == "interview" and len(i.participants) == 2
        )
    text = preparation.prep_sheet_markdown(demo_db, f"i{panel.id}")
    assert "### Dana Ruiz, Director of Data Engineering (hiring manager)" in text
    assert (
        "Cover what you wished you had: how I cut pipeline incidents by 60% at Fieldstone" in text
    )
