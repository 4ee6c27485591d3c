"""A gallery of drafts of every kind, from a varied generated record, to read and to diff.

``scripts/gallery`` writes it to docs/gallery.md and a test regenerates it and fails
when it drifts: whoever changes how drafts read sees every kind change in review.
The record is made up and fixed (no database, no clock): four organizations,
panels of two and three, and more than sixty talking points jotted the ways people
jot them: fragments, clauses, "she ...", "Name: ...", questions, several joined by
";", long and short.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from topofmind.compose.drafts import Draft, DraftContext, compose
from topofmind.compose.gallery_record import (
    AISHA,
    ATLAS,
    ATLAS_CALL,
    BLUEBIRD,
    BLUEBIRD_SCREEN,
    CERT,
    COFFEE_CHAT,
    DANA,
    ELENA,
    GRACE,
    LEO,
    MARCUS,
    MEETUP,
    MEETUP_EVENT,
    MERIDIAN,
    MERIDIAN_PANEL,
    NEWS,
    NORTHWIND,
    NORTHWIND_PANEL,
    NOTE_COUNT,
    NOW,
    OMAR,
    PRIYA,
    PROJECT,
    QUESTION,
    RUTH,
    SAM,
    VICTOR,
    action,
    context,
    reply,
)
from topofmind.domain import rule_names
from topofmind.domain.actions import Action
from topofmind.domain.enums import Stage

__all__ = ["NOTE_COUNT", "cases", "drafts", "page"]


Case = tuple[str, Action, DraftContext]


def cases() -> list[Case]:
    """Every kind of draft, named: (title, action, context)."""
    return [*_thank_yous(), *_replies(), *_updates(), *_networking(), *_endings()]


def _thank_yous() -> list[Case]:
    out = []
    for who in (MARCUS, AISHA, PRIYA):
        out.append(
            (
                f"Thank-you, panel of three: {who.name}",
                action(rule_names.THANK_YOU, who, MERIDIAN, f"thank-you:i1:p{who.id}"),
                context(who, MERIDIAN, MERIDIAN_PANEL),
            )
        )
    for who in (DANA, SAM):
        out.append(
            (
                f"Thank-you, panel of two: {who.name}",
                action(rule_names.THANK_YOU, who, NORTHWIND, f"thank-you:i2:p{who.id}"),
                context(who, NORTHWIND, NORTHWIND_PANEL, news=NEWS),
            )
        )
    out += [
        (
            "Thank-you after a screen",
            action(rule_names.THANK_YOU, OMAR, BLUEBIRD, "thank-you:i3:p11"),
            context(OMAR, BLUEBIRD, BLUEBIRD_SCREEN),
        ),
        (
            "Thank-you after meeting someone at an event",
            action(rule_names.THANK_YOU, LEO, None, "thank-you:i5:p9"),
            context(LEO, None, MEETUP, event=MEETUP_EVENT),
        ),
        (
            "Thank-you to a former colleague after a coffee",
            action(rule_names.THANK_YOU, GRACE, ATLAS, "thank-you:i6:p8"),
            context(GRACE, ATLAS, COFFEE_CHAT),
        ),
    ]
    return out


def _replies() -> list[Case]:
    return [
        (
            "Reply that needs times",
            action(rule_names.RESPOND_PROMPTLY, PRIYA, MERIDIAN, "respond-promptly:r1"),
            context(
                PRIYA,
                MERIDIAN,
                MERIDIAN_PANEL,
                **reply("Next round", "send me a couple of times that work"),
            ),
        ),
        (
            "Reply that needs references",
            action(rule_names.RESPOND_PROMPTLY, OMAR, BLUEBIRD, "respond-promptly:r2"),
            context(OMAR, BLUEBIRD, BLUEBIRD_SCREEN, **reply("References", "two references")),
        ),
        (
            "Reply to a question only you can answer (a marked blank)",
            action(rule_names.RESPOND_PROMPTLY, OMAR, BLUEBIRD, "respond-promptly:r3"),
            context(
                OMAR,
                BLUEBIRD,
                BLUEBIRD_SCREEN,
                **reply("Notice period", "What is your notice period?"),
            ),
        ),
    ]


def _updates() -> list[Case]:
    return [
        (
            "Supplementary note",
            action(rule_names.SUPPLEMENTARY_INFO, MARCUS, MERIDIAN, "supplementary-info:i1:p1"),
            context(MARCUS, MERIDIAN, MERIDIAN_PANEL),
        ),
        (
            "Periodic update",
            action(rule_names.PERIODIC_UPDATE, DANA, NORTHWIND, "periodic-update:o2"),
            context(
                DANA, NORTHWIND, NORTHWIND_PANEL, achievement=CERT, more_achievements=[PROJECT]
            ),
        ),
        (
            "Check-in with news",
            action(rule_names.CHECK_IN, SAM, NORTHWIND, "check-in:o2"),
            context(SAM, NORTHWIND, NORTHWIND_PANEL, news=NEWS),
        ),
        (
            "Company news",
            action(
                rule_names.COMPANY_NEWS,
                DANA,
                NORTHWIND,
                "company-news:n1",
                news_id=1,
                reason="news",
            ),
            context(DANA, NORTHWIND, NORTHWIND_PANEL, news=NEWS),
        ),
        (
            "Check-in with a question",
            action(rule_names.CHECK_IN, ELENA, BLUEBIRD, "check-in:o3", reason="question"),
            context(ELENA, BLUEBIRD, None, question=QUESTION),
        ),
        (
            "Check-in at the offer stage",
            action(rule_names.CHECK_IN, VICTOR, ATLAS, "check-in:o4"),
            context(VICTOR, ATLAS, ATLAS_CALL),
        ),
    ]


def _networking() -> list[Case]:
    return [
        (
            "Informational ask to a former colleague",
            action(
                rule_names.INFORMATIONAL_INTERVIEW,
                GRACE,
                ATLAS,
                "informational-interview-ask:o4:p8",
            ),
            context(GRACE, ATLAS, None),
        ),
        (
            "Informational ask, referred by someone",
            action(
                rule_names.INFORMATIONAL_INTERVIEW,
                RUTH,
                NORTHWIND,
                "informational-interview-ask:o2:p10",
            ),
            context(RUTH, NORTHWIND, None, news=NEWS),
        ),
        (
            "Informational ask to someone met at an event",
            action(
                rule_names.INFORMATIONAL_INTERVIEW,
                LEO,
                BLUEBIRD,
                "informational-interview-ask:o3:p9",
            ),
            context(LEO, BLUEBIRD, None),
        ),
        (
            "Informational nudge",
            action(
                rule_names.INFORMATIONAL_INTERVIEW,
                RUTH,
                NORTHWIND,
                "informational-interview-nudge:o2:p10",
            ),
            context(RUTH, NORTHWIND, None, asked_at=NOW - timedelta(days=8)),
        ),
        (
            "LinkedIn connection note",
            action(rule_names.CONNECT, AISHA, MERIDIAN, "connect:p2"),
            context(AISHA, MERIDIAN, MERIDIAN_PANEL),
        ),
        (
            "After an event",
            action(rule_names.EVENT, LEO, None, "event:e1:p9"),
            context(LEO, None, MEETUP, event=MEETUP_EVENT),
        ),
    ]


def _endings() -> list[Case]:
    return [
        (
            "Close the loop after a rejection",
            action(
                rule_names.CLOSE_THE_LOOP, OMAR, BLUEBIRD, "close-the-loop-note:o3", kind="note"
            ),
            context(OMAR, replace(BLUEBIRD, stage=Stage.REJECTED), BLUEBIRD_SCREEN),
        ),
        (
            "Stay connected months later",
            action(
                rule_names.CLOSE_THE_LOOP,
                OMAR,
                BLUEBIRD,
                "close-the-loop-touch:o3",
                kind="stay-connected",
            ),
            context(OMAR, replace(BLUEBIRD, stage=Stage.REJECTED), BLUEBIRD_SCREEN),
        ),
        (
            "Offer: telling another process the timeline",
            action(
                rule_names.OFFER_TIMELINE,
                DANA,
                NORTHWIND,
                "offer-timeline:o2:from4",
                deadline=(NOW + timedelta(days=7)).isoformat(),
            ),
            context(DANA, NORTHWIND, NORTHWIND_PANEL),
        ),
        (
            "Offer: the answer to the offer (a marked blank for the decision)",
            action(rule_names.OFFER_DECISION, VICTOR, ATLAS, "offer-decision:o4"),
            context(VICTOR, ATLAS, ATLAS_CALL),
        ),
        (
            "Withdrawal after accepting elsewhere",
            action(
                rule_names.WITHDRAW_AFTER_ACCEPTING,
                ELENA,
                BLUEBIRD,
                "withdraw-after-accepting:o3:p6",
                role="hiring-manager",
            ),
            context(ELENA, BLUEBIRD, None),
        ),
        (
            "A kind with no template of its own",
            action("some-new-rule", MARCUS, MERIDIAN, "some-new-rule:o1"),
            context(MARCUS, MERIDIAN, MERIDIAN_PANEL),
        ),
    ]


def drafts() -> list[tuple[str, Draft]]:
    return [(title, compose(act, ctx)) for title, act, ctx in cases()]


def page() -> str:
    """docs/gallery.md: every draft with its check."""
    lines = [
        "# Gallery of drafts",
        "",
        "Generated by `scripts/gallery` from a made-up record (four organizations, panels",
        f"of two and three, {NOTE_COUNT} talking points jotted the ways people jot them). A",
        "test regenerates this page and fails when it drifts: change how drafts read, run",
        "`scripts/gallery`, and review the difference here.",
        "",
    ]
    for title, draft in drafts():
        lines += [f"## {title}", ""]
        to = ", ".join(r.name for r in draft.recipients)
        lines += [f"To: {to} ({draft.channel})", ""]
        text = draft.text
        lines += ["    " + line if line else "" for line in text.splitlines()]
        lines.append("")
        if draft.findings:
            lines += [f"Check: {f}" for f in draft.findings]
        else:
            lines.append("Check: ready to send.")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
