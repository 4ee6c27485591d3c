"""Bytes of an unknown encoding, and HTML, made into readable text.

Exports from LinkedIn, Outlook and old phones arrive in UTF-8, with or without a
byte-order mark, or in Windows-1252 without saying so. Postings and feed entries
carry HTML. Importers share these two steps so every source reads the same way.
"""

from __future__ import annotations

import html_text


def decode_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def html_to_text(markup: str) -> str:
    """The text a browser would show: paragraphs and list items on their own lines, each
    list item marked "- ", scripts and styles left out."""
    if "<" not in markup:
        return markup.strip()
    tree = html_text.parse_html(markup)
    for item in tree.iter("li"):
        item.text = "- " + (item.text or "")
    return html_text.extract_text(tree, guess_layout=True).strip()
