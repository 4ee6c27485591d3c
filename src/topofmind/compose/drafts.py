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
from datetime import datetime, timedelta
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, Undefined

from topofmind.compose.check import (
    BLANK,
    BLANK_CLOSE,
    BLANK_OPEN,
    CheckFacts,
    Finding,
    check_draft,
    grammar,
    references,
    significant,
)
from topofmind.compose.introduction import (
    Accomplishment,
    achievement_sentence,
    rank,
)
from topofmind.compose.notes import (
    FRAMES,
    NOT_BEFORE_VERB,
    Note,
    is_past,
    lower_first,
    note_sentence,
    read_note,
    split_notes,
    whose,
)
from topofmind.compose.phrasing import day_phrase, join_names
from topofmind.domain.actions import Action, ActionState
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
    #: The other people of the conversation the draft follows, each written to apart.
    panel: list[Person] = field(default_factory=list)
    #: The person's calendar: (start, end) of what is scheduled, so proposed times are free.
    busy: list[tuple[datetime, datetime]] = field(default_factory=list)


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
    def blanks(self) -> list[str]:
        """The marked blanks (``[[...]]``) left for the person to fill, in order."""
        return BLANK.findall(self.text)

    @property
    def ready(self) -> bool:
        """Whether it can go as it is: no finding, no blank."""
        return not self.findings and not self.blanks

    @property
    def to(self) -> str:
        """Whom it goes to, as said after sending: addresses for an email, names otherwise."""
        email = self.channel == "email"
        return ", ".join((r.email or r.name) if email else r.name for r in self.recipients)


class _Placeholder(Undefined):
    """A value the record cannot fill: visible, so the check flags it."""

    def __str__(self) -> str:
        return f"{BLANK_OPEN}{self._undefined_name}{BLANK_CLOSE}"

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


def panel_index(context: DraftContext) -> int:
    """The recipient's place among the people of the conversation (0 for one reader)."""
    if not context.recipients or len(context.conversation_people) < 2:
        return 0
    first = context.recipients[0].first_name
    people = context.conversation_people
    return people.index(first) if first in people else 0


def letter_notes(context: DraftContext, recipient: Person | None) -> list[Note]:
    """The talking points this letter may recall: the recipient's own, then their share of
    the unmarked ones; never a note marked for, or naming, someone else."""
    if context.conversation is None:
        return []
    people = context.conversation_people or (
        [recipient.first_name] if recipient is not None else []
    )
    if recipient is not None and recipient.first_name not in people:
        people = [*people, recipient.first_name]
    notes = [read_note(p, people) for p in split_notes(context.conversation.points)]
    if recipient is None:
        return [n for n in notes if not n.owner]
    return whose(notes, people).get(recipient.first_name, [])


def foreign_notes(context: DraftContext, recipient: Person | None) -> list[str]:
    """Notes that belong to someone else in the conversation, which this letter must not use."""
    if context.conversation is None or recipient is None:
        return []
    people = context.conversation_people or [recipient.first_name]
    notes = [read_note(p, people) for p in split_notes(context.conversation.points)]
    return [n.text for n in notes if n.owner and n.owner != recipient.first_name]


def note_sentences(context: DraftContext, recipient: Person | None, slot: int) -> list[str]:
    """The letter's notes as sentences, each in a frame its shape fits, never two in a row
    opening alike, none already sent to them."""
    reader = recipient.first_name if recipient is not None else ""
    out: list[str] = []
    for note in letter_notes(context, recipient):
        for step in range(len(FRAMES["phrase"])):
            said = note_sentence(note, reader, slot + len(out) + step)
            if said is None:
                break
            if not out or said.split()[:2] != out[-1].split()[:2]:
                break
        if said is not None and said not in out:
            out.append(said)
    return _unsent(out, context)


def wish_paragraph(wish: str, detail: str, when: str) -> str:
    """What one wishes one had said, said: the accomplishment that proves it when the
    record has one (the fact once), else the wish in a frame that fits any phrase."""
    wish = wish.strip().rstrip(".")
    if not wish:
        return ""
    if detail and _same_fact(wish, detail):
        return f"There is one thing I did not get to say {when}. {detail}".replace("  ", " ")
    first = wish.split()[0].lower()
    if first == "i":
        text = f"I did not get to mention that {wish}."
    elif first in {"how", "what", "why", "when", "where", "whether"}:
        text = f"I did not get to tell you {wish}."
    elif wish.split()[0][:1].islower() and wish.split()[0].lower() not in NOT_BEFORE_VERB:
        text = f"I did not get to tell you about my {wish}."
    else:
        text = f"I did not get to tell you about {_article(wish)}."
    return f"{text} {detail}".strip() if detail else text


def _article(phrase: str) -> str:
    from topofmind.compose.notes import _with_article

    return _with_article(lower_first(phrase))


def _same_fact(a: str, b: str) -> bool:
    numbers = set(re.findall(r"\d+%?", a)) & set(re.findall(r"\d+%?", b))
    if numbers:
        return True
    wanted = significant(a)
    return bool(wanted) and len(wanted & significant(b)) / len(wanted) >= 0.5


# -- replies ------------------------------------------------------------------------

_TIMES = re.compile(
    r"\b(times?|slots?|availability|available|when (?:works|suits)|schedule|calendar)\b",
    re.IGNORECASE,
)
_REFERENCES = re.compile(r"\breferences?\b|\breferees?\b", re.IGNORECASE)
_ATTACHMENT = re.compile(
    r"\b(r[ée]sum[ée]|cv|portfolio|work samples?|writing samples?|transcripts?)\b", re.IGNORECASE
)


def request_kind(text: str) -> str:
    """What a request asks for: "times", "references", "attachment", "question" or "other"."""
    if _TIMES.search(text):
        return "times"
    if _REFERENCES.search(text):
        return "references"
    if _ATTACHMENT.search(text):
        return "attachment"
    if text.strip().endswith("?"):
        return "question"
    return "other"


def proposed_times(
    now: datetime, profile: Profile, busy: list[tuple[datetime, datetime]], count: int = 3
) -> list[datetime]:
    """Meeting times to offer: the next working days, within working hours, clear of
    the calendar (45 minutes with a quarter of an hour either side)."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(profile.timezone)
    local = now.astimezone(zone)
    start = datetime.combine(local.date(), profile.work_start, tzinfo=zone)
    end_of_day = profile.work_end
    offsets = (timedelta(hours=1), timedelta(hours=5), timedelta(hours=2), timedelta(hours=4))
    found: list[datetime] = []
    day = start
    for _ in range(21):
        day += timedelta(days=1)
        if day.weekday() not in profile.work_days:
            continue
        for offset in offsets[len(found) % 2 :: 2] + offsets:
            moment = day + offset
            finish = moment + timedelta(minutes=45)
            if finish.time() > end_of_day or moment.time() < profile.work_start:
                continue
            margin = timedelta(minutes=15)
            if any(
                moment - margin < b_end and finish + margin > b_start for b_start, b_end in busy
            ):
                continue
            found.append(moment)
            break
        if len(found) >= count:
            break
    return found


def time_line(moment: datetime) -> str:
    return f"- {moment.strftime('%A')} {moment.day} {moment.strftime('%B')} at {moment:%H:%M}"


def zone_words(tz: str) -> str:
    return tz.split("/")[-1].replace("_", " ") + " time"


def reference_lines(profile: Profile, wanted: int = 2) -> list[str]:
    """The references in the profile (JSON Resume ``references``), each on its own line;
    a blank to fill for each one the record lacks."""
    lines = []
    for item in ((profile.resume or {}).get("references") or [])[:wanted]:
        name = (item.get("name") or "").strip()
        if not name:
            continue
        how = ", ".join(
            v.strip() for v in (item.get("email"), item.get("phone")) if v and v.strip()
        )
        role = (item.get("reference") or "").strip()
        if role.split() and role.split()[0] in {"My", "Our", "The", "A", "An"}:
            role = role[0].lower() + role[1:]
        line = f"- {name}"
        if role and len(role) <= 80:
            line += f" ({role.rstrip('.')})"
        line += f": {how}" if how else f": {blank('email or phone for ' + name)}"
        lines.append(line)
    while len(lines) < wanted:
        lines.append(f"- {blank(f'reference {len(lines) + 1}: name, role, email')}")
    return lines


def blank(what: str) -> str:
    """A clearly marked blank for the person to fill ("[[...]]"); the check refuses to call
    a draft ready while one remains."""
    return f"{BLANK_OPEN}{what}{BLANK_CLOSE}"


def _wanted_count(text: str) -> int:
    words = {"one": 1, "two": 2, "three": 3, "a couple": 2, "couple": 2, "a few": 3}
    low = text.lower()
    for word, n in words.items():
        if re.search(rf"\b{word}\b", low):
            return n
    digit = re.search(r"\b([1-5])\b", low)
    return int(digit.group(1)) if digit else 2


#: Verbs with which a description only restates that the achievement was had.
RESTATING = frozenset({"passed", "earned", "completed", "obtained", "received", "got", "achieved"})


def achievement_detail(description: str | None) -> str:
    """An achievement's description as a sentence of the letter, or "" where it would only
    restate the title. Notes are jotted without a subject ("Passed the exam (Glue,
    Redshift)"): one that opens with a past verb is told in the first person."""
    text = " ".join((description or "").split()).strip()
    if not text:
        return ""
    first = text.split()[0].strip(",.;:").lower()
    if first in RESTATING:
        return ""
    if is_past(first) and first not in {"i", "we"}:
        text = "I " + text[0].lower() + text[1:]
    return text if text[-1] in ".!?" else text + "."


# -- what makes a letter this organization's ----------------------------------------


def enthusiasm(context: DraftContext, slot: int, *, news_said: bool = False) -> str:
    """Why this organization, from what the record holds about it: its news, what its
    posting asks for that the person does, else the organization itself."""
    org = context.organization
    opp = context.opportunity
    if not org:
        return ""
    if context.news is not None and not news_said:
        title = context.news.title
        return (
            f"Your recent news, “{title}”, made me even keener to join {org}.",
            f"I read “{title}” with interest: one more reason to want to be part of {org}.",
            f"Since reading “{title}”, I am all the more drawn to the work at {org}.",
        )[slot % 3]
    posting = " ".join([opp.posting_text, *opp.requirements]) if opp else ""
    skills = [
        s
        for s in context.profile.skills
        if s and re.search(rf"(?<!\w){re.escape(s)}(?!\w)", posting, re.IGNORECASE)
    ]
    if skills:
        focus = join_names(skills[slot % len(skills) :][:2] or skills[:2])
        return (
            f"The role's focus on {focus} is exactly the work I want to do at {org}.",
            f"Working on {focus} at {org} is what draws me most to this role.",
            f"I would be glad to put my experience with {focus} to work at {org}.",
        )[slot % 3]
    role = f"the {opp.title} role" if opp else "the work"
    return (
        f"I came away keen to bring my work to {org}.",
        f"I would be glad to take on {role} at {org}.",
        f"I came away wanting to work at {org} all the more.",
    )[slot % 3]


# -- the relationship on record -------------------------------------------------------

_COLLEAGUE = re.compile(
    r"\b(former|ex-?|old)\s+(colleague|co-?worker|teammate|manager|boss|report)\b"
    r"|\bworked (?:together|with (?:me|them|him|her))\b|\bused to work\b",
    re.IGNORECASE,
)
_AT_PLACE = re.compile(r"\bat ([A-Z][\w&.-]*(?: [A-Z][\w&.-]*)*)")
_MET = re.compile(r"\bmet (?:them |him |her )?(?:at|during|through) ([^.;,]+)", re.IGNORECASE)
_REFERRED = re.compile(
    r"\b(?:referred|introduced|intro(?:duced)?) (?:to me )?by ([A-Z][\w'-]*(?: [A-Z][\w'-]*)?)"
)


@dataclass(frozen=True)
class Relationship:
    """How the person knows the recipient: "colleague", "met", "referred" or ""."""

    kind: str = ""
    #: Where they worked together, where they met, or who introduced them.
    detail: str = ""


def relationship(person: Person | None, context: DraftContext | None = None) -> Relationship:
    """The relationship the record notes about ``person``: their notes ("former colleague
    at Fieldstone", "met at PyData", "referred by Ana Silva"), else a conversation at an
    event."""
    notes = person.notes if person is not None else ""
    if notes and _COLLEAGUE.search(notes):
        place = _AT_PLACE.search(notes[_COLLEAGUE.search(notes).start() :])
        return Relationship("colleague", place.group(1) if place else "")
    if notes:
        referred = _REFERRED.search(notes)
        if referred:
            return Relationship("referred", referred.group(1).strip())
        met = _MET.search(notes)
        if met:
            return Relationship("met", met.group(1).strip())
    if context is not None and context.event is not None:
        return Relationship("met", context.event.title)
    return Relationship()


def _variables(
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
    if value and wishes and (value == wish_detail or _same_fact(wishes[0], value)):
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
        reference_lines(profile, _wanted_count(request_text)) if asked_kind == "references" else []
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


def _unsent(sentences: list[str], context: DraftContext) -> list[str]:
    """Sentences not already sent to these people."""
    sent = " ".join(" ".join(text.split()) for text in context.sent_before).lower()
    return [s for s in sentences if s.lower().rstrip(".") not in sent]


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


def check_facts(kind: str, context: DraftContext, siblings: list[str] | None = None) -> CheckFacts:
    allowed = [context.organization]
    allowed += [p.organization_name for p in context.recipients if p.organization_name]
    if context.opportunity is not None:
        allowed.append(context.opportunity.organization_name)
    recipient = context.recipients[0] if context.recipients else None
    conversation: list[str] = []
    if context.conversation is not None and kind not in {"connect", "informational-nudge"}:
        conversation = [n.text for n in letter_notes(context, recipient)]
        if not conversation and not context.conversation.points:
            conversation = [context.conversation.summary] if context.conversation.summary else []
    others = [p.name for p in context.panel]
    others += [
        n for n in context.conversation_people if recipient is None or n != recipient.first_name
    ]
    return CheckFacts(
        kind=kind,
        recipients=[p.name for p in context.recipients],
        allowed_organizations=[a for a in dict.fromkeys(allowed) if a],
        other_organizations=context.other_organizations,
        conversation=conversation,
        sent_before=context.sent_before,
        others=list(dict.fromkeys(others)),
        foreign_notes=foreign_notes(context, recipient),
        panel_letters=siblings or [],
        stage=context.opportunity.stage.value if context.opportunity else "",
        relationship=relationship(recipient, context).kind,
    )


def _draft(action: Action, context: DraftContext, kind: str, variant: int) -> Draft:
    variables, evidence = _variables(action, context, kind, variant)
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
        evidence=cited(evidence, body),
    )
    if context.thread is not None:
        draft.in_reply_to = context.thread.message_id
        draft.references = [*context.thread.references]
        if context.thread.message_id and context.thread.message_id not in draft.references:
            draft.references.append(context.thread.message_id)
    return draft


#: Kinds written to each person of a conversation, which a panel compares.
PANEL_KINDS = frozenset({"thank-you", "connect"})


def panel_letters(action: Action, context: DraftContext) -> list[str]:
    """The bodies of the other letters after the same conversation (a panel compares notes)."""
    kind = draft_kind(action)
    bodies: list[str] = []
    if kind not in PANEL_KINDS:
        return bodies
    for person in context.panel:
        other = replace(context, recipients=[person], panel=[])
        mine = replace(action, people=[person.id] if person.id is not None else [])
        bodies.append(_draft(mine, other, kind, 0).body)
    return bodies


def compose(action: Action, context: DraftContext) -> Draft:
    """The draft for ``action``, checked; raises NotDraftable for actions not done by writing."""
    if not action.draftable:
        raise NotDraftable(
            f"'{action.title}' is not done by writing to someone, so it has no draft."
        )
    kind = draft_kind(action)
    siblings = panel_letters(action, context)
    best: Draft | None = None
    # Someone written to before should not read the same sentences again, nor a panel
    # the same sentences in two letters: try the other wordings and keep the first that
    # passes (else the cleanest).
    for variant in range(VARIANTS):
        draft = _draft(action, context, kind, variant)
        draft.findings = check(draft, context, siblings)
        if best is None or len(draft.findings) < len(best.findings):
            best = draft
        if not draft.findings:
            break
    assert best is not None
    return best


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
        elif label in {"relationship", "your working hours"} or label.startswith("your working"):
            used = True
        else:
            used = not fact or references(body, [fact])
        if used:
            kept.append(line)
    return kept


def check(draft: Draft, context: DraftContext, siblings: list[str] | None = None) -> list[Finding]:
    """The check of a draft as it stands (generated or edited): grammar, reader, blanks,
    other people's notes, sentences shared with a panel's other letters or sent before."""
    if siblings is None and context.panel:
        action = Action(
            id=draft.action_id,
            rule=draft.kind,
            title="",
            why="",
            due=context.now,
            state=ActionState.DUE,
            people=[r.person_id for r in draft.recipients if r.person_id is not None],
        )
        siblings = panel_letters(action, context)
    return check_draft(draft.subject, draft.body, check_facts(draft.kind, context, siblings))
