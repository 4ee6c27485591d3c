"""The prep sheet as Markdown and as printable HTML, the HTML rendered in real Chromium."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from topofmind.compose.introduction import Evidence, Introduction
from topofmind.compose.prepsheet import Attendee, PrepSheet, render_html, render_markdown
from topofmind.domain.enums import Direction, InteractionKind, QuestionCategory
from topofmind.domain.records import Interaction, NewsItem, Opportunity, Question

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=NY)
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def sheet() -> PrepSheet:
    interview = Interaction(
        at=NOW + timedelta(days=2),
        kind=InteractionKind.INTERVIEW,
        direction=Direction.BOTH,
        location="https://zoom.us/j/5550101",
        summary="Video interview with the hiring manager.",
        scheduled=True,
    )
    screen = Interaction(
        at=NOW - timedelta(days=5),
        kind=InteractionKind.PHONE_SCREEN,
        direction=Direction.BOTH,
        summary="Intro call; team of four.",
        points=["Marco: the team is rebuilding its ingestion for HIPAA audits"],
    )
    return PrepSheet(
        opportunity=Opportunity(
            "Data Platform Lead", organization_id=2, organization_name="Bluebird <Health>"
        ),
        interview=interview,
        when="Thursday 26 November 2026, 13:00–14:00 (America/New_York)",
        attendees=[
            Attendee("Elena Kovacs", "Head of Data Platform", "hiring manager"),
            Attendee("Marco Bianchi", "Talent Partner", "recruiter", [screen]),
        ],
        introduction=Introduction(
            "Hi, I'm Jordan Lee.",
            "I'm Jordan Lee. I led 400 migrations. It fits.",
            [Evidence("Led 400 migrations", "resume: Fieldstone", 1.0, ["dbt"], True)],
        ),
        questions=[Question(2, "What is driving the platform rebuild?", QuestionCategory.VISION)],
        wishes=["how I cut incidents by 60%"],
        learned=["Marco: the team is rebuilding its ingestion for HIPAA audits"],
        requirements=[("Airflow", Evidence("Led 400 migrations", "resume", 1.0)), ("HIPAA", None)],
        news=[NewsItem(2, "Bluebird partners with hospitals", published=NOW - timedelta(days=8))],
        timezone="America/New_York",
    )


def test_markdown_has_every_section():
    text = render_markdown(sheet())
    for expected in [
        "# Prep sheet: Data Platform Lead at Bluebird <Health>",
        "### Elena Kovacs, Head of Data Platform (hiring manager)",
        "- First conversation with Elena.",
        "Thu 19 Nov 2026, phone screen: Intro call; team of four.",
        "  - Marco: the team is rebuilding its ingestion for HIPAA audits",
        "**Spoken (30 seconds):** Hi, I'm Jordan Lee.",
        "- Led 400 migrations (resume: Fieldstone; matches dbt; a measured result)",
        "- [vision] What is driving the platform rebuild?",
        "- Cover what you wished you had: how I cut incidents by 60%",
        "- HIPAA: no evidence in your profile yet",
        "- Mon 16 Nov 2026: Bluebird partners with hospitals",
    ]:
        assert expected in text, expected


@pytest.mark.browser
def test_printable_html_renders_in_chromium(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    page_file = tmp_path / "prep.html"
    page_file.write_text(render_html(sheet()), encoding="utf-8")
    with sync_api.sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        except Exception as exc:  # no Chromium on this machine
            pytest.skip(f"Chromium not available: {exc}")
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            assert page.title() == "Prep sheet: Data Platform Lead at Bluebird <Health>"
            assert page.locator("h1").inner_text() == "Data Platform Lead at Bluebird <Health>"
            assert "13:00–14:00" in page.locator("#when").inner_text()
            people = page.locator("#attendees h3").all_inner_texts()
            assert people == [
                "Elena Kovacs, Head of Data Platform (hiring manager)",
                "Marco Bianchi, Talent Partner (recruiter)",
            ]
            assert page.locator("#questions li").all_inner_texts() == [
                "What is driving the platform rebuild? (vision)"
            ]
            assert page.locator("script").count() == 0
            page.emulate_media(media="print")
            pdf = page.pdf(format="A4")
            assert pdf.startswith(b"%PDF") and len(pdf) > 2000
        finally:
            browser.close()
