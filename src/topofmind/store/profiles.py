"""The job seeker's own profile: one row per owner."""

from __future__ import annotations

from datetime import time

from sqlalchemy import Connection

from topofmind.domain.records import Profile
from topofmind.store.rows import OWNER, insert_row, owned, update_row
from topofmind.store.schema import profiles


def _to_profile(row) -> Profile:
    return Profile(
        id=row["id"],
        name=row["name"],
        emails=list(row["emails"] or []),
        timezone=row["timezone"],
        work_start=time.fromisoformat(row["work_start"]),
        work_end=time.fromisoformat(row["work_end"]),
        work_days=list(row["work_days"] or []),
        goals=list(row["goals"] or []),
        headline=row["headline"],
        summary=row["summary"],
        skills=list(row["skills"] or []),
        resume=row["resume"],
        linkedin_url=row["linkedin_url"],
    )


def _values(profile: Profile) -> dict:
    return {
        "name": profile.name,
        "emails": [e.lower() for e in profile.emails],
        "timezone": profile.timezone,
        "work_start": profile.work_start.strftime("%H:%M"),
        "work_end": profile.work_end.strftime("%H:%M"),
        "work_days": list(profile.work_days),
        "goals": list(profile.goals),
        "headline": profile.headline,
        "summary": profile.summary,
        "skills": list(profile.skills),
        "resume": profile.resume,
        "linkedin_url": profile.linkedin_url,
    }


def get_profile(conn: Connection) -> Profile | None:
    row = conn.execute(owned(profiles)).mappings().first()
    return _to_profile(row) if row else None


def save_profile(conn: Connection, profile: Profile) -> Profile:
    """Insert the owner's profile or replace its values."""
    existing = conn.execute(owned(profiles)).mappings().first()
    if existing:
        update_row(conn, profiles, existing["id"], _values(profile))
        profile.id = existing["id"]
    else:
        profile.id = insert_row(conn, profiles, {**_values(profile), "owner_id": OWNER})
    return profile


def ics_token(conn: Connection) -> str | None:
    row = conn.execute(owned(profiles)).mappings().first()
    return row["ics_token"] if row else None


def set_ics_token(conn: Connection, token: str) -> None:
    row = conn.execute(owned(profiles)).mappings().first()
    if row:
        update_row(conn, profiles, row["id"], {"ics_token": token})
