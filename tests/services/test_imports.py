"""Import batches: matching people, idempotence, undo, dry runs."""

from __future__ import annotations

from datetime import timedelta

import pytest

from topofmind.capture.items import CapturedInteraction, PersonRef, Problem, Skipped
from topofmind.domain.enums import Direction, InteractionKind
from topofmind.errors import TomError
from topofmind.services.imports import get_batch, list_batches, undo_batch
from topofmind.services.imports.batches import open_batch
from topofmind.services.imports.sent_by_hand import same_text
from topofmind.services.people import add_person
from topofmind.store.interactions import list_interactions, update_interaction
from topofmind.store.organizations import list_organizations
from topofmind.store.people import list_people


def _mail(ctx, message_id: str, *refs: PersonRef, hours: int = 1) -> CapturedInteraction:
    return CapturedInteraction(
        at=ctx.now - timedelta(hours=hours),
        kind=InteractionKind.EMAIL,
        direction=Direction.INBOUND,
        people=list(refs),
        subject="Next steps",
        source="email",
        external_id=message_id,
        message_id=message_id,
    )


def _people(ctx):
    with ctx.db.connect() as conn:
        return list_people(conn)


def test_person_matched_by_any_address_and_new_address_added(fresh_db):
    dana = add_person(fresh_db, "Dana Ruiz", emails=["dana@acme.com"])
    with open_batch(fresh_db, "email", "test") as batch:
        ref = PersonRef(name="Dana R.", emails=["DANA@acme.com", "dana.ruiz@gmail.com"])
        assert batch.person(ref) == dana.id
        assert batch.person(PersonRef(name="Dana", emails=["dana.ruiz@gmail.com"])) == dana.id
    (person,) = _people(fresh_db)
    assert person.name == "Dana Ruiz"
    assert sorted(person.emails) == ["dana.ruiz@gmail.com", "dana@acme.com"]
    assert batch.summary.matched == 1


def test_never_merged_on_a_name_alone(fresh_db):
    add_person(fresh_db, "Dana Ruiz", emails=["dana@acme.com"])
    with open_batch(fresh_db, "email", "test") as batch:
        batch.person(PersonRef(name="Dana Ruiz", emails=["dana@other.org"]))
    assert [p.name for p in _people(fresh_db)] == ["Dana Ruiz", "Dana Ruiz"]


@pytest.mark.parametrize(
    ("address", "organization"),
    [
        ("sam@globex.io", "Globex"),
        ("sam@gmail.com", ""),
        ("sam@mail.acme-robotics.co.uk", "Acme Robotics"),
    ],
)
def test_new_person_gets_organization_from_domain_unless_free_mail(fresh_db, address, organization):
    with open_batch(fresh_db, "email", "test") as batch:
        batch.person(PersonRef(name="Sam Park", emails=[address]))
    (person,) = _people(fresh_db)
    assert person.organization_name == organization


def test_reimport_adds_nothing_and_undo_removes_exactly_what_was_added(fresh_db):
    kept = add_person(fresh_db, "Lee Chan", emails=["lee@initech.com"])
    refs = [
        PersonRef(name="Ana Gil", emails=["ana@globex.io"]),
        PersonRef(emails=["lee@initech.com"]),
    ]
    with open_batch(fresh_db, "email", "mbox") as first:
        assert first.interaction(_mail(fresh_db, "<a@x>", *refs)) == "added"
    with open_batch(fresh_db, "email", "mbox") as second:
        assert second.interaction(_mail(fresh_db, "<a@x>", *refs)) == "unchanged"
    assert second.summary.added == 0
    with fresh_db.db.connect() as conn:
        (mail,) = list_interactions(conn)
    assert sorted(mail.participant_names) == ["Ana Gil", "Lee Chan"]

    undone = undo_batch(fresh_db, first.summary.id)
    assert undone.undone_at is not None
    with fresh_db.db.connect() as conn:
        assert list_interactions(conn) == []
        assert [o.name for o in list_organizations(conn)] == []
    assert [p.id for p in _people(fresh_db)] == [kept.id]
    with pytest.raises(TomError, match="already undone"):
        undo_batch(fresh_db, first.summary.id)


def test_undo_keeps_a_person_and_their_organization_used_since_the_import(fresh_db):
    from topofmind.services.interactions import LogEntry, log_interaction
    from topofmind.services.people import edit_person

    refs = [PersonRef(name="Ana Gil", emails=["ana@globex.io"])]
    with open_batch(fresh_db, "email", "mbox") as batch:
        batch.interaction(_mail(fresh_db, "<a@x>", *refs))
        batch.person(PersonRef(name="Bo Lund", emails=["bo@globex.io"]))  # never used since
    edit_person(fresh_db, "Ana Gil", title="CEO")
    log_interaction(fresh_db, LogEntry(kind="email", with_=["Ana Gil"], direction="out"))
    fresh_db.notices.clear()

    undo_batch(fresh_db, batch.summary.id)
    (ana,) = _people(fresh_db)  # Bo, whom nothing since names, is removed
    assert (ana.name, ana.title, ana.emails, ana.organization_name) == (
        "Ana Gil", "CEO", ["ana@globex.io"], "Globex",
    )  # fmt: skip
    with fresh_db.db.connect() as conn:
        (logged,) = list_interactions(conn)  # the imported mail is gone, the logged one kept
    assert logged.participant_names == ["Ana Gil"] and logged.direction is Direction.OUTBOUND
    assert fresh_db.notices == [
        "Kept Ana Gil, Globex: recorded since the import (a conversation, a message or an "
        "opportunity) uses them."
    ]


def test_a_person_kept_for_what_was_recorded_since_keeps_the_address_the_import_gave(fresh_db):
    from topofmind.services.interactions import LogEntry, log_interaction

    with open_batch(fresh_db, "vcard", "contacts.vcf") as batch:
        batch.person(PersonRef(name="Ana Gil", emails=["ana@globex.io"], phones=["+1 555 0100"]))
    log_interaction(fresh_db, LogEntry(kind="call", with_=["Ana Gil"], direction="out"))
    undo_batch(fresh_db, batch.summary.id)
    (ana,) = _people(fresh_db)
    assert (ana.emails, ana.phones) == (["ana@globex.io"], ["+15550100"])


def test_undo_keeps_people_and_organizations_edited_since_with_their_addresses(fresh_db):
    from topofmind.services.organizations import edit_organization
    from topofmind.services.people import edit_person

    with open_batch(fresh_db, "vcard", "contacts.vcf") as batch:
        batch.person(PersonRef(name="Ana Gil", emails=["ana@globex.io"]))
        batch.person(PersonRef(name="Bo Lund", emails=["bo@initech.com"]))
        batch.person(PersonRef(name="Cy Moe", emails=["cy@hooli.com"]))  # left alone
    edit_person(fresh_db, "Ana Gil", title="Head of Data")
    edit_organization(fresh_db, "Initech", notes="Met them at the meetup")
    fresh_db.notices.clear()

    undo_batch(fresh_db, batch.summary.id)
    people = {p.name: p for p in _people(fresh_db)}
    assert sorted(people) == ["Ana Gil"]  # Bo is removed; his organization is not
    assert (people["Ana Gil"].title, people["Ana Gil"].emails) == (
        "Head of Data",
        ["ana@globex.io"],
    )
    with fresh_db.db.connect() as conn:
        orgs = {o.name: o for o in list_organizations(conn)}
    assert sorted(orgs) == ["Globex", "Initech"]
    assert orgs["Initech"].domains == ["initech.com"]
    assert fresh_db.notices == [
        "Kept Globex: recorded since the import (a conversation, a message or an "
        "opportunity) uses them.",
        "Kept Initech, Ana Gil: edited since the import.",
    ]


def test_a_sync_tells_edits_made_meanwhile_from_its_own_changes(fresh_db):
    """People a sync added are visible from its first committed step: one edited in the
    web app meanwhile is kept by undo, even if the sync never gets to its end, while one
    the sync itself completed later is not taken for edited."""
    from topofmind.services.people import edit_person
    from topofmind.store.batches import edited_rows

    with open_batch(fresh_db, "imap", "INBOX") as batch:
        ana = batch.person(PersonRef(name="Ana Gil", emails=["ana@globex.io"]))
        cy = batch.person(PersonRef(name="Cy Moe", emails=["cy@hooli.com"]))
        batch.checkpoint()
        edit_person(fresh_db, "Ana Gil", title="Head of Data")  # in the web app, meanwhile
        with fresh_db.db.connect() as conn:
            assert edited_rows(conn, batch.id) == {("people", ana)}
        # A later message tells the sync more about Cy: its own change, not an edit.
        batch.person(PersonRef(emails=["cy@hooli.com", "cy@moe.dev"], title="CTO"))
        batch.person(PersonRef(name="Bo Lund", emails=["bo@initech.com"]))
        batch.checkpoint()
        with fresh_db.db.connect() as conn:
            assert edited_rows(conn, batch.id) == {("people", ana)}
    with fresh_db.db.connect() as conn:
        assert edited_rows(conn, batch.summary.id) == {("people", ana)}
    assert cy is not None
    fresh_db.notices.clear()
    undo_batch(fresh_db, batch.summary.id)
    assert [(p.name, p.title) for p in _people(fresh_db)] == [("Ana Gil", "Head of Data")]
    assert fresh_db.notices == [
        "Kept Globex: recorded since the import (a conversation, a message or an "
        "opportunity) uses them.",
        "Kept Ana Gil: edited since the import.",
    ]


def test_undo_restores_what_an_import_changed(fresh_db):
    person = add_person(fresh_db, "Lee Chan", emails=["lee@initech.com"])
    with open_batch(fresh_db, "linkedin", "x") as batch:
        batch.person(
            PersonRef(
                emails=["lee@initech.com", "lee@home.net"],
                linkedin_url="https://www.linkedin.com/in/leechan/",
                title="Engineering Manager",
            )
        )
    (changed,) = _people(fresh_db)
    assert changed.title == "Engineering Manager"
    assert changed.linkedin_url == "https://www.linkedin.com/in/leechan"
    undo_batch(fresh_db, batch.summary.id)
    (restored,) = _people(fresh_db)
    assert (restored.title, restored.linkedin_url, restored.emails) == ("", "", ["lee@initech.com"])
    assert restored.id == person.id


def test_a_newer_sequence_updates_and_a_cancellation_cancels(fresh_db):
    ref = PersonRef(name="Ana Gil", emails=["ana@globex.io"])
    item = _mail(fresh_db, "uid-1", ref)
    item.kind, item.source = InteractionKind.INTERVIEW, "ics"
    with open_batch(fresh_db, "ics", "a.ics") as batch:
        assert batch.interaction(item) == "added"
    with fresh_db.db.begin() as conn:
        (added,) = list_interactions(conn)
        added.points = ["Her team moves to Kafka"]
        update_interaction(conn, added)
    item.sequence, item.subject = 1, "Interview (moved)"
    with open_batch(fresh_db, "ics", "a.ics") as update:
        assert update.interaction(item) == "updated"
    with fresh_db.db.connect() as conn:
        (moved,) = list_interactions(conn)
    assert (moved.subject, moved.points) == ("Interview (moved)", ["Her team moves to Kafka"])
    item.cancelled = True
    with open_batch(fresh_db, "ics", "a.ics") as cancel:
        assert cancel.interaction(item) == "cancelled"
    with fresh_db.db.connect() as conn:
        assert list_interactions(conn) == []
    undo_batch(fresh_db, cancel.summary.id)
    undo_batch(fresh_db, update.summary.id)
    with fresh_db.db.connect() as conn:
        (back,) = list_interactions(conn)
    assert back.subject == "Next steps"


def test_dry_run_writes_nothing_but_reports(fresh_db):
    with open_batch(fresh_db, "email", "x", dry_run=True) as batch:
        batch.read(2)
        batch.interaction(_mail(fresh_db, "<b@x>", PersonRef(emails=["ana@globex.io"])))
        batch.skip(Skipped("message 2", "no known person"))
    assert batch.summary.dry_run and batch.summary.added == 3
    assert batch.summary.id is None
    assert _people(fresh_db) == []
    assert list_batches(fresh_db) == []


def test_summary_is_kept_with_skipped_and_failed_items(fresh_db):
    with open_batch(fresh_db, "email", "inbox.mbox") as batch:
        batch.read(3)
        batch.skip(Skipped("message 1", "no known person or organization"))
        batch.problem(Problem("message 3", "truncated headers"))
    saved = get_batch(fresh_db, batch.summary.id)
    assert saved.read == 3
    assert saved.skipped_by_reason == {"no known person or organization": 1}
    assert saved.failed == [{"where": "message 3", "why": "truncated headers"}]
    assert saved.line() == "Read 3, added 0, updated 0, matched 0, skipped 1, failed 1."


def test_hostile_mail_is_stored_safely_on_every_database(fresh_db, tmp_path):
    from topofmind.services.imports import import_paths

    add_person(fresh_db, "Dana Ruiz", emails=["dana@acme.example"])
    long_id = "<" + "x" * 900 + "@acme.example>"
    raw = (
        f"From: Dana \x00Ruiz <dana@acme.example>\nSubject: nul\x00byte\n"
        f"Date: Mon, 23 Nov 2026 10:00:00 +0000\nMessage-ID: {long_id}\n\n"
        "Body with a \x00 NUL.\n"
    ).encode()
    (tmp_path / "bad.eml").write_bytes(raw)
    first = import_paths(fresh_db, "email", [str(tmp_path / "bad.eml")])
    again = import_paths(fresh_db, "email", [str(tmp_path / "bad.eml")])
    assert (first.added, first.failed_total, again.added) == (1, 0, 0)
    with fresh_db.db.connect() as conn:
        (mail,) = list_interactions(conn)
    assert mail.external_id.startswith("sha1:")
    assert mail.subject == "nulbyte" and "\x00" not in mail.summary


def test_attachments_are_named_in_the_summary_not_stored(fresh_db):
    from pathlib import Path

    from topofmind.services.imports import import_paths

    add_person(fresh_db, "Sam Patel", emails=["sam.patel@northwind.example"])
    sample = Path(__file__).parent.parent / "data" / "email" / "with-attachment.eml"
    import_paths(fresh_db, "email", [str(sample)])
    with fresh_db.db.connect() as conn:
        (mail,) = list_interactions(conn)
    assert mail.summary.endswith("(attached: design – kafka.pdf)")
    assert "JVBER" not in mail.summary


DRAFT = (
    "Hi Dana, thank you for the conversation today about data quality across the product "
    "dashboards. Best, Jordan"
)


@pytest.mark.parametrize(
    ("read", "same"),
    [
        (DRAFT, True),
        (DRAFT.upper().replace(" ", "  "), True),  # case and spacing
        (DRAFT + " Jordan Lee · Data engineer · 555-0100", True),  # a signature after it
        (DRAFT.replace("today", "this morning"), True),  # a few words changed
        (DRAFT[:60] + "…", True),  # cut short where a summary ends
        ("Hi Dana, here is the portfolio I mentioned. Best, Jordan", False),
        ("Hi Dana, thank you", False),  # only its first words
        ("", False),
    ],
)
def test_same_text(read, same):
    assert same_text(DRAFT, read) is same
