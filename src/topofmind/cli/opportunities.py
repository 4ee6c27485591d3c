"""`tom opp`: roles you pursue, their stage and their people."""

import typer

from topofmind.cli.common import (
    JsonOption,
    changes_report,
    context,
    local,
    print_json,
    table,
)
from topofmind.cli.render import show_timeline

opp_app = typer.Typer(
    help="Opportunities: roles you pursue, their stage and people.", no_args_is_help=True
)


@opp_app.command("add")
def opp_add(
    title: str = typer.Argument(..., help="The role, e.g. 'Senior Data Engineer'."),
    org: str = typer.Option(..., "--org", help="Organization (added if new)."),
    stage: str = typer.Option("researching", "--stage", help="Stage to start at."),
    url: str = typer.Option("", "--url", help="Posting URL."),
    posting: str = typer.Option("", "--posting", help="Posting text."),
    priority: int | None = typer.Option(None, "--priority", help="1 (low) to 5 (high)."),
    excitement: int | None = typer.Option(None, "--excitement", help="1 to 5."),
    person: list[str] = typer.Option([], "--person", help="PERSON=ROLE (repeatable)."),
    notes: str = typer.Option("", "--notes", help="Free notes."),
    at: str | None = typer.Option(None, "--at", help="When it reached its stage."),
    as_json: bool = JsonOption,
) -> None:
    """Add an opportunity."""
    from topofmind.services.opportunities import add_opportunity

    with changes_report():
        opp = add_opportunity(
            context(), title, org, stage, url, posting, priority, excitement, person, notes, at
        )
    if as_json:
        return print_json(opp)
    typer.echo(f"Added {opp.title} at {opp.organization_name} (#{opp.id}), {opp.stage.value}.")


@opp_app.command("list")
def opp_list(
    stage: list[str] = typer.Option([], "--stage", help="Only these stages (repeatable)."),
    active: bool = typer.Option(False, "--active", help="Only open, active opportunities."),
    as_json: bool = JsonOption,
) -> None:
    """List opportunities."""
    from topofmind.domain.enums import Stage
    from topofmind.services.browse import list_opportunities
    from topofmind.services.inputs import parse_choice

    stages = [parse_choice(Stage, s, "stage") for s in stage]
    opps = list_opportunities(context(), stages)
    if active:
        opps = [o for o in opps if o.stage.is_active]
    if as_json:
        return print_json(opps)
    table(
        None,
        ["#", "Role", "Organization", "Stage", "Since", "Priority", "People"],
        [
            [
                o.id,
                o.title,
                o.organization_name,
                o.stage.value,
                local(o.stage_since, "%d %b %Y"),
                o.priority,
                ", ".join(f"{i.person_name} ({i.role.value})" for i in o.people),
            ]
            for o in opps
        ],
    )


@opp_app.command("show")
def opp_show(
    name: str = typer.Argument(..., help="Id or part of the title or organization."),
    as_json: bool = JsonOption,
) -> None:
    """Show an opportunity, its people, questions and timeline."""
    show_timeline("opp", name, as_json)


@opp_app.command("edit")
def opp_edit(
    name: str = typer.Argument(..., help="Id or part of the title or organization."),
    title: str | None = typer.Option(None, "--title", help="New title."),
    url: str | None = typer.Option(None, "--url", help="Posting URL."),
    posting: str | None = typer.Option(None, "--posting", help="Posting text."),
    priority: int | None = typer.Option(None, "--priority", help="1 (low) to 5 (high)."),
    excitement: int | None = typer.Option(None, "--excitement", help="1 to 5."),
    person: list[str] = typer.Option([], "--person", help="Add PERSON=ROLE (repeatable)."),
    remove_person: list[str] = typer.Option(
        [], "--remove-person", help="Remove PERSON or PERSON=ROLE."
    ),
    notes: str | None = typer.Option(None, "--notes", help="Replace the notes."),
    setting: list[str] = typer.Option(
        [],
        "--set",
        help="Override a playbook setting for this opportunity: NAME=VALUE (see `tom rules`).",
    ),
    add_new: bool = typer.Option(
        False, "--add-new", help="Add a --person name no one has, at the organization."
    ),
    as_json: bool = JsonOption,
) -> None:
    """Change an opportunity."""
    from topofmind.errors import InvalidValue
    from topofmind.services.opportunities import edit_opportunity

    overrides = {}
    for item in setting:
        if "=" not in item:
            raise InvalidValue(
                f"--set '{item}' should be NAME=VALUE, e.g. cadence_applied_days=14."
            )
        key, value = item.split("=", 1)
        overrides[key.strip()] = value.strip()
    with changes_report():
        opp = edit_opportunity(
            context(),
            name,
            title,
            url,
            posting,
            priority,
            excitement,
            person,
            remove_person,
            notes,
            overrides,
            add_new_people=add_new,
        )
    if as_json:
        return print_json(opp)
    typer.echo(f"Updated {opp.title} at {opp.organization_name} (#{opp.id}).")


@opp_app.command("stage")
def opp_stage(
    name: str = typer.Argument(..., help="Id or part of the title or organization."),
    stage: str = typer.Argument(
        ...,
        help="researching, applied, screening, interviewing, offer, "
        "accepted, rejected, withdrawn or on-hold.",
    ),
    at: str | None = typer.Option(None, "--at", help="When it changed (default now)."),
    deadline: str | None = typer.Option(
        None, "--deadline", help="With offer: by when they want your decision."
    ),
    terms: str | None = typer.Option(None, "--terms", help="With offer: what they offered."),
    as_json: bool = JsonOption,
) -> None:
    """Move an opportunity to another stage."""
    from topofmind.services.opportunities import already_at, move_stage

    ctx = context()
    with changes_report():
        if deadline or terms:
            from topofmind.services.offers import record_offer, require_offer_stage

            require_offer_stage(stage)
            outcome = record_offer(ctx, name, deadline, terms, at)
            opp, moved = outcome.opportunity, outcome.moved
        else:
            opp, moved = move_stage(ctx, name, stage, at)
    if as_json:
        return print_json(opp)
    if moved:
        typer.echo(f"{opp.title} at {opp.organization_name} is now {opp.stage.value}.")
    else:
        ctx.notice(already_at(opp))
