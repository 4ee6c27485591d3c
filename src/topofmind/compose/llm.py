"""Optional drafting through a language model on any OpenAI-compatible endpoint.

Same facts, same check: the model is given the template's draft and the facts it
was built from, and asked to make it read more naturally without inventing
anything. Its answer replaces the template's only when the check finds no more
problems in it; when no endpoint is configured, or it fails, the template's draft
stands and the person is told why in one line.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace

import httpx

from topofmind.compose.drafts import Draft, DraftContext, check

SYSTEM = (
    "You edit short emails a job seeker sends to people involved in their applications. "
    "Use only the facts given; never invent names, numbers, dates or events. Keep the "
    "greeting, the sign-off and every specific reference to the conversation. No "
    "placeholders. Never write 'just checking in', 'touching base', 'circling back' or "
    "'I hope this email finds you well'. Keep every blank written [[like this]] exactly "
    "as it is: the person fills it in. Speak to the reader as 'you', never by their name "
    "in the third person. Reply with the email body only."
)


def messages(draft: Draft, context: DraftContext) -> list[dict]:
    facts = "\n".join(f"- {line}" for line in draft.evidence) or "- (none)"
    to = ", ".join(r.name for r in draft.recipients)
    return [
        {"role": "system", "content": SYSTEM},
        {
            "role": "user",
            "content": (
                f"Kind of message: {draft.kind}\nTo: {to}\nFrom: {context.profile.name}\n"
                f"Facts from the record:\n{facts}\n\nDraft to improve:\n{draft.body}"
            ),
        },
    ]


def complete(url: str, model: str, chat: list[dict], timeout: float) -> str:
    """The model's answer from an OpenAI-compatible /chat/completions endpoint."""
    headers = {}
    key = os.environ.get("TOM_LLM_API_KEY")
    if key:
        headers["Authorization"] = f"Bearer {key}"
    with httpx.Client(timeout=timeout) as client:
        response = client.post(
            url.rstrip("/") + "/chat/completions",
            json={"model": model, "messages": chat, "temperature": 0.3},
            headers=headers,
        )
        response.raise_for_status()
        return response.json()["choices"][0]["message"]["content"].strip()


def improve(
    draft: Draft,
    context: DraftContext,
    settings,
    notice: Callable[[str], None],
) -> Draft:
    """The model's version of the draft if it is at least as clean, else the draft itself."""
    if not settings.llm_url:
        return draft
    try:
        body = complete(
            settings.llm_url,
            settings.llm_model,
            messages(draft, context),
            float(settings.llm_timeout_seconds),
        )
    except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError) as exc:
        notice(f"The drafting model did not answer ({type(exc).__name__}); used the template.")
        return draft
    if not body:
        notice("The drafting model gave an empty answer; used the template.")
        return draft
    candidate = replace(draft, body=body, source="llm")
    if sorted(candidate.blanks) != sorted(draft.blanks):
        notice("The drafting model filled in or dropped a blank; used the template.")
        return draft
    candidate.findings = check(candidate, context)
    if len(candidate.findings) > len(draft.findings):
        notice("The drafting model's version failed the check; used the template.")
        return draft
    return candidate
