"""The opportunity page's preparation section: the saved introduction and the prep sheet."""

from __future__ import annotations

from dataclasses import dataclass

from topofmind.domain.records import Opportunity
from topofmind.errors import TomError
from topofmind.services import preparation
from topofmind.services.context import Context


@dataclass
class Preparation:
    introduction: object | None = None
    #: The prep sheet as HTML (sanitised again when shown).
    sheet_html: str = ""
    #: Why there is no prep sheet, when there is none.
    sheet_missing: str = ""


def preparation_for(ctx: Context, opp: Opportunity) -> Preparation:
    found = Preparation(introduction=preparation.saved_introduction(ctx, f"#{opp.id}"))
    if opp.stage.is_active:
        try:
            found.sheet_html = preparation.prep_sheet_html(ctx, f"#{opp.id}")
        except TomError as exc:
            found.sheet_missing = str(exc)
    return found
