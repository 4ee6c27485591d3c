"""A job search lived day by day through the CLI, for the story tests.

``Journey`` wraps the ``tom`` fixture (tests/conftest.py) with a clock that only moves
forward: ``day(n, "10:00")`` sets the moment to ``n`` days after the story's first
day, and every command after it runs at that moment with ``--now``. What the person
sees is read back the way they would read it: ``today()`` is the text of ``tom
today``, ``actions()`` the parsed ``tom actions --json``.

    j = Journey(tom, start=date(2026, 11, 2))
    j.day(0, "09:00")
    j.run("org", "add", "Brightline")
    j.day(3, "16:30")
    assert "Thank Marcus" in j.today()

A beginning several stories share is lived once on each database and copied for the
others: ``begun(recorded, tom, start_search)`` (``recorded`` in tests/conftest.py)
returns the journey ``start_search(tom)`` would, its clock where it left off.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

#: The person living the stories works in New York, as the tests' NOW does.
ZONE = ZoneInfo("America/New_York")


class Journey:
    """One job search, driven through the CLI with a moving ``--now``."""

    def __init__(
        self,
        tom,
        start: date = date(2026, 11, 2),
        name: str = "Jordan Lee",
        email: str = "jordan.lee@example.com",
        zone: ZoneInfo = ZONE,
    ) -> None:
        self.tom = tom
        self.start = start
        self.zone = zone
        self.now = datetime.combine(start, time(9, 0), tzinfo=zone)
        self.run("init", "--name", name, "--email", email, "--tz", str(zone))

    # The clock -------------------------------------------------------------------

    def day(self, n: int, clock: str = "09:00") -> datetime:
        """Move to ``clock`` on the story's day ``n`` (day 0 is ``start``); never back."""
        hours, minutes = (int(x) for x in clock.split(":"))
        moment = datetime.combine(
            self.start + timedelta(days=n), time(hours, minutes), tzinfo=self.zone
        )
        assert moment >= self.now, f"a story never goes back in time ({moment} < {self.now})"
        self.now = moment
        return moment

    def at(self, n: int, clock: str) -> str:
        """The ISO moment of ``clock`` on day ``n``, for --at and --by options."""
        hours, minutes = (int(x) for x in clock.split(":"))
        moment = datetime.combine(
            self.start + timedelta(days=n), time(hours, minutes), tzinfo=self.zone
        )
        return moment.isoformat()

    @property
    def weekday(self) -> str:
        return self.now.strftime("%A")

    # Commands ----------------------------------------------------------------------

    def run(self, *args: str, input: str | None = None, ok: bool = True):
        """Run ``tom ARGS`` at the story's moment; a failure fails the story unless not ``ok``."""
        result = self.tom(*args, input=input, now=self.now.isoformat())
        if ok:
            assert result.exit_code == 0, f"tom {' '.join(args)}\n{result.output}"
        return result

    def log(self, kind: str, *with_: str, **options) -> dict:
        """``tom log KIND --with …`` with options by name (``opp="Brightline"``,
        ``direction="out"``, ``point=[...]``; ``scheduled=True``); returns its JSON."""
        args = [kind]
        for who in with_:
            args += ["--with", who]
        for name, value in options.items():
            flag = "--" + name.replace("_", "-")
            if value is True:
                args.append(flag)
            elif isinstance(value, list | tuple):
                for item in value:
                    args += [flag, item]
            elif value is not None and value is not False:
                args += [flag, str(value)]
        return json.loads(self.run("log", *args, "--json").stdout)

    # What the person sees ------------------------------------------------------------

    def today(self, *args: str) -> str:
        """The text of ``tom today`` (every action of each group)."""
        return self.run("today", "--all", *args).output

    def actions(self, rule: str | None = None) -> list[dict]:
        """The open actions of ``tom actions --json`` (only ``rule``'s when given)."""
        args = ["actions", "--json"] + (["--rule", rule] if rule else [])
        return json.loads(self.run(*args).stdout)

    def titles(self, rule: str | None = None) -> list[str]:
        return [a["title"] for a in self.actions(rule)]

    def action(self, startswith: str) -> dict:
        """The one open action whose title starts with ``startswith``."""
        found = [a for a in self.actions() if a["title"].startswith(startswith)]
        assert len(found) == 1, f"{startswith!r}: {[a['title'] for a in self.actions()]}"
        return found[0]

    def has(self, text: str) -> bool:
        """Whether any open action's title contains ``text``."""
        return any(text in a["title"] for a in self.actions())


#: Where each shared beginning left its journey: (start, now, zone), by its name.
_LEFT_AT: dict[str, tuple[date, datetime, ZoneInfo]] = {}


def begun(recorded, tom, begin: Callable[..., Journey]) -> Journey:
    """The journey ``begin(tom)`` makes: lived by the first test on each database (per
    session and worker) and copied for the others, as ``recorded`` does for any record the
    CLI builds; the clock is where ``begin`` left it."""
    name = f"{begin.__module__}.{begin.__qualname__}"

    def build(tom) -> None:
        j = begin(tom)
        _LEFT_AT[name] = (j.start, j.now, j.zone)

    build.__module__, build.__qualname__ = begin.__module__, begin.__qualname__
    recorded(tom, build)
    start, now, zone = _LEFT_AT[name]
    j = Journey.__new__(Journey)
    j.tom, j.start, j.zone, j.now = tom, start, zone, now
    return j
