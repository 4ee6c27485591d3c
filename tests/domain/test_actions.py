"""How an action reads in a list: its title and its opportunity, each said once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from topofmind.domain.actions import Action, ActionState

LABEL = "Senior Data Engineer at Northwind Analytics"


def action(title: str, label: str = LABEL) -> Action:
    due = datetime(2026, 11, 24, 15, tzinfo=UTC)
    return Action("x:1", "x", title, "why", due, ActionState.DUE, opportunity_title=label)


@pytest.mark.parametrize(
    ("title", "label", "headline"),
    [
        pytest.param(
            "Thank Dana Ruiz for the interview",
            LABEL,
            "Thank Dana Ruiz for the interview — Senior Data Engineer at Northwind Analytics",
            id="a title without either gets the whole label",
        ),
        pytest.param(
            "Find an insider at Northwind Analytics",
            LABEL,
            "Find an insider at Northwind Analytics — Senior Data Engineer",
            id="a title naming the organization gets the role",
        ),
        pytest.param(
            "Check in with Dana Ruiz about Senior Data Engineer",
            LABEL,
            "Check in with Dana Ruiz about Senior Data Engineer at Northwind Analytics",
            id="a title ending on the role gets the organization",
        ),
        pytest.param(
            "Pause Senior Data Engineer at Northwind Analytics, or ask Sam Patel",
            LABEL,
            "Pause Senior Data Engineer at Northwind Analytics, or ask Sam Patel",
            id="a title naming both gets nothing more",
        ),
        pytest.param(
            "Connect with Leo Martins on LinkedIn",
            "",
            "Connect with Leo Martins on LinkedIn",
            id="no opportunity",
        ),
        pytest.param(
            "Thank Ann for the call",
            "Analyst at Large at Scale at Acme",
            "Thank Ann for the call — Analyst at Large at Scale at Acme",
            id="roles and names with 'at' in them stay whole",
        ),
    ],
)
def test_headline_says_each_word_once(title, label, headline):
    assert action(title, label).headline == headline
