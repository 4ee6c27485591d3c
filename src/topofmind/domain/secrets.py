"""Secrets in URLs: what a calendar or feed address may carry that must never be kept in
the record, printed, shown or exported.

A private calendar's address is its password: ``https://user:pass@host/...``, a
``?token=`` or ``?key=`` parameter, Google's ``private-…`` path segment, iCloud's and
Outlook's long random segments. ``redacted`` keeps what tells a person which calendar
it is (scheme, host, the readable path) and puts ``***`` where a secret was; the full
address stays only where the person put it (the settings file, the keyring).
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MASK = "***"
#: Query parameters whose value is a credential, matched within the name.
_SECRET_PARAMS = (
    "token",
    "key",
    "secret",
    "pass",
    "pwd",
    "auth",
    "sig",
    "credential",
    "session",
    "private",
)
#: A path segment that is a random credential: long, of letters and digits mixed, no dot.
_RANDOM = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_\-]{20,}$")


def _secret_segment(segment: str) -> bool:
    return segment.lower().startswith("private-") or bool(_RANDOM.match(segment))


def redacted(url: str) -> str:
    """``url`` with every credential in it replaced by ``***``; unchanged without any."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.scheme or not parts.netloc:
        return url
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        user = userinfo.split(":", 1)[0] if ":" in userinfo else ""
        netloc = f"{user}:{MASK}@{host}" if user else f"{MASK}@{host}"
    path = "/".join(MASK if _secret_segment(s) else s for s in parts.path.split("/"))
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        hidden = [
            (name, MASK if any(word in name.lower() for word in _SECRET_PARAMS) else value)
            for name, value in pairs
        ]
        if hidden != pairs:
            query = urlencode(hidden, safe="*")
    return urlunsplit((parts.scheme, netloc, path, query, parts.fragment))


def has_secret(url: str) -> bool:
    return redacted(url) != url


def fingerprint(url: str) -> str:
    """A name for ``url`` that tells two addresses apart without holding their secrets:
    the redacted address and a digest of the whole."""
    if not has_secret(url):
        return url
    return f"{redacted(url)}#{hashlib.sha256(url.encode()).hexdigest()[:16]}"
