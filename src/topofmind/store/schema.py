"""The tables, as SQLAlchemy Core metadata.

Every top-level table carries ``owner_id`` (today always 1, the local person) so a
multi-user deployment can key every row by its owner without a rewrite. Moments
are stored in UTC and come back time-zone aware (``UTCDateTime``). Migrations in
``store/migrations`` create exactly this; a test compares the two.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

LOCAL_OWNER = 1

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator):
    """A time-zone aware moment, stored as UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} reached the store")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def owner() -> Column:
    return Column(
        "owner_id",
        Integer,
        ForeignKey("owners.id"),
        nullable=False,
        default=LOCAL_OWNER,
        index=True,
    )


def created() -> Column:
    return Column("created_at", UTCDateTime, nullable=False, default=lambda: datetime.now(UTC))


def batch() -> Column:
    """The import batch that added the row, so `tom import undo` can remove it."""
    return Column(
        "batch_id",
        Integer,
        ForeignKey("import_batches.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    )


owners = Table(
    "owners",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    created(),
)

profiles = Table(
    "profiles",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column("name", String(200), nullable=False),
    Column("emails", JSON, nullable=False, default=list),
    Column("timezone", String(64), nullable=False, default="UTC"),
    Column("work_start", String(5), nullable=False, default="09:00"),
    Column("work_end", String(5), nullable=False, default="17:30"),
    Column("work_days", JSON, nullable=False, default=lambda: [0, 1, 2, 3, 4]),
    Column("goals", JSON, nullable=False, default=list),
    Column("headline", Text, nullable=False, default=""),
    Column("summary", Text, nullable=False, default=""),
    Column("skills", JSON, nullable=False, default=list),
    Column("resume", JSON, nullable=True),
    Column("linkedin_url", String(500), nullable=False, default=""),
    Column("ics_token", String(64), nullable=True),
    created(),
    UniqueConstraint("owner_id"),
)

import_batches = Table(
    "import_batches",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column("source", String(40), nullable=False),
    Column("target", Text, nullable=False, default=""),
    Column("started_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime, nullable=True),
    Column("summary", JSON, nullable=False, default=dict),
    Column("undone_at", UTCDateTime, nullable=True),
)

batch_changes = Table(
    "batch_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "batch_id",
        Integer,
        ForeignKey("import_batches.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("table_name", String(60), nullable=False),
    Column("row_id", Integer, nullable=False),
    # "add": the batch inserted the row; "update": it changed it, ``before`` holds the old values.
    Column("op", String(10), nullable=False),
    Column("before", JSON, nullable=True),
    # For a person or organization the batch added: the row as the batch left it, so an
    # undo can tell it was edited since (and keep it).
    Column("left_as", JSON, nullable=True),
)

organizations = Table(
    "organizations",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column("name", String(300), nullable=False),
    Column("website", String(500), nullable=False, default=""),
    Column("notes", Text, nullable=False, default=""),
    created(),
    batch(),
)

organization_domains = Table(
    "organization_domains",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column(
        "organization_id",
        Integer,
        ForeignKey("organizations.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("domain", String(255), nullable=False),
    UniqueConstraint("owner_id", "domain"),
    # Ids never reused on SQLite: a sync looks for the mail of rows recorded after the
    # last one it knew (migration 0004).
    sqlite_autoincrement=True,
)

feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column(
        "organization_id",
        Integer,
        ForeignKey("organizations.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("url", String(1000), nullable=False),
    Column("etag", String(500), nullable=True),
    Column("last_modified", String(100), nullable=True),
    Column("fetched_at", UTCDateTime, nullable=True),
    Column("error", Text, nullable=True),
    UniqueConstraint("owner_id", "organization_id", "url"),
)

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column("name", String(300), nullable=False),
    Column("title", String(300), nullable=False, default=""),
    Column(
        "organization_id",
        Integer,
        ForeignKey("organizations.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    ),
    Column("linkedin_url", String(500), nullable=True),
    Column("notes", Text, nullable=False, default=""),
    Column("connected", Boolean, nullable=False, default=False),
    Column("connected_on", Date, nullable=True),
    Column("vcard_uid", String(300), nullable=True),
    created(),
    batch(),
    UniqueConstraint("owner_id", "linkedin_url"),
)

person_emails = Table(
    "person_emails",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column(
        "person_id",
        Integer,
        ForeignKey("people.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("email", String(320), nullable=False),
    UniqueConstraint("owner_id", "email"),
    # Ids never reused on SQLite: a sync looks for the mail of rows recorded after the
    # last one it knew (migration 0004).
    sqlite_autoincrement=True,
)

person_phones = Table(
    "person_phones",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column(
        "person_id",
        Integer,
        ForeignKey("people.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("phone", String(40), nullable=False),
    UniqueConstraint("owner_id", "phone"),
)

opportunities = Table(
    "opportunities",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column(
        "organization_id",
        Integer,
        ForeignKey("organizations.id", ondelete="RESTRICT"),
        nullable=False,
        index=True,
    ),
    Column("title", String(300), nullable=False),
    Column("stage", String(20), nullable=False),
    Column("posting_text", Text, nullable=False, default=""),
    Column("posting_url", String(1000), nullable=False, default=""),
    Column("priority", Integer, nullable=False, default=3),
    Column("excitement", Integer, nullable=False, default=3),
    Column("requirements", JSON, nullable=False, default=list),
    Column("notes", Text, nullable=False, default=""),
    Column("settings", JSON, nullable=False, default=dict),
    Column("source", String(40), nullable=False, default="manual"),
    Column("external_id", String(500), nullable=True),
    #: By when an offer's decision is due, and what was offered (at the offer stage).
    Column("offer_deadline", UTCDateTime, nullable=True),
    Column("offer_terms", Text, nullable=False, default=""),
    created(),
    batch(),
    UniqueConstraint("owner_id", "source", "external_id"),
)

stage_changes = Table(
    "stage_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "opportunity_id",
        Integer,
        ForeignKey("opportunities.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("stage", String(20), nullable=False),
    Column("at", UTCDateTime, nullable=False),
)

opportunity_people = Table(
    "opportunity_people",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "opportunity_id",
        Integer,
        ForeignKey("opportunities.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column(
        "person_id",
        Integer,
        ForeignKey("people.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("role", String(20), nullable=False),
    UniqueConstraint("opportunity_id", "person_id", "role"),
)

interactions = Table(
    "interactions",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column("at", UTCDateTime, nullable=False, index=True),
    Column("ends_at", UTCDateTime, nullable=True),
    Column("kind", String(30), nullable=False),
    Column("direction", String(4), nullable=False),
    Column(
        "opportunity_id",
        Integer,
        ForeignKey("opportunities.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    ),
    Column("subject", Text, nullable=False, default=""),
    Column("summary", Text, nullable=False, default=""),
    Column("scheduled", Boolean, nullable=False, default=False),
    Column("cancelled", Boolean, nullable=False, default=False),
    Column("location", Text, nullable=False, default=""),
    Column("source", String(40), nullable=False, default="manual"),
    Column("external_id", String(500), nullable=True),
    Column("sequence", Integer, nullable=False, default=0),
    Column("message_id", String(500), nullable=True, index=True),
    Column("in_reply_to", String(500), nullable=True),
    Column("references", JSON, nullable=False, default=list),
    #: What a message of ours is for (``domain.enums.Purpose``); NULL when not known.
    Column("purpose", String(20), nullable=True),
    created(),
    batch(),
    UniqueConstraint("owner_id", "source", "external_id"),
)

interaction_participants = Table(
    "interaction_participants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "interaction_id",
        Integer,
        ForeignKey("interactions.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column(
        "person_id",
        Integer,
        ForeignKey("people.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    UniqueConstraint("interaction_id", "person_id"),
)

interaction_notes = Table(
    "interaction_notes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "interaction_id",
        Integer,
        ForeignKey("interactions.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    # "point": worth referencing later; "wish": a topic the person wishes they had covered.
    Column("kind", String(10), nullable=False),
    Column("text", Text, nullable=False),
    Column("position", Integer, nullable=False, default=0),
)

requests = Table(
    "requests",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "interaction_id",
        Integer,
        ForeignKey("interactions.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("text", Text, nullable=False),
    Column("due", UTCDateTime, nullable=True),
)

achievements = Table(
    "achievements",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column("kind", String(20), nullable=False),
    Column("title", String(500), nullable=False),
    Column("achieved_on", Date, nullable=False),
    Column("url", String(1000), nullable=False, default=""),
    Column("description", Text, nullable=False, default=""),
    Column("source", String(40), nullable=False, default="manual"),
    Column("external_id", String(500), nullable=True),
    created(),
    batch(),
    UniqueConstraint("owner_id", "source", "external_id"),
)

questions = Table(
    "questions",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column(
        "opportunity_id",
        Integer,
        ForeignKey("opportunities.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("category", String(20), nullable=False),
    Column("text", Text, nullable=False),
    Column("asked", Boolean, nullable=False, default=False),
    Column("answer", Text, nullable=False, default=""),
    Column("source", String(40), nullable=False, default="manual"),
    created(),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column("title", String(500), nullable=False),
    Column(
        "organization_id",
        Integer,
        ForeignKey("organizations.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    ),
    Column("starts_at", UTCDateTime, nullable=False),
    Column("ends_at", UTCDateTime, nullable=True),
    Column("url", String(1000), nullable=False, default=""),
    Column("registered", Boolean, nullable=False, default=False),
    Column("attended", Boolean, nullable=False, default=False),
    Column("source", String(40), nullable=False, default="manual"),
    Column("external_id", String(500), nullable=True),
    created(),
    batch(),
    UniqueConstraint("owner_id", "source", "external_id"),
)

news_items = Table(
    "news_items",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column(
        "organization_id",
        Integer,
        ForeignKey("organizations.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("title", String(1000), nullable=False),
    Column("url", String(1000), nullable=False, default=""),
    Column("published", UTCDateTime, nullable=True),
    Column("summary", Text, nullable=False, default=""),
    Column("read", Boolean, nullable=False, default=False),
    Column("external_id", String(1000), nullable=True),
    created(),
    batch(),
    UniqueConstraint("owner_id", "organization_id", "external_id"),
)

# -- the playbook ------------------------------------------------------------------

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column("action_id", String(200), nullable=False),
    Column("status", String(10), nullable=False),
    Column("until", UTCDateTime, nullable=True),
    Column("note", Text, nullable=False, default=""),
    Column("at", UTCDateTime, nullable=False),
    UniqueConstraint("owner_id", "action_id"),
)

score_history = Table(
    "score_history",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    # "opportunity" or "person"
    Column("subject_kind", String(20), nullable=False),
    Column("subject_id", Integer, nullable=False),
    Column("day", Date, nullable=False),
    Column("score", Integer, nullable=False),
    Column("parts", JSON, nullable=False, default=dict),
    UniqueConstraint("owner_id", "subject_kind", "subject_id", "day"),
)

# -- compose -------------------------------------------------------------------------

introductions = Table(
    "introductions",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column(
        "opportunity_id",
        Integer,
        ForeignKey("opportunities.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("spoken", Text, nullable=False),
    Column("written", Text, nullable=False),
    Column("evidence", JSON, nullable=False, default=list),
    created(),
)

drafts = Table(
    "drafts",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column("action_id", String(200), nullable=False),
    Column("recipients", JSON, nullable=False, default=list),
    Column("subject", Text, nullable=False, default=""),
    Column("body", Text, nullable=False, default=""),
    Column("edited", Boolean, nullable=False, default=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("owner_id", "action_id"),
)

# -- capture -------------------------------------------------------------------------

sync_state = Table(
    "sync_state",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    # e.g. "imap:user@host/INBOX" or "calendar:https://..."
    Column("key", String(500), nullable=False),
    Column("value", JSON, nullable=False, default=dict),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("owner_id", "key"),
)

Index("ix_interactions_owner_at", interactions.c.owner_id, interactions.c.at)
#: Covers the playbook's read of recent contact (``store.facts``): no wide rows touched.
Index(
    "ix_interactions_contact",
    interactions.c.owner_id,
    interactions.c.at,
    interactions.c.cancelled,
    interactions.c.kind,
    interactions.c.direction,
    interactions.c.opportunity_id,
    interactions.c.purpose,
)
#: The conversations still planned when recorded, which each import looks through.
Index("ix_interactions_owner_scheduled", interactions.c.owner_id, interactions.c.scheduled)
Index("ix_person_emails_email", person_emails.c.email)

#: Tables in an order that respects foreign keys (parents first).
ORDERED = [t for t in metadata.sorted_tables]

# -- the kept agenda: a cache of the rules' output (migration 0007, store.kept) -------

#: One counter per owner, raised by a trigger on every table of the record (not by code).
record_versions = Table(
    "record_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column("version", BigInteger, nullable=False),
    UniqueConstraint("owner_id"),
)

kept_agendas = Table(
    "kept_agendas",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    #: The counter's value the actions were computed at.
    Column("record_version", BigInteger, nullable=False),
    #: The settings and the code that computed them.
    Column("fingerprint", String(64), nullable=False),
    Column("computed_at", UTCDateTime, nullable=False),
    #: Until when the passing of time leaves them unchanged (None: for ever).
    Column("valid_until", UTCDateTime, nullable=True),
    #: Every action the rules proposed, before decisions: the digests of the parts of
    #: their JSON array, in order, as a JSON array (migration 0011).
    Column("parts", Text, nullable=False),
    #: The writes counted on the tables the rules read, when they were computed
    #: (migration 0008): while the count is the same, other writes leave them as they are.
    Column("read_writes", BigInteger, nullable=True),
    #: A digest of the decisions (on thank-yous, updates, check-ins) and the profile
    #: fields the rules read.
    Column("rows_read", String(64), nullable=True),
    UniqueConstraint("owner_id"),
)

#: The parts of the kept agendas' actions, each stored once under the digest of its
#: text (a run of the JSON array's items, without the brackets): a recompute writes only
#: the parts it changed (migration 0011, ``store.kept.parts_of``).
kept_agenda_parts = Table(
    "kept_agenda_parts",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column("digest", String(32), nullable=False),
    Column("actions", Text, nullable=False),
    UniqueConstraint("owner_id", "digest"),
)

#: Writes per table of the record, raised by the same triggers as the version (0008).
table_writes = Table(
    "table_writes",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("writes", BigInteger, nullable=False),
)

#: What each of the program's writes touched (migration 0009): the sums of the writes
#: counted on the tables the rules read before and after it, and the people and
#: opportunities it wrote about. A chain of them from a kept agenda's sum to the current
#: one lets the agenda recompute only those people and opportunities (``store.touches``).
agenda_touches = Table(
    "agenda_touches",
    metadata,
    Column("id", Integer, primary_key=True),
    owner(),
    Column("reads_before", BigInteger, nullable=True),
    Column("reads_after", BigInteger, nullable=True),
    Column("people", JSON, nullable=False, default=list),
    Column("opportunities", JSON, nullable=False, default=list),
)
