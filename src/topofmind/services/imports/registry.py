"""The registry of import kinds and importing paths of one kind as one batch."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from topofmind.capture.items import (
    Problem,
)
from topofmind.errors import BadFile, InvalidValue
from topofmind.services.context import Context
from topofmind.services.imports.batches import open_batch
from topofmind.services.imports.running import importing
from topofmind.services.imports.summary import BatchSummary, Progress
from topofmind.services.imports.writer import BatchWriter

Importer = Callable[[BatchWriter, Path, Context], None]

#: kind -> importer; ``formats`` adds the kinds it provides.
IMPORTERS: dict[str, Importer] = {}


def importer(kind: str) -> Callable[[Importer], Importer]:
    """Register a function as the importer of one kind."""

    def register(function: Importer) -> Importer:
        IMPORTERS[kind] = function
        return function

    return register


_loaded = False


def _load_kinds() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    import importlib

    importlib.import_module("topofmind.services.imports.mail")
    importlib.import_module("topofmind.services.imports.formats")


def kinds() -> list[str]:
    _load_kinds()
    return sorted(IMPORTERS)


#: Why a path named among others was not imported.
MISSING = "does not exist; check the path and import it again"


def import_paths(
    ctx: Context,
    kind: str,
    paths: list[str],
    dry_run: bool = False,
    progress: Progress | None = None,
    target: str | None = None,
) -> BatchSummary:
    """Import files of one kind as one batch. A file that cannot be read, or a path that
    does not exist among others that do, is a failed item.
    ``target`` names what was imported when the paths do not (uploads in a temporary
    folder: their own names)."""
    if kind not in IMPORTERS:
        _load_kinds()
    if kind not in IMPORTERS:
        raise InvalidValue(f"Unknown import kind '{kind}'. Choose one of: {', '.join(kinds())}.")
    if not paths:
        raise InvalidValue(f"Name at least one file: tom import {kind} PATH.")
    missing = [p for p in paths if not Path(p).expanduser().exists()]
    found = [p for p in paths if p not in missing]
    if not found:
        names = " and ".join(missing) if len(missing) < 3 else f"{missing[0]} and the others"
        verb = "does" if len(missing) == 1 else "do"
        raise BadFile(f"{names} {verb} not exist. Check the path and try again.")
    ctx.profile()
    run = IMPORTERS[kind]
    target = target or ", ".join(str(Path(p).expanduser()) for p in found)
    with (
        importing(ctx, kind, target),
        open_batch(ctx, kind, target, dry_run=dry_run, progress=progress) as batch,
    ):
        for path in missing:  # the files that are there are still imported
            batch.problem(Problem(where=path, why=MISSING))
        for path in found:
            try:
                run(batch, Path(path).expanduser(), ctx)
            except BadFile as exc:
                batch.problem(Problem(where=Path(path).name, why=str(exc)))
    return batch.summary
