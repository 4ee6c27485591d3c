"""Rich renderings shared by several commands: timelines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from topofmind.cli.common import console, context, local, print_json

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from topofmind.services.timeline import Timeline

ARROWS = {"in": "←", "out": "→", "both": "↔"}


def render_timeline(view: Timeline) -> None:
    from rich.markup import escape as e

    out = console()
    out.print(f"[bold]{e(view.title)}[/bold] [dim](#{view.id})[/dim]")
    for label, value in view.details.items():
        out.print(f"  [dim]{label}:[/dim] {e(value)}")
    _related(out, view)
    if view.questions:
        out.print("\n[bold]Questions[/bold]")
        for q in view.questions:
            mark = "✓" if q.asked else "·"
            answer = f" — {q.answer}" if q.answer else ""
            out.print(f"  {mark} #{q.id} [{q.category.value}] {q.text}{answer}", markup=False)
    out.print("\n[bold]Timeline[/bold] [dim](newest first)[/dim]")
    if not view.interactions:
        out.print("  Nothing recorded yet. Log something: tom log KIND --with NAME")
        return
    out.print(_interactions(view))


def _related(out: Console, view: Timeline) -> None:
    """An opportunity's people with their roles; a person's or organization's
    opportunities; an organization's people."""
    from rich.markup import escape as e

    from topofmind.services.lookup import stored_id

    if view.kind == "opp" and view.people:
        out.print("\n[bold]People[/bold]")
        for person in view.people:
            roles = view.roles.get(stored_id(person), [])
            parts = ", ".join(r.replace("-", " ") for r in roles)
            out.print(
                e(f"  {person.name} (#{person.id}) — {parts}")
                + (e(f", {person.title}") if person.title else "")
            )
    if view.kind in {"person", "org"} and view.opportunities:
        out.print("\n[bold]Opportunities[/bold]")
        for opp in view.opportunities:
            out.print(
                e(f"  {opp.title} at {opp.organization_name} (#{opp.id}) — {opp.stage.value}")
            )
    if view.kind == "org" and view.people:
        out.print("\n[bold]People[/bold]")
        for person in view.people:
            out.print(
                e(f"  {person.name} (#{person.id})" + (f", {person.title}" if person.title else ""))
            )


def _interactions(view: Timeline) -> Table:
    """The interactions, newest first: when, then what, with whom, and what was said."""
    from rich.markup import escape as e
    from rich.table import Table

    grid = Table(show_header=False, box=None, padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    for item in view.interactions:
        what = f"{ARROWS[item.direction.value]} {item.kind.label}"
        if item.scheduled:
            what += " (scheduled)"
        if item.purpose is not None:
            what += f", {item.purpose.label}"
        lines = [
            f"[bold]{what}[/bold] with {e(', '.join(item.participant_names))} [dim]#{item.id}[/dim]"
        ]
        if item.subject:
            lines.append(f"Subject: {e(item.subject)}")
        if item.summary:
            lines.append(e(item.summary))
        lines += [f"• {e(p)}" for p in item.points]
        lines += [f"◦ wish I had covered: {e(w)}" for w in item.wishes]
        for request in item.requests:
            due = f" (by {local(request.due)})" if request.due else ""
            lines.append(f"? they asked: {e(request.text)}{due}")
        grid.add_row(local(item.at), "\n".join(lines))
    return grid


def show_timeline(kind: str, name: str, as_json: bool) -> None:
    """A person's, opportunity's or organization's timeline, as JSON or rendered."""
    from topofmind.services.timeline import timeline

    view = timeline(context(), kind, name)
    if as_json:
        return print_json(view)
    render_timeline(view)
