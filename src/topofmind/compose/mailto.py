"""A mailto: link (RFC 6068) that opens the draft in the person's mail program."""

from __future__ import annotations

from urllib.parse import quote

from topofmind.compose.drafts import Draft
from topofmind.errors import DeliveryFailed


def mailto_link(draft: Draft) -> str:
    """mailto:to1,to2?subject=...&body=... with every part percent-encoded."""
    addresses = [r.email for r in draft.recipients if r.email]
    if not addresses:
        names = ", ".join(r.name for r in draft.recipients) or "the recipient"
        raise DeliveryFailed(
            f"No email address for {names}. Add one: tom person edit NAME --email ADDRESS."
        )
    to = ",".join(quote(a, safe="@") for a in addresses)
    body = draft.body.replace("\r\n", "\n").replace("\n", "\r\n")
    query = f"subject={quote(draft.subject, safe='')}&body={quote(body, safe='')}"
    if draft.in_reply_to:
        query += f"&In-Reply-To={quote(draft.in_reply_to, safe='')}"
    return f"mailto:{to}?{query}"
