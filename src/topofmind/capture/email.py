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
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser

from topofmind.capture.items import CapturedInteraction, PersonRef
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

_parser = BytesParser(policy=policy.default)


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
    others = _people(msg, ("to", "cc", "bcc"))
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
    body = message_text(msg)
    message_id = _clean_id(_header(msg, "message-id"))
    external_id = message_id or _fallback_id(raw)
    return CapturedInteraction(
        at=at,
        kind=InteractionKind.EMAIL,
        direction=direction,
        people=people,
        subject=" ".join(_header(msg, "subject").split()),
        summary=_summary(body),
        source=source,
        external_id=external_id,
        message_id=message_id or None,
        in_reply_to=_clean_id(_header(msg, "in-reply-to")) or None,
        references=[r for r in re.findall(r"<[^<>\s]+>", _header(msg, "references"))],
        requests=find_requests(body, at) if direction is Direction.INBOUND else [],
        attachments=attachment_names(msg),
    )


def _header(msg: EmailMessage, name: str) -> str:
    try:
        value = msg.get(name)
    except Exception:  # a malformed header the policy cannot fold: fall back to raw text
        value = msg.get_all(name, failobj=[""])[0] if hasattr(msg, "get_all") else ""
    return str(value or "").strip()


def _people(msg: EmailMessage, names: tuple[str, ...]) -> list[PersonRef]:
    out: list[PersonRef] = []
    for name in names:
        for header in msg.get_all(name, failobj=[]):
            try:
                pairs = [(a.display_name, a.addr_spec) for a in header.addresses]
            except Exception:  # unparseable by the policy: let the lenient reader try
                pairs = getaddresses([str(header)])
            for display, address in pairs:
                address = address.strip().strip("<>").lower()
                if "@" not in address:
                    continue
                display = " ".join(display.replace('"', "").split())
                if "@" in display:
                    display = ""
                out.append(PersonRef(name=display, emails=[address]))
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


def _date(msg: EmailMessage) -> datetime | None:
    for text in [_header(msg, "date"), *_received_dates(msg)]:
        if not text:
            continue
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            continue
        if moment is None:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return None


def _received_dates(msg: EmailMessage) -> list[str]:
    return [str(r).rsplit(";", 1)[-1] for r in msg.get_all("received", failobj=[]) if ";" in str(r)]


def _clean_id(value: str) -> str:
    found = re.search(r"<[^<>\s]+>", value)
    return found.group(0) if found else value.strip()


def _fallback_id(raw: bytes) -> str:
    """A stable id for a message without a Message-ID: a digest of its headers."""
    return "sha1:" + hashlib.sha1(header_block(raw)).hexdigest()


def _summary(body: str) -> str:
    from topofmind.capture.requests import new_text

    text = " ".join(new_text(body).split())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1].rstrip() + "…"


# -- bodies -------------------------------------------------------------------------------


def decode_part(part: EmailMessage) -> str:
    """A text part as str, whatever its charset says (or fails to say)."""
    try:
        content = part.get_content()
        if isinstance(content, str) and "\ufffd" not in content:
            return content
    except (LookupError, UnicodeError, ValueError, AssertionError, KeyError):
        pass
    payload = part.get_payload(decode=True) or b""
    if isinstance(payload, str):
        return payload
    declared = part.get_content_charset()
    for charset in (declared, "utf-8", "cp1252", "latin-1"):
        if not charset:
            continue
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("latin-1")


def message_text(msg: EmailMessage) -> str:
    """The readable text of a message: its plain part, or its HTML part turned into text."""
    try:
        body = msg.get_body(preferencelist=("plain", "html"))
    except Exception:
        body = None
    if body is None:
        for part in msg.walk():
            if part.get_content_maintype() == "text" and not part.is_attachment():
                body = part
                break
    if body is None:
        return _unstructured_body(msg)
    text = decode_part(body)
    if body.get_content_subtype() == "html":
        text = html_to_text(text)
    return text.replace("\r\n", "\n").strip()


def _unstructured_body(msg: EmailMessage) -> str:
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


def attachment_names(msg: EmailMessage) -> list[str]:
    names = []
    try:
        parts = list(msg.iter_attachments())
    except Exception:
        parts = []
    for part in parts:
        try:
            name = part.get_filename()
        except Exception:
            name = None
        if name:
            names.append(name)
    return names


class _TextCollector(HTMLParser):
    BLOCKS = frozenset(
        {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote"}
    )
    HIDDEN = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Readable text from an HTML mail: block tags become line breaks, scripts vanish."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = [" ".join(line.split()) for line in "".join(collector.parts).splitlines()]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
