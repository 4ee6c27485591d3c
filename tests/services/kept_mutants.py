"""A pytest plugin that removes one invalidation of the kept agenda, to show that the
property in test_kept_agenda.py catches it:

    MUTANT=settings PYTHONPATH=tests/services .venv/bin/python -m pytest -p kept_mutants \\
        tests/services/test_kept_agenda.py -k "equals and sqlite"

MUTANT names what is removed: ``settings`` (the settings' part of the fingerprint),
``steps`` (when a count of minutes, hours or days next changes), ``midnight`` (the next
calendar day), ``crossing`` (when a comparison with a moment flips), ``facts`` (when a
row enters or leaves the facts' reads), ``unread`` (the interactions' tables taken for
tables the rules do not read), ``rows`` (the decisions and profile fields the rules
read), ``wishes`` (a thank-you closed by hand taken as never read, even after a wish
was noted); and in the recompute of the groups a write touched: ``groups`` (only what
the write named and their organizations, neither their groups nor anyone tied to them
in what is read), ``across`` (the week's engagements taken as
proposed per group); and once time passed the kept agenda's window: ``expired`` (a
group's own window taken as never ending); and after a decision the rules read:
``decided`` (its action's people and opportunity left out); and after an import:
``imported`` (the people and opportunities of the messages it wrote left out); and
after an offer accepted or an opportunity moved: ``wound`` (the opportunities an
acceptance winds down taken as they were).
"""

import os

from topofmind.playbook import groups, offer, window
from topofmind.services import kept_agenda, kept_groups
from topofmind.store import kept, touches

MUTANT = os.environ.get("MUTANT", "")
if MUTANT == "settings":
    kept_agenda._fingerprint = lambda ctx: kept.fingerprint([], "same code")
elif MUTANT == "steps":
    window.WatchedNumber._next_step = lambda self, step: None
elif MUTANT == "midnight":
    window.WatchedNow._next_midnight = lambda self: None
elif MUTANT == "crossing":
    window.WatchedNow._crossing = lambda self, other: None
elif MUTANT == "facts":
    kept.facts_change_at = lambda *args, **kwargs: None
elif MUTANT == "unread":
    kept_agenda.TABLES_READ = tuple(
        t for t in kept_agenda.TABLES_READ if not t.startswith("interaction")
    )
elif MUTANT == "rows":
    kept.rows_digest = lambda *args, **kwargs: "the same"
elif MUTANT == "wishes":
    kept.wished = lambda conn, among: frozenset()
elif MUTANT == "groups":
    groups.Groups.closure = lambda self, nodes: set(nodes)
    groups.beyond = lambda facts, ties, nodes: set()
elif MUTANT == "across":
    groups.ACROSS_GROUPS = groups.ACROSS_GROUPS - {"engage"}
elif MUTANT == "expired":
    kept_groups._ended = lambda until, now: False
elif MUTANT == "decided":
    groups.named_in = lambda action_id: (set(), set())
elif MUTANT == "imported":
    touches.of_interactions = lambda conn, ids: (set(), set())
elif MUTANT == "wound":
    kept_groups._wound_down_after = lambda memo, read: offer.wound_down(memo.facts)
