"""A draft as a standard email message (RFC 5322), and as a .eml file.

Python's email package with ``policy.SMTP`` folds long headers, encodes
non-ASCII names (RFC 2047) and bodies, and ends lines with CRLF, so the same
message can be written to a file, appended to an IMAP folder or sent over SMTP.
"""

from __future__ import annotations

from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from topofmind.compose.drafts import Draft
from topofmind.errors import DeliveryFailed


def address(name: str, email: str) -> Address:
    user, _, domain = email.partition("@")
    if not user or not domain:
        raise DeliveryFailed(f"'{email}' is not an email address. Fix it with `tom person edit`.")
    return Address(display_name=name, username=user, domain=domain)


def build_message(
    draft: Draft, sender_name: str, sender_email: str, now: datetime, extra_html: str = ""
) -> EmailMessage:
    """The draft as a message from the person to its recipients, threaded when it replies."""
    missing = [r.name for r in draft.recipients if not r.email]
    if not draft.recipients or missing:
        who = ", ".join(missing) or "anyone"
        raise DeliveryFailed(
            f"No email address for {who}. Add one: tom person edit NAME --email ADDRESS."
        )
    if not sender_email:
        raise DeliveryFailed("Your profile has no email address. Add one with `tom init`.")
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = address(sender_name, sender_email)
    message["To"] = [address(r.name, r.email) for r in draft.recipients]
    message["Subject"] = draft.subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=sender_email.partition("@")[2])
    if draft.in_reply_to:
        message["In-Reply-To"] = draft.in_reply_to
    if draft.references:
        message["References"] = " ".join(draft.references)
    message.set_content(draft.body + "\n", cte="quoted-printable")
    if extra_html:
        message.add_alternative(extra_html, subtype="html", cte="quoted-printable")
    return message


def write_eml(message: EmailMessage, path: Path) -> Path:
    """Write the message as a .eml file that mail programs open as a ready message."""
    path = Path(path).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(message.as_bytes())
    return path
