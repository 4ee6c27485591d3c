"""What a message is for, read from its words: a purpose for ours, an ask or not for theirs.

Plain text work, in English only (other languages read as no purpose and no ask, so
the playbook falls back on what it can tell from the order of messages). Two
questions are answered here:

- ``purpose_from_words``: what one of our messages is for, when nothing else says so
  ("Thank you for your time today" is a thank-you, "Re: your question" a reply,
  "Confirming Thursday at 2pm" logistics). None when the words do not tell.
- ``asks``: whether one of their messages asks something of us: a question, a
  request or a proposal of times. "Thanks, we will be in touch" and "Confirmed,
  see you Thursday" ask nothing, so they need no reply.
"""

from __future__ import annotations

import re

from topofmind.domain.enums import Purpose

#: Cues of each purpose, most specific first: the first that matches wins.
PURPOSE_CUES: tuple[tuple[Purpose, re.Pattern[str]], ...] = (
    (
        Purpose.WITHDRAWAL,
        re.compile(
            r"\b(withdraw(?:ing|al)?|accepted (?:an|another) (?:offer|role|position))\b", re.I
        ),
    ),
    (
        Purpose.OFFER_RESPONSE,
        re.compile(
            r"\b((?:accept|accepting|decline|declining|counter)(?:ing)? (?:the |your )?offer"
            r"|offer (?:acceptance|decision)|thank you for the offer|my decision)\b",
            re.I,
        ),
    ),
    (
        Purpose.THANK_YOU,
        re.compile(
            r"\b(thank(?:s| you) for (?:your |the )?(?:time|meeting|conversation|chat|call"
            r"|interview|speaking|talking|taking)|thank-you|great (?:speaking|talking|meeting)"
            r" (?:with )?you)\b",
            re.I,
        ),
    ),
    (
        Purpose.LOGISTICS,
        re.compile(
            r"\b(confirm(?:ing|ed)? (?:the |our |my )?(?:time|slot|interview|call|meeting|for)"
            r"|reschedul\w*|calendar invite|works for me|see you (?:on|at|then)|running late)\b",
            re.I,
        ),
    ),
    (
        Purpose.UPDATE,
        re.compile(
            r"\b(quick update|an update|update:|certif\w+|just (?:finished|completed|published"
            r"|launched)|i (?:recently )?(?:completed|finished|published|launched|earned))\b",
            re.I,
        ),
    ),
    (
        Purpose.SUPPLEMENTARY,
        re.compile(
            r"\b(as promised|following up on (?:our|your) (?:question|conversation about)"
            r"|more (?:on|about) (?:what|the) we discussed|i wanted to add|one more thing"
            r"|supplementary|attached (?:is|are) the)\b",
            re.I,
        ),
    ),
    (
        Purpose.CLOSE_THE_LOOP,
        re.compile(
            r"\b(thank(?:s| you) for (?:letting me know|considering|the update on|your decision)"
            r"|stay in touch|keep in touch|door open)\b",
            re.I,
        ),
    ),
    (
        Purpose.NETWORKING,
        re.compile(
            r"\b(informational|coffee chat|20[- ]minute|pick your brain|connect on linkedin"
            r"|would love to connect|learn about your (?:work|team|role))\b",
            re.I,
        ),
    ),
    (
        Purpose.FOLLOW_UP,
        re.compile(
            r"\b(follow(?:ing)?[- ]up|checking in|check in|touching base|circling back"
            r"|next steps?|any news|status of my application)\b",
            re.I,
        ),
    ),
)

#: A reply's subject: "Re: ..." in the languages mail clients use most.
REPLY_SUBJECT = re.compile(r"^\s*(re|aw|sv|antw)\s*:", re.I)

#: What asks for an answer: a question, a request, a proposal of times.
ASK_CUES = re.compile(
    r"\?|\b(could you|can you|would you|will you|could we|can we|would it be possible"
    r"|please (?:send|share|let|provide|confirm|complete|fill|submit|reply|respond|forward"
    r"|schedule|book|pick|choose|select|sign|review|return|get back|call|advise)"
    r"|let (?:us|me) know|kindly|we(?:'d| would) (?:love|like) (?:you )?to"
    r"|your availability|are you available|are you free|when are you (?:free|available)"
    r"|how about|does .{1,40} work for you|would .{1,40} work|do you have|what is your"
    r"|what are your|what's your|question|request|your thoughts|wondering if|send (?:us|me)"
    r"|we need|i need|need you to|ask(?:ing)? you)\b",
    re.I,
)


def purpose_from_words(subject: str, summary: str) -> Purpose | None:
    """The purpose the words of one of our messages show, or None when they do not."""
    text = f"{subject}\n{summary}"
    for purpose, cue in PURPOSE_CUES:
        if cue.search(text):
            return purpose
    if REPLY_SUBJECT.match(subject or ""):
        return Purpose.REPLY
    return None


def asks(subject: str, summary: str) -> bool:
    """Whether one of their messages asks something of us (a question, a request, a
    proposal of times). A message with no words recorded at all may ask anything, so it
    counts as asking; an acknowledgement or a confirmation does not."""
    text = f"{subject}\n{summary}".strip()
    if not text:
        return True
    return bool(ASK_CUES.search(text))
