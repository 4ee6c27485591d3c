"""Every importer's entry point fed generated hostile files: each import ends with a
summary or a refusal meant for people (never another exception), within seconds, and
the record then passes every command and SQLite's integrity check.

The number of examples is kept small so the suite stays quick (FUZZ_EXAMPLES, per
importer and database); bench/fuzz.py runs the same strategies for longer.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import hostile
import pytest
from hypothesis import HealthCheck, given, settings

from conftest import Tom
from topofmind.errors import TomError
from topofmind.services.imports import import_paths
from topofmind.services.imports.batches import open_batch
from topofmind.services.imports.formats import record_news
from topofmind.services.organizations import add_organization
from topofmind.services.people import add_person
from topofmind.services.transfer import export_document, import_document

FUZZ_EXAMPLES = int(os.environ.get("TOM_FUZZ_EXAMPLES", "6"))
#: Seconds one generated file may take to import: over it is a hang (a loaded machine
#: makes a file of seconds take several times as long).
SLOW = 30.0

FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)

KINDS = [
    ("email", "mail.eml", hostile.message()),
    ("email", "mail.mbox", hostile.mbox()),
    ("ics", "calendar.ics", hostile.calendar()),
    ("vcard", "cards.vcf", hostile.vcards()),
    ("linkedin", "Connections.csv", hostile.csv_file().map(lambda f: f[1])),
    ("linkedin", "export.zip", hostile.linkedin_zip()),
    ("resume", "resume.json", hostile.resume()),
    ("posting", "posting.html", hostile.posting()),
]


@pytest.fixture
def record(fresh_db):
    add_organization(fresh_db, "Acme", ["acme.example"])
    add_person(fresh_db, "Dana Ruiz", emails=["dana@acme.example"], organization="Acme")
    return fresh_db


def commands_work(url: str) -> None:
    """Nothing imported broke a later command, and the file is sound."""
    tom = Tom(url)
    for args in (
        ("today",),
        ("opp", "list"),
        ("person", "list"),
        ("import", "list"),
        ("score",),
        ("export",),
        ("actions",),
    ):
        result = tom(*args)
        assert result.exit_code == 0, (args, result.output)
    if not url.startswith("postgresql"):
        import sqlite3

        with sqlite3.connect(url) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def imported(ctx, kind: str, path: Path) -> None:
    began = time.monotonic()
    try:
        summary = import_paths(ctx, kind, [str(path)])
    except TomError:
        return  # a refusal with a reason meant for people
    finally:
        assert time.monotonic() - began < SLOW
    for failure in summary.failed:
        assert "INSERT" not in failure["why"] and "\x00" not in failure["why"]


def test_generated_files_import_or_are_refused(record, db_url, tmp_path):
    """Every kind in turn into one record, which every command then reads."""
    from topofmind.capture.feeds import read_feed
    from topofmind.store.organizations import list_organizations

    def fuzz(kind: str, path: Path, files) -> None:
        @FUZZ
        @given(files)
        def one(data: bytes) -> None:
            path.write_bytes(data)
            imported(record, kind, path)

        one()

    for kind, name, files in KINDS:
        fuzz(kind, tmp_path / name, files)

    with record.db.connect() as conn:
        [acme] = [o for o in list_organizations(conn) if o.name == "Acme"]

    @FUZZ
    @given(hostile.feed())
    def news(data: bytes) -> None:
        try:
            items = read_feed(data, "feed.xml")
        except TomError:
            return
        with open_batch(record, "feeds", "feed.xml") as batch:
            record_news(batch, acme.id, "Acme feed", items)

    news()
    commands_work(db_url)


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory, records):
    from conftest import open_context

    sqlite, _ = records
    ctx = open_context(sqlite.copy("demo", tmp_path_factory.mktemp("fuzz") / "demo.db"))
    try:
        return json.loads(json.dumps(export_document(ctx)))
    finally:
        ctx.db.dispose()


def test_generated_exports_load_whole_or_are_refused(demo_export, tmp_path, sqlite_record):
    from conftest import open_context

    count = iter(range(10_000))

    @FUZZ
    @given(hostile.mutated_export(demo_export))
    def one(document: dict) -> None:
        url = sqlite_record("migrated", tmp_path / f"copy{next(count)}.db")
        ctx = open_context(url)
        try:
            import_document(ctx, document)
        except TomError:
            return
        finally:
            ctx.db.dispose()
        commands_work(url)

    one()
