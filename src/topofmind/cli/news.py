"""`tom news`: company news, listed, added by hand and marked read."""

import typer

from topofmind.cli.common import JsonOption, changes_report, context, local, print_json, table

news_app = typer.Typer(
    help="Company news: list it, add an item, mark items read.", invoke_without_command=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(news_app, name="news")


@news_app.callback()
def news_list(
    ctx: typer.Context,
    org: str | None = typer.Option(None, "--org", help="Only this organization's news."),
    days: int = typer.Option(30, "--days", help="How many days back to list."),
    unread: bool = typer.Option(False, "--unread", help="Only items not read yet."),
    as_json: bool = JsonOption,
) -> None:
    """Company news, newest first; `tom news read ID` marks an item read."""
    if ctx.invoked_subcommand is not None:
        return
    from topofmind.services.news import list_news

    found = list_news(context(), org, days, unread)
    if as_json:
        return print_json([{**vars(n.item), "organization": n.organization_name} for n in found])
    if not found:
        typer.echo("No news in that window. `tom news add ORG TITLE` records an item.")
        return
    rows = [
        [
            n.item.id,
            local(n.item.published, "%a %d %b"),
            n.organization_name,
            n.item.title,
            "read" if n.item.read else "new",
        ]
        for n in found
    ]
    table(None, ["#", "Published", "Organization", "Title", ""], rows)


@news_app.command("add")
def news_add(
    org: str = typer.Argument(..., help="The organization it is about."),
    title: str = typer.Argument(..., help="The headline."),
    url: str = typer.Option("", "--url", help="Where to read it."),
    published: str | None = typer.Option(
        None, "--published", help="When it was published (default now)."
    ),
    summary: str = typer.Option("", "--summary", help="What it says, in a line."),
    as_json: bool = JsonOption,
) -> None:
    """Record a news item about an organization."""
    from topofmind.services.news import add_news

    with changes_report():
        line = add_news(context(), org, title, url, published, summary)
    if as_json:
        return print_json({**vars(line.item), "organization": line.organization_name})
    typer.echo(f'Added news about {line.organization_name}: "{line.item.title}" (#{line.item.id}).')


@news_app.command("read")
def news_read(
    ids: list[int] = typer.Argument(None, help="Ids of the items read (`tom news` lists them)."),
    org: str | None = typer.Option(None, "--org", help="Mark every item about it read."),
    unread: bool = typer.Option(False, "--unread", help="Mark them unread instead."),
) -> None:
    """Mark news items read: research before an interview counts them as done."""
    from topofmind.services.news import mark_read

    with changes_report():
        count = mark_read(context(), list(ids or []), org, read=not unread)
    state = "unread" if unread else "read"
    typer.echo(f"Marked {count} news item{'s' if count != 1 else ''} {state}.")
