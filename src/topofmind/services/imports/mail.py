"""Importing mail: an .eml file, an mbox, a Maildir, or raw messages a sync reads."""

from __future__ import annotations

from pathlib import Path

from topofmind.capture.freemail import domain_of
from topofmind.capture.items import (
    Problem,
    Skipped,
)
from topofmind.capture.values import fit_item
from topofmind.errors import BadFile
from topofmind.services.context import Context
from topofmind.services.imports.registry import importer
from topofmind.services.imports.summary import Outcome
from topofmind.services.imports.writer import BatchWriter

#: People one item records at most, known or new.
MAX_PEOPLE_PER_ITEM = 200
#: Why people named on an item were not added.
TOO_MANY_PEOPLE = "more new people than one item may add (import_new_people_per_item)"
#: Why bytes read as a message were not.
NOT_A_MESSAGE = "not an email message (no mail headers at its start: binary or another format)"
#: Why a message was not recorded.
NOT_INVOLVED = "involves no known person or organization"


def record_message(batch: BatchWriter, where: str, raw: bytes, source: str = "email") -> Outcome:
    """Record one raw message when it involves someone known; returns what happened.

    Relevance is decided from the raw headers first, so the many messages that
    involve nobody known are never parsed in full.
    """
    from topofmind.capture.email import (
        NotAMessage,
        as_mail_bytes,
        looks_like_message,
        parse_message,
        scan_addresses,
    )

    batch.read()
    raw = as_mail_bytes(raw)
    if not looks_like_message(raw):
        batch.problem(Problem(where, NOT_A_MESSAGE))
        return Outcome.FAILED
    try:
        found = scan_addresses(raw)
    except Exception as exc:  # a message so broken its headers cannot be scanned
        batch.problem(Problem(where, f"unreadable headers ({exc})"))
        return Outcome.FAILED
    if not batch.involves_known(found.all):
        batch.skip(Skipped(where, NOT_INVOLVED))
        return Outcome.SKIPPED
    if _too_large(batch, where, raw):
        return Outcome.FAILED
    try:
        item = parse_message(raw, batch.own_addresses, where, source=source)
    except NotAMessage as exc:
        batch.problem(Problem(where, str(exc)))
        return Outcome.FAILED
    except Exception as exc:  # the email package gave up on this message
        batch.problem(Problem(where, f"cannot be parsed ({type(exc).__name__}: {exc})"))
        return Outcome.FAILED
    item.people = [
        ref
        for ref in item.people
        if ref.emails
        and (ref.emails[0] in batch.emails or domain_of(ref.emails[0]) in batch.domains)
    ]
    if not item.people:
        batch.skip(Skipped(where, NOT_INVOLVED))
        return Outcome.SKIPPED
    if item.attachments:
        item.summary = f"{item.summary} (attached: {', '.join(item.attachments)})".strip()
    with batch.isolated(where):
        fit_item(item)
        batch.limit_people(item, where)
        return batch.interaction(item)
    return Outcome.FAILED


def _too_large(batch: BatchWriter, where: str, raw: bytes) -> bool:
    """Whether the message is over ``import_message_mb``, listed as failed if it is."""
    limit = int(batch.ctx.settings.import_message_mb) * 1024 * 1024
    if len(raw) <= limit:
        return False
    batch.problem(
        Problem(
            where,
            f"is larger than {limit // (1024 * 1024)} MiB (the setting import_message_mb); "
            "not read",
        )
    )
    return True


@importer("email")
def import_mail(batch: BatchWriter, path: Path, ctx: Context) -> None:
    """An .eml file, an mbox file, a Maildir, or a folder holding any of these."""
    from topofmind.capture.maildir import is_maildir, iter_maildir
    from topofmind.capture.mbox import iter_mbox

    if path.is_dir():
        if is_maildir(path):
            for name, raw in iter_maildir(path):
                record_message(batch, f"{path.name}/{name}", raw)
            return
        found = False
        for child in sorted(path.iterdir()):
            if child.is_dir() or child.suffix.lower() in {".eml", ".mbox"}:
                found = True
                try:
                    import_mail(batch, child, ctx)
                except BadFile as exc:
                    batch.problem(Problem(str(child), str(exc)))
        if not found:
            raise BadFile(f"{path} holds no .eml or .mbox files and is not a Maildir.")
        return
    if path.suffix.lower() == ".eml":
        record_message(batch, path.name, path.read_bytes())
        return
    for number, raw in iter_mbox(path):
        record_message(batch, f"{path.name} message {number}", raw)
