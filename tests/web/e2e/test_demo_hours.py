"""The demo loaded from the first-run page early in the morning and late at night in New
York: a believable day either way, with nothing overdue from before it was loaded, the
offer's deadline in view, and the recruiter's request for references already in."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from web.e2e.conftest import WIDTHS, LiveServer

HOURS = {"07-00": "2026-11-24T07:00:00-05:00", "23-00": "2026-11-24T23:00:00-05:00"}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("hour", sorted(HOURS))
def test_the_demo_loaded_at_seven_and_at_eleven_at_night(sqlite_url, sized, snap, width, hour):
    with LiveServer(sqlite_url, HOURS[hour]) as server:
        page = sized(width, timezone_id="America/New_York")
        page.goto(server.url + "/")
        expect(page).to_have_url(server.url + "/setup")
        page.get_by_role("button", name="Load the demo").click()
        page.goto(server.url + "/")
        expect(page.locator("h1")).to_contain_text("Today")
        counts = page.locator("#today-counts").inner_text()
        overdue = re.search(r"(\d+)\s+overdue", counts)
        assert overdue is None or overdue.group(1) == "0", counts
        upcoming = sum(int(n) for n in re.findall(r"(\d+)\s+(?:due today|coming up)", counts))
        assert upcoming >= 3, counts
        body = page.locator("main")
        expect(body).to_contain_text("Decide on the offer from Atlas Logistics")
        expect(body).to_contain_text("Answer Priya Nair: send two references")
        assert "overdue since" not in body.inner_text()
        snap(page, "demo-hours", f"today-{hour}", width)
        assert not page.script_errors, page.script_errors
