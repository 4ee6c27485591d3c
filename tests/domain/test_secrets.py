"""Secrets in URLs are masked (domain/secrets.py)."""

from __future__ import annotations

import pytest

from topofmind.domain.secrets import fingerprint, has_secret, redacted


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://example.com/cal.ics", "https://example.com/cal.ics"),
        (
            "https://jordan:s3cret@dav.example.com/cal.ics",
            "https://jordan:***@dav.example.com/cal.ics",
        ),
        ("https://tok3n@dav.example.com/cal.ics", "https://***@dav.example.com/cal.ics"),
        ("https://x.example/feed?token=abc123&lang=en", "https://x.example/feed?token=***&lang=en"),
        ("https://x.example/feed?api_key=abc", "https://x.example/feed?api_key=***"),
        (
            "https://calendar.google.com/calendar/ical/me%40gmail.com/private-0a1b2c3d4e5f/basic.ics",
            "https://calendar.google.com/calendar/ical/me%40gmail.com/***/basic.ics",
        ),
        (
            "webcal://p12-caldav.icloud.com/published/2/MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3OD",
            "webcal://p12-caldav.icloud.com/published/2/***",
        ),
        ("/home/jordan/calendar.ics", "/home/jordan/calendar.ics"),
    ],
)
def test_credentials_are_masked_and_the_rest_kept(url, shown):
    assert redacted(url) == shown
    assert has_secret(url) == (url != shown)


def test_fingerprints_tell_addresses_apart_without_their_secrets():
    one = fingerprint("https://jordan:s3cret@dav.example.com/cal.ics")
    two = fingerprint("https://jordan:other@dav.example.com/cal.ics")
    assert one != two and "s3cret" not in one
    assert fingerprint("https://example.com/cal.ics") == "https://example.com/cal.ics"
