"""`tom org`: organizations you are pursuing or meeting people from."""

import typer

from topofmind.cli.common import (
    JsonOption,
    context,
    earlier_mail,
    print_json,
    table,
)
from topofmind.cli.render import show_timeline

org_app = typer.Typer(
    help="Organizations you are pursuing or meeting people from.", no_args_is_help=True
)


@org_app.command("add")
def org_add(
    name: str = typer.Argument(..., help="The organization's name."),
    domain: list[str] = typer.Option([], "--domain", help="Email domain (repeatable)."),
    website: str = typer.Option("", "--website", help="Its website."),
    feed: list[str] = typer.Option([], "--feed", help="News feed URL (repeatable)."),
    notes: str = typer.Option("", "--notes", help="Free notes."),
    as_json: bool = JsonOption,
) -> None:
    """Add an organization."""
    from topofmind.services.organizations import add_organization

    org = add_organization(context(), name, domain, website, feed, notes)
    if as_json:
        return print_json(org)
    typer.echo(f"Added organization {org.name} (#{org.id}).")
    if domain:
        earlier_mail(f"mail from and to {org.name}")


@org_app.command("list")
def org_list(as_json: bool = JsonOption) -> None:
    """List organizations."""
    from topofmind.services.browse import list_organizations

    orgs = list_organizations(context())
    if as_json:
        return print_json(orgs)
    table(
        None,
        ["#", "Name", "Domains", "Website"],
        [[o.id, o.name, ", ".join(o.domains), o.website] for o in orgs],
    )


@org_app.command("show")
def org_show(
    name: str = typer.Argument(..., help="Id or part of the name."), as_json: bool = JsonOption
) -> None:
    """Show an organization, its people, opportunities and timeline."""
    show_timeline("org", name, as_json)


@org_app.command("edit")
def org_edit(
    name: str = typer.Argument(..., help="Id or part of the name."),
    rename: str | None = typer.Option(None, "--name", help="New name."),
    domain: list[str] = typer.Option([], "--domain", help="Add an email domain."),
    remove_domain: list[str] = typer.Option([], "--remove-domain", help="Remove a domain."),
    website: str | None = typer.Option(None, "--website", help="Its website."),
    feed: list[str] = typer.Option([], "--feed", help="Add a news feed URL."),
    remove_feed: list[str] = typer.Option([], "--remove-feed", help="Remove a news feed URL."),
    notes: str | None = typer.Option(None, "--notes", help="Replace the notes."),
    as_json: bool = JsonOption,
) -> None:
    """Change an organization."""
    from topofmind.services.organizations import edit_organization

    org = edit_organization(
        context(), name, rename, domain, remove_domain, website, feed, remove_feed, notes
    )
    if as_json:
        return print_json(org)
    typer.echo(f"Updated organization {org.name} (#{org.id}).")
