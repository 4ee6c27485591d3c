"""How far the facts are read: the defaults, and windows widened by settings."""

from __future__ import annotations

from datetime import timedelta

import pytest

from topofmind.playbook.reach import DEFAULT, reach_for, reach_in_force
from topofmind.settings import Settings


def test_the_defaults_read_what_the_rules_were_designed_around():
    assert reach_for([Settings()]) == DEFAULT
    assert (DEFAULT.contact, DEFAULT.recent, DEFAULT.requests, DEFAULT.ahead, DEFAULT.news) == (
        timedelta(days=60),
        timedelta(days=21),
        timedelta(days=45),
        timedelta(days=60),
        timedelta(days=21),
    )


@pytest.mark.parametrize(
    ("setting", "value", "part", "days"),
    [
        ("cadence_applied_days", 45, "contact", 75),
        ("update_window_days", 90, "contact", 120),
        ("engage_quiet_days", 60, "contact", 90),
        ("thank_you_expire_days", 30, "recent", 37),
        ("thank_you_expire_days", 30, "contact", 60),
        ("event_follow_up_days", 20, "recent", 27),
        ("event_lookahead_days", 90, "ahead", 120),
        ("respond_message_days", 40, "recent", 40),
        ("respond_request_days", 90, "requests", 90),
        ("news_recent_days", 35, "news", 35),
    ],
)
def test_a_widened_window_widens_the_read(setting, value, part, days):
    assert getattr(reach_for([Settings({setting: value})]), part) == timedelta(days=days)


def test_narrower_windows_never_shorten_it_and_the_widest_opportunity_wins():
    narrow = Settings({"thank_you_expire_days": 3, "cadence_applied_days": 1})
    assert reach_for([narrow]) == DEFAULT
    base = Settings()
    wide = base.for_opportunity({"cadence_offer_days": 50})
    assert reach_for([base, wide]).contact == timedelta(days=80)


def test_an_opportunitys_own_window_widens_the_read_for_everyone():
    overrides = [{}, {"cadence_applied_days": 45}, {"thank_you_expire_days": 20}]
    reach = reach_in_force(Settings(), overrides)
    assert (reach.contact, reach.recent) == (timedelta(days=75), timedelta(days=27))
    assert reach_in_force(Settings(), [{}, {}]) == DEFAULT
