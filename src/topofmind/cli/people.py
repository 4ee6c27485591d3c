"""`tom person`: recruiters, hiring managers, interviewers, insiders."""

import typer

from topofmind.cli.common import (
    JsonOption,
    changes_report,
    context,
    earlier_mail,
    print_json,
    table,
)
from topofmind.cli.render import show_timeline

person_app = typer.Typer(
    help="People: recruiters, hiring managers, interviewers, insiders.", no_args_is_help=True
)


@person_app.command("add")
def person_add(
    name: str = typer.Argument(..., help="Full name."),
    email: list[str] = typer.Option([], "--email", help="Email address (repeatable)."),
    phone: list[str] = typer.Option([], "--phone", help="Phone number (repeatable)."),
    title: str = typer.Option("", "--title", help="Job title."),
    org: str | None = typer.Option(None, "--org", help="Organization (added if new)."),
    linkedin: str = typer.Option("", "--linkedin", help="LinkedIn profile URL."),
    notes: str = typer.Option("", "--notes", help="Free notes."),
    connected: bool = typer.Option(False, "--connected", help="Connected on LinkedIn."),
    connected_on: str | None = typer.Option(None, "--connected-on", help="Date connected."),
    as_json: bool = JsonOption,
) -> None:
    """Add a person."""
    from topofmind.services.people import add_person

    with changes_report():
        person = add_person(
            context(), name, email, phone, title, org, linkedin, notes, connected, connected_on
        )
    if as_json:
        return print_json(person)
    typer.echo(f"Added {person.name} (#{person.id}).")
    if email:
        earlier_mail(f"mail with {person.name}")


@person_app.command("list")
def person_list(
    org: str | None = typer.Option(None, "--org", help="Only people at this organization."),
    as_json: bool = JsonOption,
) -> None:
    """List people."""
    from topofmind.services.browse import list_people

    people = list_people(context(), org)
    if as_json:
        return print_json(people)
    table(
        None,
        ["#", "Name", "Title", "Organization", "Email", "LinkedIn"],
        [
            [
                p.id,
                p.name,
                p.title,
                p.organization_name,
                ", ".join(p.emails),
                "connected" if p.connected else "",
            ]
            for p in people
        ],
    )


@person_app.command("show")
def person_show(
    name: str = typer.Argument(..., help="Id, part of the name, or an address."),
    as_json: bool = JsonOption,
) -> None:
    """Show a person and the timeline of what you said to each other."""
    show_timeline("person", name, as_json)


@person_app.command("edit")
def person_edit(
    name: str = typer.Argument(..., help="Id, part of the name, or an address."),
    rename: str | None = typer.Option(None, "--name", help="New name."),
    email: list[str] = typer.Option([], "--email", help="Add an email address."),
    remove_email: list[str] = typer.Option([], "--remove-email", help="Remove an address."),
    phone: list[str] = typer.Option([], "--phone", help="Add a phone number."),
    title: str | None = typer.Option(None, "--title", help="Job title."),
    org: str | None = typer.Option(None, "--org", help="Organization (added if new)."),
    linkedin: str | None = typer.Option(None, "--linkedin", help="LinkedIn profile URL."),
    notes: str | None = typer.Option(None, "--notes", help="Replace the notes."),
    connected: bool | None = typer.Option(
        None,
        "--connected/--not-connected",
        help="Connected on LinkedIn or not; newly connected counts from today.",
    ),
    connected_on: str | None = typer.Option(None, "--connected-on", help="Date connected."),
    as_json: bool = JsonOption,
) -> None:
    """Change a person."""
    from topofmind.services.people import edit_person

    changes = (rename, title, org, linkedin, notes, connected, connected_on)
    if all(c is None for c in changes) and not (email or remove_email or phone):
        from topofmind.errors import InvalidValue

        raise InvalidValue(
            "Nothing to change: give what changes, e.g. --title, --email or --connected "
            "(`tom person edit --help` lists them)."
        )
    with changes_report():
        person = edit_person(
            context(),
            name,
            rename,
            email,
            remove_email,
            phone,
            title,
            org,
            linkedin,
            notes,
            connected,
            connected_on,
        )
    if as_json:
        return print_json(person)
    typer.echo(f"Updated {person.name} (#{person.id}).")
    if email:
        earlier_mail(f"mail with {person.name} at the new address")
