"""Uploads are bounded by ``upload_mb`` and imported off the event loop (web/uploads.py)."""

from __future__ import annotations

import pytest

from conftest import NOW_ISO


def mbox(messages: int, size: int) -> bytes:
    body = ("x" * 70 + "\n") * (size // 71)
    return b"".join(
        (
            f"From dana@acme.example Tue Nov 24 09:00:00 2026\n"
            f"From: Dana Ruiz <dana@acme.example>\nTo: jordan.lee@example.com\n"
            f"Subject: Note {n}\nMessage-ID: <note-{n}@acme.example>\n\n{body}\n"
        ).encode()
        for n in range(messages)
    )


def test_an_upload_over_the_limit_is_refused_in_one_line(fresh_db, monkeypatch):
    from web.conftest import make_browser

    monkeypatch.setenv("TOM_UPLOAD_MB", "1")
    web = make_browser(fresh_db.db.url, NOW_ISO)
    with web.client:
        web.get("/import")
        refused = web.post(
            "/import",
            files={"files": ("big.mbox", mbox(30, 50_000), "application/mbox")},
            data={"kind": "auto"},
            htmx=True,
        )
        assert "The upload is larger than 1 MiB (the upload_mb setting)" in refused.text
        assert "Nothing imported yet" in web.get("/import").text


@pytest.mark.parametrize("size", [200, 300_000])
def test_an_upload_within_the_limit_is_imported(web_fresh, size):
    web_fresh.get("/import")
    done = web_fresh.post(
        "/import",
        files={"files": ("mail.mbox", mbox(3, size), "application/mbox")},
        data={"kind": "auto"},
        htmx=True,
    )
    assert done.status_code == 200, done.text
    assert "Read 3" in done.text  # the three messages, each read
