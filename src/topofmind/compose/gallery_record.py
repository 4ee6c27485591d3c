"""The made-up record the gallery of drafts is written from: fixed (no database, no
clock), four organizations, panels of two and three, and more than sixty talking points
jotted the ways people jot them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Unpack

from topofmind.compose.drafts import DraftContext, Thread
from topofmind.compose.introduction import Accomplishment
from topofmind.compose.notes import split_notes
from topofmind.domain.actions import Action, ActionRefs, ActionState
from topofmind.domain.enums import (
    AchievementKind,
    Direction,
    InteractionKind,
    QuestionCategory,
    Role,
    Stage,
)
from topofmind.domain.moments import zone
from topofmind.domain.records import (
    Achievement,
    Event,
    Interaction,
    Involvement,
    NewsItem,
    Opportunity,
    Person,
    Profile,
    Question,
    Request,
)

ZONE = zone("America/New_York")
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=ZONE)

PROFILE = Profile(
    name="Jordan Lee",
    emails=["jordan.lee@example.com"],
    timezone="America/New_York",
    goals=["Lead a data platform team at a company whose data affects people's health"],
    headline="Data engineer who turns messy pipelines into dependable platforms",
    skills=["Python", "dbt", "Airflow", "Kafka", "data quality", "mentoring"],
    resume={
        "references": [
            {
                "name": "Ana Silva",
                "reference": "My manager at Fieldstone",
                "email": "ana.silva@fieldstone.example",
            },
            {"name": "Ben Okoro", "reference": "Staff engineer I worked with for four years"},
        ]
    },
)
WINS = [
    Accomplishment(
        "Led the migration of 400 pipelines to dbt at Fieldstone, cutting incidents by 60%",
        "resume: Fieldstone",
    ),
    Accomplishment(
        "Built a Kafka ingestion layer handling 2 billion events a day", "resume: Fieldstone"
    ),
    Accomplishment("Mentored five engineers into senior roles", "resume: Fieldstone"),
]


def person(id_: int, name: str, org: str, notes: str = "") -> Person:
    first = name.split()[0].lower()
    domain = org.split()[0].lower()
    return Person(name, [f"{first}@{domain}.example"], id=id_, organization_name=org, notes=notes)


MARCUS = person(1, "Marcus Webb", "Meridian Health")
AISHA = person(2, "Aisha Okafor", "Meridian Health")
PRIYA = person(3, "Priya Nair", "Meridian Health")
DANA = person(4, "Dana Ruiz", "Northwind Analytics")
SAM = person(5, "Sam Patel", "Northwind Analytics")
ELENA = person(6, "Elena Kovacs", "Bluebird Health")
VICTOR = person(7, "Victor Osei", "Atlas Logistics")
GRACE = person(8, "Grace Kim", "Atlas Logistics", "Former colleague at Fieldstone")
LEO = person(9, "Leo Martins", "Bluebird Health", "Met at PyData Boston")
RUTH = person(10, "Ruth Adler", "Northwind Analytics", "Referred by Ana Silva")
OMAR = person(11, "Omar Haddad", "Bluebird Health")


def opportunity(id_: int, title: str, org: str, stage: Stage, people, posting="") -> Opportunity:
    return Opportunity(
        title,
        organization_id=id_,
        organization_name=org,
        stage=stage,
        posting_text=posting,
        people=[Involvement(p.id, role, p.name) for p, role in people],
        id=id_,
    )


MERIDIAN = opportunity(
    1,
    "Senior Data Engineer",
    "Meridian Health",
    Stage.INTERVIEWING,
    [(MARCUS, Role.HIRING_MANAGER), (AISHA, Role.INTERVIEWER), (PRIYA, Role.RECRUITER)],
    "Own the claims data platform: Airflow, dbt, data quality testing, mentoring.",
)
NORTHWIND = opportunity(
    2,
    "Data Platform Lead",
    "Northwind Analytics",
    Stage.INTERVIEWING,
    [(DANA, Role.HIRING_MANAGER), (SAM, Role.INTERVIEWER), (RUTH, Role.INSIDER)],
    "Lead the streaming platform team: Kafka, Python, mentoring.",
)
BLUEBIRD = opportunity(
    3,
    "Analytics Engineer",
    "Bluebird Health",
    Stage.SCREENING,
    [(ELENA, Role.HIRING_MANAGER), (OMAR, Role.RECRUITER), (LEO, Role.INSIDER)],
)
ATLAS = opportunity(
    4,
    "Staff Data Engineer",
    "Atlas Logistics",
    Stage.OFFER,
    [(VICTOR, Role.HIRING_MANAGER), (GRACE, Role.INSIDER)],
    "Freight data platform on AWS with Kafka and dbt.",
)

#: Talking points as people jot them, per conversation.
PANEL_OF_THREE = [
    "Marcus: late-arriving claims data breaks month-end dashboards",
    "Aisha: she maintains their Airflow operator library",
    "Marcus wants me to own the claims-platform migration first",
    "Priya: offer decisions usually within a week of the final round",
    "Aisha: asked how I would test late-arriving events; liked the idea of replayable fixtures",
    "on-call rotation shared with the analytics team",
    "Marcus: his team of six is hiring two more next year",
    "how do they budget for warehouse costs?",
    "Aisha: reviews every new DAG herself",
    "claims data volumes doubling",
    "Priya: relocation support available",
    "team moved off cron jobs last spring",
    "Marcus: he prefers written design docs over meetings",
    "Aisha: worried about flaky integration tests",
    "Priya: next step is a take-home exercise",
    "data contracts with the billing team?",
    "Marcus: quarterly planning in January",
    "Aisha: walked me through their lineage tool",
]
PANEL_OF_TWO = [
    "Dana: data quality across 40 product dashboards is her top worry",
    "Dana: wants the next hire to mentor two junior engineers; thinks dbt tests are underused",
    "Sam: walked through the Kafka-to-dbt design; liked the idempotent loads idea",
    "Sam: asked about testing strategy for late-arriving events",
    "Kafka, Flink, dbt",
    "streaming vs batch split",
    "They are migrating from Airflow to Dagster",
    "Dana: her team owns the metrics layer",
    "Sam: working on a schema registry rollout",
    "what does success look like after 90 days?",
    "Dana: has a board review in March",
    "Sam: he is the on-call lead this quarter",
    "exactly-once delivery",
    "Dana: asked about my management experience",
    "Sam: Sam's team runs the Kafka clusters",
    "budget for a second platform engineer next year",
]
SCREEN = [
    "Omar: the team is rebuilding its ingestion for HIPAA audits",
    "Omar: process is two rounds, then references",
    "salary band confirmed",
    "remote two days a week",
    "he mentioned Elena leads the platform group",
    "interview loop includes a SQL exercise?",
    "Omar: clinical data experience is a plus",
    "start date flexible",
]
OFFER_CALL = [
    "Victor: start date flexible, wants an answer within two weeks",
    "Victor: the platform team will double next year",
    "Victor: signing bonus negotiable",
    "equity refresh every year",
    "he wants me to lead the Kafka migration",
    "Victor: first project is the freight-tracking pipeline",
]
EVENT_TALK = [
    "Leo: working on fraud models with streaming features",
    "Leo: his team hires in Q1",
    "feature stores",
    "Leo: recommended the Bluebird engineering blog",
    "how they label fraud cases?",
    "Leo: moved from Spark to Flink last year",
]
COFFEE = [
    "Grace: the bank is moving to a lakehouse next year",
    "Grace: she manages the analytics engineers; likes dbt exposures",
    "Atlas hiring freeze lifted in October",
    "team lunch on Fridays",
]

#: The number of talking points the gallery draws from (the page says it).
NOTE_COUNT = len(
    split_notes(PANEL_OF_THREE + PANEL_OF_TWO + SCREEN + OFFER_CALL + EVENT_TALK + COFFEE)
)


def talk(id_, kind, days, people, points, wishes=(), opp=None) -> Interaction:
    return Interaction(
        at=NOW - timedelta(days=days, hours=1),
        kind=kind,
        direction=Direction.BOTH,
        participants=[p.id for p in people],
        participant_names=[p.name for p in people],
        opportunity_id=opp.id if opp else None,
        points=list(points),
        wishes=list(wishes),
        id=id_,
    )


MERIDIAN_PANEL = talk(
    1,
    InteractionKind.INTERVIEW,
    1,
    [MARCUS, AISHA, PRIYA],
    PANEL_OF_THREE,
    ["how I cut pipeline incidents by 60% at Fieldstone"],
    MERIDIAN,
)
NORTHWIND_PANEL = talk(
    2,
    InteractionKind.INTERVIEW,
    1,
    [DANA, SAM],
    PANEL_OF_TWO,
    ["mentoring experience"],
    NORTHWIND,
)
BLUEBIRD_SCREEN = talk(3, InteractionKind.PHONE_SCREEN, 4, [OMAR], SCREEN, (), BLUEBIRD)
ATLAS_CALL = talk(4, InteractionKind.CALL, 3, [VICTOR], OFFER_CALL, (), ATLAS)
MEETUP = talk(5, InteractionKind.EVENT_CONVERSATION, 3, [LEO], EVENT_TALK)
COFFEE_CHAT = talk(6, InteractionKind.INFORMATIONAL_INTERVIEW, 12, [GRACE], COFFEE)

NEWS = NewsItem(2, "Northwind Analytics raises Series C", published=NOW - timedelta(days=3))
CERT = Achievement("AWS Certified Data Engineer", AchievementKind.CERTIFICATION, date(2026, 11, 20))
PROJECT = Achievement(
    "Open-sourced dbt-late-events, a test generator for late-arriving data",
    AchievementKind.PROJECT,
    date(2026, 10, 2),
)
MEETUP_EVENT = Event("PyData Boston", NOW - timedelta(days=3, hours=2), id=1)
QUESTION = Question(3, "What is driving the platform rebuild this year?", QuestionCategory.VISION)
BUSY = [(datetime(2026, 11, 25, 9, 30, tzinfo=ZONE), datetime(2026, 11, 25, 12, 0, tzinfo=ZONE))]
OTHERS = ["Meridian Health", "Northwind Analytics", "Bluebird Health", "Atlas Logistics"]


def context(recipient: Person, opp: Opportunity | None, conversation, **more) -> DraftContext:
    panel = []
    people = []
    if conversation is not None:
        people = [n.split()[0] for n in conversation.participant_names]
        everyone = {p.id: p for p in PEOPLE}
        panel = [everyone[i] for i in conversation.participants if i != recipient.id]
    org = opp.organization_name if opp else recipient.organization_name
    values = dict(
        profile=PROFILE,
        now=NOW,
        recipients=[recipient],
        opportunity=opp,
        organization=org,
        conversation=conversation,
        conversation_people=people,
        accomplishments=WINS,
        other_organizations=[o for o in OTHERS if o != org],
        panel=panel,
        busy=BUSY,
    )
    values.update(more)
    return DraftContext(**values)


PEOPLE = [MARCUS, AISHA, PRIYA, DANA, SAM, ELENA, VICTOR, GRACE, LEO, RUTH, OMAR]


def action(
    rule: str, recipient: Person, opp: Opportunity | None, id_: str, **refs: Unpack[ActionRefs]
) -> Action:
    return Action(
        id=id_,
        rule=rule,
        title=rule,
        why="",
        due=NOW,
        state=ActionState.DUE,
        people=[recipient.id] if recipient.id is not None else [],
        opportunity_id=opp.id if opp else None,
        refs=refs,
    )


def reply(subject: str, text: str) -> dict:
    email = Interaction(
        at=NOW - timedelta(hours=3),
        kind=InteractionKind.EMAIL,
        direction=Direction.INBOUND,
        subject=subject,
        requests=[Request(text, NOW + timedelta(days=2), id=1)],
        message_id=f"<{subject.lower().replace(' ', '-')}@example>",
    )
    return dict(request=email.requests[0], thread=Thread(subject, email.message_id, []))
