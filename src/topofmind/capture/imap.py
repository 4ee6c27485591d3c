"""Reading mail from an IMAP account with IMAPClient: folders, new UIDs, headers, then bodies.

The server is asked only for what is new (UIDs above the last one seen, under an
unchanged UIDVALIDITY) and, like the mbox reader, for headers first: only the
messages whose addresses involve someone known are downloaded whole. TLS is on
by default. Nothing here touches the database; ``services.sync.imap`` decides
what is known and remembers where each folder stopped.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from topofmind.capture.email import Addresses, scan_addresses
from topofmind.errors import TomError

#: Messages asked for in one FETCH.
CHUNK = 200
#: Addresses asked about in one SEARCH (three header keys each).
SEARCH_NEEDLES = 30
#: Seconds to wait for the server before giving up.
TIMEOUT = 30
#: What mail programs call the folder of sent mail; asking for any finds the server's.
SENT_NAMES = frozenset({"sent", "sent mail", "sent items", "sent messages"})

_HEADER_FIELDS = b"BODY[HEADER.FIELDS (FROM SENDER TO CC BCC REPLY-TO)]"
_HEADER_FETCH = "BODY.PEEK[HEADER.FIELDS (FROM SENDER TO CC BCC REPLY-TO)]"


class ImapError(TomError):
    """Shown to the user: the IMAP server cannot be reached, refused the login, or failed."""


#: Errors that mean the connection or the server failed while reading.
CONNECTION_ERRORS = (IMAPClientError, OSError, socket.timeout, ssl.SSLError, EOFError)


@dataclass
class FolderState:
    uidvalidity: int
    uidnext: int | None
    exists: int


class ImapMailbox:
    """A logged-in connection to one account."""

    def __init__(
        self,
        host: str,
        user: str,
        password: str,
        port: int = 993,
        security: str = "tls",
        timeout: float = TIMEOUT,
    ) -> None:
        """``security`` is "tls" (IMAP over TLS), "starttls" (plain, then TLS before the
        login) or "none" (only for a server on this machine)."""
        context = ssl.create_default_context()
        try:
            self.client = IMAPClient(
                host,
                port=port,
                ssl=security == "tls",
                ssl_context=context if security == "tls" else None,
                timeout=timeout,
            )
        except (TimeoutError, OSError, ssl.SSLError) as exc:
            raise ImapError(
                f"Cannot reach the IMAP server {host}:{port} ({exc}). "
                "Check --host and --port, and that TLS is what the server speaks."
            ) from None
        if security == "starttls":
            try:
                self.client.starttls(context)
            except (IMAPClientError, OSError, ssl.SSLError) as exc:
                self.client.shutdown()
                raise ImapError(
                    f"The IMAP server {host}:{port} did not start TLS ({exc}). "
                    "Check imap_security: tls on port 993, starttls on 143."
                ) from None
        try:
            self.client.login(user, password)
        except LoginError:
            self.client.shutdown()
            raise ImapError(
                f"The IMAP server {host} refused the login for {user}. Check the password in "
                "TOM_IMAP_PASSWORD or the keyring (an app password for Gmail and Outlook)."
            ) from None

    def close(self) -> None:
        with contextlib.suppress(*CONNECTION_ERRORS):
            self.client.logout()

    def __enter__(self) -> ImapMailbox:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def select(self, folder: str) -> FolderState:
        try:
            info = self.client.select_folder(folder, readonly=True)
        except IMAPClientError as exc:
            raise ImapError(
                f"The folder '{folder}' cannot be opened ({exc}). "
                f"Folders here: {', '.join(self.folders())}."
            ) from None
        return FolderState(
            uidvalidity=int(info[b"UIDVALIDITY"]),
            uidnext=int(info[b"UIDNEXT"]) if b"UIDNEXT" in info else None,
            exists=int(info.get(b"EXISTS", 0)),
        )

    def folders(self) -> list[str]:
        return [name for _flags, _sep, name in self.client.list_folders()]

    def listing(self) -> list[Folder]:
        """Every folder with its flags and separator, as the server lists them."""
        return [Folder(name, tuple(flags), sep) for flags, sep, name in self.client.list_folders()]

    def new_uids(self, after_uid: int, since: date | None = None) -> list[int]:
        """UIDs above ``after_uid`` in the selected folder (and on/after ``since``)."""
        criteria: list = [f"UID {after_uid + 1}:*"] if after_uid else ["ALL"]
        if since is not None:
            criteria = [*criteria, "SINCE", since]
        uids = self.client.search(criteria if len(criteria) > 1 else criteria[0])
        return sorted(u for u in uids if u > after_uid)

    def uids_involving(
        self, needles: list[str], up_to: int, since: date | None = None
    ) -> list[int]:
        """UIDs up to ``up_to`` in the selected folder (and on/after ``since``) of messages
        from, to or copied to any of ``needles``: addresses, or "@domain" for everyone at
        a domain (the server matches a part of the header)."""
        found: set[int] = set()
        limit = ["SINCE", since] if since is not None else []
        for start in range(0, len(needles), SEARCH_NEEDLES):
            keys = [
                [header, needle]
                for needle in needles[start : start + SEARCH_NEEDLES]
                for header in ("FROM", "TO", "CC")
            ]
            either = ["OR"] * (len(keys) - 1)  # prefix: OR OR a b c is (a or b) or c
            criteria = ["UID", f"1:{up_to}", *limit, *either, *sum(keys, [])]
            found.update(self.client.search(criteria))
        return sorted(u for u in found if u <= up_to)

    def headers(self, uids: list[int]) -> Iterator[tuple[int, Addresses]]:
        """The addresses of each message, from its address headers only."""
        for start in range(0, len(uids), CHUNK):
            chunk = uids[start : start + CHUNK]
            fetched = self.client.fetch(chunk, [_HEADER_FETCH])
            for uid in chunk:
                data = fetched.get(uid, {})
                raw = data.get(_HEADER_FIELDS) or b""
                yield uid, scan_addresses(raw)

    def messages(self, uids: list[int]) -> Iterator[tuple[int, bytes]]:
        """Whole raw messages, without marking them read."""
        for start in range(0, len(uids), CHUNK):
            chunk = uids[start : start + CHUNK]
            fetched = self.client.fetch(chunk, ["BODY.PEEK[]"])
            for uid in chunk:
                raw = fetched.get(uid, {}).get(b"BODY[]")
                if raw is not None:
                    yield uid, raw


@dataclass(frozen=True)
class Folder:
    name: str
    flags: tuple[bytes, ...] = ()
    separator: bytes | None = None

    @property
    def leaf(self) -> str:
        """The last part of the name ("Sent Mail" of "[Gmail]/Sent Mail")."""
        return self.name.rsplit(self.separator.decode(), 1)[-1] if self.separator else self.name


def find_folder(listing: list[Folder], wanted: str) -> str | None:
    """The server's folder for ``wanted``: that name (in any case), or, for "Sent", the
    folder the server flags as sent mail (RFC 6154), else the one with a usual name for
    it ("Sent Items", "[Gmail]/Sent Mail"...). None when there is none."""
    for same in (lambda f: f.name == wanted, lambda f: f.name.casefold() == wanted.casefold()):
        found = next((f.name for f in listing if same(f)), None)
        if found is not None:
            return found
    if wanted.casefold() not in SENT_NAMES:
        return None
    flagged = next((f.name for f in listing if b"\\Sent" in f.flags), None)
    return flagged or next((f.name for f in listing if f.leaf.casefold() in SENT_NAMES), None)


def relevant_uids(
    mailbox: ImapMailbox, uids: list[int], is_relevant: Callable[[Addresses], bool]
) -> tuple[list[int], list[int]]:
    """Split UIDs into (relevant, not relevant) from their headers alone."""
    keep: list[int] = []
    drop: list[int] = []
    for uid, found in mailbox.headers(uids):
        (keep if is_relevant(found) else drop).append(uid)
    return keep, drop
