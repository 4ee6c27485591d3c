"""Settings: every setting with its value, help and reason, editable; and the feed URL."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from topofmind.errors import TomError
from topofmind.services.context import Context
from topofmind.services.feed import feed_token
from topofmind.settings import SETTINGS, load_settings, save_setting
from topofmind.web.app_context import get_context
from topofmind.web.pages import render

router = APIRouter()


@router.get("/settings", response_class=HTMLResponse, include_in_schema=False)
def settings_page(request: Request, ctx: Context = Depends(get_context)):
    saved = request.query_params.get("saved", "")
    return _page(request, ctx, saved=saved, syncing=request.query_params.get("syncing") == "1")


def _saved(request: Request, name: str) -> RedirectResponse:
    """Back to the setting just saved; one that sets up a sync starts it (the page says so)."""
    syncing = getattr(request.app.state, "syncing", None)
    now = syncing is not None and syncing.setting_saved(name)
    return RedirectResponse(
        f"/settings?saved={name}{'&syncing=1' if now else ''}#{name}", status_code=303
    )


def _page(
    request: Request,
    ctx: Context,
    saved: str = "",
    refused: dict | None = None,
    syncing: bool = False,
):
    """The settings; ``refused`` is a value that could not be saved: its setting's name,
    the value as typed and why, shown in its row."""
    token = feed_token(ctx)
    feed_url = f"{str(request.base_url).rstrip('/')}/feed/{token}.ics" if token else ""
    return render(
        request,
        "settings.html",
        ctx,
        status_code=400 if refused else 200,
        settings=SETTINGS,
        values=ctx.settings,
        feed_url=feed_url,
        profile=ctx.profile(required=False),
        saved=saved,
        syncing=syncing,
        refused=refused or {},
    )


@router.get("/export.json", include_in_schema=False)
def export_download(ctx: Context = Depends(get_context)):
    """The whole record as JSON (what `tom export` writes), as a download."""
    import json

    from fastapi.encoders import jsonable_encoder
    from fastapi.responses import Response

    from topofmind.services.transfer import export_document

    body = json.dumps(jsonable_encoder(export_document(ctx)), indent=2, ensure_ascii=False)
    return Response(
        body,
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="topofmind-export.json"'},
    )


@router.post("/backup", response_class=HTMLResponse, include_in_schema=False)
def backup(request: Request, ctx: Context = Depends(get_context)):
    """A consistent copy of a SQLite database (what `tom backup` makes)."""
    from topofmind.services.backup import backup as backup_database

    path = backup_database(ctx, reason="web")
    return render(request, "_delivered.html", ctx, message=f"Backed up to {path}.", draft=None)


@router.post("/settings", include_in_schema=False)
def setting_save(
    request: Request,
    name: str = Form(...),
    value: str = Form(""),
    ctx: Context = Depends(get_context),
):
    """Write one setting to the settings file; the app uses it from the next request. A
    value that cannot be used comes back in its row, as typed, with why."""
    try:
        save_setting(name, value)
    except TomError as error:
        return _page(request, ctx, refused={"name": name, "value": value, "why": str(error)})
    request.app.state.settings = load_settings()
    return _saved(request, name)


@router.post("/settings/password/{kind}", include_in_schema=False)
def password_save(
    request: Request,
    kind: str,
    password: str = Form(""),
    ctx: Context = Depends(get_context),
):
    """Keep a mail password in the system keyring, never in the settings or the database."""
    from topofmind.services.mail_accounts import save_password

    name = f"{kind}_password"
    try:
        save_password(ctx, kind, password)
    except TomError as error:
        return _page(request, ctx, refused={"name": name, "value": "", "why": str(error)})
    return _saved(request, name)
