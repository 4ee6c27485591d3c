"""`tom sync imap`: fetch what is new in chosen IMAP folders, as one undoable batch.

Each folder remembers its UIDVALIDITY and the last UID read (``sync_state``), so
a sync asks the server only for newer messages. When the server renumbers a
folder (a new UIDVALIDITY) the folder is read again from the start; messages
already recorded are recognised by their Message-ID and not duplicated. The
position is saved after every chunk in the same transaction as the messages, and
that transaction is committed before the next chunk is fetched: a connection lost
in the middle keeps what was read and the next sync continues from there, and the
web app and other programs can write while a long first sync waits on the server.
The password comes from ``TOM_IMAP_PASSWORD`` or the system keyring and is never
written to the database.
"""

from __future__ import annotations

from datetime import date

from topofmind.capture.freemail import domain_of
from topofmind.capture.items import Problem, Skipped
from topofmind.compose.passwords import how_to_store, mail_password
from topofmind.domain.accounts import ImapAccount
from topofmind.errors import InvalidValue
from topofmind.services.context import Context
from topofmind.services.imports.batches import open_batch
from topofmind.services.imports.mail import NOT_INVOLVED, record_message
from topofmind.services.imports.summary import BatchSummary, Progress
from topofmind.services.imports.writer import BatchWriter
from topofmind.services.sync.lock import syncing
from topofmind.settings import Settings
from topofmind.store import batches as batch_store
from topofmind.store import organizations as org_store
from topofmind.store import people as people_store


def account_from_settings(
    settings: Settings,
    host: str | None = None,
    user: str | None = None,
    port: int | None = None,
    security: str | None = None,
) -> ImapAccount:
    """The IMAP account the settings name (``imap_host``, ``imap_user``, ``imap_port``,
    ``imap_security``, ``imap_drafts_folder``), each part overridden when given; the
    password is looked up when the account is used."""
    host, user = host or settings.imap_host, user or settings.imap_user
    if not host or not user:
        raise InvalidValue(
            "Say which mail account: set imap_host and imap_user in the settings.",
            field="host",
        )
    return ImapAccount(
        host=host,
        user=user,
        port=int(port or settings.imap_port),
        security=(security or str(settings.imap_security)).strip().lower(),
        folder=settings.imap_drafts_folder or "Drafts",
    )


def folders_from_settings(settings: Settings) -> list[str]:
    """The folders ``imap_folders`` names, comma-separated."""
    return [f.strip() for f in str(settings.imap_folders).split(",") if f.strip()]


def imap_password(account: ImapAccount) -> str:
    """The password from TOM_IMAP_PASSWORD, else the keyring; never from the database."""
    from topofmind.capture.imap import ImapError

    password = mail_password("imap", account.user, account.host)
    if password:
        return password
    raise ImapError(
        f"No password for {account.user} on {account.host}. Set TOM_IMAP_PASSWORD, or store it "
        f"in the keyring: {how_to_store('imap', account.user, account.host)}"
    )


def sync_imap_from_settings(ctx: Context, dry_run: bool = False) -> BatchSummary:
    """Fetch new mail from the account and folders the settings name."""
    if not ctx.settings.imap_host or not ctx.settings.imap_user:
        raise InvalidValue("Set imap_host and imap_user in Settings to sync mail.")
    account = account_from_settings(ctx.settings)
    return sync_imap(ctx, account, folders_from_settings(ctx.settings), dry_run=dry_run)


def sync_imap(
    ctx: Context,
    account: ImapAccount,
    folders: list[str],
    since: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> BatchSummary:
    """Record the new messages of each folder that involve someone known. A folder the
    server does not have is listed with why, and the others are still read."""
    from topofmind.capture.imap import ImapError, ImapMailbox, find_folder
    from topofmind.services.when import parse_date

    ctx.profile()
    since_date = parse_date(since, ctx.now, ctx.timezone) if since else None
    password = imap_password(account)
    with (
        syncing(ctx, "imap"),
        ImapMailbox(
            account.host, account.user, password, account.port, account.security
        ) as mailbox,
    ):
        listing = mailbox.listing()
        found = {folder: find_folder(listing, folder) for folder in folders}
        present = [name for name in dict.fromkeys(found.values()) if name is not None]
        missing = [asked for asked, name in found.items() if name is None]
        its_folders = ", ".join(f.name for f in listing)
        if not present:
            raise ImapError(
                f"{account.host} has no folder {' or '.join(repr(m) for m in missing)}; "
                f"its folders: {its_folders}. Change imap_folders."
            )
        target = f"{account.user}@{account.host} {', '.join(present)}"
        with open_batch(
            ctx, "imap", target, dry_run=dry_run, progress=progress, keep_if_nothing_new=False
        ) as batch:
            for asked in missing:
                batch.problem(
                    Problem(
                        asked,
                        f"no such folder on {account.host} (its folders: {its_folders}); "
                        "change imap_folders",
                    )
                )
            _sync_folders(ctx, batch, mailbox, account, present, since_date)
    return batch.summary


def _sync_folders(
    ctx: Context,
    batch: BatchWriter,
    mailbox,
    account: ImapAccount,
    folders: list[str],
    since: date | None,
) -> None:
    """Each folder in turn; a connection that fails keeps what was read and stops."""
    from topofmind.capture.imap import CONNECTION_ERRORS

    for folder in folders:
        batch.checkpoint()  # nothing is held while the server answers
        try:
            _sync_folder(ctx, batch, mailbox, account, folder, since)
        except CONNECTION_ERRORS as exc:
            batch.problem(
                Problem(
                    folder,
                    f"the connection to {account.host} failed ({exc or type(exc).__name__}); "
                    "what was read is kept, run `tom sync imap` again to continue",
                )
            )
            break


def _sync_folder(
    ctx: Context,
    batch: BatchWriter,
    mailbox,
    account: ImapAccount,
    folder: str,
    since: date | None,
) -> None:
    from topofmind.capture.imap import CHUNK

    key = account.key(folder)
    state = batch_store.get_sync_state(batch.conn, key)
    info = mailbox.select(folder)
    emails_seen, domains_seen = batch.known_marks()  # who is known as the folder is read
    last = int(state.get("last_uid", 0)) if state else 0
    if state and state.get("uidvalidity") != info.uidvalidity:
        ctx.notice(
            f"The server renumbered {folder} (new UIDVALIDITY); reading it again. "
            "Messages already recorded are not duplicated."
        )
        last = 0
    # how far back the folder's first read went stays its limit, for mail looked up later
    limit = state.get("since") if state else since.isoformat() if since else None
    if last and state and "emails_seen" in state:
        _read_again(ctx, batch, mailbox, folder, last, state)
    uids = mailbox.new_uids(last, since if not state else None)
    position = {
        "uidvalidity": info.uidvalidity,
        "emails_seen": emails_seen,
        "domains_seen": domains_seen,
        **({"since": limit} if limit else {}),
    }
    first_save = True
    for start in range(0, len(uids), CHUNK):
        chunk = uids[start : start + CHUNK]
        _read_messages(batch, mailbox, folder, chunk)
        batch_store.set_sync_state(
            batch.conn,
            key,
            {**position, "last_uid": chunk[-1]},
            ctx.now,
            batch_id=batch.id if first_save else None,
        )
        first_save = False
        batch.checkpoint()  # the chunk and its position are kept before the next is fetched
    if not uids and state != {**position, "last_uid": last}:
        batch_store.set_sync_state(
            batch.conn, key, {**position, "last_uid": last}, ctx.now, batch.id
        )


def _read_messages(batch: BatchWriter, mailbox, folder: str, uids: list[int]) -> None:
    """Record those of ``uids`` that involve someone known: headers first, then whole."""
    from topofmind.capture.imap import relevant_uids

    keep, drop = relevant_uids(mailbox, uids, lambda found: batch.involves_known(found.all))
    fetched = list(mailbox.messages(keep))  # read whole before any write
    for uid in drop:
        batch.read()
        batch.skip(Skipped(f"{folder} UID {uid}", NOT_INVOLVED))
    for uid, raw in fetched:
        record_message(batch, f"{folder} UID {uid}", raw, source="email")


def _read_again(
    ctx: Context, batch: BatchWriter, mailbox, folder: str, last: int, state: dict
) -> None:
    """The folder's mail already passed that involves someone known only since it was
    read: a recruiter added after weeks of messages, an organization given its domain.
    Asked of the server by address, so the rest of the folder is not read again."""
    from topofmind.capture.imap import CHUNK

    needles = newly_known(
        people_store.email_index(batch.conn, int(state["emails_seen"]))[0],
        org_store.domain_index(batch.conn, int(state.get("domains_seen", 0)))[0],
        batch.domains,
        batch.own_addresses,
    )
    if not needles:
        return
    since = state.get("since")
    uids = mailbox.uids_involving(
        needles, up_to=last, since=date.fromisoformat(since) if since else None
    )
    recorded = batch.summary.added
    for start in range(0, len(uids), CHUNK):
        _read_messages(batch, mailbox, folder, uids[start : start + CHUNK])
    if batch.summary.added > recorded:
        ctx.notice(
            f"Recorded earlier mail in {folder} with people and organizations added since "
            "the last sync."
        )


def newly_known(new_addresses, new_domains, domains: dict[str, int], own_addresses) -> list[str]:
    """What to look for in mail already passed: the domains added since (as "@domain"),
    and the addresses added since whose domain was not known already (mail with those
    was recorded then). One's own addresses never count."""
    known_before = set(domains) - set(new_domains)
    addresses = sorted(
        a for a in new_addresses if a not in own_addresses and domain_of(a) not in known_before
    )
    return [*addresses, *(f"@{d}" for d in sorted(new_domains))]
