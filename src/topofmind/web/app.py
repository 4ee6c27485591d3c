"""The web app's factory: one open database, a Context per request, the pages and the API.

``create_app`` builds the app (``build_app``) and opens the database once
(``open_record``, migrating a local SQLite file as the CLI does); a fresh ``Context`` is
made for every request, reading the clock then, or the moment given by ``now`` /
``TOM_NOW`` so tests can travel in time.
"""

from __future__ import annotations

import importlib
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from topofmind.errors import NoProfile, NotFound, TomError
from topofmind.settings import load_settings
from topofmind.store.database import Database, open_database
from topofmind.web.background import Syncing
from topofmind.web.daily import DailyScores
from topofmind.web.pages import HERE, is_htmx, render
from topofmind.web.security import (
    CsrfGuard,
    CsrfRejected,
    SecurityHeaders,
    allowed_hosts,
    csrf_protect,
)
from topofmind.web.uploads import UploadLimit

#: Modules under topofmind.web.routes, each exposing ``router``.
ROUTE_MODULES = (
    "today",
    "pipeline",
    "opportunities",
    "organizations",
    "people",
    "interactions",
    "drafts",
    "imports",
    "records",
    "search",
    "charts",
    "feed",
    "settings",
    "profile",
    "setup",
    "api",
)


def create_app(
    db_url: str | None = None, now: str | None = None, host: str = "127.0.0.1"
) -> FastAPI:
    """The web app on the database named by ``db_url`` (or ``TOM_DB``/the default)."""
    app = build_app(host)
    open_record(app, db_url, now)
    return app


def build_app(host: str = "127.0.0.1") -> FastAPI:
    """The pages, the API and their guards, on no record yet (``open_record``)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        syncing = app.state.syncing = Syncing(app.state)
        syncing.start()
        yield
        syncing.stop()
        app.state.db.dispose()

    app = FastAPI(
        title="topofmind",
        summary="The JSON API the topofmind web pages use.",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        dependencies=[Depends(csrf_protect)],
        lifespan=lifespan,
    )
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for name in ROUTE_MODULES:
        app.include_router(importlib.import_module(f"topofmind.web.routes.{name}").router)
    from topofmind.web.routes.api import docs_router

    app.include_router(docs_router)
    _add_error_pages(app)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(host))
    app.add_middleware(SecurityHeaders)
    app.add_middleware(UploadLimit)
    return app


def open_record(app: FastAPI, db_url: str | None = None, now: str | None = None) -> None:
    """Point ``app`` at the database named by ``db_url``, at the moment ``now`` (None: the
    clock), with the settings read now and no session, CSRF token or score day yet."""
    database: Database = open_database(db_url)
    app.state.db = database
    app.state.now = now
    app.state.settings = load_settings()
    app.state.csrf = CsrfGuard()
    app.state.daily_scores = DailyScores()
    app.state.syncing = None  # started with the app (its lifespan)


def _error_response(request: Request, message: str, status: int) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    if is_htmx(request):
        # Shown in the page's message area rather than replacing what was clicked.
        return render(
            request,
            "_error.html",
            message=message,
            headers={"HX-Retarget": "#flash", "HX-Reswap": "innerHTML"},
        )
    return render(
        request, "error.html", message=message, status_code=status, back=_form_page(request)
    )


def _form_page(request: Request) -> str:
    """The page of this app whose form was just sent, to go back to (where the browser
    keeps what was typed); "" for a page opened directly."""
    referer = request.headers.get("referer", "")
    if request.method != "POST" or not referer:
        return ""
    parts = urlsplit(referer)
    if parts.netloc != request.url.netloc:
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _add_error_pages(app: FastAPI) -> None:
    @app.exception_handler(NoProfile)
    async def no_profile(request: Request, exc: NoProfile) -> Response:
        """A page that needs a profile before there is one leads to the setup."""
        if request.url.path.startswith("/api/"):
            return _error_response(request, str(exc), 409)
        if is_htmx(request):
            return Response(status_code=200, headers={"HX-Redirect": "/setup"})
        return RedirectResponse("/setup", status_code=303)

    @app.exception_handler(TomError)
    async def tom_error(request: Request, exc: TomError) -> Response:
        status = 404 if isinstance(exc, NotFound) else 403 if isinstance(exc, CsrfRejected) else 400
        return _error_response(request, str(exc), status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = "There is no such page." if exc.status_code == 404 else str(exc.detail)
        return _error_response(request, message, exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        """A bug: say so plainly (the server's log has the traceback)."""
        import logging

        logging.getLogger("topofmind.web").exception("Unexpected error on %s", request.url.path)
        return _error_response(
            request,
            f"Unexpected error: {type(exc).__name__}. Nothing half-written was kept; "
            "the server's output has the details.",
            500,
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error.get("loc", [])[1:]) or "request"
            parts.append(f"{where}: {error.get('msg', 'invalid')}")
        return _error_response(request, "Invalid input — " + "; ".join(parts), 422)
