"""`tom doctor` says whether the kept agenda is the playbook's output, and repairs it;
`tom agenda --rebuild` recomputes it."""

from __future__ import annotations

from sqlalchemy import create_engine, text


def said(result) -> str:
    return " ".join(result.output.split())


def test_doctor_finds_the_kept_agenda_current_after_a_read(tom_demo):
    assert tom_demo("actions", "--json").exit_code == 0
    result = tom_demo("doctor")
    assert result.exit_code == 0, result.output
    assert "matches a full recompute" in result.output


def test_doctor_repairs_a_kept_agenda_that_differs(tom_demo, db_url):
    before = tom_demo("actions", "--json").output
    url = db_url if "://" in db_url else f"sqlite:///{db_url}"
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:  # corrupt the cache without touching the record
        conn.execute(text("UPDATE kept_agendas SET parts = '[]'"))
    engine.dispose()
    checked = tom_demo("doctor", "--check")
    assert checked.exit_code == 1
    assert "DIFFERED from a full recompute" in said(checked)
    assert "left as it is" in said(checked)
    repaired = tom_demo("doctor")
    assert repaired.exit_code == 1  # a kept agenda that differed is a fault worth a status
    assert "DIFFERED from a full recompute; recomputed and kept again" in said(repaired)
    assert tom_demo("doctor").exit_code == 0
    assert tom_demo("actions", "--json").output == before


def test_agenda_rebuild_shows_the_same_agenda(tom_demo):
    plain = tom_demo("agenda").output
    rebuilt = tom_demo("agenda", "--rebuild")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert rebuilt.output == plain
