"""What every use case needs: the open database, the moment it believes is now, settings.

The edges build one ``Context`` per command or request and pass it to services.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, overload

from topofmind.domain.records import Profile
from topofmind.errors import NoProfile
from topofmind.settings import Settings, load_settings
from topofmind.store.database import Database, open_database
from topofmind.store.profiles import get_profile


@dataclass
class Context:
    db: Database
    now: datetime
    settings: Settings = field(default_factory=Settings)
    #: Notes for the person collected while working (e.g. "time zone assumed").
    notices: list[str] = field(default_factory=list)
    _profile: Profile | None = None

    @classmethod
    def open(cls, db: str | None = None, now: str | None = None) -> Context:
        from topofmind.services.when import current_time, zone

        moment = current_time(now)
        settings = load_settings()
        ctx = cls(db=open_database(db), now=moment, settings=settings)
        text = now or os.environ.get("TOM_NOW")
        if text and datetime.fromisoformat(text).tzinfo is None:
            profile = ctx.profile(required=False)
            if profile is not None:
                ctx.now = moment.replace(tzinfo=zone(profile.timezone))
                ctx.notice(
                    f"--now/TOM_NOW '{text}' has no time zone; taken in your zone "
                    f"{profile.timezone}."
                )
        return ctx

    @overload
    def profile(self, required: Literal[True] = True) -> Profile: ...

    @overload
    def profile(self, required: bool) -> Profile | None: ...

    def profile(self, required: bool = True) -> Profile | None:
        """The job seeker's profile; NoProfile when required and `tom init` has not run."""
        if self._profile is None:
            with self.db.connect() as conn:
                self._profile = get_profile(conn)
        if self._profile is None and required:
            raise NoProfile("No profile yet. Run `tom init` (or `tom demo` to try a sample).")
        return self._profile

    def forget_profile(self) -> None:
        self._profile = None

    @property
    def timezone(self) -> str:
        profile = self.profile(required=False)
        return profile.timezone if profile else "UTC"

    def notice(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)
