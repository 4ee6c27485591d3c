"""Commands of the playbook: today, agenda, actions, done, snooze, dismiss, reopen, score,
rules."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from topofmind.cli.common import (
    JsonOption,
    console,
    context,
    hanging,
    local,
    print_json,
    report_after,
)

if TYPE_CHECKING:
    from topofmind.domain.actions import Action
    from topofmind.services.agenda import Agenda
    from topofmind.services.changes import Changes

STATE_MARKS = {"overdue": "!", "late": "!", "due": "•", "upcoming": "·"}


def register(app: typer.Typer) -> None:
    """Adds the playbook's commands."""
    app.command("today")(today)
    app.command("agenda")(agenda_command)
    app.command("actions")(actions)
    app.command("done")(done)
    app.command("snooze")(snooze)
    app.command("dismiss")(dismiss)
    app.command("reopen")(reopen)
    app.command("score")(score)
    app.command("rules")(rules)
    app.command("doctor")(doctor)


@contextmanager
def action_changes(decided: str | None = None) -> Iterator[None]:
    """Around a write: the actions it created or closed, printed after the command's own
    confirmation and notes (on stderr, so JSON stays clean).

    ``decided``: the action the write decided on (done, snoozed, dismissed, reopened), which
    the command reports itself; only what followed from it is printed.
    """
    from topofmind.services.changes import action_changes as changes_of

    ctx = context()
    if ctx.profile(required=False) is None:
        yield
        return
    with changes_of(ctx) as changes:
        yield
    if decided is not None:
        changes = changes.following(decided)
    report_after(change_lines(changes))


def change_lines(changes: Changes, limit: int | None = None) -> list[str]:
    """What a write changed, kind by kind, the first ``limit`` of each named and the rest
    counted: an achievement shared with a thousand contacts reads as ten lines and a count."""
    from topofmind.services.changes import CHANGES_SHOWN

    limit = CHANGES_SHOWN if limit is None else limit
    groups = [
        ("closed", [f"Closed: {a.title}" for a in changes.closed_only]),
        (
            "updated",
            [
                f"Updated: {after.title} ({_due(after)}) [{after.id}] (replaces: {before.title})"
                for before, after in changes.replaced
            ],
        ),
        ("folded", [f"Folded: {a.title} (into: {into.title})" for a, into in changes.folded]),
        (
            "dropped",
            [f"Dropped: {a.title} (the opportunity is {stage})" for a, stage in changes.dropped],
        ),
        ("new", [f"New: {a.title} ({_due(a)}) [{a.id}]" for a in changes.created_only]),
    ]
    lines = []
    for word, group in groups:
        lines += group[:limit]
        if len(group) > limit:
            more = f"… and {len(group) - limit:,} more {word}"
            opened = word in ("updated", "new")
            lines.append(more + (" (`tom actions` lists every open action)" if opened else ""))
    return lines


def action_json(action: Action) -> dict:
    """An action as its documented JSON object, built directly (thousands print quickly)."""
    from topofmind.domain.action_records import as_record

    return as_record(action)


def print_plain_json(value: list | dict) -> None:
    """Plain JSON values (as built by ``action_json``) printed as ``print_json`` would, but
    by orjson: a long search's thousands of actions print in milliseconds, not a second."""
    import orjson

    sys.stdout.write(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode() + "\n")


def agenda_json(view: Agenda) -> dict:
    from topofmind.cli.common import to_jsonable

    return {
        "overdue": [action_json(a) for a in view.overdue],
        "today": [action_json(a) for a in view.today],
        "upcoming": [action_json(a) for a in view.upcoming],
        "done_recently": to_jsonable(view.done_recently),
        "snoozed": view.snoozed,
    }


def _due(action: Action) -> str:
    """ "upcoming, due Thu 26 Nov 09:00"; "due today, Tue 24 Nov 16:00", not "due, due"."""
    when = local(action.due, "%a %d %b %H:%M")
    if action.state.value == "due":
        return f"due today, {when}"
    return f"{action.state.value}, due {when}"


def _render_action(action: Action) -> None:
    """Mark, title, why-now and id; wrapped lines hang under the text, not the mark."""
    from rich.text import Text

    out = console()
    mark = STATE_MARKS[action.state.value]
    title = Text(action.headline, style="bold")
    for lead, text in ((f" {mark} ", title), ("   ", Text(action.why))):
        out.print(hanging(lead, text, out.width), soft_wrap=True)
    out.print(Text(f"   {action.id}", style="dim"), soft_wrap=True)


def render_agenda(view: Agenda, heading: str, limit: int, command: str) -> None:
    """The agenda by urgency, at most ``limit`` actions a group (0: all), the rest counted."""
    out = console()
    out.print(
        f"[bold]{heading}[/bold] — {len(view.overdue)} overdue, {len(view.today)} due today, "
        f"{len(view.upcoming)} coming up" + (f", {view.snoozed} snoozed" if view.snoozed else "")
    )
    if not view.count:
        out.print(nothing_due(view))
    for title, items in (
        ("Overdue", view.overdue),
        ("Due today", view.today),
        ("Coming up", view.upcoming),
    ):
        if not items:
            continue
        out.print(f"\n[bold]{title}[/bold]")
        shown = items[:limit] if limit else items
        for action in shown:
            _render_action(action)
        if len(items) > len(shown):
            out.print(
                f"   [dim]… and {len(items) - len(shown):,} more {title.lower()}: "
                f"`{command} --all` shows them all[/dim]"
            )
    if view.overdue or view.today or view.upcoming:
        out.print(
            "\n[dim]Mark one: tom done ID | tom snooze ID --until friday | tom dismiss ID[/dim]"
        )


def nothing_due(view: Agenda) -> str:
    """What an empty agenda says: the next action beyond the days shown and the
    ``tom agenda --days`` that shows it, or that there is none at all."""
    first = view.next_later
    if first is None:
        return "Nothing to do: the playbook has no action for you now."
    from datetime import date

    more = len(view.later) - 1
    day = date.fromisoformat(local(first.due, "%Y-%m-%d"))
    days = (day - date.fromisoformat(local(context().now, "%Y-%m-%d"))).days
    later = f" and {more:,} more later" if more else ""
    return (
        f"Nothing due {_window(view.days)}. Next: {first.headline}, due "
        f"{local(first.due, '%a %d %b %H:%M')} (`tom agenda --days {days}` shows it{later})."
    )


def _window(days: int) -> str:
    if days == 0:
        return "today"
    return f"today or in the {days} days after" if days > 1 else "today or tomorrow"


AllOption = typer.Option(
    False, "--all", help="Every action of each group (default: setting agenda_limit a group)."
)


def _show_agenda(days: int | None, show_all: bool, as_json: bool, command: str, heading) -> None:
    """`tom today` and `tom agenda`: the agenda as JSON, or by urgency under
    ``heading(now)``."""
    from topofmind.services.agenda import agenda

    ctx = context()
    view = agenda(ctx, days)
    if as_json:
        return print_plain_json(agenda_json(view))
    limit = 0 if show_all else ctx.settings.agenda_limit
    render_agenda(view, heading(ctx.now), limit, command)
    if not view.count and not view.snoozed and _no_opportunities(ctx):
        from rich.text import Text

        out = console()
        start = Text(
            "Start with what is under way: `tom opp add TITLE --org ORG`, then `tom log` "
            "each conversation, or bring your mail in with `tom import email` (`tom demo` "
            "shows a whole job search)."
        )
        out.print(hanging("", start, out.width), soft_wrap=True)


def _no_opportunities(ctx) -> bool:
    """Nothing under way yet: most rules work on opportunities, so say how to start."""
    from topofmind.services.agenda import load

    facts, _ = load(ctx)
    return not facts.opportunities


def today(
    days: int = typer.Option(
        None, "--days", help="Days ahead to show after today (default: setting agenda_days)."
    ),
    show_all: bool = AllOption,
    as_json: bool = JsonOption,
) -> None:
    """What to do now: overdue, due today and the next days, each with why now."""
    _show_agenda(
        days, show_all, as_json, "tom today", lambda now: f"Today, {local(now, '%a %d %b %H:%M')}"
    )


def agenda_command(
    days: int = typer.Option(7, "--days", help="Days ahead to show after today."),
    show_all: bool = AllOption,
    as_json: bool = JsonOption,
    rebuild: bool = typer.Option(
        False,
        "--rebuild",
        help="Recompute every action from the whole record and keep the result (the agenda "
        "is otherwise kept between runs and recomputed only when something changed).",
    ),
) -> None:
    """The agenda for the next N days, grouped by urgency."""
    if rebuild:
        from topofmind.services.kept_agenda import rebuild as rebuild_agenda

        rebuild_agenda(context())
    _show_agenda(
        days,
        show_all,
        as_json,
        "tom agenda",
        lambda now: f"Agenda, {local(now, '%a %d %b')} and {days} day{'s' * (days != 1)} ahead",
    )


def actions(
    rule: str | None = typer.Option(None, "--rule", help="Only actions of this rule."),
    as_json: bool = JsonOption,
) -> None:
    """Every open action: id, rule, title, due, state, priority, why, people, opportunity."""
    from topofmind.services.agenda import current_actions

    if rule:
        rule = _known_rule(rule)
    found = current_actions(context())
    if rule:
        found = [a for a in found if a.rule == rule]
    if as_json:
        return print_plain_json([action_json(a) for a in found])
    if not found:
        console().print("No open actions.")
    for action in found:
        _render_action(action)


def doctor(
    as_json: bool = JsonOption,
    check_only: bool = typer.Option(
        False, "--check", help="Only report; leave a kept agenda that does not match as it is."
    ),
) -> None:
    """Check that the agenda kept between runs is what the playbook proposes now, and
    recompute it when it is not."""
    from topofmind.services.kept_agenda import check

    found = check(context(), repair=not check_only)
    if as_json:
        return print_json(found)
    said = {
        "matches": "matches a full recompute",
        "stale": "was out of date (the record, settings or time moved on since it was kept)",
        "missing": "was not kept yet",
        "differs": "DIFFERED from a full recompute",
    }[found.state]
    done = ""
    if found.repaired:
        done = "; recomputed and kept again"
    elif found.state != "matches":
        done = "; left as it is (--check): the next `tom agenda --rebuild` recomputes it"
    console().print(f"Kept agenda ({found.actions:,} actions): {said}{done}.")
    if found.state == "differs":
        raise typer.Exit(1)


def _known_rule(name: str) -> str:
    """``name`` if a rule has it (any case); else one line listing the rules."""
    from topofmind.errors import InvalidValue
    from topofmind.services.agenda import rules

    names = [r.name for r in rules()]
    wanted = name.strip().lower()
    if wanted not in names:
        raise InvalidValue(f"Unknown rule '{name}'. Choose one of: {', '.join(names)}.")
    return wanted


def _decide(action_id: str, status: str, note: str, until: str | None, as_json: bool) -> None:
    from topofmind.services.agenda import decide

    with action_changes(decided=action_id):  # a hand-closed thank-you frees its wish, say
        decision = decide(context(), action_id, status, note, until)
        if as_json:
            return print_json(decision)
        words = {"done": "Done", "dismissed": "Dismissed", "snoozed": "Snoozed"}
        later = f" until {local(decision.until)}" if decision.until else ""
        typer.echo(f"{words[decision.status.value]}: {decision.title}{later}.")


def done(
    action_id: str = typer.Argument(..., help="The action's id (from tom today or tom actions)."),
    note: str = typer.Option("", "--note", help="A note kept with the decision."),
    as_json: bool = JsonOption,
) -> None:
    """Mark an action done by hand (evidence closes most actions on its own)."""
    _decide(action_id, "done", note, None, as_json)


def snooze(
    action_id: str = typer.Argument(..., help="The action's id (from tom today or tom actions)."),
    until: str = typer.Option(
        None,
        "--until",
        help="When to show it again: friday, 5pm, next week, +3d (default: next working morning).",
    ),
    note: str = typer.Option("", "--note", help="A note kept with the decision."),
    as_json: bool = JsonOption,
) -> None:
    """Hide an action until a later moment."""
    _decide(action_id, "snoozed", note, until, as_json)


def dismiss(
    action_id: str = typer.Argument(..., help="The action's id (from tom today or tom actions)."),
    note: str = typer.Option("", "--note", help="Why, kept with the decision."),
    as_json: bool = JsonOption,
) -> None:
    """Dismiss an action for good: it will not come back for the same facts."""
    _decide(action_id, "dismissed", note, None, as_json)


def reopen(
    action_id: str = typer.Argument(
        ..., help="The id of an action marked done, snoozed or dismissed."
    ),
    as_json: bool = JsonOption,
) -> None:
    """Undo done, snooze or dismiss: the action comes back if the playbook still proposes it."""
    from topofmind.services import agenda

    with action_changes(decided=action_id):  # what follows is printed after this line
        decision, action = agenda.reopen(context(), action_id)
        if as_json:
            print_json({"forgotten": decision, "action": action_json(action) if action else None})
        elif action is None:
            typer.echo(
                f"Forgot that '{action_id}' was {decision.status.value}. The playbook no longer "
                "proposes it: something recorded since closed it, or its time has passed."
            )
        else:
            typer.echo(f"Reopened: {action.title} ({_due(action)}) [{action.id}]")


def score(as_json: bool = JsonOption) -> None:
    """The top-of-mind score per opportunity and key person, each part shown; today's
    figures are kept for the score chart."""
    from rich.text import Text

    from topofmind.services.agenda import record_scores

    found = record_scores(context())  # each run adds today's point to the history chart
    if as_json:
        return print_json(found)
    out = console()
    if not found:
        out.print("No active opportunities to score.")
    for item in found:
        kind = "" if item.subject_kind == "opportunity" else "person: "
        heading = Text.assemble((f"{item.score:3d}", "bold"), f"  {kind}{item.name}")
        out.print(heading, soft_wrap=True)
        out.print(hanging("     ", Text(item.line), out.width), soft_wrap=True)


def rules(as_json: bool = JsonOption) -> None:
    """Each playbook rule, the strategy it serves and its settings with their values."""
    from rich.text import Text

    from topofmind.domain.records import Profile
    from topofmind.services.agenda import rules as playbook_rules
    from topofmind.services.profile import work_days_words
    from topofmind.settings import BY_NAME

    ctx = context()
    found = playbook_rules()
    if as_json:
        return print_json(
            [
                {
                    "name": r.name,
                    "strategy": r.strategy,
                    "summary": r.summary,
                    "settings": {name: ctx.settings[name] for name in r.settings},
                    "folds": list(r.folds),
                }
                for r in found
            ]
        )
    out = console()
    for r in found:
        out.print(Text.assemble((r.name, "bold"), f" — {r.strategy}"), soft_wrap=True)
        out.print(hanging("  ", Text(r.summary), out.width), soft_wrap=True)
        for name in r.settings:
            line = Text(f"{name} = {ctx.settings[name]}  ({BY_NAME[name].help})")
            out.print(hanging("  ", line, out.width), soft_wrap=True)
        if r.folds:
            line = Text(f"While open, it takes over {', '.join(r.folds)} on the same opportunity.")
            out.print(hanging("  ", line, out.width), soft_wrap=True)
    profile = ctx.profile(required=False) or Profile(name="")
    out.print(
        Text(
            f"Due times fall in your working time: {work_days_words(profile.work_days)} "
            f"{profile.work_start:%H:%M}–{profile.work_end:%H:%M}, {profile.timezone} "
            "(tom init --work-days, --work-start, --work-end)."
        )
    )
