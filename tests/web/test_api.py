"""The JSON API and its OpenAPI description at /docs."""

from __future__ import annotations


def test_openapi_documents_the_api(web):
    spec = web.get("/openapi.json").json()
    for path in (
        "/api/agenda",
        "/api/actions/{action_id}/decision",
        "/api/interactions",
        "/api/opportunities/{opp_id}/stage",
        "/api/search",
        "/api/charts/actions",
    ):
        assert path in spec["paths"], path
    page = web.get("/docs").text
    assert "/static/vendor/swagger-ui-bundle.js" in page and "/static/docs.js" in page


def test_session_gives_a_token_that_works(web):
    token = web.client.get("/api/session").json()["csrf_token"]
    result = web.client.post(
        "/api/opportunities/3/stage",
        json={"stage": "screening"},
        headers={"X-CSRF-Token": token},
    )
    assert result.status_code == 200, result.text
    assert result.json()["stage"] == "screening"


def test_decide_by_api(web):
    action_id = web.get("/api/actions").json()[0]["id"]
    result = web.post(f"/api/actions/{action_id}/decision", json={"status": "dismissed"})
    assert result.json()["status"] == "dismissed"
    assert action_id not in [a["id"] for a in web.get("/api/actions").json()]


def test_log_by_api_returns_created_actions(web):
    result = web.post(
        "/api/interactions",
        json={
            "kind": "interview",
            "with": ["Elena Kovacs"],
            "opportunity": "#2",
            "at": "2026-11-24T11:00",
            "points": ["wants lineage in the catalog"],
        },
    )
    body = result.json()
    assert result.status_code == 200, body
    assert any(a["title"] == "Thank Elena Kovacs for the interview" for a in body["created"])


def test_api_errors_are_json(web):
    result = web.get("/api/opportunities/999")
    assert result.status_code == 404
    assert result.json()["error"].startswith("No opportunity has id 999.")


def test_static_vendor_files_are_served(web):
    for name in ("htmx.min.js", "Sortable.min.js", "chart.umd.min.js"):
        assert web.get(f"/static/vendor/{name}").status_code == 200, name


def test_reopen_by_api(web):
    action_id = web.get("/api/actions").json()[0]["id"]
    web.post(f"/api/actions/{action_id}/decision", json={"status": "done"})
    result = web.delete(f"/api/actions/{action_id}/decision")
    assert result.status_code == 200, result.text
    assert result.json()["forgotten"]["status"] == "done"
    assert result.json()["action"]["id"] == action_id
    assert action_id in [a["id"] for a in web.get("/api/actions").json()]
    again = web.delete(f"/api/actions/{action_id}/decision")
    assert again.status_code == 404 and "nothing to reopen" in again.text
