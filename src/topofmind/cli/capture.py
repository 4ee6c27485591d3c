"""Commands that fill the record from elsewhere: tom import, tom sync, person duplicates/merge.

Thin on purpose: each command calls one service in ``services.imports``,
``services.sync.imap``, ``services.sync.sources`` or ``services.people`` and prints its
summary. Long imports show a Rich progress counter on stderr unless ``--quiet``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from topofmind.cli.common import JsonOption, context, local, print_json, record_id, table
from topofmind.cli.people import person_app

if TYPE_CHECKING:
    from topofmind.services.imports.summary import BatchSummary

import_app = typer.Typer(
    help="Import mail, calendars, LinkedIn, vCards, résumés and postings; list and undo imports.",
    no_args_is_help=True,
)
sync_app = typer.Typer(
    help="Fetch what is new from an IMAP account, a calendar URL, company news feeds, "
    "or all that are set up.",
    no_args_is_help=True,
)

#: Kinds of file `tom import KIND` accepts, with their help line.
KINDS = {
    "email": "Email: .eml files, mbox files (Gmail Takeout, Thunderbird) or Maildir folders.",
    "ics": "Calendar invites and exports (.ics): interviews and meetings.",
    "linkedin": "A LinkedIn data export: the ZIP or its CSV files.",
    "vcard": "Contacts as vCards (.vcf), one or many per file.",
    "resume": "A JSON Resume (resume.json) into your profile.",
    "posting": "A job posting: an HTML file or URL, or plain text.",
}

DryRunOption = typer.Option(False, "--dry-run", help="Show what would change; write nothing.")
QuietOption = typer.Option(False, "--quiet", "-q", help="No progress bar.")


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
    app.add_typer(sync_app, name="sync")
    person_app.command("duplicates")(person_duplicates)
    person_app.command("merge")(person_merge)


@contextmanager
def progress_counter(label: str, quiet: bool) -> Iterator:
    """A Rich progress display on stderr; yields a callable that advances it."""
    if quiet:
        yield None
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from topofmind.cli.common import console

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} read"),
        TimeElapsedColumn(),
        console=console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)
        yield lambda n: bar.advance(task, n)


def print_summary(summary: BatchSummary, as_json: bool, limit: int = 10) -> None:
    if as_json:
        return print_json(summary)
    if summary.dry_run:
        label = "Dry run (nothing written)"
    else:
        label = f"Import {summary.id}" if summary.id is not None else "Nothing new"
    typer.echo(f"{label}: {summary.source} from {summary.target}")
    typer.echo(summary.line())
    if summary.added_by_kind:
        added = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in summary.added_by_kind.items())
        typer.echo(f"Added: {added}.")
    if summary.skipped_by_reason:
        typer.echo("Skipped:")
        for why, n in list(summary.skipped_by_reason.items())[:limit]:
            typer.echo(f"  {n} × {why}")
    if summary.failed:
        typer.echo("Failed:")
        for item in summary.failed[:limit]:
            typer.echo(f"  {item['where']}: {item['why']}")
        if summary.failed_total > limit:
            typer.echo(
                f"  … and {summary.failed_total - limit} more (tom import show {summary.id})"
            )
    if summary.undone_at:
        typer.echo(f"Undone on {local(summary.undone_at)}.")
    elif summary.running:
        typer.echo("Still syncing: what it has read so far is shown; it goes on.")
    elif summary.stopped:
        typer.echo(
            "Stopped before it could finish: what it read until then is kept, and the next "
            "sync goes on from there."
        )


def _import(kind: str, paths: list[str], dry_run: bool, quiet: bool, as_json: bool) -> None:
    from topofmind.cli.playbook import action_changes
    from topofmind.services.imports import import_paths

    if kind == "posting" and all(p.startswith(("http://", "https://")) for p in paths):
        from topofmind.services.imports.formats import import_posting_url

        with action_changes():
            for url in paths:
                print_summary(import_posting_url(context(), url, dry_run=dry_run), as_json)
        return
    with action_changes(), progress_counter(f"Importing {kind}", quiet or as_json) as advance:
        summary = import_paths(context(), kind, paths, dry_run=dry_run, progress=advance)
    print_summary(summary, as_json)
    if nothing_imported(summary):
        raise typer.Exit(2)


def nothing_imported(summary: BatchSummary) -> bool:
    """Whether an import failed on everything it read (exit status 2): nothing added,
    matched or found already there, and nothing read only to be skipped."""
    done = summary.added + summary.updated + summary.unchanged + summary.matched
    return bool(summary.failed_total) and not done and not summary.skipped_total


def _kind_command(kind: str, help_text: str):
    def command(
        paths: list[str] = typer.Argument(..., help="Files or folders to import."),
        dry_run: bool = DryRunOption,
        quiet: bool = QuietOption,
        as_json: bool = JsonOption,
    ) -> None:
        _import(kind, paths, dry_run, quiet, as_json)

    command.__name__ = f"import_{kind}"
    command.__doc__ = help_text
    return command


for _kind, _help in KINDS.items():
    import_app.command(_kind, help=_help)(_kind_command(_kind, _help))


@import_app.command("list")
def import_list(as_json: bool = JsonOption) -> None:
    """List past imports, newest first."""
    from topofmind.services.imports import list_batches

    batches = list_batches(context())
    if as_json:
        return print_json(batches)
    if not batches:
        typer.echo("No imports yet. Try: tom import email ~/Downloads/mail.mbox")
        return
    table(
        None,
        ["#", "Kind", "When", "Read", "Added", "Skipped", "Failed", "From"],
        [
            [
                b.id,
                f"{b.source} ({b.status})" if b.status else b.source,
                local(b.started_at, "%d %b %H:%M"),
                b.read,
                b.added,
                b.skipped_total,
                b.failed_total,
                b.target,
            ]
            for b in batches
        ],
    )


@import_app.command("show")
def import_show(
    batch: int = typer.Argument(
        ..., help="The import's number (tom import list).", parser=record_id
    ),
    as_json: bool = JsonOption,
) -> None:
    """Show what one import read, added, changed, skipped and failed, and why."""
    from topofmind.services.imports import get_batch

    print_summary(get_batch(context(), batch), as_json, limit=100)


@import_app.command("undo")
def import_undo(
    batch: int = typer.Argument(
        ..., help="The import's number (tom import list).", parser=record_id
    ),
    as_json: bool = JsonOption,
) -> None:
    """Undo an import: remove exactly what it added and restore what it changed."""
    from topofmind.cli.playbook import action_changes
    from topofmind.services.imports import undo_batch

    with action_changes():
        summary = undo_batch(context(), batch)
    if as_json:
        return print_json(summary)
    typer.echo(
        f"Undid import {summary.id} ({summary.source}): removed what it added "
        f"({summary.added}) and restored what it changed ({summary.updated})."
    )


# -- sync ------------------------------------------------------------------------------------


@sync_app.command("imap")
def sync_imap(
    host: str | None = typer.Option(
        None, "--host", help="IMAP server, e.g. imap.gmail.com (default: setting imap_host)."
    ),
    user: str | None = typer.Option(
        None, "--user", help="Login name, usually your address (default: setting imap_user)."
    ),
    folder: list[str] = typer.Option(
        [],
        "--folder",
        help="Folder to read (repeatable), e.g. INBOX and Sent (default: setting imap_folders).",
    ),
    since: str | None = typer.Option(
        None, "--since", help="Only mail on or after this date on the first sync (e.g. 2026-09-01)."
    ),
    port: int | None = typer.Option(
        None, "--port", help="Server port (default: setting imap_port, 993 for TLS)."
    ),
    no_tls: bool = typer.Option(
        False, "--no-tls", help="Connect without TLS (only for a server on this machine)."
    ),
    dry_run: bool = DryRunOption,
    quiet: bool = QuietOption,
    as_json: bool = JsonOption,
) -> None:
    """Fetch new mail from an IMAP account. The password comes from TOM_IMAP_PASSWORD or the
    system keyring (`keyring set topofmind imap:USER@HOST`); it is never stored."""
    from topofmind.cli.playbook import action_changes
    from topofmind.services.sync.imap import account_from_settings, folders_from_settings
    from topofmind.services.sync.imap import sync_imap as run_sync

    ctx = context()
    account = account_from_settings(ctx.settings, host, user, port, "none" if no_tls else None)
    folders = folder or folders_from_settings(ctx.settings)
    with action_changes(), progress_counter("Fetching mail", quiet or as_json) as advance:
        summary = run_sync(ctx, account, folders, since=since, dry_run=dry_run, progress=advance)
    print_summary(summary, as_json)


@sync_app.command("calendar")
def sync_calendar(
    source: str | None = typer.Argument(
        None, help="An ICS URL or file path to re-read (default: the calendar_url setting)."
    ),
    dry_run: bool = DryRunOption,
    as_json: bool = JsonOption,
) -> None:
    """Re-read a calendar (ICS URL or file): new, changed and cancelled meetings."""
    from topofmind.cli.playbook import action_changes
    from topofmind.services.sync import sources as sync

    with action_changes():
        summary = sync.sync_calendar(context(), source, dry_run=dry_run)
    print_summary(summary, as_json)


@sync_app.command("feeds")
def sync_feeds(dry_run: bool = DryRunOption, as_json: bool = JsonOption) -> None:
    """Fetch every organization's news feeds; one broken feed never stops the others."""
    from topofmind.services.sync import sources as sync

    print_summary(sync.sync_feeds(context(), dry_run=dry_run), as_json)


@sync_app.command("all")
def sync_all(dry_run: bool = DryRunOption, as_json: bool = JsonOption) -> None:
    """Sync every source that is set up (mail, calendar, feeds), each as its own batch;
    one that fails is reported and the others still run. Schedule this one command to
    keep the record filling by itself."""
    from topofmind.cli.playbook import action_changes
    from topofmind.services.sync import sources as sync

    with action_changes():
        synced = sync.sync_everything(context(), dry_run=dry_run)
    if as_json:
        print_json(synced)
    else:
        for item in synced:
            if item.summary is not None:
                print_summary(item.summary, as_json=False)
            else:
                typer.echo(f"{item.source}: not synced. {item.error}", err=True)
    if all(item.summary is None for item in synced):
        raise typer.Exit(2)


# -- people ----------------------------------------------------------------------------------


def person_duplicates(as_json: bool = JsonOption) -> None:
    """List likely duplicates: people with the same name and different addresses."""
    from topofmind.services.people import find_duplicates

    groups = find_duplicates(context())
    if as_json:
        return print_json(groups)
    if not groups:
        typer.echo("No likely duplicates.")
        return
    rows = []
    for group in groups:
        for person in group.people:
            rows.append([group.name, person.id, person.organization_name, ", ".join(person.emails)])
    table(None, ["Name", "#", "Organization", "Email"], rows)
    first = groups[0].people
    typer.echo(f"Merge with: tom person merge {first[0].id} {first[1].id}")


def person_merge(
    keep: str = typer.Argument(..., help="The person to keep (id, name or address)."),
    other: str = typer.Argument(..., help="The person merged into it and removed."),
    as_json: bool = JsonOption,
) -> None:
    """Merge two records of one person, keeping every interaction, address and decision."""
    from topofmind.services.people import merge_people

    person = merge_people(context(), keep, other)
    if as_json:
        return print_json(person)
    typer.echo(f"Merged into {person.name} (#{person.id}): {', '.join(person.emails)}.")
