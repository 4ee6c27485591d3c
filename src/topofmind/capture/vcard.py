"""vCards (2.1, 3.0, 4.0; one or many per file) to people.

Phones and mail programs export contacts as vCards, and an address book is the
quickest way to put recruiters and hiring managers on the record with every
address they write from. ``vobject`` reads the cards; each card is read on its
own so one broken card is reported and the others still imported. vCard 2.1's
quoted-printable soft line breaks are joined first, which vobject does not do.
Photos are ignored.

Pure: bytes in, ``PersonRef`` items out.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator

import vobject

from topofmind.capture.items import PersonRef, Problem, Skipped
from topofmind.capture.readable import decode_bytes
from topofmind.errors import BadFile

_CARD = re.compile(r"^BEGIN:VCARD\s*$.*?^END:VCARD\s*$", re.IGNORECASE | re.MULTILINE | re.DOTALL)


def read_vcards(
    data: bytes, where: str, max_card_bytes: int = 2 * 1024 * 1024
) -> Iterator[PersonRef | Problem | Skipped]:
    """Every card in the file; raises BadFile when there is none. A card larger than
    ``max_card_bytes`` (its photo aside) is a Problem, never parsed."""
    text = decode_bytes(data).replace("\r\n", "\n").replace("\r", "\n")
    cards = _CARD.findall(text)
    if not cards:
        raise BadFile(f"{where} holds no vCard (no BEGIN:VCARD … END:VCARD).")
    begun = len(re.findall(r"^BEGIN:VCARD\s*$", text, re.IGNORECASE | re.MULTILINE))
    if begun > len(cards):
        yield Problem(where, f"{begun - len(cards)} card(s) not closed by END:VCARD (truncated?)")
    for number, block in enumerate(cards, start=1):
        label = f"{where} card {number}"
        if len(block) > max_card_bytes:
            yield Problem(label, _too_large(len(block), max_card_bytes))
            continue
        block = join_soft_breaks(without_binary(block))
        try:
            ref = person_of(vobject.readOne(block))
        except Exception as exc:  # what vobject cannot read is read line by line
            try:
                ref = person_of_lines(block)
            except Exception:  # one broken card never stops the others
                ref = PersonRef()
            if not (ref.emails or ref.phones or ref.linkedin_url):
                yield Problem(label, f"unreadable card: {_reason(exc)}")
                continue
        label = f"{label} ({ref.name})" if ref.name else label
        if not (ref.emails or ref.phones or ref.linkedin_url):
            yield Skipped(label, "no address, phone or LinkedIn URL to know the person by")
            continue
        yield ref


#: Properties never kept (photos, logos, sounds, keys) or that trip the parser (Lotus
#: Notes writes PROFILE inside a card); their continuation lines go with them.
_DROPPED = {"PHOTO", "LOGO", "SOUND", "KEY", "PROFILE", "FBURL", "LABEL", "AGENT"}
_PROPERTY = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)[;:]")


def without_binary(block: str) -> str:
    """The card without its photo, logo, sound, key and PROFILE lines, whatever their
    encoding: a 46 KB iPhone photo, a damaged base64 one from Android, or vCard 2.1's
    base64 lines that neither start with a space nor end before a blank line."""
    lines: list[str] = []
    dropping = False
    for line in block.split("\n"):
        found = _PROPERTY.match(line)
        if found and not line[:1].isspace():
            name = found.group(1).upper()
            dropping = name in _DROPPED
            if name == "END" or name == "BEGIN":
                dropping = False
        elif dropping and (line[:1].isspace() or not line.strip() or not found):
            continue
        if not dropping:
            lines.append(line)
    return "\n".join(lines)


def person_of_lines(block: str) -> PersonRef:
    """A PersonRef read line by line, for a card the vCard parser refuses (a property it
    holds twice, a value it cannot split): only the fields a person is known by."""
    values: dict[str, list[str]] = {}
    for line in block.replace("\r\n", "\n").split("\n"):
        found = _PROPERTY.match(line)
        if not found or ":" not in line:
            continue
        head, value = line.split(":", 1)
        if "QUOTED-PRINTABLE" in head.upper():
            value = quopri.decodestring(value.encode("latin-1", "replace")).decode(
                "utf-8", "replace"
            )
        values.setdefault(found.group(1).upper(), []).append(value.strip())
    first = lambda key: (values.get(key) or [""])[0]  # noqa: E731
    name = first("FN") or " ".join(p for p in reversed(first("N").split(";")[:2]) if p)
    urls = values.get("URL", []) + values.get("X-SOCIALPROFILE", [])
    return PersonRef(
        name=" ".join(name.replace("\\,", ",").split()),
        emails=[e.removeprefix("mailto:") for e in values.get("EMAIL", []) if "@" in e],
        phones=[p.removeprefix("tel:") for p in values.get("TEL", []) if p],
        linkedin_url=next((u for u in urls if "linkedin.com/" in u.lower()), "").rstrip("/"),
        title=first("TITLE"),
        organization=first("ORG").split(";")[0].replace("\\,", ","),
        notes=first("NOTE").replace("\\n", "\n"),
        uid=first("UID"),
    )


def _too_large(size: int, limit: int) -> str:
    return (
        f"is {size // 1024} KiB without its photo, more than {limit // 1024} KiB (the setting "
        "import_item_kb); not read"
    )


def join_soft_breaks(block: str) -> str:
    """Joins quoted-printable lines ending in '=' with the line after them (vCard 2.1)."""
    lines: list[str] = []
    joining = False
    for line in block.split("\n"):
        if joining:
            lines[-1] = lines[-1][:-1] + line
        else:
            lines.append(line)
        head = lines[-1].split(":", 1)[0].upper()
        joining = lines[-1].endswith("=") and "QUOTED-PRINTABLE" in head
    return "\r\n".join(lines) + "\r\n"


def person_of(card) -> PersonRef:
    """A PersonRef from a parsed vCard."""
    contents = card.contents
    name = _text(contents.get("fn"))
    if not name and contents.get("n"):
        n = contents["n"][0].value
        name = " ".join(p for p in (n.prefix, n.given, n.additional, n.family, n.suffix) if p)
    emails = [_flat(line.value).strip() for line in contents.get("email", [])]
    phones = [_flat(line.value).strip() for line in contents.get("tel", [])]
    urls = [
        _flat(line.value).strip()
        for key in ("url", "x-socialprofile", "x-linkedin")
        for line in contents.get(key, [])
    ]
    linkedin = next((u for u in urls if "linkedin.com/" in u.lower()), "")
    organization = ""
    if contents.get("org"):
        value = contents["org"][0].value
        organization = (value[0] if isinstance(value, list) and value else _flat(value)).strip()
    return PersonRef(
        name=" ".join(name.split()),
        emails=[e.removeprefix("mailto:") for e in emails if "@" in e],
        phones=[p.removeprefix("tel:") for p in phones if p],
        linkedin_url=linkedin.rstrip("/"),
        title=_text(contents.get("title")),
        organization=organization,
        notes=_text(contents.get("note")).replace("\r\n", "\n"),
        uid=_text(contents.get("uid")),
    )


def _flat(value) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _text(lines) -> str:
    return _flat(lines[0].value).strip() if lines else ""


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
