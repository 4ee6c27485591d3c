"""Writers take turns: an import commits in steps yet undoes as one batch, another
program's writes wait their turn while it runs, and two imports of one file end in one
clear outcome."""

from __future__ import annotations

import json
import subprocess
import time

import pytest
from mail import PEOPLE, write_mbox
from processes import TOM, environment, tom
from sqlalchemy import text

pytestmark = pytest.mark.durability

#: Messages in the mailbox imported while another program writes: a few seconds' import.
MESSAGES = 1000


def count(ctx, table: str) -> int:
    with ctx.db.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()


def test_an_import_commits_in_steps_and_undoes_as_one_batch(fresh_db, tmp_path, monkeypatch):
    from topofmind.services import imports
    from topofmind.services.imports import ledger
    from topofmind.services.people import add_person

    for name, address in PEOPLE:
        add_person(fresh_db, name, [address], [], "", None, "", "", False, None)
    monkeypatch.setattr(ledger, "STEP_ITEMS", 10)
    mbox = write_mbox(tmp_path / "mail.mbox", 45)
    seen_midway: list[int] = []

    def progress(_n: int) -> None:
        if len(seen_midway) < 1 and count(fresh_db, "interactions") >= 20:
            # Another connection sees what the import committed so far, and the batch.
            seen_midway.append(count(fresh_db, "interactions"))
            assert [b.status for b in imports.list_batches(fresh_db)] == ["importing"]

    summary = imports.import_paths(fresh_db, "email", [str(mbox)], progress=progress)
    assert seen_midway and 20 <= seen_midway[0] < 45
    assert summary.added_by_kind.get("interactions") == 45
    assert count(fresh_db, "interactions") == 45
    [batch] = imports.list_batches(fresh_db)
    assert batch.status == "" and batch.finished_at is not None
    imports.undo_batch(fresh_db, summary.id)
    assert count(fresh_db, "interactions") == 0


def setup_record(db: str) -> None:
    """A profile and the known contacts, written with the CLI in this process before the
    programs under test start (``TOM_HOME`` is the test's, as theirs is)."""
    from typer.testing import CliRunner

    from topofmind.cli.main import app

    steps = [["init", "--name", "Jordan Lee", "--email", "jordan.lee@example.com"]]
    steps += [["person", "add", name, "--email", address] for name, address in PEOPLE]
    runner = CliRunner()
    for args in steps:
        done = runner.invoke(app, ["--db", db, *args], catch_exceptions=False)
        assert done.exit_code == 0, done.output


def test_writes_from_another_program_wait_their_turn_during_an_import(tmp_path, tom_home):
    from topofmind.services.achievements import add_achievement
    from topofmind.services.context import Context
    from topofmind.services.when import current_time
    from topofmind.settings import Settings
    from topofmind.store.database import open_database

    db = str(tmp_path / "tom.db")
    setup_record(db)
    mbox = write_mbox(tmp_path / "big.mbox", MESSAGES)
    importer = subprocess.Popen(
        [*TOM, "--db", db, "import", "email", str(mbox)],
        env=environment(tom_home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    ctx = Context(db=open_database(db), now=current_time(None), settings=Settings())
    waits, titles = [], []
    try:
        while importer.poll() is None:
            title = f"Written during the import {len(titles)}"
            started = time.monotonic()
            add_achievement(ctx, title, "project", None, "", "")
            waits.append(time.monotonic() - started)
            titles.append(title)
            time.sleep(0.05)
        out, err = importer.communicate()
        assert importer.returncode == 0, err
        assert len(titles) >= 5, "the import ended before the writes could overlap it"
        assert max(waits) < 3, f"a write waited {max(waits):.1f} s"
        with ctx.db.connect() as conn:
            kept = conn.execute(text("SELECT title FROM achievements")).scalars().all()
            mails = conn.execute(text("SELECT count(*) FROM interactions")).scalar()
        assert sorted(kept) == sorted(titles)
        assert mails == MESSAGES
    finally:
        if importer.poll() is None:
            importer.kill()
        ctx.db.dispose()


@pytest.fixture
def url_on(db_url, tmp_path):
    """A database URL as programs are given it, migrated (PostgreSQL needs it first)."""
    if db_url.startswith("postgresql"):
        from conftest import open_context

        open_context(db_url).db.dispose()
    return db_url


def test_two_imports_of_one_file_at_once_end_clearly(url_on, tmp_path, tom_home):
    setup_record(url_on)
    mbox = write_mbox(tmp_path / "mail.mbox", 300)
    runs = [
        subprocess.Popen(
            [*TOM, "--db", url_on, "import", "email", str(mbox)],
            env=environment(tom_home),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    ended = [(run.wait(120), *run.communicate()) for run in runs]
    for code, _out, err in ended:
        assert "Traceback" not in err and "SQL" not in err and "Unexpected" not in err, err
        assert code == 0 or (code == 2 and "is being imported already" in err), (code, err)
    assert any(code == 0 for code, _, _ in ended)
    listed = tom(url_on, tom_home, "opp", "list")  # the record still opens
    assert listed.returncode == 0, listed.stderr
    done = tom(url_on, tom_home, "export")
    assert done.returncode == 0
    tables = json.loads(done.stdout)["tables"]
    mail = [i for i in tables["interactions"] if i.get("source") == "email"]
    assert len(mail) == 300, "each message recorded once"
