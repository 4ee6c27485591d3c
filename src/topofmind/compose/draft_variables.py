"""The values a draft's template is rendered with, and the facts of the record it cites."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from topofmind.compose.draft_records import DraftContext
from topofmind.compose.grammar import grammar
from topofmind.compose.introduction import achievement_sentence, rank
from topofmind.compose.letter_parts import (
    achievement_detail,
    enthusiasm,
    letter_notes,
    note_sentences,
    panel_index,
    same_fact,
    wish_paragraph,
)
from topofmind.compose.phrasing import day_phrase, join_names
from topofmind.compose.relationship import relationship
from topofmind.compose.replies import (
    blank,
    proposed_times,
    reference_lines,
    request_kind,
    time_line,
    wanted_count,
    zone_words,
)
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


def template_variables(
    action: Action, context: DraftContext, kind: str, variant: int
) -> tuple[dict, list[str]]:
    sent = " ".join(" ".join(text.split()) for text in context.sent_before).lower()
    if context.news is not None and context.news.title.lower() in sent:
        context = replace(context, news=None)  # already cited to them
    if (
        kind != "periodic-update"
        and context.achievement is not None
        and context.achievement.title.lower() in sent
    ):
        context = replace(context, achievement=None)
    profile = context.profile
    recipient = context.recipients[0] if context.recipients else None
    opp = context.opportunity
    index = panel_index(context)
    slot = index + variant
    evidence: list[str] = []
    notes = letter_notes(context, recipient)
    sentences = note_sentences(context, recipient, slot)
    conversation = context.conversation
    if conversation is not None:
        said = day_phrase(conversation.at, context.now, profile.timezone)
        number = f" (#{conversation.id})" if conversation.id else ""
        evidence.append(f"{conversation.kind.label} {said}{number}")
        evidence.extend(f"talking point: {n.text}" for n in notes[:2])
    wishes = list(conversation.wishes) if conversation else list(action.refs.get("wish_texts", []))
    if len(context.conversation_people) > 1 and index > 0:
        wishes = []  # what one wishes one had said is told once, to the first of a panel
    posting = " ".join([opp.posting_text, *opp.requirements]) if opp else ""
    value = ""
    # Restating value: the person's own work (not a recent achievement, which updates
    # announce), relevant to the posting, a quantified result preferred; each reader of
    # a panel hears a different one.
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
        value = best.sentence
    wish_detail = ""
    if wishes and context.accomplishments:
        closest = rank(context.accomplishments, wishes[0])[0]
        if closest.matched and not grammar(closest.sentence):
            wish_detail = closest.sentence
    if value and wishes and (value == wish_detail or same_fact(wishes[0], value)):
        value = ""  # a fact appears once
    if value:
        evidence.append(f"accomplishment ({best.source}): {best.text}")
    if wishes:
        evidence.append(f"wish I had covered: {wishes[0]}")
    achievement_line = ""
    if context.achievement is not None:
        achievement_line = achievement_sentence(
            context.achievement.kind.value, context.achievement.title
        )
        evidence.append(f"achievement: {context.achievement.title}")
    more_lines = [achievement_sentence(a.kind.value, a.title) for a in context.more_achievements]
    detail = achievement_detail(context.achievement.description) if context.achievement else ""
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
        said = day_phrase(context.earlier.at, context.now, profile.timezone)
        evidence.append(f"earlier {context.earlier.kind.label} {said} (#{context.earlier.id})")
    known = relationship(recipient, context)
    if known.kind:
        evidence.append(
            f"relationship: {known.kind}{' (' + known.detail + ')' if known.detail else ''}"
        )
    request_due = ""
    if context.request is not None and context.request.due is not None:
        from zoneinfo import ZoneInfo

        local = context.request.due.astimezone(ZoneInfo(profile.timezone))
        request_due = f"{local.strftime('%A')}, {local.day} {local.strftime('%B')}"
    request_text = context.request.text if context.request else ""
    asked_kind = request_kind(request_text) if request_text else ""
    times = (
        [time_line(t) for t in proposed_times(context.now, profile, context.busy)]
        if asked_kind == "times"
        else []
    )
    if times:
        evidence.append(
            f"your working hours {profile.work_start:%H:%M}–{profile.work_end:%H:%M} and calendar"
        )
    references_ = (
        reference_lines(profile, wanted_count(request_text)) if asked_kind == "references" else []
    )
    offer_deadline = ""
    if action.refs.get("deadline"):
        from zoneinfo import ZoneInfo

        due = datetime.fromisoformat(str(action.refs["deadline"]))
        local = due.astimezone(ZoneInfo(profile.timezone))
        offer_deadline = f"{local.strftime('%A')} {local.day} {local.strftime('%B')}"
    when = day_phrase(conversation.at, context.now, profile.timezone) if conversation else ""
    meeting = MEETING_WORDS.get(conversation.kind, "conversation") if conversation else ""
    news_in_body = kind in {
        "check-in",
        "stay-connected",
        "informational-interview",
        "company-news",
    }
    variables = {
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
        "conversation": conversation,
        "meeting": meeting,
        "when": when,
        "earlier_meeting": MEETING_WORDS.get(context.earlier.kind, "conversation")
        if context.earlier
        else "",
        "earlier_when": day_phrase(context.earlier.at, context.now, profile.timezone)
        if context.earlier
        else "",
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
        "enthusiasm": enthusiasm(context, slot, news_said=news_in_body),
        "relationship": known.kind,
        "relationship_detail": known.detail,
        "request": context.request,
        "request_kind": asked_kind,
        "request_text": request_text,
        "request_due": request_due,
        "offer_deadline": offer_deadline,
        "times": times,
        "time_zone": zone_words(profile.timezone),
        "references": references_,
        "achievement": context.achievement,
        "achievement_line": achievement_line,
        "more_achievement_lines": more_lines,
        "achievement_detail": detail,
        "news": context.news,
        "question": context.question.text.strip() if context.question else "",
        "event": context.event,
        "event_when": day_phrase(context.event.starts_at, context.now, profile.timezone)
        if context.event
        else "",
        "asked_when": day_phrase(context.asked_at, context.now, profile.timezone)
        if context.asked_at
        else "",
        "thread": context.thread,
        "blank": blank,
        "variant": slot,
    }
    return variables, evidence


def _part(opp: Opportunity | None, person: Person | None) -> str:
    """The recipient's role on the opportunity ("hiring-manager", "interviewer", ...)."""
    if opp is None or person is None:
        return ""
    return next((i.role.value for i in opp.people if i.person_id == person.id), "")
