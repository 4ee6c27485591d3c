"""Writing captured items into a batch: interactions, opportunities, achievements,
events, news and the profile, each added, updated or left unchanged."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict

from sqlalchemy.exc import InterfaceError, OperationalError, StatementError

from topofmind.capture.items import (
    CapturedAchievement,
    CapturedEvent,
    CapturedInteraction,
    CapturedNews,
    CapturedOpportunity,
    CapturedProfile,
    PersonRef,
    Problem,
    Skipped,
)
from topofmind.domain.enums import (
    STAGE_REACHED,
    Direction,
    Role,
    furthest_reached,
    stage_after,
)
from topofmind.domain.records import (
    Achievement,
    Event,
    Interaction,
    NewsItem,
    Opportunity,
)
from topofmind.errors import TomError
from topofmind.services.imports.matching import Matcher
from topofmind.services.imports.sent_by_hand import SENT_BY_HAND, matching_sent_by_hand
from topofmind.services.imports.summary import (
    ITEM_COUNTS,
    Outcome,
    failure_reason,
)
from topofmind.services.opportunities import move_on
from topofmind.store import achievements as achievement_store
from topofmind.store import batches as batch_store
from topofmind.store import events as event_store
from topofmind.store import import_rows
from topofmind.store import interactions as interaction_store
from topofmind.store import news as news_store
from topofmind.store import opportunities as opp_store
from topofmind.store import people as people_store
from topofmind.store import profiles as profile_store

#: People one item records at most, known or new.
MAX_PEOPLE_PER_ITEM = 200
#: Why people named on an item were not added.
TOO_MANY_PEOPLE = "more new people than one item may add (import_new_people_per_item)"


class BatchWriter(Matcher):
    """Writes captured items into one batch; every method records what it changes."""

    def read_record(self) -> None:
        """Besides whom it knows, what topofmind sent, or recorded as sent by hand, that
        the mail may bring back."""
        super().read_record()
        self._opportunity_of: dict[tuple[int, ...], int | None] = {}
        self._sent_from_here = interaction_store.sent_from_here(self.conn)
        self._by_hand = interaction_store.sent_by_hand(self.conn)

    def finish(self) -> None:
        """Bring the summary's tallies up to date (called when the batch ends)."""
        self.move_stages_on()
        self.stored_summary()

    def move_stages_on(self) -> None:
        """Opportunities a phone screen or interview now past shows to be further on move
        to that stage: one this batch added, or one that was still planned when recorded
        (an invite imported last week, held since). Undoing the batch moves them back."""
        held = opp_store.held_conversations(
            self.conn, [k.value for k in STAGE_REACHED], self.ctx.now, self.id
        )
        if not held:
            return
        self.touching()
        opps = {o.id: o for o in opp_store.list_opportunities(self.conn, ids=[h[0] for h in held])}
        furthest = furthest_reached(held)
        for opp_id, (kind, at) in furthest.items():
            opp = opps.get(opp_id)
            if opp is None or stage_after(opp.stage, kind) is None:
                continue
            self._updating("opportunities", opp_id)  # the snapshot undo restores
            change = move_on(self.ctx, self.conn, opp, kind, at, dry_run=self.summary.dry_run)
            if change is not None:
                batch_store.record_add(self.conn, self.id, "stage_changes", change)

    @contextmanager
    def isolated(self, where: str) -> Iterator[None]:
        """Write one item on its own: when writing it fails, what it wrote is rolled back,
        it is listed as failed with the reason, and the batch goes on with the next."""
        from topofmind.capture.values import OutOfRange

        counts = {k: getattr(self.summary, k) for k in ITEM_COUNTS}
        by_kind = dict(self.summary.added_by_kind)
        reasons = Counter(self._reasons)
        skipped = len(self.summary.skipped)
        changed, self._changed = self._changed, set()
        if self.conn.dialect.name == "sqlite":
            driver = self.conn.connection.dbapi_connection
            if driver is not None and not driver.in_transaction:
                # IMMEDIATE: the item reads, then writes; another writer's commit between
                # the two would make its write fail at once instead of waiting its turn.
                self.conn.exec_driver_sql("BEGIN IMMEDIATE")  # else the savepoint's release commits
        self.touching()  # outside the item's savepoint: a failed item leaves it
        savepoint = self.conn.begin_nested()
        try:
            yield
            savepoint.commit()
        except (
            TomError,
            OutOfRange,
            ArithmeticError,
            ValueError,
            TypeError,
            LookupError,
            AttributeError,
            RecursionError,
            StatementError,
        ) as exc:
            if isinstance(exc, OperationalError | InterfaceError):
                raise  # the database went away: no item can be written
            savepoint.rollback()
            vars(self.summary).update(counts, added_by_kind=by_kind)
            del self.summary.skipped[skipped:]
            self._reasons = reasons
            self._changed = changed
            self.read_known_again()
            self.problem(Problem(where, failure_reason(exc)))
        else:
            changed.update(self._changed)
            self._changed = changed

    def limit_people(self, item: CapturedInteraction, where: str) -> None:
        """Keep on an item the people it may record: those only copied (Cc, Bcc) when
        already known, and on a message to you only when no one else is on it (so no
        reply is proposed to someone merely copied); at most
        ``import_new_people_per_item`` new ones, the others counted in one skipped line."""
        cap = int(self.ctx.settings.import_new_people_per_item)
        kept: list[PersonRef] = []
        new, left = 0, 0
        inbound = item.direction is Direction.INBOUND and any(not r.copied for r in item.people)
        for ref in item.people:
            known = any(people_store.normalize_email(e) in self.emails for e in ref.emails)
            if ref.copied and (inbound or not known):
                continue
            if not known:
                if new >= cap:
                    left += 1
                    continue
                new += 1
            elif len(kept) >= MAX_PEOPLE_PER_ITEM:
                left += 1  # a calendar repeating a meeting of thousands would write millions
                continue
            kept.append(ref)
        item.people = kept
        if left:
            self.skip(Skipped(f"{where} ({left} people)", TOO_MANY_PEOPLE))

    # -- records ------------------------------------------------------------------------

    def interaction(self, item: CapturedInteraction, create_people: bool = True) -> Outcome:
        """Add, update (a newer SEQUENCE), cancel, or leave unchanged one interaction."""
        source = item.source or self.summary.source
        external_id = item.external_id or item.message_id or ""
        existing = (
            interaction_store.find_by_external_id(self.conn, source, external_id)
            if external_id
            else None
        )
        if existing is None and item.message_id:  # sent from topofmind, now read back
            existing = self._sent_from_here.get(item.message_id)
        if existing is None and (sent := self._sent_by_hand(item)) is not None:
            self._replace(sent, item, source, external_id, create_people)
            self._by_hand = [s for s in self._by_hand if s.id != sent]
            return Outcome.UPDATED
        if existing is None and (logged := self._logged_by_hand(item)) is not None:
            kind = interaction_store.get_interaction(self.conn, logged).kind
            self._replace(logged, item, source, external_id, create_people)
            import_rows.fill_interaction(self.conn, logged, {"kind": kind.value})  # as logged
            return Outcome.UPDATED
        if existing is not None:
            row = import_rows.interaction_row(self.conn, existing)
            if item.cancelled and not row["cancelled"]:
                self._updating("interactions", existing)
                import_rows.fill_interaction(self.conn, existing, {"cancelled": True})
                return Outcome.CANCELLED
            if item.sequence > row["sequence"] and not item.cancelled:
                self._replace(existing, item, source, external_id, create_people)
                import_rows.fill_interaction(
                    self.conn, existing, {"sequence": item.sequence, "cancelled": False}
                )
                return Outcome.UPDATED
            self.summary.unchanged += 1
            return Outcome.UNCHANGED
        record = self._to_interaction(item, source, external_id, create_people)
        row_id = interaction_store.add_interaction(self.conn, record, batch_id=self.id)
        if item.sequence or item.cancelled:
            import_rows.fill_interaction(
                self.conn, row_id, {"sequence": item.sequence, "cancelled": item.cancelled}
            )
        self._added("interactions", row_id)
        return Outcome.CANCELLED if item.cancelled else Outcome.ADDED

    def _logged_by_hand(self, item: CapturedInteraction) -> int | None:
        """The conversation logged by hand (scheduled or held) that this one, read from a
        calendar, is: the same people at an overlapping time; never a second record."""
        if not item.kind.is_conversation or item.cancelled:
            return None
        from topofmind.services.held import matching_logged

        known = [i for ref in item.people if (i := self.match_person(ref)) is not None]
        return matching_logged(self.conn, known, item.at, item.ends_at)

    def _sent_by_hand(self, item: CapturedInteraction) -> int | None:
        """The message recorded with "I sent it" that this one, read from the Sent folder
        or the LinkedIn export, is."""
        if item.kind not in SENT_BY_HAND or item.direction is not Direction.OUTBOUND:
            return None
        if not self._by_hand:
            return None
        known = {i for ref in item.people if (i := self.match_person(ref)) is not None}
        return matching_sent_by_hand(self._by_hand, item, known)

    def _replace(
        self,
        existing: int,
        item: CapturedInteraction,
        source: str,
        external_id: str,
        create_people: bool,
    ) -> None:
        """Rewrite an interaction from what was read, keeping what the person wrote down."""
        self._updating("interactions", existing)
        record = self._to_interaction(item, source, external_id, create_people)
        before = interaction_store.get_interaction(self.conn, existing)
        record.id = existing
        record.opportunity_id = before.opportunity_id or record.opportunity_id
        record.points, record.wishes = before.points, before.wishes
        record.requests = record.requests or before.requests
        record.summary = record.summary or before.summary
        interaction_store.update_interaction(self.conn, record)

    def _to_interaction(
        self, item: CapturedInteraction, source: str, external_id: str, create_people: bool
    ) -> Interaction:
        ids = [self.person(ref, create=create_people) for ref in item.people]
        participants = [i for i in dict.fromkeys(ids) if i is not None]
        return Interaction(
            at=item.at,
            kind=item.kind,
            direction=item.direction,
            participants=participants,
            opportunity_id=self._only_active_opportunity(participants),
            subject=item.subject,
            summary=item.summary,
            requests=list(item.requests),
            scheduled=item.scheduled,
            ends_at=item.ends_at,
            location=item.location,
            source=source,
            external_id=external_id or None,
            message_id=item.message_id,
            in_reply_to=item.in_reply_to,
            references=list(item.references),
        )

    def _only_active_opportunity(self, person_ids: list[int]) -> int | None:
        """The opportunity these people are on, when there is exactly one active one."""
        if not person_ids:
            return None
        key = tuple(sorted(person_ids))
        if key not in self._opportunity_of:
            self._opportunity_of[key] = import_rows.only_active_opportunity(self.conn, person_ids)
        return self._opportunity_of[key]

    def _imported_before(self, kind: str, source: str, external_id: str) -> bool:
        """Whether the record was read from ``source`` before; counted unchanged if so."""
        if import_rows.find_imported(self.conn, kind, source, external_id) is None:
            return False
        self.summary.unchanged += 1
        return True

    def opportunity(self, item: CapturedOpportunity) -> Outcome:
        source = item.source or self.summary.source
        if self._imported_before("opportunities", source, item.external_id):
            return Outcome.UNCHANGED
        org_id = self.organization(name=item.organization or "Unknown organization")
        opp = Opportunity(
            title=item.title,
            organization_id=org_id,  # type: ignore[arg-type]
            stage=item.stage,
            posting_url=item.posting_url,
            posting_text=item.posting_text,
            requirements=list(item.requirements),
        )
        opp_id = opp_store.add_opportunity(
            self.conn,
            opp,
            item.at or self.ctx.now,
            batch_id=self.id,
            source=source,
            external_id=item.external_id or None,
        )
        self._added("opportunities", opp_id)
        self._opportunity_of.clear()
        for ref in item.contacts:
            person_id = self.person(ref)
            if person_id is not None:
                opp_store.involve(self.conn, opp_id, person_id, Role.RECRUITER)
        return Outcome.ADDED

    def achievement(self, item: CapturedAchievement) -> Outcome:
        source = item.source or self.summary.source
        if self._imported_before("achievements", source, item.external_id):
            return Outcome.UNCHANGED
        record = Achievement(
            title=item.title,
            kind=item.kind,
            achieved_on=item.achieved_on,
            url=item.url,
            description=item.description,
            source=source,
            external_id=item.external_id or None,
        )
        added = achievement_store.add_achievement(self.conn, record, self.id, self.ctx.now)
        self._added("achievements", added)
        return Outcome.ADDED

    def event(self, item: CapturedEvent) -> Outcome:
        source = item.source or self.summary.source
        if self._imported_before("events", source, item.external_id):
            return Outcome.UNCHANGED
        record = Event(
            title=item.title,
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            organization_id=self.organization(name=item.organization),
            url=item.url,
            registered=item.registered,
            attended=item.attended,
            source=source,
            external_id=item.external_id or None,
        )
        self._added("events", event_store.add_event(self.conn, record, self.id))
        return Outcome.ADDED

    def news(self, org_id: int, item: CapturedNews) -> Outcome:
        external_id = item.external_id or item.url or item.title
        if news_store.find_news(self.conn, org_id, external_id) is not None:
            self.summary.unchanged += 1
            return Outcome.UNCHANGED
        record = NewsItem(
            organization_id=org_id,
            title=item.title,
            url=item.url,
            published=item.published,
            summary=item.summary,
            external_id=external_id,
        )
        self._added("news_items", news_store.add_news(self.conn, record, self.id))
        return Outcome.ADDED

    def profile(self, item: CapturedProfile) -> Outcome:
        """Fill the profile from a résumé or LinkedIn: only what is given, skills merged."""
        profile = profile_store.get_profile(self.conn)
        if profile is None:
            raise TomError("No profile yet. Run `tom init` before importing a profile.")
        before = asdict(profile)
        if item.name and not profile.name:
            profile.name = item.name
        profile.emails = list(dict.fromkeys([*profile.emails, *(e.lower() for e in item.emails)]))
        for attr in ("headline", "summary", "linkedin_url"):
            value = getattr(item, attr)
            if value:
                setattr(profile, attr, value)
        profile.skills = list(dict.fromkeys([*profile.skills, *item.skills]))
        if item.resume is not None:
            profile.resume = item.resume
        if asdict(profile) == before:
            self.summary.unchanged += 1
            return Outcome.UNCHANGED
        self._updating("profiles", profile.id)  # type: ignore[arg-type]
        profile_store.save_profile(self.conn, profile)
        self.own_addresses = {e.lower() for e in profile.emails}
        return Outcome.UPDATED
