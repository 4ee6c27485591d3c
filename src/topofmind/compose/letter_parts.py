"""The parts of a letter drawn from the record: the talking points it may recall and
how they read as sentences, what one wishes one had said, an achievement's detail, and
why this organization."""

from __future__ import annotations

import re

from topofmind.compose.check_text import significant
from topofmind.compose.draft_records import DraftContext
from topofmind.compose.fragments import lower_first
from topofmind.compose.notes import (
    FRAMES,
    Note,
    note_sentence,
    read_note,
    split_notes,
    whose,
)
from topofmind.compose.phrasing import join_names
from topofmind.compose.word_forms import NOT_BEFORE_VERB, is_past, lemmas
from topofmind.domain.records import Person


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
    if detail and same_fact(wish, detail):
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
    return _with_article(lower_first(phrase))


def _with_article(phrase: str) -> str:
    """A bare singular noun phrase gets "the" ("streaming vs batch split" -> "the
    streaming vs batch split"); names, plurals, gerunds and lists stay as they are."""
    words = phrase.split()
    if not words or "," in phrase:
        return phrase
    first = words[0]
    low = first.lower()
    if first[:1].isupper() or first[:1].isdigit() or low in NOT_BEFORE_VERB:
        return phrase
    if low in {"how", "what", "why", "when", "where", "who", "whether", "your", "you", "my"}:
        return phrase
    last = re.sub(r"[^a-z]", "", words[-1].lower())
    last_is_singular = words[-1].lower() in lemmas(words[-1].lower()).get("NOUN", ())
    gerund_first = low.endswith("ing") and "NOUN" not in lemmas(low)
    if gerund_first and (len(words) < 3 or not last_is_singular):
        return phrase  # "mentoring juniors"; but "the streaming vs batch split"
    noun = lemmas(last).get("NOUN", ())
    if last and noun and last not in noun:
        return phrase  # a plural ("dashboards")
    return "the " + phrase


def same_fact(a: str, b: str) -> bool:
    numbers = set(re.findall(r"\d+%?", a)) & set(re.findall(r"\d+%?", b))
    if numbers:
        return True
    wanted = significant(a)
    return bool(wanted) and len(wanted & significant(b)) / len(wanted) >= 0.5


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


def _unsent(sentences: list[str], context: DraftContext) -> list[str]:
    """Sentences not already sent to these people."""
    sent = " ".join(" ".join(text.split()) for text in context.sent_before).lower()
    return [s for s in sentences if s.lower().rstrip(".") not in sent]
