"""IMAP sync against a real Dovecot: incremental, renumbered folders, a server that stops."""

from __future__ import annotations

import uuid
from email.utils import format_datetime

import pytest

from topofmind.capture import imap
from topofmind.capture.imap import ImapError
from topofmind.domain.accounts import ImapAccount
from topofmind.services.imports import list_batches, undo_batch
from topofmind.services.imports.batches import UndoneWhileRunning
from topofmind.services.imports.mail import record_message
from topofmind.services.organizations import add_organization, edit_organization
from topofmind.services.people import add_person, edit_person
from topofmind.services.sync import imap as imap_sync
from topofmind.services.sync.imap import account_from_settings, sync_imap
from topofmind.settings import Settings
from topofmind.store.interactions import list_interactions


def message(n: int, sender: str, to: str = "jordan.lee@example.com", when=None) -> bytes:
    from conftest import NOW

    date = format_datetime(when or NOW)
    return (
        f"From: {sender}\r\nTo: {to}\r\nSubject: Message {n}\r\nDate: {date}\r\n"
        f"Message-ID: <m{n}-{uuid.uuid4().hex[:8]}@test>\r\n\r\nBody {n}.\r\n"
    ).encode()


@pytest.fixture
def known(fresh_db):
    add_organization(fresh_db, "Acme", ["acme.example"])
    add_person(fresh_db, "Dana Ruiz", emails=["dana@acme.example"], organization="Acme")
    return fresh_db


@pytest.fixture
def folder(dovecot) -> str:
    """A folder of its own for each test, on the module's server."""
    name = f"T{uuid.uuid4().hex[:10]}"
    with dovecot.client() as client:
        client.create_folder(name)
    return name


@pytest.fixture
def account(dovecot, monkeypatch) -> ImapAccount:
    monkeypatch.setenv("TOM_IMAP_PASSWORD", dovecot.password)
    return ImapAccount(host=dovecot.host, user=dovecot.user, port=dovecot.port, security="none")


def in_chunks_of_four(dovecot, folder: str, monkeypatch, messages: int) -> None:
    """A folder of ``messages`` from Dana, read four at a time: a long sync in small steps."""
    monkeypatch.setattr(imap, "CHUNK", 4)
    for n in range(messages):
        dovecot.append(folder, message(n, "dana@acme.example"))


def list_people(ctx, name: str) -> list:
    from topofmind.store.people import list_people as people

    with ctx.db.connect() as conn:
        return [p for p in people(conn) if p.name == name]


def mail(ctx):
    with ctx.db.connect() as conn:
        return list_interactions(conn)


def test_sync_records_known_mail_and_then_only_what_is_new(known, dovecot, folder, account):
    dovecot.append(folder, message(1, "Dana Ruiz <dana@acme.example>"))
    dovecot.append(folder, message(2, "Shop <deals@shop.example>"))
    dovecot.append(folder, message(3, "Jordan <jordan.lee@example.com>", to="lee@acme.example"))
    first = sync_imap(known, account, [folder])
    assert (first.read, first.added_by_kind.get("interactions"), first.skipped_total) == (3, 2, 1)
    assert sorted(m.direction.value for m in mail(known)) == ["in", "out"]

    nothing = sync_imap(known, account, [folder])
    assert (nothing.read, nothing.added, nothing.id) == (0, 0, None)  # and no batch listed

    dovecot.append(folder, message(4, "dana@acme.example"))
    later = sync_imap(known, account, [folder])
    assert (later.read, later.added) == (1, 1)
    assert len(mail(known)) == 3
    assert [b.id for b in list_batches(known)] == [later.id, first.id]


def test_a_new_uidvalidity_rereads_the_folder_without_duplicates(known, dovecot, folder, account):
    raw = message(1, "dana@acme.example")
    dovecot.append(folder, raw)
    sync_imap(known, account, [folder])
    dovecot.reset_folder(folder)
    dovecot.append(folder, raw)
    dovecot.append(folder, message(2, "dana@acme.example"))
    again = sync_imap(known, account, [folder])
    assert (again.read, again.added, again.unchanged) == (2, 1, 1)
    assert any("UIDVALIDITY" in n for n in known.notices)
    assert len(mail(known)) == 2


def test_a_server_stopped_mid_sync_keeps_what_was_read_and_the_next_sync_completes(
    known, dovecot, folder, account, monkeypatch
):
    in_chunks_of_four(dovecot, folder, monkeypatch, messages=12)
    seen = []

    def stop_after_six(n: int) -> None:
        seen.append(n)
        if len(seen) == 6:
            dovecot.stop()

    try:
        broken = sync_imap(known, account, [folder], progress=stop_after_six)
    finally:
        dovecot.start()
    assert broken.failed_total == 1
    assert "run `tom sync imap` again" in broken.failed[0]["why"]
    assert 4 <= len(mail(known)) < 12

    rest = sync_imap(known, account, [folder])
    assert rest.failed_total == 0
    assert len(mail(known)) == 12
    assert len({m.message_id for m in mail(known)}) == 12


def test_the_database_is_free_while_the_server_answers(
    known, dovecot, folder, account, monkeypatch
):
    """A long first sync holds nothing while it waits on the server: another program
    (the web app) writes meanwhile, and sees the mail of the chunks already read."""
    in_chunks_of_four(dovecot, folder, monkeypatch, messages=8)
    seen_meanwhile = []
    fetch = imap.ImapMailbox.messages

    def messages(mailbox, uids):
        add_organization(known, f"Meanwhile {len(seen_meanwhile)}")
        seen_meanwhile.append(len(mail(known)))
        yield from fetch(mailbox, uids)

    monkeypatch.setattr(imap.ImapMailbox, "messages", messages)
    synced = sync_imap(known, account, [folder])
    assert (synced.added_by_kind["interactions"], synced.failed_total) == (8, 0)
    assert seen_meanwhile == [0, 4]
    assert [b.id for b in list_batches(known)] == [synced.id]  # still one batch, one undo
    undo_batch(known, synced.id)
    assert mail(known) == []


def test_someone_added_while_a_sync_runs_is_known_to_its_next_steps(
    known, dovecot, folder, account, monkeypatch
):
    monkeypatch.setattr(imap, "CHUNK", 4)
    for n in range(8):
        dovecot.append(folder, message(n, "Lee Park <lee@globex.example>"))
    fetch = imap.ImapMailbox.messages

    def messages(mailbox, uids):
        if not list_people(known, "Lee Park"):  # added in the web app meanwhile
            add_person(known, "Lee Park", emails=["lee@globex.example"])
        yield from fetch(mailbox, uids)

    monkeypatch.setattr(imap.ImapMailbox, "messages", messages)
    synced = sync_imap(known, account, [folder])
    assert (synced.skipped_total, synced.added_by_kind) == (4, {"interactions": 4})
    assert {n for m in mail(known) for n in m.participant_names} == {"Lee Park"}
    again = sync_imap(known, account, [folder])  # asks for Lee's mail: four passed him by
    assert (again.read, again.unchanged, again.added_by_kind) == (8, 4, {"interactions": 4})
    assert len(mail(known)) == 8


def test_mail_passed_before_someone_was_added_is_recorded_by_the_next_sync(
    known, dovecot, folder, account
):
    """Weeks of mail with a recruiter, then they are added: the next sync asks the server
    for their earlier mail only, rather than reading the folder again."""
    dovecot.append(folder, message(1, "Dana Ruiz <dana@acme.example>"))
    dovecot.append(folder, message(2, "Lee Park <lee@globex.example>"))
    dovecot.append(folder, message(3, "jordan.lee@example.com", to="Lee <lee@globex.example>"))
    dovecot.append(folder, message(4, "Pat Kim <pat.kim@initech.example>"))
    dovecot.append(folder, message(5, "Shop <deals@shop.example>"))
    dovecot.append(folder, message(6, "Lee's colleague <max@globex.example>"))
    first = sync_imap(known, account, [folder])
    assert (first.read, first.added_by_kind.get("interactions")) == (6, 1)

    add_person(known, "Lee Park", emails=["lee@globex.example"])
    add_organization(known, "Initech", ["initech.example"])
    dovecot.append(folder, message(7, "Lee Park <lee@globex.example>"))
    second = sync_imap(known, account, [folder])
    # Lee's two earlier messages and Initech's one, then the new one; nothing else re-read
    assert (second.read, second.added_by_kind.get("interactions")) == (4, 4)
    assert {m.summary.split(".")[0] for m in mail(known)} >= {"Body 2", "Body 3", "Body 4"}
    assert f"Recorded earlier mail in {folder} with people and organizations added" in (
        " ".join(known.notices)
    )
    assert sync_imap(known, account, [folder]).id is None  # asked once, then nothing new
    # edits that add no address or domain leave nothing to look for
    edit_person(known, "Lee Park", title="Recruiter")
    edit_organization(known, "Initech", website="https://initech.example")
    assert sync_imap(known, account, [folder]).read == 0

    undo_batch(known, second.id)  # undone: the next sync looks again
    assert len(mail(known)) == 1
    assert sync_imap(known, account, [folder]).added_by_kind.get("interactions") == 4


def test_an_address_given_in_place_of_the_newest_one_is_looked_for(known, dovecot, folder, account):
    """The wrong address removed, then the right one added: a new address (SQLite never
    gives it the id of the one removed), so its earlier mail is looked for."""
    add_person(known, "Lee Park", emails=["lee@old.example"])
    dovecot.append(folder, message(1, "Lee Park <lee@new.example>"))
    assert sync_imap(known, account, [folder]).skipped_total == 1
    edit_person(known, "Lee Park", remove_emails=["lee@old.example"])
    edit_person(known, "Lee Park", add_emails=["lee@new.example"])
    assert sync_imap(known, account, [folder]).added_by_kind.get("interactions") == 1


@pytest.mark.parametrize(
    ("new_addresses", "new_domains", "expected"),
    [
        (["lee@globex.example"], [], ["lee@globex.example"]),
        # mail at a domain known already was recorded then
        (["max@acme.example"], [], []),
        (["jordan.lee@example.com"], [], []),  # one's own address
        ([], ["initech.example"], ["@initech.example"]),
        # at a domain added with them: the domain says it all
        (
            ["pat@initech.example", "sam@gmail.com"],
            ["initech.example"],
            [
                "pat@initech.example",
                "sam@gmail.com",
                "@initech.example",
            ],
        ),
    ],
)
def test_what_a_sync_looks_for_in_mail_already_passed(new_addresses, new_domains, expected):
    domains = {"acme.example": 1, **{d: 2 for d in new_domains}}
    found = imap_sync.newly_known(new_addresses, new_domains, domains, {"jordan.lee@example.com"})
    assert found == expected


def test_a_sync_that_fails_keeps_and_closes_the_chunks_it_committed(
    known, dovecot, folder, account, monkeypatch
):
    in_chunks_of_four(dovecot, folder, monkeypatch, messages=8)
    recorded = []

    def failing_at_six(batch, where, raw, source):
        recorded.append(where)
        if len(recorded) == 6:
            raise RuntimeError("a bug")
        return record_message(batch, where, raw, source=source)

    monkeypatch.setattr(imap_sync, "record_message", failing_at_six)
    with pytest.raises(RuntimeError):
        sync_imap(known, account, [folder])
    assert len(mail(known)) == 4
    [closed] = list_batches(known)
    assert closed.added_by_kind == {"interactions": 4}

    monkeypatch.setattr(imap_sync, "record_message", record_message)
    rest = sync_imap(known, account, [folder])
    assert rest.added_by_kind == {"interactions": 4}
    assert len({m.message_id for m in mail(known)}) == 8


def test_a_sync_undone_while_it_runs_stops_there(known, dovecot, folder, account, monkeypatch):
    """Its batch is listed once a step is committed, so it can be undone from the web app
    meanwhile: the sync then stops instead of writing into an undone batch."""
    in_chunks_of_four(dovecot, folder, monkeypatch, messages=12)
    fetch = imap.ImapMailbox.messages
    fetches = []

    def messages(mailbox, uids):
        fetches.append(uids)
        if len(fetches) == 2:
            [running] = list_batches(known)
            undo_batch(known, running.id)
        yield from fetch(mailbox, uids)

    monkeypatch.setattr(imap.ImapMailbox, "messages", messages)
    with pytest.raises(UndoneWhileRunning, match="was undone while it ran"):
        sync_imap(known, account, [folder])
    assert len(fetches) == 2
    assert mail(known) == []
    monkeypatch.setattr(imap.ImapMailbox, "messages", fetch)
    assert sync_imap(known, account, [folder]).added_by_kind == {"interactions": 12}


def test_undo_forgets_the_messages_and_where_the_folder_stopped(known, dovecot, folder, account):
    dovecot.append(folder, message(1, "dana@acme.example"))
    first = sync_imap(known, account, [folder])
    undo_batch(known, first.id)
    assert mail(known) == []
    again = sync_imap(known, account, [folder])
    assert again.added == 1


def test_since_limits_the_first_sync(known, dovecot, folder, account):
    from datetime import timedelta

    from conftest import NOW

    dovecot.append(folder, message(1, "dana@acme.example"))
    result = sync_imap(known, account, [folder], since=(NOW + timedelta(days=3)).date().isoformat())
    assert result.read == 0


def test_mail_looked_up_for_someone_added_later_keeps_to_the_first_syncs_limit(
    known, dovecot, folder, account
):
    from datetime import timedelta

    from conftest import NOW

    dovecot.append(folder, message(1, "lee@globex.example", when=NOW - timedelta(days=40)))
    dovecot.append(folder, message(2, "lee@globex.example", when=NOW - timedelta(days=5)))
    since = (NOW - timedelta(days=30)).date().isoformat()
    assert sync_imap(known, account, [folder], since=since).skipped_total == 1
    add_person(known, "Lee Park", emails=["lee@globex.example"])
    later = sync_imap(known, account, [folder])
    assert (later.read, later.added_by_kind.get("interactions")) == (1, 1)
    assert [m.summary for m in mail(known)] == ["Body 2."]


def test_wrong_password_and_missing_folder_are_one_line_errors(
    known, dovecot, folder, account, monkeypatch
):
    with pytest.raises(ImapError, match="no-such-folder"):
        sync_imap(known, account, ["no-such-folder"])
    monkeypatch.setenv("TOM_IMAP_PASSWORD", "wrong")
    with pytest.raises(ImapError, match="refused the login"):
        sync_imap(known, account, [folder])
    monkeypatch.delenv("TOM_IMAP_PASSWORD")
    monkeypatch.setattr("keyring.get_password", lambda *a: None)
    with pytest.raises(ImapError, match="Set TOM_IMAP_PASSWORD"):
        sync_imap(known, account, [folder])


def test_the_password_is_never_stored(known, dovecot, folder, account):
    dovecot.append(folder, message(1, "dana@acme.example"))
    sync_imap(known, account, [folder])
    from topofmind.services.transfer import export_document

    assert dovecot.password not in repr(export_document(known))


def test_sent_finds_the_servers_folder_of_sent_mail_by_its_flag(known, dovecot, folder, account):
    dovecot.reset_folder("Envoyés")  # a French account's sent mail, flagged \\Sent
    dovecot.append(folder, message(1, "Dana Ruiz <dana@acme.example>"))
    dovecot.append("Envoyés", message(2, "Jordan <jordan.lee@example.com>", to="dana@acme.example"))
    summary = sync_imap(known, account, [folder, "Sent"])
    assert summary.failed == []
    assert summary.target.endswith(f"{folder}, Envoyés")
    assert sorted((m.subject, m.direction.value) for m in mail(known)) == [
        ("Message 1", "in"),
        ("Message 2", "out"),
    ]


def test_a_folder_the_server_lacks_is_listed_and_the_others_read(known, dovecot, folder, account):
    dovecot.append(folder, message(1, "Dana Ruiz <dana@acme.example>"))
    summary = sync_imap(known, account, ["Archive 2019", folder])
    [failure] = summary.failed
    assert failure["where"] == "Archive 2019"
    assert failure["why"].startswith(f"no such folder on {dovecot.host} (its folders: ")
    assert failure["why"].endswith("); change imap_folders")
    assert [m.subject for m in mail(known)] == ["Message 1"]


@pytest.mark.parametrize(
    "entry",
    [
        ("topofmind", "imap:{user}@{host}"),  # as the docs and the error messages say
        ("topofmind-imap", "{user}"),  # as older versions said
    ],
)
def test_one_keyring_entry_serves_sync_and_the_drafts_folder(
    known, dovecot, folder, account, monkeypatch, memory_keyring, entry
):
    from topofmind.services.sync.imap import account_from_settings, imap_password
    from topofmind.settings import Settings

    service, name = entry
    memory_keyring[(service, name.format(user=dovecot.user, host=dovecot.host))] = dovecot.password
    monkeypatch.delenv("TOM_IMAP_PASSWORD")
    dovecot.append(folder, message(1, "Dana Ruiz <dana@acme.example>"))
    assert sync_imap(known, account, [folder]).read == 1
    settings = Settings({"imap_host": dovecot.host, "imap_user": dovecot.user})
    assert imap_password(account_from_settings(settings)) == dovecot.password


GMAIL = [
    imap.Folder("INBOX", (b"\\HasNoChildren",), b"/"),
    imap.Folder("[Gmail]/Sent Mail", (b"\\HasNoChildren",), b"/"),
    imap.Folder("[Gmail]/Drafts", (b"\\Drafts",), b"/"),
]
OUTLOOK = [imap.Folder("Inbox", (), b"/"), imap.Folder("Sent Items", (b"\\Sent",), b"/")]
FRENCH = [imap.Folder("INBOX", (), b"."), imap.Folder("Envoyés", (b"\\Sent",), b".")]


@pytest.mark.parametrize(
    ("listing", "wanted", "found"),
    [
        (GMAIL, "Sent", "[Gmail]/Sent Mail"),  # by its usual name, no flag
        (OUTLOOK, "sent", "Sent Items"),
        (FRENCH, "Sent", "Envoyés"),  # by its flag alone
        (OUTLOOK, "inbox", "Inbox"),  # any case
        (GMAIL, "[Gmail]/Drafts", "[Gmail]/Drafts"),
        (GMAIL, "Archive", None),
        ([imap.Folder("INBOX")], "Sent", None),
    ],
)
def test_find_folder(listing, wanted, found):
    assert imap.find_folder(listing, wanted) == found


def test_a_message_dated_9999_is_listed_as_failed_and_the_sync_moves_past_it(
    known, dovecot, folder, account
):
    dovecot.append(folder, message(1, "dana@acme.example"))
    bad = message(2, "dana@acme.example").replace(
        format_datetime(__import__("conftest").NOW).encode(), b"Fri, 31 Dec 9999 23:59:59 -1200"
    )
    dovecot.append(folder, bad)
    dovecot.append(folder, message(3, "dana@acme.example"))
    first = sync_imap(known, account, [folder])
    assert (first.read, first.added_by_kind.get("interactions"), first.failed_total) == (3, 2, 1)
    [failure] = first.failed
    assert failure["where"].startswith(f"{folder} UID ")
    assert failure["why"].startswith("its date 9999-12-31T23:59:59-12:00 is out of range")
    dovecot.append(folder, message(4, "dana@acme.example"))
    later = sync_imap(known, account, [folder])
    assert (later.read, later.added, later.failed_total) == (1, 1, 0)  # not stuck on it


def test_sync_over_starttls_as_imap_security_says(known, dovecot_starttls, monkeypatch):
    monkeypatch.setenv("TOM_IMAP_PASSWORD", dovecot_starttls.password)
    dovecot_starttls.append("INBOX", message(1, "Dana Ruiz <dana@acme.example>"))
    known.settings = Settings(
        {
            "imap_host": dovecot_starttls.host,
            "imap_user": dovecot_starttls.user,
            "imap_port": dovecot_starttls.port,
            "imap_security": "starttls",
        }
    )
    account = account_from_settings(known.settings)
    assert account.security == "starttls"
    assert sync_imap(known, account, ["INBOX"]).read == 1
    assert [m.direction.value for m in mail(known)] == ["in"]
    # The same port taken for IMAP over TLS: one line saying what to check.
    account.security = "tls"
    with pytest.raises(ImapError, match="Cannot reach the IMAP server"):
        sync_imap(known, account, ["INBOX"])


def test_trying_an_account_over_starttls(dovecot_starttls):
    from topofmind.services.connections import try_imap

    said = try_imap(
        dovecot_starttls.host,
        dovecot_starttls.port,
        "starttls",
        dovecot_starttls.user,
        dovecot_starttls.password,
    )
    assert said.startswith(f"Logged in to {dovecot_starttls.host} as {dovecot_starttls.user}.")
