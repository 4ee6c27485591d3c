"""`tom serve` recomputes only the groups a logged message, or a message another program
imported, touched; what it then keeps is exactly a full recompute, as `tom` programs
beside it read and check it."""

from __future__ import annotations

import json
import sqlite3
from email.utils import format_datetime

import pytest
from processes import Server, tom

from conftest import NOW, NOW_ISO

pytestmark = pytest.mark.durability


def test_the_web_apps_agenda_after_messages_matches_a_full_recompute(tmp_path, tom_home):
    db = str(tmp_path / "scoped.db")
    loaded = tom(db, tom_home, "--now", NOW_ISO, "demo")
    assert loaded.returncode == 0, loaded.stderr
    with Server(db, tom_home, tmp_path / "serve.log", env={"TOM_NOW": NOW_ISO}) as server:
        headers = {"X-CSRF-Token": server.token}
        before = server.client.get("/api/actions").json()
        thanks = next(a for a in before if a["rule"] == "thank-you")
        messages = [
            {"with": thanks["person_names"][:1], "direction": "out", "summary": "Thank you!"},
            {"with": ["Marco Bianchi"], "direction": "in", "summary": "Any update?"},
            # two people of two organizations: their groups become one
            {"with": ["Grace Kim", "Victor Osei"], "direction": "out", "summary": "Intro"},
        ]
        for message in messages:
            logged = server.client.post(
                "/api/interactions", json={"kind": "email", **message}, headers=headers
            )
            assert logged.status_code == 200, logged.text
        # Another program imports a reply: the server follows what it wrote.
        with sqlite3.connect(db) as conn:
            (address,) = conn.execute(
                "SELECT e.email FROM person_emails e JOIN people p ON p.id = e.person_id "
                "WHERE p.name = 'Marco Bianchi'"
            ).fetchone()
        mail = tmp_path / "reply.eml"
        mail.write_text(
            f"From: Marco Bianchi <{address}>\nTo: Jordan Lee <jordan@mail.example>\n"
            f"Subject: Re: Any update?\nDate: {format_datetime(NOW)}\n"
            "Message-ID: <reply-1@example.com>\n\nNot yet, next week.\n"
        )
        imported = tom(db, tom_home, "--now", NOW_ISO, "import", "email", str(mail))
        assert imported.returncode == 0, imported.stderr
        served = server.client.get("/api/actions").json()
        assert thanks["id"] not in {a["id"] for a in served}  # closed by the thank-you
        # Another program reads what the server kept, from the database.
        listed = tom(db, tom_home, "--now", NOW_ISO, "actions", "--json")
        assert listed.returncode == 0, listed.stderr
        assert json.loads(listed.stdout) == served
        checked = tom(db, tom_home, "--now", NOW_ISO, "doctor", "--check")
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert "matches a full recompute" in checked.stdout
