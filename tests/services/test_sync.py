"""Re-reading a calendar and company feeds over real HTTP: conditional, bounded, undoable."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from topofmind.errors import BadFile, FetchFailed, InvalidValue
from topofmind.services.imports import list_batches, undo_batch
from topofmind.services.organizations import add_organization
from topofmind.services.sync.lock import AlreadySyncing
from topofmind.services.sync.sources import (
    sync_calendar,
    sync_everything,
    sync_feeds,
    sync_source,
)
from topofmind.settings import Settings
from topofmind.store.feeds import list_feeds
from topofmind.store.interactions import list_interactions
from topofmind.store.news import list_news
from topofmind.store.organizations import list_organizations
from topofmind.store.schema import interactions

DATA = Path(__file__).parent.parent / "data"
INVITE = (DATA / "ics/outlook_invite.ics").read_bytes()
RSS2 = (DATA / "feeds/rss2.xml").read_bytes()
MOVED = (DATA / "ics/outlook_update.ics").read_bytes()
CANCELLED = (DATA / "ics/outlook_cancel.ics").read_bytes()


def calendar_rows(ctx) -> list[tuple]:
    with ctx.db.connect() as conn:
        query = select(interactions.c.at, interactions.c.sequence, interactions.c.cancelled)
        return [tuple(r) for r in conn.execute(query)]


def test_a_calendar_url_is_reread_conditionally_and_applies_changes(fresh_db, http_server):
    url = http_server.route("/cal.ics", body=INVITE, etag='"1"', content_type="text/calendar")
    first = sync_calendar(fresh_db, url)
    assert first.added_by_kind == {"organizations": 1, "people": 2, "interactions": 1}

    unchanged = sync_calendar(fresh_db, url)
    assert (unchanged.read, unchanged.added, unchanged.updated) == (0, 0, 0)
    assert http_server.hits("/cal.ics")[-1].headers["If-None-Match"] == '"1"'
    assert unchanged.id is None  # a sync that found nothing new leaves no batch
    assert [b.id for b in list_batches(fresh_db)] == [first.id]

    http_server.route("/cal.ics", body=MOVED, etag='"2"')
    assert sync_calendar(fresh_db, url).updated == 1
    http_server.route("/cal.ics", body=CANCELLED, etag='"3"')
    assert sync_calendar(fresh_db, url).updated == 1
    [(at, sequence, cancelled)] = calendar_rows(fresh_db)
    assert (at.day, sequence, cancelled) == (2, 1, True)


def test_a_calendar_behind_a_redirect(fresh_db, http_server):
    http_server.route("/real.ics", body=INVITE)
    url = http_server.route("/moved.ics", redirect_to="/real.ics")
    assert sync_calendar(fresh_db, url).added_by_kind["interactions"] == 1


def test_the_calendar_url_setting_is_used_by_default(fresh_db):
    fresh_db.settings = Settings({"calendar_url": str(DATA / "ics/outlook_invite.ics")})
    assert sync_calendar(fresh_db).added_by_kind["interactions"] == 1
    again = sync_calendar(fresh_db)  # a file has no ETag: read again, found unchanged
    assert (again.unchanged, again.id) == (1, None)
    assert len(list_batches(fresh_db)) == 1


def test_no_calendar_named_says_how_to_name_one(fresh_db):
    with pytest.raises(InvalidValue, match="tom sync calendar URL"):
        sync_calendar(fresh_db)


def test_garbage_at_a_calendar_url_writes_nothing(fresh_db, http_server):
    url = http_server.route("/cal.ics", body=b"\x00\x01garbage<html>", content_type="text/html")
    with pytest.raises(BadFile, match="not an iCalendar file"):
        sync_calendar(fresh_db, url)
    assert calendar_rows(fresh_db) == []


def test_an_unreachable_calendar_is_one_line(fresh_db, http_server):
    with pytest.raises(FetchFailed, match="answered 404"):
        sync_calendar(fresh_db, http_server.base_url + "/nothing.ics")


def feeds_setup(ctx, http_server) -> dict[str, str]:
    urls = {
        "good": http_server.route(
            "/acme.xml", body=(DATA / "feeds/rss2.xml").read_bytes(), etag='"a1"'
        ),
        "garbage": http_server.route("/globex.xml", body=b"<html>Not here</html>"),
        "missing": http_server.base_url + "/gone.xml",
        "moved": http_server.route("/old-initech.xml", redirect_to="/initech.xml"),
    }
    http_server.route("/initech.xml", body=(DATA / "feeds/rss1.rdf").read_bytes())
    add_organization(ctx, "Acme", feeds=[urls["good"]])
    add_organization(ctx, "Globex", feeds=[urls["garbage"], urls["missing"]])
    add_organization(ctx, "Initech", feeds=[urls["moved"]])
    return urls


def test_feeds_one_broken_feed_never_stops_the_others(fresh_db, http_server):
    urls = feeds_setup(fresh_db, http_server)
    summary = sync_feeds(fresh_db)
    with fresh_db.db.connect() as conn:
        titles = sorted(n.title for n in list_news(conn))
        errors = {f.url: f.error for f in list_feeds(conn)}
    assert titles == [
        "Acme opens a data center in Montréal",
        "Acme reports third-quarter results",
        "Initech retires the TPS report",
    ]
    assert summary.failed_total == 2
    assert "is not a news feed" in errors[urls["garbage"]]
    assert "answered 404" in errors[urls["missing"]]
    assert errors[urls["good"]] is None


def test_feeds_are_fetched_conditionally_and_undo_restores_the_validators(fresh_db, http_server):
    urls = feeds_setup(fresh_db, http_server)
    first = sync_feeds(fresh_db)
    again = sync_feeds(fresh_db)
    assert again.added == 0
    assert http_server.hits("/acme.xml")[-1].headers["If-None-Match"] == '"a1"'
    undo_batch(fresh_db, again.id)
    undo_batch(fresh_db, first.id)
    with fresh_db.db.connect() as conn:
        assert list_news(conn) == []
        etags = {f.url: f.etag for f in list_feeds(conn)}
    assert etags[urls["good"]] is None
    assert sync_feeds(fresh_db).added == 3


def test_the_database_is_free_while_a_feed_answers(fresh_db, http_server):
    """A sync waiting on a server holds nothing: another program (the web app) writes
    meanwhile without waiting, and already sees what the sync read before."""
    seen_meanwhile = []

    def meanwhile() -> None:
        add_organization(fresh_db, "Written Meanwhile")
        with fresh_db.db.connect() as conn:
            seen_meanwhile.extend(n.title for n in list_news(conn))
        [running] = list_batches(fresh_db)  # listed as it goes, with what it did so far
        seen_meanwhile.append(f"{running.status}, added {running.added}")

    slow = http_server.route(
        "/initech.xml", body=(DATA / "feeds/rss1.rdf").read_bytes(), meanwhile=meanwhile
    )
    add_organization(fresh_db, "Acme", feeds=[http_server.route("/acme.xml", body=RSS2)])
    add_organization(fresh_db, "Initech", feeds=[slow])
    summary = sync_feeds(fresh_db)
    assert (summary.added, summary.failed_total) == (3, 0)
    assert sorted(seen_meanwhile[:2]) == [
        "Acme opens a data center in Montréal",
        "Acme reports third-quarter results",
    ]
    assert seen_meanwhile[2:] == ["syncing, added 2"]
    assert not list_batches(fresh_db)[0].unfinished and list_batches(fresh_db)[0].status == ""
    with fresh_db.db.connect() as conn:
        assert "Written Meanwhile" in {o.name for o in list_organizations(conn)}
    undo_batch(fresh_db, summary.id)  # the batch is still one undo
    with fresh_db.db.connect() as conn:
        assert list_news(conn) == []


def test_a_source_being_synced_is_not_synced_again_alongside(fresh_db, http_server):
    tried = []

    def meanwhile() -> None:  # Sync now, pressed while the background sync reads
        try:
            sync_source(fresh_db, "feeds")
        except AlreadySyncing as error:
            tried.append(str(error))
        tried.extend(f"{s.source}: {s.error}" for s in sync_everything(fresh_db))

    slow = http_server.route("/acme.xml", body=RSS2, meanwhile=meanwhile)
    add_organization(fresh_db, "Acme", feeds=[slow])
    assert sync_source(fresh_db, "feeds").added == 2
    assert tried == [
        "The news feeds are being synced already; what it reads shows as it goes.",
        "feeds: The news feeds are being synced already; what it reads shows as it goes.",
    ]
    assert len(http_server.hits("/acme.xml")) == 1
    assert sync_source(fresh_db, "feeds").added == 0  # free again once done


def test_the_database_is_free_while_a_calendar_answers(fresh_db, http_server):
    url = http_server.route(
        "/cal.ics", body=INVITE, meanwhile=lambda: add_organization(fresh_db, "Written Meanwhile")
    )
    assert sync_calendar(fresh_db, url).added_by_kind["interactions"] == 1
    with fresh_db.db.connect() as conn:
        assert "Written Meanwhile" in {o.name for o in list_organizations(conn)}


def test_a_calendar_that_fails_after_its_batch_began_leaves_no_batch(fresh_db, http_server):
    url = http_server.route("/cal.ics", body=b"<html>not a calendar</html>")
    with pytest.raises(BadFile):
        sync_calendar(fresh_db, url)
    assert list_batches(fresh_db) == []


def test_a_calendar_sync_keeps_interactions_listed(fresh_db, http_server):
    url = http_server.route("/cal.ics", body=INVITE)
    sync_calendar(fresh_db, url)
    with fresh_db.db.connect() as conn:
        [interview] = list_interactions(conn)
    assert interview.location.startswith("Microsoft Teams Meeting · https://teams.microsoft.com")


def test_a_meeting_deleted_from_the_calendar_is_cancelled_on_the_next_sync(fresh_db, tmp_path):
    calendar = tmp_path / "calendar.ics"
    calendar.write_bytes(INVITE)
    sync_calendar(fresh_db, str(calendar))
    calendar.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
    summary = sync_calendar(fresh_db, str(calendar))
    assert summary.updated == 1
    [(_, _, cancelled)] = calendar_rows(fresh_db)
    assert cancelled is True
    undo_batch(fresh_db, summary.id)
    [(_, _, cancelled)] = calendar_rows(fresh_db)
    assert cancelled is False


def test_tom_sync_calendar_uses_the_setting_and_tom_sync_feeds_lists_failures(
    tom, http_server, monkeypatch
):
    assert tom("init", "--name", "Jordan Lee", "--email", "jordan.lee@example.com").exit_code == 0
    monkeypatch.setenv("TOM_CALENDAR_URL", http_server.route("/cal.ics", body=INVITE))
    result = tom("sync", "calendar")
    assert result.exit_code == 0, result.output
    assert "Added: 1 organizations, 2 people, 1 interactions." in result.output
    broken = http_server.route("/broken.xml", body=b"<html>no feed</html>")
    assert tom("org", "add", "Globex", "--feed", broken).exit_code == 0
    result = tom("sync", "feeds")
    assert result.exit_code == 0, result.output
    assert f"  Globex feed: {broken} is not a news feed.\n" in result.output


def test_a_sync_in_another_program_is_waited_for_and_one_killed_midway_is_stopped(
    fresh_db, http_server, db_url
):
    """`tom sync feeds` in a terminal while the web app would sync too: one at a time
    across programs. Killed while a server answers, it leaves its first step listed as
    stopped, and the lock goes with the process: the next sync runs."""
    import signal
    import subprocess
    import sys
    import threading
    import time

    answering, killed = threading.Event(), threading.Event()

    def meanwhile() -> None:  # the other program waits on this server
        answering.set()
        killed.wait(30)

    add_organization(fresh_db, "Initech", feeds=[http_server.route("/initech.xml", body=RSS2)])
    add_organization(
        fresh_db, "Acme", feeds=[http_server.route("/acme.xml", body=RSS2, meanwhile=meanwhile)]
    )
    tom = str(Path(sys.executable).with_name("tom"))
    other = subprocess.Popen(
        [tom, "--db", db_url, "sync", "feeds"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        assert answering.wait(30), other.communicate(timeout=5)
        with pytest.raises(AlreadySyncing, match="The news feeds are being synced already"):
            sync_feeds(fresh_db)
        [running] = list_batches(fresh_db)  # its first feed is committed, the second pending
        assert (running.status, running.added) == ("syncing", 2)
        other.send_signal(signal.SIGKILL)
        other.wait(10)
    finally:
        killed.set()
        other.kill()
    [stopped] = list_batches(fresh_db)
    for _ in range(50):  # PostgreSQL frees the lock once it sees the connection close
        if stopped.status != "syncing":
            break
        time.sleep(0.1)
        [stopped] = list_batches(fresh_db)
    assert (stopped.status, stopped.added, stopped.finished_at) == ("stopped", 2, None)
    again = sync_feeds(fresh_db)  # the lock went with the killed program
    assert again.id != stopped.id and again.finished_at is not None
    assert [b.status for b in list_batches(fresh_db)] == ["", "stopped"]
