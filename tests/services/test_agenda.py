"""The agenda service: decisions kept by action id, buckets by urgency, changes and scores."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import open_context
from topofmind.domain.enums import DecisionStatus
from topofmind.errors import InvalidValue, UnknownAction
from topofmind.services import agenda as service
from topofmind.services import changes as changes_service
from topofmind.services import kept_agenda, kept_groups
from topofmind.services.interactions import LogEntry, log_interaction


def thank_yous(ctx):
    return {a.id: a for a in service.current_actions(ctx) if a.rule == "thank-you"}


def test_demo_agenda_is_varied_and_concrete(demo_db):
    view = service.agenda(demo_db)
    shown = view.overdue + view.today + view.upcoming
    assert len({a.rule for a in shown}) >= 8
    dana = next(a for a in view.today if a.title == "Thank Dana Ruiz for the interview")
    assert dana.why.startswith("Interview with Dana Ruiz ended 23 h ago")
    assert dana.why.endswith("due by 16:00 today")
    assert all(a.why and a.title for a in shown)


def owed_notes(ctx):
    """The demo's thank-yous after yesterday's panel and updates about the certification."""
    rules = ("thank-you", "periodic-update")
    return {a.id: a for a in service.current_actions(ctx) if a.rule in rules}


def test_done_and_dismissed_leave_snoozed_comes_back(demo_db):
    ids = sorted(owed_notes(demo_db))
    done, dismissed, snoozed = ids[0], ids[1], ids[2]
    service.decide(demo_db, done, "done", note="sent from my phone")
    service.decide(demo_db, dismissed, DecisionStatus.DISMISSED)
    decision = service.decide(demo_db, snoozed, "snoozed", until="tomorrow 10:00")
    assert decision.until.isoformat() == "2026-11-25T15:00:00+00:00"
    assert set(owed_notes(demo_db)) == set(ids[3:])
    assert service.agenda(demo_db).snoozed == 1
    recent = [d.action_id for d in service.agenda(demo_db).done_recently]
    assert recent[0] == done  # newest first; the demo's own past follows
    demo_db.now += timedelta(days=1, hours=1)
    assert snoozed in owed_notes(demo_db)
    assert done not in owed_notes(demo_db)


def test_unknown_action_says_where_to_look(demo_db):
    with pytest.raises(UnknownAction, match="`tom actions` lists"):
        service.get_action(demo_db, "thank-you:i999:p1")


@pytest.mark.parametrize(
    ("status", "until", "message"),
    [
        ("finished", None, "not a decision"),
        ("snoozed", "yesterday", "later moment"),
        ("done", "friday", "only goes with snooze"),
    ],
)
def test_bad_decisions_are_refused(demo_db, status, until, message):
    action_id = next(iter(thank_yous(demo_db)))
    with pytest.raises(InvalidValue, match=message):
        service.decide(demo_db, action_id, status, until=until)


def test_action_changes_reports_created_and_closed(demo_db):
    with changes_service.action_changes(demo_db) as changes:
        log_interaction(
            demo_db,
            LogEntry(
                "email",
                ["Dana Ruiz"],
                "Northwind",
                at=(demo_db.now - timedelta(minutes=5)).isoformat(),
                direction="out",
            ),
        )
    assert [a.title for a in changes.closed if a.rule == "thank-you"] == [
        "Thank Dana Ruiz for the interview"
    ]
    assert all(a.rule != "thank-you" for a in changes.created)


def test_an_action_taken_over_by_a_newer_one_is_replaced_not_closed(demo_db):
    from topofmind.services.achievements import add_achievement

    with changes_service.action_changes(demo_db) as changes:
        add_achievement(demo_db, "Spoke at Data Council", "event")
    replaced = {(b.title, a.title) for b, a in changes.replaced}
    assert (
        "Tell Tom Becker about AWS Certified Data Engineer – Associate",
        "Tell Tom Becker about Spoke at Data Council",
    ) in replaced
    assert all(b.rule == a.rule == "periodic-update" for b, a in changes.replaced)
    assert not [a for a in changes.closed_only if a.rule == "periodic-update"]
    assert {a.id for a in changes.created_only} | {a.id for _, a in changes.replaced} == {
        a.id for a in changes.created
    }


def test_a_check_in_answered_is_closed_and_the_next_one_is_new(demo_db):
    demo_db.now += timedelta(days=14)
    elena = LogEntry("email", ["Elena Kovacs"], "Bluebird", direction="out")
    with changes_service.action_changes(demo_db) as changes:
        log_interaction(demo_db, elena)
    title = "Check in with Elena Kovacs about Data Platform Lead"
    assert title in [a.title for a in changes.closed_only]
    assert title in [a.title for a in changes.created_only]
    assert not changes.replaced


def test_the_agenda_sees_a_write_made_through_another_connection(demo_db):
    assert "thank-you:i3:p1" in thank_yous(demo_db)  # now held in the agenda's cache
    other = open_context(demo_db.db.url, demo_db.now)
    try:
        email_dana = LogEntry(
            "email", ["Dana Ruiz"], "Northwind", at=other.now.isoformat(), direction="out"
        )
        log_interaction(other, email_dana)
    finally:
        other.db.dispose()
    assert "thank-you:i3:p1" not in thank_yous(demo_db)  # at once, on either database
    assert "thank-you:i3:p2" in thank_yous(demo_db)


def test_scores_are_recorded_once_a_day(demo_db):
    found = service.record_scores(demo_db)
    assert {s.subject_kind for s in found} == {"opportunity", "person"}
    assert all(0 <= s.score <= 100 for s in found)
    first = found[0]
    service.record_scores(demo_db)
    history = service.score_history(demo_db, first.subject_kind, first.subject_id)
    assert history[-1] == (demo_db.now.date(), first.score)  # the demo keeps weeks before
    assert [day for day, _ in history].count(demo_db.now.date()) == 1
    demo_db.now += timedelta(days=1)
    service.record_scores(demo_db)
    assert len(service.score_history(demo_db, first.subject_kind, first.subject_id)) == (
        len(history) + 1
    )


def test_reading_the_scores_records_nothing(demo_db):
    first = service.scores(demo_db)[0]
    before = service.score_history(demo_db, first.subject_kind, first.subject_id)
    demo_db.now += timedelta(days=1)
    assert service.scores(demo_db)
    after = service.score_history(demo_db, first.subject_kind, first.subject_id)
    assert after == before


def test_agenda_days_bounds_the_upcoming(demo_db):
    none_ahead = service.agenda(demo_db, days=0)
    week = service.agenda(demo_db, days=7)
    assert len(none_ahead.upcoming) < len(week.upcoming)
    assert none_ahead.overdue == week.overdue


def test_the_agenda_is_computed_once_a_minute_until_the_record_changes(demo_db, monkeypatch):
    calls = []
    real = kept_agenda.load_facts
    for module in (kept_agenda, kept_groups):  # in full, or for the groups a write touched
        monkeypatch.setattr(
            module,
            "load_facts",
            lambda conn, now, *more: calls.append(now) or real(conn, now, *more),
        )
    first = service.current_actions(demo_db)
    service.agenda(demo_db)
    assert len(calls) == 1
    service.decide(demo_db, first[0].id, "done")
    assert first[0].id not in {a.id for a in service.current_actions(demo_db)}
    assert len(calls) == 2  # the decision changed the record
    demo_db.now += timedelta(minutes=1)
    service.current_actions(demo_db)
    assert len(calls) == 3
