"""Trying a mail account or a calendar address before saving it: the same connection a
sync makes, reporting what it found or, in one sentence, why it failed. Nothing is kept."""

from __future__ import annotations

from pathlib import Path

from topofmind.errors import BadFile, InvalidValue


def try_imap(host: str, port: int, security: str, user: str, password: str = "") -> str:
    """Log in to the IMAP account and list its folders, with the password given, else
    the one kept for it; the words to show on success. Raises a TomError saying why it
    failed."""
    from topofmind.capture.imap import CONNECTION_ERRORS, ImapError, ImapMailbox
    from topofmind.compose.passwords import mail_password

    if not host.strip() or not user.strip():
        raise InvalidValue("Type the server and the user name to try the account.")
    password = password or mail_password("imap", user.strip(), host.strip())
    if not password:
        raise InvalidValue("Type the password to try the account (it is not shown or kept).")
    mode = security.strip().lower()
    try:
        with ImapMailbox(host.strip(), user.strip(), password, port, mode, timeout=10) as mailbox:
            folders = mailbox.folders()
    except ImapError:
        raise
    except CONNECTION_ERRORS as exc:
        raise ImapError(f"The IMAP server {host}:{port} failed while answering ({exc}).") from None
    shown = ", ".join(folders[:8]) + (f" and {len(folders) - 8} more" if len(folders) > 8 else "")
    return f"Logged in to {host} as {user}. Folders: {shown}."


def try_calendar(source: str, timeout: float = 10.0) -> str:
    """Read the calendar at a URL or path and count its events; the words to show.
    Raises a TomError saying why it failed."""
    from topofmind.capture.fetch import fetch
    from topofmind.services.sync.sources import is_url

    source = source.strip()
    if not source:
        raise InvalidValue("Type the calendar's address (an .ics URL or file) to try it.")
    if is_url(source):
        url = "https://" + source[len("webcal://") :] if source.startswith("webcal") else source
        data = fetch(url, timeout=timeout).content
    else:
        path = Path(source).expanduser()
        if not path.is_file():
            raise BadFile(f"{path} does not exist. Check the path and try again.")
        data = path.read_bytes()
    text = data.decode("utf-8", "replace")
    if "BEGIN:VCALENDAR" not in text.upper():
        raise BadFile(f"{source} is not a calendar: it answers, but not with an .ics file.")
    events = text.upper().count("BEGIN:VEVENT")
    return f"Read the calendar: {events} event{'s' if events != 1 else ''}."
