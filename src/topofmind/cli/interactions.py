"""`tom log`, `tom held` and `tom purpose`: conversations and messages, as they happen."""

import typer

from topofmind.cli.common import (
    JsonOption,
    changes_report,
    context,
    local,
    print_json,
    record_id,
)

#: The purposes a message can have, as typed (``domain.enums.Purpose``).
PURPOSE_WORDS = (
    "thank-you, reply, follow-up, update, supplementary, logistics, networking, "
    "close-the-loop, withdrawal, offer-response"
)


#: What ``tom log`` records, as typed.
KIND_WORDS = (
    "interview, phone-screen, meeting, email, call, message, "
    "event-conversation, informational-interview, linkedin-connection, "
    "linkedin-engagement"
)
AT_HELP = (
    "When (default now; ISO 8601, 'today 15:00', 'friday': the one just gone unless --scheduled)."
)
REQUEST_HELP = "Something they asked for (else read from an inbound message's summary)."
ADD_NEW_HELP = "Add a --with name no one has as a new person, at the opportunity's organization."
PURPOSE_HELP = f"What a message of yours is for: {PURPOSE_WORDS} (default: inferred)."

#: Options `tom log` and `tom held` share.
UntilOption = typer.Option(None, "--until", help="When it ended.")
SummaryOption = typer.Option("", "--summary", help="What happened, in a line.")
PointOption = typer.Option([], "--point", help="A talking point to reference later.")
WishOption = typer.Option([], "--wish", help="A topic you wish you had covered.")
ByOption = typer.Option(None, "--by", help="The request's deadline.")


def purpose(
    interaction_id: str = typer.Argument(..., help="The message's id (#12 or 12, from tom show)."),
    value: str = typer.Argument(..., help=f"{PURPOSE_WORDS}, or none to let it be inferred."),
    as_json: bool = JsonOption,
) -> None:
    """Say what a message of yours was for (a thank-you, a follow-up...): only follow-ups
    count toward the unanswered cap."""
    from topofmind.services.interactions import set_purpose

    with changes_report():
        item = set_purpose(context(), record_id(interaction_id), value)
    if as_json:
        return print_json(item)
    what = item.purpose.label if item.purpose else "not said (read by its place)"
    typer.echo(f"#{item.id}, {item.kind.label} to {', '.join(item.participant_names)}: {what}.")


def log(
    kind: str = typer.Argument(..., help=f"{KIND_WORDS}."),
    with_: list[str] = typer.Option(..., "--with", help="Who took part (repeatable)."),
    opp: str | None = typer.Option(None, "--opp", help="The opportunity it belongs to."),
    at: str | None = typer.Option(None, "--at", help=AT_HELP),
    until: str | None = UntilOption,
    direction: str | None = typer.Option(None, "--direction", help="in, out or both."),
    summary: str = SummaryOption,
    subject: str = typer.Option("", "--subject", help="Subject line, for messages."),
    point: list[str] = PointOption,
    wish: list[str] = WishOption,
    request: str | None = typer.Option(None, "--request", help=REQUEST_HELP),
    by: str | None = ByOption,
    scheduled: bool = typer.Option(False, "--scheduled", help="It is planned, not yet happened."),
    location: str = typer.Option("", "--location", help="Where, or the video link."),
    add_new: bool = typer.Option(False, "--add-new", help=ADD_NEW_HELP),
    purpose: str | None = typer.Option(None, "--purpose", help=PURPOSE_HELP),
    as_json: bool = JsonOption,
) -> None:
    """Log an interaction: an interview, a call, a message..."""
    from topofmind.services.interactions import LogEntry, log_interaction

    entry = LogEntry(
        kind=kind,
        with_=with_,
        opportunity=opp,
        at=at,
        ends_at=until,
        direction=direction,
        summary=summary,
        subject=subject,
        points=point,
        wishes=wish,
        request=request,
        request_by=by,
        scheduled=scheduled,
        location=location,
        add_new_people=add_new,
        purpose=purpose,
    )
    with changes_report():
        item = log_interaction(context(), entry)
    if as_json:
        return print_json(item)
    state = "Scheduled" if item.scheduled else "Logged"
    typer.echo(
        f"{state} {item.kind.label} with {', '.join(item.participant_names)} "
        f"on {local(item.at)} (#{item.id})."
    )


def held(
    interaction_id: str = typer.Argument(..., help="The conversation's id (#12 or 12)."),
    at: str | None = typer.Option(None, "--at", help="When it actually started."),
    until: str | None = UntilOption,
    summary: str = SummaryOption,
    point: list[str] = PointOption,
    wish: list[str] = WishOption,
    with_: list[str] = typer.Option([], "--with", help="Someone who joined (repeatable)."),
    request: str | None = typer.Option(None, "--request", help="Something they asked for."),
    by: str | None = ByOption,
    as_json: bool = JsonOption,
) -> None:
    """Mark a scheduled conversation held, or add notes to one: never a second record."""
    from topofmind.services.held import HeldEntry, complete_conversation

    entry = HeldEntry(at, until, summary, point, wish, with_, request, by)
    with changes_report():
        item = complete_conversation(context(), record_id(interaction_id), entry)
    if as_json:
        return print_json(item)
    typer.echo(
        f"Held: {item.kind.label} with {', '.join(item.participant_names)} "
        f"on {local(item.at)} (#{item.id})."
    )
