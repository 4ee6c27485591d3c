"""Broken and hostile files: one bad item is listed as failed and the rest imported, the
same on SQLite and PostgreSQL; exit 0 when anything imported, 2 when nothing could be;
and every command still works afterwards."""

from __future__ import annotations

import json
import time

import pytest

GOOD = (
    "From: Dana Ruiz <dana@acme.example>\nTo: Jordan Lee <jordan.lee@example.com>\n"
    "Subject: Message {n}\nDate: Tue, 10 Nov 2026 10:{n:02d}:00 -0500\n"
    "Message-ID: <m{n}@acme.example>\n\nHello {n}\n"
)


def mbox(*messages: str) -> str:
    return "".join(f"From dana@acme.example Tue Nov 10 10:00:00 2026\n{m}\n" for m in messages)


@pytest.fixture
def known(tom, recorded):
    def build(tom):
        assert (
            tom("init", "--name", "Jordan Lee", "--email", "jordan.lee@example.com").exit_code == 0
        )
        tom("person", "add", "Dana Ruiz", "--email", "dana@acme.example", "--org", "Acme")
        assert tom("opp", "add", "Staff Data Engineer", "--org", "Acme").exit_code == 0

    return recorded(tom, build)  # built once, copied after (tests/conftest.py)


def every_command_works(tom) -> None:
    """What a person does next still works: nothing accepted poisoned the record."""
    for args in (
        ("today",),
        ("opp", "list"),
        ("person", "list"),
        ("import", "list"),
        ("score",),
        ("export",),
        ("intro", "Staff Data Engineer"),
    ):
        result = tom(*args)
        # intro refuses (2) a profile with nothing to introduce; nothing may crash (1)
        assert result.exit_code in ((0, 2) if args[0] == "intro" else (0,)), (args, result.output)
        assert "Unexpected error" not in result.output


def test_a_date_in_the_year_9999_fails_one_message_and_the_rest_import(known, tmp_path):
    bad = GOOD.format(n=99).replace(
        "Tue, 10 Nov 2026 10:99:00 -0500", "Fri, 31 Dec 9999 23:59:59 -1200"
    )
    path = tmp_path / "mail.mbox"
    path.write_text(mbox(*(GOOD.format(n=n) for n in range(5)), bad, GOOD.format(n=6)))
    result = known("import", "email", str(path))
    assert result.exit_code == 0, result.output
    assert "added 6" in result.output
    assert "mail.mbox message 6: its date 9999-12-31T23:59:59-12:00 is out of range" in (
        result.output
    )
    every_command_works(known)


def test_a_file_whose_only_message_fails_exits_2_naming_why(known, tmp_path):
    path = tmp_path / "one.eml"
    path.write_text(
        GOOD.format(n=1).replace(
            "Tue, 10 Nov 2026 10:01:00 -0500", "Fri, 31 Dec 9999 23:59:59 -1200"
        )
    )
    result = known("import", "email", str(path))
    assert result.exit_code == 2, result.output
    assert "one.eml: its date 9999-12-31T23:59:59-12:00 is out of range" in result.output


@pytest.mark.parametrize(
    "value",
    ["x" * 400, "Dana\x00Ruiz", "\ud800 lone", "Dana " + "é" * 400],
    ids=["long", "nul", "surrogate", "long-unicode"],
)
def test_names_too_long_nul_and_surrogates_import_alike_on_both_databases(known, tmp_path, value):
    card = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:{name}\nEMAIL:sam@beta.example\nTEL:{phone}\n"
        "ORG:{name}\nEND:VCARD\n"
    ).format(name=value, phone="+1 555 0100 " + "9" * 60)
    path = tmp_path / "card.vcf"
    path.write_text(card, encoding="utf-8", errors="surrogatepass")
    result = known("import", "vcard", str(path))
    assert result.exit_code == 0, result.output
    assert "added" in result.output and "failed 0" in result.output, result.output
    shown = known("person", "list", "--json")
    names = [p["name"] for p in json.loads(shown.output)]
    [sam] = [n for n in names if n not in ("Dana Ruiz",)]
    assert "\x00" not in sam and len(sam) <= 300
    every_command_works(known)


def test_a_binary_eml_fails_with_exit_2(known, tmp_path):
    path = tmp_path / "photo.eml"
    path.write_bytes(bytes(range(256)) * 20)
    result = known("import", "email", str(path))
    assert result.exit_code == 2, result.output
    assert "photo.eml:" in result.output


def test_utf16_mail_is_read(known, tmp_path):
    path = tmp_path / "utf16.eml"
    path.write_bytes(GOOD.format(n=3).encode("utf-16"))
    result = known("import", "email", str(path))
    assert result.exit_code == 0, result.output
    assert "added 1" in result.output, result.output


def test_a_huge_sequence_is_kept_within_range(known, tmp_path):
    path = tmp_path / "seq.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:s1\nSUMMARY:Interview with Acme\n"
        "DTSTART:20261201T150000Z\nDTEND:20261201T160000Z\nSEQUENCE:99999999999999999999999\n"
        "ATTENDEE;CN=Dana Ruiz:mailto:dana@acme.example\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:s2\nSUMMARY:Interview with Acme\n"
        "DTSTART;TZID=Asia/Tokyo:00010101T000000\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    result = known("import", "ics", str(path))
    assert result.exit_code == 0, result.output
    assert "added 1" in result.output, result.output
    assert "out of range" in result.output
    every_command_works(known)


RULES = [
    "FREQ=SECONDLY",
    "FREQ=MINUTELY;BYSETPOS=-1",
    "FREQ=DAILY;INTERVAL=0",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=HOURLY",
]


def test_runaway_recurrence_rules_finish_in_seconds(known, tmp_path):
    events = "".join(
        f"BEGIN:VEVENT\nUID:r{n}\nSUMMARY:Interview loop {n}\nDTSTART:20010101T090000Z\n"
        f"RRULE:{rule}\nATTENDEE:mailto:dana@acme.example\nEND:VEVENT\n"
        for n, rule in enumerate(RULES * 4)
    )
    path = tmp_path / "rules.ics"
    path.write_text(f"BEGIN:VCALENDAR\nVERSION:2.0\n{events}END:VCALENDAR\n")
    began = time.monotonic()
    result = known("import", "ics", str(path))
    assert time.monotonic() - began < 20
    assert result.exit_code in (0, 2), result.output
    assert "repeats" in result.output
    every_command_works(known)


CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Sam,Park,https://www.linkedin.com/in/sampark,sam@beta.example,Beta,CTO,24 Aug 2023\n"
    "Old,Timer,https://www.linkedin.com/in/oldtimer,old@beta.example,Beta,CEO,01 Jan 0001\n"
)
MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT\n"
)


def damaged_zip(path, members: dict[str, bytes], damage: str) -> None:
    """A ZIP of ``members`` whose member ``damage`` has its compressed bytes broken."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(damage)
    raw = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 2, start + min(info.compress_size, 40)):
        raw[i] ^= 0x5A
    path.write_bytes(bytes(raw))


def test_a_linkedin_zip_with_a_damaged_member_a_bomb_and_a_huge_field(known, tmp_path):
    long_message = (
        "2-x==,,Sam Park,https://www.linkedin.com/in/sampark,Jordan Lee,"
        "https://www.linkedin.com/in/jordanlee,2026-11-20 14:05:00 UTC,,"
        f'"{"very long " * 20_000}",INBOX,,No\n'
    )
    path = tmp_path / "export.zip"
    damaged_zip(
        path,
        {
            "Connections.csv": CONNECTIONS.encode(),
            "Invitations.csv": ("From,To,Sent At,Message,Direction\n" + "x" * 5000).encode(),
            "messages.csv": (MESSAGES_HEADER + long_message).encode(),
            "Rich_Media/huge.bin": b"\0" * 50_000_000,
        },
        damage="Invitations.csv",
    )
    began = time.monotonic()
    result = known("import", "linkedin", str(path))
    assert time.monotonic() - began < 20
    assert result.exit_code == 0, result.output
    assert "Invitations.csv: is damaged in the ZIP" in result.output
    assert "Connections.csv line 3: its connected on" not in result.output
    people = json.loads(known("person", "list", "--json").output)
    assert {"Sam Park", "Old Timer"} <= {p["name"] for p in people}
    every_command_works(known)


def test_a_csv_field_over_the_limit_fails_the_file_not_the_import(known, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.csv").write_text(CONNECTIONS)
    (folder / "messages.csv").write_text(
        MESSAGES_HEADER + f'2-x==,,Sam,,Jordan,,2026-11-20 14:05:00 UTC,,"{"y" * 2_000_000}",,,\n'
    )
    result = known("import", "linkedin", str(folder))
    assert result.exit_code == 0, result.output
    assert "messages.csv: a field is larger than 1024 KiB" in result.output
    assert "added" in result.output and "Sam Park" in known("person", "list").output


def test_a_message_copied_to_twenty_thousand_adds_only_those_it_is_addressed_to(known, tmp_path):
    assert known("org", "add", "Beta", "--domain", "beta.example").exit_code == 0
    copied = ", ".join(f"p{n}@beta.example" for n in range(20_000))
    to = ", ".join(f"t{n}@beta.example" for n in range(80))
    path = tmp_path / "all.eml"
    path.write_text(
        GOOD.format(n=1).replace(
            "To: Jordan Lee <jordan.lee@example.com>", f"To: {to}\nCc: {copied}"
        )
    )
    began = time.monotonic()
    result = known("import", "email", str(path))
    assert time.monotonic() - began < 20
    assert result.exit_code == 0, result.output
    assert "Added: 50 people, 1 interactions." in result.output, result.output
    assert "1 × more new people than one item may add (import_new_people_per_item)" in (
        result.output
    )
    actions = known("actions", "--json")
    replies = [a for a in json.loads(actions.output) if a.get("rule") == "respond-promptly"]
    assert len(replies) <= 1


def test_an_event_with_five_thousand_attendees_adds_at_most_the_cap(known, tmp_path):
    attendees = "".join(f"ATTENDEE:mailto:a{n}@acme.example\n" for n in range(5000))
    path = tmp_path / "big.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:big\nSUMMARY:Interview with Acme\n"
        f"DTSTART:20261201T150000Z\n{attendees}END:VEVENT\nEND:VCALENDAR\n"
    )
    result = known("import", "ics", str(path))
    assert result.exit_code == 0, result.output
    assert "50 people, 1 interactions." in result.output, result.output


def test_nan_and_lone_surrogates_in_a_resume_never_break_export(known, tmp_path):
    path = tmp_path / "resume.json"
    path.write_text(
        '{"basics": {"name": "Jordan Lee", "summary": "Data \\ud800 lead", "score": NaN},'
        ' "awards": [{"title": "Best", "date": "2024-05", "url": "javascript:alert(1)"}]}'
    )
    result = known("import", "resume", str(path))
    assert result.exit_code == 0, result.output
    exported = known("export")
    assert exported.exit_code == 0, exported.output
    document = json.loads(exported.output)
    [profile] = document["tables"]["profiles"]
    assert profile["resume"]["basics"]["summary"] == "Data \ufffd lead"
    assert profile["resume"]["basics"]["score"] is None
    [award] = document["tables"]["achievements"]
    assert award["url"] == ""
    every_command_works(known)


@pytest.mark.parametrize("posted", ["0001-01-01", "9999-12-31T23:59:59-12:00", "[1, 2]", "soon"])
def test_a_posting_with_an_odd_date_posted_is_imported_without_it(known, tmp_path, posted):
    value = posted if posted.startswith("[") else json.dumps(posted)
    path = tmp_path / "posting.html"
    path.write_text(
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org",'
        ' "@type": "JobPosting", "title": "Data Lead", "hiringOrganization": {"name": "Acme"},'
        f' "datePosted": {value}, "url": "javascript:alert(1)"}}</script></head>'
        "<body><p>Lead the data team.</p></body></html>"
    )
    result = known("import", "posting", str(path))
    assert result.exit_code == 0, result.output
    assert "failed 0" in result.output, result.output
    opps = json.loads(known("opp", "list", "--json").output)
    [opp] = [o for o in opps if o["title"] == "Data Lead"]
    assert not opp.get("posting_url")
    every_command_works(known)


def test_someone_only_copied_on_a_message_to_you_gets_no_reply_of_their_own(known, tmp_path):
    assert known("person", "add", "Sam Park", "--email", "sam@acme.example").exit_code == 0
    path = tmp_path / "cc.eml"
    path.write_text(
        GOOD.format(n=1)
        .replace(
            "To: Jordan Lee <jordan.lee@example.com>",
            "To: Jordan Lee <jordan.lee@example.com>\nCc: Sam Park <sam@acme.example>",
        )
        .replace("Hello 1", "Could you send me your portfolio by Friday?")
    )
    result = known("import", "email", str(path))
    assert result.exit_code == 0, result.output
    actions = json.loads(known("actions", "--json").output)
    named = " ".join(json.dumps(a) for a in actions)
    assert "Dana Ruiz" in named
    assert "Sam Park" not in named


@pytest.mark.parametrize(
    "organizer", ["", "ORGANIZER:mailto:@acme.example\r\n"], ids=["no-one", "bad-address"]
)
def test_an_interview_on_a_calendar_with_no_one_else_leaves_today_working(
    known, tmp_path, organizer
):
    path = tmp_path / "calendar.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:alone@example\r\n"
        "SUMMARY:Interview with Acme\r\nDTSTART:20261125T150000Z\r\n"
        f"DTEND:20261125T160000Z\r\n{organizer}END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    result = known("import", "ics", str(path))
    assert result.exit_code == 0, result.output
    assert "added 1" in result.output
    every_command_works(known)


def test_a_message_over_the_size_limit_fails_and_the_rest_import(known, tmp_path):
    assert known("settings", "set", "import_message_mb", "1").exit_code == 0
    big = GOOD.format(n=9).replace("Hello 9", "Hello 9\n" + ("x" * 76 + "\n") * 15_000)
    path = tmp_path / "mail.mbox"
    path.write_text(mbox(GOOD.format(n=1), big, GOOD.format(n=2)))
    result = known("import", "email", str(path))
    assert result.exit_code == 0, result.output
    assert "added 2" in result.output
    assert "is larger than 1 MiB (the setting import_message_mb); not read" in result.output
    every_command_works(known)
