"""The durability suite, bounded: every kind of writer on one record at once for a few
seconds, on SQLite and PostgreSQL, with SIGKILL sent to one of them at random moments
(every one to two seconds, so a short run still kills several).
Every acknowledged write must be in the export and on the web app's page, each once,
with no half batch and (SQLite) ``integrity_check`` ok; each import killed midway is
run again and finishes. ``bench/durability.py`` runs the same at length, with and
without the kills."""

from __future__ import annotations

import pytest
from writers import Run

pytestmark = pytest.mark.durability

#: Seconds of writing per database, and between two kills: each database's run, checks
#: included, stays under about half a minute.
SECONDS = 5
KILL_EVERY = (1.0, 2.0)


@pytest.fixture
def url_on(db_url):
    """A database URL as programs are given it, migrated (PostgreSQL needs it first)."""
    if db_url.startswith("postgresql"):
        from conftest import open_context

        open_context(db_url).db.dispose()
    return db_url


def test_no_acknowledged_write_is_lost_when_writers_are_killed(url_on, tmp_path, tom_home, dovecot):
    dovecot.clear()
    tally = Run(
        url_on, tom_home, tmp_path / "work", SECONDS, True, dovecot=dovecot, kill_every=KILL_EVERY
    ).run()
    print(tally.line())
    assert tally.refused == []
    assert tally.lost == []
    assert tally.duplicates == 0
    assert tally.half_batches == 0
    assert tally.integrity in ("ok", "n/a (PostgreSQL checks its own)")
    assert tally.acknowledged["web app"] > 0 and tally.acknowledged["tom achievement add"] > 0
    assert tally.acknowledged["tom import (messages)"] > 0
    assert sum(tally.kills.values()) >= 2
