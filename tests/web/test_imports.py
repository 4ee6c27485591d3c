"""Import: upload a file, see the batch summary, undo it."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from conftest import NOW
from topofmind.web.routes.imports import guess_kind

EML = (
    "From: Dana Ruiz <dana.ruiz@northwind.example>\r\n"
    "To: Jordan Lee <jordan.lee@example.com>\r\n"
    "Subject: Next steps <script>alert(1)</script>\r\n"
    "Date: Tue, 24 Nov 2026 09:00:00 -0500\r\n"
    "Message-ID: <next-steps-1@northwind.example>\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<p>Could you send your availability for Thursday?</p>"
    "<script>document.title='owned'</script><img src=x onerror=alert(1)>\r\n"
)


@pytest.mark.parametrize(
    ("name", "available", "kind"),
    [
        ("mail.mbox", ["email", "mbox"], "mbox"),
        ("mail.mbox", ["email"], "email"),
        ("invite.ics", ["calendar", "email"], "calendar"),
        ("Basic_LinkedInDataExport.zip", ["linkedin"], "linkedin"),
        ("RESUME.JSON", ["resume"], "resume"),
    ],
)
def test_guess_kind_from_the_file_name(name, available, kind):
    assert guess_kind(name, available) == kind


def test_unknown_file_kind_is_one_line():
    from topofmind.errors import InvalidValue

    with pytest.raises(InvalidValue, match="Cannot tell what kind of file notes.xyz is"):
        guess_kind("notes.xyz", ["email"])


def upload(web, name: str, body: str, content_type: str):
    """The import form sent with one file, as the page's htmx sends it."""
    return web.post(
        "/import",
        files={"files": (name, body.encode(), content_type)},
        data={"kind": "auto"},
        htmx=True,
    )


def test_upload_shows_the_batch_and_undo_removes_it(web):
    web.get("/import")
    result = upload(web, "next-steps.eml", EML, "message/rfc822")
    assert result.status_code == 200, result.text
    assert "Added" in result.text or "added 1" in result.text.lower()
    batch_id = result.text.split('id="batch-')[1].split('"')[0]
    timeline = html.unescape(web.get("/people/1").text)
    assert "Next steps" in timeline
    assert "<script>alert(1)</script>" not in web.get("/people/1").text

    undone = web.post(f"/import/{batch_id}/undo", htmx=True)
    assert "undone" in undone.text
    assert "Next steps" not in html.unescape(web.get("/people/1").text)
    assert "undone" in web.get("/import").text


def test_a_sync_under_way_and_one_stopped_midway_are_told_apart(web):
    from topofmind.services.sync.lock import sync_lock
    from topofmind.store import batches as batch_store
    from topofmind.store.locks import holding

    db = web.client.app.state.db
    with db.begin() as conn:  # a sync whose program was killed after its first step
        batch_id = batch_store.start_batch(conn, "imap", "jordan@mail.example INBOX", NOW)
        batch_store.save_progress(conn, batch_id, {"read": 200, "added": 3, "skipped_total": 197})

    def card() -> str:
        page = html.unescape(web.get("/import").text)
        return page.split(f'id="batch-{batch_id}"')[1].split("</article>")[0]

    assert "batch #" in card() and ">stopped</span>" in card()
    assert "read 200" in card().lower() and "added 3" in card().lower()
    assert 'hx-trigger="every' not in page_of(web)
    with holding(db, sync_lock("imap")):  # the same batch while its sync still runs
        assert ">syncing</span>" in card() and ">stopped</span>" not in card()
        assert f'hx-get="/import/{batch_id}" hx-trigger="every 3s"' in page_of(web)
        with db.begin() as conn:
            batch_store.save_progress(conn, batch_id, {"read": 400, "added": 5})
        fresh = web.get(f"/import/{batch_id}", headers={"HX-Request": "true"}).text
        assert fresh.startswith("<article") and "read 400" in fresh.lower()
    done = web.get(f"/import/{batch_id}", headers={"HX-Request": "true"}).text
    assert ">stopped</span>" in done and "hx-trigger" not in done  # it stops asking


def page_of(web) -> str:
    return web.get("/import").text


def test_files_of_different_kinds_are_each_read_as_their_kind(web):
    calendar = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\n"
        "UID:onsite-1@northwind.example\r\nDTSTAMP:20261120T090000Z\r\n"
        "DTSTART:20261201T150000Z\r\nDTEND:20261201T160000Z\r\nSUMMARY:Onsite interview\r\n"
        "ORGANIZER:mailto:dana.ruiz@northwind.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    result = web.post(
        "/import",
        files=[
            ("files", ("next-steps.eml", EML.encode(), "message/rfc822")),
            ("files", ("onsite-invite.ics", calendar.encode(), "text/calendar")),
        ],
        data={"kind": "auto"},
        htmx=True,
    )
    assert result.status_code == 200, result.text
    page = html.unescape(result.text)
    batches = page.split('<article class="card batch"')[1:]
    assert len(batches) == 2 and "could not be read" not in page
    assert any("email · batch" in b and "· next-steps.eml" in b for b in batches)
    assert any("ics · batch" in b and "· onsite-invite.ics" in b for b in batches)
    assert "tom-import-" not in page  # no temporary folder named


def test_upload_without_a_file_is_refused(web):
    result = web.post("/import", files={"files": ("", b"", "text/plain")}, htmx=True)
    assert 'class="error"' in result.text


def test_sync_the_calendar_from_the_setting(web, monkeypatch):
    from pathlib import Path

    from topofmind.settings import load_settings

    invite = Path(__file__).parents[1] / "data" / "ics" / "outlook_invite.ics"
    monkeypatch.setenv("TOM_CALENDAR_URL", str(invite))
    web.client.app.state.settings = load_settings()
    result = web.post("/sync/calendar", htmx=True)
    assert result.status_code == 200, result.text
    assert 'class="card batch"' in result.text


def test_sync_mail_without_settings_is_one_line(web):
    result = web.post("/sync/imap", htmx=True)
    assert "Set imap_host and imap_user in Settings" in result.text


def test_sync_now_while_another_sync_reads_the_calendar_says_so(web, monkeypatch):
    from topofmind.services.sync.lock import sync_lock
    from topofmind.settings import load_settings
    from topofmind.store.locks import holding

    invite = Path(__file__).parents[1] / "data" / "ics" / "outlook_invite.ics"
    monkeypatch.setenv("TOM_CALENDAR_URL", str(invite))
    web.client.app.state.settings = load_settings()
    # the background sync, or a `tom sync calendar` in a terminal, reads the calendar
    with holding(web.client.app.state.db, sync_lock("calendar")):
        result = web.post("/sync/calendar", htmx=True)
        assert "Your calendar is being synced already" in html.unescape(result.text)
        everything = html.unescape(web.post("/sync/all", htmx=True).text)
        assert "Your calendar is being synced already" in everything
    assert 'class="card batch"' in web.post("/sync/calendar", htmx=True).text


SCREEN_ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
    "UID:copperline-screen-1\r\nDTSTAMP:20261120T120000Z\r\n"
    "DTSTART:20261123T160000Z\r\nDTEND:20261123T163000Z\r\n"
    "SUMMARY:Phone screen: Analytics Engineer\r\n"
    "ORGANIZER;CN=Tom Becker:mailto:tom.becker@copperline.example\r\n"
    "ATTENDEE;CN=Jordan Lee:mailto:jordan.lee@example.com\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_an_imported_screen_that_took_place_moves_the_opportunity_and_says_so(web):
    result = upload(web, "screen.ics", SCREEN_ICS, "text/calendar")
    assert result.status_code == 200, result.text
    assert (
        "Moved Analytics Engineer at Copperline Robotics from applied to screening, as the "
        "phone screen on Mon 23 Nov shows" in html.unescape(result.text)
    )
    stages = {o["title"]: o["stage"] for o in web.get("/api/opportunities").json()}
    assert stages["Analytics Engineer"] == "screening"
    batch_id = result.text.split('id="batch-')[1].split('"')[0]
    web.post(f"/import/{batch_id}/undo", htmx=True)
    stages = {o["title"]: o["stage"] for o in web.get("/api/opportunities").json()}
    assert stages["Analytics Engineer"] == "applied"


def test_sync_everything_runs_what_is_set_up_and_says_what_failed(web, monkeypatch, tmp_path):
    from topofmind.settings import load_settings

    data = Path(__file__).parent.parent / "data"
    monkeypatch.setenv("TOM_CALENDAR_URL", str(data / "ics" / "outlook_invite.ics"))
    web.client.app.state.settings = load_settings()
    page = web.get("/import").text
    assert 'hx-post="/sync/all"' in page
    result = web.post("/sync/all", htmx=True)
    assert result.status_code == 200, result.text
    text = html.unescape(result.text)
    assert "calendar · batch #" in text and "outlook_invite.ics" in text
    assert "imap" not in text  # no mail account set up, so not tried
    again = html.unescape(web.post("/sync/all", htmx=True).text)
    assert "calendar · nothing new" in again and "Undo this import" not in again
    monkeypatch.setenv("TOM_CALENDAR_URL", str(tmp_path / "gone.ics"))
    web.client.app.state.settings = load_settings()
    failed = html.unescape(web.post("/sync/all", htmx=True).text)
    assert "calendar · not synced" in failed
    assert f"{tmp_path / 'gone.ics'} does not exist" in failed
