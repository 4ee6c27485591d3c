"""Company news feeds (RSS 2.0, RSS 1.0, Atom) to news items.

The playbook's research rule asks for one recent item about the company to cite
before an interview and in check-ins; an organization's own feed is the cheapest
steady source. ``feedparser`` reads every feed dialect and survives most broken
ones; what it cannot read at all is a BadFile, so one broken feed is reported
and the others still read. Fetching lives in ``capture/fetch.py``.

Pure: bytes in, ``CapturedNews`` out.
"""

from __future__ import annotations

import calendar
import hashlib
from datetime import UTC, datetime

import feedparser

from topofmind.capture.items import CapturedNews
from topofmind.capture.readable import html_to_text
from topofmind.errors import BadFile

#: Longest summary kept per item; the link leads to the rest.
SUMMARY_CHARS = 1000


def read_feed(data: bytes, where: str) -> list[CapturedNews]:
    """The entries of a feed, newest first as the feed gives them."""
    parsed = feedparser.parse(data)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = getattr(parsed, "bozo_exception", None)
        detail = f" ({str(reason).strip().splitlines()[0][:120]})" if reason else ""
        raise BadFile(f"{where} is not a news feed{detail}.")
    return [item for entry in parsed.entries if (item := _news(entry)) is not None]


def _news(entry) -> CapturedNews | None:
    title = " ".join(html_to_text(entry.get("title", "")).split())
    link = entry.get("link", "")
    summary = html_to_text(entry.get("summary", "") or "")
    if not title and not link:
        return None
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    try:
        published = datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None
    except (OverflowError, ValueError, OSError, TypeError):  # a date no calendar has
        published = None
    external_id = entry.get("id") or link
    if not external_id:
        external_id = "title/" + hashlib.sha1(title.encode()).hexdigest()[:20]
    return CapturedNews(
        title=title or link,
        url=link,
        published=published,
        summary=summary[:SUMMARY_CHARS],
        external_id=external_id,
    )
