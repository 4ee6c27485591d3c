"""How notes and errors written for the command line read on a page."""

from __future__ import annotations

import html

import pytest

from topofmind.web.pages import without_commands


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "Filed under Senior Data Engineer at Northwind Analytics (#1); use --opp to "
            "choose another.",
            "Filed under Senior Data Engineer at Northwind Analytics (#1).",
        ),
        (
            "No opportunity has id 99. `tom opp list` shows them; `tom opp add` adds one.",
            "No opportunity has id 99.",
        ),
        (
            'Read as a request: "Could you send it by Friday?" (by Fri 27 Nov 17:00); '
            "--request TEXT words it yourself.",
            'Read as a request: "Could you send it by Friday?" (by Fri 27 Nov 17:00).',
        ),
        (
            "Unknown time zone 'Europe/Londn'. Did you mean Europe/London? Use an IANA name.",
            "Unknown time zone 'Europe/Londn'. Did you mean Europe/London? Use an IANA name.",
        ),
        ("Run `tom init` first.", "Run `tom init` first."),  # nothing else to say: kept
        (
            "Well-known co-op --- a dash is not an option.",
            "Well-known co-op --- a dash is not an option.",
        ),
    ],
)
def test_without_commands(text, shown):
    assert without_commands(text) == shown


def test_a_note_after_logging_reads_without_command_line_options(web):
    result = web.form("/log", {"kind": "call", "with": ["Priya Nair"], "at": "2026-11-24T14:00"})
    page = html.unescape(result.text)
    assert "Filed under Senior Data Engineer at Northwind Analytics (#1)." in page
    assert "--opp" not in page


def test_a_missing_record_page_has_no_commands(web):
    page = html.unescape(web.get("/opportunities/99").text)
    assert "No opportunity has id 99." in page and "`tom" not in page
