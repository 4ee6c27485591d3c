"""How far around ``now`` the facts must be read so that every window of the settings fits.

The rules only look back or ahead as far as their settings say (a thank-you is proposed
for ``thank_you_expire_days``, a check-in waits ``cadence_*_days``...), so the store
reads the record no further than that, plus a margin. The defaults give the reach the
rules were designed around (``domain.facts.Reach``); a person who widens a window, in
the settings file or on one opportunity, widens the read with it instead of having the
window silently cut short.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from topofmind.domain.facts import Reach
from topofmind.settings import Settings

#: Settings whose window is measured back from now against last contact: a check-in's
#: cadence, an update's window, the quiet time before an engagement, how long a
#: closing note stays proposed, how long a thank-you is owed (evidence after it).
CONTACT_WINDOWS = (
    "cadence_applied_days",
    "cadence_screening_days",
    "cadence_interviewing_days",
    "cadence_offer_days",
    "update_window_days",
    "engage_quiet_days",
    "close_note_expire_days",
    "thank_you_expire_days",
    "spacing_days",
)
#: Settings whose window is measured back from now against recent conversations and
#: events: thank-yous, connection requests and notes owed after them, event follow-ups.
RECENT_WINDOWS = ("thank_you_expire_days", "event_follow_up_days")
#: Settings whose window is measured back from now against inbound messages: how long
#: one stays proposed for a reply (read as far as that, without a margin).
MESSAGE_WINDOWS = ("respond_message_days",)
#: Settings whose window is measured back from now against requests.
REQUEST_WINDOWS = ("respond_request_days",)
#: Settings whose window reaches ahead of now: events worth registering for.
AHEAD_WINDOWS = ("event_lookahead_days",)
#: Settings whose window is measured back from now against news items.
NEWS_WINDOWS = ("news_recent_days",)


DEFAULT = Reach()


def settings_in_force(settings: Settings, overrides: Iterable[Mapping[str, Any]]) -> list[Settings]:
    """``settings`` and, for each opportunity's own ``overrides``, its settings."""
    return [settings, *(settings.for_opportunity(found) for found in overrides if found)]


def reach_in_force(settings: Settings, overrides: Iterable[Mapping[str, Any]]) -> Reach:
    """The reach the facts are read with: every window of ``settings`` and of each
    opportunity's own ``overrides`` (``store.facts.opportunity_overrides``)."""
    return reach_for(settings_in_force(settings, overrides))


def reach_for(settings: Iterable[Settings]) -> Reach:
    """The reach that covers every window of ``settings`` (the person's and each
    opportunity's own), never shorter than the defaults."""
    found = list(settings)

    def longest(names: tuple[str, ...]) -> int:
        return max(s[name] for s in found for name in names)

    if not found:
        return DEFAULT
    return Reach(
        contact=max(DEFAULT.contact, timedelta(days=longest(CONTACT_WINDOWS) + 30)),
        recent=max(
            DEFAULT.recent,
            timedelta(days=longest(RECENT_WINDOWS) + 7),
            timedelta(days=longest(MESSAGE_WINDOWS)),
        ),
        requests=max(DEFAULT.requests, timedelta(days=longest(REQUEST_WINDOWS))),
        ahead=max(DEFAULT.ahead, timedelta(days=longest(AHEAD_WINDOWS) + 30)),
        news=max(DEFAULT.news, timedelta(days=longest(NEWS_WINDOWS))),
    )
