"""docs/rules.md names every rule and every setting a rule reads, so it cannot drift."""

from __future__ import annotations

from pathlib import Path

from topofmind.playbook.registry import load_rules

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_every_rule_and_its_settings_are_documented():
    text = DOC.read_text(encoding="utf-8")
    for rule in load_rules():
        assert f"### {rule.name}\n" in text, f"docs/rules.md lacks the rule {rule.name}"
        for name in rule.settings:
            assert f"`{name}`" in text, f"docs/rules.md lacks the setting {name}"
