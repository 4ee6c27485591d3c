"""`tom offer`: record an offer with its deadline, accept it, or decline it."""

import typer

from topofmind.cli.common import JsonOption, changes_report, context, local, print_json, table

offer_app = typer.Typer(
    help="Offers: their deadline and terms, accepting and declining.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(offer_app, name="offer")


@offer_app.command("record")
def offer_record(
    name: str = typer.Argument(..., help="Id or part of the title or organization."),
    deadline: str | None = typer.Option(
        None, "--deadline", help="By when they want your decision ('friday', '2026-12-04 17:00')."
    ),
    terms: str | None = typer.Option(None, "--terms", help="What they offered, in a line."),
    at: str | None = typer.Option(None, "--at", help="When the offer came (default now)."),
    as_json: bool = JsonOption,
) -> None:
    """Record an offer: the opportunity moves to the offer stage with its deadline."""
    from topofmind.services.offers import record_offer

    with changes_report():
        outcome = record_offer(context(), name, deadline, terms, at)
    opp = outcome.opportunity
    if as_json:
        return print_json(opp)
    by = f", decision due {local(opp.offer_deadline)}" if opp.offer_deadline else ""
    typer.echo(f"Offer recorded for {opp.title} at {opp.organization_name}{by}.")


@offer_app.command("accept")
def offer_accept(
    name: str = typer.Argument(..., help="Id or part of the title or organization."),
    at: str | None = typer.Option(None, "--at", help="When you accepted (default now)."),
    as_json: bool = JsonOption,
) -> None:
    """Accept an offer: every other open opportunity winds down with a withdrawal note."""
    from topofmind.services.offers import accept_offer

    with changes_report():
        outcome = accept_offer(context(), name, at)
    opp = outcome.opportunity
    if as_json:
        return print_json(outcome)
    typer.echo(f"Accepted {opp.title} at {opp.organization_name}. Congratulations!")
    if outcome.others:
        labels = ", ".join(f"{o.title} at {o.organization_name}" for o in outcome.others)
        typer.echo(f"Winding down {labels}: `tom today` lists the withdrawal notes.")


@offer_app.command("decline")
def offer_decline(
    name: str = typer.Argument(..., help="Id or part of the title or organization."),
    at: str | None = typer.Option(None, "--at", help="When you declined (default now)."),
    as_json: bool = JsonOption,
) -> None:
    """Decline an offer: the opportunity is withdrawn, and a gracious note is proposed."""
    from topofmind.services.offers import decline_offer

    with changes_report():
        outcome = decline_offer(context(), name, at)
    opp = outcome.opportunity
    if as_json:
        return print_json(opp)
    typer.echo(f"Declined the offer for {opp.title} at {opp.organization_name}.")


@offer_app.command("list")
def offer_list(as_json: bool = JsonOption) -> None:
    """Open offers, the nearest deadline first."""
    from topofmind.services.offers import open_offers

    found = open_offers(context())
    if as_json:
        return print_json(found)
    if not found:
        typer.echo("No open offers.")
        return
    rows = [
        [o.id, f"{o.title} at {o.organization_name}", local(o.offer_deadline) or "-", o.offer_terms]
        for o in found
    ]
    table(None, ["#", "Offer", "Decision due", "Terms"], rows)
