"""Respond promptly: answer every request, and every unanswered message on an active opportunity.

Chapter strategy, "Stay proactive and responsive": "Respond promptly to any
requests or inquiries from the hiring manager." A reply is never held back by
the spacing guard: they wrote to you.

Evidence: for a request, an outbound message (or call) to one of its authors after it,
since speaking in a meeting does not send what was asked for; for a message, an outbound
message or a conversation with its author after it.
Defaults: the request's own deadline when it has one, else
``respond_business_days`` (1) business day in your working hours, because a prompt
answer is what the chapter asks; a Friday 17:30 question is due Monday, not
Saturday. Only a message that asks something (a question, a request, a proposal of
times; ``domain.purposes.asks``, English cues) wants a reply: "Thanks, we will be in
touch" and confirmations do not. A reply recorded after the message in the same minute
answers it. Only the latest unanswered message per person is proposed. A request stays
proposed ``respond_request_days`` (45) after it was made, a message
``respond_message_days`` (21) after it came in; later, the check-in takes over.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from topofmind.domain import rule_names
from topofmind.domain.actions import Action
from topofmind.domain.facts import Facts, Message, RequestFacts
from topofmind.domain.purposes import asks
from topofmind.domain.records import Profile
from topofmind.playbook.guards import settings_for
from topofmind.playbook.offer import offer_request
from topofmind.playbook.proposal import propose
from topofmind.playbook.registry import rule
from topofmind.playbook.timing import add_business_days
from topofmind.playbook.words import ago, asked_words, clock_words, due_words, names, quote
from topofmind.settings import Settings

NAME = rule_names.RESPOND_PROMPTLY


def request_due(request: RequestFacts, settings: Settings, profile: Profile) -> datetime:
    """The deadline they gave, else ``respond_business_days`` after they asked."""
    return request.due or add_business_days(request.at, settings.respond_business_days, profile)


def _answered(facts: Facts, authors, moment: datetime, record_id: int) -> bool:
    return any(facts.person(p).contact.answered_after(moment, record_id) for p in authors)


def request_answered(facts: Facts, request: RequestFacts) -> bool:
    """A message (or call) of ours to one of its authors since (recorded after it, when in
    the same minute): a meeting or interview alone does not deliver the references or the
    portfolio they asked for."""
    return any(
        facts.person(p).contact.wrote_after(request.at, request.interaction_id)
        for p in request.authors
    )


@rule(
    NAME,
    "Stay proactive and responsive",
    ("respond_business_days", "respond_request_days", "respond_message_days"),
)
def respond(facts: Facts, now: datetime, settings: Settings, profile: Profile) -> list[Action]:
    answers = [_answer(facts, request, now, settings, profile) for request in facts.requests]
    with_requests = {request.interaction_id for request in facts.requests}
    replies = [
        _reply(facts, person_id, message, now, settings, profile)
        for person_id, message in _latest_asks(facts, with_requests).items()
    ]
    return [action for action in (*answers, *replies) if action is not None]


def _answer(
    facts: Facts, request: RequestFacts, now: datetime, settings: Settings, profile: Profile
) -> Action | None:
    """The answer owed to ``request``, if it is still open and still worth proposing."""
    opp = facts.opportunity(request.opportunity_id)
    if (opp is not None and opp.is_closed) or not request.authors:
        return None
    if not facts.proposes_for(opp):
        return None
    if offer_request(opp, request):  # the offer's decision, which no reply closes
        return None
    s = settings_for(opp, settings)
    if request.at < now - timedelta(days=s.respond_request_days):
        return None
    if request_answered(facts, request):
        return None
    due = request_due(request, s, profile)
    who = names(facts.names(request.authors))
    why = f"{who} asked you {asked_words(request.text)} {ago(request.at, now)}"
    if request.due and due >= now:
        why += f"; they want it by {clock_words(request.due, now, profile)}"
    else:
        why += f"; {due_words(due, now, profile)}"
    return propose(
        facts,
        now,
        profile,
        id=f"{NAME}:r{request.id}",
        rule=NAME,
        title=f"Answer {who}: {quote(request.text, 50)}",
        why=why,
        due=due,
        priority=1,
        people=request.authors,
        opportunity=opp,
        refs={"request_id": request.id, "interaction_id": request.interaction_id},
    )


def _latest_asks(facts: Facts, with_requests: set[int]) -> dict[int, Message]:
    """Each person's latest inbound message that asks something (one with a recorded
    request is answered through the request)."""
    latest = {}
    for message in facts.messages:
        if message.id in with_requests or not asks(message.subject, message.summary):
            continue
        for person_id in message.participants:
            latest[person_id] = message
    return latest


def _reply(
    facts: Facts,
    person_id: int,
    message: Message,
    now: datetime,
    settings: Settings,
    profile: Profile,
) -> Action | None:
    """The reply owed to ``person_id`` for ``message``, if still unanswered and in time."""
    opp = facts.opportunity(message.opportunity_id)
    active = [o for o in facts.opportunities_of(person_id) if o.is_active]
    if opp is not None and opp.is_closed:
        return None
    if opp is None and not active:
        return None
    opp = opp or active[0]
    s = settings_for(opp, settings)
    if message.at < now - timedelta(days=s.respond_message_days):
        return None
    if _answered(facts, [person_id], message.at, message.id):
        return None
    person = facts.person(person_id)
    due = add_business_days(message.at, s.respond_business_days, profile)
    about = message.subject or message.summary
    what = f' about "{quote(about, 50)}"' if about else ""
    why = (
        f"{person.name}'s {message.kind.label}{what} came in {ago(message.at, now)} and is "
        f"unanswered; answer within a business day, {due_words(due, now, profile)}"
    )
    return propose(
        facts,
        now,
        profile,
        id=f"{NAME}:i{message.id}:p{person_id}",
        rule=NAME,
        title=f"Reply to {person.name}" + (f": {quote(about, 50)}" if about else ""),
        why=why,
        due=due,
        priority=1,
        people=[person_id],
        opportunity=opp,
        refs={"interaction_id": message.id},
    )
