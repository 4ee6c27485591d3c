"""The fixed vocabularies of a job search: stages, kinds of contact, parts people play.

Values are the strings stored in the database and typed on the command line, so
they never change once released; labels are what people read.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime


class Stage(StrEnum):
    RESEARCHING = "researching"
    APPLIED = "applied"
    SCREENING = "screening"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    ON_HOLD = "on-hold"

    @property
    def is_closed(self) -> bool:
        return self in CLOSED_STAGES

    @property
    def is_active(self) -> bool:
        return self not in CLOSED_STAGES and self is not Stage.ON_HOLD

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


CLOSED_STAGES = frozenset({Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN})

#: Stages in the order a pipeline board shows them.
PIPELINE = (
    Stage.RESEARCHING,
    Stage.APPLIED,
    Stage.SCREENING,
    Stage.INTERVIEWING,
    Stage.OFFER,
    Stage.ON_HOLD,
    Stage.ACCEPTED,
    Stage.REJECTED,
    Stage.WITHDRAWN,
)


def stage_after(current: Stage, kind: InteractionKind) -> Stage | None:
    """The stage a conversation of ``kind`` shows an opportunity has reached, when that is
    further than ``current``: a phone screen takes a researched or applied one to screening,
    an interview to interviewing. Never back, and never from on hold or closed."""
    reached = STAGE_REACHED.get(kind)
    if reached is None or current not in PIPELINE[: PIPELINE.index(reached)]:
        return None
    return reached


def furthest_reached(
    held: Iterable[tuple[int, str, datetime]],
) -> dict[int, tuple[InteractionKind, datetime]]:
    """Per opportunity, the held conversation that shows it furthest along, as (kind,
    moment) from (opportunity id, kind, moment) rows: an interview outranks a phone screen."""
    furthest: dict[int, tuple[InteractionKind, datetime]] = {}
    for opp_id, value, at in held:
        kind = InteractionKind(value)
        if opp_id not in furthest or _reach(kind) > _reach(furthest[opp_id][0]):
            furthest[opp_id] = (kind, at)
    return furthest


def _reach(kind: InteractionKind) -> int:
    """How far along the pipeline a conversation of ``kind`` shows an opportunity to be."""
    return PIPELINE.index(STAGE_REACHED[kind])


class InteractionKind(StrEnum):
    INTERVIEW = "interview"
    PHONE_SCREEN = "phone-screen"
    MEETING = "meeting"
    EMAIL = "email"
    CALL = "call"
    MESSAGE = "message"
    EVENT_CONVERSATION = "event-conversation"
    INFORMATIONAL_INTERVIEW = "informational-interview"
    LINKEDIN_CONNECTION = "linkedin-connection"
    LINKEDIN_ENGAGEMENT = "linkedin-engagement"

    @property
    def is_conversation(self) -> bool:
        """A live conversation, after which a thank-you is owed."""
        return self in CONVERSATIONS

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").replace("linkedin", "LinkedIn")


#: The stage an opportunity has at least reached once a conversation of this kind happens.
STAGE_REACHED = {
    InteractionKind.PHONE_SCREEN: Stage.SCREENING,
    InteractionKind.INTERVIEW: Stage.INTERVIEWING,
}

CONVERSATIONS = frozenset(
    {
        InteractionKind.INTERVIEW,
        InteractionKind.PHONE_SCREEN,
        InteractionKind.MEETING,
        InteractionKind.INFORMATIONAL_INTERVIEW,
        InteractionKind.EVENT_CONVERSATION,
    }
)


class Direction(StrEnum):
    INBOUND = "in"
    OUTBOUND = "out"
    BOTH = "both"


class Purpose(StrEnum):
    """What a message of ours is for: the guards count by purpose, not by direction.

    Only an unprompted follow-up counts toward the unanswered-follow-ups cap; an update
    or supplementary note waits out the spacing between touches but is not counted;
    the rest are owed or prompted and never held back.
    """

    THANK_YOU = "thank-you"
    REPLY = "reply"
    FOLLOW_UP = "follow-up"
    UPDATE = "update"
    SUPPLEMENTARY = "supplementary"
    LOGISTICS = "logistics"
    NETWORKING = "networking"
    CLOSE_THE_LOOP = "close-the-loop"
    WITHDRAWAL = "withdrawal"
    OFFER_RESPONSE = "offer-response"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ")

    @property
    def counts_toward_cap(self) -> bool:
        """Counted among the unanswered follow-ups that make the playbook propose a pause."""
        return self is Purpose.FOLLOW_UP

    @property
    def spaced(self) -> bool:
        """Unprompted: the next unprompted touch to the same person waits out the spacing."""
        return self in SPACED_PURPOSES


SPACED_PURPOSES = frozenset(
    {Purpose.FOLLOW_UP, Purpose.UPDATE, Purpose.SUPPLEMENTARY, Purpose.NETWORKING}
)


class Role(StrEnum):
    HIRING_MANAGER = "hiring-manager"
    RECRUITER = "recruiter"
    INTERVIEWER = "interviewer"
    REFERRER = "referrer"
    INSIDER = "insider"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ")


#: The people whose opinion decides an application.
KEY_ROLES = frozenset({Role.HIRING_MANAGER, Role.RECRUITER, Role.INTERVIEWER})


class AchievementKind(StrEnum):
    CERTIFICATION = "certification"
    PROJECT = "project"
    PUBLICATION = "publication"
    AWARD = "award"
    EVENT = "event"


class QuestionCategory(StrEnum):
    VISION = "vision"
    PLANS = "plans"
    CHALLENGES = "challenges"
    TEAM = "team"
    ROLE = "role"
    CULTURE = "culture"


class NoteKind(StrEnum):
    """What a line recorded with an interaction is."""

    POINT = "point"  # a talking point worth referencing later
    WISH = "wish"  # a topic the person wishes they had covered


class DecisionStatus(StrEnum):
    DONE = "done"
    SNOOZED = "snoozed"
    DISMISSED = "dismissed"
