"""Settings for people: grouped (you, working hours, rhythm of follow-ups, mail, calendar,
drafting, importing), each with a human label, its default and why, one Save per group;
a mail account and a calendar address can be tried before saving; the feed URL."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from topofmind.domain.records import WEEKDAYS
from topofmind.errors import NotFound, TomError
from topofmind.services.context import Context
from topofmind.services.feed import feed_token
from topofmind.settings import BY_NAME, SETTINGS, coerce, load_settings, save_setting
from topofmind.web.app_context import get_context
from topofmind.web.pages import is_htmx, render
from topofmind.web.profile_form import ProfileForm, profile_values
from topofmind.web.setting_groups import (
    GROUPS,
    PROFILE_GROUPS,
    group_of,
    label,
    members,
    shown,
)

router = APIRouter()


@router.get("/settings", response_class=HTMLResponse, include_in_schema=False)
def settings_page(request: Request, ctx: Context = Depends(get_context)):
    saved = request.query_params.get("saved", "")
    return _page(request, ctx, saved=saved, syncing=request.query_params.get("syncing") == "1")


def _said(name: str) -> str:
    """What a saved name reads as: a group's title, a setting's label, a password."""
    for group in GROUPS:
        if group.key == name:
            return group.title
    if name.endswith("_password"):
        return f"the {name[:4]} password"
    setting = BY_NAME.get(name)
    return label(setting)[0] if setting else name


def human(error: str, name: str) -> str:
    """A refusal in a person's words: "It must be a whole number, not 'soon'." rather
    than the setting's name and a type."""
    text = error.replace(f"Setting '{name}' ", "It ")
    return text.replace("must be int,", "must be a whole number,").replace(
        "must be float,", "must be a number,"
    )


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
    typed: dict | None = None,
    profile_form: dict | None = None,
    tested: dict | None = None,
):
    """The settings; ``refused`` is a value that could not be saved: its setting's name,
    the value as typed and why, shown in its row."""
    token = feed_token(ctx)
    feed_url = f"{str(request.base_url).rstrip('/')}/feed/{token}.ics" if token else ""
    refused = refused or {}
    return render(
        request,
        "settings.html",
        ctx,
        status_code=400 if refused else 200,
        settings=SETTINGS,
        groups=[(g, members(g)) for g in GROUPS],
        label=label,
        shown=shown,
        values={**ctx.settings, **(typed or {})},
        feed_url=feed_url,
        profile=ctx.profile(required=False),
        profile_form=profile_form or _profile_values(ctx),
        weekdays=WEEKDAYS,
        saved=saved,
        saved_said=_said(saved) if saved else "",
        syncing=syncing,
        refused=refused,
        refused_group=_refused_group(refused),
        refused_said=_said(refused["name"]) if refused.get("name") else "",
        tested=tested or {},
    )


def _refused_group(refused: dict) -> str:
    if not refused:
        return ""
    if refused.get("group"):
        return refused["group"]
    group = group_of(refused.get("name", ""))
    return group.key if group else ""


def _profile_values(ctx: Context) -> dict:
    return profile_values(ctx.profile(required=False))


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
        return _page(
            request,
            ctx,
            refused={"name": name, "value": value, "why": human(str(error), name)},
            typed={name: value},
        )
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


@router.post("/settings/group/{key}", include_in_schema=False)
async def group_save(request: Request, key: str, ctx: Context = Depends(get_context)):
    """Save one group: every value is checked first, and nothing is written unless all
    can be used; a refused value comes back as typed, beside why. A password typed in the
    mail group goes to the keyring."""
    group = next((g for g in GROUPS if g.key == key), None)
    if group is None:
        raise NotFound(f"No settings group '{key}'.")
    form = await request.form()
    if key in PROFILE_GROUPS:
        return _save_profile(request, ctx, key, form)
    typed = {s.name: str(form.get(s.name, "")) for s in members(group) if s.name in form}
    errors = {}
    for name, value in typed.items():
        try:
            coerce(name, value)
        except TomError as error:
            errors[name] = human(str(error), name)
    if errors:
        first = next(iter(errors))
        refused = {"name": first, "why": errors[first], "errors": errors, "group": key}
        return _page(request, ctx, refused=refused, typed=typed)
    changed = [n for n, v in typed.items() if coerce(n, v) != ctx.settings[n]]
    for name in changed:
        save_setting(name, typed[name])
    settings = request.app.state.settings = load_settings()
    if key == "mail":
        password_refused = _keep_passwords(ctx, settings, form)
        if password_refused:
            return _page(request, ctx, refused=password_refused)
    syncing = getattr(request.app.state, "syncing", None)
    now = syncing is not None and any(syncing.setting_saved(n) for n in changed)
    return RedirectResponse(
        f"/settings?saved={key}{'&syncing=1' if now else ''}#{key}", status_code=303
    )


def _keep_passwords(ctx: Context, settings, form) -> dict | None:
    """Keep the mail passwords typed in the mail group; a refusal as _page shows it."""
    from topofmind.services.context import Context as Fresh
    from topofmind.services.mail_accounts import save_password

    fresh = Fresh(db=ctx.db, now=ctx.now, settings=settings)
    for kind in ("imap", "smtp"):
        password = str(form.get(f"{kind}_password", ""))
        if not password:
            continue
        try:
            save_password(fresh, kind, password)
        except TomError as error:
            return {"name": f"{kind}_password", "why": str(error), "group": "mail"}
    return None


def _save_profile(request: Request, ctx: Context, key: str, form) -> Response:
    """The you and working-hours groups: the profile with this group's fields changed."""
    typed = _profile_values(ctx)
    if key == "you":
        for field in ("name", "emails", "timezone", "goals"):
            typed[field] = str(form.get(field, ""))
    else:
        typed["work_start"] = str(form.get("work_start", ""))
        typed["work_end"] = str(form.get("work_end", ""))
        typed["work_days"] = [int(d) for d in form.getlist("work_days") if str(d).isdigit()]
    profile = ProfileForm(**typed)
    try:
        profile.save(ctx, profile.timezone.strip() or "UTC")
    except TomError as error:
        refused = {"name": key, "why": str(error), "group": key}
        return _page(request, ctx, refused=refused, profile_form=typed)
    return RedirectResponse(f"/settings?saved={key}#{key}", status_code=303)


@router.post("/settings/test/mail", response_class=HTMLResponse, include_in_schema=False)
def test_mail(
    request: Request,
    imap_host: str = Form(""),
    imap_port: str = Form("993"),
    imap_security: str = Form("tls"),
    imap_user: str = Form(""),
    imap_password: str = Form(""),
    ctx: Context = Depends(get_context),
):
    """Log in to the mail account as typed (the password typed, else the one kept in the
    keyring), before saving anything; what it found or why it failed."""
    from topofmind.services.connections import try_imap

    try:
        port = int(imap_port or 993)
        said, ok = try_imap(imap_host, port, imap_security, imap_user, imap_password), True
    except ValueError:
        said, ok = "The port must be a whole number, like 993.", False
    except TomError as error:
        said, ok = str(error), False
    return _tested(request, ctx, "mail", ok, said, typed={
        "imap_host": imap_host, "imap_port": imap_port, "imap_security": imap_security,
        "imap_user": imap_user,
    })  # fmt: skip


@router.post("/settings/test/calendar", response_class=HTMLResponse, include_in_schema=False)
def test_calendar(
    request: Request, calendar_url: str = Form(""), ctx: Context = Depends(get_context)
):
    """Read the calendar address as typed, before saving it."""
    from topofmind.services.connections import try_calendar

    try:
        said = try_calendar(calendar_url, timeout=float(ctx.settings.feed_timeout_seconds))
        ok = True
    except TomError as error:
        said, ok = str(error), False
    return _tested(request, ctx, "calendar", ok, said, typed={"calendar_url": calendar_url})


def _tested(request: Request, ctx: Context, group: str, ok: bool, said: str, typed: dict):
    tested = {"group": group, "ok": ok, "said": said}
    if is_htmx(request):
        return render(request, "_tested.html", ctx, tested=tested)
    return _page(request, ctx, tested=tested, typed=typed)
