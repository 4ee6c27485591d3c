"""A mail account the person reads from or writes drafts to: one type for every use.

The settings name it (``imap_host``, ``imap_user``, ``imap_port``, ``imap_security``,
``imap_drafts_folder``); the password comes from the environment or the system keyring
when it is used, and is never stored.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ImapAccount:
    host: str
    user: str = ""
    port: int = 993
    #: "tls" (IMAP over TLS), "starttls" or "none", as ``imap_security`` says.
    security: str = "tls"
    #: From ``TOM_IMAP_PASSWORD`` or the keyring, filled when the account is used.
    password: str = ""
    #: The folder drafts are appended to.
    folder: str = "Drafts"

    @property
    def tls(self) -> bool:
        """Whether the connection is encrypted at all (anything but "none")."""
        return self.security != "none"

    def key(self, folder: str) -> str:
        """The name a sync keeps its place in ``folder`` under."""
        return f"imap:{self.user}@{self.host}/{folder}"
