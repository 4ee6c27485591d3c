"""The name of every playbook rule, one constant each.

A rule's name is part of an action's id and of a stored decision, so it is written
once, here: the rule module registers under it and every other layer (the agenda,
the drafts, the web pages, the settings reference) names a rule by its constant.
"""

from __future__ import annotations

from typing import Final

THANK_YOU: Final = "thank-you"
RESPOND_PROMPTLY: Final = "respond-promptly"
SUPPLEMENTARY_INFO: Final = "supplementary-info"
PERIODIC_UPDATE: Final = "periodic-update"
CHECK_IN: Final = "check-in"
RESEARCH_BEFORE_INTERVIEW: Final = "research-before-interview"
QUESTIONS: Final = "questions"
MEMORABLE_INTRODUCTION: Final = "memorable-introduction"
CONNECT: Final = "connect"
ENGAGE: Final = "engage"
EVENT: Final = "event"
INFORMATIONAL_INTERVIEW: Final = "informational-interview"
CLOSE_THE_LOOP: Final = "close-the-loop"
OFFER_DECISION: Final = "offer-decision"
OFFER_TIMELINE: Final = "offer-timeline"
WITHDRAW_AFTER_ACCEPTING: Final = "withdraw-after-accepting"
COMPANY_NEWS: Final = "company-news"

#: Every rule name, in the order `tom rules` lists the rules.
ALL: Final = (
    THANK_YOU,
    RESPOND_PROMPTLY,
    SUPPLEMENTARY_INFO,
    PERIODIC_UPDATE,
    CHECK_IN,
    RESEARCH_BEFORE_INTERVIEW,
    QUESTIONS,
    MEMORABLE_INTRODUCTION,
    CONNECT,
    ENGAGE,
    EVENT,
    INFORMATIONAL_INTERVIEW,
    CLOSE_THE_LOOP,
    OFFER_DECISION,
    OFFER_TIMELINE,
    WITHDRAW_AFTER_ACCEPTING,
    COMPANY_NEWS,
)
