"""Preparing for an opportunity: the memorable introduction, questions, the prep sheet.

Each use case resolves what the person named, gathers the record, calls the pure
builders in ``compose`` and, when asked, saves the result in one transaction.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import timedelta

from topofmind.compose.introduction import (
    Evidence,
    Introduction,
    accomplishments,
    build_introduction,
    posting_requirements,
    rank,
    requested_skills,
)
from topofmind.compose.prepsheet import Attendee, PrepSheet, render_html, render_markdown
from topofmind.compose.questions import SuggestedQuestion, suggest_questions
from topofmind.domain.enums import InteractionKind
from topofmind.domain.records import Achievement, Interaction, Opportunity, Profile, Question
from topofmind.errors import InvalidValue
from topofmind.services.context import Context
from topofmind.services.lookup import resolve_opportunity, stored_id
from topofmind.services.when import zone
from topofmind.store import achievements as achievement_store
from topofmind.store import interactions as interaction_store
from topofmind.store import introductions as intro_store
from topofmind.store import news as news_store
from topofmind.store import opportunities as opp_store
from topofmind.store import people as people_store
from topofmind.store import questions as question_store
from topofmind.store.introductions import SavedIntroduction

#: Kinds of meeting a prep sheet is made for.
INTERVIEWS = {
    InteractionKind.INTERVIEW,
    InteractionKind.PHONE_SCREEN,
    InteractionKind.MEETING,
    InteractionKind.CALL,
    InteractionKind.INFORMATIONAL_INTERVIEW,
}
#: Days a news item counts as recent on a prep sheet.
RECENT_NEWS_DAYS = 60
_INTERVIEW_REF = re.compile(r"^i(\d+)$", re.IGNORECASE)


def _opportunity(ctx: Context, query: str) -> Opportunity:
    with ctx.db.connect() as conn:
        return opp_store.get_opportunity(conn, resolve_opportunity(conn, query))


def get_introduction(ctx: Context, query: str, save: bool = False) -> Introduction:
    """The introduction for an opportunity, built from the profile and posting; saved on request."""
    opp = _opportunity(ctx, query)
    with ctx.db.connect() as conn:
        achievements = achievement_store.list_achievements(conn)
    intro = build_introduction(ctx.profile(), opp, achievements)
    if not intro.evidence:
        raise InvalidValue(
            "Your profile has no accomplishments to build an introduction from. Import a "
            "JSON Resume (tom import resume FILE), or add a summary or achievements."
        )
    if save:
        with ctx.db.begin() as conn:
            intro_store.save_introduction(
                conn,
                SavedIntroduction(
                    stored_id(opp), intro.spoken, intro.written, [asdict(e) for e in intro.evidence]
                ),
            )
    return intro


def saved_introduction(ctx: Context, query: str) -> SavedIntroduction | None:
    """The newest introduction saved for an opportunity, if any."""
    with ctx.db.connect() as conn:
        return intro_store.latest_introduction(conn, resolve_opportunity(conn, query))


def suggested_questions(ctx: Context, query: str, save: bool = False) -> list[SuggestedQuestion]:
    """Questions for the opportunity not yet saved; saved as its questions on request."""
    opp = _opportunity(ctx, query)
    with ctx.db.connect() as conn:
        existing = question_store.list_questions(conn, opp.id)
        news = _recent_news(conn, opp, ctx)
    found = suggest_questions(opp, news, existing)
    if save and found:
        with ctx.db.begin() as conn:
            for item in found:
                question_store.add_question(
                    conn,
                    Question(
                        opportunity_id=stored_id(opp),
                        text=item.text,
                        category=item.category,
                        source="suggested",
                    ),
                )
    return found


def _recent_news(conn, opp: Opportunity, ctx: Context):
    return [
        n
        for n in news_store.list_news(conn, opp.organization_id)
        if n.published is None or ctx.now - n.published <= timedelta(days=RECENT_NEWS_DAYS)
    ][:3]


def _interview(conn, ctx: Context, query: str) -> tuple[Opportunity, Interaction | None]:
    match = _INTERVIEW_REF.match(query.strip())
    if match:
        interview = interaction_store.get_interaction(conn, int(match.group(1)))
        if interview.opportunity_id is None:
            raise InvalidValue(
                f"Interaction #{interview.id} belongs to no opportunity; file it with "
                "`tom log edit` first, or name the opportunity."
            )
        return opp_store.get_opportunity(conn, interview.opportunity_id), interview
    opp = opp_store.get_opportunity(conn, resolve_opportunity(conn, query))
    coming = [
        i
        for i in interaction_store.list_interactions(
            conn, opportunity_id=opp.id, newest_first=False
        )
        if i.kind in INTERVIEWS and i.at >= ctx.now - timedelta(hours=2)
    ]
    return opp, (coming[0] if coming else None)


def prep_sheet(ctx: Context, query: str) -> PrepSheet:
    """The prep sheet for an interview (``i42``) or an opportunity's next interview."""
    profile = ctx.profile()
    with ctx.db.connect() as conn:
        opp, interview = _interview(conn, ctx, query)
        roles = {i.person_id: i.role.label for i in opp.people}
        people_ids = (
            list(interview.participants) if interview else [i.person_id for i in opp.people]
        )
        people = {p.id: p for p in people_store.list_people(conn, ids=people_ids)}
        attendees = []
        wishes: list[str] = []
        for person_id in people_ids:
            person = people.get(person_id)
            if person is None:
                continue
            history = [
                i
                for i in interaction_store.list_interactions(conn, person_id=person_id, limit=20)
                if i.at < ctx.now and (interview is None or i.id != interview.id)
            ][:5]
            attendees.append(Attendee(person.name, person.title, roles.get(person_id, ""), history))
        learned: list[str] = []
        for item in interaction_store.list_interactions(conn, opportunity_id=opp.id):
            if item.at < ctx.now:
                wishes.extend(w for w in item.wishes if w not in wishes)
                learned.extend(p for p in item.points if p not in learned)
        questions = [q for q in question_store.list_questions(conn, opp.id) if not q.asked]
        news = _recent_news(conn, opp, ctx)
        achievements = achievement_store.list_achievements(conn)
        saved = intro_store.latest_introduction(conn, stored_id(opp))
    if saved is not None:
        introduction = Introduction(
            saved.spoken, saved.written, [Evidence(**e) for e in saved.evidence]
        )
    else:
        introduction = build_introduction(profile, opp, achievements)
        if not introduction.evidence:
            introduction = None
    return PrepSheet(
        opportunity=opp,
        interview=interview,
        when=_when(profile, interview),
        attendees=attendees,
        introduction=introduction,
        questions=questions,
        wishes=wishes,
        learned=learned,
        requirements=_requirements(profile, opp, achievements),
        news=news,
        prepared_at=ctx.now,
        timezone=profile.timezone,
    )


def _requirements(
    profile: Profile, opp: Opportunity, achievements: list[Achievement]
) -> list[tuple[str, Evidence | None]]:
    """The posting's first requirements, each with the accomplishment that best meets it."""
    own = accomplishments(profile, achievements)
    requirements: list[tuple[str, Evidence | None]] = []
    for requirement in (posting_requirements(opp) or requested_skills(profile, opp))[:6]:
        ranked = [e for e in rank(own, requirement) if e.matched]
        requirements.append((requirement, ranked[0] if ranked else None))
    return requirements


def _when(profile: Profile, interview: Interaction | None) -> str:
    """When the interview is, in the person's zone: "Tuesday 01 December 2026, 10:00–11:00"."""
    if interview is None:
        return ""
    local = interview.at.astimezone(zone(profile.timezone))
    when = local.strftime("%A %d %B %Y, %H:%M")
    if interview.ends_at:
        when += interview.ends_at.astimezone(zone(profile.timezone)).strftime("–%H:%M")
    return when + f" ({profile.timezone})"


def prep_sheet_markdown(ctx: Context, query: str) -> str:
    return render_markdown(prep_sheet(ctx, query))


def prep_sheet_html(ctx: Context, query: str) -> str:
    return render_html(prep_sheet(ctx, query))


def prep_sheet_pages(ctx: Context, query: str) -> tuple[str, str]:
    """The prep sheet as Markdown and as a printable HTML page, from one reading."""
    sheet = prep_sheet(ctx, query)
    return render_markdown(sheet), render_html(sheet)
