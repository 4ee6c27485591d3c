"""While the web app runs, every source set up is synced by itself."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from topofmind.settings import Settings
from topofmind.web.background import Syncing

INVITE = Path(__file__).parent.parent / "data" / "ics" / "outlook_invite.ics"


class Quick(Syncing):
    """The same loop, every twentieth of a second instead of every ``sync_minutes``."""

    def interval(self) -> float | None:
        return 0.05 if super().interval() is not None else None


def test_the_server_syncs_what_is_set_up_on_its_own(web):
    state = web.client.app.state
    assert Syncing(state).run_once() == []  # nothing set up: nothing asked of anyone
    state.settings = Settings({"calendar_url": str(INVITE)})
    before = web.get("/import").text.count('class="card batch"')
    syncing = Quick(state)
    syncing.start()
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and "calendar · batch #" not in web.get("/import").text:
            time.sleep(0.05)
        time.sleep(0.2)  # a few more runs, which find nothing new
    finally:
        syncing.stop()
    page = web.get("/import").text
    assert "calendar · batch #" in page
    assert page.count('class="card batch"') == before + 1
    assert not syncing._thread.is_alive()


def test_the_first_sync_comes_soon_after_the_start_and_the_next_after_sync_minutes(
    web, monkeypatch
):
    from topofmind.web import background

    monkeypatch.setattr(background, "FIRST_SYNC_SECONDS", 0.05)
    state = web.client.app.state
    state.settings = Settings({"calendar_url": str(INVITE), "sync_minutes": 30})
    runs = []

    class Counted(Syncing):
        def run_once(self):
            runs.append(time.monotonic())
            return super().run_once()

    syncing = Counted(state)
    assert (syncing.first_wait(), syncing.interval()) == (0.05, 30 * 60)
    started = time.monotonic()
    syncing.start()
    try:
        deadline = started + 10
        while time.monotonic() < deadline and "calendar · batch #" not in web.get("/import").text:
            time.sleep(0.05)
        time.sleep(0.3)  # long enough for more runs, were they not half an hour apart
    finally:
        syncing.stop()
    assert len(runs) == 1 and runs[0] - started < 5
    assert "calendar · batch #" in web.get("/import").text


def test_sync_minutes_0_turns_it_off():
    off = Syncing(type("State", (), {"settings": Settings({"sync_minutes": 0})})())
    assert off.interval() is None and off.first_wait() is None
    assert off.soon() is False  # nor does a source just set up start one
    assert Syncing(type("State", (), {"settings": Settings()})()).interval() == 30 * 60


def test_the_app_starts_its_sync_with_the_server_and_stops_it_after(demo_templates, tmp_path):
    from conftest import NOW
    from web.conftest import make_browser

    browser = make_browser(demo_templates.sqlite_copy(tmp_path / "tom.db"), NOW.isoformat())
    before = {t for t in threading.enumerate() if t.name == "topofmind-sync"}
    with browser.client:
        started = {t for t in threading.enumerate() if t.name == "topofmind-sync"} - before
        assert len(started) == 1 and next(iter(started)).is_alive()
    assert not next(iter(started)).is_alive()


def test_someone_added_in_the_app_brings_their_earlier_mail_in_seconds(web, dovecot, monkeypatch):
    """Weeks of mail with a recruiter, then they are added on the People page: the app
    syncs at once, and their person page shows that earlier mail."""
    import html
    import uuid

    folder = f"W{uuid.uuid4().hex[:10]}"
    with dovecot.client() as client:
        client.create_folder(folder)
    dovecot.append(
        folder,
        (
            b"From: Lee Park <lee@globex.example>\r\nTo: jordan.lee@example.com\r\n"
            b"Subject: Coffee next week?\r\nDate: Mon, 02 Nov 2026 10:00:00 -0500\r\n"
            b"Message-ID: <coffee-1@globex.example>\r\n\r\nWould Tuesday work?\r\n"
        ),
    )
    monkeypatch.setenv("TOM_IMAP_PASSWORD", dovecot.password)
    state = web.client.app.state
    state.settings = Settings(
        {
            "imap_host": dovecot.host,
            "imap_user": dovecot.user,
            "imap_port": dovecot.port,
            "imap_security": "none",
            "imap_folders": folder,
        }
    )
    Syncing(state).run_once()  # the folder was read while Lee was nobody yet
    assert "Coffee next week?" not in web.get("/import").text

    added = web.form("/people/new", {"name": "Lee Park", "email": "lee@globex.example"})
    assert added.status_code == 200 and added.url.query == b"looking=1"
    assert "Looking in your mail for earlier messages with Lee Park" in html.unescape(added.text)
    deadline = time.monotonic() + 20
    page = ""
    while time.monotonic() < deadline and "Coffee next week?" not in page:
        time.sleep(0.1)
        page = html.unescape(web.get(added.url.path).text)
    assert "Coffee next week?" in page  # found by the sync the app started at once
