"""A heavy job search, generated: for the playbook and web benchmarks.

At scale 1: 2,000 opportunities, 20,000 people, 300,000 interactions and 2,000
achievements over two years before ``now``, with talking points, requests,
questions, events, news and a few scheduled interviews, so every rule has work.
Rows go in with set-based inserts and explicit ids (the database must be empty),
and PostgreSQL's sequences are moved past them so `tom` can keep writing.

    .venv/bin/python bench/generate.py --db /tmp/heavy.db --scale 1
    .venv/bin/python bench/generate.py --db postgresql://... --scale 0.1

``generate(url, scale, seed=1)`` is the same from Python.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, text

from topofmind.store import schema as s

NOW = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)  # 15:00 in New York
STAGES = [
    ("researching", 10),
    ("applied", 35),
    ("screening", 15),
    ("interviewing", 15),
    ("offer", 2),
    ("on-hold", 3),
    ("rejected", 15),
    ("withdrawn", 4),
    ("accepted", 1),
]
KINDS = [
    ("email", 50, "out"),
    ("message", 8, "in"),
    ("call", 8, "both"),
    ("interview", 7, "both"),
    ("phone-screen", 5, "both"),
    ("meeting", 5, "both"),
    ("event-conversation", 3, "both"),
    ("informational-interview", 2, "both"),
    ("linkedin-engagement", 6, "out"),
    ("linkedin-connection", 6, "out"),
]
CONVERSATIONS = {
    "interview",
    "phone-screen",
    "meeting",
    "event-conversation",
    "informational-interview",
}
ROLES = ["hiring-manager", "recruiter", "interviewer", "insider", "referrer"]
HISTORY_DAYS = 730
#: Interactions generated and inserted at a time.
CHUNK = 20_000
#: The tables written a chunk at a time, with the interactions.
FAMILY = (s.interactions, s.interaction_participants, s.interaction_notes, s.requests)


def _pick(rng: random.Random, weighted: list[tuple]) -> tuple:
    return rng.choices(weighted, weights=[w[1] for w in weighted])[0]


def generate(url: str, scale: float = 1.0, seed: int = 1, now: datetime = NOW) -> dict[str, int]:
    """Fill the empty database at ``url`` with a heavy job search; returns row counts."""
    from topofmind.paths import database_url, is_sqlite
    from topofmind.services.transfer import is_empty
    from topofmind.store.database import Database, make_engine, migrate_database, open_database

    full = database_url(url)
    if not is_sqlite(full):
        migrate_database(Database(make_engine(full), full))
    db = open_database(url)
    rng = random.Random(seed)
    n_orgs = max(int(800 * scale), 5)
    n_people = max(int(20_000 * scale), 20)
    n_opps = max(int(2_000 * scale), 5)
    n_inter = max(int(300_000 * scale), 50)
    n_ach = max(int(2_000 * scale), 3)

    def moment(days_back: float) -> datetime:
        return now - timedelta(days=days_back)

    rows: dict[Any, list[dict]] = {t: [] for t in s.ORDERED}
    rows[s.profiles].append(
        {
            "id": 1,
            "owner_id": 1,
            "name": "Jordan Lee",
            "emails": ["jordan.lee@example.com"],
            "timezone": "America/New_York",
            "work_start": "09:00",
            "work_end": "17:30",
            "work_days": [0, 1, 2, 3, 4],
            "goals": [],
            "headline": "",
            "summary": "",
            "skills": [],
            "linkedin_url": "",
            "created_at": now,
        }
    )
    for i in range(1, n_orgs + 1):
        rows[s.organizations].append(
            {
                "id": i,
                "owner_id": 1,
                "name": f"Organization {i}",
                "website": "",
                "notes": "",
                "created_at": now,
            }
        )
    people_of_org: dict[int, list[int]] = {}
    for i in range(1, n_people + 1):
        org = rng.randint(1, n_orgs)
        people_of_org.setdefault(org, []).append(i)
        connected = rng.random() < 0.1
        rows[s.people].append(
            {
                "id": i,
                "owner_id": 1,
                "name": f"Person {i} Example",
                "title": "Engineer",
                "organization_id": org,
                "linkedin_url": None,
                "notes": "",
                "connected": connected,
                "connected_on": (now - timedelta(days=rng.randint(1, 400))).date()
                if connected
                else None,
                "created_at": now,
            }
        )
    opp_people: dict[int, list[int]] = {}
    link_id = change_id = 0
    for i in range(1, n_opps + 1):
        org = rng.randint(1, n_orgs)
        stage = _pick(rng, STAGES)[0]
        since = moment(rng.uniform(0, 120))
        rows[s.opportunities].append(
            {
                "id": i,
                "owner_id": 1,
                "organization_id": org,
                "title": f"Data Role {i}",
                "stage": stage,
                "posting_text": "",
                "posting_url": "",
                "priority": rng.randint(1, 5),
                "excitement": rng.randint(1, 5),
                "requirements": [],
                "notes": "",
                "settings": {},
                "source": "manual",
                "external_id": None,
                "created_at": now,
            }
        )
        for back in (rng.uniform(130, 300), None):
            change_id += 1
            rows[s.stage_changes].append(
                {
                    "id": change_id,
                    "opportunity_id": i,
                    "stage": "applied" if back else stage,
                    "at": moment(back) if back else since,
                }
            )
        candidates = people_of_org.get(org) or [rng.randint(1, n_people)]
        chosen = rng.sample(candidates, min(len(candidates), rng.randint(1, 4)))
        opp_people[i] = chosen
        for index, person in enumerate(chosen):
            link_id += 1
            rows[s.opportunity_people].append(
                {
                    "id": link_id,
                    "opportunity_id": i,
                    "person_id": person,
                    "role": ROLES[index] if index < len(ROLES) else "interviewer",
                }
            )

    def interaction_chunks() -> Iterator[dict[Any, list[dict]]]:
        """The interactions with their participants, notes and requests, a chunk at a
        time, so that ten times the size never holds millions of rows in memory."""
        part_id = note_id = request_id = 0
        chunk: dict[Any, list[dict]] = {t: [] for t in FAMILY}
        for i in range(1, n_inter + 1):
            kind, _, direction = _pick(rng, KINDS)
            if kind == "email" and rng.random() < 0.45:
                direction = "in"
            scheduled = kind in {"interview", "phone-screen"} and rng.random() < 0.03
            at = (
                now + timedelta(days=rng.uniform(0.5, 30))
                if scheduled
                else moment(rng.uniform(0, HISTORY_DAYS) ** 1.0)
            )
            if rng.random() < 0.7:
                opp = rng.randint(1, n_opps)
                pool = opp_people[opp]
            else:
                opp, pool = None, [rng.randint(1, n_people)]
            many = 1 if rng.random() < 0.8 else min(len(pool), rng.randint(2, 3))
            participants = rng.sample(pool, max(1, many))
            chunk[s.interactions].append(
                {
                    "id": i,
                    "owner_id": 1,
                    "at": at,
                    "ends_at": at + timedelta(hours=1) if kind in CONVERSATIONS else None,
                    "kind": kind,
                    "direction": direction,
                    "opportunity_id": opp,
                    "subject": f"Subject {i}" if kind == "email" else "",
                    "summary": "",
                    "scheduled": scheduled,
                    "cancelled": False,
                    "location": "",
                    "source": "manual",
                    "external_id": None,
                    "sequence": 0,
                    "message_id": None,
                    "in_reply_to": None,
                    "references": [],
                    "created_at": now,
                }
            )
            for person in participants:
                part_id += 1
                chunk[s.interaction_participants].append(
                    {"id": part_id, "interaction_id": i, "person_id": person}
                )
            if kind in CONVERSATIONS and not scheduled:
                said = [
                    ("point", f"Point {n} of conversation {i}", n) for n in range(rng.randint(0, 2))
                ]
                if rng.random() < 0.1:
                    said.append(("wish", f"A story I wish I had told in {i}", 0))
                for note_kind, note_text, position in said:
                    note_id += 1
                    chunk[s.interaction_notes].append(
                        {
                            "id": note_id,
                            "interaction_id": i,
                            "kind": note_kind,
                            "text": note_text,
                            "position": position,
                        }
                    )
            if direction == "in" and rng.random() < 0.05:
                request_id += 1
                chunk[s.requests].append(
                    {
                        "id": request_id,
                        "interaction_id": i,
                        "text": f"send document {request_id}",
                        "due": at + timedelta(days=3) if rng.random() < 0.5 else None,
                    }
                )
            if i % CHUNK == 0 or i == n_inter:
                yield chunk
                chunk = {t: [] for t in FAMILY}

    def the_rest() -> dict[Any, list[dict]]:
        """Achievements, questions, events and news (after the interactions, as the seed
        has always drawn them)."""
        later: dict[Any, list[dict]] = {t: [] for t in s.ORDERED}
        for i in range(1, n_ach + 1):
            later[s.achievements].append(
                {
                    "id": i,
                    "owner_id": 1,
                    "kind": "certification",
                    "title": f"Achievement {i}",
                    "achieved_on": (now - timedelta(days=rng.uniform(0, HISTORY_DAYS))).date(),
                    "url": "",
                    "description": "",
                    "source": "manual",
                    "external_id": None,
                    "created_at": now,
                }
            )
        for i in range(1, 2 * n_opps + 1):
            later[s.questions].append(
                {
                    "id": i,
                    "owner_id": 1,
                    "opportunity_id": rng.randint(1, n_opps),
                    "category": "plans",
                    "text": f"Question {i}?",
                    "asked": rng.random() < 0.3,
                    "answer": "",
                    "source": "manual",
                    "created_at": now,
                }
            )
        for i in range(1, max(int(500 * scale), 2) + 1):
            starts = moment(rng.uniform(-45, 365))
            later[s.events].append(
                {
                    "id": i,
                    "owner_id": 1,
                    "title": f"Event {i}",
                    "organization_id": rng.randint(1, n_orgs),
                    "starts_at": starts,
                    "ends_at": starts + timedelta(hours=2),
                    "url": "",
                    "registered": rng.random() < 0.3,
                    "attended": False,
                    "source": "manual",
                    "external_id": None,
                    "created_at": now,
                }
            )
        for i in range(1, max(int(3_000 * scale), 2) + 1):
            later[s.news_items].append(
                {
                    "id": i,
                    "owner_id": 1,
                    "organization_id": rng.randint(1, n_orgs),
                    "title": f"News {i}",
                    "url": "",
                    "published": moment(rng.uniform(0, 365)),
                    "summary": "",
                    "read": rng.random() < 0.5,
                    "external_id": f"news-{i}",
                    "created_at": now,
                }
            )
        return later

    with db.connect() as conn:
        if not is_empty(conn):
            db.dispose()
            raise SystemExit(f"{url} already holds a job search; generate into an empty one.")
    counts: dict[str, int] = {}
    with db.begin() as conn:
        _insert(conn, rows, counts)
        for chunk in interaction_chunks():
            _insert(conn, chunk, counts)
        _insert(conn, the_rest(), counts)
        if conn.dialect.name == "postgresql":
            for name, n in counts.items():
                conn.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), :n)"), {"n": n}
                )
    with db.begin() as conn:
        # Statistics, as autovacuum (PostgreSQL) or a long-lived database would have them.
        conn.execute(text("ANALYZE"))
    db.dispose()
    return counts


def _insert(conn, rows: dict[Any, list[dict]], counts: dict[str, int]) -> None:
    """Insert each table's rows, parents first, and count them."""
    for table in s.ORDERED:
        batch = rows.get(table)
        if batch:
            for start in range(0, len(batch), 20_000):
                conn.execute(insert(table), batch[start : start + 20_000])
            counts[table.name] = counts.get(table.name, 0) + len(batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="An empty SQLite file or postgresql:// URL.")
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 2,000 opportunities.")
    parser.add_argument("--seed", type=int, default=1, help="Random seed (same seed, same data).")
    args = parser.parse_args()
    started = time.perf_counter()
    counts = generate(args.db, args.scale, args.seed)
    took = time.perf_counter() - started
    print(", ".join(f"{n} {name}" for name, n in counts.items()) + f" in {took:.1f} s")


if __name__ == "__main__":
    main()
