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

Kinds of import are entries in ``registry.IMPORTERS`` (kind -> ``callable(batch, path,
ctx)``); mail is registered in ``mail``, the other kinds in ``formats``.

``summary`` says what a batch did; ``ledger``, ``matching`` and ``writer`` are the batch
as it writes (its tallies and undo records, people and organizations matched, records
written); ``batches`` opens, lists and undoes batches; ``running`` holds the locks that
let one sync of a source, or one import of a file, run at a time.
"""

from topofmind.services.imports.batches import get_batch, list_batches, undo_batch
from topofmind.services.imports.registry import import_paths, kinds

#: What the edges call: import files, list, show and undo imports.
__all__ = ["get_batch", "import_paths", "kinds", "list_batches", "undo_batch"]
