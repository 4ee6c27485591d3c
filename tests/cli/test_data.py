"""Commands about the data itself: init, path, demo, export, import-json, backup, db upgrade.

Also every way of pointing ``tom`` at the wrong database: a text file, a folder, a
database from a newer topofmind, an unreachable server, an unmigrated schema.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Tom
from topofmind.store.migrations import HEAD


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")


def ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def refused(result, *fragments: str) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, result.stderr
    for fragment in fragments:
        assert fragment in errors[0], errors[0]
    return errors[0]


# -- init ------------------------------------------------------------------------------


def test_init_with_options_then_again_is_idempotent(tom):
    out = ok(tom("init", "--name", "Ada Byron", "--email", "Ada@Example.com", "--tz", "Asia/Tokyo"))
    assert "Created the profile of Ada Byron (Asia/Tokyo; ada@example.com)." in out
    again = ok(tom("init"))
    assert "Updated the profile of Ada Byron (Asia/Tokyo; ada@example.com)." in again
    changed = ok(tom("init", "--tz", "Europe/Paris"))
    assert "Ada Byron (Europe/Paris; ada@example.com)" in changed


def test_init_sets_the_working_week_that_due_times_fall_in(tom):
    out = ok(tom("init", "--name", "Noa Levi", "--tz", "Asia/Jerusalem", "--work-days", "sun-thu"))
    assert "Working time: Sun–Thu 09:00–17:30; actions fall due inside it." in out
    assert "Working time: Sun–Thu 09:00–17:30" in ok(tom("init"))  # kept when not given
    ok(tom("person", "add", "Dana Ruiz"))
    # An interview on Thursday 24 Dec 2026 at 15:00 there: the thank-you is due on Sunday,
    # the next working day, not on Friday.
    logged = tom(
        "--now", "2026-12-24T16:00+02:00", "log", "interview", "--with", "Dana", "--at", "15:00"
    )
    ok(logged)
    assert "Thank Dana Ruiz for the interview (upcoming, due Sun 27 Dec 15:00)" in logged.output
    today = ok(tom("--now", "2026-12-27T10:00+02:00", "today"))
    assert "due by 15:00 today" in today
    changed = ok(tom("init", "--work-days", "mon,wed,fri", "--work-end", "16:00"))
    assert "Working time: Mon, Wed, Fri 09:00–16:00" in changed


def test_init_asks_when_nothing_is_given(tom):
    result = tom("init", input="Grace Hopper\ngrace@example.com, g@navy.example\nEurope/Berlin\n")
    out = ok(result)
    assert "Your name" in out and "Your time zone" in out
    assert (
        "Created the profile of Grace Hopper (Europe/Berlin; grace@example.com, g@navy.example)."
        in out
    )


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--name", "Ada", "--tz", "Mars/Olympus"), "Unknown time zone 'Mars/Olympus'"),
        (("--name", "Ada", "--email", "nope"), "'nope' is not an email address"),
        (("--name", " "), "Your name cannot be empty"),
        (("--name", "Ada", "--work-start", "9am-ish"), "not a time of day"),
        (("--name", "Ada", "--work-days", "weekdays"), "'weekdays' is not a day of the week"),
        (("--name", "Ada", "--work-days", "mon-"), "'mon-' leaves out a day: --work-days takes"),
    ],
)
def test_init_bad_input(tom, args, fragment):
    refused(tom("init", *args), fragment)
    refused(tom("log", "call", "--with", "x", "--request", "r", "--by", "friday"), "tom init")


def test_commands_needing_a_profile_say_run_init(tom):
    ok(tom("person", "add", "Dana Ruiz"))
    refused(
        tom("log", "call", "--with", "Dana", "--request", "CV", "--by", "friday"),
        "No profile yet. Run `tom init`",
    )


# -- path ------------------------------------------------------------------------------


def test_path_names_database_and_backups(tom_home, sqlite_url):
    tom = Tom(sqlite_url)
    out = ok(tom("path"))
    assert f"database: {sqlite_url}" in out
    assert f"backups: {tom_home / 'backups'}" in out
    info = json.loads(ok(tom("path", "--json")))
    assert set(info) == {"database", "data_dir", "settings", "templates", "backups"}
    assert info["data_dir"] == str(tom_home)


def test_path_hides_a_server_password(tom_home):
    out = ok(Tom("postgresql://me:secret@db.example/tom")("path"))
    assert "database: postgresql://me:***@db.example/tom" in out and "secret" not in out


def test_default_database_lives_in_the_data_dir(tom_home):
    from typer.testing import CliRunner

    from topofmind.cli.main import app

    result = CliRunner().invoke(app, ["path"])
    assert f"database: {tom_home / 'topofmind.db'}" in result.stdout


# -- demo ------------------------------------------------------------------------------


def test_demo_matches_what_it_promises(tom):
    out = ok(tom("demo"))
    assert "Loaded the demo job search of Jordan Lee: 6 organizations, 11 people" in out
    orgs = json.loads(ok(tom("org", "list", "--json")))
    people = json.loads(ok(tom("person", "list", "--json")))
    opps = json.loads(ok(tom("opp", "list", "--json")))
    assert 4 <= len(orgs) <= 6 and len(people) >= 10
    assert {o["stage"] for o in opps} >= {"applied", "screening", "interviewing", "offer"}
    northwind = json.loads(ok(tom("show", "opp", "Northwind", "--json")))
    past = [i for i in northwind["interactions"] if i["kind"] == "interview"]
    assert past and past[0]["points"] and past[0]["wishes"]
    assert any(i["requests"] for i in northwind["interactions"])
    bluebird = json.loads(ok(tom("show", "opp", "Bluebird", "--json")))
    assert any(i["scheduled"] for i in bluebird["interactions"])
    assert json.loads(ok(tom("achievement", "list", "--json")))
    assert json.loads(ok(tom("question", "list", "--json")))
    assert json.loads(ok(tom("event", "list", "--json")))


@pytest.mark.parametrize("now", ["2026-11-24T15:00:00-05:00", "2027-06-01T09:00:00+02:00"])
def test_demo_moments_follow_now(tom, now):
    ok(tom("demo", now=now))
    bluebird = json.loads(ok(tom("show", "opp", "Bluebird", "--json", now=now)))
    upcoming = [i["at"] for i in bluebird["interactions"] if i["scheduled"]]
    from datetime import datetime

    start = datetime.fromisoformat(upcoming[0])
    assert 1 <= (start - datetime.fromisoformat(now)).days <= 3


def test_demo_refuses_a_database_with_data(tom):
    ok(tom("init", "--name", "Ada", "--tz", "UTC"))
    refused(tom("demo"), "already holds a job search", "tom demo --reset")
    assert json.loads(ok(tom("org", "list", "--json"))) == []


def test_demo_reset_backs_up_then_replaces(tom_home, sqlite_url):
    tom = Tom(sqlite_url)
    ok(tom("init", "--name", "Ada", "--tz", "UTC"))
    ok(tom("org", "add", "Mine Only"))
    out = ok(tom("demo", "--reset"))
    assert "Backed up the previous data to" in out
    backups = list(Path(sqlite_url).parent.glob("tom-before-demo-*.db"))  # beside it
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as kept:
        assert kept.execute("SELECT name FROM organizations").fetchall() == [("Mine Only",)]
    names = [o["name"] for o in json.loads(ok(tom("org", "list", "--json")))]
    assert "Mine Only" not in names and "Northwind Analytics" in names


# -- export and import-json --------------------------------------------------------------


def test_export_import_export_is_identical(tom_demo, tmp_path, db_url):
    first = ok(tom_demo("export"))
    document = json.loads(first)
    assert document["format"] == "topofmind-export" and document["schema"] == HEAD
    assert len(document["tables"]["people"]) == 11
    source = tmp_path / "export.json"
    source.write_text(first, encoding="utf-8")
    target = Tom(str(tmp_path / "copy.db"))
    out = ok(target("import-json", str(source)))
    assert "Imported" in out and "11 people" in out
    assert ok(target("export")) == first
    assert "data quality across 40 product dashboards" in ok(target("show", "person", "Dana"))


@pytest.mark.parametrize(
    ("table", "field", "value", "fragment"),
    [
        ("opportunities", "stage", "bogus", "Row 1 of opportunities: stage 'bogus' is not one of"),
        ("interactions", "kind", "telegram", "Row 1 of interactions: kind 'telegram'"),
        ("profiles", "timezone", "Mars/Olympus", "timezone 'Mars/Olympus' is not a time zone"),
        ("profiles", "work_start", "25:00", "work_start '25:00' is not a time of day (HH:MM)"),
        ("profiles", "work_days", [7], "work_days [7] should list weekdays 0 (Monday) to 6"),
        (None, "schema", "9999", "comes from a newer topofmind (schema 9999"),
    ],
)
def test_import_refuses_values_it_could_not_read_back(tom_demo, tmp_path, sqlite_record, table,
                                                      field, value, fragment):  # fmt: skip
    document = json.loads(ok(tom_demo("export")))
    if table is None:
        document[field] = value
    else:
        document["tables"][table][0][field] = value
    source = tmp_path / "changed.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    target = Tom(sqlite_record("migrated", tmp_path / "copy.db"))
    refused(target("import-json", str(source)), fragment)
    assert json.loads(ok(target("export")))["tables"]["opportunities"] == []  # nothing kept


def test_an_output_path_the_system_refuses_is_one_line_and_leaves_nothing(tom_demo, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    refused(
        tom_demo("export", "-o", str(folder)),
        f"Cannot use {folder}: it is a folder; give a file name inside it.",
    )
    assert not list(tmp_path.glob("*.tmp"))  # no out.tmp left behind
    (tmp_path / "afile").write_text("x")
    refused(
        tom_demo("calendar", "-o", str(tmp_path / "afile" / "x.ics")),
        "part of the path is a file, not a folder.",
    )


def test_export_to_a_file(tom_demo, tmp_path):
    target = tmp_path / "out.json"
    result = tom_demo("export", "--output", str(target))
    assert result.exit_code == 0 and f"Exported to {target}." in result.stderr
    assert json.loads(target.read_text())["format"] == "topofmind-export"


def test_import_into_postgres_then_add_more(tom_demo, tmp_path, postgres_url):
    """Ids are kept and the server's sequences move past them."""
    from conftest import open_context

    source = tmp_path / "export.json"
    source.write_text(ok(tom_demo("export")), encoding="utf-8")
    open_context(postgres_url).db.dispose()
    target = Tom(postgres_url)
    ok(target("import-json", str(source)))
    assert "Added organization Globex (#7)." in ok(target("org", "add", "Globex"))


def test_import_refuses_a_database_with_data(tom_demo, tmp_path):
    source = tmp_path / "export.json"
    source.write_text(ok(tom_demo("export")), encoding="utf-8")
    refused(tom_demo("import-json", str(source)), "loads into an empty database")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("not json {", "is not valid JSON"),
        ('{"format": "something-else"}', "not a topofmind export"),
        ('{"format": "topofmind-export", "tables": {"spaceships": []}}', "spaceships"),
        (
            '{"format": "topofmind-export", "tables": {"organizations": [{"id": 1}]}}',
            "Nothing was imported",
        ),
        (
            '{"format": "topofmind-export", "tables": {"organizations": [{"id": 1, "nme": "x"}]}}',
            "unknown fields",
        ),
    ],
)
def test_import_refuses_bad_files_and_writes_nothing(tom, tmp_path, content, fragment):
    source = tmp_path / "bad.json"
    source.write_text(content, encoding="utf-8")
    refused(tom("import-json", str(source)), fragment)
    assert json.loads(ok(tom("export")))["tables"]["organizations"] == []


def test_import_a_missing_file(tom, tmp_path):
    refused(tom("import-json", str(tmp_path / "nope.json")), "does not exist")


# -- backup ------------------------------------------------------------------------------


def test_backup_to_default_folder_and_to_a_path(tom_home, sqlite_url, tmp_path):
    tom = Tom(sqlite_url)
    ok(tom("demo"))
    out = ok(tom("backup"))
    saved = list((tom_home / "backups").glob("topofmind-*.db"))
    assert len(saved) == 1 and f"Backed up to {saved[0]}." in out
    target = tmp_path / "mine.db"
    assert f"Backed up to {target}." in ok(tom("backup", str(target)))
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT count(*) FROM people").fetchone() == (11,)
    copied = Tom(str(target))
    assert ok(copied("export")) == ok(tom("export"))


def test_backup_of_postgres_points_to_pg_dump(postgres_url):
    from conftest import open_context

    open_context(postgres_url).db.dispose()
    refused(Tom(postgres_url)("backup"), "pg_dump")


# -- the wrong database --------------------------------------------------------------------


def test_a_text_file_is_not_a_database(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("my notes\n" * 20)
    refused(Tom(str(text))("opp", "list"), f"{text} is not a SQLite database", "--db")
    assert text.read_text() == "my notes\n" * 20


def test_a_folder_is_not_a_database(tmp_path):
    refused(Tom(str(tmp_path))("opp", "list"), "is a folder")


def test_another_sqlite_database_is_refused(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    refused(Tom(str(other))("opp", "list"), "not a topofmind database")


def test_a_database_from_a_newer_topofmind(sqlite_url):
    ok(Tom(sqlite_url)("org", "list"))
    with sqlite3.connect(sqlite_url) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    refused(Tom(sqlite_url)("opp", "list"), "newer topofmind", "schema 9999")
    refused(Tom(sqlite_url)("db", "upgrade"), "newer than this topofmind")


def test_an_unreachable_postgres_is_one_line():
    line = refused(
        Tom("postgresql://postgres@127.0.0.1:1/x")("opp", "list"),
        "Cannot reach the database at postgresql://postgres@127.0.0.1:1/x",
    )
    assert "Check the URL" in line


def test_unmigrated_postgres_says_upgrade_then_works(postgres_url):
    tom = Tom(postgres_url)
    refused(tom("opp", "list"), "is at schema none", "db upgrade")
    assert f"to schema {HEAD}." in ok(tom("db", "upgrade"))
    assert "is up to date" in ok(tom("db", "upgrade"))
    ok(tom("demo"))
    assert "Northwind Analytics" in ok(tom("opp", "list"))


def test_sqlite_migrates_itself_and_upgrade_says_up_to_date(sqlite_url):
    tom = Tom(sqlite_url)
    ok(tom("org", "list"))
    assert "is up to date" in ok(tom("db", "upgrade"))


def test_upgrade_refuses_a_text_file(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("my notes\n" * 20)
    refused(Tom(str(text))("db", "upgrade"), "not a SQLite database")


# -- global options --------------------------------------------------------------------------


def test_init_with_nothing_to_read_says_how_to_give_the_profile(tom):
    refused(tom("init", input=""), "No answer to read: give your profile as options")


def test_a_database_topofmind_does_not_keep_is_one_line(tmp_path):
    refused(Tom("mysql://x")("opp", "list"), "in SQLite or PostgreSQL, not 'mysql'")


def test_bad_now_is_one_line(tom):
    refused(tom("opp", "list", now="2026-13-01"), "--now/TOM_NOW '2026-13-01'")
    for far in ("9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+00:00"):
        refused(tom("opp", "list", now=far), f"'{far}' is outside the years 1970–2199.")


def test_numbers_too_large_for_the_calendar_are_one_line_and_save_nothing(tom_demo):
    refused(tom_demo("agenda", "--days", "99999999"), "--days must be from 0 to 3,650.")
    refused(
        tom_demo("snooze", "connect:p3", "--until", "+99999999d"),
        "'+99999999d' is too far from now: give a moment between 1970 and 2199.",
    )
    refused(
        tom_demo("opp", "edit", "Northwind", "--set", "thank_you_hours=99999999999999999999"),
        "Setting 'thank_you_hours' must be at most 10,000",
    )
    refused(tom_demo("settings", "set", "agenda_days", "99999999"), "must be at most 10,000")
    assert "Decide on the offer from Atlas" in ok(tom_demo("today"))  # nothing stored breaks it


def test_debug_shows_the_traceback(tom):
    from topofmind.errors import UnknownPerson

    with pytest.raises(UnknownPerson):
        tom("--debug", "show", "person", "Nobody")


def test_now_from_the_environment(tom, monkeypatch):
    monkeypatch.setenv("TOM_NOW", "2030-01-02T03:04:05+00:00")
    ok(tom("init", "--name", "Ada", "--tz", "UTC"))
    from typer.testing import CliRunner

    from topofmind.cli.main import app

    result = CliRunner().invoke(app, ["--db", tom.url, "achievement", "add", "X", "--json"])
    assert json.loads(result.stdout)["achieved_on"] == "2030-01-02"


def test_now_without_a_zone_is_taken_in_the_profile_zone(tom):
    ok(tom("init", "--name", "Ada", "--tz", "Asia/Tokyo"))
    result = tom("achievement", "add", "X", "--json", now="2026-11-24T23:30:00")
    assert json.loads(ok(result))["achieved_on"] == "2026-11-24"
    assert (
        "--now/TOM_NOW '2026-11-24T23:30:00' has no time zone; taken in your zone Asia/Tokyo"
        in (result.stderr)
    )


def test_demo_reset_on_postgres_says_there_is_no_backup(postgres_url):
    from conftest import open_context

    open_context(postgres_url).db.dispose()
    tom = Tom(postgres_url)
    ok(tom("demo"))
    ok(tom("org", "add", "Mine Only"))
    assert "without a backup (back up PostgreSQL with pg_dump)" in ok(tom("demo", "--reset"))
    names = [o["name"] for o in json.loads(ok(tom("org", "list", "--json")))]
    assert "Mine Only" not in names and len(names) == 6


def test_import_from_stdin(tom_demo, tmp_path):
    exported = ok(tom_demo("export"))
    target = Tom(str(tmp_path / "piped.db"))
    assert "11 people" in ok(target("import-json", "-", input=exported))
    assert ok(target("export")) == exported


@pytest.mark.parametrize(
    "now", ["2026-11-27T10:00:00-05:00", "2026-11-26T10:00:00-05:00", "2026-11-28T10:00:00-05:00"]
)
def test_demo_schedules_nothing_on_a_weekend(tom, now):
    """Loaded on a Thursday, Friday or Saturday, the demo's interview, the deadline it was
    given and its webinar still fall on working days."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from topofmind.services.demo import DEMO_TZ

    ok(tom("demo", now=now))
    bluebird = json.loads(ok(tom("show", "opp", "Bluebird", "--json", now=now)))
    northwind = json.loads(ok(tom("show", "opp", "Northwind", "--json", now=now)))
    ahead = [i["at"] for i in bluebird["interactions"] if i["scheduled"]]
    ahead += [r["due"] for i in northwind["interactions"] for r in i["requests"] if r["due"]]
    events = json.loads(ok(tom("event", "list", "--json", now=now)))
    start = datetime.fromisoformat(now)
    ahead += [e["starts_at"] for e in events if datetime.fromisoformat(e["starts_at"]) > start]
    zone = ZoneInfo(DEMO_TZ)
    days = {datetime.fromisoformat(moment).astimezone(zone).strftime("%A") for moment in ahead}
    assert len(ahead) >= 3
    assert not days & {"Saturday", "Sunday"}, ahead


@pytest.mark.parametrize(
    "now", ["2026-11-30T10:00:00-05:00", "2026-11-29T10:00:00-05:00", "2026-12-01T10:00:00-05:00"]
)
def test_the_demos_past_conversations_fell_on_working_days(tom, now):
    """Loaded on a Monday, Sunday or Tuesday, nobody was interviewed on a weekend."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from topofmind.services.demo import DEMO_TZ

    ok(tom("demo", now=now))
    start = datetime.fromisoformat(now).astimezone(ZoneInfo(DEMO_TZ)).date()
    behind = []
    for opp in json.loads(ok(tom("opp", "list", "--json", now=now))):
        shown = json.loads(ok(tom("show", "opp", str(opp["id"]), "--json", now=now)))
        behind += [
            datetime.fromisoformat(i["at"]).astimezone(ZoneInfo(DEMO_TZ)).date()
            for i in shown["interactions"]
        ]
    behind = [day for day in behind if day < start]
    assert len(behind) >= 5
    assert all(day.weekday() < 5 for day in behind), behind


def test_demo_reset_of_an_empty_database_backs_up_nothing(tom_home, sqlite_url):
    tom = Tom(sqlite_url)
    ok(tom("demo", "--reset"))
    out = ok(tom("demo", "--reset"))  # the demo is there now: kept beside the file
    assert len(list(Path(sqlite_url).parent.glob("tom-before-demo-*.db"))) == 1
    assert "Backed up" in out
    fresh = Tom(str(Path(sqlite_url).with_name("other.db")))
    assert "Backed up" not in ok(fresh("demo", "--reset"))
    assert not list(Path(sqlite_url).parent.glob("other-before-demo-*.db"))
    assert not (tom_home / "backups").exists() or not list((tom_home / "backups").iterdir())
