"""The values a draft's template is rendered with, and the facts of the record it cites."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from topofmind.compose.draft_records import STAY_CONNECTED, DraftContext
from topofmind.compose.grammar import grammar
from topofmind.compose.introduction import Evidence, achievement_sentence, rank
from topofmind.compose.letter_parts import (
    achievement_detail,
    enthusiasm,
    letter_notes,
    note_sentences,
    panel_index,
    same_fact,
    wish_paragraph,
)
from topofmind.compose.notes import Note
from topofmind.compose.phrasing import day_phrase, join_names
from topofmind.compose.relationship import Relationship, relationship
from topofmind.compose.replies import (
    blank,
    proposed_times,
    reference_lines,
    request_kind,
    time_line,
    wanted_count,
    zone_words,
)
from topofmind.domain import moments, rule_names
from topofmind.domain.actions import Action
from topofmind.domain.enums import InteractionKind
from topofmind.domain.records import Opportunity, Person

#: How a kind of conversation is named in a letter.
MEETING_WORDS = {
    InteractionKind.INTERVIEW: "interview",
    InteractionKind.PHONE_SCREEN: "call",
    InteractionKind.CALL: "call",
    InteractionKind.MEETING: "meeting",
    InteractionKind.INFORMATIONAL_INTERVIEW: "conversation",
    InteractionKind.EVENT_CONVERSATION: "conversation",
}


#: Kinds whose body tells the organization's news itself, so the enthusiasm line does not.
NEWS_IN_BODY = frozenset(
    {
        rule_names.CHECK_IN,
        STAY_CONNECTED,
        rule_names.INFORMATIONAL_INTERVIEW,
        rule_names.COMPANY_NEWS,
    }
)


def template_variables(
    action: Action, context: DraftContext, kind: str, variant: int
) -> tuple[dict[str, Any], list[str]]:
    """The values the kind's template is rendered with, and the facts of the record they
    cite, in the order the person reads them."""
    context = _not_cited_before(context, kind)
    recipient = context.recipients[0] if context.recipients else None
    index = panel_index(context)
    slot = index + variant
    notes = letter_notes(context, recipient)
    wishes = _wishes(action, context, index)
    value, wish_detail, value_evidence = _value(context, notes, wishes, index)
    known = relationship(recipient, context)
    reply, reply_evidence = _reply_values(action, context)
    evidence = [
        *_conversation_evidence(context, notes),
        *value_evidence,
        *([f"wish I had covered: {wishes[0]}"] if wishes else []),
        *_record_evidence(context, known),
        *reply_evidence,
    ]
    when = _day(context.conversation.at, context) if context.conversation else ""
    sentences = note_sentences(context, recipient, slot)
    variables = {
        **_letter_values(action, context, recipient),
        **_conversation_values(context),
        **_achievement_values(context),
        **reply,
        "points": [n.text for n in notes],
        "point_sentences": sentences[:2],
        "point_text": " ".join(sentences[:2]),
        "wishes": wishes,
        "wish": wishes[0] if wishes else "",
        "wish_detail": wish_detail,
        "wish_paragraph": wish_paragraph(wishes[0], wish_detail, when or "when we spoke")
        if wishes
        else "",
        "value": value,
        "enthusiasm": enthusiasm(context, slot, news_said=kind in NEWS_IN_BODY),
        "relationship": known.kind,
        "relationship_detail": known.detail,
        "variant": slot,
    }
    return variables, evidence


def _not_cited_before(context: DraftContext, kind: str) -> DraftContext:
    """The context without the news or achievement already cited to these people (an
    update announces its achievement all the same)."""
    sent = " ".join(" ".join(text.split()) for text in context.sent_before).lower()
    if context.news is not None and context.news.title.lower() in sent:
        context = replace(context, news=None)  # already cited to them
    if (
        kind != rule_names.PERIODIC_UPDATE
        and context.achievement is not None
        and context.achievement.title.lower() in sent
    ):
        context = replace(context, achievement=None)
    return context


def _day(moment: datetime, context: DraftContext) -> str:
    return day_phrase(moment, context.now, context.profile.timezone)


def _wishes(action: Action, context: DraftContext, index: int) -> list[str]:
    """What one wishes one had said: told once, to the first of a panel."""
    conversation = context.conversation
    wishes = list(conversation.wishes) if conversation else list(action.refs.get("wish_texts", []))
    if len(context.conversation_people) > 1 and index > 0:
        wishes = []  # what one wishes one had said is told once, to the first of a panel
    return wishes


def _value(
    context: DraftContext, notes: list[Note], wishes: list[str], index: int
) -> tuple[str, str, list[str]]:
    """The accomplishment that restates value, the one that proves a wish, and the
    evidence line of the first."""
    best = _best_accomplishment(context, notes, index)
    value = best.sentence if best is not None else ""
    wish_detail = ""
    if wishes and context.accomplishments:
        closest = rank(context.accomplishments, wishes[0])[0]
        if closest.matched and not grammar(closest.sentence):
            wish_detail = closest.sentence
    if value and wishes and (value == wish_detail or same_fact(wishes[0], value)):
        value = ""  # a fact appears once
    if not value or best is None:
        return value, wish_detail, []
    return value, wish_detail, [f"accomplishment ({best.source}): {best.text}"]


def _best_accomplishment(context: DraftContext, notes: list[Note], index: int) -> Evidence | None:
    """Restating value: the person's own work (not a recent achievement, which updates
    announce), relevant to the posting, a quantified result preferred; each reader of a
    panel hears a different one."""
    opp = context.opportunity
    posting = " ".join([opp.posting_text, *opp.requirements]) if opp else ""
    own = [a for a in context.accomplishments if not a.source.startswith("achievement")]
    ranked = [
        e
        for e in rank(own, posting or " ".join(n.text for n in notes))
        if e.matched or e.quantified
    ]
    # Only what reads as a sentence ("Eight years building data platforms" does not).
    ranked = sorted((e for e in ranked if not grammar(e.sentence)), key=lambda e: not e.quantified)
    best = ranked[index] if index < len(ranked) else None
    if best is not None and (opp is not None or best.matched):
        return best
    return None


def _conversation_evidence(context: DraftContext, notes: list[Note]) -> list[str]:
    conversation = context.conversation
    if conversation is None:
        return []
    number = f" (#{conversation.id})" if conversation.id else ""
    return [
        f"{conversation.kind.label} {_day(conversation.at, context)}{number}",
        *(f"talking point: {n.text}" for n in notes[:2]),
    ]


def _record_evidence(context: DraftContext, known: Relationship) -> list[str]:
    """The facts of the record a letter may cite, beyond the conversation it follows."""
    evidence: list[str] = []
    if context.achievement is not None:
        evidence.append(f"achievement: {context.achievement.title}")
    evidence.extend(f"achievement: {a.title}" for a in context.more_achievements)
    if context.news is not None:
        evidence.append(f"news: {context.news.title}")
    if context.question is not None:
        evidence.append(f"open question: {context.question.text}")
    if context.request is not None:
        evidence.append(f"their request: {context.request.text}")
    if context.event is not None:
        evidence.append(f"event: {context.event.title}")
    if context.earlier is not None:
        said = _day(context.earlier.at, context)
        evidence.append(f"earlier {context.earlier.kind.label} {said} (#{context.earlier.id})")
    if known.kind:
        evidence.append(
            f"relationship: {known.kind}{' (' + known.detail + ')' if known.detail else ''}"
        )
    return evidence


def _reply_values(action: Action, context: DraftContext) -> tuple[dict[str, Any], list[str]]:
    """What a reply to a request offers (times, references), and the offer's deadline."""
    profile = context.profile
    request_due = ""
    if context.request is not None and context.request.due is not None:
        local = moments.local(context.request.due, profile.timezone)
        request_due = f"{local.strftime('%A')}, {local.day} {local.strftime('%B')}"
    request_text = context.request.text if context.request else ""
    asked_kind = request_kind(request_text) if request_text else ""
    times = (
        [time_line(t) for t in proposed_times(context.now, profile, context.busy)]
        if asked_kind == "times"
        else []
    )
    evidence = []
    if times:
        evidence.append(
            f"your working hours {profile.work_start:%H:%M}–{profile.work_end:%H:%M} and calendar"
        )
    references = (
        reference_lines(profile, wanted_count(request_text)) if asked_kind == "references" else []
    )
    offer_deadline = ""
    if action.refs.get("deadline"):
        due = datetime.fromisoformat(str(action.refs["deadline"]))
        local = moments.local(due, profile.timezone)
        offer_deadline = f"{local.strftime('%A')} {local.day} {local.strftime('%B')}"
    values = {
        "request": context.request,
        "request_kind": asked_kind,
        "request_text": request_text,
        "request_due": request_due,
        "offer_deadline": offer_deadline,
        "times": times,
        "time_zone": zone_words(profile.timezone),
        "references": references,
    }
    return values, evidence


def _letter_values(
    action: Action, context: DraftContext, recipient: Person | None
) -> dict[str, Any]:
    """Who writes to whom, about what opportunity."""
    profile = context.profile
    opp = context.opportunity
    return {
        "action": action,
        "me": profile,
        "my_first_name": profile.name.split()[0] if profile.name else "",
        "them": recipient,
        "greeting": join_names([p.first_name for p in context.recipients]) or "there",
        "org": context.organization,
        "role": opp.title if opp else "",
        # Their part in the opportunity, so each of a panel is thanked for their own.
        "their_part": _part(opp, recipient),
        "opportunity": opp,
        "stage": opp.stage.value if opp else "",
        "thread": context.thread,
        "blank": blank,
    }


def _conversation_values(context: DraftContext) -> dict[str, Any]:
    """The conversation the letter follows, an earlier one, the event, the ask."""
    conversation, earlier, event = context.conversation, context.earlier, context.event
    return {
        "conversation": conversation,
        "meeting": MEETING_WORDS.get(conversation.kind, "conversation") if conversation else "",
        "when": _day(conversation.at, context) if conversation else "",
        "earlier_meeting": MEETING_WORDS.get(earlier.kind, "conversation") if earlier else "",
        "earlier_when": _day(earlier.at, context) if earlier else "",
        "event": event,
        "event_when": _day(event.starts_at, context) if event else "",
        "asked_when": _day(context.asked_at, context) if context.asked_at else "",
    }


def _achievement_values(context: DraftContext) -> dict[str, Any]:
    """The achievement an update announces, the others it carries, the news, the question."""
    achievement = context.achievement
    return {
        "achievement": achievement,
        "achievement_line": achievement_sentence(achievement.kind.value, achievement.title)
        if achievement
        else "",
        "more_achievement_lines": [
            achievement_sentence(a.kind.value, a.title) for a in context.more_achievements
        ],
        "achievement_detail": achievement_detail(achievement.description) if achievement else "",
        "news": context.news,
        "question": context.question.text.strip() if context.question else "",
    }


def _part(opp: Opportunity | None, person: Person | None) -> str:
    """The recipient's role on the opportunity ("hiring-manager", "interviewer", ...)."""
    if opp is None or person is None:
        return ""
    return next((i.role.value for i in opp.people if i.person_id == person.id), "")
