"""Importing files as undoable batches: matching people, writing records, undoing.

Importers in ``capture/`` turn a file into items; this module writes them. Each
import is one batch (``import_batches``), committed in steps of a few hundred items or
a second (``STEP_ITEMS``, ``STEP_SECONDS``), and for a sync before every wait on a
server, so that the web app and other programs write in turn and nothing is held while
a server answers: every row it adds and every row it changes is recorded with the
step, so ``tom import undo`` removes exactly what was added and restores what was
changed, however many steps it took. People are matched by email address,
LinkedIn URL or phone, never by name alone; organizations by email domain (never
a free-mail domain) or by exact name.

Kinds of import are entries in ``IMPORTERS`` (kind -> ``callable(batch, path, ctx)``);
mail is registered here, the other kinds in ``services/import_kinds.py``.
"""

from __future__ import annotations

import copy
import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.exc import InterfaceError, OperationalError, StatementError

from topofmind.capture.freemail import domain_of, is_free_mail, organization_name
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
from topofmind.capture.values import fit_item, printable, short
from topofmind.domain.enums import (
    STAGE_REACHED,
    Direction,
    InteractionKind,
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
    Organization,
    Person,
)
from topofmind.errors import BadFile, InvalidValue, TomError, UnknownRecord
from topofmind.services.context import Context
from topofmind.services.record import move_on
from topofmind.store import achievements as achievement_store
from topofmind.store import batches as batch_store
from topofmind.store import events as event_store
from topofmind.store import interactions as interaction_store
from topofmind.store import locks
from topofmind.store import news as news_store
from topofmind.store import opportunities as opp_store
from topofmind.store import organizations as org_store
from topofmind.store import people as people_store
from topofmind.store import profiles as profile_store
from topofmind.store.interactions import same_subject
from topofmind.store.rows import OWNER, insert_row, update_row
from topofmind.store.schema import (
    achievements,
    events,
    interactions,
    opportunities,
    opportunity_people,
    organization_domains,
    people,
    person_emails,
    person_phones,
)

#: The summary's tallies an item that failed to be written is taken out of again.
_COUNTS = ("added", "updated", "unchanged", "matched", "skipped_total")


def _failure(exc: BaseException) -> str:
    """Why writing an item failed, in a short printable line (never an SQL statement)."""
    if isinstance(exc, StatementError):
        cause = exc.orig if exc.orig is not None else exc
        text = str(cause).splitlines()[0] if str(cause).strip() else type(cause).__name__
        return short(f"the database refused it: {text}")
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return short(
        text if isinstance(exc, TomError | ValueError) else f"{type(exc).__name__}: {text}"
    )


#: Skipped items listed one by one in a summary; beyond this they are only counted.
LISTED_SKIPS = 100
#: Failed items listed one by one in a summary.
LISTED_FAILURES = 1000

Progress = Callable[[int], None]

#: A batch commits what it wrote after this many items or seconds, whichever comes first:
#: another writer (a form in the web app, `tom log`) waits at most about that long.
STEP_ITEMS = 300
STEP_SECONDS = 1.0
#: How long a step that wrote to a SQLite file waits before the next one begins: SQLite
#: lets a waiting writer look again every 100 ms at most, so it finds the file free.
TURN_SECONDS = 0.1


class AlreadyUndone(TomError):
    """Shown to the user: the batch was undone before."""


class UndoneWhileRunning(TomError):
    """Shown to the user: a sync's batch was undone (from the web app) while it ran."""


@dataclass
class BatchSummary:
    """What an import did, shown after it and by `tom import show`."""

    id: int | None
    source: str
    target: str
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    matched: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)
    skipped_total: int = 0
    skipped_by_reason: dict[str, int] = field(default_factory=dict)
    failed: list[dict[str, str]] = field(default_factory=list)
    failed_total: int = 0
    dry_run: bool = False
    started_at: datetime | None = None
    finished_at: datetime | None = None
    undone_at: datetime | None = None
    #: What was added, by kind: {"people": 3, "interactions": 12}.
    added_by_kind: dict[str, int] = field(default_factory=dict)
    #: A sync still running, in this program or another (never stored: the sync's lock
    #: says so when the batch is listed).
    running: bool = False

    @property
    def unfinished(self) -> bool:
        """A sync still running (it is listed from its first committed step), or one
        stopped before it could finish."""
        return self.id is not None and self.finished_at is None and not self.dry_run

    @property
    def stopped(self) -> bool:
        """A sync stopped before it could finish (its program was closed or killed): what
        it committed is kept, and it can be undone like any import."""
        return self.unfinished and not self.running and self.undone_at is None

    @property
    def status(self) -> str:
        """One word for lists beside the kind: undone, syncing (importing for a file),
        stopped, or nothing."""
        if self.undone_at is not None:
            return "undone"
        if self.running:
            return "syncing" if self.source in SOURCE_NAMES else "importing"
        return "stopped" if self.stopped else ""

    def stored(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("id", "started_at", "finished_at", "undone_at", "source", "target", "running"):
            out.pop(key)
        return out

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> BatchSummary:
        known = {f for f in cls.__dataclass_fields__}
        saved = {k: v for k, v in (row["summary"] or {}).items() if k in known}
        return cls(
            **saved,
            id=row["id"],
            source=row["source"],
            target=row["target"],
            started_at=row["started_at"],
            finished_at=row["finished_at"],
            undone_at=row["undone_at"],
        )

    def line(self) -> str:
        """One line for people: 'Read 120, added 14, updated 2, matched 9, skipped 96, failed 1.'"""
        parts = [
            f"read {self.read}",
            f"added {self.added}",
            f"updated {self.updated}",
            f"matched {self.matched}",
            f"skipped {self.skipped_total}",
            f"failed {self.failed_total}",
        ]
        text = ", ".join(parts)
        return text[0].upper() + text[1:] + "."


class BatchWriter:
    """Writes captured items into one batch; every method records what it changes."""

    def __init__(
        self,
        ctx: Context,
        conn: Connection,
        summary: BatchSummary,
        progress: Progress | None = None,
        checkpoint: Callable[[], None] | None = None,
    ) -> None:
        self.ctx = ctx
        self.conn = conn
        self.summary = summary
        #: Commits what is written so far (a no-op on a dry run): a reader calls it
        #: before it waits on the network, so the database is never held meanwhile.
        self.checkpoint = checkpoint or (lambda: None)
        self.id: int = summary.id  # type: ignore[assignment]
        self.progress = progress
        #: Items read, the moment the current step began and what was written before it.
        self._step_items = 0
        self._step_began = time.monotonic()
        self._step_wrote = self._written()
        profile = ctx.profile(required=False)
        self.own_addresses = {e.lower() for e in (profile.emails if profile else [])}
        self.emails, self._emails_read = people_store.email_index(conn)
        self.domains, self._domains_read = org_store.domain_index(conn)
        self._org_names = {n.lower(): i for i, n in org_store.name_candidates(conn)}
        self._reasons: Counter[str] = Counter()
        self._matched: set[int] = set()
        self._created: set[int] = set()
        #: People and organizations this batch changed since its last committed step.
        self._changed: set[tuple[str, int]] = set()
        self._opportunity_of: dict[tuple[int, ...], int | None] = {}
        # What topofmind sent, or recorded as sent by hand, that the mail may bring back.
        self._sent_from_here = interaction_store.sent_from_here(conn)
        self._by_hand = interaction_store.sent_by_hand(conn)

    # -- bookkeeping -----------------------------------------------------------------

    def tallies(self) -> tuple[BatchSummary, Counter[str]]:
        """A copy of what the summary counts so far (taken when a step is committed)."""
        return copy.deepcopy(self.summary), Counter(self._reasons)

    def restore_tallies(self, kept: tuple[BatchSummary, Counter[str]]) -> None:
        """Count again only what ``tallies`` had: a step rolled back is not in the batch."""
        summary, reasons = kept
        vars(self.summary).update(vars(summary))
        self._reasons = reasons

    def step(self) -> None:
        """Between two items: commit the step when it is ``STEP_ITEMS`` long or has run
        ``STEP_SECONDS``, so that other writers take their turn."""
        self._step_items += 1
        now = time.monotonic()
        if self._step_items >= STEP_ITEMS or now - self._step_began >= STEP_SECONDS:
            self.checkpoint()

    def stepped(self) -> None:
        """A step was committed: the next one begins."""
        self._step_items = 0
        self._step_began = time.monotonic()
        self._step_wrote = self._written()

    def _written(self) -> int:
        summary = self.summary
        return summary.added + summary.updated + summary.failed_total

    def wrote_in_step(self) -> bool:
        """Whether this step recorded anything (rather than only reading and skipping)."""
        return self._written() != self._step_wrote

    def read(self, n: int = 1) -> None:
        self.step()  # the item before is whole: a step may end here
        self.summary.read += n
        if self.progress is not None:
            self.progress(n)

    def skip(self, item: Skipped) -> None:
        why = printable(item.why)
        self.summary.skipped_total += 1
        self._reasons[why] += 1
        if len(self.summary.skipped) < LISTED_SKIPS:
            self.summary.skipped.append({"where": short(item.where, 300), "why": why})

    def finish(self) -> None:
        """Bring the summary's tallies up to date (called when the batch ends)."""
        self.move_stages_on()
        self.stored_summary()

    def stored_summary(self) -> dict[str, Any]:
        """The summary as it is stored, its skips counted by reason up to now."""
        self.summary.skipped_by_reason = dict(self._reasons.most_common())
        return self.summary.stored()

    def move_stages_on(self) -> None:
        """Opportunities a phone screen or interview now past shows to be further on move
        to that stage: one this batch added, or one that was still planned when recorded
        (an invite imported last week, held since). Undoing the batch moves them back."""
        held = opp_store.held_conversations(
            self.conn, [k.value for k in STAGE_REACHED], self.ctx.now, self.id
        )
        if not held:
            return
        opps = {o.id: o for o in opp_store.list_opportunities(self.conn, ids=[h[0] for h in held])}
        furthest = furthest_reached(held)
        for opp_id, (kind, at) in furthest.items():
            opp = opps.get(opp_id)
            if opp is None or stage_after(opp.stage, kind) is None:
                continue
            self._updating("opportunities", opp_id)  # the snapshot undo restores
            change = move_on(self.ctx, self.conn, opp, kind, at, dry_run=self.summary.dry_run)
            batch_store.record_add(self.conn, self.id, "stage_changes", change)

    def problem(self, item: Problem) -> None:
        self.summary.failed_total += 1
        if len(self.summary.failed) < LISTED_FAILURES:
            why = " ".join(printable(item.why).split())
            self.summary.failed.append({"where": short(item.where, 300), "why": why})

    @contextmanager
    def isolated(self, where: str) -> Iterator[None]:
        """Write one item on its own: when writing it fails, what it wrote is rolled back,
        it is listed as failed with the reason, and the batch goes on with the next."""
        from topofmind.capture.values import OutOfRange

        counts = {k: getattr(self.summary, k) for k in _COUNTS}
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
            alive = set(
                self.conn.execute(
                    select(people.c.id).where(people.c.id.in_(self._created | self._matched))
                ).scalars()
            )
            self._created &= alive
            self._matched &= alive
            self.emails, self._emails_read = people_store.email_index(self.conn)
            self.domains, self._domains_read = org_store.domain_index(self.conn)
            self._org_names = {n.lower(): i for i, n in org_store.name_candidates(self.conn)}
            self.problem(Problem(where, _failure(exc)))
        else:
            changed.update(self._changed)
            self._changed = changed

    def limit_people(self, item: CapturedInteraction, where: str) -> None:
        """Keep on an item the people it may record: those only copied (Cc, Bcc) when
        already known, and on a message to you only when no one else is on it (so no
        reply is proposed to someone merely copied); at most
        ``import_new_people_per_item`` new ones, the others counted in one skipped line."""
        cap = int(self.ctx.settings.import_new_people_per_item)
        kept, new, left = [], 0, 0
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

    def _added(self, table: str, row_id: int) -> None:
        batch_store.record_add(self.conn, self.id, table, row_id)
        self.summary.added += 1
        self.summary.added_by_kind[table] = self.summary.added_by_kind.get(table, 0) + 1

    def _updating(self, table: str, row_id: int) -> None:
        batch_store.record_update(self.conn, self.id, table, row_id)
        self._changed.add((table, row_id))
        self.summary.updated += 1

    def learn_known(self) -> None:
        """Add the addresses, domains and organizations recorded since they were read (a
        person added in the web app while a long sync runs): its next steps match them."""
        emails, self._emails_read = people_store.email_index(self.conn, self._emails_read)
        domains, self._domains_read = org_store.domain_index(self.conn, self._domains_read)
        self.emails.update(emails)
        self.domains.update(domains)
        self._org_names.update({n.lower(): i for i, n in org_store.name_candidates(self.conn)})

    def known_marks(self) -> tuple[int, int]:
        """How far the known addresses and domains have been read (their last row ids):
        a sync remembers it per folder, to look again for those added later."""
        return self._emails_read, self._domains_read

    def changed_since(self) -> set[tuple[str, int]]:
        """The people and organizations this batch changed (a row, an address, a domain)
        since the last time it was asked: those it added are snapshotted again."""
        changed, self._changed = self._changed, set()
        return changed

    # -- organizations and people ------------------------------------------------------

    def involves_known(self, addresses: list[str]) -> bool:
        """True when an address other than one's own is a known person's or organization's."""
        return any(
            a not in self.own_addresses and (a in self.emails or domain_of(a) in self.domains)
            for a in addresses
        )

    def is_known_address(self, address: str) -> bool:
        return address.strip().lower() in self.emails

    def is_known_domain(self, domain: str) -> bool:
        return domain.lower() in self.domains

    def organization(self, name: str | None = None, domain: str | None = None) -> int | None:
        """The organization with this domain or exact name, created when neither matches."""
        domain = (domain or "").strip().lower().lstrip("@")
        if domain and is_free_mail(domain):
            domain = ""
        name = (name or "").strip()
        if not name and not domain:
            return None
        if domain and domain in self.domains:
            return self.domains[domain]
        org_id = self._org_names.get(name.lower()) if name else None
        if org_id is None:
            org = Organization(name=name or organization_name(domain))
            org_id = org_store.add_organization(self.conn, org, batch_id=self.id)
            self._org_names[org.name.lower()] = org_id
            self._added("organizations", org_id)
        if domain:
            row = insert_row(
                self.conn, organization_domains, {"organization_id": org_id, "domain": domain}
            )
            self.domains[domain] = org_id
            batch_store.record_add(self.conn, self.id, "organization_domains", row)
            self._changed.add(("organizations", org_id))
        return org_id

    def match_person(self, ref: PersonRef) -> int | None:
        for address in ref.emails:
            found = self.emails.get(people_store.normalize_email(address))
            if found is not None:
                return found
        if ref.linkedin_url:
            found = people_store.person_for_linkedin(self.conn, _clean_url(ref.linkedin_url))
            if found is not None:
                return found
        for phone in ref.phones:
            if people_store.normalize_phone(phone):
                found = people_store.person_for_phone(self.conn, phone)
                if found is not None:
                    return found
        return None

    def person(self, ref: PersonRef, create: bool = True) -> int | None:
        """The person this reference describes: matched, completed, or created."""
        ref.emails = [people_store.normalize_email(e) for e in ref.emails if "@" in e and e.strip()]
        ref.emails = [e for e in dict.fromkeys(ref.emails) if e not in self.own_addresses]
        person_id = self.match_person(ref)
        if (
            person_id is not None
            and _only_addresses(ref)
            and all(self.emails.get(a) == person_id for a in ref.emails)
        ):
            if person_id not in self._created and person_id not in self._matched:
                self._matched.add(person_id)
                self.summary.matched += 1
            return person_id
        if person_id is not None:
            if person_id not in self._created and person_id not in self._matched:
                self._matched.add(person_id)
                self.summary.matched += 1
            self._complete(person_id, ref)
            return person_id
        if not create or not (ref.emails or ref.linkedin_url or ref.phones or ref.uid):
            return None
        org_id = None
        if ref.organization:
            org_id = self.organization(name=ref.organization)
        else:
            for address in ref.emails:
                if not is_free_mail(domain_of(address)):
                    org_id = self.organization(domain=domain_of(address))
                    break
        person = Person(
            name=_display_name(ref),
            title=ref.title,
            organization_id=org_id,
            linkedin_url=_clean_url(ref.linkedin_url),
            notes=ref.notes,
            connected=ref.connected_on is not None,
            connected_on=ref.connected_on,
        )
        person_id = people_store.add_person(self.conn, person, batch_id=self.id)
        if ref.uid:
            update_row(self.conn, people, person_id, {"vcard_uid": ref.uid})
        self._added("people", person_id)
        self._created.add(person_id)
        for address in ref.emails:
            self._add_email(person_id, address)
        for phone in ref.phones:
            self._add_phone(person_id, phone)
        return person_id

    def _add_email(self, person_id: int, address: str) -> None:
        if address in self.emails:
            return
        row = insert_row(self.conn, person_emails, {"person_id": person_id, "email": address})
        self.emails[address] = person_id
        batch_store.record_add(self.conn, self.id, "person_emails", row)
        self._changed.add(("people", person_id))

    def _add_phone(self, person_id: int, phone: str) -> None:
        number = people_store.normalize_phone(phone)
        if not number or people_store.person_for_phone(self.conn, number) is not None:
            return
        row = insert_row(self.conn, person_phones, {"person_id": person_id, "phone": number})
        batch_store.record_add(self.conn, self.id, "person_phones", row)
        self._changed.add(("people", person_id))

    def _complete(self, person_id: int, ref: PersonRef) -> None:
        """Add what the source knows and the record lacks: new addresses, phones, URL, title."""
        for address in ref.emails:
            self._add_email(person_id, address)
        for phone in ref.phones:
            self._add_phone(person_id, phone)
        row = self.conn.execute(select(people).where(people.c.id == person_id)).mappings().one()
        changes: dict[str, Any] = {}
        url = _clean_url(ref.linkedin_url)
        if (
            url
            and not row["linkedin_url"]
            and people_store.person_for_linkedin(self.conn, url) is None
        ):
            changes["linkedin_url"] = url
        if ref.title and not row["title"]:
            changes["title"] = ref.title
        if ref.connected_on and not row["connected"]:
            changes.update(connected=True, connected_on=ref.connected_on)
        if ref.uid and not row["vcard_uid"]:
            changes["vcard_uid"] = ref.uid
        if ref.organization and row["organization_id"] is None:
            changes["organization_id"] = self.organization(name=ref.organization)
        if changes:
            self._updating("people", person_id)
            update_row(self.conn, people, person_id, changes)

    # -- records ------------------------------------------------------------------------

    def interaction(self, item: CapturedInteraction, create_people: bool = True) -> str:
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
            return "updated"
        if existing is None and (logged := self._logged_by_hand(item)) is not None:
            kind = interaction_store.get_interaction(self.conn, logged).kind
            self._replace(logged, item, source, external_id, create_people)
            update_row(self.conn, interactions, logged, {"kind": kind.value})  # as logged
            return "updated"
        if existing is not None:
            row = (
                self.conn.execute(select(interactions).where(interactions.c.id == existing))
                .mappings()
                .one()
            )
            if item.cancelled and not row["cancelled"]:
                self._updating("interactions", existing)
                update_row(self.conn, interactions, existing, {"cancelled": True})
                return "cancelled"
            if item.sequence > row["sequence"] and not item.cancelled:
                self._replace(existing, item, source, external_id, create_people)
                update_row(
                    self.conn,
                    interactions,
                    existing,
                    {"sequence": item.sequence, "cancelled": False},
                )
                return "updated"
            self.summary.unchanged += 1
            return "unchanged"
        record = self._to_interaction(item, source, external_id, create_people)
        row_id = interaction_store.add_interaction(self.conn, record, batch_id=self.id)
        if item.sequence or item.cancelled:
            update_row(
                self.conn,
                interactions,
                row_id,
                {"sequence": item.sequence, "cancelled": item.cancelled},
            )
        self._added("interactions", row_id)
        return "cancelled" if item.cancelled else "added"

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
            self._opportunity_of[key] = self._find_only_active_opportunity(person_ids)
        return self._opportunity_of[key]

    def _find_only_active_opportunity(self, person_ids: list[int]) -> int | None:
        from topofmind.domain.enums import CLOSED_STAGES

        query = (
            select(opportunities.c.id)
            .join(opportunity_people, opportunity_people.c.opportunity_id == opportunities.c.id)
            .where(
                opportunity_people.c.person_id.in_(person_ids),
                opportunities.c.stage.not_in([s.value for s in CLOSED_STAGES]),
            )
            .distinct()
        )
        found = [r[0] for r in self.conn.execute(query)]
        return found[0] if len(found) == 1 else None

    def _exists(self, table, source: str, external_id: str) -> int | None:
        if not external_id:
            return None
        query = select(table.c.id).where(
            table.c.owner_id == OWNER,
            table.c.source == source,
            table.c.external_id == external_id,
        )
        return self.conn.execute(query).scalar()

    def opportunity(self, item: CapturedOpportunity) -> str:
        source = item.source or self.summary.source
        if self._exists(opportunities, source, item.external_id) is not None:
            self.summary.unchanged += 1
            return "unchanged"
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
        return "added"

    def achievement(self, item: CapturedAchievement) -> str:
        source = item.source or self.summary.source
        if self._exists(achievements, source, item.external_id) is not None:
            self.summary.unchanged += 1
            return "unchanged"
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
        return "added"

    def event(self, item: CapturedEvent) -> str:
        source = item.source or self.summary.source
        if self._exists(events, source, item.external_id) is not None:
            self.summary.unchanged += 1
            return "unchanged"
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
        return "added"

    def news(self, org_id: int, item: CapturedNews) -> str:
        external_id = item.external_id or item.url or item.title
        if news_store.find_news(self.conn, org_id, external_id) is not None:
            self.summary.unchanged += 1
            return "unchanged"
        record = NewsItem(
            organization_id=org_id,
            title=item.title,
            url=item.url,
            published=item.published,
            summary=item.summary,
            external_id=external_id,
        )
        self._added("news_items", news_store.add_news(self.conn, record, self.id))
        return "added"

    def profile(self, item: CapturedProfile) -> str:
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
            return "unchanged"
        self._updating("profiles", profile.id)  # type: ignore[arg-type]
        profile_store.save_profile(self.conn, profile)
        self.own_addresses = {e.lower() for e in profile.emails}
        return "updated"


def _only_addresses(ref: PersonRef) -> bool:
    """The reference says nothing beyond addresses and a name (as mail does)."""
    return (
        not (ref.linkedin_url or ref.phones or ref.title or ref.uid or ref.organization)
        and ref.connected_on is None
    )


def _clean_url(url: str) -> str:
    url = (url or "").strip()
    return url.rstrip("/") if url else ""


def _display_name(ref: PersonRef) -> str:
    if ref.name.strip():
        return " ".join(ref.name.split())
    if ref.emails:
        local = ref.emails[0].split("@")[0]
        return " ".join(w.capitalize() for w in local.replace("_", ".").split(".") if w) or local
    return ref.linkedin_url or ref.phones[0] if (ref.linkedin_url or ref.phones) else "Unknown"


# -- batches -----------------------------------------------------------------------------


@contextmanager
def open_batch(
    ctx: Context,
    source: str,
    target: str,
    dry_run: bool = False,
    progress: Progress | None = None,
    keep_if_nothing_new: bool = True,
) -> Iterator[BatchWriter]:
    """One import as one batch, in one transaction unless the reader commits along the
    way (``BatchWriter.checkpoint``); all rolled back at the end on a dry run.

    A sync (``keep_if_nothing_new=False``) that recorded nothing and failed nowhere
    leaves no batch behind, only where its sources stopped: a sync scheduled every half
    hour would otherwise fill the list of imports with empty ones. Its summary then has
    no id. A batch that fails after a checkpoint keeps what was committed, and is closed
    with it (or forgotten when that was only where its sources stopped)."""
    started = ctx.now
    with ctx.db.engine.connect() as conn:
        transaction = conn.begin()
        committed: tuple | None = None  # the tallies as of the last checkpoint

        def checkpoint() -> None:
            nonlocal transaction, committed
            if not dry_run:
                _still_open(conn, writer, committed)
                batch_store.save_progress(conn, writer.id, writer.stored_summary())
                batch_store.record_left(conn, writer.id, writer.changed_since())
                transaction.commit()
                if conn.dialect.name == "sqlite" and writer.wrote_in_step():
                    time.sleep(TURN_SECONDS)  # another writer waiting on the file goes first
                transaction = conn.begin()
                committed = writer.tallies()
                writer.learn_known()
            writer.stepped()

        try:
            batch_id = batch_store.start_batch(conn, source, target, started)
            summary = BatchSummary(
                id=batch_id, source=source, target=target, dry_run=dry_run, started_at=started
            )
            writer = BatchWriter(ctx, conn, summary, progress, checkpoint)
            yield writer
            _still_open(conn, writer, committed)
            _close_batch(ctx, writer, forget_if_empty=not keep_if_nothing_new)
        except BaseException:
            transaction.rollback()
            if committed is not None:  # what was committed stays: the batch closes on it
                writer.restore_tallies(committed)
                with conn.begin():
                    _close_batch(ctx, writer, forget_if_empty=True)
            raise
        if dry_run:
            transaction.rollback()
            summary.id = None
        else:
            transaction.commit()


def _still_open(conn: Connection, writer: BatchWriter, committed: tuple | None) -> None:
    """Stop a batch that was undone while it ran (it is listed once a step is committed),
    before the step since is committed into it."""
    if committed is None:
        return  # nothing committed yet: no one else can see the batch
    row = batch_store.get_batch(conn, writer.id)
    if row is None or row["undone_at"] is not None:
        raise UndoneWhileRunning(
            f"Import {writer.id} was undone while it ran, so it stopped there; the next sync "
            "reads it all again."
        )


def _close_batch(ctx: Context, writer: BatchWriter, forget_if_empty: bool) -> None:
    """Finish the batch's tallies and record how it leaves what it added; a batch with
    nothing but where its sources stopped is forgotten when ``forget_if_empty``."""
    conn, summary = writer.conn, writer.summary
    writer.finish()
    batch_store.record_left(conn, writer.id, writer.changed_since())
    summary.finished_at = ctx.now
    if (
        forget_if_empty
        and not summary.failed_total
        and batch_store.only_bookkeeping(conn, writer.id)
    ):
        batch_store.forget_batch(conn, writer.id)
        summary.id = None
    else:
        batch_store.finish_batch(conn, writer.id, summary.finished_at, summary.stored())


def list_batches(ctx: Context) -> list[BatchSummary]:
    with ctx.db.connect() as conn:
        batches = [BatchSummary.from_row(r) for r in batch_store.list_batches(conn)]
    return _mark_running(ctx, batches)


def get_batch(ctx: Context, batch_id: int) -> BatchSummary:
    with ctx.db.connect() as conn:
        row = batch_store.get_batch(conn, batch_id)
        if row is None:
            raise UnknownRecord(f"No import has id {batch_id}. `tom import list` shows them.")
        newest = {}  # a finished batch runs nowhere: no need to ask which is newest
        if row["finished_at"] is None:
            newest[row["source"]] = batch_store.newest_unfinished(conn, row["source"])
    [batch] = _mark_running(ctx, [BatchSummary.from_row(row)], newest)
    return batch


# -- one sync of a source at a time -------------------------------------------------------

#: What each source that syncs is called in a sentence, and the verb it takes.
SOURCE_NAMES = {
    "imap": ("your mail", "is"),
    "calendar": ("your calendar", "is"),
    "feeds": ("the news feeds", "are"),
}


class AlreadySyncing(TomError):
    """Shown to the user: the same source is being synced right now, by this program
    or another (the web app in the background, a scheduled `tom sync all`)."""


def sync_lock(source: str) -> str:
    return f"sync-{source}"


@contextmanager
def syncing(ctx: Context, source: str) -> Iterator[None]:
    """Hold the source's sync lock on this database while the block runs; refused at once
    while another sync of it runs, here or in another program."""
    try:
        with locks.holding(ctx.db, sync_lock(source)):
            yield
    except locks.Held:
        name, verb = SOURCE_NAMES[source]
        raise AlreadySyncing(
            f"{name.capitalize()} {verb} being synced already; what it reads shows as it goes."
        ) from None


class AlreadyImporting(TomError):
    """Shown to the user: the same file is being imported right now, by this program or
    another (an upload in the web app, `tom import` in a terminal)."""


def import_lock(source: str, target: str) -> str:
    """The lock held while ``target`` is imported as ``source``: one name per file."""
    digest = hashlib.sha256(f"{source}\0{target}".encode()).hexdigest()[:16]
    return f"import-{digest}"


@contextmanager
def importing(ctx: Context, source: str, target: str) -> Iterator[None]:
    """Hold the file's import lock while the block runs; refused at once while another
    import of the same file runs, here or in another program."""
    try:
        with locks.holding(ctx.db, import_lock(source, target), patience=0, passing=True):
            yield
    except locks.Held:
        raise AlreadyImporting(
            f"{target} is being imported already; `tom import list` shows it as it goes."
        ) from None


def _running_key(batch: BatchSummary) -> str | tuple[str, str]:
    """What one running job writes at a time: a source that syncs, or one file."""
    return batch.source if batch.source in SOURCE_NAMES else (batch.source, batch.target)


def _running_lock(batch: BatchSummary) -> str:
    if batch.source in SOURCE_NAMES:
        return sync_lock(batch.source)
    return import_lock(batch.source, batch.target)


def _mark_running(
    ctx: Context, batches: list[BatchSummary], newest: dict[Any, int | None] | None = None
) -> list[BatchSummary]:
    """Mark the batch each running sync or import is writing: the newest unfinished batch
    of its source (of its file, for an import), while its lock is held. Older unfinished
    ones were stopped midway."""
    unfinished = [b for b in batches if b.unfinished]
    if newest is None:
        newest = {}
        for batch in unfinished:
            key = _running_key(batch)
            newest[key] = max(newest.get(key) or 0, batch.id or 0)
    for batch in unfinished:
        if batch.id == newest.get(_running_key(batch), batch.id) and locks.is_held(
            ctx.db, _running_lock(batch)
        ):
            batch.running = True
    return batches


def undo_batch(ctx: Context, batch_id: int) -> BatchSummary:
    """Remove what the batch added and restore what it changed, in one transaction."""
    with ctx.db.begin() as conn:
        row = batch_store.get_batch(conn, batch_id)
        if row is None:
            raise UnknownRecord(f"No import has id {batch_id}. `tom import list` shows them.")
        if row["undone_at"] is not None:
            raise AlreadyUndone(
                f"Import {batch_id} was already undone on "
                f"{row['undone_at']:%Y-%m-%d %H:%M} UTC; there is nothing left to undo."
            )
        done = batch_store.undo_changes(conn, batch_id, ctx.now)
        row = batch_store.get_batch(conn, batch_id)
    if done["kept"]:
        ctx.notice(
            f"Kept {', '.join(done['kept'])}: recorded since the import (a conversation, a "
            "message or an opportunity) uses them."
        )
    if done["edited"]:
        ctx.notice(f"Kept {', '.join(done['edited'])}: edited since the import.")
    return BatchSummary.from_row(row)  # type: ignore[arg-type]


# -- the registry of kinds ------------------------------------------------------------------

Importer = Callable[[BatchWriter, Path, Context], None]

#: kind -> importer; ``import_kinds`` adds the kinds it provides.
IMPORTERS: dict[str, Importer] = {}


def importer(kind: str) -> Callable[[Importer], Importer]:
    """Register a function as the importer of one kind."""

    def register(function: Importer) -> Importer:
        IMPORTERS[kind] = function
        return function

    return register


_loaded = False


def _load_kinds() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    import importlib

    try:
        importlib.import_module("topofmind.services.import_kinds")
    except ModuleNotFoundError as exc:
        if exc.name != "topofmind.services.import_kinds":
            raise


def kinds() -> list[str]:
    _load_kinds()
    return sorted(IMPORTERS)


#: How far apart in time an email recorded with "I sent it" and the message read from
#: the Sent folder may be and still be one: the button is often pressed a while before
#: or after sending, rarely days.
SENT_BY_HAND_WITHIN = timedelta(days=3)
#: What "I sent it" records: an email, or a LinkedIn connection request with its note.
SENT_BY_HAND = (InteractionKind.EMAIL, InteractionKind.LINKEDIN_CONNECTION)


def matching_sent_by_hand(
    candidates: list[interaction_store.SentByHand], item: CapturedInteraction, people: set[int]
) -> int | None:
    """The message recorded with "I sent it" that ``item`` (sent to ``people``) is: of its
    kind, to one of them, within ``SENT_BY_HAND_WITHIN`` of it, and for an email with the
    same subject or, the subject rewritten, nearly the same text; the nearest in time."""
    email = item.kind is InteractionKind.EMAIL
    subject = same_subject(item.subject) if email else None
    found = [
        (abs(c.at - item.at), c.id)
        for c in candidates
        if c.kind is item.kind
        and c.people & people
        and abs(c.at - item.at) <= SENT_BY_HAND_WITHIN
        and (not email or same_subject(c.subject) == subject or same_text(c.text, item.summary))
    ]
    return min(found)[1] if found else None


#: How alike (0-100) the text recorded with "I sent it" and the copy read back must be to
#: be one message whose subject was rewritten: a signature added or a word changed, not
#: another message to the same person.
SAME_TEXT = 85


def same_text(recorded: str, read: str) -> bool:
    """Whether a draft recorded as sent and a message read back are one text: what was
    read may add a signature after the draft's words, or be cut short ("…", a summary
    keeps the first ``SUMMARY_CHARS``), and may differ by a few words."""
    from rapidfuzz import fuzz

    ours, theirs = " ".join(recorded.split()).casefold(), " ".join(read.split()).casefold()
    if not ours or not theirs:
        return False
    if theirs.endswith("…"):
        theirs = theirs[:-1]
        ours = ours[: len(theirs)]
    return fuzz.ratio(ours, theirs[: len(ours)]) >= SAME_TEXT


#: Why a path named among others was not imported.
MISSING = "does not exist; check the path and import it again"


def import_paths(
    ctx: Context,
    kind: str,
    paths: list[str],
    dry_run: bool = False,
    progress: Progress | None = None,
    target: str | None = None,
) -> BatchSummary:
    """Import files of one kind as one batch. A file that cannot be read, or a path that
    does not exist among others that do, is a failed item.
    ``target`` names what was imported when the paths do not (uploads in a temporary
    folder: their own names)."""
    if kind not in IMPORTERS:
        _load_kinds()
    if kind not in IMPORTERS:
        raise InvalidValue(f"Unknown import kind '{kind}'. Choose one of: {', '.join(kinds())}.")
    if not paths:
        raise InvalidValue(f"Name at least one file: tom import {kind} PATH.")
    missing = [p for p in paths if not Path(p).expanduser().exists()]
    found = [p for p in paths if p not in missing]
    if not found:
        names = " and ".join(missing) if len(missing) < 3 else f"{missing[0]} and the others"
        verb = "does" if len(missing) == 1 else "do"
        raise BadFile(f"{names} {verb} not exist. Check the path and try again.")
    ctx.profile()
    run = IMPORTERS[kind]
    target = target or ", ".join(str(Path(p).expanduser()) for p in found)
    with (
        importing(ctx, kind, target),
        open_batch(ctx, kind, target, dry_run=dry_run, progress=progress) as batch,
    ):
        for path in missing:  # the files that are there are still imported
            batch.problem(Problem(where=path, why=MISSING))
        for path in found:
            try:
                run(batch, Path(path).expanduser(), ctx)
            except BadFile as exc:
                batch.problem(Problem(where=Path(path).name, why=str(exc)))
    return batch.summary


# -- mail ------------------------------------------------------------------------------------

#: People one item records at most, known or new.
MAX_PEOPLE_PER_ITEM = 200
#: Why people named on an item were not added.
TOO_MANY_PEOPLE = "more new people than one item may add (import_new_people_per_item)"
#: Why bytes read as a message were not.
NOT_A_MESSAGE = "not an email message (no mail headers at its start: binary or another format)"
#: Why a message was not recorded.
NOT_INVOLVED = "involves no known person or organization"


def record_message(batch: BatchWriter, where: str, raw: bytes, source: str = "email") -> str:
    """Record one raw message when it involves someone known; returns what happened.

    Relevance is decided from the raw headers first, so the many messages that
    involve nobody known are never parsed in full.
    """
    from topofmind.capture.email import (
        NotAMessage,
        as_mail_bytes,
        looks_like_message,
        parse_message,
        scan_addresses,
    )

    batch.read()
    raw = as_mail_bytes(raw)
    if not looks_like_message(raw):
        batch.problem(Problem(where, NOT_A_MESSAGE))
        return "failed"
    try:
        found = scan_addresses(raw)
    except Exception as exc:  # a message so broken its headers cannot be scanned
        batch.problem(Problem(where, f"unreadable headers ({exc})"))
        return "failed"
    if not batch.involves_known(found.all):
        batch.skip(Skipped(where, NOT_INVOLVED))
        return "skipped"
    try:
        item = parse_message(raw, batch.own_addresses, where, source=source)
    except NotAMessage as exc:
        batch.problem(Problem(where, str(exc)))
        return "failed"
    except Exception as exc:  # the email package gave up on this message
        batch.problem(Problem(where, f"cannot be parsed ({type(exc).__name__}: {exc})"))
        return "failed"
    item.people = [
        ref
        for ref in item.people
        if ref.emails
        and (ref.emails[0] in batch.emails or domain_of(ref.emails[0]) in batch.domains)
    ]
    if not item.people:
        batch.skip(Skipped(where, NOT_INVOLVED))
        return "skipped"
    if item.attachments:
        item.summary = f"{item.summary} (attached: {', '.join(item.attachments)})".strip()
    with batch.isolated(where):
        fit_item(item)
        batch.limit_people(item, where)
        return batch.interaction(item)
    return "failed"


@importer("email")
def import_mail(batch: BatchWriter, path: Path, ctx: Context) -> None:
    """An .eml file, an mbox file, a Maildir, or a folder holding any of these."""
    from topofmind.capture.maildir import is_maildir, iter_maildir
    from topofmind.capture.mbox import iter_mbox

    if path.is_dir():
        if is_maildir(path):
            for name, raw in iter_maildir(path):
                record_message(batch, f"{path.name}/{name}", raw)
            return
        found = False
        for child in sorted(path.iterdir()):
            if child.is_dir() or child.suffix.lower() in {".eml", ".mbox"}:
                found = True
                try:
                    import_mail(batch, child, ctx)
                except BadFile as exc:
                    batch.problem(Problem(str(child), str(exc)))
        if not found:
            raise BadFile(f"{path} holds no .eml or .mbox files and is not a Maildir.")
        return
    if path.suffix.lower() == ".eml":
        record_message(batch, path.name, path.read_bytes())
        return
    for number, raw in iter_mbox(path):
        record_message(batch, f"{path.name} message {number}", raw)
