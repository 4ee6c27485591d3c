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
from dataclasses import replace
from pathlib import Path

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, PackageLoader, Undefined

from topofmind.compose.check import CheckFacts, check_draft
from topofmind.compose.check_text import BLANK_CLOSE, BLANK_OPEN, Finding, references
from topofmind.compose.draft_records import (
    INFORMATIONAL_NUDGE,
    STAY_CONNECTED,
    Draft,
    DraftContext,
    Recipient,
    Thread,
)
from topofmind.compose.draft_variables import template_variables
from topofmind.compose.letter_parts import foreign_notes, letter_notes
from topofmind.compose.relationship import relationship
from topofmind.domain import rule_names
from topofmind.domain.actions import Action, ActionState
from topofmind.errors import NotDraftable

__all__ = ["Draft", "DraftContext", "Recipient", "Thread", "check", "compose", "split_text"]

#: Wordings each template offers through ``variant`` (0, 1, 2), for people written to before.
VARIANTS = 3

#: Kinds whose template is a LinkedIn note rather than an email.
LINKEDIN_KINDS = {rule_names.CONNECT}

#: How the rules name the later steps a draft kind of its own is written for.
NUDGE_ID = f"{rule_names.INFORMATIONAL_INTERVIEW}-nudge:"
TOUCH_ID = f"{rule_names.CLOSE_THE_LOOP}-touch:"


class _Placeholder(Undefined):
    """A value the record cannot fill: visible, so the check flags it."""

    def __str__(self) -> str:
        return f"{BLANK_OPEN}{self._undefined_name}{BLANK_CLOSE}"

    def __iter__(self):
        return iter(())

    def __bool__(self) -> bool:
        return False


def environment(template_dir: Path | None = None) -> Environment:
    loaders: list[BaseLoader] = []
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
    if action.rule == rule_names.INFORMATIONAL_INTERVIEW and (
        refs.get("nudge") or action.id.startswith(NUDGE_ID)
    ):
        return INFORMATIONAL_NUDGE
    if action.rule == rule_names.CLOSE_THE_LOOP and (
        refs.get("kind") == STAY_CONNECTED or action.id.startswith(TOUCH_ID)
    ):
        return STAY_CONNECTED
    return action.rule


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
    if context.conversation is not None and kind not in {rule_names.CONNECT, INFORMATIONAL_NUDGE}:
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
    variables, evidence = template_variables(action, context, kind, variant)
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
PANEL_KINDS = frozenset({rule_names.THANK_YOU, rule_names.CONNECT})


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
