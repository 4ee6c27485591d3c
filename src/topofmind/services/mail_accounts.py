"""The person's mail accounts: where their passwords are kept (never in the database)."""

from __future__ import annotations

from topofmind.compose.passwords import store_mail_password
from topofmind.errors import InvalidValue
from topofmind.services.context import Context

#: The accounts a password can be kept for.
KINDS = ("imap", "smtp")


def save_password(ctx: Context, kind: str, password: str) -> None:
    """Keep the password of the ``kind`` account the settings name in the system keyring."""
    if kind not in KINDS:
        raise InvalidValue(f"No mail account called '{kind}': choose imap or smtp.")
    host, user = ctx.settings[f"{kind}_host"], ctx.settings[f"{kind}_user"]
    if not host or not user:
        raise InvalidValue(f"Set {kind}_host and {kind}_user first: the password is theirs.")
    if not password:
        raise InvalidValue("Type the password to keep; nothing was saved.")
    store_mail_password(kind, user, host, password)
