"""vCards 2.1, 3.0 and 4.0 to people; a broken card is reported, the rest read."""

from __future__ import annotations

from pathlib import Path

import pytest

from topofmind.capture.items import PersonRef, Problem, Skipped
from topofmind.capture.vcard import join_soft_breaks, read_vcards
from topofmind.errors import BadFile

DATA = Path(__file__).parent.parent / "data" / "vcard"


@pytest.fixture
def items() -> list:
    return list(read_vcards((DATA / "contacts.vcf").read_bytes(), "contacts.vcf"))


def test_every_version_is_read(items):
    people = [i for i in items if isinstance(i, PersonRef)]
    assert [(p.name, p.emails, p.organization) for p in people] == [
        ("Jürgen Müller", ["juergen.mueller@globex.de"], "Globex GmbH"),
        ("Dana Ruiz", ["dana.ruiz@acme.com", "dana.ruiz.home@gmail.com"], "Acme Corp"),
        ("Zoë Ólafsdóttir", ["zoe@initech.com"], "Initech"),
    ]


def test_quoted_printable_soft_breaks_and_folded_lines(items):
    jurgen, dana = items[0], items[1]
    assert (
        jurgen.notes
        == "Met at the Berlin data meetup.\nWants to hire in Q1 for the analytics team."
    )
    assert dana.notes.endswith("long enough that it was folded across two lines.")


def test_phones_urls_titles_and_uids(items):
    jurgen, dana, zoe = items[0], items[1], items[2]
    assert jurgen.phones == ["+49 30 1234567"] and jurgen.title == "Head of Data"
    assert dana.linkedin_url == "https://www.linkedin.com/in/danaruiz"
    assert dana.uid == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    assert zoe.linkedin_url == "https://www.linkedin.com/in/zoeolafs"


def test_a_broken_card_is_reported_and_an_unreachable_one_skipped(items):
    assert isinstance(items[3], Problem)
    assert items[3].where == "contacts.vcf card 4"
    assert "broken.card@example.org" in items[3].why
    assert items[4] == Skipped(
        "contacts.vcf card 5 (Nobody Reachable)",
        "no address, phone or LinkedIn URL to know the person by",
    )


def test_a_file_without_cards_is_refused():
    with pytest.raises(BadFile, match="holds no vCard"):
        list(read_vcards((DATA / "notes.vcf").read_bytes(), "notes.vcf"))


def test_windows_1252_without_a_declared_charset():
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Renée Côté\r\nEMAIL:renee@acme.com\r\nEND:VCARD\r\n"
    [ref] = read_vcards(card.encode("cp1252"), "x.vcf")
    assert ref.name == "Renée Côté"


@pytest.mark.parametrize(
    ("block", "joined"),
    [
        ("NOTE;ENCODING=QUOTED-PRINTABLE:one=\ntwo", "NOTE;ENCODING=QUOTED-PRINTABLE:onetwo\r\n"),
        ("NOTE:ends with =\nFN:x", "NOTE:ends with =\r\nFN:x\r\n"),
    ],
)
def test_join_soft_breaks(block, joined):
    assert join_soft_breaks(block) == joined


def test_a_truncated_file_keeps_its_complete_cards_and_says_so():
    data = (DATA / "contacts.vcf").read_bytes()
    items = list(read_vcards(data[: data.index(b"BEGIN:VCARD\r\nVERSION:4.0") + 60], "cut.vcf"))
    assert items[0] == Problem("cut.vcf", "1 card(s) not closed by END:VCARD (truncated?)")
    assert [i.name for i in items[1:]] == ["Jürgen Müller", "Dana Ruiz"]
