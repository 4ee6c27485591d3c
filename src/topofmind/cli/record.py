"""Commands that record and read back a job search: org, person, opp, log, show and the rest."""

import typer

from topofmind.cli.common import JsonOption, context, local, print_json, record_id, table

org_app = typer.Typer(
    help="Organizations you are pursuing or meeting people from.", no_args_is_help=True
)
person_app = typer.Typer(
    help="People: recruiters, hiring managers, interviewers, insiders.", no_args_is_help=True
)
opp_app = typer.Typer(
    help="Opportunities: roles you pursue, their stage and people.", no_args_is_help=True
)
achievement_app = typer.Typer(
    help="Achievements worth sharing: certifications, projects...", no_args_is_help=True
)
question_app = typer.Typer(help="Questions to ask, per opportunity.", no_args_is_help=True)
event_app = typer.Typer(help="Company events and webinars.", no_args_is_help=True)
#: The purposes a message can have, as typed (``domain.enums.Purpose``).
PURPOSE_WORDS = (
    "thank-you, reply, follow-up, update, supplementary, logistics, networking, "
    "close-the-loop, withdrawal, offer-response"
)
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


def _changes_report():
    """Print the actions a write created or closed, when the playbook is there."""
    from topofmind.cli import playbook

    return playbook.action_changes()


# -- organizations -----------------------------------------------------------------------


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
        _earlier_mail(f"mail from and to {org.name}")


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
    _show("org", name, as_json)


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


# -- people ------------------------------------------------------------------------------


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

    with _changes_report():
        person = add_person(
            context(), name, email, phone, title, org, linkedin, notes, connected, connected_on
        )
    if as_json:
        return print_json(person)
    typer.echo(f"Added {person.name} (#{person.id}).")
    if email:
        _earlier_mail(f"mail with {person.name}")


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
    _show("person", name, as_json)


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
    with _changes_report():
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
        _earlier_mail(f"mail with {person.name} at the new address")


def _earlier_mail(what: str) -> None:
    """Where mail is synced, say that the next sync records the earlier mail just known."""
    settings = context().settings
    if settings.imap_host and settings.imap_user:
        typer.echo(f"The next `tom sync imap` records earlier {what} from your folders.")


# -- opportunities -----------------------------------------------------------------------


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

    with _changes_report():
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
    _show("opp", name, as_json)


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
    with _changes_report():
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
    with _changes_report():
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


def purpose(
    interaction_id: str = typer.Argument(..., help="The message's id (#12 or 12, from tom show)."),
    value: str = typer.Argument(..., help=f"{PURPOSE_WORDS}, or none to let it be inferred."),
    as_json: bool = JsonOption,
) -> None:
    """Say what a message of yours was for (a thank-you, a follow-up...): only follow-ups
    count toward the unanswered cap."""
    from topofmind.services.interactions import set_purpose

    with _changes_report():
        item = set_purpose(context(), record_id(interaction_id), value)
    if as_json:
        return print_json(item)
    what = item.purpose.label if item.purpose else "not said (read by its place)"
    typer.echo(f"#{item.id}, {item.kind.label} to {', '.join(item.participant_names)}: {what}.")


# -- log -----------------------------------------------------------------------------------


def log(
    kind: str = typer.Argument(
        ...,
        help="interview, phone-screen, meeting, email, call, message, "
        "event-conversation, informational-interview, linkedin-connection, "
        "linkedin-engagement.",
    ),
    with_: list[str] = typer.Option(..., "--with", help="Who took part (repeatable)."),
    opp: str | None = typer.Option(None, "--opp", help="The opportunity it belongs to."),
    at: str | None = typer.Option(
        None,
        "--at",
        help=(
            "When (default now; ISO 8601, 'today 15:00', 'friday': the one just gone "
            "unless --scheduled)."
        ),
    ),
    until: str | None = typer.Option(None, "--until", help="When it ended."),
    direction: str | None = typer.Option(None, "--direction", help="in, out or both."),
    summary: str = typer.Option("", "--summary", help="What happened, in a line."),
    subject: str = typer.Option("", "--subject", help="Subject line, for messages."),
    point: list[str] = typer.Option([], "--point", help="A talking point to reference later."),
    wish: list[str] = typer.Option([], "--wish", help="A topic you wish you had covered."),
    request: str | None = typer.Option(
        None,
        "--request",
        help="Something they asked for (else read from an inbound message's summary).",
    ),
    by: str | None = typer.Option(None, "--by", help="The request's deadline."),
    scheduled: bool = typer.Option(False, "--scheduled", help="It is planned, not yet happened."),
    location: str = typer.Option("", "--location", help="Where, or the video link."),
    add_new: bool = typer.Option(
        False,
        "--add-new",
        help="Add a --with name no one has as a new person, at the opportunity's organization.",
    ),
    purpose: str | None = typer.Option(
        None,
        "--purpose",
        help=f"What a message of yours is for: {PURPOSE_WORDS} (default: inferred).",
    ),
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
    with _changes_report():
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
    until: str | None = typer.Option(None, "--until", help="When it ended."),
    summary: str = typer.Option("", "--summary", help="What happened, in a line."),
    point: list[str] = typer.Option([], "--point", help="A talking point to reference later."),
    wish: list[str] = typer.Option([], "--wish", help="A topic you wish you had covered."),
    with_: list[str] = typer.Option([], "--with", help="Someone who joined (repeatable)."),
    request: str | None = typer.Option(None, "--request", help="Something they asked for."),
    by: str | None = typer.Option(None, "--by", help="The request's deadline."),
    as_json: bool = JsonOption,
) -> None:
    """Mark a scheduled conversation held, or add notes to one: never a second record."""
    from topofmind.services.held import HeldEntry, complete_conversation

    entry = HeldEntry(at, until, summary, point, wish, with_, request, by)
    with _changes_report():
        item = complete_conversation(context(), record_id(interaction_id), entry)
    if as_json:
        return print_json(item)
    typer.echo(
        f"Held: {item.kind.label} with {', '.join(item.participant_names)} "
        f"on {local(item.at)} (#{item.id})."
    )


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

    with _changes_report():
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

    with _changes_report():
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

    with _changes_report():
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

    with _changes_report():
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

    with _changes_report():
        item = mark_event(context(), event_id, registered=True)
    typer.echo(f"Registered for '{item.title}'.")


@event_app.command("attended")
def event_attended(
    event_id: int = typer.Argument(..., help="The event's id.", parser=record_id),
) -> None:
    """Mark an event as attended."""
    from topofmind.services.events import mark_event

    with _changes_report():
        item = mark_event(context(), event_id, attended=True)
    typer.echo(f"Attended '{item.title}'. Log whom you met: tom log event-conversation --with NAME")


# -- show --------------------------------------------------------------------------------


@show_app.command("person")
def show_person(
    name: str = typer.Argument(..., help="Id, part of the name, or an address."),
    as_json: bool = JsonOption,
) -> None:
    """A person's timeline."""
    _show("person", name, as_json)


@show_app.command("opp")
def show_opp(
    name: str = typer.Argument(..., help="Id or part of the title or organization."),
    as_json: bool = JsonOption,
) -> None:
    """An opportunity's timeline."""
    _show("opp", name, as_json)


@show_app.command("org")
def show_org(
    name: str = typer.Argument(..., help="Id or part of the name."), as_json: bool = JsonOption
) -> None:
    """An organization's timeline."""
    _show("org", name, as_json)


def _show(kind: str, name: str, as_json: bool) -> None:
    from topofmind.services.timeline import timeline

    view = timeline(context(), kind, name)
    if as_json:
        return print_json(view)
    from topofmind.cli.render import render_timeline

    render_timeline(view)
