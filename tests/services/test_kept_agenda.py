"""The kept agenda is always exactly the rules' output: a property over random histories.

Random sequences of writes (interactions logged, stages changed, settings changed, rows
edited behind the program's back), decisions and moments run on the demo record, on
SQLite and PostgreSQL; after every step the agenda as served (kept, or recomputed and
kept) must equal a full recompute byte for byte, in the JSON `tom actions --json`
prints. Separate tests show the kept agenda is really served, and that the property
catches a missing invalidation.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import uuid
from datetime import timedelta

import orjson
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text
from sqlalchemy import event as sa_event

from conftest import NOW
from topofmind.errors import TomError
from topofmind.playbook.engine import DECISIONS_READ, run_rules
from topofmind.playbook.reach import reach_in_force
from topofmind.services import agenda, kept_agenda, kept_groups
from topofmind.services.feed import rotate_token
from topofmind.services.interactions import LogEntry, log_interaction
from topofmind.services.opportunities import change_stage
from topofmind.settings import Settings
from topofmind.store import kept as kept_store
from topofmind.store.facts import TABLES_READ, load_facts, opportunity_overrides


def served(ctx) -> bytes:
    before = COMPUTED[0]
    found = orjson.dumps([kept_agenda.action_record(a) for a in kept_agenda.proposed(ctx)])
    SERVED_KEPT[0] += COMPUTED[0] == before
    return found


#: How many full recomputes the agenda made, how many reads it served as kept (or
#: recomputed for the groups a write touched, or whose window ended), and how many of
#: those it so recomputed after a write, and after time passed.
COMPUTED, SERVED_KEPT, SCOPED, EXPIRED = [0], [0], [0], [0]
_compute, _scoped = kept_agenda.compute, kept_groups.recompute_groups
_expired = kept_groups.recompute_expired


def _counted(ctx):
    COMPUTED[0] += 1
    return _compute(ctx)


def _counted_scoped(ctx, memo):
    found = _scoped(ctx, memo)
    SCOPED[0] += found is not None
    return found


def _counted_expired(ctx, memo):
    found = _expired(ctx, memo)
    EXPIRED[0] += found is not None
    return found


@pytest.fixture(autouse=True)
def counted(monkeypatch):
    monkeypatch.setattr(kept_agenda, "compute", _counted)
    monkeypatch.setattr(kept_groups, "recompute_groups", _counted_scoped)
    monkeypatch.setattr(kept_groups, "recompute_expired", _counted_expired)


def recomputed(ctx) -> bytes:
    with ctx.db.connect() as conn:
        reach = reach_in_force(ctx.settings, opportunity_overrides(conn))
        facts = load_facts(conn, ctx.now, reach)
    actions = run_rules(facts, ctx.now, ctx.settings, ctx.profile())
    return orjson.dumps([kept_agenda.action_record(a) for a in actions])


def names(ctx, query: str) -> list[str]:
    with ctx.db.connect() as conn:
        return [r[0] for r in conn.execute(text(query))]


#: Steps of time from a second to days, as evenly spread in scale as in size.
SECONDS = st.one_of(
    st.sampled_from([0, 1, 59, 60, 3_600, 86_400]),
    st.tuples(st.integers(0, 18), st.integers(0, 999)).map(lambda p: 2 ** p[0] + p[1]),
)
#: Where a history starts: at the demo's moment, or later, when fewer things are fresh.
STARTS = st.sampled_from([0, 3 * 3_600, 86_400, 2 * 86_400 + 7_200, 6 * 86_400])
STEPS = st.one_of(
    st.tuples(st.just("time"), SECONDS),
    # to the end of the kept agenda's window, or just past it: time alone changes it
    st.tuples(st.just("expire"), st.sampled_from([0, 0, 1, 30])),
    st.tuples(st.just("back"), SECONDS),
    st.tuples(
        st.just("log"),
        st.sampled_from(["email", "message", "interview", "call", "meeting"]),
        st.integers(0, 50),
        st.sampled_from(["in", "out", None]),
        st.integers(-3 * 24 * 60, 2 * 24 * 60),
    ),
    # two people, perhaps of two groups, perhaps on an opportunity: ties them together
    st.tuples(
        st.just("meet"),
        st.integers(0, 50),
        st.integers(0, 50),
        st.one_of(st.none(), st.integers(0, 50)),
        st.sampled_from(["email", "meeting", "interview"]),
    ),
    st.tuples(
        st.just("stage"),
        st.integers(0, 50),
        st.sampled_from(
            ["screening", "interviewing", "offer", "accepted", "withdrawn", "rejected", "applied"]
        ),
    ),
    # a message read from a file, as an import or a mail sync writes it
    st.tuples(st.just("mail"), st.integers(0, 50), st.integers(-2 * 24 * 60, 24 * 60)),
    st.tuples(st.just("decide"), st.integers(0, 50), st.sampled_from(["done", "dismissed"])),
    st.tuples(st.just("snooze"), st.integers(0, 50), st.integers(60, 3 * 86_400)),
    st.tuples(st.just("reopen"), st.integers(0, 50)),
    st.tuples(st.just("raw"), st.integers(0, 50)),
    st.tuples(st.just("setting"), st.sampled_from([12, 24, 48])),
    st.tuples(st.just("forget")),
    # writes the rules do not read, or read only in part: the agenda is carried over
    st.tuples(st.just("aside"), st.sampled_from(["feed", "address", "hours"])),
)


def apply(ctx, step) -> None:
    kind = step[0]
    if kind == "time":
        ctx.now += timedelta(seconds=step[1])
    elif kind == "back":
        ctx.now -= timedelta(seconds=step[1])
    elif kind == "expire":
        with ctx.db.connect() as conn:
            kept = kept_store.read(conn)
        if kept is not None and kept.valid_until is not None and kept.valid_until > ctx.now:
            ctx.now = kept.valid_until + timedelta(seconds=step[1])
    elif kind == "log":
        _, how, who, direction, minutes = step
        people = names(ctx, "SELECT name FROM people ORDER BY id")
        entry = LogEntry(
            how,
            [people[who % len(people)]],
            at=(ctx.now - timedelta(minutes=minutes)).isoformat(),
            direction=direction if how in ("email", "message") else None,
            summary="Talked it over.",
        )
        log_interaction(ctx, entry)
    elif kind == "meet":
        _, one, other, opp, how = step
        people = names(ctx, "SELECT name FROM people ORDER BY id")
        titles = names(ctx, "SELECT '#' || CAST(id AS TEXT) FROM opportunities ORDER BY id")
        entry = LogEntry(
            how,
            [people[one % len(people)], people[other % len(people)]],
            at=ctx.now.isoformat(),
            opportunity=titles[opp % len(titles)] if opp is not None else None,
            summary="Met them both.",
        )
        log_interaction(ctx, entry)
    elif kind == "mail":
        mail(ctx, step[1], step[2])
    elif kind == "stage":
        titles = names(ctx, "SELECT '#' || CAST(id AS TEXT) FROM opportunities ORDER BY id")
        change_stage(ctx, titles[step[1] % len(titles)], step[2])
    elif kind in ("decide", "snooze"):
        open_now = agenda.current_actions(ctx)
        if open_now:
            chosen = open_now[step[1] % len(open_now)].id
            if kind == "snooze":
                until = ctx.now + timedelta(seconds=step[2])
                agenda.decide(ctx, chosen, "snoozed", until=until)
            else:
                agenda.decide(ctx, chosen, step[2])
    elif kind == "reopen":
        decided = names(ctx, "SELECT action_id FROM decisions ORDER BY id")
        if decided:
            agenda.reopen(ctx, decided[step[1] % len(decided)])
    elif kind == "raw":  # another program edits the record: no code of ours runs
        other = create_engine(ctx.db.engine.url)
        with other.begin() as conn:
            conn.execute(
                text("UPDATE people SET name = name || 'e' WHERE id = :id"),
                {"id": 1 + step[1] % 5},
            )
        other.dispose()
    elif kind == "setting":
        ctx.settings = Settings({"thank_you_hours": step[1]})
    elif kind == "forget":  # another process: nothing in memory, only what the database keeps
        kept_agenda.MEMOS.clear()
    elif kind == "aside":
        aside(ctx, step[1])


def mail(ctx, who: int, minutes: int) -> None:
    """A message from one of the people with an address, ``minutes`` before now,
    imported from a file."""
    from topofmind.services.imports.registry import import_paths

    with ctx.db.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT p.name, e.email FROM people p JOIN person_emails e "
                "ON e.person_id = p.id ORDER BY e.id"
            )
        ).all()
    name, address = rows[who % len(rows)]
    at = (ctx.now - timedelta(minutes=minutes)).strftime("%a, %d %b %Y %H:%M:%S %z")
    folder = tempfile.mkdtemp(prefix="tom-kept-mail-")
    path = os.path.join(folder, "message.eml")
    with open(path, "w", encoding="utf-8") as file:
        file.write(
            f"From: {name} <{address}>\nTo: Jordan Lee <jordan@mail.example>\n"
            f"Subject: Following up\nDate: {at}\nMessage-ID: <{uuid.uuid4()}@example.com>\n\n"
            "Could you send me your availability for next week?\n"
        )
    import_paths(ctx, "email", [path])
    shutil.rmtree(folder)


def aside(ctx, what: str) -> None:
    """A write to a table the rules do not read (``address``: behind the program's back),
    or to the profile's feed secret, which they do not read, or its working hours,
    which they do (``hours``, behind its back too)."""
    if what == "feed":
        rotate_token(ctx)
        return
    other = create_engine(ctx.db.engine.url)
    with other.begin() as conn:
        if what == "address":
            conn.execute(
                text(
                    "INSERT INTO person_emails (owner_id, person_id, email) "
                    "SELECT 1, (SELECT MIN(id) FROM people), "
                    "'aside' || CAST(MAX(id) AS TEXT) || '@example.com' FROM person_emails"
                )
            )
        else:
            conn.execute(text("UPDATE profiles SET work_start = '08:00'"))
    other.dispose()
    ctx.forget_profile()


@example(start=0, steps=[("time", 60), ("time", 60)])  # a minute's "ago" words
@settings(
    # more with KEPT_EXAMPLES=200 (with kept_mutants.py: how many it takes to catch one)
    max_examples=int(os.environ.get("KEPT_EXAMPLES", "15")),
    stateful_step_count=1,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
@given(start=STARTS, steps=st.lists(STEPS, min_size=1, max_size=10))
def test_the_kept_agenda_equals_a_full_recompute_after_every_step(demo_db, start, steps):
    ctx = demo_db
    ctx.now = NOW + timedelta(seconds=start)
    ctx.settings = Settings()
    kept_agenda.MEMOS.clear()
    SERVED_KEPT[0] = SCOPED[0] = EXPIRED[0] = 0
    assert served(ctx) == recomputed(ctx)
    for step in steps:
        try:
            apply(ctx, step)
        except TomError:  # a write the record refuses (an unknown stage move...)
            event("refused")
        assert served(ctx) == recomputed(ctx), step
    event(f"kept served {SERVED_KEPT[0] > 0}")
    event(f"groups recomputed {SCOPED[0] > 0}")
    event(f"groups whose window ended recomputed {EXPIRED[0] > 0}")


def test_a_conversation_recorded_after_now_counts_once_its_moment_comes(demo_db):
    # Logged at one moment, looked at as of two hours before (`--now`): the interview is
    # not yet set at short notice. Time then passes from one end of the kept agenda's
    # window to the next, and past the moment it was logged at: there it is.
    ctx = demo_db
    people = names(ctx, "SELECT name FROM people ORDER BY id")
    logged = ctx.now = NOW - timedelta(days=2, hours=15)  # a quiet night of the demo
    at = (logged + timedelta(hours=30)).isoformat()
    log_interaction(ctx, LogEntry("interview", [people[1]], at=at, summary="Panel."))
    later = logged + timedelta(seconds=1)
    for memo_kept in (False, True):  # in another process, or in the one that kept it
        kept_agenda.MEMOS.clear()
        ctx.now = logged - timedelta(hours=2)
        while ctx.now < later:
            assert served(ctx) == recomputed(ctx), ctx.now
            if not memo_kept:
                kept_agenda.MEMOS.clear()
            with ctx.db.connect() as conn:
                kept = kept_store.read(conn)
            assert kept is not None and kept.valid_until is not None
            ctx.now = min(kept.valid_until, later)
        assert served(ctx) == recomputed(ctx)
        assert b"short notice: set 1 min ago" in served(ctx)


def test_the_kept_agenda_is_served_within_its_window(demo_db):
    first = served(demo_db)
    with demo_db.db.connect() as conn:
        kept = kept_store.read(conn)
    assert kept is not None and kept.valid_until is not None
    assert kept.valid_until > demo_db.now
    kept_agenda.MEMOS.clear()
    count = COMPUTED[0]
    demo_db.now = kept.valid_until - timedelta(microseconds=1)
    inside = served(demo_db)
    assert COMPUTED[0] == count  # read from the database, not recomputed
    assert inside == recomputed(demo_db)
    demo_db.now = kept.valid_until
    assert served(demo_db) == recomputed(demo_db)
    assert COMPUTED[0] == count + 1  # the window ended: recomputed
    assert first


def test_a_write_behind_the_programs_back_is_seen(demo_db):
    before = served(demo_db)
    other = create_engine(demo_db.db.engine.url)
    with other.begin() as conn:
        conn.execute(text("DELETE FROM decisions"))
        conn.execute(text("UPDATE people SET name = 'Someone Else' WHERE id = 1"))
    other.dispose()
    after = served(demo_db)
    assert after == recomputed(demo_db)
    assert after != before


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_proof_fails_when_an_invalidation_is_missing(demo_db):
    """Without the triggers on interactions, logging a reply leaves the kept agenda
    stale, and the comparison the property makes says so."""
    assert served(demo_db) == recomputed(demo_db)
    with demo_db.db.begin() as conn:
        for table in ("interactions", "interaction_participants", "interaction_notes"):
            for verb in ("insert", "update", "delete"):
                conn.execute(text(f"DROP TRIGGER record_version_{table}_{verb}"))
    open_now = agenda.current_actions(demo_db)
    thanks = next(a for a in open_now if a.rule == "thank-you")
    person = thanks.person_names[0]
    entry = LogEntry("email", [person], direction="out", summary="Thank you!")
    log_interaction(demo_db, entry)
    assert served(demo_db) != recomputed(demo_db)


def test_a_write_the_rules_do_not_read_carries_the_agenda_over(demo_db):
    before = served(demo_db)
    count = COMPUTED[0]
    rotate_token(demo_db)  # on the profile, in a field the rules do not read
    aside(demo_db, "address")
    kept_agenda.MEMOS.clear()  # another process: only what the database keeps
    assert served(demo_db) == before == recomputed(demo_db)
    assert COMPUTED[0] == count
    with demo_db.db.connect() as conn:  # stamped with the new version, for the fast path
        kept = kept_store.read(conn)
        assert kept is not None
        assert kept.record_version == kept_store.current_version(conn)
    aside(demo_db, "hours")  # the working hours: the rules read them
    assert served(demo_db) == recomputed(demo_db)
    assert COMPUTED[0] == count + 1


def test_a_decision_the_rules_do_not_read_carries_the_agenda_over(demo_db):
    open_now = agenda.current_actions(demo_db)
    count = COMPUTED[0]
    other = next(a for a in open_now if not a.id.startswith(DECISIONS_READ))
    agenda.decide(demo_db, other.id, "done")
    assert served(demo_db) == recomputed(demo_db)
    assert COMPUTED[0] == count
    # A thank-you closed by hand matters only where a wish was noted: its point is then
    # proposed on its own.
    thanks = [a for a in open_now if a.rule == "thank-you"]
    plain = next(a for a in thanks if not a.refs.get("wish_texts"))
    agenda.decide(demo_db, plain.id, "done")
    assert served(demo_db) == recomputed(demo_db)
    assert COMPUTED[0] == count
    # Where the rules read it, the decision's people are proposed for again, alone.
    scoped = SCOPED[0]
    wished = next(a for a in thanks if a.refs.get("wish_texts"))
    agenda.decide(demo_db, wished.id, "done")
    assert served(demo_db) == recomputed(demo_db)
    assert (COMPUTED[0], SCOPED[0]) == (count, scoped + 1)
    assert any(a.rule == "supplementary-info" for a in agenda.current_actions(demo_db))
    agenda.reopen(demo_db, wished.id)
    assert served(demo_db) == recomputed(demo_db)
    assert (COMPUTED[0], SCOPED[0]) == (count, scoped + 2)
    assert not any(a.rule == "supplementary-info" for a in agenda.current_actions(demo_db))
    aside(demo_db, "hours")  # the working hours changed too: computed in full
    assert served(demo_db) == recomputed(demo_db)
    assert COMPUTED[0] == count + 1


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_rules_read_no_table_but_those_declared(demo_db):
    """SQLite names each table a statement reads: a full recompute reads the declared
    tables, the decisions and the profile (both in the rows' digest), and the counts."""
    read: set[str] = set()

    def note(action, table, *_):
        if action == sqlite3.SQLITE_READ:
            read.add(table)
        return sqlite3.SQLITE_OK

    @sa_event.listens_for(demo_db.db.engine, "connect")
    def watch(dbapi, _):
        dbapi.set_authorizer(note)

    demo_db.db.engine.dispose()
    demo_db.forget_profile()
    kept_agenda.compute(demo_db)
    demo_db.profile()
    counts = {"record_versions", "table_writes", "decisions", "profiles"}
    assert read - counts == set(TABLES_READ)


def test_a_logged_interaction_recomputes_only_its_groups(demo_db):
    """A reply logged is proposed for again in its people's groups alone: no full
    recompute, the same actions as one."""
    open_now = agenda.current_actions(demo_db)
    count, scoped = COMPUTED[0], SCOPED[0]
    thanks = next(a for a in open_now if a.rule == "thank-you")
    entry = LogEntry("email", [thanks.person_names[0]], direction="out", summary="Thank you!")
    log_interaction(demo_db, entry)
    assert served(demo_db) == recomputed(demo_db)
    assert thanks.id not in {a.id for a in agenda.current_actions(demo_db)}
    assert (COMPUTED[0], SCOPED[0]) == (count, scoped + 1)


def test_a_rule_that_ranks_across_groups_runs_on_the_whole_record(demo_db):
    """The week's engagements are few for everyone together: three logged with one
    person leave no room for the one proposed with someone of another group."""
    engage = next(a for a in agenda.current_actions(demo_db) if a.rule == "engage")
    with demo_db.db.connect() as conn:
        other = conn.execute(
            text(
                "SELECT name FROM people WHERE organization_id != "
                "(SELECT organization_id FROM people WHERE id = :id) ORDER BY id LIMIT 1"
            ),
            {"id": engage.people[0]},
        ).scalar_one()
    scoped = SCOPED[0]
    for _ in range(3):
        log_interaction(demo_db, LogEntry("linkedin-engagement", [other], summary="Liked a post."))
    assert served(demo_db) == recomputed(demo_db)
    assert engage.id not in {a.id for a in agenda.proposed(demo_db)}
    assert SCOPED[0] > scoped


def test_time_passing_recomputes_only_the_groups_whose_window_ended(demo_db, monkeypatch):
    """Once the kept agenda's window ends with no write, each group is proposed for on
    its own with its own window; after that, only the groups whose window ended."""
    ran: list[int] = []
    per_group = kept_groups._proposed_per_group

    def counted(ctx, facts, parts, due, known):
        ran.append(len(due))
        return per_group(ctx, facts, parts, due, known)

    monkeypatch.setattr(kept_groups, "_proposed_per_group", counted)

    def to_the_end_of_the_window() -> None:
        with demo_db.db.connect() as conn:
            kept = kept_store.read(conn)
        assert kept is not None and kept.valid_until is not None
        demo_db.now = kept.valid_until
        assert served(demo_db) == recomputed(demo_db)

    demo_db.now += timedelta(seconds=1)  # the demo's newest rows are at its very moment
    assert served(demo_db) == recomputed(demo_db)
    count = COMPUTED[0]
    for _ in range(3):
        to_the_end_of_the_window()
    assert COMPUTED[0] == count  # no full recompute
    memo = kept_agenda.MEMOS[demo_db.db.url]
    assert memo.parts is not None and ran[0] == len(memo.parts) > 1
    assert all(0 < n < ran[0] for n in ran[1:]), ran


def test_an_import_recomputes_only_the_groups_of_what_it_wrote(demo_db, tmp_path):
    """A message imported from a file (as a sync reads the mailbox) names the people and
    opportunities it wrote: their groups are proposed for again, alone; the same
    actions as a full recompute."""
    from topofmind.services.imports.registry import import_paths

    open_now = agenda.current_actions(demo_db)
    thanks = next(a for a in open_now if a.rule == "thank-you")
    with demo_db.db.connect() as conn:
        address = conn.execute(
            text("SELECT email FROM person_emails WHERE person_id = :id"),
            {"id": thanks.people[0]},
        ).scalar_one()
    mail = tmp_path / "reply.eml"
    at = (demo_db.now - timedelta(minutes=5)).strftime("%a, %d %b %Y %H:%M:%S %z")
    mail.write_text(
        f"From: {thanks.person_names[0]} <{address}>\nTo: Jordan Lee <jordan@mail.example>\n"
        f"Subject: Next steps\nDate: {at}\nMessage-ID: <next-steps@example.com>\n\n"
        "Thanks again for coming in; we will be in touch.\n"
    )
    count, scoped = COMPUTED[0], SCOPED[0]
    summary = import_paths(demo_db, "email", [str(mail)])
    assert summary.added >= 1
    assert served(demo_db) == recomputed(demo_db)
    assert (COMPUTED[0], SCOPED[0]) == (count, scoped + 1)
