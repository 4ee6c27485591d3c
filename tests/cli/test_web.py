"""`tom serve`: binds to this computer by default and serves the same database."""

from __future__ import annotations

import pytest


@pytest.fixture
def served(monkeypatch):
    import uvicorn

    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append({"app": app, **kwargs}))
    return calls


def test_serve_binds_to_loopback_by_default(tom_demo, served):
    result = tom_demo("serve")
    assert result.exit_code == 0, result.output
    assert "topofmind is at http://127.0.0.1:8765/" in result.output
    (call,) = served
    assert call["host"] == "127.0.0.1" and call["port"] == 8765
    from fastapi.testclient import TestClient

    page = TestClient(call["app"]).get("/")
    assert page.status_code == 200 and "Do these first" in page.text


def test_serve_on_another_address_warns(tom_demo, served):
    result = tom_demo("serve", "--host", "0.0.0.0", "--port", "9001")
    assert result.exit_code == 0, result.output
    assert "anyone who can reach it can read your record" in result.output
    assert served[0]["host"] == "0.0.0.0" and served[0]["port"] == 9001


def test_open_without_a_desktop_prints_the_address(tom_demo, served, monkeypatch):
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    result = tom_demo("serve", "--open")
    assert "No graphical browser here; open http://127.0.0.1:8765/ in yours." in result.output


def test_serve_says_what_it_keeps_in_sync(tom_demo, served, monkeypatch, tmp_path):
    assert "It syncs" not in tom_demo("serve").output  # nothing set up in the demo
    monkeypatch.setenv("TOM_CALENDAR_URL", str(tmp_path / "work.ics"))
    monkeypatch.setenv("TOM_IMAP_HOST", "imap.example.com")
    monkeypatch.setenv("TOM_IMAP_USER", "jordan@example.com")
    result = tom_demo("serve")
    assert (
        "It syncs your mail and your calendar in a minute and then every 30 minutes "
        "(sync_minutes; 0 turns that off)." in result.output
    )
    monkeypatch.setenv("TOM_SYNC_MINUTES", "0")
    assert "It syncs" not in tom_demo("serve").output
