"""tom import / tom person duplicates|merge: mail in, actions closed, undo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent.parent / "data" / "email"


@pytest.fixture
def search(tom):
    """A job search at Northwind with yesterday's panel interview (thank-yous owed)."""
    for args in [
        (
            "init",
            "--name",
            "Jordan Lee",
            "--email",
            "jordan.lee@example.com",
            "--email",
            "jordan@lee.example",
            "--tz",
            "America/New_York",
        ),
        ("org", "add", "Northwind Analytics", "--domain", "northwind.example"),
        ("org", "add", "Bluebird Health", "--domain", "bluebird.example"),
        (
            "person",
            "add",
            "Dana Ruiz",
            "--email",
            "dana.ruiz@northwind.example",
            "--org",
            "Northwind",
        ),
        (
            "person",
            "add",
            "Sam Patel",
            "--email",
            "sam.patel@northwind.example",
            "--org",
            "Northwind",
        ),
        (
            "log",
            "interview",
            "--with",
            "Dana Ruiz",
            "--with",
            "Sam Patel",
            "--at",
            "2026-11-23T15:00-05:00",
            "--until",
            "2026-11-23T16:00-05:00",
            "--summary",
            "Panel interview",
        ),
    ]:
        result = tom(*args)
        assert result.exit_code == 0, result.output
    return tom


def run_json(tom, *args):
    result = tom(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def owed_thank_yous(tom) -> list[str]:
    agenda = run_json(tom, "today")
    return sorted(
        name
        for group in ("overdue", "today", "upcoming")
        for action in agenda[group]
        if action["rule"] == "thank-you"
        for name in action["person_names"]
    )


def people(tom) -> list[str]:
    return sorted(p["name"] for p in run_json(tom, "person", "list"))


def test_importing_sent_mail_closes_the_thank_you_with_no_other_step(search):
    assert owed_thank_yous(search) == ["Dana Ruiz", "Sam Patel"]
    result = search("import", "email", str(DATA / "thank-you-sent.eml"), "--quiet")
    assert result.exit_code == 0, result.output
    assert "Read 1, added 1, updated 0, matched 1, skipped 0, failed 0." in result.output
    assert owed_thank_yous(search) == ["Sam Patel"]


def test_a_folder_of_mail_imports_reimports_without_change_and_undoes(search):
    summary = run_json(search, "import", "email", str(DATA))
    assert summary["read"] == 16
    assert summary["skipped_by_reason"] == {"involves no known person or organization": 2}
    failed = {f["where"]: f["why"] for f in summary["failed"]}
    assert failed["inbox.mbox message 4"] == "no readable Date header"
    assert "not an mbox file" in failed[str(DATA / "not-mail.mbox")]
    assert summary["added_by_kind"]["interactions"] == 10
    # New people only at known organizations' domains; never free-mail strangers.
    assert people(search) == [
        "André Lefèvre",
        "Dana Ruiz",
        "Elena Kovacs",
        "Kim Alvarez",
        "Marco Bianchi",
        "Priya Nair",
        "Sam Patel",
    ]
    assert owed_thank_yous(search) == []

    again = run_json(search, "import", "email", str(DATA))
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 13)

    listed = run_json(search, "import", "list")
    assert [b["id"] for b in listed] == [again["id"], summary["id"]]
    result = search("import", "undo", str(summary["id"]))
    assert result.exit_code == 0, result.output
    assert people(search) == ["Dana Ruiz", "Sam Patel"]
    assert owed_thank_yous(search) == ["Dana Ruiz", "Sam Patel"]
    twice = search("import", "undo", str(summary["id"]))
    assert twice.exit_code == 2 and "already undone" in twice.output


def test_inbound_asks_become_requests_with_their_deadline(search):
    run_json(search, "import", "email", str(DATA / "request-base64.eml"))
    (mail,) = [
        i
        for i in run_json(search, "show", "person", "Priya")["interactions"]
        if i["kind"] == "email"
    ]
    assert [r["text"] for r in mail["requests"]][0] == "Could you send me two references by Friday?"
    assert mail["requests"][0]["due"].startswith("2026-11-27T22:00")


def test_dry_run_writes_nothing(search):
    summary = run_json(search, "import", "email", str(DATA / "inbox.mbox"), "--dry-run")
    assert summary["dry_run"] is True and summary["added"] > 0
    assert run_json(search, "import", "list") == []
    assert people(search) == ["Dana Ruiz", "Sam Patel"]


def test_show_lists_what_failed_and_why(search):
    summary = run_json(search, "import", "email", str(DATA / "inbox.mbox"))
    result = search("import", "show", str(summary["id"]))
    assert result.exit_code == 0, result.output
    assert "inbox.mbox message 4: no readable Date header" in result.output
    assert "1 × involves no known person or organization" in result.output


def test_missing_file_and_unknown_import_are_one_line_errors(search):
    result = search("import", "email", "/nowhere/mail.mbox")
    assert result.exit_code == 2
    assert "/nowhere/mail.mbox does not exist" in result.output
    result = search("import", "show", "99")
    assert result.exit_code == 2 and "No import has id 99" in result.output


def test_a_missing_path_among_others_is_listed_and_the_rest_imported(search):
    result = search("import", "email", str(DATA / "thank-you-sent.eml"), "/nowhere/sent.mbox")
    assert result.exit_code == 0, result.output
    assert "Read 1, added 1, updated 0, matched 1, skipped 0, failed 1." in result.output
    assert "/nowhere/sent.mbox: does not exist; check the path and import it again" in (
        result.output
    )
    assert f"Import 1: email from {DATA / 'thank-you-sent.eml'}" in result.output
    assert owed_thank_yous(search) == ["Sam Patel"]
    result = search("import", "email", "/nowhere/a.mbox", "/nowhere/b.mbox")
    assert result.exit_code == 2
    assert "/nowhere/a.mbox and /nowhere/b.mbox do not exist" in result.output
    assert run_json(search, "import", "list")[0]["id"] == 1


def test_a_file_that_is_not_mail_fails_with_the_reason(search):
    result = search("import", "email", str(DATA / "not-mail.mbox"))
    assert result.exit_code == 2
    assert "not an mbox file or an email message" in result.output


def test_duplicates_listed_and_merged_keeping_decisions(search):
    result = search(
        "person",
        "add",
        "Ruiz, Dana",
        "--email",
        "dana.ruiz@gmail.com",
        "--linkedin",
        "https://www.linkedin.com/in/danaruiz",
    )
    assert result.exit_code == 0, result.output
    other = run_json(search, "person", "show", "dana.ruiz@gmail.com")["id"]
    result = search("log", "meeting", "--with", str(other), "--at", "2026-11-24T10:00-05:00")
    assert result.exit_code == 0, result.output
    owed = [
        a["id"]
        for group in ("overdue", "today", "upcoming")
        for a in run_json(search, "today")[group]
        if a["rule"] == "thank-you" and a["people"] == [other]
    ]
    assert len(owed) == 1
    assert search("done", owed[0]).exit_code == 0

    listed = search("person", "duplicates")
    assert listed.exit_code == 0, listed.output
    assert (
        "dana.ruiz@gmail.com" in listed.output and "Merge with: tom person merge" in listed.output
    )

    merged = search("person", "merge", "Dana Ruiz", "dana.ruiz@gmail.com")
    assert merged.exit_code == 0, merged.output
    assert "dana.ruiz@northwind.example, dana.ruiz@gmail.com" in merged.output
    assert search("person", "duplicates").output.strip() == "No likely duplicates."
    # The thank-you marked done for the merged record stays done for the person kept.
    keep = run_json(search, "person", "show", "Dana Ruiz")["id"]
    renamed = owed[0].replace(f":p{other}", f":p{keep}")
    assert renamed in [d["action_id"] for d in run_json(search, "today")["done_recently"]]
    assert owed_thank_yous(search) == ["Sam Patel"]


ICS = Path(__file__).parent.parent / "data" / "ics" / "outlook_invite.ics"
AFTER_INTERVIEW = "2026-12-01T18:00:00-08:00"


def test_today_after_a_calendar_and_a_mailbox_shows_what_is_owed_to_whom(tom, tmp_path):
    for args in [
        (
            "init",
            "--name",
            "Jordan Lee",
            "--email",
            "jordan.lee@example.com",
            "--tz",
            "America/Los_Angeles",
        ),
        ("org", "add", "Acme", "--domain", "acme.com"),
    ]:
        assert tom(*args).exit_code == 0
    synced = tom("sync", "calendar", str(ICS), now="2026-11-25T09:00:00-08:00")
    assert synced.exit_code == 0, synced.output
    assert "Read 1, added" in synced.output
    sent = tmp_path / "sent.mbox"
    sent.write_bytes(
        b"From jordan.lee@example.com Tue Dec 01 16:00:00 2026\n"
        b"From: Jordan Lee <jordan.lee@example.com>\nTo: Dana Ruiz <dana.ruiz@acme.com>\n"
        b"Subject: Thank you\nDate: Tue, 01 Dec 2026 16:00:00 -0800\nMessage-ID: <t1@x>\n\n"
        b"Thank you for today.\n\n"
        b"From sam.okafor@acme.com Tue Dec 01 16:30:00 2026\n"
        b"From: Sam Okafor <sam.okafor@acme.com>\nTo: jordan.lee@example.com\n"
        b"Subject: Work sample\nDate: Tue, 01 Dec 2026 16:30:00 -0800\nMessage-ID: <s1@acme>\n\n"
        b"Could you send us the work sample by Thursday?\n"
    )
    result = tom("import", "email", str(sent), "--quiet", now=AFTER_INTERVIEW)
    assert result.exit_code == 0, result.output
    agenda = tom("today", now=AFTER_INTERVIEW)
    assert agenda.exit_code == 0, agenda.output
    assert "Thank Sam Okafor" in agenda.output
    assert "Thank Dana Ruiz" not in agenda.output
    assert "Sam Okafor" in agenda.output and "work sample" in agenda.output


def test_sync_feeds_with_no_feeds_reads_nothing(search):
    result = search("sync", "feeds")
    assert result.exit_code == 0, result.output
    assert "Read 0, added 0" in result.output


def test_sync_imap_from_the_command_line(search, dovecot, monkeypatch):
    folder = "CliSync"
    dovecot.reset_folder(folder)
    dovecot.append(
        folder,
        b"From: Dana Ruiz <dana.ruiz@northwind.example>\r\nTo: jordan.lee@example.com\r\n"
        b"Subject: Next round\r\nDate: Tue, 24 Nov 2026 09:00:00 -0500\r\n"
        b"Message-ID: <cli-1@northwind.example>\r\n\r\nCould you do Thursday at 10?\r\n",
    )
    args = [
        "sync",
        "imap",
        "--host",
        dovecot.host,
        "--port",
        str(dovecot.port),
        "--user",
        dovecot.user,
        "--folder",
        folder,
        "--no-tls",
        "--quiet",
    ]
    refused = search(*args)
    assert refused.exit_code == 2 and "Set TOM_IMAP_PASSWORD" in refused.output
    monkeypatch.setenv("TOM_IMAP_PASSWORD", dovecot.password)
    result = search(*args)
    assert result.exit_code == 0, result.output
    assert "Read 1, added 1, updated 0, matched 1" in result.output
    assert "Answer Dana Ruiz" in result.output
    again = search(*args)
    assert "Read 0, added 0" in again.output


def mail_from_dana(dovecot, monkeypatch, folder: str, subject: str) -> None:
    """One message from Dana in a fresh ``folder``, and the settings that read that folder."""
    dovecot.reset_folder(folder)
    dovecot.append(
        folder,
        b"From: Dana Ruiz <dana.ruiz@northwind.example>\r\nTo: jordan.lee@example.com\r\n"
        + f"Subject: {subject}\r\nDate: Tue, 24 Nov 2026 09:30:00 -0500\r\n".encode()
        + f"Message-ID: <{folder}-1@northwind.example>\r\n\r\nSee you then.\r\n".encode(),
    )
    for name, value in [
        ("IMAP_HOST", dovecot.host),
        ("IMAP_PORT", str(dovecot.port)),
        ("IMAP_USER", dovecot.user),
        ("IMAP_SECURITY", "none"),
        ("IMAP_FOLDERS", folder),
        ("IMAP_PASSWORD", dovecot.password),
    ]:
        monkeypatch.setenv(f"TOM_{name}", value)


def test_sync_imap_takes_the_account_from_the_settings(search, dovecot, monkeypatch):
    refused = search("sync", "imap")
    assert refused.exit_code == 2
    assert "Say which mail account: set imap_host and imap_user" in refused.output
    mail_from_dana(dovecot, monkeypatch, "SettingsSync", "Panel")
    result = search("sync", "imap", "--quiet")
    assert result.exit_code == 0, result.output
    assert "Read 1, added 1" in result.output


def test_sync_all_runs_every_source_set_up_and_reports_the_one_that_failed(
    search, dovecot, monkeypatch, tmp_path
):
    nothing = search("sync", "all")
    assert nothing.exit_code == 2
    assert "Nothing is set up to sync: set imap_host and imap_user" in nothing.output
    folder = "SyncAll"
    mail_from_dana(dovecot, monkeypatch, folder, "Onsite")
    monkeypatch.setenv("TOM_CALENDAR_URL", str(tmp_path / "moved.ics"))
    result = search("sync", "all")
    assert result.exit_code == 0, result.output
    assert f"imap from {dovecot.user}@{dovecot.host} {folder}" in result.stdout
    assert "Read 1, added 1" in result.stdout
    assert f"calendar: not synced. {tmp_path / 'moved.ics'} does not exist" in result.stderr
    synced = run_json(search, "sync", "all")
    assert [(s["source"], s["error"] == "") for s in synced] == [
        ("imap", True),
        ("calendar", False),
    ]
    assert (synced[0]["summary"]["read"], synced[0]["summary"]["id"]) == (0, None)
    quiet = search("sync", "imap")
    assert quiet.stdout.startswith(f"Nothing new: imap from {dovecot.user}@{dovecot.host}")
    assert len(run_json(search, "import", "list")) == 1  # the first sync's batch only
    monkeypatch.setenv("TOM_IMAP_PASSWORD", "wrong")
    failed = search("sync", "all")
    assert failed.exit_code == 2
    assert "imap: not synced. The IMAP server" in failed.stderr


def test_import_list_tells_a_sync_under_way_from_one_stopped_midway(tom, db_url):
    from conftest import NOW, open_context
    from topofmind.services.sync.lock import sync_lock
    from topofmind.store import batches as batch_store
    from topofmind.store.locks import holding

    assert tom("init", "--name", "Jordan Lee", "--email", "jordan.lee@example.com").exit_code == 0
    ctx = open_context(db_url)
    with ctx.db.begin() as conn:  # a sync whose program was killed after a step
        batch_id = batch_store.start_batch(conn, "imap", "jordan@mail.example INBOX", NOW)
        batch_store.save_progress(conn, batch_id, {"read": 200, "added": 3})

    def kinds() -> dict[int, str]:
        """Each import's kind as listed: "imap (stopped)" wraps in its column."""
        listed = tom("import", "list")
        assert listed.exit_code == 0, listed.output
        found: dict[int, str] = {}
        for line in listed.output.splitlines()[1:]:
            first, *rest = line.split() or [""]
            if first.isdigit():
                number = int(first)
                found[number] = rest[0]
            elif first.startswith("("):
                found[number] += f" {first}"
        return found

    assert kinds() == {batch_id: "imap (stopped)"}
    shown = tom("import", "show", str(batch_id))
    assert "Stopped before it could finish: what it read until then is kept" in shown.output
    with holding(ctx.db, sync_lock("imap")):  # another program syncs the mail now
        with ctx.db.begin() as conn:
            running = batch_store.start_batch(conn, "imap", "jordan@mail.example INBOX", NOW)
        # only the newest can be the one it writes: the older one was stopped
        assert kinds() == {running: "imap (syncing)", batch_id: "imap (stopped)"}
        assert "Still syncing" in tom("import", "show", str(running)).output
    assert kinds() == {running: "imap (stopped)", batch_id: "imap (stopped)"}
    ctx.db.dispose()
