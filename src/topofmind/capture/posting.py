"""A job posting (an HTML page or plain text) to an opportunity with its requirements.

The posting is what the introduction and the questions are tailored to, so it is
kept whole with the requirements pulled out. Career sites describe postings with
schema.org ``JobPosting``, as JSON-LD or microdata; ``extruct`` reads both (JSON-LD
inside an ``@graph`` or a list too). A page without one, or a text file, is read
as text: the first line is the title, "at Company" or "Company:" the organization.

Pure: bytes in, one ``CapturedOpportunity`` out (or BadFile).
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator
from datetime import datetime, tzinfo

import extruct
import lxml.html
from dateutil import parser as dateparser

from topofmind.capture.items import CapturedOpportunity
from topofmind.capture.readable import decode_bytes, html_to_text
from topofmind.capture.values import check_moment
from topofmind.domain.enums import Stage
from topofmind.domain.moments import utc
from topofmind.errors import BadFile

SOURCE = "posting"

_REQUIREMENTS_HEADING = re.compile(
    r"^\s*(?:key\s+|minimum\s+|basic\s+|preferred\s+)?(?:requirements|qualifications|"
    r"what you(?:'|’)?ll (?:bring|need)|what you bring|what we(?:'|’)?re looking for|"
    r"what we look for|you have|you(?:'|’)?ll have|must[- ]haves?|about you|who you are|"
    r"skills(?: and experience)?|experience)\b[^.]{0,40}:?\s*$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-*•·–▪◦]|\d{1,2}[.)])\s+")
_FALLBACK = re.compile(
    r"\b(?:\d+\+? years|experience (?:with|in)|proficien|degree|knowledge of|fluent)\b",
    re.IGNORECASE,
)
_AT_COMPANY = re.compile(r"^(?P<title>.+?)\s+(?:at|@|-|–|\|)\s+(?P<org>[^|\-–]+?)\s*$")
_COMPANY_LINE = re.compile(r"^\s*(?:company|organi[sz]ation|employer)\s*:\s*(?P<org>.+)$", re.I)


def read_posting(
    data: bytes, where: str, url: str = "", default_tz: tzinfo = utc()
) -> CapturedOpportunity:
    """The posting in an HTML page (JSON-LD, microdata, or its text) or a text file."""
    if b"\x00" in data[:1024] or data[:8].startswith((b"\x89PNG", b"%PDF", b"PK\x03\x04")):
        raise BadFile(
            f"{where} is not a job posting (it is binary). Save the page as HTML or text."
        )
    text = decode_bytes(data)
    if not text.strip():
        raise BadFile(f"{where} is empty.")
    looks_html = bool(re.search(r"<(?:html|body|div|p|script|head)\b", text[:5000], re.I))
    if looks_html:
        posting = _structured(text, url)
        if posting is not None:
            if not _markup(posting.get("description")):
                # Microdata flattens the description; its list items live in the page.
                posting["description"] = _itemprop_markup(text, "description") or posting.get(
                    "description"
                )
            return _from_schema(posting, url, default_tz)
        return _from_text(_page_text(text), url, _page_title(text))
    return _from_text(text, url, "")


def _structured(text: str, url: str) -> dict | None:
    try:
        found = extruct.extract(
            text,
            base_url=url or None,
            syntaxes=["json-ld", "microdata"],
            uniform=True,
            errors="ignore",
        )
    except Exception:  # a page extruct cannot read is still readable as text
        return None
    for item in _walk([*found.get("json-ld", []), *found.get("microdata", [])]):
        if "JobPosting" in _types(item):
            return item
    return None


def _walk(items) -> Iterator[dict]:
    for item in items if isinstance(items, list) else [items]:
        if isinstance(item, dict):
            yield item
            yield from _walk(item.get("@graph", []))
        elif isinstance(item, list):
            yield from _walk(item)


def _types(item: dict) -> list[str]:
    kind = item.get("@type", [])
    kinds = kind if isinstance(kind, list) else [kind]
    return [str(k).rsplit("/", 1)[-1] for k in kinds]


def _from_schema(item: dict, url: str, default_tz: tzinfo) -> CapturedOpportunity:
    title = _plain(item.get("title") or item.get("name"))
    organization = item.get("hiringOrganization")
    if isinstance(organization, list):
        organization = organization[0] if organization else ""
    org_name = _plain(organization.get("name") if isinstance(organization, dict) else organization)
    description = _plain(item.get("description"))
    markup = _markup(item.get("description"))
    requirements = requirements_from_html(markup) if markup else requirements_from_text(description)
    for key in ("qualifications", "experienceRequirements", "educationRequirements", "skills"):
        values = item.get(key)
        for value in values if isinstance(values, list) else [values]:
            text = _plain(value.get("description") if isinstance(value, dict) else value)
            if text and text not in requirements:
                requirements.append(text)
    posted = _when(item.get("datePosted"), default_tz)
    identifier = item.get("identifier")
    if isinstance(identifier, dict):
        identifier = identifier.get("value") or identifier.get("name")
    page_url = url or _plain(item.get("url"))
    location = _location(item.get("jobLocation"))
    text = "\n\n".join(p for p in (title, location, description) if p)
    return CapturedOpportunity(
        title=title or "Untitled posting",
        organization=org_name,
        stage=Stage.RESEARCHING,
        posting_url=page_url,
        posting_text=text,
        requirements=requirements,
        at=posted,
        source=SOURCE,
        external_id=_identity(str(identifier or ""), page_url, title, org_name, description),
    )


def _from_text(text: str, url: str, page_title: str) -> CapturedOpportunity:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise BadFile("The posting has no text.")
    title, organization = lines[0], ""
    for candidate in (page_title, lines[0]):
        match = _AT_COMPANY.match(candidate or "")
        if match:
            title, organization = match.group("title").strip(), match.group("org").strip()
            break
    for line in lines[:30]:
        company = _COMPANY_LINE.match(line)
        if company:
            organization = company.group("org").strip()
            break
    return CapturedOpportunity(
        title=title[:300],
        organization=organization,
        stage=Stage.RESEARCHING,
        posting_url=url,
        posting_text=text.strip(),
        requirements=requirements_from_text(text),
        source=SOURCE,
        external_id=_identity("", url, title, organization, text),
    )


def requirements_from_html(markup: str) -> list[str]:
    """List items under a heading like 'Requirements' or 'What you'll bring'."""
    try:
        root = lxml.html.fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        return requirements_from_text(html_to_text(markup))
    found: list[str] = []
    wanted = False
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in {"ul", "ol"}:
            if wanted:
                found.extend(_clean(li.text_content()) for li in element.iter("li"))
            wanted = False
        elif element.tag in {"h1", "h2", "h3", "h4", "h5", "h6", "p", "strong", "b", "div"}:
            own = _clean(element.text_content())
            if own and len(own) < 80 and not element.findall(".//li"):
                wanted = bool(_REQUIREMENTS_HEADING.match(own))
    found = [f for f in found if f]
    return found or requirements_from_text(html_to_text(markup))


def requirements_from_text(text: str) -> list[str]:
    """Bullets under a requirements heading; else bullets that name experience or degrees."""
    found: list[str] = []
    wanted = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            if found and wanted:
                wanted = False
            continue
        if _BULLET.match(stripped):
            if wanted:
                found.append(_clean(_BULLET.sub("", stripped)))
            continue
        wanted = bool(_REQUIREMENTS_HEADING.match(stripped))
    if found:
        return found
    return [
        _clean(_BULLET.sub("", line))
        for line in text.splitlines()
        if _BULLET.match(line) and _FALLBACK.search(line)
    ]


def _clean(text: str) -> str:
    return " ".join(text.split()).rstrip(";,")


def _markup(value) -> str:
    text = html.unescape(str(value or "")) if "&lt;" in str(value or "") else str(value or "")
    return text if re.search(r"<[a-zA-Z]", text) else ""


def _plain(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    text = str(value or "")
    markup = _markup(text)
    return html_to_text(markup) if markup else " ".join(html.unescape(text).split())


def _location(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else {}
    address = value.get("address", {}) if isinstance(value, dict) else {}
    if not isinstance(address, dict):
        return _plain(address)
    parts = [_plain(address.get(k)) for k in ("addressLocality", "addressRegion", "addressCountry")]
    return ", ".join(p for p in parts if p)


def _when(value, default_tz: tzinfo) -> datetime | None:
    """When the posting says it was posted; None for what is no date within the years
    the record takes (an odd ``datePosted`` never refuses the posting)."""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return None
    try:
        moment = dateparser.parse(str(value)[:100]) if value else None
        if moment is not None and moment.tzinfo is None:
            moment = moment.replace(tzinfo=default_tz)
        check_moment(moment)
    except Exception:  # dateparser raises what it likes on odd text
        return None
    return moment


def _identity(identifier: str, url: str, title: str, organization: str, text: str) -> str:
    if identifier:
        return f"{organization}/{identifier}" if organization else identifier
    if url:
        return url.split("#")[0].rstrip("/")
    basis = f"{organization}|{title}|{' '.join(text.split())[:2000]}"
    return "text/" + hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def _page_text(markup: str) -> str:
    try:
        root = lxml.html.fromstring(markup)
        body = root.find(".//body")
        for bad in (body if body is not None else root).iter("script", "style", "nav", "footer"):
            bad.drop_tree()
        return html_to_text(lxml.html.tostring(body if body is not None else root, encoding=str))
    except (lxml.etree.ParserError, ValueError):
        return html_to_text(markup)


def _itemprop_markup(markup: str, name: str) -> str:
    """The inner HTML of the first element with ``itemprop=name``, or ''."""
    try:
        found = lxml.html.fromstring(markup).xpath(f'//*[@itemprop="{name}"]')
    except (lxml.etree.ParserError, ValueError):
        return ""
    if not found:
        return ""
    element = found[0]
    inner = (element.text or "") + "".join(
        lxml.html.tostring(child, encoding=str) for child in element
    )
    return inner.strip()


def _page_title(markup: str) -> str:
    match = re.search(r"<title[^>]*>(.*?)</title>", markup, re.I | re.S)
    return " ".join(html.unescape(match.group(1)).split()) if match else ""
