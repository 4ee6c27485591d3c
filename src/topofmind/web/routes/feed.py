"""The calendar feed of open actions at a secret URL, for any calendar app to subscribe to.

The token is the only key: it is compared in constant time, never shown in logs by us,
and rotated from the settings page when it may have leaked.
"""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Depends
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException

from topofmind.services.context import Context
from topofmind.services.drafting import calendar_ics
from topofmind.services.feed import feed_token, rotate_token
from topofmind.web.app_context import get_context

router = APIRouter()


@router.get("/feed/{token}.ics", include_in_schema=False)
def feed(token: str, ctx: Context = Depends(get_context)) -> Response:
    expected = feed_token(ctx)
    if not expected or not hmac.compare_digest(expected.encode(), token.encode()):
        raise HTTPException(404)
    return Response(
        calendar_ics(ctx),
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "no-store"},
    )


@router.post("/settings/feed/rotate", include_in_schema=False)
def feed_rotate(ctx: Context = Depends(get_context)):
    rotate_token(ctx)
    return RedirectResponse("/settings#feed", status_code=303)
