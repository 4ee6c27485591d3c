"""Pipeline: the board by stage, each card with its next action; moving a card."""

from __future__ import annotations

import html


def column(page: str, stage: str) -> str:
    return page.split(f'data-stage="{stage}"')[1].split("</section>")[0]


def test_board_shows_each_opportunity_in_its_stage(web):
    page = html.unescape(web.get("/pipeline").text)
    assert "Senior Data Engineer" in column(page, "interviewing")
    assert "Staff Data Engineer" in column(page, "offer")
    assert "Analytics Engineer" in column(page, "applied")
    assert "Senior Data Engineer" not in column(page, "applied")


def test_cards_show_the_next_action(web):
    # The API lists the open actions most urgent first, as Today does: the card shows
    # the first of its opportunity's.
    actions = [a for a in web.get("/api/actions").json() if a["opportunity_id"] == 1]
    first = actions[0]
    card = html.unescape(web.get("/pipeline").text).split('id="opp-1"')[1].split("</article>")[0]
    assert f"Next: {first['title']}" in card


def test_moving_a_card_by_its_menu_changes_the_stage(web):
    result = web.post("/opportunities/3/stage", data={"stage": "screening"}, htmx=True)
    assert result.status_code == 200
    assert 'value="screening" selected' in result.text
    page = web.get("/pipeline").text
    assert 'id="opp-3"' in column(page, "screening")
    assert "Screening" in web.get("/opportunities/3").text


def test_moving_to_an_unknown_stage_is_one_line(web):
    result = web.post("/opportunities/3/stage", data={"stage": "hired"}, htmx=True)
    assert "Unknown stage &#39;hired&#39;" in result.text
    assert 'id="opp-3"' in column(web.get("/pipeline").text, "applied")


def test_plain_form_move_returns_to_the_opportunity(web):
    result = web.form("/opportunities/3/stage", {"stage": "withdrawn"}, follow_redirects=False)
    assert result.status_code == 303
    assert result.headers["location"] == "/opportunities/3"


def test_long_columns_show_a_page_and_load_the_rest(web, monkeypatch):
    from topofmind.web.routes import pipeline

    monkeypatch.setattr(pipeline, "PAGE", 1)
    web.post("/opportunities/2/stage", data={"stage": "applied"}, htmx=True)
    applied = column(web.get("/pipeline").text, "applied")
    assert applied.count('class="card opp-card"') == 1
    assert "Show 1 more of 1" in applied
    assert '<span class="badge">2</span>' in applied
    more = web.get("/pipeline/applied?offset=1").text
    assert more.count('class="card opp-card"') == 1
