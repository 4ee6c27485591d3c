"""Drafting on the demo record, on both databases: every draft specific and clean,
edits kept, and every delivery path against real servers."""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy

import pytest

from topofmind.compose.letter_parts import achievement_detail
from topofmind.domain.enums import Direction, InteractionKind
from topofmind.domain.records import Interaction, Request
from topofmind.errors import DeliveryFailed, NotDraftable
from topofmind.services import agenda, drafting
from topofmind.services.achievements import add_achievement
from topofmind.services.interactions import LogEntry, log_interaction
from topofmind.services.lookup import resolve_person
from topofmind.services.opportunities import edit_opportunity
from topofmind.services.people import add_person
from topofmind.settings import Settings
from topofmind.store import interactions as interaction_store


def draftable(ctx):
    return [a for a in agenda.current_actions(ctx) if a.draftable]


def person_id(ctx, name: str) -> int:
    with ctx.db.connect() as conn:
        return resolve_person(conn, name)


def test_every_draftable_action_on_the_demo_has_a_clean_specific_draft(demo_db):
    kinds = set()
    for action in draftable(demo_db):
        draft = drafting.draft_for(demo_db, action)
        kinds.add(draft.kind)
        # The demo's profile holds no references: the reply to "two references" marks
        # them as blanks to fill; the answer to an offer is the person's to write.
        wrong = [str(f) for f in draft.findings if f.code != "blank"]
        assert wrong == [], (action.id, wrong, draft.body)
        first = action.person_names[0].split()[0]
        assert draft.body.startswith(f"Hi {first},"), draft.body
        assert "{{" not in draft.text
        if draft.blanks:
            # Only what the record cannot know: the references, the answer to an offer.
            assert draft.blanks[0].startswith(("[[reference 1", "[[your answer")), draft.body
            assert not draft.ready
        assert draft.evidence, action.id
    assert {
        "thank-you",
        "respond-promptly",
        "periodic-update",
        "check-in",
        "connect",
        "close-the-loop",
        "stay-connected",
    } <= kinds


def test_built_from_names_only_the_achievements_news_and_events_the_draft_tells(demo_db):
    notes = {a.id: drafting.draft_for(demo_db, a) for a in draftable(demo_db)}
    named = 0
    for action_id, draft in notes.items():
        for line in draft.evidence:
            label, _, fact = line.partition(": ")
            if label in ("achievement", "news", "event"):
                named += 1
                assert fact in draft.body, (action_id, line)
    assert named  # the demo's updates tell its certification
    closing = notes["close-the-loop-note:o4"]  # shares "Data Engineer" with the certification
    assert "AWS Certified" not in closing.body
    assert not [line for line in closing.evidence if line.startswith("achievement: ")]


def test_a_check_in_draft_writes_about_the_reason_its_action_gives(demo_db):
    demo_db.now += timedelta(days=14)  # Bluebird's news is then too old to cite
    check_ins = {a.refs["reason"]: a for a in draftable(demo_db) if a.rule == "check-in"}
    asking = check_ins["question"]
    assert "ask your open question about the role" in asking.why
    draft = drafting.draft_for(demo_db, asking)
    assert "What is driving the platform rebuild this year?" in draft.body
    assert "I saw the news" not in draft.body
    citing = check_ins["news"]
    assert "Series C" in citing.why
    assert "Series C" in drafting.draft_for(demo_db, citing).body


def test_an_update_tells_the_newest_achievement_and_carries_the_earlier_one(demo_db):
    add_achievement(demo_db, "Spoke at Data Council", "event")
    (update,) = [
        a for a in draftable(demo_db) if a.rule == "periodic-update" and "Tom Becker" in a.title
    ]
    assert update.title == "Tell Tom Becker about Spoke at Data Council"
    assert "and 1 more achievement" in update.why
    body = drafting.draft_for(demo_db, update).body
    assert "I recently spoke at Data Council." in body
    assert "AWS Certified Data Engineer – Associate" in body


def test_an_update_gives_the_achievement_s_link_in_a_sentence(demo_db):
    update = next(a for a in draftable(demo_db) if a.id == "periodic-update:a1:p8")
    body = drafting.draft_for(demo_db, update).body
    assert "Associate certification. You can see it at https://www.credly.com/badges/demo." in body
    # its note, "Passed the AWS data engineering certification", only restated the title
    assert "Passed the" not in body and "I passed" not in body
    assert "(https://" not in body


def test_an_achievement_note_jotted_without_a_subject_is_told_in_the_first_person():
    assert achievement_detail("Built a streaming fraud feature store") == (
        "I built a streaming fraud feature store."
    )
    assert achievement_detail("Passed the exam (Glue, Redshift)") == ""
    assert achievement_detail("Covers streaming and Glue.") == "Covers streaming and Glue."


def test_panel_interviewers_get_different_drafts_from_what_each_discussed(demo_db):
    dana_id, sam_id = person_id(demo_db, "Dana Ruiz"), person_id(demo_db, "Sam Patel")
    thanks = {a.people[0]: a for a in draftable(demo_db) if a.rule == "thank-you"}
    dana = drafting.draft_for(demo_db, thanks[dana_id])
    sam = drafting.draft_for(demo_db, thanks[sam_id])
    assert dana.body != sam.body
    assert "40 product dashboards is your top worry" in dana.body
    assert "Kafka-to-dbt design" in sam.body and "dashboards" not in sam.body
    # Each is also thanked for their own part: the hiring manager decides, the
    # interviewer would be a colleague.
    assert "I look forward to hearing about the next steps." in dana.body
    assert "with you" in sam.body and "as a colleague" in sam.body
    assert "next steps" not in sam.body


def test_supplementary_note_when_the_thank_you_was_closed_by_hand(demo_db):
    dana_id = person_id(demo_db, "Dana Ruiz")
    thanks = next(a for a in draftable(demo_db) if a.rule == "thank-you" and a.people == [dana_id])
    agenda.decide(demo_db, thanks.id, "done")
    note = next(a for a in draftable(demo_db) if a.rule == "supplementary-info")
    draft = drafting.draft_for(demo_db, note)
    assert "There is one thing I did not get to say yesterday." in draft.body
    assert "400 pipelines" in draft.body and draft.body.count("60%") == 1
    assert draft.findings == []


def test_informational_request_then_one_nudge_in_the_same_thread(demo_db):
    add_person(
        demo_db, "Nia Okafor", ["nia@copperline.example"], organization="Copperline Robotics"
    )
    edit_opportunity(demo_db, "Copperline", add_people=["Nia Okafor=insider"])
    ask = next(a for a in draftable(demo_db) if a.rule == "informational-interview")
    draft = drafting.draft_for(demo_db, ask)
    assert draft.kind == "informational-interview"
    assert "Would you have 20 minutes" in draft.body and draft.findings == []
    with demo_db.db.begin() as conn:
        interaction_store.add_interaction(
            conn,
            Interaction(
                at=demo_db.now,
                kind=InteractionKind.EMAIL,
                direction=Direction.OUTBOUND,
                participants=[person_id(demo_db, "Nia Okafor")],
                subject=draft.subject,
                summary=draft.body,
                message_id="<ask-nia@example.com>",
            ),
        )
    later = type(demo_db)(db=demo_db.db, now=demo_db.now + timedelta(days=8), settings=Settings())
    nudge = next(a for a in draftable(later) if "nudge" in a.id)
    follow = drafting.draft_for(later, nudge)
    assert follow.kind == "informational-nudge"
    assert follow.subject == f"Re: {draft.subject}"
    assert follow.in_reply_to == "<ask-nia@example.com>"
    assert "follow-up to my note on 24 November" in follow.body
    assert follow.findings == []


def test_an_edit_is_kept_and_checked_again(demo_db):
    action = next(a for a in draftable(demo_db) if a.rule == "respond-promptly")
    edited = drafting.save_edit(
        demo_db, action, "Subject: References for you\n\nHi Priya,\n\nJust checking in.\n"
    )
    assert edited.edited and edited.subject == "References for you"
    again = drafting.draft_for(demo_db, action.id)
    assert again.body == "Hi Priya,\n\nJust checking in." and again.edited
    assert "empty-phrase" in {f.code for f in again.findings}
    drafting.discard_edit(demo_db, action.id)
    assert not drafting.draft_for(demo_db, action.id).edited


def test_research_has_no_draft(demo_db):
    action = next(a for a in agenda.current_actions(demo_db) if not a.draftable)
    with pytest.raises(NotDraftable):
        drafting.draft_for(demo_db, action)


def test_send_over_smtp_records_the_email_and_closes_the_thank_you(demo_db, smtp_starttls):
    demo_db.settings = Settings(smtp_starttls.settings)
    dana_id = person_id(demo_db, "Dana Ruiz")
    action = next(a for a in draftable(demo_db) if a.rule == "thank-you" and a.people == [dana_id])
    draft = drafting.draft_for(demo_db, action)
    sent = drafting.send(demo_db, action, draft)
    [received] = smtp_starttls.messages
    assert received.rcpt_tos == ["dana.ruiz@northwind.example"]
    assert received.message["Message-ID"] == sent.message_id
    assert received.message.get_content().replace("\r\n", "\n").strip() == draft.body
    with demo_db.db.connect() as conn:
        stored = interaction_store.get_interaction(conn, sent.id)
    assert stored.direction is Direction.OUTBOUND and stored.kind is InteractionKind.EMAIL
    assert stored.participants == [dana_id] and stored.source == "topofmind"
    assert stored.subject == draft.subject
    assert action.id not in {a.id for a in agenda.current_actions(demo_db)}


def test_a_reply_sent_keeps_the_thread(demo_db, smtp_tls):
    demo_db.settings = Settings(smtp_tls.settings)
    marco = person_id(demo_db, "Marco Bianchi")
    with demo_db.db.begin() as conn:
        interaction_store.add_interaction(
            conn,
            Interaction(
                at=demo_db.now - timedelta(hours=2),
                kind=InteractionKind.EMAIL,
                direction=Direction.INBOUND,
                participants=[marco],
                subject="Availability for Thursday",
                summary="Marco asked to confirm the time.",
                requests=[Request("confirm Thursday 13:00 works")],
                message_id="<q1@bluebird.example>",
                references=["<q0@bluebird.example>"],
                source="imap",
                external_id="<q1@bluebird.example>",
            ),
        )
    action = next(
        a for a in draftable(demo_db) if a.rule == "respond-promptly" and marco in a.people
    )
    draft = drafting.draft_for(demo_db, action)
    assert draft.subject == "Re: Availability for Thursday"
    assert "[[what you send or say in answer to: confirm Thursday 13:00 works]]" in draft.body
    assert not draft.ready
    sent = drafting.send(demo_db, action, draft)
    got = smtp_tls.messages[0].message
    assert got["In-Reply-To"] == "<q1@bluebird.example>"
    assert got["References"] == "<q0@bluebird.example> <q1@bluebird.example>"
    assert sent.in_reply_to == "<q1@bluebird.example>"
    assert action.id not in {a.id for a in agenda.current_actions(demo_db)}


def test_imap_drafts_puts_it_in_the_mail_program(demo_db, dovecot, monkeypatch):
    dovecot.clear()
    monkeypatch.setenv("TOM_IMAP_PASSWORD", dovecot.password)
    demo_db.settings = Settings(
        {
            "imap_host": dovecot.host,
            "imap_port": dovecot.port,
            "imap_security": "none",
            "imap_user": dovecot.user,
        }
    )
    action = next(a for a in draftable(demo_db) if a.rule == "check-in")
    draft = drafting.draft_for(demo_db, action)
    assert drafting.to_imap_drafts(demo_db, draft) == "Drafts"
    with dovecot.client() as client:
        client.select_folder("Drafts", readonly=True)
        [uid] = client.search(["ALL"])
        raw = client.fetch([uid], ["RFC822"])[uid][b"RFC822"]
    parsed = message_from_bytes(raw, policy=policy.default)
    assert str(parsed["Subject"]) == draft.subject
    assert parsed.get_content().replace("\r\n", "\n").strip() == draft.body
    assert action.id in {a.id for a in agenda.current_actions(demo_db)}, "not sent yet"


def test_linkedin_note_is_not_emailed(demo_db, tmp_path):
    action = next(a for a in draftable(demo_db) if a.rule == "connect")
    draft = drafting.draft_for(demo_db, action)
    with pytest.raises(DeliveryFailed, match="LinkedIn note"):
        drafting.write_eml(demo_db, draft, tmp_path / "x.eml")


def test_a_thank_you_to_someone_met_before_builds_on_that_conversation(demo_db):
    # Priya ran the phone screen; a week on she joins a meeting about the role.
    entry = LogEntry(
        "meeting", ["Priya"], opportunity="Northwind", at="today 10:00", ends_at="today 11:00"
    )
    met = log_interaction(demo_db, entry)
    wanted = f"thank-you:i{met.id}:p{person_id(demo_db, 'Priya')}"
    (thanks,) = [a for a in draftable(demo_db) if a.id == wanted]
    draft = drafting.draft_for(demo_db, thanks)
    assert "It was good to build on our call on " in draft.body, draft.body
    assert any(line.startswith("earlier phone screen ") for line in draft.evidence)
    assert draft.findings == []


def test_a_thank_you_after_an_event_conversation_offers_to_stay_in_touch(demo_db):
    leo = next(a for a in draftable(demo_db) if a.id.startswith("thank-you:i14:"))
    draft = drafting.draft_for(demo_db, leo)
    assert draft.body.startswith("Hi Leo,\n\nThank you for taking the time to talk with me at ")
    assert "I would be glad to stay in touch and to hear more about the work at Lumen Bank." in (
        draft.body
    )
    assert draft.findings == []
