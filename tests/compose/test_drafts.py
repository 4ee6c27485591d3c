"""Composing drafts from an action and the facts gathered for it (no database)."""

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from topofmind.compose.drafts import DraftContext, Thread, compose, draft_kind
from topofmind.compose.introduction import Accomplishment, achievement_sentence
from topofmind.domain.actions import Action, ActionState
from topofmind.domain.enums import (
    AchievementKind,
    Direction,
    InteractionKind,
    QuestionCategory,
    Role,
    Stage,
)
from topofmind.domain.records import (
    Achievement,
    Interaction,
    Involvement,
    NewsItem,
    Opportunity,
    Person,
    Profile,
    Question,
    Request,
)
from topofmind.errors import NotDraftable

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=NY)

PROFILE = Profile(
    name="Jordan Lee",
    emails=["jordan.lee@example.com"],
    timezone="America/New_York",
    goals=["lead a data platform team whose work product teams rely on every day"],
)
DANA = Person("Dana Ruiz", ["dana@northwind.example"], id=1, organization_name="Northwind")
SAM = Person("Sam Patel", ["sam@northwind.example"], id=2, organization_name="Northwind")
OPP = Opportunity(
    "Senior Data Engineer",
    organization_id=1,
    organization_name="Northwind",
    stage=Stage.INTERVIEWING,
    posting_text="Requirements: Python, dbt, Kafka, data quality testing, mentoring.",
    id=1,
)
PANEL = Interaction(
    at=NOW - timedelta(days=1),
    kind=InteractionKind.INTERVIEW,
    direction=Direction.BOTH,
    participants=[1, 2],
    participant_names=["Dana Ruiz", "Sam Patel"],
    points=[
        "Dana: data quality across 40 product dashboards is her top worry",
        "Sam: walked through the Kafka-to-dbt design; liked the idempotent loads idea",
    ],
    wishes=["how I cut pipeline incidents by 60% at Fieldstone"],
    id=3,
)
WINS = [
    Accomplishment(
        "Led the migration of 400 pipelines to dbt at Fieldstone, cutting incidents by 60%",
        "resume: Fieldstone",
    )
]


def action(rule: str, people: list[int], id_: str = "", **refs) -> Action:
    return Action(
        id=id_ or f"{rule}:x",
        rule=rule,
        title=rule,
        why="",
        due=NOW,
        state=ActionState.DUE,
        people=people,
        opportunity_id=1,
        refs=refs,
    )


def context(recipients, **changes) -> DraftContext:
    values = dict(
        profile=PROFILE,
        now=NOW,
        recipients=recipients,
        opportunity=OPP,
        organization="Northwind",
        conversation=PANEL,
        conversation_people=["Dana", "Sam"],
        accomplishments=WINS,
        other_organizations=["Bluebird Health"],
    )
    values.update(changes)
    return DraftContext(**values)


def test_a_thank_you_builds_on_an_earlier_conversation_with_them():
    screen = Interaction(
        at=datetime(2026, 11, 12, 10, 0, tzinfo=NY),
        kind=InteractionKind.PHONE_SCREEN,
        direction=Direction.BOTH,
        participants=[1],
        id=2,
    )
    draft = compose(action("thank-you", [1], "thank-you:i3:p1"), context([DANA], earlier=screen))
    assert "It was good to build on our call on 12 November." in draft.body
    assert "earlier phone screen on 12 November (#2)" in draft.evidence
    assert draft.findings == []
    first_time = compose(action("thank-you", [1], "thank-you:i3:p1"), context([DANA]))
    assert "12 November" not in first_time.body


def test_each_panel_interviewer_gets_their_own_thank_you():
    dana_ctx = context([DANA], panel=[SAM])
    sam_ctx = context([SAM], panel=[DANA])
    dana = compose(action("thank-you", [1], "thank-you:i3:p1"), dana_ctx)
    sam = compose(action("thank-you", [2], "thank-you:i3:p2"), sam_ctx)
    assert dana.body.startswith("Hi Dana,")
    assert "data quality across 40 product dashboards is your top worry" in dana.body
    assert "Kafka-to-dbt" not in dana.body
    # Each of Sam's notes turned to him, in frames that do not open alike.
    assert "that you walked through the Kafka-to-dbt design." in sam.body
    assert "that you liked the idempotent loads idea." in sam.body
    assert "dashboards" not in sam.body
    # What Jordan wished they had said goes once, as a sentence, the fact once.
    assert "One thing I wish" not in dana.body
    assert dana.body.count("60%") == 1 and "60%" not in sam.body
    assert "yesterday" in dana.subject
    shared = set(dana.body.split(". ")[1:-1]) & set(sam.body.split(". ")[1:-1])
    assert not shared
    assert dana.findings == [] and sam.findings == []
    assert [r.email for r in dana.recipients] == ["dana@northwind.example"]


def references_email(text: str = "send two references") -> Interaction:
    return Interaction(
        at=NOW - timedelta(hours=5),
        kind=InteractionKind.EMAIL,
        direction=Direction.INBOUND,
        participants=[1],
        subject="References",
        summary="Dana asked for two references.",
        requests=[Request(text, NOW + timedelta(days=3), id=9)],
        message_id="<ask@northwind.example>",
        references=["<first@northwind.example>"],
        id=4,
    )


def test_reply_keeps_the_thread_and_sends_the_references_from_the_profile():
    email = references_email()
    resume = {
        "references": [
            {
                "name": "Ana Silva",
                "reference": "My manager at Fieldstone",
                "email": "ana@x.example",
            },
            {"name": "Ben Okoro", "reference": "Led the platform team", "phone": "+1 555 0100"},
        ]
    }
    ctx = context(
        [DANA],
        profile=replace(PROFILE, resume=resume),
        request=email.requests[0],
        thread=Thread(email.subject, email.message_id, email.references),
    )
    draft = compose(action("respond-promptly", [1], request_id=9), ctx)
    assert draft.subject == "Re: References"
    assert draft.in_reply_to == "<ask@northwind.example>"
    assert draft.references == ["<first@northwind.example>", "<ask@northwind.example>"]
    assert "- Ana Silva (my manager at Fieldstone): ana@x.example" in draft.body
    assert "- Ben Okoro (Led the platform team): +1 555 0100" in draft.body
    assert "I will send" not in draft.body.split("\n\n")[1]
    assert draft.findings == [] and draft.ready


def test_a_reply_the_record_cannot_answer_holds_a_marked_blank():
    ctx = context([DANA], request=references_email().requests[0])
    draft = compose(action("respond-promptly", [1], request_id=9), ctx)
    assert "[[reference 1: name, role, email]]" in draft.body
    assert draft.blanks == [
        "[[reference 1: name, role, email]]",
        "[[reference 2: name, role, email]]",
    ]
    assert "blank" in [f.code for f in draft.findings] and not draft.ready


def test_a_reply_to_send_times_proposes_free_times_in_working_hours():
    busy = [(datetime(2026, 11, 25, 9, 30, tzinfo=NY), datetime(2026, 11, 25, 12, 0, tzinfo=NY))]
    ask = Request("send me a couple of times that work", id=9)
    draft = compose(
        action("respond-promptly", [1], request_id=9), context([DANA], request=ask, busy=busy)
    )
    assert "These times work for me (New York time):" in draft.body
    assert "- Wednesday 25 November at 14:00" in draft.body  # 10:00 is taken
    assert "- Thursday 26 November at 14:00\n- Friday 27 November at 10:00" in draft.body
    assert "send me a couple" not in draft.body
    assert draft.findings == [] and draft.ready


@pytest.mark.parametrize(
    ("asked", "blank"),
    [
        ("What is your notice period?", "[[your answer to: What is your notice period?]]"),
        ("Could you send your portfolio?", "[[name the attached file]]"),
        ("confirm your start date", "[[what you send or say in answer to: confirm your start"),
    ],
)
def test_a_reply_never_splices_the_request_and_marks_what_only_you_can_say(asked, blank):
    ctx = context([DANA], request=Request(asked, NOW + timedelta(days=3), id=9))
    draft = compose(action("respond-promptly", [1], request_id=9), ctx)
    assert blank in draft.body
    assert "You asked me to" not in draft.body
    assert not draft.ready


def test_update_shares_the_achievement_without_a_stock_goal_sentence():
    cert = Achievement(
        "AWS Certified Data Engineer", AchievementKind.CERTIFICATION, date(2026, 11, 22)
    )
    draft = compose(action("periodic-update", [1]), context([DANA], achievement=cert))
    assert "I recently earned the AWS Certified Data Engineer certification" in draft.body
    assert "goal" not in draft.body
    assert draft.findings == []


def test_one_update_carries_every_achievement_they_have_not_heard_of():
    talk = Achievement("Spoke at Data Council", AchievementKind.EVENT, date(2026, 11, 23))
    cert = Achievement(
        "AWS Certified Data Engineer", AchievementKind.CERTIFICATION, date(2026, 11, 20)
    )
    update = action("periodic-update", [1])
    draft = compose(update, context([DANA], achievement=talk, more_achievements=[cert]))
    assert "I wanted to share some news: I recently spoke at Data Council." in draft.body
    assert "since we last spoke: I earned the AWS Certified Data Engineer certification." in (
        draft.body
    )
    assert "achievement: AWS Certified Data Engineer" in draft.evidence
    assert draft.findings == []


@pytest.mark.parametrize(
    ("kind", "title", "sentence"),
    [
        ("event", "Spoke at Data Council", "I recently spoke at Data Council."),
        ("event", "Data Council 2026", "I recently took part in Data Council 2026."),
        (
            "certification",
            "Certified Kubernetes Administrator",
            "I recently earned the Certified Kubernetes Administrator certification.",
        ),
        ("project", "Led the dbt migration.", "I recently led the dbt migration."),
    ],
)
def test_an_achievement_is_told_in_the_first_person(kind, title, sentence):
    assert achievement_sentence(kind, title) == sentence


@pytest.mark.parametrize(
    ("role", "sentence"),
    [
        ("hiring-manager", "I look forward to hearing about the next steps."),
        ("interviewer", "I enjoyed the discussion and hope to work alongside you soon."),
        ("recruiter", "Thank you as well for guiding me through the process"),
        (None, None),
    ],
)
def test_a_thank_you_speaks_to_the_recipients_part(role, sentence):
    people = [Involvement(1, Role(role), "Dana Ruiz")] if role else []
    opp = replace(OPP, people=people)
    draft = compose(action("thank-you", [1]), context([DANA], opportunity=opp))
    sentences = ("next steps", "alongside you", "through the process")
    if sentence is None:
        assert not any(s in draft.body for s in sentences)
    else:
        assert sentence in draft.body
    assert draft.findings == []


def test_check_in_cites_news():
    news = NewsItem(1, "Northwind raises Series C", published=NOW - timedelta(days=4))
    draft = compose(action("check-in", [1]), context([DANA], news=news))
    assert "“Northwind raises Series C”" in draft.body
    assert "checking in" not in draft.body.lower()
    assert draft.findings == []


def test_check_in_asks_the_open_question_it_was_proposed_for():
    question = Question(
        1, "What is driving the platform rebuild this year?", QuestionCategory.VISION
    )
    draft = compose(action("check-in", [1], reason="question"), context([DANA], question=question))
    assert draft.subject.startswith("A question about the ")
    assert "What is driving the platform rebuild this year?" in draft.body
    assert "open question: What is driving the platform rebuild this year?" in draft.evidence
    assert draft.findings == []


def test_connection_note_fits_linkedin():
    long_point = "Dana: " + "talked about the very long history of the data platform " * 8
    talk = Interaction(**{**PANEL.__dict__, "points": [long_point]})
    draft = compose(action("connect", [1]), context([DANA], conversation=talk))
    assert draft.channel == "linkedin"
    assert draft.subject == ""
    assert len(draft.body) <= 300
    assert draft.body.startswith("Hi Dana,") and draft.body.endswith("– Jordan")


@pytest.mark.parametrize(
    ("rule", "id_", "refs", "kind"),
    [
        (
            "informational-interview",
            "informational-interview-ask:o1:p4",
            {},
            "informational-interview",
        ),
        (
            "informational-interview",
            "informational-interview-nudge:o1:p4",
            {},
            "informational-nudge",
        ),
        ("close-the-loop", "close-the-loop-note:o4", {"kind": "note"}, "close-the-loop"),
        ("close-the-loop", "close-the-loop-touch:o4", {"kind": "stay-connected"}, "stay-connected"),
        ("thank-you", "thank-you:i3:p1", {}, "thank-you"),
    ],
)
def test_draft_kind(rule, id_, refs, kind):
    assert draft_kind(action(rule, [1], id_, **refs)) == kind


def test_the_persons_own_template_wins_and_unknown_names_show_as_placeholders(tmp_path):
    (tmp_path / "thank-you.txt").write_text(
        "Subject: Merci {{ them.first_name }}\n\nHi {{ greeting }},\n\n"
        "{{ point_sentences[0] }} See you at {{ no_such_thing }}.\n\n{{ me.name }}\n",
        encoding="utf-8",
    )
    draft = compose(action("thank-you", [1]), context([DANA], template_dir=tmp_path))
    assert draft.subject == "Merci Dana"
    assert "[[no_such_thing]]" in draft.body
    assert [f.code for f in draft.findings] == ["blank"]


def test_actions_not_done_by_writing_have_no_draft():
    item = action("research-before-interview", [])
    item.draftable = False
    with pytest.raises(NotDraftable, match="not done by writing"):
        compose(item, context([]))


def test_someone_written_to_before_does_not_get_the_same_sentences():
    news = NewsItem(1, "Northwind raises Series C", published=NOW - timedelta(days=4))
    first = compose(action("check-in", [1]), context([DANA], news=news))
    assert first.findings == []
    second = compose(action("check-in", [1]), context([DANA], news=news, sent_before=[first.body]))
    assert second.findings == [], [str(f) for f in second.findings]
    assert second.body != first.body
