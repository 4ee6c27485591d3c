"""Every page at 1400 and 390 px: a screenshot for anyone to look at, and axe-core finds
no serious or critical accessibility violation (the tally is printed at the end)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from web.e2e.conftest import WIDTHS, axe_violations

#: Each page a person opens, by a name for its screenshot.
PAGES = {
    "today": "/",
    "pipeline": "/pipeline",
    "opportunity": "/opportunities/1",
    "opportunity-new": "/opportunities/new",
    "people": "/people",
    "person": "/people/1",
    "person-new": "/people/new",
    "organizations": "/organizations",
    "organization": "/organizations/1",
    "log": "/log",
    "import": "/import",
    "achievements": "/achievements",
    "events": "/events",
    "questions": "/questions",
    "charts": "/charts",
    "settings": "/settings",
    "profile": "/profile",
    "setup": "/setup",
    "search": "/search?q=dana",
    "draft": "/actions/thank-you%3Ai3%3Ap1/draft",
    "missing": "/no-such-page",
}


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_is_usable_and_accessible_at_this_width(live, sized, snap, width):
    page = sized(width)
    failures = {}
    for name, path in PAGES.items():
        page.goto(live.url + path)  # on to the load event: every script has run
        if name == "charts":  # the one page that fetches after it loads
            pending = page.locator("canvas[data-src]:not([data-ready])")
            expect(pending).to_have_count(0)  # polled from here: the page's CSP forbids eval
        # nothing runs off the right edge: the page is as wide as the window
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} is {overflow} px wider than the {width} px window"
        snap(page, "pages", name, width)
        found = axe_violations(page, width, name)
        if found:
            failures[name] = found
    assert not failures, failures
    # the one page that is missing on purpose answers 404; nothing else fails
    errors = [e for e in page.script_errors if "status of 404" not in e]
    assert not errors, errors


def test_on_a_phone_the_menu_opens_the_navigation(live, sized, snap):
    page = sized(390)
    page.goto(live.url + "/")
    nav = page.get_by_role("navigation", name="Main")
    assert not nav.is_visible()
    height = page.locator("header.top").bounding_box()["height"]
    assert height < 70, f"the bar is {height} px tall"
    page.get_by_role("button", name="Menu").click()
    organizations = nav.get_by_role("link", name="Organizations")
    organizations.click()
    page.wait_for_url(live.url + "/organizations")
    assert "Organizations" in page.locator("h1").inner_text()
    snap(page, "pages", "menu", 390)


def test_the_keyboard_reaches_everything_with_the_focus_in_sight(live, sized):
    page = sized(1400)
    page.goto(live.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the page")
    expect(skip).to_be_focused()
    assert skip.bounding_box()["x"] >= 0  # shown when focused, off-screen otherwise
    page.keyboard.press("Enter")
    for _ in range(40):  # on through the page to Today's first Done button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.key") == "done":
            break
    focused = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert focused[0] != "none" and focused[1] >= 2, focused
    card = page.evaluate("document.activeElement.closest('article').dataset.actionId")
    page.keyboard.press("Enter")  # a button works from the keyboard
    expect(page.locator(f'article.decided[data-action-id="{card}"]')).to_contain_text("Done: ")
