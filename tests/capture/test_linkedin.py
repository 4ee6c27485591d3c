"""The LinkedIn export: old and new layouts, the ZIP and its files, bad rows reported."""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from topofmind.capture.items import (
    CapturedAchievement,
    CapturedEvent,
    CapturedInteraction,
    CapturedOpportunity,
    CapturedProfile,
    PersonRef,
    Problem,
    Skipped,
)
from topofmind.capture.linkedin import LinkedInOptions, kind_of, parse_moment, read_linkedin
from topofmind.domain.enums import Direction, InteractionKind, Stage
from topofmind.errors import BadFile

DATA = Path(__file__).parent.parent / "data" / "linkedin"
NY = ZoneInfo("America/New_York")
OPTIONS = LinkedInOptions(default_tz=NY)


def of(items: list, kind: type) -> list:
    return [i for i in items if isinstance(i, kind)]


@pytest.fixture
def export_zip(tmp_path) -> Path:
    """The new-layout files zipped the way LinkedIn sends them."""
    target = tmp_path / "Basic_LinkedInDataExport_11-24-2026.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for path in (DATA / "new").rglob("*.csv"):
            archive.write(path, str(path.relative_to(DATA / "new")))
    return target


def test_the_zip_and_the_folder_give_the_same_records(export_zip):
    assert list(read_linkedin(export_zip, OPTIONS)) == list(read_linkedin(DATA / "new", OPTIONS))


def test_connections_after_the_notes_preamble(export_zip):
    people = of(list(read_linkedin(export_zip, OPTIONS)), PersonRef)
    assert [(p.name, p.linkedin_url, p.organization, p.connected_on) for p in people] == [
        ("Dana Ruiz", "https://www.linkedin.com/in/danaruiz", "Acme Corp", date(2023, 8, 24)),
        (
            "Sam Okafor",
            "https://www.linkedin.com/in/sam-okafor-42",
            "Acme Corp",
            date(2026, 11, 2),
        ),
        ("José Núñez", "https://www.linkedin.com/in/josenunez", "Globex, Inc.", date(2025, 1, 15)),
    ]
    assert people[1].emails == ["sam.okafor@acme.com"]


def test_messages_tell_sent_from_received_by_the_profile_name():
    items = list(read_linkedin(DATA / "new", OPTIONS))
    messages = [i for i in of(items, CapturedInteraction) if i.kind is InteractionKind.MESSAGE]
    assert [(m.direction, m.at, m.people[0].name) for m in messages] == [
        (Direction.INBOUND, datetime(2026, 11, 20, 14, 5, tzinfo=UTC), "Dana Ruiz"),
        (Direction.OUTBOUND, datetime(2026, 11, 20, 18, 30, tzinfo=UTC), "Dana Ruiz"),
    ]
    assert messages[0].summary == "Hi Jordan,\n\nCould you send me your portfolio before Friday?"
    assert messages[1].summary == "Sure, here it is.\nThanks, Dana!"
    [ask] = messages[0].requests
    assert ask.text == "Could you send me your portfolio before Friday?"
    assert ask.due == datetime(2026, 11, 26, 17, 0, tzinfo=NY)  # before Friday: Thursday's end
    assert messages[1].requests == []
    assert len({m.external_id for m in messages}) == 2


def test_drafts_are_skipped_and_bad_dates_reported():
    items = list(read_linkedin(DATA / "new", OPTIONS))
    assert Skipped("messages.csv line 5", "a draft, never sent") in items
    assert Problem("messages.csv line 6", "'not a date' is not a date") in items


def test_problems_name_the_line_of_the_file_after_a_preamble_and_multi_line_messages():
    items = list(read_linkedin(DATA / "new", OPTIONS))
    # Connections.csv opens with three lines of notes and a blank line; its fifth
    # person, with neither URL nor address, is on line 8 of the file.
    assert Skipped("Connections.csv line 8", "no profile URL or address to know the person by") in (
        items
    )


MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT\n"
)


def _message(conversation: str, content: str, when: str) -> str:
    return (
        f"{conversation},,Dana Ruiz,https://www.linkedin.com/in/danaruiz,Jordan Lee,"
        f"https://www.linkedin.com/in/jordanlee,{when},,{content},INBOX,,No\n"
    )


def test_a_quote_left_open_is_reported_and_the_rows_before_it_imported(tmp_path):
    path = tmp_path / "messages.csv"
    path.write_text(
        MESSAGES_HEADER
        + _message("2-a", '"Two\nlines"', "2026-11-20 14:05:00 UTC")
        + _message("2-b", '"Never closed, Jordan', "2026-11-21 14:05:00 UTC")
        + _message("2-c", "Lost", "2026-11-22 14:05:00 UTC")
    )
    items = list(read_linkedin(path, OPTIONS))
    messages = of(items, CapturedInteraction)
    assert [m.summary for m in messages] == ["Two\nlines"]
    assert of(items, Problem) == [
        Problem(
            "messages.csv line 4",
            "a quote opened on this line is never closed, so lines 4-5 read as one value "
            "and were not imported; close the quote and import the file again",
        )
    ]


def test_a_last_message_over_several_lines_is_not_taken_for_an_open_quote(tmp_path):
    path = tmp_path / "messages.csv"
    path.write_text(
        MESSAGES_HEADER + _message("2-a", '"Last\nof all"', "2026-11-20 14:05:00 UTC").rstrip()
    )
    items = list(read_linkedin(path, OPTIONS))
    assert [m.summary for m in of(items, CapturedInteraction)] == ["Last\nof all"]
    assert of(items, Problem) == []


def test_invitations_in_both_directions():
    items = list(read_linkedin(DATA / "new", OPTIONS))
    invitations = [
        i for i in of(items, CapturedInteraction) if i.kind is InteractionKind.LINKEDIN_CONNECTION
    ]
    assert [(i.direction, i.people[0].linkedin_url, i.at) for i in invitations] == [
        (
            Direction.OUTBOUND,
            "https://www.linkedin.com/in/sam-okafor-42",
            datetime(2026, 11, 2, 14, 37, tzinfo=NY),
        ),
        (
            Direction.INBOUND,
            "https://www.linkedin.com/in/leepark",
            datetime(2026, 10, 15, 9, 12, tzinfo=NY),
        ),
    ]


def test_certifications_events_and_jobs():
    items = list(read_linkedin(DATA / "new", OPTIONS))
    certificates = of(items, CapturedAchievement)
    assert [(c.title, c.achieved_on) for c in certificates] == [
        ("Google Data Analytics Certificate", date(2024, 3, 1)),
        ("AWS Certified Cloud Practitioner", date(2026, 10, 1)),
    ]
    assert Problem("Certifications.csv line 4", "the certification has no date (Started On)") in (
        items
    )
    events = of(items, CapturedEvent)
    assert [
        (e.title, e.starts_at.hour, e.ends_at.hour, e.registered, e.attended) for e in events
    ] == [
        ("Acme Analytics Open House", 18, 20, True, False),
        ("Data Leaders Summit", 9, 17, True, True),
    ]
    jobs = of(items, CapturedOpportunity)
    assert [(j.title, j.organization, j.stage) for j in jobs] == [
        ("Senior Data Analyst", "Acme Corp", Stage.APPLIED),
        ("Senior Data Analyst", "Acme Corp", Stage.RESEARCHING),
        ("Analytics Lead", "Globex", Stage.RESEARCHING),
    ]
    # The same job saved and applied to is one record: the application comes first.
    assert jobs[0].external_id == jobs[1].external_id
    assert jobs[0].contacts[0].emails == ["recruiting@acme.com"]


def test_profile_and_positions():
    [profile] = [
        p for p in of(list(read_linkedin(DATA / "new", OPTIONS)), CapturedProfile) if p.name
    ]
    assert profile.name == "Jordan Lee"
    assert profile.headline == "Data analyst turning messy data into decisions"
    assert [(w["name"], w["startDate"], w["endDate"]) for w in profile.resume["work"]] == [
        ("Initech", "2021-06", ""),
        ("Hooli", "2018-01", "2021-05"),
    ]


def test_files_it_does_not_use_are_skipped_by_name():
    items = list(read_linkedin(DATA / "new", OPTIONS))
    assert Skipped("Company Follows.csv", "a LinkedIn file topofmind does not import") in items


def test_old_layout_in_windows_1252_reports_missing_columns():
    items = list(read_linkedin(DATA / "old", OPTIONS))
    people = of(items, PersonRef)
    assert [(p.name, p.emails, p.connected_on) for p in people] == [
        ("Dana Ruiz", ["dana.ruiz@acme.com"], date(2023, 8, 24)),
        ("Pat Kim", ["pat.kim@gmail.com"], date(2020, 1, 2)),
    ]
    assert Skipped("Connections.csv: column URL", "not in this export; read without it") in items
    assert (
        Skipped("messages.csv line 2", "no profile URL to know the other person by (older export)")
        in items
    )


def test_a_file_missing_a_required_column_is_reported_not_imported(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text("Name,Role\nAcme,Boss\n")
    assert list(read_linkedin(path, OPTIONS)) == [
        Problem("Connections.csv", "no header row with the columns First Name, Last Name")
    ]
    path.write_text("Company,Position\nAcme,Boss\n")
    assert list(read_linkedin(path, OPTIONS)) == [
        Problem(
            "Connections.csv", "lacks the columns First Name, Last Name; the file was not imported"
        )
    ]
    path.write_text("First Name,Company,Position\nDana,Acme,Boss\n")
    assert list(read_linkedin(path, OPTIONS)) == [
        Problem("Connections.csv", "lacks the column Last Name; the file was not imported")
    ]


def test_a_damaged_zip_or_foreign_file_is_refused(tmp_path, export_zip):
    truncated = tmp_path / "export.zip"
    truncated.write_bytes(export_zip.read_bytes()[:300])
    with pytest.raises(BadFile, match="not a ZIP file|damaged ZIP"):
        list(read_linkedin(truncated, OPTIONS))
    other = tmp_path / "budget.csv"
    other.write_text("a,b\n1,2\n")
    with pytest.raises(BadFile, match="no LinkedIn export file"):
        list(read_linkedin(other, OPTIONS))


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Connections.csv", "connections"),
        ("Jobs/Job Applications_2.csv", "applications"),
        ("Jobs/Job Applications 1.csv", "applications"),
        ("Jobs/Saved Jobs.csv", "saved_jobs"),
        ("messages.csv", "messages"),
        ("Rich_Media.csv", None),
        ("Connections.txt", None),
    ],
)
def test_kind_of(name, kind):
    assert kind_of(name) == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-08-01 02:00:00 UTC", datetime(2026, 8, 1, 2, 0, tzinfo=UTC)),
        ("1/29/26, 2:37 PM", datetime(2026, 1, 29, 14, 37, tzinfo=NY)),
        ("24 Aug 2023", datetime(2023, 8, 24, tzinfo=NY)),
        ("Mar 2024", datetime(2024, 3, 1, tzinfo=NY)),
        ("", None),
    ],
)
def test_parse_moment(text, expected):
    assert parse_moment(text, NY) == expected


def test_without_a_profile_the_owner_is_the_name_in_most_conversations(tmp_path):
    (tmp_path / "messages.csv").write_bytes((DATA / "new" / "messages.csv").read_bytes())
    messages = of(
        list(read_linkedin(tmp_path, LinkedInOptions(default_tz=NY))), CapturedInteraction
    )
    assert [m.direction for m in messages] == [Direction.INBOUND, Direction.OUTBOUND]


def test_own_email_addresses_go_to_the_profile():
    items = list(read_linkedin(DATA / "new", OPTIONS))
    addresses = [p.emails for p in of(items, CapturedProfile) if p.emails]
    assert addresses == [["jordan.lee@example.com"], ["jordan.lee.home@gmail.com"]]
    assert Skipped("Email Addresses.csv line 4", "an address LinkedIn has not confirmed") in items
