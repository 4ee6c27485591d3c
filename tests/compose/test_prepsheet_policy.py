"""The printable prep sheet carries the web app's Content-Security-Policy and links only
http, https and mailto URLs, so a news item's ``javascript:`` link runs nothing."""

from __future__ import annotations

import importlib.util
from datetime import timedelta
from pathlib import Path

import pytest

from topofmind.compose.prepsheet import PAGE_POLICY, render_html
from topofmind.domain.records import NewsItem
from topofmind.web.security import CONTENT_SECURITY_POLICY

_spec = importlib.util.spec_from_file_location(
    "prep_cases", Path(__file__).with_name("test_prepsheet.py")
)
_cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_cases)
ARGS, CHROMIUM, NOW, sheet = _cases.ARGS, _cases.CHROMIUM, _cases.NOW, _cases.sheet


def test_the_page_policy_is_the_web_apps():
    web = [p for p in CONTENT_SECURITY_POLICY.split("; ") if not p.startswith("frame-ancestors")]
    assert list(PAGE_POLICY) == web


def hostile_sheet():
    prep = sheet()
    prep.news = [
        NewsItem(2, "Click me", url="javascript:alert(1)", published=NOW - timedelta(days=1)),
        NewsItem(2, "Real news", url="https://news.example/a", published=NOW - timedelta(days=2)),
    ]
    return prep


def test_a_javascript_link_is_shown_as_text_and_the_policy_is_in_the_page():
    page = render_html(hostile_sheet())
    assert "javascript:" not in page
    assert '<a href="https://news.example/a">Real news</a>' in page
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'' in page
    assert "style-src 'self' 'sha256-" in page


def test_the_page_keeps_its_style_under_the_policy_in_chromium(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    page_file = tmp_path / "prep.html"
    page_file.write_text(render_html(hostile_sheet()), encoding="utf-8")
    with sync_api.sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        except Exception as exc:  # no Chromium on this machine
            pytest.skip(f"Chromium not available: {exc}")
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            family = page.evaluate("getComputedStyle(document.body).fontFamily")
            assert "Georgia" in family
            assert page.locator("a", has_text="Click me").count() == 0
        finally:
            browser.close()
