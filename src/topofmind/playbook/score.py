"""The top-of-mind score: 0 to 100 per active opportunity and per key person, each part explained.

A figure a person can read and trust, ranking opportunities the way a coach would (the
one just after an onsite above one that has gone quiet), so every part shows its
points and why:

- recency (40): fresher two-way contact earns more: 40 on the day, falling to 30 at the
  end of the stage's cadence, then to nothing at three cadences of silence;
- thank-yous (20): the share of recent conversations whose thank-you went out, or is not
  due yet (it is not missed while it has its day);
- requests (15): the share of their requests answered or not yet due;
- insiders (10): someone inside the organization (an insider or referrer, or a
  LinkedIn connection there); for a person, being connected to them;
- overdue (15): all 15 with no overdue action, 5 fewer for each one.

What the person dismissed is left out: a dismissed thank-you or answer (a duplicate, one
they chose not to send) is not counted as missed, and a dismissed action is not overdue.
Opportunities are listed highest first.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from topofmind.domain.actions import Action, ActionState
from topofmind.domain.enums import DecisionStatus, Role, Stage
from topofmind.domain.facts import Conversation, Facts, OpportunityFacts, RequestFacts
from topofmind.domain.records import Profile
from topofmind.domain.scores import Score, ScorePart
from topofmind.playbook.guards import settings_for
from topofmind.playbook.respond import NAME as RESPOND
from topofmind.playbook.respond import request_answered, request_due
from topofmind.playbook.thank_you import thank_you_due, thank_you_id
from topofmind.playbook.words import ago
from topofmind.settings import Settings

RECENCY, THANKS, REQUESTS, INSIDERS, OVERDUE = 40, 20, 15, 10, 15
#: Recency points that fade over one cadence: contact today beats contact a week ago.
FRESHNESS = 10
LATE_STATES = (ActionState.OVERDUE, ActionState.LATE)


def cadence(opp: OpportunityFacts, settings: Settings) -> int:
    stage = opp.stage if opp.stage in {Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER} else None
    return settings[f"cadence_{stage.value}_days"] if stage else settings.cadence_applied_days


def recency_part(last_in: datetime | None, days: int, now: datetime) -> ScorePart:
    if last_in is None:
        return ScorePart("recency", 0, RECENCY, "no two-way contact yet")
    quiet = max(0.0, (now - last_in) / timedelta(days=1))
    in_cadence = RECENCY - FRESHNESS
    if quiet <= days:
        points = round(RECENCY - FRESHNESS * quiet / days)
    else:
        points = round(in_cadence * max(0.0, 1 - (quiet - days) / (2 * days)))
    return ScorePart(
        "recency", points, RECENCY, f"last two-way contact {ago(last_in, now)}, cadence {days} days"
    )


def thanks_part(
    facts: Facts, now: datetime, pairs: list[tuple], settings: Settings, profile: Profile
) -> ScorePart:
    """Thank-yous sent or not yet due (as the thank-you rule sets its due) of those owed;
    one the person dismissed is not owed."""
    owed = [(c, p) for c, p in pairs if not _dismissed(facts, thank_you_id(c.id, p))]
    if not owed:
        return ScorePart("thank-yous", THANKS, THANKS, "none owed lately")
    sent = waiting = 0
    for conversation, person_id in owed:
        decision = facts.decisions.get(thank_you_id(conversation.id, person_id))
        if facts.person(person_id).contact.answered_after(conversation.end, conversation.id) or (
            decision is not None and decision.status is DecisionStatus.DONE
        ):
            sent += 1
        elif now < thank_you_due(conversation.end, settings, profile):
            waiting += 1
    pending = f", {waiting} not yet due" if waiting else ""
    return ScorePart(
        "thank-yous",
        round(THANKS * (sent + waiting) / len(owed)),
        THANKS,
        f"{sent} of {len(owed)} sent{pending}",
    )


def _dismissed(facts: Facts, action_id: str) -> bool:
    decision = facts.decisions.get(action_id)
    return decision is not None and decision.status is DecisionStatus.DISMISSED


def requests_part(
    facts: Facts, now: datetime, found: list, settings: Settings, profile: Profile
) -> ScorePart:
    """Requests answered, or not yet due (by the respond rule's due), of those asked; one
    whose answer the person dismissed is left out."""
    found = [r for r in found if not _dismissed(facts, f"{RESPOND}:r{r.id}")]
    if not found:
        return ScorePart("requests", REQUESTS, REQUESTS, "none asked lately")
    answered = overdue = 0
    for request in found:
        if request_answered(facts, request):
            answered += 1
        elif request_due(request, settings, profile) <= now:
            overdue += 1
    waiting = len(found) - answered - overdue
    return ScorePart(
        "requests",
        round(REQUESTS * (answered + waiting) / len(found)),
        REQUESTS,
        f"{answered} of {len(found)} answered"
        + (f", {waiting} not yet due" if waiting else "")
        + (f", {overdue} overdue" if overdue else ""),
    )


def overdue_part(count: int) -> ScorePart:
    return ScorePart(
        "overdue",
        max(0, OVERDUE - 5 * count),
        OVERDUE,
        f"{count} overdue action{'s' if count != 1 else ''}",
    )


def _total(kind: str, subject_id: int, name: str, parts: list[ScorePart]) -> Score:
    return Score(kind, subject_id, name, sum(p.points for p in parts), parts)


def _overdue(actions: list[Action]) -> tuple[dict[int, int], dict[int, int]]:
    """How many overdue or late actions each opportunity and each person has."""
    by_opp: dict[int, int] = {}
    by_person: dict[int, int] = {}
    for action in actions:
        if action.state in LATE_STATES:
            if action.opportunity_id is not None:
                by_opp[action.opportunity_id] = by_opp.get(action.opportunity_id, 0) + 1
            for p in action.people:
                by_person[p] = by_person.get(p, 0) + 1
    return by_opp, by_person


def _person_score(
    facts: Facts,
    person_id: int,
    days: int,
    pairs: list[tuple[Conversation, int]],
    asked: list[RequestFacts],
    overdue: int,
    now: datetime,
    s: Settings,
    profile: Profile,
) -> Score:
    """One key person's score, from the conversations and requests of their opportunity."""
    person = facts.person(person_id)
    mine = [(c, p) for c, p in pairs if p == person_id]
    theirs = [r for r in asked if person_id in r.authors]
    return _total(
        "person",
        person_id,
        person.name,
        [
            recency_part(person.contact.last_in, days, now),
            thanks_part(facts, now, mine, s, profile),
            requests_part(facts, now, theirs, s, profile),
            ScorePart(
                "insiders",
                INSIDERS if person.connected else 0,
                INSIDERS,
                "connected on LinkedIn" if person.connected else "not connected",
            ),
            overdue_part(overdue),
        ],
    )


def scores(
    facts: Facts, actions: list[Action], now: datetime, settings: Settings, profile: Profile
) -> list[Score]:
    """Scores for every active opportunity, then every key person on one; ``actions`` are open."""
    past = [c for c in facts.conversations if not c.scheduled and c.end <= now]
    overdue_by_opp, overdue_by_person = _overdue(actions)
    connected_orgs = {p.organization_id for p in facts.people.values() if p.connected}
    opp_scores, person_scores, seen = [], [], set()
    for opp in sorted(facts.active_opportunities(), key=lambda o: (-o.priority, o.id)):
        s = settings_for(opp, settings)
        days = cadence(opp, s)
        pairs = [(c, p) for c in past if c.opportunity_id == opp.id for p in c.participants]
        asked = [r for r in facts.requests if r.opportunity_id == opp.id]
        inside = bool(opp.people_in({Role.INSIDER, Role.REFERRER})) or (
            opp.organization_id in connected_orgs
        )
        opp_scores.append(
            _total(
                "opportunity",
                opp.id,
                opp.label,
                [
                    recency_part(opp.contact.last_in, days, now),
                    thanks_part(facts, now, pairs, s, profile),
                    requests_part(facts, now, asked, s, profile),
                    ScorePart(
                        "insiders",
                        INSIDERS if inside else 0,
                        INSIDERS,
                        "someone inside" if inside else "nobody inside yet",
                    ),
                    overdue_part(overdue_by_opp.get(opp.id, 0)),
                ],
            )
        )
        for person_id in opp.key_people:
            if person_id not in seen:
                seen.add(person_id)
                overdue = overdue_by_person.get(person_id, 0)
                person_scores.append(
                    _person_score(facts, person_id, days, pairs, asked, overdue, now, s, profile)
                )
    opp_scores.sort(key=lambda s: -s.score)  # stable: equal scores keep priority order
    return opp_scores + person_scores
