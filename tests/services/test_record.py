"""Recording use cases (services/people.py, opportunities.py and the other nouns):
one transaction each, bad input writes nothing."""

from __future__ import annotations

import pytest

from topofmind.domain.enums import Direction, InteractionKind, Role, Stage
from topofmind.errors import AlreadyExists, DuplicateAddress, InvalidValue
from topofmind.services.inputs import parse_choice
from topofmind.services.interactions import LogEntry, default_direction, log_interaction
from topofmind.services.opportunities import add_opportunity, change_stage
from topofmind.services.people import add_person, edit_person
from topofmind.services.profile import init_profile
from topofmind.store.opportunities import list_opportunities
from topofmind.store.people import list_people


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("interviewing", Stage.INTERVIEWING),
        ("Interviewing", Stage.INTERVIEWING),
        ("on_hold", Stage.ON_HOLD),
        ("on hold", Stage.ON_HOLD),
        (" ON-HOLD ", Stage.ON_HOLD),
    ],
)
def test_parse_choice_forgives_case_and_separators(text, expected):
    assert parse_choice(Stage, text, "stage") is expected


def test_parse_choice_lists_the_choices():
    with pytest.raises(InvalidValue, match="Unknown role 'boss'. Choose one of: .*hiring-manager"):
        parse_choice(Role, "boss", "role")


@pytest.mark.parametrize(
    ("kind", "has_request", "expected"),
    [
        (InteractionKind.INTERVIEW, False, Direction.BOTH),
        (InteractionKind.CALL, False, Direction.BOTH),
        (InteractionKind.EMAIL, False, Direction.OUTBOUND),
        (InteractionKind.MESSAGE, False, Direction.OUTBOUND),
        (InteractionKind.LINKEDIN_CONNECTION, False, Direction.OUTBOUND),
        (InteractionKind.EMAIL, True, Direction.INBOUND),
        (InteractionKind.MEETING, True, Direction.INBOUND),
    ],
)
def test_default_direction(kind, has_request, expected):
    assert default_direction(kind, has_request) is expected


def people_names(ctx) -> list[str]:
    with ctx.db.connect() as conn:
        return [p.name for p in list_people(conn)]


def test_init_profile_creates_then_updates(fresh_db):
    profile, created = init_profile(fresh_db, "Jordan Lee", [], "Europe/Berlin")
    assert created is False and profile.timezone == "Europe/Berlin"
    assert profile.emails == ["jordan.lee@example.com"]  # kept when none are given
    assert fresh_db.profile().timezone == "Europe/Berlin"


def test_a_duplicate_second_address_writes_nothing(fresh_db):
    add_person(fresh_db, "Dana Ruiz", ["dana@acme.example"], organization="Acme")
    with pytest.raises(DuplicateAddress, match="already belongs to Dana Ruiz"):
        add_person(
            fresh_db, "Dana Copy", ["new@acme.example", "Dana@acme.example"], organization="Newco"
        )
    assert people_names(fresh_db) == ["Dana Ruiz"]
    with fresh_db.db.connect() as conn:
        from topofmind.store.organizations import list_organizations

        assert [o.name for o in list_organizations(conn)] == ["Acme"]


def test_edit_person_with_a_bad_address_changes_nothing(fresh_db):
    add_person(fresh_db, "Dana Ruiz", ["dana@acme.example"])
    with pytest.raises(InvalidValue, match="'nope' is not an email address"):
        edit_person(fresh_db, "Dana", name="Dana R.", add_emails=["nope"])
    assert people_names(fresh_db) == ["Dana Ruiz"]


def test_the_same_linkedin_profile_on_two_people(fresh_db):
    url = "https://www.linkedin.com/in/dana"
    add_person(fresh_db, "Dana Ruiz", linkedin_url=url)
    with pytest.raises(AlreadyExists, match="already belongs to person #1"):
        add_person(fresh_db, "D. Ruiz", linkedin_url=url)
    assert people_names(fresh_db) == ["Dana Ruiz"]


def test_stage_changes_are_kept_as_history(fresh_db):
    add_opportunity(fresh_db, "Data Engineer", "Acme", "applied", at="2026-11-01T09:00Z")
    change_stage(fresh_db, "Acme", "screening", "2026-11-10T09:00Z")
    same = change_stage(fresh_db, "Acme", "screening")
    assert same.stage is Stage.SCREENING
    assert "already at screening" in fresh_db.notices[-1]
    with fresh_db.db.connect() as conn:
        (opp,) = list_opportunities(conn)
    assert [(h.stage, h.at.isoformat()) for h in opp.history] == [
        (Stage.APPLIED, "2026-11-01T09:00:00+00:00"),
        (Stage.SCREENING, "2026-11-10T09:00:00+00:00"),
    ]


@pytest.mark.parametrize(
    ("kind", "role"),
    [
        ("interview", Role.INTERVIEWER),
        ("phone-screen", Role.RECRUITER),
        ("informational-interview", Role.INSIDER),
    ],
)
def test_people_met_in_an_interaction_join_the_opportunity(fresh_db, kind, role):
    add_opportunity(fresh_db, "Data Engineer", "Acme", "interviewing")
    add_person(fresh_db, "Sam Patel", organization="Acme")
    log_interaction(fresh_db, LogEntry(kind, ["Sam"], "Data", "2026-11-23T10:00Z"))
    with fresh_db.db.connect() as conn:
        (opp,) = list_opportunities(conn)
    assert [(i.person_name, i.role) for i in opp.people] == [("Sam Patel", role)]


def test_an_interaction_in_the_future_is_scheduled(fresh_db):
    add_person(fresh_db, "Sam Patel")
    item = log_interaction(fresh_db, LogEntry("interview", ["Sam"], at="+2d"))
    assert item.scheduled is True
    assert item.at > fresh_db.now


def test_a_panel_with_one_unknown_person_writes_nothing(fresh_db):
    add_person(fresh_db, "Sam Patel")
    with pytest.raises(Exception, match="No person matches 'Nobody'"):
        log_interaction(fresh_db, LogEntry("interview", ["Sam", "Nobody"]))
    from topofmind.services.timeline import timeline

    assert timeline(fresh_db, "person", "Sam").interactions == []


def test_ratings_are_one_to_five(fresh_db):
    with pytest.raises(InvalidValue, match="Excitement must be from 1 to 5, not 0"):
        add_opportunity(fresh_db, "Data Engineer", "Acme", excitement=0)
