"""Offers: record one with its deadline and terms, accept it, or decline it.

One use case per function, each one transaction, shared by `tom offer` and the web
app. Accepting ends every other open opportunity's proposals (the playbook proposes a
withdrawal to each person met there); declining proposes a gracious note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time

from topofmind.domain.enums import Stage
from topofmind.domain.records import Opportunity
from topofmind.errors import InvalidValue
from topofmind.services.context import Context
from topofmind.services.inputs import moment
from topofmind.services.lookup import resolve_opportunity
from topofmind.store import opportunities as opp_store


@dataclass
class OfferOutcome:
    """The opportunity after an offer was recorded, accepted or declined, and the other
    opportunities that change with it (still open when an offer is accepted)."""

    opportunity: Opportunity
    moved: bool
    others: list[Opportunity] = field(default_factory=list)


def deadline_from(ctx: Context, text: str | None):
    """A deadline as typed ("friday", "2026-12-04 17:00"): ahead, at the end of the
    working day unless a time is given."""
    if not text:
        return None
    return moment(ctx, text, default_time=ctx.profile().work_end or time(17, 0), leaning="future")


def require_offer_stage(stage: str) -> None:
    """A deadline and terms belong to an offer only."""
    if stage.strip().lower() != Stage.OFFER.value:
        raise InvalidValue("A deadline and terms go with the offer stage only.")


def record_offer(
    ctx: Context,
    query: str,
    deadline: str | None = None,
    terms: str | None = None,
    at: str | None = None,
) -> OfferOutcome:
    """Move the opportunity to the offer stage (if it is not there) and record by when
    they want the decision and, if given, what they offered."""
    due = deadline_from(ctx, deadline)
    with ctx.db.begin() as conn:
        opp_id = resolve_opportunity(conn, query)
        opp = opp_store.get_opportunity(conn, opp_id)
        if opp.stage.is_closed:
            raise InvalidValue(
                f"{opp.title} at {opp.organization_name} is {opp.stage.value}; "
                "move it back with `tom opp stage` before recording an offer."
            )
        moved = opp.stage is not Stage.OFFER
        if moved:
            opp_store.set_stage(conn, opp_id, Stage.OFFER, moment(ctx, at))
        opp = opp_store.get_opportunity(conn, opp_id)
        if due is not None:
            opp.offer_deadline = due
        if terms is not None:
            opp.offer_terms = terms.strip()
        opp_store.update_opportunity(conn, opp)
        return OfferOutcome(opp_store.get_opportunity(conn, opp_id), moved)


def accept_offer(ctx: Context, query: str, at: str | None = None) -> OfferOutcome:
    """Accept the offer: the opportunity is accepted, and every other one still open is
    named, as the playbook now proposes withdrawing from each."""
    with ctx.db.begin() as conn:
        opp_id = resolve_opportunity(conn, query)
        opp = opp_store.get_opportunity(conn, opp_id)
        if opp.stage is Stage.ACCEPTED:
            return OfferOutcome(opp, False)
        if opp.stage.is_closed:
            raise InvalidValue(
                f"{opp.title} at {opp.organization_name} is {opp.stage.value}; "
                "only an open opportunity's offer can be accepted."
            )
        opp_store.set_stage(conn, opp_id, Stage.ACCEPTED, moment(ctx, at))
        others = [
            o for o in opp_store.list_opportunities(conn) if o.id != opp_id and o.stage.is_active
        ]
        return OfferOutcome(opp_store.get_opportunity(conn, opp_id), True, others)


def decline_offer(ctx: Context, query: str, at: str | None = None) -> OfferOutcome:
    """Decline the offer: the opportunity is withdrawn from its offer stage, and the
    playbook proposes a gracious note."""
    with ctx.db.begin() as conn:
        opp_id = resolve_opportunity(conn, query)
        opp = opp_store.get_opportunity(conn, opp_id)
        if opp.stage is not Stage.OFFER:
            raise InvalidValue(
                f"{opp.title} at {opp.organization_name} is at {opp.stage.value}, not at an "
                "offer: `tom offer record` records one, `tom opp stage` withdraws."
            )
        opp_store.set_stage(conn, opp_id, Stage.WITHDRAWN, moment(ctx, at))
        return OfferOutcome(opp_store.get_opportunity(conn, opp_id), True)


def open_offers(ctx: Context) -> list[Opportunity]:
    """Opportunities at the offer stage, the nearest deadline first."""
    with ctx.db.connect() as conn:
        found = opp_store.list_opportunities(conn, stages=[Stage.OFFER])
    far = ctx.now.replace(year=9999)
    return sorted(found, key=lambda o: (o.offer_deadline or far, o.id))
