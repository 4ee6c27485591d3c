"""Import: upload mail, calendars, the LinkedIn export, contacts, a resume or a posting;
see the batch summary; undo a batch."""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePath

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from topofmind.errors import InvalidValue
from topofmind.services import imports
from topofmind.services.context import Context
from topofmind.web.app_context import get_context
from topofmind.web.pages import is_htmx, render
from topofmind.web.uploads import save_upload

router = APIRouter()

#: File endings and the import kinds that read them, most specific first.
KIND_BY_SUFFIX = {
    ".mbox": ("mbox", "email"),
    ".eml": ("eml", "email"),
    ".ics": ("ics", "calendar"),
    ".zip": ("linkedin",),
    ".vcf": ("vcf", "vcard", "contacts"),
    ".json": ("resume", "json-resume", "resume.json"),
    ".txt": ("posting",),
    ".html": ("posting",),
    ".htm": ("posting",),
    ".pdf": ("posting",),
}


def guess_kind(filename: str, available: list[str]) -> str:
    """The import kind for a file, from its ending, among the kinds installed."""
    suffix = PurePath(filename).suffix.lower()
    for kind in KIND_BY_SUFFIX.get(suffix, ()):
        if kind in available:
            return kind
    raise InvalidValue(
        f"Cannot tell what kind of file {filename} is. Choose its kind: {', '.join(available)}."
    )


@router.get("/import", response_class=HTMLResponse, include_in_schema=False)
def import_page(request: Request, ctx: Context = Depends(get_context)):
    return render(
        request,
        "import.html",
        ctx,
        kinds=imports.kinds(),
        batches=imports.list_batches(ctx),
    )


@router.post("/import", response_class=HTMLResponse, include_in_schema=False)
async def import_upload(
    request: Request,
    files: list[UploadFile] = File(...),
    kind: str = Form("auto"),
    ctx: Context = Depends(get_context),
):
    """Save the uploads to a private temporary folder, each under its own name, and import
    them: one batch per kind, each file's kind read from its name unless one is chosen.
    The upload is bounded by ``upload_mb`` (``web.uploads``)."""
    named = [(f.filename, f) for f in files if f.filename]
    if not named:
        raise InvalidValue("Choose at least one file to import.")
    available = imports.kinds()
    by_kind: dict[str, list[tuple[str, UploadFile]]] = {}
    for filename, upload in named:
        name = PurePath(filename).name
        chosen = kind if kind != "auto" else guess_kind(name, available)
        by_kind.setdefault(chosen, []).append((name, upload))
    summaries = []
    with tempfile.TemporaryDirectory(prefix="tom-import-") as folder:
        for chosen, uploads in by_kind.items():
            paths = []
            for index, (name, upload) in enumerate(uploads):
                own = Path(folder) / chosen / str(index)  # keeps the file's own name
                own.mkdir(parents=True)
                await run_in_threadpool(save_upload, upload.file, own / name)
                paths.append(str(own / name))
            names = ", ".join(name for name, _ in uploads)
            # In a worker thread: the import commits in steps, which the Import page lists
            # as it goes, and every other page keeps answering meanwhile.
            summaries.append(
                await run_in_threadpool(imports.import_paths, ctx, chosen, paths, target=names)
            )
    notices = list(ctx.notices)
    if is_htmx(request):
        return render(
            request, "_batches.html", ctx, batches=summaries, just_imported=True, notices=notices
        )
    if len(summaries) > 1:
        return RedirectResponse("/import", status_code=303)
    return render(
        request, "import_done.html", ctx, batch=summaries[0], just_imported=True, notices=notices
    )


@router.get("/import/{batch_id}", response_class=HTMLResponse, include_in_schema=False)
def batch_page(request: Request, batch_id: int, ctx: Context = Depends(get_context)):
    """One import; its card alone when asked by htmx (a sync under way refreshes its card
    every few seconds, until it is done)."""
    batch = imports.get_batch(ctx, batch_id)
    if is_htmx(request):
        return render(request, "_batch.html", ctx, batch=batch)
    return render(request, "import_done.html", ctx, batch=batch)


@router.post("/import/{batch_id}/undo", response_class=HTMLResponse, include_in_schema=False)
def batch_undo(request: Request, batch_id: int, ctx: Context = Depends(get_context)):
    summary = imports.undo_batch(ctx, batch_id)
    if is_htmx(request):
        return render(request, "_batch.html", ctx, batch=summary)
    return RedirectResponse(f"/import/{batch_id}", status_code=303)


@router.post("/sync/{source}", response_class=HTMLResponse, include_in_schema=False)
def sync_now(request: Request, source: str, ctx: Context = Depends(get_context)):
    """Re-read mail (IMAP), the calendar, the company feeds, or everything set up, now."""
    from topofmind.services.sync import sources as sync

    if source == "all":
        return render(request, "_synced.html", ctx, synced=sync.sync_everything(ctx))
    return render(request, "_batch.html", ctx, batch=sync.sync_source(ctx, source))
