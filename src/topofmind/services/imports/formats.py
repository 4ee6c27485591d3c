"""The import kinds besides mail: calendars, LinkedIn, vCards, résumés and postings.

Each kind reads a path with its importer in ``capture/`` and hands every item to
the batch (``services.imports.writer.BatchWriter``), which matches people, writes rows
and records what changed so the import can be undone. What the importers need
to know about the record (the job seeker's addresses and zone, known people and
organizations) is gathered here, so they stay pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from topofmind.capture.calendar import CalendarOptions, read_calendar
from topofmind.capture.fetch import fetch
from topofmind.capture.items import (
    CapturedAchievement,
    CapturedEvent,
    CapturedInteraction,
    CapturedNews,
    CapturedOpportunity,
    CapturedProfile,
    PersonRef,
    Problem,
    Skipped,
)
from topofmind.capture.linkedin import LinkedInOptions, read_linkedin
from topofmind.capture.posting import read_posting
from topofmind.capture.resume import read_resume
from topofmind.capture.values import fit_item, short
from topofmind.capture.vcard import read_vcards
from topofmind.domain import moments
from topofmind.errors import BadFile, TomError
from topofmind.services.context import Context
from topofmind.services.imports.batches import open_batch
from topofmind.services.imports.registry import importer
from topofmind.services.imports.summary import BatchSummary, Outcome
from topofmind.services.imports.writer import BatchWriter
from topofmind.store import opportunities as opp_store

CALENDAR_SUFFIXES = {".ics", ".ical", ".icalendar"}
VCARD_SUFFIXES = {".vcf", ".vcard"}
POSTING_SUFFIXES = {".html", ".htm", ".txt", ".md"}


def write(batch: BatchWriter, item) -> Outcome:
    """Hand one captured item to the batch on its own; returns what happened to it.

    The item is first made to fit the record (``capture.values``); when it cannot be,
    or writing it fails, it is listed as failed and what it wrote is rolled back."""
    batch.read()
    if isinstance(item, Problem):
        batch.problem(item)
        return Outcome.FAILED
    if isinstance(item, Skipped):
        batch.skip(item)
        return Outcome.SKIPPED
    with batch.isolated(describe(item)):
        fit_item(item)
        return _write(batch, item)
    return Outcome.FAILED


def record_news(
    batch: BatchWriter, organization_id: int, where: str, items: Iterable[CapturedNews]
) -> None:
    """A feed's entries as the organization's news, each on its own (a bad one listed)."""
    for item in items:
        batch.read()
        with batch.isolated(short(f"{where}: {item.title}", 120)):
            fit_item(item)
            batch.news(organization_id, item)


def describe(item) -> str:
    """The item in a few words, for a failure listed on it."""
    source = getattr(item, "source", "") or type(item).__name__.removeprefix("Captured").lower()
    for name in ("subject", "title", "name", "external_id"):
        value = getattr(item, name, "")
        if value:
            return short(f"{source}: {value}", 120)
    if isinstance(item, PersonRef) and item.emails:
        return short(f"contact: {item.emails[0]}", 120)
    return source


def _write(batch: BatchWriter, item) -> Outcome:
    if isinstance(item, PersonRef):
        known = batch.match_person(item) is not None
        person_id = batch.person(item)
        if person_id is None:
            batch.skip(Skipped(item.name or "a contact", "nothing to know the person by"))
            return Outcome.SKIPPED
        return Outcome.MATCHED if known else Outcome.ADDED
    if isinstance(item, CapturedInteraction):
        batch.limit_people(item, describe(item))
        return batch.interaction(item)
    if isinstance(item, CapturedOpportunity):
        return batch.opportunity(item)
    if isinstance(item, CapturedAchievement):
        return batch.achievement(item)
    if isinstance(item, CapturedEvent):
        return batch.event(item)
    if isinstance(item, CapturedProfile):
        return batch.profile(item)
    raise TypeError(f"no writer for {type(item).__name__}")


def files(path: Path, suffixes: set[str]) -> Iterator[Path]:
    """The file itself, or the files with these suffixes in a folder (BadFile when none)."""
    if not path.is_dir():
        yield path
        return
    found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
    if not found:
        raise BadFile(f"{path} holds no {', '.join(sorted(suffixes))} files.")
    yield from found


def _zone(ctx: Context) -> ZoneInfo:
    try:
        return moments.zone(ctx.timezone)
    except (KeyError, ValueError):
        return moments.utc()


# -- calendars ------------------------------------------------------------------------------


def calendar_options(batch: BatchWriter, ctx: Context) -> CalendarOptions:
    active = [o for o in opp_store.list_opportunities(batch.conn) if o.stage.is_active]
    active_orgs = {o.organization_id for o in active}
    return CalendarOptions(
        now=ctx.now,
        own_emails=frozenset(batch.own_addresses),
        default_tz=_zone(ctx),
        days_back=int(ctx.settings.calendar_days_back),
        days_ahead=int(ctx.settings.calendar_days_ahead),
        known_emails=frozenset(batch.emails),
        known_domains=frozenset(batch.domains),
        target_domains=frozenset(d for d, org in batch.domains.items() if org in active_orgs),
        budget_seconds=float(ctx.settings.import_calendar_seconds),
    )


def record_calendar(
    batch: BatchWriter, data: bytes, where: str, ctx: Context
) -> list[CapturedInteraction]:
    """Every event of one calendar into the batch; returns the meetings it holds.

    Shared with `tom sync calendar`, which compares them with the last sync's.
    """
    options = calendar_options(batch, ctx)
    meetings = []
    for item in read_calendar(data, where, options):
        write(batch, item)
        if isinstance(item, CapturedInteraction):
            meetings.append(item)
    return meetings


@importer("ics")
def import_ics(batch: BatchWriter, path: Path, ctx: Context) -> None:
    """Calendar files (.ics) or a folder of them."""
    for file in files(path, CALENDAR_SUFFIXES):
        try:
            record_calendar(batch, file.read_bytes(), file.name, ctx)
        except Exception as exc:  # noqa: BLE001 - one file never stops the others
            unreadable(batch, str(file), exc)


# -- LinkedIn, vCards, résumés, postings ----------------------------------------------------------


@importer("linkedin")
def import_linkedin(batch: BatchWriter, path: Path, ctx: Context) -> None:
    """A LinkedIn export: the ZIP, its folder, or some of its CSV files."""
    profile = ctx.profile(required=False)
    options = LinkedInOptions(
        default_tz=_zone(ctx),
        own_urls=frozenset([profile.linkedin_url] if profile and profile.linkedin_url else []),
        own_names=frozenset([profile.name] if profile and profile.name else []),
        max_file_bytes=int(ctx.settings.import_zip_mb) * 1024 * 1024,
        max_field_bytes=int(ctx.settings.import_csv_field_kb) * 1024,
    )
    try:
        for item in read_linkedin(path, options):
            if isinstance(item, CapturedProfile) and item.resume is not None:
                item.resume = _merge_resume(profile.resume if profile else None, item.resume)
            write(batch, item)
    except Exception as exc:  # noqa: BLE001 - what was read before stays
        unreadable(batch, path.name, exc)


def _merge_resume(current: dict | None, positions: dict) -> dict | None:
    """LinkedIn positions fill a résumé's work history only where it has none."""
    if current and current.get("work"):
        return current
    return {**(current or {}), **positions}


@importer("vcard")
def import_vcard(batch: BatchWriter, path: Path, ctx: Context) -> None:
    """vCard files (.vcf) or a folder of them."""
    for file in files(path, VCARD_SUFFIXES):
        try:
            limit = int(ctx.settings.import_item_kb) * 1024
            _write_all(batch, read_vcards(file.read_bytes(), file.name, max_card_bytes=limit))
        except Exception as exc:  # noqa: BLE001 - one file never stops the others
            unreadable(batch, str(file), exc)


@importer("resume")
def import_resume(batch: BatchWriter, path: Path, ctx: Context) -> None:
    """A JSON Resume into the profile, its dated entries as achievements."""
    try:
        items = list(read_resume(path.read_bytes(), path.name))
    except Exception as exc:  # noqa: BLE001 - refused whole, with why
        unreadable(batch, path.name, exc)
        return
    _write_all(batch, items)


@importer("posting")
def import_posting(batch: BatchWriter, path: Path, ctx: Context) -> None:
    """Job postings: saved HTML pages or text files, or a folder of them."""
    limit = int(ctx.settings.import_item_kb) * 1024
    for file in files(path, POSTING_SUFFIXES):
        if file.stat().st_size > limit:
            batch.read()
            batch.problem(
                Problem(
                    file.name,
                    f"is larger than {limit // 1024} KiB (the setting import_item_kb); not read",
                )
            )
            continue
        try:
            write(batch, read_posting(file.read_bytes(), file.name, default_tz=_zone(ctx)))
        except Exception as exc:  # noqa: BLE001 - one file never stops the others
            unreadable(batch, str(file), exc)


def import_posting_url(ctx: Context, url: str, dry_run: bool = False) -> BatchSummary:
    """A job posting fetched from its URL, as one batch like a saved page."""
    ctx.profile()
    fetched = fetch(url, timeout=float(ctx.settings.feed_timeout_seconds))
    item = read_posting(fetched.content, url, url=fetched.url, default_tz=_zone(ctx))
    with open_batch(ctx, "posting", url, dry_run=dry_run) as batch:
        write(batch, item)
    return batch.summary


def unreadable(batch: BatchWriter, where: str, exc: Exception) -> None:
    """A file an importer could not read (or stopped reading) listed as failed with why;
    a database that went away, or an import undone meanwhile, still stops the import."""
    from sqlalchemy.exc import SQLAlchemyError

    if isinstance(exc, SQLAlchemyError) or (
        isinstance(exc, TomError) and not isinstance(exc, BadFile)
    ):
        raise exc
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    why = text if isinstance(exc, BadFile) else f"cannot be read ({type(exc).__name__}: {text})"
    batch.problem(Problem(where, short(why, 300)))


def _write_all(batch: BatchWriter, items: Iterable) -> None:
    for item in items:
        write(batch, item)
