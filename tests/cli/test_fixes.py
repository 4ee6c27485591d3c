"""The CLI words a service error with the option that fixes it (cli/fixes.py); the
service's own message names no option, so the web form shows it as it is."""

from __future__ import annotations

import pytest

from topofmind.cli.fixes import worded
from topofmind.errors import DeliveryFailed, InvalidValue, TomError, UnknownPerson
from topofmind.services.events import add_event
from topofmind.services.interactions import LogEntry, log_interaction
from topofmind.services.opportunities import add_opportunity
from topofmind.services.profile import init_profile, work_days_from


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (
            InvalidValue("Say who it was with.", field="with"),
            "Say who it was with: --with NAME (repeat for a panel).",
        ),
        (
            UnknownPerson("No person matches 'Zed'.", field="with"),
            "No person matches 'Zed'. Or add them as you log, with --add-new.",
        ),
        (
            UnknownPerson("No person matches 'Zed'.", field="add_people"),
            "No person matches 'Zed'. Or add them here with --add-new.",
        ),
        (
            InvalidValue("A deadline needs the request it is for.", field="request_by"),
            "--by gives a request's deadline; add --request TEXT.",
        ),
        (
            DeliveryFailed(
                "This is a LinkedIn note: paste it into the connection request.", field="copy"
            ),
            "This is a LinkedIn note: paste it into the connection request "
            "(print it, or copy it with --copy).",
        ),
        (InvalidValue("Unknown stage 'x'."), "Unknown stage 'x'."),
        (InvalidValue("Something else.", field="no-such-field"), "Something else."),
    ],
)
def test_an_error_about_an_input_names_its_option(error, line):
    assert worded(error) == line


def _refusal(call) -> TomError:
    with pytest.raises(TomError) as caught:
        call()
    return caught.value


def test_service_errors_name_no_option_and_the_cli_words_them_as_before(fresh_db):
    cases = [
        (
            lambda: log_interaction(fresh_db, LogEntry("call", [])),
            "Say who it was with: --with NAME (repeat for a panel).",
        ),
        (
            lambda: add_opportunity(fresh_db, "Data Engineer", " "),
            "An opportunity needs an organization: --org NAME.",
        ),
        (
            lambda: add_event(fresh_db, "Meetup", "2026-12-01T18:00Z", until="2026-12-01T17:00Z"),
            "The event ends (--until) before it starts (--at).",
        ),
        (
            lambda: init_profile(fresh_db, " ", [], "UTC"),
            "Your name cannot be empty: tom init --name 'Ada Lovelace'.",
        ),
        (
            lambda: work_days_from("mon-"),
            "'mon-' leaves out a day: --work-days takes day names such as mon-fri, "
            "sun-thu or mon,wed,fri.",
        ),
    ]
    from topofmind.services.demo import load_demo

    cases.append(
        (
            lambda: load_demo(fresh_db),
            "This database already holds a job search. Load the demo into another one "
            "(tom --db demo.db demo) or replace this one with `tom demo --reset`.",
        )
    )
    for call, line in cases:
        error = _refusal(call)
        assert "--" not in str(error), str(error)
        assert worded(error) == line
