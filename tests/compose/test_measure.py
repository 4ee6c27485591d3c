"""The check measured on the labelled set of good and broken drafts, as the docs say."""

import json
import re
from pathlib import Path

from topofmind.compose.measure import measure

ROOT = Path(__file__).resolve().parents[2]
SET = ROOT / "tests" / "compose" / "data" / "check_set.json"


def test_the_labelled_set_is_big_enough_and_varied():
    items = json.loads(SET.read_text(encoding="utf-8"))
    labels = [i["label"] for i in items]
    assert labels.count("good") >= 40 and labels.count("broken") >= 40
    whys = {re.sub(r" \(.*", "", i["why"]) for i in items if i["label"] == "broken"}
    for kind in (
        "recipient named in the third person",
        "verb does not agree with you",
        "sentence with no verb",
        "two finite verbs in one clause",
        "unfilled blank",
        "internal label",
        "filler",
        "sentences shared with another letter of the panel",
        "already sent to them",
    ):
        assert kind in whys


def test_the_check_flags_the_broken_and_spares_the_good():
    figures = measure(SET)
    assert figures.caught >= 0.95, figures.misses
    assert figures.false_alarms <= 0.05, figures.misses


def test_the_docs_give_the_measured_figures():
    figures = measure(SET)
    page = (ROOT / "docs" / "drafts.md").read_text(encoding="utf-8")
    assert figures.sentence() in " ".join(page.split())


def test_each_of_the_issue_examples_is_flagged():
    items = json.loads(SET.read_text(encoding="utf-8"))
    examples = [i for i in items if i["why"].startswith("issue:")]
    assert len(examples) >= 4
    from topofmind.compose.check import CheckFacts, check_draft

    for item in examples:
        findings = check_draft(item["subject"], item["body"], CheckFacts(**item["facts"]))
        assert findings, item["why"]
