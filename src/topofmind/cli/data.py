"""Commands about the data itself: init, path, demo, export, import-json, backup, db, settings."""

import json
from pathlib import Path

import typer

from topofmind.cli.common import OPTIONS, JsonOption, context, print_json, table

db_app = typer.Typer(help="The database: upgrade its schema.", no_args_is_help=True)
settings_app = typer.Typer(
    help="Settings: windows, cadences, mail servers.", invoke_without_command=True
)


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("path")(path)
    app.command("demo")(demo)
    app.command("export")(export)
    app.command("import-json")(import_json)
    app.command("backup")(backup)
    app.add_typer(db_app, name="db")
    app.add_typer(settings_app, name="settings")


def _ask(question: str, default: str | None = None) -> str:
    """One answer typed at the prompt; when there is nothing to read (no terminal, input
    at its end), one line saying how to give the profile as options instead."""
    try:
        return typer.prompt(question, default=default)
    except typer.Abort:
        from topofmind.errors import InvalidValue

        raise InvalidValue(
            "No answer to read: give your profile as options, e.g. tom init --name "
            '"Ada Lovelace" --email ada@example.com --tz Europe/London.'
        ) from None


def init(
    name: str | None = typer.Option(None, "--name", help="Your name."),
    email: list[str] = typer.Option([], "--email", help="Your own email address (repeatable)."),
    tz: str | None = typer.Option(None, "--tz", help="Your time zone, e.g. Europe/Berlin."),
    goal: list[str] = typer.Option([], "--goal", help="A career goal (repeatable)."),
    work_start: str | None = typer.Option(None, "--work-start", help="Working day start, 09:00."),
    work_end: str | None = typer.Option(None, "--work-end", help="Working day end, 17:30."),
    work_days: str | None = typer.Option(
        None, "--work-days", help="Your working days: mon-fri (the default), sun-thu, mon,wed,fri."
    ),
) -> None:
    """Set up your profile (safe to run again to change it)."""
    from topofmind.services.profile import init_profile, work_days_from, work_days_words

    ctx = context()
    existing = ctx.profile(required=False)
    interactive = not (name or existing)
    if name is None:
        name = existing.name if existing else _ask("Your name")
    if not email and not existing and interactive:
        email = [
            e.strip()
            for e in _ask("Your email address(es), comma-separated", "").split(",")
            if e.strip()
        ]
    if tz is None:
        if existing:
            tz = existing.timezone
        elif interactive:
            tz = _ask("Your time zone", _local_zone())
        else:
            tz = _local_zone()
    days = work_days_from(work_days) if work_days is not None else None
    profile, created = init_profile(ctx, name, email, tz, goal or None, work_start, work_end, days)
    verb = "Created" if created else "Updated"
    typer.echo(
        f"{verb} the profile of {profile.name} ({profile.timezone}; "
        f"{', '.join(profile.emails) or 'no email yet'})."
    )
    typer.echo(
        f"Working time: {work_days_words(profile.work_days)} "
        f"{profile.work_start:%H:%M}–{profile.work_end:%H:%M}; actions fall due inside it."
    )
    typer.echo(f"Data lives in {ctx.db.display_url()}.")


def _local_zone() -> str:
    import os

    if os.environ.get("TZ") and "/" in os.environ["TZ"]:
        return os.environ["TZ"]
    try:
        link = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in link:
            return link.split("zoneinfo/", 1)[1]
    except OSError:
        pass
    return "UTC"


def path(as_json: bool = JsonOption) -> None:
    """Where the data, settings, templates and backups live."""
    from topofmind.services.maintenance import locations

    info = locations(OPTIONS.db)
    if as_json:
        return print_json(info)
    for key, value in info.items():
        typer.echo(f"{key.replace('_', ' ')}: {value}")


def demo(
    reset: bool = typer.Option(
        False,
        "--reset",
        help="Replace whatever this database holds (a SQLite file is copied beside itself "
        "first, when it holds anything).",
    ),
) -> None:
    """Load a realistic sample job search to try topofmind on."""
    from topofmind.services.demo import back_up_before_reset, holds_data, load_demo
    from topofmind.services.demo import reset as wipe

    ctx = context()
    if reset:
        saved = back_up_before_reset(ctx)
        if saved is not None:
            typer.echo(f"Backed up the previous data to {saved}.")
        elif not ctx.db.is_sqlite and holds_data(ctx):
            typer.echo("Replacing the data without a backup (back up PostgreSQL with pg_dump).")
        wipe(ctx)
    counts = load_demo(ctx)
    typer.echo(
        f"Loaded the demo job search of {ctx.profile().name}: {counts['organizations']} "
        f"organizations, {counts['people']} people, {counts['opportunities']} opportunities, "
        f"{counts['interactions']} interactions."
    )
    typer.echo("Next: tom today   (or tom opp list, tom show person Dana)")


def export(
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file instead of stdout."
    ),
) -> None:
    """Everything as one JSON document (docs/json.md)."""
    from topofmind.cli.common import to_jsonable
    from topofmind.services.transfer import export_document

    text = (
        json.dumps(
            to_jsonable(export_document(context())), indent=2, ensure_ascii=False, sort_keys=True
        )
        + "\n"
    )
    if output is None:
        typer.echo(text, nl=False)
        return
    if output.is_dir():
        raise IsADirectoryError(21, "Is a directory", str(output))
    tmp = output.with_suffix(output.suffix + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(output)
    finally:
        tmp.unlink(missing_ok=True)  # written and moved, or failed: never left behind
    typer.echo(f"Exported to {output}.", err=True)


def import_json(
    file: Path = typer.Argument(..., help="A file written by `tom export` (- for stdin)."),
) -> None:
    """Load a `tom export` document into an empty database."""
    import sys

    from topofmind.errors import BadFile
    from topofmind.services.transfer import import_document

    try:
        raw = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadFile(f"{file} does not exist.") from None
    except (UnicodeDecodeError, IsADirectoryError) as exc:
        raise BadFile(f"{file} is not a JSON text file ({exc}).") from None
    try:
        document = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BadFile(f"{file} is not valid JSON: {exc}. Nothing was imported.") from None
    counts = import_document(context(), document)
    total = sum(counts.values())
    typer.echo(
        f"Imported {total} rows: "
        + ", ".join(f"{n} {name}" for name, n in counts.items() if n)
        + "."
    )


def backup(
    target: Path | None = typer.Argument(
        None, help="File or folder (default: the backups folder, see `tom path`)."
    ),
) -> None:
    """A consistent copy of the SQLite database, safe while it is in use."""
    from topofmind.services.backup import backup as back_up

    saved = back_up(context(), target)
    typer.echo(f"Backed up to {saved}.")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Bring the database schema up to date (PostgreSQL needs this; SQLite does it itself)."""
    from topofmind.services.maintenance import upgrade

    done = upgrade(OPTIONS.db)
    if not done.changed:
        typer.echo(f"{done.database} is up to date (schema {done.head}).")
        return
    if done.backup:
        typer.echo(f"Backed up to {done.backup}.")
    typer.echo(f"Upgraded {done.database} to schema {done.head}.")


@settings_app.callback()
def settings_show(
    typer_ctx: typer.Context,
    as_json: bool = JsonOption,
) -> None:
    """Every setting with its value, default and reason."""
    if typer_ctx.invoked_subcommand:
        return
    from topofmind.settings import SETTINGS, load_settings, settings_path

    values = load_settings()
    if as_json:
        return print_json({s.name: values[s.name] for s in SETTINGS})
    table(
        f"Settings ({settings_path()})",
        ["Name", "Value", "Default", "What it does"],
        [[s.name, values[s.name], s.default, s.help] for s in SETTINGS],
    )


@settings_app.command("set", context_settings={"ignore_unknown_options": True})
def settings_set(
    name: str = typer.Argument(..., help="The setting's name (see `tom settings`)."),
    value: str = typer.Argument(..., help="Its new value."),
) -> None:
    """Change a setting in the settings file."""
    from topofmind.settings import save_setting

    saved = save_setting(name, value)
    typer.echo(f"Set {name} = {value} in {saved}.")
