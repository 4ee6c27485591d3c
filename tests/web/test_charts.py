"""Charts: score over time, actions done against due, how fast requests were answered."""

from __future__ import annotations


def test_charts_page_has_the_three_charts(web):
    page = web.get("/charts").text
    for source in ("/api/charts/scores", "/api/charts/actions", "/api/charts/answers"):
        assert f'data-src="{source}"' in page


def test_the_first_request_of_the_day_records_the_scores_without_a_page_reading_them(web):
    data = web.get("/api/charts/score/opportunity/1").json()  # not the board: no score read
    assert data["labels"][-1] == "2026-11-24"
    assert 0 <= data["datasets"][0]["data"][0] <= 100
    lines = web.get("/api/charts/scores").json()
    assert any(
        d["label"] == "Senior Data Engineer at Northwind Analytics" for d in lines["datasets"]
    )


def test_actions_per_week_counts_done(web):
    def done_this_week() -> int:
        data = web.get("/api/charts/actions").json()
        assert data["labels"][-1] == "2026-11-23"
        return next(d for d in data["datasets"] if d["label"] == "Done")["data"][-1]

    before = done_this_week()
    action_id = web.get("/api/actions").json()[0]["id"]
    web.post(f"/actions/{action_id}/decide", data={"status": "done"}, htmx=True)
    assert done_this_week() == before + 1


def test_answers_chart_counts_the_demo_requests(web):
    data = web.get("/api/charts/answers").json()
    counts = dict(zip(data["labels"], data["datasets"][0]["data"], strict=True))
    assert sum(counts.values()) >= 1
    assert counts["not yet"] >= 1  # Priya asked for two references; not answered yet


def test_counts_are_drawn_on_whole_numbers_and_every_score_line_is_named(web):
    for chart in ("actions", "answers"):
        scale = web.get(f"/api/charts/{chart}").json()["scales"]["y"]
        assert scale == {"beginAtZero": True, "ticks": {"precision": 0}}
    assert web.get("/api/charts/scores").json()["legend"] is True


def test_the_day_after_records_again_once(web):
    from datetime import timedelta

    from conftest import NOW

    app = web.client.app
    web.get("/")
    app.state.now = (NOW + timedelta(days=1)).isoformat()
    first = web.get("/api/charts/score/opportunity/1").json()["labels"]
    assert first[-2:] == ["2026-11-24", "2026-11-25"]
    assert app.state.daily_scores.day.isoformat() == "2026-11-25"
    web.get("/")
    assert web.get("/api/charts/score/opportunity/1").json()["labels"] == first


def test_a_fresh_record_records_nothing_and_says_what_each_empty_chart_needs(web_fresh):
    page = web_fresh.get("/charts").text
    assert page.count("data-empty=") == 3
    assert "Add one on the Pipeline" in page
    assert web_fresh.get("/api/charts/scores").json()["labels"] == []
