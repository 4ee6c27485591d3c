"""Uploads are bounded and never held in memory or on the event loop.

``UploadLimit`` refuses a request to the Import page larger than the ``upload_mb``
setting: at once when it says its length, and as soon as it passes the bound when it
does not. What is taken is spooled to temporary files by the form parser, copied to the
import's own folder and imported in a worker thread, so every other page keeps
answering while a large mailbox is read.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path
from typing import BinaryIO

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from topofmind.errors import UploadTooLarge

#: Paths whose requests may carry a file, and so are held to the upload bound.
UPLOAD_PATHS = ("/import",)
#: Bytes copied at a time from an upload to its file.
CHUNK = 1024 * 1024


def too_large(limit_mb: int) -> UploadTooLarge:
    return UploadTooLarge(
        f"The upload is larger than {limit_mb} MiB (the upload_mb setting). "
        "Import a file this large with `tom import KIND PATH`, or raise upload_mb."
    )


class UploadLimit:
    """ASGI middleware bounding the body of an upload by the ``upload_mb`` setting."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or scope["path"] not in (UPLOAD_PATHS)
        ):
            await self.app(scope, receive, send)
            return
        limit_mb = int(scope["app"].state.settings.upload_mb)
        limit = limit_mb * 1024 * 1024
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await _refuse(scope, receive, send, limit_mb)  # before a byte of it is read
            return
        received = 0
        exceeded = False

        async def bounded() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise too_large(limit_mb)
            return message

        async def unless_exceeded(message: Message) -> None:
            if not exceeded:  # the app's answer to a body cut short is replaced
                await send(message)

        with contextlib.suppress(UploadTooLarge):  # raised above, answered below
            await self.app(scope, bounded, unless_exceeded)
        if exceeded:
            await _refuse(scope, receive, send, limit_mb)


async def _refuse(scope: Scope, receive: Receive, send: Send, limit_mb: int) -> None:
    """The app's own error page (or htmx partial) saying the upload is too large."""
    from starlette.requests import Request

    from topofmind.web.app import _error_response

    response = _error_response(Request(scope, receive), str(too_large(limit_mb)), 413)
    await response(scope, receive, send)


def save_upload(source: BinaryIO, target: Path) -> None:
    """Copy an upload (spooled by the form parser) to ``target`` a chunk at a time."""
    source.seek(0)
    with target.open("wb") as out:
        shutil.copyfileobj(source, out, CHUNK)
