"""The pipeline board's cards, read lean: what a card shows and nothing more."""

from __future__ import annotations

from topofmind.domain.enums import Stage
from topofmind.services.context import Context
from topofmind.store import board as board_store
from topofmind.store.board import Card

__all__ = ["Card", "cards"]


def cards(ctx: Context, stage: Stage | None = None) -> list[Card]:
    """Opportunities as cards (of one stage, if given), highest priority first."""
    with ctx.db.connect() as conn:
        return board_store.cards(conn, stage)
