"""Cards written by real programs (tests/data/vcard/clients, see SOURCES.md): every one
is read, photos skipped, and only real addresses kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from topofmind.capture.items import PersonRef, Problem
from topofmind.capture.values import fit_item
from topofmind.capture.vcard import read_vcards

CLIENTS = Path(__file__).parent.parent / "data" / "vcard" / "clients"
HAND_MADE = CLIENTS.parent / "android-hand-made.vcf"


@pytest.mark.parametrize("path", sorted(CLIENTS.glob("*.vcf")), ids=lambda p: p.name)
def test_every_real_card_is_read(path):
    items = list(read_vcards(path.read_bytes(), path.name))
    assert items
    assert not [i for i in items if isinstance(i, Problem)], items
    assert any(isinstance(i, PersonRef) and (i.emails or i.phones) for i in items)


@pytest.mark.parametrize(
    ("name", "who", "email"),
    [
        ("John_Doe_IPHONE.vcf", "Mr. John Richter James Doe Sr.", "john.doe@ibm.com"),
        ("John_Doe_LOTUS_NOTES.vcf", "Mr. Doe John I Johny", "john.doe@ibm.com"),
        ("outlook-2003.vcf", "John Doe III", "jdoe@hotmail.com"),
        ("outlook-2007.vcf", "Mr. Michael Angstadt Jr.", "mike.angstadt@gmail.com"),
        (
            "thunderbird-MoreFunctionsForAddressBook-extension.vcf",
            "John Doe",
            "doe.john@hotmail.com",
        ),
        ("John_Doe_MAC_ADDRESS_BOOK.vcf", "Mr. John Richter,James Doe Sr.", "john.doe@ibm.com"),
        ("gmail-single.vcf", "Greg Dartmouth", "gdartmouth@hotmail.com"),
    ],
)
def test_the_cards_that_used_to_fail_give_the_person(name, who, email):
    [ref, *_] = [
        i for i in read_vcards((CLIENTS / name).read_bytes(), name) if isinstance(i, PersonRef)
    ]
    assert ref.name == who
    assert email in ref.emails


def test_the_outlook_2003_note_in_quoted_printable_is_read():
    [ref] = read_vcards((CLIENTS / "outlook-2003.vcf").read_bytes(), "outlook-2003.vcf")
    assert ref.notes.startswith("This is the note field!!")
    assert "Second line" in ref.notes


def test_a_damaged_photo_and_a_windows_1252_name_are_read_and_non_addresses_dropped():
    refs = [fit_item(i) for i in read_vcards(HAND_MADE.read_bytes(), HAND_MADE.name)]
    assert [(r.name, r.emails) for r in refs] == [
        ("Ngozi Okafor", ["ngozi@okafor.example"]),
        ("René Faüre", ["rene@faure.example"]),
    ]
    assert refs[0].notes == "Met at the data meetup"


def test_a_card_over_the_size_limit_is_listed_not_read():
    card = b"BEGIN:VCARD\nVERSION:3.0\nFN:Big\nEMAIL:big@x.example\nNOTE:" + b"x" * 50_000
    card += b"\nEND:VCARD\n"
    [problem] = read_vcards(card, "big.vcf", max_card_bytes=10_000)
    assert problem.where == "big.vcf card 1"
    assert "more than 9 KiB (the setting import_item_kb)" in problem.why


def test_every_real_card_imports_through_the_cli(tom):
    assert tom("init", "--name", "Jordan Lee", "--email", "jordan.lee@example.com").exit_code == 0
    result = tom("import", "vcard", str(CLIENTS))
    assert result.exit_code == 0, result.output
    assert "failed 0" in result.output, result.output
    listed = {p["name"] for p in json.loads(tom("person", "list", "--json").output)}
    for name in ("Arnold Smith", "Simon Perreault", "Frank Dawson", "Dummy, Dummy"):
        assert name in listed
