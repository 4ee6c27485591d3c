"""The optional model: used when it answers with a clean draft, the template otherwise."""

import httpx
import pytest

from topofmind.compose.drafts import compose
from topofmind.compose.llm import improve
from topofmind.settings import Settings

from .test_drafts import DANA, action, context

SETTINGS = Settings({"llm_url": "http://llm.invalid/v1", "llm_model": "small"})


def transport(answer: str | None = None, status: int = 200) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/v1/chat/completions"
        if answer is None:
            return httpx.Response(status, json={"error": "down"})
        return httpx.Response(200, json={"choices": [{"message": {"content": answer}}]})

    return httpx.MockTransport(handle)


def draft_and_context():
    ctx = context([DANA])
    return compose(action("thank-you", [1]), ctx), ctx


def test_a_clean_answer_replaces_the_template():
    draft, ctx = draft_and_context()
    answer = (
        "Hi Dana,\n\nThanks again for yesterday. Your point that data quality across 40 "
        "product dashboards is your top worry stayed with me.\n\nBest,\nJordan Lee"
    )
    notes = []
    better = improve(draft, ctx, SETTINGS, notes.append, transport(answer))
    assert better.source == "llm" and better.body == answer.strip()
    assert better.findings == [] and notes == []


@pytest.mark.parametrize(
    ("answer", "status", "note"),
    [
        ("Hi Dana,\n\nJust checking in!\n\nJordan", 200, "failed the check"),
        (None, 500, "did not answer (HTTPStatusError)"),
        ("", 200, "empty answer"),
    ],
)
def test_the_template_stands_when_the_model_fails(answer, status, note):
    draft, ctx = draft_and_context()
    notes = []
    kept = improve(draft, ctx, SETTINGS, notes.append, transport(answer, status))
    assert kept is draft and kept.source == "template"
    assert len(notes) == 1 and note in notes[0]


def test_nothing_is_asked_without_an_endpoint():
    draft, ctx = draft_and_context()
    assert improve(draft, ctx, Settings(), print, transport("unused")) is draft
