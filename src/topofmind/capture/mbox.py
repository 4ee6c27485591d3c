"""Splitting an mbox file into raw messages, streaming, without loading it whole.

Gmail Takeout and Thunderbird write mbox: messages one after another, each
starting with a "From " line after an empty line. The file is read in blocks and
cut at those lines, so memory stays flat however large the file is. A first
message without its "From " line (some exporters drop it) is still a message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from topofmind.capture.email import looks_like_message
from topofmind.errors import BadFile

#: Bytes read at a time.
BLOCK = 1 << 20

#: A "From " line that carries a time, as every mbox writer puts; a body line starting
#: with "From " rarely does.
_FROM_LINE = re.compile(rb"From [^\n]*\d\d:\d\d")


class NotAnMbox(BadFile):
    """Shown to the user: the file is neither an mbox nor an email message."""


def iter_mbox(path: Path) -> Iterator[tuple[int, bytes]]:
    """(number, raw message) for each message, the "From " line removed; numbers from 1."""
    with path.open("rb") as handle:
        head = handle.read(max(BLOCK, 1024))
        start = head.lstrip(b"\r\n\t ")
        if not start:
            return
        if not (start.startswith(b"From ") or looks_like_message(start)):
            raise NotAnMbox(
                f"not an mbox file or an email message (it starts with {_preview(start)}); "
                "name an .mbox or .eml file or a Maildir folder"
            )
        pending = start
        number = 0
        while True:
            begin = 0
            for cut in _cuts(pending):
                chunk = pending[begin:cut]
                begin = cut + 1
                if chunk.strip():
                    number += 1
                    yield number, _without_from_line(chunk)
            pending = pending[begin:]
            block = handle.read(BLOCK)
            if not block:
                break
            pending += block
        if pending.strip():
            number += 1
            yield number, _without_from_line(pending)


def _cuts(data: bytes) -> list[int]:
    """Positions of the line breaks that end a message (before a complete "From " line)."""
    cuts = []
    at = data.find(b"\nFrom ")
    while at != -1:
        end = data.find(b"\n", at + 1)
        if end == -1:
            break  # the line is not complete yet; the next block finishes it
        if _FROM_LINE.match(data, at + 1, end):
            cuts.append(at)
        at = data.find(b"\nFrom ", at + 1)
    return cuts


def _preview(data: bytes) -> str:
    """The first bytes as a person can read them, or 'binary data'."""
    head = data[:24]
    if all(32 <= b < 127 or b in b"\r\n\t" for b in head):
        return repr(head.decode("ascii").split("\n")[0])
    return "binary data"


def _without_from_line(chunk: bytes) -> bytes:
    if chunk.endswith(b"\r"):
        chunk = chunk[:-1]
    if chunk.startswith(b"From "):
        end = chunk.find(b"\n")
        return b"" if end == -1 else chunk[end + 1 :]
    return chunk
