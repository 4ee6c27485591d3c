"""A realistic sample job search, placed around ``now`` so its agenda is always alive.

Six organizations, a dozen people, opportunities in every interesting stage, a
panel interview yesterday with talking points and wishes, a recruiter's request,
an interview coming up, a rejection, an offer, achievements, questions and an
event. It goes through the same services as the CLI.
"""

from __future__ import annotations

import zlib
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from topofmind.domain.actions import Decision
from topofmind.domain.enums import DecisionStatus
from topofmind.domain.records import NewsItem
from topofmind.errors import NotEmpty
from topofmind.playbook.engine import run_rules
from topofmind.playbook.reach import reach_in_force
from topofmind.playbook.score import scores as compute_scores
from topofmind.services.achievements import add_achievement
from topofmind.services.context import Context
from topofmind.services.events import add_event, mark_event
from topofmind.services.interactions import LogEntry, log_interaction
from topofmind.services.lookup import resolve_organization, stored_id
from topofmind.services.offers import record_offer
from topofmind.services.opportunities import add_opportunity, change_stage
from topofmind.services.organizations import add_organization
from topofmind.services.people import add_person, edit_person
from topofmind.services.profile import init_profile, update_profile
from topofmind.services.questions import add_question, mark_question_asked
from topofmind.services.transfer import is_empty
from topofmind.services.when import zone
from topofmind.store import decisions as decision_store
from topofmind.store import news as news_store
from topofmind.store import scores as score_store
from topofmind.store.database import backup_sqlite
from topofmind.store.facts import load_facts, opportunity_overrides
from topofmind.store.owned_rows import delete_owned, row_counts

DEMO_TZ = "America/New_York"


def reset(ctx: Context) -> None:
    """Delete every row of this database's job search (a backup is the caller's job)."""
    with ctx.db.begin() as conn:
        delete_owned(conn)
    ctx.forget_profile()


def back_up_before_reset(ctx: Context) -> Path | None:
    """Copy a SQLite database that holds a job search beside itself before the demo
    replaces it (``tom.db`` -> ``tom-before-demo-20261202T230000Z.db``); None when there
    is nothing to keep, or no file to copy (PostgreSQL: the caller says so)."""
    with ctx.db.connect() as conn:
        if is_empty(conn):
            return None
    path = ctx.db.path
    if not ctx.db.is_sqlite or path is None:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return backup_sqlite(ctx.db, path.with_name(f"{path.stem}-before-demo-{stamp}{path.suffix}"))


def holds_data(ctx: Context) -> bool:
    with ctx.db.connect() as conn:
        return not is_empty(conn)


def load_demo(ctx: Context) -> dict[str, int]:
    with ctx.db.connect() as conn:
        if not is_empty(conn):
            raise NotEmpty(
                "This database already holds a job search; the demo loads into an empty one.",
                field="demo",
            )
    days = _Days(ctx.now)
    _profile(ctx)
    _contacts(ctx, days)
    _opportunities_with_postings(ctx, days)
    _opportunities_without_postings(ctx, days)
    for entry in [
        *_northwind_logs(days),
        *_bluebird_logs(days),
        *_evergreen_logs(days),
        *_latest_logs(days),
    ]:
        log_interaction(ctx, entry)
    change_stage(ctx, "Evergreen", "rejected", days.at(-1, 10))
    record_offer(
        ctx,
        "Atlas",
        deadline=days.at(4, 17),
        terms="$195k base, 15% bonus, remote-first",
        at=days.at(-3, 16, 30),
    )
    _notes(ctx, days)
    _news(ctx)
    live_the_past(ctx)
    with ctx.db.connect() as conn:
        return row_counts(conn)


class _Days:
    """Moments of the demo, counted in days from the day it is loaded."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.local = zone(DEMO_TZ)
        self.today = now.astimezone(self.local).date()

    def at(self, days: int, hour: int, minute: int = 0) -> str:
        """A moment ``days`` from today (negative: past) at a local time, as ISO 8601.

        Interviews, calls and meetups happen on working days whatever day the demo is
        loaded: a moment ahead that would fall on a Saturday or Sunday moves to the
        Monday after, one behind to the Friday before. Today's moments stay, so the
        inbound question of the morning is there even on a weekend, unless they are not
        past yet (the demo loaded at 07:00): then they happened the working day before.
        Moving by at most two days keeps each opportunity's story in order: its moments
        are days apart.
        """
        when = self.today + timedelta(days=days)
        if days == 0 and datetime.combine(when, time(hour, minute), tzinfo=self.local) >= self.now:
            days, when = -1, when - timedelta(days=1)  # not yet happened today: the day before
        step = timedelta(days=1 if days > 0 else -1)
        while days != 0 and when.weekday() >= 5:
            when += step
        return datetime.combine(when, time(hour, minute), tzinfo=self.local).isoformat()

    def day(self, days: int) -> str:
        return (self.today + timedelta(days=days)).isoformat()


def _profile(ctx: Context) -> None:
    """Jordan Lee, a data engineer looking for a platform lead role."""
    init_profile(
        ctx,
        "Jordan Lee",
        ["jordan.lee@example.com", "jordan@lee.example"],
        DEMO_TZ,
        goals=[
            "lead a data platform team whose work product teams rely on every day",
            "grow into engineering management within two years",
        ],
    )
    profile = ctx.profile()
    profile.headline = "Data engineer who turns messy pipelines into dependable platforms"
    profile.skills = [
        "Python",
        "SQL",
        "dbt",
        "Airflow",
        "Kafka",
        "AWS",
        "data modeling",
        "team leadership",
    ]
    profile.summary = (
        "Eight years building data platforms; led the migration of 400 pipelines to dbt and "
        "Airflow at Fieldstone, cutting incident volume by 60%."
    )
    update_profile(ctx, profile)


def _contacts(ctx: Context, days: _Days) -> None:
    """Six organizations and the people met there."""
    day = days.day
    orgs = [
        ("Northwind Analytics", ["northwind.example"], "https://northwind.example"),
        ("Bluebird Health", ["bluebird.example"], "https://bluebird.example"),
        ("Copperline Robotics", ["copperline.example"], "https://copperline.example"),
        ("Evergreen Energy", ["evergreen.example"], "https://evergreen.example"),
        ("Atlas Logistics", ["atlas.example"], "https://atlas.example"),
        ("Lumen Bank", ["lumenbank.example"], "https://lumenbank.example"),
    ]
    for name, domains, website in orgs:
        add_organization(ctx, name, domains, website)

    people = [
        (
            "Dana Ruiz",
            "dana.ruiz@northwind.example",
            "Director of Data Engineering",
            "Northwind Analytics",
        ),
        ("Sam Patel", "sam.patel@northwind.example", "Staff Data Engineer", "Northwind Analytics"),
        (
            "Priya Nair",
            "priya.nair@northwind.example",
            "Technical Recruiter",
            "Northwind Analytics",
        ),
        ("Marco Bianchi", "marco@bluebird.example", "Talent Partner", "Bluebird Health"),
        (
            "Elena Kovacs",
            "elena.kovacs@bluebird.example",
            "Head of Data Platform",
            "Bluebird Health",
        ),
        ("Tom Becker", "tom.becker@copperline.example", "Recruiting Lead", "Copperline Robotics"),
        ("Hannah Cole", "hannah.cole@evergreen.example", "Senior Recruiter", "Evergreen Energy"),
        ("Victor Osei", "victor.osei@atlas.example", "VP Engineering", "Atlas Logistics"),
        ("Aisha Rahman", "aisha.rahman@atlas.example", "People Partner", "Atlas Logistics"),
        ("Grace Kim", "grace.kim@lumenbank.example", "Analytics Manager", "Lumen Bank"),
        ("Leo Martins", "leo.martins@lumenbank.example", "Data Scientist", "Lumen Bank"),
    ]
    for name, email, title, org in people:
        add_person(ctx, name, [email], title=title, organization=org)
    edit_person(
        ctx,
        "Grace Kim",
        connected_on=day(-40),
        linkedin_url="https://www.linkedin.com/in/grace-kim-demo",
    )
    edit_person(ctx, "Victor Osei", connected_on=day(-20))


def _opportunities_with_postings(ctx: Context, days: _Days) -> None:
    """Northwind, Bluebird and Copperline, whose postings are recorded."""
    at = days.at
    add_opportunity(
        ctx,
        "Senior Data Engineer",
        "Northwind Analytics",
        "interviewing",
        posting_url="https://northwind.example/careers/senior-data-engineer",
        posting_text=(
            "We are looking for a Senior Data Engineer to own our streaming ingestion "
            "(Kafka, Flink) and dbt models, mentor two engineers, and improve data quality "
            "across 40 product dashboards. Requirements: Python, SQL, dbt, Kafka, data quality "
            "testing, mentoring."
        ),
        priority=5,
        excitement=5,
        people=["Dana Ruiz=hiring-manager", "Priya Nair=recruiter", "Sam Patel=interviewer"],
        at=at(-9, 10),
    )
    add_opportunity(
        ctx,
        "Data Platform Lead",
        "Bluebird Health",
        "screening",
        posting_url="https://bluebird.example/jobs/data-platform-lead",
        posting_text=(
            "Lead a team of four building Bluebird's HIPAA-compliant data platform on AWS. "
            "Airflow, dbt, Terraform; experience leading engineers and working with "
            "clinical data is a plus."
        ),
        priority=4,
        excitement=4,
        people=["Marco Bianchi=recruiter", "Elena Kovacs=hiring-manager"],
        at=at(-6, 9),
    )
    add_opportunity(
        ctx,
        "Analytics Engineer",
        "Copperline Robotics",
        "applied",
        posting_url="https://copperline.example/careers/analytics-engineer",
        priority=3,
        excitement=3,
        people=["Tom Becker=recruiter"],
        at=at(-12, 11),
    )


def _opportunities_without_postings(ctx: Context, days: _Days) -> None:
    """Evergreen, Atlas and Lumen Bank, each at its own stage."""
    at = days.at
    add_opportunity(
        ctx,
        "Machine Learning Engineer",
        "Evergreen Energy",
        "interviewing",
        priority=3,
        excitement=3,
        people=["Hannah Cole=recruiter"],
        at=at(-25, 9),
    )
    add_opportunity(
        ctx,
        "Staff Data Engineer",
        "Atlas Logistics",
        "interviewing",
        priority=4,
        excitement=4,
        people=["Victor Osei=hiring-manager", "Aisha Rahman=recruiter"],
        at=at(-30, 9),
    )
    add_opportunity(
        ctx,
        "Senior Analytics Engineer",
        "Lumen Bank",
        "researching",
        priority=2,
        excitement=4,
        people=["Grace Kim=insider"],
        at=at(-20, 9),
    )


def _northwind_logs(days: _Days) -> list[LogEntry]:
    """The Northwind story: application, recruiter screen, yesterday's panel, a request."""
    at = days.at
    return [
        # Northwind: application, recruiter screen, yesterday's panel, a request.
        LogEntry(
            "phone-screen",
            ["Priya Nair"],
            "Northwind",
            at(-7, 11),
            at(-7, 11, 30),
            summary="30-minute screen about the role and timeline.",
            points=[
                "Team is moving ingestion from batch to Kafka this quarter",
                "Panel next week with Dana and Sam",
            ],
        ),
        LogEntry(
            "email",
            ["Priya Nair"],
            "Northwind",
            at(-7, 15),
            direction="out",
            subject="Thank you for today's call",
            summary="Thanked Priya and confirmed availability for the panel.",
        ),
        LogEntry(
            "interview",
            ["Dana Ruiz", "Sam Patel"],
            "Northwind",
            at(-1, 15),
            at(-1, 16),
            summary="Panel interview: platform roadmap and a system design exercise.",
            points=[
                "Dana: data quality across 40 product dashboards is her top worry",
                "Dana: wants the next hire to mentor two junior engineers",
                "Sam: walked through the Kafka-to-dbt design; liked the idempotent loads idea",
                "Sam: asked about testing strategy for late-arriving events",
            ],
            wishes=["how I cut pipeline incidents by 60% at Fieldstone"],
        ),
        LogEntry(
            "email",
            ["Priya Nair"],
            "Northwind",
            at(0, 9, 12),
            direction="in",
            subject="References",
            summary="Priya asked for two references.",
            request="send two references",
            request_by=at(3, 17, 30),
        ),
    ]


def _bluebird_logs(days: _Days) -> list[LogEntry]:
    """Bluebird's screen, and an interview in two working days or so."""
    at = days.at
    return [
        # Bluebird: a screen, and an interview in two working days or so.
        LogEntry(
            "phone-screen",
            ["Marco Bianchi"],
            "Bluebird",
            at(-5, 14),
            at(-5, 14, 30),
            summary="Intro call; team of four, platform on AWS.",
            points=["Marco: the team is rebuilding its ingestion for HIPAA audits"],
        ),
        LogEntry(
            "email",
            ["Marco Bianchi"],
            "Bluebird",
            at(-5, 17),
            direction="out",
            subject="Thanks, and my availability",
            summary="Thanked Marco; sent availability for the next round.",
        ),
        LogEntry(
            "interview",
            ["Elena Kovacs"],
            "Bluebird",
            at(2, 13),
            at(2, 14),
            summary="Video interview with the hiring manager.",
            scheduled=True,
            location="https://zoom.us/j/5550101",
        ),
    ]


def _evergreen_logs(days: _Days) -> list[LogEntry]:
    """Evergreen's final round last week, then a no; Copperline has been silent since the
    application."""
    at = days.at
    return [
        # Copperline: applied 12 days ago, nothing since.
        # Evergreen: final round last week, then a no.
        LogEntry(
            "interview",
            ["Hannah Cole"],
            "Evergreen",
            at(-9, 10),
            at(-9, 11),
            summary="Final round with the ML team.",
            points=["Hannah: the team values on-call maturity"],
        ),
        LogEntry(
            "email",
            ["Hannah Cole"],
            "Evergreen",
            at(-9, 18),
            direction="out",
            subject="Thank you",
            summary="Thank-you after the final round.",
        ),
        LogEntry(
            "email",
            ["Hannah Cole"],
            "Evergreen",
            at(-1, 10),
            direction="in",
            subject="Your application",
            summary="They chose another candidate.",
        ),
    ]


def _latest_logs(days: _Days) -> list[LogEntry]:
    """Atlas's offer call, and Lumen Bank's informational interview and meetup."""
    at = days.at
    return [
        # Atlas: the offer call three days ago.
        LogEntry(
            "call",
            ["Victor Osei"],
            "Atlas",
            at(-3, 16),
            at(-3, 16, 30),
            summary="Victor called with a verbal offer; written offer to follow.",
            points=[
                "Victor: start date flexible, wants an answer within a week",
                "Victor: the platform team will double next year",
            ],
        ),
        # Lumen Bank: an informational interview, then a meetup.
        LogEntry(
            "informational-interview",
            ["Grace Kim"],
            "Lumen",
            at(-30, 12),
            at(-30, 12, 30),
            summary="Coffee chat about analytics at Lumen.",
            points=["Grace: the bank is moving to a lakehouse next year"],
        ),
        LogEntry(
            "email",
            ["Grace Kim"],
            "Lumen",
            at(-30, 17),
            direction="out",
            subject="Thanks for the coffee",
            summary="Thanked Grace.",
        ),
        LogEntry(
            "event-conversation",
            ["Leo Martins"],
            None,
            at(-1, 19),
            summary="Met at the Lumen Bank tech meetup.",
            points=["Leo: working on fraud models with streaming features"],
        ),
    ]


def _notes(ctx: Context, days: _Days) -> None:
    """Achievements, questions to ask, and events."""
    at, day = days.at, days.day
    add_achievement(
        ctx,
        "AWS Certified Data Engineer – Associate",
        "certification",
        day(-2),
        url="https://www.credly.com/badges/demo",
        description="Passed the AWS data engineering certification (streaming, Glue, Redshift).",
    )
    add_achievement(
        ctx,
        "Open-sourced dbt-late-events, a test generator for late-arriving data",
        "project",
        day(-40),
        url="https://github.com/jordan-lee-demo/dbt-late-events",
    )
    asked = [
        add_question(ctx, "Northwind", text, category)
        for text, category in [
            ("Which of the 40 dashboards hurts most when data is late, and why?", "challenges"),
            ("How will the team split between streaming and batch a year from now?", "plans"),
            ("What would make the new senior engineer's first 90 days a success for you?", "role"),
        ]
    ][-1]
    mark_question_asked(ctx, stored_id(asked), "Own the Kafka ingestion and mentor two engineers.")
    add_question(ctx, "Bluebird", "What is driving the platform rebuild this year?", "vision")
    add_event(
        ctx,
        "Northwind Data Summit (webinar)",
        at(6, 12),
        "Northwind Analytics",
        until=at(6, 13),
        url="https://northwind.example/summit",
    )
    meetup = add_event(
        ctx, "Lumen Bank Tech Meetup", at(-1, 18), "Lumen Bank", until=at(-1, 20), registered=True
    )
    mark_event(ctx, stored_id(meetup), attended=True)


def _news(ctx: Context) -> None:
    """News about two of the organizations."""
    with ctx.db.begin() as conn:
        for org, title, days_ago, url in [
            (
                "Northwind",
                "Northwind Analytics raises Series C to expand real-time analytics",
                4,
                "https://northwind.example/news/series-c",
            ),
            (
                "Bluebird",
                "Bluebird Health partners with three hospital networks on data sharing",
                8,
                "https://bluebird.example/news/partnership",
            ),
        ]:
            news_store.add_news(
                conn,
                NewsItem(
                    organization_id=resolve_organization(conn, org),
                    title=title,
                    url=url,
                    published=ctx.now - timedelta(days=days_ago),
                    external_id=url,
                ),
            )


#: Days of history the demo lives through: a month of done actions and daily scores.
HISTORY_DAYS = 28


def live_the_past(ctx: Context, days: int = HISTORY_DAYS) -> None:
    """Follow the agenda through the last ``days`` as the demo's person did: each evening,
    what fell due is marked done (about one in seven dismissed instead, as people do) and
    the day's scores are kept; at the load moment, everything already due is done, so the
    demo opens with nothing overdue since before it was loaded, and with weeks of
    history to chart. The rules run directly, at each past moment, not through the
    agenda's cache."""
    profile = ctx.profile()
    here = zone(DEMO_TZ)
    today = ctx.now.astimezone(here).date()
    evenings = [
        datetime.combine(today - timedelta(days=n), time(18, 0), tzinfo=here)
        for n in range(days, 0, -1)
    ]
    for moment in [*evenings, ctx.now]:
        last = moment == ctx.now
        with ctx.db.begin() as conn:
            reach = reach_in_force(ctx.settings, opportunity_overrides(conn))
            facts = load_facts(conn, moment, reach)
            actions = run_rules(facts, moment, ctx.settings, profile)
            decided = set(facts.decisions)
            for action in actions:
                if action.id in decided or action.due >= moment:
                    continue
                missed = not last and zlib.crc32(action.id.encode()) % 7 == 0
                status = DecisionStatus.DISMISSED if missed else DecisionStatus.DONE
                when = min(action.due, moment)
                decision_store.save_decision(conn, Decision(action.id, status, when))
                decided.add(action.id)
            shown = [a for a in actions if a.id not in decided]
            found = compute_scores(facts, shown, moment, ctx.settings, profile)
            score_store.record_scores(conn, moment.astimezone(here).date(), found)
