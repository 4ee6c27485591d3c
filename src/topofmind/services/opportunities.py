"""Recording opportunities: adding, editing, the people on them, and their stages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from sqlalchemy import Connection

from topofmind.domain.enums import (
    STAGE_REACHED,
    InteractionKind,
    Role,
    Stage,
    furthest_reached,
    stage_after,
)
from topofmind.domain.records import (
    Interaction,
    Involvement,
    Opportunity,
)
from topofmind.errors import InvalidValue
from topofmind.services.context import Context
from topofmind.services.inputs import moment, parse_choice, rating
from topofmind.services.lookup import (
    resolve_opportunity,
    resolve_person,
    stored_id,
)
from topofmind.services.organizations import organization_id_named
from topofmind.services.people import person_or_new
from topofmind.services.when import zone
from topofmind.store import opportunities as opp_store
from topofmind.store import touches


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
        raise InvalidValue("An opportunity needs an organization.", field="organization")
    stage_value = parse_choice(Stage, stage, "stage")
    with ctx.db.begin() as conn:
        opp = Opportunity(
            title=title.strip(),
            organization_id=organization_id_named(ctx, conn, organization),
            stage=stage_value,
            posting_url=posting_url,
            posting_text=posting_text,
            priority=3 if priority is None else rating(priority, "Priority"),
            excitement=3 if excitement is None else rating(excitement, "Excitement"),
            people=[parse_involvement(conn, p) for p in people or []],
            notes=notes,
        )
        opp_id = opp_store.add_opportunity(conn, opp, moment(ctx, at))
        return opp_store.get_opportunity(conn, opp_id)


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
        opp_id = resolve_opportunity(conn, query)
        opp = opp_store.get_opportunity(conn, opp_id)
        if title:
            opp.title = title.strip()
        if posting_url is not None:
            opp.posting_url = posting_url
        if posting_text is not None:
            opp.posting_text = posting_text
        if priority is not None:
            opp.priority = rating(priority, "Priority")
        if excitement is not None:
            opp.excitement = rating(excitement, "Excitement")
        if notes is not None:
            opp.notes = notes
        if settings:
            from topofmind.settings import coerce

            opp.settings = {**opp.settings, **{k: coerce(k, v) for k, v in settings.items()}}
        opp_store.update_opportunity(conn, opp)

        def find(who: str) -> int:
            return person_or_new(ctx, conn, who, add_new_people, opp.organization_id, "add_people")

        for text in add_people or []:
            involvement = parse_involvement(conn, text, find)
            opp_store.involve(conn, opp_id, involvement.person_id, involvement.role)
        for text in remove_people or []:
            if "=" in text or ":" in text:
                involvement = parse_involvement(conn, text)
                opp_store.uninvolve(conn, opp_id, involvement.person_id, involvement.role)
            else:
                opp_store.uninvolve(conn, opp_id, resolve_person(conn, text))
        return opp_store.get_opportunity(conn, opp_id)


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
        opp_id = resolve_opportunity(conn, query)
        opp = opp_store.get_opportunity(conn, opp_id)
        if opp.stage is new:
            return opp, False
        touch = touches.open_touch(conn)
        opp_store.set_stage(conn, opp_id, new, moment(ctx, at))
        touches.close_touch(conn, touch, people=[], opportunities=[opp_id])
        return opp_store.get_opportunity(conn, opp_id), True


def move_on_held(ctx: Context, conn: Connection, opp: Opportunity, item: Interaction) -> None:
    """Move the opportunity on as far as a phone screen or interview now past shows: the
    one just logged if it took place (a planned one may yet be cancelled), or one logged
    as planned that has taken place since the stage last changed, noticed at the next
    thing logged on the opportunity (the thank-you after a scheduled interview, say)."""
    last_change = max((h.at for h in opp.history), default=None)
    held = opp_store.held_conversations(
        conn, [k.value for k in STAGE_REACHED], ctx.now, opportunity_id=opp.id, since=last_change
    )
    if not item.scheduled and item.kind in STAGE_REACHED:
        held.append((stored_id(opp), item.kind.value, item.at))
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
