"""A specific, personal draft for every action that is done by writing.

``compose(action, context)`` is pure: everything a draft may say is gathered
beforehand into a ``DraftContext`` (by ``services.drafting``), and a Jinja2
template per kind turns it into words. A person can override any template by
putting a file of the same name in ``<data dir>/templates/drafts/``. A template's
first line may be ``Subject: ...``; the rest is the body. Variables a template uses
but the record cannot fill render as ``[[name]]`` so the check flags them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, Undefined

from topofmind.compose.check import CheckFacts, Finding, check_draft, references
from topofmind.compose.introduction import (
    Accomplishment,
    achievement_sentence,
    rank,
)
from topofmind.compose.phrasing import (
    addressed_to,
    day_phrase,
    join_names,
    point_sentence,
    split_points,
    strip_speaker,
)
from topofmind.domain.actions import Action
from topofmind.domain.enums import InteractionKind
from topofmind.domain.records import (
    Achievement,
    Event,
    Interaction,
    NewsItem,
    Opportunity,
    Person,
    Profile,
    Question,
    Request,
)
from topofmind.errors import NotDraftable
from topofmind.playbook.words import asked

#: Wordings each template offers through ``variant`` (0, 1, 2), for people written to before.
VARIANTS = 3

#: Kinds whose template is a LinkedIn note rather than an email.
LINKEDIN_KINDS = {"connect"}

#: How a kind of conversation is named in a letter.
MEETING_WORDS = {
    InteractionKind.INTERVIEW: "interview",
    InteractionKind.PHONE_SCREEN: "call",
    InteractionKind.CALL: "call",
    InteractionKind.MEETING: "meeting",
    InteractionKind.INFORMATIONAL_INTERVIEW: "conversation",
    InteractionKind.EVENT_CONVERSATION: "conversation",
}


@dataclass
class Recipient:
    name: str
    email: str = ""
    person_id: int | None = None


@dataclass
class Thread:
    """The message a draft answers, so the reply stays in its thread."""

    subject: str
    message_id: str | None = None
    references: list[str] = field(default_factory=list)


@dataclass
class DraftContext:
    """Everything from the record a draft may use, gathered by ``services.drafting``."""

    profile: Profile
    now: datetime
    recipients: list[Person] = field(default_factory=list)
    opportunity: Opportunity | None = None
    organization: str = ""
    #: The conversation the draft follows, or the last one with the recipient.
    conversation: Interaction | None = None
    #: First names of everyone in that conversation (to tell whose points are whose).
    conversation_people: list[str] = field(default_factory=list)
    #: An earlier conversation with the recipient, which a thank-you builds on.
    earlier: Interaction | None = None
    request: Request | None = None
    thread: Thread | None = None
    achievement: Achievement | None = None
    #: Other achievements the person has not heard of, which an update carries along.
    more_achievements: list[Achievement] = field(default_factory=list)
    news: NewsItem | None = None
    #: An open question to ask, when the action asks for one.
    question: Question | None = None
    event: Event | None = None
    #: Accomplishments to restate value with (ranked against the posting per draft).
    accomplishments: list[Accomplishment] = field(default_factory=list)
    #: Bodies already sent to the recipients, for the repeated-sentence check.
    sent_before: list[str] = field(default_factory=list)
    other_organizations: list[str] = field(default_factory=list)
    #: When the earlier message a nudge follows was sent.
    asked_at: datetime | None = None
    #: Folder of the person's own templates.
    template_dir: Path | None = None


@dataclass
class Draft:
    action_id: str
    kind: str
    recipients: list[Recipient]
    subject: str
    body: str
    channel: str = "email"
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    #: The facts from the record the draft cites, for the person to see.
    evidence: list[str] = field(default_factory=list)
    edited: bool = False
    #: "template" or "llm".
    source: str = "template"
    findings: list[Finding] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Subject and body as one editable text."""
        head = f"Subject: {self.subject}\n\n" if self.channel == "email" else ""
        return head + self.body

    @property
    def to(self) -> str:
        """Whom it goes to, as said after sending: addresses for an email, names otherwise."""
        email = self.channel == "email"
        return ", ".join((r.email or r.name) if email else r.name for r in self.recipients)


class _Placeholder(Undefined):
    """A value the record cannot fill: visible, so the check flags it."""

    def __str__(self) -> str:
        return f"[[{self._undefined_name}]]"

    def __iter__(self):
        return iter(())

    def __bool__(self) -> bool:
        return False


def environment(template_dir: Path | None = None) -> Environment:
    loaders = []
    if template_dir is not None:
        loaders.append(FileSystemLoader(str(template_dir)))
    loaders.append(PackageLoader("topofmind.compose", "templates/drafts"))
    return Environment(
        loader=ChoiceLoader(loaders),
        undefined=_Placeholder,
        trim_blocks=False,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        autoescape=False,
    )


def draft_kind(action: Action) -> str:
    """The template an action's draft comes from."""
    refs = action.refs or {}
    if action.rule == "informational-interview" and (refs.get("nudge") or "nudge" in action.id):
        return "informational-nudge"
    if action.rule == "close-the-loop" and (
        refs.get("kind") == "stay-connected" or "touch" in action.id
    ):
        return "stay-connected"
    return action.rule


def _person_points(context: DraftContext, recipient: Person | None) -> list[str]:
    """The talking points of the conversation that concern this recipient."""
    if context.conversation is None:
        return []
    points = split_points(context.conversation.points)
    if recipient is None:
        return sorted((strip_speaker(p) for p in points), key=_fragmented)
    others = [n for n in context.conversation_people if n != recipient.first_name]
    mine = [p for p in points if addressed_to(p, others, recipient.first_name) is True]
    shared = [p for p in points if addressed_to(p, others, recipient.first_name) is None]
    # Notes jotted as comma-separated fragments read badly in a sentence: use them last.
    return sorted(mine, key=_fragmented) + sorted(shared, key=_fragmented)


def _fragmented(point: str) -> bool:
    return "," in strip_speaker(point)


def _variables(action: Action, context: DraftContext, kind: str) -> tuple[dict, list[str]]:
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
    evidence: list[str] = []
    points = _person_points(context, recipient)
    conversation = context.conversation
    if conversation is not None:
        said = day_phrase(conversation.at, context.now, profile.timezone)
        number = f" (#{conversation.id})" if conversation.id else ""
        evidence.append(f"{conversation.kind.label} {said}{number}")
        evidence.extend(f"talking point: {p}" for p in points[:2])
    wishes = list(conversation.wishes) if conversation else list(action.refs.get("wish_texts", []))
    posting = " ".join([opp.posting_text, *opp.requirements]) if opp else ""
    value = ""
    # Restating value: the person's own work (not a recent achievement, which updates
    # announce), relevant to the posting, a quantified result preferred.
    own = [a for a in context.accomplishments if not a.source.startswith("achievement")]
    ranked = [e for e in rank(own, posting or " ".join(points)) if e.matched or e.quantified]
    best = next((e for e in ranked[:3] if e.quantified), ranked[0] if ranked else None)
    if best is not None and (opp is not None or best.matched):
        value = best.sentence
    wish_detail = ""
    if wishes and context.accomplishments:
        closest = rank(context.accomplishments, wishes[0])[0]
        if closest.matched:
            wish_detail = closest.sentence
            if value == wish_detail:
                value = ""
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
    if profile.goals:
        evidence.append(f"your goal: {profile.goals[0]}")
    request_due = ""
    if context.request is not None and context.request.due is not None:
        from zoneinfo import ZoneInfo

        local = context.request.due.astimezone(ZoneInfo(profile.timezone))
        request_due = f"{local.strftime('%A')}, {local.day} {local.strftime('%B')}"
    request_how, request_text = asked(context.request.text) if context.request else ("", "")
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
        "meeting": MEETING_WORDS.get(conversation.kind, "conversation") if conversation else "",
        "when": day_phrase(conversation.at, context.now, profile.timezone) if conversation else "",
        "earlier_meeting": MEETING_WORDS.get(context.earlier.kind, "conversation")
        if context.earlier
        else "",
        "earlier_when": day_phrase(context.earlier.at, context.now, profile.timezone)
        if context.earlier
        else "",
        "points": points,
        "point_sentences": _vary(_unsent([point_sentence(p) for p in points], context)[:2]),
        "point_text": " ".join(_joined(_unsent([point_sentence(p) for p in points], context)[:2])),
        "wishes": wishes,
        "wish": wishes[0] if wishes else "",
        "wish_detail": wish_detail,
        "value": value,
        "goal": profile.goals[0].rstrip(".") if profile.goals else "",
        "request": context.request,
        # "send two references" (asked to), "two references" (asked for), or a question.
        "request_how": request_how,
        "request_text": re.sub(r"^let me\b", "let you", request_text),
        "request_due": request_due,
        "achievement": context.achievement,
        "achievement_line": achievement_line,
        "more_achievement_lines": more_lines,
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
    }
    return variables, evidence


def _part(opp: Opportunity | None, person: Person | None) -> str:
    """The recipient's role on the opportunity ("hiring-manager", "interviewer", ...)."""
    if opp is None or person is None:
        return ""
    return next((i.role.value for i in opp.people if i.person_id == person.id), "")


def _unsent(sentences: list[str], context: DraftContext) -> list[str]:
    """Sentences not already sent to these people (all of them if every one was)."""
    sent = " ".join(" ".join(text.split()) for text in context.sent_before).lower()
    fresh = [s for s in sentences if s.lower().rstrip(".") not in sent]
    return fresh or sentences


def _vary(sentences: list[str]) -> list[str]:
    """Avoid opening two sentences in a row the same way."""
    out: list[str] = []
    for sentence in sentences:
        if out and sentence.split()[:3] == out[-1].split()[:3]:
            head, _, rest = sentence.partition(" that ")
            sentence = f"{head.replace('I ', 'I also ', 1)} that {rest}" if rest else sentence
        out.append(sentence)
    return out


def _joined(sentences: list[str]) -> list[str]:
    """Sentences that open the same way made one: "I appreciated that you walked through
    the design and that you asked about testing.", not two "I appreciated that" in a row."""
    out: list[str] = []
    for sentence in sentences:
        head, _, rest = sentence.partition(" that ")
        if out and rest and out[-1].startswith(f"{head} that "):
            out[-1] = f"{out[-1].rstrip('.')} and that {rest}"
        else:
            out.append(sentence)
    return out


def render(kind: str, variables: dict, template_dir: Path | None = None) -> tuple[str, str]:
    """Subject and body from the kind's template (the person's own if they have one)."""
    env = environment(template_dir)
    names = env.list_templates()
    name = f"{kind}.txt" if f"{kind}.txt" in names else "generic.txt"
    text = env.get_template(name).render(**variables)
    return split_text(text)


def split_text(text: str) -> tuple[str, str]:
    """A "Subject: ..." first line and the body after it, tidied."""
    lines = text.strip("\n").splitlines()
    subject = ""
    if lines and lines[0].lower().startswith("subject:"):
        subject = lines[0].split(":", 1)[1].strip()
        lines = lines[1:]
    body = "\n".join(line.rstrip() for line in lines).strip("\n")
    body = re.sub(r"\n{3,}", "\n\n", body)
    body = re.sub(r"[ \t]{2,}", " ", body)
    return subject, body


def check_facts(kind: str, context: DraftContext, points: list[str]) -> CheckFacts:
    allowed = [context.organization]
    allowed += [p.organization_name for p in context.recipients if p.organization_name]
    if context.opportunity is not None:
        allowed.append(context.opportunity.organization_name)
    conversation: list[str] = []
    if context.conversation is not None and kind not in {"connect", "informational-nudge"}:
        conversation = points or (
            [context.conversation.summary] if context.conversation.summary else []
        )
    return CheckFacts(
        kind=kind,
        recipients=[p.name for p in context.recipients],
        allowed_organizations=[a for a in dict.fromkeys(allowed) if a],
        other_organizations=context.other_organizations,
        conversation=conversation,
        sent_before=context.sent_before,
    )


def compose(action: Action, context: DraftContext) -> Draft:
    """The draft for ``action``, checked; raises NotDraftable for actions not done by writing."""
    if not action.draftable:
        raise NotDraftable(
            f"'{action.title}' is not done by writing to someone, so it has no draft."
        )
    kind = draft_kind(action)
    variables, evidence = _variables(action, context, kind)
    variables["variant"] = 0
    subject, body = render(kind, variables, context.template_dir)
    draft = Draft(
        action_id=action.id,
        kind=kind,
        recipients=[
            Recipient(p.name, p.emails[0] if p.emails else "", p.id) for p in context.recipients
        ],
        subject=subject,
        body=body,
        channel="linkedin" if kind in LINKEDIN_KINDS else "email",
        evidence=evidence,
    )
    if context.thread is not None:
        draft.in_reply_to = context.thread.message_id
        draft.references = [*context.thread.references]
        if context.thread.message_id and context.thread.message_id not in draft.references:
            draft.references.append(context.thread.message_id)
    draft.evidence = cited(evidence, body)
    draft.findings = check(draft, context)
    # Someone written to before should not read the same sentences again: try the
    # template's other wordings and keep the first that passes (else the cleanest).
    for variant in range(1, VARIANTS):
        if not draft.findings:
            break
        subject, body = render(kind, {**variables, "variant": variant}, context.template_dir)
        other = replace(draft, subject=subject, body=body, evidence=cited(evidence, body))
        other.findings = check(other, context)
        if len(other.findings) < len(draft.findings):
            draft = other
    return draft


#: Facts a body names word for word when it uses them: a title that merely shares a few
#: words with the body (an "AWS Certified Data Engineer" beside a "Data Engineer" role)
#: is not cited.
NAMED = frozenset({"achievement", "news", "event"})


def cited(evidence: list[str], body: str) -> list[str]:
    """The facts the body actually uses (the conversation it follows always counts)."""
    flat = " ".join(body.lower().split())
    kept = []
    for line in evidence:
        label, _, fact = line.partition(": ")
        if label in NAMED:
            used = " ".join(fact.lower().split()) in flat
        else:
            used = not fact or references(body, [fact])
        if used:
            kept.append(line)
    return kept


def check(draft: Draft, context: DraftContext) -> list[Finding]:
    """The personalization check of a draft as it stands (generated or edited)."""
    points = _person_points(context, context.recipients[0] if context.recipients else None)
    return check_draft(draft.subject, draft.body, check_facts(draft.kind, context, points))
