"""News as an input: a funding round at a company in process, read, cited and written about.

Jordan interviews with Dana Ruiz at Northwind Analytics. Midweek Northwind announces a
Series C. Before, feed items changed nothing and `tom news read` did not exist. Now the
item is listed as new, proposes one short note to Dana, and the research before the next
interview cites it; marking it read is that research done, and writing to Dana is the
note done. Old news, and news about a company with nothing in process, propose nothing.
"""

from __future__ import annotations

import json
from datetime import date

from stories.journey import Journey, begun


def interviewing(tom) -> Journey:
    j = Journey(tom, start=date(2026, 11, 16))  # a Monday
    j.run("person", "add", "Dana Ruiz", "--org", "Northwind Analytics", "--email", "dana@nw.ex")
    j.run("org", "add", "Quarry Labs")
    j.run(
        "opp", "add", "Senior Data Engineer", "--org", "Northwind", "--stage", "applied",
        "--person", "Dana Ruiz=hiring-manager",
    )  # fmt: skip
    j.day(0, "11:00")
    j.log("interview", "Dana Ruiz", opp="Northwind", at=j.at(0, "10:00"))
    j.day(1, "09:30")
    j.log("email", "Dana Ruiz", opp="Northwind", direction="in", summary="Great meeting you")
    j.log("interview", "Dana Ruiz", opp="Northwind", at=j.at(7, "10:00"), scheduled=True)
    return j


def test_a_funding_round_proposes_one_note_and_is_cited_by_research(tom, recorded):
    j = begun(recorded, tom, interviewing)
    j.day(2, "10:00")
    assert not j.has("news")
    added = j.run(
        "news", "add", "Northwind", "Northwind raises $40M Series C",
        "--published", j.at(2, "08:00"), "--json",
    )  # fmt: skip
    news_id = json.loads(added.stdout)["id"]
    listed = j.run("news").output
    assert "Northwind raises $40M Series C" in listed and "new" in listed
    note = j.action("Write to Dana Ruiz about Northwind Analytics's news")
    assert "Series C" in note["why"]
    assert note["due"].startswith("2026-11-19T15:00")  # the working day after, 10:00 NY
    assert note["state"] == "upcoming"
    # One action: the check-in does not propose the same news a second time meanwhile.
    assert len(j.actions("company-news")) == 1
    research = j.action("Research Northwind Analytics before the interview")
    assert 'read "Northwind raises $40M Series C"' in research["why"]
    # Read: the research is done; the note is not (only writing to Dana is).
    j.day(2, "15:00")
    assert "Marked 1 news item read" in j.run("news", "read", str(news_id)).output
    assert not j.has("Research Northwind Analytics")
    assert j.has("Write to Dana Ruiz about Northwind Analytics's news")
    assert "read" in j.run("news", "--json").output
    j.day(3, "10:00")
    j.log("email", "Dana Ruiz", opp="Northwind", direction="out", summary="Congrats on the C!")
    assert not j.has("Northwind Analytics's news")


def test_old_news_and_news_of_a_company_not_in_process_propose_nothing(tom, recorded):
    j = begun(recorded, tom, interviewing)
    j.day(2, "10:00")
    j.run("news", "add", "Northwind", "Northwind opens Denver office", "--published", "2026-11-04")
    j.run("news", "add", "Quarry Labs", "Quarry Labs is acquired", "--published", j.at(2, "08:00"))
    assert j.actions("company-news") == []
    assert "Quarry Labs is acquired" in j.run("news", "--unread").output
    j.run("news", "read", "--org", "Quarry Labs")
    assert "Quarry Labs is acquired" not in j.run("news", "--unread").output
