"""Feed addresses that carry a secret: the address is kept in the system keyring, the
record holds its masked name (``domain.secrets.fingerprint``), and a sync asks the
keyring for the address again. So a private feed's token is never in the database, in
`tom export`, or on a page."""

from __future__ import annotations

from topofmind.domain.secrets import MASK, fingerprint, has_secret
from topofmind.errors import FetchFailed, InvalidValue
from topofmind.paths import KEYRING_SERVICE

SERVICE = KEYRING_SERVICE


def _entry(name: str) -> str:
    return f"url:{name}"


def kept(url: str) -> str:
    """What the record holds for ``url``: itself, or for one with a secret its masked
    name, the whole address being put in the keyring."""
    url = url.strip()
    if not has_secret(url):
        return url
    name = fingerprint(url)
    try:
        import keyring
        from keyring.errors import KeyringError

        keyring.set_password(SERVICE, _entry(name), url)
    except (KeyringError, RuntimeError) as exc:  # no backend, locked, refused
        raise InvalidValue(
            f"{name} carries a password or token, which topofmind keeps only in the system "
            f"keyring, and this computer has none ({exc}). Use an address without one."
        ) from None
    return name


def named(url: str) -> str:
    """The name the record holds for ``url``, without storing anything."""
    url = url.strip()
    return fingerprint(url) if has_secret(url) else url


def address(stored: str) -> str:
    """The address to fetch for what the record holds: the keyring's for a masked name."""
    if MASK not in stored:
        return stored
    try:
        import keyring

        found = keyring.get_password(SERVICE, _entry(stored))
    except Exception:  # no usable keyring backend on this machine
        found = None
    if not found:
        raise FetchFailed(
            f"The address of {stored} is not in this computer's keyring; add the feed again.",
            field="feed",
        )
    return found
