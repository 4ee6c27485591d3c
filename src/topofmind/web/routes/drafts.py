"""Draft: edit with the personalization check live; send, save to IMAP drafts, download
.eml, copy."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
