"""What keeps the local web app safe by default: CSRF tokens, security headers, trusted hosts.

* **CSRF.** A browser session gets a random cookie; its token is an HMAC of that cookie
  under a secret made fresh for each server process. Every POST, PUT, PATCH and DELETE
  must carry the token in the ``X-CSRF-Token`` header (htmx and our own JS send it from
  the page's meta tag) or in a ``csrf_token`` form field. Another site cannot read the
  token, so it cannot make the browser change the record.
* **Headers.** A Content-Security-Policy without inline script or style, so nothing
  imported (an HTML email, a posting) can run script even if it slipped past escaping;
  framing refused; no referrer leaves the app.
* **Hosts.** Only requests naming the host the app was bound to are answered, which stops
  DNS-rebinding pages from talking to a server on 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from topofmind.errors import TomError

SESSION_COOKIE = "tom_session"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class CsrfRejected(TomError):
    """Shown to the user: a change was sent without the page's CSRF token."""


class CsrfGuard:
    """Issues and checks CSRF tokens bound to a session cookie, under a per-process secret."""

    def __init__(self, secret: bytes | None = None) -> None:
        self.secret = secret or secrets.token_bytes(32)

    def new_session(self) -> str:
        return secrets.token_urlsafe(24)

    def token_for(self, session: str) -> str:
        return hmac.new(self.secret, session.encode(), hashlib.sha256).hexdigest()

    def is_valid(self, session: str | None, token: str | None) -> bool:
        if not session or not token:
            return False
        return hmac.compare_digest(self.token_for(session), token)


def session_of(request: Request) -> str:
    """The browser's session id: its cookie, or a new one the response will set."""
    session = request.cookies.get(SESSION_COOKIE) or getattr(request.state, "new_session", None)
    if not session:
        session = request.app.state.csrf.new_session()
        request.state.new_session = session
    return session


def csrf_token(request: Request) -> str:
    return request.app.state.csrf.token_for(session_of(request))


async def csrf_protect(request: Request) -> None:
    """A dependency of every route: changes need the session's token."""
    if request.method in SAFE_METHODS:
        return
    token = request.headers.get(CSRF_HEADER)
    if token is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            token = value if isinstance(value, str) else None
    guard: CsrfGuard = request.app.state.csrf
    if not guard.is_valid(request.cookies.get(SESSION_COOKIE), token):
        raise CsrfRejected(
            "This change was sent without a valid security token. Reload the page and try again."
        )


class SecurityHeaders:
    """ASGI middleware adding the security headers to every response (cheaper than
    BaseHTTPMiddleware, which matters for the requests-per-second target)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in present)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def allowed_hosts(bound_host: str) -> list[str]:
    """Host names the app answers to when bound to ``bound_host``."""
    if bound_host in {"0.0.0.0", "::", ""}:
        return ["*"]
    return sorted({"127.0.0.1", "localhost", "[::1]", "::1", "testserver", bound_host})
