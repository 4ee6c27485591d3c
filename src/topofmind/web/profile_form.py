"""The profile form, as the first run and the profile page both show and save it: name,
addresses, time zone, working hours and days, goals."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from fastapi import Form

from topofmind.domain.records import Profile
from topofmind.services.context import Context
from topofmind.services.profile import init_profile
from topofmind.web.routes.interactions import lines


def profile_values(profile: Profile | None) -> dict[str, Any]:
    """The form's fields: the profile's, or a fresh record's defaults."""
    profile = profile or Profile(name="")
    return {
        "name": profile.name,
        "emails": ", ".join(profile.emails),
        "timezone": profile.timezone,
        "work_start": profile.work_start.strftime("%H:%M"),
        "work_end": profile.work_end.strftime("%H:%M"),
        "work_days": profile.work_days,
        "goals": "\n".join(profile.goals),
    }


@dataclass
class ProfileForm:
    """The form as typed, to save or to show again with what to change."""

    name: str
    emails: str = ""
    timezone: str = "UTC"
    work_start: str = "09:00"
    work_end: str = "17:30"
    work_days: list[int] = field(default_factory=list)
    goals: str = ""

    @classmethod
    def posted(
        cls,
        name: str = Form(...),
        emails: str = Form(""),
        timezone: str = Form("UTC"),
        work_start: str = Form("09:00"),
        work_end: str = Form("17:30"),
        work_days: list[int] = Form([]),
        goals: str = Form(""),
    ) -> ProfileForm:
        """The form as posted (a FastAPI dependency)."""
        return cls(name, emails, timezone, work_start, work_end, work_days, goals)

    def typed(self) -> dict[str, Any]:
        return asdict(self)

    def save(self, ctx: Context, timezone: str) -> None:
        """Keep it as the profile, in ``timezone``; raises TomError naming a mistake."""
        init_profile(
            ctx,
            self.name,
            [e.strip() for e in self.emails.replace("\n", ",").split(",") if e.strip()],
            timezone,
            goals=lines(self.goals),
            work_start=self.work_start,
            work_end=self.work_end,
            work_days=sorted(set(self.work_days)) or None,
        )
