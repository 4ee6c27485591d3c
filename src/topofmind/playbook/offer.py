"""Offers: decide by the deadline, tell the other processes your timeline, wind down on acceptance.

Not a strategy of the chapter itself but the playbook's reading of "stay proactive
and responsive" at the moment it matters most. Decision: an opportunity at the offer
stage owes a decision by its deadline (`tom offer ... --deadline`, or the deadline of
their request about the offer), else within ``offer_decision_days`` (5) business days;
no message closes it and spacing never holds it: only accepting, declining (withdrawn
from the offer) or marking it done does. Timeline: while an offer is open, every other
active process (applied or further) hears your timeline within a business day, so they
can decide whether to speed up. Acceptance: every other opportunity still open when you
accepted stops its proposals (``wound_down``) and gets a short, gracious withdrawal to
each person you met there, the referrer first, then the hiring manager, the recruiter and
the insider; within ``close_note_days`` (2), proposed for ``close_note_expire_days`` (30).

These are the playbook's only cross-opportunity facts: an offer or an acceptance on one
opportunity changes what the others propose.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import datetime, timedelta

from topofmind.domain.actions import Action
from topofmind.domain.enums import Role, Stage
from topofmind.domain.facts import Acceptance, Facts, OpportunityFacts, RequestFacts
from topofmind.domain.records import Profile
from topofmind.playbook.asked import last_answer
from topofmind.playbook.guards import settings_for
from topofmind.playbook.proposal import propose
from topofmind.playbook.registry import rule
from topofmind.playbook.timing import add_business_days, next_working_moment
from topofmind.playbook.words import ago, clock_words, due_words, quote
from topofmind.settings import Settings

DECISION = "offer-decision"
TIMELINE = "offer-timeline"
WITHDRAW = "withdraw-after-accepting"

#: A request about the offer itself ("Let us know your decision on the offer by Friday").
OFFER_WORDS = re.compile(r"\boffer\b", re.I)
#: How long before the offer stage a request about it still names its deadline (the
#: call that made the offer is often logged before the stage is moved).
REQUEST_BEFORE = timedelta(days=14)
#: Stages that have a process to tell about your timeline.
IN_PROCESS = (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER)
#: An offer older than this has been decided one way or another: no timeline to tell.
TIMELINE_WITHIN = timedelta(days=30)
#: Whom a withdrawal goes to, in order (interviewers only when none of these was met).
WITHDRAWAL_ROLES = (Role.REFERRER, Role.HIRING_MANAGER, Role.RECRUITER, Role.INSIDER)
#: Actions an opportunity wound down by an acceptance elsewhere keeps.
KEPT_WHEN_WOUND_DOWN = (WITHDRAW, "close-the-loop-touch")
#: An opportunity withdrawn this soon after an acceptance was withdrawn because of it.
WITHDRAWN_WITHIN = timedelta(days=30)


def offer_request(opp: OpportunityFacts | None, request: RequestFacts) -> bool:
    """Whether ``request`` asks for the decision on an open offer: the decision action,
    which no reply closes, takes it over."""
    if opp is None or opp.stage is not Stage.OFFER or not OFFER_WORDS.search(request.text):
        return False
    since = opp.offered_at or opp.stage_since
    return since is None or request.at >= since - REQUEST_BEFORE


@last_answer  # asked for each opportunity with an offer, about the same facts
def requests_on(facts: Facts) -> dict[int, list[RequestFacts]]:
    """The requests about each opportunity, in the order of the facts."""
    found: dict[int, list[RequestFacts]] = {}
    for request in facts.requests:
        if request.opportunity_id is not None:
            found.setdefault(request.opportunity_id, []).append(request)
    return found


def offer_deadline(
    facts: Facts, opp: OpportunityFacts
) -> tuple[datetime | None, RequestFacts | None]:
    """The deadline recorded with the offer, else the latest deadline they gave in a
    request about it, and that request."""
    asked = [r for r in requests_on(facts).get(opp.id, ()) if offer_request(opp, r)]
    latest = max(asked, key=lambda r: r.at, default=None)
    if opp.offer_deadline is not None:
        return opp.offer_deadline, latest
    dated = [r for r in asked if r.due is not None]
    if dated:
        request = max(dated, key=lambda r: r.at)
        return request.due, request
    return None, latest


def offer_contact(
    facts: Facts, opp: OpportunityFacts, roles=None, met_only: bool = False
) -> int | None:
    """Whom to tell at ``opp``: the met person of the first of ``roles`` (hiring manager,
    recruiter, interviewer, referrer, insider by default) who has one, else (unless
    ``met_only``) the first named."""
    order = roles or (
        Role.HIRING_MANAGER,
        Role.RECRUITER,
        Role.INTERVIEWER,
        Role.REFERRER,
        Role.INSIDER,
    )
    named = [p for role in order for p in opp.people_in({role})]
    met = [p for p in named if facts.person(p).contact.last_touch is not None]
    found = met if met_only else met or named
    return found[0] if found else None


@rule(DECISION, "Stay proactive and responsive (an offer)", ("offer_decision_days",))
def offer_decision(
    facts: Facts, now: datetime, settings: Settings, profile: Profile
) -> list[Action]:
    actions = []
    for opp in facts.opportunities.values():
        since = opp.offered_at or opp.stage_since
        if opp.stage is not Stage.OFFER or since is None or not facts.proposes_for(opp):
            continue
        s = settings_for(opp, settings)
        deadline, request = offer_deadline(facts, opp)
        person_id = (request.authors[0] if request and request.authors else None) or offer_contact(
            facts, opp
        )
        terms = f" ({quote(opp.offer_terms, 60)})" if opp.offer_terms else ""
        if deadline is not None:
            due = deadline
            when = f"they want your decision by {clock_words(deadline, now, profile)}"
        else:
            due = add_business_days(since, s.offer_decision_days, profile)
            when = f"no deadline given: decide within {s.offer_decision_days} business days"
        tell = f" and tell {facts.person(person_id).name}" if person_id is not None else ""
        actions.append(
            propose(
                facts,
                now,
                profile,
                id=f"{DECISION}:o{opp.id}",
                rule=DECISION,
                title=f"Decide on the offer from {opp.organization_name}{tell}",
                why=(
                    f"{opp.organization_name} offered you {opp.title}{terms} "
                    f"{ago(since, now)}; {when}; accept, negotiate or decline "
                    f"(`tom offer accept` or `tom offer decline`); {due_words(due, now, profile)}"
                ),
                due=due,
                priority=1,
                people=[person_id] if person_id is not None else [],
                opportunity=opp,
                refs={
                    "purpose": "offer-response",
                    "deadline": deadline.isoformat() if deadline else None,
                    "request_id": request.id if request else None,
                    **({"person_id": person_id} if person_id is not None else {}),
                },
            )
        )
    return actions


def timeline_offer(facts: Facts, now: datetime) -> OpportunityFacts | None:
    """The open offer the other processes hear about: of those made in the last month,
    the one whose deadline (not yet past) comes first, else the latest one without."""
    found = []
    for o in facts.opportunities.values():
        if o.stage is not Stage.OFFER or o.stage_since is None:
            continue
        deadline, _ = offer_deadline(facts, o)
        since = o.offered_at or o.stage_since
        if (deadline is not None and deadline <= now) or now - since > TIMELINE_WITHIN:
            continue
        found.append((deadline is None, deadline or now, -since.timestamp(), o.id, o))
    return min(found, key=lambda f: f[:4])[4] if found else None


@rule(TIMELINE, "Stay proactive and responsive (an offer)")
def offer_timeline(
    facts: Facts, now: datetime, settings: Settings, profile: Profile
) -> list[Action]:
    offer = timeline_offer(facts, now)
    if offer is None:
        return []
    since = offer.offered_at or offer.stage_since
    if since is None:  # never: an offer without a moment is not the timeline's
        return []
    actions = []
    deadline, _ = offer_deadline(facts, offer)
    by = f", decision due {clock_words(deadline, now, profile)}" if deadline else ""
    due = add_business_days(since, 1, profile)
    when = due_words(due, now, profile)
    for other in facts.opportunities.values():
        if other.id == offer.id or other.stage not in IN_PROCESS or not facts.proposes_for(other):
            continue
        person_id = offer_contact(facts, other, met_only=True)
        if person_id is None:
            continue
        person = facts.person(person_id)
        if person.contact.wrote_after(since):
            continue
        actions.append(
            propose(
                facts,
                now,
                profile,
                id=f"{TIMELINE}:o{other.id}:from{offer.id}",
                rule=TIMELINE,
                title=f"Tell {person.name} about your offer timeline",
                why=(
                    f"You have an offer from {offer.organization_name} "
                    f"({ago(since, now)}{by}); tell {person.name} at "
                    f"{other.organization_name} your timeline so they can decide whether "
                    f"to speed up; {when}"
                ),
                due=due,
                priority=2,
                people=[person_id],
                opportunity=other,
                refs={
                    "person_id": person_id,
                    "offer_id": offer.id,
                    "purpose": "update",
                    "deadline": deadline.isoformat() if deadline else None,
                },
            )
        )
    return actions


def acceptances(facts: Facts) -> list[Acceptance]:
    """The offers accepted, latest first."""
    return sorted(accepted_among(facts.opportunities.values()), key=lambda a: a.at, reverse=True)


def accepted_among(opportunities: Iterable[OpportunityFacts]) -> list[Acceptance]:
    """The acceptances among ``opportunities``, in their order."""
    return [
        Acceptance(o, o.stage_since)
        for o in opportunities
        if o.stage is Stage.ACCEPTED and o.stage_since
    ]


def wound_down(facts: Facts) -> dict[int, Acceptance]:
    """Opportunities an acceptance elsewhere ends, with that acceptance: each that was
    still open when you accepted (an active one that has not moved since), and each
    withdrawn at or after the acceptance. One added or moved on later is a new search."""
    return ended_by(facts.opportunities.values(), acceptances(facts))


def ended_by(
    opportunities: Iterable[OpportunityFacts], accepted: list[Acceptance]
) -> dict[int, Acceptance]:
    """Those of ``opportunities`` that the acceptances ``accepted`` (latest first) end,
    with the one that ends each (``wound_down``)."""
    if not accepted:
        return {}
    oldest_first = accepted[::-1]
    moments = [a.at for a in oldest_first]  # for bisect
    found = {}
    for opp in opportunities:
        since = opp.stage_since
        if opp.stage is Stage.ACCEPTED or since is None:
            continue
        if opp.is_active:
            # Still open at an acceptance: the first one after it last moved.
            if since <= accepted[0].at:
                found[opp.id] = oldest_first[bisect_left(moments, since)]
        elif opp.stage is Stage.WITHDRAWN:
            # Withdrawn within a month after an acceptance: the latest one before it.
            place = bisect_right(moments, since)
            if place and since <= moments[place - 1] + WITHDRAWN_WITHIN:
                found[opp.id] = accepted[len(accepted) - place]
    return found


def without_wound_down(facts: Facts, actions: list[Action]) -> list[Action]:
    """``actions`` less those of opportunities an acceptance ended (``facts.wound_down``),
    but their withdrawals."""
    ended = facts.wound_down
    if not ended:
        return actions
    return [
        a for a in actions if a.opportunity_id not in ended or a.id.startswith(KEPT_WHEN_WOUND_DOWN)
    ]


def withdrawal_people(facts: Facts, opp: OpportunityFacts) -> list[tuple[int, Role]]:
    """Who hears of a withdrawal, in order: each person met there in ``WITHDRAWAL_ROLES``,
    else the interviewers met; never someone never met."""

    def met(person_id: int) -> bool:
        return facts.person(person_id).contact.last_touch is not None

    found: dict[int, Role] = {}
    for role in WITHDRAWAL_ROLES:
        for person_id in opp.people_in({role}):
            if met(person_id):
                found.setdefault(person_id, role)
    if not found:
        for person_id in opp.people_in({Role.INTERVIEWER}):
            if met(person_id):
                found.setdefault(person_id, Role.INTERVIEWER)
    return list(found.items())


@rule(WITHDRAW, "Close the loop (after accepting)", ("close_note_days", "close_note_expire_days"))
def withdraw_after_accepting(
    facts: Facts, now: datetime, settings: Settings, profile: Profile
) -> list[Action]:
    actions = []
    for opp_id, winner in facts.wound_down.items():  # set by the engine
        opp = facts.opportunities[opp_id]
        s = settings_for(opp, settings)
        accepted = winner.at
        if now - accepted > timedelta(days=s.close_note_expire_days):
            continue
        due = next_working_moment(accepted + timedelta(days=s.close_note_days), profile)
        for place, (person_id, role) in enumerate(withdrawal_people(facts, opp)):
            person = facts.person(person_id)
            if person.contact.wrote_after(accepted):
                continue
            actions.append(
                propose(
                    facts,
                    now,
                    profile,
                    id=f"{WITHDRAW}:o{opp.id}:p{person_id}",
                    rule=WITHDRAW,
                    title=f"Tell {person.name} you are withdrawing from {opp.title}",
                    why=(
                        f"You accepted the offer from {winner.opp.organization_name} "
                        f"{ago(accepted, now)}; {person.name} ({role.label}) should hear it "
                        f"from you: thank them, withdraw graciously, keep the door open; "
                        f"{due_words(due, now, profile)}"
                    ),
                    due=due,
                    priority=2 if place == 0 else 3,
                    people=[person_id],
                    opportunity=opp,
                    refs={
                        "person_id": person_id,
                        "role": role.value,
                        "accepted_id": winner.opp.id,
                        "purpose": "withdrawal",
                        "kind": "withdrawal",
                    },
                )
            )
    return actions
