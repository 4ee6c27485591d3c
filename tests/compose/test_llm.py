"""The optional model, over real HTTP: used when it answers with a clean draft, the template
otherwise.

A local server (``tests/fixtures/http.py``) stands in for an OpenAI-compatible endpoint,
so the request that leaves the machine and every way the answer can fail are the real
ones: an error status, garbage, silence past the timeout, nobody listening.
"""

import json
import socket

import pytest

from topofmind.compose.drafts import compose
from topofmind.compose.llm import improve
from topofmind.settings import Settings

from .test_drafts import DANA, action, context

PATH = "/v1/chat/completions"
CLEAN = (
    "Hi Dana,\n\nThanks again for yesterday. Your point that data quality across 40 "
    "product dashboards is your top worry stayed with me.\n\nBest,\nJordan Lee"
)


def settings_for(http_server, **more) -> Settings:
    return Settings({"llm_url": f"{http_server.base_url}/v1", "llm_model": "small", **more})


def answering(http_server, content: str | None = None, **route) -> None:
    """The endpoint answers ``content`` as a chat completion, or as ``route`` says."""
    if content is not None:
        route["body"] = json.dumps({"choices": [{"message": {"content": content}}]}).encode()
    http_server.route(PATH, content_type="application/json", **route)


def draft_and_context():
    ctx = context([DANA])
    return compose(action("thank-you", [1]), ctx), ctx


def test_a_clean_answer_replaces_the_template(http_server, monkeypatch):
    monkeypatch.setenv("TOM_LLM_API_KEY", "sk-local")
    answering(http_server, CLEAN + "\n")
    draft, ctx = draft_and_context()
    notes = []
    better = improve(draft, ctx, settings_for(http_server), notes.append)
    assert better.source == "llm" and better.body == CLEAN
    assert better.findings == [] and notes == []
    (asked,) = http_server.requests
    assert (asked.method, asked.path) == ("POST", PATH)
    assert asked.headers["Authorization"] == "Bearer sk-local"
    sent = json.loads(asked.body)
    assert sent["model"] == "small"
    assert sent["messages"][0]["role"] == "system"
    assert "never invent names" in sent["messages"][0]["content"]
    assert draft.body in sent["messages"][1]["content"]  # the template's draft to improve
    assert "To: Dana Ruiz" in sent["messages"][1]["content"]


def test_no_key_no_authorization_header(http_server, monkeypatch):
    monkeypatch.delenv("TOM_LLM_API_KEY", raising=False)
    answering(http_server, CLEAN)
    draft, ctx = draft_and_context()
    improve(draft, ctx, settings_for(http_server), print)
    assert "Authorization" not in http_server.requests[0].headers


@pytest.mark.parametrize(
    ("route", "note"),
    [
        ({"content": "Hi Dana,\n\nJust checking in!\n\nJordan"}, "failed the check"),
        ({"content": ""}, "empty answer"),
        ({"body": b'{"error": "overloaded"}', "status": 500}, "did not answer (HTTPStatusError)"),
        ({"body": b"<html>gateway</html>"}, "did not answer (JSONDecodeError)"),
        ({"body": b'{"choices": []}'}, "did not answer (IndexError)"),
        ({"content": CLEAN, "delay": 1.5}, "did not answer (ReadTimeout)"),
    ],
    ids=["fails the check", "empty", "error status", "garbage", "no choices", "too slow"],
)
def test_the_template_stands_when_the_model_fails(http_server, route, note):
    answering(http_server, **route)
    draft, ctx = draft_and_context()
    notes = []
    kept = improve(draft, ctx, settings_for(http_server, llm_timeout_seconds=1), notes.append)
    assert kept is draft and kept.source == "template"
    assert len(notes) == 1 and note in notes[0]
    assert notes[0].startswith("The drafting model") and notes[0].endswith("used the template.")


def test_nobody_listening_is_one_note(http_server):
    with socket.socket() as probe:  # a port that was free a moment ago and is closed now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    draft, ctx = draft_and_context()
    notes = []
    settings = Settings({"llm_url": f"http://127.0.0.1:{port}/v1", "llm_model": "small"})
    assert improve(draft, ctx, settings, notes.append) is draft
    assert notes == ["The drafting model did not answer (ConnectError); used the template."]


def test_nothing_is_asked_without_an_endpoint(http_server):
    answering(http_server, CLEAN)
    draft, ctx = draft_and_context()
    assert improve(draft, ctx, Settings(), print) is draft
    assert http_server.requests == []
