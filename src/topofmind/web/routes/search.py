"""Search across everything: people, organizations, opportunities, conversations and more."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from topofmind.services.context import Context
from topofmind.services.search import KIND_LABELS, search
from topofmind.web.app_context import get_context
from topofmind.web.pages import render

router = APIRouter()


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(
    request: Request,
    q: str = Query("", description="Words to find"),
    ctx: Context = Depends(get_context),
):
    hits = search(ctx, q)
    return render(
        request,
        "search.html",
        ctx,
        query=q,
        hits=hits,
        labels=KIND_LABELS,
    )
