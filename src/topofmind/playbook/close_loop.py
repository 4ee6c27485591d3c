"""Close the loop: after a rejection or withdrawal, a gracious note, then a stay-connected touch.

Not a strategy of the chapter itself but the playbook's reading of its conclusion,
"leave a lasting impression on hiring managers": roles reopen and people move. The
only rule that still runs on a closed
opportunity. Note: within ``close_note_days`` (2), the playbook's window, to the
hiring manager (else the recruiter); proposed for ``close_note_expire_days`` (30). Stay-connected:
``stay_connected_days`` (90) after closing; held while a message of ours to them
is unanswered and younger than ``spacing_days``. Evidence: a message to anyone on
the opportunity from the closing on, such as the reply to the recruiter who sent the
rejection (note); a message to them in the two weeks before the touch is due (touch).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from topofmind.domain import rule_names
from topofmind.domain.actions import Action
from topofmind.domain.enums import Role, Stage
from topofmind.domain.facts import Facts, OpportunityFacts
from topofmind.domain.records import Profile
from topofmind.playbook.guards import settings_for, spacing_until
from topofmind.playbook.proposal import propose
from topofmind.playbook.registry import rule
from topofmind.playbook.timing import next_working_moment
from topofmind.playbook.words import ago, due_words
from topofmind.settings import Settings

NAME = rule_names.CLOSE_THE_LOOP
CLOSES = (Stage.REJECTED, Stage.WITHDRAWN)
TOUCH_EXPIRES = timedelta(days=30)


def addressee(opp: OpportunityFacts, facts: Facts | None = None) -> int | None:
    """Whom the note goes to: after a withdrawal the referrer first, else the hiring
    manager, recruiter, interviewer or insider; someone met before someone never met,
    and a withdrawal never to someone never met."""
    order: tuple[Role, ...] = (Role.HIRING_MANAGER, Role.RECRUITER, Role.INTERVIEWER, Role.INSIDER)
    withdrawn = opp.stage is Stage.WITHDRAWN and opp.offered_at is None
    if withdrawn:
        order = (Role.REFERRER, *order)
    named = [p for role in order for p in opp.people_in({role})]
    if facts is None:
        return named[0] if named else None
    met = [p for p in named if facts.person(p).contact.last_touch is not None]
    if met:
        return met[0]
    return None if withdrawn or not named else named[0]


def loop_closed(facts: Facts, opp: OpportunityFacts, closed: datetime) -> bool:
    """Whether a message of ours went, from the closing on, to anyone on the opportunity
    or filed under it: the reply to the recruiter who sent the rejection closes the loop
    as well as a note to the hiring manager. A message recorded in the minute the stage
    changed counts (the reply is often logged with the rejection)."""
    people = [facts.person(p).contact for p in opp.people_in(set(Role))]
    return any(
        c.last_out_message is not None and c.last_out_message >= closed
        for c in (opp.contact, *people)
    )


@rule(
    NAME,
    "Close the loop",
    ("close_note_days", "close_note_expire_days", "stay_connected_days", "spacing_days"),
)
def close_loop(facts: Facts, now: datetime, settings: Settings, profile: Profile) -> list[Action]:
    actions = []
    for opp in facts.opportunities.values():
        if opp.stage not in CLOSES or opp.stage_since is None:
            continue
        person_id = addressee(opp, facts)
        if person_id is None:
            continue
        s = settings_for(opp, settings)
        closed = opp.stage_since
        if not loop_closed(facts, opp, closed) and now - closed <= timedelta(
            days=s.close_note_expire_days
        ):
            actions.append(_note(facts, opp, person_id, closed, now, s, profile))
        touch = _stay_connected(facts, opp, person_id, closed, now, s, profile)
        if touch is not None:
            actions.append(touch)
    return actions


def _word(opp: OpportunityFacts) -> str:
    return "rejection" if opp.stage is Stage.REJECTED else "withdrawal"


def _note(
    facts: Facts,
    opp: OpportunityFacts,
    person_id: int,
    closed: datetime,
    now: datetime,
    s: Settings,
    profile: Profile,
) -> Action:
    """A gracious note after a rejection, a withdrawal or a declined offer."""
    person, word = facts.person(person_id), _word(opp)
    title = f"Send {person.name} a gracious note after the {word}"
    said = (
        f"The {word} at {opp.organization_name} came {ago(closed, now)}; a short, "
        "gracious note keeps the door open for the next role"
    )
    if opp.stage is Stage.WITHDRAWN and opp.offered_at is not None:
        title = f"Send {person.name} a gracious note declining the offer"
        said = (
            f"You declined the offer from {opp.organization_name} {ago(closed, now)}; "
            "thank them, name what you valued, and keep the door open"
        )
    due = next_working_moment(closed + timedelta(days=s.close_note_days), profile)
    return propose(
        facts,
        now,
        profile,
        id=f"{NAME}-note:o{opp.id}",
        rule=NAME,
        title=title,
        why=f"{said}; {due_words(due, now, profile)}",
        due=due,
        priority=3,
        people=[person_id],
        opportunity=opp,
        refs={"person_id": person_id, "kind": "note"},
    )


def _stay_connected(
    facts: Facts,
    opp: OpportunityFacts,
    person_id: int,
    closed: datetime,
    now: datetime,
    s: Settings,
    profile: Profile,
) -> Action | None:
    """A touch ``stay_connected_days`` after the close, unless they heard from you lately."""
    person = facts.person(person_id)
    touch = closed + timedelta(days=s.stay_connected_days)
    held = spacing_until(person, s)
    due = next_working_moment(max(touch, held) if held else touch, profile)
    if person.contact.answered_after(touch - timedelta(days=14)) or now - due > TOUCH_EXPIRES:
        return None
    return propose(
        facts,
        now,
        profile,
        id=f"{NAME}-touch:o{opp.id}",
        rule=NAME,
        title=f"Stay connected with {person.name} at {opp.organization_name}",
        why=(
            f"{s.stay_connected_days} days after the {_word(opp)} for {opp.title}; roles "
            "reopen and people move, so share what you have been doing; "
            f"{due_words(due, now, profile)}"
        ),
        due=due,
        priority=4,
        people=[person_id],
        opportunity=opp,
        refs={"person_id": person_id, "kind": "stay-connected"},
    )
