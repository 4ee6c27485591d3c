"""Fetching a feed, a calendar or a posting over HTTP(S), politely and within limits.

Feeds and calendar URLs are re-read on every sync, so requests are conditional
(ETag, Last-Modified: an unchanged source answers 304 and costs nothing), bounded
in time (one slow server never holds up a sync) and in size (a wrong URL that
serves a video never fills memory). Redirects are followed, a few at most.
Failures are ``FetchFailed`` with a one-line reason a person can act on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from topofmind import __version__
from topofmind.domain.secrets import redacted
from topofmind.errors import FetchFailed

#: A feed or calendar larger than this is refused.
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5


@dataclass
class Fetched:
    url: str
    #: 200 with content, or 304 when the source has not changed since the last fetch.
    status: int
    content: bytes = b""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = 10.0,
    max_bytes: int = MAX_BYTES,
    client: httpx.Client | None = None,
) -> Fetched:
    """GET ``url`` conditionally; the whole exchange is held to ``timeout`` seconds."""
    shown = redacted(url)  # a private address's credentials are never printed
    headers = {"User-Agent": f"topofmind/{__version__}", "Accept": "*/*"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    own = client is None
    client = client or httpx.Client(
        follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=timeout
    )
    deadline = time.monotonic() + timeout
    try:
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return Fetched(
                    url=str(response.url), status=304, etag=etag, last_modified=last_modified
                )
            if response.status_code >= 400:
                raise FetchFailed(
                    f"{shown} answered {response.status_code} {response.reason_phrase}."
                )
            return Fetched(
                url=str(response.url),
                status=response.status_code,
                content=_body(response, shown, max_bytes, deadline, timeout),
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
            )
    except httpx.TimeoutException:
        raise FetchFailed(f"{shown} took longer than {timeout:g} s; try again later.") from None
    except httpx.TooManyRedirects:
        raise FetchFailed(
            f"{shown} redirects more than {MAX_REDIRECTS} times; check the URL."
        ) from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol):
        raise FetchFailed(f"'{shown}' is not an http(s) URL.") from None
    except httpx.HTTPError as exc:
        raise FetchFailed(f"{shown} could not be reached ({type(exc).__name__}: {exc}).") from None
    finally:
        if own:
            client.close()


def _body(
    response: httpx.Response, shown: str, max_bytes: int, deadline: float, timeout: float
) -> bytes:
    """The response's body, refused once over ``max_bytes`` or past ``deadline``."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchFailed(f"{shown} is larger than {max_bytes // 1_000_000} MB; not read.")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchFailed(f"{shown} is larger than {max_bytes // 1_000_000} MB; not read.")
        if time.monotonic() > deadline:
            raise FetchFailed(f"{shown} took longer than {timeout:g} s; try again later.")
        chunks.append(chunk)
    return b"".join(chunks)
