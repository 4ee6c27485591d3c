"""One email message, raw bytes in, a ``CapturedInteraction`` out.

Mailboxes hold far more mail than a job search touches, and parsing a message
with Python's email package costs about as much as everything else put together.
So a message is first looked at cheaply: ``scan_addresses`` pulls the addresses
out of the raw header block without building a message object, and only a
message that involves a known person or a known organization's domain is parsed
in full by ``parse_message``. Everything here is pure: no database, no clock.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from typing import cast

from topofmind.capture.items import CapturedInteraction, PersonRef
from topofmind.capture.readable import html_to_text
from topofmind.capture.requests import find_requests
from topofmind.domain.enums import Direction, InteractionKind

#: Characters of a message's text kept as the interaction's summary.
SUMMARY_CHARS = 600

_ADDRESS_HEADERS = re.compile(
    rb"^(from|to|cc|bcc|sender|reply-to)[ \t]*:(.*(?:\r?\n[ \t].*)*)",
    re.IGNORECASE | re.MULTILINE,
)
_ADDRESS = re.compile(rb"[A-Za-z0-9._%+'=/-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_HEADER_LINE = re.compile(rb"^[!-9;-~]+[ \t]*:")


class NotAMessage(ValueError):
    """The bytes are not an email message (no header block)."""


@dataclass
class Addresses:
    """Who a message is from and to, as found in the raw headers (lower case)."""

    sender: list[str]
    recipients: list[str]

    @property
    def all(self) -> list[str]:
        return self.sender + self.recipients


def header_block(raw: bytes) -> bytes:
    """The raw header block: everything up to the first empty line."""
    end = raw.find(b"\n\n")
    crlf = raw.find(b"\r\n\r\n")
    if crlf != -1 and (end == -1 or crlf < end):
        end = crlf
    return raw if end == -1 else raw[:end]


def as_mail_bytes(raw: bytes) -> bytes:
    """A message saved as UTF-16 or UTF-32 (with a byte-order mark, or recognisable by its
    zero bytes) re-encoded as UTF-8, which the mail parser reads; other bytes as they are
    (a UTF-8 byte-order mark dropped)."""
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if raw.startswith(bom):
            return raw.decode(codec, "replace").encode("utf-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:]
    head = raw[:200]
    if len(head) >= 20:
        if head[1::2].count(0) > len(head) * 0.4 and head[0::2].count(0) == 0:
            return raw.decode("utf-16-le", "replace").encode("utf-8")
        if head[0::2].count(0) > len(head) * 0.4 and head[1::2].count(0) == 0:
            return raw.decode("utf-16-be", "replace").encode("utf-8")
    return raw


def looks_like_message(raw: bytes) -> bool:
    """True when the first line is a header ('Name: value')."""
    first = raw.lstrip(b"\r\n")[:200]
    return bool(_HEADER_LINE.match(first))


def scan_addresses(raw: bytes) -> Addresses:
    """The addresses in From/Sender and To/Cc/Bcc/Reply-To, read without parsing the message.

    Fast and forgiving: encoded display names are not decoded (addresses are
    ASCII in practice), so it is used only to decide whether a message matters.
    """
    sender: list[str] = []
    recipients: list[str] = []
    for name, value in _ADDRESS_HEADERS.findall(header_block(raw)):
        found = [a.decode("ascii", "replace").lower() for a in _ADDRESS.findall(value)]
        if name.lower() in (b"from", b"sender"):
            sender.extend(found)
        else:
            recipients.extend(found)
    return Addresses(sender, recipients)


# -- full parse ----------------------------------------------------------------------------

#: The compat32 policy parses headers only when asked and as plain strings: several times
#: faster than ``policy.default`` on real mail. Encoded words and charsets are decoded here.
_parser = BytesParser(policy=policy.compat32)
_FOLD = re.compile(r"\r?\n(?=[ \t])")


def parse_message(
    raw: bytes, own_addresses: set[str], where: str = "", source: str = "email"
) -> CapturedInteraction:
    """The interaction a message records: who, when, which way, what it said and asked.

    Raises ``NotAMessage`` when the bytes have no usable headers or no date.
    """
    if not looks_like_message(raw):
        raise NotAMessage("no mail headers at the start")
    msg = _parser.parsebytes(raw)
    senders = _people(msg, ("from",)) or _people(msg, ("sender",))
    direct = _people(msg, ("to",))
    copied = _people(msg, ("cc", "bcc"))
    for ref in copied:
        ref.copied = True
    others = direct + copied
    if not senders and not others:
        raise NotAMessage("no sender or recipient address")
    at = _date(msg)
    if at is None:
        raise NotAMessage("no readable Date header")
    outbound = any(a in own_addresses for ref in senders for a in ref.emails)
    if outbound:
        direction = Direction.OUTBOUND
        people = others
    else:
        direction = Direction.INBOUND
        people = senders + others
    people = _without(people, own_addresses)
    body = message_text(msg).replace("\x00", "")
    message_id = _clean_id(_raw_header(msg, "message-id"))
    external_id = message_id or _fallback_id(raw)
    return CapturedInteraction(
        at=at,
        kind=InteractionKind.EMAIL,
        direction=direction,
        people=people,
        subject=header_text(msg.get("subject"))[:1000],
        summary=_summary(body),
        source=source,
        external_id=external_id,
        message_id=message_id or None,
        in_reply_to=_clean_id(_raw_header(msg, "in-reply-to")) or None,
        references=[r for r in re.findall(r"<[^<>\s]+>", _raw_header(msg, "references"))][-50:],
        requests=find_requests(body, at) if direction is Direction.INBOUND else [],
        attachments=attachment_names(msg),
    )


def _decode_bytes(data: bytes, declared: str | None) -> str:
    """Bytes as text: the declared charset if it works, else UTF-8, Windows-1252, Latin-1."""
    for charset in (declared, "utf-8", "cp1252"):
        if not charset:
            continue
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("latin-1")


def _has_raw_bytes(text: str) -> bool:
    return any("\udc80" <= c <= "\udcff" for c in text)


def header_text(value) -> str:
    """A header as readable text: encoded words (=?UTF-8?B?...?=) and raw 8-bit bytes decoded."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = _FOLD.sub("", value)
        if _has_raw_bytes(value):
            return " ".join(_decode_bytes(value.encode("utf-8", "surrogateescape"), None).split())
    try:
        text = str(make_header(decode_header(value)))
    except (LookupError, UnicodeError, ValueError, HeaderParseError):
        text = str(value)
    if _has_raw_bytes(text):
        text = _decode_bytes(text.encode("utf-8", "surrogateescape"), None)
    return " ".join(text.replace("\x00", "").split())


def _raw_header(msg: Message, name: str) -> str:
    value = msg.get(name)
    return _FOLD.sub("", str(value)).strip() if value is not None else ""


def _people(msg: Message, names: tuple[str, ...]) -> list[PersonRef]:
    values = [_FOLD.sub("", str(v)) for name in names for v in msg.get_all(name, [])]
    out: list[PersonRef] = []
    for display, address in getaddresses(values):
        address = address.strip().strip("<>").lower()
        if "@" not in address or " " in address:
            continue
        display = header_text(display).replace('"', "").strip()
        if "@" in display:
            display = ""
        out.append(PersonRef(name=display[:200], emails=[address[:320]]))
    return out


def _without(people: list[PersonRef], own: set[str]) -> list[PersonRef]:
    seen: set[str] = set()
    out = []
    for ref in people:
        address = ref.emails[0]
        if address in own or address in seen:
            continue
        seen.add(address)
        out.append(ref)
    return out


def _date(msg: Message) -> datetime | None:
    received = [str(r).rsplit(";", 1)[-1] for r in msg.get_all("received", []) if ";" in str(r)]
    for text in [_raw_header(msg, "date"), *received]:
        if not text:
            continue
        try:
            moment = parsedate_to_datetime(text.strip())
        except (TypeError, ValueError, IndexError):
            continue
        if moment is None:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return None


#: Longest id kept as is; longer ones (seen in broken mailers) are replaced by a digest.
MAX_ID = 500


def _clean_id(value: str) -> str:
    found = re.search(r"<[^<>\s]+>", value)
    text = (found.group(0) if found else value.strip()).replace("\x00", "")
    if len(text) > MAX_ID:
        return "sha1:" + hashlib.sha1(text.encode("utf-8", "surrogateescape")).hexdigest()
    return text


def _fallback_id(raw: bytes) -> str:
    """A stable id for a message without a Message-ID: a digest of its headers."""
    return "sha1:" + hashlib.sha1(header_block(raw)).hexdigest()


def _summary(body: str) -> str:
    from topofmind.capture.requests import new_text

    text = " ".join(new_text(body.replace("\x00", "")).split())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1].rstrip() + "…"


# -- bodies -------------------------------------------------------------------------------


def decode_part(part: Message) -> str:
    """A text part as str, whatever its charset says (or fails to say)."""
    payload = part.get_payload(decode=True)
    if payload is None:
        payload = part.get_payload()
    if isinstance(payload, str):
        return payload
    return _decode_bytes(cast(bytes, payload or b""), part.get_content_charset())


def _is_attachment(part: Message) -> bool:
    return part.get_content_disposition() == "attachment"


def message_text(msg: Message) -> str:
    """The readable text of a message: its plain part, or its HTML part turned into text."""
    plain = html = None
    for part in msg.walk():
        if part.is_multipart() or _is_attachment(part):
            continue
        kind = part.get_content_type()
        if kind == "text/plain" and plain is None:
            plain = part
        elif kind == "text/html" and html is None:
            html = part
    if plain is not None:
        text = decode_part(plain)
    elif html is not None:
        text = html_to_text(decode_part(html))
    else:
        return _unstructured_body(msg)
    return text.replace("\r\n", "\n").strip()


def _unstructured_body(msg: Message) -> str:
    """The text of a multipart message whose parts cannot be told apart (no boundary)."""
    payload = msg.get_payload()
    if not isinstance(payload, str):
        return ""
    lines = [
        line
        for line in payload.splitlines()
        if not line.startswith("--") and not re.match(r"^[A-Za-z-]+:\s", line)
    ]
    return "\n".join(lines).strip()


def attachment_names(msg: Message) -> list[str]:
    """The file names of a message's attachments (their content is never kept)."""
    names = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        try:
            name = part.get_filename()
        except (LookupError, UnicodeError, ValueError):
            name = None
        if name and (_is_attachment(part) or part.get_content_maintype() != "text"):
            names.append(header_text(name))
    return names
