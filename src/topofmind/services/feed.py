"""The secret token of the calendar feed URL: reading it, and rotating it when it leaked."""

from __future__ import annotations

import secrets

from topofmind.services.context import Context
from topofmind.store import profiles as profile_store


def feed_token(ctx: Context) -> str | None:
    """The feed's current token; None before there is a profile or a token."""
    with ctx.db.connect() as conn:
        return profile_store.ics_token(conn)


def rotate_token(ctx: Context) -> str:
    """A new secret for the feed URL; the old URL stops working at once."""
    token = secrets.token_urlsafe(24)
    ctx.profile()  # the token lives on the profile
    with ctx.db.begin() as conn:
        profile_store.set_ics_token(conn, token)
    return token
