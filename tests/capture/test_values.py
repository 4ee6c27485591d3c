"""capture/values.py: what a file holds made to fit the record, or the item refused."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from topofmind.capture.items import CapturedEvent, CapturedInteraction, PersonRef
from topofmind.capture.values import (
    OutOfRange,
    fit_item,
    fit_json,
    printable,
    safe_url,
    short,
    valid_email,
)
from topofmind.domain.enums import Direction, InteractionKind


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://acme.example/jobs/1", "https://acme.example/jobs/1"),
        ("http://acme.example", "http://acme.example"),
        ("mailto:dana@acme.example", "mailto:dana@acme.example"),
        ("javascript:alert(1)", ""),
        ("JavaScript:alert(1)", ""),
        ("data:text/html,<b>x</b>", ""),
        ("file:///etc/passwd", ""),
        ("https://a.example/x y", ""),
    ],
)
def test_only_http_https_and_mailto_links_are_kept(url, kept):
    assert safe_url(url) == kept


@pytest.mark.parametrize(
    ("address", "kept"),
    [
        ("Dana@Acme.example", "dana@acme.example"),
        ("mailto:dana@acme.example", "dana@acme.example"),
        ("@", ""),
        ("a@b@c@", ""),
        ("no address", ""),
        ("x" * 400 + "@acme.example", ""),
    ],
)
def test_addresses_are_checked(address, kept):
    assert valid_email(address) == kept


def test_text_is_made_printable_and_failures_short():
    assert printable("a\x00b\x07c\n\td\ud800") == "abc\n\td\ufffd"
    assert short("line one\nline two " + "x" * 300, 40).endswith("…")
    assert len(short("x" * 300, 40)) == 40


def test_an_event_keeps_only_a_safe_link_and_its_text_printable():
    event = CapturedEvent(
        title="Meetup\x00", starts_at=datetime(2026, 12, 1, tzinfo=UTC), url="javascript:x()"
    )
    fit_item(event)
    assert (event.title, event.url) == ("Meetup", "")


def test_a_moment_out_of_range_refuses_the_item_and_an_optional_one_is_dropped():
    far = datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-12)))
    item = CapturedInteraction(at=far, kind=InteractionKind.EMAIL, direction=Direction.INBOUND)
    with pytest.raises(OutOfRange, match="its date 9999-12-31T23:59:00-12:00 is out of range"):
        fit_item(item)
    ref = PersonRef(name="Old", emails=["old@x.example", "@"], connected_on=date(1, 1, 1))
    fit_item(ref)
    assert (ref.connected_on, ref.emails) == (None, ["old@x.example"])


def test_numbers_come_within_range_and_json_loses_nan():
    item = CapturedInteraction(
        at=datetime(2026, 1, 1, tzinfo=UTC),
        kind=InteractionKind.MEETING,
        direction=Direction.BOTH,
        sequence=10**30,
    )
    assert fit_item(item).sequence == 2**31 - 1
    assert fit_json({"a": float("nan"), "b": [float("inf"), "\ud800"], "c": 2**80}) == {
        "a": None,
        "b": [None, "\ufffd"],
        "c": str(2**80),
    }
