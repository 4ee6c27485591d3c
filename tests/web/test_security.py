"""Safe by default: CSRF on every change, security headers, trusted hosts, escaped imports."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from topofmind.web.security import CsrfGuard, allowed_hosts


def test_every_page_has_the_security_headers(web):
    response = web.get("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_pages_have_no_inline_script(web):
    for path in ("/", "/pipeline", "/log", "/import", "/charts", "/settings", "/docs"):
        text = web.get(path).text
        assert "<script>" not in text and "<script >" not in text, path
        assert "onclick=" not in text.lower(), path


@pytest.mark.parametrize(
    ("headers", "data"),
    [
        ({}, {"title": "Sneaky", "kind": "project"}),
        ({"X-CSRF-Token": "0" * 64}, {"title": "Sneaky", "kind": "project"}),
        ({}, {"title": "Sneaky", "kind": "project", "csrf_token": "forged"}),
    ],
)
def test_a_change_without_the_token_is_refused_and_nothing_written(web, headers, data):
    web.get("/achievements")
    result = web.client.post("/achievements", data=data, headers=headers)
    assert result.status_code == 403
    assert "security token" in result.text
    assert "Sneaky" not in web.get("/achievements").text


def test_a_token_from_another_session_is_refused(web):
    web.get("/")
    other = TestClient(web.client.app)
    result = other.post(
        "/achievements",
        data={"title": "Sneaky", "kind": "project"},
        headers={"X-CSRF-Token": web.token},
    )
    assert result.status_code == 403


def test_json_api_changes_need_the_token_too(web):
    result = web.client.post("/api/opportunities/1/stage", json={"stage": "offer"})
    assert result.status_code == 403
    assert result.json()["error"].startswith("This change was sent without a valid security token")


def test_another_host_name_is_refused(web):
    result = web.client.get("/", headers={"Host": "attacker.example"})
    assert result.status_code == 400


@pytest.mark.parametrize(
    ("bound", "expected"),
    [("127.0.0.1", "127.0.0.1"), ("localhost", "localhost"), ("0.0.0.0", "*")],
)
def test_allowed_hosts_follow_the_bound_address(bound, expected):
    assert expected in allowed_hosts(bound)


def test_tokens_are_bound_to_the_session_and_the_process():
    guard, other = CsrfGuard(), CsrfGuard()
    session = guard.new_session()
    token = guard.token_for(session)
    assert guard.is_valid(session, token)
    assert not guard.is_valid(guard.new_session(), token)
    assert not other.is_valid(session, token)
    assert not guard.is_valid(None, token)


def test_script_in_recorded_text_is_shown_as_text(web):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    result = web.post(
        "/api/interactions",
        json={"kind": "email", "with": ["Dana Ruiz"], "subject": evil, "summary": evil},
    )
    assert result.status_code == 200, result.text
    interaction_id = result.json()["interaction"]["id"]
    for path in (f"/interactions/{interaction_id}", "/people/1", "/search?q=alert"):
        page = web.get(path).text
        assert "<script>alert" not in page, path
        assert "<img src=x" not in page, path
    assert "&lt;script&gt;alert" in web.get(f"/interactions/{interaction_id}").text


def test_sanitize_filter_removes_active_html():
    from topofmind.web.pages import templates

    clean = templates.env.filters["sanitize"]('<p onclick="x()">Hi<script>bad()</script></p>')
    assert str(clean) == "<p>Hi</p>"


@pytest.mark.parametrize(
    "path",
    [
        "/achievements",
        "/events",
        "/questions",
        "/settings",
        "/log",
        "/import",
        "/opportunities/1",
        "/people/new",
        "/opportunities/new",
    ],
)
def test_every_plain_form_carries_the_page_token(web, path):
    import re

    page = web.get(path).text
    forms = re.findall(r'<form[^>]*method="post"[^>]*>(.*?)</form>', page, re.S)
    assert forms, path
    for form in forms:
        assert f'name="csrf_token" value="{web.token}"' in form, form[:200]


def test_a_bug_is_one_plain_line_not_a_traceback(web, monkeypatch):
    from topofmind.web.routes import people

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(people.browse, "list_people", broken)
    client = TestClient(web.client.app, raise_server_exceptions=False)
    result = client.get("/people")
    assert result.status_code == 500
    assert "Unexpected error: ZeroDivisionError" in result.text
    assert "Traceback" not in result.text


def test_today_kept_for_reuse_still_carries_each_browsers_own_token(web):
    import re

    first = web.get("/").text
    other = TestClient(web.client.app)
    second = other.get("/").text
    token = re.compile(r'<meta name="csrf-token" content="([0-9a-f]+)">')
    mine, theirs = token.search(first).group(1), token.search(second).group(1)
    assert mine != theirs
    assert "csrf-token-slot" not in first + second
    ok = other.post(
        "/achievements",
        data={"title": "Theirs", "kind": "project"},
        headers={"X-CSRF-Token": theirs},
    )
    assert ok.status_code == 200
    refused = other.post(
        "/achievements",
        data={"title": "Mine", "kind": "project"},
        headers={"X-CSRF-Token": mine},
    )
    assert refused.status_code == 403


def test_today_shows_a_change_at_once(web):
    action_id = re.search(r'data-action-id="([^"]+)"', web.get("/").text).group(1)
    web.post(f"/actions/{action_id}/decide", data={"status": "dismissed"}, htmx=True)
    page = web.get("/").text.split("Done this week")[0]
    assert f'data-action-id="{action_id}"' not in page
