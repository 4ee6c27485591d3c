"""Today: the agenda by urgency with why-now, and done/snooze/dismiss in one click."""

from __future__ import annotations

import html
import re

import pytest

ACTION_ID = re.compile(r'data-action-id="([^"]+)"')


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))


def test_today_puts_at_most_three_first_then_the_rest_by_opportunity_or_person(web):
    page = web.get("/")
    assert page.status_code == 200
    text = html.unescape(page.text)
    agenda = web.get("/api/agenda").json()
    assert len(agenda["overdue"] + agenda["today"]) > 3
    top = text.split('id="do-now"')[1].split('id="the-rest"')[0]
    top_ids = ACTION_ID.findall(top)
    assert len(top_ids) == 3
    # the most at stake first: no action left below outranks one chosen
    due_now = {a["id"]: a for a in agenda["overdue"] + agenda["today"]}
    worst_chosen = max(due_now[i]["priority"] for i in top_ids)
    assert all(a["priority"] >= worst_chosen for i, a in due_now.items() if i not in top_ids)
    assert top.split('id="next-three"')[0].count("button primary") == 3  # one primary each
    rest = text.split('id="the-rest"')[1]
    for action in agenda["overdue"] + agenda["today"] + agenda["upcoming"]:
        if action["id"] in top_ids:
            continue
        line = rest.split(f'data-action-id="{action["id"]}"')[1].split("</article>")[0]
        assert action["title"] in line
        assert action["why"] in line.split("<details")[1]  # a click away, not on the line
    # grouped under the opportunity (else the person) they are about
    northwind = rest.split('aria-label="Senior Data Engineer at Northwind Analytics"')[1]
    assert 'href="/opportunities/1"' in northwind.split("</h3>")[0]
    assert "Open draft" in text


def test_the_counts_say_what_is_open_and_change_with_each_decision(web):
    agenda = web.get("/api/agenda").json()
    counts = _text(web.get("/").text.split('id="today-counts"')[1].split("</p>")[0])
    assert f"{len(agenda['overdue'])} overdue" in counts
    assert f"{len(agenda['today'])} due today" in counts
    assert f"{len(agenda['upcoming'])} coming up" in counts
    done_before = int(re.search(r"(\d+) done this week", counts).group(1))
    group, words = ("overdue", "overdue") if agenda["overdue"] else ("today", "due today")
    action_id = agenda[group][0]["id"]
    done = web.post(f"/actions/{action_id}/decide", data={"status": "done"}, htmx=True).text
    swapped = _text(done.split('id="today-counts" class="counts" hx-swap-oob="true"')[1])
    assert f"{len(agenda[group]) - 1} {words}" in swapped
    assert f"{done_before + 1} done this week" in swapped
    undone = web.post(f"/actions/{action_id}/reopen", htmx=True).text
    again = _text(undone.split('id="today-counts" class="counts" hx-swap-oob="true"')[1])
    assert f"{len(agenda[group])} {words}" in again


def test_a_line_decided_on_today_comes_back_as_a_line(web):
    action_id = ACTION_ID.search(web.get("/").text.split('id="the-rest"')[1]).group(1)
    decided = web.post(
        f"/actions/{action_id}/decide", data={"status": "done", "view": "line"}, htmx=True
    ).text
    assert """hx-vals='{"view": "line"}'""" in decided
    undone = web.post(f"/actions/{action_id}/reopen", data={"view": "line"}, htmx=True).text
    assert 'class="card line state-' in undone


def test_the_keyboard_shortcuts_are_listed(web):
    shortcuts = _text(web.get("/").text.split('id="shortcuts"')[1].split("</dialog>")[0])
    for words in ("j Next action", "o Open its draft", "d Done", "s Snooze", "u Undo", "? This"):
        assert words in shortcuts


@pytest.mark.parametrize(
    ("status", "shown"),
    [("done", "Done: "), ("snoozed", "Snoozed until "), ("dismissed", "Dismissed: ")],
)
def test_decision_in_one_click_replaces_the_card(web, status, shown):
    page = web.get("/")
    action_id = ACTION_ID.search(page.text).group(1)
    result = web.post(f"/actions/{action_id}/decide", data={"status": status}, htmx=True)
    assert result.status_code == 200, result.text
    assert shown in result.text
    assert f'data-action-id="{action_id}"' not in web.get("/").text.split("Done this week")[0]


def test_snooze_until_a_typed_moment_with_a_note(web):
    action_id = ACTION_ID.search(web.get("/").text).group(1)
    result = web.post(
        f"/actions/{action_id}/decide",
        data={"status": "snoozed", "until": "friday 3pm", "note": "after the onsite"},
        htmx=True,
    )
    assert result.status_code == 200, result.text
    assert "Snoozed until Fri 27 Nov 15:00" in result.text
    assert "Note: after the onsite" in result.text
    shown = {a["id"] for a in web.get("/api/actions").json()}
    assert action_id not in shown


def test_snooze_until_a_moment_it_cannot_read_is_one_line_and_keeps_the_action(web):
    action_id = ACTION_ID.search(web.get("/").text).group(1)
    result = web.post(
        f"/actions/{action_id}/decide",
        data={"status": "snoozed", "until": "someday soon"},
        htmx=True,
    )
    assert result.headers["HX-Retarget"] == "#flash"  # htmx swaps 200s only
    assert "someday soon" in html.unescape(result.text)
    assert action_id in {a["id"] for a in web.get("/api/actions").json()}


def test_every_card_offers_snooze_until_and_a_note(web):
    page = web.get("/").text
    card = page.split('class="card line state-')[1].split("</article>")[0]
    assert 'name="until"' in card and 'name="note"' in card
    assert 'name="csrf_token"' in card


def test_done_shows_under_done_this_week(web):
    action_id = ACTION_ID.search(web.get("/").text).group(1)
    title = web.get("/api/actions").json()
    title = next(a["title"] for a in title if a["id"] == action_id)
    web.post(f"/actions/{action_id}/decide", data={"status": "done"}, htmx=True)
    done = web.get("/").text.split("Done this week")[1]
    assert title in html.unescape(done)


def test_unknown_action_is_one_line_in_the_message_area(web):
    result = web.post("/actions/no-such:x1/decide", data={"status": "done"}, htmx=True)
    assert result.headers["HX-Retarget"] == "#flash"
    assert "No current action has id 'no-such:x1'" in result.text.replace("&#39;", "'")


def test_plain_form_decision_redirects_back_to_today(web):
    action_id = ACTION_ID.search(web.get("/").text).group(1)
    result = web.form(f"/actions/{action_id}/decide", {"status": "done"}, follow_redirects=False)
    assert result.status_code == 303
    assert result.headers["location"] == "/"


def test_fresh_record_has_nothing_to_do(web_fresh):
    page = web_fresh.get("/")
    assert page.status_code == 200
    assert "Nothing to do" in page.text


def test_nothing_due_in_the_days_shown_shows_the_next_action(web_fresh, tom_home):
    web_fresh.form("/settings", {"name": "agenda_days", "value": "3"})
    web_fresh.form(
        "/opportunities/new",
        {"title": "Data Engineer", "organization": "Acme", "stage": "applied"},
    )
    page = html.unescape(web_fresh.get("/").text)
    later = page.split('id="later"')[1].split("</div>\n")[0]
    assert "Nothing due today or in the 3 days after. Next, due Tue 01 Dec 15:00:" in later
    assert "<h3>Find an insider at Acme</h3>" in later
    assert "Nothing to do" not in page


def test_a_long_rest_shows_a_page_and_loads_the_next(web, monkeypatch):
    from topofmind.web.routes import today

    monkeypatch.setattr(today, "REST_PAGE", 4)
    page = web.get("/").text
    rest = page.split('id="the-rest"')[1]
    assert rest.count('class="card line state-') == 4
    agenda = web.get("/api/agenda").json()
    left = sum(len(agenda[k]) for k in ("overdue", "today", "upcoming")) - 3 - 4
    assert f"Show 4 more of {left}" in rest
    more = web.get("/today/rest?offset=4").text
    assert more.count('class="card line state-') == 4
    assert ACTION_ID.findall(more)[0] not in ACTION_ID.findall(rest)


@pytest.mark.parametrize("status", ["done", "snoozed", "dismissed"])
def test_undo_brings_the_card_back(web, status):
    action_id = ACTION_ID.search(web.get("/").text).group(1)
    decided = web.post(f"/actions/{action_id}/decide", data={"status": status}, htmx=True)
    assert f'hx-post="/actions/{action_id.replace(":", "%3A")}/reopen"' in decided.text
    undone = web.post(f"/actions/{action_id}/reopen", htmx=True)
    assert undone.status_code == 200, undone.text
    assert f'data-action-id="{action_id}"' in undone.text and ">Done</button>" in undone.text
    assert action_id in {a["id"] for a in web.get("/api/actions").json()}


def test_undo_without_a_decision_is_one_line(web):
    action_id = ACTION_ID.search(web.get("/").text).group(1)
    result = web.post(f"/actions/{action_id}/reopen", htmx=True)
    assert result.headers["HX-Retarget"] == "#flash"
    assert "nothing to reopen" in html.unescape(result.text)


def test_done_shows_what_followed_and_undo_takes_it_back(web):
    done = web.post("/actions/thank-you:i3:p1/decide", data={"status": "done"}, htmx=True)
    assert done.status_code == 200, done.text
    text = html.unescape(done.text)
    assert "Done: Thank Dana Ruiz for the interview." in text
    # The point the thank-you carried is its own action now, with its draft a click away.
    followed = text.split('aria-label="What followed"')[1]
    assert "New: Send Dana Ruiz the point you wish you had covered · due Thu 26 Nov 16:00" in (
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", followed))
    )
    assert 'href="/actions/supplementary-info' in followed
    assert "Thank Dana Ruiz" not in followed.split("</ul>")[0]  # the decision is said once
    # The week's list beside the cards is brought up to date in the same answer.
    week = text.split('id="done-this-week" hx-swap-oob="true"')[1]
    assert "Thank Dana Ruiz for the interview" in week
    undone = html.unescape(web.post("/actions/thank-you:i3:p1/reopen", htmx=True).text)
    assert 'data-action-id="thank-you:i3:p1"' in undone
    assert "Folded: Send Dana Ruiz the point you wish you had covered" in undone
    assert "now part of “Thank Dana Ruiz for the interview”" in undone
    week_after = undone.split('id="done-this-week"')[1].split("</div>")[0]
    assert "Thank Dana Ruiz for the interview" not in week_after


def test_a_decision_that_changes_nothing_else_lists_nothing(web):
    done = web.post("/actions/connect:p1/decide", data={"status": "dismissed"}, htmx=True)
    assert "Dismissed: Connect with Dana Ruiz on LinkedIn." in html.unescape(done.text)
    assert "What followed" not in done.text


def test_work_that_is_not_a_message_links_to_where_it_is_done(web):
    from datetime import datetime

    from topofmind.domain.actions import Action, ActionState
    from topofmind.web.pages import _work_link

    def work(rule: str, **refs) -> tuple[str, str] | None:
        action = Action(
            id=f"{rule}:x", rule=rule, title="t", why="w", due=datetime(2026, 11, 24),
            state=ActionState.DUE, opportunity_id=refs.pop("opp", None), refs=refs,
            draftable=False,
        )  # fmt: skip
        return _work_link(action)

    assert work("memorable-introduction", opp=1) == (
        "/opportunities/1#introduction",
        "Make my introduction",
    )
    assert work("informational-interview", organization_id=3) == (
        "/organizations/3",
        "Who you know there",
    )
    assert work("engage", person_id=10) == ("/people/10", "Open their page")
    # On Today, every line that is not a message carries its link
    page = html.unescape(web.get("/").text)
    agenda = web.get("/api/agenda").json()
    work_only = [
        a for a in agenda["overdue"] + agenda["today"] + agenda["upcoming"] if not a["draftable"]
    ]
    assert work_only
    for action in work_only:
        line = page.split(f'data-action-id="{action["id"]}"')[1].split("</article>")[0]
        assert 'data-key="open"' in line, action["id"]


def test_the_event_to_register_for_links_to_its_row(web):
    page = html.unescape(web.get("/").text)
    register = page.split('data-action-id="event-register:e1"')[1].split("</article>")[0]
    register = register.replace(" primary", "").replace(' data-key="open"', "")
    assert '<a class="button" href="/events#event-1">Open the event</a>' in register
    assert 'id="event-1"' in web.get("/events").text
