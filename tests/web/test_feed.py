"""The calendar feed at a secret URL, and rotating its token."""

from __future__ import annotations


def feed_path(web) -> str:
    page = web.get("/settings").text
    url = page.split('id="feed-url" value="')[1].split('"')[0]
    return url.removeprefix("http://testserver")


def test_no_feed_until_asked_for(web):
    assert 'id="feed-url"' not in web.get("/settings").text
    assert web.get("/feed/anything.ics").status_code == 404


def test_feed_lists_open_actions_and_rotating_kills_the_old_url(web):
    web.form("/settings/feed/rotate")
    old = feed_path(web)
    feed = web.get(old)
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in feed.content and b"BEGIN:VTODO" in feed.content
    web.form("/settings/feed/rotate")
    new = feed_path(web)
    assert new != old
    assert web.get(old).status_code == 404
    assert web.get(new).status_code == 200
