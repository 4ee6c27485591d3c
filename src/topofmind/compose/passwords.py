"""Mail passwords: from the environment or the system keyring, never from the database.

One keyring entry per account, whatever uses it: service ``topofmind``, user
``imap:USER@HOST`` or ``smtp:USER@HOST``. Syncing mail and saving to the Drafts folder
read the same IMAP entry (an entry under the service ``topofmind-imap`` and the login
name, as older versions stored it, is still read).
"""

from __future__ import annotations

import os

from topofmind.errors import InvalidValue
from topofmind.paths import KEYRING_SERVICE, OLD_IMAP_KEYRING_SERVICE

SERVICE = KEYRING_SERVICE
#: Where older versions looked for the IMAP password: (service, then the login name).
OLD_IMAP_SERVICE = OLD_IMAP_KEYRING_SERVICE


def keyring_user(kind: str, user: str, host: str) -> str:
    return f"{kind}:{user}@{host}"


def how_to_store(kind: str, user: str, host: str) -> str:
    """The command that puts the password in the keyring."""
    return f"keyring set {SERVICE} {keyring_user(kind, user, host)}"


def mail_password(kind: str, user: str, host: str) -> str:
    """The password of the ``kind`` ("imap" or "smtp") account from ``TOM_<KIND>_PASSWORD``,
    else the system keyring; "" when neither has it."""
    found = os.environ.get(f"TOM_{kind.upper()}_PASSWORD")
    if found:
        return found
    if not user:
        return ""
    try:
        import keyring

        found = keyring.get_password(SERVICE, keyring_user(kind, user, host))
        if not found and kind == "imap":
            found = keyring.get_password(OLD_IMAP_SERVICE, user)
    except Exception:  # no usable keyring backend on this machine
        return ""
    return found or ""


def store_mail_password(kind: str, user: str, host: str, password: str) -> None:
    """Keep the password in the system keyring, where ``mail_password`` finds it."""
    try:
        import keyring
        from keyring.errors import KeyringError

        keyring.set_password(SERVICE, keyring_user(kind, user, host), password)
    except (KeyringError, RuntimeError) as exc:  # no backend, locked, refused
        raise InvalidValue(
            f"This computer has no keyring that would keep the password ({exc}). Set "
            f"TOM_{kind.upper()}_PASSWORD in the environment `tom` runs in instead."
        ) from None
