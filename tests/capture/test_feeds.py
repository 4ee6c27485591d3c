"""News feeds: every dialect read; fetching conditional, bounded and over real HTTP."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from topofmind.capture.feeds import read_feed
from topofmind.capture.fetch import fetch
from topofmind.errors import BadFile, FetchFailed

DATA = Path(__file__).parent.parent / "data" / "feeds"


def read(name: str):
    return read_feed((DATA / name).read_bytes(), name)


@pytest.mark.parametrize(
    ("name", "title", "published", "external_id"),
    [
        (
            "rss2.xml",
            "Acme opens a data center in Montréal",
            datetime(2026, 11, 20, 19, 0, tzinfo=UTC),
            "acme-2026-11-20-montreal",
        ),
        (
            "rss1.rdf",
            "Initech retires the TPS report",
            datetime(2026, 11, 18, 14, 30, tzinfo=UTC),
            "https://initech.com/news/tps",
        ),
        (
            "atom.xml",
            "How Globex ships weekly",
            datetime(2026, 11, 22, 10, 0, tzinfo=UTC),
            "tag:globex.com,2026:weekly",
        ),
    ],
)
def test_every_dialect(name, title, published, external_id):
    first = read(name)[0]
    assert (first.title, first.published, first.external_id) == (title, published, external_id)


def test_summaries_are_text_and_items_without_guid_use_their_link():
    items = read("rss2.xml")
    assert items[0].summary == "The new site adds 200 jobs."
    assert items[1].external_id == "https://acme.com/news/q3"


def test_a_page_that_is_not_a_feed_is_refused():
    with pytest.raises(BadFile, match="not a news feed"):
        read("not_a_feed.html")


def test_fetch_sends_validators_and_understands_304(http_server):
    body = (DATA / "atom.xml").read_bytes()
    url = http_server.route(
        "/feed", body=body, etag='"v1"', last_modified="Sun, 22 Nov 2026 10:00:00 GMT"
    )
    first = fetch(url, timeout=2)
    assert (first.status, first.content, first.etag) == (200, body, '"v1"')
    again = fetch(url, etag=first.etag, last_modified=first.last_modified, timeout=2)
    assert again.not_modified and again.content == b""
    assert http_server.requests[-1].headers["If-None-Match"] == '"v1"'
    assert http_server.requests[-1].headers["If-Modified-Since"] == first.last_modified


def test_fetch_follows_redirects(http_server):
    http_server.route("/new", body=b"<rss/>")
    url = http_server.route("/old", redirect_to="/new")
    fetched = fetch(url, timeout=2)
    assert fetched.content == b"<rss/>" and fetched.url.endswith("/new")


def test_redirect_loops_are_refused(http_server):
    url = http_server.route("/a", redirect_to="/b")
    http_server.route("/b", redirect_to="/a")
    with pytest.raises(FetchFailed, match="redirects more than"):
        fetch(url, timeout=2)


def test_a_slow_server_times_out(http_server):
    url = http_server.route("/slow", body=b"<rss/>", delay=1.0)
    with pytest.raises(FetchFailed, match="took longer than 0.2 s"):
        fetch(url, timeout=0.2)


def test_a_huge_response_is_cut_off(http_server):
    url = http_server.route("/huge", endless=5_000_000)
    with pytest.raises(FetchFailed, match="larger than"):
        fetch(url, timeout=5, max_bytes=1_000_000)


def test_errors_and_bad_urls_say_what_happened(http_server):
    with pytest.raises(FetchFailed, match="answered 404"):
        fetch(http_server.base_url + "/missing", timeout=2)
    with pytest.raises(FetchFailed, match="not an http"):
        fetch("ftp://example.com/feed", timeout=2)
    with pytest.raises(FetchFailed, match="could not be reached"):
        fetch("http://127.0.0.1:9/feed", timeout=2)
