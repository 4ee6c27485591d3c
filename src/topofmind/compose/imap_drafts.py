"""Putting a draft in the Drafts folder of the person's own mail account (IMAP APPEND).

The person then reviews and sends it from their own mail program, so it is sent
from their address, kept in their Sent folder, and topofmind never holds the
sending credentials. Uses IMAPClient.
"""

from __future__ import annotations

import contextlib
import ssl
from datetime import datetime
from email.message import EmailMessage

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from topofmind.compose.passwords import how_to_store
from topofmind.domain.accounts import ImapAccount
from topofmind.errors import DeliveryFailed


def append_draft(message: EmailMessage, account: ImapAccount, when: datetime) -> str:
    """Append ``message`` to the account's drafts folder, flagged as a draft; the folder."""
    if not account.password:
        raise DeliveryFailed(
            f"No IMAP password for {account.user}. Set TOM_IMAP_PASSWORD or store it with: "
            f"{how_to_store('imap', account.user, account.host)}"
        )
    context = ssl.create_default_context()
    try:
        client = IMAPClient(
            account.host,
            port=account.port,
            ssl=account.security == "tls",
            ssl_context=context if account.security == "tls" else None,
            timeout=20,
        )
        try:
            if account.security == "starttls":
                client.starttls(context)
            client.login(account.user, account.password)
            folder = _drafts_folder(client, account.folder)
            client.append(folder, message.as_bytes(), flags=[b"\\Draft"], msg_time=when)
            return folder
        finally:
            with contextlib.suppress(Exception):  # the connection may already be gone
                client.logout()
    except LoginError:
        raise DeliveryFailed(
            f"The IMAP server {account.host} refused the user name or password."
        ) from None
    except (IMAPClientError, ssl.SSLError, OSError) as exc:
        raise DeliveryFailed(
            f"Could not put the draft in {account.folder} on {account.host}: {exc}"
        ) from None


def _drafts_folder(client: IMAPClient, wanted: str) -> str:
    """The folder named ``wanted``, else the one flagged \\Drafts, else ``wanted`` created."""
    folders = client.list_folders()
    names = [name for _, _, name in folders]
    if wanted in names:
        return wanted
    for flags, _, name in folders:
        if b"\\Drafts" in flags:
            return name
    client.create_folder(wanted)
    return wanted
