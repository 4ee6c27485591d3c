"""Commands that record and read back a job search: achievements, questions, events and
show here; org, person, opp and log from their own modules, all registered together."""

import typer

from topofmind.cli.common import (
    JsonOption,
    changes_report,
    context,
    local,
    print_json,
    record_id,
    table,
)
from topofmind.cli.interactions import held, log, purpose
from topofmind.cli.opportunities import opp_app
from topofmind.cli.organizations import org_app
from topofmind.cli.people import person_app
from topofmind.cli.render import show_timeline

achievement_app = typer.Typer(
    help="Achievements worth sharing: certifications, projects...", no_args_is_help=True
)
question_app = typer.Typer(help="Questions to ask, per opportunity.", no_args_is_help=True)
event_app = typer.Typer(help="Company events and webinars.", no_args_is_help=True)
show_app = typer.Typer(help="A timeline, newest first, with talking points.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(org_app, name="org")
    app.add_typer(person_app, name="person")
    app.add_typer(opp_app, name="opp")
    app.add_typer(achievement_app, name="achievement")
    app.add_typer(question_app, name="question")
    app.add_typer(event_app, name="event")
    app.add_typer(show_app, name="show")
    app.command("purpose")(purpose)
    app.command("log")(log)
    app.command("held")(held)


# -- achievements, questions, events ----------------------------------------------------


@achievement_app.command("add")
def achievement_add(
    title: str = typer.Argument(..., help="What you achieved."),
    kind: str = typer.Option(
        "project", "--kind", help="certification, project, publication, award or event."
    ),
    on: str | None = typer.Option(None, "--on", help="Date (default today)."),
    url: str = typer.Option("", "--url", help="A link to show it."),
    description: str = typer.Option("", "--description", help="A line about it."),
    as_json: bool = JsonOption,
) -> None:
    """Record an achievement worth sharing."""
    from topofmind.services.achievements import add_achievement

    with changes_report():
        item = add_achievement(context(), title, kind, on, url, description)
    if as_json:
        return print_json(item)
    typer.echo(f"Recorded {item.kind.value} '{item.title}' on {item.achieved_on} (#{item.id}).")


@achievement_app.command("list")
def achievement_list(as_json: bool = JsonOption) -> None:
    """List achievements, newest first."""
    from topofmind.services.browse import list_achievements

    items = list_achievements(context())
    if as_json:
        return print_json(items)
    table(
        None,
        ["#", "Date", "Kind", "Title", "Link"],
        [[a.id, a.achieved_on, a.kind.value, a.title, a.url] for a in items],
    )


@question_app.command("add")
def question_add(
    opp: str = typer.Argument(..., help="The opportunity."),
    text: str = typer.Argument(..., help="The question."),
    category: str = typer.Option(
        "role", "--category", help="vision, plans, challenges, team, role or culture."
    ),
    as_json: bool = JsonOption,
) -> None:
    """Add a question to ask."""
    from topofmind.services.questions import add_question

    with changes_report():
        item = add_question(context(), opp, text, category)
    if as_json:
        return print_json(item)
    typer.echo(f"Added question #{item.id} ({item.category.value}).")


@question_app.command("list")
def question_list(
    opp: str | None = typer.Argument(None, help="Only this opportunity's questions."),
    unasked: bool = typer.Option(False, "--unasked", help="Only questions not yet asked."),
    as_json: bool = JsonOption,
) -> None:
    """List questions."""
    from topofmind.services.browse import list_questions, opportunity_names

    items = list_questions(context(), opp)
    names = opportunity_names(context())
    if unasked:
        items = [q for q in items if not q.asked]
    if as_json:
        return print_json(items)
    table(
        None,
        ["#", "Opportunity", "Category", "Question", "Asked", "Answer"],
        [
            [
                q.id,
                names.get(q.opportunity_id, ""),
                q.category.value,
                q.text,
                "yes" if q.asked else "",
                q.answer,
            ]
            for q in items
        ],
    )


@question_app.command("asked")
def question_asked(
    question_id: int = typer.Argument(..., help="The question's id.", parser=record_id),
    answer: str | None = typer.Option(None, "--answer", help="What they answered."),
    undo: bool = typer.Option(False, "--undo", help="Mark it as not asked after all."),
    as_json: bool = JsonOption,
) -> None:
    """Mark a question as asked, with the answer."""
    from topofmind.services.questions import mark_question_asked

    with changes_report():
        item = mark_question_asked(context(), question_id, answer, asked=not undo)
    if as_json:
        return print_json(item)
    typer.echo(f"Question #{item.id} marked {'asked' if item.asked else 'not asked'}.")


@event_app.command("add")
def event_add(
    title: str = typer.Argument(..., help="The event or webinar."),
    at: str = typer.Option(..., "--at", help="When it starts."),
    until: str | None = typer.Option(None, "--until", help="When it ends."),
    org: str | None = typer.Option(None, "--org", help="The organization hosting it."),
    url: str = typer.Option("", "--url", help="Its page."),
    registered: bool = typer.Option(False, "--registered", help="You have registered."),
    as_json: bool = JsonOption,
) -> None:
    """Add a company event or webinar."""
    from topofmind.services.events import add_event

    with changes_report():
        item = add_event(context(), title, at, org, until, url, registered)
    if as_json:
        return print_json(item)
    typer.echo(f"Added event '{item.title}' on {local(item.starts_at)} (#{item.id}).")


@event_app.command("list")
def event_list(as_json: bool = JsonOption) -> None:
    """List events."""
    from topofmind.services.browse import list_events

    items = list_events(context(), newest_first=False)
    if as_json:
        return print_json(items)
    table(
        None,
        ["#", "When", "Event", "Organization", "Registered", "Attended"],
        [
            [
                e.id,
                local(e.starts_at),
                e.title,
                e.organization_name,
                "yes" if e.registered else "",
                "yes" if e.attended else "",
            ]
            for e in items
        ],
    )


@event_app.command("register")
def event_register(
    event_id: int = typer.Argument(..., help="The event's id.", parser=record_id),
) -> None:
    """Mark an event as registered."""
    from topofmind.services.events import mark_event

    with changes_report():
        item = mark_event(context(), event_id, registered=True)
    typer.echo(f"Registered for '{item.title}'.")


@event_app.command("attended")
def event_attended(
    event_id: int = typer.Argument(..., help="The event's id.", parser=record_id),
) -> None:
    """Mark an event as attended."""
    from topofmind.services.events import mark_event

    with changes_report():
        item = mark_event(context(), event_id, attended=True)
    typer.echo(f"Attended '{item.title}'. Log whom you met: tom log event-conversation --with NAME")


# -- show --------------------------------------------------------------------------------


@show_app.command("person")
def show_person(
    name: str = typer.Argument(..., help="Id, part of the name, or an address."),
    as_json: bool = JsonOption,
) -> None:
    """A person's timeline."""
    show_timeline("person", name, as_json)


@show_app.command("opp")
def show_opp(
    name: str = typer.Argument(..., help="Id or part of the title or organization."),
    as_json: bool = JsonOption,
) -> None:
    """An opportunity's timeline."""
    show_timeline("opp", name, as_json)


@show_app.command("org")
def show_org(
    name: str = typer.Argument(..., help="Id or part of the name."), as_json: bool = JsonOption
) -> None:
    """An organization's timeline."""
    show_timeline("org", name, as_json)
