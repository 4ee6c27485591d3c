"""Commands of compose: draft, intro, questions suggest, prep, calendar, digest."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from topofmind.cli.common import JsonOption, changes_report, console, context, fail, print_json

if TYPE_CHECKING:
    from topofmind.domain.actions import Action
    from topofmind.services.context import Context
    from topofmind.services.drafting import Draft

questions_app = typer.Typer(help="Thoughtful questions to ask in interviews.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Adds the compose commands."""
    app.command("draft")(draft)
    app.command("intro")(intro)
    app.command("prep")(prep)
    app.command("calendar")(calendar)
    app.command("digest")(digest)
    app.add_typer(questions_app, name="questions")
    questions_app.command("suggest")(questions_suggest)


def _show_draft(draft: Draft) -> None:
    out = console()
    to = ", ".join(f"{r.name} <{r.email}>" if r.email else r.name for r in draft.recipients)
    out.print(f"[dim]To: {to}[/dim]" if draft.channel == "email" else "[dim]LinkedIn note[/dim]")
    if draft.in_reply_to:
        out.print(f"[dim]In reply to: {draft.in_reply_to}[/dim]", markup=True)
    out.print()
    # Whole lines, as they will be sent: the terminal wraps them, a copy or a pipe keeps them.
    out.print(draft.text, markup=False, highlight=False, soft_wrap=True)
    out.print()
    if draft.channel != "email":
        out.print(f"[dim]{len(draft.body)} of 300 characters[/dim]")
    if draft.findings:
        out.print("[bold]Check:[/bold]")
        for finding in draft.findings:
            out.print(f" ! {finding}", markup=False)
    else:
        out.print("[green]Check: specific and personal — nothing to fix.[/green]")
    if draft.evidence:
        out.print("Built from: " + "; ".join(draft.evidence), markup=False, style="dim")
    if draft.edited:
        out.print(
            "[dim]Your edited text (tom draft ID --reset goes back to the generated one).[/dim]"
        )


def draft(
    action_id: str = typer.Argument(..., help="The action's id, as `tom actions` shows it."),
    edit: bool = typer.Option(False, "--edit", help="Edit the draft in $EDITOR; the edit is kept."),
    reset: bool = typer.Option(False, "--reset", help="Forget your edit and draft afresh."),
    eml: Path = typer.Option(None, "--eml", help="Write the draft to this .eml file."),
    imap_drafts: bool = typer.Option(
        False, "--imap-drafts", help="Put it in the Drafts folder of your IMAP account."
    ),
    send: bool = typer.Option(
        False, "--send", help="Send it over SMTP now and record it (closes the action)."
    ),
    mailto: bool = typer.Option(
        False, "--mailto", help="Print a mailto: link that opens it in your mail program."
    ),
    copy: bool = typer.Option(False, "--copy", help="Copy it to the clipboard."),
    sent: bool = typer.Option(
        False,
        "--sent",
        help="You sent it yourself (from your mail program, or on LinkedIn): record it "
        "as sent (closes the action).",
    ),
    as_json: bool = JsonOption,
) -> None:
    """Show the draft for an action, checked for being specific and personal; deliver it."""
    from topofmind.services import drafting

    chosen = [bool(eml), imap_drafts, send, mailto, copy, sent]
    if sum(chosen) > 1:
        fail("Choose one way to deliver: --eml, --imap-drafts, --send, --mailto, --copy or --sent.")
    ctx = context()
    action = drafting.find_action(ctx, action_id)
    if reset:
        drafting.discard_edit(ctx, action.id)
    current = drafting.draft_for(ctx, action)
    if edit:
        current = _edited(ctx, action, current)
    ways = _Ways(eml, imap_drafts, send, sent, mailto, copy)
    if _delivered(ctx, action, current, ways):
        return
    if as_json:
        print_json(current)
    elif not (eml or imap_drafts or copy):
        _show_draft(current)


def _edited(ctx: Context, action: Action, current: Draft) -> Draft:
    """The draft as edited in $EDITOR and kept, or as it was when nothing changed."""
    import click  # only here: the editor is rare, and every start pays for imports

    from topofmind.errors import InvalidValue
    from topofmind.services import drafting

    try:
        edited = click.edit(current.text, extension=".txt", require_save=True)
    except click.ClickException as exc:  # the editor would not start, or failed
        raise InvalidValue(
            f"The editor did not work ({exc.message}); set EDITOR to one you use, "
            "e.g. EDITOR=nano. The draft stays as it was."
        ) from None
    if edited is None:
        console(stderr=True).print("No change; the draft stays as it was.")
        return current
    return drafting.save_edit(ctx, action, edited)


@dataclass(frozen=True)
class _Ways:
    """How `tom draft` was asked to deliver: at most one of them."""

    eml: Path | None
    imap_drafts: bool
    send: bool
    sent: bool
    mailto: bool
    copy: bool


def _delivered(ctx: Context, action: Action, current: Draft, ways: _Ways) -> bool:
    """Deliver the draft the way chosen; whether that said all there is to say."""
    from topofmind.services import drafting

    out = console(stderr=True)
    if ways.eml:
        path = drafting.write_eml(ctx, current, ways.eml)
        out.print(f"Wrote {path}; open it in your mail program to send.", markup=False)
    elif ways.imap_drafts:
        folder = drafting.to_imap_drafts(ctx, current)
        out.print(f"Put in {folder} on {ctx.settings.imap_host}; send it from your mail program.")
    elif ways.send:
        with changes_report():
            recorded = drafting.send(ctx, action, current)
        to = ", ".join(r.email for r in current.recipients)
        out.print(f"Sent to {to} and recorded (#{recorded.id}).")
        return True
    elif ways.sent:
        with changes_report():
            recorded = drafting.record_sent(ctx, action, current)
        what = "email" if current.channel == "email" else "LinkedIn connection request"
        out.print(
            f"Recorded as the {what} you sent to {current.to} (#{recorded.id}).", markup=False
        )
        return True
    elif ways.mailto:
        typer.echo(drafting.mailto(current))
        return True
    elif ways.copy:
        drafting.copy(current)
        out.print("Copied to the clipboard.")
    return False


def intro(
    opportunity: str = typer.Argument(..., help="The opportunity (id or part of its name)."),
    save: bool = typer.Option(False, "--save", help="Save it as the opportunity's introduction."),
    as_json: bool = JsonOption,
) -> None:
    """A memorable 30-second and three-sentence introduction for an opportunity, with evidence."""
    from topofmind.services.preparation import get_introduction

    found = get_introduction(context(), opportunity, save=save)
    if as_json:
        print_json(found)
        return
    out = console()
    out.print("[bold]Spoken (about 30 seconds)[/bold]")
    out.print(found.spoken, markup=False, soft_wrap=True)
    out.print("\n[bold]Written (three sentences)[/bold]")
    out.print(found.written, markup=False, soft_wrap=True)
    out.print("\n[bold]Evidence[/bold]")
    for item in found.evidence:
        why = []
        if item.matched:
            why.append("matches " + ", ".join(item.matched))
        if item.quantified:
            why.append("a measured result")
        if item.distinctive:
            why.append("uncommon skill asked for: " + ", ".join(item.distinctive))
        out.print(
            f" - {item.text} [{item.source}; {'; '.join(why) or 'closest match'}]", markup=False
        )
    if found.matched_skills:
        out.print(
            "Your skills the posting asks for: " + ", ".join(found.matched_skills), markup=False
        )
    if save:
        console(stderr=True).print("Saved as the opportunity's introduction.")


def questions_suggest(
    opportunity: str = typer.Argument(..., help="The opportunity (id or part of its name)."),
    save: bool = typer.Option(False, "--save", help="Save them as the opportunity's questions."),
    as_json: bool = JsonOption,
) -> None:
    """Questions about vision, plans, challenges, team, role and culture, made specific."""
    from topofmind.services.preparation import suggested_questions

    found = suggested_questions(context(), opportunity, save=save)
    if as_json:
        print_json(found)
        return
    out = console()
    if not found:
        out.print("No new questions: the saved ones already cover the bank.")
    for item in found:
        out.print(f" [{item.category.value}] {item.text}", markup=False)
        out.print(f"   from {item.evidence}", markup=False, style="dim")
    if save and found:
        console(stderr=True).print(
            f"Saved {len(found)} questions; edit, mark asked and answer them with `tom question`."
        )


def prep(
    interview_or_opportunity: str = typer.Argument(
        ..., help="An interview as i42 (its interaction id), or an opportunity for its next one."
    ),
    html: Path = typer.Option(None, "--html", help="Also write a printable HTML page here."),
    output: Path = typer.Option(None, "--output", help="Write the Markdown here, not to stdout."),
) -> None:
    """The prep sheet for an interview: who, what was discussed, intro, questions, news."""
    from topofmind.services.preparation import prep_sheet_pages

    markdown, page = prep_sheet_pages(context(), interview_or_opportunity)
    if output:
        output.expanduser().write_text(markdown, encoding="utf-8")
        console(stderr=True).print(f"Wrote {output}", markup=False)
    else:
        typer.echo(markdown)
    if html:
        html.expanduser().write_text(page, encoding="utf-8")
        console(stderr=True).print(f"Wrote {html}; open it in a browser to print.", markup=False)


def calendar(
    output: Path = typer.Option(
        None, "--output", "-o", help="Write the .ics file here (default: print it)."
    ),
) -> None:
    """The due actions as an iCalendar file (to-dos and alarmed events) to subscribe to."""
    from topofmind.services.drafting import calendar_ics, write_calendar

    ctx = context()
    if output:
        path = write_calendar(ctx, output)
        console(stderr=True).print(
            f"Wrote {path}; subscribe to it in your calendar program.", markup=False
        )
    else:
        typer.echo(calendar_ics(ctx).decode("utf-8"), nl=False)


def digest(
    send: bool = typer.Option(False, "--send", help="Mail it to yourself over SMTP."),
    html: Path = typer.Option(None, "--html", help="Also write the HTML version here."),
) -> None:
    """Today's agenda as text (and HTML), to read or to mail to yourself."""
    from topofmind.services.drafting import digest_pages, send_digest

    ctx = context()
    if send:
        address = send_digest(ctx)
        console(stderr=True).print(f"Sent today's digest to {address}.", markup=False)
        return
    text, page = digest_pages(ctx)
    typer.echo(text)
    if html:
        html.expanduser().write_text(page, encoding="utf-8")
        console(stderr=True).print(f"Wrote {html}", markup=False)
