"""A private calendar's address is never kept in the record, printed or exported: its
credentials stay in the settings (services/sync/sources.py with domain/secrets.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from conftest import Tom

INVITE = (Path(__file__).parent.parent / "data" / "ics/outlook_invite.ics").read_bytes()
SECRETS = ("s3cret", "t0psecret")


def private(http_server, path: str, **route) -> str:
    url = http_server.route(f"{path}?token=t0psecret", **route)
    return url.replace("http://", "http://jordan:s3cret@")


def everything_said(tom: Tom) -> str:
    said = []
    for args in (["import", "list"], ["import", "list", "--json"], ["import", "show", "1"]):
        done = tom(*args)
        said.append(done.output)
    done = tom("export")
    assert done.exit_code == 0, done.output
    return "\n".join([*said, done.stdout])


def test_a_private_calendar_address_is_masked_everywhere(db_url, http_server, tom):
    assert tom("init", "--name", "Jordan Lee", "--email", "jordan.lee@example.com").exit_code == 0
    url = private(http_server, "/cal.ics", body=INVITE, content_type="text/calendar")
    synced = tom("sync", "calendar", url)
    assert synced.exit_code == 0, synced.output
    assert "jordan:***@127.0.0.1" in synced.output and "token=***" in synced.output
    again = tom("sync", "calendar", url)  # remembered under the masked name: nothing new
    assert again.exit_code == 0, again.output
    said = everything_said(tom)
    assert [s for s in SECRETS if s in said + synced.output + again.output] == []
    assert "cal.ics" in said


def test_a_failed_fetch_of_a_private_calendar_does_not_print_its_secret(tom, http_server):
    assert tom("init", "--name", "Jordan Lee", "--email", "jordan.lee@example.com").exit_code == 0
    url = private(http_server, "/gone.ics", status=401, body=b"no")
    failed = tom("sync", "calendar", url)
    assert failed.exit_code == 2
    assert "answered 401" in failed.output
    assert [s for s in SECRETS if s in failed.output] == []


def test_what_an_earlier_version_kept_of_the_address_is_scrubbed(sqlite_url, http_server):
    tom = Tom(sqlite_url)
    assert tom("init", "--name", "Jordan Lee", "--email", "jordan.lee@example.com").exit_code == 0
    url = private(http_server, "/cal.ics", body=INVITE, content_type="text/calendar")
    from topofmind.store.database import open_database

    db = open_database(sqlite_url)
    try:
        with db.begin() as conn:  # as a sync before this version left them
            conn.execute(
                text(
                    "INSERT INTO import_batches (owner_id, source, target, started_at, "
                    "finished_at, summary) VALUES (1, 'calendar', :u, :t, :t, '{}')"
                ),
                {"u": url, "t": datetime(2026, 11, 1, tzinfo=UTC)},
            )
            conn.execute(
                text(
                    "INSERT INTO sync_state (owner_id, key, value, updated_at) "
                    "VALUES (1, :k, '{}', :t)"
                ),
                {"k": f"calendar:{url}", "t": datetime(2026, 11, 1, tzinfo=UTC)},
            )
    finally:
        db.dispose()
    assert tom("sync", "calendar", url).exit_code == 0
    said = everything_said(tom)
    assert [s for s in SECRETS if s in said] == []


RSS2 = (Path(__file__).parent.parent / "data" / "feeds/rss2.xml").read_bytes()


def test_a_private_feed_is_kept_in_the_keyring_and_masked(tom, http_server, memory_keyring):
    assert tom("init", "--name", "Jordan Lee", "--email", "jordan.lee@example.com").exit_code == 0
    url = http_server.route("/acme.xml?token=t0psecret", body=RSS2)
    added = tom("org", "add", "Acme", "--feed", url)
    assert added.exit_code == 0, added.output
    synced = tom("sync", "feeds")
    assert synced.exit_code == 0, synced.output
    shown = tom("org", "show", "Acme")
    said = everything_said(tom) + synced.output + shown.output + added.output
    assert "t0psecret" not in said
    assert "acme.xml?token=***" in shown.output
    assert [v for v in memory_keyring.values() if "t0psecret" in v] == [url]
    exported = json.loads(tom("export").stdout)["tables"]
    assert exported["news_items"], "the feed was read through the address in the keyring"
    removed = tom("org", "edit", "Acme", "--remove-feed", url)
    assert removed.exit_code == 0, removed.output
    assert "acme.xml" not in tom("org", "show", "Acme").output


def test_a_private_feed_without_a_keyring_is_refused_in_one_line(tom, http_server):
    assert tom("init", "--name", "Jordan Lee", "--email", "jordan.lee@example.com").exit_code == 0
    url = http_server.route("/acme.xml?token=t0psecret", body=RSS2)
    refused = tom("org", "add", "Acme", "--feed", url)
    assert refused.exit_code == 2
    assert "keyring" in refused.output and "t0psecret" not in refused.output
