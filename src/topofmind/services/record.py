"""Recording a job search: organizations, people, opportunities, interactions and the rest.

Each function is one use case and one transaction. Inputs are what a person
typed (names, words, moments as text); they are resolved and checked here so the
CLI and the web app behave the same. Bad input raises an error from
``topofmind.errors`` before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from functools import partial
from typing import TypeVar

from sqlalchemy import Connection

from topofmind.domain.actions import Action
from topofmind.domain.enums import (
    STAGE_REACHED,
    AchievementKind,
    Direction,
    InteractionKind,
    Purpose,
    QuestionCategory,
    Role,
    Stage,
    furthest_reached,
    stage_after,
)
from topofmind.domain.purposes import purpose_from_words
from topofmind.domain.records import (
    Achievement,
    Event,
    Interaction,
    Involvement,
    Opportunity,
    Organization,
    Person,
    Profile,
    Question,
    Request,
)
from topofmind.errors import InvalidValue, UnknownOrganization, UnknownPerson
from topofmind.services.context import Context
from topofmind.services.lookup import (
    named_address,
    resolve_opportunity,
    resolve_organization,
    resolve_person,
)
from topofmind.services.when import Leaning, parse_date, parse_when, zone
from topofmind.store import achievements as achievement_store
from topofmind.store import events as event_store
from topofmind.store import interactions as interaction_store
from topofmind.store import opportunities as opp_store
from topofmind.store import organizations as org_store
from topofmind.store import people as people_store
from topofmind.store import profiles as profile_store
from topofmind.store import questions as question_store

E = TypeVar("E", bound=StrEnum)


def parse_choice(enum: type[E], text: str, what: str) -> E:
    """An enum member from its value, forgiving case and underscores."""
    cleaned = text.strip().lower().replace("_", "-").replace(" ", "-")
    for member in enum:
        if cleaned in {member.value, member.name.lower().replace("_", "-")}:
            return member
    choices = ", ".join(m.value for m in enum)
    raise InvalidValue(f"Unknown {what} '{text}'. Choose one of: {choices}.")


def _moment(
    ctx: Context,
    text: str | None,
    default: datetime | None = None,
    default_time: time = time(9, 0),
    leaning: Leaning = "current",
) -> datetime:
    if not text:
        return default or ctx.now
    parsed = parse_when(text, ctx.now, ctx.timezone, default_time, leaning)
    if parsed.assumed_zone:
        ctx.notice(f"'{text}' has no time zone; taken in your zone {ctx.timezone}.")
    return parsed.moment


def _rating(value: int | None, what: str) -> int | None:
    if value is not None and not 1 <= value <= 5:
        raise InvalidValue(f"{what} must be from 1 to 5, not {value}.")
    return value


# -- profile ---------------------------------------------------------------------------


def init_profile(
    ctx: Context,
    name: str,
    emails: list[str],
    tz: str,
    goals: list[str] | None = None,
    work_start: str | None = None,
    work_end: str | None = None,
    work_days: list[int] | None = None,
) -> tuple[Profile, bool]:
    """Create the profile, or update the values given; returns (profile, created)."""
    zone(tz)  # raises InvalidValue for an unknown zone
    if not name.strip():
        raise InvalidValue("Your name cannot be empty: tom init --name 'Ada Lovelace'.")
    for address in emails:
        if "@" not in address:
            raise InvalidValue(f"'{address}' is not an email address.")
    with ctx.db.begin() as conn:
        existing = profile_store.get_profile(conn)
        profile = existing or Profile(name=name.strip())
        profile.name = name.strip()
        if emails:
            profile.emails = list(dict.fromkeys(e.strip().lower() for e in emails))
        profile.timezone = tz
        if goals is not None:
            profile.goals = goals
        if work_start:
            profile.work_start = _clock(work_start)
        if work_end:
            profile.work_end = _clock(work_end)
        if work_days is not None:
            profile.work_days = work_days
        profile_store.save_profile(conn, profile)
    ctx.forget_profile()
    return profile, existing is None


FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_NAMES = tuple(name[:3] for name in FULL_DAY_NAMES)
WORK_DAYS_HINT = "--work-days takes day names such as mon-fri, sun-thu or mon,wed,fri"


def work_days_from(text: str) -> list[int]:
    """Weekday numbers (Monday 0) from ``mon-fri``, ``sun-thu`` or ``mon,wed,fri``.

    A range runs forward through the week and may wrap past Sunday.
    """
    days: list[int] = []
    for part in (p.strip() for p in text.lower().split(",")):
        first, dash, last = (word.strip() for word in part.partition("-"))
        if not first or (dash and not last):
            raise InvalidValue(f"'{text}' leaves out a day: {WORK_DAYS_HINT}.")
        start, end = _day_number(first), _day_number(last) if last else None
        span = (end - start) % 7 if end is not None else 0
        days.extend((start + step) % 7 for step in range(span + 1))
    return sorted(set(days))


def _day_number(word: str) -> int:
    """A weekday from its name or the first three letters or more of it."""
    for number, full in enumerate(FULL_DAY_NAMES):
        if len(word) >= 3 and full.startswith(word):
            return number
    raise InvalidValue(f"'{word}' is not a day of the week: {WORK_DAYS_HINT}.")


def work_days_words(days: list[int]) -> str:
    """``Mon–Fri`` for a run of three or more days in a row (``Sun–Thu`` wraps), else a list."""
    chosen = sorted(set(days))
    for start in chosen:
        run = [(start + step) % 7 for step in range(len(chosen))]
        if len(chosen) >= 3 and sorted(run) == chosen:
            return f"{DAY_NAMES[run[0]].title()}–{DAY_NAMES[run[-1]].title()}"
    return ", ".join(DAY_NAMES[d].title() for d in chosen) or "no days"


def _clock(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise InvalidValue(f"'{text}' is not a time of day such as 09:00.") from None


def update_profile(ctx: Context, profile: Profile) -> Profile:
    with ctx.db.begin() as conn:
        profile_store.save_profile(conn, profile)
    ctx.forget_profile()
    return profile


# -- organizations ---------------------------------------------------------------------


def add_organization(
    ctx: Context,
    name: str,
    domains: list[str] | None = None,
    website: str = "",
    feeds: list[str] | None = None,
    notes: str = "",
) -> Organization:
    if not name.strip():
        raise InvalidValue("An organization needs a name.")
    from topofmind.services.secret_urls import kept

    org = Organization(
        name=name.strip(),
        domains=domains or [],
        website=website,
        feeds=[kept(f) for f in feeds or [] if f.strip()],  # a feed's token: in the keyring
        notes=notes,
    )
    with ctx.db.begin() as conn:
        _reject_duplicate_name(conn, org.name)
        org_store.add_organization(conn, org)
    return org


def _reject_duplicate_name(conn: Connection, name: str, own_id: int | None = None) -> None:
    from topofmind.errors import AlreadyExists

    for id_, existing in org_store.name_candidates(conn):
        if existing.lower() == name.lower() and id_ != own_id:
            raise AlreadyExists(f"{existing} (#{id_}) is already recorded. Use `tom org edit`.")


def edit_organization(
    ctx: Context,
    query: str,
    name: str | None = None,
    add_domains: list[str] | None = None,
    remove_domains: list[str] | None = None,
    website: str | None = None,
    add_feeds: list[str] | None = None,
    remove_feeds: list[str] | None = None,
    notes: str | None = None,
) -> Organization:
    with ctx.db.begin() as conn:
        org = org_store.get_organization(conn, resolve_organization(conn, query))
        if name:
            _reject_duplicate_name(conn, name.strip(), org.id)
            org.name = name.strip()
        if website is not None:
            org.website = website
        if notes is not None:
            org.notes = notes
        drop = {d.lower().lstrip("@") for d in remove_domains or []}
        org.domains = [d for d in org.domains if d not in drop] + list(add_domains or [])
        from topofmind.services.secret_urls import kept, named

        drop_feeds = {named(f) for f in remove_feeds or []}
        added = [kept(f) for f in add_feeds or [] if f.strip()]  # a feed's token: in the keyring
        org.feeds = [f for f in org.feeds if f not in drop_feeds] + added
        org_store.update_organization(conn, org)
        return org_store.get_organization(conn, org.id)


def organization_id_for(ctx: Context, conn: Connection, query: str | None) -> int | None:
    """The organization named, created when no organization matches at all."""
    if not query:
        return None
    try:
        return resolve_organization(conn, query)
    except UnknownOrganization:
        org = Organization(name=query.strip())
        org_store.add_organization(conn, org)
        ctx.notice(f"Added organization {org.name} (#{org.id}).")
        return org.id


# -- people ------------------------------------------------------------------------------


def add_person(
    ctx: Context,
    name: str,
    emails: list[str] | None = None,
    phones: list[str] | None = None,
    title: str = "",
    organization: str | None = None,
    linkedin_url: str = "",
    notes: str = "",
    connected: bool = False,
    connected_on: str | None = None,
) -> Person:
    if not name.strip():
        raise InvalidValue("A person needs a name.")
    for address in emails or []:
        if "@" not in address:
            raise InvalidValue(f"'{address}' is not an email address.")
    with ctx.db.begin() as conn:
        person = Person(
            name=name.strip(),
            emails=emails or [],
            phones=phones or [],
            title=title,
            organization_id=organization_id_for(ctx, conn, organization),
            linkedin_url=linkedin_url,
            notes=notes,
            connected=connected or bool(connected_on),
            connected_on=parse_date(connected_on, ctx.now, ctx.timezone) if connected_on else None,
        )
        _check_linkedin(conn, person)
        same = [(i, n) for i, n in people_store.name_candidates(conn) if n.lower() == name.lower()]
        people_store.add_person(conn, person)
        if same:
            other, called = same[0]
            ctx.notice(
                f"There is already a {called} (#{other}); this is another person. If they "
                f"are the same, `tom person merge #{other} #{person.id}` joins them."
            )
        return people_store.get_person(conn, person.id)


def _check_linkedin(conn: Connection, person: Person) -> None:
    from topofmind.errors import AlreadyExists

    if person.linkedin_url:
        other = people_store.person_for_linkedin(conn, person.linkedin_url)
        if other is not None and other != person.id:
            raise AlreadyExists(
                f"{person.linkedin_url} already belongs to person #{other}. "
                "Merge them with `tom person merge`."
            )


def edit_person(
    ctx: Context,
    query: str,
    name: str | None = None,
    add_emails: list[str] | None = None,
    remove_emails: list[str] | None = None,
    add_phones: list[str] | None = None,
    title: str | None = None,
    organization: str | None = None,
    linkedin_url: str | None = None,
    notes: str | None = None,
    connected: bool | None = None,
    connected_on: str | None = None,
) -> Person:
    with ctx.db.begin() as conn:
        person = people_store.get_person(conn, resolve_person(conn, query))
        if name:
            person.name = name.strip()
        if title is not None:
            person.title = title
        if organization is not None:
            person.organization_id = organization_id_for(ctx, conn, organization)
        if linkedin_url is not None:
            person.linkedin_url = linkedin_url
        if notes is not None:
            person.notes = notes
        if connected is not None:
            if connected and not person.connected and not connected_on:
                person.connected_on = _today(ctx)  # just connected: engage waits its quiet days
            person.connected = connected
            if not connected:
                person.connected_on = None
        if connected_on:
            person.connected = True
            person.connected_on = parse_date(connected_on, ctx.now, ctx.timezone)
        for address in add_emails or []:
            if "@" not in address:
                raise InvalidValue(f"'{address}' is not an email address.")
        drop = {e.strip().lower() for e in remove_emails or []}
        unknown = drop - {e.lower() for e in person.emails}
        if unknown:
            has = ", ".join(person.emails) or "none"
            raise InvalidValue(
                f"{person.name} has no address {sorted(unknown)[0]} to remove (theirs: {has})."
            )
        person.emails = [e for e in person.emails if e.lower() not in drop] + list(add_emails or [])
        person.phones = person.phones + list(add_phones or [])
        _check_linkedin(conn, person)
        people_store.update_person(conn, person)
        return people_store.get_person(conn, person.id)


# -- opportunities --------------------------------------------------------------------


def parse_involvement(
    conn: Connection, text: str, find: Callable[[str], int] | None = None
) -> Involvement:
    """``"Dana Ruiz=hiring-manager"`` (or ``:``) as an Involvement; ``find`` names the
    person (default: someone already in the record)."""
    for separator in ("=", ":"):
        if separator in text:
            who, role = text.rsplit(separator, 1)
            break
    else:
        raise InvalidValue(
            f"'{text}' should be PERSON=ROLE, e.g. 'Dana Ruiz=hiring-manager'. Roles: "
            + ", ".join(r.value for r in Role)
        )
    part = parse_choice(Role, role, "role")  # checked before anyone is looked up or added
    return Involvement((find or partial(resolve_person, conn))(who), part)


def add_opportunity(
    ctx: Context,
    title: str,
    organization: str,
    stage: str = "researching",
    posting_url: str = "",
    posting_text: str = "",
    priority: int | None = None,
    excitement: int | None = None,
    people: list[str] | None = None,
    notes: str = "",
    at: str | None = None,
) -> Opportunity:
    if not title.strip():
        raise InvalidValue("An opportunity needs a title (the role).")
    if not organization.strip():
        raise InvalidValue("An opportunity needs an organization: --org NAME.")
    stage_value = parse_choice(Stage, stage, "stage")
    with ctx.db.begin() as conn:
        opp = Opportunity(
            title=title.strip(),
            organization_id=organization_id_for(ctx, conn, organization),
            stage=stage_value,
            posting_url=posting_url,
            posting_text=posting_text,
            priority=_rating(priority, "Priority") or 3,
            excitement=_rating(excitement, "Excitement") or 3,
            people=[parse_involvement(conn, p) for p in people or []],
            notes=notes,
        )
        opp_store.add_opportunity(conn, opp, _moment(ctx, at))
        return opp_store.get_opportunity(conn, opp.id)


def edit_opportunity(
    ctx: Context,
    query: str,
    title: str | None = None,
    posting_url: str | None = None,
    posting_text: str | None = None,
    priority: int | None = None,
    excitement: int | None = None,
    add_people: list[str] | None = None,
    remove_people: list[str] | None = None,
    notes: str | None = None,
    settings: dict | None = None,
    add_new_people: bool = False,
) -> Opportunity:
    """Change an opportunity; with ``add_new_people``, a name in ``add_people`` no one has
    is added as a new person at the opportunity's organization."""
    with ctx.db.begin() as conn:
        opp = opp_store.get_opportunity(conn, resolve_opportunity(conn, query))
        if title:
            opp.title = title.strip()
        if posting_url is not None:
            opp.posting_url = posting_url
        if posting_text is not None:
            opp.posting_text = posting_text
        if priority is not None:
            opp.priority = _rating(priority, "Priority")
        if excitement is not None:
            opp.excitement = _rating(excitement, "Excitement")
        if notes is not None:
            opp.notes = notes
        if settings:
            from topofmind.settings import coerce

            opp.settings = {**opp.settings, **{k: coerce(k, v) for k, v in settings.items()}}
        opp_store.update_opportunity(conn, opp)

        def find(who: str) -> int:
            hint = "Or add them here with --add-new."
            return _person_or_new(ctx, conn, who, add_new_people, opp.organization_id, hint)

        for text in add_people or []:
            involvement = parse_involvement(conn, text, find)
            opp_store.involve(conn, opp.id, involvement.person_id, involvement.role)
        for text in remove_people or []:
            if "=" in text or ":" in text:
                involvement = parse_involvement(conn, text)
                opp_store.uninvolve(conn, opp.id, involvement.person_id, involvement.role)
            else:
                opp_store.uninvolve(conn, opp.id, resolve_person(conn, text))
        return opp_store.get_opportunity(conn, opp.id)


def change_stage(ctx: Context, query: str, stage: str, at: str | None = None) -> Opportunity:
    """Move the opportunity to ``stage``; a note says when it is there already."""
    opp, moved = move_stage(ctx, query, stage, at)
    if not moved:
        ctx.notice(already_at(opp))
    return opp


def already_at(opp: Opportunity) -> str:
    return f"{opp.title} at {opp.organization_name} is already at {opp.stage.value}."


def move_stage(
    ctx: Context, query: str, stage: str, at: str | None = None
) -> tuple[Opportunity, bool]:
    """The opportunity at ``stage``, and whether it moved (False: it was there already)."""
    new = parse_choice(Stage, stage, "stage")
    with ctx.db.begin() as conn:
        opp = opp_store.get_opportunity(conn, resolve_opportunity(conn, query))
        if opp.stage is new:
            return opp, False
        opp_store.set_stage(conn, opp.id, new, _moment(ctx, at))
        return opp_store.get_opportunity(conn, opp.id), True


# -- interactions -----------------------------------------------------------------------


def default_direction(kind: InteractionKind, has_request: bool) -> Direction:
    if has_request:
        return Direction.INBOUND
    if kind in {
        InteractionKind.EMAIL,
        InteractionKind.MESSAGE,
        InteractionKind.LINKEDIN_CONNECTION,
        InteractionKind.LINKEDIN_ENGAGEMENT,
    }:
        return Direction.OUTBOUND
    return Direction.BOTH


#: The part a participant plays when first met in an interaction of this kind.
ROLE_FROM_KIND = {
    InteractionKind.INTERVIEW: Role.INTERVIEWER,
    InteractionKind.PHONE_SCREEN: Role.RECRUITER,
    InteractionKind.INFORMATIONAL_INTERVIEW: Role.INSIDER,
}


@dataclass
class LogEntry:
    """What `tom log` and the web form hand to ``log_interaction``."""

    kind: str
    with_: list[str]
    opportunity: str | None = None
    at: str | None = None
    ends_at: str | None = None
    direction: str | None = None
    summary: str = ""
    subject: str = ""
    points: list[str] = field(default_factory=list)
    wishes: list[str] = field(default_factory=list)
    request: str | None = None
    request_by: str | None = None
    scheduled: bool = False
    location: str = ""
    #: Add a name no one in the record has as a new person (at the opportunity's
    #: organization), rather than stop: a panel member met for the first time.
    add_new_people: bool = False
    #: What a message of ours is for (``Purpose`` value); else inferred.
    purpose: str | None = None


def log_interaction(ctx: Context, entry: LogEntry) -> Interaction:
    kind = parse_choice(InteractionKind, entry.kind, "interaction kind")
    if not entry.with_:
        raise InvalidValue("Say who it was with: --with NAME (repeat for a panel).")
    if entry.request_by and not entry.request:
        raise InvalidValue("--by gives a request's deadline; add --request TEXT.")
    direction = (
        parse_choice(Direction, _direction_word(entry.direction), "direction")
        if entry.direction
        else default_direction(kind, bool(entry.request))
    )
    # Logged without --scheduled, "friday" is the Friday just gone; a deadline lies ahead.
    leaning = "future" if entry.scheduled else "past"
    at = _moment(ctx, entry.at, leaning=leaning)
    ends_at = _moment(ctx, entry.ends_at, leaning=leaning) if entry.ends_at else None
    if ends_at and ends_at < at:
        raise InvalidValue("The end (--until) comes before the start (--at).")
    due = None
    if entry.request_by:
        due = _moment(ctx, entry.request_by, default_time=ctx.profile().work_end, leaning="future")
    purpose = parse_choice(Purpose, entry.purpose, "purpose") if entry.purpose else None
    open_actions = (
        _open_actions(ctx)
        if purpose is None and direction is Direction.OUTBOUND and kind in ASKING_KINDS
        else []
    )
    with ctx.db.begin() as conn:
        opp_id = resolve_opportunity(conn, entry.opportunity) if entry.opportunity else None
        org_id = opp_store.get_opportunity(conn, opp_id).organization_id if opp_id else None
        hint = "Or add them as you log, with --add-new."
        participants = list(
            dict.fromkeys(
                _person_or_new(ctx, conn, who, entry.add_new_people, org_id, hint)
                for who in entry.with_
            )
        )
        if opp_id is None:
            opp_id = _only_active_opportunity(ctx, conn, participants)
        item = Interaction(
            at=at,
            ends_at=ends_at,
            kind=kind,
            direction=direction,
            participants=participants,
            opportunity_id=opp_id,
            summary=entry.summary,
            subject=entry.subject,
            points=[p for p in entry.points if p.strip()],
            wishes=[w for w in entry.wishes if w.strip()],
            requests=[Request(entry.request, due)]
            if entry.request
            else _asks(ctx, kind, direction, entry.summary, at),
            scheduled=entry.scheduled or at > ctx.now,
            location=entry.location,
            purpose=purpose or inferred_purpose(entry, participants, opp_id, open_actions),
        )
        completed = None
        if not item.scheduled:  # the holding of a scheduled one completes it
            from topofmind.services.held import complete_matching

            completed = complete_matching(ctx, conn, item, timed=entry.at is not None)
        if completed is None:
            interaction_store.add_interaction(conn, item)
            interaction_store.set_recorded_at(conn, item.id, ctx.now)
        else:
            item, opp_id = completed, completed.opportunity_id
        opp = opp_store.get_opportunity(conn, opp_id) if opp_id else None
        if opp is not None:
            _move_on_held(ctx, conn, opp, item)
        role = ROLE_FROM_KIND.get(kind)
        if opp is not None and role:
            involved = {i.person_id for i in opp.people}
            for person_id in participants:
                if person_id not in involved:
                    opp_store.involve(conn, opp_id, person_id, role)
        return interaction_store.get_interaction(conn, item.id)


#: Rules whose action a message cannot carry out: it is done on LinkedIn.
ON_LINKEDIN = frozenset({"connect", "engage"})


def _open_actions(ctx: Context) -> list[Action]:
    from topofmind.services.agenda import current_actions

    return current_actions(ctx)


def inferred_purpose(
    entry: LogEntry, participants: list[int], opp_id: int | None, open_actions: list[Action]
) -> Purpose | None:
    """What a message of ours is for, when not said: what its words show ("Thank you for
    your time"), else the purpose of the most urgent open action it closes (a message to
    Dana while her thank-you is owed is the thank-you), else a subject in reply ("Re:"),
    else None (the playbook reads it by its place among the messages)."""
    if not open_actions:  # not a message of ours, or its purpose was given
        return None
    words = purpose_from_words(entry.subject, entry.summary)
    if words is not None and words is not Purpose.REPLY:
        return words
    who = set(participants)
    for action in open_actions:  # most urgent first
        if (
            action.purpose is None
            or action.rule in ON_LINKEDIN
            or not who.intersection(action.people)
        ):
            continue
        if opp_id is None or action.opportunity_id in (None, opp_id):
            return action.purpose
    return words


def set_purpose(ctx: Context, interaction_id: int, purpose: str | None) -> Interaction:
    """Say what a recorded message of ours was for (``none`` forgets it: the playbook then
    reads it by its place among the messages)."""
    chosen = (
        None
        if purpose is None or purpose.strip().lower() in ("", "none")
        else parse_choice(Purpose, purpose, "purpose")
    )
    with ctx.db.begin() as conn:
        item = interaction_store.get_interaction(conn, interaction_id)
        if item.direction is not Direction.OUTBOUND:
            raise InvalidValue(
                f"Interaction #{interaction_id} is not a message of yours (it is "
                f"{item.direction.value}); only what you sent has a purpose."
            )
        interaction_store.set_purpose(conn, interaction_id, chosen)
        return interaction_store.get_interaction(conn, interaction_id)


def _person_or_new(
    ctx: Context, conn: Connection, who: str, add_new: bool, org_id: int | None, hint: str
) -> int:
    """The person ``who`` names; with ``add_new``, a name nobody has is added as a new
    person at ``org_id``, and so is a name with an address nobody has ("Dana Ruiz
    <dana@acme.example>"); a bare address or an id never is. Without, ``hint`` says how."""
    try:
        return resolve_person(conn, who)
    except UnknownPerson as error:
        name, emails = who.strip(), []
        named = named_address(who)
        if named is not None:
            name, address = named
            if not name:
                raise UnknownPerson(
                    f'{error} Or give their name with it, as "Name <{address}>", to add them.'
                    if add_new
                    else str(error)
                ) from None
            emails = [address]
        elif name.startswith("#"):
            raise
        if not add_new:
            raise UnknownPerson(f"{error} {hint}") from None
    person = Person(name=name, emails=emails, organization_id=org_id)
    people_store.add_person(conn, person)
    at = f" at {org_store.get_organization(conn, org_id).name}" if org_id else ""
    also = f", with {emails[0]}" if emails else ""
    ctx.notice(f"Added {name} (#{person.id}){at} as a new person{also}.")
    return person.id


#: Kinds whose inbound summary is read for asks, as the importers read a message's text.
ASKING_KINDS = frozenset({InteractionKind.EMAIL, InteractionKind.MESSAGE, InteractionKind.CALL})


def _asks(
    ctx: Context, kind: InteractionKind, direction: Direction, summary: str, at: datetime
) -> list[Request]:
    """What an inbound message's summary asks of you, and by when, each said in a notice:
    "Could you send your portfolio before Monday?" is a request due Friday at 17:00."""
    if direction is not Direction.INBOUND or kind not in ASKING_KINDS or not summary.strip():
        return []
    from topofmind.capture.requests import find_requests

    here = zone(ctx.timezone)
    found = find_requests(summary, at.astimezone(here))
    for ask in found:
        by = f" (by {ask.due.astimezone(here):%a %d %b %H:%M})" if ask.due else ""
        ctx.notice(f'Read as a request: "{ask.text}"{by}; --request TEXT words it yourself.')
    return found


def _move_on_held(ctx: Context, conn: Connection, opp: Opportunity, item: Interaction) -> None:
    """Move the opportunity on as far as a phone screen or interview now past shows: the
    one just logged if it took place (a planned one may yet be cancelled), or one logged
    as planned that has taken place since the stage last changed, noticed at the next
    thing logged on the opportunity (the thank-you after a scheduled interview, say)."""
    last_change = max((h.at for h in opp.history), default=None)
    held = opp_store.held_conversations(
        conn, [k.value for k in STAGE_REACHED], ctx.now, opportunity_id=opp.id, since=last_change
    )
    if not item.scheduled and item.kind in STAGE_REACHED:
        held.append((opp.id, item.kind.value, item.at))
    for kind, at in furthest_reached(held).values():
        move_on(ctx, conn, opp, kind, at)


def move_on(
    ctx: Context,
    conn: Connection,
    opp: Opportunity,
    kind: InteractionKind,
    at: datetime,
    *,
    dry_run: bool = False,
) -> int | None:
    """Move the opportunity to the stage a phone screen or interview that took place at
    ``at`` shows it has reached, and say so; the stage change's id, or None if it was there.

    The change counts from when the conversation took place, but never from before the
    opportunity's last change, so its history keeps its order.
    """
    reached = stage_after(opp.stage, kind)
    if reached is None or opp.id is None:
        return None
    since = max([at, *(h.at for h in opp.history)])
    change = opp_store.set_stage(conn, opp.id, reached, since)
    day = at.astimezone(zone(ctx.timezone))
    verb = "Would move" if dry_run else "Moved"
    ctx.notice(
        f"{verb} {opp.title} at {opp.organization_name} from {opp.stage.value} to "
        f"{reached.value}, as the {kind.label} on {day:%a %d %b} shows; "
        "`tom opp stage` sets another."
    )
    return change


def _direction_word(text: str) -> str:
    return {"inbound": "in", "outbound": "out", "incoming": "in", "outgoing": "out"}.get(
        text.strip().lower(), text
    )


def _only_active_opportunity(ctx: Context, conn: Connection, participants: list[int]) -> int | None:
    """The opportunity the participants share, when there is exactly one active one."""
    found: set[int] = set()
    for person_id in participants:
        for opp in opp_store.list_opportunities(conn, person_id=person_id):
            if opp.stage.is_active:
                found.add(opp.id)
    if len(found) == 1:
        opp_id = found.pop()
        opp = opp_store.get_opportunity(conn, opp_id)
        ctx.notice(
            f"Filed under {opp.title} at {opp.organization_name} (#{opp_id}); "
            "use --opp to choose another."
        )
        return opp_id
    return None


# -- achievements, questions, events ----------------------------------------------------


def add_achievement(
    ctx: Context,
    title: str,
    kind: str,
    on: str | None = None,
    url: str = "",
    description: str = "",
) -> Achievement:
    if not title.strip():
        raise InvalidValue("An achievement needs a title.")
    item = Achievement(
        title=title.strip(),
        kind=parse_choice(AchievementKind, kind, "achievement kind"),
        achieved_on=parse_date(on, ctx.now, ctx.timezone) if on else _today(ctx),
        url=url,
        description=description,
    )
    with ctx.db.begin() as conn:
        achievement_store.add_achievement(conn, item, recorded_at=ctx.now)
    return item


def _today(ctx: Context) -> date:
    return ctx.now.astimezone(zone(ctx.timezone)).date()


def add_question(ctx: Context, opportunity: str, text: str, category: str = "role") -> Question:
    if not text.strip():
        raise InvalidValue("A question needs its text.")
    with ctx.db.begin() as conn:
        item = Question(
            opportunity_id=resolve_opportunity(conn, opportunity),
            text=text.strip(),
            category=parse_choice(QuestionCategory, category, "question category"),
        )
        question_store.add_question(conn, item)
    return item


def mark_question_asked(
    ctx: Context, question_id: int, answer: str | None = None, asked: bool = True
) -> Question:
    with ctx.db.begin() as conn:
        item = question_store.get_question(conn, question_id)
        item.asked = asked
        if answer is not None:
            item.answer = answer
        question_store.update_question(conn, item)
    return item


def add_event(
    ctx: Context,
    title: str,
    at: str,
    organization: str | None = None,
    until: str | None = None,
    url: str = "",
    registered: bool = False,
) -> Event:
    if not title.strip():
        raise InvalidValue("An event needs a title.")
    starts = _moment(ctx, at)
    ends = _moment(ctx, until) if until else None
    if ends and ends < starts:
        raise InvalidValue("The event ends (--until) before it starts (--at).")
    with ctx.db.begin() as conn:
        item = Event(
            title=title.strip(),
            starts_at=starts,
            ends_at=ends,
            organization_id=organization_id_for(ctx, conn, organization),
            url=url,
            registered=registered,
        )
        event_store.add_event(conn, item)
        return event_store.get_event(conn, item.id)


def mark_event(
    ctx: Context, event_id: int, registered: bool | None = None, attended: bool | None = None
) -> Event:
    with ctx.db.begin() as conn:
        item = event_store.get_event(conn, event_id)
        if registered is not None:
            item.registered = registered
        if attended is not None:
            item.attended = attended
            item.registered = item.registered or attended
        event_store.update_event(conn, item)
        return item
