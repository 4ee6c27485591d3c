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

#: A line break followed by a "From " line that carries a time (as every mbox writer puts).
_SEPARATOR = re.compile(rb"\r?\n(?=From [^\r\n]*\d\d:\d\d)")


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
                f"{path} is not an mbox file or an email message (it starts with "
                f"{start[:20]!r}). Name an .mbox, .eml or Maildir folder."
            )
        pending = start
        number = 0
        while True:
            cuts = [m.start() for m in _SEPARATOR.finditer(pending)]
            begin = 0
            for cut in cuts:
                chunk = pending[begin:cut]
                begin = _skip_newline(pending, cut)
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


def _skip_newline(data: bytes, at: int) -> int:
    if data.startswith(b"\r\n", at):
        return at + 2
    return at + 1


def _without_from_line(chunk: bytes) -> bytes:
    if chunk.startswith(b"From "):
        end = chunk.find(b"\n")
        return b"" if end == -1 else chunk[end + 1 :]
    return chunk
