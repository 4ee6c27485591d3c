"""services/board.py: the pipeline board's cards."""

from __future__ import annotations

from topofmind.domain.enums import Stage
from topofmind.services.board import cards


def test_cards_name_title_stage_and_organization(demo_db):
    found = {(c.title, c.organization_name): c.stage for c in cards(demo_db)}
    assert len(found) == 6
    assert found[("Senior Data Engineer", "Northwind Analytics")] is Stage.INTERVIEWING
    assert found[("Staff Data Engineer", "Atlas Logistics")] is Stage.OFFER


def test_cards_of_one_stage(demo_db):
    offers = cards(demo_db, Stage.OFFER)
    assert [(c.title, c.organization_name) for c in offers] == [
        ("Staff Data Engineer", "Atlas Logistics")
    ]
    assert cards(demo_db, Stage.ACCEPTED) == []
