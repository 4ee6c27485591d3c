"""The opportunity page's preparation section: introduction and prep sheet, when the
compose services that make them are installed; nothing otherwise."""

from __future__ import annotations

from dataclasses import dataclass

from topofmind.domain.records import Opportunity
from topofmind.services.context import Context


@dataclass
class Preparation:
    introduction: object | None = None
    #: The prep sheet as HTML (sanitised again when shown).
    sheet_html: str = ""


def preparation_for(ctx: Context, opp: Opportunity) -> Preparation:
    try:
        from topofmind.services import preparation
    except ImportError:
        return Preparation()
    found = Preparation()
    introduction = getattr(preparation, "saved_introduction", None) or getattr(
        preparation, "get_introduction", None
    )
    if introduction is not None:
        found.introduction = introduction(ctx, f"#{opp.id}")
    sheet = getattr(preparation, "prep_sheet_html", None)
    if sheet is not None:
        found.sheet_html = sheet(ctx, f"#{opp.id}")
    return found
